//! `superhammond`: a tonewheel organ. Nine drawbar sines (16' to 1', with the tonewheels'
//! slightly tempered ratios), folded back into the wheels' range at the extremes; `voice`
//! picks a drawbar registration (0..9, fractions blend neighbours); a key click of noisy
//! pitch at the onset; optional percussion (`perc` level, `percf` harmonic, `decay` time)
//! and the scanner-like vibrato (`vibrato` depth, `vrate` Hz) of a swept all-pass mixed in.

use super::common::{audible, Setup};
use crate::controls::Ctl;
use crate::dsp::fast_math::sin_turns;
use crate::dsp::noise::White;
use crate::dsp::segments::{Line, Segments, XLine};
use crate::dsp::svf::{SvfCoefs, SvfState};
use crate::dsp::waves::{step, tri};

/// Drawbar footages as multiples of the note: 16', 5⅓', 8', 4', 2⅔', 2', 1⅗', 1⅓', 1'.
const WHEELS: [f64; 9] = [0.5, 1.4988, 1.0, 2.0, 2.9976, 4.0, 5.0409, 5.9953, 8.0];

/// Public registrations, drawbars 0..8 in the order of [`WHEELS`].
const REGISTRATIONS: [[f64; 9]; 10] = [
    [1.0, 4.0, 5.0, 4.0, 3.0, 1.0, 0.0, 0.0, 0.0], // bass violin 16'
    [0.0, 0.0, 8.0, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0], // tibia 8'
    [0.0, 7.0, 8.0, 1.0, 2.0, 0.0, 0.0, 0.0, 0.0], // bassoon 8'
    [0.0, 0.0, 7.0, 8.0, 8.0, 8.0, 8.0, 7.0, 2.0], // french trumpet 8'
    [4.0, 0.0, 5.0, 5.0, 4.0, 5.0, 3.0, 3.0, 6.0], // string ensemble
    [8.0, 8.0, 5.0, 3.0, 2.0, 4.0, 5.0, 8.0, 8.0], // blues
    [8.0, 8.0, 8.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0], // jazz 1
    [8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0], // full shout
    [8.0, 0.0, 0.0, 0.0, 0.0, 0.0, 8.0, 8.0, 8.0], // bro' jack
    [0.0, 0.0, 8.0, 8.0, 0.0, 0.0, 0.0, 0.0, 0.0], // jazz 2
];

/// The upper drawbars a little softer: brilliance without harshness.
const DAMP: [f64; 9] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 1.5];

/// Drawbar levels of registration `voice` (blending neighbours), as linear gains summing to 1.
pub fn drawbar_gains(voice: f64) -> [f32; 9] {
    let v = if voice.is_finite() { voice.clamp(0.0, 9.0) } else { 0.0 };
    let (i, f) = (v.floor() as usize, v - v.floor());
    let j = (i + 1).min(9);
    let mut g = [0.0f64; 9];
    for k in 0..9 {
        let bar = REGISTRATIONS[i][k] * (1.0 - f) + REGISTRATIONS[j][k] * f;
        g[k] = 2f64.powf(bar - DAMP[k] - 8.0);
    }
    let sum: f64 = g.iter().sum();
    g.map(|x| (x / sum) as f32)
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hammond {
    phase: [f32; 9],
    inc: [f32; 9],
    gain: [f32; 9],
    noise: White,
    click: XLine,
    perc_phase: f32,
    perc_inc: f32,
    perc: XLine,
    perc_level: f32,
    vib: f32,
    vib_inc: f32,
    vib_depth: f32,
    allpass: SvfState,
    inv_sr: f32,
    glide: Line,
    env: Segments,
}

impl Hammond {
    pub fn new(s: &Setup) -> Hammond {
        let mut rng = s.rng(0x686d);
        let inc = WHEELS.map(|r| {
            let mut hz = s.freq * r;
            if hz < 63.0 {
                hz *= 2.0;
            }
            for _ in 0..2 {
                if hz > 6000.0 {
                    hz /= 2.0;
                }
            }
            if audible(hz, s.sr) {
                s.inc(hz)
            } else {
                0.0
            }
        });
        let attrel = (s.sustain / 2.0).min(0.005);
        let percf = s.ctl(Ctl::Percf, 2.0);
        Hammond {
            phase: std::array::from_fn(|_| rng.unipolar()),
            inc,
            gain: drawbar_gains(s.voice(0.0)),
            noise: White::new(s.seed as u64 ^ 0x636c),
            click: XLine::new(1.0, 1e-6, 0.1, s.sr),
            perc_phase: rng.unipolar(),
            perc_inc: if audible(s.freq * percf, s.sr) { s.inc(s.freq * percf) } else { 0.0 },
            perc: XLine::new(1.0, 1e-6, 2.0 * s.decay(0.0).max(0.0) + 1.0, s.sr),
            perc_level: (0.5 * s.ctl(Ctl::Perc, 0.0)) as f32,
            vib: 0.0,
            vib_inc: s.inc(s.ctl(Ctl::Vrate, 7.0).max(0.0)),
            vib_depth: (s.ctl(Ctl::Vibrato, 0.5) / 2.0) as f32,
            allpass: SvfState::default(),
            inv_sr: (1.0 / s.sr) as f32,
            glide: s.glide(),
            env: Segments::linen(attrel, (s.sustain - 2.0 * attrel).max(0.0), attrel, 0.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick();
        // The key click: the wheels' pitch shaken by noise for the first tenth of a second.
        let shake = 2.0 * self.noise.tick() * self.click.tick() + 1.0;
        let mut y = 0.0;
        for k in 0..9 {
            y += sin_turns(self.phase[k]) * self.gain[k];
            step(&mut self.phase[k], (self.inc[k] * g * shake).clamp(-0.49, 0.49));
        }
        y *= 0.5;
        if self.perc_level != 0.0 {
            y += self.perc_level * sin_turns(self.perc_phase) * self.perc.tick();
            step(&mut self.perc_phase, self.perc_inc * g);
        }
        let centre = 1000.0 * (1.0 + self.vib_depth * tri(self.vib));
        step(&mut self.vib, self.vib_inc);
        let c = SvfCoefs::with_inv_sr(centre.max(20.0), 1.0, self.inv_sr);
        let wet = self.allpass.tick(&c, y).allpass(&c);
        let y = (y + wet) * 0.7 * self.env.tick();
        (y, y)
    }
}
