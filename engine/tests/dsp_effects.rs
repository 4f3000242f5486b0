//! Effects measured from rendered programs: reverb decay times, delay timing and click-free
//! time changes, modulation effects, oversampled distortion, lo-fi, pan and gain.

mod dsp_support;

use dsp_support::{db, peak, render_secs, rms, rt60, worst_alias_db};

const SR: u32 = 48000;

/// A one-sample impulse of height 0.5 at the start of the first cycle only (tempo 0.5: the
/// cycle lasts 2 s; the pattern repeats every 8 cycles).
const IMPULSE: &str = "env \"<0.5 ~ ~ ~ ~ ~ ~ ~>\" 0 0 0 0";

#[test]
fn reverb_hits_the_requested_decay_time() {
    for (decay, damp) in [(0.5, 0.0), (2.0, 0.0), (2.0, 0.3), (6.0, 0.0)] {
        let seconds = decay * 1.5 + 1.0;
        let r = render_secs(&format!("out: {IMPULSE} # reverb 1 {decay} {damp}"), seconds, SR);
        let (l, rr) = (r.left(), r.right());
        let (tl, tr) = (rt60(&l, SR as f64), rt60(&rr, SR as f64));
        println!("reverb decay {decay} s damp {damp}: RT60 left {tl:.2} s, right {tr:.2} s");
        for t in [tl, tr] {
            assert!((t / decay - 1.0).abs() < 0.25, "asked {decay} s, measured {t:.2} s");
        }
        // Dense: the normalised echo density (share of samples beyond one standard deviation
        // in a 20 ms window, over a Gaussian's 0.3173) is near 1 from 100 ms on.
        for at in [0.1, 0.3] {
            let start = (at * SR as f64) as usize;
            let w = &l[start..start + 960];
            let sd = rms(w) as f32;
            let ned = w.iter().filter(|v| v.abs() > sd).count() as f64 / 960.0 / 0.3173;
            println!("  echo density at {at} s: {ned:.2}");
            assert!(ned > 0.8, "sparse tail at {at} s: {ned:.2}");
        }
    }
}

#[test]
fn reverb_and_freeverb_mix_and_decorrelate() {
    let r = render_secs("out: saw 110 * 0.2 # reverb 0.5 2", 3.0, SR);
    let (l, rr) = (r.left(), r.right());
    assert!(rms(&l) > 0.05 && rms(&rr) > 0.05);
    let diff: Vec<f32> = l.iter().zip(&rr).map(|(a, b)| a - b).collect();
    assert!(rms(&diff) > 0.01, "reverb is mono");
    let dry = render_secs("out: saw 110 * 0.2 # reverb 0 2", 1.0, SR).left();
    let src = render_secs("out: saw 110 * 0.2", 1.0, SR).left();
    assert_eq!(dry, src, "mix 0 is the dry signal");
    let fv = render_secs(&format!("out: {IMPULSE} # freeverb 1 0.8 0.5"), 4.0, SR).left();
    let t = rt60(&fv, SR as f64);
    println!("freeverb room 0.8: RT60 {t:.2} s");
    assert!(t > 1.0 && t < 6.0);
}

#[test]
fn delay_echoes_on_time_with_feedback() {
    let x = render_secs(&format!("out: {IMPULSE} # delay 0.25 0.5"), 1.0, SR).left();
    assert!((x[0] - 0.5).abs() < 1e-6);
    // Echoes at 12000 and 24000 samples, each half the last (cubic interpolation of an integer
    // delay is exact).
    assert!((x[12000] - 0.25).abs() < 1e-4 && (x[24000] - 0.125).abs() < 1e-4, "{} {}", x[12000], x[24000]);
    let between = x[100..11900].iter().chain(&x[12100..23900]).fold(0.0f32, |m, v| m.max(v.abs()));
    assert!(between < 1e-4, "{between}");
}

#[test]
fn delay_time_changes_do_not_click() {
    // A steady sine through a delay whose time jumps every half second, and one swept by an
    // LFO: the output never steps further than the sine itself can move in one sample, with
    // a little room for the echo on top.
    let sine_step = 2.0 * std::f32::consts::PI * 220.0 / SR as f32 * 0.3;
    for prog in [
        "out: sine 220 * 0.3 # delay \"0.1 0.27 0.05 0.4\" 0.3",
        "out: sine 220 * 0.3 # delay (sine 2 * 0.01 + 0.1) 0.3",
    ] {
        let x = render_secs(prog, 4.0, SR).left();
        let step = x[SR as usize..].windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
        println!("{prog}: largest step {step:.4} (the sine alone: {sine_step:.4})");
        assert!(step < 2.0 * sine_step, "{prog}: click of {step}");
    }
}

