//! The core combinators everything else is built from: `silence`, `pure`, `signal`, `stack`,
//! `slowcat`, `fastcat`, `timecat`, time scaling and shifting, and value mapping. Semantics
//! follow Strudel's `pattern.mjs` exactly (including how cycles of constituent patterns are kept
//! in `slowcat`).

use super::transform::{compress_pure_q, compress_q, early_q, fast_q, per_cycle, pure_at_q, rev_q};
use super::{Constant, Hap, Locs, Pattern, Query, QueryBuf, Value};
use crate::time::{Rational, Span};
use std::sync::Arc;

struct Silence;
impl Query for Silence {
    fn query(&self, _span: Span, _out: &mut QueryBuf) {}
}

/// The empty pattern.
pub fn silence() -> Pattern {
    Pattern::new(Silence)
}

struct Pure {
    value: Value,
    direct: bool,
    locs: Locs,
}
impl Query for Pure {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        pure_at_q(self.value, self.locs, span, out);
    }
    fn constant(&self) -> Option<Constant> {
        Some(Constant { value: self.value, direct: self.direct, locs: self.locs })
    }
}

/// Whether a constant taken as an argument applies directly (Strudel's plain numbers and
/// fractions) or cycle by cycle (Strudel's mini-notation numbers).
///
/// The corpus of Strudel queries writes Strudel's mini-notation number arguments (`"1.5"`) as
/// Phonon number literals (`1.5`) and Strudel's fractions as exact fractions (`(4/3)`); the two
/// reach a pattern function as the same number, so the written form decides: a value with a
/// short decimal form was written as a decimal, anything else is an exact fraction such as a
/// third. Only fragmenting at cycle boundaries differs; onsets and values never do.
fn direct_number(v: Value) -> bool {
    match v {
        Value::Num(x) if x.is_finite() => {
            let s = format!("{x:e}");
            let mantissa = s.split('e').next().unwrap_or("");
            mantissa.chars().filter(|c| c.is_ascii_digit()).count() > 15
        }
        Value::Num(_) => false,
        _ => true,
    }
}

/// One event per cycle carrying `v`. As an argument, applied directly or cycle by cycle as
/// its written form says (see `direct_number`).
pub fn pure(v: Value) -> Pattern {
    Pattern::new(Pure { value: v, direct: direct_number(v), locs: Locs::NONE })
}

/// [`pure`] that functions apply directly (Strudel's `pure`: a number inside mini-notation
/// operators such as `*2`, or a fraction).
pub fn pure_direct(v: Value) -> Pattern {
    pure_located(v, true, Locs::NONE)
}

/// [`pure`] that functions join cycle by cycle (Strudel's mini-notation string `"2"`).
pub fn pure_joined(v: Value) -> Pattern {
    pure_located(v, false, Locs::NONE)
}

/// A constant written at `locs` in the program (a mini-notation word), applied directly as an
/// argument or cycle by cycle.
pub fn pure_located(v: Value, direct: bool, locs: Locs) -> Pattern {
    Pattern::new(Pure { value: v, direct, locs })
}

struct Shifted {
    pat: Pattern,
    by: isize,
}
impl Query for Shifted {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let mark = out.len();
        self.pat.query(span, out);
        let by = self.by;
        out.map_from(mark, |h| h.locs = h.locs.shifted(by));
    }
    fn constant(&self) -> Option<Constant> {
        self.pat.constant().map(|c| Constant { locs: c.locs.shifted(self.by), ..c })
    }
}

/// `pat` with the source locations of its events `by` bytes later (earlier when negative): a
/// mini-notation string's words (located within the string) placed where the string sits in
/// the program.
pub fn shift_locs(by: isize, pat: Pattern) -> Pattern {
    if by == 0 {
        return pat;
    }
    Pattern::new(Shifted { pat, by })
}

