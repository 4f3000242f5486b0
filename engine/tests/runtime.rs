//! The block graph runtime: sample-exact events, host block-size invariance, feedback through
//! buses, hot swap continuity, transport jumps, the output guard, parallel stages.

use phonon_engine::graph::plan::{Plan, PlanNode, Settings};
use phonon_engine::graph::{
    build, BuildEnv, Ctx, Engine, Frame, HostAdapter, HostIn, HostOutputs, Inputs, Node, Outputs, Prepared, Transport,
    BLOCK,
};
use phonon_engine::render::{render, Blocks, RenderOptions, Rendered};
use phonon_engine::samples::Bank;
use phonon_engine::time::Rational;
use std::sync::atomic::Ordering;
use std::sync::Arc;

fn bank() -> Arc<Bank> {
    Arc::new(Bank::empty())
}

fn run(src: &str, opts: RenderOptions) -> Rendered {
    render(src, bank(), &opts).unwrap_or_else(|e| panic!("{e}"))
}

fn left(v: &[f32]) -> Vec<f32> {
    v.iter().step_by(2).copied().collect()
}

/// Programs exercising patterns as signals, arithmetic, buses, feedback and several outputs.
const RICH: &[&str] = &[
    "out: sine \"220 330 <440 550>\" * 0.3",
    "~lfo: sine 0.5 * 0.2 + 0.5\n~fb: ~fb * 0.6 + sine 3 * 0.1\nout1: sine 110 * ~lfo\nout2: ~fb + sine \"<200 300>/2\" * 0.2\n",
    "tempo: 0.7\n~a: sine (sine 2 * 30 + 300) * \"0.5 0.25 . 0.1 0.3 0.2\"\nout: ~a + ~a * 0.5\n",
    "bpm: 127\nbpc: 3\n~s: \"0.1 0.3 <0.2 0.4>\"\nout: ~s - sine 1000 * 0.1\n",
];

#[test]
fn host_block_size_never_changes_the_audio() {
    for src in RICH {
        let render_with = |blocks: Blocks| {
            run(src, RenderOptions { sample_rate: 44100, cycles: Some(2.5), blocks, ..Default::default() }).main
        };
        let reference = render_with(Blocks::Fixed(512));
        for b in [
            Blocks::Fixed(1),
            Blocks::Fixed(37),
            Blocks::Fixed(64),
            Blocks::Fixed(4096),
            Blocks::Sequence(vec![7, 128, 1, 300, 64, 4096, 33]),
        ] {
            assert!(render_with(b.clone()) == reference, "{src:?}: {b:?} differs from 512");
        }
    }
}

#[test]
fn events_start_on_their_exact_sample() {
    // A pattern used as a signal steps exactly at round(t * samples per cycle).
    for (sr, bpm) in [(44_100u32, 127.0), (48_000, 120.0), (48_000, 93.7)] {
        let src = "out: \"0.1 0.2 0.3 0.4 0.5 0.6 0.7\"\n";
        let r = run(src, RenderOptions { sample_rate: sr, cycles: Some(3.0), bpm: Some(bpm), ..Default::default() });
        let l = left(&r.main);
        let cps = Rational::from_f64(bpm / 60.0) / Rational::int(4);
        let spc = Rational::int(sr as i64) / cps;
        for k in 1..21i64 {
            let t = Rational::new(k, 7);
            let n = (t * spc).round_int() as usize;
            assert_ne!(l[n - 1], l[n], "sr {sr} bpm {bpm}: no step at event {k} (sample {n})");
            if n + 1 < l.len() {
                assert_eq!(l[n], l[n + 1], "sr {sr} bpm {bpm}: step after event {k}");
            }
            let expected = [0.1f32, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7][(k % 7) as usize];
            assert_eq!(l[n], expected);
        }
    }
}

