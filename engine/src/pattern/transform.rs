//! Time transforms of a query, written once and shared by the core combinators, the
//! mini-notation and the library.
//!
//! Each takes the transformed pattern as a query closure ([`Q`]): that lets a function compose
//! transforms at query time from argument values it only learns then (`compress "<0 0.25>" 1`),
//! without building a tree on the audio thread. The closures live on the stack; nothing here
//! allocates. Semantics follow Strudel's `pattern.mjs` (`_fast`, `_early`, `rev`, `zoom`,
//! `fastGap`, `compress`, `focus`, `repeatCycles`, `squeezeJoin`).

use super::{Hap, Locs, QueryBuf, Value};
use crate::time::{Rational, Span};

/// A pattern's query, as a closure.
pub type Q<'a> = &'a dyn Fn(Span, &mut QueryBuf);

/// Query each cycle of `span` separately (Strudel's `splitQueries`).
#[inline]
pub fn per_cycle(span: Span, out: &mut QueryBuf, mut f: impl FnMut(Span, &mut QueryBuf)) {
    for cyc in span.cycles() {
        if !out.tick() {
            return;
        }
        f(cyc, out);
    }
}

/// Speed up by `factor`. Zero is silence; a negative factor plays the pattern reversed at the
/// absolute speed, as Tidal does.
pub fn fast_q(factor: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if factor.is_zero() {
        return;
    }
    if factor.is_negative() {
        let f = -factor;
        return rev_q(&|s, o| fast_q(f, q, s, o), span, out);
    }
    let mark = out.len();
    q(span.with_time(|t| t * factor), out);
    out.map_times_from(mark, |t| t / factor);
}

/// Shift earlier by `offset` cycles.
pub fn early_q(offset: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if offset.is_zero() {
        return q(span, out);
    }
    let mark = out.len();
    q(span.with_time(|t| t + offset), out);
    out.map_times_from(mark, |t| t - offset);
}

/// Shift later by `offset` cycles.
#[inline]
pub fn late_q(offset: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    early_q(-offset, q, span, out)
}

/// Each cycle backwards.
pub fn rev_q(q: Q, span: Span, out: &mut QueryBuf) {
    per_cycle(span, out, |cyc, out| {
        let sam = cyc.begin.floor();
        let next = sam + Rational::ONE;
        let reflect = |s: Span| Span::new(sam + (next - s.end), sam + (next - s.begin));
        let mark = out.len();
        q(reflect(cyc), out);
        out.map_from(mark, |h| h.map_spans(reflect));
    });
}

/// `t` relative to the start of the cycle that `span` begins in, mapped by `f` (Strudel's
/// `TimeSpan.withCycle`).
#[inline]
fn with_cycle(span: Span, f: impl Fn(Rational) -> Rational) -> Span {
    let sam = span.begin.floor();
    Span::new(sam + f(span.begin - sam), sam + f(span.end - sam))
}

/// Play the part `[start, end)` of each cycle over the whole cycle.
pub fn zoom_q(start: Rational, end: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if start >= end {
        return;
    }
    let d = end - start;
    per_cycle(span, out, |cyc, out| {
        let mark = out.len();
        q(with_cycle(cyc, |t| t * d + start), out);
        out.map_from(mark, |h| h.map_spans(|s| with_cycle(s, |t| (t - start) / d)));
    });
}

/// Speed up by `factor` but play each cycle only once, leaving a gap.
pub fn fast_gap_q(factor: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if factor <= Rational::ZERO {
        return;
    }
    per_cycle(span, out, |cyc, out| {
        let cycle = cyc.begin.floor();
        let bpos = ((cyc.begin - cycle) * factor).min(Rational::ONE);
        let epos = ((cyc.end - cycle) * factor).min(Rational::ONE);
        if bpos >= Rational::ONE {
            return;
        }
        let mark = out.len();
        q(Span::new(cycle + bpos, cycle + epos), out);
        out.map_from(mark, |h| {
            let (begin, end) = (h.part.begin, h.part.end);
            let cycle = begin.floor();
            let b = ((begin - cycle) / factor).min(Rational::ONE);
            let e = ((end - cycle) / factor).min(Rational::ONE);
            let part = Span::new(cycle + b, cycle + e);
            h.whole =
                h.whole.map(|w| Span::new(part.begin - (begin - w.begin) / factor, part.end + (w.end - end) / factor));
            h.part = part;
        });
    });
}