/// A continuous pattern: `f` of the query's begin time, with no whole (Strudel's `signal`).
/// `f` runs on the audio thread and must not allocate.
pub fn signal(f: impl Fn(Rational) -> Value + Send + Sync + 'static) -> Pattern {
    struct Signal<F>(F);
    impl<F: Fn(Rational) -> Value + Send + Sync + 'static> Query for Signal<F> {
        fn query(&self, span: Span, out: &mut QueryBuf) {
            out.push(Hap::new(None, span, (self.0)(span.begin)));
        }
    }
    Pattern::new(Signal(f))
}

struct Stack(Box<[Pattern]>);
impl Query for Stack {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        for p in self.0.iter() {
            if !out.tick() {
                return;
            }
            p.query(span, out);
        }
    }
}

/// All patterns at once.
pub fn stack(pats: Vec<Pattern>) -> Pattern {
    match pats.len() {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => Pattern::new(Stack(pats.into_boxed_slice())),
    }
}

struct Slowcat(Box<[Pattern]>);
impl Query for Slowcat {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let n = self.0.len() as i64;
        per_cycle(span, out, |cyc, out| {
            let sam = cyc.begin.floor_int();
            let idx = sam.rem_euclid(n) as usize;
            // Shift so each constituent pattern plays its own consecutive cycles.
            let offset = Rational::int(sam - sam.div_euclid(n));
            let mark = out.len();
            self.0[idx].query(cyc.with_time(|t| t - offset), out);
            out.map_times_from(mark, |t| t + offset);
        });
    }
}

/// One pattern per cycle, in turn (Strudel's `cat`/`slowcat`).
pub fn slowcat(pats: Vec<Pattern>) -> Pattern {
    match pats.len() {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => Pattern::new(Slowcat(pats.into_boxed_slice())),
    }
}

/// All patterns squeezed into one cycle, in turn (Strudel's `fastcat`/`seq`).
pub fn fastcat(pats: Vec<Pattern>) -> Pattern {
    let n = pats.len() as i64;
    match n {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => fast(Rational::int(n), slowcat(pats)),
    }
}

struct Compress {
    begin: Rational,
    end: Rational,
    pat: Pattern,
}
impl Query for Compress {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        compress_q(self.begin, self.end, &|s, o| self.pat.query(s, o), span, out);
    }
}

/// Each cycle squeezed into `[begin, end)` of the cycle (0 <= begin < end <= 1), leaving a gap.
pub fn compress(begin: Rational, end: Rational, pat: Pattern) -> Pattern {
    Pattern::new(Compress { begin, end, pat })
}

/// Patterns side by side in one cycle, each taking its share of the total weight (Strudel's
/// `timecat`/`stepcat`; mini-notation `a@3 b`). Zero weights are skipped.
pub fn timecat(parts: Vec<(Rational, Pattern)>) -> Pattern {
    let parts: Vec<(Rational, Pattern)> = parts.into_iter().filter(|(w, _)| !w.is_zero()).collect();
    if parts.len() == 1 {
        return parts.into_iter().next().map(|(_, p)| p).unwrap_or_else(silence);
    }
    let total = parts.iter().fold(Rational::ZERO, |a, (w, _)| a + *w);
    if total <= Rational::ZERO {
        return silence();
    }
    let mut begin = Rational::ZERO;
    let mut slots = Vec::with_capacity(parts.len());
    let mut ordered = true;
    for (w, p) in parts {
        let end = begin + w;
        ordered &= w > Rational::ZERO;
        let constant = p.constant().map(|c| (c.value, c.locs));
        slots.push(Slot { begin: begin / total, end: end / total, pat: p, constant });
        begin = end;
    }
    Pattern::new(Timecat { slots: slots.into_boxed_slice(), ordered })
}

/// One pattern of a [`Timecat`], squeezed into `[begin, end)` of the cycle.
struct Slot {
    begin: Rational,
    end: Rational,
    pat: Pattern,
    /// The value, when the pattern is a constant (computed directly: the common case of a
    /// sequence of words).
    constant: Option<(Value, Locs)>,
}

