//! SuperDirt's `ring`: ring modulation that keeps the dry sound, `x·(1 + ring·sin(2π·f·t))`.
//! The carrier `f` glides exponentially from `ringf` to `ringf + ringdf` over one second and
//! stays within 20 Hz..20 kHz. A tone at `a` Hz comes out with sidebands at `a ± f`, each at
//! `ring/2` of its level.

use std::f64::consts::TAU;

/// Seconds of the carrier's glide (SuperDirt's `XLine` default).
const GLIDE_SECONDS: f64 = 1.0;

/// The carrier of one voice (both channels share it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingMod {
    depth: f32,
    phase: f64,
    /// Current frequency and its per-sample factor during the glide, Hz.
    hz: f64,
    step: f64,
    glide_left: u32,
    inv_sr: f64,
}

impl RingMod {
    /// Depth `ring` (0 up; NaN: none), carrier `ringf` Hz gliding by `ringdf` Hz.
    pub fn new(ring: f32, ringf: f32, ringdf: f32, sample_rate: f32) -> Option<RingMod> {
        if !ring.is_finite() {
            return None;
        }
        let sr = sample_rate as f64;
        let from = if ringf.is_finite() { ringf as f64 } else { 0.0 };
        let to = from + if ringdf.is_finite() { ringdf as f64 } else { 0.0 };
        let (from, to) = (from.clamp(20.0, 20_000.0), to.clamp(20.0, 20_000.0));
        let glide = (GLIDE_SECONDS * sr) as u32;
        Some(RingMod {
            depth: ring,
            phase: 0.0,
            hz: from,
            step: (to / from).powf(1.0 / glide.max(1) as f64),
            glide_left: if from == to { 0 } else { glide },
            inv_sr: 1.0 / sr,
        })
    }

    /// Modulate both channels of a block in place.
    pub fn process(&mut self, l: &mut [f32], r: &mut [f32]) {
        for (a, b) in l.iter_mut().zip(r.iter_mut()) {
            let m = 1.0 + self.depth * (TAU * self.phase).sin() as f32;
            *a *= m;
            *b *= m;
            self.phase = (self.phase + self.hz * self.inv_sr).fract();
            if self.glide_left > 0 {
                self.hz *= self.step;
                self.glide_left -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::spectrum_check::spectrum;

    #[test]
    fn a_tone_gets_sum_and_difference_sidebands() {
        let sr = 48_000.0;
        let n = 48_000;
        let mut l: Vec<f32> = (0..n).map(|i| (TAU * 1000.0 * i as f64 / sr as f64).sin() as f32).collect();
        let mut r = l.clone();
        RingMod::new(1.0, 300.0, f32::NAN, sr).unwrap().process(&mut l, &mut r);
        let m = spectrum(&l);
        let at = |hz: usize| m[hz - 2..=hz + 2].iter().cloned().fold(0.0, f64::max);
        let (carrier, low, high) = (at(1000), at(700), at(1300));
        assert!((low / carrier - 0.5).abs() < 0.02 && (high / carrier - 0.5).abs() < 0.02, "{low} {high} {carrier}");
        assert!(at(300) < carrier * 1e-3, "no carrier leaks through");
    }

    #[test]
    fn the_carrier_glides_to_ringf_plus_ringdf() {
        let mut m = RingMod::new(1.0, 100.0, 300.0, 48_000.0).unwrap();
        let (mut l, mut r) = (vec![0.0f32; 48_000], vec![0.0f32; 48_000]);
        m.process(&mut l, &mut r);
        assert!((m.hz - 400.0).abs() < 0.1, "{}", m.hz);
        assert!(RingMod::new(f32::NAN, 100.0, 0.0, 48_000.0).is_none());
    }
}
