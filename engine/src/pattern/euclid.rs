//! Euclidean rhythms by Bjorklund's algorithm, in the form Strudel uses (after Rohan Drape's
//! Haskell), so `bd(3,8,2)` puts its pulses exactly where Strudel does.
//!
//! Runs on the audio thread when the pulses or steps are patterned (`bd(<3 5>,8)`), so it
//! works in fixed scratch space: at most [`MAX_STEPS`] steps.

/// Most steps a Euclidean rhythm may have.
pub const MAX_STEPS: usize = 1024;

/// Why a rhythm cannot be made (Strudel fails on the same inputs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EuclidError {
    /// Pulses or steps are not whole numbers.
    NotWhole,
    /// More pulses than steps, or negative steps.
    TooManyPulses,
    /// More than [`MAX_STEPS`] steps.
    TooLong,
}

impl EuclidError {
    pub fn message(self) -> &'static str {
        match self {
            EuclidError::NotWhole => "pulses and steps must be whole numbers",
            EuclidError::TooManyPulses => "there must be at least as many steps as pulses, and no negative steps",
            EuclidError::TooLong => "at most 1024 steps",
        }
    }
}

/// Pulses spread over steps, rotated left by `rotation` steps (Strudel's `euclidRot`, which
/// rotates the opposite way from Tidal). Negative pulses give the complement. Writes `steps`
/// booleans to `out` and returns how many.
pub fn bjorklund(pulses: f64, steps: f64, rotation: f64, out: &mut [bool; MAX_STEPS]) -> Result<usize, EuclidError> {
    if !pulses.is_finite() || !steps.is_finite() || pulses.fract() != 0.0 || steps.fract() != 0.0 {
        return Err(EuclidError::NotWhole);
    }
    let inverted = pulses < 0.0;
    let ons = pulses.abs();
    if steps < ons {
        return Err(EuclidError::TooManyPulses);
    }
    if steps > MAX_STEPS as f64 {
        return Err(EuclidError::TooLong);
    }
    let (ons, steps) = (ons as usize, steps as usize);
    // The rhythm is `a` repeated `na` times then `b` repeated `nb` times; each round appends
    // `b` to `a` and keeps either the old `a` or `b` as the new `b` (Drape's `left`/`right`).
    let mut a = [false; MAX_STEPS];
    let mut b = [false; MAX_STEPS];
    a[0] = true;
    let (mut la, mut lb) = (1usize, 1usize);
    let (mut na, mut nb) = (ons, steps - ons);
    while na.min(nb) > 1 {
        let old_la = la;
        a[la..la + lb].copy_from_slice(&b[..lb]);
        la += lb;
        if na > nb {
            b[..old_la].copy_from_slice(&a[..old_la]);
            lb = old_la;
            (na, nb) = (nb, na - nb);
        } else {
            nb -= na;
        }
    }
    let mut n = 0;
    for _ in 0..na {
        out[n..n + la].copy_from_slice(&a[..la]);
        n += la;
    }
    for _ in 0..nb {
        out[n..n + lb].copy_from_slice(&b[..lb]);
        n += lb;
    }
    if inverted {
        for x in &mut out[..n] {
            *x = !*x;
        }
    }
    // JavaScript's `rotate(list, -r)`: slice positions are truncated and clamped.
    let r = -rotation.trunc();
    if n > 0 && r != 0.0 && r.is_finite() {
        let len = n as f64;
        let k = if r >= 0.0 { r.min(len) } else { (len + r).max(0.0) } as usize;
        out[..n].rotate_left(k);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: f64, s: f64, r: f64) -> String {
        let mut out = [false; MAX_STEPS];
        let n = bjorklund(p, s, r, &mut out).unwrap();
        out[..n].iter().map(|&b| if b { 'x' } else { '.' }).collect()
    }

    #[test]
    fn classic_rhythms() {
        assert_eq!(pattern(3.0, 8.0, 0.0), "x..x..x.");
        assert_eq!(pattern(5.0, 8.0, 0.0), "x.xx.xx.");
        assert_eq!(pattern(2.0, 5.0, 0.0), "x.x..");
        assert_eq!(pattern(7.0, 16.0, 0.0), "x..x.x.x..x.x.x.");
        assert_eq!(pattern(4.0, 12.0, 0.0), "x..x..x..x..");
        assert_eq!(pattern(0.0, 4.0, 0.0), "....");
        assert_eq!(pattern(4.0, 4.0, 0.0), "xxxx");
        // Reference rhythms from Strudel's euclid.mjs run under Node.
        assert_eq!(pattern(5.0, 13.0, 0.0), "x..x.x..x.x..");
        assert_eq!(pattern(9.0, 16.0, 3.0), ".x.x.xx.x.x.xx.x");
        assert_eq!(pattern(11.0, 24.0, 0.0), "x..x.x.x.x.x..x.x.x.x.x.");
    }

    #[test]
    fn rotation_and_complement() {
        // Strudel rotates right by the given amount: (3,8,2) starts with the last two steps.
        assert_eq!(pattern(3.0, 8.0, 2.0), "x.x..x..");
        assert_eq!(pattern(3.0, 8.0, 8.0), "x..x..x.");
        assert_eq!(pattern(3.0, 8.0, 10.0), "x..x..x.");
        assert_eq!(pattern(3.0, 8.0, -1.0), "..x..x.x");
        assert_eq!(pattern(-3.0, 8.0, 0.0), ".xx.xx.x");
    }

    #[test]
    fn impossible_rhythms_are_errors() {
        let mut out = [false; MAX_STEPS];
        assert_eq!(bjorklund(9.0, 8.0, 0.0, &mut out), Err(EuclidError::TooManyPulses));
        assert_eq!(bjorklund(3.0, 0.0, 0.0, &mut out), Err(EuclidError::TooManyPulses));
        assert_eq!(bjorklund(2.5, 8.0, 0.0, &mut out), Err(EuclidError::NotWhole));
        assert_eq!(bjorklund(3.0, 5000.0, 0.0, &mut out), Err(EuclidError::TooLong));
    }
}
