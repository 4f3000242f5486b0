//! The bank pass: finds voices of the same kind that are summed, and renders them as one
//! voice bank node (nodes/bank.rs, dsp/bank.rs) eight lanes per vector.
//!
//! A voice is an oscillator at a constant frequency (`saw`, `square`, `tri`, `sine`),
//! alone or into a state-variable filter (`lpf`, `hpf`, `bpf`, `notch`) with a constant q,
//! perhaps times a constant gain, each of its nodes used by nothing else. A sum is a tree of
//! `+` nodes whose inner nodes feed only the tree. The voices among a sum's terms that share
//! oscillator, filter response and cutoff (one constant, or one node) become a bank when
//! there are at least [`MIN_LANES`] of them; the sum then adds the banks and its other terms.
//! Anything else is left as compiled.
//!
//! Hot swap: a bank's identity is its sum's, with its wave, response and place among the
//! sum's banks of that kind; it continues every voice of the old bank there whose nodes have
//! the same identities (each voice keeps its phase, pending corrections and filter memory),
//! and every voice whose nodes were nodes of their own in the old graph (a sum growing to
//! [`MIN_LANES`] voices); a voice leaving a bank for nodes of its own (a sum shrinking below
//! that) continues in them. Under a moving cutoff, voices new to a bank hold the cutoff the
//! bank holds (a new filter of their own would hold its own, within 0.5%).

use super::{combine, hash_of};
use crate::dsp::bank::BankWave;
use crate::dsp::svf::SvfMode;
use crate::graph::ident_hash;
use crate::graph::plan::{MakeNode, NodeId, Plan, PlanInput, PlanNode};
use crate::nodes::{Lane, Math, MathOp, VoiceBank};
use std::sync::Arc;

/// Fewest voices that make a bank. A bank of up to eight costs one vector's work (four W1
/// voices: 5.6 µs per 512 samples banked, 7.3 µs node by node, engine included); with fewer
/// voices it would gain little.
pub const MIN_LANES: usize = 4;

const ADD: &str = "add";

fn wave_of(label: &str) -> Option<BankWave> {
    match label {
        "saw" => Some(BankWave::Saw),
        "square" => Some(BankWave::Square),
        "tri" => Some(BankWave::Tri),
        "sine" => Some(BankWave::Sine),
        _ => None,
    }
}

fn mode_of(label: &str) -> Option<SvfMode> {
    match label {
        "lpf" => Some(SvfMode::Low),
        "hpf" => Some(SvfMode::High),
        "bpf" => Some(SvfMode::Band),
        "notch" => Some(SvfMode::Notch),
        _ => None,
    }
}

/// What voices must share to be in one bank.
#[derive(Clone, Copy, PartialEq)]
struct Key {
    wave: BankWave,
    /// `None`: oscillators without a filter.
    mode: Option<SvfMode>,
    cutoff: PlanInput,
}

struct Voice {
    /// The term of the sum the voice is.
    term: NodeId,
    /// Its nodes, the term's last.
    nodes: Vec<NodeId>,
    key: Key,
    lane: Lane,
}

/// A sum to rewrite: its root, the `+` nodes inside it, its banks and its other terms.
struct Edit {
    root: NodeId,
    inner: Vec<NodeId>,
    banks: Vec<(Key, Vec<Voice>)>,
    rest: Vec<PlanInput>,
}

