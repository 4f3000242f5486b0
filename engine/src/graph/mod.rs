//! The block graph runtime: what the audio thread runs.
//!
//! A [`Graph`] is built from a compiled plan off the audio thread, with every buffer, node
//! state, voice pool and scratch space allocated up front. The audio thread then only calls
//! [`Engine::process_block`], one fixed-size engine block at a time ([`BLOCK`] samples); the
//! [`HostAdapter`] turns whatever buffer sizes a host passes into whole engine blocks, so the
//! sound never depends on the host's buffer size.

mod arena;
mod build;
mod clock;
mod engine;
mod exec;
mod host;
mod node;
mod pool;
mod scope;
mod steps;

pub use arena::{Frame, In, Inputs};
pub use build::{build, ident_hash, BuildEnv, Graph};
pub use clock::Clock;
pub use engine::{Engine, EngineStatus, Outputs, Prepared, SwapSender, MAX_OUTPUTS};
pub use host::{HostAdapter, HostIn, HostOutputs, MidiEvent, MidiOut, Transport, MACROS, MAX_MIDI_EVENTS};
pub use node::{same_kind, Ctx, Node};
pub use pool::Pool;
pub use scope::{Scope, SCOPE_LEN};
pub use steps::{now_nanos, program_id, BlockSteps, PlayedStep, StepFeed, FEED_CAPACITY, MAX_BLOCK_STEPS};

/// Samples per engine block. The engine reports this as its latency to hosts, and bus feedback
/// loops are closed through a delay of exactly one block.
pub const BLOCK: usize = 128;

/// Sort `xs` by `key`, keeping the order of equal keys, in place and without allocating (the
/// standard stable sort may allocate). An insertion sort: the audio thread's lists are short
/// and nearly sorted.
pub(crate) fn stable_sort_by_key<T, K: PartialOrd>(xs: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..xs.len() {
        let mut j = i;
        while j > 0 && key(&xs[j - 1]) > key(&xs[j]) {
            xs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// One channel of one engine block.
pub type Buf = [f32; BLOCK];
