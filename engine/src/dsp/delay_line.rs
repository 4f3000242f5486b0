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
        DelayLine { buf: crate::memory::zeroed(len), mask: len - 1, write: 0 }
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

    /// The four Hermite weights of [`DelayLine::read_cubic`] for a fraction `f` in `[0, 1)`,
    /// for reading many samples at one fractional delay with [`DelayLine::read_weighted`].
    #[inline]
    pub fn cubic_weights(f: f32) -> [f32; 4] {
        let (f2, f3) = (f * f, f * f * f);
        [-0.5 * f + f2 - 0.5 * f3, 1.0 - 2.5 * f2 + 1.5 * f3, 0.5 * f + 2.0 * f2 - 1.5 * f3, -0.5 * f2 + 0.5 * f3]
    }

    /// `Σ w[k]·read(i − 1 + k)`: a cubic read at integer part `i` (at least 2) with weights
    /// from [`DelayLine::cubic_weights`].
    #[inline(always)]
    pub fn read_weighted(&self, i: usize, w: &[f32; 4]) -> f32 {
        let base = self.write.wrapping_sub(i + 2);
        let m = self.mask;
        let b = &self.buf;
        (w[0] * b[base.wrapping_add(3) & m] + w[1] * b[base.wrapping_add(2) & m])
            + (w[2] * b[base.wrapping_add(1) & m] + w[3] * b[base & m])
    }

    /// `out[k] = read(delay − k)` for every k: the `out.len()` samples that a `read(delay)`
    /// per sample would return over the next `out.len()` pushes, as one contiguous copy.
    /// Needs `out.len() ≤ delay ≤ max_delay`.
    #[inline]
    pub fn read_block(&self, delay: usize, out: &mut [f32]) {
        let n = out.len();
        debug_assert!(n <= delay && delay <= self.max_delay());
        let start = self.write.wrapping_sub(delay) & self.mask;
        let first = n.min(self.buf.len() - start);
        out[..first].copy_from_slice(&self.buf[start..start + first]);
        out[first..].copy_from_slice(&self.buf[..n - first]);
    }

    /// Append a block of samples.
    #[inline]
    pub fn push_block(&mut self, data: &[f32]) {
        let n = data.len().min(self.buf.len());
        let start = self.write;
        let first = n.min(self.buf.len() - start);
        self.buf[start..start + first].copy_from_slice(&data[..first]);
        self.buf[..n - first].copy_from_slice(&data[first..n]);
        self.write = (start + n) & self.mask;
    }

    /// The `n` samples that `read(delay)` would return over the next `n` pushes, read in
    /// place: one run, and a second when they wrap round the buffer (else empty). Needs
    /// `n ≤ delay ≤ max_delay`.
    #[inline]
    pub fn span(&self, delay: usize, n: usize) -> (&[f32], &[f32]) {
        let n = n.min(self.buf.len());
        let start = self.write.wrapping_sub(delay) & self.mask;
        let first = n.min(self.buf.len() - start);
        (&self.buf[start..start + first], &self.buf[..n - first])
    }

    /// Push `n` samples, the k-th being `f(k)`, written straight into the buffer.
    #[inline]
    pub fn push_from(&mut self, n: usize, mut f: impl FnMut(usize) -> f32) {
        let n = n.min(self.buf.len());
        let start = self.write;
        let first = n.min(self.buf.len() - start);
        for (k, s) in self.buf[start..start + first].iter_mut().enumerate() {
            *s = f(k);
        }
        for (k, s) in self.buf[..n - first].iter_mut().enumerate() {
            *s = f(first + k);
        }
        self.write = (start + n) & self.mask;
    }

    /// `n` samples through the line in place, for feedback structures: `f(read, write, at)`
    /// gets runs of what `read(delay)` returns at samples `at..` and the slots those samples
    /// push, in order. Runs are cut so that no run reads a slot that it or a later run
    /// writes, so the result is that of reading and pushing sample by sample. `delay` is
    /// clamped to `[1, max_delay]`.
    #[inline]
    pub fn process_in_place(&mut self, delay: usize, n: usize, mut f: impl FnMut(&[f32], &mut [f32], usize)) {
        let len = self.buf.len();
        let delay = delay.clamp(1, self.max_delay());
        // A push reaches a slot `len - delay` samples before it is read again.
        let gap = len - delay;
        let mut done = 0;
        while done < n {
            let w0 = (self.write + done) & self.mask;
            let r0 = w0.wrapping_sub(delay) & self.mask;
            let m = (n - done).min(len - r0).min(len - w0).min(delay).min(gap);
            // The two ranges are `delay` (read first) or `gap` (write first) apart, both ≥ m.
            let (rd, wr) = if r0 < w0 {
                let (a, b) = self.buf.split_at_mut(w0);
                (&a[r0..r0 + m], &mut b[..m])
            } else {
                let (a, b) = self.buf.split_at_mut(r0);
                (&b[..m], &mut a[w0..w0 + m])
            };
            f(rd, wr, done);
            done += m;
        }
        self.write = (self.write + n) & self.mask;
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
        let mut e = DelayLine::new(100);
        for i in 0..50 {
            e.push(((i * i) % 17) as f32);
        }
        let w = DelayLine::cubic_weights(0.3);
        assert!((e.read_weighted(7, &w) - e.read_cubic(7.3)).abs() < 1e-5);
    }

    #[test]
    fn block_reads_and_writes_match_single_ones() {
        let (mut a, mut b) = (DelayLine::new(20), DelayLine::new(20));
        let mut blk = [0.0f32; 7];
        for round in 0..10 {
            a.read_block(9, &mut blk);
            let data: Vec<f32> = (0..7).map(|k| (round * 7 + k) as f32).collect();
            for k in 0..7 {
                assert_eq!(blk[k], b.read(9), "round {round} k {k}");
                b.push(data[k]);
            }
            a.push_block(&data);
        }
    }

    /// In-place runs, spans and `push_from` give what single reads and pushes give, for
    /// delays shorter and longer than the block and close to the buffer's length.
    #[test]
    fn in_place_runs_match_single_reads_and_pushes() {
        for delay in [1, 3, 7, 20, 25, 28] {
            let (mut a, mut b) = (DelayLine::new(25), DelayLine::new(25));
            for round in 0..12 {
                let n = 1 + (round * 5) % 11;
                let x: Vec<f32> = (0..n).map(|k| (round * 100 + k) as f32).collect();
                let mut got = vec![0.0; n];
                a.process_in_place(delay, n, |rd, wr, at| {
                    for k in 0..rd.len() {
                        got[at + k] = rd[k];
                        wr[k] = x[at + k] + 0.5 * rd[k];
                    }
                });
                for k in 0..n {
                    let d = delay.min(b.max_delay());
                    assert_eq!(got[k], b.read(d), "delay {delay} round {round} k {k}");
                    b.push(x[k] + 0.5 * b.read(d));
                }
            }
            if delay <= a.max_delay() {
                let (s0, s1) = a.span(delay, 5.min(delay));
                let joined: Vec<f32> = s0.iter().chain(s1).copied().collect();
                let mut blk = vec![0.0; joined.len()];
                a.read_block(delay, &mut blk);
                assert_eq!(joined, blk);
            }
            let mut c = DelayLine::new(25);
            c.push_from(9, |k| k as f32);
            assert_eq!((c.read(1), c.read(9)), (8.0, 0.0));
        }
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
