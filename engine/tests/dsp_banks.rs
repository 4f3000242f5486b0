//! Voice banks (compile/bank.rs): summed voices of one kind (oscillator at a constant
//! frequency into a state-variable filter) render as one bank node, with the sound of the
//! same voices rendered node by node, to rounding.
//!
//! The bound: a banked output differs from the unbanked one by at most [`TOLERANCE`] (about
//! −100 dBFS) per sample. The voices' arithmetic is the same; what differs is rounding, in
//! three places: the sum is added lane-wise then across lanes instead of left to right
//! (relative 1e-7 per term), the bank steps each filter one sample at a time where `Filter`
//! uses its four-sample block form (relative 1e-6 at these q, see dsp/svf.rs's tests), and
//! the naive waveform and its corrections are added in another order (1 ulp). The held
//! cutoffs are the same values, held over the same stretches.

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::Bank;
use phonon_engine::time::Rational;
use std::sync::Arc;

const TOLERANCE: f32 = 1e-5;

fn labels(src: &str, banks: bool) -> Vec<String> {
    let mut env = CompileEnv::new(Arc::new(Bank::empty()));
    env.voice_banks = banks;
    let plan = compile(src, &env).unwrap_or_else(|e| panic!("{}", e.render("program", src)));
    plan.nodes.iter().map(|n| n.label.clone()).collect()
}

fn count(labels: &[String], label: &str) -> usize {
    labels.iter().filter(|l| *l == label).count()
}

fn render_with(src: &str, banks: bool, opts: &RenderOptions) -> Vec<f32> {
    let opts = RenderOptions { voice_banks: banks, ..opts.clone() };
    let r = render(src, Arc::new(Bank::empty()), &opts).unwrap_or_else(|e| panic!("{e}\n{src}"));
    assert_eq!(r.nan_blocks, 0, "{src}");
    r.main
}

fn secs(s: f64) -> RenderOptions {
    RenderOptions { seconds: Some(s), ..RenderOptions::default() }
}

/// Largest difference between two renders, and where.
fn worst(a: &[f32], b: &[f32]) -> (f32, usize) {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).enumerate().fold((0.0, 0), |(m, at), (i, (x, y))| {
        let d = (x - y).abs();
        if d > m {
            (d, i / 2)
        } else {
            (m, at)
        }
    })
}

