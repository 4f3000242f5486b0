//! The state-variable filter of Andrew Simper (Cytomic, "Linear Trapezoidal Integrated SVF",
//! 2013): two trapezoidal integrators with zero-delay feedback solved exactly. It stays stable
//! and free of zipper artefacts when cutoff and resonance change every sample, which is why
//! every resonant 2-pole filter of Phonon (lpf, hpf, bpf, notch, the per-voice filters) is one.
//!
//! Split for per-voice use: [`SvfCoefs`] (computed from cutoff, Q and sample rate; share one
//! among filters with the same settings) and [`SvfState`] (two floats per channel). [`Svf`]
//! bundles both with a response type for the simple case.

use super::fast_math::{flush, prewarp};

/// Filter coefficients: `k = 1/Q` and the solved feedback gains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfCoefs {
    pub k: f32,
    pub a1: f32,
    pub a2: f32,
    pub a3: f32,
}

/// Smallest and largest Q accepted; beyond 200 the resonance rings for tens of seconds.
pub const MIN_Q: f32 = 0.025;
pub const MAX_Q: f32 = 200.0;

impl SvfCoefs {
    /// `cutoff_hz` is clamped to `(0, 0.49·fs)`, `q` to `[0.025, 200]` (0.7071: Butterworth,
    /// no peak; higher values resonate).
    #[inline(always)]
    pub fn new(cutoff_hz: f32, q: f32, sample_rate: f32) -> SvfCoefs {
        Self::with_inv_sr(cutoff_hz, q, 1.0 / sample_rate)
    }

    /// As [`SvfCoefs::new`] with `inv_sr = 1/fs` precomputed (saves a division per update).
    #[inline(always)]
    pub fn with_inv_sr(cutoff_hz: f32, q: f32, inv_sr: f32) -> SvfCoefs {
        Self::from_g_k(prewarp(cutoff_hz, inv_sr), 1.0 / q_clamp(q))
    }

    /// From the prewarped integrator gain `g = tan(π·fc/fs)` and damping `k = 1/Q`.
    #[inline(always)]
    pub fn from_g_k(g: f32, k: f32) -> SvfCoefs {
        let a1 = 1.0 / (1.0 + g * (g + k));
        let a2 = g * a1;
        SvfCoefs { k, a1, a2, a3: g * a2 }
    }
}

/// `q` clamped to the accepted range (NaN gives the Butterworth value).
#[inline(always)]
pub fn q_clamp(q: f32) -> f32 {
    if q.is_nan() {
        std::f32::consts::FRAC_1_SQRT_2
    } else {
        q.clamp(MIN_Q, MAX_Q)
    }
}

/// All simultaneous outputs of one SVF step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfOut {
    /// Input, for deriving the other responses.
    pub x: f32,
    /// 12 dB/octave low-pass, unity gain at DC.
    pub low: f32,
    /// Band-pass with peak gain Q at the cutoff (multiply by `k` for unity peak gain).
    pub band: f32,
}

impl SvfOut {
    #[inline(always)]
    pub fn high(&self, c: &SvfCoefs) -> f32 {
        self.x - c.k * self.band - self.low
    }

    /// Band-pass normalised to unity gain at the centre frequency.
    #[inline(always)]
    pub fn band_unity(&self, c: &SvfCoefs) -> f32 {
        c.k * self.band
    }

    #[inline(always)]
    pub fn notch(&self, c: &SvfCoefs) -> f32 {
        self.x - c.k * self.band
    }

    /// Low minus high: a resonant peak at the cutoff, unity elsewhere at the extremes.
    #[inline(always)]
    pub fn peak(&self, c: &SvfCoefs) -> f32 {
        2.0 * self.low - self.x + c.k * self.band
    }

    /// Unity magnitude at every frequency; the phase turns through 360° around the cutoff.
    #[inline(always)]
    pub fn allpass(&self, c: &SvfCoefs) -> f32 {
        self.x - 2.0 * c.k * self.band
    }
}

/// The two integrator states of one channel.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvfState {
    pub ic1: f32,
    pub ic2: f32,
}

impl SvfState {
    /// One sample through the filter; all responses at once.
    #[inline(always)]
    pub fn tick(&mut self, c: &SvfCoefs, x: f32) -> SvfOut {
        let v3 = x - self.ic2;
        let v1 = c.a1 * self.ic1 + c.a2 * v3;
        let v2 = self.ic2 + c.a2 * self.ic1 + c.a3 * v3;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        SvfOut { x, low: v2, band: v1 }
    }

    /// One sample, returning the response `mode`.
    #[inline(always)]
    pub fn tick_mode(&mut self, c: &SvfCoefs, x: f32, mode: SvfMode) -> f32 {
        let o = self.tick(c, x);
        mode.pick(&o, c)
    }

    /// Zero states that decayed below audibility, so silence never turns into denormals.
    /// Once per block is enough.
    #[inline]
    pub fn flush(&mut self) {
        self.ic1 = flush(self.ic1);
        self.ic2 = flush(self.ic2);
        if !(self.ic1.is_finite() && self.ic2.is_finite()) {
            *self = SvfState::default();
        }
    }

    pub fn reset(&mut self) {
        *self = SvfState::default();
    }
}

/// Which response a filter outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvfMode {
    Low,
    High,
    /// Band-pass, unity gain at the centre.
    Band,
    Notch,
    Peak,
    AllPass,
}

