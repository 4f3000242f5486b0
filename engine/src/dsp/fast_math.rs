//! Fast, accurate approximations of the transcendental functions DSP kernels call per sample,
//! and denormal guards.
//!
//! Each approximation states its range and worst error (checked by the tests below). They use
//! only `+ - * /` and bit operations, so they inline, vectorise and never call into libm.

use std::f32::consts::PI;

/// Values smaller than this in a recursive state are flushed to zero: far below anything
/// audible (−600 dB), far above the denormal range (1.2e-38) where x86 arithmetic slows down.
pub const DENORMAL_FLOOR: f32 = 1e-30;

/// `x`, or zero when `|x|` is below [`DENORMAL_FLOOR`]. Call on feedback states so that a
/// decaying tail never reaches denormal numbers.
#[inline(always)]
pub fn flush(x: f32) -> f32 {
    if x.abs() < DENORMAL_FLOOR {
        0.0
    } else {
        x
    }
}

/// `tan(x)` for `x` in `[0, 1.55]` (up to 0.493 of the sample rate as a filter cutoff).
/// Relative error below 1e-5 across the range.
///
/// Half-angle form: `t = tan(x/2)` by a [7/6] Padé approximant (|x/2| < π/4, where it is
/// accurate to float precision), then `tan x = 2t / (1 − t²)`, folded into one division.
#[inline(always)]
pub fn tan(x: f32) -> f32 {
    let h = 0.5 * x;
    let h2 = h * h;
    // tan h ≈ h(135135 − 17325h² + 378h⁴ − h⁶) / (135135 − 62370h² + 3150h⁴ − 28h⁶)
    let p = h * (135135.0 + h2 * (-17325.0 + h2 * (378.0 - h2)));
    let q = 135135.0 + h2 * (-62370.0 + h2 * (3150.0 - 28.0 * h2));
    // t = p/q, tan x = 2t/(1−t²) = 2pq/(q² − p²)
    2.0 * p * q / (q * q - p * p)
}

/// Largest cutoff, as a fraction of the sample rate, that filters accept: the bilinear
/// transform maps the whole audio band below Nyquist, but `tan` grows without bound there.
pub const MAX_CUTOFF_RATIO: f32 = 0.49;
/// Smallest cutoff, as a fraction of the sample rate.
pub const MIN_CUTOFF_RATIO: f32 = 1e-5;

/// The prewarped integrator gain `g = tan(π·fc/fs)` of a bilinear (trapezoidal) filter, with
/// the cutoff clamped to `[1e-5, 0.49]·fs`. `inv_sr` is `1/fs`. NaN cutoffs give the lowest.
#[inline(always)]
#[allow(clippy::manual_clamp)] // max/min, unlike clamp, turn NaN into the lower bound
pub fn prewarp(cutoff_hz: f32, inv_sr: f32) -> f32 {
    let r = (cutoff_hz * inv_sr).max(MIN_CUTOFF_RATIO).min(MAX_CUTOFF_RATIO);
    tan(PI * r)
}

/// `2^x`, relative error below 2e-7 for `x` in `[-126, 127]`; 0 below, +inf above.
#[inline(always)]
pub fn exp2(x: f32) -> f32 {
    let x = x.clamp(-126.0, 127.0);
    let xi = (x + 0.5).floor_fast();
    // f in [-0.5, 0.5); 2^f = e^(f·ln2): Taylor series to f⁷, remainder below 6e-9.
    let f = x - xi;
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5
                + f * (0.055_504_11
                    + f * (0.009_618_129 + f * (0.001_333_355 + f * (1.540_353e-4 + f * 1.525_273e-5))))));
    f32::from_bits(((xi as i32 + 127) as u32) << 23) * p
}

/// `log2(x)` for positive normal `x`; absolute error below 1e-5. Zero and negative inputs give
/// a very negative number (−126), never NaN.
#[inline(always)]
pub fn log2(x: f32) -> f32 {
    let x = x.max(f32::MIN_POSITIVE);
    let bits = x.to_bits();
    let e = ((bits >> 23) & 0xff) as i32 - 127;
    // Mantissa m in [1, 2); map to [sqrt(1/2), sqrt(2)) for a centred series.
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    let mut e = e as f32;
    if m > std::f32::consts::SQRT_2 {
        m *= 0.5;
        e += 1.0;
    }
    // log2(m) = 2/ln2 · atanh(s), s = (m−1)/(m+1), |s| < 0.1716.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let atanh = s * (1.0 + s2 * (1.0 / 3.0 + s2 * (0.2 + s2 * (1.0 / 7.0 + s2 / 9.0))));
    e + atanh * (2.0 / std::f32::consts::LN_2)
}

/// Decibels to a linear gain.
#[inline(always)]
pub fn db_to_gain(db: f32) -> f32 {
    exp2(db * (std::f32::consts::LOG2_10 / 20.0))
}

/// A linear gain (positive) to decibels.
#[inline(always)]
pub fn gain_to_db(g: f32) -> f32 {
    log2(g) * (20.0 / std::f32::consts::LOG2_10)
}

