//! Dynamics: a peak envelope follower, a feed-forward compressor (optionally keyed by another
//! signal: sidechain) and a look-ahead brick-wall limiter.

use super::fast_math::{db_to_gain, flush, gain_to_db};

/// One-pole smoothing coefficient for a time constant of `seconds` (63% of a step).
#[inline]
pub fn time_coef(seconds: f32, sample_rate: f32) -> f32 {
    let n = if seconds.is_nan() { 0.0 } else { seconds.max(0.0) * sample_rate };
    if n < 1e-3 {
        1.0
    } else {
        1.0 - (-1.0 / n).exp()
    }
}

/// Peak envelope follower: rises towards `|x|` with the attack time constant, falls with the
/// release time constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeakFollower {
    pub env: f32,
    att: f32,
    rel: f32,
    times: (f32, f32),
    sample_rate: f32,
}

impl PeakFollower {
    pub fn new(sample_rate: f32) -> PeakFollower {
        let mut f = PeakFollower { env: 0.0, att: 1.0, rel: 1.0, times: (-1.0, -1.0), sample_rate };
        f.set_times(0.01, 0.1);
        f
    }

    /// Attack and release time constants in seconds (recomputed only when they change).
    #[inline]
    pub fn set_times(&mut self, attack: f32, release: f32) {
        if (attack, release) != self.times {
            self.times = (attack, release);
            self.att = time_coef(attack, self.sample_rate);
            self.rel = time_coef(release, self.sample_rate);
        }
    }

    #[inline(always)]
    pub fn tick(&mut self, level: f32) -> f32 {
        let c = if level > self.env { self.att } else { self.rel };
        self.env = flush(self.env + c * (level - self.env));
        self.env
    }

    /// Follow a run of levels: as [`PeakFollower::tick`] on each, with the dependency chain
    /// from one sample to the next cut to a subtraction, a select and a (fused, where the
    /// processor has FMA) multiply-add. The denormal flush runs once at the end: the
    /// envelope only decays towards the levels, so within a run it cannot sink far below the
    /// flush floor, and below it the compressor's curve sees the same clamped level.
    #[inline]
    pub fn follow(&mut self, levels: &[f32]) {
        #[cfg(target_arch = "x86_64")]
        {
            #[target_feature(enable = "avx2,fma")]
            unsafe fn fused(f: &mut PeakFollower, levels: &[f32]) {
                f.follow_body::<true>(levels)
            }
            if super::simd::wide() {
                // Safety: the processor supports AVX2 and FMA (checked above).
                return unsafe { fused(self, levels) };
            }
        }
        self.follow_body::<false>(levels)
    }

    #[inline(always)]
    fn follow_body<const FMA: bool>(&mut self, levels: &[f32]) {
        let (att, rel) = (self.att, self.rel);
        let mut env = self.env;
        for &l in levels {
            let d = l - env;
            let c = if d > 0.0 { att } else { rel };
            env = if FMA { c.mul_add(d, env) } else { env + c * d };
        }
        self.env = flush(env);
    }
}

/// Static curve of a compressor, in dB.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CompressorCurve {
    /// Level above which gain is reduced, dBFS.
    pub threshold_db: f32,
    /// Input dB per output dB above the threshold (≥ 1; 20 and up is limiting).
    pub ratio: f32,
    /// Width of the soft knee, dB (0: hard knee).
    pub knee_db: f32,
    /// Gain added after compression, dB.
    pub makeup_db: f32,
}

impl CompressorCurve {
    /// Gain change in dB for an input level in dB (≤ 0 below makeup).
    #[inline(always)]
    pub fn gain_db(&self, level_db: f32) -> f32 {
        let ratio = if self.ratio.is_nan() { 1.0 } else { self.ratio.max(1.0) };
        let slope = 1.0 / ratio - 1.0; // ≤ 0
        let over = level_db - self.threshold_db;
        let w = self.knee_db.max(0.0);
        let reduction = if 2.0 * over <= -w {
            0.0
        } else if 2.0 * over < w {
            // Quadratic knee joining the two straight lines smoothly.
            let t = over + 0.5 * w;
            slope * t * t / (2.0 * w)
        } else {
            slope * over
        };
        reduction + self.makeup_db
    }
}

/// A feed-forward peak compressor. Feed it the key level (`|x|`, or the larger of the
/// channels, or another signal's for sidechain compression) and multiply the audio by the
/// gain it returns: per sample with [`Compressor::gain`], or per block with
/// [`Compressor::process_block`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Compressor {
    pub follower: PeakFollower,
    /// Gain at the end of the last block ([`Compressor::process_block`]).
    pub last_gain: f32,
}

impl Compressor {
    pub fn new(sample_rate: f32) -> Compressor {
        Compressor { follower: PeakFollower::new(sample_rate), last_gain: 1.0 }
    }

    /// Linear gain for this sample given the key's absolute level.
    #[inline(always)]
    pub fn gain(&mut self, key_level: f32, curve: &CompressorCurve) -> f32 {
        let env = self.follower.tick(key_level);
        db_to_gain(curve.gain_db(gain_to_db(env.max(1e-9))))
    }

