//! Randomness, deterministic and Strudel's: the random number of an event is a function of its
//! start time (`pattern::rand`), so a program renders the same every time and `?`, `degradeBy`
//! and `sometimes` drop the same events as Strudel (`degradeBy degrade undegradeBy sometimesBy
//! sometimes often rarely almostNever almostAlways always someCyclesBy someCycles shuffle
//! scramble randcat rand irand perlin choose brand brandBy`).

use super::{fun, op, pat, pats, whole, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::core::{pure_direct, signal};
use crate::pattern::join::{bind_args_joined, num_of, patternify, patternify_joined, read_bound};
use crate::pattern::rand::{perlin as perlin_at, time_to_rand, time_to_rands};
use crate::pattern::transform::{fast_q, per_cycle, repeat_cycles_q, steps_q, zoom_q, Q};
use crate::pattern::{Hap, Pattern, Query, QueryBuf, Slot, Value};
use crate::time::{Rational, Span};

/// Strudel's offset between the random streams of a string's `?` and `|` (seed × 0.0003).
fn seed_offset(seed: u32) -> Rational {
    Rational::from_f64(0.0003 * seed as f64)
}

/// Which random number decides an event.
#[derive(Clone, Copy)]
enum Draw {
    /// Sampled at the event's start (shifted by `offset`); `invert` uses 1 - r.
    Event { offset: Rational, invert: bool },
    /// Sampled at the start of each cycle the event touches (`someCyclesBy`).
    Cycle { invert: bool },
}

#[inline]
fn draw_at(t: Rational, invert: bool) -> f64 {
    let r = time_to_rand(t.to_f64());
    if invert {
        1.0 - r
    } else {
        r
    }
}

/// Keep the events of `q` whose random number is above `x` (Strudel's `degradeByWith`).
fn degrade_q(draw: Draw, x: f64, q: Q, span: Span, out: &mut QueryBuf) {
    let mark = out.len();
    q(span, out);
    match draw {
        Draw::Event { offset, invert } => {
            out.retain_from(mark, |h| draw_at(h.whole_or_part().begin + offset, invert) > x);
        }
        Draw::Cycle { invert } => {
            // Each cycle of the event decides for itself, fragmenting events across cycles.
            let end = out.len();
            for i in mark..end {
                if !out.tick() {
                    break;
                }
                let h = out.get(i);
                for part in h.part.cycles() {
                    if draw_at(part.begin.floor(), invert) > x {
                        out.push(h.remade(h.whole, part, h.value));
                    }
                }
            }
            out.remove_range(mark, end);
        }
    }
}

/// `?` in mini-notation: drop events with probability `amount`, from the random stream of
/// seed `seed`.
pub fn degrade_seeded(amount: f64, seed: u32, pat: Pattern) -> Pattern {
    struct Degrade {
        amount: f64,
        offset: Rational,
        pat: Pattern,
    }
    impl Query for Degrade {
        fn query(&self, span: Span, out: &mut QueryBuf) {
            let draw = Draw::Event { offset: self.offset, invert: false };
            degrade_q(draw, self.amount, &|s, o| self.pat.query(s, o), span, out);
        }
    }
    Pattern::new(Degrade { amount, offset: seed_offset(seed), pat })
}

/// Index `0..n` chosen by the random number `r`.
#[inline]
fn pick(r: f64, n: usize) -> usize {
    ((r * n as f64).floor().max(0.0) as usize).min(n.saturating_sub(1))
}

struct ChooseCycles {
    offset: Rational,
    pats: Box<[Pattern]>,
}

impl Query for ChooseCycles {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        if self.pats.is_empty() {
            return;
        }
        per_cycle(span, out, |cyc, out| {
            let r = time_to_rand((cyc.begin.floor() + self.offset).to_f64());
            self.pats[pick(r, self.pats.len())].query(cyc, out);
        });
    }
}

