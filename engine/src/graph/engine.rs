//! The engine: the current graph, hot swap with state transfer and cross-fades, the clock, and
//! the output guard. [`Engine::process_block`] is the audio thread's entry point.

use super::boundary::{HostIn, MidiOut, Outputs, MAX_OUTPUTS};
use super::build::Graph;
use super::node::Ctx;
use super::plan::DEFAULT_CPS;
use super::scope::Scope;
use super::steps::{Gathered, StepFeed};
use super::{Clock, Frame, Pool, BLOCK};
use crate::dsp::smooth::OnePole;
use crate::dsp::soft_limit::{soft_limit, LIMIT_KNEE};
use crate::pattern::host::{with_midi, MidiNotes};
use crate::pattern::QueryBuf;
use crate::time::Rational;
use crate::voice::player::Player;
use basedrop::{Collector, Handle, Owned};
use crossbeam::queue::ArrayQueue;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

/// Length of a cross-fade between an old and a new graph, in blocks.
const FADE_BLOCKS: u32 = 8;
/// Seconds a `hush` takes to fade to silence.
const HUSH_SECONDS: f32 = 0.5;
/// Time constant of the per-output gain smoothing, seconds.
const OUT_GAIN_SMOOTH: f32 = 0.005;

/// A built graph on its way to the audio thread.
pub struct Prepared {
    pub(crate) graph: Graph,
    /// Engine sample at or after which to swap in (`None`: the next block).
    pub(crate) at: Option<i64>,
    /// Replace what plays at once, without the cross-fade (a restored project).
    pub(crate) cut: bool,
    /// [`program_id`](super::program_id) of the text it was compiled from (0: unknown).
    pub(crate) program: u64,
}

impl Prepared {
    pub fn new(graph: Graph) -> Prepared {
        Prepared { graph, at: None, cut: false, program: 0 }
    }

    /// Say which program text this graph plays (its [`program_id`](super::program_id)), so
    /// the steps it publishes can be lit in that text.
    pub fn of_program(mut self, id: u64) -> Prepared {
        self.program = id;
        self
    }

    /// Replace the playing program at once instead of cross-fading from it: a restored
    /// project plays exactly as it will on playback, from its first sample.
    pub fn cut(mut self) -> Prepared {
        self.cut = true;
        self
    }

    /// Swap in at the first engine block starting at or after engine sample `at`.
    pub fn at(mut self, at: i64) -> Prepared {
        self.at = Some(at);
        self
    }

    pub fn graph(&self) -> &Graph {
        &self.graph
    }
}

/// What the audio thread tells the rest of the world, lock-free.
#[derive(Default)]
pub struct EngineStatus {
    /// Blocks in which an output held NaN or infinity and was muted.
    pub nan_blocks: AtomicU64,
    /// Bit k set: output k (0 = main) was muted by the guard since the flag was last cleared.
    pub nan_outputs: AtomicU32,
    /// Pattern queries that hit a limit (too many events, too deep, too much work).
    pub query_overflows: AtomicU64,
    /// Graphs swapped in.
    pub swaps: AtomicU64,
    /// Engine blocks processed.
    pub blocks: AtomicU64,
    /// Current cycle position, as f64 bits (for displays).
    pub cycle_bits: AtomicU64,
    /// The engine sample that cycle position is at (the end of the last block).
    pub position: AtomicI64,
    /// Cycles per second, as f64 bits.
    pub cps_bits: AtomicU64,
    /// Host beats per cycle of the playing program, as f64 bits (0 until the first swap).
    pub bpc_bits: AtomicU64,
    /// Peak level per output in the last block, as f32 bits (index 0 = main).
    pub peaks: [AtomicU32; MAX_OUTPUTS + 1],
    /// True while a hush is in effect.
    pub hushed: AtomicBool,
    /// The engine sample a host buffer began with, as it leaves the plugin, and when
    /// ([`now_nanos`](super::now_nanos)) that buffer was asked for, and its length: where the
    /// audio is, for lighting steps in time with it.
    pub heard_sample: AtomicI64,
    pub heard_nanos: AtomicU64,
    pub heard_buffer: AtomicU32,
    pub sample_rate: AtomicU32,
    /// The recent samples of the output a viewer chose.
    pub scope: Scope,
}

impl EngineStatus {
    pub fn cycle(&self) -> f64 {
        f64::from_bits(self.cycle_bits.load(Ordering::Relaxed))
    }

