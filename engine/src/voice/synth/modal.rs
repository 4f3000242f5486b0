//! Struck and rung bodies made of decaying sine partials (modal synthesis): `supergong`
//! (a clamped circular plate), `supervibe` (vibraphone bars with motor tremolo), `superfork`
//! (a tuning fork) and `superhex` (a drum membrane).

use super::common::{audible, t60_factor, Setup};
use crate::dsp::fast_math::sin_turns;
use crate::dsp::segments::{Line, Segments, XLine};
use crate::dsp::waves::step;

/// Lowest modes of a clamped circular plate, relative to the first.
const PLATE: [f64; 15] =
    [1.000, 2.081, 3.414, 3.893, 4.995, 5.954, 6.819, 8.280, 8.722, 8.882, 10.868, 11.180, 11.754, 13.710, 13.715];

/// `supergong`: fifteen plate modes, each struck and ringing for a time that falls with its
/// frequency; `decay` (0..2) sets how much faster the high modes die, `voice` (0..4) tilts the
/// strike towards them (a tone knob). Rings five sustains long, cut at the sustain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gong {
    env: [Segments; 15],
    ratio: [f32; 15],
    phase: [f32; 15],
    inc: f32,
    glide: Line,
    cut: Segments,
}

impl Gong {
    pub fn new(s: &Setup) -> Gong {
        let decay = s.decay(1.0).clamp(0.0, 2.0);
        let voice = s.voice(0.0).clamp(0.0, 4.0);
        let scale = s.sustain * 5.0;
        let mut total = 0.0;
        for r in PLATE {
            if audible(s.freq * r, s.sr) {
                total += r.powf(voice);
            }
        }
        let env = PLATE.map(|r| {
            let t = 100.0 / s.freq / r.powf(2.0 - decay);
            let level = if audible(s.freq * r, s.sr) { 1.2 * r.powf(voice) / total } else { 0.0 };
            Segments::perc(0.01 * t * scale, 0.5 * t * scale, level as f32, -4.0, s.sr)
        });
        Gong {
            env,
            ratio: PLATE.map(|r| r as f32),
            phase: [0.0; 15],
            inc: s.inc(s.freq),
            glide: s.glide(),
            cut: Segments::linen(0.0, s.sustain, 0.002, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.cut.done() || self.env.iter().all(|e| e.done())
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let inc = self.inc * self.glide.tick();
        let mut y = 0.0;
        for k in 0..15 {
            y += sin_turns(self.phase[k]) * self.env[k].tick();
            step(&mut self.phase[k], (inc * self.ratio[k]).min(0.49));
        }
        let y = y * self.cut.tick();
        (y, y)
    }
}

/// `supervibe`: four bar partials (1, 4, 10 and 13.75 + `detune` times the note), each
/// swelling in over one of its own periods and dying over `4·sustain` (the upper ones faster
/// as `decay` rises), a brief bright onset near the 20th partial, and the motor's tremolo
/// (`modfreq` Hz, depth `modamp`). `velocity` brightens the strike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vibe {
    phase: [f32; 7],
    inc: [f32; 7],
    level: [f32; 4],
    rise: [XLine; 4],
    fall: [XLine; 4],
    onset: XLine,
    depth: [f32; 4],
    trem: f32,
    trem_inc: f32,
    glide: Line,
    env: Segments,
}

impl Vibe {
    pub fn new(s: &Setup) -> Vibe {
        let v = s.velocity() as f32;
        let decay = s.decay(0.0);
        let detune = s.detune(0.0);
        let ratios = [1.0, 4.0, 10.0, 13.75 + detune, 19.2, 20.0, 21.2];
        let modamp = s.ctl(crate::controls::Ctl::Modamp, 1.0) as f32;
        let modfreq = s.ctl(crate::controls::Ctl::Modfreq, 7.0);
        let decays = [1.0, 0.7 * (-decay).exp(), 0.5 * (-decay).exp(), 0.4 * (-decay).exp()];
        let level = [1.0, 1.1 * v, 0.6 * v * v, 0.5 * v];
        let mut inc = [0.0; 7];
        for k in 0..7 {
            let hz = s.freq * ratios[k];
            inc[k] = if audible(hz, s.sr) { s.inc(hz) } else { 0.0 };
        }
        let mut rng = s.rng(0x7669);
        Vibe {
            phase: [0.0; 7],
            inc,
            level: std::array::from_fn(|k| if inc[k] > 0.0 { 0.3 * level[k] } else { 0.0 }),
            rise: std::array::from_fn(|k| XLine::new(1e-6, 1.0, 1.0 / (s.freq * ratios[k]), s.sr)),
            fall: std::array::from_fn(|k| XLine::new(1.0, 1e-6, decays[k] * 4.0 * s.sustain, s.sr)),
            onset: XLine::new(0.3 * (v + 1e-6), 1e-6, 0.02, s.sr),
            depth: [0.5, 0.3, 0.3, 0.5].map(|d| d * modamp),
            trem: rng.unipolar(),
            trem_inc: s.inc(modfreq.max(0.0)),
            glide: s.glide(),
            env: Segments::linen(0.001 * s.sustain, 0.998 * s.sustain, 0.001 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let m = 0.5 * (sin_turns(self.trem) + 1.0);
        step(&mut self.trem, self.trem_inc);
        let mut y = 0.0;
        for k in 0..4 {
            let trem = 1.0 - self.depth[k] * (1.0 - m);
            y += sin_turns(self.phase[k]) * self.level[k] * self.rise[k].tick() * self.fall[k].tick() * trem;
        }
        let mut hi = 0.0;
        for k in 4..7 {
            if self.inc[k] > 0.0 {
                hi += sin_turns(self.phase[k]);
            }
        }
        y += hi * self.onset.tick();
        for k in 0..7 {
            step(&mut self.phase[k], (self.inc[k] * g).min(0.49));
        }
        let y = y * self.env.tick();
        (y, y)
    }
}

/// `superfork`: a tuning fork's fundamental and its clang partials (6.1, 16.7, 20.1 times
/// it), the clang strong at the strike and gone long before the fundamental.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fork {
    phase: [f32; 4],
    inc: [f32; 4],
    amp: [XLine; 4],
    glide: Line,
    env: Segments,
}

impl Fork {
    pub fn new(s: &Setup) -> Fork {
        const RATIO: [f64; 4] = [1.0, 6.1, 16.7, 20.1];
        const FROM: [f32; 4] = [0.3, 1.0, 1.3, 2.0];
        const TO: [f32; 4] = [1e-4, 1e-7, 1e-6, 1e-7];
        const TIME: [f64; 4] = [4.0, 4.0, 0.5, 0.333];
        Fork {
            phase: [0.0; 4],
            inc: RATIO.map(|r| if audible(s.freq * r, s.sr) { s.inc(s.freq * r) } else { 0.0 }),
            amp: std::array::from_fn(|k| XLine::new(0.2 * FROM[k], 0.2 * TO[k], s.sustain * TIME[k], s.sr)),
            glide: s.glide(),
            env: Segments::linen(0.001 * s.sustain, 0.998 * s.sustain, 0.001 * s.sustain, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let mut y = 0.0;
        for k in 0..4 {
            let a = self.amp[k].tick();
            if self.inc[k] > 0.0 {
                y += sin_turns(self.phase[k]) * a;
                step(&mut self.phase[k], (self.inc[k] * g).min(0.49));
            }
        }
        let y = y * self.env.tick();
        (y, y)
    }
}

/// Modes of a circular membrane (zeros of Bessel functions), relative to the lowest.
const MEMBRANE: [f64; 12] = [1.0, 1.594, 2.136, 2.296, 2.653, 2.918, 3.156, 3.501, 3.600, 3.652, 4.060, 4.154];

/// `superhex`: a drum membrane struck softly: its inharmonic modes from the note up, the low
/// ones strongest; all ring for the same time, longer for higher notes, shorter as `rate`
/// rises (the membrane's loss).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hex {
    phase: [f32; 12],
    inc: [f32; 12],
    amp: [f32; 12],
    mul: f32,
    glide: Line,
    env: Segments,
}

impl Hex {
    pub fn new(s: &Setup) -> Hex {
        let rate = s.ctl(crate::controls::Ctl::Rate, 1.0).max(1e-3);
        // The loss per sample of the membrane at 48 kHz, as a ring time.
        let t60 = (690.0 * s.freq / (rate * 48000.0)).clamp(0.05, 30.0);
        let mut total = 0.0;
        let amp = MEMBRANE.map(|r| {
            let a = if audible(s.freq * r, s.sr) { 1.0 / r.powf(1.5) } else { 0.0 };
            total += a;
            a
        });
        Hex {
            phase: [0.0; 12],
            inc: MEMBRANE.map(|r| s.inc(s.freq * r)),
            amp: amp.map(|a| (0.8 * a / total) as f32),
            mul: t60_factor(t60, s.sr),
            glide: s.glide(),
            env: Segments::linen(0.02 * s.sustain, 0.96 * s.sustain, 0.02 * s.sustain, -3.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done() || self.amp[0] < 1e-5
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        let mut y = 0.0;
        for k in 0..12 {
            y += sin_turns(self.phase[k]) * self.amp[k];
            self.amp[k] *= self.mul;
            step(&mut self.phase[k], (self.inc[k] * g).min(0.49));
        }
        let y = y * self.env.tick();
        (y, y)
    }
}
