//! Runtime dispatch to wider instructions. Phonon is built for the baseline of its target
//! (SSE2 on x86-64), so hot kernels are compiled again with AVX2 + FMA, and the copy the
//! processor runs is chosen at run time: the same Rust code, twice the vector width, and fused
//! multiply-adds (which also shorten the recursive filters' dependency chains). Results differ
//! between the copies only by rounding.
//!
//! There is no AVX-512 copy: built and measured for every dispatched kernel, it ran slower on
//! 128-sample blocks (CPU time per block with `phonon bench --simd`: the voice bank 16.5 ->
//! 23.7 us for W1, the sampler's gathers 12.2 -> 14.5 us for W2, W3's chain 15.3 -> 18.8 us).

use std::sync::atomic::{AtomicU8, Ordering};

/// The instruction sets a dispatched kernel can run with, narrowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Width {
    /// The build's baseline (SSE2 on x86-64).
    Base = 0,
    /// AVX2 and FMA: 8 floats per vector.
    Avx2 = 1,
}

impl Width {
    /// Parse `base` or `avx2`.
    pub fn parse(name: &str) -> Option<Width> {
        match name {
            "base" => Some(Width::Base),
            "avx2" => Some(Width::Avx2),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Width::Base => "base",
            Width::Avx2 => "avx2",
        }
    }
}

/// The widest copy allowed (for comparing the copies in tests and benchmarks).
static LIMIT: AtomicU8 = AtomicU8::new(Width::Avx2 as u8);

/// Allow at most `w`: the processor's own support still decides what runs.
pub fn limit_width(w: Width) {
    LIMIT.store(w as u8, Ordering::Relaxed);
}

/// Allow every copy the processor supports (`true`), or the baseline only.
pub fn allow_wide(allowed: bool) {
    limit_width(if allowed { Width::Avx2 } else { Width::Base });
}

/// The widest copy this processor runs (each test is detected once, then a cached load).
#[inline]
pub fn supported() -> Width {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx2") && has!("fma") {
            return Width::Avx2;
        }
    }
    Width::Base
}

/// The copy dispatched kernels run now: what the processor supports, within the limit.
#[inline]
pub fn width() -> Width {
    let s = supported();
    if (s as u8) <= LIMIT.load(Ordering::Relaxed) {
        s
    } else {
        Width::Base
    }
}

/// Whether a copy wider than the baseline runs.
#[inline]
pub fn wide() -> bool {
    width() != Width::Base
}

/// Defines `$name` calling the `#[inline(always)]` body `$body` through the AVX2 + FMA copy when
/// [`width`] allows it, else directly.
#[macro_export]
macro_rules! dispatch_wide {
    ($(#[$m:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? => $body:path) => {
        $(#[$m])*
        #[inline]
        $vis fn $name($($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                unsafe fn wide_copy($($arg: $ty),*) $(-> $ret)? {
                    $body($($arg),*)
                }
                if $crate::dsp::simd::wide() {
                    // Safety: the processor supports AVX2 and FMA (`width` checked).
                    return unsafe { wide_copy($($arg),*) };
                }
            }
            $body($($arg),*)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_caps_what_runs() {
        let s = supported();
        limit_width(Width::Base);
        assert_eq!(width(), Width::Base);
        limit_width(Width::Avx2);
        assert_eq!(width(), s.min(Width::Avx2));
        allow_wide(true);
        assert_eq!(width(), s);
        for w in [Width::Base, Width::Avx2] {
            assert_eq!(Width::parse(w.name()), Some(w));
        }
    }
}
