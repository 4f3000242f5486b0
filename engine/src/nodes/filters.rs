//! Filter processors: the state-variable family (`lpf hpf bpf notch`), the `moog` ladder, and
//! the delay-based `allpass` and `comb`.

use super::util::{channel, channels, ChannelScratch};
use crate::dsp::allpass::DelayAllpass;
use crate::dsp::comb::Comb;
use crate::dsp::fast_math::prewarp;
use crate::dsp::ladder::{LadderCoefs, LadderState};
use crate::dsp::svf::{q_clamp, SvfBlock, SvfCoefs, SvfMode, SvfState};
use crate::graph::{same_kind, Buf, BuildEnv, Ctx, Frame, In, Inputs, Node, BLOCK};
use crate::meta::{Channels, FnMeta, Imp, Kind, NodeConf, Param, Unit};

const CUTOFF: Param = Param::value("cutoff", (10.0, 22000.0), Unit::Hz).glide(0.01);
const fn q(default: f64) -> Param {
    Param::value("q", (0.025, 200.0), Unit::Amount).default(default).glide(0.01)
}

/// The Butterworth q, 1/√2 to the four digits the docs show.
pub(crate) const BUTTERWORTH_Q: f32 = std::f32::consts::FRAC_1_SQRT_2;

/// Low- and high-pass default to the Butterworth q (no peak); band-pass and notch to 1.
#[allow(clippy::approx_constant)] // shown as `q:0.7071` in signatures and docs
const BUTTERWORTH: &[Param] = &[CUTOFF, q(0.7071)];
const UNIT_Q: &[Param] = &[CUTOFF, q(1.0)];

const fn svf(
    name: &'static str,
    aliases: &'static [&'static str],
    params: &'static [Param],
    help: &'static str,
    example: &'static str,
    make: crate::meta::NodeMake,
) -> FnMeta {
    FnMeta {
        name,
        aliases,
        kind: Kind::Processor,
        params,
        variadic: false,
        help,
        example,
        imp: Imp::Node { make, channels: Channels::FollowInput, cost: 3 },
    }
}

pub static FILTERS: &[FnMeta] = &[
    svf(
        "lpf",
        &["lowpass"],
        BUTTERWORTH,
        "Resonant 2-pole (12 dB/octave) low-pass, a zero-delay-feedback state-variable filter. q 0.707: no peak \
         (−3 dB at the cutoff); higher q resonates. Cutoff and q may be audio-rate signals.",
        "out: saw 55 # lpf (sine 0.25 * 1500 + 1800) q:4 # gain 0.3",
        make_lpf,
    ),
    svf(
        "hpf",
        &["highpass"],
        BUTTERWORTH,
        "Resonant 2-pole high-pass (state-variable).",
        "out: noise # hpf 4000 q:2 # gain 0.2",
        make_hpf,
    ),
    svf(
        "bpf",
        &["bandpass"],
        UNIT_Q,
        "Band-pass with unity gain at its centre frequency; q sets the width (bandwidth = cutoff/q).",
        "out: noise # bpf \"<500 1000 2000>\" q:8 # gain 0.5",
        make_bpf,
    ),
    svf(
        "notch",
        &["bandreject"],
        UNIT_Q,
        "Notch (band-reject): removes the cutoff frequency, passes the rest; q sets the width.",
        "out: saw 110 # notch (sine 0.2 * 800 + 1200) q:2 # gain 0.3",
        make_notch,
    ),
    FnMeta {
        name: "moog",
        aliases: &["ladder"],
        kind: Kind::Processor,
        params: &[CUTOFF, Param::value("res", (0.0, 1.0), Unit::Amount).default(0.3).glide(0.01)],
        variadic: false,
        help: "Moog-style 4-pole (24 dB/octave) transistor ladder low-pass with saturating feedback; \
               res 0..1 self-oscillates from about 0.96.",
        example: "out: saw \"55 55 110 82.5\" # moog 800 res:0.7 # gain 0.3",
        imp: Imp::Node { make: make_moog, channels: Channels::FollowInput, cost: 4 },
    },
    FnMeta {
        name: "allpass",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            Param::value("time", (0.0001, 2.0), Unit::Seconds).glide(0.02),
            Param::value("fb", (-0.99, 0.99), Unit::Amount).default(0.5).glide(0.01),
        ],
        variadic: false,
        help: "Schroeder all-pass around a delay of `time` seconds with coefficient fb: flat response, smeared \
               in time (diffusion). Time may be modulated (up to 2 s; a constant may be longer).",
        example: "out: saw 110 # allpass 0.013 0.7 # allpass 0.0071 0.6 # gain 0.2",
        imp: Imp::Node { make: make_allpass, channels: Channels::FollowInput, cost: 2 },
    },
    FnMeta {
        name: "comb",
        aliases: &[],
        kind: Kind::Processor,
        params: &[
            Param::value("freq", (20.0, 20000.0), Unit::Hz).glide(0.01),
            Param::value("fb", (-0.999, 0.999), Unit::Amount).default(0.9).glide(0.01),
            Param::value("damp", (0.0, 1.0), Unit::Amount).default(0.2).glide(0.01),
        ],
        variadic: false,
        help: "Feedback comb filter resonating at freq (Hz) and its harmonics: y = x + fb·lowpass(y delayed 1/freq). \
               damp dulls the echoes; on noise bursts it plucks strings.",
        example: "out: noise * env \"1*4\" 0.001 0.02 0 0.01 # comb \"110 165\" 0.98 0.3 # gain 0.3",
        imp: Imp::Node { make: make_comb, channels: Channels::FollowInput, cost: 2 },
    },
];

