//! Measuring helpers shared by the DSP tests: rendering programs, levels and spectra.
#![allow(dead_code)]

use phonon_engine::render::{render, RenderOptions, Rendered};
use phonon_engine::samples::Bank;
use rustfft::num_complex::Complex;
use rustfft::FftPlanner;
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

/// Blackman–Harris windowed magnitude spectrum (side lobes below −92 dB), first half.
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

/// Steady-state gain of a processor at `freq`: render `src_of(input)` where the input is a
/// sine, compare RMS over the last second with the input's.
pub fn sine_gain(processor: &str, freq: f64, sample_rate: u32) -> f64 {
    let src = format!("out: sine {freq} # {processor}");
    let r = render_secs(&src, 1.5, sample_rate);
    let y = r.left();
    let tail = &y[y.len() - sample_rate as usize..];
    rms(tail) / std::f64::consts::FRAC_1_SQRT_2
}
