//! A circular delay over memory the caller lends each block (a slot of a player's
//! preallocated bank), so the state that moves with a voice is one index. The memory must be
//! the same slice on every call.

/// Where the next sample goes in the lent memory.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SliceDelay {
    write: usize,
}

impl SliceDelay {
    /// Append one sample.
    #[inline(always)]
    pub fn push(&mut self, mem: &mut [f32], x: f32) {
        mem[self.write] = x;
        self.write += 1;
        if self.write >= mem.len() {
            self.write = 0;
        }
    }

    /// The sample `delay` pushes ago (1 = the latest), linearly interpolated; clamped to
    /// `[1, len − 2]`.
    #[inline(always)]
    pub fn read_linear(&self, mem: &[f32], delay: f32) -> f32 {
        let n = mem.len();
        let d = delay.clamp(1.0, n as f32 - 2.0);
        let i = d as usize;
        let f = d - i as f32;
        let at = |k: usize| mem[(self.write + n - k) % n];
        let (a, b) = (at(i), at(i + 1));
        a + f * (b - a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_was_pushed_that_many_samples_ago() {
        let mut mem = [0.0f32; 8];
        let mut d = SliceDelay::default();
        for i in 1..=20 {
            d.push(&mut mem, i as f32);
        }
        assert_eq!(d.read_linear(&mem, 1.0), 20.0);
        assert_eq!(d.read_linear(&mem, 3.0), 18.0);
        assert_eq!(d.read_linear(&mem, 2.5), 18.5);
        assert_eq!(d.read_linear(&mem, 100.0), 15.0, "clamped to len - 2");
    }
}
