//! The Phonon language: statements and expressions (grammar, syntax tree, diagnostics).
//! Mini-notation strings are parsed by the pattern engine (`pattern::mini`).

pub mod ast;
pub mod error;
pub mod highlight;
pub mod lambda;
pub mod lines;
pub mod parse;

pub use error::{line_col, Diagnostic, Errors};
pub use parse::{clear_statement_cache, parse_program};
