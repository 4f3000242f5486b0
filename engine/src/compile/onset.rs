//! Signals as continuous patterns of cycle time, for event controls that sample a signal at
//! each event's onset (`# pan (sine 0.5)`, `# cutoff ~lfo`).
//!
//! Only signals that are a function of time alone have one: oscillators of constant
//! frequency (their phase starts at cycle 0 at the program's tempo), constants, and
//! arithmetic on them.

use crate::nodes::MathOp;
use crate::pattern::ops::{self, ValueOp};
use crate::pattern::{core, Pattern, Value};
use crate::time::Rational;

/// The oscillator `name` at `freq` Hz, `cps` cycles per second, as the values it takes.
pub(crate) fn oscillator(name: &str, freq: f64, cps: f64) -> Option<Pattern> {
    let wave: fn(f64) -> f64 = match name {
        "sine" => |x| (std::f64::consts::TAU * x).sin(),
        "saw" => |x| 2.0 * x.rem_euclid(1.0) - 1.0,
        "square" => |x| if x.rem_euclid(1.0) < 0.5 { 1.0 } else { -1.0 },
        "tri" => |x| 1.0 - 4.0 * ((x + 0.25).rem_euclid(1.0) - 0.5).abs(),
        _ => return None,
    };
    if !(freq.is_finite() && cps > 0.0) {
        return None;
    }
    let per_cycle = freq / cps;
    Some(core::signal(move |t: Rational| Value::Num(wave(t.to_f64() * per_cycle))))
}

pub(crate) fn constant(x: f64) -> Pattern {
    core::signal(move |_| Value::Num(x))
}

/// `a op b` of two continuous patterns, sampled at the same instant.
pub(crate) fn math(op: MathOp, a: Pattern, b: Pattern) -> Option<Pattern> {
    let op = match op {
        MathOp::Add => ValueOp::Add,
        MathOp::Sub => ValueOp::Sub,
        MathOp::Mul => ValueOp::Mul,
        MathOp::Div => ValueOp::Div,
        MathOp::Mod => ValueOp::Mod,
        _ => return None,
    };
    Some(ops::app(op, ops::From::Left, a, b))
}

pub(crate) fn negate(a: Pattern) -> Pattern {
    core::fmap(a, |v| match v.as_num() {
        Some(x) => Value::Num(-x),
        None => v,
    })
}
