//! Tidal's `ur`: a long-form arrangement. A pattern of names, stretched over `n` cycles, says
//! which named pattern plays when; `name:fx` also applies a named function to that part.

use super::pat;
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg, PatFn};
use crate::pattern::core::pure;
use crate::pattern::join::time_of;
use crate::pattern::transform::{clip_to_event, fast_q, late_q};
use crate::pattern::value::Atom;
use crate::pattern::{Pattern, Query, QueryBuf, Sym, Value};
use crate::time::{Rational, Span};

/// Cycles of the arrangement (in its own, fast time) read when `ur` is built to find the
/// lengths of the parts that take a function: each such part is built once per length.
const SCAN_CYCLES: i64 = 64;

/// A part of the arrangement: a name, and the function named after its `:`, if any.
fn part_of(v: &Value) -> Option<(Sym, Option<Sym>)> {
    match v {
        Value::Sym(s) => Some((*s, None)),
        Value::List(l) => match l.items() {
            [Atom::Sym(name), Atom::Sym(fx)] => Some((*name, Some(*fx))),
            [Atom::Sym(name)] => Some((*name, None)),
            _ => None,
        },
        _ => None,
    }
}

struct Ur {
    outer: Pattern,
    /// Each name's pattern, sped up by the arrangement's length.
    plain: Vec<(Sym, Pattern)>,
    /// Each (name, function, part length): Tidal's `inside (1/length) f` of the name's pattern.
    transformed: Vec<(Sym, Sym, Rational, Pattern)>,
}

impl Ur {
    fn inner(&self, name: Sym, fx: Option<Sym>, len: Rational) -> Option<&Pattern> {
        match fx {
            Some(f) => self.transformed.iter().find(|(n, x, l, _)| *n == name && *x == f && *l == len).map(|t| &t.3),
            None => None,
        }
        .or_else(|| self.plain.iter().find(|(n, _)| *n == name).map(|(_, p)| p))
    }
}

impl Query for Ur {
    /// Tidal's `unwrap` of the parts: each part's pattern plays within the part's event,
    /// events keeping the intersection of both wholes; a part with a function starts its
    /// pattern at the part's beginning.
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let m0 = out.len();
        self.outer.query(span, out);
        let m1 = out.len();
        for i in m0..m1 {
            if !out.tick() {
                break;
            }
            let o = out.get(i);
            let Some(ow) = o.whole else { continue };
            let Some((name, fx)) = part_of(&o.value) else { continue };
            let Some(inner) = self.inner(name, fx, ow.end - ow.begin) else { continue };
            let r0 = out.len();
            let shift = if fx.is_some() { ow.begin } else { Rational::ZERO };
            late_q(shift, &|s, buf| inner.query(s, buf), o.part, out);
            out.retain_mut_from(r0, |h| clip_to_event(h, ow, &o));
        }
        out.remove_range(m0, m1);
    }
}

