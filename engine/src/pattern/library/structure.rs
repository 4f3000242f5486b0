//! Structure: combining patterns and imposing rhythms (`stack cat fastcat struct mask euclid
//! euclidRot euclidFull euclidLegato euclidLegatoRot run`).

use super::{check_numbers, op, pat, pats, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::core::{self, stack};
use crate::pattern::euclid::{bjorklund, MAX_STEPS};
use crate::pattern::join::{num_of, patternify, time_of};
use crate::pattern::ops::{keep_mask, keep_struct};
use crate::pattern::transform::{per_cycle, steps_q};
use crate::pattern::{Hap, Pattern, QueryBuf, Value};
use crate::time::{Rational, Span};

fn stack_imp(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::stack(pats(a, 0)?))
}

fn slowcat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::slowcat(pats(a, 0)?))
}

fn fastcat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::fastcat(pats(a, 0)?))
}

fn struct_imp(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(keep_struct(pat(a, 0)?, pat(a, 1)?))
}

fn mask(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(keep_mask(pat(a, 0)?, pat(a, 1)?))
}

/// Check constant Euclid arguments as Strudel's `bjork` would fail on them.
fn check_euclid(pulses: &Pattern, steps: &Pattern, rotation: Option<&Pattern>) -> Result<(), String> {
    check_numbers(&[pulses, steps], |v| {
        let mut scratch = [false; MAX_STEPS];
        bjorklund(v[0], v[1], 0.0, &mut scratch).map(|_| ()).map_err(|e| {
            format!(
                "cannot spread {} pulses over {} steps: {}",
                super::super::value::num_json(v[0]),
                super::super::value::num_json(v[1]),
                e.message()
            )
        })
    })?;
    if let Some(r) = rotation {
        check_numbers(&[r], |_| Ok(()))?;
    }
    Ok(())
}

/// Where the Euclidean rhythm `(pulses, steps, rotation)` is on, keep `pat` with the rhythm's
/// structure (`invert`: where it is off). Strudel's `pat.struct(bjork(...))`.
fn euclid_q(vals: &[Value], invert: bool, pat: &Pattern, span: Span, out: &mut QueryBuf) {
    let (Some(p), Some(s)) = (num_of(&vals[0]), num_of(&vals[1])) else { return };
    let r = match vals.get(2) {
        Some(v) => match num_of(v) {
            Some(r) => r,
            None => return,
        },
        None => 0.0,
    };
    let mut bools = [false; MAX_STEPS];
    let Ok(n) = bjorklund(p, s, r, &mut bools) else {
        out.mark_overflow();
        return;
    };
    if n == 0 {
        return;
    }
    steps_q(Rational::int(n as i64), span, out, |k, whole, part, o| {
        if bools[k.rem_euclid(n as i64) as usize] != invert {
            let r0 = o.len();
            pat.query(whole, o);
            o.filter_map_from(r0, |h| Some(h.remade(Some(whole), h.part.intersection(part)?, h.value)));
        }
    });
}

/// `pat` restructured by the Euclidean rhythm of `pulses` over `steps`, rotated as Strudel
/// rotates (`bd(3,8,2)`). Constant arguments are checked here.
pub fn euclid_rot(pulses: Pattern, steps: Pattern, rotation: Option<Pattern>, pat: Pattern) -> Result<Pattern, String> {
    check_euclid(&pulses, &steps, rotation.as_ref())?;
    let mut args = vec![pulses, steps];
    args.extend(rotation);
    Ok(patternify(args, op(move |a, span, out| euclid_q(a, false, &pat, span, out))))
}

fn euclid(a: &[PatArg]) -> Result<Pattern, String> {
    euclid_rot(pat(a, 0)?, pat(a, 1)?, None, pat(a, 2)?)
}

fn euclid_rot_imp(a: &[PatArg]) -> Result<Pattern, String> {
    euclid_rot(pat(a, 0)?, pat(a, 1)?, Some(pat(a, 2)?), pat(a, 3)?)
}

fn euclid_inv(a: &[PatArg]) -> Result<Pattern, String> {
    let (p, s, pat) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?);
    check_euclid(&p, &s, None)?;
    Ok(patternify(vec![p, s], op(move |a, span, out| euclid_q(a, true, &pat, span, out))))
}

fn euclid_full(a: &[PatArg]) -> Result<Pattern, String> {
    let (p, s, on, off) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?, pat(a, 3)?);
    check_euclid(&p, &s, None)?;
    let offs = {
        let (p, s) = (p.clone(), s.clone());
        patternify(vec![p, s], op(move |a, span, out| euclid_q(a, true, &off, span, out)))
    };
    let ons = patternify(vec![p, s], op(move |a, span, out| euclid_q(a, false, &on, span, out)));
    Ok(stack(vec![ons, offs]))
}

