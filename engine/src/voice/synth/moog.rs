//! `supersquare`, `supersaw` and `superpwm`, SuperDirt's moog-style voices. The first two: oscillators at the note and at
//! a second interval (`semitone`, default an octave: below for the square, above for the
//! saw), through a moog ladder whose cutoff follows the note (`pitch1` times ten) and is swept
//! by an LFO (`rate` times a 64th of the note, `lfo` its depth in multiples of the cutoff,
//! `resonance` 0..1), softly saturated. They rise over 5% of the sustain and settle to
//! `1 - decay` by 20%, then hold until the gate closes.

use super::common::Setup;
use super::osc::{advance, pulse, saw};
use crate::controls::Ctl;
use crate::dsp::fast_math::{sin_turns, tanh};
use crate::dsp::ladder::{LadderCoefs, LadderState};
use crate::dsp::onepole::DcBlocker;
use crate::dsp::segments::{Line, Segments};
use crate::dsp::waves::{step, tri};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moog {
    square: bool,
    phase: [f64; 4],
    inc: [f64; 4],
    width: f64,
    lfo: f32,
    lfo_inc: f32,
    cut_lo: f32,
    cut_hi: f32,
    res: f32,
    ladder: LadderState,
    inv_sr: f32,
    glide: Line,
    env: Segments,
}

