//! Effect processors: delay, reverbs, modulation effects, distortion, lo-fi, pan and gain.

use super::filters::capacity;
use super::util::{channel, channels, out_chan, ChannelScratch};
use crate::dsp::crusher::{crush, Decimator};
use crate::dsp::echo::Echo;
use crate::dsp::modulation::{Chorus, Flanger, ModParams, Phaser};
use crate::dsp::reverb::{Fdn, FdnParams, Freeverb, FreeverbParams};
use crate::dsp::shaper::{Drive, Oversampler4, Shape};
use crate::graph::{same_kind, Buf, BuildEnv, Ctx, Frame, In, Inputs, Node, BLOCK};
use crate::meta::{Channels, FnMeta, Imp, Kind, NodeConf, Param, Unit};

const fn mix(default: f64) -> Param {
    Param::value("mix", (0.0, 1.0), Unit::Amount).default(default).glide(0.02)
}

pub static EFFECTS: &[FnMeta] = &[
    FnMeta {
        name: "delay",
        aliases: &["echo"],
        kind: Kind::Processor,
        params: &[
            Param::value("time", (0.0, 10.0), Unit::Seconds),
            Param::value("fb", (-0.99, 0.99), Unit::Amount).default(0.5).glide(0.02),
            mix(1.0),
        ],
        variadic: false,
        help: "Feedback delay: adds echoes every `time` seconds, each fb times the last (w = x + fb·w delayed). \
               mix scales the echoes (1: full). Time may change while playing: small moves glide, jumps \
               cross-fade, nothing clicks. Up to 10 s when constant, 4 s when modulated.",
        example: "out: saw \"110 ~ ~ 165\" * env \"1 ~ ~ 1\" 0.001 0.1 0 0.1 # delay 0.375 0.5 # gain 0.3",
        imp: Imp::Node { make: make_delay, channels: Channels::FollowInput, cost: 2 },
    },
    FnMeta {
        name: "reverb",
        aliases: &["verb"],
        kind: Kind::Processor,
        params: &[
            mix(0.3),
            Param::value("decay", (0.05, 60.0), Unit::Seconds).default(2.0),
            Param::value("damp", (0.0, 1.0), Unit::Amount).default(0.3),
        ],
        variadic: false,
        help: "Stereo reverb (8-line feedback delay network): mix 0..1 of wet signal, decay = RT60 in seconds \
               (the time the tail takes to fall 60 dB), damp shortens the highs. Decay and damp read once per block.",
        example: "out: saw \"110 ~ 165 ~\" * env \"1 ~ 1 ~\" 0.001 0.1 0 0.05 # reverb 0.4 3 # gain 0.3",
        imp: Imp::Node { make: make_reverb, channels: Channels::Stereo, cost: 8 },
    },
    FnMeta {
        name: "freeverb",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            mix(0.33),
            Param::value("room", (0.0, 1.0), Unit::Amount).default(0.5),
            Param::value("damp", (0.0, 1.0), Unit::Amount).default(0.5),
        ],
        variadic: false,
        help: "Jezar's Freeverb (8 combs, 4 all-passes per channel): dry·(1−mix) + 1.5·mix·wet, room size and \
               damping 0..1 as in the original.",
        example: "out: saw 110 * env \"1 ~ ~ ~\" 0.001 0.1 0 0.05 # freeverb 0.4 room:0.8 # gain 0.3",
        imp: Imp::Node { make: make_freeverb, channels: Channels::Stereo, cost: 8 },
    },
    FnMeta {
        name: "chorus",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            Param::value("rate", (0.0, 20.0), Unit::Hz).default(0.8),
            Param::value("depth", (0.0, 1.0), Unit::Amount).default(0.5).glide(0.02),
            mix(0.5),
        ],
        variadic: false,
        help: "Stereo chorus: two voices per channel, 15 ms delays swept ±8 ms·depth by a sine at rate Hz.",
        example: "out: saw 220 # lpf 2000 # chorus 0.8 0.6 # gain 0.3",
        imp: Imp::Node { make: make_chorus, channels: Channels::Stereo, cost: 3 },
    },
    FnMeta {
        name: "flanger",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            Param::value("rate", (0.0, 20.0), Unit::Hz).default(0.2),
            Param::value("depth", (0.0, 1.0), Unit::Amount).default(0.7).glide(0.02),
            Param::value("fb", (-0.95, 0.95), Unit::Amount).default(0.5).glide(0.02),
            mix(0.5),
        ],
        variadic: false,
        help: "Stereo flanger: a 0.3–5.3 ms delay swept by a sine at rate Hz, with feedback; a moving comb.",
        example: "out: noise # flanger 0.2 0.8 0.7 # gain 0.2",
        imp: Imp::Node { make: make_flanger, channels: Channels::Stereo, cost: 3 },
    },
    FnMeta {
        name: "phaser",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            Param::value("rate", (0.0, 20.0), Unit::Hz).default(0.3),
            Param::value("depth", (0.0, 1.0), Unit::Amount).default(0.7).glide(0.02),
            Param::value("fb", (-0.95, 0.95), Unit::Amount).default(0.3).glide(0.02),
            mix(0.5),
        ],
        variadic: false,
        help: "Stereo phaser: six all-pass stages swept from 200 Hz up to 200·2^(5·depth) Hz at rate Hz.",
        example: "out: saw 110 # phaser 0.3 0.8 0.5 # gain 0.3",
        imp: Imp::Node { make: make_phaser, channels: Channels::Stereo, cost: 3 },
    },
    FnMeta {
        name: "distort",
        aliases: &["drive", "overdrive"],
        kind: Kind::Processor,
        params: &[Param::value("amount", (0.0, 1.0), Unit::Amount).default(0.5).glide(0.01)],
        variadic: false,
        help: "Tanh saturation with 0–40 dB of drive (amount 0..1), full scale kept at full scale; 4× oversampled.",
        example: "out: sine 110 # distort 0.6 # gain 0.3",
        imp: Imp::Node { make: make_distort, channels: Channels::FollowInput, cost: 4 },
    },
    FnMeta {
        name: "shape",
        aliases: &["waveshape"],
        kind: Kind::Processor,
        params: &[Param::value("amount", (0.0, 0.99), Unit::Amount).default(0.5).glide(0.01)],
        variadic: false,
        help: "Tidal's waveshaper (1+k)x/(1+k|x|), k = 2a/(1−a): harder as amount nears 1; 4× oversampled.",
        example: "out: tri 110 # shape 0.8 # gain 0.3",
        imp: Imp::Node { make: make_shape, channels: Channels::FollowInput, cost: 4 },
    },
    FnMeta {
        name: "crush",
        aliases: &["bitcrush"],
        kind: Kind::Processor,
        params: &[Param::value("bits", (1.0, 16.0), Unit::None).default(8.0)],
        variadic: false,
        help: "Bit crusher: quantises to `bits` bits (1..16, fractions allowed).",
        example: "out: sine 220 # crush \"<3 4 6>\" # gain 0.3",
        imp: Imp::Node { make: make_crush, channels: Channels::FollowInput, cost: 1 },
    },
    FnMeta {
        name: "coarse",
        aliases: &["decimate"],
        kind: Kind::Processor,
        params: &[Param::value("factor", (1.0, 64.0), Unit::None).default(4.0)],
        variadic: false,
        help: "Sample-rate reducer: holds every factor-th sample (1 = unchanged; fractions allowed).",
        example: "out: saw 110 # coarse \"<4 8 16>\" # gain 0.2",
        imp: Imp::Node { make: make_coarse, channels: Channels::FollowInput, cost: 1 },
    },
    FnMeta {
        name: "pan",
        aliases: &["balance"],
        kind: Kind::Processor,
        params: &[Param::value("pos", (0.0, 1.0), Unit::Amount).glide(0.01)],
        variadic: false,
        help: "Places audio in the stereo field, 0 left .. 0.5 centre .. 1 right (equal power; a stereo input is balanced).",
        example: "out: saw 110 # lpf 800 # pan (sine 0.5 * 0.5 + 0.5) # gain 0.3",
        imp: Imp::Node { make: make_pan, channels: Channels::Stereo, cost: 1 },
    },
    FnMeta {
        name: "gain",
        aliases: &["amp"],
        kind: Kind::Processor,
        params: &[Param::value("level", (0.0, 10.0), Unit::Amount).glide(0.01)],
        variadic: false,
        help: "Multiplies audio by a linear gain (a pattern glides over 10 ms, so steps do not click).",
        example: "out: saw 110 # gain \"0.3 0.1\"",
        imp: Imp::Node { make: make_gain, channels: Channels::FollowInput, cost: 1 },
    },
];

