//! Offline rendering: a program played through the same [`HostAdapter`] and [`Engine`] a plugin
//! uses, with simulated host buffer sizes, transport and hot swaps.

mod bench;
mod session;
mod thread_usage;
mod wav;

pub use bench::{bench, default_threads, peak_memory_mb, BenchOptions, BenchResult, BlockTiming};
pub use session::Session;
pub use thread_usage::ThreadUsage;
pub use wav::{read_wav, write_wav, WavStream};

use crate::graph::{HostAdapter, HostOutputs, Prepared, Transport, MAX_OUTPUTS};
use crate::lang::Errors;
use crate::samples::Bank;
use crate::time::Rational;
use std::sync::Arc;

/// Host buffer sizes to simulate.
#[derive(Clone, Debug, PartialEq)]
pub enum Blocks {
    Fixed(usize),
    /// Cycled through, call after call.
    Sequence(Vec<usize>),
}

#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub sample_rate: u32,
    /// Length in cycles (default 4) ...
    pub cycles: Option<f64>,
    /// ... or in seconds.
    pub seconds: Option<f64>,
    pub blocks: Blocks,
    /// Play as a host would at this tempo, with its transport running from beat 0.
    pub bpm: Option<f64>,
    /// Swap to this program at this cycle.
    pub swap: Option<(String, Rational)>,
    /// More swaps after `swap`, each program at its cycle, in order of their cycles.
    pub swaps: Vec<(String, Rational)>,
    /// Refuse to render more than this many seconds (protects disks from runaway renders).
    pub max_seconds: f64,
    /// Threads in all (1: the audio thread alone).
    pub threads: usize,
    /// Summed voices of one kind as voice banks (compile/bank.rs); off renders each voice by
    /// its own nodes.
    pub voice_banks: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            sample_rate: 48000,
            cycles: None,
            seconds: None,
            blocks: Blocks::Fixed(512),
            bpm: None,
            swap: None,
            swaps: Vec::new(),
            max_seconds: 3600.0,
            threads: 1,
            voice_banks: true,
        }
    }
}

/// Rendered audio: interleaved stereo per output.
pub struct Rendered {
    pub sample_rate: u32,
    /// Main output, interleaved stereo.
    pub main: Vec<f32>,
    /// Numbered outputs the program defines: (N, interleaved stereo).
    pub stems: Vec<(u32, Vec<f32>)>,
    /// Blocks in which the output guard muted an output.
    pub nan_blocks: u64,
}

impl Rendered {
    pub fn frames(&self) -> usize {
        self.main.len() / 2
    }

    pub fn left(&self) -> Vec<f32> {
        self.main.iter().step_by(2).copied().collect()
    }

    pub fn right(&self) -> Vec<f32> {
        self.main.iter().skip(1).step_by(2).copied().collect()
    }
}