#[test]
fn feedback_is_delayed_by_exactly_one_engine_block() {
    // The accumulator reads its own previous block: block k holds (k + 1) * 0.001.
    let r = run("~acc: ~acc + 0.001\nout: ~acc\n", RenderOptions { seconds: Some(0.1), ..Default::default() });
    let l = left(&r.main);
    for k in 0..(l.len() / BLOCK) {
        let want = (k as f32 + 1.0) * 0.001;
        for i in 0..BLOCK {
            assert!((l[k * BLOCK + i] - want).abs() < 1e-5, "block {k} sample {i}: {} vs {want}", l[k * BLOCK + i]);
        }
    }
    // A damped loop is stable.
    let r =
        run("~fb: ~fb * 0.95 + sine 200 * 0.1\nout: ~fb\n", RenderOptions { seconds: Some(5.0), ..Default::default() });
    let l = left(&r.main);
    assert!(l.iter().all(|x| x.is_finite() && x.abs() < 1.0));
    assert!(l[l.len() - 4800..].iter().any(|x| x.abs() > 0.01));
}

#[test]
fn unchanged_outputs_continue_bit_identically_across_a_swap() {
    let a = "~lfo: sine 0.3 * 0.5\nout1: sine 220 * ~lfo\nout2: sine 330 * 0.3\n";
    let b = "~lfo: sine 0.3 * 0.5\nout1: sine 220 * ~lfo\nout2: sine 440 * 0.3\n-- edited\n";
    let opts = |swap: Option<(String, Rational)>| RenderOptions { cycles: Some(4.0), swap, ..Default::default() };
    let plain = run(a, opts(None));
    let swapped = run(a, opts(Some((b.to_string(), Rational::new(3, 2)))));
    let stem = |r: &Rendered, k: u32| r.stems.iter().find(|(n, _)| *n == k).map(|(_, v)| left(v)).unwrap();
    assert!(stem(&plain, 1) == stem(&swapped, 1), "out1 did not change, so it must not change at all");
    // out2 changed: it cross-fades, without a click.
    let (p2, s2) = (stem(&plain, 2), stem(&swapped, 2));
    let swap_sample = 96_000 * 3 / 2;
    assert!(p2[..swap_sample] == s2[..swap_sample], "before the swap nothing differs");
    assert!(p2[swap_sample + 4096..] != s2[swap_sample + 4096..], "after the swap out2 plays the new program");
    let natural = 2.0 * std::f32::consts::PI * 440.0 / 48_000.0 * 0.3;
    let worst = s2.windows(2).map(|w| (w[1] - w[0]).abs()).fold(0.0f32, f32::max);
    assert!(worst <= natural * 1.05, "step {worst} larger than the signals make ({natural})");
}

#[test]
fn a_swap_keeps_oscillator_phase_when_only_a_parameter_changes() {
    // Same oscillator, new frequency: its phase continues, so there is no discontinuity.
    let a = "out: sine \"<200 200>\" * 0.5\n";
    let b = "out: sine \"<300 300>\" * 0.5\n";
    let r = run(a, RenderOptions { cycles: Some(2.0), swap: Some((b.into(), Rational::ONE)), ..Default::default() });
    let l = left(&r.main);
    let worst = l.windows(2).map(|w| (w[1] - w[0]).abs()).fold(0.0f32, f32::max);
    let natural = 2.0 * std::f32::consts::PI * 300.0 / 48_000.0 * 0.5;
    assert!(worst <= natural * 1.05, "{worst} > {natural}");
}

#[test]
fn tempo_changes_through_a_swap_keep_the_cycle_position() {
    let a = "tempo: 0.5\nout: \"0.1 0.2\"\n";
    let b = "tempo: 1\nout: \"0.1 0.2\"\n";
    let r = run(a, RenderOptions { seconds: Some(4.0), swap: Some((b.into(), Rational::ONE)), ..Default::default() });
    let l = left(&r.main);
    // Cycle 1 starts at 2 s; from there a cycle lasts 1 s: steps at 2.5 s and 3 s.
    for (sample, want) in [(120_000usize, 0.2f32), (144_000, 0.1), (168_000, 0.2)] {
        assert_eq!(l[sample], want, "sample {sample}");
        assert_ne!(l[sample - 1], want, "sample {sample} is where the step happens");
    }
}

fn adapter_for(src: &str, sr: u32) -> (HostAdapter, phonon_engine::render::Session) {
    let mut s = phonon_engine::render::Session::new(sr, bank());
    s.load(src).unwrap();
    let e = s.take_engine().unwrap();
    (HostAdapter::new(e), s)
}

