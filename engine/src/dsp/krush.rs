//! Sonic Pi's `krush` as SuperDirt plays it: the rational shaper
//! `(x² + k·x) / (x² + |x|·(k − 1) + 1)`, a resonant low-pass (`kcutoff`, default 4 kHz,
//! Q 1) after it, and a crossfade from the dry sound reaching the crushed one at `krush` 0.5,
//! so `krush 0` is the dry signal.

use super::svf::{SvfCoefs, SvfMode, SvfState};

/// Cutoff when `kcutoff` is not given or not positive, Hz.
pub const DEFAULT_CUTOFF: f32 = 4000.0;

/// The krush settings of one voice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Krush {
    k: f32,
    lowpass: SvfCoefs,
    /// Equal-power crossfade gains (dry, crushed).
    mix: (f32, f32),
}

/// The shaper's curve at amount `k`.
#[inline]
pub fn krush_curve(x: f32, k: f32) -> f32 {
    let x2 = x * x;
    (x2 + k * x) / (x2 + x.abs() * (k - 1.0) + 1.0)
}

impl Krush {
    /// `amount` 0 up (0 is dry; 1 is strong); `cutoff` Hz (NaN or ≤ 0: 4 kHz, clamped to
    /// 20..10 000). `None` when `amount` is not a number.
    pub fn new(amount: f32, cutoff: f32, sample_rate: f32) -> Option<Krush> {
        if !amount.is_finite() {
            return None;
        }
        let hz = if cutoff > 0.0 { cutoff } else { DEFAULT_CUTOFF };
        let t = (amount * 2.0).clamp(0.0, 1.0) * std::f32::consts::FRAC_PI_2;
        Some(Krush {
            k: amount,
            lowpass: SvfCoefs::new(hz.clamp(20.0, 10_000.0), 1.0, sample_rate),
            mix: (t.cos(), t.sin()),
        })
    }

    /// One channel's block in place, with that channel's filter state.
    pub fn process(&self, s: &mut SvfState, x: &mut [f32]) {
        for v in x.iter_mut() {
            let wet = s.tick_mode(&self.lowpass, krush_curve(*v, self.k), SvfMode::Low);
            *v = self.mix.0 * *v + self.mix.1 * wet;
        }
        s.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_dry_and_the_curve_saturates() {
        let k = Krush::new(0.0, f32::NAN, 48_000.0).unwrap();
        let mut x: Vec<f32> = (0..256).map(|i| (i as f32 * 0.1).sin()).collect();
        let dry = x.clone();
        k.process(&mut SvfState::default(), &mut x);
        assert_eq!(x, dry);
        // Large k: everything above a little is pushed to about ±1.
        assert!((krush_curve(0.5, 100.0) - 0.98).abs() < 0.02, "{}", krush_curve(0.5, 100.0));
        assert!(krush_curve(-0.5, 100.0) < -0.9);
        assert_eq!(krush_curve(0.0, 5.0), 0.0);
    }
}
