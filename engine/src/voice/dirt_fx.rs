//! SuperDirt's extra per-voice effects, in SuperDirt's order: `tremolo`, `phaser`,
//! `waveloss` (then the player's `squiz`), `fshift`, `triode`, `krush`, the octaver, `ring`,
//! the spectral effects ([`super::spectral`]), `djf`, and `leslie` (in SuperDirt an orbit
//! effect; here each voice has its own cabinet).
//! Each is set at a voice's onset from its event and runs only when its control is given; the
//! kernels live in `crate::dsp`. `overgain` and `overshape` act on `gain` and `shape`.

use super::fx_memory::FxMemory;
use super::spectral::{SpectralBank, SpectralFx};
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
use crate::pattern::value::sym;
use crate::pattern::Sym;

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
    /// Take control `k` = `x` if it is one of these; false otherwise (allocation-free).
    pub fn set(&mut self, k: Sym, x: f64) -> bool {
        let slot = match k {
            sym::DJF => &mut self.djf,
            sym::TRIODE => &mut self.triode,
            sym::KRUSH => &mut self.krush,
            sym::KCUTOFF => &mut self.kcutoff,
            sym::RING => &mut self.ring,
            sym::RINGF => &mut self.ringf,
            sym::RINGDF => &mut self.ringdf,
            sym::TREMOLORATE => &mut self.tremolorate,
            sym::TREMOLODEPTH => &mut self.tremolodepth,
            sym::PHASERRATE => &mut self.phaserrate,
            sym::PHASERDEPTH => &mut self.phaserdepth,
            sym::OCTER => &mut self.octer,
            sym::OCTERSUB => &mut self.octersub,
            sym::OCTERSUBSUB => &mut self.octersubsub,
            sym::FSHIFT => &mut self.fshift,
            sym::FSHIFTNOTE => &mut self.fshiftnote,
            sym::FSHIFTPHASE => &mut self.fshiftphase,
            sym::WAVELOSS => &mut self.waveloss,
            sym::LESLIE => &mut self.leslie,
            sym::LRATE => &mut self.lrate,
            sym::LSIZE => &mut self.lsize,
            sym::OVERGAIN => &mut self.overgain,
            sym::OVERSHAPE => &mut self.overshape,
            sym::COMB => &mut self.comb,
            sym::SMEAR => &mut self.smear,
            sym::SCRAM => &mut self.scram,
            sym::BINSHIFT => &mut self.binshift,
            sym::HBRICK => &mut self.hbrick,
            sym::LBRICK => &mut self.lbrick,
            sym::ENHANCE => &mut self.enhance,
            sym::REAL => &mut self.real,
            sym::IMAG => &mut self.imag,
            sym::FREEZE => &mut self.freeze,
            sym::XSDELAY => &mut self.xsdelay,
            sym::TSDELAY => &mut self.tsdelay,
            _ => return false,
        };
        *slot = x as f32;
        true
    }

    /// `gain` raised by `overgain`: SuperDirt adds it to the gain (its way past the limit it
    /// puts on `gain`).
    pub fn gain(&self, gain: f64) -> f64 {
        if self.overgain.is_finite() {
            gain + self.overgain as f64
        } else {
            gain
        }
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
    use crate::meta::{self, Kind};

    /// Every control of these effects reaches its setting: the symbol list, this table and
    /// the function table agree.
    #[test]
    fn every_effect_control_is_read() {
        let names: Vec<&str> = meta::all().filter(|f| f.kind == Kind::Control).map(|f| f.name).collect();
        let mut s = DirtFxSettings::default();
        let mut read = 0;
        for name in &names {
            if s.set(Sym::new(name), 0.25) {
                read += 1;
            }
        }
        assert_eq!(s.djf, 0.25);
        assert_eq!(s.tsdelay, 0.25);
        assert_eq!(read, 35, "the 23 time-domain and 12 spectral controls, all in the function table");
        for name in SPECTRAL_CONTROLS {
            assert!(names.contains(name), "{name} has no entry in the function table");
        }
        assert!(!DirtFx::default().is_active());
        // Fixed-size state that moves with a voice stays small.
        assert!(std::mem::size_of::<DirtFx>() < 4096, "{}", std::mem::size_of::<DirtFx>());
    }
}