/// `a | b | c` in mini-notation: one of the patterns per cycle, from the random stream of seed
/// `seed` (Strudel's `chooseInWith(rand.early(...).segment(1), ...)`).
pub fn choose_cycles_seeded(seed: u32, pats: Vec<Pattern>) -> Pattern {
    Pattern::new(ChooseCycles { offset: seed_offset(seed), pats: pats.into_boxed_slice() })
}

/// One of the patterns per cycle, chosen at random (Tidal's `spreadChoose`).
pub fn choose_cycles(pats: Vec<Pattern>) -> Pattern {
    Pattern::new(ChooseCycles { offset: Rational::ZERO, pats: pats.into_boxed_slice() })
}

fn randcat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(Pattern::new(ChooseCycles { offset: Rational::ZERO, pats: pats(a, 0)?.into_boxed_slice() }))
}

/// Drop events with probability `x` (a pattern).
pub fn degrade_by(x: Pattern, pat: Pattern, invert: bool) -> Pattern {
    patternify(
        vec![x],
        op(move |a, span, out| {
            if let Some(x) = num_of(&a[0]) {
                let draw = Draw::Event { offset: Rational::ZERO, invert };
                degrade_q(draw, x, &|s, o| pat.query(s, o), span, out);
            }
        }),
    )
}

fn degrade_by_imp(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(degrade_by(pat(a, 0)?, pat(a, 1)?, false))
}

fn degrade(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(degrade_by(pure_direct(Value::Num(0.5)), pat(a, 0)?, false))
}

fn undegrade_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(degrade_by(pat(a, 0)?, pat(a, 1)?, true))
}

fn undegrade(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(degrade_by(pure_direct(Value::Num(0.5)), pat(a, 0)?, true))
}

/// `sometimesBy x f`: each event either stays (probability 1 - x) or goes through `f`, decided
/// by its random number (`cycles`: by its cycle's). Strudel joins `x` cycle by cycle.
fn sometimes_with(x: Pattern, f: &crate::meta::PatFn, pat: Pattern, cycles: bool) -> Result<Pattern, String> {
    let slot = Slot::fresh();
    let chosen = read_bound(slot, pat.clone(), move |v, q, s, o| {
        let draw =
            if cycles { Draw::Cycle { invert: true } } else { Draw::Event { offset: Rational::ZERO, invert: true } };
        degrade_q(draw, 1.0 - v[0], q, s, o);
    });
    let fpat = f(chosen)?;
    Ok(bind_args_joined(vec![x], slot, move |a, span, out| {
        let Some(x) = num_of(&a[0]) else { return };
        let draw =
            if cycles { Draw::Cycle { invert: false } } else { Draw::Event { offset: Rational::ZERO, invert: false } };
        degrade_q(draw, x, &|s, o| pat.query(s, o), span, out);
        fpat.query(span, out);
    }))
}

fn sometimes_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    sometimes_with(pat(a, 0)?, &fun(a, 1)?, pat(a, 2)?, false)
}

fn some_cycles_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    sometimes_with(pat(a, 0)?, &fun(a, 1)?, pat(a, 2)?, true)
}

fn fixed(p: f64, a: &[PatArg], cycles: bool) -> Result<Pattern, String> {
    sometimes_with(pure_direct(Value::Num(p)), &fun(a, 0)?, pat(a, 1)?, cycles)
}

fn sometimes(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.5, a, false)
}

fn often(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.75, a, false)
}

fn rarely(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.25, a, false)
}

fn almost_never(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.1, a, false)
}

fn almost_always(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.9, a, false)
}

fn some_cycles(a: &[PatArg]) -> Result<Pattern, String> {
    fixed(0.5, a, true)
}

fn always(a: &[PatArg]) -> Result<Pattern, String> {
    fun(a, 0)?(pat(a, 1)?)
}

fn never(a: &[PatArg]) -> Result<Pattern, String> {
    fun(a, 0)?;
    pat(a, 1)
}

/// Most slices `shuffle` and `scramble` cut a cycle into.
const MAX_SLICES: usize = 256;

