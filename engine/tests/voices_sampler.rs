//! The sampler through the whole engine: onsets on their exact samples, speed, begin/end, cut
//! groups, legato, stealing, pitch, sample-rate conversion, stereo files, gain and pan.

mod voices_common;

use phonon_engine::render::{render, Blocks, RenderOptions};
use phonon_engine::samples::{Bank, LoadLimits};
use std::path::Path;
use std::sync::Arc;
use voices_common::*;

/// A bank of the kit plus test sounds written to a scratch folder:
/// `ramp` (1000 frames rising 0..0.5 at 48 kHz), `long` (2 s of 0.3 at 48 kHz),
/// `sine` (441 Hz at 44.1 kHz), `low` (441 Hz at 22.05 kHz) and `st` (stereo: 300 Hz left,
/// 500 Hz right, 48 kHz).
fn test_bank(name: &str) -> Arc<Bank> {
    let root = scratch(name);
    let put = |sound: &str, sr: u32, ch: Vec<Vec<f32>>| {
        let d = root.join(sound);
        std::fs::create_dir_all(&d).unwrap();
        write_wav_f32(&d.join(format!("{sound}.wav")), sr, &ch);
    };
    put("ramp", 48000, vec![(0..1000).map(|i| 0.5 * i as f32 / 999.0).collect()]);
    put("long", 48000, vec![vec![0.3; 96000]]);
    put("sine", 44100, vec![sine(441.0, 0.5, 44100.0, 44100)]);
    put("low", 22050, vec![sine(441.0, 0.5, 22050.0, 22050)]);
    put("st", 48000, vec![sine(300.0, 0.4, 48000.0, 48000), sine(500.0, 0.4, 48000.0, 48000)]);
    let b = Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap();
    assert!(b.warnings().is_empty(), "{:?}", b.warnings());
    let _ = std::fs::remove_dir_all(&root);
    Arc::new(b)
}

/// Assert `a == b` sample by sample, naming the first difference (without printing arrays).
fn same(a: &[f32], b: &[f32], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    if let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) {
        panic!("{what}: sample {i} is {} instead of {}", a[i], b[i]);
    }
}

fn first_nonzero(x: &[f32], from: usize) -> Option<usize> {
    x[from..].iter().position(|&v| v != 0.0).map(|i| i + from)
}

#[test]
fn onsets_land_on_their_exact_samples() {
    // 44.1 kHz at 0.13 cycles per second: a cycle is 339230.77 samples, so quarter-cycle
    // onsets fall between samples and must round to the nearest one.
    let sr = 44100u32;
    let cps = 0.13f64;
    let spc = sr as f64 / cps;
    let (l, _) = render_kit("tempo: 0.13\nout: s \"bd:1 bd:1 bd:1 bd:1\"", sr, 2.0 / cps);
    for k in 0..8 {
        let t = k as f64 / 4.0;
        let want = (t * spc).round() as usize;
        let from = if k == 0 { 0 } else { want - 2000 };
        let got = first_nonzero(&l, from).unwrap();
        println!("hit {k}: cycle {t}, expected sample {want}, first non-zero sample {got}");
        assert_eq!(got, want, "hit {k}");
    }
}

#[test]
fn output_does_not_depend_on_the_host_buffer_size() {
    let src = "out: s \"bd:1 [hh sn] <cp oh> [rim ~ lt]\" # cut \"0 1\"";
    let run = |blocks: Blocks| {
        let opts = RenderOptions { sample_rate: 48000, cycles: Some(2.0), blocks, ..RenderOptions::default() };
        render(src, kit(), &opts).unwrap().main
    };
    let a = run(Blocks::Fixed(512));
    let b = run(Blocks::Sequence(vec![1, 37, 4096, 128, 300]));
    assert!(a.iter().any(|&x| x != 0.0));
    assert_eq!(a, b);
}

