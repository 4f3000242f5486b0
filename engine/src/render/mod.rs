//! Offline rendering: a program played through the same [`HostAdapter`] and [`Engine`] a plugin
//! uses, with simulated host buffer sizes, transport and hot swaps.

mod bench;
mod session;
mod wav;

pub use bench::{bench, default_threads, peak_memory_mb, BenchOptions, BenchResult};
pub use session::Session;
pub use wav::{read_wav, write_wav};

use crate::graph::{HostAdapter, HostOutputs, Transport, MAX_OUTPUTS};
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
    /// Refuse to render more than this many seconds (protects disks from runaway renders).
    pub max_seconds: f64,
    /// Threads in all (1: the audio thread alone).
    pub threads: usize,
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
            max_seconds: 3600.0,
            threads: 1,
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
    Compile(Errors, String),
    Invalid(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Compile(e, src) => write!(f, "{}", e.render("program", src)),
            RenderError::Invalid(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Render `src` with the given sample bank.
pub fn render(src: &str, bank: Arc<Bank>, opts: &RenderOptions) -> Result<Rendered, RenderError> {
    let sr = opts.sample_rate;
    if !(1000..=768_000).contains(&sr) {
        return Err(RenderError::Invalid(format!("sample rate {sr} is out of range (1000..768000)")));
    }
    let mut session = Session::new(sr, bank);
    let first = session.prepare(src).map_err(|e| RenderError::Compile(e, src.to_string()))?;
    let settings = first.graph().settings();
    let second = match &opts.swap {
        Some((other, _)) => Some(session.prepare(other).map_err(|e| RenderError::Compile(e, other.clone()))?),
        None => None,
    };
    let cps = match opts.bpm {
        Some(b) if b.is_finite() && b > 0.0 => Rational::from_f64(b / 60.0) / settings.bpc,
        Some(b) => return Err(RenderError::Invalid(format!("--bpm {b} must be positive"))),
        None => settings.cps.unwrap_or(crate::compile::plan::DEFAULT_CPS),
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
    let swap_at = opts.swap.as_ref().map(|(_, c)| adapter.engine().clock().sample_of(*c).max(0));
    let mut second = second.map(|p| (p, swap_at.unwrap_or(0)));

    let latency = HostAdapter::LATENCY as usize;
    let total = frames + latency;
    let ports = 1 + stems_n.min(MAX_OUTPUTS);
    let mut bufs: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [vec![0.0; total], vec![0.0; total]]).collect();
    let mut pos = 0usize;
    let mut call = 0usize;
    let spb = cps.to_f64() * settings.bpc.to_f64() / sr as f64; // beats per sample
    while pos < total {
        let want = match &opts.blocks {
            Blocks::Fixed(n) => (*n).max(1),
            Blocks::Sequence(v) if !v.is_empty() => v[call % v.len()].max(1),
            Blocks::Sequence(_) => 512,
        };
        let len = want.min(total - pos);
        if let Some((p, at)) = second.take() {
            session.send_at(p, at);
        }
        if opts.bpm.is_some() {
            adapter.transport(Transport { playing: true, beats: Some(pos as f64 * spb), bpm: opts.bpm });
        }
        let mut views: Vec<[&mut [f32]; 2]> =
            bufs.iter_mut().map(|[l, r]| [&mut l[pos..pos + len], &mut r[pos..pos + len]]).collect();
        adapter.process(len, None, &mut HostOutputs { ports: &mut views });
        pos += len;
        call += 1;
        if call % 64 == 0 {
            session.collect();
        }
    }
    let interleave = |[l, r]: &[Vec<f32>; 2]| -> Vec<f32> {
        let mut v = Vec::with_capacity(frames * 2);
        for i in latency..total {
            v.push(l[i]);
            v.push(r[i]);
        }
        v
    };
    let main = interleave(&bufs[0]);
    let stems = outs.iter().filter(|&&k| (k as usize) < ports).map(|&k| (k, interleave(&bufs[k as usize]))).collect();
    let nan_blocks = adapter.engine().status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed);
    drop(adapter);
    session.collect();
    Ok(Rendered { sample_rate: sr, main, stems, nan_blocks })
}
