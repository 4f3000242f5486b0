//! Tidal's functions that Strudel lacks (`loopAt within slice splice randslice rot sew stitch
//! while inv trunc every' foldEvery striateBy stutter ghost loopFirst timeLoop quantise scan fit
//! plyWith rolledBy seqP chord spaceOut timeCat wchoose weave fix overlay append id const fmap` and the
//! numeric functions `floor ceiling round`), with Tidal's documented results.

use super::{fun, op, pat, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg, PatFn};
use crate::pattern::core::{fastcat, filter, fmap, pure, silence, slow, slowcat, stack, timecat};
use crate::pattern::join::{num_of, patternify, time_of};
use crate::pattern::ops::{self, ValueOp};
use crate::pattern::rand::time_to_rand;
use crate::pattern::transform::{compress_q, early_q, late_q, per_cycle, steps_q, zoom_q};
use crate::pattern::value::{sym, Atom, List, Map};
use crate::pattern::{Hap, Pattern, QueryBuf, Value};
use crate::time::{Rational, Span};

/// Another function of the pattern library, by name (to build on its patterned arguments).
fn call(name: &str, args: &[PatArg]) -> Result<Pattern, String> {
    let imp = super::TABLES.iter().flat_map(|t| t.iter()).find_map(|m| match m.imp {
        Imp::Pattern(i) if m.name == name => Some(i),
        _ => None,
    });
    match imp {
        Some(i) => i(args),
        None => Err(format!("{name} is missing")),
    }
}

/// A constant argument's number (for arguments that shape the pattern tree itself).
fn constant_num(a: &[PatArg], i: usize, what: &str) -> Result<f64, String> {
    let p = pat(a, i)?;
    p.constant().and_then(|c| num_of(&c.value)).ok_or_else(|| format!("{what} must be a constant number here"))
}

/// Tidal's booleans: `t`/`true`/`1` and `f`/`false`/`0` (the words interned when the pattern
/// is built: a query compares symbols and never reads their text).
#[derive(Clone, Copy)]
struct Booleans([crate::pattern::Sym; 4]);

impl Booleans {
    fn new() -> Booleans {
        use crate::pattern::Sym;
        Booleans([Sym::new("t"), Sym::new("true"), Sym::new("f"), Sym::new("false")])
    }

    fn of(&self, v: &Value) -> Option<bool> {
        match v {
            Value::Num(x) => Some(*x != 0.0),
            Value::Sym(s) if self.0[..2].contains(s) => Some(true),
            Value::Sym(s) if self.0[2..].contains(s) => Some(false),
            _ => None,
        }
    }
}

/// A pattern of Tidal booleans as 1/0 (false events kept, as `mask` and `struct` need them).
fn bools(p: Pattern) -> Pattern {
    let b = Booleans::new();
    fmap(p, move |v| match b.of(&v) {
        Some(x) => Value::Num(f64::from(u8::from(x))),
        None => v,
    })
}

fn inverted(p: Pattern) -> Pattern {
    let b = Booleans::new();
    fmap(p, move |v| match b.of(&v) {
        Some(x) => Value::Num(f64::from(u8::from(!x))),
        None => v,
    })
}

fn id(a: &[PatArg]) -> Result<Pattern, String> {
    pat(a, 0)
}

fn fmap_imp(a: &[PatArg]) -> Result<Pattern, String> {
    fun(a, 0)?(pat(a, 1)?)
}

/// The last argument unchanged (`mtrigger n p`: Phonon's patterns already start at cycle 0).
fn second(a: &[PatArg]) -> Result<Pattern, String> {
    pat(a, 1)
}

fn const_imp(a: &[PatArg]) -> Result<Pattern, String> {
    pat(a, 0)
}

fn numeric_map(a: &[PatArg], f: fn(f64) -> f64) -> Result<Pattern, String> {
    Ok(map_numbers(pat(a, 0)?, f))
}

/// `f` applied to a pattern's numbers: plain values, and the `n`, `note` and `value` of events.
fn map_numbers(p: Pattern, f: impl Fn(f64) -> f64 + Send + Sync + 'static) -> Pattern {
    fmap(p, move |v| match v {
        Value::Num(x) => Value::Num(f(x)),
        Value::Map(mut m) => {
            for k in [sym::N, sym::NOTE, sym::VALUE] {
                if let Some(x) = m.get_num(k) {
                    m.set(k, Atom::Num(f(x)));
                }
            }
            Value::Map(m)
        }
        other => other,
    })
}

fn floor_imp(a: &[PatArg]) -> Result<Pattern, String> {
    numeric_map(a, f64::floor)
}

fn ceiling_imp(a: &[PatArg]) -> Result<Pattern, String> {
    numeric_map(a, f64::ceil)
}

/// Haskell's `round`: halves go to the even neighbour.
fn round_imp(a: &[PatArg]) -> Result<Pattern, String> {
    numeric_map(a, |x| {
        let r = x.round();
        if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
            r - x.signum()
        } else {
            r
        }
    })
}

fn inv(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(inverted(pat(a, 0)?))
}

/// `loopAt n`: slow down by `n` and stretch each sample over `n` cycles (Tidal's
/// `slow n p |* speed (1/n) # unit "c"`).
fn loop_at(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (n, p) = (pat(a, 0)?, pat(a, 1)?);
    let slowed = super::time::slow(n.clone(), p);
    let speed = fmap(n, |v| match num_of(&v) {
        Some(x) if x != 0.0 => Value::Map(Map::single(sym::SPEED, Atom::Num(1.0 / x))),
        _ => Value::Map(Map::new()),
    });
    let unit = pure(Value::Map(Map::single(sym::UNIT, Atom::Sym(crate::pattern::Sym::new("c")))));
    Ok(ops::set(ops::app(ValueOp::Mul, ops::From::Left, slowed, speed), unit))
}

/// `within (b, e) f`: `f` applied to the events that start within `b..e` of their cycle.
fn within(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (b, e, f, p) = (pat(a, 0)?, pat(a, 1)?, fun(a, 2)?, pat(a, 3)?);
    let fp = f(p.clone())?;
    Ok(patternify(
        vec![b, e],
        op(move |a, span, out| {
            let (Some(b), Some(e)) = (time_of(&a[0]), time_of(&a[1])) else { return };
            let inside = move |h: &Hap| {
                let c = h.whole_begin().cycle_pos();
                c >= b && c < e
            };
            let mark = out.len();
            fp.query(span, out);
            out.retain_from(mark, inside);
            let mark = out.len();
            p.query(span, out);
            out.retain_from(mark, move |h| !inside(h));
        }),
    ))
}

fn overlay(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(stack(vec![pat(a, 0)?, pat(a, 1)?]))
}

fn append(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(slowcat(vec![pat(a, 0)?, pat(a, 1)?]))
}

fn fast_append(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(fastcat(vec![pat(a, 0)?, pat(a, 1)?]))
}

/// `trunc t`: only the first `t` of each cycle plays (Tidal: `compress (0, t) . zoom (0, t)`).
fn trunc(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (t, p) = (pat(a, 0)?, pat(a, 1)?);
    Ok(patternify(
        vec![t],
        op(move |a, span, out| {
            let Some(t) = time_of(&a[0]) else { return };
            if t <= Rational::ZERO {
                return;
            }
            let t = t.min(Rational::ONE);
            let zoomed = |s: Span, o: &mut QueryBuf| zoom_q(Rational::ZERO, t, &|s2, o2| p.query(s2, o2), s, o);
            compress_q(Rational::ZERO, t, &zoomed, span, out);
        }),
    ))
}

/// `sew bools a b`: `a` where `bools` is true, `b` where it is false, each keeping its own
/// structure.
fn sew(a: &[PatArg]) -> Result<Pattern, String> {
    let (b, x, y) = (bools(pat(a, 0)?), pat(a, 1)?, pat(a, 2)?);
    Ok(stack(vec![ops::keep_mask(b.clone(), x), ops::keep_mask(inverted(b), y)]))
}

/// `stitch bools a b`: the structure of `bools`, values from `a` where true, `b` where false.
fn stitch(a: &[PatArg]) -> Result<Pattern, String> {
    let (b, x, y) = (bools(pat(a, 0)?), pat(a, 1)?, pat(a, 2)?);
    Ok(stack(vec![ops::keep_struct(b.clone(), x), ops::keep_struct(inverted(b), y)]))
}

/// `while bools f`: `f` applied where `bools` is true (`sew bools (f p) p`).
fn while_imp(a: &[PatArg]) -> Result<Pattern, String> {
    let (b, f, p) = (bools(pat(a, 0)?), fun(a, 1)?, pat(a, 2)?);
    let fp = f(p.clone())?;
    Ok(stack(vec![ops::keep_mask(b.clone(), fp), ops::keep_mask(inverted(b), p)]))
}

/// `f` applied in the cycles `c` with `c mod n == o`.
fn every_offset(n: Pattern, o: Pattern, fp: Pattern, p: Pattern) -> Pattern {
    patternify(
        vec![n, o],
        op(move |a, span, out| {
            let (Some(n), Some(o)) = (num_of(&a[0]), num_of(&a[1])) else { return };
            let n = n.floor() as i64;
            if n <= 0 {
                p.query(span, out);
                return;
            }
            let o = (o.floor() as i64).rem_euclid(n);
            per_cycle(span, out, |cs, o2| {
                if cs.begin.floor_int().rem_euclid(n) == o {
                    fp.query(cs, o2)
                } else {
                    p.query(cs, o2)
                }
            });
        }),
    )
}

fn every_prime(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (n, o, f, p) = (pat(a, 0)?, pat(a, 1)?, fun(a, 2)?, pat(a, 3)?);
    let fp = f(p.clone())?;
    Ok(every_offset(n, o, fp, p))
}

