//! DSP benchmarks: real-time factors of the W1 and W3 workloads (shared/bench/WORKLOADS.md)
//! rendered from `bench/w1.ph` and `bench/w3.ph`, and the cost of kernels on silent tails
//! against active signal (denormal safety).
//!
//! `cargo bench -p phonon-engine --bench dsp` (all), or with a filter: `-- w1`, `-- w3`,
//! `-- floor`, `-- denormal`, `-- kernel` (the voice bank among them); `-- --seconds 10` renders shorter workloads. The workload
//! programs are read from `PHONON_BENCH_DIR` if set, else from the repository's `bench/`.

use phonon_engine::dsp::comb::Comb;
use phonon_engine::dsp::dynamics::{Compressor, CompressorCurve, Limiter};
use phonon_engine::dsp::echo::Echo;
use phonon_engine::dsp::ladder::{LadderCoefs, LadderState};
use phonon_engine::dsp::modulation::{ModParams, Phaser};
use phonon_engine::dsp::noise::White;
use phonon_engine::dsp::reverb::{Fdn, FdnParams, Freeverb, FreeverbParams};
use phonon_engine::dsp::svf::{SvfCoefs, SvfMode, SvfState};
use phonon_engine::graph::{HostAdapter, HostOutputs};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

const SR: u32 = 44100;
const HOST_BLOCK: usize = 512;

/// CPU time this thread has run, in seconds (Linux: /proc/thread-self/schedstat), so that a
/// busy machine shows up as a gap between wall-clock and CPU real-time factors.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns * 1e-9)
}

/// Render a program for `seconds` through the host adapter in 512-frame buffers, single
/// threaded, and return the wall and CPU time of the rendering alone (compile and build
/// excluded) and the output's RMS.
fn render_time(src: &str, seconds: f64, banks: bool) -> (f64, f64, f64) {
    let mut session = Session::new(SR, Arc::new(Bank::empty()));
    session.set_voice_banks(banks);
    session.load(src).unwrap_or_else(|e| panic!("{}", e.render("bench", src)));
    let engine = session.take_engine().expect("engine");
    let mut adapter = HostAdapter::new(engine);
    let (mut l, mut r) = (vec![0.0f32; HOST_BLOCK], vec![0.0f32; HOST_BLOCK]);
    // One call swaps the graph in before the clock starts.
    {
        let mut ports = [[&mut l[..], &mut r[..]]];
        adapter.process(HOST_BLOCK, None, &mut HostOutputs { ports: &mut ports });
    }
    let calls = (seconds * SR as f64 / HOST_BLOCK as f64).ceil() as usize;
    let mut energy = 0.0f64;
    let cpu0 = thread_cpu_seconds();
    let t = Instant::now();
    for _ in 0..calls {
        let mut ports = [[&mut l[..], &mut r[..]]];
        adapter.process(HOST_BLOCK, None, &mut HostOutputs { ports: &mut ports });
        energy += l.iter().map(|&v| (v as f64) * (v as f64)).sum::<f64>();
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    session.collect();
    (wall, cpu, (energy / (calls * HOST_BLOCK) as f64).sqrt())
}

/// The directory holding `w1.ph` and `w3.ph`: `PHONON_BENCH_DIR`, else the repository's.
fn bench_dir() -> String {
    std::env::var("PHONON_BENCH_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/").to_string())
}

fn workload(name: &str, file: &str, seconds: f64) {
    let src = std::fs::read_to_string(format!("{}/{file}", bench_dir())).expect("workload program");
    run_program(name, &src, seconds);
}

fn run_program(name: &str, src: &str, seconds: f64) {
    run_program_with(name, src, seconds, true);
}

fn run_program_with(name: &str, src: &str, seconds: f64, banks: bool) {
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    let mut level = 0.0;
    for _ in 0..5 {
        let (w, c, rms) = render_time(src, seconds, banks);
        walls.push(w);
        cpus.push(c);
        level = rms;
    }
    walls.sort_by(|a, b| a.partial_cmp(b).unwrap());
    cpus.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: {seconds} s of audio, median of 5: wall {:.3} s = real-time factor {:.0}x (best {:.0}x); \
         CPU {:.3} s = {:.0}x (best {:.0}x); rms {level:.4}",
        walls[2],
        seconds / walls[2],
        seconds / walls[0],
        cpus[2],
        seconds / cpus[2],
        seconds / cpus[0],
    );
}

/// Nanoseconds per sample of `f` over `n` samples.
fn ns_per_sample(n: usize, mut f: impl FnMut(usize)) -> f64 {
    let t = Instant::now();
    for i in 0..n {
        f(i);
    }
    t.elapsed().as_nanos() as f64 / n as f64
}