/// Euclidean rhythm where each pulse lasts until the next (Strudel's `euclidLegato`: steps
/// before the first pulse are dropped and the rest stretched over the cycle).
fn euclid_legato_q(vals: &[Value], pat: &Pattern, span: Span, out: &mut QueryBuf) {
    let (Some(p), Some(s)) = (num_of(&vals[0]), num_of(&vals[1])) else { return };
    let r = match vals.get(2) {
        Some(v) => match num_of(v) {
            Some(r) => r,
            None => return,
        },
        None => 0.0,
    };
    if p < 1.0 {
        return;
    }
    let mut bools = [false; MAX_STEPS];
    let Ok(n) = bjorklund(p, s, r, &mut bools) else {
        out.mark_overflow();
        return;
    };
    let Some(first) = bools[..n].iter().position(|&b| b) else { return };
    let total = Rational::int((n - first) as i64);
    per_cycle(span, out, |cyc, out| {
        let c = cyc.begin.floor();
        let mut j = first;
        while j < n {
            if !out.tick() {
                return;
            }
            let next = bools[j + 1..n].iter().position(|&b| b).map(|k| j + 1 + k).unwrap_or(n);
            let whole = Span::new(
                c + Rational::int((j - first) as i64) / total,
                c + Rational::int((next - first) as i64) / total,
            );
            if let Some(part) = whole.intersection(cyc) {
                let r0 = out.len();
                pat.query(whole, out);
                out.filter_map_from(r0, |h| Some(h.remade(Some(whole), h.part.intersection(part)?, h.value)));
            }
            j = next;
        }
    });
}

fn euclid_legato(a: &[PatArg]) -> Result<Pattern, String> {
    let (p, s, pat) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?);
    check_euclid(&p, &s, None)?;
    Ok(patternify(vec![p, s], op(move |a, span, out| euclid_legato_q(a, &pat, span, out))))
}

fn euclid_legato_rot(a: &[PatArg]) -> Result<Pattern, String> {
    let (p, s, r, pat) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?, pat(a, 3)?);
    check_euclid(&p, &s, Some(&r))?;
    Ok(patternify(vec![p, s, r], op(move |a, span, out| euclid_legato_q(a, &pat, span, out))))
}

/// `0 .. n-1` in one cycle (Strudel's `run`: a sawtooth sampled `n` times, rounded).
pub fn run(n: Pattern) -> Pattern {
    patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = time_of(&a[0]) else { return };
            steps_q(n, span, out, |k, whole, part, o| {
                let v = (Rational::int(k) / n).cycle_pos() * n;
                o.push(Hap::new(Some(whole), part, Value::Num(v.round_int() as f64)));
            });
        }),
    )
}

fn run_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(run(pat(a, 0)?))
}