#[test]
fn speed_minus_one_plays_backwards_and_begin_end_select_a_range() {
    let bank = test_bank("speed");
    let ramp: Vec<f32> = (0..1000).map(|i| 0.5 * i as f32 / 999.0).collect();
    let (l, _) = render_with("out: s \"ramp\"", bank.clone(), 48000, 0.05);
    same(&l[..1000], &ramp, "forwards");
    assert!(l[1000..].iter().all(|&x| x == 0.0));

    let (l, r) = render_with("out: s \"ramp\" # speed \"-1\"", bank.clone(), 48000, 0.05);
    let back: Vec<f32> = ramp.iter().rev().copied().collect();
    same(&l[..1000], &back, "backwards");
    same(&l, &r, "sides");
    assert!(l[1000..].iter().all(|&x| x == 0.0));

    let (l, _) = render_with("out: s \"ramp\" # begin 0.25 # end 0.5", bank.clone(), 48000, 0.05);
    same(&l[..250], &ramp[250..500], "begin/end");
    assert!(l[250..].iter().all(|&x| x == 0.0));

    let (l, _) = render_with("out: s \"ramp\" # speed 2", bank.clone(), 48000, 0.05);
    for i in 0..500 {
        assert!((l[i] - ramp[2 * i]).abs() < 1e-6, "{i}");
    }
    assert!(l[500..].iter().all(|&x| x == 0.0));

    let (l, _) = render_with("out: s \"ramp\" # speed 0.5", bank, 48000, 0.05);
    // Half speed: every other output sample lies halfway between two input samples (the
    // interpolator reproduces a line exactly away from the sample's edges).
    for i in 4..1990 {
        let want = 0.5 * (i as f32 / 2.0) / 999.0;
        assert!((l[i] - want).abs() < 1e-5, "{i}: {} vs {want}", l[i]);
    }
}

#[test]
fn cut_groups_choke_and_other_groups_do_not() {
    let bank = test_bank("cut");
    // Two events a cycle apart by half: 48000 samples at 48 kHz and 0.5 cycles per second.
    let level = |src: &str, at: usize| {
        let (l, _) = render_with(src, bank.clone(), 48000, 1.5);
        l[at]
    };
    let both = level("out: s \"long long\"", 60000);
    let cut = level("out: s \"long long\" # cut 1", 60000);
    let apart = level("out: s \"long long\" # cut \"1 2\"", 60000);
    assert!((both - 0.6).abs() < 1e-4, "{both}");
    assert!((cut - 0.3).abs() < 1e-4, "{cut}");
    assert!((apart - 0.6).abs() < 1e-4, "{apart}");
    // The choke is a short fade from the new onset, not a click.
    let (l, _) = render_with("out: s \"long long\" # cut 1", bank, 48000, 1.5);
    assert!((l[47999] - 0.3).abs() < 1e-6);
    assert!(l[48000] > 0.5, "both sound at the onset");
    let steps: Vec<f32> = l[48000..48200].windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    assert!(steps.iter().all(|&s| s < 0.01), "the choke fade jumps");
    assert!((l[48200] - 0.3).abs() < 1e-6);
}

#[test]
fn legato_bounds_a_voice_to_its_event() {
    let bank = test_bank("legato");
    let (l, _) = render_with("out: s \"long long long long\" # legato 0.5", bank.clone(), 48000, 2.0);
    for k in 0..4 {
        let on = k * 24000;
        assert!((l[on + 100] - 0.3).abs() < 1e-6, "event {k} sounds");
        assert!((l[on + 11990] - 0.3).abs() < 1e-6, "event {k} holds for half its length");
        assert!(l[on + 12300..on + 24000].iter().all(|&x| x == 0.0), "event {k} stops after half its length");
    }
    // legato 1: each voice ends as the next starts (with a release of a few milliseconds),
    // so they never pile up.
    let (l, _) = render_with("out: s \"long long long long\" # legato 1", bank, 48000, 2.0);
    for k in 1..4 {
        assert!((l[k * 24000 + 200] - 0.3).abs() < 1e-6, "event {k}");
    }
}

#[test]
fn the_pool_steals_the_oldest_voice_when_full() {
    let bank = test_bank("steal");
    // 100 onsets in one cycle, every voice 2 s long: at most 64 sound at once, so the level
    // rises by one voice per onset up to 64 voices and then stays there.
    let src = format!("out: s \"{}\" # amp 0.01", vec!["long"; 100].join(" "));
    let (l, _) = render_with(&src, bank, 48000, 2.0);
    let step = 96000 / 100;
    let one = 0.003f32;
    for k in [10usize, 40, 63] {
        let v = l[k * step + step / 2];
        assert!((v - one * (k + 1) as f32).abs() < 1e-4, "after {} onsets: {v}", k + 1);
    }
    for k in [70usize, 90, 99] {
        let v = l[k * step + step / 2];
        assert!((v - one * 64.0).abs() < 1e-4, "after {} onsets: {v}", k + 1);
    }
}

