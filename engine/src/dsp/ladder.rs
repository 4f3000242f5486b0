//! A Moog-style transistor ladder: four one-pole low-passes in series (24 dB/octave) inside a
//! global negative feedback loop that makes the resonance.
//!
//! Each stage is a trapezoidal (topology-preserving) one-pole and the feedback loop is solved
//! without a unit delay (zero-delay feedback, after V. Zavalishin, "The Art of VA Filter
//! Design"), so tuning and resonance stay right up to high cutoffs and under modulation. The
//! feedback sum passes through `tanh`, as the ladder's input transistor pair does: it bounds
//! the loop, so at full resonance the filter self-oscillates at a steady level instead of
//! blowing up, and loud input saturates warmly.

use super::fast_math::{flush, prewarp, tanh};

/// Feedback at resonance 1.
const MAX_FEEDBACK: f32 = 4.2;

/// Coefficients of the ladder for one cutoff and resonance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LadderCoefs {
    /// One-pole gain `g/(1+g)`.
    big_g: f32,
    /// `1/(1+g)`, scaling each state's contribution.
    s_scale: f32,
    /// Feedback amount, 0..4.2 (4: the loop gain at which the linear ladder starts to
    /// oscillate; a little beyond it the `tanh` settles the oscillation at a steady level).
    k: f32,
}

impl LadderCoefs {
    /// `cutoff_hz` clamped to `(0, 0.49·fs)`; `resonance` 0..1 (rings more as it rises,
    /// self-oscillates from about 0.96). `inv_sr = 1/fs`.
    #[inline(always)]
    pub fn new(cutoff_hz: f32, resonance: f32, inv_sr: f32) -> LadderCoefs {
        let g = prewarp(cutoff_hz, inv_sr);
        let s_scale = 1.0 / (1.0 + g);
        let r = if resonance.is_nan() { 0.0 } else { resonance.clamp(0.0, 1.0) };
        LadderCoefs { big_g: g * s_scale, s_scale, k: MAX_FEEDBACK * r }
    }
}

/// The four stage states of one channel.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LadderState {
    s: [f32; 4],
}

impl LadderState {
    /// One sample through the ladder (24 dB/octave low-pass output).
    #[inline(always)]
    pub fn tick(&mut self, c: &LadderCoefs, x: f32) -> f32 {
        let g = c.big_g;
        // Each stage is y = G·in + S_i with S_i = s_i/(1+g); solve the loop for the output.
        let sigma = ((g * self.s[0] + self.s[1]) * g + self.s[2]) * g + self.s[3];
        let g4 = g * g * g * g;
        let y_est = (g4 * x + sigma * c.s_scale) / (1.0 + c.k * g4);
        // The feedback sum saturates like the ladder's input stage.
        let mut u = tanh(x - c.k * y_est);
        for s in self.s.iter_mut() {
            let v = (u - *s) * g;
            let y = v + *s;
            *s = y + v;
            u = y;
        }
        u
    }

    /// Zero decayed states (once per block) so silence never becomes denormals.
    #[inline]
    pub fn flush(&mut self) {
        for s in self.s.iter_mut() {
            *s = flush(*s);
        }
        if !self.s.iter().all(|s| s.is_finite()) {
            self.s = [0.0; 4];
        }
    }

    pub fn reset(&mut self) {
        self.s = [0.0; 4];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(cutoff: f32, res: f32, freq: f32, amp: f32) -> f32 {
        let sr = 48000.0;
        let c = LadderCoefs::new(cutoff, res, 1.0 / sr);
        let mut s = LadderState::default();
        let (mut ex, mut ey) = (0.0f64, 0.0f64);
        for i in 0..48000 {
            let x = (2.0 * std::f64::consts::PI * freq as f64 * i as f64 / sr as f64).sin() as f32;
            let y = s.tick(&c, amp * x);
            if i >= 24000 {
                ex += (x as f64).powi(2);
                ey += (y as f64).powi(2);
            }
        }
        // Amplitude of the output for a sine of amplitude `amp`.
        (ey / ex).sqrt() as f32
    }

    #[test]
    fn low_pass_with_24db_slope() {
        let pass = run(1000.0, 0.0, 30.0, 0.05);
        assert!((pass / 0.05 - 1.0).abs() < 0.005, "{pass}");
        // Four coincident poles: −12 dB at the cutoff, −72 dB three octaves above (the
        // saturating stage is nearly linear at this level).
        let at = 20.0 * (run(1000.0, 0.0, 1000.0, 0.1) / 0.1).log10();
        assert!((at + 12.04).abs() < 0.3, "{at}");
        let far = 20.0 * (run(1000.0, 0.0, 8000.0, 0.1) / 0.1).log10();
        assert!((-76.0..-66.0).contains(&far), "{far}");
    }

    #[test]
    fn full_resonance_oscillates_steadily() {
        let sr = 48000.0;
        let c = LadderCoefs::new(1000.0, 1.0, 1.0 / sr);
        let mut s = LadderState::default();
        let mut peak = 0.0f32;
        for i in 0..(10 * 48000) {
            let x = if i == 0 { 0.5 } else { 0.0 };
            let y = s.tick(&c, x);
            assert!(y.is_finite());
            if i > 9 * 48000 {
                peak = peak.max(y.abs());
            }
        }
        assert!(peak > 0.05 && peak < 2.0, "{peak}");
    }
}