#[test]
fn modulation_effects_move_the_spectrum() {
    for (prog, swing) in [
        ("saw 220 * 0.2 # chorus 1 0.8 0.5", 1.1),
        ("noise * 0.2 # flanger 0.5 1 0.8 0.5", 1.5),
        ("noise * 0.2 # phaser 0.5 1 0.7 0.5", 1.5),
    ] {
        let r = render_secs(&format!("out: {prog}"), 3.0, SR);
        let (l, rr) = (r.left(), r.right());
        assert_eq!(r.nan_blocks, 0);
        assert!(rms(&l) > 0.02 && rms(&rr) > 0.02, "{prog}");
        // The two channels are modulated differently (stereo width).
        let diff: Vec<f32> = l.iter().zip(&rr).map(|(a, b)| a - b).collect();
        assert!(rms(&diff) > 0.005, "{prog}: mono");
        // And the sound changes over time: short-term levels in a narrow band vary.
        let band = render_secs(&format!("out: {prog} # bpf 1500 q:8"), 3.0, SR).left();
        let levels: Vec<f64> = band.chunks(4800).map(rms).collect();
        let (lo, hi) = levels.iter().fold((f64::MAX, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
        assert!(hi > swing * lo, "{prog}: static ({lo} .. {hi})");
    }
}

#[test]
fn distortion_is_oversampled() {
    // 18 dB of drive on a 5 kHz sine: every alias below 18 kHz stays 60 dB under the
    // fundamental.
    let x = render_secs("out: sine 4987 * 0.8 # distort 0.45 # gain 0.5", 2.0, SR).left();
    let a = worst_alias_db(&x[x.len() - (1 << 16)..], SR as f64, 4987.0, 18000.0);
    println!("distort 0.45 on 5 kHz: worst alias below 18 kHz {a:.1} dB");
    assert!(a < -60.0, "{a}");
    let y = render_secs("out: sine 4987 * 0.8 # shape 0.6 # gain 0.5", 2.0, SR).left();
    let b = worst_alias_db(&y[y.len() - (1 << 16)..], SR as f64, 4987.0, 18000.0);
    println!("shape 0.6 on 5 kHz: worst alias below 18 kHz {b:.1} dB");
    assert!(b < -60.0, "{b}");
    // Drive adds harmonics but keeps full scale at full scale: at full drive a sine becomes
    // nearly square at the same peak (plus the band-limited edges' overshoot).
    let z = render_secs("out: sine 100 # distort 1 # gain 0.5", 1.0, SR).left();
    assert!(peak(&z) < 0.5 * 1.15 && rms(&z) > 0.45, "peak {} rms {}", peak(&z), rms(&z));
}

#[test]
fn crush_and_coarse() {
    let x = render_secs("out: sine 110 * 0.8 # crush 3", 1.0, SR).left();
    let mut levels: Vec<i32> = x.iter().map(|v| (v * 1000.0).round() as i32).collect();
    levels.sort();
    levels.dedup();
    assert!(levels.len() <= 9, "3 bits: {levels:?}");
    let y = render_secs("out: saw 110 * 0.5 # coarse 8", 1.0, SR).left();
    for block in y[800..8000].chunks(8) {
        assert!(block.iter().all(|&v| v == block[0]) || block.windows(2).filter(|w| w[0] != w[1]).count() <= 1);
    }
}

#[test]
fn pan_is_equal_power_and_gain_scales() {
    let left = render_secs("out: sine 440 * 0.5 # pan 0", 1.0, SR);
    assert!(rms(&left.right()) < 1e-6 && (rms(&left.left()) - 0.5 * std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-3);
    let mid = render_secs("out: sine 440 * 0.5 # pan 0.5", 1.0, SR);
    let (l, r) = (rms(&mid.left()), rms(&mid.right()));
    assert!((db(l / (0.5 * std::f64::consts::FRAC_1_SQRT_2)) + 3.01).abs() < 0.05 && (l - r).abs() < 1e-6);
    let g = render_secs("out: sine 440 * 0.5 # gain 0.5", 1.0, SR).left();
    assert!((rms(&g) - 0.25 * std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-4);
    // A gain pattern glides instead of stepping.
    let steps = render_secs("out: sine 440 * 0.5 # gain \"1 0\"", 2.0, SR).left();
    let jump = steps.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
    assert!(jump < 0.05, "{jump}");
}