// ---------------------------------------------------------------------------------------------
// State-variable filters

/// Samples per coefficient chunk when cutoff or q are signals that move too much over a
/// whole block.
pub(crate) const CHUNK: usize = 32;
/// Within a block or chunk, a cutoff staying within 0.5% of one value (and q within 1%) is
/// held at that value: the coefficients are then at most 0.5% (9 cents) off in cutoff, which
/// no one hears, and the stretch runs the fast 4-sample block form, rebuilt only when the
/// parameters drift further. Faster modulation (audio-rate FM of the cutoff) gets exact
/// coefficients every sample.
pub(crate) const CUTOFF_TOLERANCE: f32 = 1.005;
const Q_TOLERANCE: f32 = 1.01;

/// A parameter over one block: one value, or one per sample.
#[derive(Clone, Copy)]
pub(crate) enum Values<'a> {
    One(f32),
    Each(&'a Buf),
}

impl<'a> Values<'a> {
    pub(crate) fn of(x: In<'a>, scratch: &'a mut Buf) -> Values<'a> {
        match x {
            In::Const(c) => Values::One(c),
            In::Mono(b) => Values::Each(b),
            In::Stereo(l, r) => {
                for i in 0..BLOCK {
                    scratch[i] = 0.5 * (l[i] + r[i]);
                }
                Values::Each(scratch)
            }
        }
    }

    #[inline(always)]
    pub(crate) fn at(&self, i: usize) -> f32 {
        match self {
            Values::One(c) => *c,
            Values::Each(b) => b[i],
        }
    }

    /// Smallest and largest value over `from..to`, in one pass over eight independent lanes
    /// so that it vectorises (NaNs are skipped).
    #[inline]
    pub(crate) fn range(&self, from: usize, to: usize) -> (f32, f32) {
        match self {
            Values::One(c) => (*c, *c),
            Values::Each(b) => span_of(&b[from..to]),
        }
    }
}

crate::dispatch_wide!(
    /// Smallest and largest value of `x`, over eight independent lanes so that it vectorises.
    /// The comparisons skip NaNs and compile to plain vector min and max (`f32::min` would
    /// add a NaN test per lane).
    fn span_of(x: &[f32]) -> (f32, f32) => span_of_body
);

