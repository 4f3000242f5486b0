//! SuperDirt's extra per-voice effects, in SuperDirt's order: `tremolo`, `phaser`,
//! `waveloss` (then the player's `squiz`), `fshift`, `triode`, `krush`, the octaver, `ring`,
//! the spectral effects ([`super::spectral`]), `djf`, and `leslie` (in SuperDirt an orbit
//! effect; here each voice has its own cabinet).
//! Each is set at a voice's onset from its event and runs only when its control is given; the
//! kernels live in `crate::dsp`. `overgain` and `overshape` act on `gain` and `shape`.

use super::fx_memory::FxMemory;
use super::spectral::{SpectralBank, SpectralFx};
use crate::controls::{ControlValues, Ctl};
use crate::dsp::dj_filter::{DjFilter, DjState};
use crate::dsp::freq_shift::FreqShift;
use crate::dsp::krush::Krush;
use crate::dsp::leslie::Leslie;
use crate::dsp::octaver::{Octaver, OctaverState};
use crate::dsp::phaser::Phaser;
use crate::dsp::ring_mod::RingMod;
use crate::dsp::svf::SvfState;
use crate::dsp::tremolo::Tremolo;
use crate::dsp::triode::Triode;
use crate::dsp::waveloss::WaveLoss;

/// The controls of the spectral effects (a player gets their memories when its program names
/// one).
pub const SPECTRAL_CONTROLS: &[&str] = &[
    "comb", "smear", "scram", "binshift", "hbrick", "lbrick", "enhance", "real", "imag", "freeze", "xsdelay", "tsdelay",
];

/// The controls of these effects in one event; NaN where not given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DirtFxSettings {
    pub djf: f32,
    pub triode: f32,
    pub krush: f32,
    pub kcutoff: f32,
    pub ring: f32,
    pub ringf: f32,
    pub ringdf: f32,
    pub tremolorate: f32,
    pub tremolodepth: f32,
    pub phaserrate: f32,
    pub phaserdepth: f32,
    pub octer: f32,
    pub octersub: f32,
    pub octersubsub: f32,
    pub fshift: f32,
    pub fshiftnote: f32,
    pub fshiftphase: f32,
    pub waveloss: f32,
    pub leslie: f32,
    pub lrate: f32,
    pub lsize: f32,
    pub overgain: f32,
    pub overshape: f32,
    pub comb: f32,
    pub smear: f32,
    pub scram: f32,
    pub binshift: f32,
    pub hbrick: f32,
    pub lbrick: f32,
    pub enhance: f32,
    pub real: f32,
    pub imag: f32,
    pub freeze: f32,
    pub xsdelay: f32,
    pub tsdelay: f32,
}

impl Default for DirtFxSettings {
    fn default() -> Self {
        let n = f32::NAN;
        DirtFxSettings {
            djf: n,
            triode: n,
            krush: n,
            kcutoff: n,
            ring: n,
            ringf: n,
            ringdf: n,
            tremolorate: n,
            tremolodepth: n,
            phaserrate: n,
            phaserdepth: n,
            octer: n,
            octersub: n,
            octersubsub: n,
            fshift: n,
            fshiftnote: n,
            fshiftphase: n,
            waveloss: n,
            leslie: n,
            lrate: n,
            lsize: n,
            overgain: n,
            overshape: n,
            comb: n,
            smear: n,
            scram: n,
            binshift: n,
            hbrick: n,
            lbrick: n,
            enhance: n,
            real: n,
            imag: n,
            freeze: n,
            xsdelay: n,
            tsdelay: n,
        }
    }
}

