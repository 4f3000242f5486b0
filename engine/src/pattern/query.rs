//! The bounded buffer every pattern query writes into.
//!
//! Queries run on the audio thread, so they must not allocate. A `QueryBuf` is allocated once
//! (off-thread) with a fixed capacity and used as a stack: a combinator queries its children,
//! which append haps at the end; it then rewrites, filters or moves those haps in place and
//! truncates what it no longer needs. Work is bounded three ways: by capacity (haps past it are
//! dropped), by nesting depth, and by a step budget per top-level query. Any of them tripping
//! marks the query as overflowed, which the engine counts and reports; nothing panics, nothing
//! allocates, nothing hangs.
//!
//! A query also carries a small stack of bound arguments (see [`Slot`]): a function such as
//! `inside "<2 4>" (rev)` applies `rev` once, at build time, to a pattern whose slow-down is read
//! from this stack at query time, so patterned arguments never rebuild trees on the audio thread.

use super::hap::Hap;
use crate::time::Rational;
use std::sync::atomic::{AtomicU32, Ordering};

/// Deepest pattern nesting a query follows.
pub const MAX_DEPTH: u32 = 200;
/// Pattern nodes visited plus haps produced, per top-level query.
pub const DEFAULT_BUDGET: u32 = 400_000;
/// Default capacity of a query buffer (haps).
pub const DEFAULT_CAPACITY: usize = 8192;
/// Most arguments bound at once (nested patterned functions).
pub const MAX_BINDINGS: usize = 32;
/// Values one binding carries.
pub const BINDING_WIDTH: usize = 4;

/// Identifies one argument binding: made when a pattern tree is built (off the audio thread),
/// bound by the node that owns it while it queries, read by the nodes built inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(u32);

