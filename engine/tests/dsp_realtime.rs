//! The real-time contract for the DSP library: every node processes, hot-swaps (adopt) and
//! resets without allocating or freeing, with parameters as constants, patterns and
//! audio-rate signals. Graphs are built first; only the audio-thread work runs under
//! `assert_no_alloc`.

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{HostIn, Outputs};
use phonon_engine::nodes::{DYNAMICS, EFFECTS, FILTERS, SOURCES, UTILITIES};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::Arc;

#[global_allocator]
static A: AllocDisabler = AllocDisabler;

/// Programs that drive every node through its code paths: constant, stepped (pattern) and
/// audio-rate parameters, mono and stereo inputs, fast and slow modulation.
fn programs() -> Vec<String> {
    let mut v: Vec<String> = SOURCES
        .iter()
        .chain(FILTERS)
        .chain(EFFECTS)
        .chain(DYNAMICS)
        .chain(UTILITIES)
        .map(|f| f.example.to_string())
        .collect();
    v.push(
        "~lfo: sine 0.3
~fm: sine 300 * 2000
~a: saw \"55 110\" # lpf (~lfo * 600 + 800) q:\"0.7 4\" # hpf (~fm + 2100) (sine 3 * 2 + 3)
~b: pulse (~fm * 0.1 + 110) (sine 1 * 0.4 + 0.5) # bpf 800 q:2 # notch (sine 0.1 * 200 + 1000)
~c: tri (sine 5 * 3 + 220) # moog (~fm + 2500) (sine 2 * 0.5 + 0.5) # moog 800 0.9
~d: square 110 + noise 1 * 0.1 + pink 2 * 0.1 + brown 3 * 0.1
~e: ~a + ~b + ~c + ~d # pan (sine 0.5 * 0.5 + 0.5)
~f: ~e # delay \"0.1 0.37\" 0.6 # delay (sine 3 * 0.002 + 0.01) 0.3 0.5 # reverb 0.3 \"1 4\" 0.4
~g: ~f # freeverb 0.3 0.8 # chorus 1 0.7 # flanger 0.3 0.9 0.8 # phaser 0.4 0.9 0.6
~h: ~g # distort (sine 1 * 0.5 + 0.5) # shape \"0.3 0.9\" # crush \"4 12\" # coarse (sine 0.5 * 3 + 4)
~i: ~h # allpass (sine 4 * 0.002 + 0.004) 0.7 # comb \"110 220\" 0.9 0.3 # comb (~lfo * 100 + 200) 0.8
~j: ~i # compressor 20 4 side:~d # compressor (sine 0.2 * 10 - 20) \"2 8\" knee:6 makeup:3 # limiter 3 # gain \"0.5 0.3\"
~k: range 100 200 ~lfo + clamp 0 1 ~fm + wrap 0 1 ~fm + abs ~fm + min 0.2 ~lfo + max 0.1 ~lfo
~l: lag 0.1 \"0 1\" + sh (square 8) (noise) + mix ~a ~b ~c + xfade ~lfo ~a ~j + select \"0 1 2\" ~a ~b ~c
~m: quantize 0.5 ~k + mtof (~lfo * 12 + 60) + ftom (~fm + 3000) + env \"1 0.5*2\" 0.01 0.1 0.5 0.1 * gate \"1 0 1 1\"
out: ~j * 0.5 + ~l * 0.01 + ~m * 0.0001"
            .to_string(),
    );
    // Voice banks (compile/bank.rs): W1's 64 voices, and banks of every wave with cutoffs
    // held per block, per chunk and per sample.
    v.push(include_str!("../../bench/w1.ph").to_string());
    v.push(bank_program(&[55.0, 61.0, 67.5, 70.0, 82.5, 90.0, 99.0, 110.0, 123.0, 130.0], "1.5"));
    v
}

/// Summed voices of three waves (banks of 10 or so lanes each) with the cutoffs of every hold,
/// and bare saws and sines with gains.
fn bank_program(freqs: &[f64], q: &str) -> String {
    let mut src = String::from("~slow: sine 0.2 * 300 + 900\n~fast: sine 200 * 600 + 1500\n");
    let mut terms = Vec::new();
    for (w, (wave, filter, cut)) in
        [("saw", "lpf", "~slow"), ("square", "hpf", "~fast"), ("tri", "notch", "2000")].iter().enumerate()
    {
        for (i, f) in freqs.iter().enumerate() {
            src += &format!("~{wave}{i}: {wave} {} # {filter} {cut} q:{q}\n", f * (1.0 + w as f64 * 0.5));
            terms.push(format!("~{wave}{i}"));
        }
    }
    // And a detuned stack of bare oscillators, each at its own level.
    for (i, f) in freqs.iter().enumerate() {
        terms.push(format!("saw {} * {}", f * 2.01, 0.1 + i as f64 * 0.05));
        terms.push(format!("sine {} * {}", f * 3.0, 0.2 - i as f64 * 0.01));
    }
    src += &format!("out: ({}) * 0.03\n", terms.join(" + "));
    src
}

/// Banks adopt voices that were nodes of their own (a sum growing to a bank's size), then the
/// old bank's voices lane by lane (a voice edited, one gone, one new), and hand them back (a
/// sum shrinking below a bank's size), without allocating.
#[test]
fn banks_swap_lane_by_lane_without_allocating() {
    let small = bank_program(&[55.0, 61.0, 67.5], "1.5");
    let a = bank_program(&[55.0, 61.0, 67.5, 70.0, 82.5, 90.0, 99.0, 110.0, 123.0, 130.0], "1.5");
    let b = bank_program(&[55.0, 62.0, 67.5, 70.0, 82.5, 90.0, 99.0, 110.0, 123.0, 147.0, 165.0], "2");
    let mut session = Session::new(48000, Arc::new(Bank::empty()));
    let prepared: Vec<_> = [&small, &a, &b, &small].iter().map(|p| session.prepare(p).expect("compiles")).collect();
    let mut engine = session.take_engine().expect("engine");
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    for p in prepared {
        session.send(p);
        assert_no_alloc(|| {
            for _ in 0..100 {
                engine.process_block(&host, &mut out);
            }
        });
    }
    assert_eq!(engine.status().swaps.load(std::sync::atomic::Ordering::Relaxed), 4);
    assert!(out.main.l.iter().all(|v| v.is_finite()) && out.main.l.iter().any(|&v| v != 0.0));
    drop(engine);
    session.collect();
}

#[test]
fn nodes_process_swap_and_reset_without_allocating() {
    for src in programs() {
        let mut session = Session::new(48000, Arc::new(Bank::empty()));
        let first = session.prepare(&src).unwrap_or_else(|e| panic!("{}", e.render("program", &src)));
        // The same program again: every node adopts its predecessor's state.
        let again = session.prepare(&src).expect("compiles");
        session.send(first);
        let mut engine = session.take_engine().expect("engine");
        let host = HostIn::default();
        let mut out = Box::<Outputs>::default();
        assert_no_alloc(|| {
            for _ in 0..300 {
                engine.process_block(&host, &mut out);
            }
        });
        session.send(again);
        assert_no_alloc(|| {
            for _ in 0..100 {
                engine.process_block(&host, &mut out);
            }
            engine.panic();
            for _ in 0..100 {
                engine.process_block(&host, &mut out);
            }
        });
        let finite = out.main.l.iter().chain(out.main.r.iter()).all(|v| v.is_finite());
        assert!(finite, "{src}");
        drop(engine);
        session.collect();
    }
}
