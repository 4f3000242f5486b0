//! `phonon bench`: how fast a program renders, through the same adapter and engine a host
//! drives, without writing anything.

use super::{RenderError, Session, ThreadUsage};
use crate::graph::{HostAdapter, HostOutputs, MAX_OUTPUTS};
use crate::samples::Bank;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub sample_rate: u32,
    pub seconds: f64,
    /// Threads in all (1: the audio thread alone).
    pub threads: usize,
    /// Host buffer size.
    pub block: usize,
    /// Summed voices of one kind as voice banks (compile/bank.rs).
    pub voice_banks: bool,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions { sample_rate: 48000, seconds: 60.0, threads: default_threads(), block: 512, voice_banks: true }
    }
}

/// The machine's cores, at most 8.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8)
}

#[derive(Clone, Debug)]
pub struct BenchResult {
    /// Seconds of audio per second of wall time spent in the host process calls.
    pub rtf: f64,
    pub block_p50_us: f64,
    pub block_p99_us: f64,
    pub block_max_us: f64,
    /// Where the slowest host buffer started: seconds of audio and the cycle it played.
    pub worst_at_s: f64,
    pub worst_cycle: f64,
    /// What the audio thread used during the slowest buffer: when its CPU time is far below
    /// its wall time, the buffer waited (preempted by another process, faulting pages in)
    /// rather than worked.
    pub worst_usage: ThreadUsage,
    /// The audio thread's CPU time per buffer (work, not waiting): median, p99 and max, and
    /// where the max was.
    pub cpu_p50_us: f64,
    pub cpu_p99_us: f64,
    pub cpu_max_us: f64,
    pub cpu_max_at_s: f64,
    pub cpu_max_cycle: f64,
    /// Times the audio thread was preempted, and buffers in which it was, over the render.
    pub preemptions: u64,
    pub preempted_blocks: usize,
    /// Every host buffer in render order.
    pub timings: Vec<BlockTiming>,
    /// Peak resident memory of the process, MB (Linux; 0 elsewhere).
    pub peak_mem_mb: f64,
    pub blocks: usize,
    pub threads: usize,
    /// Whether the graph has stages that run on worker threads.
    pub parallel: bool,
}

impl BenchResult {
    /// The machine-readable line `phonon bench` always ends with.
    pub fn line(&self) -> String {
        format!(
            "rtf={:.1} block_p50_us={:.1} block_p99_us={:.1} block_max_us={:.1} cpu_p99_us={:.1} cpu_max_us={:.1} peak_mem_mb={:.1}",
            self.rtf,
            self.block_p50_us,
            self.block_p99_us,
            self.block_max_us,
            self.cpu_p99_us,
            self.cpu_max_us,
            self.peak_mem_mb
        )
    }
}

/// One host buffer of a bench run.
#[derive(Clone, Copy, Debug)]
pub struct BlockTiming {
    /// Seconds of audio before the buffer, and the cycle the engine rendered next.
    pub at_s: f64,
    pub cycle: f64,
    /// Wall time of the `process` call.
    pub wall_us: f64,
    /// What the audio thread used during it.
    pub usage: ThreadUsage,
}

impl BlockTiming {
    /// The header of [`BlockTiming::csv_row`].
    pub const CSV_HEADER: &'static str = "block,at_s,cycle,wall_us,cpu_us,preemptions,page_faults";

    pub fn csv_row(&self, index: usize) -> String {
        format!(
            "{index},{:.6},{:.4},{:.1},{:.1},{},{}",
            self.at_s,
            self.cycle,
            self.wall_us,
            self.usage.cpu_us,
            self.usage.preemptions,
            self.usage.minor_faults + self.usage.major_faults
        )
    }
}

