//! Signal utilities (LANGUAGE.md §5): each parameter a number, pattern or signal; the signal
//! being shaped comes last, so `~lfo # range 200 800` works like `range 200 800 ~lfo`.

use crate::dsp::fast_math::{exp2, log2, FloorFast};
use crate::graph::{same_kind, BuildEnv, Ctx, Frame, In, Inputs, Node, BLOCK};
use crate::meta::{Channels, FnMeta, Imp, Kind, NodeConf, Param, Unit};

const fn v(name: &'static str) -> Param {
    Param::value(name, (f64::NEG_INFINITY, f64::INFINITY), Unit::None)
}

/// Inputs of `mix` and `select` beyond the required ones default to this marker: a negative
/// zero, which no arithmetic on real inputs produces by accident and which reads as silence.
const UNUSED: f64 = -0.0;

const fn opt(name: &'static str) -> Param {
    v(name).default(UNUSED)
}

const fn util(
    name: &'static str,
    params: &'static [Param],
    help: &'static str,
    example: &'static str,
    make: crate::meta::NodeMake,
    channels: Channels,
) -> FnMeta {
    FnMeta {
        name,
        aliases: &[],
        kind: Kind::Utility,
        params,
        variadic: false,
        help,
        example,
        imp: Imp::Node { make, channels, cost: 1 },
    }
}

pub static UTILITIES: &[FnMeta] = &[
    util(
        "range",
        &[v("lo"), v("hi"), v("sig")],
        "Maps a bipolar signal −1..1 (an oscillator) onto lo..hi.",
        "out: saw 55 # lpf (range 300 3000 (sine 0.25)) q:3 # gain 0.3",
        make_range,
        Channels::FollowInput,
    ),
    util(
        "clamp",
        &[v("lo"), v("hi"), v("sig")],
        "Limits a signal to lo..hi.",
        "out: clamp (-0.3) 0.3 (saw 110)",
        make_clamp,
        Channels::FollowInput,
    ),
    util(
        "wrap",
        &[v("lo"), v("hi"), v("sig")],
        "Wraps a signal around into lo..hi (values past hi come back from lo).",
        "out: wrap (-0.5) 0.5 (sine 110 * 2) * 0.4",
        make_wrap,
        Channels::FollowInput,
    ),
    util(
        "abs",
        &[v("sig")],
        "Absolute value (full-wave rectifier).",
        "out: abs (sine 110) * 0.4",
        make_abs,
        Channels::FollowInput,
    ),
    util(
        "min",
        &[v("a"), v("sig")],
        "The smaller of two signals, per sample.",
        "out: min 0.2 (sine 110) * 0.5",
        make_min,
        Channels::FollowInput,
    ),
    util(
        "max",
        &[v("a"), v("sig")],
        "The larger of two signals, per sample.",
        "out: max (-0.2) (sine 110) * 0.5",
        make_max,
        Channels::FollowInput,
    ),
    util(
        "lag",
        &[Param::value("time", (0.0, 60.0), Unit::Seconds), v("sig")],
        "Slew: follows the signal with an exponential lag reaching 60 dB of a step in `time` seconds.",
        "out: sine (lag 0.1 \"220 330 440\") * 0.3",
        make_lag,
        Channels::FollowInput,
    ),
    util(
        "sh",
        &[v("trig"), v("sig")],
        "Sample and hold: takes the signal's value each time trig rises through 0, holds it until the next.",
        "out: sine (sh (sine 4) (noise) * 300 + 500) * 0.3",
        make_sh,
        Channels::FollowInput,
    ),
    util(
        "mix",
        &[v("a"), v("b"), opt("c"), opt("d"), opt("e"), opt("f"), opt("g"), opt("h")],
        "The sum of two to eight signals (stereo when any is).",
        "out: mix (sine 220) (sine 330) (sine 440) * 0.2",
        make_mix,
        Channels::Stereo,
    ),
    util(
        "xfade",
        &[Param::value("pos", (0.0, 1.0), Unit::Amount).glide(0.01), v("a"), v("b")],
        "Equal-power cross-fade: pos 0 is a, 1 is b.",
        "out: xfade (sine 0.2 * 0.5 + 0.5) (saw 110) (square 110) * 0.2",
        make_xfade,
        Channels::Stereo,
    ),
    util(
        "select",
        &[v("index"), v("a"), v("b"), opt("c"), opt("d"), opt("e"), opt("f"), opt("g"), opt("h")],
        "Picks one of the signals by index (rounded, wrapping around the signals given); switches \
         cross-fade over 5 ms.",
        "out: select \"0 1 2\" (saw 110) (square 110) (tri 110) * 0.2",
        make_select,
        Channels::Stereo,
    ),
    util(
        "quantize",
        &[v("step"), v("sig")],
        "Rounds a signal to the nearest multiple of step.",
        "out: sine (mtof (quantize 1 (sine 0.5 * 12 + 60))) * 0.3",
        make_quantize,
        Channels::FollowInput,
    ),
    util(
        "mtof",
        &[Param::value("note", (-1000.0, 1000.0), Unit::Semitones)],
        "MIDI note number to frequency in Hz (69 = 440 Hz).",
        "out: saw (mtof \"45 52 57\") # lpf 1000 # gain 0.3",
        make_mtof,
        Channels::FollowInput,
    ),
    util(
        "ftom",
        &[Param::value("freq", (0.0, 100000.0), Unit::Hz)],
        "Frequency in Hz to MIDI note number (fractional).",
        "out: sine (mtof (ftom 440 + 7)) * 0.3",
        make_ftom,
        Channels::FollowInput,
    ),
];

