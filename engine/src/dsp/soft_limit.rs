//! The output guard's safety limiter: transparent below a knee, then a smooth curve that
//! never reaches full scale, so a program that gets too loud bends instead of clipping.

/// Where the safety limiter starts to bend the signal.
pub const LIMIT_KNEE: f32 = 0.9;

/// Transparent below 0.9, then a smooth knee that never reaches 1.
#[inline]
pub fn soft_limit(x: f32) -> f32 {
    let a = x.abs();
    if a <= LIMIT_KNEE {
        x
    } else {
        let y = LIMIT_KNEE + (1.0 - LIMIT_KNEE) * ((a - LIMIT_KNEE) / (1.0 - LIMIT_KNEE)).tanh();
        y.min(0.999_999).copysign(x)
    }
}

/// [`soft_limit`] over a buffer; one vectorised peak scan leaves quiet buffers untouched.
#[inline]
pub fn soft_limit_slice(xs: &mut [f32]) {
    let top = xs.iter().fold(0u32, |t, &x| t.max(x.to_bits() & 0x7fff_ffff));
    if f32::from_bits(top) > LIMIT_KNEE {
        for x in xs {
            *x = soft_limit(*x);
        }
    }
}
