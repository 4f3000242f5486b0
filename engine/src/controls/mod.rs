//! The event controls (`s`, `n`, `gain`, `cutoff`, `room`, `pitch1`, ...) and the settings
//! (`cps`, `bpm`, `bpc`): each declared once, in [`table`], with its name, aliases, unit,
//! range, default, help, example and how it acts. Everything else reads the table: the
//! compiler's name resolution (through the function entries [`functions`] makes), the symbol
//! ids of `pattern::value::sym` (interned in table order), `VoiceParams::from_map` (a value per
//! control, by [`Ctl`]), the reference (`phonon docs`), the editor's completion and hover, and
//! `tests/voices_every_control.rs`.
//!
//! Adding a control is one row in [`table`] and one read where it acts
//! (`params.controls.get(Ctl::Name)`), plus its probe in `tests/voices_every_control.rs`.

mod table;

pub use table::{Ctl, CONTROLS, COUNT};

use crate::meta::{FnMeta, Imp, Kind, Param, Unit};
use std::sync::OnceLock;

/// How a control acts on what it is put on (LANGUAGE.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acts {
    /// Chooses what plays: the sound (`s`), the sample within its folder (`n`).
    Select,
    /// The pitch an event plays (`note`, `midinote`, `freq`, `octave`).
    Pitch,
    /// Shapes each voice on its own: level, envelope, playback, filters, distortion.
    Voice,
    /// How long a voice sounds against its event and its neighbours (`legato`, `cut`).
    Timing,
    /// Feeds or sets the player's shared effects (SuperDirt's orbit sends: `room`, `delay`).
    Send,
    /// A parameter of the synth voices (`pitch1`, `detune`, `voice`).
    Synth,
    /// Sends the note to the MIDI output instead of playing it.
    Midi,
    /// A program setting, written as a statement (`cps: 0.5`), not an event control.
    Setting,
}

impl Acts {
    pub fn title(self) -> &'static str {
        match self {
            Acts::Select => "sample and sound selection",
            Acts::Pitch => "pitch",
            Acts::Voice => "per voice",
            Acts::Timing => "timing",
            Acts::Send => "per orbit send (the player's shared effects)",
            Acts::Synth => "synth parameter",
            Acts::Midi => "MIDI output",
            Acts::Setting => "setting",
        }
    }
}

/// One control.
#[derive(Clone, Copy, Debug)]
pub struct Control {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub acts: Acts,
    /// The value it takes: its name, unit and documented range.
    pub value: Param,
    /// The value an event has when it does not give the control; NaN: the sound decides
    /// (each synth has its own default) or the control is off.
    pub default: f64,
    pub help: &'static str,
    /// A complete program that uses it and makes sound (for settings: a setting line).
    pub example: &'static str,
}

impl Control {
    pub const fn new(name: &'static str, acts: Acts, help: &'static str, example: &'static str) -> Control {
        Control { name, aliases: &[], acts, value: Param::pattern("value"), default: f64::NAN, help, example }
    }

    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Control {
        self.aliases = aliases;
        self
    }

    pub const fn unit(mut self, unit: Unit) -> Control {
        self.value.unit = unit;
        self
    }

    pub const fn range(mut self, lo: f64, hi: f64) -> Control {
        self.value.range = (lo, hi);
        self
    }

    pub const fn default(mut self, d: f64) -> Control {
        self.default = d;
        self
    }

    /// The name of the value it takes, where `value` would say less (`s names`).
    pub const fn takes(mut self, name: &'static str) -> Control {
        self.value.name = name;
        self
    }

    /// Whether `name` is this control's name or one of its aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// The controls' values for one event, by [`Ctl`]: the table's defaults where not given.
/// Fixed-size and `Copy`, filled on the audio thread without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ControlValues([f64; COUNT]);

impl ControlValues {
    /// Every control at its default.
    pub const DEFAULTS: ControlValues = ControlValues(table::defaults());

