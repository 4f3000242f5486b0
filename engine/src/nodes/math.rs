//! Per-sample arithmetic between signals, and mixing.

use crate::graph::{Ctx, Frame, In, Inputs, Node, BLOCK};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Min,
    Max,
}

impl MathOp {
    #[inline(always)]
    fn apply(self, a: f32, b: f32) -> f32 {
        match self {
            MathOp::Add => a + b,
            MathOp::Sub => a - b,
            MathOp::Mul => a * b,
            // Division by zero gives silence rather than infinity.
            MathOp::Div => {
                if b == 0.0 {
                    0.0
                } else {
                    a / b
                }
            }
            MathOp::Mod => {
                if b == 0.0 {
                    0.0
                } else {
                    a.rem_euclid(b)
                }
            }
            MathOp::Min => a.min(b),
            MathOp::Max => a.max(b),
        }
    }
}

/// `a op b`, per sample; stereo when either side is.
pub struct Math {
    op: MathOp,
}

impl Math {
    pub fn new(op: MathOp) -> Math {
        Math { op }
    }
}

impl Node for Math {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (a, b) = (inputs.get(0), inputs.get(1));
        let op = self.op;
        let stereo = a.is_stereo() || b.is_stereo();
        for i in 0..BLOCK {
            out.l[i] = op.apply(a.left(i), b.left(i));
        }
        if stereo {
            for i in 0..BLOCK {
                out.r[i] = op.apply(a.right(i), b.right(i));
            }
        }
    }

    crate::node_any!();
}

/// `-a`.
pub struct Negate;

impl Node for Negate {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let a = inputs.get(0);
        for i in 0..BLOCK {
            out.l[i] = -a.left(i);
            out.r[i] = -a.right(i);
        }
    }

    crate::node_any!();
}

/// The sum of all inputs; stereo when any is.
pub struct Mix;

fn add_into(out: &mut Frame, x: In) {
    match x {
        In::Const(c) => {
            for i in 0..BLOCK {
                out.l[i] += c;
                out.r[i] += c;
            }
        }
        In::Mono(b) => {
            for i in 0..BLOCK {
                out.l[i] += b[i];
                out.r[i] += b[i];
            }
        }
        In::Stereo(l, r) => {
            for i in 0..BLOCK {
                out.l[i] += l[i];
                out.r[i] += r[i];
            }
        }
    }
}

impl Node for Mix {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        out.clear();
        for k in 0..inputs.len() {
            add_into(out, inputs.get(k));
        }
    }

    crate::node_any!();
}
