//! Graph nodes: the units the compiler wires together. Sources, processors and utilities
//! registered in the metadata table live here, one file per family with its part of the
//! table, next to the internal nodes the compiler uses for arithmetic, mixing, feedback and
//! patterns-as-signals.

mod bank;
mod dynamics;
mod effects;
mod events;
mod filters;
pub mod host;
mod math;
mod sources;
mod stepped;
mod tap;
mod util;
mod utilities;

pub use bank::{Lane, VoiceBank};
pub use dynamics::{DYNAMICS, LIMITER_LOOKAHEAD};
pub use effects::EFFECTS;
pub use events::{BlockEvents, Onset, MAX_EVENTS};
pub use filters::FILTERS;
pub use math::{Math, MathOp, Mix, Negate};
pub use sources::SOURCES;
pub use stepped::{signal_value, Stepped};
pub use tap::Tap;
pub use utilities::UTILITIES;
