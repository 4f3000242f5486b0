//! Digital voices: `superchip` (a three-tone sound chip), `supernoise` (digital noise through
//! a band-pass) and `superstatic` (crackling impulse noise).

use super::common::{audible, wrap2, Setup};
use super::osc::{advance, pulse};
use crate::controls::Ctl;
use crate::dsp::fast_math::tanh;
use crate::dsp::noise::{Brown, Rng, White};
use crate::dsp::onepole::DcBlocker;
use crate::dsp::segments::{Line, Segments};
use crate::dsp::svf::{SvfCoefs, SvfState};

/// The tone clock of a 1.77 MHz programmable sound generator: a tone's period is a whole
/// number of its ticks, so its pitches are slightly out of tune, as on the chip.
const CHIP_TICKS: f64 = 1_773_400.0 / 16.0;

/// The pitch the chip can play nearest to `hz`.
#[inline]
pub fn chip_pitch(hz: f64) -> f64 {
    let period = (CHIP_TICKS / hz.max(1.0)).round().clamp(1.0, 4095.0);
    CHIP_TICKS / period
}

/// `superchip`: three square tones at the note and `pitch2`, `pitch3` times it, tuned to the
/// chip's clock; `voice` (0..1) switches the tones on and off in eight combinations; `slide`
/// glides the pitch up by up to `slide·100` Hz, `rate` times over the sustain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chip {
    phase: [f64; 3],
    ratio: [f64; 3],
    on: [f32; 3],
    freq: f64,
    inv_sr: f64,
    sweep: Line,
    slide: f32,
    glide: Line,
    env: Segments,
}

