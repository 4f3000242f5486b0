//! Band-limited classic waveforms (saw, pulse/square, triangle) by band-limited step (BLEP)
//! and ramp (BLAMP) correction.
//!
//! The naive waveform is computed from a phase accumulator; at each discontinuity (of value
//! for saw and pulse, of slope for triangle) a precomputed residual is added: the difference
//! between an ideal step convolved with a Kaiser-windowed sinc and the naive step, placed with
//! sub-sample accuracy. The output is then the sampled waveform convolved with that windowed
//! sinc: harmonics below 0.4·fs pass untouched, everything above 0.5·fs (what would fold back
//! as aliasing) is suppressed by more than 60 dB. The linear-phase kernel makes the output lag
//! the phase by [`LATENCY`] samples (0.33 ms at 48 kHz).
//!
//! Phase is a `u32` fraction of a cycle that wraps by itself: exact and drift-free over any
//! session, and negative increments run backwards (through-zero FM) with the same correction.

use super::fast_math::{sin_half_turns, sin_turns};
use std::sync::OnceLock;

/// Kernel length in samples (the windowed sinc spans ±`TAPS/2`).
pub const TAPS: usize = 32;
/// Output delay of the band-limited oscillators, in samples.
pub const LATENCY: usize = TAPS / 2;
/// Residual table resolution: phases per sample (linear interpolation between them).
const PHASES: usize = 64;
/// Pass-band edge and stop-band edge of the kernel, as fractions of the sample rate.
const PASS: f64 = 0.40;
const STOP: f64 = 0.50;
/// Kaiser window shape: about 60 dB stop-band suppression with 32 taps, which with the saw's
/// 1/k harmonic levels keeps every alias more than 75 dB below the fundamental.
const KAISER_BETA: f64 = 6.0;
/// Ring of corrections still to be output: slots for the `TAPS` samples a residual spans
/// (a power of two).
pub const RING: usize = TAPS;
const MASK: usize = RING - 1;

/// Residuals of the band-limited step and ramp, one row per fractional offset.
pub struct Tables {
    /// `blep[p][j]`: band-limited unit step minus the naive step, at `j − TAPS/2 + p/PHASES`
    /// samples from the discontinuity.
    blep: [[f32; TAPS]; PHASES + 1],
    /// The same for a unit change of slope (per sample).
    blamp: [[f32; TAPS]; PHASES + 1],
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// The residual tables, computed on first use (a few milliseconds, no heap allocation).
/// Oscillator constructors call this, so the audio thread never computes them; code that
/// creates oscillators on the audio thread should call it once beforehand.
pub fn tables() -> &'static Tables {
    TABLES.get_or_init(build_tables)
}

/// Modified Bessel function of the first kind, order 0 (power series).
fn bessel_i0(x: f64) -> f64 {
    let (mut sum, mut term, q) = (1.0, 1.0, x * x / 4.0);
    for k in 1..60 {
        term *= q / (k * k) as f64;
        sum += term;
        if term < 1e-17 * sum {
            break;
        }
    }
    sum
}

fn build_tables() -> Tables {
    // Fine grid for integrating the kernel: OVER points per table phase step.
    const OVER: usize = 8;
    let fine = PHASES * OVER; // points per sample
    let half = (TAPS / 2) as f64;
    let fc = 0.5 * (PASS + STOP);
    let i0b = bessel_i0(KAISER_BETA);
    let kernel = |t: f64| -> f64 {
        if t.abs() >= half {
            return 0.0;
        }
        let x = 2.0 * fc * t;
        let sinc = if x.abs() < 1e-12 { 1.0 } else { (std::f64::consts::PI * x).sin() / (std::f64::consts::PI * x) };
        let r = t / half;
        2.0 * fc * sinc * bessel_i0(KAISER_BETA * (1.0 - r * r).max(0.0).sqrt()) / i0b
    };
    // Integrate kernel (step) and step (ramp) on the fine grid from −half to +half.
    let n = TAPS * fine;
    let dt = 1.0 / fine as f64;
    let mut step = vec![0.0f64; n + 1];
    for i in 0..n {
        let t0 = -half + i as f64 * dt;
        step[i + 1] = step[i] + 0.5 * (kernel(t0) + kernel(t0 + dt)) * dt;
    }
    let total = step[n];
    for s in step.iter_mut() {
        *s /= total; // unit DC gain exactly
    }
    let mut ramp = vec![0.0f64; n + 1];
    for i in 0..n {
        ramp[i + 1] = ramp[i] + 0.5 * (step[i] + step[i + 1]) * dt;
    }
    let mut t = Tables { blep: [[0.0; TAPS]; PHASES + 1], blamp: [[0.0; TAPS]; PHASES + 1] };
    for p in 0..=PHASES {
        for j in 0..TAPS {
            // Offset from the discontinuity: j − half + p/PHASES samples.
            let idx = j * fine + p * OVER;
            let tau = j as f64 - half + p as f64 / PHASES as f64;
            let (bl_step, bl_ramp) = if idx <= n { (step[idx], ramp[idx]) } else { (1.0, tau) };
            // Taps from TAPS/2 on are at or after the discontinuity for every fraction; the
            // last row is the limit from below for the tap just before it.
            let (naive_step, naive_ramp) = if j >= TAPS / 2 { (1.0, tau) } else { (0.0, 0.0) };
            t.blep[p][j] = (bl_step - naive_step) as f32;
            t.blamp[p][j] = (bl_ramp - naive_ramp) as f32;
        }
    }
    t
}

