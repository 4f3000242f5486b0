//! Time: speed, shift, reverse, zoom and the functions built on them (`fast slow hurry early
//! late rev iter palindrome ply linger zoom compress fastGap focus inside outside swingBy brak
//! press ribbon repeatCycles segment bite`).

use super::{check_numbers, fun, op, pat, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::core::silence;
use crate::pattern::join::{bind_args, patternify, read_bound, time_of};
use crate::pattern::ops::{app_side, combine_values, ValueOp};
use crate::pattern::transform::{
    compress_q, early_q, fast_gap_q, fast_q, focus_q, late_q, per_cycle, pure_q, repeat_cycles_q, rev_q, slowcat_q,
    split_at_cycles, squeeze_q, steps_q, zoom_q,
};
use crate::pattern::value::{sym, Atom, List, Map};
use crate::pattern::{Pattern, Query, QueryBuf, Slot, Value};
use crate::time::{Rational, Span};

/// Speed up by `factor` (a pattern); zero is silence, negative plays backwards.
pub fn fast(factor: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![factor],
        op(move |a, span, out| {
            if let Some(f) = time_of(&a[0]) {
                fast_q(f, &|s, o| pat.query(s, o), span, out);
            }
        }),
    )
}

/// Slow down by `factor` (a pattern).
pub fn slow(factor: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![factor],
        op(move |a, span, out| {
            if let Some(f) = time_of(&a[0]) {
                if !f.is_zero() {
                    fast_q(Rational::ONE / f, &|s, o| pat.query(s, o), span, out);
                }
            }
        }),
    )
}

/// Shift earlier by `offset` cycles (a pattern).
pub fn early(offset: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![offset],
        op(move |a, span, out| {
            if let Some(t) = time_of(&a[0]) {
                early_q(t, &|s, o| pat.query(s, o), span, out);
            }
        }),
    )
}

/// Shift later by `offset` cycles (a pattern).
pub fn late(offset: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![offset],
        op(move |a, span, out| {
            if let Some(t) = time_of(&a[0]) {
                late_q(t, &|s, o| pat.query(s, o), span, out);
            }
        }),
    )
}

/// Repeat each cycle `n` times.
pub fn repeat_cycles(n: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![n],
        op(move |a, span, out| {
            if let Some(n) = time_of(&a[0]) {
                repeat_cycles_q(n, &|s, o| pat.query(s, o), span, out);
            }
        }),
    )
}

fn fast_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(fast(pat(a, 0)?, pat(a, 1)?))
}

fn slow_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(slow(pat(a, 0)?, pat(a, 1)?))
}

fn hurry(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(r) = time_of(&a[0]) else { return };
            let speed = Value::Map(Map::single(sym::SPEED, Atom::Num(r.to_f64())));
            let mark = out.len();
            fast_q(r, &|s, o| pat.query(s, o), span, out);
            split_at_cycles(out, mark, |v| combine_values(ValueOp::Mul, v, speed));
        }),
    ))
}

fn early_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(early(pat(a, 0)?, pat(a, 1)?))
}

fn late_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(late(pat(a, 0)?, pat(a, 1)?))
}

fn rev(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(crate::pattern::core::rev(pat(a, 0)?))
}

/// `iter`/`iterBack`: cycle `c` plays the pattern shifted by `(c mod n) / n` cycles, keeping
/// its own cycles as Strudel's `slowcat` does.
fn iter_with(a: &[PatArg], back: bool) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = time_of(&a[0]) else { return };
            if n <= Rational::ZERO {
                return;
            }
            let count = n.floor_int().max(0) as usize;
            slowcat_q(
                count,
                &|i, s, o| {
                    let shift = Rational::int(i as i64) / n;
                    let q = |s2: Span, o2: &mut QueryBuf| pat.query(s2, o2);
                    if back {
                        late_q(shift, &q, s, o)
                    } else {
                        early_q(shift, &q, s, o)
                    }
                },
                span,
                out,
            );
        }),
    ))
}

fn iter(a: &[PatArg]) -> Result<Pattern, String> {
    iter_with(a, false)
}

