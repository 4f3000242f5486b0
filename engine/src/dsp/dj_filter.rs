//! SuperDirt's DJ filter (`djf`): one knob from 0 to 1. Below the middle a resonant low-pass
//! sweeps down (10 kHz at 0.5 to 20 Hz at 0), above it a resonant high-pass sweeps up (20 Hz at
//! 0.5 to 10 kHz at 1), both exponentially, as SuperDirt's `dj-filter` does: a low-pass and a
//! high-pass in series, each at Q 1. Exactly 0.5 is off.

use super::svf::{SvfCoefs, SvfMode, SvfState};

/// Cutoff range of both halves, Hz.
const LOW_HZ: f32 = 20.0;
const HIGH_HZ: f32 = 10_000.0;

/// `x` in `[a, b]` mapped exponentially onto `[LOW_HZ, HIGH_HZ]`, clamped at the ends.
fn sweep(x: f32, a: f32, b: f32) -> f32 {
    let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
    LOW_HZ * (HIGH_HZ / LOW_HZ).powf(t)
}

/// The two filters' settings for one position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DjFilter {
    low: SvfCoefs,
    high: SvfCoefs,
}

/// One channel's state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DjState {
    low: SvfState,
    high: SvfState,
}

impl DjFilter {
    /// The filter at position `djf` (clamped to 0..1); `None` at 0.5 or for NaN, where it is
    /// off.
    pub fn new(djf: f32, sample_rate: f32) -> Option<DjFilter> {
        if !djf.is_finite() || djf == 0.5 {
            return None;
        }
        let djf = djf.clamp(0.0, 1.0);
        Some(DjFilter {
            low: SvfCoefs::new(sweep(djf, 0.0, 0.5), 1.0, sample_rate),
            high: SvfCoefs::new(sweep(djf, 0.5, 1.0), 1.0, sample_rate),
        })
    }

    /// One channel's block, in place.
    pub fn process(&self, s: &mut DjState, x: &mut [f32]) {
        for v in x.iter_mut() {
            let y = s.low.tick_mode(&self.low, *v, SvfMode::Low);
            *v = s.high.tick_mode(&self.high, y, SvfMode::High);
        }
        s.low.flush();
        s.high.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine_rms(hz: f32, djf: f32) -> f32 {
        let sr = 48_000.0;
        let f = DjFilter::new(djf, sr).unwrap();
        let mut s = DjState::default();
        let mut x: Vec<f32> = (0..9600).map(|i| (std::f32::consts::TAU * hz * i as f32 / sr).sin()).collect();
        f.process(&mut s, &mut x);
        (x[4800..].iter().map(|v| v * v).sum::<f32>() / 4800.0).sqrt()
    }

    #[test]
    fn middle_is_off_and_the_halves_cut_lows_or_highs() {
        assert!(DjFilter::new(0.5, 48_000.0).is_none() && DjFilter::new(f32::NAN, 48_000.0).is_none());
        // Low half: a 4 kHz tone is cut at 0.2 (about 250 Hz), a 100 Hz tone passes.
        assert!(sine_rms(4000.0, 0.2) < 0.01, "{}", sine_rms(4000.0, 0.2));
        assert!(sine_rms(100.0, 0.2) > 0.5);
        // High half: the reverse at 0.8 (about 730 Hz).
        assert!(sine_rms(100.0, 0.8) < 0.05, "{}", sine_rms(100.0, 0.8));
        assert!(sine_rms(4000.0, 0.8) > 0.5);
        assert!((sweep(0.25, 0.0, 0.5) - (20.0f32 * 10_000.0).sqrt()).abs() < 1.0);
    }
}