/// Phase increment (cycles per sample as a signed 32-bit fraction) for `freq_hz`, clamped to
/// ±0.49 of the sample rate. `inv_sr = 1/fs`. NaN gives 0.
#[inline(always)]
pub fn increment(freq_hz: f32, inv_sr: f32) -> i32 {
    let c = (freq_hz * inv_sr).clamp(-0.49, 0.49);
    // NaN clamps to NaN, and `as` turns NaN into 0.
    (c * 4_294_967_296.0) as i32
}

/// A phase in `[0, 1)` as a `u32` fraction.
#[inline(always)]
pub fn phase_from_f32(p: f32) -> u32 {
    let p = p - p.floor();
    (p as f64 * 4_294_967_296.0) as u64 as u32
}

#[inline(always)]
fn unit(p: u32) -> f32 {
    p as f32 * (1.0 / 4_294_967_296.0)
}

/// Where a step of `inc` from phase `a` crosses threshold `t`, if it does: the fraction of a
/// sample that has passed since the crossing, in `[0, 1)`, and whether it was crossed moving
/// forwards.
#[inline(always)]
fn crossing(a: u32, inc: i32, t: u32) -> Option<(f32, bool)> {
    if inc >= 0 {
        let dist = t.wrapping_sub(a);
        let m = inc as u32;
        if dist != 0 && dist <= m {
            return Some((((m - dist) as f32 / m as f32).min(0.999_999), true));
        }
    } else {
        let dist = a.wrapping_sub(t);
        let m = inc.unsigned_abs();
        if dist < m {
            return Some((((m - dist) as f32 / m as f32).min(0.999_999), false));
        }
    }
    None
}

/// A band-limited oscillator: phase plus the ring of pending corrections. About 150 bytes,
/// `Copy`, for per-voice use. Call one `tick_*` per sample (mixing shapes on one oscillator
/// is allowed but the corrections then belong to whichever shape made them).
#[derive(Clone, Copy)]
pub struct BlepOsc {
    /// Current phase (the output lags it by [`LATENCY`] samples).
    pub phase: u32,
    /// Pulse width of the last pulse sample (its falling edge moves with it).
    width: u32,
    ring: [f32; RING],
    pos: usize,
    tables: &'static Tables,
}

impl Default for BlepOsc {
    fn default() -> Self {
        BlepOsc::new(0.0)
    }
}

impl std::fmt::Debug for BlepOsc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlepOsc").field("phase", &self.phase).finish()
    }
}

impl BlepOsc {
    /// An oscillator starting at `phase` (cycles, 0..1). Initialises the residual tables.
    pub fn new(phase: f32) -> BlepOsc {
        BlepOsc { phase: phase_from_f32(phase), width: 1 << 31, ring: [0.0; RING], pos: 0, tables: tables() }
    }

    /// Restart at `phase`, dropping pending corrections.
    pub fn reset(&mut self, phase: f32) {
        self.phase = phase_from_f32(phase);
        self.ring = [0.0; RING];
        self.pos = 0;
    }

    /// Continue lane `l` of `lanes`, playing `wave` (hot swap from a voice bank): the inverse
    /// of [`BlepLanes::adopt_osc`], the naive values ahead written back into the ring.
    pub fn continue_lane(&mut self, wave: Wave, lanes: &BlepLanes, l: usize) {
        let inc = lanes.inc[l] as u32;
        let lead = lanes.naive[l].wrapping_add((LATENCY as u32).wrapping_mul(inc));
        for j in 0..RING {
            let mut v = lanes.ring[j][l];
            if j < LATENCY {
                v += BlepLanes::naive_of(wave, lead.wrapping_sub(((LATENCY - 1 - j) as u32).wrapping_mul(inc)));
            }
            self.ring[j] = v;
        }
        self.pos = 0;
        self.phase = lead;
        if let Wave::Pulse(w) = wave {
            self.width = w;
        }
    }