fn rms(x: &[f32]) -> f64 {
    (x.iter().map(|&v| (v as f64).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt()
}

/// `n` voices `wave F # filter cutoff q:Q` on buses, summed and scaled by 1/n, plus `extra`.
fn voices(n: usize, wave: &str, filter: &str, cutoff: &str, extra: &str) -> String {
    let mut src = format!("~cut: {cutoff}\n");
    for i in 0..n {
        let f = 55.0 * (1.0 + 0.013 * i as f64) * if i % 3 == 0 { 3.7 } else { 1.0 };
        let q = 0.7 + 1.3 * i as f64 / n as f64;
        src += &format!("~v{i}: {wave} {f:.3} # {filter} ~cut q:{q:.4}\n");
    }
    let sum: Vec<String> = (0..n).map(|i| format!("~v{i}")).collect();
    src += &format!("out: ({}) * {}{extra}\n", sum.join(" + "), 1.0 / n as f64);
    src
}

fn assert_same(src: &str, opts: &RenderOptions) {
    let (a, b) = (render_with(src, true, opts), render_with(src, false, opts));
    let (d, at) = worst(&a, &b);
    assert!(rms(&b) > 1e-3, "the program is silent:\n{src}");
    assert!(d <= TOLERANCE, "banked differs by {d:e} at frame {at}:\n{src}");
}

#[test]
fn w1_is_one_bank_and_sounds_as_its_voices() {
    let w1 = include_str!("../../bench/w1.ph");
    let (on, off) = (labels(w1, true), labels(w1, false));
    assert_eq!((count(&off, "saw"), count(&off, "lpf"), count(&off, "bank")), (64, 64, 0));
    // The one `+` left is the cutoff's.
    assert_eq!((count(&on, "saw"), count(&on, "lpf"), count(&on, "bank"), count(&on, "add")), (0, 0, 1, 1));
    assert_same(w1, &secs(3.0));
}

#[test]
fn every_wave_and_response_sounds_as_its_voices() {
    for wave in ["saw", "square", "tri", "sine"] {
        for filter in ["lpf", "hpf", "bpf", "notch"] {
            // 11 voices: a full unit of eight and a padded one.
            let src = voices(11, wave, filter, "sine 0.3 * 600 + 800", "");
            assert_eq!(count(&labels(&src, true), "bank"), 1, "{src}");
            assert_same(&src, &secs(1.0));
        }
    }
}

#[test]
fn every_cutoff_hold_sounds_as_its_voices() {
    // A constant, a cutoff held a block, one held chunk by chunk, audio-rate (per sample),
    // and a pattern's steps.
    for cutoff in ["1200", "sine 0.1 * 300 + 2000", "sine 2 * 1500 + 2500", "sine 300 * 1500 + 2500", "\"400 3000\""] {
        let src = voices(16, "saw", "lpf", cutoff, "");
        assert_eq!(count(&labels(&src, true), "bank"), 1, "{src}");
        assert_same(&src, &secs(1.0));
    }
}

#[test]
fn a_sum_keeps_its_other_terms() {
    let src = voices(9, "saw", "lpf", "sine 0.3 * 600 + 800", " + sine 220 * 0.1 + 0.01");
    let l = labels(&src, true);
    assert_eq!((count(&l, "bank"), count(&l, "saw")), (1, 0));
    assert_same(&src, &secs(1.0));
    // Stereo terms and a stereo sum: the bank is mono, the sum follows its inputs.
    let src = voices(8, "tri", "bpf", "900", " + (saw 110 # pan 0.2) * 0.1");
    assert_same(&src, &secs(1.0));
}

#[test]
fn bare_oscillators_and_voices_with_gains_bank_too() {
    // A detuned stack: oscillators without filters, one bank per wave.
    let src = "~stack: saw 110 + saw 110.6 + saw 109.3 + saw 111.1 + saw 108.8 + square 55 + square 55.2 + square 54.9 + square 55.4
out: (~stack # lpf 3000) * 0.1";
    let l = labels(src, true);
    assert_eq!((count(&l, "bank"), count(&l, "saw"), count(&l, "square"), count(&l, "add")), (2, 0, 0, 1));
    assert_same(src, &secs(1.0));
    // Additive synthesis: partials at their own levels.
    let partials: Vec<String> = (1..=12).map(|k| format!("sine {} * {:.4}", 110 * k, 0.3 / k as f64)).collect();
    let src = format!("out: {}", partials.join(" + "));
    let l = labels(&src, true);
    assert_eq!((count(&l, "bank"), count(&l, "sine"), count(&l, "mul")), (1, 0, 0));
    assert_same(&src, &secs(1.0));
    // Each voice at its own level, on either side of the product.
    let src = "~c: sine 0.5 * 400 + 1200
out: (saw 80 # lpf ~c q:2) * 0.5 + 0.25 * (saw 81 # lpf ~c q:2) + (saw 83 # lpf ~c q:3) * 0.125 + (saw 85 # lpf ~c) * 0.3
  + tri 300 * 0.1 + tri 301 * 0.2 + tri 302 * 0.3 + tri 303 * 0.4";
    let l = labels(src, true);
    // What is left: the cutoff's product and sum, and the sum of the two banks.
    assert_eq!((count(&l, "bank"), count(&l, "mul"), count(&l, "add")), (2, 1, 2));
    assert_same(src, &secs(1.0));
}

#[test]
fn voices_that_do_not_fit_are_left_as_they_are() {
    // Too few of a kind.
    let src = voices(3, "saw", "lpf", "800", "");
    assert_eq!(count(&labels(&src, true), "bank"), 0);
    // Kinds that differ: four lpf voices and four hpf voices make two banks; a moog or a pulse
    // is no voice.
    let src = "~c: sine 0.2 * 300 + 900
out: (saw 100 # lpf ~c q:1) + (saw 101 # lpf ~c q:2) + (saw 102 # lpf ~c q:3) + (saw 103 # lpf ~c q:4)
  + (saw 104 # hpf ~c q:1) + (saw 105 # hpf ~c q:2) + (saw 106 # hpf ~c q:3) + (saw 107 # hpf ~c q:4)
  + (saw 108 # moog ~c 0.3) + (pulse 109 0.3 # lpf ~c) + (saw 110 # lpf 500) + (square 111 # lpf ~c)";
    let l = labels(src, true);
    assert_eq!((count(&l, "bank"), count(&l, "moog"), count(&l, "pulse"), count(&l, "saw")), (2, 1, 1, 2));
    assert_same(src, &secs(1.0));
    // A voice heard elsewhere too stays a node of its own, and with it only three are left.
    let mut src = voices(4, "saw", "lpf", "800", "");
    src += "out2: ~v1 * 0.1\n";
    assert_eq!(count(&labels(&src, true), "bank"), 0);
    // Frequency from a pattern, q from a signal, a gain from a signal: not voices.
    let src = "out: (saw \"55 110\" # lpf 800) + (saw 56 # lpf 800 q:(sine 1 + 2)) + (saw 57 # lpf 800) * sine 2 + (saw 58 # lpf 800)";
    assert_eq!(count(&labels(src, true), "bank"), 0);
    assert_same(src, &secs(0.5));
}

/// A swap to a program that keeps every voice but one continues them: the banked render of
/// the swap sounds as the unbanked one (where each voice's nodes take over their own state),
/// and not as the new program started afresh.
#[test]
fn a_swap_continues_the_voices_it_keeps() {
    let a = voices(12, "saw", "lpf", "sine 0.3 * 600 + 800", "");
    // One voice's q changed, one voice gone.
    let b = a.replace("q:0.7000", "q:3.0000").replace("~v5 + ", "");
    assert_ne!(a, b);
    assert_eq!(count(&labels(&b, true), "bank"), 1);
    let opts =
        RenderOptions { cycles: Some(2.0), swap: Some((b.clone(), Rational::new(7, 10))), ..RenderOptions::default() };
    let (on, off) = (render_with(&a, true, &opts), render_with(&a, false, &opts));
    let (d, at) = worst(&on, &off);
    assert!(d <= TOLERANCE, "banked swap differs by {d:e} at frame {at}");
    // Voices that restarted at the swap (renamed, so nothing of the old program is theirs)
    // would sound otherwise.
    let renamed = b.replace("~v", "~w");
    let restart = RenderOptions { swap: Some((renamed, Rational::new(7, 10))), ..opts.clone() };
    let (d, _) = worst(&on, &render_with(&a, true, &restart));
    assert!(d > 1e-3, "continuing and restarted voices sound the same");
}

/// Voices that were nodes of their own continue in the bank they join when a sum grows to a
/// bank's size, and go on as nodes of their own when it shrinks below: the banked render of
/// either swap sounds as the unbanked one. (With a constant cutoff: under a moving one, the
/// voices new to the bank hold the cutoff the bank holds, where new filters of their own would
/// hold their own, up to 0.5% apart.)
#[test]
fn voices_joining_or_leaving_a_bank_continue() {
    for (wave, filter) in [("saw", "lpf"), ("tri", "bpf")] {
        let few = voices(3, wave, filter, "900", "");
        let many = voices(6, wave, filter, "900", "");
        assert_eq!((count(&labels(&few, true), "bank"), count(&labels(&many, true), "bank")), (0, 1));
        for (a, b) in [(&few, &many), (&many, &few)] {
            let swap = Some((b.clone(), Rational::new(7, 10)));
            let opts = RenderOptions { cycles: Some(2.0), swap, ..RenderOptions::default() };
            let (on, off) = (render_with(a, true, &opts), render_with(a, false, &opts));
            let (d, at) = worst(&on, &off);
            assert!(d <= TOLERANCE, "{wave} {filter}: banked swap differs by {d:e} at frame {at}");
        }
    }
    // Bare oscillators too (on buses, which keep their identities as the sum grows).
    for wave in ["saw", "sine"] {
        let buses = format!("~a: {wave} 100\n~b: {wave} 151\n~c: {wave} 202\n~d: {wave} 253\n");
        let a = format!("{buses}out: (~a + ~b + ~c) * 0.2");
        let b = format!("{buses}out: (~a + ~b + ~c + ~d) * 0.2");
        for (a, b) in [(&a, &b), (&b, &a)] {
            let swap = Some((b.to_string(), Rational::new(7, 10)));
            let opts = RenderOptions { cycles: Some(2.0), swap, ..RenderOptions::default() };
            let (d, at) = worst(&render_with(a, true, &opts), &render_with(a, false, &opts));
            assert!(d <= TOLERANCE, "bare {wave}s: banked swap differs by {d:e} at frame {at}");
        }
    }
}

/// Generated sums: voices of every kind, on buses and inline, grouped by brackets, times
/// gains, next to terms that are no voices (a voice heard twice, products of signals, a
/// pattern's frequency): whatever the pass banks, the sound is the voices' own.
#[test]
fn generated_sums_sound_as_their_voices() {
    let mut seed = 0x2545_f491u32;
    let mut next = |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    let mut banked = 0;
    for case in 0..24 {
        let mut src = String::from("~c: sine 0.4 * 500 + 1200\n~d: sine 3 * 300 + 900\n");
        let terms = 4 + next(14) as usize;
        let mut parts = Vec::new();
        // Most terms of a case are of one kind, so that banks form.
        let kind = (next(4) as usize, next(5) as usize, next(3) as usize);
        for t in 0..terms {
            let (w, fl, c) = if next(3) > 0 { kind } else { (next(4) as usize, next(5) as usize, next(4) as usize) };
            let wave = ["saw", "square", "tri", "sine"][w];
            let f = 40.0 + next(400) as f64 * 0.7;
            let filter = ["lpf", "hpf", "bpf", "notch", ""][fl];
            let cut = ["~c", "~d", "700", "\"300 2000\""][c];
            let mut voice = if filter.is_empty() {
                format!("{wave} {f}")
            } else {
                format!("({wave} {f} # {filter} {cut} q:{})", 0.5 + next(30) as f64 * 0.1)
            };
            match next(6) {
                0 => voice = format!("{voice} * {}", 0.1 + next(9) as f64 * 0.1),
                1 => voice = format!("{} * {voice}", 0.05 * (1 + next(9)) as f64),
                2 => voice = format!("{voice} * sine 2"),
                _ => {}
            }
            if next(3) == 0 {
                src += &format!("~t{t}: {voice}\n");
                voice = format!("~t{t}");
                if next(5) == 0 {
                    // Heard twice: no voice of a bank.
                    parts.push(voice.clone());
                }
            }
            parts.push(voice);
        }
        // Random brackets: a sum of sums is one sum.
        let mut sum = parts[0].clone();
        for p in &parts[1..] {
            sum = if next(4) == 0 { format!("({sum}) + {p}") } else { format!("{sum} + {p}") };
        }
        src += &format!("out: ({sum}) * {}\n", 0.5 / terms as f64);
        banked += count(&labels(&src, true), "bank");
        let (a, b) = (render_with(&src, true, &secs(0.3)), render_with(&src, false, &secs(0.3)));
        let (d, at) = worst(&a, &b);
        assert!(d <= TOLERANCE, "case {case}: banked differs by {d:e} at frame {at}:\n{src}");
    }
    assert!(banked >= 10, "only {banked} banks in the generated sums");
}

/// Generated swaps between sums of the same voices (on buses, constant cutoffs): voices
/// join banks, leave them, stay, in banks of every kind; the banked render of each swap
/// sounds as the unbanked one.
#[test]
fn generated_swaps_keep_every_voice() {
    let mut seed = 0x9e37_79b9u32;
    let mut next = |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    for case in 0..12 {
        let mut buses = String::new();
        let voices = 6 + next(10) as usize;
        for v in 0..voices {
            let wave = ["saw", "tri", "sine"][next(3) as usize];
            let filter = ["lpf", "bpf", ""][next(3) as usize];
            let f = 50.0 + next(300) as f64;
            let voice = if filter.is_empty() {
                format!("{wave} {f}")
            } else {
                format!("{wave} {f} # {filter} {} q:{}", [700, 1500][next(2) as usize], 0.6 + next(20) as f64 * 0.1)
            };
            buses += &format!("~v{v}: {voice}\n");
        }
        let mut pick = || {
            let chosen: Vec<String> = (0..voices).filter(|_| next(3) > 0).map(|v| format!("~v{v}")).collect();
            let chosen = if chosen.is_empty() { vec!["~v0".to_string()] } else { chosen };
            format!("{buses}out: ({}) * 0.1\n", chosen.join(" + "))
        };
        let (a, b) = (pick(), pick());
        let swap = Some((b.clone(), Rational::new(7, 10)));
        let opts = RenderOptions { cycles: Some(1.5), swap, ..RenderOptions::default() };
        let (d, at) = worst(&render_with(&a, true, &opts), &render_with(&a, false, &opts));
        assert!(d <= TOLERANCE, "case {case}: banked swap differs by {d:e} at frame {at}:\n{a}\n->\n{b}");
    }
}
