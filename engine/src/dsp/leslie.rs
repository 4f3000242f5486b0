//! SuperDirt's `leslie` rotary speaker, per voice. The sound splits at 800 Hz: the low
//! drum throbs in level (by up to 1.3·`lsize`, at 0.8·`lrate`), the high horn moves
//! towards and away from the listener (a Doppler delay of up to `lsize` metres at the speed
//! of sound, with the level falling as it moves away, at `lrate`), and each swings between
//! the speakers. `leslie` 0..1 crossfades from the dry sound to the cabinet; `lrate`
//! (default 6.7 Hz, "fast"; 0.7 is "slow"), `lsize` metres (default 0.3).

use super::slice_delay::SliceDelay;
use super::svf::{SvfCoefs, SvfMode, SvfState};
use std::f64::consts::TAU;

/// Crossover between drum and horn, Hz.
const CROSSOVER: f32 = 800.0;
const SPEED_OF_SOUND: f32 = 343.0;
/// The largest cabinet accepted, metres (bounds the Doppler delay).
pub const MAX_SIZE: f32 = 5.0;
/// Memory a channel needs for the horn's delay, seconds.
pub const MEMORY_SECONDS: f64 = 0.016;
pub const DEFAULT_RATE: f32 = 6.7;
pub const DEFAULT_SIZE: f32 = 0.3;
/// Level of the cabinet's output (SuperDirt's).
const WET_GAIN: f32 = 1.2;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leslie {
    amount: f32,
    size: f32,
    /// Phase of the horn (rate) and of the drum (0.8·rate), cycles.
    horn: f64,
    drum: f64,
    inc: f64,
    sr: f32,
    crossover: SvfCoefs,
    split: [SvfState; 2],
    lines: [SliceDelay; 2],
}

/// Equal-power balance of a stereo pair at `pos` −1..1: (left gain, right gain).
#[inline]
fn balance(pos: f32) -> (f32, f32) {
    let a = (pos + 1.0) * std::f32::consts::FRAC_PI_4;
    (a.cos(), a.sin())
}

impl Leslie {
    /// `amount` 0..1 (NaN: none), `rate` Hz (NaN: 6.7), `size` metres (NaN: 0.3).
    pub fn new(amount: f32, rate: f32, size: f32, sample_rate: f32) -> Option<Leslie> {
        if !amount.is_finite() {
            return None;
        }
        let rate = if rate.is_finite() { rate } else { DEFAULT_RATE };
        let size = if size.is_finite() { size.clamp(0.0, MAX_SIZE) } else { DEFAULT_SIZE };
        Some(Leslie {
            amount: amount.clamp(0.0, 1.0),
            size,
            horn: 0.0,
            drum: 0.0,
            inc: rate as f64 / sample_rate as f64,
            sr: sample_rate,
            crossover: SvfCoefs::new(CROSSOVER, std::f32::consts::FRAC_1_SQRT_2, sample_rate),
            split: [SvfState::default(); 2],
            lines: [SliceDelay::default(); 2],
        })
    }

    /// Both channels in place; `mem` lends each channel at least [`MEMORY_SECONDS`].
    pub fn process(&mut self, mem: [&mut [f32]; 2], l: &mut [f32], r: &mut [f32]) {
        let [ml, mr] = mem;
        let (amount, size) = (self.amount, self.size);
        for (a, b) in l.iter_mut().zip(r.iter_mut()) {
            let (hs, hc) = (TAU * self.horn).sin_cos();
            let (ds, dc) = (TAU * self.drum).sin_cos();
            self.horn = (self.horn + self.inc).rem_euclid(1.0);
            self.drum = (self.drum + 0.8 * self.inc).rem_euclid(1.0);
            let distance = size * (0.5 + 0.5 * hs as f32);
            let throb = 1.3 * size * (0.5 + 0.5 * ds as f32);
            // A sine at phase π/2 is the cosine.
            let drum_pan = balance(0.2 * dc as f32);
            let horn_pan = balance(0.4 * hc as f32);
            let delay = distance / SPEED_OF_SOUND * self.sr;
            let mut wet = [0.0f32; 2];
            for (ch, x) in [*a, *b].into_iter().enumerate() {
                let high = self.split[ch].tick_mode(&self.crossover, x, SvfMode::High);
                let low = x - high;
                let (line, mem) = if ch == 0 { (&mut self.lines[0], &mut *ml) } else { (&mut self.lines[1], &mut *mr) };
                line.push(mem, high);
                let high = line.read_linear(mem, delay + 1.0);
                let (dp, hp) = if ch == 0 { (drum_pan.0, horn_pan.0) } else { (drum_pan.1, horn_pan.1) };
                wet[ch] = amount * ((1.0 - throb) * low * dp + (1.0 - distance) * high * hp);
            }
            *a = *a * (1.0 - amount) + WET_GAIN * wet[0];
            *b = *b * (1.0 - amount) + WET_GAIN * wet[1];
        }
        for s in self.split.iter_mut() {
            s.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_dry_and_the_horn_warbles_in_pitch() {
        let sr = 48_000.0;
        let len = (MEMORY_SECONDS * sr as f64) as usize + 4;
        let tone: Vec<f32> = (0..48_000).map(|i| (TAU * 3000.0 * i as f64 / sr as f64).sin() as f32).collect();
        let run = |amount: f32, size: f32| {
            let mut le = Leslie::new(amount, 2.0, size, sr).unwrap();
            let (mut ml, mut mr) = (vec![0.0; len], vec![0.0; len]);
            let (mut l, mut r) = (tone.clone(), tone.clone());
            le.process([&mut ml, &mut mr], &mut l, &mut r);
            (l, r)
        };
        let (l, _) = run(0.0, 0.3);
        assert_eq!(l, tone);
        // A high tone goes through the horn: its zero crossings wander (Doppler) by up to the
        // horn's travel, 0.3 m / 343 m/s = 42 samples.
        let (l, r) = run(1.0, 0.3);
        assert!(l != r, "the cabinet is stereo");
        let crossings: Vec<usize> = (24_000..48_000).filter(|&i| l[i - 1] < 0.0 && l[i] >= 0.0).collect();
        let drift: Vec<f64> = crossings.iter().map(|&i| (i as f64 * 3000.0 / sr as f64).fract()).collect();
        let (lo, hi) = drift.iter().fold((1.0f64, 0.0f64), |(a, b), &d| (a.min(d), b.max(d)));
        assert!(hi - lo > 0.5, "the horn's delay moves the phase: {lo}..{hi}");
        assert!(Leslie::new(f32::NAN, 1.0, 1.0, sr).is_none());
    }
}
