//! A delay line whose memory lives inside the value (`Copy`, no heap), for state that must
//! move by copy, such as a synth voice in a preallocated pool. `N` samples at most.

use super::fast_math::flush;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InlineDelay<const N: usize> {
    buf: [f32; N],
    /// Where the next sample is written.
    pos: usize,
}

impl<const N: usize> Default for InlineDelay<N> {
    fn default() -> Self {
        InlineDelay { buf: [0.0; N], pos: 0 }
    }
}

impl<const N: usize> InlineDelay<N> {
    /// The longest delay readable after a push, in samples.
    pub const MAX: usize = N - 2;

    /// Write the newest sample.
    #[inline(always)]
    pub fn push(&mut self, x: f32) {
        self.buf[self.pos] = flush(x);
        self.pos += 1;
        if self.pos == N {
            self.pos = 0;
        }
    }

    /// The sample pushed `d` pushes ago (1: the newest), `d` clamped to `1..=MAX`.
    #[inline(always)]
    pub fn read(&self, d: usize) -> f32 {
        let d = d.clamp(1, Self::MAX);
        let i = if self.pos >= d { self.pos - d } else { self.pos + N - d };
        self.buf[i]
    }

    /// Linear interpolation between whole-sample delays, `d` clamped to `1..=MAX`.
    #[inline(always)]
    pub fn read_linear(&self, d: f32) -> f32 {
        let d = if d.is_nan() { 1.0 } else { d.clamp(1.0, (Self::MAX - 1) as f32) };
        let i = d as usize;
        let f = d - i as f32;
        let a = self.read(i);
        a + (self.read(i + 1) - a) * f
    }

    /// One sample through a Schroeder all-pass of `d` samples and gain `g` (|g| < 1) built
    /// on this line: flat in magnitude, it smears transients into a diffuse wash.
    #[inline(always)]
    pub fn allpass(&mut self, x: f32, d: usize, g: f32) -> f32 {
        let delayed = self.read(d);
        let v = x + g * delayed;
        self.push(v);
        delayed - g * v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_by_whole_and_fractional_samples() {
        let mut d = InlineDelay::<8>::default();
        for k in 1..=10 {
            d.push(k as f32);
        }
        assert_eq!(d.read(1), 10.0);
        assert_eq!(d.read(3), 8.0);
        assert_eq!(d.read_linear(2.5), 8.5);
        // Clamped to the length it can hold.
        assert_eq!(d.read(100), d.read(InlineDelay::<8>::MAX));
    }

    #[test]
    fn allpass_keeps_energy() {
        let mut d = InlineDelay::<64>::default();
        let y: Vec<f32> = (0..4000).map(|k| d.allpass(if k == 0 { 1.0 } else { 0.0 }, 7, 0.6)).collect();
        let energy: f32 = y.iter().map(|v| v * v).sum();
        assert!((energy - 1.0).abs() < 1e-3, "{energy}");
        assert!((y[0] + 0.6).abs() < 1e-6);
    }
}
