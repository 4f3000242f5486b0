//! The host adapter: turns any host buffer size into whole engine blocks, and carries the
//! boundary types ([`boundary`](super::boundary)) across.
//!
//! The adapter delays everything by exactly one engine block ([`BLOCK`] samples, reported to
//! hosts as latency): it collects a block of host input (audio, macro values, MIDI) before the
//! engine renders it, so the output is bit-identical whatever buffer sizes the host passes,
//! and inputs and automation stay sample-accurate. What the engine sends back (audio and MIDI)
//! leaves the adapter one block later, each event on the host sample its audio plays on.
//!
//! Transport: while the host plays, sample `n` of the engine is at cycle `beats / bpc` of the
//! host position that arrived with it; a jump or loop re-anchors the clock on the exact sample
//! of the jump. Each start of the host's transport is a clean start (no tails, oscillators from
//! their initial phase), so playing from a position always sounds the same and a bounce equals
//! playback. While the host is stopped the engine runs on the program's tempo ("free run"),
//! or, with free run off, fades out within [`PAUSE_FADE_SECONDS`] and pauses until the host
//! plays again.
//!
//! Everything here runs on the audio thread: no allocation, no locks.

use super::boundary::{HostIn, HostOutputs, MidiEvent, MidiOut, Outputs, Transport, MACROS, MAX_OUTPUTS};
use super::engine::Engine;
use super::{Buf, BLOCK};
use crate::dsp::smooth::{Glide, Smoother};
use crate::dsp::soft_limit::soft_limit_slice;
use crate::time::Rational;
use std::sync::atomic::Ordering;

/// Time constant of the smoothing of macro values and the master gain, seconds.
const SMOOTH_SECONDS: f32 = 0.005;
/// Length of the fade-out when the host stops and free run is off, seconds.
pub const PAUSE_FADE_SECONDS: f32 = 0.01;

/// Writes a held value into a per-sample lane only until the whole lane holds it: lanes are
/// written cyclically, block after block, so once the last [`BLOCK`] samples written were all
/// `value`, the lane already is `value` throughout and later writes of it cost nothing.
#[derive(Clone, Copy, Debug)]
struct HeldLane {
    value: f32,
    /// Samples written with `value` in a row, at most [`BLOCK`].
    run: usize,
}

impl HeldLane {
    /// A lane known to hold `value` throughout.
    fn full(value: f32) -> HeldLane {
        HeldLane { value, run: BLOCK }
    }

    /// Write `v` into `lane` (the `[f, f + take)` part of one lane).
    #[inline]
    fn fill(&mut self, v: f32, lane: &mut [f32]) {
        if v.to_bits() == self.value.to_bits() {
            if self.run < BLOCK {
                lane.fill(v);
                self.run = (self.run + lane.len()).min(BLOCK);
            }
        } else {
            lane.fill(v);
            *self = HeldLane { value: v, run: lane.len() };
        }
    }

    /// The lane was written with changing values.
    #[inline]
    fn varied(&mut self) {
        self.run = 0;
    }

    /// Whether the whole lane holds `v`.
    #[inline]
    fn holds(&self, v: f32) -> bool {
        self.run >= BLOCK && self.value.to_bits() == v.to_bits()
    }
}

/// One smoothed host value and its lane: settled, it is a [`HeldLane`] fill.
#[inline]
fn glide_lane(g: &mut Glide, held: &mut HeldLane, target: f32, lane: &mut [f32]) {
    if g.value == target {
        held.fill(target, lane);
    } else {
        g.fill(target, lane);
        held.varied();
    }
}

/// Whether the engine renders (see the module docs on free run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// Rendering; the output gain rises back to 1 if a fade-out was cancelled.
    Running,
    /// Rendering while the output fades out; then [`Run::Paused`].
    Stopping,
    /// Not rendering: the outputs are silent and the engine's position stands still.
    Paused,
}