#[inline(always)]
fn span_of_body(x: &[f32]) -> (f32, f32) {
    let (mut lo, mut hi) = ([f32::INFINITY; 8], [f32::NEG_INFINITY; 8]);
    let chunks = x.chunks_exact(8);
    let rest = chunks.remainder();
    for chunk in chunks {
        for j in 0..8 {
            lo[j] = if chunk[j] < lo[j] { chunk[j] } else { lo[j] };
            hi[j] = if chunk[j] > hi[j] { chunk[j] } else { hi[j] };
        }
    }
    let (mut l, mut h) = (lo[0], hi[0]);
    for &v in lo[1..].iter().chain(rest) {
        l = if v < l { v } else { l };
    }
    for &v in hi[1..].iter().chain(rest) {
        h = if v > h { v } else { h };
    }
    (l, h)
}

/// A value to hold for a parameter whose range over a stretch is `(lo, hi)`: the value
/// itself when it does not move (constants stay exact), `held` if the whole range lies within
/// a factor `ratio` of it, else the range's geometric centre if the range is narrow enough,
/// else `None`.
#[inline]
pub(crate) fn hold((lo, hi): (f32, f32), held: f32, ratio: f32) -> Option<f32> {
    if lo == hi {
        return lo.is_finite().then_some(lo);
    }
    if !(lo > 0.0 && hi.is_finite()) {
        return None;
    }
    if lo * ratio >= held && hi <= held * ratio {
        Some(held)
    } else if hi <= lo * ratio * ratio {
        Some((lo * hi).sqrt())
    } else {
        None
    }
}

/// `lpf`, `hpf`, `bpf`, `notch`: a Simper SVF per channel. Constant or slowly moving cutoff
/// and q run the four-sample block form ([`SvfBlock`]); fast modulation gets per-sample
/// coefficients.
pub struct Filter {
    mode: SvfMode,
    state: [SvfState; 2],
    /// Block form for the settings (cutoff, q) last held for a whole block, and those settings.
    block: SvfBlock,
    settings: (f32, f32),
    scratch: ChannelScratch,
    cut_mid: Box<Buf>,
    q_mid: Box<Buf>,
    inv_sr: f32,
}

impl Filter {
    fn new(mode: SvfMode, env: &BuildEnv) -> Filter {
        let inv_sr = 1.0 / env.sample_rate;
        Filter {
            mode,
            state: [SvfState::default(); 2],
            block: SvfBlock::new(&SvfCoefs::with_inv_sr(1000.0, BUTTERWORTH_Q, inv_sr), mode),
            settings: (1000.0, BUTTERWORTH_Q),
            scratch: ChannelScratch::default(),
            cut_mid: Box::new([0.0; BLOCK]),
            q_mid: Box::new([0.0; BLOCK]),
            inv_sr,
        }
    }
}

impl Filter {
    /// Response, left channel's state and held cutoff, for a voice bank continuing the filter
    /// (nodes/bank.rs).
    pub(crate) fn voice_state(&self) -> (SvfMode, SvfState, f32) {
        (self.mode, self.state[0], self.settings.0)
    }

    /// Continue a voice bank's filter of response `mode`: its state, and the cutoff it held
    /// (the coefficients, for this filter's q, are rebuilt on the next block).
    pub(crate) fn continue_voice(&mut self, mode: SvfMode, state: SvfState, held: f32) {
        if mode == self.mode {
            self.state = [state; 2];
            self.settings = (held, f32::NAN);
        }
    }
}

