//! Sample playback: a read position moving through a sample at any rate (sample-rate
//! conversion, `speed`, `note`, backwards), read with 4-point Hermite interpolation.

use crate::samples::Sample;

/// Playback state of one sample voice. Refers to its sample by bank indices, so it can be
/// copied between graphs that share a bank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SamplePlay {
    /// Bank set and file index.
    pub set: u32,
    pub index: u32,
    /// Read position, in source frames.
    pub pos: f64,
    /// Source frames per output sample; negative plays backwards.
    pub rate: f64,
    /// Per-sample factor applied to `rate` (`accelerate`); 1 for none.
    pub rate_mul: f64,
    /// Playable range `[first, last]` in source frames.
    pub first: f64,
    pub last: f64,
    /// Passes through the range still to play after this one (`loop`); a fraction plays
    /// that share of a last pass.
    pub repeats: f64,
}

impl SamplePlay {
    /// Play `sample` (indices `set`, `index`) from fraction `begin` to `end` at `rate` source
    /// frames per output sample. `None` when there is nothing to play.
    pub fn new(sample: &Sample, set: u32, index: u32, begin: f64, end: f64, rate: f64) -> Option<SamplePlay> {
        let frames = sample.frames();
        if frames == 0 || !rate.is_finite() || rate == 0.0 {
            return None;
        }
        let (b, e) = (begin.clamp(0.0, 1.0), end.clamp(0.0, 1.0));
        if e <= b {
            return None;
        }
        let first = (b * frames as f64).floor();
        let last = ((e * frames as f64).ceil() - 1.0).max(first);
        let pos = if rate > 0.0 { first } else { last };
        Some(SamplePlay { set, index, pos, rate, rate_mul: 1.0, first, last, repeats: 0.0 })
    }

    /// Play the range `times` times in all (`loop`; SuperDirt's sample length times it), a
    /// fraction cutting the last pass short. 1, NaN or less play it once.
    pub fn set_loops(&mut self, times: f64) {
        self.repeats = if times.is_finite() { (times.abs() - 1.0).clamp(0.0, 1e6) } else { 0.0 };
    }

    /// At the end of the range with passes to go: start the next one (shortened when it is
    /// the fractional last). False when there is none.
    fn next_pass(&mut self) -> bool {
        if self.repeats <= 0.0 {
            return false;
        }
        let len = self.last - self.first + 1.0;
        if self.rate > 0.0 {
            self.pos -= len;
        } else {
            self.pos += len;
        }
        if self.repeats < 1.0 {
            let keep = (self.repeats * len).max(1.0) - 1.0;
            if self.rate > 0.0 {
                self.last = self.first + keep;
            } else {
                self.first = self.last - keep;
            }
        }
        self.repeats = (self.repeats - 1.0).max(0.0);
        !self.finished()
    }

    /// Whether the read position has left the playable range.
    #[inline]
    pub fn finished(&self) -> bool {
        self.pos > self.last || self.pos < self.first
    }

    /// Output samples until the read position leaves the range at the current rate.
    pub fn remaining(&self) -> f64 {
        if self.rate > 0.0 {
            (self.last - self.pos) / self.rate
        } else {
            (self.pos - self.first) / -self.rate
        }
    }

