//! A pattern used where a signal is needed: each event's value held for its duration (rests
//! hold the previous value; before the first event the parameter's default), then smoothed by
//! the parameter's policy.

use crate::dsp::smooth::OnePole;
use crate::graph::{same_kind, Ctx, Frame, Inputs, Node, BLOCK};
use crate::pattern::value::sym;
use crate::pattern::{Pattern, Value};

pub struct Stepped {
    pattern: Pattern,
    held: f32,
    smooth: OnePole,
    targets: [f32; BLOCK],
}

impl Stepped {
    /// `glide`: smoothing time constant in seconds (0 for crisp steps).
    pub fn new(pattern: Pattern, initial: f32, glide: f32, sample_rate: f32) -> Stepped {
        Stepped { pattern, held: initial, smooth: OnePole::new(glide, sample_rate, initial), targets: [initial; BLOCK] }
    }
}

/// The number a value stands for as a signal: numbers as they are, a map's pitch or value.
#[inline]
pub fn signal_value(v: &Value) -> Option<f64> {
    match v {
        Value::Map(m) => [sym::VALUE, sym::NOTE, sym::N, sym::FREQ]
            .iter()
            .find_map(|k| m.get_num(*k))
            .or_else(|| m.iter().find_map(|(_, a)| a.as_num())),
        _ => v.as_num(),
    }
}

impl Node for Stepped {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        let start = ctx.block_start;
        let span = ctx.clock.block_span(start);
        ctx.query.start();
        self.pattern.query(span, ctx.query);
        let haps = ctx.query.haps_mut();
        haps.sort_unstable_by(|a, b| a.part.begin.cmp(&b.part.begin));
        let mut pos = 0usize;
        for h in ctx.query.haps() {
            let Some(v) = signal_value(&h.value) else { continue };
            let v = v as f32;
            if !v.is_finite() {
                continue;
            }
            let from = (ctx.clock.sample_of(h.part.begin) - start).clamp(0, BLOCK as i64) as usize;
            let to = (ctx.clock.sample_of(h.part.end) - start).clamp(0, BLOCK as i64) as usize;
            if from > pos {
                self.targets[pos..from].fill(self.held);
            }
            if to > from {
                self.targets[from..to].fill(v);
                pos = pos.max(to);
            }
            self.held = v;
            pos = pos.max(from);
        }
        if pos < BLOCK {
            self.targets[pos..].fill(self.held);
        }
        for i in 0..BLOCK {
            out.l[i] = self.smooth.next(self.targets[i]);
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Stepped>(old) {
            Some(o) => {
                self.held = o.held;
                self.smooth.value = o.smooth.value;
                true
            }
            None => false,
        }
    }

    crate::node_any!();
}
