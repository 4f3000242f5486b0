//! Exact musical time: rationals for cycle positions and spans of them. Floating point never
//! touches pattern time, so long sessions never drift and events land on exact samples.

mod rational;
mod span;

pub use rational::{decimal, Rational};
pub use span::{CycleSpans, Span};