    /// Copy the running state of `other` (hot swap).
    pub fn copy_state(&mut self, other: &BlepOsc) {
        self.phase = other.phase;
        self.width = other.width;
        self.ring = other.ring;
        self.pos = other.pos;
    }

    /// Add `height` times the step residual for a discontinuity `frac` samples before the
    /// sample just produced (whose naive value is already written at slot `pos + LATENCY`).
    #[inline(always)]
    fn add_residual(&mut self, table: &Residual, frac: f32, height: f32) {
        let (r0, r1, w) = rows(table, frac);
        for j in 0..TAPS {
            let r = r0[j] + w * (r1[j] - r0[j]);
            self.ring[(self.pos + j) & MASK] += height * r;
        }
    }

    /// Write the naive value of this sample, take the finished output sample, advance.
    #[inline(always)]
    fn emit(&mut self, naive: f32) -> f32 {
        self.ring[(self.pos + LATENCY) & MASK] += naive;
        let y = self.ring[self.pos];
        self.ring[self.pos] = 0.0;
        self.pos = (self.pos + 1) & MASK;
        y
    }

    /// A rising saw from −1 to 1. `inc` from [`increment`].
    #[inline(always)]
    pub fn tick_saw(&mut self, inc: i32) -> f32 {
        let a = self.phase;
        let b = a.wrapping_add(inc as u32);
        self.phase = b;
        let naive = naive_saw(b);
        if let Some((frac, fwd)) = crossing(a, inc, 0) {
            let t = self.tables;
            self.add_residual(&t.blep, frac, if fwd { -2.0 } else { 2.0 });
        }
        self.emit(naive)
    }

    /// A pulse: +1 for the first `width` of each cycle (0..1 as a `u32` fraction, see
    /// [`phase_from_f32`]; half of `u32` range is a square), −1 after. The falling edge is
    /// where the phase meets the width, so a moving width (PWM) makes band-limited edges too:
    /// it is found as the zero crossing of `phase − width`.
    #[inline(always)]
    pub fn tick_pulse(&mut self, inc: i32, width: u32) -> f32 {
        let a = self.phase;
        let b = a.wrapping_add(inc as u32);
        self.phase = b;
        let naive = naive_pulse(b, width);
        let t = self.tables;
        if let Some((frac, fwd)) = crossing(a, inc, 0) {
            self.add_residual(&t.blep, frac, if fwd { 2.0 } else { -2.0 });
        }
        let (da, db) = (a.wrapping_sub(self.width), b.wrapping_sub(width));
        self.width = width;
        if let Some((frac, fwd)) = crossing(da, db.wrapping_sub(da) as i32, 0) {
            self.add_residual(&t.blep, frac, if fwd { -2.0 } else { 2.0 });
        }
        self.emit(naive)
    }

    /// A triangle starting at 0 and rising, like a sine: peaks +1 at a quarter cycle, −1 at
    /// three quarters.
    #[inline(always)]
    pub fn tick_tri(&mut self, inc: i32) -> f32 {
        let a = self.phase;
        let b = a.wrapping_add(inc as u32);
        self.phase = b;
        let naive = naive_tri(b);
        let t = self.tables;
        // Slope per sample is ±4 cycles⁻¹ × inc; corners change it by ∓8·inc.
        let slope = 8.0 * inc as f32 * (1.0 / 4_294_967_296.0);
        if let Some((frac, _)) = crossing(a, inc, 1 << 30) {
            self.add_residual(&t.blamp, frac, -slope);
        }
        if let Some((frac, _)) = crossing(a, inc, 3 << 30) {
            self.add_residual(&t.blamp, frac, slope);
        }
        self.emit(naive)
    }

    /// A sine (needs no correction; delayed like the others so shapes stay aligned).
    #[inline(always)]
    pub fn tick_sine(&mut self, inc: i32) -> f32 {
        self.phase = self.phase.wrapping_add(inc as u32);
        self.emit(sin_turns(unit(self.phase)))
    }
}

/// The waveform a block of [`BlepOsc::process_const`] renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wave {
    Saw,
    /// Pulse with its width as a `u32` fraction (`1 << 31`: square).
    Pulse(u32),
    Tri,
    /// A sine: no corrections (as [`BlepOsc::tick_sine`]); voice banks play `sine` with it.
    Sine,
}

