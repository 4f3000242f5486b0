//! SuperDirt-style sends: `room` feeds a reverb, `delay` a feedback delay, shared by the
//! events of a pattern; `midiout` sends notes to the MIDI output instead of playing them.

use phonon_engine::graph::{HostAdapter, HostOutputs};
use phonon_engine::render::{render, RenderOptions, Session};
use phonon_engine::samples::Bank;
use std::sync::Arc;

fn left(p: &str, seconds: f64) -> Vec<f32> {
    let r = render(p, Arc::new(Bank::builtin()), &RenderOptions { seconds: Some(seconds), ..Default::default() })
        .unwrap_or_else(|e| panic!("{e}"));
    r.main.iter().step_by(2).copied().collect()
}

fn energy(x: &[f32]) -> f32 {
    x.iter().map(|v| v * v).sum()
}

#[test]
fn room_adds_a_reverb_tail() {
    // One rim shot per 2 s cycle; the dry sound is over long before 0.6 s.
    let dry = left("out: s \"rim\"\n", 1.0);
    let wet = left("out: s \"rim\" # room 0.6 # size 0.8\n", 1.0);
    let tail = 28_800..48_000; // 0.6 s .. 1 s
    assert!(energy(&dry[tail.clone()]) == 0.0, "the dry sound has ended");
    assert!(energy(&wet[tail]) > 1e-4, "the reverb rings on");
    assert!(wet.iter().all(|x| x.is_finite() && x.abs() < 1.0));
}

#[test]
fn lock_counts_delaytime_in_cycles() {
    // SuperDirt's lock 1: delaytime 1/8 of a 2 s cycle is 0.25 s, the same as delaytime 0.25.
    let locked = left("out: s \"rim\" # delay 0.5 # delaytime 0.125 # lock 1 # dry 0\n", 1.2);
    assert_eq!(locked, left("out: s \"rim\" # delay 0.5 # delaytime 0.25 # dry 0\n", 1.2));
    assert_ne!(locked, left("out: s \"rim\" # delay 0.5 # delaytime 0.125 # dry 0\n", 1.2));
}

#[test]
fn delay_repeats_at_its_time_with_feedback() {
    let p = "out: s \"rim\" # delay 0.5 # delaytime 0.25 # delayfeedback 0.5 # dry 0\n";
    let x = left(p, 1.2);
    let first = |from: usize| x[from..].iter().position(|v| v.abs() > 1e-4).map(|i| i + from).unwrap();
    let e1 = first(1000);
    assert!((e1 as i64 - 12_000).abs() <= 2, "first echo at 0.25 s, found at {e1}");
    let e2 = first(e1 + 6000);
    assert!((e2 as i64 - 24_000).abs() <= 2, "second echo at 0.5 s, found at {e2}");
    let peak = |r: std::ops::Range<usize>| x[r].iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let (p1, p2) = (peak(e1..e1 + 5000), peak(e2..e2 + 5000));
    assert!((p2 / p1 - 0.5).abs() < 0.05, "each echo at half the level: {p1} then {p2}");
    assert!(x[..e1].iter().all(|v| v.abs() < 1e-4), "dry 0 leaves only the echoes");
}

#[test]
fn effects_carry_over_a_hot_swap() {
    let a = "out: s \"cp\" # room 0.7 # size 0.9\n";
    let b = "out: s \"cp\" # room 0.7 # size 0.9 # gain 0\n";
    let r = render(
        a,
        Arc::new(Bank::builtin()),
        &RenderOptions {
            seconds: Some(1.5),
            swap: Some((b.to_string(), phonon_engine::time::Rational::new(1, 4))),
            ..Default::default()
        },
    )
    .unwrap();
    let l: Vec<f32> = r.main.iter().step_by(2).copied().collect();
    // After the swap (0.5 s) nothing new plays, but the reverb's tail goes on.
    assert!(energy(&l[26_000..36_000]) > 1e-5, "the tail survives the swap");
}

#[test]
fn midiout_sends_notes_on_their_samples_instead_of_playing() {
    let mut s = Session::new(48_000, Arc::new(Bank::builtin()));
    s.load("out: note \"0 4 7 ~\" # midiout 3\n").unwrap();
    let mut a = HostAdapter::new(s.take_engine().unwrap());
    let mut events = Vec::new();
    let (mut l, mut r) = (vec![0.0f32; 128], vec![0.0f32; 128]);
    for b in 0..800 {
        a.process(128, None, &mut HostOutputs { ports: &mut [[&mut l[..], &mut r[..]]] });
        assert!(l.iter().all(|&x| x == 0.0), "midiout notes are not played");
        // The block the engine rendered in this call starts at engine sample b * 128.
        for e in a.midi_out().events() {
            events.push((b as i64 * 128 + e.offset as i64, e.on, e.channel, e.note));
        }
    }
    // A cycle is 2 s = 96000 samples; quarter notes every 24000 samples.
    let ons: Vec<_> = events.iter().filter(|e| e.1).take(3).copied().collect();
    assert_eq!(ons, vec![(0, true, 2, 60), (24_000, true, 2, 64), (48_000, true, 2, 67)]);
    let offs: Vec<_> = events.iter().filter(|e| !e.1).take(3).copied().collect();
    assert_eq!(offs, vec![(24_000, false, 2, 60), (48_000, false, 2, 64), (72_000, false, 2, 67)]);
}
