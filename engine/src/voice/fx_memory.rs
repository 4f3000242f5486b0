//! Delay memories for the per-voice effects that need more than fits in a voice (`phaser`,
//! `leslie`), preallocated per player when its program names one of them. A voice using
//! them borrows one of [`SLOTS`] at its onset (zeroed there); voices beyond play without
//! those effects. Like [`super::squiz::SquizBank`].

use crate::dsp::{leslie, phaser};

/// Voices of one player that can use a delay memory at once.
pub const SLOTS: usize = 16;

/// Per slot: phaser left, phaser right, leslie left, leslie right.
pub struct FxMemory {
    mem: Box<[f32]>,
    phaser_len: usize,
    leslie_len: usize,
}

/// One slot's memories: `(phaser [l, r], leslie [l, r])`.
pub type SlotLines<'a> = ([&'a mut [f32]; 2], [&'a mut [f32]; 2]);

impl FxMemory {
    /// Allocate for sample rate `sr` (off the audio thread only).
    pub fn new(sr: f64) -> FxMemory {
        let phaser_len = (phaser::MEMORY_SECONDS * sr) as usize + 4;
        let leslie_len = (leslie::MEMORY_SECONDS * sr) as usize + 4;
        FxMemory { mem: crate::memory::zeroed(SLOTS * 2 * (phaser_len + leslie_len)), phaser_len, leslie_len }
    }

    fn slot_len(&self) -> usize {
        2 * (self.phaser_len + self.leslie_len)
    }

    fn slot(&mut self, slot: usize) -> &mut [f32] {
        let n = self.slot_len();
        let s = slot.min(SLOTS - 1) * n;
        &mut self.mem[s..s + n]
    }

    /// A slot's memories.
    pub fn lines(&mut self, slot: usize) -> SlotLines<'_> {
        let (p, l) = (self.phaser_len, self.leslie_len);
        let m = self.slot(slot);
        let (pl, rest) = m.split_at_mut(p);
        let (pr, rest) = rest.split_at_mut(p);
        let (ll, lr) = rest.split_at_mut(l);
        ([pl, pr], [ll, lr])
    }

    /// Clear a slot for a new voice (no allocation).
    pub fn clear(&mut self, slot: usize) {
        self.slot(slot).fill(0.0);
    }

    /// Take over another player's memories (a graph swap), when both have the same size.
    pub fn copy_from(&mut self, other: &FxMemory) {
        if self.mem.len() == other.mem.len() {
            self.mem.copy_from_slice(&other.mem);
        }
    }
}