    /// Add `gains[i] * sample` into `l`/`r` for each output sample, advancing the position;
    /// stops early (returning the count rendered) when the range is left. `pan` are the
    /// left/right gains; a mono sample feeds both sides.
    #[inline]
    pub fn render(&mut self, s: &Sample, gains: &[f32], pan: (f32, f32), l: &mut [f32], r: &mut [f32]) -> usize {
        let n = gains.len().min(l.len()).min(r.len());
        let c0 = &s.channels[0][..];
        let c1 = s.channels.get(1).map(|c| &c[..]);
        // Samples that certainly stay inside the range at a constant rate run without the
        // per-sample range check; the last one or two, and accelerating voices, take the
        // checked path below.
        let safe = if self.rate_mul == 1.0 && !self.finished() {
            let steps =
                if self.rate > 0.0 { (self.last - self.pos) / self.rate } else { (self.pos - self.first) / -self.rate };
            (steps.floor().max(0.0) as usize).min(n)
        } else {
            0
        };
        let (pl, pr) = pan;
        match c1 {
            None => {
                for i in 0..safe {
                    let (ip, t) = split(self.pos);
                    let a = hermite_at(c0, ip, t) * gains[i];
                    l[i] += a * pl;
                    r[i] += a * pr;
                    self.pos += self.rate;
                }
            }
            Some(c1) => {
                for i in 0..safe {
                    let (ip, t) = split(self.pos);
                    l[i] += hermite_at(c0, ip, t) * gains[i] * pl;
                    r[i] += hermite_at(c1, ip, t) * gains[i] * pr;
                    self.pos += self.rate;
                }
            }
        }
        for i in safe..n {
            if self.finished() && !self.next_pass() {
                return i;
            }
            let (ip, t) = split(self.pos);
            let g = gains[i];
            let a = hermite_at(c0, ip, t);
            l[i] += a * g * pl;
            r[i] += c1.map_or(a, |c1| hermite_at(c1, ip, t)) * g * pr;
            self.pos += self.rate;
            self.rate *= self.rate_mul;
        }
        n
    }
}

/// A read position as its integer frame and the fraction after it.
#[inline(always)]
fn split(pos: f64) -> (isize, f32) {
    let ip = pos.floor();
    (ip as isize, (pos - ip) as f32)
}

/// Hermite interpolation between `x[i]` and `x[i+1]` at fraction `t`, reading zeros outside
/// the data.
#[inline(always)]
fn hermite_at(x: &[f32], i: isize, t: f32) -> f32 {
    if i >= 1 && (i as usize) + 2 < x.len() {
        let i = i as usize;
        hermite(x[i - 1], x[i], x[i + 1], x[i + 2], t)
    } else {
        let at = |k: isize| if k >= 0 && (k as usize) < x.len() { x[k as usize] } else { 0.0 };
        hermite(at(i - 1), at(i), at(i + 1), at(i + 2), t)
    }
}

/// 4-point, 3rd-order Hermite (Catmull-Rom) interpolation: exact at `t = 0`.
#[inline(always)]
pub fn hermite(xm1: f32, x0: f32, x1: f32, x2: f32, t: f32) -> f32 {
    let c1 = 0.5 * (x1 - xm1);
    let c2 = xm1 - 2.5 * x0 + 2.0 * x1 - 0.5 * x2;
    let c3 = 0.5 * (x2 - xm1) + 1.5 * (x0 - x1);
    ((c3 * t + c2) * t + c1) * t + x0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hermite_reproduces_lines_and_samples() {
        assert_eq!(hermite(0.0, 1.0, 2.0, 3.0, 0.0), 1.0);
        assert!((hermite(0.0, 1.0, 2.0, 3.0, 0.5) - 1.5).abs() < 1e-6);
    }

    #[test]
    fn plays_forwards_and_backwards() {
        let s = Sample::new("t", vec![vec![1.0, 2.0, 3.0, 4.0]], 48000.0);
        let g = [1.0; 8];
        let mut p = SamplePlay::new(&s, 0, 0, 0.0, 1.0, 1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, &g, (1.0, 0.5), &mut l, &mut r), 4);
        assert_eq!(&l[..5], &[1.0, 2.0, 3.0, 4.0, 0.0]);
        assert_eq!(r[3], 2.0);
        let mut p = SamplePlay::new(&s, 0, 0, 0.0, 1.0, -1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, &g, (1.0, 1.0), &mut l, &mut r), 4);
        assert_eq!(&l[..4], &[4.0, 3.0, 2.0, 1.0]);
        let mut p = SamplePlay::new(&s, 0, 0, 0.5, 1.0, 1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, &g, (1.0, 1.0), &mut l, &mut r), 2);
        assert_eq!(&l[..2], &[3.0, 4.0]);
        assert!(SamplePlay::new(&s, 0, 0, 0.5, 0.5, 1.0).is_none());
    }
}