/// Squeeze each cycle into `[begin, end)` of the cycle, leaving a gap. Out-of-range or empty
/// spans are silence.
///
/// Strudel's `fastGap(1 / (end - begin)).late(begin)`, in one pass: each query cycle asks the
/// pattern for the part of its own cycle that the slot `[begin, end)` shows.
pub fn compress_q(begin: Rational, end: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    let (zero, one) = (Rational::ZERO, Rational::ONE);
    if begin > end || begin > one || end > one || begin < zero || end < zero || begin == end {
        return;
    }
    let width = end - begin;
    per_cycle(span, out, |cyc, out| {
        let c = cyc.begin.floor();
        let Some(piece) = Span::new(c + begin, c + end).intersection(cyc) else { return };
        let mark = out.len();
        q(Span::new(c + (piece.begin - c - begin) / width, c + (piece.end - c - begin) / width), out);
        // The pattern's cycle c (where every part starts) maps onto the slot: the affine map
        // t -> c + begin + (t - c) * width, for wholes as for parts.
        let offset = c + begin - c * width;
        out.map_times_from(mark, |t| t * width + offset);
    });
}

/// [`compress_q`] of a constant `v` (Strudel's `pure(v).compress(begin, end)`), computed
/// directly: one event per cycle, on `[begin, end)` of the cycle.
pub fn compress_pure_q(begin: Rational, end: Rational, v: Value, locs: Locs, span: Span, out: &mut QueryBuf) {
    let (zero, one) = (Rational::ZERO, Rational::ONE);
    if begin > end || begin > one || end > one || begin < zero || end < zero || begin == end {
        return;
    }
    per_cycle(span, out, |cyc, out| {
        let c = cyc.begin.floor();
        let whole = Span::new(c + begin, c + end);
        if let Some(part) = whole.intersection(cyc) {
            out.push(Hap { whole: Some(whole), part, value: v, locs });
        }
    });
}

/// Like compress, but without the gap: the cycle starting at `begin`'s cycle is played from
/// `begin` to `end`, and the pattern continues on either side.
pub fn focus_q(begin: Rational, end: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if end <= begin {
        return;
    }
    let factor = Rational::ONE / (end - begin);
    let sam = begin.floor();
    late_q(begin, &|s, o| fast_q(factor, &|s2, o2| early_q(sam, q, s2, o2), s, o), span, out);
}

/// Repeat each cycle `n` times.
pub fn repeat_cycles_q(n: Rational, q: Q, span: Span, out: &mut QueryBuf) {
    if n.is_zero() {
        return;
    }
    per_cycle(span, out, |cyc, out| {
        let cycle = cyc.begin.floor();
        let delta = cycle - (cycle / n).floor();
        let mark = out.len();
        q(cyc.with_time(|t| t - delta), out);
        out.map_times_from(mark, |t| t + delta);
    });
}

/// Strudel's `squeezeJoin`: each event of `outer` (events without a whole are dropped) plays one
/// whole cycle of the pattern `inner` makes of its value, squeezed into the event.
pub fn squeeze_q(outer: Q, inner: &dyn Fn(Value, Span, &mut QueryBuf), span: Span, out: &mut QueryBuf) {
    let m0 = out.len();
    outer(span, out);
    let m1 = out.len();
    for i in m0..m1 {
        if !out.tick() {
            break;
        }
        let o = out.get(i);
        let Some(ow) = o.whole else { continue };
        let r0 = out.len();
        focus_q(ow.begin, ow.end, &|s, buf| inner(o.value, s, buf), o.part, out);
        out.retain_mut_from(r0, |h| clip_to_event(h, ow, &o));
    }
    out.remove_range(m0, m1);
}

/// Clip `h`, an event of a pattern played inside the event `o` (whole `ow`), to it: its whole
/// and part become their intersections with `o`'s, and it takes `o`'s words too. False when
/// either intersection is empty (the event falls outside).
pub(crate) fn clip_to_event(h: &mut Hap, ow: Span, o: &Hap) -> bool {
    let whole = match h.whole {
        Some(w) => match w.intersection(ow) {
            Some(x) => Some(x),
            None => return false,
        },
        None => None,
    };
    match h.part.intersection(o.part) {
        Some(part) => {
            h.whole = whole;
            h.part = part;
            h.locs = o.locs.union(h.locs);
            true
        }
        None => false,
    }
}

/// One of `n` patterns per cycle, in turn, each keeping its own consecutive cycles (Strudel's
/// `slowcat`): `q(index, span, out)` queries pattern `index`.
pub fn slowcat_q(n: usize, q: &dyn Fn(usize, Span, &mut QueryBuf), span: Span, out: &mut QueryBuf) {
    if n == 0 {
        return;
    }
    let n = n as i64;
    per_cycle(span, out, |cyc, out| {
        let sam = cyc.begin.floor_int();
        let offset = Rational::int(sam - sam.div_euclid(n));
        let mark = out.len();
        q(sam.rem_euclid(n) as usize, cyc.with_time(|t| t - offset), out);
        out.map_times_from(mark, |t| t + offset);
    });
}

