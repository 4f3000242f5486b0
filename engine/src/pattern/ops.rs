//! Combining two patterns value by value, with Tidal's structure rules: `+` and `|+|` take
//! structure from both sides, `|+` from the left, `+|` from the right, `||+` squeezes the right
//! pattern into each event of the left (Strudel's `appBoth`, `appLeft`, `appRight`,
//! `squeezeJoin`). `#` is `|>`: structure from the left, values from the right. `struct` and
//! `mask` keep events where a boolean pattern is true.

use super::transform::{focus_q, split_at_cycles, squeeze_q};
use super::value::{sym, Atom, Map, Value};
use super::{Hap, Locs, Pattern, Query, QueryBuf};
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

impl ValueOp {
    fn arithmetic(self) -> bool {
        !matches!(self, ValueOp::KeepLeft | ValueOp::KeepRight)
    }
}

/// Where the structure (event boundaries) of the result comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    Both,
    Left,
    Right,
    /// Each event of the left plays a whole cycle of the right (`||+`).
    Squeeze,
}

#[inline]
fn num_op(op: ValueOp, a: f64, b: f64) -> f64 {
    match op {
        ValueOp::Add => a + b,
        ValueOp::Sub => a - b,
        ValueOp::Mul => a * b,
        ValueOp::Div => a / b,
        // Strudel's `mod` keeps the sign of the divisor: ((a % b) + b) % b.
        ValueOp::Mod => ((a % b) + b) % b,
        ValueOp::KeepLeft => a,
        ValueOp::KeepRight => b,
    }
}

/// A value as a number for arithmetic: numbers, and note names as their MIDI numbers
/// (Strudel's `parseNumeral`: `"c e g".add(12)` is 60 64 67).
#[inline]
fn numeral(a: Atom) -> Option<f64> {
    match a {
        Atom::Num(x) => Some(x),
        Atom::Sym(s) => s.note(),
    }
}

#[inline]
fn atom_op(op: ValueOp, a: Atom, b: Atom) -> Atom {
    match op {
        ValueOp::KeepLeft => a,
        ValueOp::KeepRight => b,
        _ => match (numeral(a), numeral(b)) {
            (Some(x), Some(y)) => Atom::Num(num_op(op, x, y)),
            // Strudel fails on arithmetic with other words; the left value stands.
            _ => a,
        },
    }
}

/// Combine two values as Strudel does: numbers by arithmetic (note names count as their MIDI
/// numbers); when either side is a control map, the other becomes `{value: x}` and the maps
/// merge, the operator applying to the keys both have. One Phonon addition: arithmetic between
/// a map that has a pitch (`n` or `note`) and a plain number or note name applies to the
/// pitch, so `n "0 2" + 12` transposes.
#[inline]
pub fn combine_values(op: ValueOp, a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => Value::Num(num_op(op, x, y)),
        (Value::Map(ma), Value::Map(mb)) => Value::Map(merge(op, ma, &mb)),
        (Value::Map(m), other) => match (op.arithmetic(), other.as_atom()) {
            (true, Some(s)) if pitch_key(&m).is_some() && is_pitch(s) => Value::Map(map_scalar(m, op, s, false)),
            _ => Value::Map(merge(op, m, &other.to_map())),
        },
        (other, Value::Map(m)) => match (op.arithmetic(), other.as_atom()) {
            (true, Some(s)) if pitch_key(&m).is_some() && is_pitch(s) => Value::Map(map_scalar(m, op, s, true)),
            _ => Value::Map(merge(op, other.to_map(), &m)),
        },
        (a, b) => match (a.as_atom(), b.as_atom()) {
            (Some(x), Some(y)) => atom_op(op, x, y).into(),
            // Lists (`bd:3`) take no arithmetic; `#`/`|<` still choose a side.
            _ => match op {
                ValueOp::KeepRight => b,
                _ => a,
            },
        },
    }
}

/// Union of two maps, in the left's key order, `op` deciding the keys both have.
fn merge(op: ValueOp, mut a: Map, b: &Map) -> Map {
    for (k, vb) in b.iter() {
        let v = match a.get(k) {
            Some(va) => atom_op(op, va, vb),
            None => vb,
        };
        a.set(k, v);
    }
    a
}

/// Whether a plain value can join a pitch: a number or a note name. Any other word stays a
/// value of its own (`"superpiano" + n "0 4"` is that sound at those notes, as Tidal reads a
/// bare word among controls).
fn is_pitch(a: Atom) -> bool {
    match a {
        Atom::Num(_) => true,
        Atom::Sym(s) => super::notes::parse_name(s.name()).is_some(),
    }
}

fn pitch_key(m: &Map) -> Option<super::Sym> {
    if m.get(sym::VALUE).is_some() {
        return None;
    }
    [sym::NOTE, sym::N].into_iter().find(|k| m.get(*k).is_some())
}