const PULSES: Param = Param::pattern("pulses");
const STEPS: Param = Param::pattern("steps");
const ROTATION: Param = Param::pattern("rotation");

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "stack",
        aliases: &["polyrhythm"],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Plays all the patterns of a list at once.",
        example: "out: stack [s \"bd*2\", s \"hh*4\"]",
        imp: Imp::Pattern(stack_imp),
    },
    FnMeta {
        name: "cat",
        aliases: &["slowcat"],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Plays the patterns of a list one cycle each, in turn.",
        example: "out: cat [s \"bd*2\", s \"sn*3\"]",
        imp: Imp::Pattern(slowcat),
    },
    FnMeta {
        name: "fastcat",
        aliases: &["fastCat", "seq", "sequence"],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Squeezes the patterns of a list into one cycle, in turn.",
        example: "out: fastcat [s \"bd*2\", s \"sn\"]",
        imp: Imp::Pattern(fastcat),
    },
    FnMeta {
        name: "struct",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("structure"), PAT],
        variadic: false,
        help: "Gives the pattern the rhythm of a boolean pattern: events where it is true (t, 1, x...), none where false (0).",
        example: "out: struct \"t ~ t t\" $ s \"bd\"",
        imp: Imp::Pattern(struct_imp),
    },
    FnMeta {
        name: "mask",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("mask"), PAT],
        variadic: false,
        help: "Keeps the pattern only where a boolean pattern is true (1); silences it where it is 0 or ~.",
        example: "out: mask \"<1 [0 1]>\" $ s \"hh*8\"",
        imp: Imp::Pattern(mask),
    },
    FnMeta {
        name: "euclid",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, PAT],
        variadic: false,
        help: "Spreads pulses as evenly as possible over steps (Bjorklund), with the pattern's values; negative pulses give the complement. Tidal 0.8's e 3 8 is euclid 3 8.",
        example: "out: euclid 3 8 $ s \"bd\"",
        imp: Imp::Pattern(euclid),
    },
    FnMeta {
        name: "euclidRot",
        aliases: &["euclidrot"],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, ROTATION, PAT],
        variadic: false,
        help: "Like euclid, rotated by a number of steps (Strudel's direction, as in bd(3,8,2)).",
        example: "out: euclidRot 3 16 \"<0 4>\" $ s \"bd\"",
        imp: Imp::Pattern(euclid_rot_imp),
    },
    FnMeta {
        name: "euclidInv",
        aliases: &["euclidinv"],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, PAT],
        variadic: false,
        help: "The rests of the Euclidean rhythm: plays where euclid would not.",
        example: "out: euclidInv 3 8 $ s \"hh\"",
        imp: Imp::Pattern(euclid_inv),
    },
    FnMeta {
        name: "euclidFull",
        aliases: &["euclidfull"],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, Param::pattern("on"), Param::pattern("off")],
        variadic: false,
        help: "Plays one pattern on the pulses of a Euclidean rhythm and the other on its rests.",
        example: "out: euclidFull 3 8 (s \"bd\") $ s \"hh\"",
        imp: Imp::Pattern(euclid_full),
    },
    FnMeta {
        name: "euclidLegato",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, PAT],
        variadic: false,
        help: "Like euclid, but each pulse lasts until the next one (no gaps).",
        example: "out: euclidLegato 3 8 $ note \"c3 e3\" # s \"supersaw\"",
        imp: Imp::Pattern(euclid_legato),
    },
    FnMeta {
        name: "euclidLegatoRot",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PULSES, STEPS, ROTATION, PAT],
        variadic: false,
        help: "euclidLegato, rotated by a number of steps.",
        example: "out: euclidLegatoRot 3 8 1 $ note \"c3 e3\" # s \"supersaw\"",
        imp: Imp::Pattern(euclid_legato_rot),
    },
    FnMeta {
        name: "run",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::pattern("n")],
        variadic: false,
        help: "The numbers 0 to n-1 as one cycle's sequence (n may be a pattern).",
        example: "out: n (run \"<4 8>\") # s \"superpiano\"",
        imp: Imp::Pattern(run_imp),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{error, onsets, show};

    #[test]
    fn euclid_follows_strudel() {
        assert_eq!(onsets("euclid 3 8 $ \"a\"", 0, 1), ["0:a", "3/8:a", "3/4:a"]);
        assert_eq!(onsets("euclidRot 3 8 2 $ \"a\"", 0, 1), ["0:a", "1/4:a", "5/8:a"]);
        assert_eq!(onsets("euclidInv 3 8 $ \"a\"", 0, 1).len(), 5);
        assert_eq!(onsets("euclidFull 3 8 \"x\" $ \"y\"", 0, 1).len(), 8);
        assert!(error("euclid 9 8 $ \"a\"").contains("cannot spread 9 pulses over 8 steps"));
        // Patterned pulses: 3 then 5.
        assert_eq!(onsets("euclid \"<3 5>\" 8 $ \"a\"", 0, 2).len(), 8);
    }

    #[test]
    fn euclid_legato_fills_the_gaps() {
        assert_eq!(show("euclidLegato 3 8 $ \"a\"", 0, 1), ["0-3/8|0-3/8:a", "3/8-3/4|3/8-3/4:a", "3/4-1|3/4-1:a"]);
        assert!(show("euclidLegato 0 8 $ \"a\"", 0, 1).is_empty());
    }

    #[test]
    fn struct_and_mask() {
        assert_eq!(show("struct \"t ~ t\" $ \"a\"", 0, 1), ["0-1/3|0-1/3:a", "2/3-1|2/3-1:a"]);
        assert_eq!(show("mask \"1 0\" $ \"a b c d\"", 0, 1), ["0-1/4|0-1/4:a", "1/4-1/2|1/4-1/2:b"]);
    }

    #[test]
    fn run_counts() {
        assert_eq!(onsets("run 4", 0, 1), ["0:0", "1/4:1", "1/2:2", "3/4:3"]);
        assert_eq!(onsets("run \"<2 3>\"", 0, 2), ["0:0", "1/2:1", "1:0", "4/3:1", "5/3:2"]);
    }
}
