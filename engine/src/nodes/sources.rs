//! Sound and signal sources: oscillators, noise, envelopes and gates.

use super::events::BlockEvents;
use crate::dsp::blep::{self, BlepOsc, Wave};
use crate::dsp::envelope::{Adsr, Envelope};
use crate::dsp::fast_math::sin_turns;
use crate::dsp::noise::{Brown, Pink, White};
use crate::graph::{same_kind, BuildEnv, Ctx, Frame, In, Inputs, Node, BLOCK};
use crate::meta::{Channels, FnMeta, Imp, Kind, NodeConf, Param, Unit};
use crate::pattern::Pattern;

const FREQ: Param = Param::value("freq", (-20000.0, 20000.0), Unit::Hz);

pub static SOURCES: &[FnMeta] = &[
    FnMeta {
        name: "sine",
        aliases: &["sin"],
        kind: Kind::Source,
        params: &[FREQ],
        variadic: false,
        help: "A sine wave, −1..1. The frequency may be a number, a pattern or a signal (FM, through zero).",
        example: "out: sine 440 * 0.3",
        imp: Imp::Node { make: make_sine, channels: Channels::Mono, cost: 2 },
    },
    FnMeta {
        name: "saw",
        aliases: &["sawtooth"],
        kind: Kind::Source,
        params: &[FREQ],
        variadic: false,
        help: "A band-limited rising sawtooth, −1..1 (aliases more than 75 dB down). Frequency: number, pattern or signal.",
        example: "out: saw \"55 110 82.5\" # lpf 1200 q:0.8 # gain 0.3",
        imp: Imp::Node { make: make_saw, channels: Channels::Mono, cost: 3 },
    },
    FnMeta {
        name: "square",
        aliases: &["sqr"],
        kind: Kind::Source,
        params: &[FREQ],
        variadic: false,
        help: "A band-limited square wave, −1..1. Frequency: number, pattern or signal.",
        example: "out: square 110 # lpf 900 # gain 0.2",
        imp: Imp::Node { make: make_square, channels: Channels::Mono, cost: 3 },
    },
    FnMeta {
        name: "tri",
        aliases: &["triangle"],
        kind: Kind::Source,
        params: &[FREQ],
        variadic: false,
        help: "A band-limited triangle wave, −1..1, starting at 0 and rising like a sine.",
        example: "out: tri 220 * 0.4",
        imp: Imp::Node { make: make_tri, channels: Channels::Mono, cost: 3 },
    },
    FnMeta {
        name: "pulse",
        aliases: &[],
        kind: Kind::Source,
        params: &[FREQ, Param::value("pw", (0.0, 1.0), Unit::Amount).default(0.5).glide(0.005)],
        variadic: false,
        help: "A band-limited pulse wave: +1 for the first `pw` (0..1) of each cycle, −1 after. Modulate pw for PWM.",
        example: "out: pulse 110 (sine 0.3 * 0.4 + 0.5) # lpf 2000 # gain 0.2",
        imp: Imp::Node { make: make_pulse, channels: Channels::Mono, cost: 3 },
    },
    FnMeta {
        name: "noise",
        aliases: &["white"],
        kind: Kind::Source,
        params: &[Param::value("seed", (0.0, 1e9), Unit::None).default(0.0)],
        variadic: false,
        help: "White noise, −1..1. Reproducible; give different seeds for independent noises.",
        example: "out: noise # bpf 2000 q:4 # gain 0.3",
        imp: Imp::Node { make: make_white, channels: Channels::Mono, cost: 1 },
    },
    FnMeta {
        name: "pink",
        aliases: &[],
        kind: Kind::Source,
        params: &[Param::value("seed", (0.0, 1e9), Unit::None).default(0.0)],
        variadic: false,
        help: "Pink noise: equal power per octave (−3 dB/octave).",
        example: "out: pink * 0.3",
        imp: Imp::Node { make: make_pink, channels: Channels::Mono, cost: 1 },
    },
    FnMeta {
        name: "brown",
        aliases: &["red"],
        kind: Kind::Source,
        params: &[Param::value("seed", (0.0, 1e9), Unit::None).default(0.0)],
        variadic: false,
        help: "Brown noise: −6 dB/octave, a deep rumble.",
        example: "out: brown * 0.5",
        imp: Imp::Node { make: make_brown, channels: Channels::Mono, cost: 1 },
    },
    FnMeta {
        name: "env",
        aliases: &["adsr"],
        kind: Kind::Source,
        params: &[
            Param::pattern("trig"),
            Param::value("a", (0.0, 60.0), Unit::Seconds).default(0.005),
            Param::value("d", (0.0, 60.0), Unit::Seconds).default(0.2),
            Param::value("s", (0.0, 1.0), Unit::Amount).default(0.5),
            Param::value("r", (0.0, 60.0), Unit::Seconds).default(0.3),
        ],
        variadic: false,
        help: "An ADSR envelope 0..1, triggered by each event of its pattern at the event's sample and released at its end; \
               a numeric value sets the peak. Linear attack; d and r are times to fall 60 dB. Times read once per block.",
        example: "out: saw 110 * env \"1 ~ 0.7 1\" 0.01 0.2 0.3 0.2 * 0.4",
        imp: Imp::Node { make: make_env, channels: Channels::Mono, cost: 2 },
    },
    FnMeta {
        name: "gate",
        aliases: &[],
        kind: Kind::Source,
        params: &[Param::pattern("pattern")],
        variadic: false,
        help: "A 0/1 signal: 1 while an event with a non-zero value plays, 0 during rests and zeros.",
        example: "out: sine 330 * lag 0.005 (gate \"1 0 1 1\") * 0.3",
        imp: Imp::Node { make: make_gate, channels: Channels::Mono, cost: 1 },
    },
];

