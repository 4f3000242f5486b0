//! Voice banks: many oscillators (band-limited saw, square or triangle, or sine), each through
//! its own state-variable filter or none, each at its own gain, summed. The voices share a
//! waveform, a filter response and a cutoff, and differ in frequency, damping and gain; a bank
//! renders eight of them per vector instruction (sixteen per step of its loop, two vectors, so
//! that one voice's filter recursion waits on the other's), its state staying in registers for
//! a whole block, and writes only their sum.
//!
//! The arithmetic is each voice's own: [`BlepLanes`] makes the samples of
//! [`BlepOsc::process_const`](super::blep::BlepOsc::process_const), [`SvfLanes`] steps
//! [`SvfState::tick`](super::svf::SvfState::tick)'s equations, and the shared cutoff's prewarp
//! is computed once for all lanes (per block or chunk while it is held, else per sample), the
//! solved gains once per lane.

use super::blep::{
    naive_saw_signed, naive_sine_signed, naive_square_signed, naive_tri_signed, BlepLanes, LaneCorrections, Wave,
    LANES, PASS_LEN, RING,
};
use super::svf::{madd, SvfCoefs, SvfLaneCoefs, SvfLanes, SvfMode, SvfOut};
use crate::graph::{Buf, BLOCK};

const _: () = assert!(BLOCK == PASS_LEN, "a bank renders one block as one oscillator pass");

/// Oscillator waveforms a bank can play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BankWave {
    Saw,
    Square,
    Tri,
    Sine,
}

impl BankWave {
    pub fn wave(self) -> Wave {
        match self {
            BankWave::Saw => Wave::Saw,
            BankWave::Square => Wave::Pulse(1 << 31),
            BankWave::Tri => Wave::Tri,
            BankWave::Sine => Wave::Sine,
        }
    }
}

/// Eight voices: oscillators, filter states, and each lane's damping and weight.
#[derive(Clone, Copy)]
pub struct Unit {
    pub osc: BlepLanes,
    pub svf: SvfLanes,
    /// Damping `1/Q` per lane.
    pub k: [f32; LANES],
    /// Each voice's gain; 0 for the lanes that pad the last unit.
    pub weight: [f32; LANES],
    /// Each lane's coefficients for the cutoff the bank holds.
    pub held: SvfLaneCoefs,
}

/// How the cutoff runs over a stretch of a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cutoff {
    /// The bank's held cutoff: each unit's `held` coefficients.
    Held,
    /// A cutoff held for this stretch only: its prewarped gain `g`.
    Chunk(f32),
    /// A new `g` every sample (from the buffer given to [`render`]).
    Each,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    pub from: usize,
    pub to: usize,
    pub cutoff: Cutoff,
}

/// Scratch space of a render, allocated with the bank.
pub struct Scratch {
    corr: [LaneCorrections; 2],
    sum: [[f32; LANES]; BLOCK],
}

impl Scratch {
    pub fn new() -> Box<Scratch> {
        Box::new(Scratch { corr: [[[0.0; LANES]; PASS_LEN + RING]; 2], sum: [[0.0; LANES]; BLOCK] })
    }
}

/// Render one block of every voice of `units` and write their sum into `out`, through
/// filters of response `mode` (`None`: the oscillators alone). `stretches` cover the block in
/// order; `g` holds the per-sample gains of the `Each` stretches.
pub fn render(
    units: &mut [Unit],
    wave: BankWave,
    mode: Option<SvfMode>,
    stretches: &[Stretch],
    g: &Buf,
    scratch: &mut Scratch,
    out: &mut Buf,
) {
    macro_rules! go {
        ($s:literal, $m:expr) => {
            dispatch::<$s, { $m }>(units, stretches, g, scratch, out)
        };
    }
    macro_rules! modes {
        ($s:literal) => {
            match mode {
                Some(SvfMode::Low) => go!($s, 0),
                Some(SvfMode::High) => go!($s, 1),
                Some(SvfMode::Band) => go!($s, 2),
                Some(SvfMode::Notch) => go!($s, 3),
                Some(SvfMode::Peak) => go!($s, 4),
                Some(SvfMode::AllPass) => go!($s, 5),
                None => go!($s, NO_FILTER),
            }
        };
    }
    match wave {
        BankWave::Saw => modes!(0),
        BankWave::Square => modes!(1),
        BankWave::Tri => modes!(2),
        BankWave::Sine => modes!(3),
    }
}

