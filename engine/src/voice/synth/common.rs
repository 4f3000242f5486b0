//! What every synth voice starts from: its pitch, its length (`sustain`, the time scale of its
//! own envelopes, as in SuperDirt), its controls, and the pitch glide of `speed`/`accelerate`.

use crate::controls::Ctl;
use crate::dsp::noise::Rng;
use crate::dsp::segments::Line;
use crate::voice::params::VoiceParams;

/// The start of one voice.
pub struct Setup<'a> {
    /// Pitch, Hz.
    pub freq: f64,
    /// Seconds the voice lasts: `sustain`, else the event's length (times `legato`).
    pub sustain: f64,
    pub sr: f64,
    pub p: &'a VoiceParams,
    pub seed: u32,
}

/// `x` when given (finite), else `default`.
#[inline]
pub fn or(x: f64, default: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        default
    }
}

impl Setup<'_> {
    pub fn voice(&self, default: f64) -> f64 {
        or(self.p.voice, default)
    }

    pub fn detune(&self, default: f64) -> f64 {
        or(self.p.detune, default)
    }

    pub fn decay(&self, default: f64) -> f64 {
        or(self.p.decay, default)
    }

    /// `n` as SuperDirt passes it to drum synths (not a pitch), 0 when not given.
    pub fn n(&self) -> f64 {
        or(self.p.n, 0.0)
    }

    /// A control of the event (a synth parameter: `pitch1`, `rate`, ...), or `default`.
    pub fn ctl(&self, c: Ctl, default: f64) -> f64 {
        or(self.p.controls.get(c), default)
    }

    /// `resonance` as a synth timbre control; 0 (the control's resting value) means not given.
    pub fn resonance(&self, default: f64) -> f64 {
        let r = self.p.resonance as f64;
        if r.is_finite() && r != 0.0 {
            r
        } else {
            default
        }
    }

    /// Raw `velocity` (timbre for the mallet synths), default 1.
    pub fn velocity(&self) -> f64 {
        or(self.p.controls.get(Ctl::Velocity), 1.0).max(0.0)
    }

    /// The pitch multiplier over the voice: `|speed|` rising or falling linearly to
    /// `|speed|·(1 + accelerate)` over the sustain, then held.
    pub fn glide(&self) -> Line {
        let s = self.p.speed.abs() as f32;
        Line::new(s, s * (1.0 + self.p.accelerate as f32), self.sustain, self.sr)
    }

    /// Phase increment (cycles per sample) of `hz`.
    #[inline]
    pub fn inc(&self, hz: f64) -> f32 {
        (hz / self.sr) as f32
    }

    /// Seconds to samples.
    pub fn samples(&self, secs: f64) -> u32 {
        (secs.max(0.0) * self.sr).round().min(u32::MAX as f64 / 2.0) as u32
    }

    /// A noise source seeded by the voice.
    pub fn rng(&self, salt: u64) -> Rng {
        Rng::new(((self.seed as u64) << 8) ^ salt)
    }
}

/// A frequency kept below Nyquist (partials above it are silenced by their callers).
#[inline]
pub fn audible(hz: f64, sr: f64) -> bool {
    hz > 0.0 && hz < 0.45 * sr
}

/// `x` wrapped into `[-b, b)` (0 when `b` is 0).
#[inline]
pub fn wrap2(x: f32, b: f32) -> f32 {
    if b <= 0.0 {
        return 0.0;
    }
    let w = 2.0 * b;
    x - w * ((x + b) / w).floor()
}

/// Equal-power stereo gains for a position −1 (left) .. 1 (right).
#[inline]
pub fn pan2(pos: f32) -> (f32, f32) {
    let a = (pos.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
    (a.cos(), a.sin())
}

/// Per-sample factor of a decay to −60 dB in `t60` seconds.
#[inline]
pub fn t60_factor(t60: f64, sr: f64) -> f32 {
    (0.001f64).powf(1.0 / (t60.max(1e-4) * sr)) as f32
}

/// `x` mapped exponentially from `lo..hi` (linear input `a..b`), clamped.
#[inline]
pub fn linexp(x: f64, a: f64, b: f64, lo: f64, hi: f64) -> f64 {
    let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
    lo * (hi / lo).powf(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert!((wrap2(1.5, 1.0) + 0.5).abs() < 1e-6);
        assert!((wrap2(-0.5, 1.0) + 0.5).abs() < 1e-6);
        assert_eq!(wrap2(3.0, 0.0), 0.0);
        let (l, r) = pan2(0.0);
        assert!((l - r).abs() < 1e-6 && (l * l + r * r - 1.0).abs() < 1e-6);
        assert!((linexp(0.5, 0.0, 1.0, 1.0, 100.0) - 10.0).abs() < 1e-9);
    }
}
