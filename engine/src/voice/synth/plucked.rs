//! `supermandolin`: a plucked string. A short burst of noise (shorter for low notes) excites
//! two feedback comb filters tuned a little apart by `detune` (percent), each ringing down
//! by 60 dB over the sustain; their beating gives the doubled-course shimmer of a mandolin.

use super::common::{t60_factor, Setup};
use crate::dsp::inline_delay::InlineDelay;
use crate::dsp::noise::White;
use crate::dsp::segments::{Line, Segments};

/// Samples a string can be long: the lowest note is about 23 Hz at 48 kHz.
const STRING: usize = 2048;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mandolin {
    env: Segments,
    glide: Line,
    noise: White,
    burst: f32,
    burst_mul: f32,
    strings: [InlineDelay<STRING>; 2],
    /// Loop lengths in samples at the voice's own pitch, and their feedback.
    period: [f32; 2],
    feedback: [f32; 2],
}

impl Mandolin {
    pub fn new(s: &Setup) -> Mandolin {
        let sus = s.sustain;
        let detune = s.detune(0.2) / 100.0;
        let midi = 69.0 + 12.0 * (s.freq / 440.0).log2();
        let burst_t60 = (0.1 * midi / 69.0).clamp(0.005, 0.3);
        let max = (InlineDelay::<STRING>::MAX - 2) as f64;
        let period = |k: f64| ((s.sr / s.freq) * (1.0 + k * detune)).clamp(2.0, max);
        let period = [period(-1.0), period(1.0)];
        let feedback = period.map(|d| t60_factor(sus, s.sr).powf(d as f32));
        Mandolin {
            env: Segments::linen(0.002 * sus, 0.996 * sus, 0.002 * sus, -3.0, s.sr),
            glide: s.glide(),
            noise: White::new(s.seed as u64 ^ 0x6d61),
            burst: 0.1,
            burst_mul: t60_factor(burst_t60, s.sr),
            strings: [InlineDelay::default(); 2],
            period: period.map(|d| d as f32),
            feedback,
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let g = self.glide.tick().max(1e-3);
        let x = self.noise.tick() * self.burst;
        self.burst *= self.burst_mul;
        let mut y = 0.0;
        for k in 0..2 {
            let s = &mut self.strings[k];
            let out = x + self.feedback[k] * s.read_linear(self.period[k] / g);
            s.push(out);
            y += out;
        }
        let y = y * self.env.tick();
        (y, y)
    }
}
