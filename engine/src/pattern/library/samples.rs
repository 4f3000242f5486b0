//! Cutting samples into pieces with `begin`/`end` controls (`chop striate`).

use super::{op, pat, whole, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::join::{num_of, patternify};
use crate::pattern::ops::{combine_values, ValueOp};
use crate::pattern::transform::{fast_q, squeeze_q, steps_q};
use crate::pattern::value::{sym, Atom, Map};
use crate::pattern::{Hap, Pattern, Value};
use crate::time::{Rational, Span};

/// Most pieces a sample is cut into.
const MAX_PIECES: f64 = 4096.0;

fn pieces(v: &Value) -> Option<i64> {
    num_of(v).filter(|&x| whole(x) && (1.0..=MAX_PIECES).contains(&x)).map(|x| x as i64)
}

/// Piece `i` of `n` as `begin`/`end` controls, within the value's own `begin`..`end` if it has
/// both (Strudel's `chop` merge).
fn piece(v: Value, i: i64, n: i64) -> Value {
    let mut m = v.to_map();
    let (b, e) = (i as f64 / n as f64, (i + 1) as f64 / n as f64);
    let (b, e) = match (m.get_num(sym::BEGIN), m.get_num(sym::END)) {
        (Some(b0), Some(e0)) => (b0 + b * (e0 - b0), b0 + e * (e0 - b0)),
        _ => (b, e),
    };
    m.set(sym::BEGIN, Atom::Num(b));
    m.set(sym::END, Atom::Num(e));
    Value::Map(m)
}

/// Tidal's `gap n`: `chop n`, every other part silent (`fast n (cat [1, silence]) |>| chop n p`).
fn gap(a: &[PatArg]) -> Result<Pattern, String> {
    use crate::pattern::core::{pure, silence, slowcat};
    let n = pat(a, 0)?;
    let on_off = super::time::fast(n, slowcat(vec![pure(Value::Map(Map::new())), silence()]));
    Ok(crate::pattern::ops::app(
        crate::pattern::ops::ValueOp::KeepRight,
        crate::pattern::ops::From::Both,
        on_off,
        chop(a)?,
    ))
}

fn chop(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = pieces(&a[0]) else { return };
            squeeze_q(
                &|s, o| pat.query(s, o),
                &|v, s, o| {
                    steps_q(Rational::int(n), s, o, |k, whole, part, o2| {
                        o2.push(Hap::new(Some(whole), part, piece(v, k.rem_euclid(n), n)))
                    })
                },
                span,
                out,
            );
        }),
    ))
}

fn striate(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = pieces(&a[0]) else { return };
            striate_q(&pat, n, |k| (k as f64 / n as f64, (k + 1) as f64 / n as f64), span, out);
        }),
    ))
}

/// Strudel's `striate` with its pieces chosen by `range` (piece `k` of `n` as `(begin, end)`
/// fractions of the sample): cycle `c` of the pattern, sped up `n` times, plays piece `c mod n`.
pub(super) fn striate_q(
    pat: &Pattern,
    n: i64,
    range: impl Fn(i64) -> (f64, f64),
    span: Span,
    out: &mut crate::pattern::QueryBuf,
) {
    let q = |s: Span, o: &mut crate::pattern::QueryBuf| {
        let mark = o.len();
        pat.query(s, o);
        let end = o.len();
        for i in mark..end {
            if !o.tick() {
                break;
            }
            let h = o.get(i);
            for part in h.part.cycles() {
                let (b, e) = range(part.begin.floor_int().rem_euclid(n));
                let slice = Map::single(sym::BEGIN, Atom::Num(b)).union(&Map::single(sym::END, Atom::Num(e)));
                o.push(h.remade(h.whole, part, combine_values(ValueOp::KeepRight, h.value, Value::Map(slice))));
            }
        }
        o.remove_range(mark, end);
    };
    fast_q(Rational::int(n), &q, span, out);
}

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "gap",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("n"), PAT],
        variadic: false,
        help: "Like chop, with every other part silent: each sample plays in n grains with gaps between.",
        example: "out: gap 4 $ s \"bd sn\"",
        imp: Imp::Pattern(gap),
    },
    FnMeta {
        name: "chop",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("n"), PAT],
        variadic: false,
        help: "Cuts each event into n parts, each playing the matching part of the sample (begin/end).",
        example: "out: chop 4 $ s \"bd sn\"",
        imp: Imp::Pattern(chop),
    },
    FnMeta {
        name: "striate",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("n"), PAT],
        variadic: false,
        help:
            "Cuts samples into n parts and interlaces them: the whole pattern plays n times, each time the next part.",
        example: "out: striate 4 $ s \"bd sn\"",
        imp: Imp::Pattern(striate),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::show;

    #[test]
    fn chop_cuts_events() {
        assert_eq!(
            show("chop 2 $ \"a\"", 0, 1),
            [
                "0-1/2|0-1/2:{\"begin\":0,\"end\":0.5,\"value\":\"a\"}",
                "1/2-1|1/2-1:{\"begin\":0.5,\"end\":1,\"value\":\"a\"}"
            ]
        );
    }

    #[test]
    fn striate_interlaces() {
        assert_eq!(
            show("striate 2 $ \"a b\"", 0, 1),
            [
                "0-1/4|0-1/4:{\"begin\":0,\"end\":0.5,\"value\":\"a\"}",
                "1/4-1/2|1/4-1/2:{\"begin\":0,\"end\":0.5,\"value\":\"b\"}",
                "1/2-3/4|1/2-3/4:{\"begin\":0.5,\"end\":1,\"value\":\"a\"}",
                "3/4-1|3/4-1:{\"begin\":0.5,\"end\":1,\"value\":\"b\"}"
            ]
        );
    }
}