/// Longest buffer [`BlepOsc::process_const`] renders in one pass (longer ones are split).
pub const PASS_LEN: usize = 128;

impl BlepOsc {
    /// Render `out` at a constant increment: the same samples as calling the matching
    /// `tick_*` once per sample, computed block-wise (the naive waveform in one vectorisable
    /// loop, the corrections only where discontinuities fall).
    pub fn process_const(&mut self, wave: Wave, inc: i32, mut out: &mut [f32]) {
        if let Wave::Pulse(w) = wave {
            // A width change since the last sample moves the edge: one exact tick first.
            if w != self.width && !out.is_empty() {
                out[0] = self.tick_pulse(inc, w);
                out = &mut out[1..];
            }
        }
        for part in out.chunks_mut(PASS_LEN) {
            pass(self, wave, inc, part);
        }
    }

    #[inline(always)]
    fn pass_body(&mut self, wave: Wave, inc: i32, out: &mut [f32]) {
        let n = out.len();
        // acc[i] will be output i; pending corrections and delayed naive values come first.
        let mut acc = [0.0f32; PASS_LEN + RING];
        for (j, a) in acc[..RING].iter_mut().enumerate() {
            *a = self.ring[(self.pos + j) & MASK];
        }
        let p0 = self.phase;
        let step = inc as u32;
        // Naive waveform of samples 1..=n after p0, written LATENCY outputs later.
        {
            let dst = &mut acc[LATENCY..LATENCY + n];
            let mut p = p0;
            match wave {
                Wave::Saw => {
                    for d in dst.iter_mut() {
                        p = p.wrapping_add(step);
                        *d += naive_saw(p);
                    }
                }
                Wave::Pulse(w) => {
                    for d in dst.iter_mut() {
                        p = p.wrapping_add(step);
                        *d += naive_pulse(p, w);
                    }
                }
                Wave::Tri => {
                    for d in dst.iter_mut() {
                        p = p.wrapping_add(step);
                        *d += naive_tri(p);
                    }
                }
                Wave::Sine => {
                    for d in dst.iter_mut() {
                        p = p.wrapping_add(step);
                        *d += sin_turns(unit(p));
                    }
                }
            }
        }
        // Corrections at every threshold crossing within the pass.
        edges(self.tables, wave, p0, inc, n, |table, base, frac, height| {
            let (r0, r1, w) = rows(table, frac);
            let dst = &mut acc[base..base + TAPS];
            for k in 0..TAPS {
                dst[k] += height * (r0[k] + w * (r1[k] - r0[k]));
            }
        });
        out.copy_from_slice(&acc[..n]);
        self.ring.copy_from_slice(&acc[n..n + RING]);
        self.pos = 0;
        self.phase = p0.wrapping_add(step.wrapping_mul(n as u32));
    }
}

crate::dispatch_wide!(fn pass(o: &mut BlepOsc, wave: Wave, inc: i32, out: &mut [f32]) => BlepOsc::pass_body);

/// A residual table: one row of `TAPS` corrections per fractional offset.
type Residual = [[f32; TAPS]; PHASES + 1];

/// The two rows of `table` around fractional offset `frac` (0..1) and the weight of the
/// second: the residual at tap k is `r0[k] + w·(r1[k] − r0[k])`.
#[inline(always)]
fn rows(table: &Residual, frac: f32) -> (&[f32; TAPS], &[f32; TAPS], f32) {
    let x = frac * PHASES as f32;
    let p = (x as usize).min(PHASES - 1);
    (&table[p], &table[p + 1], x - p as f32)
}

/// The naive rising saw at phase `p`, −1..1.
#[inline(always)]
pub fn naive_saw(p: u32) -> f32 {
    p as f32 * (2.0 / 4_294_967_296.0) - 1.0
}

/// The naive pulse at phase `p`: +1 below `width`, −1 from it on.
#[inline(always)]
pub fn naive_pulse(p: u32, width: u32) -> f32 {
    if p < width {
        1.0
    } else {
        -1.0
    }
}

/// The naive triangle at phase `p`, starting at 0 and rising.
#[inline(always)]
pub fn naive_tri(p: u32) -> f32 {
    let q = unit(p.wrapping_add(1 << 30));
    1.0 - 4.0 * (q - 0.5).abs()
}

