//! Helpers shared by the sample and voice tests: rendering programs, spectra, levels.
#![allow(dead_code)]

use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::Bank;
use rustfft::{num_complex::Complex, FftPlanner};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The built-in kit, shared by every test of a binary.
pub fn kit() -> Arc<Bank> {
    static B: OnceLock<Arc<Bank>> = OnceLock::new();
    B.get_or_init(|| Arc::new(Bank::builtin())).clone()
}

/// Render `src` for `seconds` at `sr`; returns (left, right).
pub fn render_with(src: &str, bank: Arc<Bank>, sr: u32, seconds: f64) -> (Vec<f32>, Vec<f32>) {
    let opts = RenderOptions { sample_rate: sr, seconds: Some(seconds), ..RenderOptions::default() };
    let r = render(src, bank, &opts).unwrap_or_else(|e| panic!("{src}: {e}"));
    assert_eq!(r.nan_blocks, 0, "{src}: the output guard caught NaN");
    (r.left(), r.right())
}

/// Render with the built-in kit.
pub fn render_kit(src: &str, sr: u32, seconds: f64) -> (Vec<f32>, Vec<f32>) {
    render_with(src, kit(), sr, seconds)
}

pub fn rms(x: &[f32]) -> f64 {
    if x.is_empty() {
        return 0.0;
    }
    (x.iter().map(|&v| v as f64 * v as f64).sum::<f64>() / x.len() as f64).sqrt()
}

pub fn peak(x: &[f32]) -> f32 {
    x.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

/// Power spectrum of `x` (Hann window, zero-padded to a power of two): (bin width Hz, power).
pub fn spectrum(x: &[f32], sr: f64) -> (f64, Vec<f64>) {
    let n = x.len().next_power_of_two().max(2);
    let mut buf: Vec<Complex<f64>> = (0..n)
        .map(|i| {
            let v = x.get(i).copied().unwrap_or(0.0) as f64;
            let w =
                if i < x.len() { 0.5 - 0.5 * (std::f64::consts::TAU * i as f64 / x.len() as f64).cos() } else { 0.0 };
            Complex::new(v * w, 0.0)
        })
        .collect();
    FftPlanner::new().plan_fft_forward(n).process(&mut buf);
    (sr / n as f64, buf[..n / 2].iter().map(|c| c.norm_sqr()).collect())
}

/// Fraction of the power between `lo` and `hi` Hz.
pub fn band_fraction(x: &[f32], sr: f64, lo: f64, hi: f64) -> f64 {
    let (df, p) = spectrum(x, sr);
    let total: f64 = p.iter().sum();
    let band: f64 =
        p.iter().enumerate().filter(|(i, _)| (*i as f64 * df) >= lo && (*i as f64 * df) < hi).map(|(_, v)| v).sum();
    band / total.max(1e-30)
}

/// Frequency of the strongest bin above `min_hz`, refined by parabolic interpolation.
pub fn peak_hz(x: &[f32], sr: f64, min_hz: f64) -> f64 {
    let (df, p) = spectrum(x, sr);
    let first = ((min_hz / df).ceil() as usize).max(1);
    let mut k = first;
    for i in first..p.len() - 1 {
        if p[i] > p[k] {
            k = i;
        }
    }
    if k == 0 || k + 1 >= p.len() {
        return k as f64 * df;
    }
    let (a, b, c) = (p[k - 1].ln(), p[k].ln(), p[k + 1].ln());
    let d = 0.5 * (a - c) / (a - 2.0 * b + c);
    (k as f64 + if d.is_finite() { d } else { 0.0 }) * df
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phonon-voices-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Write a mono 32-bit float WAV.
pub fn write_wav_f32(path: &Path, sr: u32, channels: &[Vec<f32>]) {
    let spec = hound::WavSpec {
        channels: channels.len() as u16,
        sample_rate: sr,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..channels[0].len() {
        for c in channels {
            w.write_sample(c[i]).unwrap();
        }
    }
    w.finalize().unwrap();
}

/// Write a WAV of integer samples with `bits` bits per sample (8, 16, 24 or 32).
pub fn write_wav_int(path: &Path, sr: u32, bits: u16, channels: &[Vec<f32>]) {
    let spec = hound::WavSpec {
        channels: channels.len() as u16,
        sample_rate: sr,
        bits_per_sample: bits,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    let scale = ((1i64 << (bits - 1)) - 1) as f32;
    for i in 0..channels[0].len() {
        for c in channels {
            let v = (c[i].clamp(-1.0, 1.0) * scale).round() as i32;
            match bits {
                8 => w.write_sample(v as i8).unwrap(),
                16 => w.write_sample(v as i16).unwrap(),
                _ => w.write_sample(v).unwrap(),
            }
        }
    }
    w.finalize().unwrap();
}

/// `n` samples of a sine at `hz` Hz, amplitude `amp`, for sample rate `sr`.
pub fn sine(hz: f64, amp: f32, sr: f64, n: usize) -> Vec<f32> {
    (0..n).map(|i| amp * (std::f64::consts::TAU * hz * i as f64 / sr).sin() as f32).collect()
}
