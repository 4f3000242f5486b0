//! Reverbs.
//!
//! [`Fdn`]: Phonon's reverb. Four input diffusers feed an eight-line feedback delay network
//! with a Hadamard mixing matrix (lossless, maximally mixing), per-line gains set from the
//! requested decay time (RT60) and a damping low-pass per line, and slowly modulated line
//! lengths that keep the tail smooth instead of metallic. The gains make every line lose
//! exactly 60 dB per decay time at low frequencies, so the reverb hits the decay it is asked
//! for; damping shortens the highs only.
//!
//! [`Freeverb`]: Jezar's Freeverb (eight parallel damped combs and four series all-passes per
//! channel), the reference reverb of the benchmark workloads, kept for its familiar sound.

use super::delay_line::DelayLine;
use super::fast_math::{exp2, flush, sin_turns, FloorFast};

const LINES: usize = 8;
/// Line lengths at 48 kHz (samples; primes from 28 to 62 ms, so echoes never coincide).
const LENGTHS_48K: [usize; LINES] = [1327, 1559, 1733, 1987, 2203, 2411, 2689, 2953];
/// Input diffuser lengths at 48 kHz and their gain.
const DIFFUSERS_48K: [usize; 4] = [229, 163, 577, 419];
const DIFFUSION: f32 = 0.65;
/// Peak line-length modulation at 48 kHz (samples) and the modulation rates (Hz).
const MOD_DEPTH_48K: f32 = 10.0;
const MOD_RATES: [f32; LINES] = [0.13, 0.21, 0.27, 0.34, 0.41, 0.53, 0.61, 0.77];
/// Output taps: signs per line for left and right (orthogonal patterns).
const TAP_L: [f32; LINES] = [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0];
const TAP_R: [f32; LINES] = [1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0, -1.0];
/// Wet level: a 2 s decay of steady noise comes out about as loud as it went in.
const WET_GAIN: f32 = 0.6;
/// Longest block [`Fdn::process`] takes.
pub const MAX_BLOCK: usize = 4096;
/// Shortest and longest decay times (s).
pub const MIN_DECAY: f32 = 0.05;
pub const MAX_DECAY: f32 = 60.0;

/// Settings of [`Fdn`], read once per block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FdnParams {
    /// Time for the tail to fall 60 dB, in seconds (clamped to 0.05..60).
    pub decay: f32,
    /// High-frequency damping 0..1: 0 keeps highs as long as lows, 1 dulls the tail fast.
    pub damp: f32,
}

/// The feedback-delay-network reverb. Stereo in (summed to mono), stereo out (wet only).
pub struct Fdn {
    lines: Vec<DelayLine>,
    /// Input diffusers (Schroeder all-passes, as plain lines processed block-wise).
    diffusers: Vec<DelayLine>,
    diffused: Box<[f32; MAX_BLOCK]>,
    lengths: [f32; LINES],
    diff_lengths: [usize; 4],
    /// Damping low-pass state per line.
    lp: [f32; LINES],
    /// All-pass interpolator state (previous output) per line.
    interp: [f32; LINES],
    /// Modulation phase per line (cycles).
    mod_phase: [f32; LINES],
    mod_inc: [f32; LINES],
    mod_depth: f32,
    sample_rate: f32,
}

impl Fdn {
    pub fn new(sample_rate: f32) -> Fdn {
        let scale = sample_rate / 48000.0;
        let mod_depth = MOD_DEPTH_48K * scale;
        let mut lengths = [0.0; LINES];
        let mut lines = Vec::with_capacity(LINES);
        for (k, &l) in LENGTHS_48K.iter().enumerate() {
            lengths[k] = (l as f32 * scale).round().max(8.0 + 2.0 * mod_depth);
            lines.push(DelayLine::new(lengths[k] as usize + 4));
        }
        let mut diff_lengths = [0; 4];
        let mut diffusers = Vec::with_capacity(4);
        for (k, &l) in DIFFUSERS_48K.iter().enumerate() {
            diff_lengths[k] = ((l as f32 * scale).round() as usize).max(1);
            diffusers.push(DelayLine::new(diff_lengths[k]));
        }
        let mut mod_phase = [0.0; LINES];
        let mut mod_inc = [0.0; LINES];
        for k in 0..LINES {
            mod_phase[k] = k as f32 / LINES as f32;
            mod_inc[k] = MOD_RATES[k] / sample_rate;
        }
        Fdn {
            lines,
            diffusers,
            diffused: Box::new([0.0; MAX_BLOCK]),
            lengths,
            diff_lengths,
            lp: [0.0; LINES],
            interp: [0.0; LINES],
            mod_phase,
            mod_inc,
            mod_depth,
            sample_rate,
        }
    }