fn iter_back(a: &[PatArg]) -> Result<Pattern, String> {
    iter_with(a, true)
}

struct Palindrome(Pattern);
impl Query for Palindrome {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        per_cycle(span, out, |cyc, out| {
            if cyc.begin.floor_int().rem_euclid(2) == 1 {
                rev_q(&|s, o| self.0.query(s, o), cyc, out);
            } else {
                self.0.query(cyc, out);
            }
        });
    }
}

fn palindrome(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(Pattern::new(Palindrome(pat(a, 0)?)))
}

fn ply(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = time_of(&a[0]) else { return };
            squeeze_q(&|s, o| pat.query(s, o), &|v, s, o| fast_q(n, &|s2, o2| pure_q(v, s2, o2), s, o), span, out);
        }),
    ))
}

fn linger(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let t = pat(a, 0)?;
    check_numbers(&[&t], |v| {
        if v[0] < 0.0 {
            Err("a negative fraction is not supported (Strudel fails on it); use a fraction between 0 and 1".into())
        } else {
            Ok(())
        }
    })?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![t],
        op(move |a, span, out| {
            let Some(t) = time_of(&a[0]) else { return };
            if t <= Rational::ZERO {
                return;
            }
            fast_q(Rational::ONE / t, &|s, o| zoom_q(Rational::ZERO, t, &|s2, o2| pat.query(s2, o2), s, o), span, out);
        }),
    ))
}

fn zoom(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            if let (Some(b), Some(e)) = (time_of(&a[0]), time_of(&a[1])) {
                zoom_q(b, e, &|s, o| pat.query(s, o), span, out);
            }
        }),
    ))
}

fn compress(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            if let (Some(b), Some(e)) = (time_of(&a[0]), time_of(&a[1])) {
                compress_q(b, e, &|s, o| pat.query(s, o), span, out);
            }
        }),
    ))
}

fn fast_gap(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            if let Some(f) = time_of(&a[0]) {
                fast_gap_q(f, &|s, o| pat.query(s, o), span, out);
            }
        }),
    ))
}

fn focus(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            if let (Some(b), Some(e)) = (time_of(&a[0]), time_of(&a[1])) {
                focus_q(b, e, &|s, o| pat.query(s, o), span, out);
            }
        }),
    ))
}

/// `inside n f` = `fast n . f . slow n`; `outside` the other way round. `f` is applied once,
/// to the pattern slowed (or sped up) by the bound value of `n`.
fn inside_with(a: &[PatArg], outside: bool) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (n, f, pat) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    let slot = Slot::fresh();
    let scaled = read_bound(slot, pat, move |v, q, s, o| {
        let n = Rational::from_f64(v[0]);
        if n.is_zero() {
            return;
        }
        fast_q(if outside { n } else { Rational::ONE / n }, q, s, o);
    });
    let fpat = f(scaled)?;
    Ok(bind_args(vec![n], slot, move |a, span, out| {
        let Some(n) = time_of(&a[0]) else { return };
        if n.is_zero() {
            return;
        }
        fast_q(if outside { Rational::ONE / n } else { n }, &|s, o| fpat.query(s, o), span, out);
    }))
}

fn inside(a: &[PatArg]) -> Result<Pattern, String> {
    inside_with(a, false)
}

fn outside(a: &[PatArg]) -> Result<Pattern, String> {
    inside_with(a, true)
}

/// `swingBy x n` = `inside n (late (seq 0 (x/2)))`: the second half of each of `n` slices per
/// cycle is delayed by `x/2` of a slice.
fn swing_q(x: Rational, n: Rational, pat: &Pattern, span: Span, out: &mut QueryBuf) {
    if n.is_zero() {
        return;
    }
    let half = x / Rational::int(2);
    let slowed = |s: Span, o: &mut QueryBuf| fast_q(Rational::ONE / n, &|s2, o2| pat.query(s2, o2), s, o);
    let shifted = |s: Span, o: &mut QueryBuf| {
        // `late` joined over the two-step sequence [0, x/2].
        steps_q(Rational::int(2), s, o, |k, _, part, o| {
            let shift = if k.rem_euclid(2) == 0 { Rational::ZERO } else { half };
            late_q(shift, &slowed, part, o);
        });
    };
    fast_q(n, &shifted, span, out);
}

