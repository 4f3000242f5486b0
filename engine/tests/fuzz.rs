//! Property test: random and mutated programs never make the parser, the compiler, the graph
//! builder or the first blocks of rendering panic or hang; every input gives either a program
//! or errors with positions inside the text.
//!
//! The default run is a quick slice; `PHONON_FUZZ_CASES=100000 cargo test --release -p
//! phonon-engine --test fuzz` runs the long one (`PHONON_FUZZ_SEED` picks another sequence).

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::graph::{build, BuildEnv, Engine, HostIn, Outputs, Prepared};
use phonon_engine::samples::Bank;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const OPS: &[&str] =
    &["+", "-", "*", "/", "%", "#", "$", "|+", "+|", "|+|", "||+", "|-", "|*", "*|", "|/", "|<", "|>", "<~", "~>", "."];
const MINI: &[&str] = &[
    "bd", "sn", "hh", "~", "0", "1", "2.5", "-3", "c4", "e3'maj", "[", "]", "<", ">", "{", "}", "%4", "*2", "/3", "!",
    "@3", "_", "?", "?0.3", "|", ",", ".", "..", "(3,8)", "(3,8,2)", ":3", " ", " ", " ",
];
const GARBAGE: &[&str] =
    &["(", ")", "[", "]", "\"", "~", ":", ",", "\n", "\n  ", "--", "#", "$", "'", "\\", "\t", "é", "🎵", "\0"];

struct Gen {
    rng: Rng,
    names: Vec<&'static str>,
}

impl Gen {
    fn mini(&mut self) -> String {
        let n = 1 + self.rng.below(8);
        (0..n).map(|_| *self.rng.pick(MINI)).collect::<Vec<_>>().join(" ")
    }

    fn number(&mut self) -> String {
        match self.rng.below(7) {
            0 => format!("{}", self.rng.below(1000)),
            1 => format!("{}.{}", self.rng.below(20), self.rng.below(100)),
            2 => format!(".{}", self.rng.below(100)),
            3 => format!("{}e{}", self.rng.below(10), self.rng.below(40) as i64 - 20),
            4 => format!("({}/{})", self.rng.below(10), self.rng.below(10)),
            5 => "1e308".into(),
            _ => format!("0x{:x}", self.rng.below(4096)),
        }
    }

    fn expr(&mut self, depth: u32) -> String {
        if depth > 6 {
            return self.number();
        }
        match self.rng.below(12) {
            0 | 1 => self.number(),
            2 | 3 => format!("\"{}\"", self.mini()),
            4 => format!("~b{}", self.rng.below(4)),
            5 => format!("({})", self.expr(depth + 1)),
            6 => {
                let op = *self.rng.pick(OPS);
                format!("{} {op} {}", self.expr(depth + 1), self.expr(depth + 1))
            }
            7 => format!("[{}, {}]", self.expr(depth + 1), self.expr(depth + 1)),
            8 => format!("({} {})", self.rng.pick(OPS), self.expr(depth + 1)),
            _ => {
                let name = *self.rng.pick(&self.names);
                let argc = self.rng.below(4);
                let mut s = name.to_string();
                for _ in 0..argc {
                    s.push(' ');
                    if self.rng.chance(0.15) {
                        s.push_str(&format!("{}:", self.rng.pick(&["q", "freq", "cutoff", "mix", "x"])));
                    }
                    let a = self.expr(depth + 1);
                    if a.contains(' ') {
                        s.push_str(&format!("({a})"));
                    } else {
                        s.push_str(&a);
                    }
                }
                if self.rng.chance(0.3) {
                    s = format!("{s} $ {}", self.expr(depth + 1));
                }
                s
            }
        }
    }

    fn program(&mut self) -> String {
        let mut lines = Vec::new();
        for _ in 0..1 + self.rng.below(6) {
            let line = match self.rng.below(9) {
                0 => format!("{}: {}", self.rng.pick(&["tempo", "cps", "bpm", "bpc"]), self.number()),
                1 | 2 => format!("~b{}: {}", self.rng.below(4), self.expr(0)),
                3 => format!("out{}: {}", self.rng.below(20), self.expr(0)),
                4 => format!("d{} $ {}", self.rng.below(12), self.expr(0)),
                5 => self.rng.pick(&["hush", "panic", "-- comment", ""]).to_string(),
                _ => format!("out: {}", self.expr(0)),
            };
            lines.push(line);
            if self.rng.chance(0.2) {
                lines.push(format!("  # {}", self.expr(1)));
            }
        }
        lines.join("\n")
    }

