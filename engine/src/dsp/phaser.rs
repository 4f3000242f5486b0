//! SuperDirt's `phaser`: the sound plus a copy of itself delayed by 8.8..10 ms, the delay
//! swept by a sine at `phaserrate` Hz and the copy scaled by `phaserdepth` (0..1, default
//! 0.5). Summing with a moving short delay cuts moving notches into the spectrum (a comb
//! whose teeth, 100..114 Hz apart, slide up and down).

use super::slice_delay::SliceDelay;
use std::f64::consts::TAU;

/// Shortest and longest delay of the sweep, seconds.
const MIN_DELAY: f32 = 0.0088;
const MAX_DELAY: f32 = 0.01;
/// Memory a channel needs, seconds (the longest delay and room for interpolation).
pub const MEMORY_SECONDS: f64 = 0.011;
/// Default depth when only `phaserrate` is given.
pub const DEFAULT_DEPTH: f32 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phaser {
    depth: f32,
    phase: f64,
    inc: f64,
    sr: f32,
    lines: [SliceDelay; 2],
}

impl Phaser {
    /// `rate` Hz (NaN: none), `depth` 0..1 (NaN: 0.5).
    pub fn new(rate: f32, depth: f32, sample_rate: f32) -> Option<Phaser> {
        if !rate.is_finite() {
            return None;
        }
        let depth = if depth.is_finite() { depth } else { DEFAULT_DEPTH };
        Some(Phaser {
            depth: depth.clamp(0.0, 1.0),
            phase: 0.0,
            inc: rate as f64 / sample_rate as f64,
            sr: sample_rate,
            lines: [SliceDelay::default(); 2],
        })
    }

    /// Both channels in place; `mem` lends each channel at least [`MEMORY_SECONDS`].
    pub fn process(&mut self, mem: [&mut [f32]; 2], l: &mut [f32], r: &mut [f32]) {
        let [ml, mr] = mem;
        let (mid, swing) = ((MIN_DELAY + MAX_DELAY) * 0.5 * self.sr, (MAX_DELAY - MIN_DELAY) * 0.5 * self.sr);
        for (a, b) in l.iter_mut().zip(r.iter_mut()) {
            let d = mid + swing * (TAU * self.phase).sin() as f32;
            self.phase = (self.phase + self.inc).rem_euclid(1.0);
            self.lines[0].push(ml, *a);
            self.lines[1].push(mr, *b);
            *a += self.depth * self.lines[0].read_linear(ml, d);
            *b += self.depth * self.lines[1].read_linear(mr, d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_a_copy_delayed_by_about_ten_milliseconds() {
        let sr = 48_000.0;
        let mut p = Phaser::new(0.0, 1.0, sr).unwrap();
        let len = (MEMORY_SECONDS * sr as f64) as usize + 4;
        let (mut ml, mut mr) = (vec![0.0; len], vec![0.0; len]);
        let (mut l, mut r) = (vec![0.0f32; 1024], vec![0.0f32; 1024]);
        l[0] = 1.0;
        r[0] = 1.0;
        p.process([&mut ml, &mut mr], &mut l, &mut r);
        assert_eq!(l[0], 1.0);
        // At rate 0 the delay sits mid-sweep: 9.4 ms, 451.2 samples (one push counted).
        let echo: f32 = l[440..470].iter().sum();
        assert!((echo - 1.0).abs() < 1e-4, "{echo}");
        assert!(l[1..440].iter().all(|v| *v == 0.0));
        assert_eq!(l, r);
    }
}