    pub fn cps(&self) -> f64 {
        f64::from_bits(self.cps_bits.load(Ordering::Relaxed))
    }

    /// The cycle position at engine sample `sample` near the current one (at the current
    /// tempo): where the music is at the sample being heard.
    pub fn cycle_at(&self, sample: f64) -> f64 {
        let sr = self.sample_rate.load(Ordering::Relaxed).max(1) as f64;
        let ahead = self.position.load(Ordering::Relaxed) as f64 - sample;
        self.cycle() - ahead / sr * self.cps()
    }

    /// Beats per cycle (4 until a program says otherwise).
    pub fn bpc(&self) -> f64 {
        match f64::from_bits(self.bpc_bits.load(Ordering::Relaxed)) {
            b if b > 0.0 && b.is_finite() => b,
            _ => 4.0,
        }
    }

    pub fn peak(&self, k: usize) -> f32 {
        f32::from_bits(self.peaks[k].load(Ordering::Relaxed))
    }

    /// The engine sample being heard at `now` ([`now_nanos`](super::now_nanos)), estimated
    /// from the last host buffer: it began at `heard_sample`, was asked for at `heard_nanos`
    /// and starts sounding about one buffer later, when the host has played the one before.
    /// `None` before the first buffer.
    pub fn heard_at(&self, now: u64) -> Option<f64> {
        let nanos = self.heard_nanos.load(Ordering::Acquire);
        if nanos == 0 {
            return None;
        }
        let sample = self.heard_sample.load(Ordering::Relaxed) as f64;
        let sr = self.sample_rate.load(Ordering::Relaxed).max(1) as f64;
        let buffer = self.heard_buffer.load(Ordering::Relaxed) as f64;
        let elapsed = now.saturating_sub(nanos) as f64 * 1e-9;
        Some(sample + elapsed * sr - buffer)
    }
}

/// The sending half: hands built graphs to the engine (from any non-audio thread).
#[derive(Clone)]
pub struct SwapSender {
    queue: Arc<ArrayQueue<Owned<Prepared>>>,
    handle: Handle,
}

impl SwapSender {
    /// Queue a graph for the audio thread. If graphs are waiting, the oldest is replaced: rapid
    /// edits coalesce and the latest wins. Never blocks.
    pub fn send(&self, p: Prepared) {
        let owned = Owned::new(&self.handle, p);
        // A displaced graph is dropped here, on the sending thread.
        drop(self.queue.force_push(owned));
    }
}

struct Fade {
    old: Owned<Prepared>,
    /// Bit k: output k (0 = main) cross-fades from `old`.
    mask: u32,
    block: u32,
}

pub struct Engine {
    sample_rate: u32,
    clock: Clock,
    bpc: Rational,
    /// Engine sample index of the next block.
    samples: i64,
    current: Option<Owned<Prepared>>,
    /// A graph taken from the queue that waits for its swap time.
    pending: Option<Owned<Prepared>>,
    fade: Option<Fade>,
    queue: Arc<ArrayQueue<Owned<Prepared>>>,
    query: QueryBuf,
    old_out: Outputs,
    midi_out: MidiOut,
    hush_gain: f32,
    hush_target: f32,
    /// Smoothed per-output gains (index 0 = main).
    out_gain: [OnePole; MAX_OUTPUTS + 1],
    host_tempo: bool,
    status: Arc<EngineStatus>,
    pool: Option<Pool>,
    /// Note-on and note-off times of the MIDI input, read by the `midi` pattern.
    midi: MidiNotes,
    /// Outputs written in the last block (bit 0 = main): only these need clearing.
    written: u32,
    /// Whether the guard also limits softly. A [`HostAdapter`](super::HostAdapter) turns this
    /// off: it limits last, after the master gain.
    limit: bool,
    /// Where the steps that start in each block go, when someone lights them.
    step_feed: Option<Arc<StepFeed>>,
    gathered: Gathered,
}

