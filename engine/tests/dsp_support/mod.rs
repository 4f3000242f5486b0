//! Measuring helpers shared by the DSP tests: rendering programs, levels and spectra.
#![allow(dead_code)]

use phonon_engine::render::{render, RenderOptions, Rendered};
use phonon_engine::samples::Bank;
use std::sync::Arc;

/// Render `src` for `seconds` at `sample_rate`; panics with the compiler's message on error.
pub fn render_secs(src: &str, seconds: f64, sample_rate: u32) -> Rendered {
    let opts = RenderOptions { sample_rate, seconds: Some(seconds), ..RenderOptions::default() };
    match render(src, Arc::new(Bank::empty()), &opts) {
        Ok(r) => r,
        Err(e) => panic!("render failed:\n{e}\nprogram:\n{src}"),
    }
}

pub fn rms(x: &[f32]) -> f64 {
    if x.is_empty() {
        return 0.0;
    }
    (x.iter().map(|&v| (v as f64).powi(2)).sum::<f64>() / x.len() as f64).sqrt()
}

pub fn peak(x: &[f32]) -> f32 {
    x.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

pub fn db(x: f64) -> f64 {
    20.0 * x.max(1e-30).log10()
}

// The same measurements the kernels' unit tests use.
#[path = "../../src/dsp/spectrum_check.rs"]
mod spectrum_check;
pub use spectrum_check::spectrum;

/// Steady-state gain of a processor at `freq`: render `src_of(input)` where the input is a
/// sine, compare RMS over the last second with the input's.
pub fn sine_gain(processor: &str, freq: f64, sample_rate: u32) -> f64 {
    let src = format!("out: sine {freq} # {processor}");
    let r = render_secs(&src, 1.5, sample_rate);
    let y = r.left();
    let tail = &y[y.len() - sample_rate as usize..];
    rms(tail) / std::f64::consts::FRAC_1_SQRT_2
}

/// Worst component of `x` that is not a harmonic of `f0` (below `limit_hz`), relative to the
/// fundamental, in dB.
pub fn worst_alias_db(x: &[f32], sample_rate: f64, f0: f64, limit_hz: f64) -> f64 {
    spectrum_check::worst_alias_db(x, sample_rate, f0, limit_hz, 12, 6.0)
}

/// Frequency of the strongest spectral peak, with parabolic interpolation (Hz).
pub fn peak_hz(x: &[f32], sample_rate: f64) -> f64 {
    let m = spectrum(x);
    let mut best = 1;
    for i in 1..m.len() - 1 {
        if m[i] > m[best] {
            best = i;
        }
    }
    let (a, b, c) = (m[best - 1].max(1e-30).ln(), m[best].max(1e-30).ln(), m[best + 1].max(1e-30).ln());
    let d = a - 2.0 * b + c;
    let delta = if d.abs() > 1e-12 { 0.5 * (a - c) / d } else { 0.0 };
    (best as f64 + delta) * sample_rate / x.len() as f64
}

/// Gain (dB) of `processor` for a sine at `freq`: steady-state RMS out over RMS in. The sine
/// is at −40 dBFS so that resonant peaks stay far below the engine's output guard.
pub fn gain_db(processor: &str, freq: f64, sample_rate: u32) -> f64 {
    let src = format!("~x: sine {freq} * 0.01\nout: ~x # {processor}");
    let r = render_secs(&src, 1.0, sample_rate);
    let y = r.left();
    let tail = &y[y.len() / 2..];
    db(rms(tail) / (0.01 * std::f64::consts::FRAC_1_SQRT_2))
}

/// The frequency between `lo` and `hi` Hz (geometric bisection) where `gain(f)` crosses
/// `target` dB, for a gain that falls with frequency (`rising` false) or rises.
pub fn crossing_hz(mut lo: f64, mut hi: f64, target: f64, rising: bool, gain: impl Fn(f64) -> f64) -> f64 {
    for _ in 0..24 {
        let mid = (lo * hi).sqrt();
        let above = gain(mid) > target;
        if above != rising {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo * hi).sqrt()
}

/// Reverberation time from an impulse response: Schroeder backward integration, straight
/// line fitted from −5 to −35 dB (T30), extrapolated to 60 dB.
pub fn rt60(ir: &[f32], sample_rate: f64) -> f64 {
    let mut edc = vec![0.0f64; ir.len()];
    let mut acc = 0.0f64;
    for i in (0..ir.len()).rev() {
        acc += (ir[i] as f64).powi(2);
        edc[i] = acc;
    }
    let level: Vec<f64> = edc.iter().map(|e| 10.0 * (e / edc[0]).log10()).collect();
    let t5 = level.iter().position(|&d| d <= -5.0).expect("decays 5 dB");
    let t35 = level.iter().position(|&d| d <= -35.0).expect("decays 35 dB");
    let n = (t35 - t5) as f64;
    let (mut sx, mut sy) = (0.0, 0.0);
    for (i, l) in level.iter().enumerate().take(t35).skip(t5) {
        sx += i as f64;
        sy += l;
    }
    let (mx, my) = (sx / n, sy / n);
    let (mut num, mut den) = (0.0, 0.0);
    for (i, l) in level.iter().enumerate().take(t35).skip(t5) {
        num += (i as f64 - mx) * (l - my);
        den += (i as f64 - mx).powi(2);
    }
    -60.0 / (num / den) / sample_rate
}
