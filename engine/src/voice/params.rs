//! An event's controls, read once at its onset into plain numbers.

use super::dirt_fx::DirtFxSettings;
use super::table::{SoundRef, SymTable};
use crate::controls::{ControlValues, Ctl};
use crate::pattern::notes;
use crate::pattern::value::sym;
use crate::pattern::{Atom, Map};

/// The controls of one event (LANGUAGE.md §4): every control of the table in [`Self::controls`],
/// and, typed and checked, the ones every voice reads. `NaN` means "not given" where a default
/// depends on the sound.
#[derive(Clone, Copy, Debug)]
pub struct VoiceParams {
    pub sound: SoundRef,
    /// `n`: sample number for samples, note number (semitones from middle C) for synths.
    pub n: f64,
    /// `note` (alias `up`): semitones from middle C, Tidal's note number; NaN if not given.
    pub note: f64,
    /// `octave`: 5 leaves the pitch alone.
    pub octave: f64,
    /// `midinote`: a MIDI number, overriding `note`/`n`/`octave`; NaN if not given.
    pub midinote: f64,
    /// `freq`: Hz, overriding every other pitch control; NaN if not given.
    pub freq: f64,
    /// Linear gain: `gain * velocity * amp`.
    pub gain: f32,
    /// `pan`: 0 left .. 1 right.
    pub pan: f32,
    /// `speed`: playback rate; negative plays backwards.
    pub speed: f64,
    /// `unit "c"`: speed is in cycles per sample length.
    pub unit_cycles: bool,
    /// `accelerate`: octaves of pitch change over the voice's natural length.
    pub accelerate: f64,
    /// `begin`, `end`: fractions of the sample.
    pub begin: f64,
    pub end: f64,
    /// `cut`: choke group; 0 for none.
    pub cut: i64,
    /// `legato`: voice length as a multiple of the event's length; NaN if not given.
    pub legato: f64,
    /// Seconds; NaN if not given.
    pub attack: f64,
    pub release: f64,
    pub hold: f64,
    pub sustain: f64,
    pub decay: f64,
    /// Synth timbre: `detune`, `voice`; NaN if not given.
    pub detune: f64,
    pub voice: f64,
    /// Per-voice effects.
    pub cutoff: f32,
    pub resonance: f32,
    pub hcutoff: f32,
    pub hresonance: f32,
    pub bandf: f32,
    pub bandq: f32,
    pub shape: f32,
    pub distort: f32,
    pub crush: f32,
    pub coarse: f32,
    /// `squiz`: pitch ratio of SuperDirt's squiz (1 or NaN: none).
    pub squiz: f32,
    pub vowel: u8,
    /// Sends to the player's effects (levels 0..1; NaN if not given) and their settings:
    /// `size` 0..1, `delaytime` seconds, `delayfeedback` 0..1.
    pub room: f64,
    pub size: f64,
    pub dry: f64,
    pub delay: f64,
    pub delaytime: f64,
    /// `lock`: `delaytime` counts cycles rather than seconds.
    pub lock: bool,
    pub delayfeedback: f64,
    /// `midiout`: send the note to this MIDI channel (1..16) instead of playing it; `channel`
    /// overrides the channel. NaN if not given.
    pub midiout: f64,
    pub channel: f64,
    /// The event comes from this key held on the MIDI input; its voice sounds until the key's
    /// note-off. NaN otherwise.
    pub midikey: f64,
    /// Every control's value by id, as the event gives it (the table's default where it does
    /// not): the synths' own controls (`pitch1`, `rate`, ...), raw `velocity`, and any control
    /// an effect reads directly.
    pub controls: ControlValues,
    /// SuperDirt's extra per-voice effects (`djf`, `ring`, `fshift`, ...).
    pub dirt: DirtFxSettings,
    /// `loop`: a sample plays this many times, a synth lasts this many events; NaN if not given.
    pub loops: f64,
}