/// [`body`] through its AVX2 + FMA copy when the processor has it (see `dsp/simd.rs`).
#[inline]
fn dispatch<const S: u8, const M: u8>(units: &mut [Unit], st: &[Stretch], g: &Buf, sc: &mut Scratch, out: &mut Buf) {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx2,fma")]
        unsafe fn wide_copy<const S: u8, const M: u8>(
            units: &mut [Unit],
            st: &[Stretch],
            g: &Buf,
            sc: &mut Scratch,
            out: &mut Buf,
        ) {
            body::<true, S, M>(units, st, g, sc, out)
        }
        if super::simd::wide() {
            // Safety: the processor supports AVX2 and FMA (checked above).
            return unsafe { wide_copy::<S, M>(units, st, g, sc, out) };
        }
    }
    body::<false, S, M>(units, st, g, sc, out)
}

const fn wave_of(s: u8) -> BankWave {
    match s {
        0 => BankWave::Saw,
        1 => BankWave::Square,
        2 => BankWave::Tri,
        _ => BankWave::Sine,
    }
}

/// The mode number of a bank without filters.
const NO_FILTER: u8 = 6;

const fn mode_of(m: u8) -> SvfMode {
    match m {
        0 => SvfMode::Low,
        1 => SvfMode::High,
        2 => SvfMode::Band,
        3 => SvfMode::Notch,
        4 => SvfMode::Peak,
        _ => SvfMode::AllPass,
    }
}

#[inline(always)]
fn body<const FMA: bool, const S: u8, const M: u8>(
    units: &mut [Unit],
    stretches: &[Stretch],
    g: &Buf,
    sc: &mut Scratch,
    out: &mut Buf,
) {
    for s in sc.sum.iter_mut() {
        *s = [0.0; LANES];
    }
    let mut rest = units;
    while !rest.is_empty() {
        let take = rest.len().min(2);
        let (now, tail) = rest.split_at_mut(take);
        if let Ok(pair) = <&mut [Unit; 2]>::try_from(&mut *now) {
            run::<2, FMA, S, M>(pair, stretches, g, sc);
        } else if let Ok(one) = <&mut [Unit; 1]>::try_from(now) {
            run::<1, FMA, S, M>(one, stretches, g, sc);
        }
        rest = tail;
    }
    for (y, s) in out.iter_mut().zip(sc.sum.iter()) {
        *y = ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
    }
}

