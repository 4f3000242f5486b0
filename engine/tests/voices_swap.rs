//! Hot swap: sounding voices continue when a new program takes over.

mod voices_common;

use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::{Bank, LoadLimits};
use phonon_engine::time::Rational;
use std::sync::{Arc, OnceLock};
use voices_common::*;

/// A bank with one long sine, made once for all the tests (they share its scratch folder).
fn bank() -> Arc<Bank> {
    static B: OnceLock<Arc<Bank>> = OnceLock::new();
    B.get_or_init(|| {
        let root = scratch("swap");
        std::fs::create_dir_all(root.join("long")).unwrap();
        write_wav_f32(&root.join("long/a.wav"), 48000, &[sine(220.0, 0.3, 48000.0, 4 * 48000)]);
        let b = Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap();
        let _ = std::fs::remove_dir_all(&root);
        Arc::new(b)
    })
    .clone()
}

fn run(src: &str, swap: Option<(&str, Rational)>, bank: &Arc<Bank>) -> Vec<f32> {
    let opts = RenderOptions {
        sample_rate: 48000,
        cycles: Some(2.0),
        swap: swap.map(|(s, at)| (s.to_string(), at)),
        ..RenderOptions::default()
    };
    render(src, bank.clone(), &opts).unwrap().left()
}

#[test]
fn voices_keep_sounding_across_a_swap() {
    let b = bank();
    let a = "out: s \"long ~ ~ ~\" # amp 0.8\nout2: note \"a4 ~\" # s \"supersaw\" # legato 2";
    let plain = run(a, None, &b);
    // The same program again: nothing changes, the voices carry on bit for bit.
    let same = run(a, Some((a, Rational::new(1, 8))), &b);
    assert_eq!(plain, same);
    // Another program that starts nothing before its next step (cycle 1/4, sample 24000): the
    // sample voice started by the first one keeps sounding, exactly as it would have.
    let quiet = "out: s \"~ long ~ ~\" # amp 0.8\nout2: note \"~ a4\" # s \"supersaw\" # legato 2";
    let swapped = run(a, Some((quiet, Rational::new(1, 8))), &b);
    assert!(rms(&swapped[14000..20000]) > 0.1, "the voice stopped at the swap");
    // The old graph and the new one both play the adopted voice while the engine cross-fades
    // between them, so the fade leaves the sound as it was.
    for i in 0..24000 {
        assert!((swapped[i] - plain[i]).abs() < 1e-6, "sample {i}: {} vs {}", swapped[i], plain[i]);
    }
}

#[test]
fn effect_memories_carry_across_a_swap() {
    // Voices with a phaser, a leslie, a spectral freeze and a band delay keep their memories
    // when the same program is swapped in: the render is the same, bit for bit.
    let b = bank();
    let a = "out: s \"long ~ ~ ~\" # amp 0.8 # phaserrate 1 # leslie 0.5 # freeze 1 # xsdelay 5";
    let plain = run(a, None, &b);
    assert!(rms(&plain[24000..48000]) > 0.01);
    assert_eq!(run(a, Some((a, Rational::new(1, 8))), &b), plain);
}