    fn mutate(&mut self, src: &str) -> String {
        let mut b: Vec<char> = src.chars().collect();
        for _ in 0..1 + self.rng.below(4) {
            let len = b.len().max(1);
            match self.rng.below(5) {
                0 if !b.is_empty() => {
                    let i = self.rng.below(len);
                    let n = self.rng.below(8).min(b.len() - i);
                    b.drain(i..i + n);
                }
                1 => {
                    let i = self.rng.below(len + 1).min(b.len());
                    let g: Vec<char> = self.rng.pick(GARBAGE).chars().collect();
                    b.splice(i..i, g);
                }
                2 if !b.is_empty() => {
                    let i = self.rng.below(len);
                    let n = self.rng.below(12).min(b.len() - i);
                    let chunk: Vec<char> = b[i..i + n].to_vec();
                    let j = self.rng.below(len + 1).min(b.len());
                    b.splice(j..j, chunk);
                }
                3 => {
                    let i = self.rng.below(len + 1).min(b.len());
                    let e: Vec<char> = format!(" {} ", self.expr(3)).chars().collect();
                    b.splice(i..i, e);
                }
                _ if !b.is_empty() => {
                    let (i, j) = (self.rng.below(len), self.rng.below(len));
                    b.swap(i, j);
                }
                _ => {}
            }
        }
        b.into_iter().collect()
    }
}

fn seeds() -> Vec<String> {
    let mut v: Vec<String> = phonon_engine::registry::all().map(|f| f.example.to_string()).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../presets");
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path()) {
                v.push(s);
            }
        }
    }
    v
}

/// Compile, build and render a few blocks; panics propagate to the caller.
fn exercise(src: &str, env: &CompileEnv, build_env: &BuildEnv) {
    match compile(src, env) {
        Ok(plan) => {
            let graph = build(&plan, build_env);
            let collector = basedrop::Collector::new();
            let (mut engine, tx) = Engine::new(48_000, &collector);
            tx.send(Prepared::new(graph));
            let host = HostIn::default();
            let mut out = Outputs::default();
            for _ in 0..3 {
                engine.process_block(&host, &mut out);
                assert!(out.main.l.iter().all(|x| x.is_finite() && x.abs() < 1.0), "output out of bounds");
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error result without errors");
            for d in &errors.0 {
                assert!(d.span.start <= src.len() && d.span.end <= src.len() && d.span.start <= d.span.end);
                assert!(!d.message.is_empty());
                let _ = errors.render("fuzz.ph", src);
            }
        }
    }
}

#[test]
fn random_and_mutated_programs_never_panic_or_hang() {
    let cases: usize = std::env::var("PHONON_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let seed: u64 = std::env::var("PHONON_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_CAFE);
    let bank = Arc::new(Bank::builtin());
    let env = CompileEnv::new(bank.clone());
    let build_env = BuildEnv::new(48_000.0, bank);
    let mut g = Gen { rng: Rng(seed | 1), names: phonon_engine::registry::names() };
    let seeds = seeds();
    let (mut ok, mut err) = (0usize, 0usize);
    let mut slowest = Duration::ZERO;
    for case in 0..cases {
        let src = if case % 2 == 0 {
            g.program()
        } else {
            let seed_src = g.rng.pick(&seeds).clone();
            g.mutate(&seed_src)
        };
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| exercise(&src, &env, &build_env)));
        let took = t.elapsed();
        slowest = slowest.max(took);
        if let Err(p) = result {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("case {case} (seed {seed}) panicked: {msg:?}\n--- program ---\n{src}\n---------------");
        }
        // A hang guard, far above any real compile time.
        assert!(took < Duration::from_secs(20), "case {case} took {took:?}:\n{src}");
        match compile(&src, &env) {
            Ok(_) => ok += 1,
            Err(_) => err += 1,
        }
    }
    eprintln!("fuzz: {cases} cases, {ok} compiled, {err} rejected with errors, slowest {slowest:?}");
    assert!(ok > 0 && err > 0, "the generator must produce both valid and invalid programs");
}
