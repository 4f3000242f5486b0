//! Voice benchmarks: workload W2 ("sampler polyphony", shared/bench/WORKLOADS.md) rendered
//! from bench/w2.ph, single-threaded, start-up excluded. Prints the real-time factor (audio
//! seconds per wall-clock second), median of five runs.
//!
//! `cargo bench -p phonon-engine --bench voices`

use phonon_engine::graph::{HostIn, Outputs, BLOCK};
use phonon_engine::render::Session;
use phonon_engine::samples::{Bank, LoadLimits, Sample};
use phonon_engine::voice::sampler::{Gains, SamplePlay};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const SR: u32 = 44100;
const SECONDS: f64 = 60.0;

/// `DIR/oneshot/oneshot.wav`, the W2 sample exactly as gen_sample.py writes it.
fn write_oneshot(dir: &Path) {
    let d = dir.join("oneshot");
    std::fs::create_dir_all(&d).unwrap();
    let spec =
        hound::WavSpec { channels: 1, sample_rate: SR, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(d.join("oneshot.wav"), spec).unwrap();
    for n in 0..22050 {
        let t = n as f64 / SR as f64;
        let s = 0.9
            * (-8.0 * t).exp()
            * (0.6 * (std::f64::consts::TAU * 440.0 * t).sin() + 0.4 * (std::f64::consts::TAU * 660.0 * t).sin());
        w.write_sample((s * 32767.0).round() as i16).unwrap();
    }
    w.finalize().unwrap();
}

/// Seconds of wall time to render `SECONDS` of `src`, and the output RMS.
fn run(src: &str, bank: &Arc<Bank>) -> (f64, f64) {
    let mut session = Session::new(SR, bank.clone());
    session.send(session.prepare(src).expect("compiles"));
    let mut engine = session.take_engine().unwrap();
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    let blocks = (SECONDS * SR as f64 / BLOCK as f64).ceil() as usize;
    let mut sum = 0.0f64;
    let t0 = Instant::now();
    for _ in 0..blocks {
        engine.process_block(&host, &mut out);
        sum += out.main.l.iter().map(|&x| x as f64 * x as f64).sum::<f64>();
    }
    let wall = t0.elapsed().as_secs_f64();
    session.collect();
    (wall, (sum / (blocks * BLOCK) as f64).sqrt())
}

/// The sampler kernel alone: W2's voices (16 a second, each to its end) rendered block by
/// block with no engine around them. Returns nanoseconds per voice-sample.
fn kernel(bank: &Bank) -> f64 {
    let sample: &Sample = &bank.set("oneshot").unwrap().samples[0];
    let (mut l, mut r) = ([0.0f32; BLOCK], [0.0f32; BLOCK]);
    let mut voice_samples = 0u64;
    let t0 = Instant::now();
    for k in 0..960usize {
        let s = ((7 * (k % 32) + 3) % 25) as f64 - 12.0;
        let mut play = SamplePlay::new(sample, 0, 0, 0.0, 1.0, 2f64.powf(s / 12.0)).unwrap();
        loop {
            let done = play.render(sample, Gains::Flat(0.1), (1.0, 1.0), &mut l, &mut r);
            voice_samples += done as u64;
            if done < BLOCK || play.finished() {
                break;
            }
        }
    }
    std::hint::black_box((&l, &r));
    t0.elapsed().as_secs_f64() * 1e9 / voice_samples as f64
}

fn main() {
    let dir = std::env::temp_dir().join(format!("phonon-bench-w2-{}", std::process::id()));
    write_oneshot(&dir);
    let bank = Arc::new(Bank::with_folders(&[dir.as_path()], &LoadLimits::default()).unwrap());
    let src = include_str!("../../bench/w2.ph").to_string();
    let mut walls = Vec::new();
    let mut level = 0.0;
    for _ in 0..5 {
        let (wall, rms) = run(&src, &bank);
        walls.push(wall);
        level = rms;
    }
    walls.sort_by(f64::total_cmp);
    let median = walls[walls.len() / 2];
    println!(
        "W2 sampler polyphony: {SECONDS} s at {SR} Hz in {:.3} s (median of 5; fastest {:.3} s), rtf={:.1}, rms={level:.4}",
        median,
        walls[0],
        SECONDS / median
    );
    // The same events with no voices started (gain 0): what the pattern queries and the
    // engine around the player cost.
    let silent = src.replace("# gain 0.1", "# gain 0");
    let med3 = |src: &str| {
        let mut w: Vec<f64> = (0..3).map(|_| run(src, &bank).0).collect();
        w.sort_by(f64::total_cmp);
        w[1]
    };
    let events = med3(&silent);
    // The engine alone, running its smallest program (one oscillator), for scale.
    let engine = med3("out: sine 440 * 0.1");
    println!("  same events, no voices (gain 0): {events:.3} s; the engine with one sine: {engine:.3} s");
    println!("  so the voices themselves take about {:.3} s", median - events);
    let mut ns: Vec<f64> = (0..5).map(|_| kernel(&bank)).collect();
    ns.sort_by(f64::total_cmp);
    println!("  sampler kernel alone: {:.2} ns per voice-sample (median of 5)", ns[2]);
    let _ = std::fs::remove_dir_all(&dir);
}
