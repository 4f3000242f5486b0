//! Analogue-style voices: `supercomparator` (a ramp compared against slow triangles),
//! `superzow` (phased detuned ramps), `superhoover` (the rave hoover), `superreese` (the
//! detuned reese bass), `supertron` (pulse width fed back from its own output) and
//! `supersiren` (a sweeping siren).

use super::common::{audible, pan2, Setup};
use super::osc::{pulse, saw};
use crate::controls::Ctl;
use crate::dsp::fast_math::{exp2, sin_turns};
use crate::dsp::inline_delay::InlineDelay;
use crate::dsp::ladder::{LadderCoefs, LadderState};
use crate::dsp::noise::Rng;
use crate::dsp::onepole::{DcBlocker, OnePoleTpt};
use crate::dsp::segments::{Line, Segments};
use crate::dsp::svf::{SvfCoefs, SvfState};
use crate::dsp::waves::{parabolic, step, tri, varsaw};

/// The envelope shared by the moog-style voices: up in 5% of the sustain, down to
/// `1 - decay` by 20%, held, and out over the last 5%.
fn moog_env(s: &Setup, attack: f64, curve: f32) -> Segments {
    let d = (1.0 - s.decay(0.0)).clamp(0.0, 1.0) as f32;
    let t = s.sustain;
    Segments::new(&[0.0, 1.0, d, d, 0.0], &[attack * t, (0.2 - attack) * t, 0.75 * t, 0.05 * t], curve, s.sr)
}

/// Smooth random movement: straight lines between random values `1/hz` apart, −1..1.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drift {
    rng: Rng,
    from: f32,
    to: f32,
    phase: f32,
    inc: f32,
}

impl Drift {
    fn new(mut rng: Rng, hz: f32, sr: f64) -> Drift {
        let (from, to) = (rng.bipolar(), rng.bipolar());
        Drift { rng, from, to, phase: 0.0, inc: hz / sr as f32 }
    }

    #[inline]
    fn tick(&mut self) -> f32 {
        let v = self.from + (self.to - self.from) * self.phase;
        self.phase += self.inc;
        if self.phase >= 1.0 {
            self.phase -= 1.0;
            self.from = self.to;
            self.to = self.rng.bipolar();
        }
        v
    }
}

/// LFO rates (Hz, before `voice` bends them) of the comparator's sixteen thresholds.
const THRESHOLDS: [f32; 16] = [
    1.000, 2.188, 5.091, 8.529, 8.950, 9.305, 13.746, 14.653, 19.462, 22.003, 24.888, 25.991, 26.085, 30.509, 33.608,
    35.081,
];

/// `supercomparator`: a ramp whose shape moves from saw to triangle over the sustain, compared
/// against sixteen slow triangles: sixteen pulse trains at the note whose widths wander,
/// spread across the stereo field, through a moog filter whose cutoff follows the note
/// (`pitch1` times 4), wobbles (`lfo` depth, `rate`) and resonates (`resonance`). `voice`
/// speeds the thresholds up: breathier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparator {
    phase: f32,
    inc: f32,
    width: Line,
    tri: [f32; 16],
    tri_inc: [f32; 16],
    pan: [(f32, f32); 16],
    lfo: f32,
    lfo_inc: f32,
    drift: Drift,
    cutoff: f32,
    wobble: f32,
    wander: f32,
    res: f32,
    ladder: [LadderState; 2],
    /// Pulses of any width but a half carry DC: it goes.
    dc: [DcBlocker; 2],
    inv_sr: f32,
    glide: Line,
    env: Segments,
}

