//! The state-variable filter of Andrew Simper (Cytomic, "Linear Trapezoidal Integrated SVF",
//! 2013): two trapezoidal integrators with zero-delay feedback solved exactly. It stays stable
//! and free of zipper artefacts when cutoff and resonance change every sample, which is why
//! every resonant 2-pole filter of Phonon (lpf, hpf, bpf, notch, the per-voice filters) is one.
//!
//! Split for per-voice use: [`SvfCoefs`] (computed from cutoff, Q and sample rate; share one
//! among filters with the same settings) and [`SvfState`] (two floats per channel). [`Svf`]
//! bundles both with a response type for the simple case.

use super::blep::LANES;
use super::fast_math::{flush, prewarp};

/// Filter coefficients: `k = 1/Q` and the solved feedback gains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfCoefs {
    pub k: f32,
    pub a1: f32,
    pub a2: f32,
    pub a3: f32,
}

/// Smallest and largest Q accepted; beyond 200 the resonance rings for tens of seconds.
pub const MIN_Q: f32 = 0.025;
pub const MAX_Q: f32 = 200.0;

impl SvfCoefs {
    /// `cutoff_hz` is clamped to `(0, 0.49·fs)`, `q` to `[0.025, 200]` (0.7071: Butterworth,
    /// no peak; higher values resonate).
    #[inline(always)]
    pub fn new(cutoff_hz: f32, q: f32, sample_rate: f32) -> SvfCoefs {
        Self::with_inv_sr(cutoff_hz, q, 1.0 / sample_rate)
    }

    /// As [`SvfCoefs::new`] with `inv_sr = 1/fs` precomputed (saves a division per update).
    #[inline(always)]
    pub fn with_inv_sr(cutoff_hz: f32, q: f32, inv_sr: f32) -> SvfCoefs {
        Self::from_g_k(prewarp(cutoff_hz, inv_sr), 1.0 / q_clamp(q))
    }

    /// From the prewarped integrator gain `g = tan(π·fc/fs)` and damping `k = 1/Q`.
    #[inline(always)]
    pub fn from_g_k(g: f32, k: f32) -> SvfCoefs {
        let a1 = 1.0 / (1.0 + g * (g + k));
        let a2 = g * a1;
        SvfCoefs { k, a1, a2, a3: g * a2 }
    }
}

/// Coefficients of [`LANES`] filters that share a cutoff and differ in damping: voice banks
/// (`dsp/bank.rs`) compute the prewarp `g` once for all lanes and only the solved gains per
/// lane, with [`SvfCoefs::from_g_k`]'s arithmetic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfLaneCoefs {
    pub a1: [f32; LANES],
    pub a2: [f32; LANES],
    pub a3: [f32; LANES],
}

impl SvfLaneCoefs {
    #[inline(always)]
    pub fn from_g_k(g: f32, k: &[f32; LANES]) -> SvfLaneCoefs {
        let mut c = SvfLaneCoefs { a1: [0.0; LANES], a2: [0.0; LANES], a3: [0.0; LANES] };
        for l in 0..LANES {
            let s = SvfCoefs::from_g_k(g, k[l]);
            (c.a1[l], c.a2[l], c.a3[l]) = (s.a1, s.a2, s.a3);
        }
        c
    }
}

/// `a·b + c`, fused when `FMA` (only inside code compiled for processors that have it: in
/// other code a fused multiply-add is a slow library call).
#[inline(always)]
pub fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// [`LANES`] filter states side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvfLanes {
    pub ic1: [f32; LANES],
    pub ic2: [f32; LANES],
}