impl DirtFxSettings {
    /// These effects' controls among an event's values (NaN where not given).
    pub fn read(v: &ControlValues) -> DirtFxSettings {
        DirtFxSettings {
            djf: v.get(Ctl::Djf) as f32,
            triode: v.get(Ctl::Triode) as f32,
            krush: v.get(Ctl::Krush) as f32,
            kcutoff: v.get(Ctl::Kcutoff) as f32,
            ring: v.get(Ctl::Ring) as f32,
            ringf: v.get(Ctl::Ringf) as f32,
            ringdf: v.get(Ctl::Ringdf) as f32,
            tremolorate: v.get(Ctl::Tremolorate) as f32,
            tremolodepth: v.get(Ctl::Tremolodepth) as f32,
            phaserrate: v.get(Ctl::Phaserrate) as f32,
            phaserdepth: v.get(Ctl::Phaserdepth) as f32,
            octer: v.get(Ctl::Octer) as f32,
            octersub: v.get(Ctl::Octersub) as f32,
            octersubsub: v.get(Ctl::Octersubsub) as f32,
            fshift: v.get(Ctl::Fshift) as f32,
            fshiftnote: v.get(Ctl::Fshiftnote) as f32,
            fshiftphase: v.get(Ctl::Fshiftphase) as f32,
            waveloss: v.get(Ctl::Waveloss) as f32,
            leslie: v.get(Ctl::Leslie) as f32,
            lrate: v.get(Ctl::Lrate) as f32,
            lsize: v.get(Ctl::Lsize) as f32,
            overgain: v.get(Ctl::Overgain) as f32,
            overshape: v.get(Ctl::Overshape) as f32,
            comb: v.get(Ctl::Comb) as f32,
            smear: v.get(Ctl::Smear) as f32,
            scram: v.get(Ctl::Scram) as f32,
            binshift: v.get(Ctl::Binshift) as f32,
            hbrick: v.get(Ctl::Hbrick) as f32,
            lbrick: v.get(Ctl::Lbrick) as f32,
            enhance: v.get(Ctl::Enhance) as f32,
            real: v.get(Ctl::Real) as f32,
            imag: v.get(Ctl::Imag) as f32,
            freeze: v.get(Ctl::Freeze) as f32,
            xsdelay: v.get(Ctl::Xsdelay) as f32,
            tsdelay: v.get(Ctl::Tsdelay) as f32,
        }
    }

    /// The level of `gain` (with `overgain`) on SuperDirt's curve: `(min(gain, 2) + overgain)^4`,
    /// so 1 leaves the sound alone, 0.8 is 0.41 (-7.8 dB) and 1.2 is 2.07.
    pub fn gain(&self, gain: f64) -> f64 {
        if !gain.is_finite() {
            return 0.0;
        }
        let over = if self.overgain.is_finite() { self.overgain as f64 } else { 0.0 };
        (gain.min(2.0) + over).max(0.0).powi(4)
    }

    /// `shape` raised by `overshape` (SuperDirt adds it to the shape, limited to 1).
    pub fn shape(&self, shape: f32) -> f32 {
        if self.overshape.is_finite() {
            let s = if shape.is_finite() { shape } else { 0.0 };
            s.min(1.0) + self.overshape
        } else {
            shape
        }
    }
}

/// The effects of one voice. All state is `Copy` and fixed-size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DirtFx {
    tremolo: Option<Tremolo>,
    phaser: Option<Phaser>,
    waveloss: Option<[WaveLoss; 2]>,
    fshift: Option<FreqShift>,
    triode: Option<[Triode; 2]>,
    krush: Option<(Krush, [SvfState; 2])>,
    octaver: Option<(Octaver, [OctaverState; 2])>,
    ring: Option<RingMod>,
    djf: Option<(DjFilter, [DjState; 2])>,
    leslie: Option<Leslie>,
    /// The spectral effects, with the slot of the player's bank they borrow.
    pub spectral: Option<SpectralFx>,
    /// The player's delay memory this voice borrows (phaser, leslie).
    pub memory: Option<u8>,
}

impl DirtFx {
    /// The effects `s` asks for, on a voice at pitch `freq` Hz, at sample rate `sr`; `seed`
    /// varies the random choices of `waveloss` between voices.
    pub fn new(s: &DirtFxSettings, freq: f64, sr: f32, seed: u64) -> DirtFx {
        let shift = s.fshift as f64 + if s.fshiftnote.is_finite() { s.fshiftnote as f64 * freq } else { 0.0 };
        DirtFx {
            tremolo: Tremolo::new(s.tremolorate, s.tremolodepth, sr),
            phaser: Phaser::new(s.phaserrate, s.phaserdepth, sr),
            waveloss: WaveLoss::new(s.waveloss, seed)
                .map(|w| [w, WaveLoss::new(s.waveloss, seed ^ 0x5eed).unwrap_or(w)]),
            fshift: FreqShift::new(shift, s.fshiftphase as f64, sr),
            triode: Triode::new(s.triode, sr).map(|t| [t; 2]),
            krush: Krush::new(s.krush, s.kcutoff, sr).map(|k| (k, [SvfState::default(); 2])),
            octaver: Octaver::new(s.octer, s.octersub, s.octersubsub, sr).map(|o| (o, [Octaver::state(sr); 2])),
            ring: RingMod::new(s.ring, s.ringf, s.ringdf, sr),
            djf: DjFilter::new(s.djf, sr).map(|d| (d, [DjState::default(); 2])),
            leslie: Leslie::new(s.leslie, s.lrate, s.lsize, sr),
            spectral: SpectralFx::new(s, sr),
            memory: None,
        }
    }