impl Slot {
    /// A slot no other binding uses.
    pub fn fresh() -> Slot {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        Slot(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

pub struct QueryBuf {
    haps: Vec<Hap>,
    cap: usize,
    depth: u32,
    steps: u32,
    budget: u32,
    overflowed: bool,
    overflows: u64,
    bindings: [(Slot, [f64; BINDING_WIDTH]); MAX_BINDINGS],
    bound: usize,
}

impl QueryBuf {
    /// Allocate a buffer for `cap` haps (off the audio thread).
    pub fn new(cap: usize) -> QueryBuf {
        QueryBuf::with_budget(cap, DEFAULT_BUDGET)
    }

    pub fn with_budget(cap: usize, budget: u32) -> QueryBuf {
        QueryBuf {
            haps: Vec::with_capacity(cap.max(1)),
            cap: cap.max(1),
            depth: 0,
            steps: 0,
            budget,
            overflowed: false,
            overflows: 0,
            bindings: [(Slot(0), [0.0; BINDING_WIDTH]); MAX_BINDINGS],
            bound: 0,
        }
    }

    /// Begin a new top-level query: empties the buffer and resets the limits.
    #[inline]
    pub fn start(&mut self) {
        self.haps.clear();
        self.depth = 0;
        self.steps = 0;
        self.overflowed = false;
        self.bound = 0;
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.haps.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.haps.is_empty()
    }

    #[inline]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// Whether the last top-level query hit a limit.
    #[inline]
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// How many top-level queries overflowed since the buffer was made.
    #[inline]
    pub fn overflow_count(&self) -> u64 {
        self.overflows
    }

    #[inline]
    fn trip(&mut self) {
        if !self.overflowed {
            self.overflowed = true;
            self.overflows += 1;
        }
    }

    /// Record that this query had to drop work (a bound was exceeded).
    #[inline]
    pub fn mark_overflow(&mut self) {
        self.trip();
    }

    /// True when no more haps can be produced in this query; loops that generate haps check it
    /// so that `fast 1e9` stops early instead of spinning.
    #[inline]
    pub fn full(&self) -> bool {
        self.overflowed || self.haps.len() >= self.cap || self.steps >= self.budget
    }

    /// Count one turn of a loop whose length depends on the query. False (and the query marked
    /// overflowed) when the query is out of room or budget: the loop must stop.
    #[inline]
    pub fn tick(&mut self) -> bool {
        self.steps = self.steps.saturating_add(1);
        if self.full() {
            self.trip();
            false
        } else {
            true
        }
    }

    /// Append a hap (dropped, and the query marked overflowed, when full).
    #[inline]
    pub fn push(&mut self, h: Hap) {
        self.steps = self.steps.saturating_add(1);
        if self.haps.len() < self.cap && self.steps < self.budget {
            self.haps.push(h);
        } else {
            self.trip();
        }
    }

    /// Enter a nested query; false (and overflowed) when too deep or out of budget.
    #[inline]
    pub(crate) fn enter(&mut self) -> bool {
        self.steps = self.steps.saturating_add(1);
        if self.depth >= MAX_DEPTH || self.steps >= self.budget || self.overflowed {
            self.trip();
            return false;
        }
        self.depth += 1;
        true
    }

    #[inline]
    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Bind `values` to `slot` for the nested queries that follow; false (and overflowed) when
    /// too many bindings are open. Every successful bind is followed by [`QueryBuf::unbind`].
    #[inline]
    pub fn bind(&mut self, slot: Slot, values: [f64; BINDING_WIDTH]) -> bool {
        if self.bound >= MAX_BINDINGS {
            self.trip();
            return false;
        }
        self.bindings[self.bound] = (slot, values);
        self.bound += 1;
        true
    }

    #[inline]
    pub fn unbind(&mut self) {
        self.bound = self.bound.saturating_sub(1);
    }

    /// The innermost values bound to `slot`, if it is bound.
    #[inline]
    pub fn bound(&self, slot: Slot) -> Option<[f64; BINDING_WIDTH]> {
        self.bindings[..self.bound].iter().rev().find(|(s, _)| *s == slot).map(|(_, v)| *v)
    }

    #[inline]
    pub fn haps(&self) -> &[Hap] {
        &self.haps
    }

    #[inline]
    pub fn get(&self, i: usize) -> Hap {
        self.haps[i]
    }

    #[inline]
    pub fn haps_mut(&mut self) -> &mut [Hap] {
        &mut self.haps
    }

    #[inline]
    pub fn truncate(&mut self, n: usize) {
        self.haps.truncate(n);
    }

    /// Remove `[from, to)`, moving everything after it down.
    #[inline]
    pub fn remove_range(&mut self, from: usize, to: usize) {
        let len = self.haps.len();
        let to = to.min(len);
        if from >= to {
            return;
        }
        self.haps.copy_within(to..len, from);
        self.haps.truncate(len - (to - from));
    }

    /// Rewrite every hap from `mark` on, in place (haps are large: they are never copied out
    /// and back).
    #[inline]
    pub fn map_from(&mut self, mark: usize, mut f: impl FnMut(&mut Hap)) {
        for h in &mut self.haps[mark..] {
            f(h);
        }
    }

    /// Map the times of every hap from `mark` on (whole and part), in place.
    #[inline]
    pub fn map_times_from(&mut self, mark: usize, f: impl Fn(Rational) -> Rational) {
        for h in &mut self.haps[mark..] {
            h.map_times(&f);
        }
    }

    /// Keep only the haps from `mark` on for which `f` returns `Some`, replaced by it, in
    /// order.
    #[inline]
    pub fn filter_map_from(&mut self, mark: usize, mut f: impl FnMut(&Hap) -> Option<Hap>) {
        self.retain_mut_from(mark, |h| match f(h) {
            Some(n) => {
                *h = n;
                true
            }
            None => false,
        });
    }

    /// Rewrite the haps from `mark` on in place, keeping (in order) those for which `f`
    /// returns true.
    #[inline]
    pub fn retain_mut_from(&mut self, mark: usize, mut f: impl FnMut(&mut Hap) -> bool) {
        let mut w = mark;
        for r in mark..self.haps.len() {
            if f(&mut self.haps[r]) {
                if w != r {
                    self.haps[w] = self.haps[r];
                }
                w += 1;
            }
        }
        self.haps.truncate(w);
    }

    /// Keep only the haps from `mark` on that satisfy `f`.
    #[inline]
    pub fn retain_from(&mut self, mark: usize, mut f: impl FnMut(&Hap) -> bool) {
        self.retain_mut_from(mark, |h| f(h));
    }

    /// Reverse the order of haps from `mark` on.
    #[inline]
    pub fn reverse_from(&mut self, mark: usize) {
        self.haps[mark..].reverse();
    }
}

impl std::fmt::Debug for QueryBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueryBuf").field("len", &self.haps.len()).field("cap", &self.cap).finish()
    }
}