impl Slot {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        match self.constant {
            Some((v, locs)) => compress_pure_q(self.begin, self.end, v, locs, span, out),
            None => compress_q(self.begin, self.end, &|s, o| self.pat.query(s, o), span, out),
        }
    }
}

/// A stack of compressed patterns (each in its own `[begin, end)` of the cycle).
struct Timecat {
    slots: Box<[Slot]>,
    /// Slots follow each other in time (all weights positive), so a query only needs the ones
    /// it overlaps: found by binary search, not by asking every slot.
    ordered: bool,
}

impl Query for Timecat {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        if !self.ordered {
            for slot in self.slots.iter() {
                slot.query(span, out);
            }
            return;
        }
        per_cycle(span, out, |cyc, out| {
            let c = cyc.begin.floor();
            let rel = Span::new(cyc.begin - c, cyc.end - c);
            let first = self.slots.partition_point(|s| s.end <= rel.begin);
            for slot in self.slots[first..].iter() {
                if slot.begin > rel.end {
                    break;
                }
                // A slot plays only where the query meets it (compress leaves the rest silent).
                if Span::new(slot.begin, slot.end).intersection(rel).is_some() {
                    slot.query(cyc, out);
                }
            }
        });
    }
}

struct Fast {
    factor: Rational,
    pat: Pattern,
}
impl Query for Fast {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        fast_q(self.factor, &|s, o| self.pat.query(s, o), span, out);
    }
}

/// Speed up by a constant factor. Zero gives silence; a negative factor plays the pattern
/// reversed at the absolute speed, as Tidal does.
pub fn fast(factor: Rational, pat: Pattern) -> Pattern {
    if factor.is_zero() {
        return silence();
    }
    if factor == Rational::ONE {
        return pat;
    }
    Pattern::new(Fast { factor, pat })
}

/// Slow down by a constant factor.
pub fn slow(factor: Rational, pat: Pattern) -> Pattern {
    if factor.is_zero() {
        return silence();
    }
    fast(Rational::ONE / factor, pat)
}

struct Early {
    offset: Rational,
    pat: Pattern,
}
impl Query for Early {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        early_q(self.offset, &|s, o| self.pat.query(s, o), span, out);
    }
}

/// Shift earlier in time by a constant number of cycles.
pub fn early(offset: Rational, pat: Pattern) -> Pattern {
    if offset.is_zero() {
        return pat;
    }
    Pattern::new(Early { offset, pat })
}

/// Shift later in time by a constant number of cycles.
pub fn late(offset: Rational, pat: Pattern) -> Pattern {
    early(-offset, pat)
}

struct Rev(Pattern);
impl Query for Rev {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        rev_q(&|s, o| self.0.query(s, o), span, out);
    }
}

/// Each cycle played backwards.
pub fn rev(pat: Pattern) -> Pattern {
    Pattern::new(Rev(pat))
}

type ValueFn = Arc<dyn Fn(Value) -> Value + Send + Sync>;

struct FmapQ {
    f: ValueFn,
    pat: Pattern,
}
impl Query for FmapQ {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let mark = out.len();
        self.pat.query(span, out);
        let f = &self.f;
        out.map_from(mark, |h| h.value = f(h.value));
    }
    fn constant(&self) -> Option<Constant> {
        self.pat.constant().map(|c| Constant { value: (self.f)(c.value), ..c })
    }
}

/// Map every value (the function must not allocate: it runs on the audio thread).
pub fn fmap(pat: Pattern, f: impl Fn(Value) -> Value + Send + Sync + 'static) -> Pattern {
    Pattern::new(FmapQ { f: Arc::new(f), pat })
}

struct FilterQ<F> {
    keep: F,
    pat: Pattern,
}
impl<F: Fn(&Hap) -> bool + Send + Sync + 'static> Query for FilterQ<F> {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let mark = out.len();
        self.pat.query(span, out);
        out.retain_from(mark, &self.keep);
    }
}