fn map_scalar(mut m: Map, op: ValueOp, s: Atom, scalar_left: bool) -> Map {
    if let Some(k) = pitch_key(&m) {
        if let Some(v) = m.get(k) {
            // The scalar joins a pitch: a note name in it reads as the pitch control reads it
            // (`"e" |+ n 12` is 16, Tidal's), not as Strudel's MIDI numeral.
            let s = super::notes::control_value(k, s);
            let r = if scalar_left { atom_op(op, s, v) } else { atom_op(op, v, s) };
            m.set(k, r);
        }
    }
    m
}

/// Structure from `structure`: for each of its haps, query `values` over the hap's whole (or
/// part, for continuous haps) and combine where the parts meet; `f(structure value, other
/// value)` returning `None` drops the fragment.
#[inline]
pub(crate) fn app_side(
    structure: &Pattern,
    values: &Pattern,
    span: Span,
    out: &mut QueryBuf,
    f: impl Fn(Value, Value) -> Option<Value>,
) {
    let m0 = out.len();
    structure.query(span, out);
    let m1 = out.len();
    for i in m0..m1 {
        if !out.tick() {
            break;
        }
        let s = out.get(i);
        let r0 = out.len();
        values.query(s.whole_or_part(), out);
        out.retain_mut_from(r0, |v| {
            let Some(part) = s.part.intersection(v.part) else { return false };
            let Some(value) = f(s.value, v.value) else { return false };
            v.whole = s.whole;
            v.part = part;
            v.value = value;
            v.locs = s.locs.union(v.locs);
            true
        });
    }
    out.remove_range(m0, m1);
}

/// Structure from both: every pair of haps whose parts meet, wholes intersected. Event
/// controls of a continuous pattern (`s "bd*4" |+| shape (range 0.1 0.5 sine)`) take the
/// other side's events, as Tidal 0.x's `|+|` did: Tidal 1 would make events without onsets
/// there, which never sound.
fn app_both(left: &Pattern, right: &Pattern, span: Span, out: &mut QueryBuf, f: impl Fn(Value, Value) -> Value) {
    let m0 = out.len();
    left.query(span, out);
    let m1 = out.len();
    right.query(span, out);
    let m2 = out.len();
    let controls = |out: &QueryBuf, a: usize, b: usize, analog: bool| {
        a < b
            && (a..b).all(|i| {
                let h = out.get(i);
                h.whole.is_none() == analog && matches!(h.value, Value::Map(_))
            })
    };
    if controls(out, m1, m2, true) && controls(out, m0, m1, false) {
        out.truncate(m0);
        return app_side(left, right, span, out, |l, r| Some(f(l, r)));
    }
    if controls(out, m0, m1, true) && controls(out, m1, m2, false) {
        out.truncate(m0);
        return app_side(right, left, span, out, |r, l| Some(f(l, r)));
    }
    'outer: for i in m0..m1 {
        for j in m1..m2 {
            if !out.tick() {
                break 'outer;
            }
            let (l, r) = (out.get(i), out.get(j));
            if let Some(part) = l.part.intersection(r.part) {
                let whole = match (l.whole, r.whole) {
                    (Some(a), Some(b)) => Some(a.sect(b)),
                    _ => None,
                };
                out.push(Hap { whole, part, value: f(l.value, r.value), locs: l.locs.union(r.locs) });
            }
        }
    }
    out.remove_range(m0, m2);
}

struct App {
    op: ValueOp,
    from: From,
    left: Pattern,
    right: Pattern,
    /// The value of the side that gives no structure, when it is a constant
    /// (`s "bd*4" # gain 0.8`): combined directly instead of queried for every event.
    constant: Option<Value>,
    /// Where that constant is written, if it is a word of the program (`# n "3"`).
    constant_locs: Locs,
}

impl Query for App {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let op = self.op;
        if let Some(c) = self.constant {
            // Strudel queries the constant over each event's whole, which cuts the event at
            // cycle boundaries: the same as cutting it directly.
            let mark = out.len();
            match self.from {
                From::Left => {
                    self.left.query(span, out);
                    split_at_cycles(out, mark, |l| combine_values(op, l, c));
                }
                _ => {
                    self.right.query(span, out);
                    split_at_cycles(out, mark, |r| combine_values(op, c, r));
                }
            }
            let locs = self.constant_locs;
            if !locs.is_empty() {
                out.map_from(mark, |h| h.locs = h.locs.union(locs));
            }
            return;
        }
        match self.from {
            From::Left => app_side(&self.left, &self.right, span, out, |l, r| Some(combine_values(op, l, r))),
            From::Right => app_side(&self.right, &self.left, span, out, |r, l| Some(combine_values(op, l, r))),
            From::Both => app_both(&self.left, &self.right, span, out, |l, r| combine_values(op, l, r)),
            From::Squeeze => squeeze_q(
                &|s, o| self.left.query(s, o),
                &|l, s, o| {
                    let mark = o.len();
                    self.right.query(s, o);
                    o.map_from(mark, |h| h.value = combine_values(op, l, h.value));
                },
                span,
                out,
            ),
        }
    }
}