/// Replace every bankable group of voices in `plan` by a bank.
pub fn fuse(plan: &mut Plan) {
    let n = plan.nodes.len();
    let mut uses = vec![0u32; n];
    for node in &plan.nodes {
        for inp in &node.inputs {
            if let PlanInput::Node(j) = *inp {
                uses[j as usize] += 1;
            }
        }
    }
    // Outputs and feedback ends are used from outside the plan's inputs.
    let outside = plan.main.into_iter().chain(plan.outs.iter().map(|&(_, id)| id));
    for id in outside.chain(plan.feedback.iter().flat_map(|f| [f.tap, f.source])) {
        uses[id as usize] += 1;
    }
    let is_add = |i: usize| plan.nodes[i].label == ADD;
    // An inner `+` feeds one `+` and nothing else.
    let mut inner = vec![false; n];
    for (i, node) in plan.nodes.iter().enumerate() {
        if is_add(i) {
            for inp in &node.inputs {
                if let PlanInput::Node(j) = *inp {
                    inner[j as usize] |= is_add(j as usize) && uses[j as usize] == 1;
                }
            }
        }
    }
    let mut edits = Vec::new();
    for root in 0..n {
        if !is_add(root) || inner[root] {
            continue;
        }
        let (mut terms, mut inside) = (Vec::new(), Vec::new());
        let mut stack: Vec<PlanInput> = plan.nodes[root].inputs.iter().rev().copied().collect();
        while let Some(inp) = stack.pop() {
            match inp {
                PlanInput::Node(j) if inner[j as usize] => {
                    inside.push(j);
                    stack.extend(plan.nodes[j as usize].inputs.iter().rev().copied());
                }
                other => terms.push(other),
            }
        }
        let mut groups: Vec<(Key, Vec<Voice>)> = Vec::new();
        let mut rest = Vec::new();
        for t in terms {
            match voice(plan, &uses, t) {
                Some(v) => match groups.iter_mut().find(|(k, _)| *k == v.key) {
                    Some((_, vs)) => vs.push(v),
                    None => groups.push((v.key, vec![v])),
                },
                None => rest.push(t),
            }
        }
        let mut banks = Vec::new();
        for (key, voices) in groups {
            if voices.len() >= MIN_LANES {
                banks.push((key, voices));
            } else {
                rest.extend(voices.iter().map(|v| PlanInput::Node(v.term)));
            }
        }
        if !banks.is_empty() {
            edits.push(Edit { root: root as NodeId, inner: inside, banks, rest });
        }
    }
    if !edits.is_empty() {
        rewrite(plan, edits);
    }
}

/// The voice that term `t` of a sum is, if it is one: `osc`, `osc # filter`, either times a
/// constant.
fn voice(plan: &Plan, uses: &[u32], t: PlanInput) -> Option<Voice> {
    let PlanInput::Node(term) = t else { return None };
    // A node of a voice is the voice's alone: mono, not an output, not pinned, used once.
    let private = |i: NodeId| {
        let n = &plan.nodes[i as usize];
        uses[i as usize] == 1 && !n.stereo && !n.pinned
    };
    let mut nodes = vec![term];
    let mut top = term;
    let mut gain = 1.0;
    let node = &plan.nodes[term as usize];
    if node.label == MathOp::Mul.label() {
        let (inner, g) = match node.inputs[..] {
            [PlanInput::Node(a), PlanInput::Const(g)] | [PlanInput::Const(g), PlanInput::Node(a)] => (a, g),
            _ => return None,
        };
        (top, gain) = (inner, g);
        nodes.push(inner);
    }
    let head = &plan.nodes[top as usize];
    let (osc, mode, cutoff, q) = match (mode_of(&head.label), &head.inputs[..]) {
        (Some(mode), &[PlanInput::Node(o), cutoff, PlanInput::Const(q)]) => {
            nodes.push(o);
            (o, Some(mode), cutoff, q)
        }
        (None, _) => (top, None, PlanInput::Const(0.0), 1.0),
        _ => return None,
    };
    let o = &plan.nodes[osc as usize];
    let wave = wave_of(&o.label)?;
    let [PlanInput::Const(freq)] = o.inputs[..] else { return None };
    if !(nodes.iter().all(|&i| private(i)) && q.is_finite() && freq.is_finite() && gain.is_finite()) {
        return None;
    }
    let id = nodes.iter().fold(hash_of("voice"), |h, &i| {
        let n = &plan.nodes[i as usize];
        combine(h, hash_of((&n.ident, &n.label)))
    });
    let part = |i: NodeId| {
        let n = &plan.nodes[i as usize];
        ident_hash(&n.ident, &n.label)
    };
    let parts = [part(osc), if mode.is_some() { part(top) } else { 0 }];
    nodes.reverse();
    nodes.dedup();
    Some(Voice { term, nodes, key: Key { wave, mode, cutoff }, lane: Lane { freq, q, gain, id, parts } })
}