#[test]
fn note_transposes_samples_and_rates_convert() {
    let bank = test_bank("pitch");
    let hz = |src: &str| {
        let (l, _) = render_with(src, bank.clone(), 48000, 0.5);
        peak_hz(&l[..20000], 48000.0, 50.0)
    };
    // A 44.1 kHz file and a 22.05 kHz file both play at their own pitch at 48 kHz.
    let f = hz("out: s \"sine\"");
    assert!((f - 441.0).abs() < 441.0 * 0.002, "{f}");
    let f = hz("out: s \"low\"");
    assert!((f - 441.0).abs() < 441.0 * 0.002, "{f}");
    // note 12 is an octave above middle C (note 0), the sample's own pitch.
    let f = hz("out: s \"sine\" # note 12");
    assert!((f - 882.0).abs() < 882.0 * 0.002, "{f}");
    let f = hz("out: s \"sine\" # note \"g5\"");
    let want = 441.0 * 2f64.powf(7.0 / 12.0);
    assert!((f - want).abs() < want * 0.002, "{f}");
    let f = hz("out: s \"sine\" # speed 1.5");
    assert!((f - 661.5).abs() < 661.5 * 0.002, "{f}");
}

#[test]
fn stereo_files_keep_their_sides_and_pan_moves_them() {
    let bank = test_bank("stereo");
    let (l, r) = render_with("out: s \"st\"", bank.clone(), 48000, 0.5);
    let fl = peak_hz(&l[..20000], 48000.0, 50.0);
    let fr = peak_hz(&r[..20000], 48000.0, 50.0);
    assert!((fl - 300.0).abs() < 1.0 && (fr - 500.0).abs() < 1.0, "{fl} {fr}");

    let (l, r) = render_with("out: s \"sine\" # pan 0", bank.clone(), 48000, 0.5);
    assert!(rms(&l) > 0.1 && r.iter().all(|&x| x == 0.0));
    let (l, r) = render_with("out: s \"sine\" # pan 1", bank.clone(), 48000, 0.5);
    assert!(rms(&r) > 0.1 && l.iter().all(|&x| x == 0.0));
    let (l, r) = render_with("out: s \"sine\" # pan 0.75", bank.clone(), 48000, 0.5);
    assert!(rms(&r) > rms(&l) * 1.5 && rms(&l) > 0.01);

    let (a, _) = render_with("out: s \"sine\"", bank.clone(), 48000, 0.5);
    let (b, _) = render_with("out: s \"sine\" # amp 0.5", bank, 48000, 0.5);
    for i in 0..a.len() {
        assert!((b[i] - 0.5 * a[i]).abs() < 1e-6);
    }
}

#[test]
fn n_picks_files_modulo_the_count() {
    let root = scratch("n-pick");
    let d = root.join("lv");
    std::fs::create_dir_all(&d).unwrap();
    // Written out of order: the bank sorts by file name.
    for (file, v) in [("c.wav", 0.3f32), ("a.wav", 0.1), ("b.wav", 0.2)] {
        write_wav_f32(&d.join(file), 48000, &[vec![v; 4800]]);
    }
    let bank = Arc::new(Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap());
    let level = |src: &str| render_with(src, bank.clone(), 48000, 0.05).0[100];
    assert!((level("out: s \"lv\"") - 0.1).abs() < 1e-6);
    assert!((level("out: s \"lv:1\"") - 0.2).abs() < 1e-6);
    assert!((level("out: s \"lv:5\"") - 0.3).abs() < 1e-6);
    assert!((level("out: s \"lv\" # n 4") - 0.2).abs() < 1e-6);
    assert!((level("out: n \"2\" # s \"lv\"") - 0.3).abs() < 1e-6);
    let _ = std::fs::remove_dir_all(Path::new(&root));
}
