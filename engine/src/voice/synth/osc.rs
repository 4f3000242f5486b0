//! Oscillator and filter pieces for synth voices: per-sample, allocation-free, `Copy`.
//! Phases are in cycles (0..1); frequencies are given as `dt` = Hz / sample rate.

/// PolyBLEP residual: smooths a unit step at phase 0 over one sample on each side, which
/// removes most of the aliasing of naive saw and pulse waves.
#[inline(always)]
pub fn blep(t: f64, dt: f64) -> f64 {
    if t < dt {
        let x = t / dt;
        2.0 * x - x * x - 1.0
    } else if t > 1.0 - dt {
        let x = (t - 1.0) / dt;
        x * x + 2.0 * x + 1.0
    } else {
        0.0
    }
}

/// Band-limited rising saw in -1..1 at phase `t`.
#[inline(always)]
pub fn saw(t: f64, dt: f64) -> f64 {
    2.0 * t - 1.0 - blep(t, dt)
}

/// Band-limited pulse in -1..1 at phase `t`, high for the first `width` of the cycle.
#[inline(always)]
pub fn pulse(t: f64, dt: f64, width: f64) -> f64 {
    let naive = if t < width { 1.0 } else { -1.0 };
    let mut t2 = t - width;
    if t2 < 0.0 {
        t2 += 1.0;
    }
    naive + blep(t, dt) - blep(t2, dt)
}

/// Advance a phase by `dt` cycles, wrapped to 0..1.
#[inline(always)]
pub fn advance(phase: &mut f64, dt: f64) {
    *phase += dt;
    if *phase >= 1.0 {
        *phase -= phase.floor();
    }
}

/// Deterministic white noise in -1..1 (xorshift32).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Noise(pub u32);

impl Noise {
    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        (x as f32 * (2.0 / u32::MAX as f32)) - 1.0
    }
}

/// One-pole low-pass (6 dB/octave); the high-pass is the input minus it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct OnePole {
    coef: f32,
    z: f32,
}

impl OnePole {
    /// Corner at `hz` for sample rate `sr`.
    pub fn new(hz: f32, sr: f32) -> OnePole {
        let x = (-std::f32::consts::TAU * (hz / sr).min(0.49)).exp();
        OnePole { coef: 1.0 - x, z: 0.0 }
    }

    #[inline(always)]
    pub fn low(&mut self, x: f32) -> f32 {
        self.z += self.coef * (x - self.z);
        self.z
    }

    #[inline(always)]
    pub fn high(&mut self, x: f32) -> f32 {
        x - self.low(x)
    }
}
