//! Running a graph for one block, stage by stage (see [`schedule`](super::schedule)), on the
//! calling thread alone or together with a [`Pool`] of workers.

use super::arena::Inputs;
use super::build::Graph;
use super::node::Ctx;
use super::pool::{Job, Pool};

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
                    }
                    let graph: &Graph = self;
                    let tasks = move |i: u32, ctx: &mut Ctx| unsafe { graph.run_task((st.unpinned + i) as usize, ctx) };
                    p.run(&Job::new(&tasks, st.end - st.unpinned, ctx), ctx);
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
