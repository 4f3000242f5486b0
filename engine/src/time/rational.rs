//! A small exact rational: `i64` numerator and a positive `i64` denominator, always reduced.
//!
//! Arithmetic goes through `i128` and reduces; a result that no longer fits `i64` (only
//! pathological programs get there, e.g. `fast 1e9` of `fast 1e9`) is replaced by the nearest
//! rational with a bounded denominator instead of panicking or wrapping. Nothing here
//! allocates, so it is safe on the audio thread.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rational {
    num: i64,
    den: i64,
}

/// Largest denominator kept when a value must be approximated.
const APPROX_MAX_DEN: i128 = 1 << 30;
/// Magnitude beyond which values saturate (far beyond any musical time).
const SATURATE: i128 = 1 << 52;

#[inline]
fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
        return gcd_u64(a as u64, b as u64) as u128;
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// GCD: one division to bring the larger number below the smaller (a numerator against a
/// small denominator is the common case), then binary GCD (Stein's algorithm).
#[inline]
fn gcd_u64(a: u64, b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let (a, b) = if a > b { (b, a % b) } else { (a, b % a) };
    if b == 0 {
        return a;
    }
    binary_gcd(a, b)
}

#[inline]
fn binary_gcd(mut a: u64, mut b: u64) -> u64 {
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

impl Rational {
    pub const ZERO: Rational = Rational { num: 0, den: 1 };
    pub const ONE: Rational = Rational { num: 1, den: 1 };
    pub const HALF: Rational = Rational { num: 1, den: 2 };

    /// `num / den`, reduced. A zero denominator gives zero (callers check for division by zero
    /// where it matters and report it as an error).
    #[inline]
    pub fn new(num: i64, den: i64) -> Rational {
        Rational::from_i128(num as i128, den as i128)
    }

    #[inline]
    pub const fn int(n: i64) -> Rational {
        Rational { num: n, den: 1 }
    }

    #[inline]
    pub fn numer(self) -> i64 {
        self.num
    }

    #[inline]
    pub fn denom(self) -> i64 {
        self.den
    }

    /// Reduce an `i128` fraction, approximating if it does not fit.
    pub fn from_i128(num: i128, den: i128) -> Rational {
        if den == 0 {
            return Rational::ZERO;
        }
        let (mut n, mut d) = if den < 0 { (-num, -den) } else { (num, den) };
        if n == 0 {
            return Rational::ZERO;
        }
        if d == 1 && n.abs() <= i64::MAX as i128 && n.abs() < SATURATE {
            return Rational { num: n as i64, den: 1 };
        }
        // Fast path: both fit 64 bits (musical time nearly always does), so reduce with 64-bit
        // arithmetic instead of the much slower 128-bit division.
        if let (Ok(n64), Ok(d64)) = (i64::try_from(n), i64::try_from(d)) {
            let g = gcd_u64(n64.unsigned_abs(), d64 as u64) as i64;
            let (rn, rd) = (n64 / g, d64 / g);
            if (rn as i128).abs() < SATURATE * rd as i128 {
                return Rational { num: rn, den: rd };
            }
            return Rational::approximate(rn as i128, rd as i128);
        }
        let g = gcd_u128(n.unsigned_abs(), d as u128) as i128;
        if g > 1 {
            n /= g;
            d /= g;
        }
        if n.abs() <= i64::MAX as i128 && d <= i64::MAX as i128 && n.abs() < SATURATE * d.max(1) {
            return Rational { num: n as i64, den: d as i64 };
        }
        Rational::approximate(n, d)
    }

    /// Nearest rational with denominator at most `APPROX_MAX_DEN` (continued fractions), and
    /// magnitude at most `SATURATE`.
    fn approximate(n: i128, d: i128) -> Rational {
        let neg = n < 0;
        let (mut p, mut q) = (n.unsigned_abs() as i128, d);
        let int_part = p / q;
        if int_part >= SATURATE {
            let v = SATURATE as i64;
            return Rational { num: if neg { -v } else { v }, den: 1 };
        }
        // Convergents h/k of p/q.
        let (mut h0, mut h1, mut k0, mut k1) = (0i128, 1i128, 1i128, 0i128);
        loop {
            let a = p / q;
            let h2 = a.saturating_mul(h1).saturating_add(h0);
            let k2 = a.saturating_mul(k1).saturating_add(k0);
            if k2 > APPROX_MAX_DEN || h2 > i64::MAX as i128 {
                break;
            }
            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
            let r = p - a * q;
            if r == 0 {
                break;
            }
            p = q;
            q = r;
        }
        if k1 == 0 {
            return Rational::ZERO;
        }
        let num = if neg { -(h1 as i64) } else { h1 as i64 };
        Rational { num, den: k1 as i64 }
    }

    /// The simplest rational within a relative tolerance of `x` (as JavaScript's fraction.js
    /// does for Strudel): `0.1` is `1/10`, `0.3333333333333333` is `1/3`. NaN gives zero;
    /// infinities saturate.
    pub fn from_f64(x: f64) -> Rational {
        if x.is_nan() {
            return Rational::ZERO;
        }
        if x.is_infinite() || x.abs() >= SATURATE as f64 {
            let v = SATURATE as i64;
            return Rational { num: if x < 0.0 { -v } else { v }, den: 1 };
        }
        if x == x.trunc() {
            return Rational::int(x as i64);
        }
        let neg = x < 0.0;
        let ax = x.abs();
        let tol = (ax * 1e-12).max(1e-15);
        let (mut h0, mut h1, mut k0, mut k1) = (0i128, 1i128, 1i128, 0i128);
        let mut f = ax;
        for _ in 0..64 {
            let a = f.floor();
            let ai = a as i128;
            let h2 = ai.saturating_mul(h1).saturating_add(h0);
            let k2 = ai.saturating_mul(k1).saturating_add(k0);
            if k2 > APPROX_MAX_DEN || h2 > i64::MAX as i128 {
                break;
            }
            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
            if ((h1 as f64) / (k1 as f64) - ax).abs() <= tol {
                break;
            }
            let frac = f - a;
            if frac <= 0.0 {
                break;
            }
            f = 1.0 / frac;
        }
        if k1 == 0 {
            return Rational::ZERO;
        }
        Rational::from_i128(if neg { -h1 } else { h1 }, k1)
    }

    #[inline]
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Largest integer not above the value.
    #[inline]
    pub fn floor_int(self) -> i64 {
        self.num.div_euclid(self.den)
    }

    /// The start of the cycle containing this time (Tidal's `sam`).
    #[inline]
    pub fn floor(self) -> Rational {
        Rational::int(self.floor_int())
    }

    #[inline]
    pub fn ceil(self) -> Rational {
        let f = self.floor_int();
        if self.den == 1 {
            self
        } else {
            Rational::int(f.saturating_add(1))
        }
    }

    /// The start of the next cycle.
    #[inline]
    pub fn next_sam(self) -> Rational {
        Rational::int(self.floor_int().saturating_add(1))
    }

    /// Position within the cycle, in [0, 1).
    #[inline]
    pub fn cycle_pos(self) -> Rational {
        self - self.floor()
    }

    #[inline]
    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    #[inline]
    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    #[inline]
    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    #[inline]
    pub fn abs(self) -> Rational {
        Rational { num: self.num.saturating_abs(), den: self.den }
    }

    #[inline]
    pub fn min(self, o: Rational) -> Rational {
        if self <= o {
            self
        } else {
            o
        }
    }

    #[inline]
    pub fn max(self, o: Rational) -> Rational {
        if self >= o {
            self
        } else {
            o
        }
    }

    /// `self / o`, or `None` when `o` is zero.
    #[inline]
    pub fn checked_div(self, o: Rational) -> Option<Rational> {
        if o.num == 0 {
            None
        } else {
            Some(self / o)
        }
    }

    /// Round to the nearest integer, halves away from zero... towards +inf (as `Math.round`).
    #[inline]
    pub fn round_int(self) -> i64 {
        (self + Rational::HALF).floor_int()
    }

    /// Value modulo `m` (result has the sign of `m`), as Tidal's `mod'`.
    pub fn modulo(self, m: Rational) -> Rational {
        if m.is_zero() {
            return Rational::ZERO;
        }
        let q = (self / m).floor();
        self - q * m
    }
}

impl Default for Rational {
    fn default() -> Self {
        Rational::ZERO
    }
}

impl From<i64> for Rational {
    fn from(n: i64) -> Self {
        Rational::int(n)
    }
}

impl Rational {
    /// `num/den` already in lowest terms with `den > 0`, if it is within the saturation bound.
    #[inline]
    fn reduced(num: i64, den: i64) -> Option<Rational> {
        if num.unsigned_abs() < SATURATE as u64 || (num as i128).abs() < SATURATE * den as i128 {
            Some(Rational { num, den })
        } else {
            None
        }
    }

    /// Sum without 128-bit arithmetic, or `None` when 64 bits overflow (Knuth's method: only
    /// the common factor of the denominators needs reducing).
    #[inline]
    fn add64(self, o: Rational) -> Option<Rational> {
        if o.den == 1 {
            // (n + k d) / d is in lowest terms when n / d is.
            let n = self.num.checked_add(o.num.checked_mul(self.den)?)?;
            return Rational::reduced(n, self.den);
        }
        if self.den == 1 {
            return o.add64(self);
        }
        if self.den == o.den {
            let t = self.num.checked_add(o.num)?;
            let g = gcd_u64(t.unsigned_abs(), self.den as u64) as i64;
            return if t == 0 { Some(Rational::ZERO) } else { Rational::reduced(t / g, self.den / g) };
        }
        let g = gcd_u64(self.den as u64, o.den as u64) as i64;
        let (bg, dg) = (self.den / g, o.den / g);
        let t = self.num.checked_mul(dg)?.checked_add(o.num.checked_mul(bg)?)?;
        if t == 0 {
            return Some(Rational::ZERO);
        }
        if g == 1 {
            // Coprime denominators: the sum is already in lowest terms.
            return Rational::reduced(t, self.den.checked_mul(o.den)?);
        }
        let g2 = gcd_u64(t.unsigned_abs(), g as u64) as i64;
        Rational::reduced(t / g2, bg.checked_mul(o.den / g2)?)
    }

    /// Product without 128-bit arithmetic, or `None` when 64 bits overflow (cross-reducing
    /// first, so the result needs no reduction).
    #[inline]
    fn mul64(self, o: Rational) -> Option<Rational> {
        if self.num == 0 || o.num == 0 {
            return Some(Rational::ZERO);
        }
        // Skip the common factors that are trivially 1 (integers, unit fractions).
        let g1 = if o.den == 1 || self.num.unsigned_abs() == 1 {
            1
        } else {
            gcd_u64(self.num.unsigned_abs(), o.den as u64) as i64
        };
        let g2 = if self.den == 1 || o.num.unsigned_abs() == 1 {
            1
        } else {
            gcd_u64(o.num.unsigned_abs(), self.den as u64) as i64
        };
        let (sn, od) = if g1 == 1 { (self.num, o.den) } else { (self.num / g1, o.den / g1) };
        let (on, sd) = if g2 == 1 { (o.num, self.den) } else { (o.num / g2, self.den / g2) };
        let n = sn.checked_mul(on)?;
        let d = sd.checked_mul(od)?;
        Rational::reduced(n, d)
    }
}

impl Add for Rational {
    type Output = Rational;
    #[inline]
    fn add(self, o: Rational) -> Rational {
        if let Some(r) = self.add64(o) {
            return r;
        }
        Rational::from_i128(
            self.num as i128 * o.den as i128 + o.num as i128 * self.den as i128,
            self.den as i128 * o.den as i128,
        )
    }
}

impl Sub for Rational {
    type Output = Rational;
    #[inline]
    fn sub(self, o: Rational) -> Rational {
        self + (-o)
    }
}

impl Neg for Rational {
    type Output = Rational;
    #[inline]
    fn neg(self) -> Rational {
        Rational { num: self.num.saturating_neg(), den: self.den }
    }
}

impl Mul for Rational {
    type Output = Rational;
    #[inline]
    fn mul(self, o: Rational) -> Rational {
        if let Some(r) = self.mul64(o) {
            return r;
        }
        Rational::from_i128(self.num as i128 * o.num as i128, self.den as i128 * o.den as i128)
    }
}

impl Div for Rational {
    type Output = Rational;
    /// Division by zero gives zero; use [`Rational::checked_div`] where it must be reported.
    #[inline]
    fn div(self, o: Rational) -> Rational {
        if o.num == 0 {
            return Rational::ZERO;
        }
        // Multiply by the reciprocal (sign moved to the numerator).
        let inv = if o.num < 0 {
            Rational { num: o.den.saturating_neg(), den: o.num.saturating_neg() }
        } else {
            Rational { num: o.den, den: o.num }
        };
        if inv.den > 0 {
            if let Some(r) = self.mul64(inv) {
                return r;
            }
        }
        Rational::from_i128(self.num as i128 * o.den as i128, self.den as i128 * o.num as i128)
    }
}

impl PartialOrd for Rational {
    fn partial_cmp(&self, o: &Rational) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Rational {
    #[inline]
    fn cmp(&self, o: &Rational) -> Ordering {
        (self.num as i128 * o.den as i128).cmp(&(o.num as i128 * self.den as i128))
    }
}

impl fmt::Display for Rational {
    /// `n` for integers, else `n/d` (the form `phonon events` and the corpus use).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl fmt::Debug for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Rational {
    type Err = String;
    /// Parses `n`, `n/d` or a decimal such as `0.25`.
    fn from_str(s: &str) -> Result<Rational, String> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once('/') {
            let n: i64 = a.trim().parse().map_err(|_| format!("bad rational '{s}'"))?;
            let d: i64 = b.trim().parse().map_err(|_| format!("bad rational '{s}'"))?;
            if d == 0 {
                return Err(format!("zero denominator in '{s}'"));
            }
            return Ok(Rational::new(n, d));
        }
        if let Ok(n) = s.parse::<i64>() {
            return Ok(Rational::int(n));
        }
        decimal(s).ok_or_else(|| format!("bad rational '{s}'"))
    }
}

/// Exact value of a decimal literal (`1.25`, `-.5`, `3e-2`), without going through `f64`.
pub fn decimal(s: &str) -> Option<Rational> {
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
        None => (s, 0),
    };
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant.strip_prefix('+').unwrap_or(mant)),
    };
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    if ip.is_empty() && fp.is_empty() {
        return None;
    }
    if !ip.chars().chain(fp.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{ip}{fp}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return Some(Rational::from_f64(s.parse::<f64>().ok()?));
    }
    let mut n: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let mut scale = fp.len() as i32 - exp;
    let mut d: i128 = 1;
    while scale > 0 {
        d = d.checked_mul(10)?;
        scale -= 1;
    }
    while scale < 0 {
        n = n.checked_mul(10)?;
        scale += 1;
    }
    Some(Rational::from_i128(if neg { -n } else { n }, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        Rational::new(n, d)
    }

    #[test]
    fn fast_arithmetic_agrees_with_the_exact_definition() {
        // Every operation against a plain i128 computation, over a spread of values.
        let vals: Vec<Rational> = [
            (0, 1),
            (1, 1),
            (-1, 1),
            (1, 2),
            (-3, 4),
            (7, 3),
            (5, 6),
            (-11, 12),
            (2, 375),
            (749, 375),
            (1, 64),
            (-63, 64),
            (1_000_003, 7),
            (123_456_789, 1_000),
            (9, 8),
            (-1, 3),
            (4, 3),
            (1 << 40, 3),
        ]
        .iter()
        .map(|&(n, d)| r(n, d))
        .collect();
        let exact = |n: i128, d: i128| Rational::from_i128(n, d);
        for &a in &vals {
            for &b in &vals {
                let (an, ad, bn, bd) = (a.num as i128, a.den as i128, b.num as i128, b.den as i128);
                assert_eq!(a + b, exact(an * bd + bn * ad, ad * bd), "{a} + {b}");
                assert_eq!(a - b, exact(an * bd - bn * ad, ad * bd), "{a} - {b}");
                assert_eq!(a * b, exact(an * bn, ad * bd), "{a} * {b}");
                if !b.is_zero() {
                    assert_eq!(a / b, exact(an * bd, ad * bn), "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn gcd_agrees_with_euclid() {
        for (a, b) in [(12u64, 18u64), (0, 5), (7, 0), (1 << 40, 3 << 20), (1_000_000_007, 998_244_353), (48, 180)] {
            let (mut x, mut y) = (a, b);
            while y != 0 {
                (x, y) = (y, x % y);
            }
            assert_eq!(gcd_u64(a, b), x, "{a} {b}");
        }
    }

    #[test]
    fn reduces_and_orders() {
        assert_eq!(r(2, 4), r(1, 2));
        assert_eq!(r(1, -2), r(-1, 2));
        assert!(r(1, 3) < r(1, 2));
        assert_eq!(r(1, 3) + r(1, 6), r(1, 2));
        assert_eq!(r(1, 3) * r(3, 4), r(1, 4));
        assert_eq!(r(1, 3) / r(2, 3), r(1, 2));
        assert_eq!(r(-1, 3).floor_int(), -1);
        assert_eq!(r(7, 3).cycle_pos(), r(1, 3));
        assert_eq!(r(-1, 4).cycle_pos(), r(3, 4));
        assert_eq!(r(5, 2).ceil(), Rational::int(3));
        assert_eq!(Rational::int(2).ceil(), Rational::int(2));
    }

    #[test]
    fn from_float_finds_simple_fractions() {
        assert_eq!(Rational::from_f64(0.1), r(1, 10));
        assert_eq!(Rational::from_f64(1.0 / 3.0), r(1, 3));
        assert_eq!(Rational::from_f64(0.125), r(1, 8));
        assert_eq!(Rational::from_f64(-2.5), r(-5, 2));
        assert_eq!(Rational::from_f64(f64::NAN), Rational::ZERO);
        assert!(Rational::from_f64(f64::INFINITY) > Rational::int(1 << 40));
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(decimal("0.1"), Some(r(1, 10)));
        assert_eq!(decimal(".5"), Some(r(1, 2)));
        assert_eq!(decimal("-1.25"), Some(r(-5, 4)));
        assert_eq!(decimal("3e-2"), Some(r(3, 100)));
        assert_eq!(decimal("1e3"), Some(Rational::int(1000)));
        assert_eq!("7/21".parse::<Rational>(), Ok(r(1, 3)));
    }

    #[test]
    fn overflow_approximates_instead_of_panicking() {
        let big = r(i64::MAX - 1, 3);
        let x = big * big;
        assert!(x > Rational::int(1 << 50));
        let tiny = r(1, i64::MAX - 7) * r(1, i64::MAX - 9);
        assert!(tiny >= Rational::ZERO && tiny < r(1, 1 << 30));
        let odd = r(1, 1_000_000_007) + r(1, 998_244_353);
        assert!((odd.to_f64() - (1.0 / 1_000_000_007.0 + 1.0 / 998_244_353.0)).abs() < 1e-12);
        let _ = Rational::int(i64::MAX) + Rational::int(i64::MAX);
        let _ = -Rational::int(i64::MIN);
        assert_eq!(r(3, 1) / Rational::ZERO, Rational::ZERO);
    }
}
