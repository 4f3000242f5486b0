//! SuperDirt's extra per-voice effects, typed as a user types them: each stays finite over
//! its documented range, the neutral settings leave the sound bit for bit as it was, and the
//! defining property of each is heard in the render (a sine shifted by `fshift` Hz, ring
//! modulation's sidebands, the tremolo's level swing, `djf`'s two halves).

mod voices_common;

use voices_common::*;

const SR: u32 = 48000;
const SRF: f64 = SR as f64;

/// A tuning fork held on A (440 Hz): after its clang has died, a sine and a weak partial
/// near 2.7 kHz.
const FORK: &str = "out: note \"a\" # s \"superfork\" # sustain 4";

fn mono(src: &str, seconds: f64) -> Vec<f32> {
    render_kit(src, SR, seconds).0
}

/// The strongest frequency between 50 Hz and 1.5 kHz (below the fork's high partial).
fn main_hz(x: &[f32]) -> f64 {
    let (df, p) = spectrum(x, SRF);
    let (lo, hi) = ((50.0 / df) as usize, (1500.0 / df) as usize);
    let k = (lo..hi).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    k as f64 * df
}

/// Power within ±`w` Hz of `hz`, relative to all power.
fn near(x: &[f32], hz: f64, w: f64) -> f64 {
    band_fraction(x, SRF, hz - w, hz + w)
}

#[test]
fn every_control_is_finite_and_bounded_over_its_range() {
    let base = "out: note \"0 7 -12\" # s \"<supersaw superpiano bd>\"";
    let settings = [
        "djf \"0 0.25 0.75 1\"",
        "triode \"0 1 10\"",
        "krush \"0 1 100\" # kcutoff \"20 10000 0\"",
        "ring \"0 1 10\" # ringf \"0 20000 300\" # ringdf \"-20000 0 20000\"",
        "tremolorate \"0.1 100\" # tremolodepth \"0 1 5\"",
        "phaserrate \"0 50\" # phaserdepth \"0 1 3\"",
        "octer \"0 1 2 5\" # octersub \"0 1 4\" # octersubsub \"0 1 4\"",
        "fshift \"-5000 0 5000\" # fshiftnote \"-2 0 2\" # fshiftphase \"0 3.14 -10\"",
        "waveloss \"0 50 100 200\"",
        "overgain \"-1 0 1\" # overshape \"0 0.5 2\"",
        "leslie \"0 0.5 1\" # lrate \"0 0.7 6.7 30\" # lsize \"0 0.3 5 50\"",
        "comb \"0 0.5 1 3\" # smear \"0 1 -1\" # scram \"0 1 2\"",
        "binshift \"0 0.5 1 9\" # hbrick \"0 1 4\" # lbrick \"0 1 -2\"",
        "enhance \"0 1 5\" # real \"0 1 9\" # imag \"0 1 -9\"",
        "freeze \"0 1\" # xsdelay \"0 15 255 -3\" # tsdelay \"0 0.5 1 9\"",
    ];
    for s in settings {
        let (l, r) = render_kit(&format!("{base} # {s}"), SR, 3.0);
        assert!(l.iter().chain(&r).all(|v| v.is_finite()), "{s}: not finite");
        let p = peak(&l).max(peak(&r));
        assert!(p < 8.0, "{s}: peak {p}");
    }
}

#[test]
fn neutral_settings_leave_the_sound_bit_for_bit() {
    let base = "out: note \"0 7\" # s \"supersaw\"";
    let plain = mono(base, 2.0);
    for same in ["djf 0.5", "overgain 0", "overshape 0"] {
        assert_eq!(mono(&format!("{base} # {same}"), 2.0), plain, "{same}");
    }
    // The effects that pass the sound through when off, against a voice already on the
    // effects path (a tremolo of depth 0 multiplies by exactly 1).
    let through = format!("{base} # tremolorate 1 # tremolodepth 0");
    let reference = mono(&through, 2.0);
    assert!(rms(&reference) > 0.01);
    for same in ["krush 0", "ring 0", "octer 0", "waveloss 0", "leslie 0", "phaserrate 1 # phaserdepth 0"] {
        assert_eq!(mono(&format!("{through} # {same}"), 2.0), reference, "{same}");
    }
    // overgain and overshape add to gain and shape.
    assert_eq!(mono(&format!("{base} # gain 0.5 # overgain 0.25"), 2.0), mono(&format!("{base} # gain 0.75"), 2.0));
    assert_eq!(mono(&format!("{base} # shape 0.25 # overshape 0.25"), 2.0), mono(&format!("{base} # shape 0.5"), 2.0));
}