/// `foldEvery [a, b] f`: `every a f . every b f`.
fn fold_every(a: &[PatArg]) -> Result<Pattern, String> {
    let (ns, f, mut p) = (super::pats(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    for n in ns.into_iter().rev() {
        let fp = f(p.clone())?;
        p = every_offset(n, pure(Value::Num(0.0)), fp, p);
    }
    Ok(p)
}

/// `striateBy n f`: like `striate`, each of the `n` parts `f` long, spread evenly over the sample.
fn striate_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (n, len, p) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?);
    Ok(patternify(
        vec![n, len],
        op(move |a, span, out| {
            let (Some(n), Some(f)) = (num_of(&a[0]), num_of(&a[1])) else { return };
            if !(1.0..=4096.0).contains(&n) {
                return;
            }
            let n = n.floor() as i64;
            let step = if n > 1 { (1.0 - f) / (n - 1) as f64 } else { 0.0 };
            super::samples::striate_q(&p, n, |k| (step * k as f64, step * k as f64 + f), span, out);
        }),
    ))
}

/// `stutter n t`: `n` copies, each `t` later than the one before.
fn stutter(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (n, t, p) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?);
    Ok(patternify(
        vec![n, t],
        op(move |a, span, out| {
            let (Some(n), Some(t)) = (num_of(&a[0]), time_of(&a[1])) else { return };
            let n = n.floor().clamp(0.0, 64.0) as i64;
            for k in 0..n {
                late_q(t * Rational::int(k), &|s, o| p.query(s, o), span, out);
            }
        }),
    ))
}

/// Tidal's `ghost`: two quieter, shorter, higher copies 1.5/8 and 2.5/8 of a cycle later.
/// Tidal's `ghostWith t f p`: `p` with two copies transformed by `f`, `1.5 t` and `2.5 t` later
/// (the second over the first, as Tidal nests them).
fn ghost_with(t: Rational, f: &dyn Fn(Pattern) -> Result<Pattern, String>, p: Pattern) -> Result<Pattern, String> {
    let late = |by: Rational, x: Pattern| super::time::late(pure(Value::Num(by.to_f64())), x);
    let inner = stack(vec![p.clone(), late(t * Rational::new(3, 2), f(p)?)]);
    Ok(stack(vec![inner.clone(), late(t * Rational::new(5, 2), f(inner)?)]))
}

/// The ghost notes of `ghost`: softer, shorter, higher.
fn soft(x: Pattern) -> Result<Pattern, String> {
    let mut m = Map::single(sym::GAIN, Atom::Num(0.7));
    m.set(sym::SPEED, Atom::Num(1.25));
    let x = ops::app(ValueOp::Mul, ops::From::Left, x, pure(Value::Map(m)));
    Ok(ops::set(x, pure(Value::Map(Map::single(sym::END, Atom::Num(0.2))))))
}

fn ghost(a: &[PatArg]) -> Result<Pattern, String> {
    ghost_with(Rational::new(1, 8), &soft, pat(a, 0)?)
}

/// `ghost' t`: `ghost` with the copies `1.5 t` and `2.5 t` later.
fn ghost_by(a: &[PatArg]) -> Result<Pattern, String> {
    ghost_with(constant_time(&pat(a, 0)?, "ghost''s time")?, &soft, pat(a, 1)?)
}

/// `ghostWith t f`: the copies transformed by `f`.
fn ghost_with_imp(a: &[PatArg]) -> Result<Pattern, String> {
    let f = fun(a, 1)?;
    ghost_with(constant_time(&pat(a, 0)?, "ghostWith's time")?, &|x| f(x), pat(a, 2)?)
}

/// Most copies `spin` makes.
const MAX_SPIN: f64 = 64.0;

/// Tidal's `spin n p`: `n` copies of the pattern, copy `i` shifted `i/n` of a cycle earlier
/// and panned to `i/n`.
fn spin(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let p = pat(a, 1)?;
    Ok(patternify(
        vec![pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]) else { return };
            let n = n.floor().clamp(0.0, MAX_SPIN) as i64;
            for i in 0..n {
                let mark = out.len();
                early_q(Rational::new(i, n), &|s, o| p.query(s, o), span, out);
                let pan = i as f64 / n as f64;
                out.map_from(mark, |h| {
                    if let Value::Map(m) = &mut h.value {
                        m.set(sym::PAN, Atom::Num(pan));
                    }
                });
            }
        }),
    ))
}

/// Tidal's `grain b w`: `begin b # end (b + w)`, a piece of each sample `w` long.
fn grain(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (b, w) = (pat(a, 0)?, pat(a, 1)?);
    let end = ops::app(ValueOp::Add, ops::From::Left, b.clone(), w);
    let begin = fmap(b, |v| match num_of(&v) {
        Some(x) => Value::Map(Map::single(sym::BEGIN, Atom::Num(x))),
        None => v,
    });
    let end = fmap(end, |v| match num_of(&v) {
        Some(x) => Value::Map(Map::single(sym::END, Atom::Num(x))),
        None => v,
    });
    Ok(ops::set(begin, end))
}

/// Tidal's `grain' "0.2:0.3"`: begin and end written as one word.
fn grain_words(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(fmap(pat(a, 0)?, |v| match &v {
        Value::List(l) => match l.items() {
            [Atom::Num(b), Atom::Num(e)] => {
                Value::Map(Map::single(sym::BEGIN, Atom::Num(*b)).union(&Map::single(sym::END, Atom::Num(*e))))
            }
            _ => v,
        },
        _ => v,
    }))
}

/// Tidal's `triggerWith f p`: the pattern shifted later by `f` of the cycle it was evaluated
/// at. Phonon's patterns are evaluated at cycle 0 of the host's timeline, so the shift is
/// `f 0`: `triggerWith (const 0.1)` is `0.1 ~>`.
fn trigger_with(a: &[PatArg]) -> Result<Pattern, String> {
    let at = fun(a, 0)?(pure(Value::Num(0.0)))?;
    let shift = at
        .haps(Rational::ZERO, Rational::ONE)
        .first()
        .and_then(|h| time_of(&h.value))
        .ok_or("triggerWith's function must give a time for cycle 0, as const 0.1 does")?;
    Ok(super::time::late(pure(Value::Num(shift.to_f64())), pat(a, 1)?))
}

/// Tidal's `filterWhen test p`: the events whose onset time passes the test, a function of
/// numbers such as `(>= 4)`.
fn filter_when(a: &[PatArg]) -> Result<Pattern, String> {
    let passed = fun(a, 0)?(crate::pattern::core::signal(|t| Value::Num(t.to_f64())))?;
    Ok(ops::keep_mask(passed, pat(a, 1)?))
}

/// Most parts `stripe` splits a cycle into.
const MAX_STRIPES: usize = 64;

/// `stripe n p`: each cycle holds `n` cycles of the pattern, each squashed into a part of
/// random length (weights 1 to 3, drawn per cycle), so every cycle keeps its length.
fn stripe(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let p = pat(a, 1)?;
    Ok(patternify(
        vec![pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]) else { return };
            if !(1.0..=MAX_STRIPES as f64).contains(&n.floor()) {
                return;
            }
            let n = n.floor() as usize;
            per_cycle(span, out, |cyc, out| {
                let c = cyc.begin.floor_int();
                let mut w = [0i64; MAX_STRIPES];
                let mut total = 0;
                for (i, x) in w.iter_mut().enumerate().take(n) {
                    let r = time_to_rand(c as f64 + i as f64 / n as f64);
                    *x = 1 + ((r * 3.0).floor() as i64).clamp(0, 2);
                    total += *x;
                }
                let mut acc = 0;
                for (i, &x) in w.iter().enumerate().take(n) {
                    let (b, e) = (Rational::new(acc, total), Rational::new(acc + x, total));
                    acc += x;
                    let k = c * n as i64 + i as i64;
                    let shifted = |s: Span, o: &mut QueryBuf| {
                        crate::pattern::transform::early_q(Rational::int(k - c), &|s2, o2| p.query(s2, o2), s, o)
                    };
                    compress_q(b, e, &shifted, cyc, out);
                }
            });
        }),
    ))
}

/// `slowstripe n`: `stripe n` slowed by `n`, so the parts last a cycle on average.
fn slowstripe(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(super::time::slow(pat(a, 0)?, stripe(a)?))
}

/// A control map of one number.
fn control(key: crate::pattern::Sym, x: f64) -> Pattern {
    pure(Value::Map(Map::single(key, Atom::Num(x))))
}

/// `jux' [f, g, h] p`: each function's result panned in turn across the field (`n / count`,
/// added to the pattern's own pan).
fn jux_list(a: &[PatArg]) -> Result<Pattern, String> {
    let fs = super::funs(a, 0)?;
    let p = pat(a, 1)?;
    let l = fs.len() as f64;
    let mut layers = Vec::new();
    for (n, f) in fs.iter().enumerate() {
        layers.push(ops::app(ValueOp::Add, ops::From::Left, f(p.clone())?, control(sym::PAN, n as f64 / l)));
    }
    Ok(stack(layers))
}

/// `jux4 f p`: the pattern at pan 5/8 and `f` of it at 1/8 (for four-speaker rings).
fn jux4(a: &[PatArg]) -> Result<Pattern, String> {
    let (f, p) = (fun(a, 0)?, pat(a, 1)?);
    Ok(stack(vec![ops::set(p.clone(), control(sym::PAN, 5.0 / 8.0)), f(ops::set(p, control(sym::PAN, 1.0 / 8.0)))?]))
}

/// `juxcut f p`: `jux` with each side in its own cut group, so each cuts only itself.
fn juxcut(a: &[PatArg]) -> Result<Pattern, String> {
    let (f, p) = (fun(a, 0)?, pat(a, 1)?);
    let side = |pan: f64, cut: f64| {
        let mut m = Map::single(sym::PAN, Atom::Num(pan));
        m.set(sym::CUT, Atom::Num(cut));
        pure(Value::Map(m))
    };
    Ok(stack(vec![ops::set(p.clone(), side(0.0, -1.0)), f(ops::set(p, side(1.0, -2.0)))?]))
}

