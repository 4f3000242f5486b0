//! A circular delay line with integer, linear and cubic (4-point Hermite) fractional reads.
//! The buffer is allocated by the constructor; nothing else allocates.

use super::fast_math::FloorFast;

pub struct DelayLine {
    buf: Box<[f32]>,
    mask: usize,
    /// Slot the next `push` writes.
    write: usize,
}

impl DelayLine {
    /// A line holding at least `max_delay` samples of history (rounded up to a power of two,
    /// plus room for the interpolators).
    pub fn new(max_delay: usize) -> DelayLine {
        let len = (max_delay + 4).next_power_of_two();
        DelayLine { buf: vec![0.0; len].into_boxed_slice(), mask: len - 1, write: 0 }
    }

    /// Longest delay a read may ask for, in samples.
    #[inline]
    pub fn max_delay(&self) -> usize {
        self.buf.len() - 3
    }

    /// Append one sample.
    #[inline(always)]
    pub fn push(&mut self, x: f32) {
        self.buf[self.write] = x;
        self.write = (self.write + 1) & self.mask;
    }

    /// The sample pushed `delay` pushes ago (1 = the latest). `delay` must be at most
    /// [`DelayLine::max_delay`] (it is masked, never out of bounds).
    #[inline(always)]
    pub fn read(&self, delay: usize) -> f32 {
        self.buf[self.write.wrapping_sub(delay) & self.mask]
    }

    /// A fractional delay by linear interpolation; clamped to `[1, max_delay]`.
    #[inline(always)]
    pub fn read_linear(&self, delay: f32) -> f32 {
        let d = delay.max(1.0).min(self.max_delay() as f32);
        let i = d.floor_fast();
        let f = d - i;
        let i = i as usize;
        let (a, b) = (self.read(i), self.read(i + 1));
        a + f * (b - a)
    }

    /// A fractional delay by 4-point cubic Hermite interpolation (smoother highs than linear,
    /// for modulated delays); clamped to `[2, max_delay − 1]`.
    #[inline(always)]
    pub fn read_cubic(&self, delay: f32) -> f32 {
        let d = delay.max(2.0).min(self.max_delay() as f32 - 1.0);
        let i = d.floor_fast();
        let f = d - i;
        let i = i as usize;
        let (xm1, x0, x1, x2) = (self.read(i - 1), self.read(i), self.read(i + 1), self.read(i + 2));
        let c1 = 0.5 * (x1 - xm1);
        let c2 = xm1 - 2.5 * x0 + 2.0 * x1 - 0.5 * x2;
        let c3 = 0.5 * (x2 - xm1) + 1.5 * (x0 - x1);
        ((c3 * f + c2) * f + c1) * f + x0
    }

    pub fn clear(&mut self) {
        self.buf.fill(0.0);
    }

    /// Take over `other`'s history (hot swap): afterwards reads return what `other`'s would,
    /// as far back as both lines reach. Never allocates.
    pub fn copy_from(&mut self, other: &DelayLine) {
        let n = self.buf.len().min(other.buf.len());
        self.buf.fill(0.0);
        for d in 1..=n {
            self.buf[self.write.wrapping_sub(d) & self.mask] = other.read(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_and_fractional_reads() {
        let mut d = DelayLine::new(100);
        for i in 0..50 {
            d.push(i as f32);
        }
        assert_eq!(d.read(1), 49.0);
        assert_eq!(d.read(10), 40.0);
        assert_eq!(d.read_linear(10.25), 39.75);
        // Cubic Hermite is exact on straight lines.
        assert!((d.read_cubic(10.25) - 39.75).abs() < 1e-5);
    }

    #[test]
    fn copy_keeps_recent_history() {
        let mut a = DelayLine::new(1000);
        for i in 0..3000 {
            a.push(i as f32);
        }
        let mut b = DelayLine::new(100);
        b.copy_from(&a);
        assert_eq!(b.read(1), 2999.0);
        assert_eq!(b.read(100), 2900.0);
        let mut c = DelayLine::new(5000);
        c.copy_from(&a);
        assert_eq!(c.read(1000), 2000.0);
    }
}
