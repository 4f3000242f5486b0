//! The real-time contract, proven: thousands of blocks of every preset and of every function's
//! example run under `assert_no_alloc`, with a hot swap every 100 blocks and host transport
//! jumps. Any allocation or free on the audio thread aborts this test binary.

mod preset_files;

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{HostAdapter, HostOutputs, MidiEvent, Transport};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use preset_files::presets;
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: AllocDisabler = AllocDisabler;

const HOST_BLOCK: usize = 128;

fn bank() -> Arc<Bank> {
    Arc::new(Bank::builtin())
}

/// Play `programs` in turn, swapping every `swap_every` blocks, jumping the transport now and
/// then, for `blocks` host blocks, every block under `assert_no_alloc`.
fn soak(programs: &[(String, String)], blocks: usize, swap_every: usize, threads: usize) {
    let mut session = Session::new(48_000, bank());
    let mut engine = session.take_engine().unwrap();
    engine.set_threads(threads);
    let mut adapter = HostAdapter::new(engine);
    let (mut l, mut r) = (vec![0.0f32; HOST_BLOCK], vec![0.0f32; HOST_BLOCK]);
    let (il, ir) = (vec![0.1f32; HOST_BLOCK], vec![-0.1f32; HOST_BLOCK]);
    let mut aux: Vec<[Vec<f32>; 2]> = (0..8).map(|_| [vec![0.0; HOST_BLOCK], vec![0.0; HOST_BLOCK]]).collect();
    let mut next = 0usize;
    let mut beats = 0.0f64;
    let bpm = 128.0;
    for b in 0..blocks {
        if b % swap_every == 0 {
            let (name, src) = &programs[next % programs.len()];
            next += 1;
            let p = session.prepare(src).unwrap_or_else(|e| panic!("{}", e.render(name, src)));
            session.send(p);
            session.collect();
        }
        // A jump or a loop every so often; otherwise the transport runs on.
        if b % 250 == 137 {
            beats = ((b * 7919) % 64) as f64;
        }
        let t = Transport { playing: b % 1000 < 900, beats: Some(beats), bpm: Some(bpm) };
        beats += HOST_BLOCK as f64 * bpm / 60.0 / 48_000.0;
        // Keys pressed and, 25 blocks later, released: held voices start and end on this thread.
        if b % 50 == 3 || b % 50 == 28 {
            let (on, key) = (b % 50 == 3, 60 + ((b - b % 50) / 50 % 12) as u8);
            assert_no_alloc(|| {
                adapter.midi_in(MidiEvent { offset: 0, on, channel: 0, note: key, velocity: 0.8 }, 5);
            });
        }
        adapter.set_macro(b % 8, (b % 100) as f32 / 100.0);
        let mut ports: Vec<[&mut [f32]; 2]> = Vec::with_capacity(9);
        ports.push([&mut l[..], &mut r[..]]);
        for [al, ar] in aux.iter_mut() {
            ports.push([&mut al[..], &mut ar[..]]);
        }
        assert_no_alloc(|| {
            adapter.transport(t);
            adapter.process(HOST_BLOCK, Some([&il[..], &ir[..]]), &mut HostOutputs { ports: &mut ports });
        });
        assert!(l.iter().chain(r.iter()).all(|x| x.is_finite() && x.abs() < 1.0));
    }
    drop(adapter);
    session.collect();
}

#[test]
fn every_preset_runs_ten_thousand_blocks_without_allocating() {
    let all = presets();
    assert!(!all.is_empty());
    for (i, p) in all.iter().enumerate() {
        // Swap between this preset and the next one.
        let pair = vec![p.clone(), all[(i + 1) % all.len()].clone()];
        soak(&pair, 10_000, 100, 1);
    }
}

#[test]
fn every_function_example_runs_without_allocating() {
    let examples: Vec<(String, String)> = phonon_engine::registry::all()
        .filter(|f| {
            // Examples that need sounds the bank does not have yet are checked elsewhere.
            phonon_engine::compile::compile(f.example, &phonon_engine::compile::CompileEnv::new(bank())).is_ok()
        })
        .map(|f| (f.name.to_string(), f.example.to_string()))
        .collect();
    assert!(!examples.is_empty());
    soak(&examples, examples.len() * 40, 40, 1);
}

#[test]
fn parallel_stages_run_without_allocating_on_the_audio_thread() {
    let mut lines = Vec::new();
    for i in 0..16 {
        let sum: Vec<String> = (0..8).map(|k| format!("sine {}", 100 + i * 11 + k)).collect();
        lines.push(format!("~c{i}: ({}) * 0.005", sum.join(" + ")));
    }
    lines.push(format!("out: {}", (0..16).map(|i| format!("~c{i}")).collect::<Vec<_>>().join(" + ")));
    let wide = lines.join("\n");
    let programs = vec![("wide".to_string(), wide.clone()), ("wide-2".to_string(), wide.replace("0.005", "0.004"))];
    soak(&programs, 2_000, 100, 2);
}

#[test]
fn tidal_files_play_without_allocating() {
    // Tidal's layouts and the constructs that reach the audio thread as queries: bare words
    // among controls, filters named as controls inside slow, chord, ratios, spaceOut.
    let programs: Vec<(String, String)> = [
        "let\n  bass = \"0 2\"\nin\ndo {\n  d1 $ n bass # s \"superpiano\";\n  d2 $ s \"bd*2\"\n}\n",
        "d1 $ note \"c4\" # \"superpiano\" + up \"0 7\" + up \"<0 5>\"\n",
        "d1 $ s \"bd*4\" # slow 2 (lpf \"300 400\") # slow 4 (bandq (range 1 30 sine))\n",
        "d1 $ n (off 0.25 (+ chord \"major\") \"c(3,8) a(3,8)\") # s \"superpiano\"\n",
        "d1 $ spaceOut [1,1.5..3] $ slow \"1%4 2\" $ s \"bd sn\"\n",
    ]
    .iter()
    .enumerate()
    .map(|(k, p)| (format!("tidal {k}"), p.to_string()))
    .collect();
    for (_, p) in &programs {
        phonon_engine::compile::compile(p, &phonon_engine::compile::CompileEnv::new(bank()))
            .unwrap_or_else(|e| panic!("{}", e.render("t", p)));
    }
    soak(&programs, programs.len() * 60, 60, 1);
}