/// Rebuild the plan with each edit's sum made of its banks and other terms. Node ids are
/// positions, so every reference is renumbered; the nodes a sum replaces are dropped and its
/// new nodes go where its root was (after all of their inputs).
fn rewrite(plan: &mut Plan, edits: Vec<Edit>) {
    let old = std::mem::take(&mut plan.nodes);
    let mut gone = vec![false; old.len()];
    let mut at_root: Vec<Option<Edit>> = (0..old.len()).map(|_| None).collect();
    for e in edits {
        for &i in &e.inner {
            gone[i as usize] = true;
        }
        for &i in e.banks.iter().flat_map(|(_, vs)| vs).flat_map(|v| &v.nodes) {
            gone[i as usize] = true;
        }
        let r = e.root as usize;
        at_root[r] = Some(e);
    }
    let mut map: Vec<NodeId> = vec![NodeId::MAX; old.len()];
    let mut nodes: Vec<PlanNode> = Vec::with_capacity(old.len());
    let remap = |map: &[NodeId], i: PlanInput| match i {
        PlanInput::Node(j) => {
            debug_assert!(map[j as usize] != NodeId::MAX, "a replaced node is still read");
            PlanInput::Node(map[j as usize])
        }
        c => c,
    };
    for (i, node) in old.iter().enumerate() {
        if let Some(e) = at_root[i].take() {
            let id = sum_of(&mut nodes, node, e, |inp| remap(&map, inp));
            map[i] = id;
        } else if !gone[i] {
            let mut kept = node.clone();
            for inp in kept.inputs.iter_mut() {
                *inp = remap(&map, *inp);
            }
            map[i] = nodes.len() as NodeId;
            nodes.push(kept);
        }
    }
    plan.nodes = nodes;
    let at = |id: NodeId| map[id as usize];
    plan.main = plan.main.map(at);
    for o in plan.outs.iter_mut() {
        o.1 = at(o.1);
    }
    for f in plan.feedback.iter_mut() {
        f.tap = at(f.tap);
        f.source = at(f.source);
    }
}

/// Append the banks and the `+` chain that replace the sum rooted at `root`; returns the id
/// of the node that now gives the sum. The last node takes the root's identity and hash: the
/// sum sounds as before.
fn sum_of(nodes: &mut Vec<PlanNode>, root: &PlanNode, e: Edit, remap: impl Fn(PlanInput) -> PlanInput) -> NodeId {
    let mut terms: Vec<(PlanInput, bool)> = Vec::new();
    let mut seen: Vec<(BankWave, Option<SvfMode>)> = Vec::new();
    for (key, voices) in e.banks {
        let nth = seen.iter().filter(|&&s| s == (key.wave, key.mode)).count();
        seen.push((key.wave, key.mode));
        let lanes: Vec<Lane> = voices.iter().map(|v| v.lane).collect();
        let hash = voices.iter().fold(hash_of("bank"), |h, v| combine(h, v.lane.id));
        let (wave, mode) = (key.wave, key.mode);
        let cost = 1 + 4 * lanes.len().div_ceil(8) as u32;
        let make: MakeNode = Arc::new(move |env| Box::new(VoiceBank::new(wave, mode, &lanes, env)));
        let id = nodes.len() as NodeId;
        nodes.push(PlanNode {
            ident: format!("{}/bank:{wave:?}:{mode:?}:{nth}", root.ident),
            label: "bank".into(),
            inputs: if mode.is_some() { vec![remap(key.cutoff)] } else { Vec::new() },
            stereo: false,
            make,
            hash,
            cost,
            pinned: false,
        });
        terms.push((PlanInput::Node(id), false));
    }
    for t in e.rest {
        let t = remap(t);
        let stereo = matches!(t, PlanInput::Node(j) if nodes[j as usize].stereo);
        terms.push((t, stereo));
    }
    let (mut acc, mut stereo) = terms[0];
    if terms.len() == 1 {
        let PlanInput::Node(id) = acc else { unreachable!("a bank is a node") };
        nodes[id as usize].hash = root.hash;
        return id;
    }
    for (k, &(t, st)) in terms.iter().enumerate().skip(1) {
        let last = k == terms.len() - 1;
        stereo |= st;
        let id = nodes.len() as NodeId;
        nodes.push(PlanNode {
            ident: if last { root.ident.clone() } else { format!("{}/sum:{k}", root.ident) },
            label: ADD.into(),
            inputs: vec![acc, t],
            stereo,
            make: Arc::new(|_| Box::new(Math::new(MathOp::Add))),
            hash: if last { root.hash } else { combine(root.hash, k as u64) },
            cost: 1,
            pinned: false,
        });
        acc = PlanInput::Node(id);
    }
    match acc {
        PlanInput::Node(id) => id,
        PlanInput::Const(_) => unreachable!("a sum with a bank ends in a node"),
    }
}