/// `seqPLoop [(start, end, pat), ...]`: `seqP`, looping from the earliest start to the latest end.
fn seq_p_loop(a: &[PatArg]) -> Result<Pattern, String> {
    let parts = tuples(a, 0, 3, "seqPLoop")?;
    let mut lo: Option<Rational> = None;
    let mut hi: Option<Rational> = None;
    for t in &parts {
        let (b, e) = (constant_time(&t[0], "seqPLoop's start")?, constant_time(&t[1], "seqPLoop's end")?);
        lo = Some(lo.map_or(b, |x| x.min(b)));
        hi = Some(hi.map_or(e, |x| x.max(e)));
    }
    let (Some(lo), Some(hi)) = (lo, hi) else { return Ok(silence()) };
    if hi <= lo {
        return Ok(silence());
    }
    let seq = super::time::late(pure(Value::Num((-lo).to_f64())), seq_p(a)?);
    call("timeLoop", &[PatArg::Pat(pure(Value::Num((hi - lo).to_f64()))), PatArg::Pat(seq)])
}

/// Every cycle plays the pattern's first cycle.
fn loop_first_q(p: &Pattern, span: Span, out: &mut QueryBuf) {
    per_cycle(span, out, |cs, o| {
        let c = Rational::int(cs.begin.floor_int());
        late_q(c, &|s, o2| p.query(s, o2), cs, o);
    });
}

fn loop_first(a: &[PatArg]) -> Result<Pattern, String> {
    let p = pat(a, 0)?;
    Ok(patternify(vec![], op(move |_, span, out| loop_first_q(&p, span, out))))
}

/// `timeLoop n`: the first `n` cycles, looped (`outside n loopFirst`).
fn time_loop(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let lf: PatFn = std::sync::Arc::new(|p: Pattern| loop_first(&[PatArg::Pat(p)]));
    call("outside", &[PatArg::Pat(pat(a, 0)?), PatArg::Fun(lf), PatArg::Pat(pat(a, 1)?)])
}

/// `quantise step`: values rounded to the nearest multiple of `1/step` (Tidal: `quantise 1`
/// rounds).
fn quantise(a: &[PatArg]) -> Result<Pattern, String> {
    let n = constant_num(a, 0, "quantise's step")?;
    let p = pat(a, 1)?;
    Ok(fmap(p, move |v| match v {
        Value::Num(x) if n != 0.0 => Value::Num((x * n).round() / n),
        other => other,
    }))
}

/// `scan n`: `run 1`, then `run 2`, ... up to `run n`, one per cycle.
fn scan(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(patternify(
        vec![pat(a, 0)?],
        op(|a, span, out| {
            let Some(n) = num_of(&a[0]) else { return };
            let n = n.floor() as i64;
            if !(1..=4096).contains(&n) {
                return;
            }
            per_cycle(span, out, |cs, o| {
                let k = cs.begin.floor_int().rem_euclid(n) + 1;
                steps_q(Rational::int(k), cs, o, |i, whole, part, o2| {
                    o2.push(Hap::new(Some(whole), part, Value::Num(i.rem_euclid(k) as f64)))
                });
            });
        }),
    ))
}

/// The constant values of a list of patterns (`["bd", "sn"]`).
fn list_values(a: &[PatArg], i: usize, what: &str) -> Result<Vec<Value>, String> {
    super::pats(a, i)?
        .iter()
        .map(|p| single_value(p).ok_or_else(|| format!("{what}: each item must be a single value")))
        .collect()
}

/// The value of a pattern that is one value, such as `"bd"` or `"arpy:1"`.
fn single_value(p: &Pattern) -> Option<Value> {
    if let Some(c) = p.constant() {
        return Some(c.value);
    }
    let haps = p.haps(Rational::ZERO, Rational::ONE);
    match haps.as_slice() {
        [h] if h.whole == Some(Span::new(Rational::ZERO, Rational::ONE)) => Some(h.value),
        _ => None,
    }
}

/// `fit step xs ixs`: each event of `ixs` takes item `i + step * cycle` of `xs`.
fn fit(a: &[PatArg]) -> Result<Pattern, String> {
    let step = constant_num(a, 0, "fit's step")?.floor() as i64;
    let xs = list_values(a, 1, "fit")?;
    if xs.is_empty() {
        return Ok(silence());
    }
    let p = pat(a, 2)?;
    Ok(patternify(
        vec![],
        op(move |_, span, out| {
            let mark = out.len();
            p.query(span, out);
            let len = xs.len() as i64;
            out.retain_mut_from(mark, |h| {
                let Some(i) = num_of(&h.value) else { return false };
                let k = (i.floor() as i64 + step * h.whole_begin().floor_int()).rem_euclid(len);
                h.value = xs[k as usize];
                true
            });
        }),
    ))
}

/// Haps in `out[mark..]` with the same whole as hap `i`: (its index among them, how many).
fn chord_position(out: &QueryBuf, mark: usize, end: usize, i: usize) -> (usize, usize) {
    let w = out.get(i).whole;
    let (mut before, mut total) = (0, 0);
    for j in mark..end {
        if out.get(j).whole == w {
            total += 1;
            if j < i {
                before += 1;
            }
        }
    }
    (before, total)
}

/// `rolledBy t`: the notes of each chord start one after another over `t` of its length
/// (negative: from the top down).
fn rolled_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (t, p) = (pat(a, 0)?, pat(a, 1)?);
    Ok(patternify(
        vec![t],
        op(move |a, span, out| {
            let Some(t) = time_of(&a[0]) else { return };
            let mark = out.len();
            p.query(span, out);
            if t.is_zero() {
                return;
            }
            let end = out.len();
            let down = t < Rational::ZERO;
            let t = if down { -t } else { t };
            for i in mark..end {
                if !out.tick() {
                    break;
                }
                let h = out.get(i);
                let Some(w) = h.whole else { continue };
                let (k, d) = chord_position(out, mark, end, i);
                let k = if down { d - 1 - k } else { k };
                let start = w.begin + (w.end - w.begin) * t * Rational::new(k as i64, d as i64);
                let part = Span::new(h.part.begin.max(start), h.part.end);
                if part.begin < part.end || (part.begin == part.end && h.part.begin == h.part.end) {
                    out.push(h.remade(Some(Span::new(start, w.end)), part, h.value));
                }
            }
            out.remove_range(mark, end);
        }),
    ))
}

fn rolled(a: &[PatArg]) -> Result<Pattern, String> {
    rolled_by(&[PatArg::Pat(pure(Value::Num(0.25))), PatArg::Pat(pat(a, 0)?)])
}

/// `plyWith n f`: each event played `n` times within its span, each copy `f` applied once
/// more than the one before.
fn ply_with(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    const MAX: usize = 32;
    let (n, f, p) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    let mut layers = vec![p.clone()];
    for k in 1..MAX {
        let next = f(layers[k - 1].clone())?;
        layers.push(next);
    }
    Ok(patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]) else { return };
            let n = (n.floor() as usize).clamp(1, MAX);
            for (k, layer) in layers.iter().enumerate().take(n) {
                let mark = out.len();
                layer.query(span, out);
                let (k, n) = (Rational::int(k as i64), Rational::int(n as i64));
                out.retain_mut_from(mark, |h| {
                    let Some(w) = h.whole else { return false };
                    let d = (w.end - w.begin) / n;
                    let slot = Span::new(w.begin + d * k, w.begin + d * (k + Rational::ONE));
                    let part = Span::new(slot.begin.max(h.part.begin), slot.end.min(h.part.end));
                    if part.begin >= part.end {
                        return false;
                    }
                    h.whole = Some(slot);
                    h.part = part;
                    true
                });
            }
        }),
    ))
}

/// The `begin`/`end` of slice `i` of `n` on the value of `v`.
fn with_slice(v: Value, i: f64, n: f64) -> Value {
    let mut m = match v {
        Value::Map(m) => m,
        other => other.to_map(),
    };
    let i = i.floor().rem_euclid(n);
    m.set(sym::BEGIN, Atom::Num(i / n));
    m.set(sym::END, Atom::Num((i + 1.0) / n));
    Value::Map(m)
}

/// `slice n i`: the events of `i` play slice `i` of `n` equal slices of the sample.
fn slice_pattern(n: Pattern, i: Pattern, p: Pattern) -> Pattern {
    let index = patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]).filter(|n| *n >= 1.0) else { return };
            let n = n.floor();
            let mark = out.len();
            i.query(span, out);
            out.retain_mut_from(mark, |h| {
                let Some(i) = num_of(&h.value) else { return false };
                h.value = with_slice(Value::Map(Map::new()), i, n);
                true
            });
        }),
    );
    ops::app(ValueOp::KeepLeft, ops::From::Left, index, p)
}

fn slice(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(slice_pattern(pat(a, 0)?, pat(a, 1)?, pat(a, 2)?))
}

/// `splice n i`: `slice`, each slice's speed set so it fills its event exactly.
fn splice(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let n = pat(a, 0)?;
    let sliced = slice_pattern(n.clone(), pat(a, 1)?, pat(a, 2)?);
    let c = crate::pattern::Sym::new("c");
    Ok(patternify(
        vec![],
        op(move |_, span, out| {
            let mark = out.len();
            sliced.query(span, out);
            out.retain_mut_from(mark, |h| {
                let Some(w) = h.whole else { return false };
                let Value::Map(m) = &mut h.value else { return false };
                let (Some(b), Some(e)) = (m.get_num(sym::BEGIN), m.get_num(sym::END)) else { return false };
                let d = (w.end - w.begin).to_f64();
                let speed = m.get_num(sym::SPEED).unwrap_or(1.0) * (e - b) / d;
                m.set(sym::SPEED, Atom::Num(speed));
                m.set(sym::UNIT, Atom::Sym(c));
                true
            });
        }),
    ))
}

