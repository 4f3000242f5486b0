//! Parameter smoothing.

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
        self.value += (target - self.value) * self.coef;
        // Settle exactly, so a held value is bit-stable and never decays into denormals.
        if (target - self.value).abs() < 1e-7 * target.abs().max(1e-3) {
            self.value = target;
        }
        self.value
    }
}