/// Slot `j` of `n` per cycle plays slice `choose(cycle, j)` of the same cycle (Strudel's
/// `_rearrangeWith`: the slice zoomed, repeated and sped up into the slot).
fn rearrange_q(
    n: i64,
    pat: &Pattern,
    choose: &mut dyn FnMut(i64, usize, Span) -> usize,
    span: Span,
    out: &mut QueryBuf,
) {
    let k = Rational::int(n);
    per_cycle(span, out, |cyc, out| {
        let c = cyc.begin.floor_int();
        steps_q(k, cyc, out, |idx, whole, part, o| {
            let i = choose(c, idx.rem_euclid(n) as usize, whole) as i64;
            let (b, e) = (Rational::int(i) / k, Rational::int(i + 1) / k);
            let slice = |s: Span, o2: &mut QueryBuf| {
                repeat_cycles_q(k, &|s2, o3| zoom_q(b, e, &|s3, o4| pat.query(s3, o4), s2, o3), s, o2)
            };
            fast_q(k, &slice, part, o);
        });
    });
}

fn slices(v: &Value) -> Option<i64> {
    num_of(v).filter(|&x| whole(x) && x >= 1.0 && x <= MAX_SLICES as f64).map(|x| x as i64)
}

/// A random permutation of the `n` slices of cycle `c`: slices ordered by their random
/// numbers (Strudel's `randrun`, sorted as it intends).
fn permutation(c: i64, n: usize, perm: &mut [u16; MAX_SLICES]) {
    let mut rands = [0.0; MAX_SLICES];
    time_to_rands(c as f64 + 0.5, &mut rands[..n]);
    for (i, p) in perm[..n].iter_mut().enumerate() {
        *p = i as u16;
    }
    // Stable insertion sort by random number (n is small; no allocation).
    for i in 1..n {
        let mut j = i;
        while j > 0 && rands[perm[j - 1] as usize] > rands[perm[j] as usize] {
            perm.swap(j - 1, j);
            j -= 1;
        }
    }
}

fn shuffle(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = slices(&a[0]) else {
                out.mark_overflow();
                return;
            };
            // One permutation per cycle, made when the cycle is first met.
            let mut perm = [0u16; MAX_SLICES];
            let mut perm_cycle = None;
            let mut choose = |c: i64, j: usize, _: Span| {
                if perm_cycle != Some(c) {
                    permutation(c, n as usize, &mut perm);
                    perm_cycle = Some(c);
                }
                perm[j] as usize
            };
            rearrange_q(n, &pat, &mut choose, span, out);
        }),
    ))
}

fn scramble(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    let pat = pat(a, 1)?;
    Ok(patternify(
        vec![super::pat(a, 0)?],
        op(move |a, span, out| {
            let Some(n) = slices(&a[0]) else {
                out.mark_overflow();
                return;
            };
            let mut choose = |_: i64, _: usize, whole: Span| pick(time_to_rand(whole.begin.to_f64()), n as usize);
            rearrange_q(n, &pat, &mut choose, span, out);
        }),
    ))
}

/// Continuous random numbers in [0, 1).
pub fn rand() -> Pattern {
    signal(|t| Value::Num(time_to_rand(t.to_f64())))
}

fn rand_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(rand())
}

fn irand(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(patternify_joined(
        vec![pat(a, 0)?],
        op(|a, span, out| {
            if let Some(n) = num_of(&a[0]) {
                let r = time_to_rand(span.begin.to_f64());
                out.push(Hap::new(None, span, Value::Num((r * n).trunc())));
            }
        }),
    ))
}

fn perlin(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(perlin_at(t.to_f64()))))
}

struct Choose(Box<[Pattern]>);
impl Query for Choose {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        if self.0.is_empty() {
            return;
        }
        let i = pick(time_to_rand(span.begin.to_f64()), self.0.len());
        for part in span.cycles() {
            let mark = out.len();
            self.0[i].query(part, out);
            out.map_from(mark, |h| h.whole = None);
        }
    }
}

fn choose(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(Pattern::new(Choose(pats(a, 0)?.into_boxed_slice())))
}

fn brand(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(if time_to_rand(t.to_f64()) < 0.5 { 1.0 } else { 0.0 })))
}