/// `a op b` with structure from `from`.
pub fn app(op: ValueOp, from: From, left: Pattern, right: Pattern) -> Pattern {
    let c = match from {
        From::Left => right.constant(),
        From::Right => left.constant(),
        From::Both | From::Squeeze => None,
    };
    let (constant, constant_locs) = (c.map(|c| c.value), c.map(|c| c.locs).unwrap_or(Locs::NONE));
    Pattern::new(App { op, from, left, right, constant, constant_locs })
}

/// Tidal's `#` (`|>`): structure from the left, values (and control maps) from the right.
pub fn set(left: Pattern, right: Pattern) -> Pattern {
    app(ValueOp::KeepRight, From::Left, left, right)
}

struct Keep {
    bools: Pattern,
    pat: Pattern,
    /// Structure from the boolean pattern (`struct`) rather than from `pat` (`mask`).
    from_bools: bool,
}

impl Query for Keep {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        if self.from_bools {
            app_side(&self.bools, &self.pat, span, out, |b, a| if b.truthy() { Some(a) } else { None });
        } else {
            app_side(&self.pat, &self.bools, span, out, |a, b| if b.truthy() { Some(a) } else { None });
        }
    }
}

/// The events of `pat` restructured by the true events of `bools` (Strudel's `struct`:
/// JavaScript truthiness, so `0` is false and every word is true).
pub fn keep_struct(bools: Pattern, pat: Pattern) -> Pattern {
    Pattern::new(Keep { bools, pat, from_bools: true })
}

/// The events of `pat`, cut to where `bools` is true (Strudel's `mask`).
pub fn keep_mask(bools: Pattern, pat: Pattern) -> Pattern {
    Pattern::new(Keep { bools, pat, from_bools: false })
}

/// Strudel's `focus` as a pattern (used by tests of the squeeze forms).
pub fn focus(begin: crate::time::Rational, end: crate::time::Rational, pat: Pattern) -> Pattern {
    struct Focus(crate::time::Rational, crate::time::Rational, Pattern);
    impl Query for Focus {
        fn query(&self, span: Span, out: &mut QueryBuf) {
            focus_q(self.0, self.1, &|s, o| self.2.query(s, o), span, out);
        }
    }
    Pattern::new(Focus(begin, end, pat))
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

    fn seq(xs: &[f64]) -> Pattern {
        fastcat(xs.iter().map(|&x| pure(Value::Num(x))).collect())
    }

    #[test]
    fn structure_rules() {
        let (a, b) = (seq(&[1.0, 2.0]), seq(&[10.0, 20.0, 30.0]));
        let l = app(ValueOp::Add, From::Left, a.clone(), b.clone());
        assert_eq!(
            nums(&l),
            vec![("0".into(), 11.0), ("1/3".into(), 21.0), ("1/2".into(), 22.0), ("2/3".into(), 32.0)]
        );
        let r = app(ValueOp::Add, From::Right, a.clone(), b.clone());
        assert_eq!(r.haps(Rational::ZERO, Rational::ONE).len(), 4);
        let both = app(ValueOp::Add, From::Both, a.clone(), b.clone());
        let hs = both.haps(Rational::ZERO, Rational::ONE);
        assert_eq!(hs.len(), 4);
        assert_eq!(hs[1].whole.unwrap(), Span::new(Rational::new(1, 3), Rational::new(1, 2)));
        // Squeezed: each event of the left plays the whole right pattern.
        let sq = app(ValueOp::Add, From::Squeeze, a, b);
        assert_eq!(
            nums(&sq),
            vec![
                ("0".into(), 11.0),
                ("1/6".into(), 21.0),
                ("1/3".into(), 31.0),
                ("1/2".into(), 12.0),
                ("2/3".into(), 22.0),
                ("5/6".into(), 32.0)
            ]
        );
    }

    #[test]
    fn maps_merge_as_in_strudel() {
        let a = Value::sym("a");
        let speed = Value::Map(Map::single(sym::SPEED, Atom::Num(2.0)));
        let m = combine_values(ValueOp::Mul, a, speed);
        assert_eq!(m.to_json(), serde_json::json!({"value": "a", "speed": 2}));
        let set =
            combine_values(ValueOp::KeepRight, Value::Num(1.0), Value::Map(Map::single(sym::GAIN, Atom::Num(0.5))));
        assert_eq!(set.to_json(), serde_json::json!({"value": 1, "gain": 0.5}));
        let n = Value::Map(Map::single(sym::N, Atom::Num(2.0)));
        assert_eq!(combine_values(ValueOp::Add, n, Value::Num(12.0)).to_json(), serde_json::json!({"n": 14}));
        assert_eq!(combine_values(ValueOp::Add, Value::sym("bd"), Value::Num(1.0)), Value::sym("bd"));
        assert_eq!(combine_values(ValueOp::Add, Value::sym("c"), Value::Num(12.0)), Value::Num(60.0));
        assert_eq!(combine_values(ValueOp::Add, Value::sym("eb4"), Value::Num(0.0)), Value::Num(63.0));
    }
}
