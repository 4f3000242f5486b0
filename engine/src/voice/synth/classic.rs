//! Five synth voices sharing one small state machine: `superpiano` `superkick` `supersnare`
//! `superhat` `superfm`, shaped by `voice` and `decay`.

use super::common::or;
use super::osc::{advance, Noise, OnePole};
use super::SynthKind;
use crate::controls::Ctl;
use crate::dsp::fast_math::sin_turns;
use crate::voice::params::VoiceParams;

const PARTS: usize = 8;

/// The running state of one of the first eight synth voices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classic {
    pub kind: SynthKind,
    /// Oscillator phases (cycles) and increments (cycles per sample).
    phase: [f64; PARTS],
    dt: [f64; PARTS],
    /// Per-oscillator amplitude and its per-sample decay factor.
    amp: [f32; PARTS],
    amp_mul: [f32; PARTS],
    /// Per-oscillator stereo lean, −1 left .. 1 right (piano).
    side: [f32; PARTS],
    /// Main amplitude envelope (percussive voices) and its per-sample factor.
    env: f32,
    env_mul: f32,
    /// Second envelope: pitch sweep (kick), modulation index (fm), noise level (snare).
    env2: f32,
    env2_mul: f32,
    /// Timbre: the modulator ratio (fm).
    timbre: f64,
    noise: Noise,
    f1: OnePole,
    f2: OnePole,
}

/// Per-sample factor of an exponential decay with time constant `tau` seconds.
fn decay_factor(tau: f64, sr: f64) -> f32 {
    (-1.0 / (tau.max(1e-4) * sr)).exp() as f32
}

impl Classic {
    /// A voice of `kind` at `freq` Hz for sample rate `sr`, shaped by `p`.
    pub fn new(kind: SynthKind, freq: f64, p: &VoiceParams, sr: f64, seed: u32) -> Classic {
        let dt0 = (freq / sr).clamp(1e-6, 0.45);
        let mut v = Classic {
            kind,
            phase: [0.0; PARTS],
            dt: [dt0; PARTS],
            amp: [0.0; PARTS],
            amp_mul: [1.0; PARTS],
            side: [0.0; PARTS],
            env: 1.0,
            env_mul: 1.0,
            env2: 1.0,
            env2_mul: 1.0,
            timbre: 0.5,
            noise: Noise(0x9E37_79B9 ^ seed.wrapping_mul(2_654_435_761) | 1),
            f1: OnePole::default(),
            f2: OnePole::default(),
        };
        let srf = sr as f32;
        // `decay`: seconds until a percussive voice has fallen by about 43 dB (five time
        // constants), as long as the sound is heard.
        let decay = |default: f64| (if p.decay.is_finite() && p.decay > 0.0 { p.decay } else { default }) / 5.0;
        let voice = if p.voice.is_finite() { p.voice.clamp(0.0, 1.0) } else { f64::NAN };
        match kind {
            SynthKind::Piano => {
                // Slightly stretched partials (string stiffness: `detune`), upper ones quieter
                // and shorter; low notes ring longer. `velocity` hardens the hammer (brighter,
                // more knock), `muffle` damps the upper partials, `stereo` spreads them.
                let ring = (2.5 * (261.6 / freq).powf(0.5)).clamp(0.4, 6.0);
                let stiffness = 0.004 * or(p.detune, 0.1).clamp(0.0, 10.0);
                let velocity = or(p.controls.get(Ctl::Velocity), 1.0).clamp(0.0, 2.0);
                let tilt = 1.3 + 0.6 * (1.0 - velocity);
                let corner = |m: f64| 12000.0 * 0.08f64.powf(m.clamp(0.0, 1.0));
                let (c1, cm) = (corner(1.0), corner(or(p.controls.get(Ctl::Muffle), 1.0)));
                let stereo = or(p.controls.get(Ctl::Stereo), 0.2).clamp(0.0, 1.0) as f32;
                for k in 0..PARTS {
                    let h = (k + 1) as f64;
                    let stretch = (1.0 + stiffness * h * h).sqrt();
                    let dt = dt0 * h * stretch;
                    let hz = dt * sr;
                    // Relative to the default muffling, so `muffle 1` is the plain piano.
                    let muffle = ((1.0 + (hz / c1).powi(2)) / (1.0 + (hz / cm).powi(2))).sqrt();
                    v.dt[k] = dt;
                    v.amp[k] = if dt < 0.45 { (0.3 / h.powf(tilt) * muffle) as f32 } else { 0.0 };
                    v.amp_mul[k] = decay_factor(ring / h.powf(0.8), sr);
                    v.side[k] = if k % 2 == 0 { -stereo } else { stereo } * (k as f32 / PARTS as f32).sqrt();
                }
                v.env2 = velocity as f32; // hammer noise
                v.env2_mul = decay_factor(0.004, sr);
                v.f1 = OnePole::new((freq as f32 * 6.0).min(9000.0), srf);
            }
            SynthKind::Kick => {
                // A sine two octaves below the note, swept down from four times that.
                for d in v.dt.iter_mut() {
                    *d = (dt0 * 0.25).min(0.45);
                }
                v.phase[0] = 0.25; // start at the crest: the kick's click
                v.env_mul = decay_factor(decay(0.6), sr);
                v.env2_mul = decay_factor(0.03, sr);
                v.amp[0] = 0.8;
            }
            SynthKind::Snare => {
                v.dt[0] = (dt0 * 0.75).min(0.45);
                v.dt[1] = (dt0 * 1.33).min(0.45);
                v.amp[0] = 0.35;
                v.amp[1] = 0.2;
                v.amp_mul = [decay_factor(0.06, sr); PARTS];
                v.env_mul = decay_factor(decay(0.5), sr);
                v.f1 = OnePole::new(1500.0, srf);
            }
            SynthKind::Hat => {
                const METAL: [f64; 6] = [205.3, 304.4, 369.6, 522.7, 540.0, 800.0];
                for (k, m) in METAL.iter().enumerate() {
                    v.dt[k] = (m * freq / 261.63 / sr).min(0.45);
                }
                v.env_mul = decay_factor(decay(0.15), sr);
                v.f1 = OnePole::new(7000.0, srf);
                v.f2 = OnePole::new(7000.0, srf);
            }
            SynthKind::Fm => {
                // Phase modulation by an operator at `ratio` times the pitch; the index
                // starts bright and settles.
                v.timbre = if voice.is_finite() { 1.0 + 2.0 * voice } else { 2.0 };
                v.dt[1] = (dt0 * v.timbre).min(0.45);
                v.env2_mul = decay_factor(decay(1.5), sr);
            }
            _ => {}
        }
        v
    }

