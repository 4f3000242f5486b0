//! The synths' own controls that no other sound uses (`pitch1`, `rate`, `slide`, ...), read
//! from an event into [`SynthControls`], and their part of the function table. Controls
//! shared with other sounds (`voice`, `detune`, `decay`, `accelerate`, `resonance`,
//! `velocity`) are read with the other event controls.

use crate::meta::{FnMeta, Imp, Kind, Param};

/// A synth control, by its position in [`NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctl {
    Pitch1,
    Pitch2,
    Pitch3,
    Rate,
    Slide,
    Semitone,
    Lfo,
    Modamp,
    Modfreq,
    Vibrato,
    Vrate,
    Perc,
    Percf,
    Muffle,
    Stereo,
}

/// The control names, in the order of [`Ctl`].
pub const NAMES: [&str; 15] = [
    "pitch1", "pitch2", "pitch3", "rate", "slide", "semitone", "lfo", "modamp", "modfreq", "vibrato", "vrate", "perc",
    "percf", "muffle", "stereo",
];

/// The position + 1 of a synth control name (0: not one), for the symbol table.
pub fn index_of(name: &str) -> u8 {
    NAMES.iter().position(|&n| n == name).map(|i| i as u8 + 1).unwrap_or(0)
}

/// The values an event gives them; NaN where not given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SynthControls {
    values: [f64; NAMES.len()],
    /// The event's `velocity` before it became part of the gain (mallet brightness).
    pub velocity: f64,
}

impl Default for SynthControls {
    fn default() -> Self {
        SynthControls { values: [f64::NAN; NAMES.len()], velocity: f64::NAN }
    }
}

impl SynthControls {
    #[inline]
    pub fn get(&self, c: Ctl) -> f64 {
        self.values[c as usize]
    }

    /// Set the control at `index` (as [`index_of`] gives it, 1-based; 0 is ignored).
    #[inline]
    pub fn set_index(&mut self, index: u8, x: f64) {
        if let Some(v) = (index as usize).checked_sub(1).and_then(|i| self.values.get_mut(i)) {
            *v = x;
        }
    }

    pub fn set(&mut self, c: Ctl, x: f64) {
        self.values[c as usize] = x;
    }
}

const VALUE: &[Param] = &[Param::pattern("value")];

const fn control(name: &'static str, help: &'static str, example: &'static str) -> FnMeta {
    FnMeta { name, aliases: &[], kind: Kind::Control, params: VALUE, variadic: false, help, example, imp: Imp::Control }
}

/// Their part of the function table.
pub static FUNCTIONS: &[FnMeta] = &[
    control(
        "pitch1",
        "Synth timbre: filter frequency scale (supersquare supersaw superpwm supercomparator superclap \
         supernoise), modulation Hz (soskick), modulation depth (soshats), resonance Hz (sossnare).",
        "out: note \"c2 c3\" # s \"supersquare\" # pitch1 \"1 3\"",
    ),
    control(
        "pitch2",
        "Synth timbre: second oscillator's ratio (superchip), beater noise level (soskick).",
        "out: note \"c e\" # s \"superchip\" # pitch2 1.5",
    ),
    control(
        "pitch3",
        "Synth timbre: third oscillator's ratio (superchip).",
        "out: note \"c e\" # s \"superchip\" # pitch3 4",
    ),
    control(
        "rate",
        "Synth timbre: LFO or repeat rate (supersquare supersaw superpwm supercomparator superchip supernoise \
         supergrind superprimes), chirp speed (super808), decay speed (superclap superhex).",
        "out: s \"super808\" # n 4 # rate 4",
    ),
    control(
        "slide",
        "Synth pitch slide: superchip, superhoover, supernoise (filter), superzow (phasing speed).",
        "out: note \"c\" # s \"superhoover\" # slide 2",
    ),
    control(
        "semitone",
        "Synth second oscillator's interval in semitones (supersquare supersaw superpwm), modulator ratio (sossnare).",
        "out: note \"c\" # s \"supersaw\" # semitone 7",
    ),
    control(
        "lfo",
        "Synth filter LFO depth (supersquare supersaw superpwm supercomparator).",
        "out: note \"c\" # s \"supersquare\" # lfo 3",
    ),
    control("modamp", "supervibe tremolo depth, 0..2 (default 1).", "out: note \"c e\" # s \"supervibe\" # modamp 2"),
    control("modfreq", "supervibe tremolo rate, Hz (default 7).", "out: note \"c e\" # s \"supervibe\" # modfreq 3"),
    control("vibrato", "superhammond vibrato depth (default 0.5).", "out: note \"c\" # s \"superhammond\" # vibrato 1"),
    control("vrate", "superhammond vibrato rate, Hz (default 7).", "out: note \"c\" # s \"superhammond\" # vrate 3"),
    control(
        "perc",
        "superhammond percussion level (0 off, about 0.7 or 1.2).",
        "out: note \"c\" # s \"superhammond\" # perc 1",
    ),
    control(
        "percf",
        "superhammond percussion harmonic (2 or 3).",
        "out: note \"c\" # s \"superhammond\" # perc 1 # percf 3",
    ),
    control(
        "muffle",
        "superpiano muffling of the upper partials, 0..1 (default 1).",
        "out: note \"c e g\" # s \"superpiano\" # muffle 0.2",
    ),
    control(
        "stereo",
        "superpiano stereo spread of its partials, 0..1 (default 0.2).",
        "out: note \"c e g\" # s \"superpiano\" # stereo 0.8",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_table_agree() {
        assert_eq!(FUNCTIONS.len(), NAMES.len());
        for (i, (f, n)) in FUNCTIONS.iter().zip(NAMES).enumerate() {
            assert_eq!(f.name, n);
            assert_eq!(index_of(n), i as u8 + 1);
        }
        assert_eq!(index_of("gain"), 0);
        let mut c = SynthControls::default();
        c.set_index(4, 2.5);
        c.set_index(0, 9.0);
        assert_eq!(c.get(Ctl::Rate), 2.5);
        assert!(c.get(Ctl::Pitch1).is_nan());
    }
}
