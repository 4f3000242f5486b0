//! Query cost of patterns per audio block: 512 samples at 48 kHz, 0.5 cycles per second
//! (2/375 of a cycle per block), as the audio thread pays it.
//!
//! `cargo bench -p phonon-engine --bench pattern_query`
//!
//! (a) a four-layer drum pattern; (b) a stress case: 16 layers of
//! `jux rev $ stut 8 0.5 0.125 $ <32 events per cycle>` (about 8,000 events per cycle).
//! Prints the median, p99 and maximum time per block over many blocks.

use phonon_engine::compile::{compile_pattern, CompileEnv};
use phonon_engine::pattern::{Pattern, QueryBuf, DEFAULT_CAPACITY};
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use std::sync::Arc;
use std::time::Instant;

/// CPU time of this thread, in seconds: unlike wall-clock time it does not count the time the
/// thread waits while the machine runs other work, so busy machines measure fairly.
fn thread_cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.sec as f64 + ts.nsec as f64 * 1e-9
}

fn compile(expr: &str) -> Pattern {
    let env = CompileEnv::new(Arc::new(Bank::builtin()));
    compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{}", e.render("bench", expr)))
}

const DRUMS: &str = r#"stack [
    s "bd*2 [~ bd] ~ bd" # gain 1,
    s "~ sn ~ [sn sn?]" # gain 0.9,
    s "hh*8" # gain "0.6 0.8" # pan sinewave,
    s "<cp [cp cp]>(3,8,<0 2>)" # speed "<1 2>"
]"#;

/// 16 layers of `jux rev $ stut 8 0.5 0.125 $ s "<...>"`, each 32 events per cycle.
fn stress() -> String {
    const KIT: [&str; 12] = ["bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cy", "perc"];
    let layers: Vec<String> = (0..16)
        .map(|i| {
            let up: Vec<String> = (0..32).map(|k| format!("{}:{}", KIT[(k * (i + 1)) % 12], k % 4)).collect();
            let down: Vec<String> = up.iter().rev().cloned().collect();
            format!("jux rev $ stut 8 0.5 0.125 $ s \"<[{}] [{}]>\"", up.join(" "), down.join(" "))
        })
        .collect();
    format!("stack [{}]", layers.join(", "))
}

struct Stats {
    median_us: f64,
    p99_us: f64,
    max_us: f64,
    cpu_median_us: f64,
    cpu_p99_us: f64,
    haps_per_block: f64,
    events_per_cycle: usize,
}

fn measure(pat: &Pattern, cycles: i64) -> Stats {
    let step = Rational::new(512, 96_000);
    let blocks = (Rational::int(cycles) / step).floor_int();
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let mut times = Vec::with_capacity(blocks as usize);
    let mut cpu = Vec::with_capacity(blocks as usize);
    let mut haps = 0usize;
    let mut t = Rational::ZERO;
    // Warm up caches and branch predictors on the first cycle.
    for _ in 0..200 {
        buf.start();
        pat.query(Span::new(t, t + step), &mut buf);
        t = t + step;
    }
    t = Rational::ZERO;
    for _ in 0..blocks {
        let span = Span::new(t, t + step);
        let cpu_start = thread_cpu_seconds();
        let start = Instant::now();
        buf.start();
        pat.query(span, &mut buf);
        let elapsed = start.elapsed();
        cpu.push((thread_cpu_seconds() - cpu_start) * 1e6);
        assert!(!buf.overflowed(), "overflow at {t}");
        haps += buf.len();
        times.push(elapsed.as_secs_f64() * 1e6);
        t = t + step;
    }
    times.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    let at = |v: &[f64], q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let pick = |q: f64| at(&times, q);
    let events_per_cycle = pat.haps(Rational::ZERO, Rational::ONE).iter().filter(|h| h.has_onset()).count();
    Stats {
        median_us: pick(0.5),
        p99_us: pick(0.99),
        max_us: times[times.len() - 1],
        cpu_median_us: at(&cpu, 0.5),
        cpu_p99_us: at(&cpu, 0.99),
        haps_per_block: haps as f64 / times.len() as f64,
        events_per_cycle,
    }
}

fn report(name: &str, s: &Stats) {
    println!("{name}: {} events/cycle, {:.0} haps/block per 512-sample block:", s.events_per_cycle, s.haps_per_block);
    println!("    wall clock: median {:.1} us, p99 {:.1} us, max {:.1} us", s.median_us, s.p99_us, s.max_us);
    println!("    thread CPU: median {:.1} us, p99 {:.1} us", s.cpu_median_us, s.cpu_p99_us);
}

fn main() {
    let drums = compile(DRUMS);
    let stress = compile(&stress());
    report("(a) four-layer drums", &measure(&drums, 64));
    let s = measure(&stress, 32);
    report("(b) stress: 16 x jux rev $ stut 8", &s);
    println!(
        "target for (b), under 1000 us per block: median {}, p99 {} (wall clock; see thread CPU on a busy machine)",
        if s.median_us < 1000.0 { "met" } else { "NOT met" },
        if s.p99_us < 1000.0 { "met" } else { "NOT met" }
    );
}