impl Chip {
    pub fn new(s: &Setup) -> Chip {
        let voice = s.voice(0.0);
        let rate = s.ctl(Ctl::Rate, 1.0) as f32;
        let bit = |x: f64| if x.rem_euclid(1.0) < 0.5 { 1.0 } else { 0.0 };
        Chip {
            phase: [0.0; 3],
            ratio: [1.0, s.ctl(Ctl::Pitch2, 2.0), s.ctl(Ctl::Pitch3, 3.0)],
            on: [if voice < 0.5 { 1.0 } else { 0.0 }, bit(2.0 * voice), bit(4.0 * voice)],
            freq: s.freq,
            inv_sr: 1.0 / s.sr,
            sweep: Line::new(-1.0, 1.0 + (2.0 * rate - 2.0), s.sustain, s.sr),
            slide: (s.ctl(Ctl::Slide, 0.0) * 100.0) as f32,
            glide: s.glide(),
            env: Segments::linen(0.01 * s.sustain, 0.98 * s.sustain, 0.01 * s.sustain, -1.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let bend = wrap2(self.slide * self.sweep.tick(), self.slide.abs()) as f64;
        let base = (self.freq + bend) * self.glide.tick() as f64;
        let mut y = 0.0;
        for k in 0..3 {
            if self.on[k] == 0.0 {
                continue;
            }
            let hz = chip_pitch(base * self.ratio[k]);
            let inc = (hz * self.inv_sr).min(0.45);
            y += pulse(self.phase[k], inc, 0.5) as f32;
            advance(&mut self.phase[k], inc);
        }
        let y = 0.8 * tanh(0.25 * y) * self.env.tick();
        (y, y)
    }
}

/// `supernoise`: noise pitched by the note. `voice` 0 is stepped random values at eight
/// times the note (a digital buzz), 1 a blend of brown and white noise; a band-pass at
/// forty times the note (`pitch1` scales it, `slide` sweeps it, `resonance` sharpens it);
/// `accelerate` sweeps the step rate up and down, `rate` times over the sustain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Noise {
    rng: Rng,
    white: White,
    brown: Brown,
    held: f32,
    phase: f32,
    base: f32,
    acc: f32,
    sweep: Line,
    fsweep: Line,
    pitch1: f32,
    q: f32,
    mix: (f32, f32),
    bp: SvfState,
    dc: DcBlocker,
    sr: f32,
    env: Segments,
}

impl Noise {
    pub fn new(s: &Setup) -> Noise {
        let voice = s.voice(0.0).clamp(0.0, 1.0) as f32;
        let rate = s.ctl(Ctl::Rate, 1.0) as f32;
        let a = (voice * std::f32::consts::FRAC_PI_2).max(0.0);
        Noise {
            rng: s.rng(0x6e73),
            white: White::new(s.seed as u64 ^ 0x7768),
            brown: Brown::new(s.seed as u64 ^ 0x6272, s.sr as f32),
            held: 0.0,
            phase: 0.0,
            base: (s.freq * 8.0) as f32,
            acc: (s.p.accelerate * s.freq * 4.0) as f32,
            sweep: Line::new(-1.0, 1.0 + (2.0 * rate - 2.0), s.sustain, s.sr),
            fsweep: Line::new(1.0, 1.0 + s.ctl(Ctl::Slide, 0.0) as f32, s.sustain, s.sr),
            pitch1: s.ctl(Ctl::Pitch1, 1.0) as f32,
            q: 0.7 + 20.0 * s.resonance(0.0).clamp(0.0, 1.0) as f32,
            mix: (a.cos(), a.sin()),
            bp: SvfState::default(),
            dc: DcBlocker::new(s.sr as f32),
            sr: s.sr as f32,
            env: Segments::linen(0.01 * s.sustain, 0.98 * s.sustain, 0.01 * s.sustain, -1.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let base = (self.base + wrap2(self.acc * self.sweep.tick(), self.acc.abs())).clamp(1.0, 22000.0);
        self.phase += base / self.sr;
        if self.phase >= 1.0 {
            self.phase -= self.phase.floor();
            self.held = self.rng.bipolar();
        }
        // Brown towards white as the note rises.
        let m = (69.0 + 12.0 * (base / 440.0).log2()) / 127.0;
        let b = (m.clamp(0.0, 1.0) * std::f32::consts::FRAC_PI_2).max(0.0);
        let smooth = 0.5 * (self.brown.tick() * b.cos() + self.white.tick() * b.sin());
        let x = self.mix.0 * 0.5 * self.held + self.mix.1 * smooth;
        let f = (base * 5.0 * self.pitch1 * self.fsweep.tick()).clamp(60.0, 20000f32.min(0.45 * self.sr));
        let c = SvfCoefs::new(f, self.q, self.sr);
        let y = self.bp.tick(&c, x).band_unity(&c);
        let y = self.dc.tick(y).clamp(-1.0, 1.0) * 0.6 * self.env.tick();
        (y, y)
    }
}

/// `superstatic`: sparse random impulses (about forty times the note per second, half of
/// them kept) each nudge a square wave's phase, so it flips at random: static crackle,
/// denser for higher notes, faded in and out over the sustain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Static {
    rng: Rng,
    chance: f32,
    nudge: f64,
    phase: f64,
    dc: DcBlocker,
    t: f32,
    dt: f32,
}

impl Static {
    pub fn new(s: &Setup) -> Static {
        let f = s.freq * s.p.speed.abs();
        Static {
            rng: s.rng(0x7374),
            chance: ((f * 40.0) / s.sr).min(1.0) as f32,
            nudge: if audible(f, s.sr) { 4.0 * f / s.sr } else { 0.0 },
            phase: 0.0,
            dc: DcBlocker::new(s.sr as f32),
            t: 0.0,
            dt: (1.0 / (s.sustain.max(1e-3) * s.sr)) as f32,
        }
    }

    pub fn finished(&self) -> bool {
        self.t >= 1.0
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        // An impulse of random height in this sample; only the taller half count.
        if self.rng.unipolar() < self.chance && self.rng.unipolar() > 0.5 {
            advance(&mut self.phase, self.nudge);
        }
        let square = if self.phase < 0.5 { 0.5 } else { -0.5 };
        let env = if self.t < 1.0 { 0.5 * (std::f32::consts::PI * self.t).sin().powi(2) } else { 0.0 };
        self.t += self.dt;
        let y = self.dc.tick(square) * env;
        (y, y)
    }
}
