//! Layers: the pattern played together with shifted or transformed copies of itself (`off
//! stut echo echoWith jux juxBy`).

use super::{fun, op, pat, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::join::{bind_args, num_of, patternify, read_bound, time_of};
use crate::pattern::ops::{combine_values, ValueOp};
use crate::pattern::transform::{late_q, split_at_cycles};
use crate::pattern::value::{sym, Atom, Map};
use crate::pattern::{Pattern, Slot, Value};
use crate::time::Rational;

/// `off t f`: the pattern, plus `f` of it shifted later by `t`.
fn off(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (t, f, pat) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    let slot = Slot::fresh();
    let shifted = read_bound(slot, pat.clone(), |v, q, s, o| late_q(Rational::from_f64(v[0]), q, s, o));
    let fpat = f(shifted)?;
    Ok(bind_args(vec![t], slot, move |_, span, out| {
        pat.query(span, out);
        fpat.query(span, out);
    }))
}

/// Most copies `stut`, `echo` and `echoWith` make.
const MAX_ECHOES: usize = 64;

/// How many copies: Strudel's `listRange(0, times - 1)`.
fn copies(v: &Value) -> Option<usize> {
    num_of(v).filter(|x| x.is_finite()).map(|x| (x.floor().max(0.0) as usize).min(MAX_ECHOES))
}

/// `times` copies, copy `i` shifted by `i * time` with gain `feedback^i` (Strudel's `echo`,
/// which sets the gain control).
fn echo_pattern(times: Pattern, time: Pattern, feedback: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![times, time, feedback],
        op(move |a, span, out| {
            let (Some(n), Some(t), Some(fb)) = (copies(&a[0]), time_of(&a[1]), num_of(&a[2])) else { return };
            for i in 0..n {
                if !out.tick() {
                    return;
                }
                let gain = Value::Map(Map::single(sym::GAIN, Atom::Num(fb.powi(i as i32))));
                let mark = out.len();
                late_q(t * Rational::int(i as i64), &|s, o| pat.query(s, o), span, out);
                split_at_cycles(out, mark, |v| combine_values(ValueOp::KeepRight, v, gain));
            }
        }),
    )
}

fn stut(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1, 2])?;
    Ok(echo_pattern(pat(a, 0)?, pat(a, 2)?, pat(a, 1)?, pat(a, 3)?))
}

fn echo(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1, 2])?;
    Ok(echo_pattern(pat(a, 0)?, pat(a, 1)?, pat(a, 2)?, pat(a, 3)?))
}

/// Most copies `echoWith` makes: copy `i` nests the function `i` times.
const MAX_NESTED_ECHOES: usize = 16;

/// `echoWith n t f`: copy `i` is `f` applied `i` times, each time to the previous copy shifted
/// by `t` (Tidal's `stutWith`). The function is applied when the pattern is built, so the copies
/// are made up front: at most 16.
fn echo_with(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (times, time, f, pat) = (pat(a, 0)?, pat(a, 1)?, fun(a, 2)?, pat(a, 3)?);
    let most = match times.constant().and_then(|c| copies(&c.value)) {
        Some(n) => n.min(MAX_NESTED_ECHOES),
        None => MAX_NESTED_ECHOES,
    };
    let slot = Slot::fresh();
    let mut layers = Vec::with_capacity(most);
    let mut prev = pat;
    for i in 0..most {
        if i > 0 {
            let shifted = read_bound(slot, prev.clone(), |v, q, s, o| late_q(Rational::from_f64(v[1]), q, s, o));
            prev = f(shifted)?;
        }
        layers.push(prev.clone());
    }
    Ok(bind_args(vec![times, time], slot, move |a, span, out| {
        let Some(n) = copies(&a[0]) else { return };
        for layer in layers.iter().take(n) {
            if !out.tick() {
                return;
            }
            layer.query(span, out);
        }
    }))
}

/// The value with its pan moved by `by` from its own pan (0.5 when it has none).
fn panned(v: Value, by: f64) -> Value {
    let mut m = v.to_map();
    let pan = m.get_num(sym::PAN).unwrap_or(0.5);
    m.set(sym::PAN, Atom::Num(pan + by));
    Value::Map(m)
}