/// `randslice n`: each event plays a random one of `n` slices.
fn randslice(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (n, p) = (pat(a, 0)?, pat(a, 1)?);
    Ok(patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]).filter(|n| *n >= 1.0) else { return };
            let n = n.floor();
            let mark = out.len();
            p.query(span, out);
            out.retain_mut_from(mark, |h| {
                let i = (time_to_rand(h.whole_begin().to_f64()) * n).floor();
                h.value = with_slice(h.value, i, n);
                true
            });
        }),
    ))
}

/// Swap the values of haps `a` and `b`.
fn swap_values(out: &mut QueryBuf, a: usize, b: usize) {
    let hs = out.haps_mut();
    let v = hs[a].value;
    hs[a].value = hs[b].value;
    hs[b].value = v;
}

fn reverse_values(out: &mut QueryBuf, mut a: usize, mut b: usize) {
    while a + 1 < b {
        swap_values(out, a, b - 1);
        a += 1;
        b -= 1;
    }
}

/// `rot n`: each cycle, every event takes the value of the event `n` later (wrapping).
fn rot(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let (n, p) = (pat(a, 0)?, pat(a, 1)?);
    Ok(patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = num_of(&a[0]) else { return };
            per_cycle(span, out, |cs, o| {
                let mark = o.len();
                let c = cs.begin.floor();
                p.query(Span::new(c, c + Rational::ONE), o);
                // Only whole events take part, in time order.
                o.retain_from(mark, |h| h.whole.is_some() && h.has_onset());
                o.haps_mut()[mark..].sort_unstable_by(Hap::time_order);
                let len = o.len() - mark;
                if len > 0 {
                    let k = (n.floor() as i64).rem_euclid(len as i64) as usize;
                    reverse_values(o, mark, mark + k);
                    reverse_values(o, mark + k, mark + len);
                    reverse_values(o, mark, mark + len);
                }
                o.retain_mut_from(mark, |h| {
                    let part = Span::new(h.part.begin.max(cs.begin), h.part.end.min(cs.end));
                    h.part = part;
                    part.begin < part.end || (part.begin == part.end && cs.begin == cs.end)
                });
            });
        }),
    ))
}

/// The items of a list of tuples, each as its list of patterns.
fn tuples(a: &[PatArg], i: usize, len: usize, what: &str) -> Result<Vec<Vec<Pattern>>, String> {
    let items = match a.get(i) {
        Some(PatArg::List(items)) => items,
        _ => return Err(format!("{what} takes a list of tuples")),
    };
    items
        .iter()
        .map(|it| match it {
            PatArg::List(parts) if parts.len() == len => parts.iter().map(|p| p.pat().cloned()).collect(),
            _ => Err(format!("{what}: each item must be a tuple of {len}")),
        })
        .collect()
}

fn constant_time(p: &Pattern, what: &str) -> Result<Rational, String> {
    p.constant().and_then(|c| time_of(&c.value)).ok_or_else(|| format!("{what} must be a constant number"))
}

/// `seqP [(start, end, pat), ...]`: each pattern plays from cycle `start` until `end`.
fn seq_p(a: &[PatArg]) -> Result<Pattern, String> {
    let mut layers = Vec::new();
    for t in tuples(a, 0, 3, "seqP")? {
        let (b, e) = (constant_time(&t[0], "seqP's start")?, constant_time(&t[1], "seqP's end")?);
        layers.push(filter(t[2].clone(), move |h| {
            let s = h.whole_begin();
            s >= b && s < e
        }));
    }
    Ok(stack(layers))
}

/// Tidal's `chord "major minor"`: each event names a chord (Tidal's chord table, as in
/// `c'major`), played as its notes counted from 0; a name that is no chord plays nothing.
fn chord_notes(a: &[PatArg]) -> Result<Pattern, String> {
    let p = pat(a, 0)?;
    Ok(patternify(
        vec![],
        op(move |_, span, out| {
            let mark = out.len();
            p.query(span, out);
            let end = out.len();
            for i in mark..end {
                let h = out.get(i);
                let notes = match h.value {
                    Value::Sym(s) => crate::pattern::notes::chord(s.name()),
                    _ => None,
                };
                // A name that is no chord stays a word, and goes below.
                let Some((&root, rest)) = notes.and_then(|n| n.split_first()) else { continue };
                for &x in rest {
                    let mut note = h;
                    note.value = Value::Num(f64::from(x));
                    out.push(note);
                }
                out.haps_mut()[i].value = Value::Num(f64::from(root));
            }
            out.retain_mut_from(mark, |h| matches!(h.value, Value::Num(_)));
        }),
    ))
}

/// `spaceOut [lengths] pat`: one cycle of the pattern stretched over each length in turn (so
/// played at speed `1/length`), then from the first length again: Tidal's spaceOut, which is
/// `timeCat` of the pattern at those weights, slowed by their sum.
fn space_out(a: &[PatArg]) -> Result<Pattern, String> {
    let mut parts = Vec::new();
    for p in super::pats(a, 0)? {
        let len = constant_time(&p, "spaceOut's lengths")?;
        // A length of zero or less takes no time (Tidal squeezes the cycle into nothing).
        if len > Rational::ZERO {
            parts.push(len);
        }
    }
    let total = parts.iter().fold(Rational::ZERO, |t, &x| t + x);
    if parts.is_empty() {
        return Ok(silence());
    }
    let p = pat(a, 1)?;
    Ok(slow(total, timecat(parts.into_iter().map(|len| (len, p.clone())).collect())))
}

/// `timeCat [(weight, pat), ...]`: the patterns one after another in a cycle, each taking its
/// weight's share.
fn time_cat(a: &[PatArg]) -> Result<Pattern, String> {
    let mut parts = Vec::new();
    for t in tuples(a, 0, 2, "timeCat")? {
        parts.push((constant_time(&t[0], "timeCat's weight")?, t[1].clone()));
    }
    Ok(timecat(parts))
}

/// `wrandcat [(pat, weight), ...]`: one pattern a cycle, chosen at random by weight, with the
/// random number at the cycle's middle (Tidal's `wchooseBy (segment 1 rand)`).
struct WeightedCycles {
    /// Each pattern with the running total of the weights up to it.
    pats: Box<[(Pattern, f64)]>,
    total: f64,
}

impl crate::pattern::Query for WeightedCycles {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        per_cycle(span, out, |cyc, out| {
            let x = time_to_rand(cyc.begin.floor().to_f64() + 0.5) * self.total;
            let i = self.pats.iter().position(|(_, c)| *c > x).unwrap_or(self.pats.len() - 1);
            self.pats[i].0.query(cyc, out);
        });
    }
}

fn wrandcat(a: &[PatArg]) -> Result<Pattern, String> {
    let mut pats = Vec::new();
    let mut total = 0.0;
    for t in tuples(a, 0, 2, "wrandcat")? {
        let w = t[1].constant().and_then(|c| num_of(&c.value)).ok_or("wrandcat: each weight must be a number")?;
        total += w.max(0.0);
        pats.push((t[0].clone(), total));
    }
    if pats.is_empty() || total <= 0.0 {
        return Ok(silence());
    }
    Ok(Pattern::new(WeightedCycles { pats: pats.into_boxed_slice(), total }))
}

/// `wchoose [(value, weight), ...]`: a continuous random choice, weighted.
fn wchoose(a: &[PatArg]) -> Result<Pattern, String> {
    let mut items = Vec::new();
    let mut total = 0.0;
    for t in tuples(a, 0, 2, "wchoose")? {
        let v = single_value(&t[0]).ok_or("wchoose: each value must be a single value")?;
        let w = t[1].constant().and_then(|c| num_of(&c.value)).ok_or("wchoose: each weight must be a number")?;
        total += w.max(0.0);
        items.push((v, total));
    }
    if items.is_empty() || total <= 0.0 {
        return Ok(silence());
    }
    Ok(fmap(super::random::rand(), move |r| {
        let x = num_of(&r).unwrap_or(0.0) * total;
        items.iter().find(|(_, c)| *c > x).or(items.last()).map(|(v, _)| *v).unwrap_or(r)
    }))
}

/// `weave t ctrl [a, b, ...]`: `ctrl` slowed `t` times applied to each pattern, each offset
/// by its share of the `t` cycles.
fn weave(a: &[PatArg]) -> Result<Pattern, String> {
    let t = constant_time(&pat(a, 0)?, "weave's length")?;
    let ctrl = pat(a, 1)?;
    let pats = super::pats(a, 2)?;
    let l = Rational::int(pats.len() as i64);
    let mut layers = Vec::new();
    for (i, p) in pats.into_iter().enumerate() {
        let by = t * Rational::int(i as i64) / l;
        let c = super::time::late(
            pure(Value::Num(by.to_f64())),
            super::time::slow(pure(Value::Num(t.to_f64())), ctrl.clone()),
        );
        layers.push(ops::set(p, c));
    }
    Ok(stack(layers))
}

/// `weaveWith n pat [f, g, ...]`: each function applied to the pattern, the results offset
/// from one another by an equal share of `n` cycles and played together.
fn weave_with(a: &[PatArg]) -> Result<Pattern, String> {
    let t = constant_time(&pat(a, 0)?, "weaveWith's length")?;
    let p = pat(a, 1)?;
    let fs = super::funs(a, 2)?;
    let l = Rational::int(fs.len() as i64);
    let mut layers = Vec::new();
    for (i, f) in fs.into_iter().enumerate() {
        let by = t * Rational::int(i as i64) / l;
        layers.push(super::time::late(pure(Value::Num(by.to_f64())), f(p.clone())?));
    }
    Ok(stack(layers))
}