fn swing_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            if let (Some(x), Some(n)) = (time_of(&a[0]), time_of(&a[1])) {
                swing_q(x, n, &pat, span, out);
            }
        }),
    ))
}

fn swing(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            if let Some(n) = time_of(&a[0]) {
                swing_q(Rational::new(1, 3), n, &pat, span, out);
            }
        }),
    ))
}

struct Brak(Pattern);
impl Query for Brak {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        // Every other cycle: the cycle squeezed into its first half, then shifted by a quarter.
        per_cycle(span, out, |cyc, out| {
            if cyc.begin.floor_int().rem_euclid(2) == 0 {
                return self.0.query(cyc, out);
            }
            let halved = |s: Span, o: &mut QueryBuf| {
                fast_q(
                    Rational::int(2),
                    &|s2, o2| {
                        slowcat_q(
                            2,
                            &|i, s3, o3| {
                                if i == 0 {
                                    self.0.query(s3, o3)
                                }
                            },
                            s2,
                            o2,
                        )
                    },
                    s,
                    o,
                )
            };
            late_q(Rational::new(1, 4), &halved, cyc, out);
        });
    }
}

fn brak(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(Pattern::new(Brak(pat(a, 0)?)))
}

/// Each event squeezed into the part of its span from `r` to its end.
pub fn press_by(r: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![r],
        op(move |a, span, out| {
            let Some(r) = time_of(&a[0]) else { return };
            squeeze_q(
                &|s, o| pat.query(s, o),
                &|v, s, o| compress_q(r, Rational::ONE, &|s2, o2| pure_q(v, s2, o2), s, o),
                span,
                out,
            );
        }),
    )
}

fn press(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(press_by(crate::pattern::core::pure_direct(Value::Num(0.5)), pat(a, 0)?))
}

fn press_by_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(press_by(pat(a, 0)?, pat(a, 1)?))
}

/// Loop `cycles` cycles of the pattern starting at cycle `offset` (Strudel's `ribbon`: the
/// pattern shifted by `offset`, restarted every `cycles` cycles).
fn ribbon(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            let (Some(offset), Some(cycles)) = (time_of(&a[0]), time_of(&a[1])) else { return };
            if cycles <= Rational::ZERO {
                return;
            }
            // The restarting events: one per `cycles` cycles.
            let m0 = out.len();
            fast_q(Rational::ONE / cycles, &|s, o| pure_q(Value::Num(1.0), s, o), span, out);
            let m1 = out.len();
            for i in m0..m1 {
                if !out.tick() {
                    break;
                }
                let loop_ev = out.get(i);
                let Some(w) = loop_ev.whole else { continue };
                let r0 = out.len();
                late_q(w.begin, &|s, o| early_q(offset, &|s2, o2| pat.query(s2, o2), s, o), loop_ev.part, out);
                out.filter_map_from(r0, |h| {
                    let whole = match h.whole {
                        Some(hw) => Some(hw.intersection(w)?),
                        None => None,
                    };
                    Some(h.remade(whole, h.part.intersection(loop_ev.part)?, h.value))
                });
            }
            out.remove_range(m0, m1);
        }),
    ))
}

fn repeat_cycles_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(repeat_cycles(pat(a, 0)?, pat(a, 1)?))
}

/// Sample the pattern `n` times per cycle: each step takes the values of the pattern there.
pub fn segment(n: Pattern, pat: Pattern) -> Pattern {
    patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = time_of(&a[0]) else { return };
            steps_q(n, span, out, |_, whole, part, o| {
                let r0 = o.len();
                pat.query(whole, o);
                o.filter_map_from(r0, |h| Some(h.remade(Some(whole), h.part.intersection(part)?, h.value)));
            });
        }),
    )
}