impl Default for VoiceParams {
    fn default() -> Self {
        VoiceParams {
            sound: SoundRef::None,
            n: f64::NAN,
            note: f64::NAN,
            octave: 5.0,
            midinote: f64::NAN,
            freq: f64::NAN,
            gain: 1.0,
            pan: 0.5,
            speed: 1.0,
            unit_cycles: false,
            accelerate: 0.0,
            begin: 0.0,
            end: 1.0,
            cut: 0,
            legato: f64::NAN,
            attack: f64::NAN,
            release: f64::NAN,
            hold: f64::NAN,
            sustain: f64::NAN,
            decay: f64::NAN,
            detune: f64::NAN,
            voice: f64::NAN,
            cutoff: 0.0,
            resonance: 0.0,
            hcutoff: 0.0,
            hresonance: 0.0,
            bandf: 0.0,
            bandq: 0.0,
            shape: 0.0,
            distort: 0.0,
            crush: 0.0,
            coarse: 0.0,
            squiz: f32::NAN,
            vowel: 0,
            room: f64::NAN,
            size: f64::NAN,
            dry: f64::NAN,
            delay: f64::NAN,
            delaytime: f64::NAN,
            lock: false,
            delayfeedback: f64::NAN,
            midiout: f64::NAN,
            channel: f64::NAN,
            midikey: f64::NAN,
            controls: ControlValues::DEFAULTS,
            dirt: DirtFxSettings::default(),
            loops: f64::NAN,
        }
    }
}

/// A finite number, or NaN for anything else.
#[inline]
fn num(a: Atom) -> f64 {
    match a {
        Atom::Num(x) if x.is_finite() => x,
        _ => f64::NAN,
    }
}

impl VoiceParams {
    /// Read an event's control map (allocation-free; keys that name no control are ignored).
    /// Each key is resolved to its control through the symbol table, aliases included, so a
    /// control added to the table is read here without a line of its own.
    pub fn from_map(m: &Map, table: &SymTable) -> VoiceParams {
        let mut v = ControlValues::DEFAULTS;
        let mut p = VoiceParams::default();
        for (k, a) in m.iter() {
            if k == sym::MIDIKEY {
                p.midikey = num(a);
                continue;
            }
            let Some(c) = table.get(k).control else { continue };
            let x = match (c, a) {
                (Ctl::S, Atom::Sym(s)) => {
                    p.sound = table.get(s).sound;
                    continue;
                }
                (Ctl::S, Atom::Num(_)) => continue,
                (Ctl::Note, Atom::Num(x)) => x,
                (Ctl::Note, Atom::Sym(s)) => table.get(s).note as f64,
                (Ctl::Vowel, Atom::Sym(s)) => table.get(s).vowel as f64,
                (Ctl::Vowel, Atom::Num(x)) if (1.0..=5.0).contains(&x) => (x as u8) as f64,
                (Ctl::Vowel, Atom::Num(_)) => 0.0,
                (Ctl::Unit, a) => f64::from(u8::from(matches!(a, Atom::Sym(s) if table.get(s).unit_cycles))),
                (_, a) => num(a),
            };
            v.set(c, x);
        }
        p.read(v);
        p
    }