/// `tanh(x)`: its Taylor series near zero (so tiny signals stay exact and decay to zero
/// instead of sticking at a rounding step), `1 − 2/(e^(2|x|) + 1)` with the sign of `x`
/// beyond. Absolute error below 5e-7, relative error near zero below 1e-6, odd, saturating
/// exactly at ±1.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    // Both forms are computed and one selected: no branch to mispredict on audio.
    let a = x.abs();
    let x2 = x * x;
    let series = x * (1.0 + x2 * (-1.0 / 3.0 + x2 * (2.0 / 15.0 + x2 * (-17.0 / 315.0))));
    let e = exp2(a * (2.0 * std::f32::consts::LOG2_E));
    let exact = (1.0 - 2.0 / (e + 1.0)).copysign(x);
    if a < 0.25 {
        series
    } else {
        exact
    }
}

/// `sin(2π·p)` for a phase `p` in `[0, 1)` (any real `p` works, with less accuracy far from
/// it). Absolute error below 3e-7.
#[inline(always)]
pub fn sin_turns(p: f32) -> f32 {
    sin_half_turns(p - (p + 0.5).floor_fast()) // reduced to [-0.5, 0.5)
}

/// `sin(2π·q)` for `q` in `[-0.5, 0.5]`: [`sin_turns`] without its range reduction, for
/// phases that are in range already (it then vectorises: the reduction's floor does not).
#[inline(always)]
pub fn sin_half_turns(q: f32) -> f32 {
    // Reduce to r in [-0.25, 0.25] turns around 0 or 0.5 (where sin is odd):
    // sin(2πq) = sin(2π(±0.5 − q)) folds the outer quarters onto the inner ones.
    // Two selects rather than a chain of branches, so that lanes of a vector can take both.
    let r = if q > 0.25 { 0.5 - q } else { q };
    let r = if q < -0.25 { -0.5 - q } else { r };
    let x = r * (2.0 * PI);
    let x2 = x * x;
    // Taylor series to x^11: on |x| ≤ π/2 the remainder is below 6e-8.
    x * (1.0
        + x2 * (-1.0 / 6.0
            + x2 * (1.0 / 120.0 + x2 * (-1.0 / 5040.0 + x2 * (1.0 / 362_880.0 + x2 * (-1.0 / 39_916_800.0))))))
}

/// A `floor` that compiles to a conversion and a compare instead of a libm call on targets
/// without SSE4.1. Valid for `|x| < 2^31`.
pub trait FloorFast {
    fn floor_fast(self) -> Self;
}

impl FloorFast for f32 {
    #[inline(always)]
    fn floor_fast(self) -> f32 {
        let t = self as i32 as f32; // truncates towards zero
        if t > self {
            t - 1.0
        } else {
            t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tan_is_accurate_up_to_near_nyquist() {
        let mut worst = 0.0f64;
        for i in 1..=1550 {
            let x = i as f32 * 0.001;
            let exact = (x as f64).tan();
            worst = worst.max(((tan(x) as f64 - exact) / exact).abs());
        }
        assert!(worst < 1e-5, "relative error {worst}");
    }

    #[test]
    fn prewarp_clamps() {
        assert!(prewarp(1e9, 1.0 / 48000.0).is_finite());
        assert!(prewarp(-5.0, 1.0 / 48000.0) > 0.0);
        assert!(prewarp(f32::NAN, 1.0 / 48000.0).is_finite());
        let g = prewarp(1000.0, 1.0 / 48000.0);
        assert!((g as f64 - (std::f64::consts::PI * 1000.0 / 48000.0).tan()).abs() < 1e-6);
    }

    #[test]
    fn exp2_and_log2() {
        for i in -2000..2000 {
            let x = i as f32 * 0.05;
            let e = exp2(x) as f64;
            let exact = 2f64.powf(x as f64);
            assert!(((e - exact) / exact).abs() < 2e-6, "exp2({x}) = {e}, want {exact}");
        }
        for i in 1..5000 {
            let x = i as f32 * 0.37;
            let l = log2(x) as f64;
            assert!((l - (x as f64).log2()).abs() < 1e-5, "log2({x})");
        }
        assert!((log2(1e-20) as f64 - (1e-20f64).log2()).abs() < 1e-4);
        assert_eq!(log2(0.0), -126.0);
        assert!((db_to_gain(-6.0206) - 0.5).abs() < 1e-5);
        assert!((gain_to_db(0.1) + 20.0).abs() < 1e-4);
    }

    #[test]
    fn tanh_matches() {
        let mut last = -1.0f32;
        for i in -8000..8000 {
            let x = i as f32 * 0.002;
            let t = tanh(x);
            assert!((t as f64 - (x as f64).tanh()).abs() < 5e-7, "tanh({x}) = {t}");
            assert!(t >= last - 1e-7, "monotonic at {x}");
            last = t;
        }
        for x in [1e-30f32, 1e-12, 1e-7, 3e-3, -2e-5] {
            assert!((tanh(x) as f64 / (x as f64).tanh() - 1.0).abs() < 1e-6, "tanh({x}) = {}", tanh(x));
        }
    }

    #[test]
    fn sine_by_turns() {
        for i in -3000..3000 {
            let p = i as f32 / 1000.0;
            let exact = (2.0 * std::f64::consts::PI * p as f64).sin();
            assert!((sin_turns(p) as f64 - exact).abs() < 1e-6, "sin({p})");
        }
    }

    #[test]
    fn flush_zeroes_tiny_values() {
        assert_eq!(flush(1e-35), 0.0);
        assert_eq!(flush(-1e-35), 0.0);
        assert_eq!(flush(1e-10), 1e-10);
    }

    #[test]
    fn floor_fast_matches_floor() {
        for i in -1000..1000 {
            let x = i as f32 * 0.37;
            assert_eq!(x.floor_fast(), x.floor());
        }
    }
}