#[derive(Debug)]
pub enum RenderError {
    /// The main program does not compile: its errors and its text.
    Compile(Errors, String),
    /// Swap program `index` (0: `swap`, then `swaps` in order) does not compile.
    SwapCompile(usize, Errors, String),
    Invalid(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Compile(e, src) => write!(f, "{}", e.render("program", src)),
            RenderError::SwapCompile(k, e, src) => write!(f, "{}", e.render(&format!("swap program {}", k + 1), src)),
            RenderError::Invalid(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Render `src` with the given sample bank, into memory.
pub fn render(src: &str, bank: Arc<Bank>, opts: &RenderOptions) -> Result<Rendered, RenderError> {
    let mut main = Vec::new();
    let mut stems: Vec<(u32, Vec<f32>)> = Vec::new();
    let info = render_stream(src, bank, opts, |chunk| {
        if chunk.port == 0 {
            main.extend_from_slice(chunk.interleaved);
        } else {
            match stems.iter_mut().find(|(k, _)| *k == chunk.port) {
                Some((_, v)) => v.extend_from_slice(chunk.interleaved),
                None => stems.push((chunk.port, chunk.interleaved.to_vec())),
            }
        }
        Ok(())
    })?;
    stems.sort_by_key(|(k, _)| *k);
    Ok(Rendered { sample_rate: info.sample_rate, main, stems, nan_blocks: info.nan_blocks })
}

/// A piece of rendered audio on its way out: interleaved stereo of one output.
pub struct Chunk<'a> {
    /// 0: the main output; N: `outN`.
    pub port: u32,
    pub interleaved: &'a [f32],
}

/// What a streamed render tells at its end.
#[derive(Clone, Copy, Debug)]
pub struct StreamInfo {
    pub sample_rate: u32,
    pub frames: usize,
    /// The numbered outputs the first program defines, as a bit set (bit N: `outN`).
    pub stems: u32,
    pub nan_blocks: u64,
}

/// Render `src`, handing the audio to `sink` one host buffer at a time (main output, then every
/// numbered output the program defines): memory stays flat however long the render. A sink
/// error stops the render and is returned.
pub fn render_stream(
    src: &str,
    bank: Arc<Bank>,
    opts: &RenderOptions,
    mut sink: impl FnMut(Chunk) -> Result<(), String>,
) -> Result<StreamInfo, RenderError> {
    let sr = opts.sample_rate;
    if !(1000..=768_000).contains(&sr) {
        return Err(RenderError::Invalid(format!("sample rate {sr} is out of range (1000..768000)")));
    }
    let mut session = Session::new(sr, bank);
    session.set_voice_banks(opts.voice_banks);
    let first = session.prepare(src).map_err(|e| RenderError::Compile(e, src.to_string()))?;
    let settings = first.graph().settings();
    let mut swaps = Vec::new();
    for (k, (other, at)) in opts.swap.iter().chain(opts.swaps.iter()).enumerate() {
        let p = session.prepare(other).map_err(|e| RenderError::SwapCompile(k, e, other.clone()))?;
        swaps.push((p, *at));
    }
    let cps = match opts.bpm {
        Some(b) if b.is_finite() && b > 0.0 => Rational::from_f64(b / 60.0) / settings.bpc,
        Some(b) => return Err(RenderError::Invalid(format!("--bpm {b} must be positive"))),
        None => settings.cps.unwrap_or(crate::graph::plan::DEFAULT_CPS),
    };
    let seconds = match (opts.seconds, opts.cycles) {
        (Some(s), _) => s,
        (None, c) => c.unwrap_or(4.0) / cps.to_f64(),
    };
    if !(seconds.is_finite() && seconds >= 0.0) || seconds > opts.max_seconds {
        return Err(RenderError::Invalid(format!(
            "render length {seconds:.1} s is out of range (at most {} s)",
            opts.max_seconds
        )));
    }
    let frames = (seconds * sr as f64).round() as usize;
    let outs: Vec<u32> = first.graph().numbered_outputs().collect();
    let stems_n = outs.iter().copied().max().unwrap_or(0) as usize;
    session.send(first);

    let mut engine = session.take_engine().ok_or_else(|| RenderError::Invalid("engine already taken".into()))?;
    engine.set_threads(opts.threads.max(1));
    let mut adapter = HostAdapter::new(engine);
    // Swaps in order of their cycles; each is timed by the clock of the program playing when
    // it is queued (a program's tempo applies from its first block on).
    swaps.sort_by_key(|(_, at)| *at);
    let mut swaps: std::collections::VecDeque<(Prepared, Rational)> = swaps.into();

    let latency = HostAdapter::LATENCY as usize;
    let total = frames + latency;
    let ports = 1 + stems_n.min(MAX_OUTPUTS);
    let biggest = match &opts.blocks {
        Blocks::Fixed(n) => (*n).max(1),
        Blocks::Sequence(v) => v.iter().copied().max().unwrap_or(512).max(1),
    };
    let mut bufs: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [vec![0.0; biggest], vec![0.0; biggest]]).collect();
    let mut inter = Vec::with_capacity(biggest * 2);
    let mut pos = 0usize;
    let mut call = 0usize;
    let mut waiting: Option<i64> = None;
    let spb = cps.to_f64() * settings.bpc.to_f64() / sr as f64; // beats per sample
    while pos < total {
        let want = match &opts.blocks {
            Blocks::Fixed(n) => (*n).max(1),
            Blocks::Sequence(v) if !v.is_empty() => v[call % v.len()].max(1),
            Blocks::Sequence(_) => 512,
        };
        let len = want.min(total - pos);
        // The engine holds one waiting swap and starts it on its exact sample; the next is
        // queued once that one has started (a newer graph would replace a waiting one).
        if waiting.is_none_or(|at| adapter.engine().position() >= at + crate::graph::BLOCK as i64) {
            if let Some((p, cycle)) = swaps.pop_front() {
                // Before the first block the engine's clock does not have the program's tempo yet.
                let at = match waiting {
                    None => crate::graph::Clock::new(sr, cps).sample_of(cycle),
                    Some(_) => adapter.engine().clock().sample_of(cycle),
                }
                .max(0);
                session.send_at(p, at);
                waiting = Some(at);
            }
        }
        if opts.bpm.is_some() {
            adapter.transport(Transport { playing: true, beats: Some(pos as f64 * spb), bpm: opts.bpm });
        }
        let mut views: Vec<[&mut [f32]; 2]> = bufs.iter_mut().map(|[l, r]| [&mut l[..len], &mut r[..len]]).collect();
        adapter.process(len, None, &mut HostOutputs { ports: &mut views });
        // The adapter's latency: the first frames are before the program's start.
        let skip = latency.saturating_sub(pos).min(len);
        for (k, [l, r]) in bufs.iter().enumerate() {
            if k > 0 && !outs.contains(&(k as u32)) {
                continue;
            }
            inter.clear();
            for i in skip..len {
                inter.push(l[i]);
                inter.push(r[i]);
            }
            if !inter.is_empty() {
                sink(Chunk { port: k as u32, interleaved: &inter }).map_err(RenderError::Invalid)?;
            }
        }
        pos += len;
        call += 1;
        if call % 64 == 0 {
            session.collect();
        }
    }
    let nan_blocks = adapter.engine().status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed);
    drop(adapter);
    session.collect();
    let stems = outs.iter().filter(|&&k| (k as usize) < ports).fold(0u32, |b, &k| b | (1 << k));
    Ok(StreamInfo { sample_rate: sr, frames, stems, nan_blocks })
}