impl Engine {
    /// A silent engine and the sender that feeds it graphs. Dropped graphs go to `collector`,
    /// which someone must `collect()` off the audio thread from time to time.
    pub fn new(sample_rate: u32, collector: &Collector) -> (Engine, SwapSender) {
        let queue = Arc::new(ArrayQueue::new(4));
        let status = Arc::new(EngineStatus::default());
        status.cps_bits.store(DEFAULT_CPS.to_f64().to_bits(), Ordering::Relaxed);
        let engine = Engine {
            sample_rate,
            clock: Clock::new(sample_rate, DEFAULT_CPS),
            bpc: Rational::int(4),
            samples: 0,
            current: None,
            pending: None,
            fade: None,
            queue: queue.clone(),
            query: QueryBuf::new(crate::pattern::DEFAULT_CAPACITY),
            old_out: Outputs::default(),
            midi_out: MidiOut::default(),
            hush_gain: 1.0,
            hush_target: 1.0,
            out_gain: [OnePole::new(OUT_GAIN_SMOOTH, sample_rate as f32, 1.0); MAX_OUTPUTS + 1],
            host_tempo: false,
            status,
            pool: None,
            midi: MidiNotes::default(),
            limit: true,
            written: u32::MAX,
            step_feed: None,
            gathered: Gathered::default(),
        };
        engine.status.sample_rate.store(sample_rate, Ordering::Relaxed);
        // Start the shared clock here, off the audio thread.
        super::now_nanos();
        (engine, SwapSender { queue, handle: collector.handle() })
    }

    /// Use `threads` threads in all (the audio thread and `threads - 1` workers) for the
    /// parallel stages of heavy graphs. Off the audio thread: this starts or stops threads.
    /// Whether the output guard limits softly (it always mutes NaN and infinity). Whoever turns
    /// it off limits the outputs itself, as the last stage before they leave.
    pub fn set_limiter(&mut self, on: bool) {
        self.limit = on;
    }

    /// Publish the steps that start in each block to `feed` (off the audio thread).
    pub fn set_step_feed(&mut self, feed: Arc<StepFeed>) {
        self.step_feed = Some(feed);
    }

    /// Gather the steps the playing graph's players started this block and publish them.
    fn publish_steps(&mut self) {
        let (Some(feed), Some(g)) = (self.step_feed.as_ref(), self.current.as_mut()) else { return };
        self.gathered.clear();
        let program = g.program;
        for k in 0..g.graph.players.len() {
            let (i, outputs) = g.graph.players[k];
            if let Some(p) = g.graph.node_mut(i as usize).as_any_mut().downcast_ref::<Player>() {
                self.gathered.add(program, outputs, p.steps());
            }
        }
        self.gathered.publish(feed);
    }

    pub fn set_threads(&mut self, threads: usize) {
        let workers = threads.saturating_sub(1);
        if self.pool.as_ref().map(|p| p.workers()) != Some(workers) {
            self.pool = if workers > 0 { Some(Pool::new(workers)) } else { None };
        }
    }

    /// Threads used in all (1 = the audio thread alone).
    pub fn threads(&self) -> usize {
        1 + self.pool.as_ref().map(|p| p.workers()).unwrap_or(0)
    }

    /// The status, without a new handle (audio thread).
    pub fn status_ref(&self) -> &EngineStatus {
        &self.status
    }

