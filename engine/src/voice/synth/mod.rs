//! Synth voices played through `s`: SuperDirt's synth set, by name (the table is
//! [`catalog::SYNTHS`]), pitched by `note`/`n`/`octave`/`freq` (see
//! [`VoiceParams::synth_freq`]), timed by the event (or `sustain`/`legato`) and shaped by their
//! own controls. Each voice is a `Copy` state machine producing one stereo sample per call,
//! its whole state (delay lines included) inline, so voices live in a preallocated pool and
//! the audio thread never allocates. One file per family:
//!
//! - [`classic`] plays superpiano superkick supersnare superhat superfm
//! - [`moog`] plays supersquare supersaw superpwm
//! - [`plucked`] plays supermandolin
//! - [`modal`] plays supergong supervibe superfork superhex
//! - [`organ`] plays superhammond
//! - [`analog`] plays supercomparator superzow superhoover superreese supertron supersiren
//! - [`chip`] plays superchip supernoise superstatic
//! - [`drums`] plays super808 superclap soskick soshats sostoms sossnare
//! - [`texture`] plays supergrind superprimes superwavemechanics
//! - [`utility`] plays gabor dirac

pub mod analog;
pub mod catalog;
pub mod chip;
pub mod classic;
pub mod common;
pub mod drums;
pub mod modal;
pub mod moog;
pub mod organ;
pub mod osc;
pub mod plucked;
pub mod texture;
pub mod utility;

use super::params::VoiceParams;
use super::sampler::Gains;
use common::Setup;

/// Which synth a voice runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthKind {
    Saw,
    Piano,
    Kick,
    Snare,
    Hat,
    Fm,
    Pwm,
    Square,
    Mandolin,
    Gong,
    Hex,
    Drum808,
    Clap,
    Siren,
    Comparator,
    Chip,
    Noise,
    Fork,
    Hammond,
    Vibe,
    Hoover,
    Zow,
    Static,
    Grind,
    Primes,
    WaveMechanics,
    Tron,
    Reese,
    SosKick,
    SosHats,
    SosToms,
    SosSnare,
    Gabor,
    Dirac,
}

impl SynthKind {
    pub fn from_name(name: &str) -> Option<SynthKind> {
        catalog::SYNTHS.iter().find(|s| s.name == name).map(|s| s.kind)
    }

    pub fn name(self) -> &'static str {
        catalog::info(self).name
    }

    /// Every synth name, in table order.
    pub fn names() -> impl Iterator<Item = &'static str> + 'static {
        catalog::SYNTHS.iter().map(|s| s.name)
    }

    /// Every synth, in table order.
    pub fn all() -> impl Iterator<Item = SynthKind> {
        catalog::SYNTHS.iter().map(|s| s.kind)
    }

    /// The first eight voices, shaped by the engine's attack/release envelope; the others
    /// carry their own envelope over their sustain.
    fn classic(self) -> bool {
        matches!(
            self,
            SynthKind::Saw
                | SynthKind::Piano
                | SynthKind::Kick
                | SynthKind::Snare
                | SynthKind::Hat
                | SynthKind::Fm
                | SynthKind::Pwm
                | SynthKind::Square
        )
    }

    /// Percussive voices decay by themselves and ignore the event's length unless `legato`
    /// or `sustain` bound them; the others hold while their gate is open.
    pub fn percussive(self) -> bool {
        matches!(self, SynthKind::Kick | SynthKind::Snare | SynthKind::Hat)
    }

    /// Default attack and release, seconds. Voices with their own envelope need none: the
    /// release only rounds off the end of the gate.
    pub fn default_attack(self) -> f64 {
        if self.percussive() || !self.classic() {
            0.0
        } else {
            0.003
        }
    }

    pub fn default_release(self) -> f64 {
        match self {
            SynthKind::Piano => 0.25,
            k if k.percussive() => 0.01,
            k if !k.classic() => 0.005,
            _ => 0.1,
        }
    }
}

