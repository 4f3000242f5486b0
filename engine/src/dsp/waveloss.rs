//! SuperDirt's `waveloss`: the sound is cut into segments at its rising zero crossings and
//! `waveloss` out of every 100 segments, chosen at random, are replaced by silence of the same
//! length (a technique after Trevor Wishart). 0 keeps everything, 100 silences everything.

use super::noise::Rng;

/// Segments the amount is counted out of.
const OUT_OF: f32 = 100.0;

/// One channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaveLoss {
    chance: f32,
    rng: Rng,
    prev: f32,
    dropping: bool,
}

impl WaveLoss {
    /// Drop `amount` of every 100 segments (NaN: none); `seed` picks the random choices.
    pub fn new(amount: f32, seed: u64) -> Option<WaveLoss> {
        amount.is_finite().then(|| WaveLoss {
            chance: amount.clamp(0.0, OUT_OF) / OUT_OF,
            rng: Rng::new(seed),
            prev: 0.0,
            dropping: false,
        })
    }

    pub fn process(&mut self, x: &mut [f32]) {
        for v in x.iter_mut() {
            let cur = *v;
            if self.prev < 0.0 && cur >= 0.0 {
                self.dropping = self.rng.unipolar() < self.chance;
            }
            self.prev = cur;
            if self.dropping {
                *v = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_that_share_of_whole_periods() {
        let sine: Vec<f32> =
            (0..480_000).map(|i| (std::f32::consts::TAU * 100.0 * i as f32 / 48_000.0).sin()).collect();
        for (amount, want) in [(0.0, 0.0), (30.0, 0.3), (100.0, 1.0)] {
            let mut x = sine.clone();
            WaveLoss::new(amount, 7).unwrap().process(&mut x);
            // After the first period (of a thousand), the silenced share of samples is the dropped share of
            // periods, and silence comes in whole periods (runs of 480 samples).
            let tail = &x[480..];
            let share = tail.iter().filter(|v| **v == 0.0).count() as f32 / tail.len() as f32;
            let mut run = 0;
            for (i, v) in tail.iter().enumerate() {
                run = if *v == 0.0 { run + 1 } else { 0 };
                let next_zero = tail.get(i + 1).is_some_and(|n| *n == 0.0);
                assert!(run == 0 || next_zero || run >= 470 || run <= 2, "{amount}: a cut segment of {run}");
            }
            assert!((share - want).abs() < 0.05, "{amount}: dropped {share}");
        }
    }
}
