//! Modulation effects: chorus and flanger (delay lines swept by LFOs) and phaser (a swept
//! chain of first-order all-passes). Each takes a stereo block and writes a stereo block; the
//! LFOs of the two channels run a quarter cycle apart for width.

use super::allpass::{allpass1_coef, Allpass1};
use super::delay_line::DelayLine;
use super::fast_math::{exp2, flush, sin_turns};

/// An LFO phase in cycles, advanced per sample.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Lfo {
    pub phase: f32,
}

impl Lfo {
    /// Current phase, then advance by `rate_hz · inv_sr` (wrapped to `[0, 1)`).
    #[inline(always)]
    pub fn tick(&mut self, rate_hz: f32, inv_sr: f32) -> f32 {
        let p = self.phase;
        let mut n = p + rate_hz * inv_sr;
        if !(0.0..1.0).contains(&n) {
            n -= n.floor();
            if !n.is_finite() {
                n = 0.0;
            }
        }
        self.phase = n;
        p
    }
}

/// Per-sample settings of the modulation effects.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModParams {
    /// LFO rate, Hz.
    pub rate: f32,
    /// Sweep depth 0..1.
    pub depth: f32,
    /// Feedback −0.95..0.95 (flanger, phaser).
    pub feedback: f32,
    /// Wet share 0..1 (0.5: equal dry and wet).
    pub mix: f32,
}

impl ModParams {
    fn clamped(self) -> ModParams {
        let c = |v: f32, lo: f32, hi: f32, d: f32| if v.is_nan() { d } else { v.clamp(lo, hi) };
        ModParams {
            rate: c(self.rate, 0.0, 50.0, 0.5),
            depth: c(self.depth, 0.0, 1.0, 0.5),
            feedback: c(self.feedback, -0.95, 0.95, 0.0),
            mix: c(self.mix, 0.0, 1.0, 0.5),
        }
    }
}

/// Chorus: two voices per channel, each a delay of 7–23 ms swept by a sine LFO (depth 1 =
/// ±8 ms), the four voices spread over the LFO cycle.
pub struct Chorus {
    lines: [DelayLine; 2],
    lfo: Lfo,
    sample_rate: f32,
}

const CHORUS_BASE_S: f32 = 0.015;
const CHORUS_SWING_S: f32 = 0.008;

impl Chorus {
    pub fn new(sample_rate: f32) -> Chorus {
        let max = ((CHORUS_BASE_S + CHORUS_SWING_S) * sample_rate) as usize + 8;
        Chorus { lines: [DelayLine::new(max), DelayLine::new(max)], lfo: Lfo::default(), sample_rate }
    }

    /// Process sample `i` of a stereo signal.
    #[inline]
    pub fn tick(&mut self, l: f32, r: f32, p: ModParams) -> (f32, f32) {
        let p = p.clamped();
        let sr = self.sample_rate;
        let ph = self.lfo.tick(p.rate, 1.0 / sr);
        let base = CHORUS_BASE_S * sr;
        let swing = CHORUS_SWING_S * sr * p.depth;
        let d = |off: f32| base + swing * sin_turns(ph + off);
        let wl = 0.5 * (self.lines[0].read_cubic(d(0.0)) + self.lines[0].read_cubic(d(0.5)));
        let wr = 0.5 * (self.lines[1].read_cubic(d(0.25)) + self.lines[1].read_cubic(d(0.75)));
        self.lines[0].push(l);
        self.lines[1].push(r);
        (l + p.mix * (wl - l), r + p.mix * (wr - r))
    }

    pub fn clear(&mut self) {
        self.lines[0].clear();
        self.lines[1].clear();
    }

    pub fn copy_from(&mut self, o: &Chorus) {
        self.lines[0].copy_from(&o.lines[0]);
        self.lines[1].copy_from(&o.lines[1]);
        self.lfo = o.lfo;
    }
}

/// Flanger: one short delay per channel (0.3–5.3 ms by depth; at least 2 samples) swept by a sine LFO, with
/// feedback; mixed half and half it cuts a comb of moving notches.
pub struct Flanger {
    lines: [DelayLine; 2],
    lfo: Lfo,
    sample_rate: f32,
}

const FLANGER_MIN_S: f32 = 0.0003;
const FLANGER_SWING_S: f32 = 0.005;

impl Flanger {
    pub fn new(sample_rate: f32) -> Flanger {
        let max = ((FLANGER_MIN_S + FLANGER_SWING_S) * sample_rate) as usize + 8;
        Flanger { lines: [DelayLine::new(max), DelayLine::new(max)], lfo: Lfo::default(), sample_rate }
    }

    #[inline]
    pub fn tick(&mut self, l: f32, r: f32, p: ModParams) -> (f32, f32) {
        let p = p.clamped();
        let sr = self.sample_rate;
        let ph = self.lfo.tick(p.rate, 1.0 / sr);
        let mut out = [0.0; 2];
        for (c, x) in [l, r].into_iter().enumerate() {
            let m = 0.5 * (1.0 + sin_turns(ph + 0.25 * c as f32));
            let d = (FLANGER_MIN_S + FLANGER_SWING_S * p.depth * m) * sr;
            let w = self.lines[c].read_cubic(d);
            self.lines[c].push(flush(x + p.feedback * w));
            out[c] = x + p.mix * (w - x);
        }
        (out[0], out[1])
    }

