//! First-order filters: a trapezoidal (zero-delay feedback) one-pole low/high-pass for tone
//! controls and damping, and a DC blocker.

use super::fast_math::{flush, prewarp};

/// A one-pole low-pass (6 dB/octave) whose high-pass output comes for free. Trapezoidal
/// integration: exact −3 dB at the cutoff, stable under any modulation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OnePoleTpt {
    /// `g/(1+g)`.
    pub gain: f32,
    pub state: f32,
}

impl OnePoleTpt {
    /// `cutoff_hz` clamped to `(0, 0.49·fs)`; `inv_sr = 1/fs`.
    pub fn new(cutoff_hz: f32, inv_sr: f32) -> OnePoleTpt {
        let mut f = OnePoleTpt::default();
        f.set(cutoff_hz, inv_sr);
        f
    }

    #[inline(always)]
    pub fn set(&mut self, cutoff_hz: f32, inv_sr: f32) {
        let g = prewarp(cutoff_hz, inv_sr);
        self.gain = g / (1.0 + g);
    }

    /// Low-pass output.
    #[inline(always)]
    pub fn low(&mut self, x: f32) -> f32 {
        let v = (x - self.state) * self.gain;
        let y = v + self.state;
        self.state = y + v;
        y
    }

    /// High-pass output (`x − low`).
    #[inline(always)]
    pub fn high(&mut self, x: f32) -> f32 {
        x - self.low(x)
    }

    #[inline]
    pub fn flush(&mut self) {
        self.state = flush(self.state);
        if !self.state.is_finite() {
            self.state = 0.0;
        }
    }
}

/// Removes DC: `y[n] = x[n] − x[n−1] + r·y[n−1]`, a high-pass near 5 Hz at 48 kHz.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DcBlocker {
    r: f32,
    x1: f32,
    y1: f32,
}

impl DcBlocker {
    /// Corner frequency about 5 Hz at any sample rate.
    pub fn new(sample_rate: f32) -> DcBlocker {
        DcBlocker { r: 1.0 - 2.0 * std::f32::consts::PI * 5.0 / sample_rate, x1: 0.0, y1: 0.0 }
    }

    #[inline(always)]
    pub fn tick(&mut self, x: f32) -> f32 {
        let y = x - self.x1 + self.r * self.y1;
        self.x1 = x;
        self.y1 = flush(y);
        y
    }

    pub fn reset(&mut self) {
        self.x1 = 0.0;
        self.y1 = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pole_is_3db_down_at_cutoff() {
        let sr = 48000.0;
        let mut f = OnePoleTpt::new(1000.0, 1.0 / sr);
        let (mut ex, mut ey) = (0.0f64, 0.0f64);
        for i in 0..48000 {
            let x = (2.0 * std::f64::consts::PI * 1000.0 * i as f64 / sr as f64).sin() as f32;
            let y = f.low(x);
            if i >= 24000 {
                ex += (x as f64).powi(2);
                ey += (y as f64).powi(2);
            }
        }
        let db = 10.0 * (ey / ex).log10();
        assert!((db + 3.01).abs() < 0.02, "{db}");
    }

    #[test]
    fn dc_blocker_removes_offset() {
        let mut d = DcBlocker::new(48000.0);
        let mut y = 0.0;
        for _ in 0..48000 {
            y = d.tick(0.5);
        }
        assert!(y.abs() < 1e-3, "{y}");
    }
}