/// The items of a list as patterns; an item that is itself a list (`[[0,4,7], ...]`) is a
/// chord.
fn items(a: &[PatArg]) -> Result<Vec<Pattern>, String> {
    let list = match a.first() {
        Some(PatArg::List(l)) => l,
        _ => return Err("expected a list such as [0, 1, 2]".into()),
    };
    list.iter()
        .map(|it| match it {
            PatArg::List(chord) => Ok(stack(chord.iter().map(|x| x.pat().cloned()).collect::<Result<_, _>>()?)),
            other => other.pat().cloned(),
        })
        .collect()
}

/// `squeeze "0 1" [p, q]`: each event of the index pattern plays one cycle of the pattern it
/// picks (wrapping around the list), squeezed into the event.
fn squeeze(a: &[PatArg]) -> Result<Pattern, String> {
    let idx = pat(a, 0)?;
    let pats = super::pats(a, 1)?;
    if pats.is_empty() {
        return Ok(silence());
    }
    let q = move |span: Span, out: &mut QueryBuf| {
        crate::pattern::transform::squeeze_q(
            &|s, o| idx.query(s, o),
            &|v, s, o| {
                if let Some(i) = num_of(&v) {
                    let k = (i.floor() as i64).rem_euclid(pats.len() as i64) as usize;
                    pats[k].query(s, o);
                }
            },
            span,
            out,
        )
    };
    Ok(Pattern::new(QueryFn(q)))
}

/// A query closure as a pattern.
struct QueryFn<F>(F);

impl<F: Fn(Span, &mut QueryBuf) + Send + Sync + 'static> crate::pattern::Query for QueryFn<F> {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        (self.0)(span, out)
    }
}

/// `chooseBy "0 0.25 0.5" [a, b, c, d]`: each value 0..1 picks an item (`floor(x * n)`).
fn choose_by(a: &[PatArg]) -> Result<Pattern, String> {
    let f = pat(a, 0)?;
    let items: Vec<Value> = super::pats(a, 1)?
        .iter()
        .map(|p| single_value(p).ok_or("chooseBy: each item must be a single value"))
        .collect::<Result<_, _>>()?;
    if items.is_empty() {
        return Ok(silence());
    }
    Ok(fmap(f, move |v| match num_of(&v) {
        Some(x) => items[((x * items.len() as f64).floor().max(0.0) as usize).min(items.len() - 1)],
        None => v,
    }))
}

/// `cycleChoose [a, b, c]`: one item chosen at random for each whole cycle.
fn cycle_choose(a: &[PatArg]) -> Result<Pattern, String> {
    let per_cycle = call("segment", &[PatArg::Pat(pure(Value::Num(1.0))), PatArg::Pat(super::random::rand())])?;
    choose_by(&[PatArg::Pat(per_cycle), a[0].clone()])
}

/// `listToPat [a, b, c]`: the items one after another in one cycle.
fn list_to_pat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(fastcat(items(a)?))
}

/// `fromList [a, b, c]`: one item per cycle.
fn from_list(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(slowcat(items(a)?))
}

/// `wedge t p q`: `p` squashed into the first `t` of each cycle, `q` into the rest.
fn wedge(a: &[PatArg]) -> Result<Pattern, String> {
    let t = constant_time(&pat(a, 0)?, "wedge's ratio")?;
    let (p, q) = (pat(a, 1)?, pat(a, 2)?);
    if t <= Rational::ZERO {
        return Ok(q);
    }
    if t >= Rational::ONE {
        return Ok(p);
    }
    let num = |x: Rational| PatArg::Pat(pure(Value::Num(x.to_f64())));
    let first = call("fastGap", &[num(Rational::ONE / t), PatArg::Pat(p)])?;
    let rest = call("fastGap", &[num(Rational::ONE / (Rational::ONE - t)), PatArg::Pat(q)])?;
    Ok(stack(vec![first, super::time::late(pure(Value::Num(t.to_f64())), rest)]))
}

/// `fix f ctrl`: `f` applied to the events whose controls match `ctrl`.
fn fix(a: &[PatArg]) -> Result<Pattern, String> {
    let (f, c, p) = (fun(a, 0)?, pat(a, 1)?, pat(a, 2)?);
    let want = match c.constant().map(|c| c.value) {
        Some(Value::Map(m)) => m,
        _ => return Err("fix takes a constant control such as (s \"hh\") or (n 1)".into()),
    };
    let matches = move |h: &Hap| match &h.value {
        Value::Map(m) => want.iter().all(|(k, v)| m.get(k) == Some(v)),
        _ => false,
    };
    let m2 = matches.clone();
    let fixed = f(filter(p.clone(), matches))?;
    Ok(stack(vec![fixed, filter(p, move |h| !m2(h))]))
}

/// `arpg`: each chord's notes one after another, in the order they are stacked.
fn arpg(a: &[PatArg]) -> Result<Pattern, String> {
    call("arp", &[PatArg::Pat(pure(Value::sym("up"))), PatArg::Pat(pat(a, 0)?)])
}

/// Tidal's `toScale [0, 2, 4, 5, 7, 9, 11] "0 1 2"`: scale degrees through a list of
/// semitones, each wrap around the list an octave higher.
fn to_scale(a: &[PatArg]) -> Result<Pattern, String> {
    scale_through(a, 0, 12.0)
}

/// Tidal's `toScale' octave steps pat`: each wrap of the list rises `octave` semitones.
fn to_scale_octave(a: &[PatArg]) -> Result<Pattern, String> {
    let octave = constant_num(a, 0, "toScale' (semitones per octave)")?;
    scale_through(a, 1, octave)
}

fn scale_through(a: &[PatArg], at: usize, octave: f64) -> Result<Pattern, String> {
    let steps: Vec<f64> = list_values(a, at, "toScale")?
        .iter()
        .map(|v| num_of(v).ok_or_else(|| "toScale takes a list of numbers such as [0, 2, 4, 5, 7, 9, 11]".to_string()))
        .collect::<Result<_, _>>()?;
    if steps.is_empty() {
        return Ok(silence());
    }
    let degree = move |x: f64| {
        let len = steps.len() as i64;
        let i = x.floor() as i64;
        steps[i.rem_euclid(len) as usize] + octave * i.div_euclid(len) as f64
    };
    Ok(map_numbers(pat(a, at + 1)?, degree))
}

/// Tidal's old `samples names ns`: each name with the sample number of the `ns` event at its
/// onset (`samples "drum*4" (irand 5)` is `"drum:3 drum:0 ..."`).
fn samples(a: &[PatArg]) -> Result<Pattern, String> {
    let (names, ns) = (pat(a, 0)?, pat(a, 1)?);
    Ok(patternify(
        vec![],
        op(move |_, span, out| {
            ops::app_side(&names, &ns, span, out, |v, n| match (v.as_atom(), num_of(&n)) {
                (Some(s @ Atom::Sym(_)), Some(n)) => Some(Value::List(List::from_atoms(&[s, Atom::Num(n.floor())]))),
                _ => Some(v),
            })
        }),
    ))
}

/// Tidal's `euclidOff n k s`: `euclid n k` shifted `s` steps earlier (the other way from
/// Strudel's `euclidRot` and the mini-notation's `(n,k,s)`).
fn euclid_off(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1, 2])?;
    let (n, k, s, p) = (pat(a, 0)?, pat(a, 1)?, pat(a, 2)?, pat(a, 3)?);
    let e = call("euclid", &[PatArg::Pat(n), PatArg::Pat(k.clone()), PatArg::Pat(p)])?;
    let shift = ops::app(ValueOp::Div, ops::From::Left, s, k);
    Ok(super::time::early(shift, e))
}

const F: Param = Param::function("f");

macro_rules! entry {
    ($name:literal, [$($alias:literal),*], $kind:expr, [$($param:expr),*], $help:literal, $example:literal, $imp:expr) => {
        FnMeta {
            name: $name,
            aliases: &[$($alias),*],
            kind: $kind,
            params: &[$($param),*],
            variadic: false,
            help: $help,
            example: $example,
            imp: Imp::Pattern($imp),
        }
    };
}