/// Cost of a kernel on noise, then on the silence after its tail has had 30 s to decay: a
/// kernel that let its state fall into denormal numbers would be many times slower there.
fn denormal_case(name: &str, mut tick: impl FnMut(f32) -> f32) {
    let n = 10 * SR as usize;
    let mut noise = White::new(1);
    let mut sink = 0.0f32;
    let active = ns_per_sample(n, |_| sink += tick(noise.tick()));
    for _ in 0..30 * SR as usize {
        sink += tick(0.0);
    }
    let silent = ns_per_sample(n, |_| sink += tick(0.0));
    black_box(sink);
    println!(
        "denormal {name:>12}: active {active:6.2} ns/sample, silent tail {silent:6.2} ns/sample, ratio {:.2}",
        silent / active
    );
}

fn denormals() {
    let sr = SR as f32;
    let c = SvfCoefs::new(300.0, 8.0, sr);
    let mut s = SvfState::default();
    let mut k = 0;
    denormal_case("svf lpf", |x| {
        let y = s.tick_mode(&c, x, SvfMode::Low);
        k += 1;
        if k % 128 == 0 {
            s.flush();
        }
        y
    });
    let lc = LadderCoefs::new(500.0, 0.9, 1.0 / sr);
    let mut ls = LadderState::default();
    let mut k = 0;
    denormal_case("moog", |x| {
        let y = ls.tick(&lc, x);
        k += 1;
        if k % 128 == 0 {
            ls.flush();
        }
        y
    });
    let mut comb = Comb::new(2000);
    denormal_case("comb", |x| comb.tick(x, 441.0, 0.95, 0.3));
    let mut echo = Echo::new(sr, 1.0);
    denormal_case("delay", |x| echo.tick(x, 0.3 * sr, 0.7));
    let mut ph = Phaser::new(sr);
    let p = ModParams { rate: 0.3, depth: 0.8, feedback: 0.7, mix: 0.5 };
    let mut k = 0;
    denormal_case("phaser", |x| {
        k += 1;
        if k % 128 == 0 {
            ph.flush();
        }
        ph.tick(x, x, p).0
    });
    let mut comp = Compressor::new(sr);
    let curve = CompressorCurve { threshold_db: -20.0, ratio: 4.0, knee_db: 0.0, makeup_db: 0.0 };
    denormal_case("compressor", |x| x * comp.gain(x.abs(), &curve));
    let mut lim = Limiter::new(sr, 0.005);
    let rel = lim.release_coef(0.05);
    denormal_case("limiter", |x| lim.tick(x, x, 0.5, rel).0);
    // Block-based reverbs: feed 128-sample blocks.
    for (name, mut run) in [
        (
            "reverb (fdn)",
            Box::new({
                let mut v = Fdn::new(sr);
                move |x: &[f32; 128], o: &mut [f32; 128]| {
                    let mut r = [0.0; 128];
                    v.process(x, x, o, &mut r, FdnParams { decay: 3.0, damp: 0.3 })
                }
            }) as Box<dyn FnMut(&[f32; 128], &mut [f32; 128])>,
        ),
        (
            "freeverb",
            Box::new({
                let mut v = Freeverb::new(sr);
                move |x: &[f32; 128], o: &mut [f32; 128]| {
                    let mut r = [0.0; 128];
                    v.process(x, x, o, &mut r, FreeverbParams { room: 0.9, damp: 0.3 })
                }
            }),
        ),
    ] {
        let mut buf = [0.0f32; 128];
        let mut out = [0.0f32; 128];
        let mut noise = White::new(2);
        let blocks = 10 * SR as usize / 128;
        let active = ns_per_sample(blocks, |_| {
            buf.iter_mut().for_each(|v| *v = noise.tick());
            run(&buf, &mut out);
        }) / 128.0;
        buf.fill(0.0);
        for _ in 0..30 * SR as usize / 128 {
            run(&buf, &mut out);
        }
        let silent = ns_per_sample(blocks, |_| run(&buf, &mut out)) / 128.0;
        black_box(out);
        println!(
            "denormal {name:>12}: active {active:6.2} ns/sample, silent tail {silent:6.2} ns/sample, ratio {:.2}",
            silent / active
        );
    }
}

