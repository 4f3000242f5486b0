//! Generative textures: `supergrind` (a folded feedback string driven by impulse trains),
//! `superprimes` (partials pinged at prime-number rates) and `superwavemechanics` (resonant
//! noise in a long wash).

use super::common::{audible, linexp, pan2, t60_factor, Setup};
use crate::controls::Ctl;
use crate::dsp::fast_math::{sin_turns, tanh};
use crate::dsp::inline_delay::InlineDelay;
use crate::dsp::noise::{Rng, White};
use crate::dsp::onepole::DcBlocker;
use crate::dsp::segments::{Line, Segments};
use crate::dsp::svf::{SvfCoefs, SvfState};
use crate::dsp::waves::step;

/// All-pass lengths of the small diffusers, samples at 48 kHz.
const DIFFUSE: [f64; 3] = [241.0, 83.0, 29.0];

/// Three all-passes in series: a short, dense smear standing in for a room.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Diffuser {
    lines: [InlineDelay<512>; 3],
    len: [usize; 3],
}

impl Diffuser {
    fn new(sr: f64, stretch: f64) -> Diffuser {
        Diffuser {
            lines: [InlineDelay::default(); 3],
            len: DIFFUSE.map(|d| ((d * stretch * sr / 48000.0) as usize).clamp(1, InlineDelay::<512>::MAX)),
        }
    }

    #[inline]
    fn tick(&mut self, x: f32) -> f32 {
        let mut y = x;
        for k in 0..3 {
            y = self.lines[k].allpass(y, self.len[k], 0.6);
        }
        y
    }
}

/// `supergrind`: a feedback delay tuned to the note (two taps `detune` Hz apart), saturating
/// as it rings, kicked by an impulse train near half the note (only the note's harmonics ring) (`voice` raises it, a slow
/// sweep bends it) and by louder kicks at `rate` (a quarter of it for three seconds, then
/// twice it for one); folded through sines and smeared.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grind {
    string: InlineDelay<2048>,
    taps: [f32; 2],
    dc: DcBlocker,
    train: f32,
    train_inc: f32,
    train_dev: f32,
    sweep: f32,
    sweep_inc: f32,
    kick: f32,
    kick_left: u32,
    kick_len: u32,
    rate: f32,
    second: u32,
    t: u32,
    sr: u32,
    diffuser: Diffuser,
    glide: Line,
    env: Segments,
}

