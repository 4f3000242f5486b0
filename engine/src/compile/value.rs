//! What an expression compiles to.

use crate::graph::plan::NodeId;
use crate::lang::ast::{BinOp, SrcSpan};
use crate::meta::FnMeta;
use crate::pattern::Pattern;
use crate::time::Rational;

#[derive(Clone)]
pub(crate) struct Val {
    pub v: V,
    /// Structural hash: equal hashes mean equal meaning.
    pub h: u64,
    pub span: SrcSpan,
}

#[derive(Clone)]
pub(crate) enum V {
    /// A constant; `exact` when the literal arithmetic stayed rational.
    Num(f64, Option<Rational>),
    /// A pattern. `ctl` when its values are control maps (events to play), else plain values.
    Pat(Pattern, bool),
    /// An audio-rate signal: a node's output. `pat` keeps the pattern a bus was defined as, for
    /// places that need a pattern.
    Sig {
        node: NodeId,
        pat: Option<(Pattern, bool)>,
        /// The signal as a continuous pattern of cycle time, where it is a function of time
        /// alone (an oscillator of constant frequency, arithmetic on such): event controls
        /// sample it at each event's onset (`# pan (sine 0.5)`).
        onset: Option<Pattern>,
    },
    Fun(Func),
    List(Vec<Val>),
}

#[derive(Clone)]
pub(crate) enum Func {
    /// A function applied to fewer arguments than it takes. `slots` holds one entry per
    /// parameter, then (processors) one for the audio input.
    Partial { meta: &'static FnMeta, slots: Vec<Option<Val>>, path: Vec<u32> },
    /// An operator section: `(# speed 2)`, `(0.25 <~)`, `(+ 12)`.
    Section { op: BinOp, left: Option<Box<Val>>, right: Option<Box<Val>> },
    /// `f . g`: applies the last first.
    Compose(Vec<Val>),
    /// `($)`: `($) f` is `f`.
    Apply,
}

impl Val {
    pub fn new(v: V, h: u64, span: SrcSpan) -> Val {
        Val { v, h, span }
    }

    pub fn describe(&self) -> &'static str {
        match &self.v {
            V::Num(..) => "a number",
            V::Pat(_, true) => "a pattern of events",
            V::Pat(_, false) => "a pattern",
            V::Sig { .. } => "a signal",
            V::Fun(_) => "a function",
            V::List(_) => "a list",
        }
    }
}