fn ur(a: &[PatArg]) -> Result<Pattern, String> {
    let len = pat(a, 0)?
        .constant()
        .and_then(|c| time_of(&c.value))
        .filter(|t| *t > Rational::ZERO)
        .ok_or("ur: the arrangement's length must be a constant positive number of cycles")?;
    let outer = pat(a, 1)?;
    let named = |i: usize, what: &str| -> Result<Vec<(Sym, PatArg)>, String> {
        let items = match a.get(i) {
            Some(PatArg::List(items)) => items,
            _ => return Err(format!("ur: the {what} must be a list of (\"name\", {what}) tuples")),
        };
        items
            .iter()
            .map(|it| match it {
                PatArg::List(pair) if pair.len() == 2 => {
                    let name = pair[0].pat()?.constant().map(|c| c.value);
                    match name {
                        Some(Value::Sym(s)) => Ok((s, pair[1].clone())),
                        _ => Err(format!("ur: each of the {what} is named by a word, as in (\"intro\", ...)")),
                    }
                }
                _ => Err(format!("ur: each of the {what} is a tuple (\"name\", ...)")),
            })
            .collect()
    };
    let speed = pure(Value::Num(len.to_f64()));
    let mut plain = Vec::new();
    for (name, p) in named(2, "patterns")? {
        plain.push((name, super::time::fast(speed.clone(), p.pat()?.clone())));
    }
    let fxs: Vec<(Sym, PatFn)> = match a.get(3) {
        Some(_) => {
            named(3, "functions")?.into_iter().map(|(n, f)| Ok((n, f.fun()?.clone()))).collect::<Result<_, String>>()?
        }
        None => Vec::new(),
    };
    let mut transformed: Vec<(Sym, Sym, Rational, Pattern)> = Vec::new();
    for h in outer.haps(Rational::ZERO, Rational::int(SCAN_CYCLES)) {
        let (Some(w), Some((name, Some(fx)))) = (h.whole, part_of(&h.value)) else { continue };
        let d = w.end - w.begin;
        if transformed.iter().any(|(n, x, l, _)| *n == name && *x == fx && *l == d) {
            continue;
        }
        let (Some((_, p)), Some((_, f))) = (plain.iter().find(|(n, _)| *n == name), fxs.iter().find(|(n, _)| *n == fx))
        else {
            continue;
        };
        // Tidal's `inside (1/d) f p`: `f` sees the part's length as one cycle.
        let d_pat = pure(Value::Num(d.to_f64()));
        let inside = super::time::slow(d_pat.clone(), f(super::time::fast(d_pat, p.clone()))?);
        transformed.push((name, fx, d, inside));
    }
    let unwrapped = Pattern::new(Ur { outer, plain, transformed });
    Ok(Pattern::new(Slow { by: len, pat: unwrapped }))
}

/// The arrangement stretched over its length.
struct Slow {
    by: Rational,
    pat: Pattern,
}

impl Query for Slow {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        fast_q(Rational::ONE / self.by, &|s, o| self.pat.query(s, o), span, out);
    }
}

const F: Param = Param::list("functions");

pub static FUNCTIONS: &[FnMeta] = &[FnMeta {
    name: "ur",
    aliases: &[],
    kind: Kind::PatternSource,
    params: &[Param::pattern("cycles"), Param::pattern("arrangement"), Param::list("patterns"), F],
    variadic: false,
    help: "Tidal's long-form arrangement: ur 8 \"a b:loud\" [(\"a\", s \"bd*2\"), (\"b\", s \"hh*4\")] [(\"loud\", (# gain 1.2))] \
           plays the arrangement of names over 8 cycles, each part's pattern in its place; `name:fx` applies the named function \
           to that part, whose pattern then starts at the part's beginning.",
    example: "out: ur 4 \"a [a b:fast]\" [(\"a\", s \"bd*2\"), (\"b\", s \"hh cp\")] [(\"fast\", (fast 2))]",
    imp: Imp::Pattern(ur),
}];

#[cfg(test)]
mod tests {
    use super::super::testing::show;

    #[test]
    fn parts_play_their_patterns_in_place() {
        // Over 2 cycles, "a b": a's pattern in the first cycle, b's in the second, each at
        // its own speed and in step with the timeline.
        assert_eq!(
            show("ur 2 \"a b\" [(\"a\", \"x y\"), (\"b\", \"z\")] []", 0, 2),
            ["0-1/2|0-1/2:x", "1/2-1|1/2-1:y", "1-2|1-2:z"]
        );
    }

    #[test]
    fn a_named_function_applies_to_its_part_from_the_part_start() {
        // "a a:f" over 2 cycles: cycle 1 is a with `fast 2` applied, starting at cycle 1.
        assert_eq!(
            show("ur 2 \"a a:f\" [(\"a\", \"x y\")] [(\"f\", (fast 2))]", 0, 2),
            [
                "0-1/2|0-1/2:x",
                "1/2-1|1/2-1:y",
                "1-5/4|1-5/4:x",
                "5/4-3/2|5/4-3/2:y",
                "3/2-7/4|3/2-7/4:x",
                "7/4-2|7/4-2:y"
            ]
        );
    }
}
