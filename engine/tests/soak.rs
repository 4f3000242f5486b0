//! A soak: many hot swaps through the engine API across the presets and generated programs of
//! every shape, with memory flat and not one allocation on the audio thread (every host call
//! runs under `assert_no_alloc`, which aborts this binary on any allocation or free).
//!
//! Short by default (a few seconds); `PHONON_SOAK_SWAPS=10000 cargo test --release -p
//! phonon-engine --test soak -- --nocapture` runs the long one and prints its figures.

mod preset_files;
mod shapes;

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::graph::{HostAdapter, HostOutputs, Transport};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: AllocDisabler = AllocDisabler;

const HOST_BLOCK: usize = 256;
/// Host calls played between swaps: long enough for each swap's cross-fade to finish.
const CALLS_PER_SWAP: usize = 6;

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn programs(bank: &Arc<Bank>) -> Vec<(String, String)> {
    let mut v = preset_files::presets();
    let env = CompileEnv::new(bank.clone());
    let mut rng = shapes::Rng(0x50a4_2026);
    let mut generated = 0;
    while generated < 120 {
        let src = shapes::program(&mut rng, 24);
        if compile(&src, &env).is_ok() {
            v.push((format!("generated {generated}"), src));
            generated += 1;
        }
    }
    v
}

#[test]
fn swaps_across_presets_and_generated_programs_keep_memory_flat_and_never_allocate() {
    let swaps: usize = std::env::var("PHONON_SOAK_SWAPS").ok().and_then(|s| s.parse().ok()).unwrap_or(600);
    let bank = Arc::new(Bank::builtin());
    let programs = programs(&bank);
    let mut session = Session::new(48_000, bank);
    let mut adapter = HostAdapter::new(session.take_engine().unwrap());
    let (mut l, mut r) = (vec![0.0f32; HOST_BLOCK], vec![0.0f32; HOST_BLOCK]);
    let mut aux: Vec<[Vec<f32>; 2]> = (0..8).map(|_| [vec![0.0; HOST_BLOCK], vec![0.0; HOST_BLOCK]]).collect();
    let started = Instant::now();
    let (mut settled, mut peak_after) = (0.0f64, 0.0f64);
    let first = resident_mb();
    let mut beats = 0.0f64;
    for i in 0..swaps {
        let (name, src) = &programs[(i * 7) % programs.len()];
        let p = session.prepare(src).unwrap_or_else(|e| panic!("{}", e.render(name, src)));
        session.send(p);
        for _ in 0..CALLS_PER_SWAP {
            let mut ports: Vec<[&mut [f32]; 2]> = Vec::with_capacity(9);
            ports.push([&mut l[..], &mut r[..]]);
            for [al, ar] in aux.iter_mut() {
                ports.push([&mut al[..], &mut ar[..]]);
            }
            let t = Transport { playing: true, beats: Some(beats), bpm: Some(120.0) };
            beats += HOST_BLOCK as f64 * 2.0 / 48_000.0;
            assert_no_alloc(|| {
                adapter.transport(t);
                adapter.process(HOST_BLOCK, None, &mut HostOutputs { ports: &mut ports });
            });
            assert!(l.iter().chain(&r).all(|x| x.is_finite() && x.abs() < 1.0), "{name}");
        }
        session.collect();
        // Memory is compared from a quarter of the way in: caches and pools are warm by then.
        if i == swaps / 4 {
            settled = resident_mb();
        }
        if i > swaps / 4 {
            peak_after = peak_after.max(resident_mb());
        }
    }
    let secs = started.elapsed().as_secs_f64();
    drop(adapter);
    session.collect();
    let last = resident_mb();
    eprintln!(
        "soak: {swaps} swaps over {} programs in {secs:.1} s ({:.1} ms per swap); resident memory {first:.1} MB at the start, {settled:.1} MB after {} swaps, at most {peak_after:.1} MB after that, {last:.1} MB at the end",
        programs.len(),
        secs * 1000.0 / swaps as f64,
        swaps / 4
    );
    if settled > 0.0 {
        assert!(peak_after - settled < 32.0, "memory grows: {settled:.1} MB -> {peak_after:.1} MB");
    }
}