#[test]
fn fshift_moves_a_sine_by_that_many_hertz() {
    let dry = mono(FORK, 3.0);
    let tail = |x: &[f32]| x[SR as usize..(2.5 * SRF) as usize].to_vec();
    let f0 = main_hz(&tail(&dry));
    assert!((f0 - 440.0).abs() < 2.0, "the fork sounds at {f0} Hz");
    for (by, want) in [("fshift 100", 540.0), ("fshift (-200)", 240.0), ("fshift 0 # fshiftnote 0.5", 660.0)] {
        let x = tail(&mono(&format!("{FORK} # {by}"), 3.0));
        let got = main_hz(&x);
        assert!((got - want).abs() < 2.0, "{by}: peak at {got} Hz, want {want}");
        assert!(near(&x, 440.0, 10.0) < 0.01, "{by}: the original tone remains");
        let image = 880.0 - want;
        assert!(near(&x, image, 10.0) < 0.01, "{by}: the mirror sideband at {image} Hz remains");
    }
}

#[test]
fn ring_adds_sum_and_difference_frequencies() {
    let x = mono(&format!("{FORK} # ring 1 # ringf 300"), 3.0);
    let x = &x[SR as usize..(2.5 * SRF) as usize];
    let (carrier, low, high) = (near(x, 440.0, 10.0), near(x, 140.0, 10.0), near(x, 740.0, 10.0));
    // Each sideband at half the tone's level: a quarter of its power.
    assert!((low / carrier - 0.25).abs() < 0.05, "{low} {carrier}");
    assert!((high / carrier - 0.25).abs() < 0.05, "{high} {carrier}");
}

#[test]
fn tremolo_swings_the_level_at_its_rate() {
    let x = mono(&format!("{FORK} # tremolorate 4 # tremolodepth 1"), 3.0);
    // Level over 5 ms windows through one second: four full swings down to near silence.
    let levels: Vec<f64> = x[SR as usize..2 * SR as usize].chunks(240).map(rms).collect();
    let top = levels.iter().cloned().fold(0.0, f64::max);
    let dips = levels.windows(3).filter(|w| w[1] < w[0] && w[1] <= w[2] && w[1] < 0.1 * top).count();
    assert_eq!(dips, 4, "{levels:?}");
}

#[test]
fn djf_low_half_keeps_the_lows_and_high_half_the_highs() {
    let base = "out: note \"-12\" # s \"supersaw\" # sustain 1";
    let bright = |src: &str| {
        let x = mono(src, 1.0);
        band_fraction(&x, SRF, 2000.0, 20000.0)
    };
    let dry = bright(base);
    let low = bright(&format!("{base} # djf 0.15"));
    let high = bright(&format!("{base} # djf 0.85"));
    assert!(low < dry * 0.01, "low-pass: {low} of {dry}");
    assert!(high > dry * 5.0, "high-pass: {high} of {dry}");
}

#[test]
fn waveloss_silences_that_share_of_the_sound() {
    let x = mono(FORK, 2.0);
    let y = mono(&format!("{FORK} # waveloss 50"), 2.0);
    let power = |v: &[f32]| rms(&v[SR as usize / 2..]).powi(2);
    let kept = power(&y) / power(&x);
    assert!((kept - 0.5).abs() < 0.1, "{kept}");
}

#[test]
fn leslie_and_phaser_voices_beyond_the_memory_play_without_them() {
    // 32 voices at once with a phaser and a leslie: the first 16 get memories, the rest play
    // dry; all stay finite and sound.
    let (l, r) =
        render_kit("out: n \"[0 .. 31]\" # s \"superpiano\" # legato 8 # phaserrate 1 # leslie 0.5 # amp 0.1", SR, 2.0);
    assert!(l.iter().chain(&r).all(|v| v.is_finite()));
    assert!(rms(&l) > 0.01);
}

/// The render of `src` with every sample FFT-processed: the dry render, with the spectral
/// effect's latency.
fn late(x: &[f32]) -> Vec<f32> {
    let mut y = vec![0.0; 2048];
    y.extend_from_slice(&x[..x.len() - 2048]);
    y
}

#[test]
fn an_untouched_spectrum_is_the_dry_sound_one_frame_late_and_whole() {
    // comb 0 keeps every bin: the sound comes back as it was, 2048 samples later, its end
    // not cut off although the voice's own sound ended earlier.
    let src = "out: s \"bd sn\" # amp 0.8";
    let dry = mono(src, 2.0);
    let y = mono(&format!("{src} # comb 0"), 2.0);
    let err = y.iter().zip(late(&dry)).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
    assert!(err < 1e-3, "{err}");
    assert!(rms(&dry) > 0.01);
}

#[test]
fn brick_walls_cut_the_spectrum_above_or_below() {
    let src = "out: note \"-12 0\" # s \"supersaw\"";
    let dry = late(&mono(src, 2.0));
    let lows = mono(&format!("{src} # lbrick 0.9"), 2.0);
    // lbrick 0.9 keeps the lowest tenth: up to 2.4 kHz.
    let above = |x: &[f32]| band_fraction(x, SRF, 3000.0, 24000.0);
    assert!(above(&lows) < above(&dry) * 0.01, "{} of {}", above(&lows), above(&dry));
    // hbrick 0.5 silences the lowest 0.3: below 7.2 kHz.
    let highs = mono(&format!("{src} # hbrick 0.5"), 2.0);
    let below = |x: &[f32]| band_fraction(x, SRF, 0.0, 6500.0);
    assert!(below(&highs) < 0.01 && below(&dry) > 0.5, "{} of {}", below(&highs), below(&dry));
}