/// The naive waves of a phase kept half a cycle on as a signed integer (`(p ^ 1 << 31) as
/// i32`, which advances by the same wrapping additions): what the lane-wide forms compute,
/// since a signed integer converts to a float in one vector instruction where an unsigned one
/// takes six. The same values as [`naive_saw`], [`naive_pulse`] (a square), [`naive_tri`] and
/// the sine to float rounding (2⁻²⁴).
#[inline(always)]
pub fn naive_saw_signed(s: i32) -> f32 {
    s as f32 * (1.0 / 2_147_483_648.0)
}

#[inline(always)]
pub fn naive_square_signed(s: i32) -> f32 {
    if s < 0 {
        1.0
    } else {
        -1.0
    }
}

#[inline(always)]
pub fn naive_sine_signed(s: i32) -> f32 {
    // Half a cycle on, the sine is negated; the phase is then in range already.
    -sin_half_turns(s as f32 * (1.0 / 4_294_967_296.0))
}

#[inline(always)]
pub fn naive_tri_signed(s: i32) -> f32 {
    1.0 - (s.wrapping_add(1 << 30) as f32).abs() * (1.0 / 1_073_741_824.0)
}

/// Every correction `wave` needs over the `n` steps `p0 + j·inc`, j = 1..=n, at a constant
/// increment: `add(table, base, frac, height)` for each threshold crossing, whose residual
/// (`height` times `table` at fraction `frac`) corrects outputs `base .. base + TAPS`.
#[inline(always)]
fn edges(t: &Tables, wave: Wave, p0: u32, inc: i32, n: usize, mut add: impl FnMut(&Residual, usize, f32, f32)) {
    let slope = 8.0 * inc as f32 * (1.0 / 4_294_967_296.0);
    match wave {
        Wave::Saw => crossings(p0, inc, n, 0, |b, f| add(&t.blep, b, f, if inc > 0 { -2.0 } else { 2.0 })),
        Wave::Pulse(w) => {
            crossings(p0, inc, n, 0, |b, f| add(&t.blep, b, f, if inc > 0 { 2.0 } else { -2.0 }));
            crossings(p0, inc, n, w, |b, f| add(&t.blep, b, f, if inc > 0 { -2.0 } else { 2.0 }));
        }
        Wave::Tri => {
            crossings(p0, inc, n, 1 << 30, |b, f| add(&t.blamp, b, f, -slope));
            crossings(p0, inc, n, 3 << 30, |b, f| add(&t.blamp, b, f, slope));
        }
        Wave::Sine => {}
    }
}

/// Every crossing of threshold `t` by the phase `p0 + j·inc`, j = 1..=n: `at(j − 1, frac)`
/// with the fraction of a sample since the crossing (a crossing on step j corrects outputs
/// `j − 1 .. j − 1 + TAPS`).
#[inline(always)]
fn crossings(p0: u32, inc: i32, n: usize, t: u32, mut at: impl FnMut(usize, f32)) {
    const CYCLE: u64 = 1 << 32;
    if inc == 0 {
        return;
    }
    let m = inc.unsigned_abs() as u64;
    let limit = n as u64 * m; // phase distance covered by the pass
    let mut dist = if inc > 0 {
        let d = t.wrapping_sub(p0) as u64;
        if d == 0 {
            CYCLE
        } else {
            d
        }
    } else {
        p0.wrapping_sub(t) as u64
    };
    while dist < limit + m {
        // Step j (1-based) on which the crossing happens, and the fraction of a sample since.
        let j = if inc > 0 { dist.div_ceil(m) } else { dist / m + 1 };
        if j > n as u64 {
            break;
        }
        let frac = ((j * m - dist) as f32 / m as f32).min(0.999_999);
        at((j - 1) as usize, frac);
        dist += CYCLE;
    }
}

/// Vector width of the lane-wide forms: eight `f32` lanes, one AVX2 register.
pub const LANES: usize = 8;

/// Eight band-limited oscillators at constant increments, side by side, for voice banks
/// (`dsp/bank.rs`). The same waveforms and corrections as [`BlepOsc::process_const`], laid out
/// so that a sample of all eight is one vector operation: the pending corrections are kept
/// lane-major (`ring[slot][lane]`, one vector load per sample) without the naive waveform,
/// which is computed from a phase that lags the edges by [`LATENCY`] steps instead of being
/// delayed through the ring. Edges are found once per block and added lane by lane (at most
/// a few per block at audio frequencies).
#[derive(Clone, Copy)]
pub struct BlepLanes {
    /// Phase of the naive waveform last output, per lane; edges are detected [`LATENCY`] steps
    /// ahead of it.
    pub naive: [u32; LANES],
    pub inc: [i32; LANES],
    /// Corrections of the next `RING` outputs, lane-major.
    pub ring: [[f32; LANES]; RING],
}