    /// The typed fields from the controls' values.
    fn read(&mut self, v: ControlValues) {
        let or = |x: f64, d: f64| if x.is_finite() { x } else { d };
        self.n = v.get(Ctl::N);
        self.note = v.get(Ctl::Note);
        self.octave = or(v.get(Ctl::Octave), 5.0);
        self.midinote = v.get(Ctl::Midinote);
        self.freq = v.get(Ctl::Freq);
        self.dirt = DirtFxSettings::read(&v);
        self.loops = v.get(Ctl::Loop);
        let g = self.dirt.gain(v.get(Ctl::Gain)) * v.get(Ctl::Velocity) * v.get(Ctl::Amp);
        self.gain = if g.is_finite() { g.max(0.0) as f32 } else { 0.0 };
        let pan = v.get(Ctl::Pan) as f32;
        self.pan = if pan.is_finite() { pan } else { 0.5 };
        self.speed = or(v.get(Ctl::Speed), 1.0);
        self.unit_cycles = v.get(Ctl::Unit) == 1.0;
        self.accelerate = or(v.get(Ctl::Accelerate), 0.0);
        self.begin = or(v.get(Ctl::Begin), 0.0);
        self.end = or(v.get(Ctl::End), 1.0);
        self.cut = v.get(Ctl::Cut) as i64;
        self.legato = v.get(Ctl::Legato);
        self.attack = v.get(Ctl::Attack);
        self.release = v.get(Ctl::Release);
        self.hold = v.get(Ctl::Hold);
        self.sustain = v.get(Ctl::Sustain);
        self.decay = v.get(Ctl::Decay);
        self.detune = v.get(Ctl::Detune);
        self.voice = v.get(Ctl::Voice);
        self.cutoff = v.get(Ctl::Cutoff) as f32;
        self.resonance = v.get(Ctl::Resonance) as f32;
        self.hcutoff = v.get(Ctl::Hcutoff) as f32;
        self.hresonance = v.get(Ctl::Hresonance) as f32;
        self.bandf = v.get(Ctl::Bandf) as f32;
        self.bandq = v.get(Ctl::Bandq) as f32;
        self.shape = v.get(Ctl::Shape) as f32;
        self.distort = v.get(Ctl::Distort) as f32;
        self.crush = v.get(Ctl::Crush) as f32;
        self.coarse = v.get(Ctl::Coarse) as f32;
        self.squiz = v.get(Ctl::Squiz) as f32;
        self.vowel = v.get(Ctl::Vowel) as u8;
        self.room = v.get(Ctl::Room);
        self.size = v.get(Ctl::Size);
        self.dry = v.get(Ctl::Dry);
        self.delay = v.get(Ctl::Delay);
        self.delaytime = v.get(Ctl::Delaytime);
        self.lock = v.get(Ctl::Lock) >= 0.5;
        self.delayfeedback = v.get(Ctl::Delayfeedback);
        self.midiout = v.get(Ctl::Midiout);
        self.channel = v.get(Ctl::Channel);
        self.controls = v;
    }

    /// Send levels (room, delay) and the dry level of a voice; zero sends when not given.
    pub fn send_levels(&self) -> (f32, f32, f32) {
        let level = |x: f64, default: f64| if x.is_finite() { x.clamp(0.0, 1.0) as f32 } else { default as f32 };
        (level(self.room, 0.0), level(self.delay, 0.0), level(self.dry, 1.0))
    }

    /// The MIDI number an event plays, SuperDirt's way (see `notes::event_midi`); `n` pitches
    /// synths and MIDI notes, not samples.
    pub fn midi_note(&self) -> f64 {
        notes::event_midi(self.note, self.n, self.octave, self.midinote, self.freq)
    }

    /// How much faster than its own rate a sample plays for its pitch: `note` semitones (or
    /// `midinote`, `freq`, `octave`) resample it around middle C, as SuperDirt does.
    pub fn sample_transpose(&self) -> f64 {
        if self.freq.is_finite() && self.freq > 0.0 {
            return self.freq / notes::MIDDLE_C_HZ;
        }
        let midi = notes::event_midi(self.note, f64::NAN, self.octave, self.midinote, f64::NAN);
        notes::semitone_ratio(midi - notes::MIDDLE_C_MIDI)
    }

    /// The MIDI channel (0..15) of a `midiout` event, if it is one.
    pub fn midi_channel(&self) -> Option<u8> {
        if !self.midiout.is_finite() {
            return None;
        }
        let ch = if self.channel.is_finite() { self.channel } else { self.midiout };
        Some((ch.round().clamp(1.0, 16.0) - 1.0) as u8)
    }

    /// The pitch of a synth voice, in Hz: `freq` if given, else [`Self::midi_note`].
    pub fn synth_freq(&self) -> f64 {
        if self.freq.is_finite() && self.freq > 0.0 {
            return self.freq;
        }
        notes::midi_to_hz(self.midi_note())
    }

