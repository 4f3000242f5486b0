//! The node that plays a control pattern: samples and synth voices, sample-accurately.
//!
//! Every block it queries its pattern for the events that start in the block, and renders the
//! block in segments split at those onsets: voices sound up to an onset, the onset's event
//! starts (choking its cut group, stealing if the pool is full), and rendering goes on. So a
//! voice starts exactly on `round(t * samples per cycle)` and a choke or steal fades from
//! exactly that sample, whatever the host's buffer size.

use super::dirt_fx::DirtFx;
use super::env::Envelope;
use super::fx::VoiceFx;
use super::fx_memory::{FxMemory, SLOTS as MEMORY_SLOTS};
use super::params::VoiceParams;
use super::pool::{Source, Voice, VoicePool, NOT_HELD, POLYPHONY};
use super::sampler::{Gains, SamplePlay};
use super::sends::Sends;
use super::spectral::{SpectralBank, SLOTS as SPECTRAL_SLOTS};
use super::squiz::{Squiz, SquizBank, SLOTS as SQUIZ_SLOTS};
use super::synth::SynthVoice;
use super::table::{SoundRef, SymTable};
use crate::dsp::mix;
use crate::graph::{same_kind, BlockSteps, BuildEnv, Ctx, Frame, HostIn, Inputs, MidiEvent, MidiOut, Node, BLOCK};
use crate::pattern::value::sym;
use crate::pattern::{Pattern, Value};
use crate::samples::{kit, Bank};
use crate::time::Span;
use std::sync::Arc;

/// Fade applied to stolen and choked voices, seconds.
const STOP_FADE: f64 = 0.0015;
/// Release of a sample voice bounded by `legato`/`sustain` when no `release` is given, seconds.
const SAMPLE_RELEASE: f64 = 0.003;

pub struct Player {
    pattern: Pattern,
    /// Keeps every sample a voice may read alive for as long as this node lives; the node is
    /// dropped off the audio thread with its graph.
    bank: Arc<Bank>,
    table: SymTable,
    pool: VoicePool,
    sample_rate: f64,
    stop_fade: u32,
    /// Per-voice gain of the current segment.
    gains: [f32; BLOCK],
    /// A voice's own output, for voices with effects.
    scratch: Frame,
    /// Counts voices started, seeding each synth voice's noise differently.
    started: u32,
    /// The reverb and delay the events send to, when the pattern uses them.
    sends: Option<Box<Sends>>,
    /// The memories of voices that `squiz`, when the pattern uses it.
    squiz: Option<SquizBank>,
    /// The delay memories of voices with `phaser` or `leslie`, when the pattern uses them.
    memory: Option<FxMemory>,
    /// The memories and FFT plans of voices with spectral effects, when the pattern uses them.
    spectral: Option<Box<SpectralBank>>,
    /// Samples around each block searched for nudged events (0 when the program never
    /// nudges).
    nudge_reach: i64,
    /// Note-offs of `midiout` events still to send: (engine sample, channel, note).
    note_offs: Box<[(i64, u8, u8); MAX_PENDING_NOTE_OFFS]>,
    pending: usize,
    /// The events started in the last block, with their source words (for the editor).
    steps: Box<BlockSteps>,
}

/// The most `nudge` moves an event, seconds, either way: the player looks this far around
/// each block for events nudged into it.
pub const NUDGE_REACH: f64 = 0.25;

/// What a player's program needs beyond plain voices, decided when it is built: each is
/// allocated only when asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// The reverb and delay that `room` and `delay` send to.
    pub sends: bool,
    /// Memories for voices that `squiz`.
    pub squiz: bool,
    /// Delay memories for voices with `phaser` or `leslie`.
    pub memory: bool,
    /// Memories and FFT plans for voices with spectral effects.
    pub spectral: bool,
    /// Events may be `nudge`d: look around each block for them.
    pub nudge: bool,
    /// The built-in kit's sounds the program names (bit `i`: `kit::NAMES[i]`): rendered when
    /// the player is built, as the audio thread never renders one.
    pub kit: u16,
}

/// `midiout` notes that may be held at once per player.
const MAX_PENDING_NOTE_OFFS: usize = 256;

