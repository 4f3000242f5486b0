//! Bounded depth: programs far deeper than anyone types (thousands of chained buses, `$`,
//! `#` and operators) build, or stop at the documented limits with a located error, on any
//! thread: the test threads here have ordinary stacks, and so do the CLI's callers.

mod shapes;

use phonon_engine::compile::depth::{MAX_PROGRAM_DEPTH, MAX_STATEMENT_OPERATORS};
use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::graph::{HostAdapter, HostOutputs};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use shapes::*;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

fn bank() -> Arc<Bank> {
    Arc::new(Bank::builtin())
}

/// The fixtures of the report: each must build.
fn fixtures() -> Vec<(&'static str, String)> {
    vec![
        ("2000 chained buses", chained_buses(2_000)),
        ("2500 chained $", chained_dollars(2_500)),
        ("2500 chained pattern $", chained_pattern_dollars(2_500)),
        ("10000 chained # lpf", chained_hashes(10_000)),
        ("8200 chained operators", chained_operators(8_200)),
    ]
}

/// Build `src` on this thread (an ordinary test thread stack) and play a few blocks.
fn build_and_play(src: &str) -> Result<f32, String> {
    let mut session = Session::new(48_000, bank());
    let p = session.prepare(src).map_err(|e| e.render("program", src))?;
    session.send(p);
    let mut adapter = HostAdapter::new(session.take_engine().unwrap());
    let (mut l, mut r) = (vec![0.0f32; 256], vec![0.0f32; 256]);
    let mut peak = 0.0f32;
    for _ in 0..4 {
        let mut ports = [[&mut l[..], &mut r[..]]];
        adapter.process(256, None, &mut HostOutputs { ports: &mut ports });
        peak = l.iter().chain(&r).fold(peak, |m, x| m.max(x.abs()));
    }
    drop(adapter);
    session.collect();
    Ok(peak)
}

#[test]
fn the_deep_fixtures_build_and_play_through_the_engine_api() {
    for (what, src) in fixtures() {
        let t = Instant::now();
        let peak = build_and_play(&src).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(peak.is_finite() && peak < 1.0, "{what}: peak {peak}");
        eprintln!("{what}: built and played in {:.2} s", t.elapsed().as_secs_f64());
    }
    // On a thread with a small stack too (a host's or an editor's thread).
    let small = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(|| compile(&chained_buses(2_000), &CompileEnv::new(bank())).map(|p| p.nodes.len()))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(small.is_ok());
}

#[test]
fn past_the_limits_a_located_error() {
    let env = CompileEnv::new(bank());
    let src = chained_hashes(MAX_STATEMENT_OPERATORS + 10);
    let e = compile(&src, &env).unwrap_err();
    let (line, col) = e.0[0].line_col(&src);
    // "out: saw 55 * 0.2" holds one operator; each " # lpf 2000" one more.
    let over = MAX_STATEMENT_OPERATORS - 1; // " # lpf 2000" before the first `#` past the limit
    assert_eq!((line, col), (1, "out: saw 55 * 0.2".len() + 11 * over + 2), "{}", e.0[0].message);
    assert!(e.0[0].message.contains("split it into buses"), "{}", e.0[0].message);

    let src = chained_buses(MAX_PROGRAM_DEPTH / 2 + 8);
    let e = compile(&src, &env).unwrap_err();
    let (line, _) = e.0[0].line_col(&src);
    assert!(line > MAX_PROGRAM_DEPTH / 4, "line {line}: {}", e.0[0].message);
    assert!(e.0[0].message.contains("nests deeper"), "{}", e.0[0].message);
}

#[test]
fn what_check_accepts_the_cli_renders() {
    let dir = std::env::temp_dir().join(format!("phonon-depth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (k, (what, src)) in fixtures().into_iter().enumerate() {
        let prog = dir.join(format!("deep{k}.ph"));
        std::fs::write(&prog, &src).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_phonon")).args(["check", prog.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
        let wav = dir.join(format!("deep{k}.wav"));
        let out = Command::new(env!("CARGO_BIN_EXE_phonon"))
            .args(["render", prog.to_str().unwrap(), wav.to_str().unwrap(), "--seconds", "0.02"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let prog = dir.join("over.ph");
    std::fs::write(&prog, chained_operators(MAX_STATEMENT_OPERATORS + 5)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_phonon")).args(["check", prog.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{}:1:", prog.display())), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Deep and wide shapes from a fixed seed: every one compiles or fails with errors inside its
/// text, quickly. Part of the normal test run.
#[test]
fn generated_deep_and_wide_programs_compile_or_fail_in_place() {
    let env = CompileEnv::new(bank());
    let mut rng = Rng(0x005e_ed0f_de97);
    let t = Instant::now();
    let (mut ok, mut failed) = (0, 0);
    for case in 0..60 {
        let scale = if case % 10 == 9 { 3_000 } else { 60 };
        let src = program(&mut rng, scale);
        match compile(&src, &env) {
            Ok(_) => ok += 1,
            Err(e) => {
                failed += 1;
                for d in &e.0 {
                    assert!(d.span.start <= src.len(), "case {case}: {} outside the text", d.message);
                }
            }
        }
    }
    assert!(ok > failed, "{ok} compiled, {failed} failed");
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}

/// What a compile returns can be dropped on a small stack too (an editor checking a program).
#[test]
fn deep_plans_drop_on_small_stacks() {
    for src in [chained_pattern_dollars(MAX_STATEMENT_OPERATORS - 10), chained_dollars(MAX_STATEMENT_OPERATORS / 2)] {
        let r = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || compile(&src, &CompileEnv::new(bank())).map(|p| p.nodes.len()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(r.is_ok(), "{r:?}");
    }
}
