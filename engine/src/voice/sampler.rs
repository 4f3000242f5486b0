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

    /// Whether the voice has played all it will: out of the range with no pass to go.
    #[inline]
    pub fn done(&self) -> bool {
        self.finished() && self.repeats <= 0.0
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

    /// Output samples from now whose read position is inside the range at a constant rate:
    /// positions `pos + j * rate` for `j < steps`, computed in closed form (so no drift).
    fn steps_in_range(&self, most: usize) -> usize {
        if self.finished() {
            return 0;
        }
        let inside = |j: usize| {
            let p = self.pos + j as f64 * self.rate;
            p >= self.first && p <= self.last
        };
        let guess = (self.remaining().floor() + 1.0).clamp(0.0, most as f64) as usize;
        let mut k = guess;
        // The division may round either way: settle on the exact count by the positions.
        while k > 0 && !inside(k - 1) {
            k -= 1;
        }
        while k < most && inside(k) {
            k += 1;
        }
        k
    }

    /// Add `gain * sample` into `l`/`r` for each output sample, advancing the position;
    /// stops early (returning the count rendered) when the range is left. `pan` are the
    /// left/right gains; a mono sample feeds both sides.
    #[inline]
    pub fn render(&mut self, s: &Sample, gains: Gains, pan: (f32, f32), l: &mut [f32], r: &mut [f32]) -> usize {
        let n = gains.covers().map_or(l.len(), |g| g.min(l.len())).min(r.len());
        let c0 = &s.channels[0][..];
        let c1 = s.channels.get(1).map(|c| &c[..]);
        // At a constant rate the positions are known in closed form up to the end of the
        // range: one vectorized run covers them. Accelerating voices take the checked path.
        let mut i = 0;
        if self.rate_mul == 1.0 {
            i = self.steps_in_range(n);
            render_run(c0, c1, self.pos, self.rate, gains, pan, &mut l[..i], &mut r[..i]);
            self.pos += i as f64 * self.rate;
        }
        let (pl, pr) = pan;
        // Past the run: the range's edge, where a `loop` starts its next pass.
        for i in i..n {
            if self.finished() && !self.next_pass() {
                return i;
            }
            let (ip, t) = split(self.pos);
            let g = gains.at(i);
            let a = hermite_at(c0, ip, t);
            l[i] += a * g * pl;
            r[i] += c1.map_or(a, |c1| hermite_at(c1, ip, t)) * g * pr;
            self.pos += self.rate;
            self.rate *= self.rate_mul;
        }
        n
    }
}

/// A voice's gain over the output samples being rendered: one level for all (the envelope
/// is flat), or one per sample.
#[derive(Clone, Copy, Debug)]
pub enum Gains<'a> {
    Flat(f32),
    Each(&'a [f32]),
}

impl Gains<'_> {
    /// The gain of output sample `i`.
    #[inline(always)]
    pub fn at(&self, i: usize) -> f32 {
        match self {
            Gains::Flat(g) => *g,
            Gains::Each(g) => g[i],
        }
    }

    /// How many samples the gains cover (`None`: any number).
    #[inline]
    pub fn covers(&self) -> Option<usize> {
        match self {
            Gains::Flat(_) => None,
            Gains::Each(g) => Some(g.len()),
        }
    }
}

/// Output samples interpolated per pass: small enough for the position and value buffers to
/// stay in L1 cache, large enough to amortise the pass set-up.
const CHUNK: usize = 64;

crate::dispatch_wide!(
    /// Add one run of `l.len()` output samples read at positions `pos + j * rate`, all inside
    /// the playable range, into `l`/`r` (`c1`: the right channel of a stereo sample).
    #[allow(clippy::too_many_arguments)]
    fn render_run(c0: &[f32], c1: Option<&[f32]>, pos: f64, rate: f64, gains: Gains, pan: (f32, f32), l: &mut [f32], r: &mut [f32])
        => render_run_body
);

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn render_run_body(
    c0: &[f32],
    c1: Option<&[f32]>,
    pos: f64,
    rate: f64,
    gains: Gains,
    pan: (f32, f32),
    l: &mut [f32],
    r: &mut [f32],
) {
    let n = l.len().min(r.len());
    let (mut a, mut b) = ([0.0f32; CHUNK], [0.0f32; CHUNK]);
    let mut from = 0;
    while from < n {
        let m = CHUNK.min(n - from);
        interpolate(c0, pos, rate, from, &mut a[..m]);
        let (l, r) = (&mut l[from..from + m], &mut r[from..from + m]);
        let right = match c1 {
            Some(c1) => {
                interpolate(c1, pos, rate, from, &mut b[..m]);
                &b[..m]
            }
            None => &a[..m],
        };
        match gains {
            // Gain and pan multiply once for the whole run.
            Gains::Flat(g) => {
                let (gl, gr) = (g * pan.0, g * pan.1);
                for j in 0..m {
                    l[j] += a[j] * gl;
                    r[j] += right[j] * gr;
                }
            }
            Gains::Each(g) => {
                let g = &g[from..from + m];
                for j in 0..m {
                    l[j] += a[j] * g[j] * pan.0;
                    r[j] += right[j] * g[j] * pan.1;
                }
            }
        }
        from += m;
    }
}

