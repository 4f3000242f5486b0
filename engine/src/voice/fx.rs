//! Per-voice effects, set once at a voice's onset from its event: `cutoff`/`resonance`
//! (low-pass), `hcutoff`/`hresonance` (high-pass), `bandf`/`bandq` (band-pass), `vowel`
//! (formants), `shape` (waveshaping), `distort` (tanh drive, the kernel of Phonon's
//! `distort`), `crush` (bit depth) and `coarse` (sample-rate reduction). Filters are the engine's SVF and formant kernels; the three distortions are
//! one line each and live here. All state is `Copy` and fixed-size.

use super::dirt_fx::DirtFx;
use super::params::VoiceParams;
use super::squiz::Squiz;
use crate::dsp::formant::Formant;
use crate::dsp::shaper::Drive;
use crate::dsp::svf::{SvfCoefs, SvfMode, SvfState};

/// A 2-pole filter on both channels of a voice.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Filter {
    coefs: SvfCoefs,
    mode: SvfMode,
    state: [SvfState; 2],
}

impl Filter {
    fn new(mode: SvfMode, hz: f32, q: f32, sr: f32) -> Filter {
        Filter { coefs: SvfCoefs::new(hz, q, sr), mode, state: [SvfState::default(); 2] }
    }
}

/// Resonance 0..1 as a filter Q: 0.707 (no peak) rising exponentially to 28 at 1.
fn resonance_q(r: f32) -> f32 {
    std::f32::consts::FRAC_1_SQRT_2 * 40f32.powf(r.clamp(0.0, 1.0))
}

/// The effects of one voice, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VoiceFx {
    /// Hold each value for this many samples (`coarse`); 1 for none.
    coarse: u32,
    coarse_left: u32,
    held: [f32; 2],
    /// Quantisation step (`crush`); 0 for none.
    crush_step: f32,
    /// Waveshaper drive `k` (`shape`); 0 for none.
    shape_k: f32,
    /// `distort`'s drive, when on.
    drive: Option<Drive>,
    high: Option<Filter>,
    band: Option<Filter>,
    low: Option<Filter>,
    vowel: Option<[Formant; 2]>,
    /// `squiz`, when the player had a memory for it (it runs last, with the player's memory).
    pub squiz: Option<Squiz>,
    /// SuperDirt's extra effects, set by the player (they run after these, around `squiz`).
    pub dirt: DirtFx,
}

impl VoiceFx {
    /// The effects an event asks for, at sample rate `sr`.
    pub fn new(p: &VoiceParams, sr: f32) -> VoiceFx {
        let on = |x: f32| x.is_finite() && x > 0.0;
        let shape = p.dirt.shape(p.shape);
        let shape = if shape.is_finite() { shape.clamp(0.0, 0.99) } else { 0.0 };
        VoiceFx {
            coarse: if p.coarse.is_finite() && p.coarse >= 2.0 { p.coarse.min(4096.0) as u32 } else { 1 },
            coarse_left: 0,
            held: [0.0; 2],
            // `crush` bits: 16 is nearly transparent, 1 leaves three levels.
            crush_step: if on(p.crush) { 0.5f32.powf(p.crush.clamp(1.0, 16.0) - 1.0) } else { 0.0 },
            shape_k: 2.0 * shape / (1.0 - shape),
            drive: on(p.distort).then(|| Drive::new(p.distort)),
            high: on(p.hcutoff).then(|| Filter::new(SvfMode::High, p.hcutoff, resonance_q(p.hresonance), sr)),
            band: on(p.bandf).then(|| Filter::new(SvfMode::Band, p.bandf, if on(p.bandq) { p.bandq } else { 1.0 }, sr)),
            low: on(p.cutoff).then(|| Filter::new(SvfMode::Low, p.cutoff, resonance_q(p.resonance), sr)),
            vowel: (p.vowel > 0).then(|| {
                let mut f = Formant::new(sr);
                f.set_vowel((p.vowel - 1) as f32);
                [f; 2]
            }),
            squiz: None,
            dirt: DirtFx::default(),
        }
    }

    /// Whether any effect is on (voices without effects skip [`VoiceFx::process`]).
    #[inline]
    pub fn is_active(&self) -> bool {
        self.coarse > 1
            || self.crush_step > 0.0
            || self.shape_k > 0.0
            || self.drive.is_some()
            || self.high.is_some()
            || self.band.is_some()
            || self.low.is_some()
            || self.vowel.is_some()
            || self.squiz.is_some()
            || self.dirt.is_active()
    }

    /// Process a stereo buffer in place.
    pub fn process(&mut self, l: &mut [f32], r: &mut [f32]) {
        let n = l.len().min(r.len());
        if self.coarse > 1 {
            for i in 0..n {
                if self.coarse_left == 0 {
                    self.held = [l[i], r[i]];
                    self.coarse_left = self.coarse;
                }
                self.coarse_left -= 1;
                l[i] = self.held[0];
                r[i] = self.held[1];
            }
        }
        if self.crush_step > 0.0 {
            let (s, inv) = (self.crush_step, 1.0 / self.crush_step);
            for x in l[..n].iter_mut().chain(r[..n].iter_mut()) {
                *x = (*x * inv).round() * s;
            }
        }
        if self.shape_k > 0.0 {
            let k = self.shape_k;
            for x in l[..n].iter_mut().chain(r[..n].iter_mut()) {
                *x = (1.0 + k) * *x / (1.0 + k * x.abs());
            }
        }
        if let Some(d) = self.drive {
            for x in l[..n].iter_mut().chain(r[..n].iter_mut()) {
                *x = d.apply(*x);
            }
        }
        for f in [&mut self.high, &mut self.band, &mut self.low].into_iter().flatten() {
            let (c, mode) = (f.coefs, f.mode);
            let [sl, sr] = &mut f.state;
            for i in 0..n {
                l[i] = sl.tick_mode(&c, l[i], mode);
                r[i] = sr.tick_mode(&c, r[i], mode);
            }
            sl.flush();
            sr.flush();
        }
        if let Some([fl, fr]) = &mut self.vowel {
            for i in 0..n {
                l[i] = fl.tick(l[i]);
                r[i] = fr.tick(r[i]);
            }
            fl.flush();
            fr.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distort_drives_each_voice_through_tanh() {
        let mut p = VoiceParams::default();
        p.distort = 0.5;
        let mut fx = VoiceFx::new(&p, 48_000.0);
        assert!(fx.is_active());
        let (mut l, mut r) = ([0.1f32, -0.5, 1.0], [0.1f32, -0.5, 1.0]);
        fx.process(&mut l, &mut r);
        let d = Drive::new(0.5);
        // 20 dB of drive: a quiet sample is raised, full scale stays at full scale.
        assert!((l[0] - d.apply(0.1)).abs() < 1e-6 && l[0] > 0.5, "{l:?}");
        assert!((r[1] + d.apply(0.5)).abs() < 1e-6);
        assert!((l[2] - 1.0).abs() < 1e-3);
        // Without it, no effect runs.
        assert!(!VoiceFx::new(&VoiceParams::default(), 48_000.0).is_active());
    }
}