/// `N` units (one or two) through the block, their weighted outputs added into `sc.sum`.
#[inline(always)]
fn run<const N: usize, const FMA: bool, const S: u8, const M: u8>(
    units: &mut [Unit; N],
    stretches: &[Stretch],
    g: &Buf,
    sc: &mut Scratch,
) {
    let wave = wave_of(S).wave();
    for u in 0..N {
        units[u].osc.corrections(wave, BLOCK, &mut sc.corr[u]);
    }
    let mut v = Voices::<N> {
        // Phases half a cycle on, as signed integers (see `blep::naive_saw_signed`).
        ph: std::array::from_fn(|u| units[u].osc.naive.map(|p| (p ^ 1 << 31) as i32)),
        inc: std::array::from_fn(|u| units[u].osc.inc),
        k: std::array::from_fn(|u| units[u].k),
        w: std::array::from_fn(|u| units[u].weight),
        svf: std::array::from_fn(|u| units[u].svf),
    };
    let mut next = 0;
    for st in stretches {
        // Stretches tile the block: every correction slot is read (and cleared) once.
        assert!(st.from == next && st.to <= BLOCK, "stretches must cover the block in order");
        next = st.to;
        match st.cutoff {
            Cutoff::Held | Cutoff::Chunk(_) => {
                let c: [SvfLaneCoefs; N] = match st.cutoff {
                    Cutoff::Chunk(gv) => std::array::from_fn(|u| SvfLaneCoefs::from_g_k(gv, &v.k[u])),
                    _ => std::array::from_fn(|u| units[u].held),
                };
                // Rows by iterators: no bounds checks, which would keep the voices' state in
                // memory across the loop.
                let [c0, c1] = &mut sc.corr;
                let rows = sc.sum[st.from..st.to].iter_mut().zip(&mut c0[st.from..st.to]).zip(&mut c1[st.from..st.to]);
                for ((sum, p0), p1) in rows {
                    v.step::<FMA, S, M>(&c, [p0, p1], sum);
                }
            }
            Cutoff::Each => {
                let [c0, c1] = &mut sc.corr;
                let rows = sc.sum[st.from..st.to].iter_mut().zip(&mut c0[st.from..st.to]).zip(&mut c1[st.from..st.to]);
                for (((sum, p0), p1), &gi) in rows.zip(&g[st.from..st.to]) {
                    let c: [SvfLaneCoefs; N] = std::array::from_fn(|u| SvfLaneCoefs::from_g_k(gi, &v.k[u]));
                    v.step::<FMA, S, M>(&c, [p0, p1], sum);
                }
            }
        }
    }
    assert!(next == BLOCK, "stretches must cover the block");
    for u in 0..N {
        units[u].osc.advance(BLOCK, &sc.corr[u]);
        units[u].svf = v.svf[u];
        units[u].svf.flush();
    }
}

/// The running state of `N` units through a block, in registers.
struct Voices<const N: usize> {
    ph: [[i32; LANES]; N],
    inc: [[i32; LANES]; N],
    k: [[f32; LANES]; N],
    w: [[f32; LANES]; N],
    svf: [SvfLanes; N],
}

