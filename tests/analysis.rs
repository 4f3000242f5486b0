//! Measuring rendered audio: spectra, levels, onsets.

use rustfft::num_complex::Complex;
use rustfft::FftPlanner;

/// Frequency of the strongest spectral peak (Hann window, zero-padded FFT, parabolic
/// interpolation on log magnitudes), in Hz.
pub fn peak_frequency(x: &[f32], sample_rate: f32) -> f32 {
    let (freqs, mags) = spectrum(x, sample_rate, 4);
    let mut best = 1;
    for i in 1..mags.len() - 1 {
        if mags[i] > mags[best] {
            best = i;
        }
    }
    let (a, b, c) = (mags[best - 1].max(1e-30).ln(), mags[best].max(1e-30).ln(), mags[best + 1].max(1e-30).ln());
    let denom = a - 2.0 * b + c;
    let delta = if denom.abs() > 1e-12 { 0.5 * (a - c) / denom } else { 0.0 };
    let bin = freqs[1] - freqs[0];
    freqs[best] + delta * bin
}

/// Magnitude spectrum with a Hann window, zero-padded by `pad`: (frequencies, magnitudes).
pub fn spectrum(x: &[f32], sample_rate: f32, pad: usize) -> (Vec<f32>, Vec<f32>) {
    let n = (x.len() * pad.max(1)).next_power_of_two();
    let mut buf: Vec<Complex<f32>> = vec![Complex::new(0.0, 0.0); n];
    let len = x.len().max(1) as f32;
    for (i, &v) in x.iter().enumerate() {
        let w = 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / len).cos();
        buf[i] = Complex::new(v * w, 0.0);
    }
    FftPlanner::new().plan_fft_forward(n).process(&mut buf);
    let half = n / 2;
    let freqs = (0..half).map(|i| i as f32 * sample_rate / n as f32).collect();
    let mags = buf[..half].iter().map(|c| c.norm()).collect();
    (freqs, mags)
}

/// Fraction of the signal's power below `hz`.
pub fn power_below(x: &[f32], sample_rate: f32, hz: f32) -> f32 {
    let (f, m) = spectrum(x, sample_rate, 1);
    let total: f32 = m.iter().map(|v| v * v).sum();
    let below: f32 = f.iter().zip(&m).filter(|(f, _)| **f < hz).map(|(_, v)| v * v).sum();
    if total > 0.0 {
        below / total
    } else {
        0.0
    }
}

pub fn rms(x: &[f32]) -> f32 {
    if x.is_empty() {
        return 0.0;
    }
    (x.iter().map(|v| (*v as f64) * (*v as f64)).sum::<f64>() / x.len() as f64).sqrt() as f32
}

pub fn peak(x: &[f32]) -> f32 {
    x.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

/// Left channel of interleaved stereo.
pub fn left(interleaved: &[f32]) -> Vec<f32> {
    interleaved.iter().step_by(2).copied().collect()
}

/// Right channel of interleaved stereo.
pub fn right(interleaved: &[f32]) -> Vec<f32> {
    interleaved.iter().skip(1).step_by(2).copied().collect()
}

/// The first sample at or after `from` whose magnitude exceeds `threshold`.
pub fn first_above(x: &[f32], from: usize, threshold: f32) -> Option<usize> {
    x.iter().enumerate().skip(from).find(|(_, v)| v.abs() > threshold).map(|(i, _)| i)
}

/// Largest sample-to-sample step.
pub fn max_step(x: &[f32]) -> f32 {
    x.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()))
}