impl Player {
    /// A player with the default polyphony and what `needs` asks for (off the audio thread:
    /// allocates).
    pub fn new(pattern: Pattern, env: &BuildEnv, needs: Needs) -> Player {
        let Needs { sends, squiz, memory, spectral, nudge, kit } = needs;
        let kit: Vec<usize> = (0..kit::NAMES.len()).filter(|i| kit >> i & 1 == 1).collect();
        env.bank.render_kit(&kit);
        let mut p = Player::with_polyphony(pattern, env.bank.clone(), env.sample_rate, POLYPHONY, sends);
        if nudge {
            p.nudge_reach = (NUDGE_REACH * p.sample_rate).ceil() as i64;
        }
        if squiz {
            p.squiz = Some(SquizBank::new(p.sample_rate));
        }
        if memory {
            p.memory = Some(FxMemory::new(p.sample_rate));
        }
        if spectral {
            p.spectral = Some(Box::new(SpectralBank::new(p.sample_rate)));
        }
        p
    }

    pub fn with_polyphony(
        pattern: Pattern,
        bank: Arc<Bank>,
        sample_rate: f32,
        polyphony: usize,
        sends: bool,
    ) -> Player {
        let table = SymTable::build(&bank);
        let sr = sample_rate.max(1.0) as f64;
        let sends = sends.then(|| Box::new(Sends::new(sample_rate)));
        Player {
            pattern,
            bank,
            table,
            pool: VoicePool::new(polyphony),
            sample_rate: sr,
            stop_fade: ((STOP_FADE * sr) as u32).max(16),
            gains: [0.0; BLOCK],
            scratch: Frame::default(),
            started: 0,
            sends,
            squiz: None,
            memory: None,
            spectral: None,
            nudge_reach: 0,
            note_offs: Box::new([(0, 0, 0); MAX_PENDING_NOTE_OFFS]),
            pending: 0,
            steps: Box::default(),
        }
    }

    /// The voice pool (for meters and tests).
    /// The pattern it plays.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// The events started in the last block rendered, with their source words.
    pub fn steps(&self) -> &BlockSteps {
        &self.steps
    }

    pub fn pool(&self) -> &VoicePool {
        &self.pool
    }

    /// Start the voice for one event. `event_len`: the event's length in samples; `spc`:
    /// samples per cycle.
    fn trigger(&mut self, value: &Value, event_len: i64, spc: f64, onset: i64, midi: Option<&mut MidiOut>) {
        let Value::Map(m) = value else { return };
        let p = VoiceParams::from_map(m, &self.table);
        if let Some(ch) = p.midi_channel() {
            self.send_note(&p, ch, onset, event_len, midi);
            return;
        }
        if p.gain <= 0.0 {
            return;
        }
        if let Some(s) = self.sends.as_mut() {
            s.configure(&p, spc / self.sample_rate);
        }
        let sr = self.sample_rate;
        let secs = |x: f64| if x.is_finite() { (x.max(0.0) * sr) as f32 } else { 0.0 };
        let legato_gate = if p.legato.is_finite() { Some((p.legato.max(0.0) * event_len as f64) as u64) } else { None };
        let timed_gate = if p.sustain.is_finite() {
            Some(secs(p.sustain) as u64)
        } else if p.hold.is_finite() {
            Some((secs(p.hold) + secs(p.attack)) as u64)
        } else {
            None
        };
        let source = match p.sound {
            SoundRef::None => return,
            SoundRef::Sample { set, index } => {
                let Some(s) = self.bank.sets().get(set as usize) else { return };
                let samples = s.samples.ready();
                let count = samples.len() as i64;
                if count == 0 {
                    return;
                }
                let i = if p.n.is_finite() { p.n.floor() as i64 } else { index.unwrap_or(0) as i64 };
                let i = i.rem_euclid(count) as usize;
                let sample = &samples[i];
                let frames = sample.frames() as f64;
                let rate = if p.unit_cycles {
                    // Speed in cycles: the whole sample lasts 1/speed cycles.
                    p.speed * frames / spc
                } else {
                    let transpose = p.sample_transpose();
                    p.speed * transpose * sample.sample_rate as f64 / sr
                };
                let Some(mut play) = SamplePlay::new(sample, set, i as u32, p.begin, p.end, rate) else { return };
                play.set_loops(p.loops);
                if p.accelerate != 0.0 {
                    let natural = play.remaining().max(1.0);
                    play.rate_mul = 2f64.powf(p.accelerate / natural);
                }
                // A held key plays until its note-off; otherwise legato or a time bounds it.
                let gate = if p.midikey.is_finite() { None } else { legato_gate.or(timed_gate) };
                let release = if p.release.is_finite() { secs(p.release) } else { (SAMPLE_RELEASE * sr) as f32 };
                let env = Envelope::new(secs(p.attack), gate, release);
                (Source::Sample(play), env)
            }
            SoundRef::Synth(kind) => {
                let freq = p.synth_freq();
                self.started = self.started.wrapping_add(1);
                // The voice's own envelopes span its length, as SuperDirt's `sustain` does.
                // `loop` stretches it to that many events, as SuperDirt's does.
                let loops = if p.loops.is_finite() && p.loops != 0.0 { p.loops.abs().min(1e4) } else { 1.0 };
                let length = legato_gate.or(timed_gate).unwrap_or((event_len.max(1) as f64 * loops).max(1.0) as u64);
                let voice = SynthVoice::new(kind, freq, &p, sr, self.started, length as f64 / sr);
                let gate = if kind.percussive() {
                    legato_gate.or(timed_gate)
                } else if p.midikey.is_finite() {
                    None
                } else {
                    Some(length)
                };
                let attack = if p.attack.is_finite() { p.attack } else { kind.default_attack() };
                let release = if p.release.is_finite() { p.release } else { kind.default_release() };
                (Source::Synth(voice), Envelope::new(secs(attack), gate, secs(release)))
            }
        };
        if p.cut != 0 {
            self.pool.choke(p.cut, self.stop_fade);
        }
        let mut fx = VoiceFx::new(&p, sr as f32);
        if Squiz::wanted(p.squiz) {
            fx.squiz = self.squiz_slot().map(|slot| Squiz::new(slot, p.squiz));
        }
        fx.dirt = DirtFx::new(&p.dirt, p.synth_freq(), sr as f32, onset as u64);
        if fx.dirt.needs_memory() {
            match self.memory_slot() {
                Some(slot) => fx.dirt.memory = Some(slot as u8),
                None => fx.dirt.drop_memory_effects(),
            }
        }
        if fx.dirt.spectral.is_some() {
            match self.spectral_slot() {
                Some(slot) => {
                    let s = fx.dirt.spectral.as_mut().expect("checked above");
                    s.slot = slot as u8;
                    if let Some(bank) = self.spectral.as_mut() {
                        bank.start(s, onset as u64);
                    }
                }
                None => fx.dirt.spectral = None,
            }
        }
        let (room, delay, dry) = if self.sends.is_some() { p.send_levels() } else { (0.0, 0.0, 1.0) };
        let voice = Voice {
            source: source.0,
            env: source.1,
            fx,
            gain: p.gain,
            pan: p.pan_gains(),
            room,
            delay,
            dry,
            held: if (0.0..128.0).contains(&p.midikey) { p.midikey as u8 } else { NOT_HELD },
            cut: p.cut,
            age: 0,
        };
        self.pool.start(voice, self.stop_fade);
    }