fn segment_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(segment(pat(a, 0)?, pat(a, 1)?))
}

struct Bite {
    n: Pattern,
    indices: Pattern,
    pat: Pattern,
}

impl Query for Bite {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        // Events of the index pattern, each carrying [index, slices].
        let outer = |s: Span, o: &mut QueryBuf| {
            app_side(&self.indices, &self.n, s, o, |i, n| {
                Some(Value::List(List::from_atoms(&[i.as_atom()?, n.as_atom()?])))
            })
        };
        let inner = |v: Value, s: Span, o: &mut QueryBuf| {
            let Value::List(l) = v else { return };
            let (Some(i), Some(n)) = (l.items()[0].as_num(), l.items().get(1).and_then(|x| x.as_num())) else {
                return;
            };
            if n == 0.0 || !i.is_finite() || !n.is_finite() {
                return;
            }
            let n = Rational::from_f64(n);
            let q = Rational::from_f64(i) / n;
            // JavaScript's remainder: the sign of the dividend.
            let trunc = if q.is_negative() { q.ceil() } else { q.floor() };
            let b = q - trunc;
            zoom_q(b, b + Rational::ONE / n, &|s2, o2| self.pat.query(s2, o2), s, o);
        };
        squeeze_q(&outer, &inner, span, out);
    }
}

fn bite(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(Pattern::new(Bite { n: pat(a, 0)?, indices: pat(a, 1)?, pat: pat(a, 2)? }))
}

fn silence_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(silence())
}

