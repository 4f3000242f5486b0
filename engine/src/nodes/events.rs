//! The onsets of a pattern within one engine block, for nodes that trigger on events
//! (`env`, sample-and-hold clocks). Fixed capacity: no allocation on the audio thread.

use super::signal_value;
use crate::graph::{Ctx, BLOCK};
use crate::pattern::Pattern;

/// Most onsets one block keeps; later ones in the same block are dropped.
pub const MAX_EVENTS: usize = 64;

/// One event starting in the block.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Onset {
    /// Sample within the block (0..BLOCK).
    pub offset: usize,
    /// The event's numeric value, or 1 for values that are not numbers.
    pub level: f32,
    /// Engine sample at which the event ends.
    pub end: i64,
}

pub struct BlockEvents {
    items: [Onset; MAX_EVENTS],
    len: usize,
}

impl Default for BlockEvents {
    fn default() -> Self {
        BlockEvents::new()
    }
}

impl BlockEvents {
    pub fn new() -> BlockEvents {
        BlockEvents { items: [Onset::default(); MAX_EVENTS], len: 0 }
    }

    /// Query `pattern` for the events whose onsets fall in the current block, sorted by time.
    pub fn collect(&mut self, pattern: &Pattern, ctx: &mut Ctx) {
        self.len = 0;
        let start = ctx.block_start;
        ctx.query.start();
        pattern.query(ctx.clock.block_span(start), ctx.query);
        for h in ctx.query.haps() {
            if !h.has_onset() || self.len == MAX_EVENTS {
                continue;
            }
            let Some(whole) = h.whole else { continue };
            let offset = (ctx.clock.sample_of(whole.begin) - start).clamp(0, BLOCK as i64 - 1) as usize;
            let level = match signal_value(&h.value) {
                Some(v) if v.is_finite() => v as f32,
                _ => 1.0,
            };
            self.items[self.len] = Onset { offset, level, end: ctx.clock.sample_of(whole.end) };
            self.len += 1;
        }
        self.items[..self.len].sort_unstable_by_key(|e| e.offset);
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn get(&self, i: usize) -> Onset {
        self.items[i]
    }
}
