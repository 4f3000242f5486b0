//! Half-open spans of cycle time, `[begin, end)`.

use super::Rational;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Span {
    pub begin: Rational,
    pub end: Rational,
}

impl Span {
    #[inline]
    pub fn new(begin: Rational, end: Rational) -> Span {
        Span { begin, end }
    }

    #[inline]
    pub fn duration(self) -> Rational {
        self.end - self.begin
    }

    /// The span split at cycle boundaries, without allocating. A zero-width span yields itself
    /// once (Tidal queries zero-width spans to sample continuous patterns).
    #[inline]
    pub fn cycles(self) -> CycleSpans {
        CycleSpans { cur: self.begin, end: self.end, zero_width: self.begin == self.end, done: false }
    }

    /// Apply a function to both ends.
    #[inline]
    pub fn with_time(self, f: impl Fn(Rational) -> Rational) -> Span {
        Span { begin: f(self.begin), end: f(self.end) }
    }

    /// The span shifted so that its cycle starts at zero (Tidal's `cycleArc`).
    #[inline]
    pub fn cycle_arc(self) -> Span {
        let sam = self.begin.floor();
        Span { begin: self.begin - sam, end: self.end - sam }
    }

    /// Intersection, or `None` if the spans do not overlap. Following Strudel, a zero-width span
    /// touching the end of the other does not intersect it, but one at its start does.
    #[inline]
    pub fn intersection(self, o: Span) -> Option<Span> {
        let begin = self.begin.max(o.begin);
        let end = self.end.min(o.end);
        if begin > end {
            return None;
        }
        if begin == end {
            // Zero-width results only when one of the inputs is zero-width.
            if begin == self.end && self.begin < self.end {
                return None;
            }
            if begin == o.end && o.begin < o.end {
                return None;
            }
        }
        Some(Span { begin, end })
    }

    /// Like [`Span::intersection`], but the caller already knows they overlap.
    #[inline]
    pub fn sect(self, o: Span) -> Span {
        Span { begin: self.begin.max(o.begin), end: self.end.min(o.end) }
    }

    #[inline]
    pub fn contains(self, t: Rational) -> bool {
        t >= self.begin && t < self.end
    }

    /// The cycle the span starts in.
    #[inline]
    pub fn sam(self) -> Rational {
        self.begin.floor()
    }
}

/// Iterator over the pieces of a span cut at cycle boundaries.
#[derive(Clone, Copy, Debug)]
pub struct CycleSpans {
    cur: Rational,
    end: Rational,
    zero_width: bool,
    done: bool,
}

impl Iterator for CycleSpans {
    type Item = Span;
    #[inline]
    fn next(&mut self) -> Option<Span> {
        if self.done {
            return None;
        }
        if self.zero_width {
            self.done = true;
            return Some(Span::new(self.cur, self.cur));
        }
        if self.cur >= self.end {
            self.done = true;
            return None;
        }
        let next = self.cur.next_sam().min(self.end);
        let s = Span::new(self.cur, next);
        self.cur = next;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        Rational::new(n, d)
    }

    #[test]
    fn splits_at_cycles() {
        let s = Span::new(r(1, 2), r(5, 2));
        let v: Vec<Span> = s.cycles().collect();
        assert_eq!(v, vec![Span::new(r(1, 2), r(1, 1)), Span::new(r(1, 1), r(2, 1)), Span::new(r(2, 1), r(5, 2))]);
        let z = Span::new(r(1, 3), r(1, 3));
        assert_eq!(z.cycles().count(), 1);
        assert_eq!(Span::new(r(1, 1), r(1, 2)).cycles().count(), 0);
    }

    #[test]
    fn intersections() {
        let a = Span::new(r(0, 1), r(1, 2));
        let b = Span::new(r(1, 4), r(1, 1));
        assert_eq!(a.intersection(b), Some(Span::new(r(1, 4), r(1, 2))));
        let c = Span::new(r(1, 2), r(1, 1));
        assert_eq!(a.intersection(c), None);
        let z = Span::new(r(0, 1), r(0, 1));
        assert_eq!(a.intersection(z), Some(z));
    }
}
