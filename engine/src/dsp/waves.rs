//! Plain (not band-limited) low-frequency and character waveforms of classic synthesis, each a
//! pure function of a phase in cycles (0..1), plus the chaotic `Crackle` noise. Their corners
//! are where their sound lives; use `voice::synth::osc` for band-limited saws and pulses.

/// A triangle that rises from −1 to 1 over the first `width` of the cycle and falls back over
/// the rest: `width` 0.5 is a triangle, near 0 or 1 a saw.
#[inline(always)]
pub fn varsaw(phase: f32, width: f32) -> f32 {
    let w = width.clamp(1e-4, 1.0 - 1e-4);
    if phase < w {
        -1.0 + 2.0 * phase / w
    } else {
        1.0 - 2.0 * (phase - w) / (1.0 - w)
    }
}

/// Triangle −1..1, lowest at phase 0, highest at 0.5.
#[inline(always)]
pub fn tri(phase: f32) -> f32 {
    1.0 - 4.0 * (phase - 0.5).abs()
}

/// A sine-like wave made of two parabolas: 0 at phase 0, 1 at 0.25, −1 at 0.75.
#[inline(always)]
pub fn parabolic(phase: f32) -> f32 {
    if phase < 0.5 {
        let x = 4.0 * phase - 1.0;
        1.0 - x * x
    } else {
        let x = 4.0 * phase - 3.0;
        x * x - 1.0
    }
}

/// Advance a phase in cycles by `inc` (either sign), wrapped to 0..1.
#[inline(always)]
pub fn step(phase: &mut f32, inc: f32) {
    *phase += inc;
    if !(0.0..1.0).contains(phase) {
        *phase -= phase.floor();
        if !phase.is_finite() {
            *phase = 0.0;
        }
    }
}

/// Chaotic noise from the map `y = |p·y₁ − y₂ − 0.05|`: near `p` = 1.5 it crackles sparsely,
/// towards 2 it hisses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crackle {
    p: f32,
    y1: f32,
    y2: f32,
}

impl Crackle {
    pub fn new(p: f32) -> Crackle {
        Crackle { p: p.clamp(0.0, 2.0), y1: 0.3, y2: 0.0 }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let y = (self.p * self.y1 - self.y2 - 0.05).abs();
        self.y2 = self.y1;
        self.y1 = if y.is_finite() { y.min(4.0) } else { 0.0 };
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_hit_their_corners() {
        assert_eq!(varsaw(0.0, 0.5), -1.0);
        assert_eq!(varsaw(0.5, 0.5), 1.0);
        assert!((varsaw(0.1, 0.2) - 0.0).abs() < 1e-6);
        assert_eq!(tri(0.5), 1.0);
        assert_eq!(tri(0.0), -1.0);
        assert_eq!(parabolic(0.25), 1.0);
        assert_eq!(parabolic(0.75), -1.0);
        assert!(parabolic(0.0).abs() < 1e-6);
        let mut p = 0.9f32;
        step(&mut p, 0.3);
        assert!((p - 0.2).abs() < 1e-6);
        step(&mut p, -0.5);
        assert!((p - 0.7).abs() < 1e-6);
    }

    #[test]
    fn crackle_is_bounded_noise() {
        let mut c = Crackle::new(2.0);
        let v: Vec<f32> = (0..10_000).map(|_| c.tick()).collect();
        assert!(v.iter().all(|x| x.is_finite() && *x <= 4.0));
        let mean = v.iter().sum::<f32>() / v.len() as f32;
        assert!(v.iter().any(|x| (x - mean).abs() > 0.1), "not noise");
    }
}