    /// Per-line loop gains for a decay time: `10^(−3·length/(decay·fs))`, i.e. −60 dB per
    /// `decay` seconds along every path.
    fn gains(&self, decay: f32) -> [f32; LINES] {
        let t = if decay.is_nan() { 1.0 } else { decay.clamp(MIN_DECAY, MAX_DECAY) };
        let mut g = [0.0; LINES];
        for k in 0..LINES {
            // Mean loop length includes the mean modulation offset.
            let len = self.lengths[k] - 0.5 * self.mod_depth;
            g[k] = exp2(-3.0 * std::f32::consts::LOG2_10 * len / (t * self.sample_rate));
        }
        g
    }

    /// Render `inl.len()` samples of wet signal into `outl`/`outr` (all slices the same
    /// length, at most [`MAX_BLOCK`]).
    pub fn process(&mut self, inl: &[f32], inr: &[f32], outl: &mut [f32], outr: &mut [f32], p: FdnParams) {
        let n = inl.len();
        let gains = self.gains(p.decay);
        let damp = if p.damp.is_nan() { 0.0 } else { p.damp.clamp(0.0, 1.0) * 0.85 };
        // Modulated lengths move linearly across the block (the LFOs are below 1 Hz).
        let mut d0 = [0.0f32; LINES];
        let mut dstep = [0.0f32; LINES];
        for k in 0..LINES {
            let m0 = 0.5 * (1.0 + sin_turns(self.mod_phase[k]));
            let mut ph1 = self.mod_phase[k] + self.mod_inc[k] * n as f32;
            ph1 -= ph1.floor();
            let m1 = 0.5 * (1.0 + sin_turns(ph1));
            self.mod_phase[k] = ph1;
            d0[k] = self.lengths[k] - self.mod_depth * m0;
            dstep[k] = (self.mod_depth * (m0 - m1)) / n.max(1) as f32;
        }
        const NORM: f32 = 0.353_553_38; // 1/sqrt(8)
        let out_scale = WET_GAIN * NORM;
        // Input diffusion for the whole block first: it does not depend on the network. Each
        // diffuser runs in place on its line (DelayLine::process_in_place keeps the
        // sample-by-sample result), one after another.
        let diffused = &mut self.diffused[..n];
        for i in 0..n {
            diffused[i] = 0.5 * (inl[i] + inr[i]);
        }
        for (k, ap) in self.diffusers.iter_mut().enumerate() {
            // Schroeder all-pass: v = x + g·v[n−D], y = v[n−D] − g·v.
            ap.process_in_place(self.diff_lengths[k], n, |vd, v, at| {
                let seg = &mut diffused[at..at + vd.len()];
                for i in 0..vd.len() {
                    v[i] = flush(seg[i] + DIFFUSION * vd[i]);
                    seg[i] = vd[i] - DIFFUSION * v[i];
                }
            });
        }
        // The network, sample by sample; per-line work on arrays of eight so it vectorises,
        // states kept in locals.
        let (mut lp, mut ip) = (self.lp, self.interp);
        let lines = &mut self.lines;
        for i in 0..n {
            let x = diffused[i];
            let mut d = [0.0f32; LINES];
            let mut di = [0usize; LINES];
            let mut eta = [0.0f32; LINES];
            for k in 0..LINES {
                // All-pass interpolation: unlike linear interpolation it loses no highs, which
                // would otherwise shorten the decay of bright sounds.
                d[k] = d0[k] + dstep[k] * i as f32;
                let whole = (d[k] - 0.5).floor_fast();
                let frac = d[k] - whole; // [0.5, 1.5)
                eta[k] = (1.0 - frac) / (1.0 + frac);
                di[k] = whole as usize;
            }
            let (mut r0, mut r1) = ([0.0f32; LINES], [0.0f32; LINES]);
            for k in 0..LINES {
                r0[k] = lines[k].read(di[k]);
                r1[k] = lines[k].read(di[k] + 1);
            }
            let mut y = [0.0f32; LINES];
            for k in 0..LINES {
                let r = eta[k] * (r0[k] - ip[k]) + r1[k];
                ip[k] = flush(r);
                lp[k] = flush(r + damp * (lp[k] - r));
                y[k] = lp[k] * gains[k];
            }
            let (mut l, mut r) = (0.0, 0.0);
            for k in 0..LINES {
                l += TAP_L[k] * y[k];
                r += TAP_R[k] * y[k];
            }
            outl[i] = l * out_scale;
            outr[i] = r * out_scale;
            hadamard8(&mut y);
            for k in 0..LINES {
                // Input enters every line with alternating signs.
                let s = if k & 1 == 0 { x } else { -x };
                lines[k].push(flush(y[k] * NORM + s));
            }
        }
        self.lp = lp;
        self.interp = ip;
    }