// ---------------------------------------------------------------------------------------------
// Stateless per-sample functions of up to three inputs

/// A utility computed sample by sample from its inputs (the signal last), channel by channel
/// when the signal is stereo.
pub struct Pure<F: Fn(f32, f32, f32) -> f32 + Send + 'static> {
    f: F,
}

impl<F: Fn(f32, f32, f32) -> f32 + Send + 'static> Node for Pure<F> {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let n = inputs.len();
        let (a, b, c) = (inputs.get(0), inputs.get(1), inputs.get(2));
        let last = inputs.get(n.saturating_sub(1));
        let f = &self.f;
        let run = |ch: usize, y: &mut [f32; BLOCK]| match (a, b, c) {
            (In::Const(a), In::Const(b), _) if n == 3 => {
                for (i, y) in y.iter_mut().enumerate() {
                    *y = f(a, b, c.chan(ch, i));
                }
            }
            _ => {
                for (i, y) in y.iter_mut().enumerate() {
                    *y = f(a.chan(ch, i), b.chan(ch, i), c.chan(ch, i));
                }
            }
        };
        run(0, &mut out.l);
        if last.is_stereo() {
            run(1, &mut out.r);
        }
    }

    crate::node_any!();
}

fn pure(f: impl Fn(f32, f32, f32) -> f32 + Send + 'static) -> Box<dyn Node> {
    Box::new(Pure { f })
}

fn make_range(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|lo, hi, x| lo + (x + 1.0) * 0.5 * (hi - lo))
}

fn make_clamp(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|lo, hi, x| x.max(lo.min(hi)).min(hi.max(lo)))
}

fn make_wrap(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|lo, hi, x| {
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        let w = hi - lo;
        if w.is_nan() || w <= 0.0 || !x.is_finite() {
            return lo;
        }
        let t = (x - lo) / w;
        lo + (t - t.floor()) * w
    })
}

fn make_abs(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|x, _, _| x.abs())
}

fn make_min(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|a, x, _| a.min(x))
}

fn make_max(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|a, x, _| a.max(x))
}

fn make_quantize(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|step, x, _| {
        let s = step.abs();
        if s > 0.0 {
            (x / s + 0.5).floor() * s
        } else {
            x
        }
    })
}

fn make_mtof(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|m, _, _| 440.0 * exp2((m - 69.0) * (1.0 / 12.0)))
}

fn make_ftom(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    pure(|f, _, _| 69.0 + 12.0 * log2(f * (1.0 / 440.0)))
}

// ---------------------------------------------------------------------------------------------
// Stateful utilities

/// `lag time sig`: a one-pole slew per channel.
pub struct Lag {
    y: [f32; 2],
    coef: f32,
    time: f32,
    sr: f32,
    started: bool,
}

fn make_lag(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Lag { y: [0.0; 2], coef: 1.0, time: 0.0, sr: env.sample_rate, started: false })
}