impl SvfMode {
    #[inline(always)]
    pub fn pick(self, o: &SvfOut, c: &SvfCoefs) -> f32 {
        match self {
            SvfMode::Low => o.low,
            SvfMode::High => o.high(c),
            SvfMode::Band => o.band_unity(c),
            SvfMode::Notch => o.notch(c),
            SvfMode::Peak => o.peak(c),
            SvfMode::AllPass => o.allpass(c),
        }
    }
}

/// A mono SVF with a fixed response type: coefficients, state and mode together. Small and
/// `Copy`, for per-voice use: `Svf::new(SvfMode::Low, sr)`, `set(cutoff, q)`, `tick(x)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Svf {
    pub coefs: SvfCoefs,
    pub state: SvfState,
    pub mode: SvfMode,
    inv_sr: f32,
}

impl Svf {
    /// A filter at 1 kHz, Q 0.7071, for `sample_rate` Hz.
    pub fn new(mode: SvfMode, sample_rate: f32) -> Svf {
        let inv_sr = 1.0 / sample_rate;
        Svf {
            coefs: SvfCoefs::with_inv_sr(1000.0, std::f32::consts::FRAC_1_SQRT_2, inv_sr),
            state: SvfState::default(),
            mode,
            inv_sr,
        }
    }

    /// Cutoff (Hz) and Q. Cheap enough to call every sample.
    #[inline(always)]
    pub fn set(&mut self, cutoff_hz: f32, q: f32) {
        self.coefs = SvfCoefs::with_inv_sr(cutoff_hz, q, self.inv_sr);
    }

    #[inline(always)]
    pub fn tick(&mut self, x: f32) -> f32 {
        self.state.tick_mode(&self.coefs, x, self.mode)
    }

    /// Filter a buffer in place with the current settings.
    pub fn process(&mut self, buf: &mut [f32]) {
        let (c, mode) = (self.coefs, self.mode);
        for x in buf.iter_mut() {
            *x = self.state.tick_mode(&c, *x, mode);
        }
        self.state.flush();
    }

    pub fn reset(&mut self) {
        self.state.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steady-state gain of `mode` at `freq`, by running a sine through it.
    fn gain(mode: SvfMode, cutoff: f32, q: f32, freq: f32) -> f32 {
        let sr = 48000.0;
        let mut f = Svf::new(mode, sr);
        f.set(cutoff, q);
        let n = 48000;
        let (mut ex, mut ey) = (0.0f64, 0.0f64);
        for i in 0..n {
            let x = (2.0 * std::f64::consts::PI * freq as f64 * i as f64 / sr as f64).sin() as f32;
            let y = f.tick(x);
            // Half a second in: steady state, and a whole number of cycles at these test
            // frequencies, so the power ratio is the squared gain.
            if i >= n / 2 {
                ex += (x as f64).powi(2);
                ey += (y as f64).powi(2);
            }
        }
        (ey / ex).sqrt() as f32
    }

    fn db(g: f32) -> f32 {
        20.0 * g.log10()
    }

    #[test]
    fn butterworth_low_pass_is_3db_down_at_cutoff() {
        let g = db(gain(SvfMode::Low, 1000.0, std::f32::consts::FRAC_1_SQRT_2, 1000.0));
        assert!((g + 3.01).abs() < 0.05, "{g} dB");
        assert!(db(gain(SvfMode::Low, 1000.0, 0.7071, 100.0)).abs() < 0.01);
        // 12 dB/octave: two octaves above, about −24 dB.
        let far = db(gain(SvfMode::Low, 1000.0, 0.7071, 4000.0));
        assert!((-25.5..-22.5).contains(&far), "{far}");
    }

    #[test]
    fn responses() {
        let q = std::f32::consts::FRAC_1_SQRT_2;
        assert!((db(gain(SvfMode::High, 1000.0, q, 1000.0)) + 3.01).abs() < 0.05);
        assert!(db(gain(SvfMode::High, 1000.0, q, 8000.0)).abs() < 0.05);
        assert!(db(gain(SvfMode::Band, 1000.0, 2.0, 1000.0)).abs() < 0.05);
        assert!(db(gain(SvfMode::Band, 1000.0, 2.0, 100.0)) < -20.0);
        assert!(db(gain(SvfMode::Notch, 1000.0, 2.0, 1000.0)) < -40.0);
        assert!(db(gain(SvfMode::Notch, 1000.0, 2.0, 5000.0)).abs() < 0.5);
        for f in [50.0, 300.0, 1000.0, 3000.0, 12000.0] {
            assert!(db(gain(SvfMode::AllPass, 1000.0, 1.0, f)).abs() < 0.05, "allpass at {f}");
        }
        // Resonance: Q 8 peaks about 18 dB at the cutoff.
        let r = db(gain(SvfMode::Low, 1000.0, 8.0, 1000.0));
        assert!((r - 18.06).abs() < 0.2, "{r}");
    }

    #[test]
    fn silence_decays_to_exact_zero() {
        let mut f = Svf::new(SvfMode::Low, 48000.0);
        f.set(200.0, 20.0);
        let mut buf = [0.0f32; 128];
        buf[0] = 1.0;
        f.process(&mut buf);
        for _ in 0..20000 {
            buf.fill(0.0);
            f.process(&mut buf);
        }
        assert_eq!(f.state, SvfState::default());
    }
}
