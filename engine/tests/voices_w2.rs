//! Benchmark workload W2 ("sampler polyphony", shared/bench/WORKLOADS.md) renders as
//! specified: bench/w2.ph with the one-shot sample gives the expected level, and matches a
//! direct computation of the workload's definition.

mod voices_common;

use phonon_engine::render::{render, Blocks, RenderOptions};
use phonon_engine::samples::{Bank, LoadLimits};
use std::path::Path;
use std::sync::Arc;
use voices_common::*;

const SR: u32 = 44100;
const FRAMES: usize = 22050;

/// The one-shot sample exactly as gen_sample.py writes it: 16-bit PCM values of
/// `0.9 e^(-8t) (0.6 sin(2π 440 t) + 0.4 sin(2π 660 t))`.
fn oneshot_pcm() -> Vec<i16> {
    (0..FRAMES)
        .map(|n| {
            let t = n as f64 / SR as f64;
            let s = 0.9
                * (-8.0 * t).exp()
                * (0.6 * (std::f64::consts::TAU * 440.0 * t).sin() + 0.4 * (std::f64::consts::TAU * 660.0 * t).sin());
            (s * 32767.0).round() as i16
        })
        .collect()
}

/// A samples folder holding `oneshot/oneshot.wav`.
pub fn oneshot_folder(dir: &Path) {
    let d = dir.join("oneshot");
    std::fs::create_dir_all(&d).unwrap();
    let spec =
        hound::WavSpec { channels: 1, sample_rate: SR, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(d.join("oneshot.wav"), spec).unwrap();
    for v in oneshot_pcm() {
        w.write_sample(v).unwrap();
    }
    w.finalize().unwrap();
}

/// W2 computed straight from its definition (linear interpolation, as specified).
fn reference(seconds: f64) -> Vec<f32> {
    let x: Vec<f64> = oneshot_pcm().iter().map(|&v| v as f64 / 32768.0).collect();
    let n = (seconds * SR as f64) as usize;
    let mut out = vec![0.0f64; n];
    for k in 0.. {
        let start = k * SR as usize / 16;
        if start >= n {
            break;
        }
        let j = k % 32;
        let s = ((7 * j + 3) % 25) as f64 - 12.0;
        let r = 2f64.powf(s / 12.0);
        let mut i = 0;
        loop {
            let pos = i as f64 * r;
            if pos > (FRAMES - 1) as f64 || start + i >= n {
                break;
            }
            let p = pos.floor() as usize;
            let f = pos - p as f64;
            let next = if p + 1 < FRAMES { x[p + 1] } else { 0.0 };
            out[start + i] += 0.1 * (x[p] * (1.0 - f) + next * f);
            i += 1;
        }
    }
    out.into_iter().map(|v| v as f32).collect()
}

#[test]
fn w2_renders_at_its_expected_level() {
    let dir = scratch("w2");
    oneshot_folder(&dir);
    let bank = Arc::new(Bank::with_folders(&[dir.as_path()], &LoadLimits::default()).unwrap());
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/w2.ph")).unwrap();
    let seconds = 60.0;
    let opts = RenderOptions {
        sample_rate: SR,
        seconds: Some(seconds),
        blocks: Blocks::Fixed(512),
        ..RenderOptions::default()
    };
    let r = render(&src, bank, &opts).unwrap();
    let (l, rr) = (r.left(), r.right());
    assert_eq!(l.len(), 2_646_000);
    assert_eq!(l, rr, "same on both channels");
    let got = rms(&l);
    let reference = reference(seconds);
    let want = rms(&reference);
    println!("W2 RMS: {got:.5} rendered, {want:.5} by the definition (expected about 0.048)");
    assert!((got - 0.048).abs() < 0.002, "{got}");
    assert!((got - want).abs() < want * 0.005, "{got} vs {want}");
    // Until the second trigger only the first voice sounds, pitched down 9 semitones: the
    // engine's Hermite interpolation stays within a hair of the definition's linear one.
    let worst = (0..2756).map(|i| (l[i] - reference[i]).abs()).fold(0.0f32, f32::max);
    assert!(worst < 1e-3, "first voice differs by {worst}");
    let _ = std::fs::remove_dir_all(&dir);
}