impl Node for Lag {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (t, x) = (inputs.get(0), inputs.get(1));
        if !self.started {
            // Start where the signal is, not from zero.
            self.y = [x.left(0), x.right(0)];
            self.started = true;
        }
        let chans = if x.is_stereo() { 2 } else { 1 };
        for i in 0..BLOCK {
            let ti = t.at(i);
            if ti != self.time {
                self.time = ti;
                let n = ti.max(0.0) * self.sr;
                // 60 dB of a step in `time`: time constant time/ln(1000).
                self.coef = if n < 1.0 { 1.0 } else { 1.0 - (-6.907_755 / n).exp() };
            }
            for c in 0..chans {
                let y = &mut self.y[c];
                *y += (x.chan(c, i) - *y) * self.coef;
                if !y.is_finite() {
                    *y = 0.0;
                }
                *y = crate::dsp::fast_math::flush(*y);
                if c == 0 {
                    out.l[i] = *y;
                } else {
                    out.r[i] = *y;
                }
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Lag>(old) {
            Some(o) => {
                self.y = o.y;
                self.started = o.started;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.started = false;
    }

    crate::node_any!();
}

/// `sh trig sig`: sample and hold on rising zero crossings of the trigger.
pub struct SampleHold {
    held: [f32; 2],
    last_trig: f32,
}

fn make_sh(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(SampleHold { held: [0.0; 2], last_trig: 0.0 })
}

impl Node for SampleHold {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (t, x) = (inputs.get(0), inputs.get(1));
        for i in 0..BLOCK {
            let tr = t.at(i);
            if tr > 0.0 && self.last_trig <= 0.0 {
                self.held = [x.left(i), x.right(i)];
            }
            self.last_trig = tr;
            out.l[i] = self.held[0];
            out.r[i] = self.held[1];
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<SampleHold>(old) {
            Some(o) => {
                self.held = o.held;
                self.last_trig = o.last_trig;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.held = [0.0; 2];
    }

    crate::node_any!();
}

/// Whether input `k` was left at its `UNUSED` default.
fn unused(c: &NodeConf, k: usize) -> bool {
    matches!(c.consts.get(k).copied().flatten(), Some(x) if x == 0.0 && x.is_sign_negative())
}

/// `mix a b ...`: the sum of the given signals (unused inputs are zeros).
fn make_mix(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(super::Mix)
}

/// `xfade pos a b`.
pub struct Xfade;

fn make_xfade(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Xfade)
}

impl Node for Xfade {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (p, a, b) = (inputs.get(0), inputs.get(1), inputs.get(2));
        for i in 0..BLOCK {
            let (ga, gb) = super::effects::pan_gains(p.at(i));
            out.l[i] = ga * a.left(i) + gb * b.left(i);
            out.r[i] = ga * a.right(i) + gb * b.right(i);
        }
    }

    crate::node_any!();
}

/// Samples over which `select` cross-fades when its choice changes (5 ms at 48 kHz).
const SELECT_FADE_S: f32 = 0.005;

/// `select index a b ...`.
pub struct Select {
    /// Number of signals given.
    count: usize,
    /// Current choice, the one faded from, and fade progress (1 = done).
    cur: usize,
    prev: usize,
    fade: f32,
    step: f32,
}

fn make_select(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    let count = (1..c.arity).filter(|&k| !unused(c, k)).count().max(1);
    Box::new(Select { count, cur: 0, prev: 0, fade: 1.0, step: 1.0 / (SELECT_FADE_S * env.sample_rate) })
}

impl Node for Select {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let idx = inputs.get(0);
        let n = self.count as i64;
        for i in 0..BLOCK {
            let v = idx.at(i);
            let want = if v.is_finite() { ((v + 0.5).floor_fast() as i64).rem_euclid(n) as usize } else { 0 };
            if want != self.cur {
                self.prev = self.cur;
                self.cur = want;
                self.fade = 0.0;
            }
            let (a, b) = (inputs.get(1 + self.prev), inputs.get(1 + self.cur));
            if self.fade < 1.0 {
                let t = self.fade;
                out.l[i] = a.left(i) + t * (b.left(i) - a.left(i));
                out.r[i] = a.right(i) + t * (b.right(i) - a.right(i));
                self.fade += self.step;
            } else {
                out.l[i] = b.left(i);
                out.r[i] = b.right(i);
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Select>(old) {
            Some(o) => {
                self.cur = o.cur.min(self.count - 1);
                self.prev = o.prev.min(self.count - 1);
                self.fade = o.fade;
                true
            }
            None => false,
        }
    }

    crate::node_any!();
}
