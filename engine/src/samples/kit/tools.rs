//! Small offline synthesis helpers for the kit (not real-time code: they run once at load).

use std::f32::consts::PI;

/// Deterministic white noise in -1..1 (xorshift32), so the kit is identical on every run.
pub struct Noise(u32);

impl Noise {
    pub fn new(seed: u32) -> Noise {
        Noise(seed.max(1))
    }

    #[inline]
    pub fn tick(&mut self) -> f32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        (x as f32 / u32::MAX as f32) * 2.0 - 1.0
    }
}

/// RBJ-cookbook biquad (transposed direct form II).
pub struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    z1: f32,
    z2: f32,
}

pub enum Shape {
    Low,
    High,
    /// Band-pass with 0 dB peak gain.
    Band,
}

impl Biquad {
    /// `freq` in Hz, `q` the quality factor.
    pub fn new(shape: Shape, freq: f32, q: f32, sr: f32) -> Biquad {
        let w = 2.0 * PI * (freq / sr).min(0.49);
        let (sn, cs) = w.sin_cos();
        let alpha = sn / (2.0 * q);
        let (b0, b1, b2) = match shape {
            Shape::Low => ((1.0 - cs) / 2.0, 1.0 - cs, (1.0 - cs) / 2.0),
            Shape::High => ((1.0 + cs) / 2.0, -(1.0 + cs), (1.0 + cs) / 2.0),
            Shape::Band => (alpha, 0.0, -alpha),
        };
        let a0 = 1.0 + alpha;
        Biquad { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: -2.0 * cs / a0, a2: (1.0 - alpha) / a0, z1: 0.0, z2: 0.0 }
    }

    #[inline]
    pub fn run(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }
}

/// `e^(-t/tau)`: an exponential decay with time constant `tau` seconds.
#[inline]
pub fn decay(t: f32, tau: f32) -> f32 {
    (-t / tau).exp()
}

/// A square wave of frequency `f` at time `t` (naive: the kit's metal sounds are high-passed
/// and the aliasing sits under their noise).
#[inline]
pub fn square(f: f32, t: f32) -> f32 {
    if (f * t).fract() < 0.5 {
        1.0
    } else {
        -1.0
    }
}

/// Make a rendered buffer a finished sample: peak-normalise to `level`, cut the tail once it
/// stays below -80 dB of the peak, and fade the last 5 ms to exact silence.
pub fn finish(mut x: Vec<f32>, level: f32, sr: f32) -> Vec<f32> {
    let peak = x.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    if peak <= 0.0 {
        return x;
    }
    let gain = level / peak;
    for v in &mut x {
        *v *= gain;
    }
    let floor = level * 1e-4;
    let last = x.iter().rposition(|v| v.abs() > floor).unwrap_or(0);
    let fade = (0.005 * sr) as usize;
    x.truncate((last + fade).min(x.len()));
    let n = x.len();
    let fade = fade.min(n);
    for i in 0..fade {
        x[n - fade + i] *= 1.0 - (i + 1) as f32 / fade as f32;
    }
    x
}
