//! The node contract: what every processing unit of a graph implements.

use super::{Clock, Frame, HostIn, Inputs, MidiOut};
use crate::pattern::QueryBuf;
use crate::samples::Bank;
use std::any::Any;
use std::sync::Arc;

/// What node constructors may use. Cheap to clone.
#[derive(Clone)]
pub struct BuildEnv {
    pub sample_rate: f32,
    /// The sample bank (built-in kit plus user folders).
    pub bank: Arc<Bank>,
}

impl BuildEnv {
    pub fn new(sample_rate: f32, bank: Arc<Bank>) -> BuildEnv {
        BuildEnv { sample_rate, bank }
    }
}

/// What a node sees of the world while it renders one block.
pub struct Ctx<'a> {
    pub sample_rate: f32,
    /// Engine sample index of the block's first sample.
    pub block_start: i64,
    pub clock: &'a Clock,
    /// Scratch for pattern queries (one per thread; empty on entry, contents undefined after).
    pub query: &'a mut QueryBuf,
    /// The host's audio input, macro parameters and MIDI for this block.
    pub host: &'a HostIn,
    /// MIDI the program sends out this block (nodes on worker threads get none).
    pub midi_out: Option<&'a mut MidiOut>,
}

/// A processing unit of the graph.
///
/// Threads and real-time rules: nodes are constructed, and dropped, off the audio thread; every
/// other method runs on the audio thread or a worker of it and must not allocate, free, lock,
/// block, log or touch files. Everything a node needs must be allocated in its constructor.
pub trait Node: Send + 'static {
    /// Render one block into `out` (`out.l` only for mono nodes). `out` holds the previous
    /// block's output on entry.
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx);

    /// Hot swap: this node replaces `old` at the same identity (bus name and position in its
    /// expression). Copy its running state (phases, filter memories, delay lines, voices) so
    /// that unchanged sound continues bit-identically. Return false if `old` is of another kind.
    /// Must not allocate: copy into buffers allocated at construction.
    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        let _ = old;
        false
    }

    /// Identities ([`ident_hash`](super::ident_hash)) of nodes of an old graph that this node
    /// can continue besides the one at its own identity: a voice bank's voices' oscillators
    /// and filters, when they were nodes of their own. 0: none.
    fn parts(&self) -> &[u64] {
        &[]
    }

    /// Hot swap, after [`Node::adopt`]: continue part `k` (see [`Node::parts`]) from `old`,
    /// the old graph's node at that identity. Must not allocate.
    fn adopt_part(&mut self, k: usize, old: &mut dyn Node) {
        let _ = (k, old);
    }

    /// Hot swap the other way: `new`, the new graph's node at part `k`'s identity, takes
    /// that part over from this old node. Must not allocate.
    fn hand_part(&mut self, k: usize, new: &mut dyn Node) {
        let _ = (k, new);
    }

    /// Silence: clear all state (panic, or after the output guard caught a NaN).
    fn reset(&mut self) {}

    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// Implements `as_any_mut` for a node type.
#[macro_export]
macro_rules! node_any {
    () => {
        fn as_any_mut(&mut self) -> &mut dyn ::std::any::Any {
            self
        }
    };
}

/// Downcast helper for [`Node::adopt`]: `Some(old)` if `old` has this node's type.
pub fn same_kind<'a, T: 'static>(old: &'a mut dyn Node) -> Option<&'a mut T> {
    old.as_any_mut().downcast_mut::<T>()
}
