//! Runtime dispatch to wider instructions. Phonon is built for the baseline of its target
//! (SSE2 on x86-64), so hot kernels are compiled a second time with AVX2 and FMA enabled and
//! chosen at run time when the processor has them: the same Rust code, twice the vector
//! width and fused multiply-adds (which also shorten the recursive filters' dependency
//! chains). Results differ from the baseline path only by rounding.

use std::sync::atomic::{AtomicBool, Ordering};

static ALLOWED: AtomicBool = AtomicBool::new(true);

/// Allow or forbid the wide versions (for comparing both paths in tests and benchmarks).
pub fn allow_wide(allowed: bool) {
    ALLOWED.store(allowed, Ordering::Relaxed);
}

/// Whether the AVX2 + FMA versions may run (detected once, then a cached load).
#[inline]
pub fn wide() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        ALLOWED.load(Ordering::Relaxed)
            && std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Defines `$name` calling the `#[inline(always)]` body `$body` either through a copy
/// compiled with AVX2 + FMA (when [`wide`] says so) or directly.
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
                    // Safety: the processor supports AVX2 and FMA (checked above).
                    return unsafe { wide_copy($($arg),*) };
                }
            }
            $body($($arg),*)
        }
    };
}
