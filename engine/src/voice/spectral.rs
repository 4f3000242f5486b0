//! SuperDirt's spectral effects per voice: `freeze`, `comb`, `smear`, `scram`, `binshift`,
//! `hbrick`, `lbrick`, `real`/`imag` (a conformal map), `enhance`, and the band delay
//! `xsdelay`/`tsdelay`. SuperDirt runs each in its own FFT; here a voice's spectral effects
//! share one analysis (`crate::dsp::stft`) and act on it in SuperDirt's order, with the
//! band delay before. The output is [`FRAME`] samples late, and the voice rings on that long
//! after its sound ends so nothing is cut.
//!
//! Everything big (input histories, overlap-add, frozen spectra, scramble maps, delay lines,
//! the FFT plans) sits in a [`SpectralBank`] made per player when its program names one of
//! these controls; a voice borrows one of [`SLOTS`] at its onset, and voices beyond play dry.

use super::dirt_fx::DirtFxSettings;
use crate::dsp::noise::Rng;
use crate::dsp::spectral::{self, FreezeState};
use crate::dsp::spectral_delay::{self, SpectralDelay};
use crate::dsp::stft::{StftChannel, StftWork, BINS, FRAME};
use realfft::num_complex::Complex;

/// Voices of one player with spectral effects at once.
pub const SLOTS: usize = 8;

/// The memory of one voice's spectral effects.
struct Slot {
    ch: [StftChannel; 2],
    freeze: [FreezeState; 2],
    scramble: Box<[u16]>,
    lines: [Box<[f32]>; 2],
}

/// One player's spectral memories and FFT plans.
pub struct SpectralBank {
    work: StftWork,
    slots: Box<[Slot]>,
}

impl SpectralBank {
    /// Allocate for sample rate `sr` (off the audio thread only).
    pub fn new(sr: f64) -> SpectralBank {
        let line = (spectral_delay::MAX_DELAY * sr) as usize + 2;
        let slots = (0..SLOTS)
            .map(|_| Slot {
                ch: [StftChannel::new(), StftChannel::new()],
                freeze: [FreezeState::default(), FreezeState::default()],
                scramble: vec![0; BINS].into_boxed_slice(),
                lines: [crate::memory::zeroed(line), crate::memory::zeroed(line)],
            })
            .collect();
        SpectralBank { work: StftWork::new(), slots }
    }

    /// Make a slot ready for a new voice with effects `fx` (no allocation).
    pub fn start(&mut self, fx: &SpectralFx, seed: u64) {
        let s = &mut self.slots[fx.slot as usize % SLOTS];
        for c in s.ch.iter_mut() {
            c.clear();
        }
        for f in s.freeze.iter_mut() {
            f.clear();
        }
        for l in s.lines.iter_mut() {
            l.fill(0.0);
        }
        if fx.scram > 0.0 {
            spectral::scramble_map(&mut s.scramble, fx.scram, fx.scram, &mut Rng::new(seed));
        }
    }
}

impl SpectralBank {
    /// Take over another player's memories (a graph swap), when both have the same size, so
    /// the spectral voices it adopts sound on without a gap.
    pub fn copy_from(&mut self, other: &SpectralBank) {
        for (a, b) in self.slots.iter_mut().zip(other.slots.iter()) {
            if a.lines[0].len() != b.lines[0].len() {
                return;
            }
            for c in 0..2 {
                a.ch[c].copy_from(&b.ch[c]);
                a.freeze[c].copy_from(&b.freeze[c]);
                a.lines[c].copy_from_slice(&b.lines[c]);
            }
            a.scramble.copy_from_slice(&b.scramble);
        }
    }
}

/// `x` in 0..1 mapped linearly onto `lo..hi`, clamped (SuperDirt's `linlin`).
fn lin(x: f32, lo: f32, hi: f32) -> f32 {
    lo + x.clamp(0.0, 1.0) * (hi - lo)
}

/// One voice's spectral settings; 0 or `None` where an effect is off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpectralFx {
    /// The bank slot it borrows.
    pub slot: u8,
    analyse: bool,
    freeze: bool,
    /// `comb`: teeth and the share of each that passes.
    comb: Option<(f32, f32)>,
    smear_bins: usize,
    scram: f32,
    binshift: Option<(f32, f32)>,
    hbrick: Option<f32>,
    lbrick: Option<f32>,
    conformal: Option<(f32, f32)>,
    enhance: Option<(usize, f32, f32)>,
    delay: Option<SpectralDelay>,
    /// Samples it must still ring after the voice's sound ends.
    tail: u32,
}