/// Strudel's `appLeft` with a constant pattern (`pat.gain(0.5)`, `pat.mul(2)`): each hap from
/// `mark` on is cut at the cycle boundaries of its whole, and its value mapped by `f`. Haps
/// within one cycle (nearly all) are rewritten in place; the pieces of the others are added
/// at the end.
pub fn split_at_cycles(out: &mut QueryBuf, mark: usize, f: impl Fn(Value) -> Value) {
    let end = out.len();
    for i in mark..end {
        if !out.tick() {
            break;
        }
        let h = &mut out.haps_mut()[i];
        h.value = f(h.value);
        let part = h.part;
        let next = part.begin.next_sam();
        if part.end <= next {
            continue;
        }
        // The constant's events are the cycles of the whole; where they meet the part, the
        // part is simply cut at cycle boundaries.
        h.part = Span::new(part.begin, next);
        let h = *h;
        for piece in Span::new(next, part.end).cycles() {
            out.push(h.remade(h.whole, piece, h.value));
        }
    }
}

/// One event per cycle carrying `v` (Strudel's `pure`), as a query.
pub fn pure_q(v: Value, span: Span, out: &mut QueryBuf) {
    pure_at_q(v, Locs::NONE, span, out);
}

/// [`pure_q`] of a value written at `locs` in the program.
pub fn pure_at_q(v: Value, locs: Locs, span: Span, out: &mut QueryBuf) {
    for part in span.cycles() {
        if !out.tick() {
            return;
        }
        let sam = part.begin.floor();
        out.push(Hap { whole: Some(Span::new(sam, sam + Rational::ONE)), part, value: v, locs });
    }
}

/// `n` equal steps per cycle (`n` > 0, not necessarily whole): calls `f(step index, whole,
/// part)` for each step meeting `span`, in time order. The index counts from time zero.
pub fn steps_q(n: Rational, span: Span, out: &mut QueryBuf, mut f: impl FnMut(i64, Span, Span, &mut QueryBuf)) {
    if n <= Rational::ZERO {
        return;
    }
    let (b, e) = (span.begin * n, span.end * n);
    let mut k = b.floor_int();
    loop {
        if !out.tick() {
            return;
        }
        let kb = Rational::int(k);
        let whole = Span::new(kb / n, (kb + Rational::ONE) / n);
        let Some(part) = whole.intersection(span) else {
            if kb >= e {
                return;
            }
            k += 1;
            continue;
        };
        f(k, whole, part, out);
        if kb + Rational::ONE >= e || span.begin == span.end {
            return;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        Rational::new(n, d)
    }

    fn spans(
        f: impl Fn(Span, &mut QueryBuf),
        b: Rational,
        e: Rational,
    ) -> Vec<(Rational, Rational, Rational, Rational)> {
        let mut buf = QueryBuf::new(256);
        buf.start();
        f(Span::new(b, e), &mut buf);
        let mut v: Vec<Hap> = buf.haps().to_vec();
        v.sort_by(Hap::time_order);
        v.iter().map(|h| (h.whole.unwrap().begin, h.whole.unwrap().end, h.part.begin, h.part.end)).collect()
    }

    #[test]
    fn compress_squeezes_each_cycle() {
        let p = |s: Span, o: &mut QueryBuf| pure_q(Value::Num(1.0), s, o);
        let got = spans(|s, o| compress_q(r(1, 4), r(3, 4), &p, s, o), Rational::ZERO, Rational::int(2));
        assert_eq!(got, vec![(r(1, 4), r(3, 4), r(1, 4), r(3, 4)), (r(5, 4), r(7, 4), r(5, 4), r(7, 4))]);
        assert!(spans(|s, o| compress_q(r(3, 4), r(1, 4), &p, s, o), Rational::ZERO, Rational::ONE).is_empty());
    }

    #[test]
    fn zoom_and_repeat() {
        let seq = |s: Span, o: &mut QueryBuf| {
            steps_q(Rational::int(4), s, o, |k, w, p, o| o.push(Hap::new(Some(w), p, Value::Num(k as f64))))
        };
        let got = spans(|s, o| zoom_q(r(1, 4), r(3, 4), &seq, s, o), Rational::ZERO, Rational::ONE);
        assert_eq!(got, vec![(r(0, 1), r(1, 2), r(0, 1), r(1, 2)), (r(1, 2), r(1, 1), r(1, 2), r(1, 1))]);
        let cyc = |s: Span, o: &mut QueryBuf| pure_q(Value::Num(0.0), s, o);
        let got = spans(|s, o| repeat_cycles_q(Rational::int(2), &cyc, s, o), Rational::ZERO, Rational::int(4));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn steps_cover_fractional_counts() {
        let mut buf = QueryBuf::new(64);
        buf.start();
        steps_q(r(3, 2), Span::new(Rational::ZERO, Rational::int(2)), &mut buf, |_, w, p, o| {
            o.push(Hap::new(Some(w), p, Value::Num(0.0)))
        });
        let wholes: Vec<Span> = buf.haps().iter().map(|h| h.whole.unwrap()).collect();
        assert_eq!(
            wholes,
            vec![Span::new(r(0, 1), r(2, 3)), Span::new(r(2, 3), r(4, 3)), Span::new(r(4, 3), r(2, 1)),]
        );
    }
}
