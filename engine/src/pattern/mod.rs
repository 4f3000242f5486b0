//! Patterns: functions from spans of cycle time to haps, after TidalCycles and Strudel.
//!
//! A pattern is an immutable tree of combinators, built off the audio thread and shared by
//! `Arc`. Querying it appends haps to a [`QueryBuf`] without allocating (see `query.rs`), so
//! the audio thread can ask any pattern for the events of its next block directly; there is no
//! look-ahead scheduler. Everything is built from the small core in `core.rs`.

pub mod core;
mod hap;
pub mod host;
pub mod library;
pub mod mini;
pub mod ops;
mod query;
pub mod value;

pub use hap::Hap;
pub use query::{QueryBuf, DEFAULT_BUDGET, DEFAULT_CAPACITY, MAX_DEPTH};
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