    pub fn clear(&mut self) {
        for l in &mut self.lines {
            l.clear();
        }
        for d in &mut self.diffusers {
            d.clear();
        }
        self.lp = [0.0; LINES];
        self.interp = [0.0; LINES];
    }

    /// Take over another reverb's tail (hot swap; same sample rate, so same sizes).
    pub fn copy_from(&mut self, other: &Fdn) {
        for (a, b) in self.lines.iter_mut().zip(&other.lines) {
            a.copy_from(b);
        }
        for (a, b) in self.diffusers.iter_mut().zip(&other.diffusers) {
            a.copy_from(b);
        }
        self.lp = other.lp;
        self.interp = other.interp;
        self.mod_phase = other.mod_phase;
    }
}

/// In-place unnormalised 8-point Walsh–Hadamard transform (24 additions).
#[inline(always)]
fn hadamard8(y: &mut [f32; LINES]) {
    let mut h = 1;
    while h < LINES {
        let mut i = 0;
        while i < LINES {
            for j in i..i + h {
                let (a, b) = (y[j], y[j + h]);
                y[j] = a + b;
                y[j + h] = a - b;
            }
            i += 2 * h;
        }
        h *= 2;
    }
}

crate::dispatch_wide!(fn freeverb_stretch(v: &mut Freeverb, x: &[f32], outl: &mut [f32], outr: &mut [f32], fb: f32, damp: f32) => Freeverb::stretch);

/// Freeverb tunings at 44.1 kHz.
const FV_COMBS: [usize; 8] = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const FV_ALLPASSES: [usize; 4] = [556, 441, 341, 225];
const FV_SPREAD: usize = 23;
const FV_FIXED_GAIN: f32 = 0.015;

/// Settings of [`Freeverb`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FreeverbParams {
    /// Room size 0..1 (comb feedback `0.7 + 0.28·room`).
    pub room: f32,
    /// Damping 0..1.
    pub damp: f32,
}

pub struct Freeverb {
    /// Eight comb lines and four all-pass lines per channel.
    combs: [Vec<DelayLine>; 2],
    allpasses: [Vec<DelayLine>; 2],
    comb_len: [[usize; 8]; 2],
    ap_len: [[usize; 4]; 2],
    /// Comb damping states.
    store: [[f32; 8]; 2],
    /// Longest stretch processed at once: every delay is at least this long, so within a
    /// stretch no line reads what the same stretch writes, and lines move block-wise.
    stretch: usize,
    /// Scratch: comb outputs and inputs per sample (sixteen combs: both channels).
    seg: Box<[[f32; 16]; STRETCH]>,
    wr: Box<[[f32; 16]; STRETCH]>,
}

