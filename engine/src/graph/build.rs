//! Plan -> graph: allocate every node, buffer and table the audio thread will need.

use super::arena::{Arena, Src};
use super::node::{BuildEnv, Node};
use super::plan::{Plan, PlanInput, Settings};
use super::schedule::Schedule;
use super::MAX_OUTPUTS;
use crate::pattern::Pattern;
use crate::voice::player::Player;
use std::cell::UnsafeCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// A runnable graph. Everything in it is allocated; the audio thread only mutates.
pub struct Graph {
    /// Node states. Cells, because the tasks of a parallel stage mutate disjoint nodes from
    /// several threads (see `schedule.rs` and `exec.rs`).
    pub(crate) nodes: Vec<UnsafeCell<Box<dyn Node>>>,
    pub(crate) srcs: Vec<Src>,
    pub(crate) src_ranges: Vec<(u32, u32)>,
    pub(crate) arena: Arena,
    /// (identity hash, node index), sorted by hash: hot swap matches nodes by merge-join.
    pub(crate) idents: Vec<(u64, u32)>,
    pub(crate) main: Option<u32>,
    pub(crate) main_is_sum: bool,
    /// Bit k set: output k (0 = main) is defined by this graph.
    pub(crate) active: u32,
    /// Node of each numbered output (index 0 is `out1`).
    pub(crate) outs: [Option<u32>; MAX_OUTPUTS],
    /// Structural hash per output, index 0 = main, k = `outk`.
    pub(crate) out_hashes: [u64; MAX_OUTPUTS + 1],
    /// Nodes upstream of each output (index 0 = main): reset when that output's guard trips.
    pub(crate) upstream: Vec<Vec<u32>>,
    pub(crate) feedback: Vec<(u32, u32)>,
    /// The nodes that play events, with the outputs each feeds (bit k: output k, 0 = main):
    /// the engine publishes the steps they start.
    pub(crate) players: Vec<(u32, u32)>,
    /// The pattern of each player, with the outputs it feeds (for displays, off the audio
    /// thread).
    patterns: Vec<(u32, Pattern)>,
    pub(crate) settings: Settings,
    pub(crate) schedule: Schedule,
}

// Safety: shared access to a graph happens only from the executor, which hands each node to
// one thread at a time (stage order) and only reads frames written by earlier stages.
unsafe impl Sync for Graph {}

impl Graph {
    /// Node `i`, exclusively.
    pub(crate) fn node_mut(&mut self, i: usize) -> &mut dyn Node {
        &mut **self.nodes[i].get_mut()
    }

    /// # Safety
    /// The caller has exclusive use of node `i` (see `exec.rs`).
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn node_shared(&self, i: usize) -> &mut dyn Node {
        &mut **self.nodes[i].get()
    }

    /// Whether some stage of this graph would run on worker threads.
    pub fn parallel(&self) -> bool {
        self.schedule.has_parallel_stages()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The patterns this graph plays, each with the outputs it plays on (bit k: output k,
    /// 0 = main): what a pianoroll shows.
    pub fn patterns(&self) -> &[(u32, Pattern)] {
        &self.patterns
    }

    /// Numbered outputs this graph defines (1-based).
    pub fn numbered_outputs(&self) -> impl Iterator<Item = u32> + '_ {
        self.outs.iter().enumerate().filter(|(_, o)| o.is_some()).map(|(i, _)| i as u32 + 1)
    }
}

/// The identity hash hot swap matches a plan node by (its ident and label).
pub fn ident_hash(ident: &str, label: &str) -> u64 {
    let mut h = DefaultHasher::new();
    ident.hash(&mut h);
    label.hash(&mut h);
    h.finish()
}

/// Build a plan into a graph (off the audio thread: this allocates everything).
pub fn build(plan: &Plan, env: &BuildEnv) -> Graph {
    let n = plan.nodes.len();
    let mut nodes = Vec::with_capacity(n);
    let mut srcs = Vec::new();
    let mut src_ranges = Vec::with_capacity(n);
    let mut stereo = Vec::with_capacity(n);
    let mut idents = Vec::with_capacity(n);
    for (i, pn) in plan.nodes.iter().enumerate() {
        nodes.push(UnsafeCell::new((pn.make)(env)));
        let start = srcs.len() as u32;
        for inp in &pn.inputs {
            srcs.push(match *inp {
                PlanInput::Const(c) => Src::Const(c),
                PlanInput::Node(id) => Src::Node(id),
            });
        }
        src_ranges.push((start, srcs.len() as u32));
        stereo.push(pn.stereo);
        idents.push((ident_hash(&pn.ident, &pn.label), i as u32));
    }
    idents.sort_unstable();

    let mut outs = [None; MAX_OUTPUTS];
    let mut out_hashes = [0u64; MAX_OUTPUTS + 1];
    if let Some(m) = plan.main {
        out_hashes[0] = plan.nodes[m as usize].hash;
    }
    for &(k, id) in &plan.outs {
        let k = k as usize;
        if (1..=MAX_OUTPUTS).contains(&k) {
            outs[k - 1] = Some(id);
            out_hashes[k] = plan.nodes[id as usize].hash;
        }
    }

    let mut upstream = Vec::with_capacity(MAX_OUTPUTS + 1);
    let roots = std::iter::once(plan.main).chain(outs.iter().copied());
    for root in roots {
        upstream.push(match root {
            Some(r) => upstream_of(plan, r),
            None => Vec::new(),
        });
    }

    let mut active = u32::from(plan.main.is_some());
    for (k, o) in outs.iter().enumerate() {
        if o.is_some() {
            active |= 1 << (k + 1);
        }
    }
    let mut players = Vec::new();
    let mut patterns = Vec::new();
    for (i, n) in nodes.iter_mut().enumerate() {
        if let Some(p) = n.get_mut().as_any_mut().downcast_ref::<Player>() {
            let outputs = upstream.iter().enumerate().filter(|(_, u)| u.binary_search(&(i as u32)).is_ok());
            let mask = outputs.fold(0u32, |m, (k, _)| m | 1 << k);
            // A main output that sums the numbered ones plays what they play.
            let mask = if plan.main_is_sum && mask > 1 { mask | 1 } else { mask };
            players.push((i as u32, mask));
            patterns.push((mask, p.pattern().clone()));
        }
    }
    let schedule = Schedule::new(plan);
    Graph {
        nodes,
        srcs,
        src_ranges,
        arena: Arena::new(stereo),
        idents,
        main: plan.main,
        main_is_sum: plan.main_is_sum,
        active,
        outs,
        out_hashes,
        upstream,
        feedback: plan.feedback.iter().map(|f| (f.tap, f.source)).collect(),
        players,
        patterns,
        settings: plan.settings,
        schedule,
    }
}

/// Every node that feeds `root`, following feedback taps to their sources.
fn upstream_of(plan: &Plan, root: u32) -> Vec<u32> {
    let mut seen = vec![false; plan.nodes.len()];
    let mut stack = vec![root];
    let mut out = Vec::new();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i as usize], true) {
            continue;
        }
        out.push(i);
        for inp in &plan.nodes[i as usize].inputs {
            if let PlanInput::Node(j) = *inp {
                stack.push(j);
            }
        }
        for f in &plan.feedback {
            if f.tap == i {
                stack.push(f.source);
            }
        }
    }
    out.sort_unstable();
    out
}
