//! Per-sample arithmetic between signals, and mixing.

use crate::dsp::mix;
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
    /// The plan label of a node applying this operation (what the bank pass looks for).
    pub fn label(self) -> &'static str {
        match self {
            MathOp::Add => "add",
            MathOp::Sub => "sub",
            MathOp::Mul => "mul",
            MathOp::Div => "div",
            MathOp::Mod => "mod",
            MathOp::Min => "min",
            MathOp::Max => "max",
        }
    }

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

/// Channel `c` of a non-constant input.
#[inline(always)]
fn chan<'a>(x: In<'a>, c: usize) -> &'a [f32; BLOCK] {
    match x {
        In::Mono(b) => b,
        In::Stereo(l, r) => {
            if c == 0 {
                l
            } else {
                r
            }
        }
        In::Const(_) => unreachable!("constants are handled by the caller"),
    }
}

/// `out = f(a, b)` per sample, with the loop specialised for constant operands so that it
/// vectorises.
#[inline(always)]
fn binary(a: In, b: In, out: &mut Frame, f: impl Fn(f32, f32) -> f32 + Copy) {
    let chans = if a.is_stereo() || b.is_stereo() { 2 } else { 1 };
    for c in 0..chans {
        let y = if c == 0 { &mut out.l } else { &mut out.r };
        match (a, b) {
            (In::Const(x), In::Const(z)) => y.fill(f(x, z)),
            (In::Const(x), _) => {
                let bb = chan(b, c);
                for i in 0..BLOCK {
                    y[i] = f(x, bb[i]);
                }
            }
            (_, In::Const(z)) => {
                let aa = chan(a, c);
                for i in 0..BLOCK {
                    y[i] = f(aa[i], z);
                }
            }
            _ => {
                let (aa, bb) = (chan(a, c), chan(b, c));
                for i in 0..BLOCK {
                    y[i] = f(aa[i], bb[i]);
                }
            }
        }
    }
}

impl Node for Math {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (a, b) = (inputs.get(0), inputs.get(1));
        match self.op {
            MathOp::Add => binary(a, b, out, |x, y| x + y),
            MathOp::Sub => binary(a, b, out, |x, y| x - y),
            MathOp::Mul => binary(a, b, out, |x, y| x * y),
            MathOp::Div => binary(a, b, out, |x, y| MathOp::Div.apply(x, y)),
            MathOp::Mod => binary(a, b, out, |x, y| MathOp::Mod.apply(x, y)),
            MathOp::Min => binary(a, b, out, |x, y| x.min(y)),
            MathOp::Max => binary(a, b, out, |x, y| x.max(y)),
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
            mix::add_const(&mut out.l, c);
            mix::add_const(&mut out.r, c);
        }
        In::Mono(b) => {
            mix::add(&mut out.l, b);
            mix::add(&mut out.r, b);
        }
        In::Stereo(l, r) => {
            mix::add(&mut out.l, l);
            mix::add(&mut out.r, r);
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