    /// Add every voice's samples `[from, to)` of this block into `out`.
    fn render(&mut self, out: &mut Frame, from: usize, to: usize) {
        if to <= from {
            return;
        }
        let n = to - from;
        let Player { bank, pool, gains, scratch, sends, squiz, memory, spectral, .. } = self;
        let buf = &mut gains[..n];
        for slot in pool.slots_mut() {
            let Some(v) = slot else { continue };
            // With effects, the voice renders alone at unit gain into the scratch frame, goes
            // through its effects, and is mixed at its gain (effects see the sound's own level,
            // as in SuperDirt); without, it adds straight into the output.
            let sending = v.room > 0.0 || v.delay > 0.0 || v.dry != 1.0;
            let fx = v.fx.is_active() || sending;
            let level = if fx { 1.0 } else { v.gain };
            let gains = if v.env.flat_for(n) {
                v.env.skip_flat(n);
                Gains::Flat(level)
            } else {
                for g in buf.iter_mut() {
                    *g = level * v.env.tick();
                }
                Gains::Each(buf)
            };
            let (l, r) = if fx {
                scratch.l[..n].fill(0.0);
                scratch.r[..n].fill(0.0);
                (&mut scratch.l[..n], &mut scratch.r[..n])
            } else {
                (&mut out.l[from..to], &mut out.r[from..to])
            };
            let ended = match &mut v.source {
                Source::Sample(play) => {
                    match bank.sets().get(play.set as usize).and_then(|s| s.samples.ready().get(play.index as usize)) {
                        Some(s) => {
                            play.render(s, gains, v.pan, l, r);
                            play.done()
                        }
                        None => true,
                    }
                }
                Source::Synth(sv) => {
                    sv.render(gains, v.pan, l, r);
                    sv.finished()
                }
            };
            if fx {
                if v.fx.is_active() {
                    let (l, r) = (&mut scratch.l[..n], &mut scratch.r[..n]);
                    v.fx.process(l, r);
                    let dirt = v.fx.dirt.is_active();
                    if dirt {
                        v.fx.dirt.process_early(memory.as_mut(), l, r);
                    }
                    if let (Some(sq), Some(bank)) = (v.fx.squiz.as_mut(), squiz.as_mut()) {
                        sq.process(bank, l, r);
                    }
                    if dirt {
                        v.fx.dirt.process_late(memory.as_mut(), spectral.as_deref_mut(), l, r);
                    }
                }
                let (sl, sr) = (&scratch.l[..n], &scratch.r[..n]);
                let dry = v.gain * v.dry;
                mix::add_scaled(&mut out.l[from..to], sl, dry);
                mix::add_scaled(&mut out.r[from..to], sr, dry);
                if let (true, Some(s)) = (sending, sends.as_mut()) {
                    let (room, delay) = (v.gain * v.room, v.gain * v.delay);
                    mix::add_scaled(&mut s.room.l[from..to], sl, room);
                    mix::add_scaled(&mut s.room.r[from..to], sr, room);
                    mix::add_scaled(&mut s.delay.l[from..to], sl, delay);
                    mix::add_scaled(&mut s.delay.r[from..to], sr, delay);
                    s.wake();
                }
            }
            // A voice whose effects still ring (spectral latency) renders on in silence.
            if (ended || v.env.is_done()) && !v.fx.dirt.ring_on(n) {
                *slot = None;
            }
        }
    }
}

