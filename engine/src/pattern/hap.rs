//! Haps ("happenings"): a value active over a `part` of its `whole` event.

use super::locs::Locs;
use super::value::Value;
use crate::time::{Rational, Span};

#[derive(Clone, Copy, Debug)]
pub struct Hap {
    /// The whole event; `None` for continuous (analog) values such as `sine`.
    pub whole: Option<Span>,
    /// The fragment of the event that fell inside the query.
    pub part: Span,
    pub value: Value,
    /// The words of the program text that made this event (none for events that functions
    /// make up, such as `run 4`).
    pub locs: Locs,
}

/// Two haps are the same event whatever text they came from: locations are not compared.
impl PartialEq for Hap {
    fn eq(&self, o: &Hap) -> bool {
        self.whole == o.whole && self.part == o.part && self.value == o.value
    }
}

impl Hap {
    #[inline]
    pub fn new(whole: Option<Span>, part: Span, value: Value) -> Hap {
        Hap { whole, part, value, locs: Locs::NONE }
    }

    /// A hap made from `self`'s event: new spans and value, the same source words.
    #[inline]
    pub fn remade(&self, whole: Option<Span>, part: Span, value: Value) -> Hap {
        Hap { whole, part, value, locs: self.locs }
    }

    /// True when this fragment contains the start of its event (the moment a sound triggers).
    #[inline]
    pub fn has_onset(&self) -> bool {
        match self.whole {
            Some(w) => w.begin == self.part.begin,
            None => false,
        }
    }

    /// The whole if there is one, else the part.
    #[inline]
    pub fn whole_or_part(&self) -> Span {
        self.whole.unwrap_or(self.part)
    }

    #[inline]
    pub fn whole_begin(&self) -> Rational {
        self.whole_or_part().begin
    }

    /// Both spans mapped through `f`.
    #[inline]
    pub fn with_span(mut self, f: impl Fn(Span) -> Span) -> Hap {
        self.map_spans(f);
        self
    }

    /// Both spans mapped through `f`, in place.
    #[inline]
    pub fn map_spans(&mut self, f: impl Fn(Span) -> Span) {
        // Most haps are whole (part == whole): map the span once.
        if self.whole == Some(self.part) {
            self.part = f(self.part);
            self.whole = Some(self.part);
        } else {
            self.whole = self.whole.map(&f);
            self.part = f(self.part);
        }
    }

    /// Both spans' times mapped through `f`, in place.
    #[inline]
    pub fn map_times(&mut self, f: impl Fn(Rational) -> Rational) {
        self.map_spans(|s| s.with_time(&f));
    }

    /// Both spans' times mapped through `f`.
    #[inline]
    pub fn with_time(self, f: impl Fn(Rational) -> Rational) -> Hap {
        self.with_span(|s| s.with_time(&f))
    }

    /// Order used for output: part begin, then whole begin. Values break ties in the callers
    /// that need a total order (`phonon events`).
    pub fn time_order(a: &Hap, b: &Hap) -> std::cmp::Ordering {
        a.part.begin.cmp(&b.part.begin).then_with(|| a.whole_begin().cmp(&b.whole_begin()))
    }
}