/// Feeds an [`Engine`] from host-sized buffers.
pub struct HostAdapter {
    engine: Engine,
    /// The engine block being collected.
    input: HostIn,
    /// The engine block being played out (rendered from the previous `input`).
    rendered: Outputs,
    /// MIDI the engine sent with `rendered`, sorted by offset.
    rendered_midi: MidiOut,
    /// Master gain per sample of `rendered` (smoothed).
    rendered_master: Buf,
    /// Samples of the current engine block collected so far.
    fill: usize,
    /// Macro targets, held between host calls, and their smoothers.
    macros: [f32; MACROS],
    macro_smooth: [Glide; MACROS],
    /// Last output gains, held between host calls (the engine smooths them).
    out_gain: [f32; MAX_OUTPUTS + 1],
    master: f32,
    master_smooth: Glide,
    /// Master gain per sample of `input`.
    master_lane: Buf,
    /// What the lanes of `input` hold (audio input, macros, output gains, master).
    held_audio: HeldLane,
    held_macros: [HeldLane; MACROS],
    held_out_gain: [HeldLane; MAX_OUTPUTS + 1],
    held_master: HeldLane,
    /// `rendered_master` is 1 throughout.
    rendered_unity: bool,
    /// Notes held on the MIDI input after the events moved into `input` so far.
    held: [f32; 128],
    /// MIDI input of the coming host call; offsets are host-buffer offsets.
    pending_midi: MidiOut,
    /// MIDI output of the current host call; offsets are host-buffer offsets.
    host_midi: MidiOut,
    /// `host_midi` belongs to the previous call: clear it before adding to it.
    host_midi_stale: bool,
    /// Notes sent to the host and not yet released, one bit per note and channel.
    sounding: [u128; 16],
    freerun: bool,
    run: Run,
    /// Gain of the pause fade, 0..1, and its change per sample.
    run_gain: f32,
    run_step: f32,
    last_playing: bool,
    /// Tests: what each rendered block received (engine position, MIDI, held notes, macro 1).
    #[cfg(test)]
    seen: Option<Vec<(i64, Vec<MidiEvent>, [f32; 128], f32)>>,
    /// Tests: the audio input of each rendered block, left then right.
    #[cfg(test)]
    seen_audio: Option<Vec<(Vec<f32>, Vec<f32>)>>,
}

