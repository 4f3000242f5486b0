//! Dynamics measured from rendered programs: the limiter's ceiling, the compressor's curve and
//! times, and sidechain ducking.

mod dsp_support;

use dsp_support::{db, peak, render_secs, rms};

const SR: u32 = 48000;

#[test]
fn limiter_never_exceeds_its_ceiling() {
    // Ceiling −3 dBFS (0.708, below where the engine's own output guard acts).
    let ceiling = 10f32.powf(-3.0 / 20.0);
    for prog in [
        "out: noise * 8 # limiter 3",
        "out: (saw 55 * 20 + noise * env \"1*8\" 0 0.01 0 0 * 40) # limiter 3 0.01",
        "out: sine 3000 * (sine 0.5 * 30 + 31) # limiter 3 0.2",
        "out: (pulse 40 0.1 * 50) # lpf 8000 q:8 # limiter 3 0.05",
        "out: noise * 10 # pan (sine 3) # limiter 3",
    ] {
        let r = render_secs(prog, 8.0, SR);
        let (l, rr) = (r.left(), r.right());
        let p = peak(&l).max(peak(&rr));
        println!("{prog}: peak {p:.6} ({:.3} dBFS), ceiling {ceiling:.6}", db(p as f64));
        assert!(p <= ceiling, "{prog}: peak {p} over the ceiling {ceiling}");
        assert!(p > 0.9 * ceiling, "{prog}: limited far below the ceiling ({p})");
    }
}

#[test]
fn limiter_is_transparent_below_the_ceiling() {
    let dry = render_secs("out: sine 440 * 0.3", 1.0, SR).left();
    let wet = render_secs("out: sine 440 * 0.3 # limiter 1", 1.0, SR).left();
    // Delayed by its 5 ms look-ahead, otherwise identical.
    let look = 240;
    for i in look..dry.len() {
        assert!((wet[i] - dry[i - look]).abs() < 1e-6);
    }
}

#[test]
fn compressor_follows_its_static_curve() {
    // A sine peaking at −6 dBFS, threshold −20 dB, ratio 4: 14 dB over becomes 3.5 dB over,
    // a steady gain of −10.5 dB (peak detection).
    let x = render_secs("out: sine 1000 * 0.5 # compressor 20 4 0.001 0.5", 2.0, SR).left();
    let gain = db(rms(&x[x.len() / 2..]) / (0.5 * std::f64::consts::FRAC_1_SQRT_2));
    println!("compressor −20 dB 4:1 on a −6 dBFS sine: gain {gain:.2} dB (want −10.5)");
    assert!((gain + 10.5).abs() < 0.5, "{gain}");
    // Below the threshold nothing changes.
    let quiet = render_secs("out: sine 1000 * 0.05 # compressor 20 4", 1.0, SR).left();
    assert!((db(rms(&quiet[24000..]) / (0.05 * std::f64::consts::FRAC_1_SQRT_2))).abs() < 0.05);
    // Makeup gain adds on top.
    let up = render_secs("out: sine 1000 * 0.05 # compressor 20 4 makeup:6", 1.0, SR).left();
    assert!((db(rms(&up[24000..]) / (0.05 * std::f64::consts::FRAC_1_SQRT_2)) - 6.0).abs() < 0.1);
}

#[test]
fn compressor_attack_and_release_take_their_time() {
    // A loud burst every other quarter cycle: the gain falls within a few attack times and
    // recovers within a few release times.
    let x = render_secs("out: sine 1000 * \"0.05 0.5 0.05 0.5\" # compressor 20 4 0.005 0.05", 2.0, SR).left();
    let q = 24000;
    let level = |from: usize, len: usize| db(rms(&x[from..from + len]) / std::f64::consts::FRAC_1_SQRT_2);
    // The 2 ms just after the step up: still loud (−6 dBFS, a little reduced); 50 ms later:
    // compressed to the curve's −16.5 dB.
    let early = level(q, 96);
    let late = level(q + 2400, 480);
    println!("compressor attack: {early:.1} dB in the first 2 ms, {late:.1} dB after 50 ms");
    assert!(early > -8.0 && (late + 16.5).abs() < 1.5, "attack: {early:.1} -> {late:.1} dB");
    // After the step down, the quiet part comes back to its own level within ~0.3 s.
    let recovered = level(2 * q + 15000, 480);
    assert!((recovered - db(0.05)).abs() < 0.5, "release: {recovered:.1} dB");
}

#[test]
fn sidechain_ducks_the_pad_when_the_kick_plays() {
    let src = "~kick: sine 60 * env \"1 ~ ~ ~\" 0 0.15 0 0.05\n\
               ~pad: saw 220 * 0.3 # lpf 2000\n\
               out: ~pad # compressor 40 10 0.002 0.1 side:~kick";
    let x = render_secs(src, 2.0, SR).left();
    // The kick hits at 0 and decays within ~0.2 s; the cycle is 2 s.
    let during = rms(&x[2400..7200]);
    let after = rms(&x[60000..90000]);
    println!("sidechain: pad at {:.1} dB during the kick, {:.1} dB after", db(during), db(after));
    assert!(db(during) < db(after) - 10.0, "{during} vs {after}");
    // Without the sidechain the pad alone stays below the threshold's effect on itself less.
    let own = render_secs("~pad: saw 220 * 0.3 # lpf 2000\nout: ~pad # compressor 40 10 0.002 0.1", 2.0, SR).left();
    assert!((rms(&own[2400..7200]) - rms(&own[60000..90000])).abs() < 0.01);
}
