//! The core combinators everything else is built from: `silence`, `pure`, `stack`, `slowcat`,
//! `fastcat`, time scaling and shifting, and value mapping. Semantics follow Strudel's
//! `pattern.mjs` exactly (including how cycles of constituent patterns are kept in `slowcat`).

use super::{Hap, Pattern, Query, QueryBuf, Value};
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

struct Pure(Value);
impl Query for Pure {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        for part in span.cycles() {
            if out.full() {
                out.push(Hap::new(None, part, self.0)); // records the overflow
                return;
            }
            let sam = part.begin.floor();
            out.push(Hap::new(Some(Span::new(sam, sam + Rational::ONE)), part, self.0));
        }
    }
}

/// One event per cycle carrying `v`.
pub fn pure(v: Value) -> Pattern {
    Pattern::new(Pure(v))
}

/// A continuous pattern: `f` of the query's begin time, with no whole (Strudel's `signal`).
pub fn signal(f: impl Fn(Rational) -> Value + Send + Sync + 'static) -> Pattern {
    struct Signal<F>(F);
    impl<F: Fn(Rational) -> Value + Send + Sync + 'static> Query for Signal<F> {
        fn query(&self, span: Span, out: &mut QueryBuf) {
            out.push(Hap::new(None, span, (self.0)(span.begin)));
        }
    }
    Pattern::new(Signal(f))
}

struct Stack(Vec<Pattern>);
impl Query for Stack {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        for p in &self.0 {
            p.query(span, out);
        }
    }
}

/// All patterns at once.
pub fn stack(pats: Vec<Pattern>) -> Pattern {
    match pats.len() {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => Pattern::new(Stack(pats)),
    }
}

struct Slowcat(Vec<Pattern>);
impl Query for Slowcat {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let n = self.0.len() as i64;
        for cyc in span.cycles() {
            if out.full() {
                return;
            }
            let sam = cyc.begin.floor_int();
            let idx = sam.rem_euclid(n) as usize;
            // Shift so each constituent pattern plays its own consecutive cycles.
            let offset = Rational::int(sam - sam.div_euclid(n));
            let mark = out.len();
            self.0[idx].query(cyc.with_time(|t| t - offset), out);
            out.map_from(mark, |h| h.with_time(|t| t + offset));
        }
    }
}

/// One pattern per cycle, in turn (mini-notation `<a b c>`).
pub fn slowcat(pats: Vec<Pattern>) -> Pattern {
    match pats.len() {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => Pattern::new(Slowcat(pats)),
    }
}

/// All patterns squeezed into one cycle, in turn (mini-notation `a b c`).
pub fn fastcat(pats: Vec<Pattern>) -> Pattern {
    let n = pats.len() as i64;
    match n {
        0 => silence(),
        1 => pats.into_iter().next().unwrap_or_else(silence),
        _ => fast(Rational::int(n), slowcat(pats)),
    }
}

struct Fast {
    factor: Rational,
    pat: Pattern,
}
impl Query for Fast {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let f = self.factor;
        let mark = out.len();
        self.pat.query(span.with_time(|t| t * f), out);
        out.map_from(mark, |h| h.with_time(|t| t / f));
    }
}

/// Speed up by a constant factor. Zero gives silence; a negative factor plays the pattern
/// reversed at the absolute speed, as Strudel does.
pub fn fast(factor: Rational, pat: Pattern) -> Pattern {
    if factor.is_zero() {
        return silence();
    }
    if factor == Rational::ONE {
        return pat;
    }
    if factor.is_negative() {
        return fast(-factor, rev(pat));
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
        let o = self.offset;
        let mark = out.len();
        self.pat.query(span.with_time(|t| t + o), out);
        out.map_from(mark, |h| h.with_time(|t| t - o));
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
        for cyc in span.cycles() {
            if out.full() {
                return;
            }
            let sam = cyc.begin.floor();
            let next = sam + Rational::ONE;
            // Reflect within the cycle: t -> sam + (next - t).
            let reflect = |s: Span| Span::new(sam + (next - s.end), sam + (next - s.begin));
            let mark = out.len();
            self.0.query(reflect(cyc), out);
            out.map_from(mark, |h| h.with_span(reflect));
            out.reverse_from(mark);
        }
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
        out.map_from(mark, |mut h| {
            h.value = f(h.value);
            h
        });
    }
}

/// Map every value (the function must not allocate: it runs on the audio thread).
pub fn fmap(pat: Pattern, f: impl Fn(Value) -> Value + Send + Sync + 'static) -> Pattern {
    Pattern::new(FmapQ { f: Arc::new(f), pat })
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