const N: Param = Param::pattern("n");

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "fast",
        aliases: &["density"],
        kind: Kind::Pattern,
        params: &[Param::pattern("factor"), PAT],
        variadic: false,
        help: "Speeds the pattern up by a factor (a pattern too: fast \"<1 2>\").",
        example: "out: fast 2 $ s \"bd sn\"",
        imp: Imp::Pattern(fast_imp),
    },
    FnMeta {
        name: "slow",
        aliases: &["sparsity"],
        kind: Kind::Pattern,
        params: &[Param::pattern("factor"), PAT],
        variadic: false,
        help: "Slows the pattern down by a factor.",
        example: "out: slow 2 $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(slow_imp),
    },
    FnMeta {
        name: "hurry",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("factor"), PAT],
        variadic: false,
        help: "Speeds the pattern up and multiplies the playback speed of its samples by the same factor.",
        example: "out: hurry \"<1 2>\" $ s \"bd sn\"",
        imp: Imp::Pattern(hurry),
    },
    FnMeta {
        name: "early",
        aliases: &["rotL"],
        kind: Kind::Pattern,
        params: &[Param::pattern("cycles"), PAT],
        variadic: false,
        help: "Shifts the pattern earlier by a number of cycles (the operator form is 0.25 <~ pat).",
        example: "out: early 0.25 $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(early_imp),
    },
    FnMeta {
        name: "late",
        aliases: &["rotR"],
        kind: Kind::Pattern,
        params: &[Param::pattern("cycles"), PAT],
        variadic: false,
        help: "Shifts the pattern later by a number of cycles (the operator form is 0.25 ~> pat).",
        example: "out: late 0.25 $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(late_imp),
    },
    FnMeta {
        name: "rev",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Plays each cycle backwards.",
        example: "out: rev $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(rev),
    },
    FnMeta {
        name: "iter",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "Divides the cycle into n parts and starts each cycle one part later than the last.",
        example: "out: iter 4 $ s \"bd hh sn cp\"",
        imp: Imp::Pattern(iter),
    },
    FnMeta {
        name: "iterBack",
        aliases: &["iterback", "iter'"],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "Like iter, but each cycle starts one part earlier (Tidal's iter').",
        example: "out: iterBack 4 $ s \"bd hh sn cp\"",
        imp: Imp::Pattern(iter_back),
    },
    FnMeta {
        name: "palindrome",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Plays the pattern forwards, then backwards, in alternate cycles.",
        example: "out: palindrome $ s \"bd hh sn cp\"",
        imp: Imp::Pattern(palindrome),
    },
    FnMeta {
        name: "ply",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "Repeats each event n times within its own time span.",
        example: "out: ply \"<2 3>\" $ s \"bd ~ sn cp\"",
        imp: Imp::Pattern(ply),
    },
    FnMeta {
        name: "linger",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("fraction"), PAT],
        variadic: false,
        help: "Repeats the first fraction of each cycle to fill the cycle.",
        example: "out: linger \"<0.25 0.5 1>\" $ s \"bd hh sn cp\"",
        imp: Imp::Pattern(linger),
    },
    FnMeta {
        name: "zoom",
        aliases: &["zoomArc"],
        kind: Kind::Pattern,
        params: &[Param::pattern("begin"), Param::pattern("end"), PAT],
        variadic: false,
        help: "Plays only the part of each cycle from begin to end, stretched to the whole cycle.",
        example: "out: zoom 0.25 0.75 $ s \"bd*2 hh*3 [sn bd]*2 cp\"",
        imp: Imp::Pattern(zoom),
    },
    FnMeta {
        name: "compress",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("begin"), Param::pattern("end"), PAT],
        variadic: false,
        help: "Squeezes each cycle into the span from begin to end (0..1), leaving silence around it.",
        example: "out: compress 0.25 0.75 $ s \"bd sn\"",
        imp: Imp::Pattern(compress),
    },
    FnMeta {
        name: "fastGap",
        aliases: &["fastgap"],
        kind: Kind::Pattern,
        params: &[Param::pattern("factor"), PAT],
        variadic: false,
        help: "Speeds the pattern up but plays each cycle only once, leaving a gap.",
        example: "out: fastGap 2 $ s \"bd sn\"",
        imp: Imp::Pattern(fast_gap),
    },
    FnMeta {
        name: "focus",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("begin"), Param::pattern("end"), PAT],
        variadic: false,
        help: "Like compress, but the pattern continues on either side instead of leaving a gap.",
        example: "out: focus 0.25 0.75 $ s \"bd hh sn hh\"",
        imp: Imp::Pattern(focus),
    },
    FnMeta {
        name: "inside",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, Param::function("f"), PAT],
        variadic: false,
        help: "Applies a function inside a cycle: inside n f = fast n . f . slow n.",
        example: "out: inside 2 rev $ s \"bd sn hh cp lt mt ht cb\"",
        imp: Imp::Pattern(inside),
    },
    FnMeta {
        name: "outside",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, Param::function("f"), PAT],
        variadic: false,
        help: "Applies a function outside a cycle: outside n f = slow n . f . fast n.",
        example: "out: outside 2 rev $ s \"<[bd sn] [hh cp]>\"",
        imp: Imp::Pattern(outside),
    },
    FnMeta {
        name: "swingBy",
        aliases: &["swingby"],
        kind: Kind::Pattern,
        params: &[Param::pattern("amount"), N, PAT],
        variadic: false,
        help: "Divides each cycle into n slices and delays the second half of each by amount (a fraction of the half slice).",
        example: "out: swingBy (1/3) 4 $ s \"hh*8\"",
        imp: Imp::Pattern(swing_by),
    },
    FnMeta {
        name: "swing",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "swingBy (1/3) n.",
        example: "out: swing 4 $ s \"hh*8\"",
        imp: Imp::Pattern(swing),
    },
    FnMeta {
        name: "brak",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Every other cycle, squeezes the cycle into half and shifts it by a quarter: a breakbeat feel.",
        example: "out: brak $ s \"[bd sn] hh\"",
        imp: Imp::Pattern(brak),
    },
    FnMeta {
        name: "press",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Syncopates: each event moves halfway into its own time span.",
        example: "out: press $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(press),
    },
    FnMeta {
        name: "pressBy",
        aliases: &["pressby"],
        kind: Kind::Pattern,
        params: &[Param::pattern("amount"), PAT],
        variadic: false,
        help: "Like press, moving each event by the given fraction of its time span.",
        example: "out: pressBy \"<0 0.25 0.5>\" $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(press_by_imp),
    },
    FnMeta {
        name: "ribbon",
        aliases: &["rib"],
        kind: Kind::Pattern,
        params: &[Param::pattern("offset"), Param::pattern("cycles"), PAT],
        variadic: false,
        help: "Loops a piece of the pattern: cycles cycles long, starting offset cycles in.",
        example: "out: ribbon 1 2 $ s \"<bd sn hh cp>\"",
        imp: Imp::Pattern(ribbon),
    },
    FnMeta {
        name: "repeatCycles",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "Repeats each cycle n times.",
        example: "out: repeatCycles 2 $ s \"<bd sn hh cp>\"",
        imp: Imp::Pattern(repeat_cycles_imp),
    },
    FnMeta {
        name: "segment",
        aliases: &["seg", "discretise"],
        kind: Kind::Pattern,
        params: &[N, PAT],
        variadic: false,
        help: "Samples the pattern n times per cycle, making n events (turns continuous patterns into steps).",
        example: "out: n (segment 4 $ range 0 7 sinewave) # s \"superpiano\"",
        imp: Imp::Pattern(segment_imp),
    },
    FnMeta {
        name: "bite",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, Param::pattern("indices"), PAT],
        variadic: false,
        help: "Slices each cycle into n pieces and plays them in the order the index pattern gives.",
        example: "out: bite 4 \"0 2 [1 3] 2\" $ s \"bd sn hh cp lt mt ht cb\"",
        imp: Imp::Pattern(bite),
    },
    FnMeta {
        name: "silence",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[],
        variadic: false,
        help: "The empty pattern.",
        example: "out: stack [s \"bd*2\", silence]",
        imp: Imp::Pattern(silence_imp),
    },
];