impl SpectralFx {
    /// The spectral effects `s` asks for; `None` when it asks for none.
    pub fn new(s: &DirtFxSettings, sr: f32) -> Option<SpectralFx> {
        let given = |x: f32| x.is_finite();
        let conformal = (given(s.real) || given(s.imag)).then(|| {
            let or = |x: f32| if x.is_finite() { x } else { 0.5 };
            (lin(or(s.real), 0.01, 2.0), lin(or(s.imag), 0.01, 10.0))
        });
        let fx = SpectralFx {
            slot: 0,
            analyse: false,
            freeze: given(s.freeze) && s.freeze > 0.0,
            comb: given(s.comb).then(|| (256.0 * s.comb.clamp(0.0, 1.0), 1.0 - s.comb.clamp(0.0, 1.0))),
            smear_bins: if given(s.smear) { 64f32.powf(s.smear.clamp(0.0, 1.0)).round() as usize } else { 0 },
            scram: if given(s.scram) { s.scram.clamp(0.0, 1.0) } else { 0.0 },
            binshift: given(s.binshift).then(|| (lin(s.binshift, 0.01, 4.0), s.binshift * 10.0)),
            hbrick: given(s.hbrick).then(|| s.hbrick.clamp(0.0, 1.0) * 0.6),
            lbrick: given(s.lbrick).then(|| -s.lbrick.clamp(0.0, 1.0)),
            conformal,
            enhance: given(s.enhance)
                .then(|| (lin(s.enhance, 1.0, 16.0) as usize, lin(s.enhance, 1.0, 5.0), lin(s.enhance, 0.0, 0.99))),
            delay: SpectralDelay::new(s.xsdelay, s.tsdelay, sr),
            tail: 0,
        };
        let analyse = given(s.freeze)
            || fx.comb.is_some()
            || given(s.smear)
            || given(s.scram)
            || fx.binshift.is_some()
            || fx.hbrick.is_some()
            || fx.lbrick.is_some()
            || fx.conformal.is_some()
            || fx.enhance.is_some();
        if !analyse && fx.delay.is_none() {
            return None;
        }
        let tail = if analyse { FRAME as u32 } else { 0 } + fx.delay.map_or(0, |d| d.longest() + sr as u32 / 50);
        Some(SpectralFx { analyse, tail, ..fx })
    }

    /// After the voice's sound has ended, count `n` samples of ringing off; false once there
    /// is nothing left to ring.
    pub fn ring_on(&mut self, n: usize) -> bool {
        self.tail = self.tail.saturating_sub(n as u32);
        self.tail > 0
    }

    /// Both channels in place, with the voice's slot of `bank`.
    pub fn process(&mut self, bank: &mut SpectralBank, l: &mut [f32], r: &mut [f32]) {
        let SpectralBank { work, slots } = bank;
        let slot = &mut slots[self.slot as usize % SLOTS];
        let fx = *self;
        for (c, x) in [l, r].into_iter().enumerate() {
            if let Some(d) = &mut self.delay {
                d.process(c, &mut slot.lines[c], x);
            }
            if !fx.analyse {
                continue;
            }
            let (freeze, scramble) = (&mut slot.freeze[c], &slot.scramble[..]);
            slot.ch[c].process(x, work, |spec, spare, frame| fx.frame(spec, spare, frame, freeze, scramble));
            if fx.conformal.is_some() || fx.enhance.is_some() {
                // SuperDirt's own limit on these two, which can go wild.
                for v in x.iter_mut() {
                    *v = v.tanh();
                }
            }
        }
    }

    /// The effects on one frame, in SuperDirt's order.
    fn frame(
        &self,
        spec: &mut [Complex<f32>],
        spare: &mut [Complex<f32>],
        frame: u32,
        freeze: &mut FreezeState,
        scramble: &[u16],
    ) {
        if self.freeze {
            spectral::freeze(spec, freeze, frame);
        }
        if let Some((teeth, width)) = self.comb {
            spectral::rect_comb(spec, teeth, width);
        }
        if self.smear_bins > 0 {
            spectral::mag_smear(spec, spare, self.smear_bins);
        }
        if self.scram > 0.0 {
            spectral::bin_scramble(spec, spare, scramble);
        }
        if let Some((stretch, shift)) = self.binshift {
            spectral::bin_shift(spec, spare, stretch, shift);
        }
        if let Some(w) = self.hbrick {
            spectral::brick_wall(spec, w);
        }
        if let Some(w) = self.lbrick {
            spectral::brick_wall(spec, w);
        }
        if let Some((re, im)) = self.conformal {
            // In the units of SuperDirt's unscaled transform, where a loud partial's bin is
            // far larger than the map's point.
            let k = FRAME as f32;
            for b in spec.iter_mut() {
                *b *= k;
            }
            spectral::conformal_map(spec, Complex::new(re, im));
            for b in spec.iter_mut() {
                *b /= k;
            }
        }
        if let Some((partials, ratio, strength)) = self.enhance {
            spectral::spectral_enhance(spec, spare, partials, ratio, strength);
        }
    }
}