// ---------------------------------------------------------------------------------------------
// Oscillators

/// `sine freq`: a sine from a 32-bit phase (exact, drift-free), frequency per sample.
pub struct Sine {
    phase: u32,
    inv_sr: f32,
}

fn make_sine(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Sine { phase: 0, inv_sr: 1.0 / env.sample_rate })
}

const TO_UNIT: f32 = 1.0 / 4_294_967_296.0;

impl Sine {
    /// The phase of the next output, for a voice bank continuing the sine (nodes/bank.rs).
    pub(crate) fn phase(&self) -> u32 {
        self.phase
    }

    pub(crate) fn set_phase(&mut self, phase: u32) {
        self.phase = phase;
    }
}

impl Node for Sine {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let f = inputs.get(0);
        match f {
            In::Const(c) => {
                let inc = blep::increment(c, self.inv_sr) as u32;
                for y in out.l.iter_mut() {
                    *y = sin_turns(self.phase as f32 * TO_UNIT);
                    self.phase = self.phase.wrapping_add(inc);
                }
            }
            _ => {
                for i in 0..BLOCK {
                    out.l[i] = sin_turns(self.phase as f32 * TO_UNIT);
                    self.phase = self.phase.wrapping_add(blep::increment(f.at(i), self.inv_sr) as u32);
                }
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Sine>(old) {
            Some(o) => {
                self.phase = o.phase;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.phase = 0;
    }

    crate::node_any!();
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Saw,
    Square,
    Tri,
    Pulse,
}

/// The band-limited oscillators (`saw`, `square`, `tri`, `pulse`).
pub struct Osc {
    osc: BlepOsc,
    shape: Shape,
    inv_sr: f32,
    /// Increment of the last sample.
    inc: i32,
}

impl Osc {
    fn new(shape: Shape, c: &NodeConf, env: &BuildEnv) -> Osc {
        let inv_sr = 1.0 / env.sample_rate;
        let mut osc = BlepOsc::new(0.0);
        // With a constant frequency, run the oscillator through its latency in advance so
        // that its output is at phase 0 on the first sample, as if it had always run. (Each
        // tick renders the phase after its step, so the run starts one step before 0.)
        if let Some(Some(f)) = c.consts.first() {
            let inc = blep::increment(*f as f32, inv_sr);
            let width = pulse_width(c.consts.get(1).copied().flatten().unwrap_or(0.5) as f32);
            osc.phase = 0u32.wrapping_sub(inc as u32);
            for _ in 0..blep::LATENCY {
                tick(&mut osc, shape, inc, width);
            }
        }
        Osc { osc, shape, inv_sr, inc: 0 }
    }
}

#[inline(always)]
fn pulse_width(pw: f32) -> u32 {
    let p = if pw.is_nan() { 0.5 } else { pw.clamp(0.0, 1.0) };
    (p as f64 * 4_294_967_295.0) as u32
}

#[inline(always)]
fn tick(o: &mut BlepOsc, shape: Shape, inc: i32, width: u32) -> f32 {
    match shape {
        Shape::Saw => o.tick_saw(inc),
        Shape::Square => o.tick_pulse(inc, 1 << 31),
        Shape::Tri => o.tick_tri(inc),
        Shape::Pulse => o.tick_pulse(inc, width),
    }
}

/// The block loop, monomorphised per shape so the match leaves the loop.
#[inline(always)]
fn run<const S: u8>(o: &mut BlepOsc, f: In, pw: In, inv_sr: f32, out: &mut [f32; BLOCK]) {
    let shape = match S {
        0 => Shape::Saw,
        1 => Shape::Square,
        2 => Shape::Tri,
        _ => Shape::Pulse,
    };
    match (f, pw) {
        (In::Const(c), In::Const(w)) => {
            let wave = match shape {
                Shape::Saw => Wave::Saw,
                Shape::Square => Wave::Pulse(1 << 31),
                Shape::Tri => Wave::Tri,
                Shape::Pulse => Wave::Pulse(pulse_width(w)),
            };
            o.process_const(wave, blep::increment(c, inv_sr), out);
        }
        _ => {
            for (i, y) in out.iter_mut().enumerate() {
                *y = tick(o, shape, blep::increment(f.at(i), inv_sr), pulse_width(pw.at(i)));
            }
        }
    }
}

impl Node for Osc {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (f, pw) = (inputs.get(0), if self.shape == Shape::Pulse { inputs.get(1) } else { In::Const(0.5) });
        self.inc = blep::increment(f.at(BLOCK - 1), self.inv_sr);
        match self.shape {
            Shape::Saw => run::<0>(&mut self.osc, f, pw, self.inv_sr, &mut out.l),
            Shape::Square => run::<1>(&mut self.osc, f, pw, self.inv_sr, &mut out.l),
            Shape::Tri => run::<2>(&mut self.osc, f, pw, self.inv_sr, &mut out.l),
            Shape::Pulse => run::<3>(&mut self.osc, f, pw, self.inv_sr, &mut out.l),
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Osc>(old) {
            Some(o) if o.shape == self.shape => {
                self.osc.copy_state(&o.osc);
                true
            }
            _ => false,
        }
    }

    fn reset(&mut self) {
        self.osc.reset(0.0);
    }

    crate::node_any!();
}

impl Osc {
    /// The running oscillator, its waveform and its last increment, for a voice bank
    /// continuing it (nodes/bank.rs); `None` for a pulse.
    pub(crate) fn voice_state(&self) -> Option<(Wave, &BlepOsc, i32)> {
        let wave = match self.shape {
            Shape::Saw => Wave::Saw,
            Shape::Square => Wave::Pulse(1 << 31),
            Shape::Tri => Wave::Tri,
            Shape::Pulse => return None,
        };
        Some((wave, &self.osc, self.inc))
    }

    /// Continue lane `l` of a voice bank's oscillators, if they play this waveform.
    pub(crate) fn continue_lane(&mut self, wave: Wave, lanes: &blep::BlepLanes, l: usize) {
        if self.voice_state().is_some_and(|(w, _, _)| w == wave) {
            self.osc.continue_lane(wave, lanes, l);
        }
    }
}

fn make_saw(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Osc::new(Shape::Saw, c, env))
}

fn make_square(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Osc::new(Shape::Square, c, env))
}

fn make_tri(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Osc::new(Shape::Tri, c, env))
}

