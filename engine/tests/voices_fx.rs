//! Per-voice effects: filters, vowel formants, waveshaping, bit crushing, sample-rate
//! reduction, each heard on the voice it is set on.

mod voices_common;

use phonon_engine::samples::{Bank, LoadLimits};
use std::sync::Arc;
use voices_common::*;

const SR: u32 = 48000;

/// The kit plus `noise` (1 s of white noise, ±0.4) and `tone` (1 s of 300 Hz at 0.5).
fn bank(test: &str) -> Arc<Bank> {
    let root = scratch(test);
    let mut seed = 12345u32;
    let noise: Vec<f32> = (0..48000)
        .map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            0.4 * ((seed >> 8) as f32 / (1u32 << 24) as f32 * 2.0 - 1.0)
        })
        .collect();
    for (name, data) in [("noise", noise), ("tone", sine(300.0, 0.5, 48000.0, 48000))] {
        std::fs::create_dir_all(root.join(name)).unwrap();
        write_wav_f32(&root.join(name).join("a.wav"), 48000, &[data]);
    }
    let b = Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    Arc::new(b)
}

fn play(src: &str, bank: &Arc<Bank>) -> Vec<f32> {
    render_with(src, bank.clone(), SR, 1.0).0[..44000].to_vec()
}

#[test]
fn filters_shape_the_spectrum() {
    let b = bank("fx-filters");
    let sr = SR as f64;
    let dry = play("out: s \"noise\"", &b);
    let low = play("out: s \"noise\" # cutoff 500", &b);
    let high = play("out: s \"noise\" # hcutoff 6000", &b);
    let band = play("out: s \"noise\" # bandf 1200 # bandq 8", &b);
    let reso = play("out: s \"noise\" # lpf 2000 # resonance 0.9", &b);
    let above = |x: &[f32]| band_fraction(x, sr, 3000.0, 24000.0);
    let below = |x: &[f32]| band_fraction(x, sr, 0.0, 2000.0);
    println!("above 3 kHz: dry {:.3}, cutoff 500 {:.5}", above(&dry), above(&low));
    assert!(above(&dry) > 0.8 && above(&low) < 0.01);
    println!("below 2 kHz: dry {:.3}, hcutoff 6000 {:.5}", below(&dry), below(&high));
    assert!(below(&high) < 0.01);
    let f = peak_hz(&band, sr, 100.0);
    assert!((f - 1200.0).abs() < 120.0, "band-pass peak at {f}");
    assert!(band_fraction(&band, sr, 900.0, 1600.0) > 0.6);
    let f = peak_hz(&reso, sr, 100.0);
    assert!((f - 2000.0).abs() < 200.0, "resonant peak at {f}");
}

#[test]
fn vowels_move_the_formants() {
    let b = bank("fx-vowels");
    let sr = SR as f64;
    let a = play("out: note \"c3\" # s \"supersaw\" # vowel \"a\"", &b);
    let i = play("out: note \"c3\" # s \"supersaw\" # vowel \"i\"", &b);
    let plain = play("out: note \"c3\" # s \"supersaw\"", &b);
    assert!(rms(&a) > 0.02 && rms(&i) > 0.02, "{} {}", rms(&a), rms(&i));
    // `a` has its first formant at 600 Hz, `i` at 250 Hz.
    let ra = band_fraction(&a, sr, 500.0, 700.0) / band_fraction(&a, sr, 200.0, 300.0);
    let ri = band_fraction(&i, sr, 500.0, 700.0) / band_fraction(&i, sr, 200.0, 300.0);
    println!("energy 500-700 Hz over 200-300 Hz: a {ra:.2}, i {ri:.2}");
    assert!(ra > 4.0 * ri);
    assert!(a.iter().zip(&plain).any(|(x, y)| (x - y).abs() > 0.01));
}

#[test]
fn shape_crush_and_coarse_distort() {
    let b = bank("fx-distort");
    let sr = SR as f64;
    let clean = play("out: s \"tone\"", &b);
    let shaped = play("out: s \"tone\" # shape 0.8", &b);
    let third = |x: &[f32]| band_fraction(x, sr, 880.0, 920.0);
    println!("third harmonic: clean {:.2e}, shaped {:.2e}", third(&clean), third(&shaped));
    assert!(third(&shaped) > 100.0 * third(&clean).max(1e-9));

    // 2 bits: every value is a multiple of 0.5.
    let crushed = play("out: s \"tone\" # crush 2", &b);
    assert!(crushed.iter().all(|&x| (x * 2.0).fract() == 0.0));
    assert!(crushed.iter().any(|&x| x == 0.5) && crushed.iter().any(|&x| x == 0.0));

    // coarse 8: the tone holds each value for 8 samples.
    let coarse = play("out: s \"tone\" # coarse 8", &b);
    for k in 0..4000 {
        let run = &coarse[8 * k..8 * k + 8];
        assert!(run.iter().all(|&x| x == run[0]), "run {k}");
    }
    assert!(coarse.iter().zip(&clean).any(|(a, b)| a != b));

    // Effects see the voice's own level; gain scales after them.
    let loud = play("out: s \"tone\" # crush 2 # amp 0.5", &b);
    for k in 0..loud.len() {
        assert_eq!(loud[k], 0.5 * crushed[k]);
    }
}