impl SvfLanes {
    /// One sample through every lane, as [`SvfState::tick`] per lane; with `FMA` the products
    /// are fused (for the processors that have it: see `dsp/simd.rs`). Returns (band, low).
    #[inline(always)]
    pub fn tick<const FMA: bool>(&mut self, c: &SvfLaneCoefs, x: &[f32; LANES]) -> ([f32; LANES], [f32; LANES]) {
        let madd = madd::<FMA>;
        let (mut band, mut low) = ([0.0; LANES], [0.0; LANES]);
        for l in 0..LANES {
            let (s1, s2) = (self.ic1[l], self.ic2[l]);
            let v3 = x[l] - s2;
            let v1 = madd(c.a1[l], s1, c.a2[l] * v3);
            let v2 = madd(c.a3[l], v3, madd(c.a2[l], s1, s2));
            // `2·v − s` with one rounding either way (doubling is exact): fused, the state
            // update is one step of the recursion instead of two.
            self.ic1[l] = madd(2.0, v1, -s1);
            self.ic2[l] = madd(2.0, v2, -s2);
            band[l] = v1;
            low[l] = v2;
        }
        (band, low)
    }

    /// [`SvfState::flush`] per lane.
    pub fn flush(&mut self) {
        for l in 0..LANES {
            let mut s = SvfState { ic1: self.ic1[l], ic2: self.ic2[l] };
            s.flush();
            (self.ic1[l], self.ic2[l]) = (s.ic1, s.ic2);
        }
    }

    pub fn lane(&self, l: usize) -> SvfState {
        SvfState { ic1: self.ic1[l], ic2: self.ic2[l] }
    }

    pub fn set_lane(&mut self, l: usize, s: SvfState) {
        (self.ic1[l], self.ic2[l]) = (s.ic1, s.ic2);
    }
}

/// `q` clamped to the accepted range (NaN gives the Butterworth value).
#[inline(always)]
pub fn q_clamp(q: f32) -> f32 {
    if q.is_nan() {
        std::f32::consts::FRAC_1_SQRT_2
    } else {
        q.clamp(MIN_Q, MAX_Q)
    }
}

/// All simultaneous outputs of one SVF step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfOut {
    /// Input, for deriving the other responses.
    pub x: f32,
    /// 12 dB/octave low-pass, unity gain at DC.
    pub low: f32,
    /// Band-pass with peak gain Q at the cutoff (multiply by `k` for unity peak gain).
    pub band: f32,
}

impl SvfOut {
    #[inline(always)]
    pub fn high(&self, c: &SvfCoefs) -> f32 {
        self.x - c.k * self.band - self.low
    }

    /// Band-pass normalised to unity gain at the centre frequency.
    #[inline(always)]
    pub fn band_unity(&self, c: &SvfCoefs) -> f32 {
        c.k * self.band
    }

    #[inline(always)]
    pub fn notch(&self, c: &SvfCoefs) -> f32 {
        self.x - c.k * self.band
    }

    /// Low minus high: a resonant peak at the cutoff, unity elsewhere at the extremes.
    #[inline(always)]
    pub fn peak(&self, c: &SvfCoefs) -> f32 {
        2.0 * self.low - self.x + c.k * self.band
    }

    /// Unity magnitude at every frequency; the phase turns through 360° around the cutoff.
    #[inline(always)]
    pub fn allpass(&self, c: &SvfCoefs) -> f32 {
        self.x - 2.0 * c.k * self.band
    }
}

/// The two integrator states of one channel.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvfState {
    pub ic1: f32,
    pub ic2: f32,
}

impl SvfState {
    /// One sample through the filter; all responses at once.
    #[inline(always)]
    pub fn tick(&mut self, c: &SvfCoefs, x: f32) -> SvfOut {
        let v3 = x - self.ic2;
        let v1 = c.a1 * self.ic1 + c.a2 * v3;
        let v2 = self.ic2 + c.a2 * self.ic1 + c.a3 * v3;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        SvfOut { x, low: v2, band: v1 }
    }

    /// One sample, returning the response `mode`.
    #[inline(always)]
    pub fn tick_mode(&mut self, c: &SvfCoefs, x: f32, mode: SvfMode) -> f32 {
        let o = self.tick(c, x);
        mode.pick(&o, c)
    }

