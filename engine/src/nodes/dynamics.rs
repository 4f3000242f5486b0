//! Dynamics processors: `compressor` (with sidechain) and `limiter`.

use super::util::{channel, channels, out_chan, ChannelScratch};
use crate::dsp::dynamics::{Compressor, CompressorCurve, Limiter};
use crate::dsp::fast_math::db_to_gain;
use crate::graph::{same_kind, BuildEnv, Ctx, Frame, In, Inputs, Node, BLOCK};
use crate::meta::{Channels, FnMeta, Imp, Kind, NodeConf, Param, Unit};

/// Look-ahead (and latency) of `limiter`, seconds.
pub const LIMITER_LOOKAHEAD: f32 = 0.005;

pub static DYNAMICS: &[FnMeta] = &[
    FnMeta {
        name: "compressor",
        aliases: &["comp"],
        kind: Kind::Processor,
        params: &[
            Param::value("threshold", (-80.0, 80.0), Unit::Db).default(-20.0).glide(0.02),
            Param::value("ratio", (1.0, 100.0), Unit::None).default(4.0).glide(0.02),
            Param::value("attack", (0.0, 1.0), Unit::Seconds).default(0.01),
            Param::value("release", (0.0, 5.0), Unit::Seconds).default(0.1),
            Param::value("knee", (0.0, 24.0), Unit::Db).default(0.0),
            Param::value("makeup", (-24.0, 48.0), Unit::Db).default(0.0).glide(0.02),
            Param::value("side", (f64::NEG_INFINITY, f64::INFINITY), Unit::None).default(0.0),
        ],
        variadic: false,
        help: "Peak compressor (gain curve evaluated every 16 samples, ramped): above threshold (dB below full scale; the sign is ignored, so 20 and (-20) both \
               mean −20 dBFS) the level rises 1/ratio as fast; attack and release are \
               envelope time constants (s), knee a soft-knee width (dB), makeup gain (dB). side: a signal that \
               drives the compression instead of the input (sidechain ducking, e.g. side:~kick); without it the \
               input keys itself. Stereo-linked.",
        example: "~kick: sine 55 * env \"1*4\" 0.001 0.15 0 0.05\n~pad: saw 220 # lpf 1500 # gain 0.4\n\
                  ~ducked: ~pad # compressor 30 8 attack:0.005 release:0.2 side:~kick\n\
                  out: ~ducked + ~kick * 0.5",
        imp: Imp::Node { make: make_compressor, channels: Channels::FollowInput, cost: 2 },
    },
    FnMeta {
        name: "limiter",
        aliases: &["limit"],
        kind: Kind::Processor,
        params: &[
            Param::value("ceiling", (-60.0, 60.0), Unit::Db).default(-1.0),
            Param::value("release", (0.001, 5.0), Unit::Seconds).default(0.05),
        ],
        variadic: false,
        help: "Brick-wall limiter: the output never exceeds ceiling (dB below full scale; sign ignored). 5 ms look-ahead (and latency) ramps \
               the gain down before peaks arrive; release (s) is how fast it recovers.",
        example: "out: saw 55 * 4 # limiter 3 # gain 0.5",
        imp: Imp::Node { make: make_limiter, channels: Channels::FollowInput, cost: 2 },
    },
];

pub struct CompressorNode {
    comp: Compressor,
    scratch: ChannelScratch,
    levels: [f32; BLOCK],
    gains: [f32; BLOCK],
}

fn make_compressor(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(CompressorNode {
        comp: Compressor::new(env.sample_rate),
        scratch: ChannelScratch::default(),
        levels: [0.0; BLOCK],
        gains: [1.0; BLOCK],
    })
}

/// The larger absolute value of a signal's channels at sample `i`.
#[inline(always)]
fn level(x: In, i: usize) -> f32 {
    match x {
        In::Const(c) => c.abs(),
        In::Mono(b) => b[i].abs(),
        In::Stereo(l, r) => l[i].abs().max(r[i].abs()),
    }
}

impl Node for CompressorNode {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let x = inputs.get(0);
        let (thr, ratio, att, rel, knee, makeup, side) =
            (inputs.get(1), inputs.get(2), inputs.get(3), inputs.get(4), inputs.get(5), inputs.get(6), inputs.get(7));
        // A constant `side` (its default) means: no sidechain, the input keys itself.
        let key = if matches!(side, In::Const(_)) { x } else { side };
        self.comp.follower.set_times(att.first(), rel.first());
        for i in 0..BLOCK {
            self.levels[i] = level(key, i);
        }
        let curve = |i: usize| CompressorCurve {
            threshold_db: -thr.at(i).abs(),
            ratio: ratio.at(i),
            knee_db: knee.at(i),
            makeup_db: makeup.at(i),
        };
        self.comp.process_block(&self.levels, curve, &mut self.gains);
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            for i in 0..BLOCK {
                y[i] = xin[i] * self.gains[i];
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<CompressorNode>(old) {
            Some(o) => {
                self.comp.follower.env = o.comp.follower.env;
                self.comp.last_gain = o.comp.last_gain;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.comp.reset();
    }

    crate::node_any!();
}

pub struct LimiterNode {
    lim: Limiter,
    sl: ChannelScratch,
}

fn make_limiter(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(LimiterNode { lim: Limiter::new(env.sample_rate, LIMITER_LOOKAHEAD), sl: ChannelScratch::default() })
}

impl Node for LimiterNode {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, ceiling, release) = (inputs.get(0), inputs.get(1), inputs.get(2));
        let rel = self.lim.release_coef(release.first());
        let stereo = x.is_stereo();
        let (l, r) = match x {
            In::Stereo(l, r) => (l, r),
            _ => {
                let m = channel(x, 0, &mut self.sl);
                (m, m)
            }
        };
        // Ceiling in dB below full scale, whatever its sign.
        let fixed = db_to_gain(-ceiling.first().abs());
        for i in 0..BLOCK {
            let ceil = if matches!(ceiling, In::Const(_)) { fixed } else { db_to_gain(-ceiling.at(i).abs()) };
            let (a, b) = self.lim.tick(l[i], r[i], ceil, rel);
            out.l[i] = a;
            if stereo {
                out.r[i] = b;
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<LimiterNode>(old) {
            Some(o) => self.lim.copy_from(&o.lim),
            None => false,
        }
    }

    fn reset(&mut self) {
        self.lim.reset();
    }

    crate::node_any!();
}
