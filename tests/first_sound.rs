//! The first sound: `out: sine 440` through the whole chain (grammar, compiler, graph, host
//! adapter, WAV) lands on 440 Hz at both common sample rates, and the `phonon` tool renders it.

use phonon_engine::render::{render, Blocks, RenderOptions};
use phonon_engine::samples::Bank;
use phonon_tests::analysis::{left, peak, peak_frequency, right, rms};
use std::sync::Arc;

fn sine_at(sample_rate: u32) -> Vec<f32> {
    let opts = RenderOptions { sample_rate, seconds: Some(2.0), ..RenderOptions::default() };
    let r = render("out: sine 440\n", Arc::new(Bank::empty()), &opts).expect("renders");
    assert_eq!(r.frames(), 2 * sample_rate as usize);
    r.main
}

#[test]
fn sine_440_peaks_at_440_hz_at_44100_and_48000() {
    for sr in [44_100u32, 48_000] {
        let audio = sine_at(sr);
        let (l, r) = (left(&audio), right(&audio));
        assert_eq!(l, r, "a mono source plays on both channels");
        let f = peak_frequency(&l, sr as f32);
        assert!((f - 440.0).abs() <= 1.0, "{sr} Hz: peak at {f} Hz");
        assert!(rms(&l) > 0.6 && peak(&l) < 1.0, "{sr} Hz: level rms {} peak {}", rms(&l), peak(&l));
    }
}

#[test]
fn starts_on_sample_zero_without_latency() {
    // The host adapter's one-block latency is compensated: the sine starts at phase 0.
    let audio = sine_at(48_000);
    let l = left(&audio);
    assert_eq!(l[0], 0.0);
    let expected = (2.0 * std::f64::consts::PI * 440.0 / 48_000.0).sin() as f32;
    assert!((l[1] - expected).abs() < 1e-6, "{} vs {expected}", l[1]);
}

#[test]
fn host_block_size_does_not_change_the_sound() {
    let run = |blocks: Blocks| {
        let opts = RenderOptions { seconds: Some(0.5), blocks, ..RenderOptions::default() };
        render("out: sine 330 * 0.5 + sine 440 * 0.25\n", Arc::new(Bank::empty()), &opts).expect("renders").main
    };
    let reference = run(Blocks::Fixed(512));
    for b in [Blocks::Fixed(1), Blocks::Fixed(37), Blocks::Fixed(4096), Blocks::Sequence(vec![1, 511, 64, 3, 1000])] {
        assert!(run(b.clone()) == reference, "{b:?} differs");
    }
}
