//! A feedback delay whose time can change while it plays without clicks: small or gradual
//! changes glide (tape-like), jumps cross-fade between the old and the new read position.

use super::delay_line::DelayLine;
use super::fast_math::flush;

/// Time changes larger than this (seconds) cross-fade instead of gliding.
const JUMP_S: f32 = 0.001;
/// Cross-fade length (s) and glide time constant (s).
const FADE_S: f32 = 0.02;
const GLIDE_S: f32 = 0.01;

/// One channel of a feedback delay: `w[n] = x[n] + fb·w[n − D]`.
pub struct Echo {
    line: DelayLine,
    /// Current delay, samples.
    cur: f32,
    /// Delay being faded to, and fade progress 0..1 (`fading` false when idle).
    next: f32,
    fade: f32,
    fading: bool,
    fade_step: f32,
    glide: f32,
    jump: f32,
}

impl Echo {
    /// A delay of up to `max_seconds`.
    pub fn new(sample_rate: f32, max_seconds: f32) -> Echo {
        let max = (max_seconds.max(0.001) * sample_rate).ceil() as usize + 8;
        Echo {
            line: DelayLine::new(max),
            cur: -1.0,
            next: 0.0,
            fade: 0.0,
            fading: false,
            fade_step: 1.0 / (FADE_S * sample_rate),
            glide: 1.0 - (-1.0 / (GLIDE_S * sample_rate)).exp(),
            jump: JUMP_S * sample_rate,
        }
    }

    /// Longest delay in samples.
    pub fn max_delay(&self) -> f32 {
        (self.line.max_delay() - 2) as f32
    }

    /// One sample: input `x`, delay `delay` samples (clamped to 2..max), feedback `fb`.
    /// Returns `w[n − D]`; the delay's output is `w[n] = x + fb·w[n − D]`.
    #[inline(always)]
    pub fn tick(&mut self, x: f32, delay: f32, fb: f32) -> f32 {
        let target = if delay.is_nan() { 2.0 } else { delay.clamp(2.0, self.max_delay()) };
        if self.cur < 0.0 {
            self.cur = target; // first sample: start where asked
        }
        let r = if self.fading {
            let r = self.line.read_cubic(self.cur)
                + self.fade * (self.line.read_cubic(self.next) - self.line.read_cubic(self.cur));
            self.fade += self.fade_step;
            if self.fade >= 1.0 {
                self.cur = self.next;
                self.fading = false;
            }
            r
        } else {
            if (target - self.cur).abs() > self.jump {
                self.next = target;
                self.fade = 0.0;
                self.fading = true;
            } else {
                self.cur += (target - self.cur) * self.glide;
                if (target - self.cur).abs() < 1e-4 {
                    self.cur = target; // settled: exactly on the asked time
                }
            }
            self.line.read_cubic(self.cur)
        };
        self.line.push(flush(x + fb * r));
        r
    }

    /// A block at a constant delay (samples) and feedback, when the delay has settled on
    /// it: the interpolation weights are computed once. Returns false (doing nothing) when
    /// the time is still moving; use [`Echo::tick`] then. `r` receives `w[n − D]`.
    pub fn process_settled(&mut self, x: &[f32], delay: f32, fb: f32, r: &mut [f32]) -> bool {
        let target = if delay.is_nan() { 2.0 } else { delay.clamp(2.0, self.max_delay()) };
        if self.cur < 0.0 {
            self.cur = target;
        }
        if self.fading || self.cur != target {
            return false;
        }
        let i = target.floor();
        let w = DelayLine::cubic_weights(target - i);
        let i = i as usize;
        let n = x.len().min(r.len());
        // When the block is shorter than the delay, every tap it reads was pushed before it:
        // the reads run as one vectorized pass over the history in place, then the block is
        // pushed. (Where that history wraps round the buffer, and for short delays, sample by
        // sample.)
        let (h, wrapped) = if n < i { self.line.span(i + 2, n + 3) } else { (&[][..], &[][..]) };
        if h.len() == n + 3 && wrapped.is_empty() {
            weighted_run(h, &w, &mut r[..n]);
            self.line.push_from(n, |k| flush(x[k] + fb * r[k]));
        } else {
            for (xi, ri) in x.iter().zip(r.iter_mut()) {
                let v = self.line.read_weighted(i, &w);
                self.line.push(flush(xi + fb * v));
                *ri = v;
            }
        }
        true
    }

    pub fn clear(&mut self) {
        self.line.clear();
        self.fading = false;
    }

