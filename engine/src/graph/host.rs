//! The boundary to a host: per-block host inputs, MIDI in and out, and the adapter that turns
//! any host buffer size into whole engine blocks.
//!
//! The adapter delays everything by exactly one engine block ([`BLOCK`] samples, reported to
//! hosts as latency): it collects a block of host input (audio, macro values, MIDI) before the
//! engine renders it, so the output is bit-identical whatever buffer sizes the host passes,
//! and inputs and automation stay sample-accurate.

use super::engine::{Engine, Outputs};
use super::{Buf, Frame, BLOCK, MAX_OUTPUTS};
use crate::time::Rational;

/// Most MIDI events per engine block, in and out; more are dropped.
pub const MAX_MIDI_EVENTS: usize = 256;
/// Number of macro parameters (`param 1` .. `param 8`).
pub const MACROS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MidiEvent {
    /// Sample offset within the block.
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
    events: [MidiEvent; MAX_MIDI_EVENTS],
    len: usize,
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

    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

/// What the host provides for one engine block.
pub struct HostIn {
    /// Stereo audio input (`in`).
    pub audio: Frame,
    /// Macro parameters `param 1..8`, per sample, 0..1.
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

/// Feeds an [`Engine`] from host-sized buffers.
pub struct HostAdapter {
    engine: Engine,
    input: HostIn,
    rendered: Outputs,
    /// Samples of the current engine block collected so far.
    fill: usize,
    /// Last macro values, held between host calls.
    macros: [f32; MACROS],
    /// Last output gains, held between host calls.
    out_gain: [f32; MAX_OUTPUTS + 1],
    held: [f32; 128],
    /// Note events received from the host and not yet rendered, at absolute engine samples.
    pending_midi: [(i64, MidiEvent); MAX_MIDI_EVENTS],
    pending_len: usize,
    /// Cycle the host said the next input sample is at, when a jump must be applied.
    pending_jump: Option<(i64, Rational)>,
    last_playing: bool,
}

impl HostAdapter {
    pub fn new(engine: Engine) -> HostAdapter {
        HostAdapter {
            engine,
            input: HostIn::default(),
            rendered: Outputs::default(),
            fill: 0,
            macros: [0.0; MACROS],
            out_gain: [1.0; MAX_OUTPUTS + 1],
            held: [0.0; 128],
            pending_midi: [(0, MidiEvent::default()); MAX_MIDI_EVENTS],
            pending_len: 0,
            pending_jump: None,
            last_playing: false,
        }
    }

    /// Latency in samples, to report to the host.
    pub const LATENCY: u32 = BLOCK as u32;

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn engine_mut(&mut self) -> &mut Engine {
        &mut self.engine
    }

    /// Set macro `k` (0..7) from the host's next input sample on.
    pub fn set_macro(&mut self, k: usize, v: f32) {
        if k < MACROS {
            self.macros[k] = v.clamp(0.0, 1.0);
        }
    }

    /// Set the gain of output `k` (0 = main, k = `outk`) from the host's next input sample on;
    /// the engine smooths it. Solo and mute are gains of 0 or 1.
    pub fn set_output_gain(&mut self, k: usize, gain: f32) {
        if k <= MAX_OUTPUTS && gain.is_finite() {
            self.out_gain[k] = gain.max(0.0);
        }
    }

    /// A note event at `offset` samples into the next host buffer. Events are rendered in the
    /// engine block that contains them, at their exact sample.
    pub fn midi_in(&mut self, e: MidiEvent, offset: usize) {
        if self.pending_len < MAX_MIDI_EVENTS {
            let at = self.engine.position() + (self.fill + offset) as i64;
            self.pending_midi[self.pending_len] = (at, e);
            self.pending_len += 1;
        }
    }

    /// Move the events of the engine block about to render into its input.
    fn dispatch_midi(&mut self) {
        let start = self.engine.position();
        let end = start + BLOCK as i64;
        self.input.held = self.held;
        let mut keep = 0;
        for k in 0..self.pending_len {
            let (at, mut e) = self.pending_midi[k];
            if at < end {
                e.offset = (at - start).clamp(0, BLOCK as i64 - 1) as u32;
                self.input.midi.push(e);
                if (e.note as usize) < 128 {
                    self.held[e.note as usize] = if e.on { e.velocity.max(1e-3) } else { 0.0 };
                }
            } else {
                self.pending_midi[keep] = self.pending_midi[k];
                keep += 1;
            }
        }
        self.pending_len = keep;
    }

    /// Follow the host transport, given at the first sample of the coming buffer.
    pub fn transport(&mut self, t: Transport) {
        let n = self.engine.position() + self.fill as i64;
        let bpc = self.engine.bpc().to_f64().max(1e-9);
        if t.playing {
            let cps = t.bpm.filter(|b| b.is_finite() && *b > 0.0).map(|b| Rational::from_f64(b / 60.0 / bpc));
            if let Some(beats) = t.beats.filter(|b| b.is_finite()) {
                let host_cycle = Rational::from_f64(beats) / self.engine.bpc();
                let ours = self.engine.clock().cycle_at(n);
                let one_sample = self.engine.clock().cps().to_f64() / self.engine.sample_rate() as f64;
                if !self.last_playing || (ours - host_cycle).abs().to_f64() > 0.5 * one_sample {
                    self.pending_jump = Some((n, host_cycle));
                }
            }
            self.engine.follow_host(n, None, cps);
        } else if self.last_playing {
            self.engine.release_host_tempo();
        }
        self.last_playing = t.playing;
    }

    /// Process one host buffer of `len` samples. `input` is the host's stereo input, if any.
    pub fn process(&mut self, len: usize, input: Option<[&[f32]; 2]>, out: &mut HostOutputs) {
        let mut pos = 0;
        while pos < len {
            if self.fill == 0 {
                if let Some((n, t)) = self.pending_jump.take() {
                    // Jumps are applied at the start of the engine block containing them.
                    let back = self.engine.clock().cycle_at(self.engine.position()) - self.engine.clock().cycle_at(n);
                    self.engine.follow_host(self.engine.position(), Some(t + back), None);
                }
            }
            let take = (len - pos).min(BLOCK - self.fill);
            let f = self.fill;
            match input {
                Some([l, r]) => {
                    for i in 0..take {
                        self.input.audio.l[f + i] = l.get(pos + i).copied().unwrap_or(0.0);
                        self.input.audio.r[f + i] = r.get(pos + i).copied().unwrap_or(0.0);
                    }
                }
                None => {
                    self.input.audio.l[f..f + take].fill(0.0);
                    self.input.audio.r[f..f + take].fill(0.0);
                }
            }
            for k in 0..MACROS {
                self.input.macros[k][f..f + take].fill(self.macros[k]);
            }
            for k in 0..=MAX_OUTPUTS {
                self.input.out_gain[k][f..f + take].fill(self.out_gain[k]);
            }
            for (p, port) in out.ports.iter_mut().enumerate() {
                let src = self.rendered.get(p.min(MAX_OUTPUTS));
                let [l, r] = port;
                if l.len() >= pos + take {
                    l[pos..pos + take].copy_from_slice(&src.l[f..f + take]);
                }
                if r.len() >= pos + take {
                    r[pos..pos + take].copy_from_slice(&src.r[f..f + take]);
                }
            }
            self.fill += take;
            pos += take;
            if self.fill == BLOCK {
                self.dispatch_midi();
                self.engine.process_block(&self.input, &mut self.rendered);
                self.fill = 0;
                self.input.midi.clear();
            }
        }
    }

    /// MIDI the engine sent in the block rendered last.
    pub fn midi_out(&self) -> &MidiOut {
        self.engine.midi_out()
    }
}