/// Corrections of one pass of [`BlepLanes`]: the ring, then a block's worth of slots.
pub type LaneCorrections = [[f32; LANES]; PASS_LEN + RING];

impl BlepLanes {
    /// Oscillators at increments `inc` (from [`increment`]) whose first outputs are at phase
    /// 0, as if they had always run: the state of a [`BlepOsc`] started one step before 0 and
    /// run through its latency (what a constant-frequency oscillator node does).
    pub fn new(wave: Wave, inc: [i32; LANES]) -> BlepLanes {
        let mut o = BlepLanes { naive: [0; LANES], inc, ring: [[0.0; LANES]; RING] };
        let t = tables();
        for l in 0..LANES {
            let i = inc[l];
            o.naive[l] = 0u32.wrapping_sub(i as u32);
            // The edges of the latency run-in, of which the last `RING − LATENCY` outputs'
            // corrections are still pending.
            let start = 0u32.wrapping_sub(i as u32);
            let mut pre = [0.0f32; LATENCY + RING];
            edges(t, wave, start, i, LATENCY, |table, base, frac, height| {
                let (r0, r1, w) = rows(table, frac);
                for k in 0..TAPS {
                    pre[base + k] += height * (r0[k] + w * (r1[k] - r0[k]));
                }
            });
            for s in 0..RING {
                o.ring[s][l] = pre[LATENCY + s];
            }
        }
        o
    }

    /// The corrections of the next `n` (at most a block of [`PASS_LEN`]) outputs into
    /// `acc[..n]`, with the ones after them in `acc[n..n + RING]` (keep them with
    /// [`BlepLanes::advance`]). `acc[RING..n]` must be zero on entry: a caller that zeroes
    /// each slot as it reads it (one store in a loop that loads it anyway) leaves it so for the
    /// next pass, and this clears only the slots the ring does not cover.
    #[inline(always)]
    pub fn corrections(&self, wave: Wave, n: usize, acc: &mut LaneCorrections) {
        debug_assert!(acc[RING.min(n)..n].iter().all(|a| *a == [0.0; LANES]));
        acc[..RING].copy_from_slice(&self.ring);
        for a in acc[n.max(RING)..n + RING].iter_mut() {
            *a = [0.0; LANES];
        }
        let t = tables();
        for l in 0..LANES {
            let inc = self.inc[l];
            let lead = self.naive[l].wrapping_add((LATENCY as u32).wrapping_mul(inc as u32));
            edges(t, wave, lead, inc, n, |table, base, frac, height| {
                let (r0, r1, w) = rows(table, frac);
                for k in 0..TAPS {
                    acc[base + k][l] += height * (r0[k] + w * (r1[k] - r0[k]));
                }
            });
        }
    }

    /// After `n` outputs: keep the corrections still pending and move the phases on.
    #[inline(always)]
    pub fn advance(&mut self, n: usize, acc: &LaneCorrections) {
        self.ring.copy_from_slice(&acc[n..n + RING]);
        for l in 0..LANES {
            self.naive[l] = self.naive[l].wrapping_add((self.inc[l] as u32).wrapping_mul(n as u32));
        }
    }

    /// Continue in lane `l` the oscillator `o` that ran `wave` at increment `inc` (hot swap
    /// from a voice of its own): its phase and its pending output, less the naive values it
    /// had already written ahead, which this lane computes itself.
    pub fn adopt_osc(&mut self, l: usize, wave: Wave, o: &BlepOsc, inc: i32) {
        for j in 0..RING {
            let mut v = o.ring[(o.pos + j) & MASK];
            if j < LATENCY {
                let p = o.phase.wrapping_sub(((LATENCY - 1 - j) as u32).wrapping_mul(inc as u32));
                v -= Self::naive_of(wave, p);
            }
            self.ring[j][l] = v;
        }
        self.naive[l] = o.phase.wrapping_sub((LATENCY as u32).wrapping_mul(self.inc[l] as u32));
    }

    /// The naive wave at phase `p` as [`BlepOsc`] writes it ahead.
    fn naive_of(wave: Wave, p: u32) -> f32 {
        match wave {
            Wave::Saw => naive_saw(p),
            Wave::Pulse(w) => naive_pulse(p, w),
            Wave::Tri => naive_tri(p),
            Wave::Sine => sin_turns(unit(p)),
        }
    }

