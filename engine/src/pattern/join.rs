//! Patterned arguments: `fast "<1 2 [2 4]>"`, `degradeBy "0.2 0.8"`.
//!
//! A function's numeric arguments are patterns. Following Strudel's `register`, when every
//! argument is a direct constant the function is applied to the values directly; otherwise the
//! argument patterns are combined with structure from the first (`appLeft`) and, for each
//! resulting event, the function applied to its values is queried over the event's part, the
//! results keeping their own wholes (`innerJoin`).
//!
//! Neither path builds anything at query time: a function is an [`Op`], a query taking the
//! argument values. Functions that take a pattern function as well (`inside 2 rev`,
//! `sometimesBy "<0.2 0.8>" (# speed 2)`) apply it once, at build time, to a pattern that reads
//! the values from the query's bindings ([`read_bound`]); the op binds them ([`bind_args`]).

use super::transform::Q;
use super::{Pattern, Query, QueryBuf, Slot, Value, BINDING_WIDTH};
use crate::time::{Rational, Span};

/// Most arguments a patterned function takes.
pub const MAX_ARGS: usize = 4;

/// A function of argument values and a query span, with its pattern(s) inside.
pub trait Op: Send + Sync + 'static {
    fn query(&self, args: &[Value], span: Span, out: &mut QueryBuf);
}

impl<F: Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static> Op for F {
    fn query(&self, args: &[Value], span: Span, out: &mut QueryBuf) {
        self(args, span, out)
    }
}

struct Applied<O> {
    args: Box<[Value]>,
    op: O,
}

impl<O: Op> Query for Applied<O> {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        self.op.query(&self.args, span, out);
    }
}

struct Joined<O> {
    args: Box<[Pattern]>,
    op: O,
}

impl<O: Op> Query for Joined<O> {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let mut vals = [Value::Num(0.0); MAX_ARGS];
        self.level(0, None, span, &mut vals, out);
    }
}

impl<O: Op> Joined<O> {
    /// Combine argument `k` into the events built from the arguments before it (`outer`: their
    /// whole and part), then, past the last argument, query the op over each event's part.
    fn level(
        &self,
        k: usize,
        outer: Option<(Option<Span>, Span)>,
        span: Span,
        vals: &mut [Value; MAX_ARGS],
        out: &mut QueryBuf,
    ) {
        let n = self.args.len();
        let over = match outer {
            None => span,
            Some((whole, part)) => whole.unwrap_or(part),
        };
        let m0 = out.len();
        self.args[k].query(over, out);
        let m1 = out.len();
        for i in m0..m1 {
            if !out.tick() {
                break;
            }
            let h = out.get(i);
            let (whole, part) = match outer {
                None => (h.whole, h.part),
                Some((whole, part)) => match part.intersection(h.part) {
                    Some(p) => (whole, p),
                    None => continue,
                },
            };
            vals[k] = h.value;
            if k + 1 < n {
                self.level(k + 1, Some((whole, part)), span, vals, out);
            } else {
                self.op.query(&vals[..n], part, out);
            }
        }
        out.remove_range(m0, m1);
    }
}

/// Apply `op` with patterned `args` (at most [`MAX_ARGS`]).
pub fn patternify(args: Vec<Pattern>, op: impl Op) -> Pattern {
    debug_assert!(args.len() <= MAX_ARGS);
    let direct: Option<Vec<Value>> = args.iter().map(|a| a.constant().filter(|c| c.direct).map(|c| c.value)).collect();
    match direct {
        Some(vals) => Pattern::new(Applied { args: vals.into_boxed_slice(), op }),
        None => Pattern::new(Joined { args: args.into_boxed_slice(), op }),
    }
}

/// Like [`patternify`], but always joined cycle by cycle, even for constant arguments (as
/// Strudel does where it maps a pattern before using it as an argument).
pub fn patternify_joined(args: Vec<Pattern>, op: impl Op) -> Pattern {
    Pattern::new(Joined { args: args.into_boxed_slice(), op })
}

/// The values of arguments that are all constant (for build-time checks), else `None`.
pub fn constants(args: &[&Pattern]) -> Option<Vec<Value>> {
    args.iter().map(|a| a.constant().map(|c| c.value)).collect()
}

/// A number as exact time (`0.333…` is `1/3`), or `None` for non-numbers and non-finite values.
#[inline]
pub fn time_of(v: &Value) -> Option<Rational> {
    let x = v.as_num()?;
    if x.is_finite() {
        Some(Rational::from_f64(x))
    } else {
        None
    }
}

/// A number, or `None`.
#[inline]
pub fn num_of(v: &Value) -> Option<f64> {
    v.as_num().filter(|x| !x.is_nan())
}

/// Query `op` with the numeric values of `args` bound to `slot` for the nodes built by
/// [`read_bound`] inside it. Non-numeric argument values give silence for their events.
pub fn bind_args(
    args: Vec<Pattern>,
    slot: Slot,
    op: impl Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static,
) -> Pattern {
    patternify(args, binding(slot, op))
}

/// [`bind_args`], always joined cycle by cycle.
pub fn bind_args_joined(
    args: Vec<Pattern>,
    slot: Slot,
    op: impl Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static,
) -> Pattern {
    patternify_joined(args, binding(slot, op))
}

fn binding(
    slot: Slot,
    op: impl Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static,
) -> impl Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static {
    move |vals: &[Value], span: Span, out: &mut QueryBuf| {
        let mut bound = [0.0; BINDING_WIDTH];
        for (b, v) in bound.iter_mut().zip(vals) {
            match num_of(v) {
                Some(x) => *b = x,
                None => return,
            }
        }
        if out.bind(slot, bound) {
            op(vals, span, out);
            out.unbind();
        }
    }
}

struct ReadBound<F> {
    slot: Slot,
    pat: Pattern,
    f: F,
}

impl<F> Query for ReadBound<F>
where
    F: Fn(&[f64; BINDING_WIDTH], Q, Span, &mut QueryBuf) + Send + Sync + 'static,
{
    fn query(&self, span: Span, out: &mut QueryBuf) {
        if let Some(vals) = out.bound(self.slot) {
            (self.f)(&vals, &|s, o| self.pat.query(s, o), span, out);
        }
    }
}

/// `pat` transformed by `f` with the values bound to `slot` at query time (silence where the
/// slot is not bound).
pub fn read_bound(
    slot: Slot,
    pat: Pattern,
    f: impl Fn(&[f64; BINDING_WIDTH], Q, Span, &mut QueryBuf) + Send + Sync + 'static,
) -> Pattern {
    Pattern::new(ReadBound { slot, pat, f })
}
