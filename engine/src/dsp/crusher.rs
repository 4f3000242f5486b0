//! Lo-fi: bit-depth reduction and sample-rate reduction. Their aliasing and quantisation
//! noise is the point, so nothing here is band-limited.

use super::fast_math::{exp2, FloorFast};

/// Quantise `x` to `bits` bits (1..16, fractions allowed): `round(x·2^(bits−1)) / 2^(bits−1)`.
#[inline(always)]
pub fn crush(x: f32, bits: f32) -> f32 {
    let b = if bits.is_nan() { 16.0 } else { bits.clamp(1.0, 24.0) };
    let levels = exp2(b - 1.0);
    (x * levels + 0.5).floor_fast() / levels
}

/// Sample-rate reduction: holds every `factor`-th input (fractions allowed; 1 = bypass).
/// Small and `Copy`, for per-voice use.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Decimator {
    /// Samples since the last capture.
    phase: f32,
    held: f32,
}

impl Decimator {
    #[inline(always)]
    pub fn tick(&mut self, x: f32, factor: f32) -> f32 {
        let f = if factor.is_nan() { 1.0 } else { factor.clamp(1.0, 4096.0) };
        self.phase -= 1.0;
        if self.phase < 0.0 {
            self.phase += f;
            self.held = x;
        }
        self.held
    }

    pub fn reset(&mut self) {
        *self = Decimator::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crush_quantises() {
        assert_eq!(crush(0.3, 1.0), 0.0);
        assert_eq!(crush(0.6, 1.0), 1.0);
        assert_eq!(crush(0.3, 3.0), 0.25);
        assert_eq!(crush(-0.3, 3.0), -0.25);
        assert!((crush(0.123_456, 16.0) - 0.123_456).abs() < 1.0 / 32768.0);
    }

    #[test]
    fn decimator_holds() {
        let mut d = Decimator::default();
        let out: Vec<f32> = (0..8).map(|i| d.tick(i as f32, 4.0)).collect();
        assert_eq!(out, vec![0.0, 0.0, 0.0, 0.0, 4.0, 4.0, 4.0, 4.0]);
        let mut d = Decimator::default();
        let out: Vec<f32> = (0..4).map(|i| d.tick(i as f32, 1.0)).collect();
        assert_eq!(out, vec![0.0, 1.0, 2.0, 3.0]);
    }
}
