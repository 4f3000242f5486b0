//! The compiler's output: a graph plan. Plain data describing nodes, their inputs, buses,
//! outputs and settings, in an order where every node comes after its inputs. Building turns
//! it into a runnable [`Graph`](crate::graph::Graph).

use super::node::{BuildEnv, Node};
use crate::time::Rational;
use std::sync::Arc;

pub type NodeId = u32;

/// Constructs a node's state; runs off the audio thread when a plan is built.
pub type MakeNode = Arc<dyn Fn(&BuildEnv) -> Box<dyn Node> + Send + Sync>;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlanInput {
    Const(f32),
    Node(NodeId),
}

#[derive(Clone)]
pub struct PlanNode {
    /// Identity for hot swap: bus or output name plus the position in its expression.
    pub ident: String,
    /// What the node is (a function name), for display and debugging.
    pub label: String,
    pub inputs: Vec<PlanInput>,
    /// Whether the output is stereo.
    pub stereo: bool,
    pub make: MakeNode,
    /// Structural hash of the node and everything upstream of it: equal hashes mean the node
    /// would produce the same sound given the same state.
    pub hash: u64,
    /// Relative cost per block (about 0.1 µs each), for deciding what is worth running in
    /// parallel.
    pub cost: u32,
    /// Must run on the audio thread (it sends MIDI out).
    pub pinned: bool,
}

impl std::fmt::Debug for PlanNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}] {:?}{}", self.ident, self.label, self.inputs, if self.stereo { " stereo" } else { "" })
    }
}

/// A bus feedback loop closed through one engine block of delay: after each block the
/// output of `source` is copied into `tap`, which its readers see during the next block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Feedback {
    pub tap: NodeId,
    pub source: NodeId,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub nodes: Vec<PlanNode>,
    /// The main output (`out:`), or the sum of the numbered outputs when there is none.
    pub main: Option<NodeId>,
    /// True when `main` is the sum of the numbered outputs (no `out:` in the program): the
    /// engine then re-mixes it after applying per-output gains (solo, mute).
    pub main_is_sum: bool,
    /// Numbered outputs `outN:` (N from 1).
    pub outs: Vec<(u32, NodeId)>,
    pub feedback: Vec<Feedback>,
    pub settings: Settings,
    /// Parts of the program that compile but will be silent, and why (`fast 0`, an empty
    /// pattern, a pattern that overflows the event limits, events that name no sound). The
    /// program still runs; the CLI prints these on stderr, the editor shows them.
    pub warnings: Vec<crate::lang::Diagnostic>,
}

impl Drop for Plan {
    /// The patterns a plan holds may nest thousands deep and free recursively: they are
    /// freed on a compile stack, whichever thread lets the plan go (an editor checking a
    /// program, a host's main thread).
    fn drop(&mut self) {
        if !self.nodes.is_empty() {
            let nodes = std::mem::take(&mut self.nodes);
            crate::compile::depth::on_compile_stack(move || drop(nodes));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Cycles per second set by the program (`tempo:`/`cps:`/`bpm:`); `None` keeps the current.
    pub cps: Option<Rational>,
    /// Host beats per cycle (`bpc:`), default 4.
    pub bpc: Rational,
    /// `hush`: fade every output to silence.
    pub hush: bool,
    /// `panic`: silence now and clear all tails.
    pub panic: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { cps: None, bpc: Rational::int(4), hush: false, panic: false }
    }
}

/// Default tempo when neither the program nor a host sets one: 0.5 cycles per second.
pub const DEFAULT_CPS: Rational = Rational::HALF;