impl Player {
    /// A free squiz memory, cleared for a new voice; `None` when the player has none or all
    /// are in use (the voice then plays without squiz).
    fn squiz_slot(&mut self) -> Option<usize> {
        let bank = self.squiz.as_mut()?;
        let mut used = [false; SQUIZ_SLOTS];
        for v in self.pool.slots_mut().iter().flatten() {
            if let Some(s) = v.fx.squiz {
                used[(s.slot as usize).min(SQUIZ_SLOTS - 1)] = true;
            }
        }
        let slot = used.iter().position(|u| !u)?;
        bank.clear(slot);
        Some(slot)
    }

    /// A free delay memory, cleared for a new voice; `None` when the player has none or all
    /// are in use (the voice then plays without phaser and leslie).
    fn memory_slot(&mut self) -> Option<usize> {
        let memory = self.memory.as_mut()?;
        let mut used = [false; MEMORY_SLOTS];
        for v in self.pool.slots_mut().iter().flatten() {
            if let Some(s) = v.fx.dirt.memory {
                used[(s as usize).min(MEMORY_SLOTS - 1)] = true;
            }
        }
        let slot = used.iter().position(|u| !u)?;
        memory.clear(slot);
        Some(slot)
    }

    /// A free spectral slot; `None` when the player has none or all are in use (the voice
    /// then plays without its spectral effects).
    fn spectral_slot(&mut self) -> Option<usize> {
        self.spectral.as_ref()?;
        let mut used = [false; SPECTRAL_SLOTS];
        for v in self.pool.slots_mut().iter().flatten() {
            if let Some(s) = v.fx.dirt.spectral {
                used[(s.slot as usize).min(SPECTRAL_SLOTS - 1)] = true;
            }
        }
        used.iter().position(|u| !u)
    }

    /// Release the voices whose MIDI key is up or goes up during this block.
    fn release_keys(&mut self, host: &HostIn) {
        for slot in self.pool.slots_mut() {
            let Some(v) = slot else { continue };
            if v.held == NOT_HELD {
                continue;
            }
            let k = v.held;
            let off = host.held[k as usize] == 0.0 || host.midi.events().iter().any(|e| !e.on && e.note == k);
            if off {
                v.env.release_now();
                v.held = NOT_HELD;
            }
        }
    }

    /// A `midiout` event: a note-on now, its note-off when the event ends.
    fn send_note(&mut self, p: &VoiceParams, channel: u8, onset: i64, len: i64, midi: Option<&mut MidiOut>) {
        let Some(midi) = midi else { return };
        let note = p.midi_note().round();
        if !(0.0..=127.0).contains(&note) {
            return;
        }
        let note = note as u8;
        let velocity = p.gain.clamp(0.0, 1.0);
        if velocity <= 0.0 {
            return;
        }
        // The offset is set by the caller, which knows where in the block the event starts.
        midi.push(MidiEvent { offset: 0, on: true, channel, note, velocity });
        if self.pending < MAX_PENDING_NOTE_OFFS {
            self.note_offs[self.pending] = (onset + len.max(1), channel, note);
            self.pending += 1;
        }
    }

