//! SuperDirt's `tremolo`: the sound times `(1 − d) + d·cos(2π·rate·t)`, with `d` half of
//! `tremolodepth` (0..1), so depth 1 swings the level between 0 and 1, starting at full level.

use std::f64::consts::TAU;

/// Default depth when only `tremolorate` is given.
pub const DEFAULT_DEPTH: f32 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tremolo {
    half_depth: f32,
    phase: f64,
    inc: f64,
}

impl Tremolo {
    /// `rate` Hz (NaN: none), `depth` 0..1 (NaN: 0.5).
    pub fn new(rate: f32, depth: f32, sample_rate: f32) -> Option<Tremolo> {
        if !rate.is_finite() {
            return None;
        }
        let depth = if depth.is_finite() { depth } else { DEFAULT_DEPTH };
        Some(Tremolo { half_depth: depth.clamp(0.0, 1.0) * 0.5, phase: 0.0, inc: rate as f64 / sample_rate as f64 })
    }

    pub fn process(&mut self, l: &mut [f32], r: &mut [f32]) {
        let d = self.half_depth;
        for (a, b) in l.iter_mut().zip(r.iter_mut()) {
            let g = (1.0 - d) + d * (TAU * self.phase).cos() as f32;
            *a *= g;
            *b *= g;
            self.phase = (self.phase + self.inc).rem_euclid(1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_one_swings_the_level_from_one_to_zero_at_the_rate() {
        let mut t = Tremolo::new(4.0, 1.0, 48_000.0).unwrap();
        let (mut l, mut r) = (vec![1.0f32; 48_000], vec![1.0f32; 48_000]);
        t.process(&mut l, &mut r);
        assert!((l[0] - 1.0).abs() < 1e-6);
        assert!(l[6000].abs() < 1e-4, "half a period of 4 Hz later: {}", l[6000]);
        assert!((l[12_000] - 1.0).abs() < 1e-4);
        assert_eq!(l, r);
        assert!(Tremolo::new(f32::NAN, 1.0, 48_000.0).is_none());
    }
}