fn play(a: &mut HostAdapter, len: usize, t: Option<Transport>) -> Vec<f32> {
    if let Some(t) = t {
        a.transport(t);
    }
    let (mut l, mut r) = (vec![0.0; len], vec![0.0; len]);
    a.process(len, None, &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
    l
}

#[test]
fn transport_jumps_land_on_the_same_events_as_a_render_started_there() {
    let src = "out: \"0.1 0.2 0.3 0.4 0.5\"\n";
    let sr = 48_000;
    let bpm = 120.0;
    let spb = bpm / 60.0 / sr as f64; // beats per sample
    let host = |beats: f64| Transport { playing: true, beats: Some(beats), bpm: Some(bpm) };
    // Reference: the transport starts at beat 13 (cycle 3.25).
    let (mut a, _s1) = adapter_for(src, sr);
    let mut reference = Vec::new();
    for k in 0..40 {
        reference.extend(play(&mut a, 512, Some(host(13.0 + (k * 512) as f64 * spb))));
    }
    // Jumped: plays from 0 for a while, then the host jumps to beat 13.
    let (mut b, _s2) = adapter_for(src, sr);
    for k in 0..17 {
        play(&mut b, 512, Some(host((k * 512) as f64 * spb)));
    }
    let mut jumped = Vec::new();
    for k in 0..40 {
        jumped.extend(play(&mut b, 512, Some(host(13.0 + (k * 512) as f64 * spb))));
    }
    // After the adapter's latency both hear the same events on the same samples.
    let lat = HostAdapter::LATENCY as usize;
    assert!(reference[lat..] == jumped[lat..]);
}

#[test]
fn host_loops_repeat_exactly() {
    let src = "out: \"0.1 0.2 0.3\" + sine \"<300 400>\" * 0\n";
    let sr = 44_100;
    let bpm = 100.0;
    let spb = bpm / 60.0 / sr as f64;
    let (mut a, _s) = adapter_for(src, sr);
    let host = |beats: f64| Transport { playing: true, beats: Some(beats), bpm: Some(bpm) };
    // A two-bar loop from beat 4, in buffers of 441 samples.
    let loop_len = (8.0 / spb).round() as usize;
    let mut passes = Vec::new();
    for _ in 0..3 {
        let mut out = Vec::new();
        let mut pos = 0usize;
        while pos < loop_len {
            let n = 441.min(loop_len - pos);
            out.extend(play(&mut a, n, Some(host(4.0 + pos as f64 * spb))));
            pos += n;
        }
        passes.push(out);
    }
    let lat = HostAdapter::LATENCY as usize;
    assert!(passes[1][lat..] == passes[2][lat..], "the second and third passes sound the same");
}

struct Nan;
impl Node for Nan {
    fn process(&mut self, _i: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        let v = if (ctx.block_start / BLOCK as i64) % 4 == 3 { f32::NAN } else { 0.5 };
        out.l.fill(v);
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn custom_graph(
    sr: u32,
    make: phonon_engine::graph::plan::MakeNode,
    outs: Vec<(u32, u32)>,
    main: Option<u32>,
) -> Prepared {
    let node = PlanNode {
        ident: "out/0".into(),
        label: "test".into(),
        inputs: vec![],
        stereo: false,
        make,
        hash: 1,
        cost: 1,
        pinned: false,
    };
    let plan = Plan {
        nodes: vec![node],
        main,
        main_is_sum: false,
        outs,
        feedback: vec![],
        settings: Settings::default(),
        warnings: vec![],
    };
    Prepared::new(build(&plan, &BuildEnv::new(sr as f32, bank())))
}

#[test]
fn nan_mutes_its_output_and_is_reported() {
    let collector = basedrop::Collector::new();
    let (mut engine, tx) = Engine::new(48_000, &collector);
    tx.send(custom_graph(48_000, Arc::new(|_| Box::new(Nan)), vec![(2, 0)], None));
    let host = HostIn::default();
    let mut out = Outputs::default();
    let status = engine.status();
    for k in 0..8 {
        engine.process_block(&host, &mut out);
        let f = out.get(2);
        if k % 4 == 3 {
            assert!(f.l.iter().chain(f.r.iter()).all(|&x| x == 0.0), "block {k} must be muted");
        } else {
            assert!(f.l.iter().all(|x| x.is_finite() && *x > 0.4));
        }
        assert!(out.main.l.iter().all(|x| x.is_finite()));
    }
    assert_eq!(status.nan_blocks.load(Ordering::Relaxed), 2);
    assert_eq!(status.nan_outputs.load(Ordering::Relaxed), 1 << 2);
}

#[test]
fn the_safety_limiter_keeps_outputs_within_one() {
    let r = run("out: sine 440 * 20 + sine 3 * 50\n", RenderOptions { seconds: Some(1.0), ..Default::default() });
    assert!(r.main.iter().all(|x| x.abs() < 1.0));
    // Quiet signals pass untouched.
    let r = run("out: sine 440 * 0.5\n", RenderOptions { seconds: Some(0.1), ..Default::default() });
    let l = left(&r.main);
    let expected = (2.0 * std::f64::consts::PI * 440.0 * 100.0 / 48_000.0).sin() as f32 * 0.5;
    assert!((l[100] - expected).abs() < 1e-6);
}

#[test]
fn hush_fades_to_silence_and_panic_silences_at_once() {
    let a = "~fb: ~fb * 0.5 + sine 100 * 0.3\nout: ~fb\n";
    let hushed = format!("{a}hush\n");
    let r = run(a, RenderOptions { seconds: Some(2.0), swap: Some((hushed, Rational::HALF)), ..Default::default() });
    let l = left(&r.main);
    let at = 48_000; // cycle 1/2 at 0.5 cps
    assert!(l[at..at + 1000].iter().any(|x| x.abs() > 0.1), "the hush fades, it does not cut");
    assert!(l[at + 30_000..].iter().all(|&x| x == 0.0), "silent after the fade");
    let panicked = format!("{a}panic\n");
    let r = run(a, RenderOptions { seconds: Some(2.0), swap: Some((panicked, Rational::HALF)), ..Default::default() });
    let l = left(&r.main);
    // The tail of the feedback loop is cleared: the new program starts from silence.
    assert!(l[at].abs() < 0.02, "panic clears the loop: {}", l[at]);
}

#[test]
fn parallel_rendering_is_bit_identical_to_single_threaded() {
    let mut lines = Vec::new();
    for i in 0..12 {
        let sum: Vec<String> = (0..10).map(|k| format!("sine {}", 100 + i * 13 + k * 3)).collect();
        lines.push(format!("~c{i}: ({}) * sine \"<0.5 1>\" * 0.004", sum.join(" + ")));
    }
    lines.push(format!("out: {}", (0..12).map(|i| format!("~c{i}")).collect::<Vec<_>>().join(" + ")));
    let src = lines.join("\n");
    let one = run(&src, RenderOptions { seconds: Some(1.0), threads: 1, ..Default::default() });
    let three = run(&src, RenderOptions { seconds: Some(1.0), threads: 3, ..Default::default() });
    assert!(one.main == three.main);
}

#[test]
fn solo_and_mute_gains_reach_the_implicit_main_mix() {
    let (mut a, _s) = adapter_for("out1: sine 300 * 0.3\nout2: sine 500 * 0.3\n", 48_000);
    a.set_output_gain(2, 0.0);
    let mut main = Vec::new();
    for _ in 0..40 {
        main.extend(play(&mut a, 480, None));
    }
    let tail = &main[9600..];
    let expected: Vec<f32> = (0..tail.len())
        .map(|i| {
            let n = (i + 9600 - HostAdapter::LATENCY as usize) as f64;
            ((2.0 * std::f64::consts::PI * 300.0 * n / 48_000.0).sin() * 0.3) as f32
        })
        .collect();
    let err = tail.iter().zip(&expected).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
    assert!(err < 1e-4, "main holds only out1 once out2 is muted (error {err})");
}

#[test]
fn runaway_patterns_report_overflow_instead_of_stalling() {
    let r = run(
        "out: \"1*100000\" * 0.1 + \"[[[[[[[[[[0.1]]]]]]]]]]\"\n",
        RenderOptions { seconds: Some(0.2), ..Default::default() },
    );
    assert!(r.main.iter().all(|x| x.is_finite()));
}

#[test]
fn host_inputs_reach_programs() {
    // `in` passes the host's audio through with exactly the adapter's latency.
    let (mut a, _s) = adapter_for("out: in * 0.5\n", 48_000);
    let input: Vec<f32> = (0..4800).map(|i| ((i as f32) * 0.01).sin() * 0.8).collect();
    let (mut l, mut r) = (vec![0.0; 4800], vec![0.0; 4800]);
    a.process(4800, Some([&input[..], &input[..]]), &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
    let lat = HostAdapter::LATENCY as usize;
    for i in lat..4800 {
        assert_eq!(l[i], input[i - lat] * 0.5);
    }
    // `param 3` follows the host's macro 3, smoothed.
    let (mut a, _s) = adapter_for("out: param 3 * 0.5\n", 48_000);
    a.set_macro(2, 0.8);
    let out = {
        let (mut l, mut r) = (vec![0.0; 9600], vec![0.0; 9600]);
        a.process(9600, None, &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
        l
    };
    assert!(out[200] > 0.0 && out[200] < 0.4, "smoothed, not a jump: {}", out[200]);
    assert!((out[9599] - 0.4).abs() < 1e-4, "settles at the macro's value: {}", out[9599]);
}

#[test]
fn held_midi_notes_are_a_pattern() {
    use phonon_engine::graph::MidiEvent;
    // The held note (key 64 is note 4: key 60 is middle C, note 0) drives a sine's frequency
    // from the note-on sample on.
    let (mut a, _s) = adapter_for("out: sine (midi + 60)\n", 48_000);
    a.midi_in(MidiEvent { offset: 0, on: true, channel: 0, note: 64, velocity: 1.0 }, 300);
    let (mut l, mut r) = (vec![0.0; 4096], vec![0.0; 4096]);
    a.process(4096, None, &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
    let lat = HostAdapter::LATENCY as usize;
    assert!(l[..lat + 301].iter().all(|&x| x == 0.0), "nothing before the note-on");
    let step = (2.0 * std::f64::consts::PI * 64.0 / 48_000.0).sin() as f32;
    assert!((l[lat + 301] - step).abs() < 1e-6, "64 Hz from the note-on sample: {}", l[lat + 301]);
}

#[test]
fn held_midi_keys_play_voices_until_their_note_off() {
    use phonon_engine::graph::MidiEvent;
    let mut s = phonon_engine::render::Session::new(48_000, Arc::new(Bank::builtin()));
    s.load("out: midi # s \"superpiano\"\n").unwrap();
    let mut a = HostAdapter::new(s.take_engine().unwrap());
    let key = |on: bool| MidiEvent { offset: 0, on, channel: 0, note: 69, velocity: 0.8 };
    let mut out = Vec::new();
    // Silence, then a key held for 2.5 cycles (5 s at 0.5 cps), then released.
    let (mut l, mut r) = (vec![0.0f32; 480], vec![0.0f32; 480]);
    for call in 0..800 {
        if call == 100 {
            a.midi_in(key(true), 0);
        }
        if call == 600 {
            a.midi_in(key(false), 0);
        }
        a.process(480, None, &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
        out.extend_from_slice(&l);
    }
    let rms = |x: &[f32]| (x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32).sqrt();
    let sec = |s: f64| (s * 48_000.0) as usize;
    assert_eq!(rms(&out[..sec(0.99)]), 0.0, "nothing before the key");
    assert!(rms(&out[sec(1.1)..sec(1.5)]) > 0.01, "the key sounds");
    assert!(rms(&out[sec(5.5)..sec(5.9)]) > 0.003, "and still sounds while held, past cycle ends");
    assert!(rms(&out[sec(7.5)..]) < 1e-4, "the note-off releases it");
    let f = phonon_tests_free_peak(&out[sec(2.0)..sec(3.0)]);
    assert!((f - 440.0).abs() < 5.0, "key 69 plays a4: {f} Hz");
}

/// Frequency of the strongest spectral bin (Hann window), Hz.
fn phonon_tests_free_peak(x: &[f32]) -> f32 {
    use rustfft::{num_complex::Complex, FftPlanner};
    let n = x.len().next_power_of_two() * 2;
    let mut buf: Vec<Complex<f32>> = vec![Complex::new(0.0, 0.0); n];
    for (i, &v) in x.iter().enumerate() {
        let w = 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / x.len() as f32).cos();
        buf[i] = Complex::new(v * w, 0.0);
    }
    FftPlanner::new().plan_fft_forward(n).process(&mut buf);
    let best = (1..n / 2).max_by(|&a, &b| buf[a].norm().total_cmp(&buf[b].norm())).unwrap_or(0);
    best as f32 * 48_000.0 / n as f32
}