fn make_pulse(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Osc::new(Shape::Pulse, c, env))
}

// ---------------------------------------------------------------------------------------------
// Noise

#[derive(Clone, Copy)]
enum NoiseGen {
    White(White),
    Pink(Pink),
    Brown(Brown),
}

/// `noise`, `pink`, `brown`.
pub struct Noise {
    gen: NoiseGen,
}

fn seed_of(c: &NodeConf) -> u64 {
    c.consts.first().copied().flatten().unwrap_or(0.0).max(0.0) as u64
}

fn make_white(c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Noise { gen: NoiseGen::White(White::new(seed_of(c))) })
}

fn make_pink(c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Noise { gen: NoiseGen::Pink(Pink::new(seed_of(c))) })
}

fn make_brown(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Noise { gen: NoiseGen::Brown(Brown::new(seed_of(c), env.sample_rate)) })
}

impl Node for Noise {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        match &mut self.gen {
            NoiseGen::White(g) => out.l.iter_mut().for_each(|y| *y = g.tick()),
            NoiseGen::Pink(g) => out.l.iter_mut().for_each(|y| *y = g.tick()),
            NoiseGen::Brown(g) => out.l.iter_mut().for_each(|y| *y = g.tick()),
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Noise>(old) {
            Some(o) => match (&mut self.gen, &o.gen) {
                (NoiseGen::White(a), NoiseGen::White(b)) => {
                    *a = *b;
                    true
                }
                (NoiseGen::Pink(a), NoiseGen::Pink(b)) => {
                    *a = *b;
                    true
                }
                (NoiseGen::Brown(a), NoiseGen::Brown(b)) => {
                    *a = *b;
                    true
                }
                _ => false,
            },
            None => false,
        }
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Envelope and gate

/// `env "pattern" a d s r`.
pub struct Env {
    pattern: Pattern,
    env: Envelope,
    events: BlockEvents,
    /// Engine sample at which the current note releases (`i64::MAX`: none pending).
    release_at: i64,
}

fn make_env(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Env {
        pattern: c.patterns.first().cloned().unwrap_or_else(crate::pattern::core::silence),
        env: Envelope::new(env.sample_rate),
        events: BlockEvents::new(),
        release_at: i64::MAX,
    })
}

impl Node for Env {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        self.env.set(Adsr {
            attack: inputs.get(0).first(),
            decay: inputs.get(1).first(),
            sustain: inputs.get(2).first(),
            release: inputs.get(3).first(),
        });
        self.events.collect(&self.pattern, ctx);
        let start = ctx.block_start;
        let mut next = 0;
        for (i, y) in out.l.iter_mut().enumerate() {
            let now = start + i as i64;
            if now >= self.release_at {
                self.env.gate_off();
                self.release_at = i64::MAX;
            }
            while next < self.events.len() && self.events.get(next).offset <= i {
                let e = self.events.get(next);
                self.env.gate_on(e.level);
                self.release_at = e.end.max(now + 1);
                next += 1;
            }
            *y = self.env.tick();
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Env>(old) {
            Some(o) => {
                self.env.copy_state(&o.env);
                self.release_at = o.release_at;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.env.reset();
        self.release_at = i64::MAX;
    }

    crate::node_any!();
}

/// `gate "pattern"`.
pub struct Gate {
    pattern: Pattern,
}

fn make_gate(c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Gate { pattern: c.patterns.first().cloned().unwrap_or_else(crate::pattern::core::silence) })
}

impl Node for Gate {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        out.l.fill(0.0);
        let start = ctx.block_start;
        let span = ctx.clock.block_span(start);
        ctx.query.start();
        self.pattern.query(span, ctx.query);
        for h in ctx.query.haps() {
            let on = match super::signal_value(&h.value) {
                Some(v) => v != 0.0 && v.is_finite(),
                None => true,
            };
            if !on {
                continue;
            }
            let from = (ctx.clock.sample_of(h.part.begin) - start).clamp(0, BLOCK as i64) as usize;
            let to = (ctx.clock.sample_of(h.part.end) - start).clamp(0, BLOCK as i64) as usize;
            out.l[from..to.max(from)].fill(1.0);
        }
    }

    crate::node_any!();
}