impl<const N: usize> Voices<N> {
    /// One sample of every voice: the naive wave at its lagging phase plus the pending
    /// corrections of each unit (cleared as they are read), through the voice's filter,
    /// weighted into `sum`.
    #[inline(always)]
    fn step<const FMA: bool, const S: u8, const M: u8>(
        &mut self,
        c: &[SvfLaneCoefs; N],
        corr: [&mut [f32; LANES]; 2],
        sum: &mut [f32; LANES],
    ) {
        let mode = mode_of(M);
        let mut acc = *sum;
        for u in 0..N {
            let pending = *corr[u];
            *corr[u] = [0.0; LANES];
            let mut x = [0.0f32; LANES];
            for l in 0..LANES {
                let p = self.ph[u][l].wrapping_add(self.inc[u][l]);
                self.ph[u][l] = p;
                let naive = match S {
                    0 => naive_saw_signed(p),
                    1 => naive_square_signed(p),
                    2 => naive_tri_signed(p),
                    _ => naive_sine_signed(p),
                };
                x[l] = naive + pending[l];
            }
            if M == NO_FILTER {
                for l in 0..LANES {
                    acc[l] = madd::<FMA>(x[l], self.w[u][l], acc[l]);
                }
                continue;
            }
            let (band, low) = self.svf[u].tick::<FMA>(&c[u], &x);
            for l in 0..LANES {
                let cf = SvfCoefs { k: self.k[u][l], a1: c[u].a1[l], a2: c[u].a2[l], a3: c[u].a3[l] };
                let y = mode.pick(&SvfOut { x: x[l], low: low[l], band: band[l] }, &cf);
                acc[l] = madd::<FMA>(y, self.w[u][l], acc[l]);
            }
        }
        *sum = acc;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::blep::{increment, BlepOsc, LATENCY};
    use crate::dsp::fast_math::prewarp;
    use crate::dsp::svf::SvfState;

    const SR: f32 = 48000.0;

    fn units(wave: BankWave, freqs: &[f32], qs: &[f32], cutoff: f32) -> Vec<Unit> {
        let g = prewarp(cutoff, 1.0 / SR);
        (0..freqs.len().div_ceil(LANES))
            .map(|u| {
                let (mut inc, mut k, mut weight) = ([0; LANES], [1.0; LANES], [0.0; LANES]);
                for l in 0..LANES.min(freqs.len() - u * LANES) {
                    inc[l] = increment(freqs[u * LANES + l], 1.0 / SR);
                    k[l] = 1.0 / qs[u * LANES + l];
                    weight[l] = 1.0;
                }
                Unit {
                    osc: BlepLanes::new(wave.wave(), inc),
                    svf: SvfLanes::default(),
                    k,
                    weight,
                    held: SvfLaneCoefs::from_g_k(g, &k),
                }
            })
            .collect()
    }

    /// Each voice as a constant-frequency oscillator node and a filter make it: a `BlepOsc`
    /// started one step before phase 0 and run through its latency, into an `SvfState`.
    fn reference(
        wave: BankWave,
        freqs: &[f32],
        qs: &[f32],
        g: impl Fn(usize) -> f32,
        n: usize,
        mode: SvfMode,
    ) -> Vec<f64> {
        let mut sum = vec![0.0f64; n];
        for (&f, &q) in freqs.iter().zip(qs) {
            let inc = increment(f, 1.0 / SR);
            let mut o = BlepOsc::new(0.0);
            o.phase = 0u32.wrapping_sub(inc as u32);
            let tick = |o: &mut BlepOsc| match wave {
                BankWave::Saw => o.tick_saw(inc),
                BankWave::Square => o.tick_pulse(inc, 1 << 31),
                BankWave::Tri => o.tick_tri(inc),
                BankWave::Sine => o.tick_sine(inc),
            };
            for _ in 0..LATENCY {
                tick(&mut o);
            }
            let mut s = SvfState::default();
            for (i, y) in sum.iter_mut().enumerate() {
                let c = SvfCoefs::from_g_k(g(i), 1.0 / q);
                *y += s.tick_mode(&c, tick(&mut o), mode) as f64;
                if i % BLOCK == BLOCK - 1 {
                    s.flush();
                }
            }
        }
        sum
    }

    /// Every wave and response, with held and per-sample coefficients, dispatched (AVX2 + FMA
    /// where the processor has it) and baseline: the bank's sum is the voices' sum.
    #[test]
    fn a_bank_sums_its_voices() {
        let freqs: Vec<f32> = (0..11).map(|i| 55.0 * (1.0 + 0.37 * i as f32)).collect();
        let qs: Vec<f32> = (0..11).map(|i| 0.5 + 0.4 * i as f32).collect();
        let blocks = 40;
        let cut = |i: usize| 1500.0 + 1000.0 * (i as f32 * 0.002).sin();
        for wave in [BankWave::Saw, BankWave::Square, BankWave::Tri, BankWave::Sine] {
            for mode in [SvfMode::Low, SvfMode::High, SvfMode::Band, SvfMode::Notch] {
                for wide in [true, false] {
                    crate::dsp::simd::allow_wide(wide);
                    // Held at 800 Hz for the first half, then a new cutoff every sample.
                    let mut us = units(wave, &freqs, &qs, 800.0);
                    let mut sc = Scratch::new();
                    let (mut out, mut got) = ([0.0; BLOCK], Vec::new());
                    let mut g = [0.0; BLOCK];
                    for b in 0..blocks {
                        let st = if b < blocks / 2 {
                            Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Held }
                        } else {
                            for (i, x) in g.iter_mut().enumerate() {
                                *x = prewarp(cut(b * BLOCK + i), 1.0 / SR);
                            }
                            Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Each }
                        };
                        render(&mut us, wave, Some(mode), &[st], &g, &mut sc, &mut out);
                        got.extend_from_slice(&out);
                    }
                    let half = blocks / 2 * BLOCK;
                    let g_ref = |i: usize| if i < half { prewarp(800.0, 1.0 / SR) } else { prewarp(cut(i), 1.0 / SR) };
                    let want = reference(wave, &freqs, &qs, g_ref, got.len(), mode);
                    let worst = got.iter().zip(&want).map(|(&a, &b)| (a as f64 - b).abs()).fold(0.0, f64::max);
                    assert!(worst < 2e-5, "{wave:?} {mode:?} wide {wide}: {worst:e}");
                }
            }
        }
        crate::dsp::simd::allow_wide(true);
    }
}
