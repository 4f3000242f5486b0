//! The recent samples of one output, for an oscilloscope: a preallocated ring the audio
//! thread writes each block (atomic stores, no lock, no allocation) and a viewer reads at its
//! own pace. A reader may see a block half-written; a scope does not mind.

use super::{Frame, BLOCK};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

/// Samples the ring holds (a power of two).
pub const SCOPE_LEN: usize = 8192;

pub struct Scope {
    samples: Box<[AtomicU32]>,
    /// Samples written so far (the next write goes to `written % SCOPE_LEN`).
    written: AtomicUsize,
    /// The output shown (0 = main, k = `outk`), chosen by the viewer.
    output: AtomicU32,
}

impl Default for Scope {
    fn default() -> Self {
        Scope {
            samples: (0..SCOPE_LEN).map(|_| AtomicU32::new(0)).collect(),
            written: AtomicUsize::new(0),
            output: AtomicU32::new(0),
        }
    }
}

impl Scope {
    /// Show output `k` from now on.
    pub fn select(&self, k: usize) {
        self.output.store(k as u32, Ordering::Relaxed);
    }

    pub fn selected(&self) -> usize {
        self.output.load(Ordering::Relaxed) as usize
    }

    /// Audio thread: append a block of `frame` (the mean of its channels).
    pub fn write(&self, frame: &Frame) {
        let at = self.written.load(Ordering::Relaxed);
        for i in 0..BLOCK {
            let x = 0.5 * (frame.l[i] + frame.r[i]);
            self.samples[(at + i) % SCOPE_LEN].store(x.to_bits(), Ordering::Relaxed);
        }
        self.written.store(at + BLOCK, Ordering::Release);
    }

    /// The last `into.len()` samples written (at most [`SCOPE_LEN`]), oldest first; zeros
    /// before anything was written.
    pub fn read(&self, into: &mut [f32]) {
        let n = into.len().min(SCOPE_LEN);
        let end = self.written.load(Ordering::Acquire);
        for (i, x) in into[..n].iter_mut().enumerate() {
            *x = match (end + i).checked_sub(n) {
                Some(k) if k < end => f32::from_bits(self.samples[k % SCOPE_LEN].load(Ordering::Relaxed)),
                _ => 0.0,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_latest_samples_in_order() {
        let s = Scope::default();
        let mut f = Frame::default();
        for b in 0..(SCOPE_LEN / BLOCK + 3) {
            for i in 0..BLOCK {
                f.l[i] = (b * BLOCK + i) as f32;
                f.r[i] = f.l[i];
            }
            s.write(&f);
        }
        let mut last = [0.0; 300];
        s.read(&mut last);
        let total = (SCOPE_LEN / BLOCK + 3) * BLOCK;
        for (i, x) in last.iter().enumerate() {
            assert_eq!(*x, (total - 300 + i) as f32);
        }
        let fresh = Scope::default();
        fresh.read(&mut last);
        assert!(last.iter().all(|&x| x == 0.0));
    }
}
