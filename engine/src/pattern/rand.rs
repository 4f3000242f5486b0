//! Strudel's deterministic random numbers: a function of cycle time, so `?`, `degradeBy`,
//! `sometimes` and friends choose the same events as Strudel, every time the pattern is played.
//!
//! Time is stretched over 300 cycles onto the 29-bit range, then scrambled with a 32-bit
//! xorshift (`signal.mjs`: `timeToIntSeed`, `xorwise`, `intSeedToRand`). Arithmetic follows
//! JavaScript's 32-bit integer semantics exactly.

/// One xorshift step on a 32-bit integer.
#[inline]
pub fn xorwise(x: i32) -> i32 {
    let a = x.wrapping_shl(13) ^ x;
    let b = (a >> 17) ^ a;
    b.wrapping_shl(5) ^ b
}

const RANGE: f64 = 536_870_912.0; // 2^29

/// The integer seed for time `t` (in cycles).
#[inline]
pub fn time_to_int_seed(t: f64) -> i32 {
    let x = t / 300.0;
    let frac = x - x.trunc();
    xorwise((frac * RANGE).trunc() as i64 as i32)
}

/// A seed as a number in (-1, 1).
#[inline]
pub fn int_seed_to_rand(x: i32) -> f64 {
    (x % 536_870_912) as f64 / RANGE
}

/// The random number in [0, 1) for time `t`.
#[inline]
pub fn time_to_rand(t: f64) -> f64 {
    int_seed_to_rand(time_to_int_seed(t)).abs()
}

/// `out.len()` successive random numbers for time `t` (Strudel's `timeToRands`; the values
/// may be negative, as there).
pub fn time_to_rands(t: f64, out: &mut [f64]) {
    let mut seed = time_to_int_seed(t);
    for x in out.iter_mut() {
        *x = int_seed_to_rand(seed);
        seed = xorwise(seed);
    }
}

/// Smooth noise between the random values at whole cycles (Strudel's `perlin`).
pub fn perlin(t: f64) -> f64 {
    let ta = t.floor();
    let tb = ta + 1.0;
    let x = t - ta;
    let smoother = 6.0 * x.powi(5) - 15.0 * x.powi(4) + 10.0 * x.powi(3);
    let (a, b) = (time_to_rand(ta), time_to_rand(tb));
    a + smoother * (b - a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_javascript_integer_semantics() {
        // Reference values from Strudel's generator run under Node.
        assert_eq!(xorwise(1), 270369);
        assert_eq!(xorwise(-5), 1269915);
        assert_eq!(time_to_rand(0.0), 0.0);
        assert_eq!(time_to_rand(0.5), 0.2604806162416935);
        assert_eq!(time_to_rand(1.5), 0.6084080748260021);
        assert_eq!(time_to_rand(-0.25), 0.3492536060512066);
        assert_eq!(time_to_rand(123.456), 0.08633671514689922);
        assert_eq!(time_to_rand(0.0003), 0.25430540926754475);
    }

    #[test]
    fn successive_values_follow_the_seed() {
        let mut v = [0.0; 3];
        time_to_rands(2.5, &mut v);
        assert_eq!(v[0].abs(), time_to_rand(2.5));
        assert_eq!(v[1], int_seed_to_rand(xorwise(time_to_int_seed(2.5))));
    }

    #[test]
    fn perlin_is_continuous_at_cycles() {
        assert!((perlin(1.0) - time_to_rand(1.0)).abs() < 1e-12);
        assert!((perlin(1.999999) - time_to_rand(2.0)).abs() < 1e-4);
    }
}