    /// Zero states that decayed below audibility, so silence never turns into denormals.
    /// Once per block is enough.
    #[inline]
    pub fn flush(&mut self) {
        self.ic1 = flush(self.ic1);
        self.ic2 = flush(self.ic2);
        if !(self.ic1.is_finite() && self.ic2.is_finite()) {
            *self = SvfState::default();
        }
    }

    pub fn reset(&mut self) {
        *self = SvfState::default();
    }
}

/// Which response a filter outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvfMode {
    Low,
    High,
    /// Band-pass, unity gain at the centre.
    Band,
    Notch,
    Peak,
    AllPass,
}

impl SvfMode {
    #[inline(always)]
    pub fn pick(self, o: &SvfOut, c: &SvfCoefs) -> f32 {
        match self {
            SvfMode::Low => o.low,
            SvfMode::High => o.high(c),
            SvfMode::Band => o.band_unity(c),
            SvfMode::Notch => o.notch(c),
            SvfMode::Peak => o.peak(c),
            SvfMode::AllPass => o.allpass(c),
        }
    }
}

/// The SVF as a linear state-space system for one set of coefficients and one response:
/// `s' = A·s + B·x`, `y = C·s + D·x` with `s = (ic1, ic2)`. Stepping it four samples at a time
/// (`s₄ = A⁴·s + Σ A^(3−i)·B·xᵢ`, `yⱼ = C·Aʲ·s + Σ hⱼ₋ᵢ·xᵢ` with `h₀ = D`, `hₘ = C·A^(m−1)·B`)
/// gives the same output as [`SvfState::tick`] (to rounding) with a quarter of the serial
/// dependency chain, and the four outputs of a step are independent of each other, so they
/// vectorise. Build it when the coefficients change (about 60 multiply-adds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvfBlock {
    /// A⁴, row-major.
    a4: [f32; 4],
    /// Input-to-state gains: state row r gets `g[r][i]·xᵢ`.
    g: [[f32; 4]; 2],
    /// Rows `C·Aʲ` as two columns: output j gets `o[0][j]·ic1 + o[1][j]·ic2`.
    o: [[f32; 4]; 2],
    /// Toeplitz input taps: output j gets `t[i][j]·xᵢ` (zero for i > j).
    t: [[f32; 4]; 4],
    /// One-sample form for the tail of a buffer.
    a: [f32; 4],
    b: [f32; 2],
    c: [f32; 2],
    d: f32,
}

/// Output row `(c1, c2, d)` of response `mode`: `y = c1·ic1 + c2·ic2 + d·x`.
#[inline(always)]
pub fn output_row(c: &SvfCoefs, mode: SvfMode) -> (f32, f32, f32) {
    let (k, a1, a2, a3) = (c.k, c.a1, c.a2, c.a3);
    // v1 = a1·ic1 − a2·ic2 + a2·x;  v2 = a2·ic1 + (1 − a3)·ic2 + a3·x
    match mode {
        SvfMode::Low => (a2, 1.0 - a3, a3),
        SvfMode::Band => (k * a1, -k * a2, k * a2),
        SvfMode::High => (-k * a1 - a2, k * a2 - (1.0 - a3), 1.0 - k * a2 - a3),
        SvfMode::Notch => (-k * a1, k * a2, 1.0 - k * a2),
        SvfMode::Peak => (2.0 * a2 + k * a1, 2.0 * (1.0 - a3) - k * a2, 2.0 * a3 - 1.0 + k * a2),
        SvfMode::AllPass => (-2.0 * k * a1, 2.0 * k * a2, 1.0 - 2.0 * k * a2),
    }
}

#[inline(always)]
fn mat_mul(x: &[f32; 4], y: &[f32; 4]) -> [f32; 4] {
    [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]]
}

#[inline(always)]
fn mat_vec(m: &[f32; 4], v: [f32; 2]) -> [f32; 2] {
    [m[0] * v[0] + m[1] * v[1], m[2] * v[0] + m[3] * v[1]]
}