    pub fn clear(&mut self) {
        self.lines[0].clear();
        self.lines[1].clear();
    }

    pub fn copy_from(&mut self, o: &Flanger) {
        self.lines[0].copy_from(&o.lines[0]);
        self.lines[1].copy_from(&o.lines[1]);
        self.lfo = o.lfo;
    }
}

/// Phaser: six first-order all-passes per channel whose break frequency sweeps exponentially
/// from 200 Hz up to 200·2^(5·depth) Hz (6.4 kHz at depth 1); mixed half and half with the
/// dry signal, three notches move through the spectrum. Copy state, for per-voice use too.
#[derive(Clone, Copy, Debug)]
pub struct Phaser {
    stages: [[Allpass1; PHASER_STAGES]; 2],
    lfo: Lfo,
    last: [f32; 2],
    inv_sr: f32,
}

const PHASER_STAGES: usize = 6;
const PHASER_LOW_HZ: f32 = 200.0;

impl Phaser {
    pub fn new(sample_rate: f32) -> Phaser {
        Phaser {
            stages: [[Allpass1::default(); PHASER_STAGES]; 2],
            lfo: Lfo::default(),
            last: [0.0; 2],
            inv_sr: 1.0 / sample_rate,
        }
    }

    #[inline]
    pub fn tick(&mut self, l: f32, r: f32, p: ModParams) -> (f32, f32) {
        let p = p.clamped();
        let ph = self.lfo.tick(p.rate, self.inv_sr);
        let mut out = [0.0; 2];
        for (c, x) in [l, r].into_iter().enumerate() {
            let m = 0.5 * (1.0 + sin_turns(ph + 0.25 * c as f32));
            let f = PHASER_LOW_HZ * exp2(5.0 * p.depth * m);
            let a = allpass1_coef(f, self.inv_sr);
            let mut y = x + p.feedback * self.last[c];
            for s in self.stages[c].iter_mut() {
                y = s.tick(a, y);
            }
            self.last[c] = flush(y);
            out[c] = x + p.mix * (y - x);
        }
        (out[0], out[1])
    }

    /// Zero decayed states (once per block).
    pub fn flush(&mut self) {
        for ch in self.stages.iter_mut() {
            for s in ch.iter_mut() {
                s.flush();
            }
        }
        if !self.last.iter().all(|v| v.is_finite()) {
            self.last = [0.0; 2];
        }
    }

    pub fn clear(&mut self) {
        self.stages = [[Allpass1::default(); PHASER_STAGES]; 2];
        self.last = [0.0; 2];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(mix: f32, fb: f32) -> ModParams {
        ModParams { rate: 0.5, depth: 1.0, feedback: fb, mix }
    }

    #[test]
    fn dry_mix_passes_through() {
        let mut c = Chorus::new(48000.0);
        let mut f = Flanger::new(48000.0);
        let mut p = Phaser::new(48000.0);
        for i in 0..1000 {
            let x = (i as f32 * 0.01).sin();
            assert_eq!(c.tick(x, -x, params(0.0, 0.0)), (x, -x));
            assert_eq!(f.tick(x, -x, params(0.0, 0.0)), (x, -x));
            assert_eq!(p.tick(x, -x, params(0.0, 0.0)), (x, -x));
        }
    }

    #[test]
    fn effects_stay_bounded_at_extreme_settings() {
        let mut f = Flanger::new(48000.0);
        let mut p = Phaser::new(48000.0);
        let mut c = Chorus::new(48000.0);
        let mut rng = super::super::noise::White::new(3);
        for _ in 0..480000 {
            let x = rng.tick();
            let q = ModParams { rate: 7.0, depth: 1.0, feedback: 0.95, mix: 1.0 };
            for (a, b) in [f.tick(x, x, q), p.tick(x, x, q), c.tick(x, x, q)] {
                assert!(a.is_finite() && b.is_finite() && a.abs() < 50.0 && b.abs() < 50.0);
            }
        }
    }

    #[test]
    fn chorus_wet_is_the_input_delayed() {
        // At zero depth the wet signal is the input 15 ms later.
        let sr = 48000.0;
        let mut c = Chorus::new(sr);
        let q = ModParams { rate: 1.0, depth: 0.0, feedback: 0.0, mix: 1.0 };
        let mut out = Vec::new();
        for i in 0..2000 {
            out.push(c.tick(if i == 0 { 1.0 } else { 0.0 }, 0.0, q).0);
        }
        let at = out.iter().enumerate().fold((0, 0.0f32), |m, (i, &v)| if v > m.1 { (i, v) } else { m }).0;
        assert_eq!(at, (0.015 * sr) as usize);
    }
}