impl Comparator {
    pub fn new(s: &Setup) -> Comparator {
        let voice = s.voice(0.5) as f32;
        let lfo = s.ctl(Ctl::Lfo, 1.0) as f32;
        let f = s.freq as f32;
        Comparator {
            phase: 0.0,
            inc: s.inc(s.freq),
            width: Line::new(0.0, 1.0, s.sustain, s.sr),
            tri: [0.25; 16],
            tri_inc: THRESHOLDS.map(|r| r.powf(voice / 5.0) / s.sr as f32),
            pan: std::array::from_fn(|i| {
                let (l, r) = pan2(-1.0 + 2.0 * i as f32 / 15.0);
                (l * 0.25, r * 0.25)
            }),
            lfo: 0.0,
            lfo_inc: s.inc(s.freq / 64.0 * s.ctl(Ctl::Rate, 1.0)),
            drift: Drift::new(s.rng(0x636d), 1.0, s.sr),
            cutoff: (s.ctl(Ctl::Pitch1, 1.0) * 4.0 * s.freq) as f32,
            wobble: lfo * f / 2.0,
            wander: lfo * f,
            res: ((4.0 * s.resonance(0.5)).min(4.0) / 4.2) as f32,
            ladder: [LadderState::default(); 2],
            dc: [DcBlocker::new(s.sr as f32); 2],
            inv_sr: (1.0 / s.sr) as f32,
            glide: s.glide(),
            env: moog_env(s, 0.05, -3.0),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let ramp = varsaw(self.phase, self.width.tick());
        step(&mut self.phase, (self.inc * g).min(0.49));
        let (mut l, mut r) = (0.0, 0.0);
        for k in 0..16 {
            let v = if ramp > tri(self.tri[k]) { 0.5 } else { -0.5 };
            step(&mut self.tri[k], self.tri_inc[k]);
            l += v * self.pan[k].0;
            r += v * self.pan[k].1;
        }
        let cut = self.cutoff * g + sin_turns(self.lfo) * self.wobble + self.drift.tick() * self.wander;
        step(&mut self.lfo, self.lfo_inc);
        let c = LadderCoefs::new(cut.max(20.0), self.res, self.inv_sr);
        let e = 0.5 * self.env.tick();
        let l = self.dc[0].tick(self.ladder[0].tick(&c, l));
        let r = self.dc[1].tick(self.ladder[1].tick(&c, r));
        (l * e, r * e)
    }
}

/// `superzow`: three ramps (one detuned up and one down by `detune` percent) whose shape
/// opens from saw to triangle; the detuned two are delayed by a growing part of a period and
/// subtracted and added, so the sound phases and sweeps. `slide` sets how fast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zow {
    phase: [f32; 3],
    inc: [f32; 3],
    ratio: [f32; 3],
    width: Line,
    lag2: Line,
    lag3: Line,
    glide: Line,
    env: Segments,
}

impl Zow {
    pub fn new(s: &Setup) -> Zow {
        let d = s.detune(1.0) / 100.0;
        let slide = s.ctl(Ctl::Slide, 1.0).abs().max(1e-3);
        let ratio = [1.0, 1.0 + d, 1.0 - d];
        let t = s.sustain / slide;
        let d = s.decay(0.0).clamp(0.0, 1.0) as f32;
        let u = s.sustain;
        Zow {
            phase: [0.0; 3],
            inc: ratio.map(|r| s.inc(s.freq * r)),
            ratio: ratio.map(|r| r as f32),
            width: Line::new(0.0, 0.5, 20.0 * t, s.sr),
            lag2: Line::new(0.0, 1.0, 5.0 * t, s.sr),
            lag3: Line::new(0.0, 1.0, 20.0 * t, s.sr),
            glide: s.glide(),
            env: Segments::new(
                &[0.0, 1.0, 1.0 - d, 1.0 - d, 0.0],
                &[0.07 * u, 0.13 * u, 0.75 * u, 0.05 * u],
                -1.0,
                s.sr,
            ),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let w = self.width.tick();
        // A delay of `lag` periods of the note is a phase lag of `lag · ratio` cycles.
        let p2 = (self.phase[1] - self.lag2.tick() * self.ratio[1]).rem_euclid(1.0);
        let p3 = (self.phase[2] - self.lag3.tick() * self.ratio[2]).rem_euclid(1.0);
        let y = varsaw(self.phase[0], w) - varsaw(p2, w) + varsaw(p3, w);
        for k in 0..3 {
            step(&mut self.phase[k], (self.inc[k] * g).min(0.49));
        }
        let y = 0.3 * y * self.env.tick();
        (y, y)
    }
}

/// log2(1.005/0.995): the hoover's chorus span.
const WOBBLE_LOG2: f32 = 0.014_426_7;

/// `superhoover`: the hoover. Three chorused copies of the note (each wobbling ±0.5% at about
/// 3 Hz) play ramps two and one octave down and at the note, each gated by a pulse whose width
/// sweeps, over a sub-octave hum; presence boosts at 3.5 and 6 kHz; a short swept delay left
/// and right widens it. `slide` bends the start of the note down (positive) or up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hoover {
    saw: [f64; 3],
    gate: [f64; 3],
    hum: [f32; 3],
    chorus: [f32; 3],
    pwm: [f32; 3],
    wide: f32,
    inc: f32,
    inv_sr: f32,
    bend: Segments,
    slide: f32,
    presence: [SvfState; 2],
    p1: SvfCoefs,
    p2: SvfCoefs,
    delay: InlineDelay<1024>,
    /// The gated ramps are all positive: their DC goes.
    dc: DcBlocker,
    sr: f32,
    glide: Line,
    env: Segments,
}

