//! The steps that play: for every block, the source words of the events that start in it,
//! handed from the audio thread to the editor, which lights them while they sound.
//!
//! Each [`Player`](crate::voice::Player) notes the events it starts in a block
//! ([`BlockSteps`], fixed capacity); after the block the engine gathers them, in time order,
//! with the outputs they play on, and pushes them into a [`StepFeed`]: a preallocated
//! lock-free queue that drops what does not fit. Nothing here allocates or locks on the audio
//! thread.

use crate::pattern::Locs;
use crossbeam::queue::ArrayQueue;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// Most events one player notes per block; later ones still sound but are not lit.
pub const MAX_BLOCK_STEPS: usize = 64;
/// Most steps the engine publishes per block, all players together.
pub const MAX_PUBLISHED: usize = 256;
/// Steps the feed holds before it drops new ones (a few seconds of a busy program at 60 fps).
pub const FEED_CAPACITY: usize = 4096;

/// One event that started playing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlayedStep {
    /// The program the event belongs to ([`program_id`] of its text).
    pub program: u64,
    /// Where its words are in that text.
    pub locs: Locs,
    /// Bit k: it plays on output k (0 = main).
    pub outputs: u32,
    /// Engine sample of its onset.
    pub start: i64,
    /// Its length in samples (at least 1).
    pub len: i64,
}

/// The events one player started in the current block.
pub struct BlockSteps {
    items: [(Locs, i64, i64); MAX_BLOCK_STEPS],
    len: usize,
}

impl Default for BlockSteps {
    fn default() -> Self {
        BlockSteps { items: [(Locs::NONE, 0, 0); MAX_BLOCK_STEPS], len: 0 }
    }
}

impl BlockSteps {
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Note an event written at `locs` starting at engine sample `start` for `len` samples.
    #[inline]
    pub fn push(&mut self, locs: Locs, start: i64, len: i64) {
        if locs.is_empty() || self.len == MAX_BLOCK_STEPS {
            return;
        }
        self.items[self.len] = (locs, start, len);
        self.len += 1;
    }

    /// `(locs, start, len)` of each event noted.
    pub fn iter(&self) -> impl Iterator<Item = (Locs, i64, i64)> + '_ {
        self.items[..self.len].iter().copied()
    }
}

/// The queue from the audio thread to whoever lights the steps.
pub struct StepFeed {
    queue: ArrayQueue<PlayedStep>,
    dropped: AtomicU64,
}

impl Default for StepFeed {
    fn default() -> Self {
        StepFeed::new(FEED_CAPACITY)
    }
}

impl StepFeed {
    /// A feed holding `capacity` steps (allocated here, off the audio thread).
    pub fn new(capacity: usize) -> StepFeed {
        epoch();
        StepFeed { queue: ArrayQueue::new(capacity.max(1)), dropped: AtomicU64::new(0) }
    }

    /// Audio thread: publish a step, or drop it when the queue is full.
    #[inline]
    pub fn publish(&self, s: PlayedStep) {
        if self.queue.push(s).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The oldest step not taken yet.
    pub fn take(&self) -> Option<PlayedStep> {
        self.queue.pop()
    }

    /// Steps dropped because nobody took them in time.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

/// The engine's scratch for one block's steps, sorted by onset before they are published.
pub(crate) struct Gathered {
    items: Box<[PlayedStep; MAX_PUBLISHED]>,
    len: usize,
}

impl Default for Gathered {
    fn default() -> Self {
        Gathered { items: Box::new([PlayedStep::default(); MAX_PUBLISHED]), len: 0 }
    }
}

impl Gathered {
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    pub(crate) fn add(&mut self, program: u64, outputs: u32, steps: &BlockSteps) {
        for (locs, start, len) in steps.iter() {
            if self.len == MAX_PUBLISHED {
                return;
            }
            self.items[self.len] = PlayedStep { program, locs, outputs, start, len };
            self.len += 1;
        }
    }

    /// Publish what was gathered, in onset order (stable: players in graph order).
    pub(crate) fn publish(&mut self, feed: &StepFeed) {
        let steps = &mut self.items[..self.len];
        super::stable_sort_by_key(steps, |s| s.start);
        for s in steps.iter() {
            feed.publish(*s);
        }
    }
}

/// The id of a program's text: what a [`PlayedStep`] says it belongs to, so a viewer lights
/// only the text it was made from.
pub fn program_id(text: &str) -> u64 {
    // FNV-1a: stable across runs and processes, unlike the std hasher.
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds on a clock the audio thread and the editor share (a monotonic clock from the
/// first feed or engine made in this process).
pub fn now_nanos() -> u64 {
    epoch().elapsed().as_nanos() as u64
}