// ---------------------------------------------------------------------------------------------
// Delay

/// Longest delay when the time is not constant (s).
const DELAY_MAX_MODULATED: f32 = 4.0;

pub struct Delay {
    echo: [Echo; 2],
    scratch: ChannelScratch,
    wet: Box<Buf>,
    sr: f32,
}

fn make_delay(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    let cap = capacity(c, 1, DELAY_MAX_MODULATED, env.sample_rate) as f32 / env.sample_rate;
    let max = cap.min(10.0);
    Box::new(Delay {
        echo: [Echo::new(env.sample_rate, max), Echo::new(env.sample_rate, max)],
        scratch: ChannelScratch::default(),
        wet: Box::new([0.0; BLOCK]),
        sr: env.sample_rate,
    })
}

impl Node for Delay {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, time, fb, mix) = (inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            let e = &mut self.echo[c];
            // Constant settings on a settled delay: one interpolation for the whole block.
            if let (In::Const(t), In::Const(f), In::Const(m)) = (time, fb, mix) {
                let f = f.clamp(-0.99, 0.99);
                let r = &mut *self.wet;
                if e.process_settled(xin, t * self.sr, f, r) {
                    let k = m * f;
                    for i in 0..BLOCK {
                        y[i] = xin[i] + k * r[i];
                    }
                    continue;
                }
            }
            for i in 0..BLOCK {
                let f = fb.at(i).clamp(-0.99, 0.99);
                let r = e.tick(xin[i], time.at(i) * self.sr, f);
                y[i] = xin[i] + mix.at(i) * f * r;
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Delay>(old) {
            Some(o) => {
                self.echo[0].copy_from(&o.echo[0]);
                self.echo[1].copy_from(&o.echo[1]);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.echo[0].clear();
        self.echo[1].clear();
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Reverbs

/// The left and right input of a stereo processor (a mono input feeds both).
fn stereo_in<'a>(x: In<'a>, sl: &'a mut ChannelScratch, sr: &'a mut ChannelScratch) -> (&'a Buf, &'a Buf) {
    match x {
        In::Stereo(l, r) => (l, r),
        In::Mono(b) => (b, b),
        In::Const(_) => (channel(x, 0, sl), channel(x, 1, sr)),
    }
}

pub struct Reverb {
    fdn: Box<Fdn>,
    wet: Box<Frame>,
    sl: ChannelScratch,
    sr: ChannelScratch,
}

fn make_reverb(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Reverb {
        fdn: Box::new(Fdn::new(env.sample_rate)),
        wet: Box::default(),
        sl: ChannelScratch::default(),
        sr: ChannelScratch::default(),
    })
}

impl Node for Reverb {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, mix, decay, damp) = (inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3));
        let (l, r) = stereo_in(x, &mut self.sl, &mut self.sr);
        let wet = &mut *self.wet;
        self.fdn.process(l, r, &mut wet.l, &mut wet.r, FdnParams { decay: decay.first(), damp: damp.first() });
        for i in 0..BLOCK {
            let m = mix.at(i).clamp(0.0, 1.0);
            out.l[i] = l[i] + m * (wet.l[i] - l[i]);
            out.r[i] = r[i] + m * (wet.r[i] - r[i]);
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Reverb>(old) {
            Some(o) => {
                self.fdn.copy_from(&o.fdn);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.fdn.clear();
    }

    crate::node_any!();
}

/// Freeverb's wet scaling: `scalewet` 3 with the default width, halved for the mix law.
const FREEVERB_WET: f32 = 1.5;

pub struct FreeverbNode {
    verb: Box<Freeverb>,
    wet: Box<Frame>,
    sl: ChannelScratch,
    sr: ChannelScratch,
}

fn make_freeverb(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(FreeverbNode {
        verb: Box::new(Freeverb::new(env.sample_rate)),
        wet: Box::default(),
        sl: ChannelScratch::default(),
        sr: ChannelScratch::default(),
    })
}

impl Node for FreeverbNode {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, mix, room, damp) = (inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3));
        let (l, r) = stereo_in(x, &mut self.sl, &mut self.sr);
        let wet = &mut *self.wet;
        self.verb.process(l, r, &mut wet.l, &mut wet.r, FreeverbParams { room: room.first(), damp: damp.first() });
        for i in 0..BLOCK {
            let m = mix.at(i).clamp(0.0, 1.0);
            let (dry, w) = (1.0 - m, FREEVERB_WET * m);
            out.l[i] = dry * l[i] + w * wet.l[i];
            out.r[i] = dry * r[i] + w * wet.r[i];
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<FreeverbNode>(old) {
            Some(o) => {
                self.verb.copy_from(&o.verb);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.verb.clear();
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Modulation effects

enum ModFx {
    Chorus(Box<Chorus>),
    Flanger(Box<Flanger>),
    Phaser(Box<Phaser>),
}

/// `chorus`, `flanger`, `phaser`.
pub struct Modulation {
    fx: ModFx,
    sl: ChannelScratch,
    sr: ChannelScratch,
}

fn make_chorus(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Modulation {
        fx: ModFx::Chorus(Box::new(Chorus::new(env.sample_rate))),
        sl: ChannelScratch::default(),
        sr: ChannelScratch::default(),
    })
}

fn make_flanger(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Modulation {
        fx: ModFx::Flanger(Box::new(Flanger::new(env.sample_rate))),
        sl: ChannelScratch::default(),
        sr: ChannelScratch::default(),
    })
}

fn make_phaser(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Modulation {
        fx: ModFx::Phaser(Box::new(Phaser::new(env.sample_rate))),
        sl: ChannelScratch::default(),
        sr: ChannelScratch::default(),
    })
}

impl Node for Modulation {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let x = inputs.get(0);
        let (l, r) = stereo_in(x, &mut self.sl, &mut self.sr);
        // Chorus has no feedback parameter: its inputs are rate, depth, mix.
        let chorus = matches!(self.fx, ModFx::Chorus(_));
        let (rate, depth) = (inputs.get(1), inputs.get(2));
        let (fb, mix) = if chorus { (In::Const(0.0), inputs.get(3)) } else { (inputs.get(3), inputs.get(4)) };
        let p = |i: usize| ModParams { rate: rate.at(i), depth: depth.at(i), feedback: fb.at(i), mix: mix.at(i) };
        match &mut self.fx {
            ModFx::Chorus(c) => {
                for i in 0..BLOCK {
                    (out.l[i], out.r[i]) = c.tick(l[i], r[i], p(i));
                }
            }
            ModFx::Flanger(f) => {
                for i in 0..BLOCK {
                    (out.l[i], out.r[i]) = f.tick(l[i], r[i], p(i));
                }
            }
            ModFx::Phaser(ph) => {
                for i in 0..BLOCK {
                    (out.l[i], out.r[i]) = ph.tick(l[i], r[i], p(i));
                }
                ph.flush();
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        let Some(o) = same_kind::<Modulation>(old) else { return false };
        match (&mut self.fx, &o.fx) {
            (ModFx::Chorus(a), ModFx::Chorus(b)) => a.copy_from(b),
            (ModFx::Flanger(a), ModFx::Flanger(b)) => a.copy_from(b),
            (ModFx::Phaser(a), ModFx::Phaser(b)) => **a = **b,
            _ => return false,
        }
        true
    }

    fn reset(&mut self) {
        match &mut self.fx {
            ModFx::Chorus(c) => c.clear(),
            ModFx::Flanger(f) => f.clear(),
            ModFx::Phaser(p) => p.clear(),
        }
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Distortion

#[derive(Clone, Copy, PartialEq, Eq)]
enum Curve {
    Drive,
    Shape,
}

/// `distort`, `shape`: a curve run 4× oversampled per channel.
pub struct Distort {
    curve: Curve,
    os: [Oversampler4; 2],
    scratch: ChannelScratch,
}

fn make_distort(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Distort { curve: Curve::Drive, os: [Oversampler4::new(); 2], scratch: ChannelScratch::default() })
}

fn make_shape(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Distort { curve: Curve::Shape, os: [Oversampler4::new(); 2], scratch: ChannelScratch::default() })
}

impl Node for Distort {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, amount) = (inputs.get(0), inputs.get(1));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            let os = &mut self.os[c];
            match (self.curve, amount) {
                (Curve::Drive, In::Const(a)) => {
                    let d = Drive::new(a);
                    for i in 0..BLOCK {
                        y[i] = os.process(xin[i], |v| d.apply(v));
                    }
                }
                (Curve::Shape, In::Const(a)) => {
                    let s = Shape::new(a);
                    for i in 0..BLOCK {
                        y[i] = os.process(xin[i], |v| s.apply(v));
                    }
                }
                (Curve::Drive, a) => {
                    for i in 0..BLOCK {
                        let d = Drive::new(a.at(i));
                        y[i] = os.process(xin[i], |v| d.apply(v));
                    }
                }
                (Curve::Shape, a) => {
                    for i in 0..BLOCK {
                        let s = Shape::new(a.at(i));
                        y[i] = os.process(xin[i], |v| s.apply(v));
                    }
                }
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Distort>(old) {
            Some(o) if o.curve == self.curve => {
                self.os = o.os;
                true
            }
            _ => false,
        }
    }

    fn reset(&mut self) {
        self.os = [Oversampler4::new(); 2];
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Lo-fi

/// `crush bits`.
pub struct Crush {
    scratch: ChannelScratch,
}

fn make_crush(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Crush { scratch: ChannelScratch::default() })
}

impl Node for Crush {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, bits) = (inputs.get(0), inputs.get(1));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            for i in 0..BLOCK {
                y[i] = crush(xin[i], bits.at(i));
            }
        }
    }

    crate::node_any!();
}