    /// Whether a percussive or decaying voice has faded out by itself.
    #[inline]
    pub fn finished(&self) -> bool {
        match self.kind {
            SynthKind::Kick | SynthKind::Snare | SynthKind::Hat => self.env < 1e-4,
            SynthKind::Piano => self.amp[0] < 1e-5,
            _ => false,
        }
    }

    /// The next stereo sample.
    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        match self.kind {
            SynthKind::Piano => {
                let (mut l, mut r) = (0.0f32, 0.0f32);
                for k in 0..PARTS {
                    let y = sin_turns(self.phase[k] as f32) * self.amp[k];
                    l += y * (1.0 - self.side[k]);
                    r += y * (1.0 + self.side[k]);
                    advance(&mut self.phase[k], self.dt[k]);
                    self.amp[k] *= self.amp_mul[k];
                }
                let hammer = self.f1.low(self.noise.tick()) * self.env2 * 0.15;
                self.env2 *= self.env2_mul;
                (l + hammer, r + hammer)
            }
            SynthKind::Kick => {
                let y = sin_turns(self.phase[0] as f32) * self.env * self.amp[0];
                advance(&mut self.phase[0], self.dt[0] * (1.0 + 3.0 * self.env2 as f64));
                self.env *= self.env_mul;
                self.env2 *= self.env2_mul;
                (y, y)
            }
            SynthKind::Snare => {
                let mut tone = 0.0;
                for k in 0..2 {
                    tone += sin_turns(self.phase[k] as f32) * self.amp[k];
                    advance(&mut self.phase[k], self.dt[k]);
                    self.amp[k] *= self.amp_mul[k];
                }
                let y = tone + self.f1.high(self.noise.tick()) * 0.5 * self.env;
                self.env *= self.env_mul;
                (y, y)
            }
            SynthKind::Hat => {
                let mut metal = 0.0f32;
                for k in 0..6 {
                    metal += if self.phase[k] < 0.5 { 1.0 } else { -1.0 };
                    advance(&mut self.phase[k], self.dt[k]);
                }
                let x = metal * 0.08 + self.noise.tick() * 0.6;
                let y = self.f2.high(self.f1.high(x)) * self.env * 0.6;
                self.env *= self.env_mul;
                (y, y)
            }
            SynthKind::Fm => {
                // The modulator's phase offset, in turns (an index of 1 is one radian).
                let index = (0.3 + 1.2 * self.env2) / std::f32::consts::TAU;
                let m = sin_turns(self.phase[1] as f32) * index;
                let y = sin_turns(self.phase[0] as f32 + m) * 0.4;
                advance(&mut self.phase[0], self.dt[0]);
                advance(&mut self.phase[1], self.dt[1]);
                self.env2 *= self.env2_mul;
                (y, y)
            }
            _ => (0.0, 0.0),
        }
    }
}