#[cfg(test)]
mod tests {
    //! Examples from the Tidal and Strudel documentation of each function.
    use super::super::testing::{onsets, show};

    fn values(expr: &str, cycle: i64) -> Vec<String> {
        onsets(expr, cycle, cycle + 1).into_iter().map(|s| s.split(':').nth(1).unwrap().to_string()).collect()
    }

    #[test]
    fn speed() {
        assert_eq!(values("fast 2 $ \"bd sn\"", 0), ["bd", "sn", "bd", "sn"]);
        assert_eq!(values("fast \"<1 2>\" $ \"bd sn\"", 1), ["bd", "sn", "bd", "sn"]);
        assert_eq!(onsets("slow 2 $ \"bd sn\"", 0, 2), ["0:bd", "1:sn"]);
        assert_eq!(values("fast (-1) $ \"a b c\"", 0), ["c", "b", "a"]);
        assert!(values("fast 0 $ \"a\"", 0).is_empty());
        let h = show("hurry 2 $ \"a\"", 0, 1);
        assert_eq!(h, ["0-1/2|0-1/2:{\"speed\":2,\"value\":\"a\"}", "1/2-1|1/2-1:{\"speed\":2,\"value\":\"a\"}"]);
    }

    #[test]
    fn numeric_arguments_must_be_numbers() {
        use super::super::testing::error;
        assert!(error("fast \"x\" $ \"a\"").contains("fast: argument 1 must be a number, not \"x\""));
        assert!(error("zoom 0 \"y\" $ \"a\"").contains("argument 2 must be a number"));
        // Patterned arguments are checked as they play: a word there is silence.
        assert!(values("fast \"<2 x>\" $ \"a\"", 1).is_empty());
    }

    #[test]
    fn shifting() {
        assert_eq!(values("early 0.25 $ \"a b c d\"", 0), ["b", "c", "d", "a"]);
        assert_eq!(values("0.25 <~ \"a b c d\"", 0), ["b", "c", "d", "a"]);
        assert_eq!(values("0.25 ~> \"a b c d\"", 0), ["d", "a", "b", "c"]);
        assert_eq!(values("\"<0 0.25>\" <~ \"a b c d\"", 1), ["b", "c", "d", "a"]);
    }

