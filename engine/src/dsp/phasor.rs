//! Phase accumulators.

/// A phase in [0, 1) advancing by `freq / sample_rate` per sample. Kept in `f64` so that long
/// notes do not drift; negative frequencies run backwards (through-zero FM).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Phasor {
    pub phase: f64,
}

impl Phasor {
    pub fn new(phase: f64) -> Phasor {
        Phasor { phase: phase.rem_euclid(1.0) }
    }

    /// Current phase, then advance by `inc` cycles (any sign, any size).
    #[inline(always)]
    pub fn tick(&mut self, inc: f64) -> f64 {
        let p = self.phase;
        let mut n = p + inc;
        if !(0.0..1.0).contains(&n) {
            n -= n.floor();
            if !n.is_finite() {
                n = 0.0;
            }
        }
        self.phase = n;
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_both_ways() {
        let mut p = Phasor::default();
        p.tick(0.75);
        p.tick(0.5);
        assert!((p.phase - 0.25).abs() < 1e-12);
        p.tick(-0.5);
        assert!((p.phase - 0.75).abs() < 1e-12);
        p.tick(f64::INFINITY);
        assert_eq!(p.phase, 0.0);
    }
}