    pub fn status(&self) -> Arc<EngineStatus> {
        self.status.clone()
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Engine sample index of the next block.
    pub fn position(&self) -> i64 {
        self.samples
    }

    /// Beats per cycle of the current program (for converting host positions).
    pub fn bpc(&self) -> Rational {
        self.bpc
    }

    /// MIDI the last block sent out.
    pub fn midi_out(&self) -> &MidiOut {
        &self.midi_out
    }

    /// The host's transport runs at `cps` and sample `n` is at cycle `t` (audio thread).
    /// `t = None` keeps the position and only sets the tempo.
    pub fn follow_host(&mut self, n: i64, t: Option<Rational>, cps: Option<Rational>) {
        if let Some(c) = cps {
            self.host_tempo = true;
            self.clock.set_cps(n, c);
        }
        if let Some(t) = t {
            self.clock.relocate(n, t);
        }
    }

    /// The host stopped driving the tempo; the program's tempo applies again.
    pub fn release_host_tempo(&mut self) {
        if self.host_tempo {
            self.host_tempo = false;
            if let Some(cps) = self.current.as_ref().and_then(|g| g.graph.settings.cps) {
                self.clock.set_cps(self.samples, cps);
            }
        }
    }

    /// Fade every output to silence (the `hush` command and host parameter).
    pub fn set_hush(&mut self, on: bool) {
        self.hush_target = if on { 0.0 } else { 1.0 };
        self.status.hushed.store(on, Ordering::Relaxed);
    }

    /// Silence now: clear every tail and voice of the current graph, drop any fade.
    pub fn panic(&mut self) {
        self.midi.clear();
        if let Some(f) = self.fade.take() {
            drop(f.old);
        }
        if let Some(g) = self.current.as_mut() {
            for n in g.graph.nodes.iter_mut() {
                n.get_mut().reset();
            }
        }
    }

    fn take_swap(&mut self) {
        if self.fade.is_some() {
            return; // finish the running fade first; the newest graph waits in the queue
        }
        let due = |p: &Prepared, now: i64| p.at.is_none_or(|at| at <= now);
        let mut next = None;
        if self.pending.as_ref().is_some_and(|p| due(p, self.samples)) {
            next = self.pending.take();
        }
        // Of the graphs due now the newest wins: older ones (an activation's program overtaken
        // by a restore, rapid edits) go to the collector unplayed. A graph timed for later
        // waits as `pending`, and what was queued after it waits behind it.
        if self.pending.is_none() {
            while let Some(p) = self.queue.pop() {
                if due(&p, self.samples) {
                    next = Some(p);
                } else {
                    self.pending = Some(p);
                    break;
                }
            }
        }
        let Some(mut new) = next else { return };
        let settings = new.graph.settings;
        if let Some(mut old) = self.current.take() {
            adopt(&mut new.graph, &mut old.graph);
            let mut mask = 0u32;
            for k in 0..=MAX_OUTPUTS {
                if old.graph.out_hashes[k] != new.graph.out_hashes[k] {
                    mask |= 1 << k;
                }
            }
            if mask != 0 && !settings.panic && !new.cut {
                self.fade = Some(Fade { old, mask, block: 0 });
            } else {
                drop(old); // to the collector, freed off this thread
            }
        }
        if !self.host_tempo {
            if let Some(cps) = settings.cps {
                self.clock.set_cps(self.samples, cps);
            }
        }
        self.bpc = settings.bpc;
        self.status.bpc_bits.store(self.bpc.to_f64().to_bits(), Ordering::Relaxed);
        self.set_hush(settings.hush);
        if settings.panic {
            self.current = Some(new);
            self.panic();
        } else {
            self.current = Some(new);
        }
        self.status.swaps.fetch_add(1, Ordering::Relaxed);
    }

    /// Render one engine block (audio thread).
    pub fn process_block(&mut self, host: &HostIn, out: &mut Outputs) {
        self.take_swap();
        // Only the outputs programs use are touched: a program with one output does not pay
        // for sixteen.
        let active = self.current.as_ref().map(|g| g.graph.active).unwrap_or(0)
            | self.fade.as_ref().map(|f| f.old.graph.active).unwrap_or(0);
        let active = if self.current.as_ref().is_some_and(|g| g.graph.main_is_sum) { active | 1 } else { active };
        out.clear_mask(self.written | active);
        self.written = active;
        self.midi_out.clear();
        let start = self.samples;
        for e in host.midi.events() {
            let at = self.clock.cycle_at(start + e.offset as i64);
            if e.on {
                self.midi.note_on(e.note, e.velocity, at);
            } else {
                self.midi.note_off(e.note, at);
            }
        }
        let midi = &self.midi;
        if let Some(g) = self.current.as_mut() {
            let mut ctx = Ctx {
                sample_rate: self.sample_rate as f32,
                block_start: start,
                clock: &self.clock,
                query: &mut self.query,
                host,
                midi_out: Some(&mut self.midi_out),
            };
            let pool = self.pool.as_ref();
            with_midi(midi, || g.graph.run_block(&mut ctx, pool));
            collect_outputs(&g.graph, out);
            if self.query.overflow_count() > 0 {
                self.status.query_overflows.store(self.query.overflow_count(), Ordering::Relaxed);
            }
        }
        if let Some(fade) = self.fade.as_mut() {
            self.old_out.clear_mask(u32::MAX);
            let mut ctx = Ctx {
                sample_rate: self.sample_rate as f32,
                block_start: start,
                clock: &self.clock,
                query: &mut self.query,
                host,
                midi_out: None,
            };
            let pool = self.pool.as_ref();
            with_midi(midi, || fade.old.graph.run_block(&mut ctx, pool));
            collect_outputs(&fade.old.graph, &mut self.old_out);
            let total = (FADE_BLOCKS as usize * BLOCK) as f32;
            let base = (fade.block as usize * BLOCK) as f32;
            for k in 0..=MAX_OUTPUTS {
                if fade.mask & active & (1 << k) == 0 {
                    continue;
                }
                let (o, n) = (self.old_out.get(k), out.get_mut(k));
                for i in 0..BLOCK {
                    // A linear cross-fade: the mix never steps further than the two signals do.
                    let w = ((base + i as f32 + 1.0) / total).min(1.0);
                    n.l[i] = o.l[i] + (n.l[i] - o.l[i]) * w;
                    n.r[i] = o.r[i] + (n.r[i] - o.r[i]) * w;
                }
            }
            fade.block += 1;
            if fade.block >= FADE_BLOCKS {
                if let Some(f) = self.fade.take() {
                    drop(f.old);
                }
            }
        }
        self.publish_steps();
        self.apply_output_gains(host, out, active);
        self.apply_hush(out, active);
        self.guard(out, active);
        let k = self.status.scope.selected().min(MAX_OUTPUTS);
        self.status.scope.write(if active & (1 << k) != 0 { out.get(k) } else { &SILENT });
        self.samples += BLOCK as i64;
        self.status.blocks.fetch_add(1, Ordering::Relaxed);
        self.status.cycle_bits.store(self.clock.cycle_at(self.samples).to_f64().to_bits(), Ordering::Relaxed);
        self.status.position.store(self.samples, Ordering::Relaxed);
        self.status.cps_bits.store(self.clock.cps().to_f64().to_bits(), Ordering::Relaxed);
    }

    /// The host's per-output gains (solo, mute, gain), smoothed. When the main output is the
    /// sum of the numbered outputs it is mixed again from the gained outputs, so soloing
    /// `out2` is heard on the main output too.
    fn apply_output_gains(&mut self, host: &HostIn, out: &mut Outputs, active: u32) {
        let (main_is_sum, defined) = match self.current.as_ref() {
            Some(g) => (g.graph.main_is_sum, g.graph.outs.map(|o| o.is_some())),
            None => (false, [false; MAX_OUTPUTS]),
        };
        for k in 1..=MAX_OUTPUTS {
            if active & (1 << k) == 0 {
                continue;
            }
            let (g, f) = (&mut self.out_gain[k], &mut out.numbered[k - 1]);
            let lane = &host.out_gain[k];
            if g.value == 1.0 && all_unity(lane) {
                continue;
            }
            for i in 0..BLOCK {
                let v = g.next(lane[i]);
                f.l[i] *= v;
                f.r[i] *= v;
            }
        }
        if main_is_sum {
            out.main.clear();
            for k in 0..MAX_OUTPUTS {
                if defined[k] {
                    let f = &out.numbered[k];
                    for i in 0..BLOCK {
                        out.main.l[i] += f.l[i];
                        out.main.r[i] += f.r[i];
                    }
                }
            }
        }
        let (g, lane) = (&mut self.out_gain[0], &host.out_gain[0]);
        if g.value != 1.0 || !all_unity(lane) {
            for i in 0..BLOCK {
                let v = g.next(lane[i]);
                out.main.l[i] *= v;
                out.main.r[i] *= v;
            }
        }
    }

    fn apply_hush(&mut self, out: &mut Outputs, active: u32) {
        if self.hush_gain == 1.0 && self.hush_target == 1.0 {
            return;
        }
        let step = 1.0 / (HUSH_SECONDS * self.sample_rate as f32);
        let g0 = self.hush_gain;
        let mut g = g0;
        let mut gains = [0.0f32; BLOCK];
        for x in gains.iter_mut() {
            g = if g < self.hush_target { (g + step).min(self.hush_target) } else { (g - step).max(self.hush_target) };
            *x = g;
        }
        self.hush_gain = g;
        for k in 0..=MAX_OUTPUTS {
            if active & (1 << k) == 0 {
                continue;
            }
            let f = out.get_mut(k);
            for i in 0..BLOCK {
                f.l[i] *= gains[i];
                f.r[i] *= gains[i];
            }
        }
    }

    /// Mute any output holding NaN/inf (and reset what feeds it); softly limit the rest (unless
    /// the limiter runs later, see [`Engine::set_limiter`]).
    fn guard(&mut self, out: &mut Outputs, active: u32) {
        for k in 0..=MAX_OUTPUTS {
            if active & (1 << k) == 0 {
                continue;
            }
            let f = out.get_mut(k);
            // One pass answers both questions on the bits: |x| as an integer orders like the
            // float, and NaN/inf are the largest patterns. Integer max vectorises.
            let top_of = |xs: &[f32]| xs.iter().fold(0u32, |t, &x| t.max(x.to_bits() & 0x7fff_ffff));
            // One loop per channel: a chained iterator does not vectorise.
            let top = top_of(&f.l).max(top_of(&f.r));
            let mut peak = f32::from_bits(top);
            if top >= 0x7f80_0000 {
                f.clear();
                self.status.nan_blocks.fetch_add(1, Ordering::Relaxed);
                self.status.nan_outputs.fetch_or(1 << k, Ordering::Relaxed);
                if let Some(g) = self.current.as_mut() {
                    let Graph { nodes, upstream, .. } = &mut g.graph;
                    for &i in &upstream[k] {
                        nodes[i as usize].get_mut().reset();
                    }
                }
                continue;
            }
            if self.limit && peak > LIMIT_KNEE {
                peak = 0.0;
                for x in f.l.iter_mut().chain(f.r.iter_mut()) {
                    *x = soft_limit(*x);
                    peak = peak.max(x.abs());
                }
            }
            self.status.peaks[k].store(peak.to_bits(), Ordering::Relaxed);
        }
    }
}

/// Whether every gain of a lane is exactly 1 (compared as bits, which vectorises).
#[inline]
fn all_unity(lane: &[f32]) -> bool {
    lane.iter().fold(0u32, |d, &x| d | (x.to_bits() ^ 1f32.to_bits())) == 0
}

/// A silent block, for a scope on an output nothing plays.
const SILENT: Frame = Frame { l: [0.0; BLOCK], r: [0.0; BLOCK] };

fn collect_outputs(g: &Graph, out: &mut Outputs) {
    // Safety: the graph is not running.
    let copy = |node: u32, dst: &mut Frame| unsafe {
        let f = g.arena.frame(node as usize);
        dst.l.copy_from_slice(&f.l);
        if g.arena.is_stereo(node as usize) {
            dst.r.copy_from_slice(&f.r);
        } else {
            dst.r.copy_from_slice(&f.l);
        }
    };
    if let Some(m) = g.main {
        copy(m, &mut out.main);
    }
    for (k, o) in g.outs.iter().enumerate() {
        if let Some(n) = *o {
            copy(n, &mut out.numbered[k]);
        }
    }
}

/// Hot swap: every node of `new` whose identity matches a node of `old` takes over its state,
/// then the parts of nodes that stand for several old ones (voice banks) theirs, and new
/// nodes that were parts of an old node (a voice leaving a bank) theirs. A merge-join
/// over the sorted identity tables, and binary searches in the old one: no allocation.
fn adopt(new: &mut Graph, old: &mut Graph) {
    adopt_same(new, old);
    for n in 0..new.nodes.len() {
        for k in 0..new.node_mut(n).parts().len() {
            let id = new.node_mut(n).parts()[k];
            if id == 0 {
                continue;
            }
            if let Ok(at) = old.idents.binary_search_by_key(&id, |&(h, _)| h) {
                let o = old.idents[at].1 as usize;
                new.node_mut(n).adopt_part(k, old.node_mut(o));
            }
        }
    }
    for o in 0..old.nodes.len() {
        for k in 0..old.node_mut(o).parts().len() {
            let id = old.node_mut(o).parts()[k];
            if id == 0 {
                continue;
            }
            if let Ok(at) = new.idents.binary_search_by_key(&id, |&(h, _)| h) {
                let n = new.idents[at].1 as usize;
                old.node_mut(o).hand_part(k, new.node_mut(n));
            }
        }
    }
}

fn adopt_same(new: &mut Graph, old: &mut Graph) {
    let (mut i, mut j) = (0, 0);
    while i < new.idents.len() && j < old.idents.len() {
        let (hn, n) = new.idents[i];
        let (ho, o) = old.idents[j];
        match hn.cmp(&ho) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let old_node = old.node_mut(o as usize);
                new.node_mut(n as usize).adopt(old_node);
                // Outputs that read the previous block (feedback taps, `Frame` contents)
                // continue too.
                unsafe {
                    let src = old.arena.frame(o as usize).clone();
                    let dst = new.arena.frame_mut(n as usize);
                    dst.l = src.l;
                    dst.r = src.r;
                }
                i += 1;
                j += 1;
            }
        }
    }
}