    pub fn reset(&mut self) {
        self.follower.env = 0.0;
        self.last_gain = 1.0;
    }

    /// Gains for a block of key levels: the envelope follows every sample, the gain curve is
    /// evaluated every [`GAIN_STEP`] samples and ramped linearly in between (as analog-style
    /// block compressors do; the ramp is far shorter than any attack worth setting). `curve`
    /// gives the curve at a sample index.
    pub fn process_block(&mut self, levels: &[f32], curve: impl Fn(usize) -> CompressorCurve, gains: &mut [f32]) {
        let mut start = 0;
        while start < levels.len() {
            let end = (start + GAIN_STEP).min(levels.len());
            self.follower.follow(&levels[start..end]);
            let c = curve(end - 1);
            let target = db_to_gain(c.gain_db(gain_to_db(self.follower.env.max(1e-9))));
            let (g0, n) = (self.last_gain, (end - start) as f32);
            for (k, g) in gains[start..end].iter_mut().enumerate() {
                *g = g0 + (target - g0) * ((k + 1) as f32 / n);
            }
            self.last_gain = target;
            start = end;
        }
    }
}

/// Samples between evaluations of the gain curve in [`Compressor::process_block`] (0.36 ms at
/// 44.1 kHz).
pub const GAIN_STEP: usize = 16;

/// A look-ahead brick-wall limiter: the output never exceeds the ceiling.
///
/// The gain each sample needs (`ceiling / peak`, at most 1) goes through a sliding minimum
/// over the look-ahead window, a release smoother that may only fall instantly and rise
/// slowly, and a moving average over the look-ahead length. The audio is delayed by the
/// look-ahead, so each sample meets a gain that has already ramped down (over the look-ahead
/// time, no click) to at most what it needs: every value averaged for a sample is a minimum
/// over a window that contains that sample. A final clamp catches rounding and sudden
/// ceiling changes. Stereo-linked.
pub struct Limiter {
    /// Look-ahead in samples (the latency).
    look: usize,
    /// Delayed audio, two channels.
    audio: [Vec<f32>; 2],
    /// Sliding-minimum deque over the look-ahead window: (sample index, gain).
    deque: Vec<(u64, f32)>,
    head: usize,
    len: usize,
    /// The last `look` smoothed-release gains and their running sum.
    ring: Vec<f32>,
    sum: f64,
    pos: usize,
    released: f32,
    n: u64,
    sample_rate: f32,
}

impl Limiter {
    /// `lookahead` seconds (also the latency and the attack time); at least one sample.
    pub fn new(sample_rate: f32, lookahead: f32) -> Limiter {
        let look = ((lookahead * sample_rate).round() as usize).max(1);
        Limiter {
            look,
            audio: [vec![0.0; look], vec![0.0; look]],
            deque: vec![(0, 1.0); look + 1],
            head: 0,
            len: 0,
            ring: vec![1.0; look],
            sum: look as f64,
            pos: 0,
            released: 1.0,
            n: 0,
            sample_rate,
        }
    }

    /// Latency in samples.
    pub fn latency(&self) -> usize {
        self.look
    }

    /// One stereo sample: `ceiling` linear (> 0), `release` seconds.
    #[inline]
    pub fn tick(&mut self, l: f32, r: f32, ceiling: f32, release_coef: f32) -> (f32, f32) {
        let ceiling = if ceiling.is_nan() { 1.0 } else { ceiling.max(1e-6) };
        let peak = l.abs().max(r.abs());
        let need = if peak > ceiling { ceiling / peak } else { 1.0 };
        // Sliding minimum over the window [n − look, n].
        let cap = self.deque.len();
        while self.len > 0 {
            let back = (self.head + self.len - 1) % cap;
            if self.deque[back].1 >= need {
                self.len -= 1;
            } else {
                break;
            }
        }
        self.deque[(self.head + self.len) % cap] = (self.n, need);
        self.len += 1;
        if self.deque[self.head].0 + (self.look as u64) < self.n {
            self.head = (self.head + 1) % cap;
            self.len -= 1;
        }
        let min = self.deque[self.head].1;
        // Fall at once, recover with the release time constant.
        self.released = (self.released + release_coef * (1.0 - self.released)).min(min);
        // Moving average over the look-ahead.
        self.sum += (self.released - self.ring[self.pos]) as f64;
        self.ring[self.pos] = self.released;
        let g = ((self.sum / self.look as f64) as f32).min(1.0);
        let (dl, dr) = (self.audio[0][self.pos], self.audio[1][self.pos]);
        self.audio[0][self.pos] = l;
        self.audio[1][self.pos] = r;
        self.pos += 1;
        if self.pos == self.look {
            self.pos = 0;
            // Re-add exactly once per cycle so rounding never accumulates.
            self.sum = self.ring.iter().map(|&v| v as f64).sum();
        }
        self.n += 1;
        ((dl * g).clamp(-ceiling, ceiling), (dr * g).clamp(-ceiling, ceiling))
    }