    pub fn copy_from(&mut self, o: &Echo) {
        self.line.copy_from(&o.line);
        (self.cur, self.next, self.fade, self.fading) =
            (o.cur.min(self.max_delay()), o.next.min(self.max_delay()), o.fade, o.fading);
    }
}

crate::dispatch_wide!(
    /// `r[k]` = the cubic read with weights `w` (see [`DelayLine::read_weighted`]) whose four
    /// oldest-first taps are `h[k..k + 4]`.
    fn weighted_run(h: &[f32], w: &[f32; 4], r: &mut [f32]) => weighted_run_body
);

#[inline(always)]
fn weighted_run_body(h: &[f32], w: &[f32; 4], r: &mut [f32]) {
    let n = r.len().min(h.len().saturating_sub(3));
    let (h0, h1, h2, h3) = (&h[..n], &h[1..n + 1], &h[2..n + 2], &h[3..n + 3]);
    for k in 0..n {
        // The grouping of read_weighted, so both give the same bits.
        r[k] = (w[0] * h3[k] + w[1] * h2[k]) + (w[2] * h1[k] + w[3] * h0[k]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_at_the_delay_with_feedback() {
        let mut e = Echo::new(48000.0, 1.0);
        let out: Vec<f32> = (0..3000)
            .map(|i| {
                let x = if i == 0 { 1.0 } else { 0.0 };
                x + 0.5 * e.tick(x, 1000.0, 0.5)
            })
            .collect();
        assert_eq!(out[0], 1.0);
        assert!((out[1000] - 0.5).abs() < 1e-6 && (out[2000] - 0.25).abs() < 1e-6);
        assert!(out[1001].abs() < 1e-6 && out[999].abs() < 1e-6);
    }

    /// Settled blocks give the bits of reading and pushing sample by sample, for block
    /// lengths around the delay and blocks whose history wraps round the buffer.
    #[test]
    fn settled_blocks_match_single_weighted_reads() {
        for delay in [3.5f32, 40.25, 100.0, 1000.7] {
            let (mut a, mut line) = (Echo::new(48000.0, 0.05), DelayLine::new(2048));
            assert!(a.process_settled(&[0.0], delay, 0.6, &mut [0.0]));
            line.push(0.0);
            let (i, w) = (delay.floor() as usize, DelayLine::cubic_weights(delay - delay.floor()));
            let mut r = vec![0.0; 512];
            for round in 0..60 {
                let n = [512, 1, 39, 40, 41, 255][round % 6];
                let x: Vec<f32> = (0..n).map(|k| (((round * 512 + k) * 7919) % 101) as f32 / 50.0 - 1.0).collect();
                assert!(a.process_settled(&x, delay, 0.6, &mut r[..n]));
                for k in 0..n {
                    let v = line.read_weighted(i, &w);
                    assert_eq!(r[k], v, "delay {delay} round {round} k {k}");
                    line.push(flush(x[k] + 0.6 * v));
                }
            }
        }
    }

    #[test]
    fn settled_blocks_match_ticks() {
        let (mut a, mut b) = (Echo::new(48000.0, 1.0), Echo::new(48000.0, 1.0));
        let x: Vec<f32> = (0..2000).map(|i| ((i * 7919) % 101) as f32 / 50.0 - 1.0).collect();
        let mut r = vec![0.0; 128];
        let mut n = 0;
        for chunk in x.chunks(128) {
            let len = chunk.len();
            assert!(a.process_settled(chunk, 333.7, 0.6, &mut r[..len]));
            for (k, &xi) in chunk.iter().enumerate() {
                let t = b.tick(xi, 333.7, 0.6);
                assert!((t - r[k]).abs() < 1e-5, "sample {}", n + k);
            }
            n += len;
        }
    }

    #[test]
    fn time_jumps_do_not_click() {
        // A steady sine through the delay; jump the time and look for steps in the output.
        let mut e = Echo::new(48000.0, 1.0);
        let mut last = 0.0f32;
        let mut worst = 0.0f32;
        for i in 0..48000 {
            let x = (i as f32 * 2.0 * std::f32::consts::PI * 220.0 / 48000.0).sin();
            let d = if (i / 6000) % 2 == 0 { 4800.0 } else { 7333.0 };
            let y = e.tick(x, d, 0.0);
            if i > 8000 {
                worst = worst.max((y - last).abs());
            }
            last = y;
        }
        // A 220 Hz sine moves at most 0.029 per sample; a click would jump far more.
        assert!(worst < 0.04, "{worst}");
    }
}
