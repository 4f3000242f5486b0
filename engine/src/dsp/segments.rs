//! Breakpoint envelopes as live-coding synths describe them: levels joined by segments of
//! given durations, each segment straight or bent by a curvature (`curve` 0 is a straight
//! line; negative curves fall fast then settle, as a struck or plucked sound does). Also the
//! exponential glide [`XLine`]. `Copy`, one multiply-add per sample.

/// At most this many segments.
pub const MAX_SEGMENTS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segments {
    levels: [f32; MAX_SEGMENTS + 1],
    lens: [u32; MAX_SEGMENTS],
    curve: f32,
    count: usize,
    /// Current segment, samples into it, and its running curve state.
    seg: usize,
    k: u32,
    /// `y = y0 + a·(1 − w)`, `w *= g` per sample.
    a: f32,
    w: f32,
    g: f32,
    y0: f32,
    slope: f32,
    value: f32,
}

impl Segments {
    /// `levels` has one more entry than `times` (seconds); each segment bends by `curve`.
    pub fn new(levels: &[f32], times: &[f64], curve: f32, sr: f64) -> Segments {
        let count = times.len().min(MAX_SEGMENTS).min(levels.len().saturating_sub(1));
        let mut s = Segments {
            levels: [0.0; MAX_SEGMENTS + 1],
            lens: [0; MAX_SEGMENTS],
            curve,
            count,
            seg: 0,
            k: 0,
            a: 0.0,
            w: 1.0,
            g: 1.0,
            y0: 0.0,
            slope: 0.0,
            value: levels.first().copied().unwrap_or(0.0),
        };
        s.levels[..=count].copy_from_slice(&levels[..=count]);
        for (len, &t) in s.lens.iter_mut().zip(&times[..count]) {
            let t = if t.is_finite() { t.max(0.0) } else { 0.0 };
            *len = (t * sr).round().min(u32::MAX as f64 / 2.0) as u32;
        }
        s.enter(0);
        s
    }

    /// Attack to `level` in `attack` seconds, then back to zero in `release`: a struck sound.
    pub fn perc(attack: f64, release: f64, level: f32, curve: f32, sr: f64) -> Segments {
        Segments::new(&[0.0, level, 0.0], &[attack, release], curve, sr)
    }

    /// Rise, hold, fall (seconds), at full level.
    pub fn linen(attack: f64, hold: f64, release: f64, curve: f32, sr: f64) -> Segments {
        Segments::new(&[0.0, 1.0, 1.0, 0.0], &[attack, hold, release], curve, sr)
    }

    fn enter(&mut self, seg: usize) {
        self.seg = seg;
        self.k = 0;
        // Skip segments of no length: their end level is reached at once.
        while self.seg < self.count && self.lens[self.seg] == 0 {
            self.value = self.levels[self.seg + 1];
            self.seg += 1;
        }
        if self.seg >= self.count {
            self.value = self.levels[self.count];
            return;
        }
        let (y0, y1) = (self.levels[self.seg], self.levels[self.seg + 1]);
        let n = self.lens[self.seg] as f32;
        self.y0 = y0;
        if self.curve.abs() < 1e-3 {
            self.g = 1.0;
            self.slope = (y1 - y0) / n;
        } else {
            self.a = (y1 - y0) / (1.0 - self.curve.exp());
            self.g = (self.curve / n).exp();
            self.w = 1.0;
            self.slope = 0.0;
        }
        self.value = y0;
    }

    /// Whether every segment has run.
    #[inline]
    pub fn done(&self) -> bool {
        self.seg >= self.count
    }

    /// The current level, then advance one sample.
    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let v = self.value;
        if self.seg >= self.count {
            return v;
        }
        self.k += 1;
        if self.k >= self.lens[self.seg] {
            self.enter(self.seg + 1);
        } else if self.g == 1.0 {
            self.value = self.y0 + self.slope * self.k as f32;
        } else {
            self.w *= self.g;
            self.value = self.y0 + self.a * (1.0 - self.w);
        }
        v
    }
}

/// An exponential glide from `from` to `to` over `secs`, then holding `to` (both non-zero and
/// of the same sign).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XLine {
    value: f32,
    mul: f32,
    left: u32,
    to: f32,
}

impl XLine {
    pub fn new(from: f32, to: f32, secs: f64, sr: f64) -> XLine {
        let n = (secs.max(0.0) * sr).round().max(1.0);
        let ratio = (to / from) as f64;
        let mul = if ratio > 0.0 && ratio.is_finite() { ratio.powf(1.0 / n) as f32 } else { 1.0 };
        XLine { value: from, mul, left: n as u32, to }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let v = self.value;
        if self.left > 0 {
            self.left -= 1;
            self.value = if self.left == 0 { self.to } else { self.value * self.mul };
        }
        v
    }
}

/// A straight line from `from` to `to` over `secs`, then holding `to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    value: f32,
    step: f32,
    left: u32,
    to: f32,
}

impl Line {
    pub fn new(from: f32, to: f32, secs: f64, sr: f64) -> Line {
        let n = (secs.max(0.0) * sr).round().max(1.0);
        Line { value: from, step: ((to - from) as f64 / n) as f32, left: n as u32, to }
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let v = self.value;
        if self.left > 0 {
            self.left -= 1;
            self.value = if self.left == 0 { self.to } else { self.value + self.step };
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linen_rises_holds_and_falls() {
        let mut e = Segments::linen(0.01, 0.02, 0.01, 0.0, 1000.0);
        let v: Vec<f32> = (0..45).map(|_| e.tick()).collect();
        assert_eq!(v[0], 0.0);
        assert!((v[5] - 0.5).abs() < 1e-5);
        assert_eq!(v[20], 1.0);
        assert!((v[35] - 0.5).abs() < 1e-5);
        assert_eq!(v[44], 0.0);
        assert!(e.done());
    }

    #[test]
    fn curves_bend_towards_the_start() {
        // A negative curve falls faster at first: below the straight line halfway.
        let mut bent = Segments::perc(0.0, 1.0, 1.0, -4.0, 100.0);
        let mut straight = Segments::perc(0.0, 1.0, 1.0, 0.0, 100.0);
        for _ in 0..50 {
            bent.tick();
            straight.tick();
        }
        let (b, s) = (bent.tick(), straight.tick());
        assert!(b < s - 0.2 && b > 0.0, "{b} vs {s}");
        for _ in 0..60 {
            bent.tick();
        }
        assert_eq!(bent.tick(), 0.0);
    }

    #[test]
    fn lines_reach_their_end() {
        let mut x = XLine::new(1000.0, 10.0, 0.1, 100.0);
        let v: Vec<f32> = (0..12).map(|_| x.tick()).collect();
        assert_eq!(v[0], 1000.0);
        assert!((v[5] - 100.0).abs() < 0.01);
        assert_eq!(v[11], 10.0);
        let mut l = Line::new(0.0, 1.0, 0.04, 100.0);
        let v: Vec<f32> = (0..6).map(|_| l.tick()).collect();
        assert_eq!(v, [0.0, 0.25, 0.5, 0.75, 1.0, 1.0]);
    }
}