/// `coarse factor`.
pub struct Coarse {
    dec: [Decimator; 2],
    scratch: ChannelScratch,
}

fn make_coarse(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Coarse { dec: [Decimator::default(); 2], scratch: ChannelScratch::default() })
}

impl Node for Coarse {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, factor) = (inputs.get(0), inputs.get(1));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            let d = &mut self.dec[c];
            for i in 0..BLOCK {
                y[i] = d.tick(xin[i], factor.at(i));
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Coarse>(old) {
            Some(o) => {
                self.dec = o.dec;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.dec = [Decimator::default(); 2];
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Pan and gain

/// Equal-power pan gains `(cos θ, sin θ)`, θ = pos·π/2, pos clamped to 0..1.
#[inline(always)]
pub fn pan_gains(pos: f32) -> (f32, f32) {
    let p = if pos.is_nan() { 0.5 } else { pos.clamp(0.0, 1.0) };
    let s = crate::dsp::fast_math::sin_turns(0.25 * p);
    let c = crate::dsp::fast_math::sin_turns(0.25 * (1.0 - p));
    (c, s)
}

pub struct Pan {
    scratch: ChannelScratch,
}

fn make_pan(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Pan { scratch: ChannelScratch::default() })
}

impl Node for Pan {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, pos) = (inputs.get(0), inputs.get(1));
        match x {
            In::Stereo(l, r) => {
                // Balance: the far side fades out, the near side stays at unity.
                for i in 0..BLOCK {
                    let (gl, gr) = pan_gains(pos.at(i));
                    out.l[i] = l[i] * (gl * std::f32::consts::SQRT_2).min(1.0);
                    out.r[i] = r[i] * (gr * std::f32::consts::SQRT_2).min(1.0);
                }
            }
            _ => {
                let m = channel(x, 0, &mut self.scratch);
                for i in 0..BLOCK {
                    let (gl, gr) = pan_gains(pos.at(i));
                    out.l[i] = m[i] * gl;
                    out.r[i] = m[i] * gr;
                }
            }
        }
    }

    crate::node_any!();
}

pub struct Gain {
    scratch: ChannelScratch,
}

fn make_gain(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Gain { scratch: ChannelScratch::default() })
}

impl Node for Gain {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, g) = (inputs.get(0), inputs.get(1));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = out_chan(out, c);
            match g {
                In::Const(k) => {
                    for i in 0..BLOCK {
                        y[i] = xin[i] * k;
                    }
                }
                _ => {
                    for i in 0..BLOCK {
                        y[i] = xin[i] * g.at(i);
                    }
                }
            }
        }
    }

    crate::node_any!();
}