impl SvfBlock {
    pub fn new(c: &SvfCoefs, mode: SvfMode) -> SvfBlock {
        let a = [2.0 * c.a1 - 1.0, -2.0 * c.a2, 2.0 * c.a2, 1.0 - 2.0 * c.a3];
        let b = [2.0 * c.a2, 2.0 * c.a3];
        let (c1, c2, d) = output_row(c, mode);
        let a2 = mat_mul(&a, &a);
        let a3 = mat_mul(&a2, &a);
        let a4 = mat_mul(&a3, &a);
        // Powers applied to B: A^m·B for m = 0..3.
        let ab = [b, mat_vec(&a, b), mat_vec(&a2, b), mat_vec(&a3, b)];
        let mut g = [[0.0; 4]; 2];
        for i in 0..4 {
            let v = ab[3 - i];
            g[0][i] = v[0];
            g[1][i] = v[1];
        }
        // C·A^j rows.
        let mut o = [[0.0; 4]; 2];
        let mut row = [c1, c2];
        for j in 0..4 {
            o[0][j] = row[0];
            o[1][j] = row[1];
            row = [row[0] * a[0] + row[1] * a[2], row[0] * a[1] + row[1] * a[3]];
        }
        // Impulse response taps h_0 = D, h_m = C·A^(m−1)·B.
        let mut h = [d, 0.0, 0.0, 0.0];
        for m in 1..4 {
            h[m] = c1 * ab[m - 1][0] + c2 * ab[m - 1][1];
        }
        let mut t = [[0.0; 4]; 4];
        for i in 0..4 {
            for j in i..4 {
                t[i][j] = h[j - i];
            }
        }
        SvfBlock { a4, g, o, t, a, b, c: [c1, c2], d }
    }

    /// Filter `x` into `y` (same length), carrying state `s`.
    #[inline]
    pub fn process(&self, s: &mut SvfState, x: &[f32], y: &mut [f32]) {
        block_process(self, s, x, y);
    }

    #[inline(always)]
    fn process_body<const FMA: bool>(&self, s: &mut SvfState, x: &[f32], y: &mut [f32]) {
        // With FMA the state update is two fused steps deep instead of three operations.
        let madd = |a: f32, b: f32, c: f32| if FMA { a.mul_add(b, c) } else { a * b + c };
        let n = x.len().min(y.len());
        let (mut s1, mut s2) = (s.ic1, s.ic2);
        let quads = n / 4;
        for q in 0..quads {
            let xs: [f32; 4] = x[4 * q..4 * q + 4].try_into().unwrap();
            let mut out = [0.0f32; 4];
            for j in 0..4 {
                out[j] = self.o[0][j] * s1
                    + self.o[1][j] * s2
                    + (self.t[0][j] * xs[0] + self.t[1][j] * xs[1])
                    + (self.t[2][j] * xs[2] + self.t[3][j] * xs[3]);
            }
            y[4 * q..4 * q + 4].copy_from_slice(&out);
            let gx1 = (self.g[0][0] * xs[0] + self.g[0][1] * xs[1]) + (self.g[0][2] * xs[2] + self.g[0][3] * xs[3]);
            let gx2 = (self.g[1][0] * xs[0] + self.g[1][1] * xs[1]) + (self.g[1][2] * xs[2] + self.g[1][3] * xs[3]);
            let n1 = madd(self.a4[0], s1, madd(self.a4[1], s2, gx1));
            let n2 = madd(self.a4[2], s1, madd(self.a4[3], s2, gx2));
            s1 = n1;
            s2 = n2;
        }
        for i in 4 * quads..n {
            y[i] = self.c[0] * s1 + self.c[1] * s2 + self.d * x[i];
            let n1 = self.a[0] * s1 + self.a[1] * s2 + self.b[0] * x[i];
            let n2 = self.a[2] * s1 + self.a[3] * s2 + self.b[1] * x[i];
            s1 = n1;
            s2 = n2;
        }
        s.ic1 = s1;
        s.ic2 = s2;
    }
}