    #[inline]
    pub fn get(&self, c: Ctl) -> f64 {
        self.0[c as usize]
    }

    #[inline]
    pub fn set(&mut self, c: Ctl, x: f64) {
        self.0[c as usize] = x;
    }
}

impl Default for ControlValues {
    fn default() -> Self {
        ControlValues::DEFAULTS
    }
}

impl Ctl {
    /// The control's row in the table.
    pub fn row(self) -> &'static Control {
        &CONTROLS[self as usize]
    }

    /// The control by its position in the table.
    pub fn from_index(i: usize) -> Option<Ctl> {
        table::ALL.get(i).copied()
    }
}

/// The control a name or alias means, settings included.
pub fn lookup(name: &str) -> Option<Ctl> {
    CONTROLS.iter().position(|c| c.is_named(name)).and_then(Ctl::from_index)
}

/// The setting a statement head names (`tempo`, `cps`, `bpm`, `bpc`).
pub fn setting(name: &str) -> Option<Ctl> {
    lookup(name).filter(|c| c.row().acts == Acts::Setting)
}

/// Every setting name and alias, for the statement parser's hints, highlighting and completion.
pub fn setting_names() -> impl Iterator<Item = &'static str> {
    CONTROLS
        .iter()
        .filter(|c| c.acts == Acts::Setting)
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
}

/// Every name and alias in table order: the symbol ids the interner gives first.
pub fn names() -> impl Iterator<Item = &'static str> {
    CONTROLS.iter().map(|c| c.name).chain(CONTROLS.iter().flat_map(|c| c.aliases.iter().copied()))
}

/// The event controls' part of the function table (settings are statements, not functions).
pub fn functions() -> &'static [FnMeta] {
    static FUNCTIONS: OnceLock<Vec<FnMeta>> = OnceLock::new();
    FUNCTIONS.get_or_init(|| {
        CONTROLS
            .iter()
            .filter(|c| c.acts != Acts::Setting)
            .map(|c| FnMeta {
                name: c.name,
                aliases: c.aliases,
                kind: Kind::Control,
                params: std::slice::from_ref(&c.value),
                variadic: false,
                help: c.help,
                example: c.example,
                // `s` builds its own events (`bd:3` is a sample and its number).
                imp: if c.name == "s" { Imp::Special } else { Imp::Control },
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_ids_follow_the_table() {
        let mut seen = std::collections::HashSet::new();
        for (i, c) in CONTROLS.iter().enumerate() {
            assert_eq!(Ctl::from_index(i).map(|c| c as usize), Some(i));
            assert!(!c.help.is_empty() && !c.example.is_empty(), "{}", c.name);
            for n in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                assert!(seen.insert(n), "{n} is declared twice");
                assert_eq!(lookup(n), Ctl::from_index(i), "{n}");
            }
            let (lo, hi) = c.value.range;
            assert!(lo <= hi, "{}: range", c.name);
            assert!(c.default.is_nan() || (lo..=hi).contains(&c.default), "{}: default outside its range", c.name);
        }
        assert_eq!(lookup("lpf"), Some(Ctl::Cutoff));
        assert_eq!(lookup("gain").map(|c| c.row().default), Some(1.0));
        assert_eq!(ControlValues::DEFAULTS.get(Ctl::Pan), 0.5);
    }

    #[test]
    fn settings_are_the_grammars_statement_heads() {
        let grammar = include_str!("../lang/grammar.pest");
        let rule = grammar.lines().find(|l| l.starts_with("setting_name")).expect("setting_name rule");
        let mut n = 0;
        for name in setting_names() {
            assert!(rule.contains(&format!("\"{name}\"")), "{name} is not a statement head in grammar.pest");
            n += 1;
        }
        assert_eq!(rule.matches('"').count(), 2 * n, "grammar.pest has a setting the table lacks");
    }
}
