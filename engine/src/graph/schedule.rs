//! The schedule of a graph: its nodes grouped into tasks and stages, decided once when the
//! graph is built.
//!
//! Nodes are grouped into *tasks*, run in order by one thread: chains in which each node only
//! feeds the next (`saw -> lpf -> reverb`), together with the cheap inputs that feed only them
//! (the LFO of that filter's cutoff). Tasks are grouped into *stages* by depth:
//! every task of a stage only reads tasks of earlier stages, so a stage's tasks may run in
//! parallel. A stage runs in parallel only when it has at least two tasks and enough work to
//! pay for waking the workers; light programs never leave the calling thread.

use super::plan::{Plan, PlanInput};

/// Work (in node cost units, roughly 0.1 µs per block each) a stage needs before it is
/// worth running in parallel.
pub const PARALLEL_MIN_COST: u32 = 60;

/// Most work (node cost units) a private input may cost to run inside its consumer's task
/// rather than as a task of its own in an earlier stage.
pub const ABSORB_MAX_COST: u32 = 6;

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
        // Contraction into tasks, in node order (topological), with each task's depth (one more
        // than the deepest task it reads) kept as tasks grow:
        // - a node's cheap private inputs (tasks whose output feeds only this node, costing at
        //   most ABSORB_MAX_COST) run inside its task: a barrier costs more than they do;
        // - a node continues the task of its heaviest private input when that does not make
        //   the task wait for anything it did not already wait for (a plain chain always does);
        // - otherwise it starts a task of its own.
        let mut task_of = vec![u32::MAX; n];
        let mut tasks: Vec<Task> = Vec::new();
        let mut depth: Vec<u32> = Vec::new();
        for i in 0..n {
            let mut ins: Vec<usize> = node_inputs(i).collect();
            ins.sort_unstable();
            ins.dedup();
            let input_tasks: Vec<usize> = {
                let mut v: Vec<usize> = ins.iter().map(|&j| task_of[j] as usize).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            // Tasks whose output is one of this node's inputs and feeds nothing else.
            let private: Vec<usize> = ins
                .iter()
                .filter(|&&j| consumers[j] == 1 && tasks[task_of[j] as usize].nodes.last() == Some(&(j as u32)))
                .map(|&j| task_of[j] as usize)
                .collect();
            let cheap: Vec<usize> = private.iter().copied().filter(|&t| tasks[t].cost <= ABSORB_MAX_COST).collect();
            // What node `i` waits for when the tasks in `merged` become part of its task.
            let need = |merged: &[usize]| {
                input_tasks
                    .iter()
                    .map(|&u| if merged.contains(&u) { depth[u] } else { depth[u] + 1 })
                    .max()
                    .unwrap_or(0)
            };
            let pinned = plan.nodes[i].pinned;
            let cost = plan.nodes[i].cost.max(1);
            let heaviest = private.iter().copied().max_by_key(|&t| (tasks[t].cost, std::cmp::Reverse(t)));
            let (target, absorb) = match heaviest {
                Some(h) => {
                    let mut merged: Vec<usize> = cheap.iter().copied().filter(|&t| t != h).collect();
                    merged.push(h);
                    if need(&merged) <= depth[h] {
                        merged.pop();
                        (Some(h), merged)
                    } else {
                        (None, cheap.clone())
                    }
                }
                None => (None, Vec::new()),
            };
            let t = match target {
                Some(h) => h,
                None => {
                    depth.push(need(&absorb));
                    tasks.push(Task { nodes: Vec::new(), cost: 0, pinned: false });
                    tasks.len() - 1
                }
            };
            for a in absorb {
                let moved = std::mem::take(&mut tasks[a].nodes);
                for &k in &moved {
                    task_of[k as usize] = t as u32;
                }
                tasks[t].nodes.extend(moved);
                tasks[t].cost += std::mem::take(&mut tasks[a].cost);
                tasks[t].pinned |= std::mem::take(&mut tasks[a].pinned);
            }
            tasks[t].nodes.push(i as u32);
            tasks[t].cost += cost;
            tasks[t].pinned |= pinned;
            task_of[i] = t as u32;
        }
        // Absorbed tasks are empty: no stage gets them.
        for (t, task) in tasks.iter().enumerate() {
            if task.nodes.is_empty() {
                depth[t] = u32::MAX;
            }
        }
        let max_depth = depth.iter().copied().filter(|&d| d != u32::MAX).max().unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, CompileEnv};
    use crate::samples::Bank;
    use std::sync::Arc;

    fn schedule(src: &str) -> Schedule {
        let plan = compile(src, &CompileEnv::new(Arc::new(Bank::empty()))).expect("compiles");
        Schedule::new(&plan)
    }

    /// Every node exactly once, and no task reads a task of its own or a later stage.
    fn check_order(s: &Schedule, nodes: usize) {
        let mut stage_of = vec![usize::MAX; nodes];
        for (k, st) in s.stages.iter().enumerate() {
            for t in st.start..st.end {
                for &i in &s.tasks[t as usize].nodes {
                    assert_eq!(stage_of[i as usize], usize::MAX, "node {i} twice");
                    stage_of[i as usize] = k;
                }
            }
        }
        assert!(stage_of.iter().all(|&k| k != usize::MAX), "every node scheduled");
    }

    #[test]
    fn modulated_chains_are_one_task_each_and_run_side_by_side() {
        let mut src = String::new();
        for k in 0..8 {
            src += &format!("~c{k}: saw {} # lpf (sine 0.{k} * 500 + 900) # reverb\n", 55 + k);
        }
        src += "out: (";
        src += &(0..8).map(|k| format!("~c{k}")).collect::<Vec<_>>().join(" + ");
        src += ") * 0.1\n";
        let plan = compile(&src, &CompileEnv::new(Arc::new(Bank::empty()))).unwrap();
        let s = Schedule::new(&plan);
        check_order(&s, plan.nodes.len());
        // The chains (each with its filter's LFO inside) form the first stage; the mix the second.
        assert_eq!(s.stages.len(), 2, "{:?}", s.stages);
        assert_eq!(s.stages[0].end - s.stages[0].start, 8);
        assert_eq!(s.stages[1].end - s.stages[1].start, 1);
    }

    #[test]
    fn shared_inputs_stay_tasks_of_their_own() {
        // One LFO read by two filters: it runs once, before both. (Cheap chains would join the
        // mix's task; reverbs make these worth a task each.)
        let s =
            schedule("~lfo: sine 0.3 * 500 + 900\nout: (saw 55 # lpf ~lfo # reverb) + (saw 56 # lpf ~lfo # reverb)\n");
        let tasks = |k: usize| -> Vec<usize> {
            (s.stages[k].start..s.stages[k].end).map(|t| s.tasks[t as usize].nodes.len()).collect()
        };
        assert_eq!(s.stages.len(), 3, "{:?}", s.stages);
        assert_eq!(tasks(0).len(), 1, "the LFO, once");
        assert_eq!(tasks(1), vec![3, 3], "saw, filter and reverb, twice");
        assert_eq!(tasks(2), vec![1], "the mix");
    }
}