/// [`SvfBlock::process`] through the AVX2 + FMA copy when the processor has it.
#[inline]
fn block_process(b: &SvfBlock, s: &mut SvfState, x: &[f32], y: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx2,fma")]
        unsafe fn wide_copy(b: &SvfBlock, s: &mut SvfState, x: &[f32], y: &mut [f32]) {
            b.process_body::<true>(s, x, y)
        }
        if super::simd::wide() {
            // Safety: the processor supports AVX2 and FMA (checked above).
            return unsafe { wide_copy(b, s, x, y) };
        }
    }
    b.process_body::<false>(s, x, y)
}

/// A mono SVF with a fixed response type: coefficients, state and mode together. Small and
/// `Copy`, for per-voice use: `Svf::new(SvfMode::Low, sr)`, `set(cutoff, q)`, `tick(x)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Svf {
    pub coefs: SvfCoefs,
    pub state: SvfState,
    pub mode: SvfMode,
    inv_sr: f32,
}

impl Svf {
    /// A filter at 1 kHz, Q 0.7071, for `sample_rate` Hz.
    pub fn new(mode: SvfMode, sample_rate: f32) -> Svf {
        let inv_sr = 1.0 / sample_rate;
        Svf {
            coefs: SvfCoefs::with_inv_sr(1000.0, std::f32::consts::FRAC_1_SQRT_2, inv_sr),
            state: SvfState::default(),
            mode,
            inv_sr,
        }
    }

    /// Cutoff (Hz) and Q. Cheap enough to call every sample.
    #[inline(always)]
    pub fn set(&mut self, cutoff_hz: f32, q: f32) {
        self.coefs = SvfCoefs::with_inv_sr(cutoff_hz, q, self.inv_sr);
    }

    #[inline(always)]
    pub fn tick(&mut self, x: f32) -> f32 {
        self.state.tick_mode(&self.coefs, x, self.mode)
    }

    /// Filter a buffer in place with the current settings.
    pub fn process(&mut self, buf: &mut [f32]) {
        let (c, mode) = (self.coefs, self.mode);
        for x in buf.iter_mut() {
            *x = self.state.tick_mode(&c, *x, mode);
        }
        self.state.flush();
    }

