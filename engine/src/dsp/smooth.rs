//! Parameter smoothing.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settles_exactly() {
        let mut s = OnePole::new(0.005, 48_000.0, 0.0);
        let mut n = 0;
        while s.next(1.0) != 1.0 {
            n += 1;
            assert!(n < 48_000, "never reached its target: {}", s.value);
        }
        assert_eq!(s.next(1.0), 1.0);
    }

    #[test]
    fn fill_equals_per_sample_steps() {
        // A block fill is the same as stepping sample by sample, settled or not.
        for (from, to) in [(0.0, 1.0), (1.0, 1.0), (0.3, 0.300001), (1.0, 0.0)] {
            let (mut a, mut b) = (OnePole::new(0.005, 48_000.0, from), OnePole::new(0.005, 48_000.0, from));
            let (mut g, mut h) = (Glide::new(0.005, 48_000.0, from), Glide::new(0.005, 48_000.0, from));
            for _ in 0..20 {
                let mut lane = [0.0f32; 64];
                let mut glane = [0.0f32; 64];
                a.fill(to, &mut lane);
                g.fill(to, &mut glane);
                for i in 0..64 {
                    assert_eq!(lane[i].to_bits(), b.next(to).to_bits());
                    assert_eq!(glane[i].to_bits(), h.next(to).to_bits());
                }
            }
        }
    }
}

/// One-pole smoother: moves towards its target with time constant `tau` seconds. A time of
/// zero jumps at once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnePole {
    pub value: f32,
    coef: f32,
}

impl OnePole {
    pub fn new(tau_seconds: f32, sample_rate: f32, initial: f32) -> OnePole {
        let coef = if tau_seconds <= 0.0 { 1.0 } else { 1.0 - (-1.0 / (tau_seconds * sample_rate)).exp() };
        OnePole { value: initial, coef }
    }

    #[inline(always)]
    pub fn next(&mut self, target: f32) -> f32 {
        if self.coef >= 1.0 {
            self.value = target;
            return target;
        }
        let next = self.value + (target - self.value) * self.coef;
        // Settle exactly, so a held value is bit-stable and never decays into denormals: when
        // close, or when f32 steps have become too small to move it any more.
        self.value =
            if next == self.value || (target - next).abs() < 1e-6 * target.abs().max(1e-3) { target } else { next };
        self.value
    }
}

impl Smoother for OnePole {
    #[inline(always)]
    fn value(&self) -> f32 {
        self.value
    }

    #[inline(always)]
    fn next(&mut self, target: f32) -> f32 {
        OnePole::next(self, target)
    }
}

/// A one-pole glide towards a target that lands on it exactly: within 1e-5 (-100 dB) it snaps,
/// where a plain f32 one-pole would stall a few ulps short of the target for ever. Used for
/// host-side values (macros, master gain) whose smoothing must not depend on their magnitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    pub value: f32,
    coef: f32,
}

impl Glide {
    pub fn new(tau_seconds: f32, sample_rate: f32, value: f32) -> Glide {
        Glide { value, coef: 1.0 - (-1.0 / (tau_seconds * sample_rate).max(1.0)).exp() }
    }

    #[inline(always)]
    pub fn next(&mut self, target: f32) -> f32 {
        let d = target - self.value;
        self.value = if d.abs() < 1e-5 { target } else { self.value + d * self.coef };
        self.value
    }
}

impl Smoother for Glide {
    #[inline(always)]
    fn value(&self) -> f32 {
        self.value
    }

    #[inline(always)]
    fn next(&mut self, target: f32) -> f32 {
        Glide::next(self, target)
    }
}

/// A per-sample smoother that can fill a block.
pub trait Smoother {
    fn value(&self) -> f32;
    fn next(&mut self, target: f32) -> f32;

    /// Steps through `out.len()` samples towards `target`, writing each value. A settled
    /// smoother is a plain fill: held parameters cost no per-sample work.
    #[inline]
    fn fill(&mut self, target: f32, out: &mut [f32]) {
        if self.value() == target {
            out.fill(target);
        } else {
            for x in out {
                *x = self.next(target);
            }
        }
    }
}