/// Peak resident set size of this process in MB, from /proc (0 where unavailable).
pub fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Render `src` for `opts.seconds` and time every host buffer.
pub fn bench(src: &str, bank: Arc<Bank>, opts: &BenchOptions) -> Result<BenchResult, RenderError> {
    if !(opts.seconds.is_finite() && opts.seconds > 0.0 && opts.seconds <= 3600.0) {
        return Err(RenderError::Invalid(format!("--seconds {} must be in (0, 3600]", opts.seconds)));
    }
    let mut session = Session::new(opts.sample_rate, bank);
    session.set_voice_banks(opts.voice_banks);
    let prepared = session.prepare(src).map_err(|e| RenderError::Compile(e, src.to_string()))?;
    let parallel = prepared.graph().parallel();
    let ports = 1 + prepared.graph().numbered_outputs().max().unwrap_or(0) as usize;
    session.send(prepared);
    let mut engine = session.take_engine().ok_or_else(|| RenderError::Invalid("no engine".into()))?;
    engine.set_threads(opts.threads.max(1));
    let threads = engine.threads();
    let mut adapter = HostAdapter::new(engine);
    let block = opts.block.clamp(1, 1 << 16);
    let ports = ports.min(MAX_OUTPUTS + 1);
    let mut bufs: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [vec![0.0; block], vec![0.0; block]]).collect();
    let run = |adapter: &mut HostAdapter, bufs: &mut Vec<[Vec<f32>; 2]>| {
        let mut views: Vec<[&mut [f32]; 2]> = bufs.iter_mut().map(|[l, r]| [&mut l[..], &mut r[..]]).collect();
        adapter.process(block, None, &mut HostOutputs { ports: &mut views });
    };
    // Start-up (first swap, caches) is excluded.
    for _ in 0..8 {
        run(&mut adapter, &mut bufs);
    }
    let calls = ((opts.seconds * opts.sample_rate as f64) / block as f64).ceil().max(1.0) as usize;
    let mut times = Vec::with_capacity(calls);
    let mut cpu_times = Vec::with_capacity(calls);
    let mut timings = Vec::with_capacity(calls);
    let at_s = |call: usize| (call * block) as f64 / opts.sample_rate as f64;
    let (mut worst, mut worst_call, mut worst_cycle) = (-1.0, 0, 0.0);
    let mut worst_usage = ThreadUsage::default();
    let (mut cpu_worst, mut cpu_worst_call, mut cpu_worst_cycle) = (-1.0, 0, 0.0);
    let (mut preemptions, mut preempted_blocks) = (0, 0);
    // Rendering time is the sum of the process calls: reading the thread's counters around
    // each (four system calls) is the bench's own cost, 16% of a light program's wall time.
    let mut rendering = 0.0;
    for call in 0..calls {
        // The engine runs a block behind the host (its latency): the cycle it renders next.
        let cycle = adapter.engine().clock().cycle_at(adapter.engine().position()).to_f64();
        let before = ThreadUsage::now();
        let t = Instant::now();
        run(&mut adapter, &mut bufs);
        let us = t.elapsed().as_secs_f64() * 1e6;
        let used = ThreadUsage::now().since(&before);
        rendering += us * 1e-6;
        if us > worst {
            (worst, worst_call, worst_cycle, worst_usage) = (us, call, cycle, used);
        }
        if used.cpu_us > cpu_worst {
            (cpu_worst, cpu_worst_call, cpu_worst_cycle) = (used.cpu_us, call, cycle);
        }
        preemptions += used.preemptions;
        preempted_blocks += usize::from(used.preemptions > 0);
        times.push(us);
        cpu_times.push(used.cpu_us);
        timings.push(BlockTiming { at_s: at_s(call), cycle, wall_us: us, usage: used });
    }
    drop(adapter);
    session.collect();
    times.sort_by(|a, b| a.total_cmp(b));
    cpu_times.sort_by(|a, b| a.total_cmp(b));
    let pct = |xs: &[f64], p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    let audio = (calls * block) as f64 / opts.sample_rate as f64;
    Ok(BenchResult {
        rtf: audio / rendering.max(1e-9),
        block_p50_us: pct(&times, 0.5),
        block_p99_us: pct(&times, 0.99),
        block_max_us: times.last().copied().unwrap_or(0.0),
        worst_at_s: at_s(worst_call),
        worst_cycle,
        worst_usage,
        cpu_p50_us: pct(&cpu_times, 0.5),
        cpu_p99_us: pct(&cpu_times, 0.99),
        cpu_max_us: cpu_times.last().copied().unwrap_or(0.0),
        cpu_max_at_s: at_s(cpu_worst_call),
        cpu_max_cycle: cpu_worst_cycle,
        preemptions,
        preempted_blocks,
        timings,
        peak_mem_mb: peak_memory_mb(),
        blocks: calls,
        threads,
        parallel,
    })
}