impl Hoover {
    pub fn new(s: &Setup) -> Hoover {
        let d = s.decay(0.0).clamp(0.0, 1.0) as f32;
        let u = s.sustain;
        let sr = s.sr as f32;
        Hoover {
            saw: [0.5, 0.505, 0.51],
            gate: [0.0; 3],
            hum: [0.0; 3],
            chorus: [3.0, 5.5, 1.2].map(|p: f32| p / std::f32::consts::TAU),
            pwm: [0.0; 3],
            wide: 0.0,
            inc: s.inc(s.freq),
            inv_sr: 1.0 / sr,
            bend: Segments::new(&[0.0, 1.0, 0.0], &[0.05 * u, 0.3 * u], 0.0, s.sr),
            slide: (-s.ctl(Ctl::Slide, 0.0) / 4.0) as f32,
            presence: [SvfState::default(); 2],
            p1: SvfCoefs::new(6000f32.min(0.45 * sr), 1.0, sr),
            p2: SvfCoefs::new(3500f32.min(0.45 * sr), 1.0, sr),
            delay: InlineDelay::default(),
            dc: DcBlocker::new(sr),
            sr,
            glide: s.glide(),
            env: Segments::new(
                &[0.0, 1.0, 1.0 - d, 1.0 - d, 0.0],
                &[0.03 * u, 0.17 * u, 0.75 * u, 0.05 * u],
                -1.0,
                s.sr,
            ),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        const CHORUS_HZ: [f32; 3] = [2.94, 3.0, 3.07];
        const PWM_HZ: [f32; 3] = [1.3, 2.9, 4.4];
        const OCT: [f32; 3] = [0.25, 0.5, 1.0];
        const LEVEL: [f32; 3] = [1.0, 0.9, 1.1];
        let base = self.inc * self.glide.tick() * (1.0 + self.slide * self.bend.tick());
        let mut mix = 0.0;
        for k in 0..3 {
            // ±0.5% around the note, exponentially: 0.995·(1.005/0.995)^u for u in 0..1.
            let wob = 0.995 * exp2(WOBBLE_LOG2 * 0.5 * (sin_turns(self.chorus[k]) + 1.0));
            step(&mut self.chorus[k], CHORUS_HZ[k] * self.inv_sr);
            let width = 0.5 + 0.375 * sin_turns(self.pwm[k]);
            step(&mut self.pwm[k], PWM_HZ[k] * self.inv_sr);
            let inc = (base * wob) as f64;
            let (si, gi) = ((inc * OCT[k] as f64).min(0.45), (inc * 2.0 * OCT[k] as f64).min(0.45));
            let ramp = 0.5 * (saw(self.saw[k], si) + 1.0) as f32;
            let open = 1.0 - 0.5 * (pulse(self.gate[k], gi, width as f64) + 1.0) as f32;
            mix += LEVEL[k] * ramp * open * 0.15;
            super::osc::advance(&mut self.saw[k], si);
            super::osc::advance(&mut self.gate[k], gi);
            mix += 0.1 * parabolic(self.hum[k]);
            step(&mut self.hum[k], (inc * 0.25) as f32);
        }
        let mix = self.dc.tick(mix);
        // Presence: +3 dB at 6 kHz, +6 dB at 3.5 kHz.
        let b1 = self.presence[0].tick(&self.p1, mix).band_unity(&self.p1);
        let mix = mix + (1.413 - 1.0) * b1;
        let b2 = self.presence[1].tick(&self.p2, mix).band_unity(&self.p2);
        let mix = mix + (1.995 - 1.0) * b2;
        self.delay.push(mix);
        let sweep = |p: f32| (1.0 / 300.0 + (1.0 / 200.0 - 1.0 / 300.0) * 0.5 * (sin_turns(p) + 1.0)) * self.sr;
        let l = mix + self.delay.read_linear(sweep(self.wide + 0.25));
        let r = mix + self.delay.read_linear(sweep(self.wide + 0.75));
        step(&mut self.wide, 3.0 * self.inv_sr);
        let e = 0.8 * self.env.tick();
        (l * e, r * e)
    }
}

/// `superreese`: two nearly-saw ramps a little below and above the note (`detune` percent
/// further apart), panned slightly apart, through a resonant low-pass at ten times the note,
/// clipped hard, and a second resonant low-pass at twenty; `voice` (0..2) trades the first
/// filter's resonance for the second's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reese {
    phase: [f32; 2],
    inc: [f32; 2],
    lp1: [SvfState; 2],
    lp2: [SvfState; 2],
    c1: SvfCoefs,
    c2: SvfCoefs,
    pan: [(f32, f32); 2],
    glide: Line,
    env: Segments,
}