/// The running state of one synth voice.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum SynthVoice {
    Classic(classic::Classic),
    Moog(moog::Moog),
    Pwm(moog::Pwm),
    Mandolin(plucked::Mandolin),
    Gong(modal::Gong),
    Vibe(modal::Vibe),
    Fork(modal::Fork),
    Hex(modal::Hex),
    Hammond(organ::Hammond),
    Comparator(analog::Comparator),
    Zow(analog::Zow),
    Hoover(analog::Hoover),
    Reese(analog::Reese),
    Tron(analog::Tron),
    Siren(analog::Siren),
    Chip(chip::Chip),
    Noise(chip::Noise),
    Static(chip::Static),
    Drum808(drums::Drum808),
    Clap(drums::Clap),
    SosKick(drums::SosKick),
    SosHats(drums::SosHats),
    SosToms(drums::SosToms),
    SosSnare(drums::SosSnare),
    Grind(texture::Grind),
    Primes(texture::Primes),
    WaveMechanics(texture::WaveMechanics),
    Gabor(utility::Gabor),
    Dirac(utility::Dirac),
}

/// Runs `$e` on whichever voice `$v` is.
macro_rules! each {
    ($v:expr, $x:ident => $e:expr) => {
        match $v {
            SynthVoice::Classic($x) => $e,
            SynthVoice::Moog($x) => $e,
            SynthVoice::Pwm($x) => $e,
            SynthVoice::Mandolin($x) => $e,
            SynthVoice::Gong($x) => $e,
            SynthVoice::Vibe($x) => $e,
            SynthVoice::Fork($x) => $e,
            SynthVoice::Hex($x) => $e,
            SynthVoice::Hammond($x) => $e,
            SynthVoice::Comparator($x) => $e,
            SynthVoice::Zow($x) => $e,
            SynthVoice::Hoover($x) => $e,
            SynthVoice::Reese($x) => $e,
            SynthVoice::Tron($x) => $e,
            SynthVoice::Siren($x) => $e,
            SynthVoice::Chip($x) => $e,
            SynthVoice::Noise($x) => $e,
            SynthVoice::Static($x) => $e,
            SynthVoice::Drum808($x) => $e,
            SynthVoice::Clap($x) => $e,
            SynthVoice::SosKick($x) => $e,
            SynthVoice::SosHats($x) => $e,
            SynthVoice::SosToms($x) => $e,
            SynthVoice::SosSnare($x) => $e,
            SynthVoice::Grind($x) => $e,
            SynthVoice::Primes($x) => $e,
            SynthVoice::WaveMechanics($x) => $e,
            SynthVoice::Gabor($x) => $e,
            SynthVoice::Dirac($x) => $e,
        }
    };
}

