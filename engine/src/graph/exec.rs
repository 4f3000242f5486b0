//! Running a graph for one block.

use super::arena::Inputs;
use super::build::Graph;
use super::node::Ctx;
use crate::compile::plan::Plan;

/// The order nodes run in. Plans are already topologically sorted; feedback taps read the
/// previous block, so they impose no order.
pub(crate) struct Schedule {
    order: Vec<u32>,
}

impl Schedule {
    pub fn new(plan: &Plan) -> Schedule {
        Schedule { order: (0..plan.nodes.len() as u32).collect() }
    }
}

impl Graph {
    /// Render one block: every node once, in order, then close the feedback loops.
    pub(crate) fn run_block(&mut self, ctx: &mut Ctx) {
        let Graph { nodes, srcs, src_ranges, arena, schedule, .. } = self;
        for &i in &schedule.order {
            let i = i as usize;
            let (a, b) = src_ranges[i];
            let inputs = Inputs { srcs: &srcs[a as usize..b as usize], arena };
            // Safety: single-threaded here; node i is the only writer of frame i and its
            // inputs are other frames (a node never reads itself: loops go through taps).
            let out = unsafe { arena.frame_mut(i) };
            ctx.query.start();
            nodes[i].process(&inputs, out, ctx);
        }
        self.close_feedback();
    }

    fn close_feedback(&mut self) {
        for k in 0..self.feedback.len() {
            let (tap, source) = self.feedback[k];
            // Safety: no node is running.
            let src = unsafe { self.arena.frame(source as usize) };
            self.fb_scratch.l.copy_from_slice(&src.l);
            self.fb_scratch.r.copy_from_slice(&src.r);
            if let Some(t) = self.nodes[tap as usize].as_any_mut().downcast_mut::<crate::nodes::Tap>() {
                t.store(&self.fb_scratch, self.arena.is_stereo(source as usize));
            }
        }
    }
}