/// `out[j]` = `x` read with Hermite interpolation at position `pos + (from + j) * rate`.
/// Positions are monotonic, so the first and last bound the frames read: when all four
/// taps of both lie inside `x` the loop reads with no further checks, otherwise (the first
/// or last frames of a sample) each read is checked and reads zeros outside.
#[inline(always)]
fn interpolate(x: &[f32], pos: f64, rate: f64, from: usize, out: &mut [f32]) {
    let m = out.len().min(CHUNK);
    if m == 0 {
        return;
    }
    let mut idx = [0i32; CHUNK];
    let mut frac = [0.0f32; CHUNK];
    let at = |j: usize| pos + (from + j) as f64 * rate;
    let (p0, p1) = (at(0), at(m - 1));
    let (lo, hi) = (p0.min(p1), p0.max(p1));
    // Inside means taps `ip - 1 ..= ip + 2` in `x`, i.e. `1 <= pos < len - 2`; there `pos`
    // is positive, so truncation is the floor (no software rounding on baseline x86-64).
    let inside = lo >= 1.0 && hi < x.len() as f64 - 2.0 && hi < i32::MAX as f64;
    if !inside {
        for (j, o) in out[..m].iter_mut().enumerate() {
            let (ip, t) = split(at(j));
            *o = hermite_at(x, ip, t);
        }
        return;
    }
    for j in 0..m {
        // (As `at`, with an i32 count: it converts to f64 in vector registers.)
        let p = pos + (from + j) as i32 as f64 * rate;
        // Safety: `1 <= p < i32::MAX` (checked above), so the truncation is exact and in
        // range; the checked `as` cast would clamp and test for NaN per lane, unvectorized.
        let ip = unsafe { p.to_int_unchecked::<i32>() };
        idx[j] = ip;
        frac[j] = (p - ip as f64) as f32;
    }
    for j in 0..m {
        let i = idx[j] as usize;
        // Safety: `1 <= i` and `i + 2 < x.len()` for every `j`, checked above on the
        // extreme positions of this monotonic run.
        let (xm1, x0, x1, x2) =
            unsafe { (*x.get_unchecked(i - 1), *x.get_unchecked(i), *x.get_unchecked(i + 1), *x.get_unchecked(i + 2)) };
        out[j] = hermite(xm1, x0, x1, x2, frac[j]);
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
        let g = Gains::Each(&[1.0; 8]);
        let mut p = SamplePlay::new(&s, 0, 0, 0.0, 1.0, 1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, g, (1.0, 0.5), &mut l, &mut r), 4);
        assert_eq!(&l[..5], &[1.0, 2.0, 3.0, 4.0, 0.0]);
        assert_eq!(r[3], 2.0);
        let mut p = SamplePlay::new(&s, 0, 0, 0.0, 1.0, -1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, g, (1.0, 1.0), &mut l, &mut r), 4);
        assert_eq!(&l[..4], &[4.0, 3.0, 2.0, 1.0]);
        let mut p = SamplePlay::new(&s, 0, 0, 0.5, 1.0, 1.0).unwrap();
        let (mut l, mut r) = ([0.0; 8], [0.0; 8]);
        assert_eq!(p.render(&s, g, (1.0, 1.0), &mut l, &mut r), 2);
        assert_eq!(&l[..2], &[3.0, 4.0]);
        assert!(SamplePlay::new(&s, 0, 0, 0.5, 0.5, 1.0).is_none());
    }

    /// The per-sample kernel the run kernel replaced: position accumulated sample by sample,
    /// every read checked, gain and pan multiplied per sample.
    fn old_render(
        p: &mut SamplePlay,
        s: &Sample,
        gains: &[f32],
        pan: (f32, f32),
        l: &mut [f32],
        r: &mut [f32],
    ) -> usize {
        let c0 = &s.channels[0][..];
        let c1 = s.channels.get(1).map(|c| &c[..]);
        for i in 0..gains.len() {
            if p.finished() {
                return i;
            }
            let (ip, t) = split(p.pos);
            let a = hermite_at(c0, ip, t) * gains[i];
            l[i] += a * pan.0;
            r[i] += c1.map_or(a, |c1| hermite_at(c1, ip, t) * gains[i]) * pan.1;
            p.pos += p.rate;
            p.rate *= p.rate_mul;
        }
        gains.len()
    }

    /// Random voices (mono and stereo, any range, rate and direction, flat and moving gains,
    /// with and without `accelerate`) played block by block through both kernels: the same
    /// counts, and the same samples up to float rounding (closed-form positions and
    /// once-per-run gain products round differently).
    #[test]
    fn run_kernel_matches_the_per_sample_kernel() {
        use crate::dsp::noise::Rng;
        {
            let mut rng = Rng::new(7);
            for case in 0..400u32 {
                let frames = 1 + (rng.next_u32() % 3000) as usize;
                let stereo = rng.next_u32().is_multiple_of(2);
                let chans = if stereo { 2 } else { 1 };
                let data: Vec<Vec<f32>> = (0..chans).map(|_| (0..frames).map(|_| rng.bipolar()).collect()).collect();
                let s = Sample::new("t", data, 44100.0);
                let (b, e) = (rng.unipolar() as f64 * 0.5, 0.5 + rng.unipolar() as f64 * 0.5);
                let mag = 0.05 + rng.unipolar() as f64 * 4.0;
                let rate = if rng.next_u32().is_multiple_of(4) { -mag } else { mag };
                let Some(mut new) = SamplePlay::new(&s, 0, 0, b, e, rate) else { continue };
                if case.is_multiple_of(7) {
                    new.rate_mul = 1.0 + (rng.unipolar() as f64 - 0.5) * 1e-3;
                }
                let mut old = new;
                let flat = rng.next_u32().is_multiple_of(2);
                let gains: Vec<f32> = (0..512).map(|_| if flat { 0.3 } else { rng.unipolar() }).collect();
                let pan = (rng.unipolar(), rng.unipolar());
                loop {
                    let n = 1 + (rng.next_u32() % 512) as usize;
                    let (mut l0, mut r0) = (vec![0.0f32; n], vec![0.0f32; n]);
                    let (mut l1, mut r1) = (l0.clone(), r0.clone());
                    let g = if flat { Gains::Flat(0.3) } else { Gains::Each(&gains[..n]) };
                    let a = old_render(&mut old, &s, &gains[..n], pan, &mut l0, &mut r0);
                    let b = new.render(&s, g, pan, &mut l1, &mut r1);
                    assert_eq!(a, b, "case {case}: samples rendered");
                    for (x, y) in l0.iter().zip(&l1).chain(r0.iter().zip(&r1)) {
                        assert!((x - y).abs() <= 1e-5, "case {case}: {x} vs {y}");
                    }
                    assert!((old.pos - new.pos).abs() <= 1e-6 * old.pos.abs().max(1.0), "case {case}: position");
                    if a < n {
                        break;
                    }
                }
            }
        }
    }

    /// The dispatched run (AVX2 + FMA where the processor has it) and the baseline body give
    /// the same bits: mono and stereo, both directions, flat and moving gains, runs that
    /// touch the sample's edges.
    #[test]
    fn dispatched_and_baseline_runs_agree_bit_for_bit() {
        let mut rng = crate::dsp::noise::Rng::new(11);
        let c0: Vec<f32> = (0..1000).map(|_| rng.bipolar()).collect();
        let c1: Vec<f32> = (0..1000).map(|_| rng.bipolar()).collect();
        let gains: Vec<f32> = (0..300).map(|_| rng.unipolar()).collect();
        for (pos, rate) in [(0.0, 1.0), (0.3, 0.71), (500.25, 2.5), (999.0, -1.3), (40.0, -0.1), (2.0, 3.3)] {
            for right in [None, Some(&c1[..])] {
                for g in [Gains::Flat(0.7), Gains::Each(&gains)] {
                    let n = 300.min(((if rate > 0.0 { 999.0 - pos } else { pos }) / f64::abs(rate)) as usize);
                    let (mut l0, mut r0) = (vec![0.1f32; n], vec![0.2f32; n]);
                    let (mut l1, mut r1) = (l0.clone(), r0.clone());
                    render_run(&c0, right, pos, rate, g, (0.9, 0.4), &mut l0, &mut r0);
                    render_run_body(&c0, right, pos, rate, g, (0.9, 0.4), &mut l1, &mut r1);
                    assert_eq!((l0, r0), (l1, r1), "pos {pos} rate {rate}");
                }
            }
        }
    }
}
