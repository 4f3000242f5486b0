//! All-pass filters: the first-order section phasers are built from, and the Schroeder delay
//! all-pass that diffuses reverbs.

use super::delay_line::DelayLine;
use super::fast_math::{flush, prewarp};

/// First-order all-pass: unity gain, phase turning from 0 to −180° through −90° at its break
/// frequency. `y = a·x + z; z = x − a·y`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Allpass1 {
    pub z: f32,
}

/// The coefficient `a` of [`Allpass1`] for a break frequency (Hz); `inv_sr = 1/fs`.
#[inline(always)]
pub fn allpass1_coef(freq_hz: f32, inv_sr: f32) -> f32 {
    let t = prewarp(freq_hz, inv_sr);
    (t - 1.0) / (t + 1.0)
}

impl Allpass1 {
    #[inline(always)]
    pub fn tick(&mut self, a: f32, x: f32) -> f32 {
        let y = a * x + self.z;
        self.z = x - a * y;
        y
    }

    #[inline]
    pub fn flush(&mut self) {
        self.z = flush(self.z);
        if !self.z.is_finite() {
            self.z = 0.0;
        }
    }
}

/// Schroeder all-pass around a delay line: `v[n] = x[n] + g·v[n−D]`, `y[n] = v[n−D] − g·v[n]`.
/// Flat magnitude; smears a signal in time (echo density without colour).
pub struct DelayAllpass {
    line: DelayLine,
}

impl DelayAllpass {
    /// Room for delays up to `max_delay` samples.
    pub fn new(max_delay: usize) -> DelayAllpass {
        DelayAllpass { line: DelayLine::new(max_delay) }
    }

    /// One sample with an integer delay (samples) and gain `g` (|g| < 1).
    #[inline(always)]
    pub fn tick(&mut self, x: f32, delay: usize, g: f32) -> f32 {
        let vd = self.line.read(delay);
        let v = flush(x + g * vd);
        self.line.push(v);
        vd - g * v
    }

    /// One sample with a fractional delay (cubic interpolation), for modulated diffusers.
    #[inline(always)]
    pub fn tick_frac(&mut self, x: f32, delay: f32, g: f32) -> f32 {
        let vd = self.line.read_cubic(delay);
        let v = flush(x + g * vd);
        self.line.push(v);
        vd - g * v
    }

    /// Freeverb's variant: the same buffer update, output `v[n−D] − x` (not exactly all-pass,
    /// but what Freeverb sounds like).
    #[inline(always)]
    pub fn tick_freeverb(&mut self, x: f32, delay: usize, g: f32) -> f32 {
        let vd = self.line.read(delay);
        self.line.push(flush(x + g * vd));
        vd - x
    }

    pub fn max_delay(&self) -> usize {
        self.line.max_delay()
    }

    pub fn clear(&mut self) {
        self.line.clear();
    }

    pub fn copy_from(&mut self, other: &DelayAllpass) {
        self.line.copy_from(&other.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_order_turns_phase_90_degrees_at_break() {
        let sr = 48000.0;
        let a = allpass1_coef(1000.0, 1.0 / sr);
        let mut f = Allpass1::default();
        // Quadrature check: steady-state output of a 1 kHz cosine is a sine (−90°).
        let (mut dot, mut ex, mut ey) = (0.0f64, 0.0f64, 0.0f64);
        for i in 0..48000 {
            let t = 2.0 * std::f64::consts::PI * 1000.0 * i as f64 / sr as f64;
            let y = f.tick(a, t.cos() as f32) as f64;
            if i >= 24000 {
                dot += y * t.cos();
                ex += t.cos().powi(2);
                ey += y * y;
            }
        }
        assert!((ey / ex - 1.0).abs() < 1e-3, "gain");
        assert!(dot.abs() / ex < 1e-3, "phase not 90°: {}", dot / ex);
    }

    #[test]
    fn delay_allpass_preserves_energy() {
        let mut ap = DelayAllpass::new(200);
        let mut e = 0.0f64;
        for i in 0..20000 {
            let y = ap.tick(if i == 0 { 1.0 } else { 0.0 }, 113, 0.6);
            e += (y as f64).powi(2);
        }
        assert!((e - 1.0).abs() < 1e-4, "{e}");
    }
}
