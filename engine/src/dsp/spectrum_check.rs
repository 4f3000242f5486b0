//! Test-only spectrum measurements shared by the kernels' unit tests.

use rustfft::{num_complex::Complex, FftPlanner};

/// Blackman–Harris windowed magnitude spectrum (side lobes below −92 dB, so leakage does not
/// mask aliases), first half.
pub fn spectrum(x: &[f32]) -> Vec<f64> {
    let n = x.len();
    let mut buf: Vec<Complex<f64>> = x
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let t = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            let w = 0.35875 - 0.48829 * t.cos() + 0.14128 * (2.0 * t).cos() - 0.01168 * (3.0 * t).cos();
            Complex::new(v as f64 * w, 0.0)
        })
        .collect();
    FftPlanner::new().plan_fft_forward(n).process(&mut buf);
    buf[..n / 2].iter().map(|c| c.norm()).collect()
}

/// Worst component of `x` that is not a harmonic of `f0` (skipping `skip` bins at DC and
/// stopping at `limit_hz`), relative to the fundamental, in dB. Harmonics are left out with
/// `lobe` bins on each side (the window's main lobe).
pub fn worst_alias_db(x: &[f32], sample_rate: f64, f0: f64, limit_hz: f64, skip: usize, lobe: f64) -> f64 {
    let m = spectrum(x);
    let bin = sample_rate / x.len() as f64;
    let k0 = (f0 / bin).round() as usize;
    let fund = m[k0 - 4..=k0 + 4].iter().cloned().fold(0.0, f64::max);
    let mut worst = 0.0f64;
    for (k, &v) in m.iter().enumerate().skip(skip) {
        let f = k as f64 * bin;
        if f > limit_hz {
            break;
        }
        let h = f / f0;
        if (h - h.round()).abs() * f0 <= lobe * bin {
            continue;
        }
        worst = worst.max(v);
    }
    20.0 * (worst / fund).log10()
}
