//! The boundary between Phonon and a host, as plain data: what the host provides for each
//! engine block (audio in, macro values, held notes, MIDI, output gains), the transport it
//! reports, the buffers it hands over, and what the engine gives back (every output's block,
//! MIDI out). The [`HostAdapter`](super::HostAdapter) moves these across; nodes read
//! [`HostIn`] through their context.

use super::{Buf, Frame, BLOCK};

/// Numbered outputs the engine carries (`out1`..`out16`).
pub const MAX_OUTPUTS: usize = 16;

/// Most MIDI events per engine block, in and out; more are dropped.
pub const MAX_MIDI_EVENTS: usize = 256;
/// Number of macro parameters (`param 1` .. `param 8`).
pub const MACROS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MidiEvent {
    /// Sample offset within the engine block (in [`HostIn::midi`] and [`Engine::midi_out`]), or
    /// within the host buffer (in [`HostAdapter::host_midi_out`]).
    pub offset: u32,
    /// Note on (true) or off.
    pub on: bool,
    /// MIDI channel, 0..15.
    pub channel: u8,
    pub note: u8,
    /// 0..1.
    pub velocity: f32,
}

/// A fixed-capacity list of MIDI events.
#[derive(Clone)]
pub struct MidiOut {
    pub(super) events: [MidiEvent; MAX_MIDI_EVENTS],
    pub(super) len: usize,
    dropped: u64,
}

impl Default for MidiOut {
    fn default() -> Self {
        MidiOut { events: [MidiEvent::default(); MAX_MIDI_EVENTS], len: 0, dropped: 0 }
    }
}

impl MidiOut {
    #[inline]
    pub fn push(&mut self, e: MidiEvent) {
        if self.len < MAX_MIDI_EVENTS {
            self.events[self.len] = e;
            self.len += 1;
        } else {
            self.dropped += 1;
        }
    }

    #[inline]
    pub fn events(&self) -> &[MidiEvent] {
        &self.events[..self.len]
    }

    /// Set the offset of the events pushed since the list held `from` events.
    #[inline]
    pub fn set_offsets_from(&mut self, from: usize, offset: u32) {
        for e in &mut self.events[from.min(self.len)..self.len] {
            e.offset = offset;
        }
    }

    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Events lost to a full list, since this list was made.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Sort by offset, keeping the order of events at the same offset (allocation-free).
    pub fn sort_by_offset(&mut self) {
        super::stable_sort_by_key(&mut self.events[..self.len], |e| e.offset);
    }
}

/// What the host provides for one engine block.
pub struct HostIn {
    /// Stereo audio input (`in`).
    pub audio: Frame,
    /// Macro parameters `param 1..8`, per sample, 0..1, already smoothed.
    pub macros: [Buf; MACROS],
    /// Velocity (0..1) of each held MIDI note at the start of the block; 0 when not held.
    pub held: [f32; 128],
    /// Note events during the block.
    pub midi: MidiOut,
    /// Gain of each output per sample (index 0 = main, k = `outk`): the host's solo, mute and
    /// gain parameters. Smoothed by the engine.
    pub out_gain: [Buf; MAX_OUTPUTS + 1],
}

impl Default for HostIn {
    fn default() -> Self {
        HostIn {
            audio: Frame::default(),
            macros: [[0.0; BLOCK]; MACROS],
            held: [0.0; 128],
            midi: MidiOut::default(),
            out_gain: [[1.0; BLOCK]; MAX_OUTPUTS + 1],
        }
    }
}

/// The host's transport at the first sample of a host buffer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transport {
    pub playing: bool,
    /// Musical position in beats (quarter notes), if the host tells it.
    pub beats: Option<f64>,
    /// Tempo in beats per minute, if the host tells it.
    pub bpm: Option<f64>,
}

/// Host buffers for one call: the main output and any numbered outputs the host gave buffers
/// for. `ports[0]` is the main stereo output, `ports[k]` is `outk`.
pub struct HostOutputs<'a, 'b> {
    pub ports: &'a mut [[&'b mut [f32]; 2]],
}

/// One block of every output.
pub struct Outputs {
    pub main: Frame,
    pub numbered: [Frame; MAX_OUTPUTS],
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs { main: Frame::default(), numbered: std::array::from_fn(|_| Frame::default()) }
    }
}

impl Outputs {
    /// Output `k`: 0 is main, 1.. the numbered outputs.
    #[inline]
    pub fn get(&self, k: usize) -> &Frame {
        if k == 0 {
            &self.main
        } else {
            &self.numbered[k - 1]
        }
    }

    #[inline]
    pub fn get_mut(&mut self, k: usize) -> &mut Frame {
        if k == 0 {
            &mut self.main
        } else {
            &mut self.numbered[k - 1]
        }
    }

    /// Silence the outputs whose bit is set in `mask` (bit 0 = main).
    pub(super) fn clear_mask(&mut self, mask: u32) {
        for k in 0..=MAX_OUTPUTS {
            if mask & (1 << k) != 0 {
                self.get_mut(k).clear();
            }
        }
    }
}