#[test]
fn binshift_stretches_and_shifts_a_partial() {
    // binshift 0.5: stretch 2.005 and 5 bins (117 Hz) up: 440 Hz lands near 999 Hz.
    let x = mono(&format!("{FORK} # binshift 0.5"), 3.0);
    let got = main_hz(&x[SR as usize..(2.5 * SRF) as usize]);
    assert!((got - 999.0).abs() < 25.0, "{got}");
}

#[test]
fn freeze_holds_the_spectrum_of_the_onset() {
    // The fork glides up an octave over its two seconds; frozen, it stays where it began.
    let src = "out: note \"a\" # s \"superfork\" # sustain 2 # accelerate 1";
    let tail = |x: &[f32]| main_hz(&x[(1.5 * SRF) as usize..(2.0 * SRF) as usize]);
    let gliding = tail(&mono(src, 2.5));
    let frozen = tail(&mono(&format!("{src} # freeze 1"), 2.5));
    assert!(gliding > 700.0, "{gliding}");
    assert!((frozen - 440.0).abs() < 25.0, "{frozen}");
}

#[test]
fn loop_plays_a_sample_that_many_times() {
    // A clap on its own (one a five-second cycle), then looped: pass `k` of the looped render starts `k` sample lengths
    // in and repeats the clap, and the sound stops after the last pass.
    let one = mono("tempo: 0.2\nout: s \"cp\"", 4.0);
    let len = one.iter().rposition(|v| *v != 0.0).unwrap() + 1;
    let three = mono("tempo: 0.2\nout: s \"cp\" # loop 3", 4.0);
    let three_len = three.iter().rposition(|v| *v != 0.0).unwrap() + 1;
    // The last pass ends `len` after it starts, two periods in.
    let period = (three_len - len) / 2;
    assert!(period >= len - 2 && period < len + SR as usize / 100, "period {period}, clap {len}");
    for pass in 0..3 {
        let err = (0..len - 8).map(|i| (three[pass * period + i] - one[i]).abs()).fold(0.0f32, f32::max);
        assert!(err < 0.02, "pass {pass}: {err}");
    }
    let half = mono("tempo: 0.2\nout: s \"cp\" # loop 2.5", 4.0);
    let half_len = half.iter().rposition(|v| *v != 0.0).unwrap() + 1;
    let want = 2 * period + len.min(period / 2);
    assert!((half_len as i64 - want as i64).abs() < 8, "{half_len} vs {want}");
}

#[test]
fn nudge_moves_an_event_later_or_earlier_by_seconds() {
    // One clap a five-second cycle, halfway through it (2.5 s).
    let src = "tempo: 0.2\nout: s \"~ cp\"";
    let plain = mono(src, 4.0);
    let first = |x: &[f32]| x.iter().position(|v| *v != 0.0).unwrap();
    let at = first(&plain);
    assert!((at as i64 - 120_000).abs() <= 1, "{at}");
    for (nudge, by) in [("0.1", 4800i64), ("(-0.1)", -4800), ("(-0.25)", -12_000), ("1", 12_000)] {
        let y = mono(&format!("{src} # nudge {nudge}"), 4.0);
        let moved = first(&y) as i64 - at as i64;
        assert_eq!(moved, by, "nudge {nudge}");
        // The same clap, only moved.
        let err = (0..40_000).map(|i| (y[(at as i64 + by) as usize + i] - plain[at + i]).abs()).fold(0.0f32, f32::max);
        assert!(err < 1e-6, "nudge {nudge}: {err}");
    }
}

/// `gain` plays on SuperDirt's curve, its level gain to the 4th power up to gain 2, where `amp`
/// is linear: what a Tidal user's `# gain 0.8` means.
#[test]
fn gain_follows_superdirt_s_fourth_power_curve() {
    let base = "out: note \"0 7\" # s \"supersaw\"";
    let level = |ctl: &str| rms(&mono(&format!("{base} # {ctl}"), 2.0));
    let unity = level("gain 1");
    assert!(unity > 0.01);
    for (g, expect) in [(0.8f64, 0.8f64.powi(4)), (0.5, 0.0625), (1.2, 1.2f64.powi(4))] {
        let r = level(&format!("gain {g}")) / unity;
        assert!((r - expect).abs() < 1e-3 * expect.max(1.0), "gain {g}: level {r}, SuperDirt's {expect}");
    }
    assert_eq!(mono(&format!("{base} # gain 3"), 2.0), mono(&format!("{base} # gain 2"), 2.0), "gain stops at 2");
    assert_eq!(mono(&format!("{base} # gain 0.8"), 2.0), mono(&format!("{base} # amp 0.4096"), 2.0));
}