/// Only the haps `keep` accepts (runs on the audio thread: must not allocate).
pub fn filter(pat: Pattern, keep: impl Fn(&Hap) -> bool + Send + Sync + 'static) -> Pattern {
    Pattern::new(FilterQ { keep, pat })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        Rational::new(n, d)
    }

    fn names(p: &Pattern, b: Rational, e: Rational) -> Vec<(String, String, String)> {
        p.haps(b, e)
            .into_iter()
            .map(|h| {
                let w = h.whole.unwrap();
                (format!("{}", w.begin), format!("{}", w.end), h.value.as_sym().unwrap().name().to_string())
            })
            .collect()
    }

    #[test]
    fn fastcat_divides_the_cycle() {
        let p = fastcat(vec![pure(Value::sym("a")), pure(Value::sym("b")), pure(Value::sym("c"))]);
        assert_eq!(
            names(&p, Rational::ZERO, Rational::ONE),
            vec![
                ("0".into(), "1/3".into(), "a".into()),
                ("1/3".into(), "2/3".into(), "b".into()),
                ("2/3".into(), "1".into(), "c".into())
            ]
        );
    }

    #[test]
    fn timecat_weighs_its_parts() {
        let p = timecat(vec![(Rational::int(3), pure(Value::sym("a"))), (Rational::ONE, pure(Value::sym("b")))]);
        assert_eq!(
            names(&p, Rational::ZERO, Rational::ONE),
            vec![("0".into(), "3/4".into(), "a".into()), ("3/4".into(), "1".into(), "b".into())]
        );
    }

    #[test]
    fn slowcat_alternates_and_keeps_cycles() {
        let inner = slowcat(vec![pure(Value::sym("x")), pure(Value::sym("y"))]);
        let p = slowcat(vec![pure(Value::sym("a")), inner]);
        let got: Vec<String> = (0..4).map(|c| names(&p, Rational::int(c), Rational::int(c + 1))[0].2.clone()).collect();
        assert_eq!(got, vec!["a", "x", "a", "y"]);
    }

    #[test]
    fn rev_and_shift() {
        let p = rev(fastcat(vec![pure(Value::sym("a")), pure(Value::sym("b"))]));
        assert_eq!(names(&p, Rational::ZERO, Rational::ONE)[0].2, "b");
        let q = early(r(1, 4), fastcat(vec![pure(Value::sym("a")), pure(Value::sym("b"))]));
        let h = q.haps(Rational::ZERO, Rational::ONE);
        assert_eq!(h[0].whole.unwrap().begin, r(-1, 4));
        assert_eq!(h[0].part.begin, Rational::ZERO);
        assert!(!h[0].has_onset());
    }

    #[test]
    fn constants_know_how_they_were_written() {
        assert!(!pure(Value::Num(1.5)).constant().unwrap().direct);
        assert!(pure(Value::Num(1.0 / 3.0)).constant().unwrap().direct);
        assert!(pure(Value::Num(4.0 / 3.0)).constant().unwrap().direct);
        assert!(!pure(Value::Num(-0.25)).constant().unwrap().direct);
    }

    #[test]
    fn runaway_queries_are_bounded() {
        let p = fast(Rational::int(1_000_000_000), pure(Value::Num(1.0)));
        let mut buf = QueryBuf::new(1024);
        buf.start();
        p.query(Span::new(Rational::ZERO, Rational::ONE), &mut buf);
        assert!(buf.len() <= 1024);
        assert!(buf.overflowed());
        // Deep nesting stops at the depth limit.
        let mut deep = pure(Value::Num(1.0));
        for _ in 0..(super::super::MAX_DEPTH + 50) {
            deep = fast(r(3, 2), deep);
        }
        buf.start();
        deep.query(Span::new(Rational::ZERO, Rational::ONE), &mut buf);
        assert!(buf.overflowed());
    }
}