impl Moog {
    /// `square`: supersquare, else supersaw.
    pub fn new(s: &Setup, square: bool) -> Moog {
        let voice = s.voice(0.5);
        let semitone = s.ctl(Ctl::Semitone, 12.0);
        let second = if square { 2f64.powf(-semitone / 12.0) } else { 2f64.powf(semitone / 12.0) };
        // The saw's three oscillators spread by `voice`/50 (or `detune` percent when given).
        let spread = if s.p.detune.is_finite() { s.p.detune / 100.0 } else { voice / 50.0 };
        let inc = |m: f64| (s.freq * m / s.sr).clamp(1e-7, 0.45);
        let cut_lo = (s.freq * 10.0 * s.ctl(Ctl::Pitch1, 1.0)).min(22000.0);
        let cut_hi = (cut_lo * (s.ctl(Ctl::Lfo, 1.0) + 1.0)).min(22000.0);
        let d = (1.0 - s.decay(0.0)).clamp(0.0, 1.0) as f32;
        let t = s.sustain;
        Moog {
            square,
            // The triangle starts `voice` of a quarter cycle along, as its phase offset.
            phase: [0.0, 0.0, 0.0, (0.25 * voice).rem_euclid(1.0)],
            inc: if square {
                [inc(1.0), inc(second), 0.0, 0.0]
            } else {
                [inc(1.0 - spread), inc(1.0), inc(1.0 + spread), inc(second)]
            },
            width: voice.clamp(0.0, 1.0),
            lfo: if square { 0.0 } else { 0.75 },
            lfo_inc: (s.freq / 64.0 * s.ctl(Ctl::Rate, 1.0) / s.sr) as f32,
            cut_lo: cut_lo as f32,
            cut_hi: cut_hi as f32,
            res: (s.resonance(0.2).clamp(0.0, 1.0) * 4.0 / 4.2) as f32,
            ladder: LadderState::default(),
            inv_sr: (1.0 / s.sr) as f32,
            glide: s.glide(),
            env: Segments::new(&[0.0, 1.0, d], &[0.05 * t, 0.15 * t], -3.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        false
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick() as f64;
        let x;
        let sweep;
        if self.square {
            let (a, b) = ((self.inc[0] * g).min(0.45), (self.inc[1] * g).min(0.45));
            // A width of exactly 0 or 1 is silence, as a pulse of no width is.
            let w = self.width;
            let p = |ph: f64, dt: f64| if w <= 0.0 || w >= 1.0 { 0.0 } else { pulse(ph, dt, w) };
            x = 0.7 * p(self.phase[0], a) + 0.3 * p(self.phase[1], b);
            advance(&mut self.phase[0], a);
            advance(&mut self.phase[1], b);
            sweep = 0.5 * (sin_turns(self.lfo) + 1.0);
        } else {
            let mut sum = 0.0;
            for k in 0..3 {
                let dt = (self.inc[k] * g).min(0.45);
                sum += saw(self.phase[k], dt);
                advance(&mut self.phase[k], dt);
            }
            let dt = (self.inc[3] * g).min(0.45);
            x = 0.5 * sum + 0.5 * tri(self.phase[3] as f32) as f64;
            advance(&mut self.phase[3], dt);
            sweep = 0.5 * (tri(self.lfo) + 1.0);
        }
        step(&mut self.lfo, self.lfo_inc * g as f32);
        let cut = self.cut_lo + (self.cut_hi - self.cut_lo) * sweep;
        let c = LadderCoefs::new(cut * g as f32, self.res, self.inv_sr);
        let y = self.ladder.tick(&c, x as f32);
        let y = 0.6 * tanh(y) * self.env.tick();
        (y, y)
    }
}

/// `superpwm`: SuperDirt's moog-style pulse-width voice. Each of two pulses (at the note and
/// `semitone` below) is multiplied by a copy of itself delayed by a growing part of a period
/// (up to `voice` periods over the sustain): the product is a pulse train whose width sweeps,
/// an octave up. Through a moog ladder swept by an LFO (`rate`, `lfo`, `pitch1`, `resonance`)
/// and a second, resonant one that opens and closes over the sustain (faster with `rate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pwm {
    phase: [f64; 2],
    inc: [f64; 2],
    /// Delay of each copy in periods of the note, and how far that is in each pulse's cycles.
    lag: [Line; 2],
    lag_scale: [f64; 2],
    lfo: f32,
    lfo_inc: f32,
    cut_lo: f32,
    cut_hi: f32,
    res: f32,
    sweep: Segments,
    ladder: [LadderState; 2],
    dc: DcBlocker,
    inv_sr: f32,
    glide: Line,
    env: Segments,
}

impl Pwm {
    pub fn new(s: &Setup) -> Pwm {
        let voice = s.voice(0.5) as f32;
        let second = 2f64.powf(-s.ctl(Ctl::Semitone, 12.0) / 12.0);
        let inc = |m: f64| (s.freq * m / s.sr).clamp(1e-7, 0.45);
        let cut_lo = (s.freq * 10.0 * s.ctl(Ctl::Pitch1, 1.0)).min(22000.0);
        let cut_hi = (cut_lo * (s.ctl(Ctl::Lfo, 1.0) + 1.0)).min(22000.0);
        let rate = s.ctl(Ctl::Rate, 1.0);
        let d = (1.0 - s.decay(0.0)).clamp(0.0, 1.0) as f32;
        let t = s.sustain;
        let u = t / rate.max(1e-3);
        Pwm {
            phase: [0.0; 2],
            inc: [inc(1.0), inc(second)],
            lag: [Line::new(0.0, voice, t, s.sr), Line::new(0.1, 0.1 + voice, t, s.sr)],
            lag_scale: [1.0, second],
            lfo: 0.0,
            lfo_inc: (s.freq / 32.0 * rate / s.sr) as f32,
            cut_lo: cut_lo as f32,
            cut_hi: cut_hi as f32,
            res: (s.resonance(0.2).clamp(0.0, 1.0) * 4.0 / 4.2) as f32,
            sweep: Segments::new(&[0.1, 1.0, 0.5, 0.2, 0.2], &[0.1 * u, 0.3 * u, 0.5 * u, 0.1 * u], -3.0, s.sr),
            ladder: [LadderState::default(); 2],
            dc: DcBlocker::new(s.sr as f32),
            inv_sr: (1.0 / s.sr) as f32,
            glide: s.glide(),
            env: Segments::new(&[0.0, 1.0, d], &[0.05 * t, 0.15 * t], -3.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        false
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick() as f64;
        let mut x = 0.0;
        for (k, level) in [(0, 0.7), (1, 0.3)] {
            let dt = (self.inc[k] * g).min(0.45);
            let lagged = (self.phase[k] - self.lag[k].tick() as f64 * self.lag_scale[k]).rem_euclid(1.0);
            x += level * pulse(self.phase[k], dt, 0.5) * pulse(lagged, dt, 0.5);
            advance(&mut self.phase[k], dt);
        }
        // Two pulses in step multiply to a constant: keep only what moves.
        let x = self.dc.tick(x as f32);
        let sweep = 0.5 * (sin_turns(self.lfo) + 1.0);
        step(&mut self.lfo, self.lfo_inc * g as f32);
        let cut = (self.cut_lo + (self.cut_hi - self.cut_lo) * sweep) * g as f32;
        let c1 = LadderCoefs::new(cut, self.res, self.inv_sr);
        let c2 = LadderCoefs::new((self.sweep.tick() * self.cut_hi * 1.1).min(22000.0), 3.0 / 4.2, self.inv_sr);
        let y = self.ladder[0].tick(&c1, x);
        let y = self.ladder[1].tick(&c2, y);
        let y = 0.5 * tanh(2.0 * y) * self.env.tick();
        (y, y)
    }
}
