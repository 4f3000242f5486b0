//! A feedback comb filter with a damping low-pass in its loop: resonances at multiples of
//! `1/delay`, decaying faster at high frequencies as `damp` rises (Karplus–Strong, Freeverb).

use super::delay_line::DelayLine;
use super::fast_math::flush;

pub struct Comb {
    line: DelayLine,
    /// Loop low-pass state.
    store: f32,
}

impl Comb {
    pub fn new(max_delay: usize) -> Comb {
        Comb { line: DelayLine::new(max_delay), store: 0.0 }
    }

    /// `y[n] = x[n] + fb·lp(y[n−D])`, fractional delay `delay` samples (linear
    /// interpolation), feedback `fb` (|fb| < 1), damping `damp` 0..1 (the loop low-pass
    /// `s = (1−damp)·y + damp·s`).
    #[inline(always)]
    pub fn tick(&mut self, x: f32, delay: f32, fb: f32, damp: f32) -> f32 {
        let d = self.line.read_linear(delay);
        self.store = flush(d + damp * (self.store - d));
        let y = x + fb * self.store;
        self.line.push(flush(y));
        y
    }

    /// Freeverb's comb: output the delayed sample, feed back its damped version.
    /// `out = buf[n−D]; s = out·(1−damp) + s·damp; buf[n] = x + s·fb`.
    #[inline(always)]
    pub fn tick_freeverb(&mut self, x: f32, delay: usize, fb: f32, damp: f32) -> f32 {
        let out = self.line.read(delay);
        self.store = flush(out + damp * (self.store - out));
        self.line.push(flush(x + self.store * fb));
        out
    }

    pub fn max_delay(&self) -> usize {
        self.line.max_delay()
    }

    pub fn clear(&mut self) {
        self.line.clear();
        self.store = 0.0;
    }

    pub fn copy_from(&mut self, other: &Comb) {
        self.line.copy_from(&other.line);
        self.store = other.store;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resonates_at_its_frequency() {
        // 100-sample delay at 48 kHz: peaks at 480 Hz and multiples, troughs halfway.
        let gain = |f: f64| {
            let mut c = Comb::new(200);
            let (mut ex, mut ey) = (0.0f64, 0.0f64);
            for i in 0..48000 {
                let x = (2.0 * std::f64::consts::PI * f * i as f64 / 48000.0).sin() as f32;
                let y = c.tick(x, 100.0, 0.9, 0.0);
                if i >= 24000 {
                    ex += (x as f64).powi(2);
                    ey += (y as f64).powi(2);
                }
            }
            (ey / ex).sqrt()
        };
        assert!((gain(480.0) - 10.0).abs() < 0.1, "{}", gain(480.0));
        assert!((gain(720.0) - 1.0 / 1.9).abs() < 0.01);
    }
}