    pub fn reset(&mut self) {
        self.state.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dispatched block filter (AVX2 + FMA where the processor has it) and the baseline
    /// body agree up to the fused multiply-adds' rounding, for every mode.
    #[test]
    fn dispatched_and_baseline_blocks_agree() {
        let mut rng = crate::dsp::noise::Rng::new(5);
        let x: Vec<f32> = (0..512).map(|_| rng.bipolar()).collect();
        for mode in [SvfMode::Low, SvfMode::High, SvfMode::Band, SvfMode::Notch] {
            let b = SvfBlock::new(&SvfCoefs::new(1234.0, 3.0, 48000.0), mode);
            let (mut s0, mut s1) = (SvfState::default(), SvfState::default());
            let (mut y0, mut y1) = (vec![0.0; 512], vec![0.0; 512]);
            for _ in 0..4 {
                block_process(&b, &mut s0, &x, &mut y0);
                b.process_body::<false>(&mut s1, &x, &mut y1);
                for (a, c) in y0.iter().zip(&y1) {
                    assert!((a - c).abs() <= 1e-4 * (1.0 + c.abs()), "{mode:?}: {a} vs {c}");
                }
            }
        }
    }

    /// Steady-state gain of `mode` at `freq`, by running a sine through it.
    fn gain(mode: SvfMode, cutoff: f32, q: f32, freq: f32) -> f32 {
        let sr = 48000.0;
        let mut f = Svf::new(mode, sr);
        f.set(cutoff, q);
        let n = 48000;
        let (mut ex, mut ey) = (0.0f64, 0.0f64);
        for i in 0..n {
            let x = (2.0 * std::f64::consts::PI * freq as f64 * i as f64 / sr as f64).sin() as f32;
            let y = f.tick(x);
            // Half a second in: steady state, and a whole number of cycles at these test
            // frequencies, so the power ratio is the squared gain.
            if i >= n / 2 {
                ex += (x as f64).powi(2);
                ey += (y as f64).powi(2);
            }
        }
        (ey / ex).sqrt() as f32
    }

    fn db(g: f32) -> f32 {
        20.0 * g.log10()
    }

    #[test]
    fn butterworth_low_pass_is_3db_down_at_cutoff() {
        let g = db(gain(SvfMode::Low, 1000.0, std::f32::consts::FRAC_1_SQRT_2, 1000.0));
        assert!((g + 3.01).abs() < 0.05, "{g} dB");
        assert!(db(gain(SvfMode::Low, 1000.0, std::f32::consts::FRAC_1_SQRT_2, 100.0)).abs() < 0.01);
        // 12 dB/octave: two octaves above, about −24 dB.
        let far = db(gain(SvfMode::Low, 1000.0, std::f32::consts::FRAC_1_SQRT_2, 4000.0));
        assert!((-25.5..-22.5).contains(&far), "{far}");
    }

    #[test]
    fn responses() {
        let q = std::f32::consts::FRAC_1_SQRT_2;
        assert!((db(gain(SvfMode::High, 1000.0, q, 1000.0)) + 3.01).abs() < 0.05);
        assert!(db(gain(SvfMode::High, 1000.0, q, 8000.0)).abs() < 0.05);
        assert!(db(gain(SvfMode::Band, 1000.0, 2.0, 1000.0)).abs() < 0.05);
        assert!(db(gain(SvfMode::Band, 1000.0, 2.0, 100.0)) < -20.0);
        assert!(db(gain(SvfMode::Notch, 1000.0, 2.0, 1000.0)) < -40.0);
        assert!(db(gain(SvfMode::Notch, 1000.0, 2.0, 5000.0)).abs() < 0.5);
        for f in [50.0, 300.0, 1000.0, 3000.0, 12000.0] {
            assert!(db(gain(SvfMode::AllPass, 1000.0, 1.0, f)).abs() < 0.05, "allpass at {f}");
        }
        // Resonance: Q 8 peaks about 18 dB at the cutoff.
        let r = db(gain(SvfMode::Low, 1000.0, 8.0, 1000.0));
        assert!((r - 18.06).abs() < 0.2, "{r}");
    }

    #[test]
    fn block_form_matches_per_sample_form() {
        let modes = [SvfMode::Low, SvfMode::High, SvfMode::Band, SvfMode::Notch, SvfMode::Peak, SvfMode::AllPass];
        let mut rng = 12345u32;
        let x: Vec<f32> = (0..1001)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 17;
                rng ^= rng << 5;
                rng as i32 as f32 / 2147483648.0
            })
            .collect();
        for mode in modes {
            for (fc, q) in [(100.0, 0.7), (1000.0, 8.0), (15000.0, 0.5), (20000.0, 30.0)] {
                let c = SvfCoefs::new(fc, q, 48000.0);
                let blk = SvfBlock::new(&c, mode);
                let (mut s1, mut s2) = (SvfState::default(), SvfState::default());
                let mut y = vec![0.0; x.len()];
                blk.process(&mut s1, &x, &mut y);
                let mut worst = 0.0f32;
                for i in 0..x.len() {
                    let r = s2.tick_mode(&c, x[i], mode);
                    worst = worst.max((r - y[i]).abs());
                }
                assert!(worst < 2e-4 * q, "{mode:?} {fc} {q}: {worst}");
                assert!((s1.ic1 - s2.ic1).abs() < 1e-3 * q && (s1.ic2 - s2.ic2).abs() < 1e-3 * q);
            }
        }
    }

    #[test]
    fn silence_decays_to_exact_zero() {
        let mut f = Svf::new(SvfMode::Low, 48000.0);
        f.set(200.0, 20.0);
        let mut buf = [0.0f32; 128];
        buf[0] = 1.0;
        f.process(&mut buf);
        for _ in 0..20000 {
            buf.fill(0.0);
            f.process(&mut buf);
        }
        assert_eq!(f.state, SvfState::default());
    }
}
