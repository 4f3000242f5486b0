//! Combining two patterns value by value, with Tidal's structure rules: `+` takes structure
//! from both sides, `|+` from the left, `+|` from the right (Strudel's `appBoth`, `appLeft`,
//! `appRight`). `#` is `|>`: structure from the left, values from the right.

use super::value::{sym, Atom, Map, Value};
use super::{Hap, Pattern, Query, QueryBuf};
use crate::time::Span;

/// How two values combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// Keep the left value (`|<`); maps are merged with the left winning.
    KeepLeft,
    /// Keep the right value (`|>`, `#`); maps are merged with the right winning.
    KeepRight,
}

/// Where the structure (event boundaries) of the result comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    Both,
    Left,
    Right,
}

#[inline]
fn num_op(op: ValueOp, a: f64, b: f64) -> f64 {
    match op {
        ValueOp::Add => a + b,
        ValueOp::Sub => a - b,
        ValueOp::Mul => a * b,
        ValueOp::Div => a / b,
        // JavaScript's `%` keeps the sign of the dividend; Tidal's `mod` that of the divisor.
        // Strudel's `mod` is ((a % b) + b) % b.
        ValueOp::Mod => ((a % b) + b) % b,
        ValueOp::KeepLeft => a,
        ValueOp::KeepRight => b,
    }
}

#[inline]
fn atom_op(op: ValueOp, a: Atom, b: Atom) -> Atom {
    match (a, b) {
        (Atom::Num(x), Atom::Num(y)) => Atom::Num(num_op(op, x, y)),
        _ => match op {
            ValueOp::KeepRight => b,
            _ => a,
        },
    }
}

/// Combine two values. Numbers use arithmetic; maps merge, applying the operator to keys both
/// have; a number meeting a map applies to the map's pitch (`n`, `note`) or `value` entry.
#[inline]
pub fn combine_values(op: ValueOp, a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => Value::Num(num_op(op, x, y)),
        (Value::Map(ma), Value::Map(mb)) => Value::Map(match op {
            ValueOp::KeepRight => ma.union(&mb),
            ValueOp::KeepLeft => mb.union(&ma),
            _ => ma.zip_with(&mb, |x, y| atom_op(op, x, y)),
        }),
        (Value::Map(m), other) if other.as_atom().is_some() => match op {
            ValueOp::KeepLeft => Value::Map(m),
            ValueOp::KeepRight => other,
            _ => Value::Map(map_scalar(m, op, other.as_atom().unwrap_or(Atom::Num(0.0)), false)),
        },
        (other, Value::Map(m)) if other.as_atom().is_some() => match op {
            ValueOp::KeepLeft => other,
            ValueOp::KeepRight => Value::Map(m),
            _ => Value::Map(map_scalar(m, op, other.as_atom().unwrap_or(Atom::Num(0.0)), true)),
        },
        (Value::List(_), _) | (_, Value::List(_)) | (Value::Sym(_), _) | (_, Value::Sym(_)) => match op {
            ValueOp::KeepRight => b,
            ValueOp::KeepLeft => a,
            _ => match (a.as_num(), b.as_num()) {
                (Some(x), Some(y)) => Value::Num(num_op(op, x, y)),
                _ => a,
            },
        },
        _ => a,
    }
}

fn map_scalar(mut m: Map, op: ValueOp, s: Atom, scalar_left: bool) -> Map {
    let key = [sym::NOTE, sym::N, sym::VALUE].into_iter().find(|k| m.get(*k).is_some());
    if let Some(k) = key {
        if let Some(v) = m.get(k) {
            let r = if scalar_left { atom_op(op, s, v) } else { atom_op(op, v, s) };
            m.set(k, r);
        }
    }
    m
}

struct App {
    op: ValueOp,
    from: From,
    left: Pattern,
    right: Pattern,
}

impl Query for App {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        match self.from {
            From::Left => app_side(&self.left, &self.right, span, out, |l, r| combine_values(self.op, l, r), true),
            From::Right => app_side(&self.right, &self.left, span, out, |r, l| combine_values(self.op, l, r), false),
            From::Both => {
                let m0 = out.len();
                self.left.query(span, out);
                let m1 = out.len();
                self.right.query(span, out);
                let m2 = out.len();
                for i in m0..m1 {
                    for j in m1..m2 {
                        if out.full() {
                            break;
                        }
                        let (l, r) = (out.get(i), out.get(j));
                        if let Some(part) = l.part.intersection(r.part) {
                            let whole = match (l.whole, r.whole) {
                                (Some(a), Some(b)) => Some(a.sect(b)),
                                _ => None,
                            };
                            out.push(Hap::new(whole, part, combine_values(self.op, l.value, r.value)));
                        }
                    }
                }
                out.remove_range(m0, m2);
            }
        }
    }
}

/// Structure from `structure`: for each of its haps, query `values` over the hap's whole and
/// combine where the parts meet (`f(structure value, other value)`).
#[inline]
pub(crate) fn app_side(
    structure: &Pattern,
    values: &Pattern,
    span: Span,
    out: &mut QueryBuf,
    f: impl Fn(Value, Value) -> Value,
    _left: bool,
) {
    let m0 = out.len();
    structure.query(span, out);
    let m1 = out.len();
    for i in m0..m1 {
        if out.full() {
            break;
        }
        let s = out.get(i);
        let r0 = out.len();
        values.query(s.whole_or_part(), out);
        let r1 = out.len();
        for j in r0..r1 {
            let v = out.get(j);
            if let Some(part) = s.part.intersection(v.part) {
                out.push(Hap::new(s.whole, part, f(s.value, v.value)));
            }
        }
        out.remove_range(r0, r1);
    }
    out.remove_range(m0, m1);
}

/// `a op b` with structure from `from`.
pub fn app(op: ValueOp, from: From, left: Pattern, right: Pattern) -> Pattern {
    Pattern::new(App { op, from, left, right })
}

/// Tidal's `#` (`|>`): structure from the left, values (and control maps) from the right.
pub fn set(left: Pattern, right: Pattern) -> Pattern {
    app(ValueOp::KeepRight, From::Left, left, right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::core::{fastcat, pure};
    use crate::time::Rational;

    fn nums(p: &Pattern) -> Vec<(String, f64)> {
        p.haps(Rational::ZERO, Rational::ONE)
            .into_iter()
            .map(|h| (format!("{}", h.part.begin), h.value.as_num().unwrap()))
            .collect()
    }

    #[test]
    fn structure_rules() {
        let a = fastcat(vec![pure(Value::Num(1.0)), pure(Value::Num(2.0))]);
        let b = fastcat(vec![pure(Value::Num(10.0)), pure(Value::Num(20.0)), pure(Value::Num(30.0))]);
        // |+ : structure from the left (2 events, values from b where they start... fragments).
        let l = app(ValueOp::Add, From::Left, a.clone(), b.clone());
        assert_eq!(
            nums(&l),
            vec![("0".into(), 11.0), ("1/3".into(), 21.0), ("1/2".into(), 22.0), ("2/3".into(), 32.0)]
        );
        let r = app(ValueOp::Add, From::Right, a.clone(), b.clone());
        assert_eq!(r.haps(Rational::ZERO, Rational::ONE).len(), 4);
        let both = app(ValueOp::Add, From::Both, a, b);
        let hs = both.haps(Rational::ZERO, Rational::ONE);
        assert_eq!(hs.len(), 4);
        assert_eq!(hs[1].whole.unwrap(), Span::new(Rational::new(1, 3), Rational::new(1, 2)));
    }
}