pub static FUNCTIONS: &[FnMeta] = &[
    entry!("id", [], Kind::Pattern, [PAT], "The pattern unchanged (Tidal's `id`).", "out: every 2 id $ s \"bd sn\"", id),
    entry!(
        "stripe",
        [],
        Kind::Pattern,
        [Param::pattern("n"), PAT],
        "Plays n cycles of the pattern in each cycle, each at a random speed (parts weighted 1 to 3), the cycle's length kept.",
        "out: stripe 3 $ s \"bd sn ~ [hh hh]\"",
        stripe
    ),
    entry!(
        "slowstripe",
        [],
        Kind::Pattern,
        [Param::pattern("n"), PAT],
        "stripe n slowed by n: every nth part starts on a cycle boundary.",
        "out: slowstripe 3 $ s \"bd sn ~ [hh hh]\"",
        slowstripe
    ),
    entry!(
        "jux'",
        [],
        Kind::Pattern,
        [Param::list("functions"), PAT],
        "Each function's result panned in turn across the field: jux' [id, rev, fast 2] pans them 0, 1/3, 2/3.",
        "out: jux' [id, rev, (# speed 2)] $ s \"bd sn\"",
        jux_list
    ),
    entry!(
        "jux4",
        [],
        Kind::Pattern,
        [F, PAT],
        "jux for four speakers: the pattern at pan 5/8, the function's result at 1/8.",
        "out: jux4 rev $ s \"bd sn\"",
        jux4
    ),
    entry!(
        "juxcut",
        [],
        Kind::Pattern,
        [F, PAT],
        "jux with each side in its own cut group (cut -1 and -2), so a sound cuts only its own side.",
        "out: juxcut rev $ s \"bd sn\"",
        juxcut
    ),
    entry!(
        "ghost'",
        [],
        Kind::Pattern,
        [Param::pattern("time"), PAT],
        "ghost with its copies 1.5 and 2.5 times the given time later.",
        "out: ghost' (1/16) $ s \"sn ~ sn ~\"",
        ghost_by
    ),
    entry!(
        "ghostWith",
        [],
        Kind::Pattern,
        [Param::pattern("time"), F, PAT],
        "Two copies of the pattern transformed by the function, 1.5 and 2.5 times the given time later.",
        "out: ghostWith (1/8) (# speed 2) $ s \"sn ~ sn ~\"",
        ghost_with_imp
    ),
    entry!(
        "seqPLoop",
        [],
        Kind::PatternSource,
        [Param::list("parts")],
        "seqP, looping from the earliest start to the latest end: seqPLoop [(0, 2, a), (1, 4, b)] repeats every 4 cycles.",
        "out: seqPLoop [(0, 2, s \"bd*2\"), (1, 4, s \"hh*4\")]",
        seq_p_loop
    ),
    entry!(
        "squeeze",
        [],
        Kind::PatternSource,
        [Param::pattern("index"), Param::list("pats")],
        "Each event of the index pattern plays one cycle of the pattern it picks from the list, squeezed into the event.",
        "out: squeeze \"0 [1 0]\" [s \"bd sn\", s \"hh*3\"]",
        squeeze
    ),
    entry!(
        "chooseBy",
        [],
        Kind::PatternSource,
        [Param::pattern("by"), Param::list("items")],
        "Picks items of a list by a pattern of 0..1 values: chooseBy \"0 0.25 0.5\" [a, b, c, d] is \"a b c\".",
        "out: n (segment 4 $ chooseBy sine [0, 3, 7]) # s \"superpiano\"",
        choose_by
    ),
    entry!(
        "cycleChoose",
        [],
        Kind::PatternSource,
        [Param::list("items")],
        "One item of a list, chosen at random for each whole cycle.",
        "out: n (cycleChoose [0, 3, 7]) # s \"superpiano\"",
        cycle_choose
    ),
    entry!(
        "listToPat",
        ["fastFromList", "fastfromlist"],
        Kind::PatternSource,
        [Param::list("items")],
        "The items of a list one after another in one cycle: listToPat [0, 1, 2] is \"0 1 2\".",
        "out: n (listToPat [0, 4, 7]) # s \"superpiano\"",
        list_to_pat
    ),
    entry!(
        "fromList",
        ["fromlist"],
        Kind::PatternSource,
        [Param::list("items")],
        "The items of a list, one per cycle: fromList [0, 1, 2] is \"<0 1 2>\".",
        "out: n (fromList [0, 4, 7]) # s \"superpiano\"",
        from_list
    ),
    entry!(
        "flatpat",
        [],
        Kind::Pattern,
        [PAT],
        "Tidal's flattening of a pattern of lists into chords; a list inside a pattern is a chord in Phonon already, so the pattern is unchanged.",
        "out: n (flatpat $ listToPat [[0, 4, 7], [2, 5, 9]]) # s \"superpiano\"",
        id
    ),
    entry!(
        "wedge",
        [],
        Kind::PatternSource,
        [Param::pattern("ratio"), Param::pattern("first"), Param::pattern("second")],
        "Squashes the first pattern into the first ratio of each cycle and the second into the rest.",
        "out: wedge (1/4) (s \"bd*2\") (s \"hh*3\")",
        wedge
    ),
    entry!(
        "qtrigger",
        ["qt", "trigger"],
        Kind::Pattern,
        [PAT],
        "Tidal's restart of a pattern at its cycle 0. Phonon's patterns follow the host's timeline from cycle 0, so the pattern \
         is left as it is: when code changes during playback, the new pattern keeps the timeline's cycle instead of restarting.",
        "out: qtrigger $ s \"bd sn\"",
        id
    ),
    entry!(
        "filterWhen",
        [],
        Kind::Pattern,
        [F, PAT],
        "Keeps the events whose onset time (in cycles) passes the test: filterWhen (>= 4) starts a pattern at cycle 4.",
        "out: filterWhen (< 2) $ s \"bd sn\"",
        filter_when
    ),
    entry!(
        "triggerWith",
        ["qtriggerWith"],
        Kind::Pattern,
        [F, PAT],
        "Tidal's trigger with the shift given by a function of the cycle the pattern starts at; Phonon starts \
         patterns at cycle 0, so triggerWith (const 0.1) is 0.1 ~>.",
        "out: triggerWith (const 0.25) $ s \"bd sn\"",
        trigger_with
    ),
    entry!(
        "spin",
        [],
        Kind::Pattern,
        [Param::pattern("copies"), PAT],
        "n copies of the pattern, each 1/n of a cycle earlier than the last and panned 1/n further right.",
        "out: spin 2 $ s \"bd sn\"",
        spin
    ),
    entry!(
        "grain",
        [],
        Kind::PatternSource,
        [Param::pattern("begin"), Param::pattern("length")],
        "Plays a piece of each sample: grain 0.2 0.1 is begin 0.2 # end 0.3.",
        "out: s \"bd\" # grain 0.2 0.1 # legato 1",
        grain
    ),
    entry!(
        "grain'",
        [],
        Kind::PatternSource,
        [Param::pattern("begin:end")],
        "begin and end as one word: grain' \"0.2:0.3\" is begin 0.2 # end 0.3.",
        "out: s \"bd\" # grain' \"0.2:0.3\" # legato 1",
        grain_words
    ),
    entry!(
        "mtrigger",
        ["mt"],
        Kind::Pattern,
        [Param::pattern("cycles"), PAT],
        "Tidal's restart of a pattern at the next multiple of n cycles. Phonon's patterns follow the host's timeline from \
         cycle 0, a multiple of every n, so the pattern is left as it is.",
        "out: mtrigger 4 $ s \"bd sn\"",
        second
    ),
    entry!(
        "fmap",
        [],
        Kind::Pattern,
        [F, PAT],
        "Applies a function to every value: `fmap (+ 12)`, also written `(+ 12) <$> pat`.",
        "out: n (fmap (+ 12) \"0 3 7\") # s \"superpiano\"",
        fmap_imp
    ),
    entry!(
        "const",
        [],
        Kind::Pattern,
        [Param::pattern("replacement"), PAT],
        "Replaces the pattern by another: `every 3 (const $ s \"cp*4\")`.",
        "out: every 2 (const $ s \"cp*4\") $ s \"bd sn\"",
        const_imp
    ),
    entry!("floor", [], Kind::Pattern, [PAT], "Rounds every number down.", "out: n (floor \"0.5 2.7\") # s \"superpiano\"", floor_imp),
    entry!("ceiling", [], Kind::Pattern, [PAT], "Rounds every number up.", "out: n (ceiling \"0.5 2.2\") # s \"superpiano\"", ceiling_imp),
    entry!(
        "round",
        [],
        Kind::Pattern,
        [PAT],
        "Rounds every number to the nearest whole number (halves to the even one, as Haskell does).",
        "out: n (round \"0.4 2.6\") # s \"superpiano\"",
        round_imp
    ),
    entry!("inv", [], Kind::Pattern, [PAT], "Inverts a boolean pattern: t becomes f, 1 becomes 0.", "out: struct (inv \"t f t f\") $ s \"bd\"", inv),
    entry!(
        "loopAt",
        [],
        Kind::Pattern,
        [Param::pattern("cycles"), PAT],
        "Slows the pattern down by n and stretches each sample to last n cycles (speed 1/n, unit \"c\").",
        "out: loopAt 2 $ chop 4 $ s \"bd\"",
        loop_at
    ),
    entry!(
        "within",
        [],
        Kind::Pattern,
        [Param::pattern("begin"), Param::pattern("end"), F, PAT],
        "Applies a function to the events starting within begin..end of each cycle: `within (0, 0.5) (fast 2)`.",
        "out: within (0, 0.5) (fast 2) $ s \"bd sn cp hh\"",
        within
    ),
    entry!(
        "overlay",
        [],
        Kind::Pattern,
        [Param::pattern("other"), PAT],
        "Plays two patterns together (stack of two).",
        "out: overlay (s \"hh*4\") $ s \"bd sn\"",
        overlay
    ),
    entry!(
        "append",
        ["slowAppend", "slowappend"],
        Kind::Pattern,
        [Param::pattern("first"), PAT],
        "Alternates cycles of two patterns: the first, then the second.",
        "out: append (s \"bd*2\") $ s \"hh*3\"",
        append
    ),
    entry!(
        "fastAppend",
        ["fastappend"],
        Kind::Pattern,
        [Param::pattern("first"), PAT],
        "Both patterns in one cycle, the first in its first half.",
        "out: fastAppend (s \"bd*2\") $ s \"hh*3\"",
        fast_append
    ),
    entry!(
        "trunc",
        [],
        Kind::Pattern,
        [Param::pattern("amount"), PAT],
        "Plays only the first part of each cycle: trunc 0.75 leaves the last quarter silent.",
        "out: trunc 0.75 $ s \"bd sn*2 cp hh*4\"",
        trunc
    ),
    entry!(
        "sew",
        [],
        Kind::Pattern,
        [Param::pattern("bools"), Param::pattern("a"), PAT],
        "The first pattern where the booleans are true, the second where false, each with its own structure.",
        "out: sew \"t f\" (n \"0*4\") (n \"7*8\") # s \"superpiano\"",
        sew
    ),
    entry!(
        "stitch",
        [],
        Kind::Pattern,
        [Param::pattern("bools"), Param::pattern("a"), PAT],
        "The structure of the booleans, values from the first pattern where true, the second where false.",
        "out: stitch \"t f t t\" (s \"bd\") (s \"hh\")",
        stitch
    ),
    entry!(
        "while",
        [],
        Kind::Pattern,
        [Param::pattern("bools"), F, PAT],
        "Applies a function where the booleans are true.",
        "out: while \"1 0\" (fast 2) $ s \"bd sn cp hh\"",
        while_imp
    ),
    entry!(
        "every'",
        [],
        Kind::Pattern,
        [Param::pattern("n"), Param::pattern("offset"), F, PAT],
        "Applies a function in cycle `offset` of every n (cycle numbers modulo n).",
        "out: every' 3 1 (fast 2) $ s \"bd sn\"",
        every_prime
    ),
    entry!(
        "foldEvery",
        [],
        Kind::Pattern,
        [Param::list("ns"), F, PAT],
        "Applies a function every n cycles for each n of a list: `foldEvery [3, 5] (fast 2)`.",
        "out: foldEvery [2, 3] (fast 2) $ s \"bd sn\"",
        fold_every
    ),
    entry!(
        "striateBy",
        ["striate'"],
        Kind::Pattern,
        [Param::pattern("n"), Param::pattern("length"), PAT],
        "Like striate, each of the n parts `length` of the sample long (parts may overlap).",
        "out: striateBy 4 0.5 $ s \"bd sn\"",
        striate_by
    ),
    entry!(
        "stutter",
        [],
        Kind::Pattern,
        [Param::pattern("n"), Param::pattern("time"), PAT],
        "n copies of the pattern, each `time` later than the one before.",
        "out: stutter 4 (1/16) $ s \"bd sn\"",
        stutter
    ),
    entry!(
        "ghost",
        [],
        Kind::Pattern,
        [PAT],
        "Adds two quieter, shorter, higher ghost copies 1.5/8 and 2.5/8 of a cycle later.",
        "out: ghost $ s \"~ sn\"",
        ghost
    ),
    entry!("loopFirst", [], Kind::Pattern, [PAT], "Every cycle plays the pattern's first cycle.", "out: loopFirst $ s \"<bd sn>\"", loop_first),
    entry!(
        "timeLoop",
        [],
        Kind::Pattern,
        [Param::pattern("cycles"), PAT],
        "Loops the first n cycles of the pattern.",
        "out: timeLoop 2 $ s \"<bd sn cp>\"",
        time_loop
    ),
    entry!(
        "quantise",
        [],
        Kind::Pattern,
        [Param::pattern("step"), PAT],
        "Rounds values to the nearest multiple of 1/step (quantise 1 rounds to whole numbers).",
        "out: n (quantise 1 \"0.4 2.6\") # s \"superpiano\"",
        quantise
    ),
    entry!("scan", [], Kind::PatternSource, [Param::pattern("n")], "run 1, then run 2, ... up to run n, one per cycle.", "out: n (scan 4) # s \"superpiano\"", scan),
    entry!(
        "fit",
        [],
        Kind::Pattern,
        [Param::pattern("step"), Param::list("items"), PAT],
        "Each event of the index pattern takes item `index + step * cycle` of the list.",
        "out: s (fit 1 [\"bd\", \"sn\", \"hh\"] \"0 1\")",
        fit
    ),
    entry!(
        "rolledBy",
        [],
        Kind::Pattern,
        [Param::pattern("amount"), PAT],
        "Rolls chords: their notes start one after another over this part of the chord's length (negative: downwards).",
        "out: rolledBy 0.5 $ n \"[0,4,7]\" # s \"superpiano\"",
        rolled_by
    ),
    entry!("rolled", [], Kind::Pattern, [PAT], "rolledBy 1/4: each chord strummed upwards over its first quarter.", "out: rolled $ n \"[0,4,7]\" # s \"superpiano\"", rolled),
    entry!(
        "plyWith",
        ["plywith"],
        Kind::Pattern,
        [Param::pattern("n"), F, PAT],
        "Plays each event n times within its span, applying the function once more to each copy.",
        "out: plyWith 3 (|* gain 0.8) $ s \"bd sn\"",
        ply_with
    ),
    entry!(
        "slice",
        [],
        Kind::Pattern,
        [Param::pattern("n"), Param::pattern("index"), PAT],
        "Cuts samples into n equal slices; the index pattern picks which plays, with its structure.",
        "out: slice 4 \"0 2 1 3\" $ s \"bd\"",
        slice
    ),
    entry!(
        "splice",
        [],
        Kind::Pattern,
        [Param::pattern("n"), Param::pattern("index"), PAT],
        "slice, with each slice's speed set so it fills its event exactly.",
        "out: splice 4 \"0 2 1 3\" $ s \"bd\"",
        splice
    ),
    entry!(
        "randslice",
        [],
        Kind::Pattern,
        [Param::pattern("n"), PAT],
        "Each event plays a random one of n equal slices of its sample.",
        "out: randslice 8 $ s \"bd*4\"",
        randslice
    ),
    entry!(
        "rot",
        [],
        Kind::Pattern,
        [Param::pattern("n"), PAT],
        "Shifts values among a cycle's events: each takes the value of the event n later, keeping the rhythm.",
        "out: rot \"<0 1 2>\" $ s \"bd sn hh cp\"",
        rot
    ),
    entry!(
        "seqP",
        [],
        Kind::PatternSource,
        [Param::list("parts")],
        "Plays each pattern from one cycle until another: seqP [(0, 8, s \"bd*2\"), (4, 12, s \"hh*4\")].",
        "out: seqP [(0, 2, s \"bd*2\"), (1, 4, s \"hh*4\")]",
        seq_p
    ),
    entry!(
        "chord",
        [],
        Kind::PatternSource,
        [Param::pattern("names")],
        "Each chord name as its notes, from 0 (Tidal's chord table): n (\"c a\" + chord \"major minor\") plays C major and A minor.",
        "out: n (\"c a\" + chord \"major minor\") # s \"superpiano\"",
        chord_notes
    ),
    entry!(
        "spaceOut",
        [],
        Kind::Pattern,
        [Param::list("lengths"), PAT],
        "Plays one cycle of the pattern over each length of cycles in turn (at speed 1/length), then repeats: spaceOut [1, 0.5, 2] slows, speeds up and slows again.",
        "out: spaceOut [1, 0.5, 2] $ s \"bd*4\"",
        space_out
    ),
    entry!(
        "timeCat",
        ["timecat"],
        Kind::PatternSource,
        [Param::list("parts")],
        "Patterns one after another in a cycle, each taking its weight's share: timeCat [(1, s \"bd*4\"), (1, s \"hh*8\")].",
        "out: timeCat [(1, s \"bd*4\"), (2, s \"hh*8\")]",
        time_cat
    ),
    entry!(
        "wrandcat",
        [],
        Kind::Pattern,
        [Param::list("choices")],
        "One pattern a cycle, chosen at random by weight: wrandcat [(s \"bd*2 sn\", 5), (s \"hh*3\", 2)].",
        "out: wrandcat [(s \"bd*2 sn\", 5), (s \"hh*3\", 2), (s \"cp*2\", 1)]",
        wrandcat
    ),
    entry!(
        "wchoose",
        [],
        Kind::PatternSource,
        [Param::list("choices")],
        "A continuous random choice among values, weighted: wchoose [(\"bd\", 1), (\"sn\", 0.5)].",
        "out: s (segment 4 $ wchoose [(\"bd\", 1), (\"sn\", 0.5)])",
        wchoose
    ),
    entry!(
        "weave",
        [],
        Kind::PatternSource,
        [Param::pattern("cycles"), Param::pattern("control"), Param::list("pats")],
        "Applies a control pattern slowed over n cycles to each pattern of a list, each offset by its share.",
        "out: weave 4 (pan sine) [s \"bd sn\", s \"hh*4\"]",
        weave
    ),
    entry!(
        "weaveWith",
        ["weave'"],
        Kind::PatternSource,
        [Param::pattern("cycles"), Param::pattern("pattern"), Param::list("functions")],
        "Applies each function of a list to the pattern and plays the results together, each offset by its share of n cycles.",
        "out: weaveWith 4 (s \"bd sn cp hh\") [fast 2, (# speed 2), rev]",
        weave_with
    ),
    entry!(
        "fix",
        [],
        Kind::Pattern,
        [F, Param::pattern("controls"), PAT],
        "Applies a function to the events whose controls match: fix (fast 2) (s \"hh\").",
        "out: fix (# speed 2) (s \"hh\") $ s \"bd hh sn hh\"",
        fix
    ),
    entry!(
        "euclidOff",
        ["eoff"],
        Kind::Pattern,
        [Param::pattern("pulses"), Param::pattern("steps"), Param::pattern("offset"), PAT],
        "Tidal's euclidOff: euclid shifted this many steps earlier (the mini-notation's bd(3,8,2) rotates the other way, as Strudel does).",
        "out: euclidOff 3 8 2 $ s \"bd\"",
        euclid_off
    ),
    entry!(
        "toScale",
        [],
        Kind::Pattern,
        [Param::list("steps"), PAT],
        "Scale degrees through a list of semitones, each wrap an octave higher: toScale [0, 2, 4, 5, 7, 9, 11] \"0 .. 7\".",
        "out: n (toScale [0, 2, 4, 7, 9] \"0 1 2 3 4 5\") # s \"superpiano\"",
        to_scale
    ),
    entry!(
        "toScale'",
        [],
        Kind::Pattern,
        [Param::pattern("octave"), Param::list("steps"), PAT],
        "toScale with an octave of another size: each wrap of the list rises this many semitones (toScale' 10 [0, 2, 4] \"0 .. 5\").",
        "out: n (toScale' 10 [0, 2, 4, 7] \"0 1 2 3 4 5\") # s \"superpiano\"",
        to_scale_octave
    ),
    entry!(
        "samples",
        [],
        Kind::PatternSource,
        [Param::pattern("names"), Param::pattern("n")],
        "Pairs sample names with sample numbers: samples \"drum*4\" (irand 5) plays drum:0 .. drum:4 at random.",
        "out: s (samples \"hh*4\" \"0 1\")",
        samples
    ),
    entry!("arpg", ["arpeggiate"], Kind::Pattern, [PAT], "Plays each chord's notes one after another, in stacked order.", "out: arpg $ n \"c'maj e'min\" # s \"superpiano\"", arpg),
];

