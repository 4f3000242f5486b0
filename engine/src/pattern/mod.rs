//! Patterns: functions from spans of cycle time to haps, after TidalCycles and Strudel.
//!
//! A pattern is an immutable tree of combinators, built off the audio thread and shared by
//! `Arc`. Querying it appends haps to a [`QueryBuf`] without allocating (see `query.rs`), so
//! the audio thread can ask any pattern for the events of its next block directly; there is no
//! look-ahead scheduler.
//!
//! The rooms: `core` (the elementary patterns and combinators), `transform` (time transforms
//! of a query, shared by everything), `join` (patterned arguments: Strudel's patternify and
//! innerJoin), `ops` (combining values of two patterns), `rand` and `euclid` (Strudel's random
//! generator and Bjorklund's algorithm), `notes` (note names, chords, scales), `mini`
//! (mini-notation), `library` (the functions of the language) and `host` (the MIDI input as a
//! pattern).

pub mod core;
pub mod euclid;
mod hap;
pub mod host;
pub mod join;
pub mod library;
pub mod locs;
pub mod mini;
pub mod notes;
pub mod ops;
mod query;
pub mod rand;
pub mod transform;
pub mod value;

pub use hap::Hap;
pub use locs::Locs;
pub use query::{QueryBuf, Slot, BINDING_WIDTH, DEFAULT_BUDGET, DEFAULT_CAPACITY, MAX_BINDINGS, MAX_DEPTH};
pub use value::{Atom, List, Map, Sym, Value};

use crate::time::{Rational, Span};
use std::sync::Arc;

/// The one thing a pattern node does: append the haps active in `span` to `out`.
///
/// Implementations must not allocate, lock or block, must check `out.full()` in any loop whose
/// length depends on the query, and must leave everything below the length `out` had on entry
/// untouched.
pub trait Query: Send + Sync + 'static {
    fn query(&self, span: Span, out: &mut QueryBuf);

    /// For a pattern that is one constant value per cycle (a number, a single mini-notation
    /// atom): that value. Lets functions check constant arguments at build time.
    fn constant(&self) -> Option<Constant> {
        None
    }
}

/// The value of a constant pattern, and how functions taking it as an argument apply it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Constant {
    pub value: Value,
    /// Applied directly, as Strudel applies a plain number or fraction. When false the
    /// argument is joined cycle by cycle like any patterned argument, as Strudel does with a
    /// mini-notation number: events crossing a cycle boundary come out as two fragments.
    pub direct: bool,
    /// Where the constant is written in the program, if it is a word of it.
    pub locs: Locs,
}

/// A shareable pattern.
#[derive(Clone)]
pub struct Pattern {
    imp: Arc<dyn Query>,
}

impl Pattern {
    pub fn new(q: impl Query) -> Pattern {
        Pattern { imp: Arc::new(q) }
    }

    /// Append the haps of `span` to `out` (allocation-free; bounded by `out`'s limits).
    #[inline]
    pub fn query(&self, span: Span, out: &mut QueryBuf) {
        if !out.enter() {
            return;
        }
        self.imp.query(span, out);
        out.leave();
    }

    /// See [`Query::constant`].
    pub fn constant(&self) -> Option<Constant> {
        self.imp.constant()
    }

    /// Query into a fresh buffer and return the haps in output order (allocates: tools, tests
    /// and the compiler only). The second value says whether the query overflowed.
    pub fn haps_checked(&self, span: Span) -> (Vec<Hap>, bool) {
        let mut buf = QueryBuf::new(1 << 16);
        buf.start();
        self.query(span, &mut buf);
        let mut v = buf.haps().to_vec();
        v.sort_by(Hap::time_order);
        (v, buf.overflowed())
    }

    /// [`Pattern::haps_checked`] without the overflow flag.
    pub fn haps(&self, begin: Rational, end: Rational) -> Vec<Hap> {
        self.haps_checked(Span::new(begin, end)).0
    }

    /// True when both handles point at the same node (cheap identity, used by the compiler).
    pub fn same(&self, o: &Pattern) -> bool {
        Arc::ptr_eq(&self.imp, &o.imp)
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pattern")
    }
}