/// Most samples processed as one stretch.
const STRETCH: usize = 128;

impl Freeverb {
    pub fn new(sample_rate: f32) -> Freeverb {
        let scale = sample_rate / 44100.0;
        let len = |l: usize| ((l as f32 * scale).round() as usize).max(1);
        let mut comb_len = [[0; 8]; 2];
        let mut ap_len = [[0; 4]; 2];
        for c in 0..2 {
            for (k, &l) in FV_COMBS.iter().enumerate() {
                comb_len[c][k] = len(l + c * FV_SPREAD);
            }
            for (k, &l) in FV_ALLPASSES.iter().enumerate() {
                ap_len[c][k] = len(l + c * FV_SPREAD);
            }
        }
        let lines = |lens: &[usize]| lens.iter().map(|&l| DelayLine::new(l)).collect::<Vec<_>>();
        let min_len = comb_len.iter().flatten().chain(ap_len.iter().flatten()).copied().min().unwrap_or(1);
        Freeverb {
            combs: [lines(&comb_len[0]), lines(&comb_len[1])],
            allpasses: [lines(&ap_len[0]), lines(&ap_len[1])],
            comb_len,
            ap_len,
            store: [[0.0; 8]; 2],
            stretch: min_len.clamp(1, STRETCH),
            seg: Box::new([[0.0; 16]; STRETCH]),
            wr: Box::new([[0.0; 16]; STRETCH]),
        }
    }

    /// Render the wet signal (before the wet gain) of a block; slices of equal length.
    pub fn process(&mut self, inl: &[f32], inr: &[f32], outl: &mut [f32], outr: &mut [f32], p: FreeverbParams) {
        let room = if p.room.is_nan() { 0.5 } else { p.room.clamp(0.0, 1.0) };
        let fb = 0.7 + 0.28 * room;
        let damp = if p.damp.is_nan() { 0.5 } else { p.damp.clamp(0.0, 1.0) } * 0.4;
        let total = inl.len();
        let mut from = 0;
        while from < total {
            let n = self.stretch.min(total - from);
            let mut x = [0.0f32; STRETCH];
            for i in 0..n {
                x[i] = (inl[from + i] + inr[from + i]) * FV_FIXED_GAIN;
            }
            freeverb_stretch(self, &x[..n], &mut outl[from..from + n], &mut outr[from..from + n], fb, damp);
            from += n;
        }
    }

    /// Both channels over one stretch: sixteen damped combs in parallel (eight a channel),
    /// then four all-passes in series per channel.
    #[inline(always)]
    fn stretch(&mut self, x: &[f32], outl: &mut [f32], outr: &mut [f32], fb: f32, damp: f32) {
        let n = x.len();
        let (seg, wr) = (&mut *self.seg, &mut *self.wr);
        // Comb outputs, sample-major: seg[i] holds the sixteen combs' outputs at sample i
        // (left's eight, then right's), so the sixteen damping recursions below run as
        // vector operations per sample, two independent chains wide. The lines are read and
        // written in place (n ≤ every delay: reads precede the writes).
        for c in 0..2 {
            for j in 0..8 {
                let (a, b) = self.combs[c][j].span(self.comb_len[c][j], n);
                let lane = 8 * c + j;
                for (i, &v) in a.iter().enumerate() {
                    seg[i][lane] = v;
                }
                for (i, &v) in b.iter().enumerate() {
                    seg[a.len() + i][lane] = v;
                }
            }
        }
        let mut st = [0.0f32; 16];
        st[..8].copy_from_slice(&self.store[0]);
        st[8..].copy_from_slice(&self.store[1]);
        for i in 0..n {
            let o = seg[i];
            let mut w = [0.0f32; 16];
            for j in 0..16 {
                st[j] = flush(o[j] + damp * (st[j] - o[j]));
                w[j] = x[i] + st[j] * fb;
            }
            wr[i] = w;
            outl[i] = ((o[0] + o[1]) + (o[2] + o[3])) + ((o[4] + o[5]) + (o[6] + o[7]));
            outr[i] = ((o[8] + o[9]) + (o[10] + o[11])) + ((o[12] + o[13]) + (o[14] + o[15]));
        }
        self.store[0].copy_from_slice(&st[..8]);
        self.store[1].copy_from_slice(&st[8..]);
        for c in 0..2 {
            for j in 0..8 {
                self.combs[c][j].push_from(n, |i| wr[i][8 * c + j]);
            }
        }
        // All-passes (Freeverb's form: out = buf − x; buf = x + 0.5·buf), in place.
        for (c, out) in [outl, outr].into_iter().enumerate() {
            for k in 0..4 {
                self.allpasses[c][k].process_in_place(self.ap_len[c][k], n, |vd, v, at| {
                    let out = &mut out[at..at + vd.len()];
                    for i in 0..vd.len() {
                        let a = out[i];
                        v[i] = flush(a + 0.5 * vd[i]);
                        out[i] = vd[i] - a;
                    }
                });
            }
        }
    }

