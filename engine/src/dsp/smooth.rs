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