    /// Continue in lane `l` a sine whose next output is at `phase` (hot swap from a `sine` node
    /// of its own), and the phase such a node continues lane `l` at.
    pub fn adopt_phase(&mut self, l: usize, phase: u32) {
        self.naive[l] = phase.wrapping_sub(self.inc[l] as u32);
        for slot in self.ring.iter_mut() {
            slot[l] = 0.0;
        }
    }

    pub fn next_phase(&self, l: usize) -> u32 {
        self.naive[l].wrapping_add(self.inc[l] as u32)
    }

    /// Copy lane `from` of `other` into lane `to` (hot swap). The increment stays this one's.
    pub fn copy_lane(&mut self, to: usize, other: &BlepLanes, from: usize) {
        self.naive[to] = other.naive[from];
        for s in 0..RING {
            self.ring[s][to] = other.ring[s][from];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dispatched pass (AVX2 where the processor has it) and the baseline body give the
    /// same bits for every waveform, across passes.
    #[test]
    fn dispatched_and_baseline_passes_agree_bit_for_bit() {
        for wave in [Wave::Saw, Wave::Pulse(1 << 30), Wave::Tri] {
            let (mut a, mut b) = (BlepOsc::new(0.3), BlepOsc::new(0.3));
            let inc = increment(1234.5, 1.0 / 48000.0);
            let (mut ya, mut yb) = ([0.0f32; PASS_LEN], [0.0f32; PASS_LEN]);
            for n in [PASS_LEN, 1, 77, PASS_LEN, 3] {
                pass(&mut a, wave, inc, &mut ya[..n]);
                b.pass_body(wave, inc, &mut yb[..n]);
                assert_eq!(ya[..n], yb[..n]);
            }
        }
    }
    use crate::dsp::spectrum_check::worst_alias_db;

    /// Worst aliased component relative to the fundamental, in dB, for `f0` at 48 kHz.
    fn alias_db(f0: f32, gen: impl Fn(&mut BlepOsc, i32) -> f32) -> f64 {
        let sr = 48000.0;
        let n = 1 << 16;
        let mut o = BlepOsc::new(0.0);
        let inc = increment(f0, 1.0 / sr);
        for _ in 0..1000 {
            gen(&mut o, inc);
        }
        let x: Vec<f32> = (0..n).map(|_| gen(&mut o, inc)).collect();
        worst_alias_db(&x, sr as f64, f0 as f64, f64::INFINITY, 8, 5.0)
    }

    #[test]
    fn saw_at_5khz_keeps_aliases_60db_down() {
        let a = alias_db(5000.0, |o, i| o.tick_saw(i));
        assert!(a < -60.0, "aliasing {a:.1} dB");
    }

    #[test]
    fn pulse_and_triangle_are_band_limited() {
        let a = alias_db(5000.0, |o, i| o.tick_pulse(i, 1 << 31));
        assert!(a < -60.0, "square aliasing {a:.1} dB");
        let a = alias_db(3000.0, |o, i| o.tick_pulse(i, phase_from_f32(0.3)));
        assert!(a < -60.0, "pulse aliasing {a:.1} dB");
        let a = alias_db(5000.0, |o, i| o.tick_tri(i));
        assert!(a < -60.0, "triangle aliasing {a:.1} dB");
    }

    #[test]
    fn shapes_have_the_right_levels() {
        let mut o = BlepOsc::new(0.0);
        let inc = increment(100.0, 1.0 / 48000.0);
        let x: Vec<f32> = (0..48000).map(|_| o.tick_saw(inc)).collect();
        let rms = (x[4800..].iter().map(|v| v * v).sum::<f32>() / 43200.0).sqrt();
        assert!((rms - 1.0 / 3f32.sqrt()).abs() < 0.01, "saw rms {rms}");
        let mut o = BlepOsc::new(0.0);
        let x: Vec<f32> = (0..48000).map(|_| o.tick_tri(inc)).collect();
        // Rises from 0 like a sine, after the kernel's delay.
        assert!(x[LATENCY + 2] > 0.0 && x[LATENCY + 2] < 0.05);
        let peak = x.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        assert!((peak - 1.0).abs() < 0.01, "tri peak {peak}");
    }

    #[test]
    fn block_rendering_matches_per_sample_ticks() {
        for (wave, f) in [
            (Wave::Saw, 440.0),
            (Wave::Saw, -3000.0),
            (Wave::Pulse(phase_from_f32(0.3)), 1234.0),
            (Wave::Pulse(1 << 31), -97.0),
            (Wave::Tri, 5000.0),
            (Wave::Tri, -200.0),
            (Wave::Saw, 23000.0),
            (Wave::Sine, 440.0),
        ] {
            let inc = increment(f, 1.0 / 48000.0);
            let (mut a, mut b) = (BlepOsc::new(0.37), BlepOsc::new(0.37));
            let mut block = vec![0.0f32; 1000];
            // Uneven pieces, to cross pass boundaries at odd places.
            let mut done = 0;
            for len in [1usize, 127, 128, 300, 444] {
                a.process_const(wave, inc, &mut block[done..done + len]);
                done += len;
            }
            for (i, &y) in block.iter().enumerate() {
                let r = match wave {
                    Wave::Saw => b.tick_saw(inc),
                    Wave::Pulse(w) => b.tick_pulse(inc, w),
                    Wave::Tri => b.tick_tri(inc),
                    Wave::Sine => b.tick_sine(inc),
                };
                assert!((y - r).abs() < 1e-5, "{wave:?} {f} Hz, sample {i}: {y} vs {r}");
            }
            assert_eq!(a.phase, b.phase);
        }
    }

    /// A lane that takes over a running oscillator goes on with the same samples.
    #[test]
    fn a_lane_continues_an_oscillator() {
        for (wave, f) in [(Wave::Saw, 97.0), (Wave::Saw, 3001.0), (Wave::Pulse(1 << 31), 440.0), (Wave::Tri, 1234.5)] {
            let inc = increment(f, 1.0 / 48000.0);
            let mut o = BlepOsc::new(0.3);
            let mut y = [0.0f32; PASS_LEN];
            for _ in 0..5 {
                o.process_const(wave, inc, &mut y);
            }
            let mut lanes = BlepLanes::new(wave, [inc; LANES]);
            lanes.adopt_osc(2, wave, &o, inc);
            let mut acc = [[0.0f32; LANES]; PASS_LEN + RING];
            for _ in 0..3 {
                o.process_const(wave, inc, &mut y);
                lanes.corrections(wave, PASS_LEN, &mut acc);
                let mut p = lanes.naive[2];
                for i in 0..PASS_LEN {
                    p = p.wrapping_add(inc as u32);
                    let got = BlepLanes::naive_of(wave, p) + acc[i][2];
                    assert!((got - y[i]).abs() < 1e-5, "{wave:?} {f}: sample {i}: {got} vs {}", y[i]);
                }
                lanes.advance(PASS_LEN, &acc);
                for a in acc[..PASS_LEN].iter_mut() {
                    *a = [0.0; LANES];
                }
            }
        }
    }

    /// An oscillator that takes over a lane goes on with the lane's samples.
    #[test]
    fn an_oscillator_continues_a_lane() {
        for (wave, f) in [(Wave::Saw, 97.0), (Wave::Pulse(1 << 31), 440.0), (Wave::Tri, 1234.5)] {
            let inc = increment(f, 1.0 / 48000.0);
            let mut lanes = BlepLanes::new(wave, [inc; LANES]);
            let mut acc = [[0.0f32; LANES]; PASS_LEN + RING];
            for _ in 0..4 {
                lanes.corrections(wave, PASS_LEN, &mut acc);
                lanes.advance(PASS_LEN, &acc);
                for a in acc[..PASS_LEN].iter_mut() {
                    *a = [0.0; LANES];
                }
            }
            let mut o = BlepOsc::new(0.0);
            o.continue_lane(wave, &lanes, 5);
            let mut y = [0.0f32; PASS_LEN];
            o.process_const(wave, inc, &mut y);
            lanes.corrections(wave, PASS_LEN, &mut acc);
            let mut p = lanes.naive[5];
            for i in 0..PASS_LEN {
                p = p.wrapping_add(inc as u32);
                let got = BlepLanes::naive_of(wave, p) + acc[i][5];
                assert!((got - y[i]).abs() < 1e-5, "{wave:?} {f}: sample {i}: {} vs {got}", y[i]);
            }
        }
    }

    #[test]
    fn through_zero_fm_stays_bounded() {
        let mut o = BlepOsc::new(0.0);
        for i in 0..200_000 {
            let f = 30000.0 * (i as f32 * 0.001).sin();
            let inc = increment(f, 1.0 / 48000.0);
            for y in [o.tick_saw(inc), o.tick_pulse(inc, 1 << 30), o.tick_tri(inc)] {
                assert!(y.is_finite() && y.abs() < 4.0, "{y}");
            }
        }
        assert_eq!(increment(f32::NAN, 1.0 / 48000.0), 0);
    }
}
