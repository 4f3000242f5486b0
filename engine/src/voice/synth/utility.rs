//! SuperDirt's small utility synths: `gabor` (a Gaussian-windowed sine grain) and `dirac` (a
//! single click).

use super::common::Setup;
use crate::dsp::fast_math::sin_turns;

/// Width of `gabor`'s Gaussian window, relative to its half length (SuperDirt's `width`).
const GABOR_WIDTH: f32 = 0.3;

/// `gabor`: a cosine at the note under a Gaussian window lasting the sustain; the window
/// runs from 0 at its ends to 1 at its middle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gabor {
    phase: f32,
    inc: f32,
    t: f32,
    dt: f32,
    floor: f32,
}

impl Gabor {
    pub fn new(s: &Setup) -> Gabor {
        Gabor {
            phase: 0.25,
            inc: s.inc(s.freq),
            t: 0.0,
            dt: (1.0 / (s.sustain * s.sr)) as f32,
            floor: (-1.0 / (2.0 * GABOR_WIDTH * GABOR_WIDTH)).exp(),
        }
    }

    pub fn finished(&self) -> bool {
        self.t >= 1.0
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        if self.t >= 1.0 {
            return (0.0, 0.0);
        }
        let x = 2.0 * self.t - 1.0;
        let g = (-(x * x) / (2.0 * GABOR_WIDTH * GABOR_WIDTH)).exp();
        let env = (g - self.floor) / (1.0 - self.floor);
        let y = env * sin_turns(self.phase);
        self.phase = (self.phase + self.inc).fract();
        self.t += self.dt;
        (y, y)
    }
}

/// `dirac`: one sample at full level, then silence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dirac {
    done: bool,
}

impl Dirac {
    pub fn new(_s: &Setup) -> Dirac {
        Dirac { done: false }
    }

    pub fn finished(&self) -> bool {
        self.done
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let y = if self.done { 0.0 } else { 1.0 };
        self.done = true;
        (y, y)
    }
}