    /// Send the note-offs due before `end` (offsets relative to `start`).
    fn flush_note_offs(&mut self, start: i64, end: i64, midi: &mut MidiOut) {
        let mut keep = 0;
        for k in 0..self.pending {
            let (at, channel, note) = self.note_offs[k];
            if at < end {
                let offset = (at - start).clamp(0, BLOCK as i64 - 1) as u32;
                midi.push(MidiEvent { offset, on: false, channel, note, velocity: 0.0 });
            } else {
                self.note_offs[keep] = self.note_offs[k];
                keep += 1;
            }
        }
        self.pending = keep;
    }
}

/// An event's `nudge` in samples, within `reach` either way (0 when not given).
fn nudge_samples(v: &Value, sr: f64, reach: i64) -> i64 {
    let Value::Map(m) = v else { return 0 };
    match m.get_num(sym::NUDGE) {
        Some(s) if s.is_finite() => ((s * sr).round() as i64).clamp(-reach, reach),
        _ => 0,
    }
}

impl Node for Player {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        out.clear();
        self.steps.clear();
        self.release_keys(ctx.host);
        let start = ctx.block_start;
        let clock = ctx.clock;
        ctx.query.start();
        let reach = self.nudge_reach;
        if reach == 0 {
            self.pattern.query(clock.block_span(start), ctx.query);
            ctx.query.retain_from(0, |h| h.has_onset());
            ctx.query.haps_mut().sort_unstable_by_key(|h| h.whole_begin());
        } else {
            // Events nudged into this block may sit up to `reach` either side of it; each is
            // played in the one block its nudged onset falls in.
            let span = Span::new(clock.block_span(start - reach).begin, clock.block_span(start + reach).end);
            self.pattern.query(span, ctx.query);
            let sr = self.sample_rate;
            let onset = |h: &crate::pattern::Hap| {
                h.whole.map_or(i64::MIN, |w| clock.sample_of(w.begin) + nudge_samples(&h.value, sr, reach))
            };
            ctx.query.retain_from(0, |h| h.has_onset() && (start..start + BLOCK as i64).contains(&onset(h)));
            ctx.query.haps_mut().sort_unstable_by_key(|h| onset(h));
        }
        let spc = clock.samples_per_cycle();
        let mut pos = 0usize;
        for k in 0..ctx.query.len() {
            let h = ctx.query.get(k);
            let Some(w) = h.whole else { continue };
            let onset = clock.sample_of(w.begin)
                + if reach == 0 { 0 } else { nudge_samples(&h.value, self.sample_rate, reach) };
            let at = (onset - start).clamp(0, BLOCK as i64 - 1) as usize;
            if at > pos {
                self.render(out, pos, at);
                pos = at;
            }
            let len = (clock.sample_of(w.end) - onset).max(1);
            self.steps.push(h.locs, onset, len);
            let before = ctx.midi_out.as_ref().map(|m| m.events().len()).unwrap_or(0);
            self.trigger(&h.value, len, spc, onset, ctx.midi_out.as_deref_mut());
            if let Some(m) = ctx.midi_out.as_deref_mut() {
                m.set_offsets_from(before, at as u32);
            }
        }
        self.render(out, pos, BLOCK);
        if let Some(m) = ctx.midi_out.as_deref_mut() {
            self.flush_note_offs(start, start + BLOCK as i64, m);
        }
        if let Some(s) = self.sends.as_mut() {
            s.process(out);
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        let Some(o) = same_kind::<Player>(old) else { return false };
        // Sample voices refer to the bank by index: they carry over only when both graphs
        // play from the same bank. Synth voices always do.
        let same_bank = Arc::ptr_eq(&self.bank, &o.bank);
        self.pool.adopt(&o.pool, |v| same_bank || matches!(v.source, Source::Synth(_)));
        self.started = o.started;
        if let (Some(s), Some(os)) = (self.sends.as_mut(), o.sends.as_ref()) {
            s.copy_from(os);
        }
        if let (Some(s), Some(os)) = (self.squiz.as_mut(), o.squiz.as_ref()) {
            s.copy_from(os);
        }
        if let (Some(m), Some(om)) = (self.memory.as_mut(), o.memory.as_ref()) {
            m.copy_from(om);
        }
        if let (Some(s), Some(os)) = (self.spectral.as_mut(), o.spectral.as_ref()) {
            s.copy_from(os);
        }
        self.note_offs.copy_from_slice(&o.note_offs[..]);
        self.pending = o.pending;
        o.pending = 0; // the new player sends them
        true
    }

    fn reset(&mut self) {
        self.pool.clear();
        if let Some(s) = self.sends.as_mut() {
            s.clear();
        }
        self.pending = 0;
    }

    crate::node_any!();
}