impl Node for Filter {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let x = inputs.get(0);
        let chans = channels(x);
        let (xl, xr) = match x {
            In::Stereo(l, r) => (l, r),
            _ => {
                let m = channel(x, 0, &mut self.scratch);
                (m, m)
            }
        };
        let (cm, qm) = (&mut *self.cut_mid, &mut *self.q_mid);
        let cut = Values::of(inputs.get(1), cm);
        let q = Values::of(inputs.get(2), qm);
        let mode = self.mode;
        // The whole block at once when it stays near the settings the current block form was
        // built for (no rebuild), or near its own centre (rebuild); else chunk by chunk.
        let (hc, hq) = self.settings;
        let whole = hold(cut.range(0, BLOCK), hc, CUTOFF_TOLERANCE).zip(hold(q.range(0, BLOCK), hq, Q_TOLERANCE));
        if let Some((f, qv)) = whole {
            if (f, qv) != self.settings {
                self.settings = (f, qv);
                self.block = SvfBlock::new(&SvfCoefs::with_inv_sr(f, qv, self.inv_sr), mode);
            }
            self.block.process(&mut self.state[0], xl, &mut out.l);
            if chans == 2 {
                self.block.process(&mut self.state[1], xr, &mut out.r);
            }
        } else {
            for from in (0..BLOCK).step_by(CHUNK) {
                let to = from + CHUNK;
                let (cr, qr) = (cut.range(from, to), q.range(from, to));
                if let Some((f, qv)) = hold(cr, cr.1, CUTOFF_TOLERANCE).zip(hold(qr, qr.1, Q_TOLERANCE)) {
                    let blk = SvfBlock::new(&SvfCoefs::with_inv_sr(f, qv, self.inv_sr), mode);
                    blk.process(&mut self.state[0], &xl[from..to], &mut out.l[from..to]);
                    if chans == 2 {
                        blk.process(&mut self.state[1], &xr[from..to], &mut out.r[from..to]);
                    }
                } else {
                    for i in from..to {
                        let c = SvfCoefs::from_g_k(prewarp(cut.at(i), self.inv_sr), 1.0 / q_clamp(q.at(i)));
                        out.l[i] = self.state[0].tick_mode(&c, xl[i], mode);
                        if chans == 2 {
                            out.r[i] = self.state[1].tick_mode(&c, xr[i], mode);
                        }
                    }
                }
            }
        }
        for s in &mut self.state[..chans] {
            s.flush();
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Filter>(old) {
            Some(o) if o.mode == self.mode => {
                self.state = o.state;
                // The held coefficients too, so a modulated filter continues exactly.
                self.settings = o.settings;
                self.block = o.block;
                true
            }
            _ => false,
        }
    }

    fn reset(&mut self) {
        self.state = [SvfState::default(); 2];
    }

    crate::node_any!();
}

fn make_lpf(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Filter::new(SvfMode::Low, env))
}

fn make_hpf(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Filter::new(SvfMode::High, env))
}

fn make_bpf(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Filter::new(SvfMode::Band, env))
}

fn make_notch(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Filter::new(SvfMode::Notch, env))
}

// ---------------------------------------------------------------------------------------------
// Ladder

/// `moog cutoff res`.
pub struct Moog {
    state: [LadderState; 2],
    scratch: ChannelScratch,
    inv_sr: f32,
}

fn make_moog(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Moog {
        state: [LadderState::default(); 2],
        scratch: ChannelScratch::default(),
        inv_sr: 1.0 / env.sample_rate,
    })
}

impl Node for Moog {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, cutoff, res) = (inputs.get(0), inputs.get(1), inputs.get(2));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = if c == 0 { &mut out.l } else { &mut out.r };
            let s = &mut self.state[c];
            match (cutoff, res) {
                (In::Const(f), In::Const(r)) => {
                    let k = LadderCoefs::new(f, r, self.inv_sr);
                    for i in 0..BLOCK {
                        y[i] = s.tick(&k, xin[i]);
                    }
                }
                _ => {
                    for i in 0..BLOCK {
                        y[i] = s.tick(&LadderCoefs::new(cutoff.at(i), res.at(i), self.inv_sr), xin[i]);
                    }
                }
            }
            s.flush();
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Moog>(old) {
            Some(o) => {
                self.state = o.state;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.state = [LadderState::default(); 2];
    }

    crate::node_any!();
}

// ---------------------------------------------------------------------------------------------
// Delay-based filters