#[cfg(test)]
mod tests {
    use super::super::testing::{onsets, show};

    fn values(expr: &str, from: i64, to: i64) -> Vec<String> {
        onsets(expr, from, to)
    }

    #[test]
    fn numeric_functions_and_fmap() {
        assert_eq!(values("floor <$> \"0.5 2.7\"", 0, 1), ["0:0", "1/2:2"]);
        assert_eq!(values("(+ 12) <$> \"0 3\"", 0, 1), ["0:12", "1/2:15"]);
        assert_eq!(values("fmap (* 2) \"1 3\"", 0, 1), ["0:2", "1/2:6"]);
        assert_eq!(values("round \"0.5 1.5 2.6\"", 0, 1), ["0:0", "1/3:2", "2/3:3"]);
        assert_eq!(values("id \"a b\"", 0, 1), ["0:a", "1/2:b"]);
    }

    #[test]
    fn loop_at_stretches() {
        // Tidal: loopAt 2 $ chop 4 $ s "break" = slow 2 ..., speed 0.5, unit "c".
        let got = values("loopAt 2 $ chop 2 $ s \"superpiano\"", 0, 2);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with("0:"), "{got:?}");
        assert!(got[0].contains("\"speed\":0.5") && got[0].contains("\"unit\":\"c\""), "{got:?}");
        assert!(got[1].starts_with("1:"), "{got:?}");
    }

    #[test]
    fn within_and_tuples() {
        // Tidal docs: within (0, 0.5) (fast 2) $ "a b c d" plays "a b c d" fast in the first half.
        assert_eq!(
            values("within (0, 0.5) (fast 2) $ \"a b c d\"", 0, 1),
            ["0:a", "1/8:b", "1/4:c", "3/8:d", "1/2:c", "3/4:d"]
        );
        assert_eq!(values("zoom (0.25, 0.75) $ \"a b c d\"", 0, 1), ["0:b", "1/2:c"]);
        assert_eq!(values("timeCat [(1, \"a\"), (3, \"b\")]", 0, 1), ["0:a", "1/4:b"]);
        // Tidal: chord "major" is the stack 0, 4, 7; each name its own notes.
        assert_eq!(values("chord \"major minor\"", 0, 1), ["0:0", "0:4", "0:7", "1/2:0", "1/2:3", "1/2:7"]);
        assert_eq!(values("chord \"nochord major\"", 0, 1), ["1/2:0", "1/2:4", "1/2:7"]);
        // Tidal: spaceOut [1, 2] "a b" is "a b" over one cycle, then over the next two.
        assert_eq!(values("spaceOut [1, 2] \"a b\"", 0, 3), ["0:a", "1/2:b", "1:a", "2:b"]);
    }

    #[test]
    fn booleans() {
        assert_eq!(values("sew \"t f\" \"a*2\" \"b*4\"", 0, 1), ["0:a", "1/2:b", "3/4:b"]);
        assert_eq!(values("stitch \"t f t t\" \"a\" \"b\"", 0, 1), ["0:a", "1/4:b", "1/2:a", "3/4:a"]);
        assert_eq!(values("inv \"t f 1 0\"", 0, 1), ["0:0", "1/4:1", "1/2:0", "3/4:1"]);
        assert_eq!(values("while \"1 0\" (fast 2) $ \"a b\"", 0, 1), ["0:a", "1/4:b", "1/2:b"]);
    }

    #[test]
    fn cycles() {
        assert_eq!(values("every' 3 1 (fast 2) $ \"a\"", 0, 3), ["0:a", "1:a", "3/2:a", "2:a"]);
        assert_eq!(values("foldEvery [2, 3] (fast 2) $ \"a\"", 1, 4), ["1:a", "2:a", "5/2:a", "3:a", "7/2:a"]);
        assert_eq!(values("loopFirst $ \"<a b>\"", 0, 2), ["0:a", "1:a"]);
        assert_eq!(values("timeLoop 2 $ \"<a b c>\"", 0, 4), ["0:a", "1:b", "2:a", "3:b"]);
        assert_eq!(values("scan 3", 0, 3), ["0:0", "1:0", "3/2:1", "2:0", "7/3:1", "8/3:2"]);
        assert_eq!(values("trunc 0.75 $ \"a b c d\"", 0, 1), ["0:a", "1/4:b", "1/2:c"]);
    }

    #[test]
    fn spread_applies_each_value() {
        assert_eq!(values("spread fast [1, 2] $ \"a b\"", 0, 2), ["0:a", "1/2:b", "1:a", "5/4:b", "3/2:a", "7/4:b"]);
        assert_eq!(
            values("spread ($) [rev, fast 2] $ \"a b\"", 0, 2),
            ["0:b", "1/2:a", "1:a", "5/4:b", "3/2:a", "7/4:b"]
        );
        assert_eq!(values("fastspread ($) [id, rev] $ \"a b\"", 0, 1), ["0:a", "1/4:b", "1/2:b", "3/4:a"]);
    }

    #[test]
    fn samples_pairs_names_with_numbers() {
        assert_eq!(
            values("s (samples \"superpiano*2\" \"1 3\")", 0, 1),
            ["0:{\"n\":1,\"s\":\"superpiano\"}", "1/2:{\"n\":3,\"s\":\"superpiano\"}"]
        );
    }

    #[test]
    fn values_moved() {
        // Tidal docs: rot 1 "a ~ b c" is "b ~ c a".
        assert_eq!(values("rot 1 $ \"a ~ b c\"", 0, 1), ["0:b", "1/2:c", "3/4:a"]);
        assert_eq!(values("fit 1 [\"a\", \"b\", \"c\"] \"0 1\"", 0, 2), ["0:a", "1/2:b", "1:b", "3/2:c"]);
        assert_eq!(values("quantise 1 \"0.4 2.6\"", 0, 1), ["0:0", "1/2:3"]);
        assert_eq!(values("stutter 3 (1/8) $ \"a\"", 0, 1), ["0:a", "1/8:a", "1/4:a"]);
        // Tidal: toScale [0, 2, 7] "0 1 2 3 -1" is 0 2 7 12 -5.
        assert_eq!(values("toScale [0, 2, 7] \"0 1 2 3 -1\"", 0, 1), ["0:0", "1/5:2", "2/5:7", "3/5:12", "4/5:-5"]);
        // Tidal: euclidOff 3 8 2 is (3,8) = x..x..x. two steps earlier: .x..x.x.
        assert_eq!(values("euclidOff 3 8 2 $ \"a\"", 0, 1), ["1/8:a", "1/2:a", "3/4:a"]);
    }

    #[test]
    fn chords_and_plies() {
        assert_eq!(values("rolledBy 0.5 $ \"[0,4]\"", 0, 1), ["0:0", "1/4:4"]);
        assert_eq!(values("arpg \"[0,4,7]\"", 0, 1), ["0:0", "1/3:4", "2/3:7"]);
        let got = show("plyWith 2 (|* 2) $ \"1 3\"", 0, 1);
        assert_eq!(got, ["0-1/4|0-1/4:1", "1/4-1/2|1/4-1/2:2", "1/2-3/4|1/2-3/4:3", "3/4-1|3/4-1:6"]);
    }

    #[test]
    fn slices() {
        let got = values("slice 4 \"0 2\" $ s \"superpiano\"", 0, 1);
        assert_eq!(
            got,
            [
                "0:{\"begin\":0,\"end\":0.25,\"s\":\"superpiano\"}",
                "1/2:{\"begin\":0.5,\"end\":0.75,\"s\":\"superpiano\"}"
            ]
        );
        let got = values("splice 4 \"0\" $ s \"superpiano\"", 0, 1);
        assert_eq!(got, ["0:{\"begin\":0,\"end\":0.25,\"s\":\"superpiano\",\"speed\":0.25,\"unit\":\"c\"}"]);
        assert_eq!(values("randslice 4 $ s \"superpiano*4\"", 0, 1).len(), 4);
        let got = values("striateBy 2 0.5 $ s \"superpiano\"", 0, 1);
        assert_eq!(
            got,
            ["0:{\"begin\":0,\"end\":0.5,\"s\":\"superpiano\"}", "1/2:{\"begin\":0.5,\"end\":1,\"s\":\"superpiano\"}"]
        );
    }

    #[test]
    fn lists_of_tuples() {
        assert_eq!(values("seqP [(0, 1, \"a\"), (1, 3, \"b\")]", 0, 3), ["0:a", "1:b", "2:b"]);
        let got = values("segment 8 $ wchoose [(\"a\", 1), (\"b\", 0)]", 0, 1);
        assert!(got.iter().all(|v| v.ends_with(":a")), "{got:?}");
        assert_eq!(values("fix (# speed 2) (n 1) $ n \"0 1\"", 0, 1)[1], "1/2:{\"n\":1,\"speed\":2}");
        // Tidal's ghost: superimposed copies 1.5/8 and 2.5/8 later, the second also of the first.
        let times: Vec<String> =
            values("ghost $ n 0", 0, 1).iter().map(|v| v.split(':').next().unwrap().to_string()).collect();
        assert_eq!(times, ["0", "3/16", "5/16", "1/2"]);
        assert!(values("ghost $ n 0", 0, 1)[1].contains("\"end\":0.2"));
    }
}