impl Reese {
    pub fn new(s: &Setup) -> Reese {
        let d = s.detune(0.0) / 100.0;
        let v = s.voice(0.0).clamp(0.0, 2.0);
        let (q1, q2) = (3.0 - 1.25 * v, 2.0 + 2.5 * v);
        let sr = s.sr as f32;
        let cut = |m: f64| (s.freq * m).min(0.45 * s.sr) as f32;
        Reese {
            phase: [0.7, 0.5],
            inc: [s.inc(s.freq * (0.99 - d)), s.inc(s.freq * (1.01 + d))],
            lp1: [SvfState::default(); 2],
            lp2: [SvfState::default(); 2],
            c1: SvfCoefs::new(cut(10.0), q1 as f32, sr),
            c2: SvfCoefs::new(cut(20.0), q2 as f32, sr),
            pan: [pan2(-0.2), pan2(0.2)],
            glide: s.glide(),
            env: Segments::linen(0.05 * s.sustain, 0.8 * s.sustain, 0.15 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let a = varsaw(self.phase[0], 0.01);
        let b = varsaw(self.phase[1], 0.02);
        step(&mut self.phase[0], (self.inc[0] * g).min(0.49));
        step(&mut self.phase[1], (self.inc[1] * g).min(0.49));
        let ch = [a * self.pan[0].0 + b * self.pan[1].0, a * self.pan[0].1 + b * self.pan[1].1];
        let mut out = [0.0; 2];
        for k in 0..2 {
            let x = self.lp1[k].tick(&self.c1, ch[k]).low;
            let x = x.clamp(-0.2, 0.2) * 5.0;
            out[k] = 0.35 * self.lp2[k].tick(&self.c2, x).low;
        }
        let e = self.env.tick();
        (out[0] * e, out[1] * e)
    }
}

/// `supertron`: two pulses 1 Hz (+ `detune`) above and below the note whose width is the
/// voice's own output, low-passed: a feedback loop that buzzes and flutters. `voice` narrows
/// the widest pulse.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tron {
    phase: [f64; 2],
    inc: [f64; 2],
    last: f32,
    lp: SvfState,
    c: SvfCoefs,
    span: f32,
    /// A leaky DC trap (about 35 Hz): without it the loop drifts into a slow sub-audio swing.
    dc: OnePoleTpt,
    glide: Line,
    env: Segments,
}

impl Tron {
    pub fn new(s: &Setup) -> Tron {
        let d = s.detune(0.0);
        let hz = |x: f64| (x.max(1.0) / s.sr).min(0.45);
        Tron {
            phase: [0.0, 0.25],
            inc: [hz(s.freq + 1.0 + d), hz(s.freq - 1.0 - d)],
            last: 0.0,
            lp: SvfState::default(),
            c: SvfCoefs::new((s.freq / 6.1).max(5.0) as f32, 1.0 / 1.5, s.sr as f32),
            span: (1.0 - s.voice(0.0) / 1.5).clamp(0.05, 1.0) as f32,
            dc: OnePoleTpt::new(35.0, (1.0 / s.sr) as f32),
            glide: s.glide(),
            env: Segments::linen(0.05 * s.sustain, 0.85 * s.sustain, 0.1 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick() as f64;
        let fb = self.lp.tick(&self.c, self.last).low;
        let w = (0.5 * (4.0 * fb + 1.0) * self.span).clamp(0.02, 0.98) as f64;
        let mut y = 0.0;
        for k in 0..2 {
            let inc = (self.inc[k] * g).min(0.45);
            // Without its DC the width moves the timbre, not the level: the loop stays audible.
            y += (pulse(self.phase[k], inc, w) - (2.0 * w - 1.0)) as f32;
            super::osc::advance(&mut self.phase[k], inc);
        }
        let y = self.dc.high(y);
        self.last = y;
        let y = 0.2 * y * self.env.tick();
        (y, y)
    }
}

/// `supersiren`: a ramp rising to four times the note and back over the sustain while its
/// shape opens from saw to triangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Siren {
    phase: f32,
    inc: f32,
    sweep: Segments,
    width: Line,
    glide: Line,
    env: Segments,
}

impl Siren {
    pub fn new(s: &Setup) -> Siren {
        let t = s.sustain;
        Siren {
            phase: 0.0,
            inc: if audible(s.freq, s.sr) { s.inc(s.freq) } else { 0.0 },
            sweep: Segments::new(&[0.0, 3.0, 3.0, 0.0], &[0.25 * t, 0.5 * t, 0.25 * t], 0.0, s.sr),
            width: Line::new(0.05, 1.0, t, s.sr),
            glide: s.glide(),
            env: Segments::linen(0.05 * t, 0.9 * t, 0.05 * t, -2.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let y = varsaw(self.phase, self.width.tick());
        let inc = self.inc * self.glide.tick() * (1.0 + self.sweep.tick());
        step(&mut self.phase, inc.min(0.49));
        let y = 0.5 * y * self.env.tick();
        (y, y)
    }
}
