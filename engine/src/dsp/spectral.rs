//! Operations on one frame's spectrum (see [`super::stft`]), after SuperDirt's phase-vocoder
//! effects: freezing, a rectangular comb, magnitude smearing, bin scrambling, bin shifting
//! and stretching, brick-wall filters, a conformal map and harmonic enhancement. A spectrum
//! is `BINS` complex bins from DC to Nyquist, each holding its amplitude share.

use super::noise::Rng;
use super::stft::BINS;
use realfft::num_complex::Complex;

type Bin = Complex<f32>;

/// Set a bin's magnitude, keeping its phase.
#[inline]
fn with_mag(b: Bin, mag: f32) -> Bin {
    let m = b.norm();
    if m > 1e-20 {
        b * (mag / m)
    } else {
        Complex::new(mag, 0.0)
    }
}

/// What a frozen channel holds: the magnitudes and per-frame phase advance of one frame,
/// and the running phases it resynthesises with.
pub struct FreezeState {
    mags: Box<[f32]>,
    advance: Box<[f32]>,
    phase: Box<[f32]>,
    prev: Box<[f32]>,
}

impl Default for FreezeState {
    fn default() -> Self {
        let z = || vec![0.0; BINS].into_boxed_slice();
        FreezeState { mags: z(), advance: z(), phase: z(), prev: z() }
    }
}

impl FreezeState {
    pub fn clear(&mut self) {
        for b in [&mut self.mags, &mut self.advance, &mut self.phase, &mut self.prev] {
            b.fill(0.0);
        }
    }

    /// Take over another state (a graph swap; no allocation).
    pub fn copy_from(&mut self, other: &FreezeState) {
        self.mags.copy_from_slice(&other.mags);
        self.advance.copy_from_slice(&other.advance);
        self.phase.copy_from_slice(&other.phase);
        self.prev.copy_from_slice(&other.prev);
    }
}

/// Frame from which a frozen voice holds its spectrum: the first that is all sound (frame 0
/// is half silence before the onset).
pub const FREEZE_FRAME: u32 = 1;

/// `freeze`: up to [`FREEZE_FRAME`] the spectrum passes and is measured; from then on every
/// frame is that one, its partials running on at their measured frequencies.
pub fn freeze(spec: &mut [Bin], s: &mut FreezeState, frame: u32) {
    if frame <= FREEZE_FRAME {
        for (i, b) in spec.iter().enumerate() {
            let ph = b.arg();
            s.mags[i] = b.norm();
            s.advance[i] = ph - s.prev[i];
            s.prev[i] = ph;
            s.phase[i] = ph;
        }
        return;
    }
    for (i, b) in spec.iter_mut().enumerate() {
        s.phase[i] = (s.phase[i] + s.advance[i]).rem_euclid(std::f32::consts::TAU);
        *b = Complex::from_polar(s.mags[i], s.phase[i]);
    }
}

/// A rectangular comb: the spectrum is cut into `teeth` equal teeth and the part of each
/// beyond `width` (0..1) is silenced.
pub fn rect_comb(spec: &mut [Bin], teeth: f32, width: f32) {
    let n = spec.len() as f32;
    for (i, b) in spec.iter_mut().enumerate() {
        if (i as f32 / n * teeth).fract() > width {
            *b = Complex::default();
        }
    }
}

/// Each magnitude becomes the mean of the `bins` magnitudes on each side and itself.
pub fn mag_smear(spec: &mut [Bin], spare: &mut [Bin], bins: usize) {
    let n = spec.len();
    // Prefix sums of the magnitudes, in the spare buffer's real parts (one extra slot).
    spare[0].re = 0.0;
    let mut acc = 0.0f32;
    for i in 0..n.min(spare.len() - 1) {
        acc += spec[i].norm();
        spare[i + 1].re = acc;
    }
    let n = n.min(spare.len() - 1);
    for (i, b) in spec.iter_mut().enumerate().take(n) {
        let (lo, hi) = (i.saturating_sub(bins), (i + bins + 1).min(n));
        let mean = (spare[hi].re - spare[lo].re) / (2 * bins + 1) as f32;
        *b = with_mag(*b, mean.max(0.0));
    }
}

/// A fixed scramble of bins for [`bin_scramble`]: a `wipe` share of the bins (0..1) takes its
/// content from a random bin up to `width` (0..1) of the spectrum away.
pub fn scramble_map(map: &mut [u16], wipe: f32, width: f32, rng: &mut Rng) {
    let n = map.len();
    let reach = (width.clamp(0.0, 1.0) * n as f32) as i64;
    for (i, m) in map.iter_mut().enumerate() {
        let from = if rng.unipolar() < wipe { i as i64 + (rng.bipolar() * reach as f32) as i64 } else { i as i64 };
        *m = from.clamp(0, n as i64 - 1) as u16;
    }
}

/// Each bin takes the content of the bin `map` names.
pub fn bin_scramble(spec: &mut [Bin], spare: &mut [Bin], map: &[u16]) {
    let n = spec.len().min(spare.len()).min(map.len());
    spare[..n].copy_from_slice(&spec[..n]);
    for (b, &from) in spec[..n].iter_mut().zip(&map[..n]) {
        *b = spare[from as usize];
    }
}

/// Bin `i` moves to `i·stretch + shift`, split between the two nearest bins.
pub fn bin_shift(spec: &mut [Bin], spare: &mut [Bin], stretch: f32, shift: f32) {
    let n = spec.len().min(spare.len());
    spare[..n].copy_from_slice(&spec[..n]);
    spec[..n].fill(Complex::default());
    for i in 0..n {
        let to = i as f32 * stretch + shift;
        if !(0.0..(n - 1) as f32).contains(&to) {
            continue;
        }
        let j = to as usize;
        let f = to - j as f32;
        spec[j] += spare[i] * (1.0 - f);
        spec[j + 1] += spare[i] * f;
    }
}

