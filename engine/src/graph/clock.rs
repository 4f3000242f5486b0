//! Mapping between the engine's integer sample clock and exact cycle time.
//!
//! The cycle of sample `n` is `anchor_cycle + (n - anchor_sample) * cps / sample_rate`, all in
//! rationals, so an event at cycle `t` starts exactly on sample `round(t * samples_per_cycle)`
//! however long the session runs. A tempo change or a host transport jump re-anchors the map.

use super::BLOCK;
use crate::time::{Rational, Span};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    sample_rate: i64,
    cps: Rational,
    anchor_sample: i64,
    anchor_cycle: Rational,
}

impl Clock {
    pub fn new(sample_rate: u32, cps: Rational) -> Clock {
        let cps = if cps > Rational::ZERO { cps } else { Rational::HALF };
        Clock { sample_rate: sample_rate.max(1) as i64, cps, anchor_sample: 0, anchor_cycle: Rational::ZERO }
    }

    #[inline]
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate as u32
    }

    /// Cycles per second.
    #[inline]
    pub fn cps(&self) -> Rational {
        self.cps
    }

    /// Cycle time of sample `n` (exact).
    #[inline]
    pub fn cycle_at(&self, n: i64) -> Rational {
        self.anchor_cycle
            + Rational::from_i128(
                (n - self.anchor_sample) as i128 * self.cps.numer() as i128,
                self.sample_rate as i128 * self.cps.denom() as i128,
            )
    }

    /// Cycle time of sample `n - 1/2`: the boundary between samples, so that an event rounds
    /// to the sample nearest to it.
    #[inline]
    fn cycle_at_boundary(&self, n: i64) -> Rational {
        self.anchor_cycle
            + Rational::from_i128(
                (2 * (n - self.anchor_sample) - 1) as i128 * self.cps.numer() as i128,
                2 * self.sample_rate as i128 * self.cps.denom() as i128,
            )
    }

    /// The sample an event at cycle `t` starts on: `round(t * samples per cycle)` relative to
    /// the anchor.
    #[inline]
    pub fn sample_of(&self, t: Rational) -> i64 {
        let dt = t - self.anchor_cycle;
        let samples = Rational::from_i128(
            dt.numer() as i128 * self.sample_rate as i128 * self.cps.denom() as i128,
            dt.denom() as i128 * self.cps.numer() as i128,
        );
        self.anchor_sample.saturating_add(samples.round_int())
    }

    /// The cycle span whose events start within the block beginning at sample `start`:
    /// `[cycle(start - 1/2), cycle(start + BLOCK - 1/2))`.
    #[inline]
    pub fn block_span(&self, start: i64) -> Span {
        Span::new(self.cycle_at_boundary(start), self.cycle_at_boundary(start + BLOCK as i64))
    }

    /// The cycle span `[cycle(start), cycle(start + len))`, for continuous values.
    #[inline]
    pub fn span(&self, start: i64, len: i64) -> Span {
        Span::new(self.cycle_at(start), self.cycle_at(start + len))
    }

    /// Samples per cycle, as a float (for durations such as envelope lengths).
    #[inline]
    pub fn samples_per_cycle(&self) -> f64 {
        self.sample_rate as f64 / self.cps.to_f64()
    }

    /// Keep the cycle position at sample `n` and change the tempo from there.
    pub fn set_cps(&mut self, n: i64, cps: Rational) {
        if cps <= Rational::ZERO || cps == self.cps {
            return;
        }
        self.anchor_cycle = self.cycle_at(n);
        self.anchor_sample = n;
        self.cps = cps;
    }

    /// Declare that sample `n` is at cycle `t` (a transport jump or loop).
    pub fn relocate(&mut self, n: i64, t: Rational) {
        self.anchor_sample = n;
        self.anchor_cycle = t;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_to_nearest_sample() {
        let c = Clock::new(48000, Rational::HALF); // 96000 samples per cycle
        assert_eq!(c.sample_of(Rational::new(1, 4)), 24000);
        assert_eq!(c.cycle_at(96000), Rational::ONE);
        let s = c.block_span(0);
        assert_eq!(s.begin, Rational::new(-1, 192000));
        // An event exactly on a block boundary belongs to the block it starts.
        let t = c.cycle_at(BLOCK as i64);
        assert!(!s.contains(t));
        assert!(c.block_span(BLOCK as i64).contains(t));
    }

    #[test]
    fn irrational_looking_tempos_stay_exact() {
        // 127 bpm at 4 beats per cycle: cps = 127/240.
        let c = Clock::new(44100, Rational::new(127, 240));
        for k in 0..1000 {
            let t = Rational::new(k, 16);
            let n = c.sample_of(t);
            assert!(c.block_span(n - n.rem_euclid(BLOCK as i64)).contains(t), "k={k}");
        }
    }

    #[test]
    fn relocation_and_tempo_changes() {
        let mut c = Clock::new(48000, Rational::HALF);
        c.set_cps(48000, Rational::ONE);
        assert_eq!(c.cycle_at(48000), Rational::HALF);
        assert_eq!(c.cycle_at(96000), Rational::new(3, 2));
        c.relocate(1000, Rational::int(8));
        assert_eq!(c.sample_of(Rational::int(9)), 1000 + 48000);
    }
}
