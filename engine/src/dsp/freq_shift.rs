//! SuperDirt's `fshift`: single-sideband frequency shifting. The sound's analytic signal
//! (see [`super::hilbert`]) is multiplied by a complex oscillator at the shift, and its real
//! part kept: every partial moves by the same number of Hz (up for positive shifts, down for
//! negative), so harmonic sounds turn inharmonic. The shift is `fshift + fshiftnote · freq`
//! (the event's pitch in Hz); `fshiftphase` is the oscillator's starting phase, radians.

use super::hilbert::Hilbert;
use std::f64::consts::TAU;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FreqShift {
    phase: f64,
    inc: f64,
    ch: [Hilbert; 2],
}

impl FreqShift {
    /// Shift by `hz` (NaN: none), oscillator starting at `phase` radians (NaN: 0).
    pub fn new(hz: f64, phase: f64, sample_rate: f32) -> Option<FreqShift> {
        if !hz.is_finite() {
            return None;
        }
        let phase = if phase.is_finite() { (phase / TAU).rem_euclid(1.0) } else { 0.0 };
        Some(FreqShift { phase, inc: hz / sample_rate as f64, ch: [Hilbert::default(); 2] })
    }

    pub fn process(&mut self, l: &mut [f32], r: &mut [f32]) {
        for (a, b) in l.iter_mut().zip(r.iter_mut()) {
            let (s, c) = (TAU * self.phase).sin_cos();
            let (s, c) = (s as f32, c as f32);
            self.phase = (self.phase + self.inc).rem_euclid(1.0);
            for (v, h) in [a, b].into_iter().zip(self.ch.iter_mut()) {
                let (re, im) = h.tick(*v);
                *v = re * c + im * s;
            }
        }
        for h in self.ch.iter_mut() {
            h.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::spectrum_check::spectrum;

    fn shifted(tone: f64, by: f64) -> Vec<f64> {
        let sr = 48_000.0;
        let mut f = FreqShift::new(by, 0.0, sr).unwrap();
        let mut l: Vec<f32> = (0..48_000).map(|i| (TAU * tone * i as f64 / sr as f64).sin() as f32).collect();
        let mut r = l.clone();
        f.process(&mut l, &mut r);
        assert_eq!(l, r);
        spectrum(&l[..])
    }

    fn at(m: &[f64], hz: usize) -> f64 {
        m[hz - 3..=hz + 3].iter().cloned().fold(0.0, f64::max)
    }

    #[test]
    fn a_sine_moves_by_the_shift_with_the_other_sideband_suppressed() {
        for (tone, by) in [(1000.0, 200.0), (1000.0, -300.0), (150.0, 500.0), (5000.0, 1234.0)] {
            let m = shifted(tone, by);
            let want = (tone + by) as usize;
            let image = (tone - by).abs() as usize;
            let peak = m.iter().cloned().fold(0.0, f64::max);
            assert!(at(&m, want) > 0.99 * peak, "{tone} by {by}: peak not at {want}");
            assert!(at(&m, image) < peak * 0.01, "{tone} by {by}: image at {image} is {}", at(&m, image) / peak);
            assert!(at(&m, tone as usize) < peak * 0.01, "{tone} by {by}: the original remains");
        }
        assert!(FreqShift::new(f64::NAN, 0.0, 48_000.0).is_none());
    }
}
