//! The host adapter on the audio thread: everything a plugin does per host call (transport,
//! jumps, free run, parameters, MIDI in and out, hush, panic, reset) without allocating.

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{HostAdapter, HostOutputs, MidiEvent, Transport, MACROS};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: AllocDisabler = AllocDisabler;

const SR: u32 = 48000;
const BPM: f64 = 120.0;

#[test]
fn a_host_call_never_allocates() {
    let mut session = Session::new(SR, Arc::new(Bank::empty()));
    session.load("~a: sine 220 * 0.2\nout1: ~a\nout2: \"0.1 0.3\"\nout: ~a + \"0.1 0.2\"").expect("compiles");
    let mut a = HostAdapter::new(session.take_engine().expect("engine"));
    let lens = [1usize, 37, 128, 512, 4096, 100, 333];
    let mut bufs: Vec<[Vec<f32>; 2]> = (0..3).map(|_| [vec![0.0; 4096], vec![0.0; 4096]]).collect();
    let input = [vec![0.25f32; 4096], vec![-0.25f32; 4096]];
    let mut heard = 0.0f32;
    assert_no_alloc(|| {
        let mut at = 0usize;
        for round in 0..300 {
            let len = lens[round % lens.len()];
            // Jumps back to beat 0 now and then; stops for a while; free run toggles.
            let beats = if round % 50 == 49 { 0.0 } else { at as f64 * BPM / 60.0 / SR as f64 };
            a.transport(Transport { playing: round % 70 < 60, beats: Some(beats), bpm: Some(BPM) });
            a.set_freerun(round % 140 < 100);
            a.set_macro(round % MACROS, (round % 10) as f32 / 10.0);
            a.set_output_gain(1 + round % 3, if round % 5 == 0 { 0.0 } else { 1.0 });
            a.set_master_gain(0.8);
            a.set_hush(round % 90 > 80);
            if round % 77 == 0 {
                a.panic();
            }
            let e = MidiEvent { offset: 0, on: round % 2 == 0, channel: 0, note: 60, velocity: 0.7 };
            a.midi_in(e, len / 2);
            {
                let [[l0, r0], [l1, r1], [l2, r2]] = &mut bufs[..] else { unreachable!() };
                let mut ports = [
                    [&mut l0[..len], &mut r0[..len]],
                    [&mut l1[..len], &mut r1[..len]],
                    [&mut l2[..len], &mut r2[..len]],
                ];
                a.process(len, Some([&input[0][..len], &input[1][..len]]), &mut HostOutputs { ports: &mut ports });
            }
            heard = heard.max(bufs[0][0][..len].iter().fold(0.0f32, |m, x| m.max(x.abs())));
            let _ = a.host_midi_out().events().len();
            at += len;
        }
        a.reset();
    });
    assert!(heard > 0.1, "the program played: peak {heard}");
    drop(a);
    session.collect();
}