/// Capacity in samples for a time parameter: its constant value, else `fallback` seconds.
pub(crate) fn capacity(c: &NodeConf, input: usize, fallback: f32, sr: f32) -> usize {
    let secs = match c.consts.get(input).copied().flatten() {
        Some(t) => (t as f32).max(0.0),
        None => fallback,
    };
    (secs * sr).ceil() as usize + 8
}

/// `allpass time fb`.
pub struct AllpassNode {
    ap: [DelayAllpass; 2],
    scratch: ChannelScratch,
    sr: f32,
}

fn make_allpass(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    // Inputs: audio, time, fb.
    let cap = capacity(c, 1, 2.0, env.sample_rate);
    Box::new(AllpassNode {
        ap: [DelayAllpass::new(cap), DelayAllpass::new(cap)],
        scratch: ChannelScratch::default(),
        sr: env.sample_rate,
    })
}

impl Node for AllpassNode {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, time, fb) = (inputs.get(0), inputs.get(1), inputs.get(2));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = if c == 0 { &mut out.l } else { &mut out.r };
            let ap = &mut self.ap[c];
            let max = (ap.max_delay() - 2) as f32;
            for i in 0..BLOCK {
                let d = (time.at(i) * self.sr).clamp(2.0, max);
                y[i] = ap.tick_frac(xin[i], d, fb.at(i).clamp(-0.99, 0.99));
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<AllpassNode>(old) {
            Some(o) => {
                self.ap[0].copy_from(&o.ap[0]);
                self.ap[1].copy_from(&o.ap[1]);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.ap[0].clear();
        self.ap[1].clear();
    }

    crate::node_any!();
}

/// Lowest comb frequency when the frequency is not constant.
const COMB_MIN_HZ: f32 = 20.0;

/// `comb freq fb damp`.
pub struct CombNode {
    comb: [Comb; 2],
    scratch: ChannelScratch,
    sr: f32,
}

fn make_comb(c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    let lowest = match c.consts.get(1).copied().flatten() {
        Some(f) => (f as f32).abs().max(1.0),
        None => COMB_MIN_HZ,
    };
    let cap = (env.sample_rate / lowest).ceil() as usize + 8;
    Box::new(CombNode {
        comb: [Comb::new(cap), Comb::new(cap)],
        scratch: ChannelScratch::default(),
        sr: env.sample_rate,
    })
}

impl Node for CombNode {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let (x, freq, fb, damp) = (inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3));
        for c in 0..channels(x) {
            let xin = channel(x, c, &mut self.scratch);
            let y = if c == 0 { &mut out.l } else { &mut out.r };
            let comb = &mut self.comb[c];
            let max = (comb.max_delay() - 1) as f32;
            for i in 0..BLOCK {
                let f = freq.at(i).abs().max(1.0);
                let d = (self.sr / f).clamp(1.0, max);
                y[i] = comb.tick(xin[i], d, fb.at(i).clamp(-0.999, 0.999), damp.at(i).clamp(0.0, 1.0));
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<CombNode>(old) {
            Some(o) => {
                self.comb[0].copy_from(&o.comb[0]);
                self.comb[1].copy_from(&o.comb[1]);
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.comb[0].clear();
        self.comb[1].clear();
    }

    crate::node_any!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectorised range, dispatched and baseline, is the plain smallest and largest
    /// value, skipping NaNs, at every length.
    #[test]
    fn span_is_the_range_without_nans() {
        let mut rng = crate::dsp::noise::Rng::new(17);
        for n in [1, 7, 8, 9, 32, 100, 512] {
            let mut x: Vec<f32> = (0..n).map(|_| rng.bipolar() * 1000.0).collect();
            if n > 3 {
                x[n / 2] = f32::NAN;
            }
            let finite = x.iter().copied().filter(|v| !v.is_nan());
            let lo = finite.clone().fold(f32::INFINITY, f32::min);
            let hi = finite.fold(f32::NEG_INFINITY, f32::max);
            assert_eq!(span_of(&x), (lo, hi), "n {n}");
            assert_eq!(span_of_body(&x), (lo, hi), "n {n}");
        }
    }
}
