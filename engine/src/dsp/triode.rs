//! SuperDirt's `triode`: a tube-like asymmetric distortion. The positive half-wave passes
//! untouched; the negative one is squashed by `tanh(x·s)/s` with `s = 10·triode + 0.001`, so
//! the harder it is driven the lower its ceiling. The asymmetry adds even harmonics and a DC
//! offset, which a DC blocker after it removes (the stage runs one per channel).

use super::onepole::DcBlocker;

/// One channel of the triode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Triode {
    scale: f32,
    dc: DcBlocker,
}

/// The triode's transfer curve at scale `s`.
#[inline]
pub fn triode_curve(x: f32, s: f32) -> f32 {
    if x > 0.0 {
        x
    } else {
        (x * s).tanh() / s
    }
}

impl Triode {
    /// A triode driven by `amount` (0 up; 1 is strong), or `None` when it is not a number.
    pub fn new(amount: f32, sample_rate: f32) -> Option<Triode> {
        amount.is_finite().then(|| Triode { scale: amount.max(0.0) * 10.0 + 1e-3, dc: DcBlocker::new(sample_rate) })
    }

    pub fn process(&mut self, x: &mut [f32]) {
        for v in x.iter_mut() {
            *v = self.dc.tick(triode_curve(*v, self.scale));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_half_passes_negative_half_is_squashed() {
        assert_eq!(triode_curve(0.7, 10.0), 0.7);
        assert!((triode_curve(-0.7, 10.0) + 0.1).abs() < 1e-3, "{}", triode_curve(-0.7, 10.0));
        // At a tiny drive it is nearly linear.
        assert!((triode_curve(-0.5, 1e-3) + 0.5).abs() < 1e-4);
        let mut t = Triode::new(1.0, 48_000.0).unwrap();
        let mut x: Vec<f32> = (0..48_000).map(|i| (i as f32 * 0.05).sin()).collect();
        t.process(&mut x);
        // The DC the asymmetry makes is removed.
        let mean = x[24_000..].iter().sum::<f32>() / 24_000.0;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!(Triode::new(f32::NAN, 48_000.0).is_none());
    }
}