    pub fn clear(&mut self) {
        for line in self.combs.iter_mut().chain(self.allpasses.iter_mut()).flatten() {
            line.clear();
        }
        self.store = [[0.0; 8]; 2];
    }

    pub fn copy_from(&mut self, other: &Freeverb) {
        for (a, b) in self.combs.iter_mut().flatten().zip(other.combs.iter().flatten()) {
            a.copy_from(b);
        }
        for (a, b) in self.allpasses.iter_mut().flatten().zip(other.allpasses.iter().flatten()) {
            a.copy_from(b);
        }
        self.store = other.store;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dispatched Freeverb stretch (AVX2 where the processor has it) and the baseline
    /// body give the same bits, stretch after stretch.
    #[test]
    fn dispatched_and_baseline_freeverb_agree_bit_for_bit() {
        let mut rng = crate::dsp::noise::Rng::new(9);
        let (mut a, mut b) = (Freeverb::new(44100.0), Freeverb::new(44100.0));
        let n = a.stretch;
        let (mut al, mut ar, mut bl, mut br) = (vec![0.0f32; n], vec![0.0f32; n], vec![0.0f32; n], vec![0.0f32; n]);
        for _ in 0..100 {
            let x: Vec<f32> = (0..n).map(|_| rng.bipolar()).collect();
            freeverb_stretch(&mut a, &x, &mut al, &mut ar, 0.924, 0.2);
            b.stretch(&x, &mut bl, &mut br, 0.924, 0.2);
            assert_eq!((&al, &ar), (&bl, &br));
        }
    }

    /// RT60 from an impulse response by Schroeder backward integration, fitting the −5..−35 dB
    /// range (T30).
    pub(crate) fn rt60(ir: &[f32], sr: f32) -> f32 {
        let mut edc = vec![0.0f64; ir.len()];
        let mut acc = 0.0f64;
        for i in (0..ir.len()).rev() {
            acc += (ir[i] as f64).powi(2);
            edc[i] = acc;
        }
        let db: Vec<f64> = edc.iter().map(|e| 10.0 * (e / edc[0]).log10()).collect();
        let t5 = db.iter().position(|&d| d <= -5.0).unwrap();
        let t35 = db.iter().position(|&d| d <= -35.0).unwrap();
        // Least-squares slope between them.
        let pts: Vec<(f64, f64)> = (t5..t35).map(|i| (i as f64 / sr as f64, db[i])).collect();
        let n = pts.len() as f64;
        let (sx, sy) = pts.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
        let (mx, my) = (sx / n, sy / n);
        let num: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let den: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
        (-60.0 / (num / den)) as f32
    }

    fn impulse_response(decay: f32, damp: f32, seconds: f32) -> Vec<f32> {
        let sr = 48000.0;
        let mut r = Fdn::new(sr);
        let n = (seconds * sr) as usize;
        let mut out = Vec::with_capacity(n);
        let (mut ol, mut or) = ([0.0f32; 128], [0.0f32; 128]);
        for b in 0..n / 128 {
            let mut inl = [0.0f32; 128];
            if b == 0 {
                inl[0] = 1.0;
            }
            r.process(&inl, &inl, &mut ol, &mut or, FdnParams { decay, damp });
            out.extend_from_slice(&ol);
        }
        out
    }

    #[test]
    fn fdn_hits_its_decay_time() {
        for decay in [0.5f32, 2.0, 6.0] {
            let ir = impulse_response(decay, 0.0, decay * 1.5 + 0.5);
            let t = rt60(&ir, 48000.0);
            assert!((t / decay - 1.0).abs() < 0.1, "asked {decay} s, measured {t} s");
        }
    }

    #[test]
    fn silence_leaves_exact_zeros() {
        let ir = impulse_response(0.3, 0.5, 12.0);
        assert!(ir[ir.len() - 128..].iter().all(|&v| v == 0.0));
    }

    /// Jezar's Freeverb sample by sample, straight from its definition, for comparison.
    fn freeverb_reference(x: &[f32], room: f32, damp: f32, sr: f32) -> (Vec<f32>, Vec<f32>) {
        let scale = sr / 44100.0;
        let len = |l: usize| ((l as f32 * scale).round() as usize).max(1);
        let (fb, d) = (0.7 + 0.28 * room, 0.4 * damp);
        let mut outs = (Vec::new(), Vec::new());
        for c in 0..2 {
            let mut combs: Vec<(Vec<f32>, usize, f32)> =
                FV_COMBS.iter().map(|&l| (vec![0.0; len(l + c * FV_SPREAD)], 0, 0.0)).collect();
            let mut aps: Vec<(Vec<f32>, usize)> =
                FV_ALLPASSES.iter().map(|&l| (vec![0.0; len(l + c * FV_SPREAD)], 0)).collect();
            let out = if c == 0 { &mut outs.0 } else { &mut outs.1 };
            for &s in x {
                let input = 2.0 * s * FV_FIXED_GAIN;
                let mut acc = 0.0;
                for (buf, idx, store) in combs.iter_mut() {
                    let o = buf[*idx];
                    *store = o * (1.0 - d) + *store * d;
                    buf[*idx] = input + *store * fb;
                    *idx = (*idx + 1) % buf.len();
                    acc += o;
                }
                for (buf, idx) in aps.iter_mut() {
                    let b = buf[*idx];
                    let y = -acc + b;
                    buf[*idx] = acc + b * 0.5;
                    *idx = (*idx + 1) % buf.len();
                    acc = y;
                }
                out.push(acc);
            }
        }
        outs
    }

    #[test]
    fn freeverb_matches_the_reference() {
        let sr = 44100.0;
        let x: Vec<f32> =
            (0..20000).map(|i| if i % 5000 == 0 { 1.0 } else { ((i * 37) % 11) as f32 * 0.01 - 0.05 }).collect();
        let (rl, rr) = freeverb_reference(&x, 0.8, 0.5, sr);
        let mut fv = Freeverb::new(sr);
        let (mut l, mut r) = (vec![0.0; x.len()], vec![0.0; x.len()]);
        for (k, ch) in x.chunks(128).enumerate() {
            let o = k * 128;
            let n = ch.len();
            fv.process(ch, ch, &mut l[o..o + n], &mut r[o..o + n], FreeverbParams { room: 0.8, damp: 0.5 });
        }
        for i in 0..x.len() {
            assert!(
                (l[i] - rl[i]).abs() < 1e-4 && (r[i] - rr[i]).abs() < 1e-4,
                "sample {i}: {} {} vs {} {}",
                l[i],
                r[i],
                rl[i],
                rr[i]
            );
        }
    }

    #[test]
    fn hadamard_is_orthogonal() {
        let mut y = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        hadamard8(&mut y);
        assert_eq!(y, [1.0; 8]);
        let mut z = [0.3, -1.0, 2.0, 0.5, 0.0, 1.0, -0.7, 0.2];
        let e0: f32 = z.iter().map(|v| v * v).sum();
        hadamard8(&mut z);
        let e1: f32 = z.iter().map(|v| v * v).sum();
        assert!((e1 / 8.0 - e0).abs() < 1e-5);
    }
}
