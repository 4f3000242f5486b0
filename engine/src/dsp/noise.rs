//! Noise generators: white, pink (−3 dB/octave) and brown (−6 dB/octave). Deterministic: the
//! same seed gives the same noise, so renders are reproducible.

/// A fast 32-bit xorshift generator (period 2³² − 1), seeded through a SplitMix step so that
/// neighbouring seeds give unrelated sequences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rng {
    state: u32,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let s = (z as u32) ^ ((z >> 32) as u32);
        Rng { state: if s == 0 { 0x6d2b_79f5 } else { s } }
    }

    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.state = x;
        x
    }

    /// Uniform in `[-1, 1)`.
    #[inline(always)]
    pub fn bipolar(&mut self) -> f32 {
        self.next_u32() as i32 as f32 * (1.0 / 2_147_483_648.0)
    }

    /// Uniform in `[0, 1)`.
    #[inline(always)]
    pub fn unipolar(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }
}

/// White noise, uniform in `[-1, 1)` (RMS 0.577).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct White {
    pub rng: Rng,
}

impl White {
    pub fn new(seed: u64) -> White {
        White { rng: Rng::new(seed) }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        self.rng.bipolar()
    }
}

/// Pink noise: white noise through a bank of one-pole filters whose sum falls at 3 dB per
/// octave within 0.5 dB from 10 Hz to 20 kHz (P. Kellet's refined method; the pole values are
/// those for 44.1 kHz and move the band edges only slightly at other rates). RMS about 0.3.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pink {
    white: White,
    b: [f32; 7],
}

impl Pink {
    pub fn new(seed: u64) -> Pink {
        Pink { white: White::new(seed), b: [0.0; 7] }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let w = self.white.tick();
        let b = &mut self.b;
        b[0] = 0.99886 * b[0] + w * 0.055_517_9;
        b[1] = 0.99332 * b[1] + w * 0.075_075_9;
        b[2] = 0.96900 * b[2] + w * 0.153_852;
        b[3] = 0.86650 * b[3] + w * 0.310_485_6;
        b[4] = 0.55000 * b[4] + w * 0.532_952_2;
        b[5] = -0.7616 * b[5] - w * 0.016_898;
        let y = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
        b[6] = w * 0.115_926;
        y * 0.2
    }
}

/// Brown (red) noise: leaky-integrated white noise, falling 6 dB per octave above about 8 Hz
/// at 48 kHz. RMS about 0.3.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Brown {
    white: White,
    y: f32,
    leak: f32,
}

impl Brown {
    pub fn new(seed: u64, sample_rate: f32) -> Brown {
        // Leak pole at 8 Hz keeps the walk centred without audible effect.
        Brown { white: White::new(seed), y: 0.0, leak: 1.0 - 2.0 * std::f32::consts::PI * 8.0 / sample_rate }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        self.y = self.leak * self.y + 0.025 * self.white.tick();
        self.y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustfft::{num_complex::Complex, FftPlanner};

    /// Average power per octave band, in dB, for bands starting at 125 Hz.
    fn octave_bands(mut gen: impl FnMut() -> f32) -> Vec<f64> {
        let n = 1 << 18;
        let sr = 48000.0;
        let mut acc = [0.0f64; 7];
        for _ in 0..4 {
            let mut buf: Vec<Complex<f64>> = (0..n).map(|_| Complex::new(gen() as f64, 0.0)).collect();
            FftPlanner::new().plan_fft_forward(n).process(&mut buf);
            for (b, a) in acc.iter_mut().enumerate() {
                let lo = 125.0 * 2f64.powi(b as i32);
                let (k0, k1) = ((lo / sr * n as f64) as usize, (2.0 * lo / sr * n as f64) as usize);
                *a += buf[k0..k1].iter().map(|c| c.norm_sqr()).sum::<f64>();
            }
        }
        acc.iter().map(|e| 10.0 * e.log10()).collect()
    }

    #[test]
    fn white_is_flat_pink_equal_per_octave_brown_falls() {
        let mut w = White::new(1);
        let white = octave_bands(|| w.tick());
        // White: each octave holds twice the power of the one below (+3 dB).
        for k in 1..white.len() {
            assert!((white[k] - white[k - 1] - 3.01).abs() < 0.5, "white {white:?}");
        }
        let mut p = Pink::new(2);
        let pink = octave_bands(|| p.tick());
        for k in 1..pink.len() {
            assert!((pink[k] - pink[k - 1]).abs() < 0.7, "pink {pink:?}");
        }
        let mut b = Brown::new(3, 48000.0);
        let brown = octave_bands(|| b.tick());
        for k in 1..brown.len() {
            assert!((brown[k] - brown[k - 1] + 3.01).abs() < 0.7, "brown {brown:?}");
        }
    }

    #[test]
    fn seeds_are_reproducible_and_distinct() {
        let a: Vec<f32> = {
            let mut w = White::new(7);
            (0..10).map(|_| w.tick()).collect()
        };
        let b: Vec<f32> = {
            let mut w = White::new(7);
            (0..10).map(|_| w.tick()).collect()
        };
        let c: Vec<f32> = {
            let mut w = White::new(8);
            (0..10).map(|_| w.tick()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn levels() {
        let rms = |mut g: Box<dyn FnMut() -> f32>| {
            (((0..480000).map(|_| (g() as f64).powi(2)).sum::<f64>()) / 480000.0).sqrt()
        };
        let mut w = White::new(1);
        let mut p = Pink::new(1);
        let mut b = Brown::new(1, 48000.0);
        let (rw, rp, rb) =
            (rms(Box::new(move || w.tick())), rms(Box::new(move || p.tick())), rms(Box::new(move || b.tick())));
        assert!((rw - 0.577).abs() < 0.01, "{rw}");
        assert!((0.15..0.45).contains(&rp), "{rp}");
        assert!((0.15..0.45).contains(&rb), "{rb}");
    }
}