impl HostAdapter {
    pub fn new(mut engine: Engine) -> HostAdapter {
        let sr = engine.sample_rate() as f32;
        // The safety limiter is the last stage of every port, after the master gain.
        engine.set_limiter(false);
        HostAdapter {
            input: HostIn::default(),
            rendered: Outputs::default(),
            rendered_midi: MidiOut::default(),
            rendered_master: [1.0; BLOCK],
            fill: 0,
            macros: [0.0; MACROS],
            macro_smooth: [Glide::new(SMOOTH_SECONDS, sr, 0.0); MACROS],
            out_gain: [1.0; MAX_OUTPUTS + 1],
            master: 1.0,
            master_smooth: Glide::new(SMOOTH_SECONDS, sr, 1.0),
            master_lane: [1.0; BLOCK],
            held_audio: HeldLane::full(0.0),
            held_macros: [HeldLane::full(0.0); MACROS],
            held_out_gain: [HeldLane::full(1.0); MAX_OUTPUTS + 1],
            held_master: HeldLane::full(1.0),
            rendered_unity: true,
            held: [0.0; 128],
            pending_midi: MidiOut::default(),
            host_midi: MidiOut::default(),
            host_midi_stale: false,
            sounding: [0; 16],
            freerun: true,
            run: Run::Running,
            run_gain: 1.0,
            run_step: 1.0 / (PAUSE_FADE_SECONDS * sr).max(1.0),
            last_playing: false,
            #[cfg(test)]
            seen: None,
            #[cfg(test)]
            seen_audio: None,
            engine,
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

    /// Set macro `k` (0..7) from the host's next input sample on; smoothed here.
    pub fn set_macro(&mut self, k: usize, v: f32) {
        if k < MACROS && v.is_finite() {
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

    /// Set the gain of every port (the host's master gain) from the host's next input sample
    /// on; smoothed here and applied after the engine, so a main output that sums the numbered
    /// outputs is not scaled twice.
    pub fn set_master_gain(&mut self, gain: f32) {
        if gain.is_finite() {
            self.master = gain.max(0.0);
        }
    }

    /// Whether the engine keeps running on the program's tempo while the host is stopped.
    pub fn set_freerun(&mut self, on: bool) {
        if on == self.freerun {
            return;
        }
        self.freerun = on;
        if !on && self.run == Run::Running && self.engine.position() == 0 && self.fill == 0 {
            // Nothing has played yet: start paused rather than fade out a first note.
            self.run = Run::Paused;
            self.run_gain = 0.0;
            return;
        }
        self.update_run(self.last_playing);
    }

    /// Whether the engine is paused (host stopped, free run off).
    pub fn is_paused(&self) -> bool {
        self.run == Run::Paused
    }

    /// Fade every output to silence (`on`), or back.
    pub fn set_hush(&mut self, on: bool) {
        self.engine.set_hush(on);
    }

    /// Silence now: clear every tail and voice, forget held input notes, and release every
    /// note sent to the host.
    pub fn panic(&mut self) {
        self.engine.panic();
        self.clear_rendered();
        self.held = [0.0; 128];
        self.input.held = [0.0; 128];
        self.release_notes();
    }

    /// The host asks for a clean state (before a bounce, after a discontinuity): like
    /// [`panic`](Self::panic), and the block in collection and the transport history are
    /// dropped too, so the next playing call re-anchors the clock.
    pub fn reset(&mut self) {
        self.panic();
        self.fill = 0;
        self.input.midi.clear();
        self.pending_midi.clear();
        self.last_playing = false;
        for (s, &t) in self.macro_smooth.iter_mut().zip(&self.macros) {
            s.value = t;
        }
        self.master_smooth.value = self.master;
    }

    /// A note event at `offset` samples into the coming call's buffer. Events must come in
    /// time order; past [`MAX_MIDI_EVENTS`] per call they are dropped.
    pub fn midi_in(&mut self, e: MidiEvent, offset: usize) {
        self.pending_midi.push(MidiEvent { offset: offset.min(u32::MAX as usize) as u32, ..e });
    }

    /// Follow the host transport, given at the first sample of the coming buffer.
    pub fn transport(&mut self, t: Transport) {
        self.begin_call();
        if t.playing && !self.last_playing && self.run != Run::Paused {
            self.restart();
        }
        let n = self.engine.position() + self.fill as i64;
        if t.playing {
            self.update_run(true);
            let bpc = self.engine.bpc();
            let cps = t.bpm.filter(|b| b.is_finite() && *b > 0.0).map(|b| Rational::from_f64(b / 60.0) / bpc);
            self.engine.follow_host(n, None, cps);
            if let Some(beats) = t.beats.filter(|b| b.is_finite()) {
                let host_cycle = Rational::from_f64(beats) / bpc;
                let ours = self.engine.clock().cycle_at(n);
                let half_sample = 0.5 * self.engine.clock().cps().to_f64() / self.engine.sample_rate() as f64;
                if !self.last_playing || (ours - host_cycle).abs().to_f64() > half_sample {
                    // A start, jump or loop: sample `n` is at the host's position. The block it
                    // falls in has not been rendered yet, so the new position holds from the
                    // block's start and every event from the jump on lands on its exact sample.
                    self.engine.follow_host(n, Some(host_cycle), None);
                }
            }
        } else {
            if self.last_playing {
                self.engine.release_host_tempo();
            }
            self.update_run(false);
        }
        self.last_playing = t.playing;
    }

    /// Process one host buffer of `len` samples. `input` is the host's stereo input, if any.
    pub fn process(&mut self, len: usize, input: Option<[&[f32]; 2]>, out: &mut HostOutputs) {
        self.begin_call();
        self.mark_heard(len);
        if self.run == Run::Paused {
            for port in out.ports.iter_mut() {
                for ch in port.iter_mut() {
                    let n = len.min(ch.len());
                    ch[..n].fill(0.0);
                }
            }
            // Keys pressed while paused are held when playing resumes.
            for e in self.pending_midi.events() {
                if (e.note as usize) < 128 {
                    self.held[e.note as usize] = if e.on { e.velocity.max(1e-3) } else { 0.0 };
                }
            }
            self.input.held = self.held;
            self.pending_midi.clear();
            self.host_midi_stale = true;
            return;
        }
        let mut pos = 0;
        let mut next_midi = 0;
        while pos < len {
            let take = (len - pos).min(BLOCK - self.fill);
            let f = self.fill;
            match input {
                Some([l, r]) => {
                    for i in 0..take {
                        self.input.audio.l[f + i] = l.get(pos + i).copied().unwrap_or(0.0);
                        self.input.audio.r[f + i] = r.get(pos + i).copied().unwrap_or(0.0);
                    }
                    self.held_audio.varied();
                }
                None => {
                    // Both channels are written together: one tracker serves both.
                    let mut right = self.held_audio;
                    self.held_audio.fill(0.0, &mut self.input.audio.l[f..f + take]);
                    right.fill(0.0, &mut self.input.audio.r[f..f + take]);
                }
            }
            next_midi = self.collect_midi(next_midi, pos, take, pos + take == len);
            for k in 0..MACROS {
                let lane = &mut self.input.macros[k][f..f + take];
                glide_lane(&mut self.macro_smooth[k], &mut self.held_macros[k], self.macros[k], lane);
            }
            let lane = &mut self.master_lane[f..f + take];
            glide_lane(&mut self.master_smooth, &mut self.held_master, self.master, lane);
            for k in 0..=MAX_OUTPUTS {
                self.held_out_gain[k].fill(self.out_gain[k], &mut self.input.out_gain[k][f..f + take]);
            }
            self.play_out(pos, take, out);
            self.fill += take;
            pos += take;
            if self.fill == BLOCK {
                self.render();
            }
        }
        if len == 0 {
            // Nothing to place the events on: they belong to the next call's first sample.
            for e in &mut self.pending_midi.events[..self.pending_midi.len] {
                e.offset = 0;
            }
        } else {
            self.pending_midi.clear();
        }
        if self.run == Run::Stopping && self.run_gain <= 0.0 {
            self.run = Run::Paused;
        }
        self.host_midi_stale = true;
    }

    /// Tell viewers where the audio is: the engine sample this buffer begins with (the block
    /// rendered last, `fill` samples in) and when it was asked for.
    fn mark_heard(&self, len: usize) {
        let status = self.engine.status_ref();
        let sample = self.engine.position() - BLOCK as i64 + self.fill as i64;
        status.heard_sample.store(sample, Ordering::Relaxed);
        status.heard_buffer.store(len as u32, Ordering::Relaxed);
        status.heard_nanos.store(super::now_nanos().max(1), Ordering::Release);
    }

    /// MIDI the engine sent in the block rendered last, offsets within that block.
    pub fn midi_out(&self) -> &MidiOut {
        self.engine.midi_out()
    }

    /// MIDI out for the host call just processed, offsets within its buffer: each event on the
    /// sample where the audio rendered with it plays, plus note-offs for notes released by a
    /// pause, panic or reset (at offset 0).
    pub fn host_midi_out(&self) -> &MidiOut {
        &self.host_midi
    }

    /// Move the pending host MIDI events that fall in `[pos, pos + take)` (all remaining ones
    /// when `last`) into the engine block, updating the held notes. Returns the next index.
    fn collect_midi(&mut self, mut next: usize, pos: usize, take: usize, last: bool) -> usize {
        let end = pos + take;
        while next < self.pending_midi.len {
            let e = self.pending_midi.events[next];
            let at = e.offset as usize;
            if at >= end && !last {
                break;
            }
            let within = at.max(pos).min(end - 1) - pos;
            self.input.midi.push(MidiEvent { offset: (self.fill + within) as u32, ..e });
            if (e.note as usize) < 128 {
                self.held[e.note as usize] = if e.on && e.velocity > 0.0 { e.velocity.max(1e-3) } else { 0.0 };
            }
            next += 1;
        }
        next
    }

    /// Copy `take` samples of the rendered block (from `self.fill` on) to the host ports at
    /// `pos`, with the master gain and the pause fade, and the MIDI sent with them.
    fn play_out(&mut self, pos: usize, take: usize, out: &mut HostOutputs) {
        let f = self.fill;
        let fading = self.run != Run::Running || self.run_gain < 1.0;
        if self.rendered_unity && !fading {
            // Unity gain: the ports take the rendered block as it is.
            for (p, port) in out.ports.iter_mut().enumerate() {
                let src = self.rendered.get(p.min(MAX_OUTPUTS));
                let [l, r] = port;
                for (ch, src) in [(l, &src.l), (r, &src.r)] {
                    if let Some(ch) = ch.get_mut(pos..pos + take) {
                        ch.copy_from_slice(&src[f..f + take]);
                        soft_limit_slice(ch);
                    }
                }
            }
            self.play_out_midi(pos, take);
            return;
        }
        let mut gain = [0.0f32; BLOCK];
        gain[..take].copy_from_slice(&self.rendered_master[f..f + take]);
        if fading {
            let target = if self.run == Run::Running { 1.0 } else { 0.0 };
            for g in &mut gain[..take] {
                self.run_gain = if target > self.run_gain {
                    (self.run_gain + self.run_step).min(1.0)
                } else {
                    (self.run_gain - self.run_step).max(0.0)
                };
                *g *= self.run_gain;
            }
        }
        for (p, port) in out.ports.iter_mut().enumerate() {
            let src = self.rendered.get(p.min(MAX_OUTPUTS));
            let [l, r] = port;
            // The safety limiter, last: nothing leaves above 0 dBFS whatever the gains.
            for (ch, src) in [(l, &src.l), (r, &src.r)] {
                if let Some(ch) = ch.get_mut(pos..pos + take) {
                    for ((y, &x), &g) in ch.iter_mut().zip(&src[f..f + take]).zip(&gain[..take]) {
                        *y = x * g;
                    }
                    soft_limit_slice(ch);
                }
            }
        }
        self.play_out_midi(pos, take);
    }

    /// The MIDI sent with the `take` samples from `self.fill` on, to the host buffer at `pos`.
    fn play_out_midi(&mut self, pos: usize, take: usize) {
        let f = self.fill;
        for i in 0..self.rendered_midi.len {
            let e = self.rendered_midi.events[i];
            let at = e.offset as usize;
            if at < f || at >= f + take {
                continue;
            }
            let ch = (e.channel & 15) as usize;
            let bit = 1u128 << (e.note & 127);
            if e.on && e.velocity > 0.0 {
                if self.run != Run::Running {
                    continue; // no new notes while fading out
                }
                self.sounding[ch] |= bit;
            } else {
                self.sounding[ch] &= !bit;
            }
            self.host_midi.push(MidiEvent { offset: (pos + at - f) as u32, ..e });
        }
    }

    /// Render the collected block; its output plays while the next block is collected.
    fn render(&mut self) {
        #[cfg(test)]
        if let Some(seen) = self.seen.as_mut() {
            let midi = self.input.midi.events().to_vec();
            seen.push((self.engine.position(), midi, self.input.held, self.input.macros[0][BLOCK - 1]));
        }
        #[cfg(test)]
        if let Some(seen) = self.seen_audio.as_mut() {
            seen.push((self.input.audio.l.to_vec(), self.input.audio.r.to_vec()));
        }
        self.engine.process_block(&self.input, &mut self.rendered);
        self.rendered_midi.clone_from(self.engine.midi_out());
        self.rendered_midi.sort_by_offset();
        self.rendered_master = self.master_lane;
        self.rendered_unity = self.held_master.holds(1.0);
        self.fill = 0;
        self.input.midi.clear();
        self.input.held = self.held;
    }

    /// The host starts playing: a clean start, so that playing from a position sounds the same
    /// whatever ran before (a bounce equals playback). Every tail and voice is cleared, and a
    /// new engine block starts on the first sample of the coming call (what was collected of
    /// the current one is dropped), so the start is aligned the same way every time. What is
    /// still playing out of the last rendered block fades to silence instead of clicking.
    fn restart(&mut self) {
        self.engine.panic();
        let (from, left) = (self.fill, BLOCK - self.fill);
        for k in 0..=MAX_OUTPUTS {
            let f = self.rendered.get_mut(k);
            for i in 0..BLOCK {
                let g = if i < left { (left - i) as f32 / left as f32 } else { 0.0 };
                // Forward copy within the block: from + i >= i.
                f.l[i] = if i < left { f.l[from + i] * g } else { 0.0 };
                f.r[i] = if i < left { f.r[from + i] * g } else { 0.0 };
            }
        }
        for i in 0..BLOCK {
            self.rendered_master[i] = if i < left { self.rendered_master[from + i] } else { self.master_smooth.value };
        }
        self.rendered_unity = self.rendered_master.iter().all(|&g| g == 1.0);
        self.rendered_midi.clear();
        self.fill = 0;
        self.input.midi.clear();
        self.input.held = self.held;
        self.release_notes();
    }

    /// Start or stop the engine for the host's state (`playing`) and the free-run setting.
    fn update_run(&mut self, playing: bool) {
        let run = playing || self.freerun;
        match (self.run, run) {
            (Run::Paused, true) => {
                // A clean start: what sounded before the pause does not come back.
                self.clear_rendered();
                self.restart();
                self.run = Run::Running;
                self.run_gain = 1.0;
            }
            (Run::Stopping, true) => self.run = Run::Running,
            (Run::Running, false) => {
                self.run = Run::Stopping;
                self.release_notes();
            }
            _ => {}
        }
    }

    fn clear_rendered(&mut self) {
        self.rendered.main.clear();
        for f in self.rendered.numbered.iter_mut() {
            f.clear();
        }
        self.rendered_midi.clear();
    }

    /// Note-offs, at the start of the current call, for every note sent and not released.
    fn release_notes(&mut self) {
        self.begin_call();
        for ch in 0..16 {
            let mut bits = self.sounding[ch];
            while bits != 0 {
                let note = bits.trailing_zeros() as u8;
                bits &= bits - 1;
                self.host_midi.push(MidiEvent { offset: 0, on: false, channel: ch as u8, note, velocity: 0.0 });
            }
            self.sounding[ch] = 0;
        }
    }

    /// The first mutation of a new host call drops the previous call's MIDI out.
    fn begin_call(&mut self) {
        if self.host_midi_stale {
            self.host_midi.clear();
            self.host_midi_stale = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Session;
    use crate::samples::Bank;
    use std::sync::Arc;

    const SR: u32 = 48000;

    /// An adapter playing `src`, and the session that must outlive it.
    fn adapter(src: &str) -> (HostAdapter, Session) {
        let mut s = Session::new(SR, Arc::new(Bank::empty()));
        s.load(src).expect("compiles");
        let a = HostAdapter::new(s.take_engine().expect("engine"));
        (a, s)
    }

    fn note(on: bool, note: u8) -> MidiEvent {
        MidiEvent { offset: 0, on, channel: 0, note, velocity: 0.8 }
    }

    /// Run `calls` host calls of the given lengths; returns (main left, out1 left).
    fn run(
        a: &mut HostAdapter,
        lens: &[usize],
        mut before: impl FnMut(&mut HostAdapter, usize, usize),
    ) -> (Vec<f32>, Vec<f32>) {
        let (mut main, mut aux) = (Vec::new(), Vec::new());
        let mut at = 0;
        for &len in lens {
            before(a, at, len);
            let (mut l, mut r, mut l1, mut r1) = (vec![0.0; len], vec![0.0; len], vec![0.0; len], vec![0.0; len]);
            let mut ports = [[&mut l[..], &mut r[..]], [&mut l1[..], &mut r1[..]]];
            a.process(len, None, &mut HostOutputs { ports: &mut ports });
            main.extend_from_slice(&l);
            aux.extend_from_slice(&l1);
            at += len;
        }
        (main, aux)
    }

    #[test]
    fn midi_in_lands_in_the_engine_block_of_its_sample() {
        for lens in [vec![1024usize; 2], vec![100; 20], vec![37, 500, 1, 999, 511]] {
            let (mut a, _s) = adapter("out: sine 440 * 0.1");
            a.seen = Some(Vec::new());
            // Absolute host samples of the events.
            let events = [(10usize, note(true, 60)), (300, note(true, 64)), (1000, note(false, 60))];
            run(&mut a, &lens, |a, at, len| {
                for &(t, e) in &events {
                    if t >= at && t < at + len {
                        a.midi_in(e, t - at);
                    }
                }
            });
            let seen = a.seen.take().unwrap();
            let mut got = Vec::new();
            for (start, midi, _, _) in &seen {
                for e in midi {
                    got.push((*start as usize + e.offset as usize, e.note, e.on));
                }
            }
            assert_eq!(got, vec![(10, 60, true), (300, 64, true), (1000, 60, false)], "lens {lens:?}");
            // Held notes at the start of each block: 60 from block 1 (128..) to block 7 (896..).
            for (start, _, held, _) in &seen {
                let s = *start as usize;
                assert_eq!(held[60] > 0.0, s > 10 && s <= 1000, "note 60 at block {s}");
                assert_eq!(held[64] > 0.0, s > 300, "note 64 at block {s}");
            }
        }
    }

    #[test]
    fn midi_out_leaves_on_the_sample_its_audio_plays() {
        let (mut a, _s) = adapter("out: sine 440 * 0.1");
        let ev = |offset, n| MidiEvent { offset, on: true, channel: 2, note: n, velocity: 0.5 };
        a.rendered_midi.push(ev(100, 2));
        a.rendered_midi.push(ev(5, 1));
        a.rendered_midi.push(ev(127, 3));
        a.rendered_midi.sort_by_offset();
        // The rendered block plays over the next 128 host samples: 50 + 100 (the second call
        // crosses into the next block).
        let mut out = Vec::new();
        run(&mut a, &[50, 100], |a, at, _| {
            if at > 0 {
                out.extend(a.host_midi_out().events().iter().map(|e| (e.offset as usize, e.note)));
            }
        });
        out.extend(a.host_midi_out().events().iter().map(|e| (50 + e.offset as usize, e.note)));
        assert_eq!(out, vec![(5, 1), (100, 2), (127, 3)]);
        // Released by a panic: note-offs for what still sounds.
        a.panic();
        let offs: Vec<_> = a.host_midi_out().events().iter().map(|e| (e.on, e.channel, e.note)).collect();
        assert_eq!(offs, vec![(false, 2, 1), (false, 2, 2), (false, 2, 3)]);
    }

    /// Steps of 0.1 .. 0.4, a quarter cycle each: the output tells the cycle position.
    const STEPS: &str = "out: \"0.1 0.2 0.3 0.4\"";
    /// 120 bpm, 4 beats per cycle: 96000 samples per cycle, 24000 per step.
    const BPM: f64 = 120.0;

    fn beats_at(sample: usize) -> f64 {
        sample as f64 * BPM / 60.0 / SR as f64
    }

    /// The host plays from beat 0 and loops back to beat 0 at sample `jump`.
    fn play_with_loop(lens: &[usize], jump: usize) -> Vec<f32> {
        let (mut a, _s) = adapter(STEPS);
        run(&mut a, lens, |a, at, _| {
            let pos = if at >= jump { at - jump } else { at };
            a.transport(Transport { playing: true, beats: Some(beats_at(pos)), bpm: Some(BPM) });
        })
        .0
    }

    #[test]
    fn a_loop_lands_on_its_exact_sample_whatever_the_buffer_size() {
        let jump = 30000; // in the second step (0.2), not on an engine block boundary
        let lat = HostAdapter::LATENCY as usize;
        let reference = play_with_loop(&[100; 600], jump);
        assert_eq!(reference[lat + 23999], 0.1);
        assert_eq!(reference[lat + 24000], 0.2);
        assert_eq!(reference[lat + jump - 128], 0.2);
        // From the jump on, the loop plays from its start.
        assert_eq!(reference[lat + jump], 0.1);
        assert!(reference[lat + jump..lat + jump + 24000].iter().all(|&x| x == 0.1));
        assert_eq!(reference[lat + jump + 24000], 0.2);
        // The buffer sizes change nothing (each call starts on a whole 100, so the jump is
        // reported on the same sample).
        for lens in [vec![50usize; 1200], vec![200; 300], vec![1000; 60]] {
            assert_eq!(play_with_loop(&lens, jump), reference, "{lens:?}");
        }
    }

    #[test]
    fn free_run_off_pauses_while_the_host_is_stopped() {
        let (mut a, _s) = adapter(STEPS);
        a.set_freerun(false);
        let lat = HostAdapter::LATENCY as usize;
        // Stopped: silence, and the engine does not move.
        let (quiet, _) = run(&mut a, &[256; 4], |a, _, _| {
            a.transport(Transport { playing: false, beats: Some(0.0), bpm: Some(BPM) })
        });
        assert!(quiet.iter().all(|&x| x == 0.0));
        assert_eq!(a.engine().position(), 0);
        // Playing from beat 4 (cycle 1): the first step starts after the latency.
        let (played, _) = run(&mut a, &[256; 200], |a, at, _| {
            a.transport(Transport { playing: true, beats: Some(4.0 + beats_at(at)), bpm: Some(BPM) })
        });
        assert!(played[..lat].iter().all(|&x| x == 0.0));
        assert_eq!(played[lat], 0.1);
        assert_eq!(played[lat + 24000], 0.2);
        // Stopped again: a short fade, then silence.
        let (stopped, _) = run(&mut a, &[256; 10], |a, _, _| {
            a.transport(Transport { playing: false, beats: Some(0.0), bpm: Some(BPM) })
        });
        let fade = (PAUSE_FADE_SECONDS * SR as f32) as usize + 1;
        assert!(stopped[fade..].iter().all(|&x| x == 0.0));
        assert!(stopped[0] > 0.0);
        assert!(a.is_paused());
    }

    #[test]
    fn free_run_plays_on_when_the_host_stops() {
        let (mut a, _s) = adapter(STEPS);
        let (out, _) = run(&mut a, &[512; 40], |a, at, _| {
            a.transport(Transport { playing: at < 10240, beats: Some(beats_at(at)), bpm: Some(BPM) })
        });
        assert!(out[15000..].iter().all(|&x| x > 0.05));
        assert!(!a.is_paused());
    }

    #[test]
    fn master_gain_scales_every_port_smoothly() {
        let (mut a, _s) = adapter("out1: \"0.4\"\nout: \"0.2\"");
        let (main, aux) = run(&mut a, &[512; 20], |a, at, _| {
            if at == 4096 {
                a.set_master_gain(0.5);
            }
        });
        let lat = HostAdapter::LATENCY as usize;
        assert_eq!(main[lat + 4000], 0.2);
        assert_eq!(aux[lat + 4000], 0.4);
        assert!((main[lat + 4097] - 0.2).abs() < 0.01, "smoothed, not a step");
        assert_eq!(main[lat + 9000], 0.1);
        assert_eq!(aux[lat + 9000], 0.2);
    }

    #[test]
    fn macros_are_smoothed_per_sample_and_block_size_invariant() {
        let mut last = None;
        for lens in [vec![64usize; 160], vec![1000, 1000, 1000, 1000, 1000, 1000, 1000, 3240]] {
            let (mut a, _s) = adapter(STEPS);
            a.seen = Some(Vec::new());
            run(&mut a, &lens, |a, at, _| {
                if at == 0 {
                    a.set_macro(0, 1.0);
                }
            });
            let values: Vec<f32> = a.seen.take().unwrap().iter().map(|s| s.3).collect();
            assert!(values[0] > 0.0 && values[0] < 1.0, "first block rises smoothly: {}", values[0]);
            assert_eq!(*values.last().unwrap(), 1.0);
            if let Some(prev) = &last {
                assert_eq!(&values, prev);
            }
            last = Some(values);
        }
    }

    #[test]
    fn held_lanes_are_the_per_sample_glide_exactly() {
        // Values held for many blocks (the lanes are then filled once) and changed at odd host
        // buffer sizes (37 samples): the engine sees each sample of the glide.
        let lens = vec![37usize; 900];
        let changes = [(0usize, 0.3f32), (200, 0.3), (201, 0.7), (700, 0.0)];
        let (mut a, _s) = adapter("out: param 1");
        let mut call = 0;
        let (main, _) = run(&mut a, &lens, |a, _, _| {
            for &(at, v) in &changes {
                if at == call {
                    a.set_macro(0, v);
                }
            }
            call += 1;
        });
        let mut g = Glide::new(SMOOTH_SECONDS, SR as f32, 0.0);
        // `param` smooths once more, on its own.
        let mut node = crate::nodes::host::Macro::new(0, SR as f32);
        let mut target = 0.0;
        // The adapter's latency: one engine block.
        let mut want = vec![0.0f32; BLOCK];
        for c in 0..lens.len() {
            for &(at, v) in &changes {
                if at == c {
                    target = v;
                }
            }
            want.extend((0..37).map(|_| node.smooth_step(g.next(target))));
        }
        for (i, (&got, &w)) in main.iter().zip(&want).enumerate() {
            assert_eq!(got.to_bits(), w.to_bits(), "sample {i}");
        }
    }

    #[test]
    fn every_start_of_the_transport_is_a_clean_start() {
        // Two histories of free running, then the host plays from beat 8: the same sound.
        let mut outs = Vec::new();
        for before in [10_000usize, 3_333] {
            let (mut a, _s) = adapter("out: sine 440 * 0.2");
            run(&mut a, &[before], |_, _, _| {});
            let (played, _) = run(&mut a, &[500; 20], |a, at, _| {
                a.transport(Transport { playing: true, beats: Some(8.0 + beats_at(at)), bpm: Some(BPM) })
            });
            // What was playing fades out over the first block instead of clicking...
            assert!(played[BLOCK - 8..BLOCK].iter().all(|x| x.abs() < 0.02), "faded out");
            // ... and the program starts from scratch after the latency.
            outs.push(played[BLOCK..].to_vec());
        }
        assert!(outs[0] == outs[1], "the same start whatever ran before");
    }

    #[test]
    fn the_host_input_reaches_the_engine_sample_for_sample() {
        for lens in [vec![64usize; 16], vec![100, 1, 37, 500, 200, 100, 22]] {
            let (mut a, _s) = adapter(STEPS);
            a.seen_audio = Some(Vec::new());
            let total: usize = lens.iter().sum();
            let ramp: Vec<f32> = (0..total).map(|i| i as f32).collect();
            let mut at = 0;
            for &len in &lens {
                let (mut l, mut r) = (vec![0.0; len], vec![0.0; len]);
                let neg: Vec<f32> = ramp[at..at + len].iter().map(|x| -x).collect();
                let mut ports = [[&mut l[..], &mut r[..]]];
                a.process(len, Some([&ramp[at..at + len], &neg]), &mut HostOutputs { ports: &mut ports });
                at += len;
            }
            let blocks = a.seen_audio.take().unwrap();
            assert_eq!(blocks.len(), total / BLOCK);
            for (b, (l, r)) in blocks.iter().enumerate() {
                let want: Vec<f32> = (b * BLOCK..(b + 1) * BLOCK).map(|i| i as f32).collect();
                assert_eq!(l, &want, "left of block {b}, {lens:?}");
                assert!(r.iter().zip(&want).all(|(x, w)| *x == -w), "right of block {b}");
            }
        }
    }
}