/// A brick-wall filter: `wipe` above 0 silences the bins below that share of the spectrum
/// (a high-pass), below 0 the bins above `1 + wipe` of it (a low-pass).
pub fn brick_wall(spec: &mut [Bin], wipe: f32) {
    let n = spec.len() as f32;
    let wipe = wipe.clamp(-1.0, 1.0);
    for (i, b) in spec.iter_mut().enumerate() {
        let at = i as f32 / n;
        if (wipe > 0.0 && at < wipe) || (wipe < 0.0 && at >= 1.0 + wipe) {
            *b = Complex::default();
        }
    }
}

/// Every bin `z` becomes `(z − a) / (1 − ā·z)`, a conformal map of the complex plane.
pub fn conformal_map(spec: &mut [Bin], a: Bin) {
    for b in spec.iter_mut() {
        let d = Complex::new(1.0, 0.0) - a.conj() * *b;
        let z = (*b - a) / d;
        *b = if z.re.is_finite() && z.im.is_finite() { z } else { Complex::default() };
    }
}

/// Each bin's magnitude is added, scaled by `strength / k`, to the bins at `k·ratio` times
/// its frequency for `k` from 2 to `partials`: stronger harmonics (ratio 1) or a stretched
/// series above every partial.
pub fn spectral_enhance(spec: &mut [Bin], spare: &mut [Bin], partials: usize, ratio: f32, strength: f32) {
    let n = spec.len().min(spare.len());
    for i in 0..n {
        spare[i].re = spec[i].norm();
        spare[i].im = spare[i].re;
    }
    for i in 1..n {
        let m = spare[i].re;
        for k in 2..=partials {
            let j = (i as f32 * k as f32 * ratio).round() as usize;
            if j >= n {
                break;
            }
            spare[j].im += strength * m / k as f32;
        }
    }
    for i in 0..n {
        spec[i] = with_mag(spec[i], spare[i].im);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(bin: usize) -> Vec<Bin> {
        let mut s = vec![Complex::default(); BINS];
        s[bin] = Complex::new(0.5, 0.0);
        s
    }

    #[test]
    fn brick_walls_keep_one_side() {
        let mut lo = tone(100);
        brick_wall(&mut lo, 0.3);
        assert_eq!(lo[100], Complex::default());
        let mut hi = tone(900);
        brick_wall(&mut hi, -0.5);
        assert_eq!(hi[900], Complex::default());
        let mut keep = tone(100);
        brick_wall(&mut keep, -0.5);
        assert_eq!(keep[100].re, 0.5);
    }

    #[test]
    fn shift_and_stretch_move_a_partial() {
        let mut spare = vec![Complex::default(); BINS];
        let mut s = tone(100);
        bin_shift(&mut s, &mut spare, 2.0, 5.0);
        assert!((s[205].re - 0.5).abs() < 1e-6 && s[100].re == 0.0);
    }

    #[test]
    fn smear_spreads_a_partial_and_comb_cuts_teeth() {
        let mut spare = vec![Complex::default(); BINS];
        let mut s = tone(100);
        s[103] = Complex::new(1e-3, 0.0);
        mag_smear(&mut s, &mut spare, 3);
        assert!((s[103].norm() - (0.5 + 1e-3) / 7.0).abs() < 1e-5 && (s[100].norm() - (0.5 + 1e-3) / 7.0).abs() < 1e-5);
        let mut c = vec![Complex::new(1.0, 0.0); BINS];
        rect_comb(&mut c, 10.0, 0.5);
        let cut = c.iter().filter(|b| b.re == 0.0).count();
        assert!((cut as f32 / BINS as f32 - 0.5).abs() < 0.02, "{cut}");
    }

    #[test]
    fn enhance_adds_harmonics_and_scramble_moves_bins() {
        let mut spare = vec![Complex::default(); BINS];
        let mut s = tone(50);
        spectral_enhance(&mut s, &mut spare, 4, 1.0, 0.5);
        assert!((s[100].norm() - 0.125).abs() < 1e-6 && (s[200].norm() - 0.0625).abs() < 1e-6);
        assert!((s[50].norm() - 0.5).abs() < 1e-6);
        let mut map = vec![0u16; BINS];
        scramble_map(&mut map, 1.0, 0.1, &mut Rng::new(3));
        let moved = map.iter().enumerate().filter(|(i, m)| *i != **m as usize).count();
        assert!(moved > BINS * 9 / 10 && map.iter().enumerate().all(|(i, m)| (i as i64 - *m as i64).abs() <= 103));
        let mut s = tone(50);
        bin_scramble(&mut s, &mut spare, &map);
        let takers = map.iter().filter(|m| **m == 50).count();
        assert_eq!(s.iter().filter(|b| b.re != 0.0).count(), takers, "every bin that takes bin 50 holds its tone");
    }

    #[test]
    fn a_frozen_spectrum_keeps_its_partials_turning() {
        let mut st = FreezeState::default();
        let mut s = tone(10);
        freeze(&mut s, &mut st, 0);
        let mut s = tone(10);
        s[10] = Complex::from_polar(0.5, 1.0);
        freeze(&mut s, &mut st, 1);
        let mut later = tone(300);
        freeze(&mut later, &mut st, 2);
        assert!(later[300].norm() < 1e-6, "the new frame is replaced by the frozen one");
        assert!((later[10].norm() - 0.5).abs() < 1e-6 && (later[10].arg() - 2.0).abs() < 1e-5);
    }
}