impl SynthVoice {
    /// A voice of `kind` at `freq` Hz for sample rate `sr`, shaped by `p`, lasting `sustain`
    /// seconds (the time scale of its own envelopes).
    pub fn new(kind: SynthKind, freq: f64, p: &VoiceParams, sr: f64, seed: u32, sustain: f64) -> SynthVoice {
        let freq = if freq.is_finite() { freq.clamp(1.0, 0.45 * sr) } else { 261.63 };
        let sustain = if sustain.is_finite() { sustain.clamp(1e-3, 3600.0) } else { 1.0 };
        let s = Setup { freq, sustain, sr, p, seed };
        match kind {
            SynthKind::Square => SynthVoice::Moog(moog::Moog::new(&s, true)),
            SynthKind::Saw => SynthVoice::Moog(moog::Moog::new(&s, false)),
            SynthKind::Pwm => SynthVoice::Pwm(moog::Pwm::new(&s)),
            SynthKind::Mandolin => SynthVoice::Mandolin(plucked::Mandolin::new(&s)),
            SynthKind::Gong => SynthVoice::Gong(modal::Gong::new(&s)),
            SynthKind::Vibe => SynthVoice::Vibe(modal::Vibe::new(&s)),
            SynthKind::Fork => SynthVoice::Fork(modal::Fork::new(&s)),
            SynthKind::Hex => SynthVoice::Hex(modal::Hex::new(&s)),
            SynthKind::Hammond => SynthVoice::Hammond(organ::Hammond::new(&s)),
            SynthKind::Comparator => SynthVoice::Comparator(analog::Comparator::new(&s)),
            SynthKind::Zow => SynthVoice::Zow(analog::Zow::new(&s)),
            SynthKind::Hoover => SynthVoice::Hoover(analog::Hoover::new(&s)),
            SynthKind::Reese => SynthVoice::Reese(analog::Reese::new(&s)),
            SynthKind::Tron => SynthVoice::Tron(analog::Tron::new(&s)),
            SynthKind::Siren => SynthVoice::Siren(analog::Siren::new(&s)),
            SynthKind::Chip => SynthVoice::Chip(chip::Chip::new(&s)),
            SynthKind::Noise => SynthVoice::Noise(chip::Noise::new(&s)),
            SynthKind::Static => SynthVoice::Static(chip::Static::new(&s)),
            SynthKind::Drum808 => SynthVoice::Drum808(drums::Drum808::new(&s)),
            SynthKind::Clap => SynthVoice::Clap(drums::Clap::new(&s)),
            SynthKind::SosKick => SynthVoice::SosKick(drums::SosKick::new(&s)),
            SynthKind::SosHats => SynthVoice::SosHats(drums::SosHats::new(&s)),
            SynthKind::SosToms => SynthVoice::SosToms(drums::SosToms::new(&s)),
            SynthKind::SosSnare => SynthVoice::SosSnare(drums::SosSnare::new(&s)),
            SynthKind::Grind => SynthVoice::Grind(texture::Grind::new(&s)),
            SynthKind::Primes => SynthVoice::Primes(texture::Primes::new(&s)),
            SynthKind::WaveMechanics => SynthVoice::WaveMechanics(texture::WaveMechanics::new(&s)),
            SynthKind::Gabor => SynthVoice::Gabor(utility::Gabor::new(&s)),
            SynthKind::Dirac => SynthVoice::Dirac(utility::Dirac::new(&s)),
            _ => SynthVoice::Classic(classic::Classic::new(kind, freq, p, sr, seed)),
        }
    }

    /// Whether the voice has faded out by itself.
    #[inline]
    pub fn finished(&self) -> bool {
        each!(self, v => v.finished())
    }

    /// The next stereo sample.
    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        each!(self, v => v.tick())
    }

    /// Add the next `l.len()` samples, scaled by `gains` and the pan gains, into `l` and `r`.
    /// The kind of voice is matched once per run rather than once per sample, so each kind's
    /// loop is compiled with its own sample code inlined.
    pub fn render(&mut self, gains: Gains, pan: (f32, f32), l: &mut [f32], r: &mut [f32]) {
        let n = l.len().min(r.len());
        each!(self, v => {
            for i in 0..n {
                let (a, b) = v.tick();
                let g = gains.at(i);
                l[i] += a * g * pan.0;
                r[i] += b * g * pan.1;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in SynthKind::all() {
            assert_eq!(SynthKind::from_name(k.name()), Some(k));
        }
        let mut names: Vec<&str> = SynthKind::names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), catalog::SYNTHS.len(), "a name is listed twice");
    }

    #[test]
    fn every_synth_is_finite_and_audible() {
        let p = VoiceParams::default();
        let mut bad = Vec::new();
        for k in SynthKind::all() {
            let mut v = SynthVoice::new(k, 220.0, &p, 48000.0, 1, 0.5);
            let mut peak = 0.0f32;
            for _ in 0..24000 {
                let (l, r) = v.tick();
                assert!(l.is_finite() && r.is_finite(), "{k:?}");
                peak = peak.max(l.abs()).max(r.abs());
            }
            println!("{:20} peak {peak:.3}", k.name());
            if !(peak > 0.05 && peak < 1.5) {
                bad.push((k, peak));
            }
        }
        assert!(bad.is_empty(), "{bad:?}");
    }
}