fn brand_by(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0])?;
    Ok(patternify_joined(
        vec![pat(a, 0)?],
        op(|a, span, out| {
            if let Some(p) = num_of(&a[0]) {
                let r = time_to_rand(span.begin.to_f64());
                out.push(Hap::new(None, span, Value::Num(if r < p { 1.0 } else { 0.0 })));
            }
        }),
    ))
}

const X: Param = Param::pattern("probability");
const F: Param = Param::function("f");

macro_rules! sometimes_entry {
    ($name:literal, $p:literal, $imp:ident) => {
        FnMeta {
            name: $name,
            aliases: &[],
            kind: Kind::Pattern,
            params: &[F, PAT],
            variadic: false,
            help: concat!("sometimesBy ", $p, ": applies the function to about that share of the events."),
            example: concat!("out: ", $name, " (# speed 2) $ s \"hh*8\""),
            imp: Imp::Pattern($imp),
        }
    };
}

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "degradeBy",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[X, PAT],
        variadic: false,
        help: "Randomly drops events with the given probability (the same ones every time it plays).",
        example: "out: degradeBy 0.3 $ s \"hh*16\"",
        imp: Imp::Pattern(degrade_by_imp),
    },
    FnMeta {
        name: "degrade",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Randomly drops half of the events (degradeBy 0.5).",
        example: "out: degrade $ s \"hh*16\"",
        imp: Imp::Pattern(degrade),
    },
    FnMeta {
        name: "undegradeBy",
        aliases: &["unDegradeBy"],
        kind: Kind::Pattern,
        params: &[X, PAT],
        variadic: false,
        help: "The complement of degradeBy: keeps exactly the events degradeBy with 1 - probability would drop.",
        example: "out: undegradeBy 0.3 $ s \"hh*16\"",
        imp: Imp::Pattern(undegrade_by),
    },
    FnMeta {
        name: "undegrade",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "undegradeBy 0.5.",
        example: "out: undegrade $ s \"hh*16\"",
        imp: Imp::Pattern(undegrade),
    },
    FnMeta {
        name: "sometimesBy",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[X, F, PAT],
        variadic: false,
        help: "Applies the function to randomly chosen events, with the given probability.",
        example: "out: sometimesBy 0.3 (# speed 2) $ s \"hh*8\"",
        imp: Imp::Pattern(sometimes_by),
    },
    sometimes_entry!("sometimes", "0.5", sometimes),
    sometimes_entry!("often", "0.75", often),
    sometimes_entry!("rarely", "0.25", rarely),
    sometimes_entry!("almostNever", "0.1", almost_never),
    sometimes_entry!("almostAlways", "0.9", almost_always),
    FnMeta {
        name: "always",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[F, PAT],
        variadic: false,
        help: "Applies the function to every event (for switching sometimes on and off).",
        example: "out: always (# speed 2) $ s \"hh*8\"",
        imp: Imp::Pattern(always),
    },
    FnMeta {
        name: "never",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[F, PAT],
        variadic: false,
        help: "Leaves the pattern unchanged (for switching sometimes on and off).",
        example: "out: never (# speed 2) $ s \"hh*8\"",
        imp: Imp::Pattern(never),
    },
    FnMeta {
        name: "someCyclesBy",
        aliases: &["somecyclesBy"],
        kind: Kind::Pattern,
        params: &[X, F, PAT],
        variadic: false,
        help: "Applies the function to randomly chosen whole cycles, with the given probability.",
        example: "out: someCyclesBy 0.3 (# speed 2) $ s \"bd*4\"",
        imp: Imp::Pattern(some_cycles_by),
    },
    FnMeta {
        name: "someCycles",
        aliases: &["somecycles"],
        kind: Kind::Pattern,
        params: &[F, PAT],
        variadic: false,
        help: "someCyclesBy 0.5.",
        example: "out: someCycles (# speed 2) $ s \"bd*4\"",
        imp: Imp::Pattern(some_cycles),
    },
    FnMeta {
        name: "shuffle",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("n"), PAT],
        variadic: false,
        help: "Cuts each cycle into n slices and plays them in a random order, each once per cycle.",
        example: "out: shuffle 4 $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(shuffle),
    },
    FnMeta {
        name: "scramble",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("n"), PAT],
        variadic: false,
        help: "Cuts each cycle into n slices and plays n randomly chosen ones (repeats allowed).",
        example: "out: scramble 4 $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(scramble),
    },
    FnMeta {
        name: "randcat",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Plays a randomly chosen pattern of the list each cycle.",
        example: "out: randcat [s \"bd*2\", s \"sn cp\", s \"hh*4\"]",
        imp: Imp::Pattern(randcat),
    },
    FnMeta {
        name: "rand",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[],
        variadic: false,
        help: "A continuous random value in 0..1 (the same at the same time, every time).",
        example: "out: s \"hh*8\" # gain (range 0.5 1 rand)",
        imp: Imp::Pattern(rand_imp),
    },
    FnMeta {
        name: "irand",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::pattern("n")],
        variadic: false,
        help: "A continuous random whole number from 0 to n-1.",
        example: "out: s \"hh*8\" # n (irand 4)",
        imp: Imp::Pattern(irand),
    },
    FnMeta {
        name: "perlin",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[],
        variadic: false,
        help: "Continuous smooth noise in 0..1, changing over each cycle.",
        example: "out: s \"hh*8\" # pan perlin",
        imp: Imp::Pattern(perlin),
    },
    FnMeta {
        name: "choose",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::list("values")],
        variadic: false,
        help: "A continuous random choice from a list of values.",
        example: "out: s \"hh*8\" # n (choose [0, 2, 3])",
        imp: Imp::Pattern(choose),
    },
    FnMeta {
        name: "brand",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[],
        variadic: false,
        help: "A continuous random boolean (1 or 0), true half of the time.",
        example: "out: struct (segment 8 brand) $ s \"hh\"",
        imp: Imp::Pattern(brand),
    },
    FnMeta {
        name: "brandBy",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[X],
        variadic: false,
        help: "A continuous random boolean (1 or 0), true with the given probability.",
        example: "out: struct (segment 8 $ brandBy 0.3) $ s \"hh\"",
        imp: Imp::Pattern(brand_by),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{onsets, show};

    #[test]
    fn degrade_is_deterministic_and_complementary() {
        let a = onsets("degradeBy 0.5 $ \"x*16\"", 0, 4);
        assert_eq!(a, onsets("degradeBy 0.5 $ \"x*16\"", 0, 4));
        let b = onsets("undegradeBy 0.5 $ \"x*16\"", 0, 4);
        assert_eq!(a.len() + b.len(), 64);
        assert!(a.iter().all(|x| !b.contains(x)));
        assert!(a.len() > 16 && a.len() < 48, "{}", a.len());
    }

    #[test]
    fn sometimes_splits_the_events() {
        let got = onsets("sometimes (add 10) $ \"0*8\"", 0, 2);
        assert_eq!(got.len(), 16);
        assert!(got.iter().any(|x| x.ends_with(":10")) && got.iter().any(|x| x.ends_with(":0")));
    }

    #[test]
    fn shuffle_plays_each_slice_once() {
        for c in 0..4 {
            let mut got: Vec<String> = onsets("shuffle 4 $ \"a b c d\"", c, c + 1)
                .into_iter()
                .map(|s| s.split(':').nth(1).unwrap().to_string())
                .collect();
            got.sort();
            assert_eq!(got, ["a", "b", "c", "d"]);
        }
    }

    #[test]
    fn choices_are_within_range() {
        for v in onsets("segment 4 $ irand 8", 0, 4) {
            let n: f64 = v.split(':').nth(1).unwrap().parse().unwrap();
            assert!((0.0..8.0).contains(&n) && n.fract() == 0.0);
        }
        assert_eq!(show("rand", 0, 1).len(), 1);
        assert!(show("rand", 0, 1)[0].starts_with("~|0-1:"));
    }
}