    #[test]
    fn iter_and_palindrome() {
        // Tidal: iter 4 "0 1 2 3" starts one step later each cycle.
        assert_eq!(values("iter 4 $ \"0 1 2 3\"", 1), ["1", "2", "3", "0"]);
        assert_eq!(values("iter 4 $ \"0 1 2 3\"", 3), ["3", "0", "1", "2"]);
        assert_eq!(values("iterBack 4 $ \"0 1 2 3\"", 1), ["3", "0", "1", "2"]);
        assert_eq!(values("palindrome $ \"a b c\"", 0), ["a", "b", "c"]);
        assert_eq!(values("palindrome $ \"a b c\"", 1), ["c", "b", "a"]);
    }

    #[test]
    fn ply_linger_zoom_compress() {
        assert_eq!(values("ply 2 $ \"a ~ b\"", 0), ["a", "a", "b", "b"]);
        assert_eq!(values("linger 0.25 $ \"0 1 2 3 4 5 6 7\"", 0), ["0", "1", "0", "1", "0", "1", "0", "1"]);
        assert_eq!(values("zoom 0.25 0.75 $ \"a b c d\"", 0), ["b", "c"]);
        assert_eq!(onsets("compress 0.25 0.75 $ \"a b\"", 0, 1), ["1/4:a", "1/2:b"]);
        assert_eq!(onsets("fastGap 2 $ \"a b\"", 0, 1), ["0:a", "1/4:b"]);
        // Strudel: focus 0.25 0.75 plays a whole cycle of "a b" from 1/4 to 3/4, continuing around.
        assert_eq!(
            show("focus 0.25 0.75 $ \"a b\"", 0, 1),
            ["0-1/4|0-1/4:b", "1/4-1/2|1/4-1/2:a", "1/2-3/4|1/2-3/4:b", "3/4-1|3/4-1:a"]
        );
    }

    #[test]
    fn inside_outside() {
        // Tidal docs: inside 2 rev "0 1 2 3 4 5 6 7" is "3 2 1 0 7 6 5 4".
        assert_eq!(values("inside 2 rev $ \"0 1 2 3 4 5 6 7\"", 0), ["3", "2", "1", "0", "7", "6", "5", "4"]);
        assert_eq!(values("outside 2 rev $ \"<[0 1] [2 3]>\"", 0), ["3", "2"]);
        assert_eq!(values("inside \"<1 2>\" rev $ \"0 1 2 3\"", 1), ["1", "0", "3", "2"]);
    }

    #[test]
    fn swing_brak_press() {
        // swingBy (1/3) 4: the second of each pair of eighths moves by a sixth of a quarter.
        assert_eq!(
            onsets("swingBy (1/3) 4 $ \"a*8\"", 0, 1).iter().map(|s| s.split(':').next().unwrap()).collect::<Vec<_>>(),
            ["0", "1/6", "1/4", "5/12", "1/2", "2/3", "3/4", "11/12"]
        );
        assert_eq!(onsets("brak $ \"a b\"", 1, 2), ["5/4:a", "3/2:b"]);
        assert_eq!(onsets("press $ \"a b\"", 0, 1), ["1/4:a", "3/4:b"]);
        assert_eq!(onsets("pressBy 0.25 $ \"a b\"", 0, 1), ["1/8:a", "5/8:b"]);
    }

    #[test]
    fn ribbon_repeat_segment_bite() {
        // ribbon 1 2 of "<a b c d>" loops cycles 1 and 2: b c b c.
        assert_eq!(onsets("ribbon 1 2 $ \"<a b c d>\"", 0, 4), ["0:b", "1:c", "2:b", "3:c"]);
        assert_eq!(onsets("repeatCycles 2 $ \"<a b>\"", 0, 4), ["0:a", "1:a", "2:b", "3:b"]);
        assert_eq!(onsets("segment 2 $ \"a\"", 0, 1), ["0:a", "1/2:a"]);
        // Strudel docs: bite 4 "0 2" plays the first and third quarters.
        assert_eq!(values("bite 4 \"0 2\" $ \"a b c d e f g h\"", 0), ["a", "b", "e", "f"]);
    }
}
