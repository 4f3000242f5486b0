//! Running a graph for one block: the schedule (tasks and stages) and its execution, on the
//! calling thread alone or together with a [`Pool`] of workers.
//!
//! Nodes are grouped into *tasks*: chains in which each node only feeds the next (`saw ->
//! lpf -> reverb`), run in order by one thread. Tasks are grouped into *stages* by depth:
//! every task of a stage only reads tasks of earlier stages, so a stage's tasks may run in
//! parallel. A stage runs in parallel only when it has at least two tasks and enough work to
//! pay for waking the workers; light programs never leave the calling thread.

use super::arena::Inputs;
use super::build::Graph;
use super::node::Ctx;
use super::pool::{Job, Pool};
use crate::compile::plan::{Plan, PlanInput};

/// Work (in node cost units, roughly 0.1 µs per block each) a stage needs before it is
/// worth running in parallel.
pub const PARALLEL_MIN_COST: u32 = 60;

#[derive(Clone, Debug)]
pub(crate) struct Task {
    /// Node indices, in execution order.
    pub nodes: Vec<u32>,
    pub cost: u32,
    /// Contains a node that must run on the audio thread (MIDI output).
    pub pinned: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Stage {
    /// Range into `Schedule::tasks`; pinned tasks first.
    pub start: u32,
    pub end: u32,
    /// First unpinned task.
    pub unpinned: u32,
    pub parallel: bool,
}

pub(crate) struct Schedule {
    pub tasks: Vec<Task>,
    pub stages: Vec<Stage>,
}

impl Schedule {
    pub fn new(plan: &Plan) -> Schedule {
        let n = plan.nodes.len();
        let node_inputs = |i: usize| {
            plan.nodes[i].inputs.iter().filter_map(|x| match *x {
                PlanInput::Node(j) => Some(j as usize),
                PlanInput::Const(_) => None,
            })
        };
        let mut consumers = vec![0u32; n];
        for i in 0..n {
            for j in node_inputs(i) {
                consumers[j] += 1;
            }
        }
        // Chain contraction: a node joins the task of its only node input when that input
        // feeds nothing else.
        let mut task_of = vec![u32::MAX; n];
        let mut tasks: Vec<Task> = Vec::new();
        for i in 0..n {
            let ins: Vec<usize> = node_inputs(i).collect();
            let pinned = plan.nodes[i].pinned;
            let cost = plan.nodes[i].cost.max(1);
            if let [j] = ins[..] {
                if consumers[j] == 1 && task_of[j] != u32::MAX {
                    let t = task_of[j] as usize;
                    if tasks[t].nodes.last() == Some(&(j as u32)) {
                        tasks[t].nodes.push(i as u32);
                        tasks[t].cost += cost;
                        tasks[t].pinned |= pinned;
                        task_of[i] = t as u32;
                        continue;
                    }
                }
            }
            task_of[i] = tasks.len() as u32;
            tasks.push(Task { nodes: vec![i as u32], cost, pinned });
        }
        // Depth of each task: one more than the deepest task it reads.
        let mut depth = vec![0u32; tasks.len()];
        for (t, task) in tasks.iter().enumerate() {
            let mut d = 0;
            for &i in &task.nodes {
                for j in node_inputs(i as usize) {
                    let u = task_of[j] as usize;
                    if u != t {
                        d = d.max(depth[u] + 1);
                    }
                }
            }
            depth[t] = d;
        }
        let max_depth = depth.iter().copied().max().unwrap_or(0);
        let mut ordered: Vec<Task> = Vec::with_capacity(tasks.len());
        let mut stages = Vec::new();
        for d in 0..=max_depth {
            let start = ordered.len() as u32;
            let mut pinned: Vec<Task> = Vec::new();
            let mut free: Vec<Task> = Vec::new();
            for (t, task) in tasks.iter().enumerate() {
                if depth[t] == d {
                    if task.pinned {
                        pinned.push(task.clone());
                    } else {
                        free.push(task.clone());
                    }
                }
            }
            // Heaviest first: the tail of a parallel stage is then made of short tasks.
            free.sort_by(|a, b| b.cost.cmp(&a.cost));
            let unpinned = start + pinned.len() as u32;
            let cost: u32 = pinned.iter().chain(free.iter()).map(|t| t.cost).sum();
            let count = pinned.len() + free.len();
            ordered.extend(pinned);
            ordered.extend(free);
            if count > 0 {
                let end = ordered.len() as u32;
                let parallel = end - unpinned >= 2 && cost >= PARALLEL_MIN_COST;
                stages.push(Stage { start, end, unpinned, parallel });
            }
        }
        Schedule { tasks: ordered, stages }
    }

    /// Whether any stage would run in parallel.
    pub fn has_parallel_stages(&self) -> bool {
        self.stages.iter().any(|s| s.parallel)
    }
}

impl Graph {
    /// Run one task: its nodes in order.
    ///
    /// # Safety
    /// No other thread may run a task that writes a node or frame this task reads or writes
    /// (guaranteed by the stage order).
    pub(crate) unsafe fn run_task(&self, task: usize, ctx: &mut Ctx) {
        for &i in &self.schedule.tasks[task].nodes {
            let i = i as usize;
            let (a, b) = self.src_ranges[i];
            let inputs = Inputs { srcs: &self.srcs[a as usize..b as usize], arena: &self.arena };
            let out = self.arena.frame_mut(i);
            ctx.query.start();
            self.node_shared(i).process(&inputs, out, ctx);
        }
    }

    /// Render one block: every node once, stage by stage, then close the feedback loops.
    pub(crate) fn run_block(&mut self, ctx: &mut Ctx, pool: Option<&Pool>) {
        for s in 0..self.schedule.stages.len() {
            let st = self.schedule.stages[s].clone();
            match pool {
                Some(p) if st.parallel && p.workers() > 0 => {
                    // Safety: the tasks of one stage touch disjoint nodes and frames, and only
                    // read frames of earlier stages; `run` returns after all are done.
                    unsafe {
                        for t in st.start..st.unpinned {
                            self.run_task(t as usize, ctx);
                        }
                        let job = Job::new(self, st.unpinned, st.end, ctx);
                        p.run(&job, ctx);
                    }
                }
                _ => {
                    for t in st.start..st.end {
                        // Safety: single-threaded.
                        unsafe { self.run_task(t as usize, ctx) };
                    }
                }
            }
        }
        self.close_feedback();
    }

    fn close_feedback(&mut self) {
        let Graph { nodes, arena, feedback, .. } = self;
        for &(tap, source) in feedback.iter() {
            // Safety: no node is running.
            let src = unsafe { arena.frame(source as usize) };
            if let Some(t) = nodes[tap as usize].get_mut().as_any_mut().downcast_mut::<crate::nodes::Tap>() {
                t.store(src, arena.is_stereo(source as usize));
            }
        }
    }
}