    /// Whether any effect is on (voices without skip these).
    #[inline]
    pub fn is_active(&self) -> bool {
        self.tremolo.is_some()
            || self.phaser.is_some()
            || self.waveloss.is_some()
            || self.fshift.is_some()
            || self.triode.is_some()
            || self.krush.is_some()
            || self.octaver.is_some()
            || self.ring.is_some()
            || self.djf.is_some()
            || self.leslie.is_some()
            || self.spectral.is_some()
    }

    /// Whether the voice needs a slot of the player's [`FxMemory`].
    pub fn needs_memory(&self) -> bool {
        self.phaser.is_some() || self.leslie.is_some()
    }

    /// No memory was free: the voice plays without the effects that need one.
    pub fn drop_memory_effects(&mut self) {
        self.phaser = None;
        self.leslie = None;
    }

    /// The effects SuperDirt runs before `squiz`, on a stereo block in place.
    pub fn process_early(&mut self, mem: Option<&mut FxMemory>, l: &mut [f32], r: &mut [f32]) {
        if let Some(t) = &mut self.tremolo {
            t.process(l, r);
        }
        if let (Some(p), Some(slot), Some(mem)) = (&mut self.phaser, self.memory, mem) {
            p.process(mem.lines(slot as usize).0, l, r);
        }
        if let Some([wl, wr]) = &mut self.waveloss {
            wl.process(l);
            wr.process(r);
        }
    }

    /// After the voice's sound has ended, whether its effects still ring (the spectral
    /// effects' latency and delays), counting `n` samples off.
    pub fn ring_on(&mut self, n: usize) -> bool {
        self.spectral.as_mut().is_some_and(|s| s.ring_on(n))
    }

    /// The effects SuperDirt runs after `squiz`.
    pub fn process_late(
        &mut self,
        mem: Option<&mut FxMemory>,
        spectral: Option<&mut SpectralBank>,
        l: &mut [f32],
        r: &mut [f32],
    ) {
        if let Some(f) = &mut self.fshift {
            f.process(l, r);
        }
        if let Some([tl, tr]) = &mut self.triode {
            tl.process(l);
            tr.process(r);
        }
        if let Some((k, [sl, sr])) = &mut self.krush {
            k.process(sl, l);
            k.process(sr, r);
        }
        if let Some((o, [sl, sr])) = &mut self.octaver {
            o.process(sl, l);
            o.process(sr, r);
        }
        if let Some(m) = &mut self.ring {
            m.process(l, r);
        }
        if let (Some(s), Some(bank)) = (&mut self.spectral, spectral) {
            s.process(bank, l, r);
        }
        if let Some((d, [sl, sr])) = &mut self.djf {
            d.process(sl, l);
            d.process(sr, r);
        }
        if let (Some(le), Some(slot), Some(mem)) = (&mut self.leslie, self.memory, mem) {
            le.process(mem.lines(slot as usize).1, l, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls;

    /// Every control of these effects reaches its setting through the control table.
    #[test]
    fn every_effect_control_is_read() {
        let mut v = ControlValues::DEFAULTS;
        let mut i = 0;
        while let Some(c) = Ctl::from_index(i) {
            v.set(c, 0.25);
            i += 1;
        }
        let s = DirtFxSettings::read(&v);
        assert_eq!(s.djf, 0.25);
        assert_eq!(s.tsdelay, 0.25);
        for name in SPECTRAL_CONTROLS {
            assert!(controls::lookup(name).is_some(), "{name} has no row in the control table");
        }
        assert!(!DirtFx::default().is_active());
        // Fixed-size state that moves with a voice stays small.
        assert!(std::mem::size_of::<DirtFx>() < 4096, "{}", std::mem::size_of::<DirtFx>());
    }
}