/// `juxBy by f`: the pattern panned left by `by/2`, and `f` of it panned right by `by/2`.
fn jux_by_pattern(by: Pattern, f: &crate::meta::PatFn, pat: Pattern) -> Result<Pattern, String> {
    let slot = Slot::fresh();
    let right = read_bound(slot, pat.clone(), |v, q, s, o| {
        let mark = o.len();
        q(s, o);
        let by = v[0] / 2.0;
        o.map_from(mark, |h| h.value = panned(h.value, by));
    });
    let fright = f(right)?;
    Ok(bind_args(vec![by], slot, move |a, span, out| {
        let Some(by) = num_of(&a[0]) else { return };
        let mark = out.len();
        pat.query(span, out);
        out.map_from(mark, |h| h.value = panned(h.value, -by / 2.0));
        fright.query(span, out);
    }))
}

fn jux(a: &[PatArg]) -> Result<Pattern, String> {
    jux_by_pattern(crate::pattern::core::pure_direct(Value::Num(1.0)), &fun(a, 0)?, pat(a, 1)?)
}

fn jux_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    jux_by_pattern(pat(a, 0)?, &fun(a, 1)?, pat(a, 2)?)
}

const F: Param = Param::function("f");
const TIMES: Param = Param::pattern("times");

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "off",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("time"), F, PAT],
        variadic: false,
        help: "Plays the pattern with a copy shifted later by time and transformed by the function.",
        example: "out: off 0.25 (# speed 2) $ s \"bd sn\"",
        imp: Imp::Pattern(off),
    },
    FnMeta {
        name: "stut",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[TIMES, Param::pattern("feedback"), Param::pattern("time"), PAT],
        variadic: false,
        help: "Echoes: times copies, each time cycles later, with gain multiplied by feedback per copy (sets gain).",
        example: "out: stut 3 0.5 0.125 $ s \"bd sn\"",
        imp: Imp::Pattern(stut),
    },
    FnMeta {
        name: "echo",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[TIMES, Param::pattern("time"), Param::pattern("feedback"), PAT],
        variadic: false,
        help: "Like stut, with time before feedback (Strudel's argument order).",
        example: "out: echo 3 0.2 0.5 $ s \"bd sn\"",
        imp: Imp::Pattern(echo),
    },
    FnMeta {
        name: "echoWith",
        aliases: &["stutWith", "echowith", "stutwith"],
        kind: Kind::Pattern,
        params: &[TIMES, Param::pattern("time"), F, PAT],
        variadic: false,
        help:
            "Echoes with a function: each copy is the previous one shifted by time and transformed (at most 16 copies).",
        example: "out: echoWith 3 (1/8) (|+ speed 0.5) $ s \"bd sn\" # speed 1",
        imp: Imp::Pattern(echo_with),
    },
    FnMeta {
        name: "jux",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[F, PAT],
        variadic: false,
        help: "Plays the pattern panned left and a transformed copy panned right.",
        example: "out: jux rev $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(jux),
    },
    FnMeta {
        name: "juxBy",
        aliases: &["juxby"],
        kind: Kind::Pattern,
        params: &[Param::pattern("width"), F, PAT],
        variadic: false,
        help: "Like jux, with a stereo width from 0 (centre) to 1 (hard left and right).",
        example: "out: juxBy 0.5 (fast 2) $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(jux_by),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{onsets, show};

    #[test]
    fn off_adds_a_shifted_copy() {
        assert_eq!(onsets("off 0.25 (add 12) $ \"0 2\"", 0, 1), ["0:0", "1/4:12", "1/2:2", "3/4:14"]);
        assert_eq!(onsets("off \"<0.25 0.5>\" (add 12) $ \"0\"", 1, 2), ["1:0", "3/2:12"]);
    }

    #[test]
    fn stut_sets_gain() {
        let got = show("stut 2 0.5 0.25 $ \"a\"", 0, 1);
        assert_eq!(
            got,
            [
                "-3/4-1/4|0-1/4:{\"gain\":0.5,\"value\":\"a\"}",
                "0-1|0-1:{\"gain\":1,\"value\":\"a\"}",
                "1/4-5/4|1/4-1:{\"gain\":0.5,\"value\":\"a\"}"
            ]
        );
    }

    #[test]
    fn echo_with_applies_the_function_cumulatively() {
        assert_eq!(onsets("echoWith 3 (1/8) (add 2) $ \"0\"", 0, 1), ["0:0", "1/8:2", "1/4:4"]);
    }

    #[test]
    fn jux_pans_apart() {
        let got = show("jux rev $ \"a b\"", 0, 1);
        assert!(got.contains(&"0-1/2|0-1/2:{\"pan\":0,\"value\":\"a\"}".to_string()), "{got:?}");
        assert!(got.contains(&"0-1/2|0-1/2:{\"pan\":1,\"value\":\"b\"}".to_string()), "{got:?}");
    }
}