    /// Release coefficient for [`Limiter::tick`] from a time in seconds.
    pub fn release_coef(&self, release: f32) -> f32 {
        time_coef(release, self.sample_rate)
    }

    pub fn reset(&mut self) {
        for a in &mut self.audio {
            a.fill(0.0);
        }
        self.ring.fill(1.0);
        self.sum = self.look as f64;
        self.len = 0;
        self.head = 0;
        self.released = 1.0;
    }

    /// Take over another limiter's pipeline (hot swap); same look-ahead required.
    pub fn copy_from(&mut self, o: &Limiter) -> bool {
        if o.look != self.look {
            return false;
        }
        self.audio[0].copy_from_slice(&o.audio[0]);
        self.audio[1].copy_from_slice(&o.audio[1]);
        self.deque.copy_from_slice(&o.deque);
        self.ring.copy_from_slice(&o.ring);
        (self.head, self.len, self.sum, self.pos, self.released, self.n) =
            (o.head, o.len, o.sum, o.pos, o.released, o.n);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following a run gives the per-sample follower's envelope up to rounding (fused
    /// multiply-adds, the flush moved to the end of the run), on both paths, through
    /// attacks, releases, silence and tiny levels.
    #[test]
    fn run_follower_matches_the_per_sample_follower() {
        let mut rng = crate::dsp::noise::Rng::new(13);
        let levels: Vec<f32> = (0..48000)
            .map(|i| {
                let burst = (i / 3000) % 3;
                let x = rng.bipolar().abs();
                [x, x * 1e-3, 0.0][burst]
            })
            .collect();
        let (mut a, mut b, mut c) =
            (PeakFollower::new(48000.0), PeakFollower::new(48000.0), PeakFollower::new(48000.0));
        for chunk in levels.chunks(GAIN_STEP) {
            for &l in chunk {
                a.tick(l);
            }
            b.follow(chunk);
            c.follow_body::<false>(chunk);
            for e in [b.env, c.env] {
                assert!((a.env - e).abs() <= 1e-5 * a.env + 1e-20, "{} vs {e}", a.env);
            }
        }
    }

    #[test]
    fn hard_knee_curve() {
        let c = CompressorCurve { threshold_db: -12.0, ratio: 4.0, knee_db: 0.0, makeup_db: 0.0 };
        assert_eq!(c.gain_db(-20.0), 0.0);
        assert!((c.gain_db(0.0) + 9.0).abs() < 1e-5);
        let soft = CompressorCurve { knee_db: 6.0, ..c };
        assert_eq!(soft.gain_db(-16.0), 0.0);
        assert!((soft.gain_db(0.0) + 9.0).abs() < 1e-5);
        assert!(soft.gain_db(-12.0) < 0.0 && soft.gain_db(-12.0) > -1.0);
    }

    #[test]
    fn compressor_settles_on_the_curve() {
        let sr = 48000.0;
        let mut c = Compressor::new(sr);
        let curve = CompressorCurve { threshold_db: -20.0, ratio: 4.0, knee_db: 0.0, makeup_db: 0.0 };
        let mut g = 1.0;
        for _ in 0..48000 {
            g = c.gain(0.5, &curve); // −6 dB: 14 dB over, 10.5 dB of reduction
        }
        assert!((gain_to_db(g) + 10.5).abs() < 0.05, "{}", gain_to_db(g));
    }

    #[test]
    fn limiter_never_exceeds_its_ceiling() {
        let sr = 48000.0;
        let mut lim = Limiter::new(sr, 0.005);
        let rel = lim.release_coef(0.05);
        let ceiling = db_to_gain(-1.0);
        let mut rng = super::super::noise::White::new(9);
        let mut peak = 0.0f32;
        for i in 0..480000 {
            // Bursts of loud noise and sudden spikes.
            let burst = if (i / 7000) % 3 == 0 { 8.0 } else { 0.3 };
            let spike = if i % 10007 == 0 { 40.0 } else { 0.0 };
            let x = rng.tick() * burst + spike;
            let (l, r) = lim.tick(x, -0.5 * x, ceiling, rel);
            peak = peak.max(l.abs()).max(r.abs());
        }
        assert!(peak <= ceiling, "peak {peak} over ceiling {ceiling}");
        assert!(peak > 0.9 * ceiling);
    }

    #[test]
    fn limiter_is_transparent_below_the_ceiling() {
        let mut lim = Limiter::new(48000.0, 0.002);
        let rel = lim.release_coef(0.1);
        let look = lim.latency();
        let x: Vec<f32> = (0..2000).map(|i| 0.5 * (i as f32 * 0.05).sin()).collect();
        let y: Vec<f32> = x.iter().map(|&v| lim.tick(v, v, 0.9, rel).0).collect();
        for i in look..2000 {
            assert!((y[i] - x[i - look]).abs() < 1e-6);
        }
    }
}
