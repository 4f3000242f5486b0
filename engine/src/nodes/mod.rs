//! Graph nodes: the units the compiler wires together. Sources, processors and utilities
//! registered in the metadata table live here, next to the internal nodes the compiler uses
//! for arithmetic, mixing, feedback and patterns-as-signals.

pub mod host;
mod math;
mod osc;
mod stepped;
mod tap;

pub use math::{Math, MathOp, Mix, Negate};
pub use stepped::{signal_value, Stepped};
pub use tap::Tap;

use crate::meta::{Channels, FnMeta, Imp, Kind, Param, Unit};

const FREQ: Param = Param::value("freq", (-20000.0, 20000.0), Unit::Hz);

/// Sources and processors.
pub static FUNCTIONS: &[FnMeta] = &[FnMeta {
    name: "sine",
    aliases: &["sin"],
    kind: Kind::Source,
    params: &[FREQ],
    variadic: false,
    help: "A sine wave. The frequency may be a number, a pattern or a signal (FM).",
    example: "out: sine 440 * 0.3",
    imp: Imp::Node { make: osc::make_sine, channels: Channels::Mono, cost: 2 },
}];

/// Signal utilities.
pub static UTILITIES: &[FnMeta] = &[];