/// Kernel speeds in ns per sample, baseline and AVX2+FMA paths alternated so that a busy
/// machine affects both alike (best of 7 each).
fn kernels() {
    use phonon_engine::dsp::blep::{increment, BlepOsc, Wave};
    use phonon_engine::dsp::simd::allow_wide;
    use phonon_engine::dsp::svf::SvfBlock;
    let sr = SR as f32;
    let blocks = 20_000;
    let mut x = [0.0f32; 128];
    let mut noise = White::new(5);
    x.iter_mut().for_each(|v| *v = noise.tick());
    let mut y = [0.0f32; 128];
    let cases: Vec<(&str, Box<dyn FnMut()>)> = vec![
        ("svf block (lpf)", {
            let b = SvfBlock::new(&SvfCoefs::new(800.0, 1.3, sr), SvfMode::Low);
            let mut s = SvfState::default();
            Box::new(move || {
                b.process(&mut s, &x, &mut y);
                s.flush();
                black_box(&y);
            })
        }),
        ("saw (const)", {
            let mut o = BlepOsc::new(0.0);
            let inc = increment(77.0, 1.0 / sr);
            Box::new(move || {
                o.process_const(Wave::Saw, inc, &mut y);
                black_box(&y);
            })
        }),
        ("bank 64 saw>lpf", {
            // W1's voices as one bank: the cost per sample of all 64 together.
            use phonon_engine::dsp::bank::{render, BankWave, Cutoff, Scratch, Stretch, Unit};
            use phonon_engine::dsp::blep::{BlepLanes, LANES};
            use phonon_engine::dsp::fast_math::prewarp;
            use phonon_engine::dsp::svf::{SvfLaneCoefs, SvfLanes};
            let g = prewarp(800.0, 1.0 / sr);
            let mut units: Vec<Unit> = (0..64 / LANES)
                .map(|u| {
                    let v = |l: usize| (u * LANES + l) as f32;
                    let inc = std::array::from_fn(|l| increment(55.0 * (1.0 + 0.013 * v(l)), 1.0 / sr));
                    let k = std::array::from_fn(|l| 1.0 / (0.7 + 1.3 * v(l) / 63.0));
                    Unit {
                        osc: BlepLanes::new(Wave::Saw, inc),
                        svf: SvfLanes::default(),
                        k,
                        weight: [1.0; LANES],
                        held: SvfLaneCoefs::from_g_k(g, &k),
                    }
                })
                .collect();
            let mut scratch = Scratch::new();
            let held = [Stretch { from: 0, to: 128, cutoff: Cutoff::Held }];
            let gs = [g; 128];
            Box::new(move || {
                render(&mut units, BankWave::Saw, Some(SvfMode::Low), &held, &gs, &mut scratch, &mut y);
                black_box(&y);
            })
        }),
        ("reverb (fdn)", {
            let mut v = Fdn::new(sr);
            let mut r = [0.0f32; 128];
            Box::new(move || {
                v.process(&x, &x, &mut y, &mut r, FdnParams { decay: 2.0, damp: 0.3 });
                black_box(&r);
            })
        }),
        ("moog", {
            let c = LadderCoefs::new(900.0, 0.7, 1.0 / sr);
            let mut s = LadderState::default();
            Box::new(move || {
                for i in 0..128 {
                    y[i] = s.tick(&c, x[i]);
                }
                s.flush();
                black_box(&y);
            })
        }),
        ("freeverb", {
            let mut v = Freeverb::new(sr);
            let mut r = [0.0f32; 128];
            Box::new(move || {
                v.process(&x, &x, &mut y, &mut r, FreeverbParams { room: 0.8, damp: 0.5 });
                black_box(&r);
            })
        }),
    ];
    for (name, mut f) in cases {
        let (mut narrow, mut wide) = (f64::MAX, f64::MAX);
        for round in 0..14 {
            let w = round % 2 == 1;
            allow_wide(w);
            let t = ns_per_sample(blocks, |_| f()) / 128.0;
            if w {
                wide = wide.min(t);
            } else {
                narrow = narrow.min(t);
            }
        }
        allow_wide(true);
        println!("kernel {name:>16}: baseline {narrow:6.2} ns/sample, avx2+fma {wide:6.2} ns/sample");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut seconds = 60.0;
    let mut filters = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seconds" {
            seconds = it.next().and_then(|s| s.parse().ok()).unwrap_or(60.0);
        } else {
            filters.push(a.clone());
        }
    }
    let want = |n: &str| filters.is_empty() || filters.iter().any(|f| n.contains(f.as_str()));
    if want("w1") {
        workload("W1 osc-filter bank", "w1.ph", seconds);
        // The same voices node by node (compile/bank.rs off), for comparison.
        let src = std::fs::read_to_string(format!("{}/w1.ph", bench_dir())).expect("workload program");
        run_program_with("W1 without voice banks", &src, seconds, false);
    }
    if want("w3") {
        workload("W3 fx chain", "w3.ph", seconds);
    }
    if want("floor") {
        // The engine's own cost per block with a one-node program: a floor under every
        // workload's time that no DSP work can go below.
        run_program("engine floor (out: 0)", "out: 0", seconds);
    }
    if want("denormal") {
        denormals();
    }
    if want("kernel") {
        kernels();
    }
}
