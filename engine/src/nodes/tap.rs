//! The read end of a bus feedback loop: plays what its source bus produced in the previous
//! block (one engine block of delay).

use crate::graph::{same_kind, Ctx, Frame, Inputs, Node};

pub struct Tap {
    last: Frame,
    stereo: bool,
}

impl Tap {
    pub fn new() -> Tap {
        Tap { last: Frame::default(), stereo: true }
    }

    /// Called by the graph after each block with the source's output.
    pub fn store(&mut self, f: &Frame, stereo: bool) {
        self.last.l.copy_from_slice(&f.l);
        if stereo {
            self.last.r.copy_from_slice(&f.r);
        } else {
            self.last.r.copy_from_slice(&f.l);
        }
        self.stereo = stereo;
    }
}

impl Default for Tap {
    fn default() -> Self {
        Tap::new()
    }
}

impl Node for Tap {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        out.l.copy_from_slice(&self.last.l);
        out.r.copy_from_slice(&self.last.r);
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Tap>(old) {
            Some(o) => {
                self.last.l.copy_from_slice(&o.last.l);
                self.last.r.copy_from_slice(&o.last.r);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.last.clear();
    }

    crate::node_any!();
}