    /// Left and right gains for `pan`: unity for both at the centre, so a centred mono
    /// sample plays at its own level on each side; towards a side the other fades on an
    /// equal-power curve.
    pub fn pan_gains(&self) -> (f32, f32) {
        let pan = self.pan.clamp(0.0, 1.0);
        let a = pan * std::f32::consts::FRAC_PI_2;
        let k = std::f32::consts::SQRT_2;
        let l = if pan <= 0.5 { 1.0 } else { (k * a.cos()).clamp(0.0, 1.0) };
        let r = if pan >= 0.5 { 1.0 } else { (k * a.sin()).clamp(0.0, 1.0) };
        (l, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Sym;
    use crate::samples::Bank;

    #[test]
    fn controls_are_read() {
        let bank = Bank::builtin();
        let a4 = Sym::new("a5");
        let t = SymTable::build(&bank);
        let mut m = Map::single(sym::S, Atom::Sym(Sym::new("supersquare")));
        m.set(sym::NOTE, Atom::Sym(a4));
        m.set(sym::GAIN, Atom::Num(0.5));
        m.set(sym::VELOCITY, Atom::Num(0.5));
        let p = VoiceParams::from_map(&m, &t);
        assert!((p.synth_freq() - 440.0).abs() < 1e-9);
        assert_eq!(p.gain, 0.03125, "gain on SuperDirt's curve (0.5^4), velocity linear");
        let mut m = Map::single(sym::N, Atom::Num(12.0));
        m.set(sym::OCTAVE, Atom::Num(4.0));
        assert!((VoiceParams::from_map(&m, &t).synth_freq() - 261.6255653).abs() < 1e-6);
        let p = VoiceParams::from_map(&Map::single(sym::MIDINOTE, Atom::Num(69.0)), &t);
        assert!((p.synth_freq() - 440.0).abs() < 1e-9);
        assert_eq!(p.sample_transpose(), 2f64.powf(9.0 / 12.0));
        let p = VoiceParams::from_map(&Map::single(sym::NOTE, Atom::Num(12.0)), &t);
        assert!((p.sample_transpose() - 2.0).abs() < 1e-12);
        let p = VoiceParams::from_map(&Map::single(sym::N, Atom::Num(12.0)), &t);
        assert_eq!(p.sample_transpose(), 1.0, "n picks a sample, it does not pitch it");
        assert!((p.synth_freq() - 523.2511306).abs() < 1e-6);
        m.set(sym::FREQ, Atom::Num(300.0));
        assert_eq!(VoiceParams::from_map(&m, &t).synth_freq(), 300.0);
        let (l, r) = VoiceParams::default().pan_gains();
        assert!((l - 1.0).abs() < 1e-6 && (r - 1.0).abs() < 1e-6);
        let (l, r) = VoiceParams { pan: 0.0, ..Default::default() }.pan_gains();
        assert!((l - 1.0).abs() < 1e-6 && r.abs() < 1e-6);
    }

    /// Every control of the table, and every alias, reaches the event's values by its id.
    #[test]
    fn every_control_is_read_by_its_id() {
        use crate::controls::CONTROLS;
        // The program's names are interned before the table is built, as a compile does.
        let (o, saw) = (Sym::new("o"), Sym::new("supersaw"));
        let t = SymTable::build(&Bank::builtin());
        for (i, c) in CONTROLS.iter().enumerate() {
            let ctl = Ctl::from_index(i).unwrap();
            if matches!(ctl, Ctl::S | Ctl::Unit | Ctl::Vowel) {
                continue;
            }
            for name in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                let p = VoiceParams::from_map(&Map::single(Sym::new(name), Atom::Num(3.0)), &t);
                assert_eq!(p.controls.get(ctl), 3.0, "{name}");
            }
        }
        let p = VoiceParams::from_map(&Map::single(Sym::new("lpf"), Atom::Num(500.0)), &t);
        assert_eq!(p.cutoff, 500.0);
        let p = VoiceParams::from_map(&Map::single(Sym::new("vowel"), Atom::Sym(o)), &t);
        assert_eq!(p.vowel, 4);
        let p = VoiceParams::from_map(&Map::single(Sym::new("sound"), Atom::Sym(saw)), &t);
        assert_eq!(p.sound, VoiceParams::from_map(&Map::single(sym::S, Atom::Sym(saw)), &t).sound);
        assert_ne!(p.sound, SoundRef::None);
    }
}
