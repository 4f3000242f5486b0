//! Parse + compile + build time of a 100-line program (the work done off the audio thread
//! every time the code changes). `cargo bench -p phonon-engine --bench compile`.

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::graph::{build, BuildEnv};
use phonon_engine::lang::parse_program;
use phonon_engine::samples::Bank;
use std::sync::Arc;
use std::time::Instant;

/// A hundred lines in the shapes live programs have: drum patterns with controls, synth
/// lines through filters, buses mixed and processed, a feedback loop, several outputs.
fn program() -> String {
    let drums = ["bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cy", "perc"];
    let mut lines = vec!["-- generated benchmark program".to_string(), "tempo: 0.55".to_string()];
    for i in 0..30 {
        let d = drums[i % drums.len()];
        lines.push(format!(
            "~d{i}: s \"{d} ~ {d}:{} [~ {d}] <{d} ~> {d}:{}\" # gain \"0.8 0.6 0.9\" # pan \"<0.2 0.8>\" # speed \"1 [1 2]\"",
            i % 4,
            (i + 1) % 4
        ));
    }
    for i in 0..30 {
        lines.push(format!(
            "~s{i}: saw \"{} {} <{} {}>\" # lpf (sine 0.{} * 800 + 1200) q:0.{} # gain 0.1",
            55 + i,
            110 + i,
            82 + i,
            98 + i,
            1 + i % 9,
            2 + i % 7
        ));
    }
    for i in 0..20 {
        lines.push(format!("~m{i}: (~d{} + ~s{}) * 0.5 # hpf 40", i, i));
    }
    lines.push("~fb: ~fb * 0.4 + ~m0 * 0.2".to_string());
    for k in 1..=8 {
        let parts: Vec<String> = (0..2).map(|j| format!("~m{}", (k * 2 + j) % 20)).collect();
        lines.push(format!("out{k}: ({}) # reverb 0.2 # limiter", parts.join(" + ")));
    }
    while lines.len() < 99 {
        let n = lines.len();
        lines.push(format!("~x{n}: square \"{} {}\" # moog 900 0.3 # gain 0.05", 200 + n, 300 + n));
    }
    lines.push("out: ~fb + ~m1 + ~m2 # compressor 18 3".to_string());
    lines.join("\n") + "\n"
}

fn main() {
    let src = program();
    assert_eq!(src.lines().count(), 100);
    let bank = Arc::new(Bank::builtin());
    let env = CompileEnv::new(bank.clone());
    let build_env = BuildEnv::new(48_000.0, bank);
    // Warm up (and check it compiles).
    let plan = compile(&src, &env).unwrap_or_else(|e| panic!("{}", e.render("bench.ph", &src)));
    println!("program: 100 lines, {} nodes", plan.nodes.len());
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let (mut parse, mut compile_t, mut build_t, mut again) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        // First time: no statement and no pattern string seen before.
        phonon_engine::lang::clear_statement_cache();
        let t = Instant::now();
        let _ = parse_program(&src).unwrap();
        parse.push(t.elapsed().as_secs_f64() * 1e3);
        phonon_engine::lang::clear_statement_cache();
        phonon_engine::pattern::mini::clear_cache();
        let t = Instant::now();
        let plan = compile(&src, &env).unwrap();
        compile_t.push(t.elapsed().as_secs_f64() * 1e3);
        // Re-evaluation: statements and strings are parsed already, as after a live edit.
        let t = Instant::now();
        let _ = compile(&src, &env).unwrap();
        again.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let g = build(&plan, &build_env);
        build_t.push(t.elapsed().as_secs_f64() * 1e3);
        drop(g);
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (p, c, b, a) = (med(&mut parse), med(&mut compile_t), med(&mut build_t), med(&mut again));
    println!("parse            {p:.3} ms (median of {runs})");
    println!("parse + compile  {c:.3} ms (every statement and pattern string parsed)");
    println!("build            {b:.3} ms");
    println!("total            {:.3} ms (target < 5 ms)", c + b);
    println!("re-evaluation    {:.3} ms (compile + build of a program parsed before)", a + b);
}