impl Grind {
    pub fn new(s: &Setup) -> Grind {
        let half = s.freq / 2.0;
        let det = s.detune(0.0);
        let max = (InlineDelay::<2048>::MAX - 2) as f64;
        let tap = |d: f64| (s.sr / (2.0 * half + d).max(1.0)).clamp(2.0, max) as f32;
        Grind {
            string: InlineDelay::default(),
            taps: [tap(det), tap(-det)],
            dc: DcBlocker::new(s.sr as f32),
            train: 0.0,
            train_inc: s.inc((s.voice(0.0) + 1.0) * half),
            train_dev: s.inc(half / 2.0),
            sweep: 0.0,
            sweep_inc: s.inc(0.25),
            kick: 1.0,
            kick_left: 0,
            kick_len: s.samples(64.0 / 48000.0).max(1),
            rate: s.ctl(Ctl::Rate, 1.0).max(0.0) as f32,
            second: s.samples(1.0).max(1),
            t: 0,
            sr: s.sr as u32,
            diffuser: Diffuser::new(s.sr, 1.0),
            glide: s.glide(),
            env: Segments::linen(0.1 * s.sustain, 0.8 * s.sustain, 0.1 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick().max(1e-3);
        // The impulse train.
        let inc = (self.train_inc + sin_turns(self.sweep) * self.train_dev) * g;
        step(&mut self.sweep, self.sweep_inc);
        self.train += inc.max(0.0);
        let imp = if self.train >= 1.0 {
            self.train -= self.train.floor();
            1.0
        } else {
            0.0
        };
        // The kicks: a quarter of `rate` for three seconds, twice it for the fourth.
        let slow = (self.t / self.second) % 4 != 3;
        self.t = self.t.wrapping_add(1);
        let per_sec = self.rate * if slow { 0.25 } else { 2.0 };
        self.kick += per_sec / self.sr as f32;
        if self.kick >= 1.0 {
            self.kick -= self.kick.floor();
            self.kick_left = self.kick_len;
        }
        let trig = if self.kick_left > 0 {
            self.kick_left -= 1;
            1.0
        } else {
            0.0
        };
        let y = 0.5 * (self.string.read_linear(self.taps[0] / g) + self.string.read_linear(self.taps[1] / g));
        // Fed back at once, so the loop is exactly the taps' length.
        let fb = tanh(self.dc.tick(y));
        self.string.push(fb + imp + trig);
        let folded = sin_turns((y + 8.0 * trig) * 4.0 / std::f32::consts::TAU);
        let wet = folded + 0.7 * self.diffuser.tick(folded);
        let out = 0.3 * (sin_turns(wet / std::f32::consts::TAU) + y) * self.env.tick();
        (out, out)
    }
}

/// Samples between updates of the partials' stereo positions (they move over seconds).
const PAN_EVERY: u32 = 32;

const PRIMES: [f64; 9] = [2.0, 3.0, 5.0, 7.0, 11.0, 13.0, 17.0, 19.0, 23.0];

/// `superprimes`: nine partials at multiples of half the note (alternately `detune`/12 sharp
/// and flat), each pinged again and again at a rate set by its own prime (`rate` scales them)
/// and ringing longer the larger the prime; `voice` (0..2) sharpens the pings from soft swells
/// and shrinks the room; the partials drift across the stereo field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Primes {
    phase: [f32; 9],
    inc: [f32; 9],
    level: [f32; 9],
    ring: [f32; 9],
    ping: [f32; 9],
    ping_inc: [f32; 9],
    smooth: [SvfState; 9],
    c: SvfCoefs,
    drift: f32,
    drift_inc: f32,
    /// Stereo gains of each partial, refreshed every [`PAN_EVERY`] samples as they drift.
    pan: [(f32, f32); 9],
    pan_left: u32,
    room: [Diffuser; 2],
    wet: f32,
    glide: Line,
    env: Segments,
}

#[inline]
fn softclip(x: f32) -> f32 {
    let a = x.abs();
    if a <= 0.5 {
        x
    } else {
        (a - 0.25) / x
    }
}

impl Primes {
    pub fn new(s: &Setup) -> Primes {
        let det = s.detune(0.0) / 12.0;
        let rate = s.ctl(Ctl::Rate, 1.0).max(0.0);
        let voice = s.voice(0.0);
        let sus = s.sustain.max(1e-3);
        let hz = |k: usize| s.freq * (k + 1) as f64 * if k.is_multiple_of(2) { 1.0 + det } else { 1.0 - det } / 2.0;
        Primes {
            phase: [0.0; 9],
            inc: std::array::from_fn(|k| if audible(hz(k), s.sr) { s.inc(hz(k)) } else { 0.0 }),
            level: [0.0; 9],
            ring: PRIMES.map(|p| t60_factor((p + 3.0) * sus / 10.0, s.sr)),
            // Each ping train starts with a ping.
            ping: [1.0; 9],
            ping_inc: PRIMES.map(|p| s.inc(30.0 / p / sus * rate)),
            smooth: [SvfState::default(); 9],
            c: SvfCoefs::new(
                linexp(voice, 0.0, 2.0, 30.0, 18000.0).min(0.45 * s.sr) as f32,
                std::f32::consts::FRAC_1_SQRT_2,
                s.sr as f32,
            ),
            drift: 0.0,
            drift_inc: s.inc(0.1 / sus) * PAN_EVERY as f32,
            pan: [(0.0, 0.0); 9],
            pan_left: 0,
            room: [Diffuser::new(s.sr, 1.0), Diffuser::new(s.sr, 1.37)],
            wet: linexp(voice, 0.0, 5.0, 1.0, 0.01) as f32,
            glide: s.glide(),
            env: Segments::linen(0.1 * s.sustain, 0.6 * s.sustain, 0.3 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        if self.pan_left == 0 {
            self.pan_left = PAN_EVERY;
            for k in 0..9 {
                self.pan[k] = pan2(sin_turns(k as f32 / 9.0 + self.drift));
            }
            step(&mut self.drift, self.drift_inc);
        }
        self.pan_left -= 1;
        let (mut l, mut r) = (0.0, 0.0);
        for k in 0..9 {
            self.ping[k] += self.ping_inc[k];
            if self.ping[k] >= 1.0 {
                self.ping[k] -= self.ping[k].floor();
                self.level[k] += 1.0;
            }
            self.level[k] *= self.ring[k];
            let amp = self.smooth[k].tick(&self.c, self.level[k]).low;
            let x = softclip(sin_turns(self.phase[k]) * amp);
            step(&mut self.phase[k], (self.inc[k] * g).min(0.49));
            l += x * self.pan[k].0;
            r += x * self.pan[k].1;
        }
        let l = tanh(l + self.wet * self.room[0].tick(l));
        let r = tanh(r + self.wet * self.room[1].tick(r));
        let e = 0.4 * self.env.tick();
        (l * e, r * e)
    }
}

/// Resonator ratios of `superwavemechanics`, times the note.
const WAVES: [f64; 4] = [3.0 / 8.0, 5.0 / 8.0, 1.0, 9.0 / 8.0];

/// `superwavemechanics`: white noise through eight narrow resonators at random multiples of
/// the note (picked in quarter steps; `detune` widens the pick), loud and limited, into a
/// wash whose length `resonance` shortens (0: a minute and more, 1: a tenth of a second);
/// `voice` (0..1) widens the resonators from whistles to hiss. Faded in and out over the
/// sustain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaveMechanics {
    noise: White,
    bands: [SvfState; 8],
    c: [SvfCoefs; 8],
    on: [f32; 8],
    gain: f32,
    wash: [InlineDelay<1536>; 2],
    wash_len: usize,
    wash_fb: f32,
    wash_in: f32,
    dc: [DcBlocker; 2],
    t: f32,
    dt: f32,
}

impl WaveMechanics {
    pub fn new(s: &Setup) -> WaveMechanics {
        let mut rng: Rng = s.rng(0x776d);
        let det = s.detune(0.0).min(1.5);
        let bw = 0.01 + linexp(s.voice(0.0), 0.0, 1.0, 1e-3, 1.0);
        let q = (1.0 / bw) as f32;
        let f = s.freq * s.p.speed.abs();
        let mut on = [0.0; 8];
        let c = std::array::from_fn(|k| {
            let i = (rng.next_u32() % 4) as f64;
            let lo = 1.6 * i - det;
            let hi = 1.7 * i + det;
            let d = ((lo + (hi - lo) * rng.unipolar() as f64) * 4.0).round() / 4.0;
            let hz = f * WAVES[k % 4] * d;
            if audible(hz, s.sr) && hz > 20.0 {
                on[k] = 1.0;
            }
            SvfCoefs::new(hz.clamp(20.0, 0.45 * s.sr) as f32, q, s.sr as f32)
        });
        let revtime = linexp(s.resonance(0.0), 0.0, 1.0, 99.0, 0.1);
        let wash_len = ((1499.0 * s.sr / 48000.0) as usize).clamp(2, InlineDelay::<1536>::MAX);
        let wash_fb = t60_factor(revtime, s.sr).powf(wash_len as f32);
        WaveMechanics {
            noise: White::new(s.seed as u64 ^ 0x776e),
            bands: [SvfState::default(); 8],
            c,
            on,
            // Narrow bands pass little noise: bring each to a similar loudness before limiting.
            gain: 55.0 * 0.5 * q.sqrt().min(10.0) / 10.0,
            wash: [InlineDelay::default(); 2],
            wash_len,
            wash_fb,
            wash_in: (1.0 - wash_fb * wash_fb).sqrt(),
            dc: [DcBlocker::new(s.sr as f32); 2],
            t: 0.0,
            dt: (1.0 / (s.sustain.max(1e-3) * s.sr)) as f32,
        }
    }

    pub fn finished(&self) -> bool {
        self.t >= 1.0
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let x = 0.5 * self.noise.tick();
        let mut ch = [0.0f32; 2];
        for k in 0..8 {
            if self.on[k] != 0.0 {
                ch[k % 2] += self.bands[k].tick(&self.c[k], x).band_unity(&self.c[k]);
            }
        }
        let env = if self.t < 1.0 { (std::f32::consts::PI * self.t).sin().powi(2) } else { 0.0 };
        self.t += self.dt;
        let mut out = [0.0f32; 2];
        for k in 0..2 {
            let dry = tanh(ch[k] * self.gain);
            let wet = self.wash[k].read(self.wash_len - 37 * k);
            self.wash[k].push(dry * self.wash_in + wet * self.wash_fb);
            out[k] = 0.4 * tanh(self.dc[k].tick(dry + wet)) * env;
        }
        (out[0], out[1])
    }
}
