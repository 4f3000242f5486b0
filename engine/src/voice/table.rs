//! What a symbol means to a player, decided off the audio thread: `bd` is sample set 3,
//! `bd:2` is file 2 of it, `supersaw` is a synth, `a5` is note 9 (440 Hz), `o` is a vowel. A
//! table indexed by symbol id, so the audio thread looks names up with one bounds-checked
//! index: no hashing, no locks, no strings.

use super::synth::SynthKind;
use crate::controls::Ctl;
use crate::pattern::Sym;
use crate::samples::Bank;

/// What `s` plays for a symbol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SoundRef {
    None,
    /// Set `set` of the bank; `index` is the `:i` written with the name, if any.
    Sample {
        set: u32,
        index: Option<i32>,
    },
    Synth(SynthKind),
}

/// Everything a symbol can stand for among event controls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymInfo {
    pub sound: SoundRef,
    /// Tidal's note number when the symbol is a note name (`c5` = 0, `eb`, `a#3`), else NaN.
    pub note: f32,
    /// Vowel 1..=5 for `a e i o u`, else 0.
    pub vowel: u8,
    /// The symbol is `c`: with `unit`, speed counts cycles per sample length.
    pub unit_cycles: bool,
    /// The control the symbol names as a key (`gain`, and `lpf` for `cutoff`), if any.
    pub control: Option<Ctl>,
}

const NOTHING: SymInfo = SymInfo { sound: SoundRef::None, note: f32::NAN, vowel: 0, unit_cycles: false, control: None };

/// Symbol id -> [`SymInfo`], covering every symbol interned when it was built (the program it
/// plays was compiled before, so all its names are covered).
pub struct SymTable {
    entries: Box<[SymInfo]>,
}

impl SymTable {
    /// Build for `bank` (allocates and reads the interner: off the audio thread only).
    pub fn build(bank: &Bank) -> SymTable {
        let entries = (0..Sym::count()).map(|id| describe(Sym(id as u32).name(), bank)).collect();
        SymTable { entries }
    }

    #[inline]
    pub fn get(&self, s: Sym) -> &SymInfo {
        self.entries.get(s.0 as usize).unwrap_or(&NOTHING)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The meaning of one name.
pub fn describe(name: &str, bank: &Bank) -> SymInfo {
    let (base, index) = match name.split_once(':') {
        Some((b, i)) => match i.parse::<i32>() {
            Ok(i) => (b, Some(i)),
            Err(_) => (name, None),
        },
        None => (name, None),
    };
    let sound = match bank.set_index(base) {
        Some(set) => SoundRef::Sample { set: set as u32, index },
        None => match SynthKind::from_name(base) {
            Some(k) => SoundRef::Synth(k),
            None => SoundRef::None,
        },
    };
    let note = crate::pattern::notes::note_value(name).map(|n| n as f32).unwrap_or(f32::NAN);
    let vowel = match name {
        "a" => 1,
        "e" => 2,
        "i" => 3,
        "o" => 4,
        "u" => 5,
        _ => 0,
    };
    SymInfo { sound, note, vowel, unit_cycles: name == "c", control: crate::controls::lookup(name) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve() {
        let bank = Bank::builtin();
        let bd = bank.set_index("bd").unwrap() as u32;
        assert_eq!(describe("bd", &bank).sound, SoundRef::Sample { set: bd, index: None });
        assert_eq!(describe("bd:3", &bank).sound, SoundRef::Sample { set: bd, index: Some(3) });
        assert_eq!(describe("supersaw", &bank).sound, SoundRef::Synth(SynthKind::Saw));
        assert_eq!(describe("nope", &bank).sound, SoundRef::None);
        assert_eq!(describe("a4", &bank).note, -3.0);
        assert_eq!(describe("e", &bank).note, 4.0);
        assert_eq!(describe("o", &bank).vowel, 4);
        assert_eq!(describe("lpf", &bank).control, Some(Ctl::Cutoff));
        assert_eq!(describe("bd", &bank).control, None);
        let t = SymTable::build(&bank);
        let s = Sym::new("a-symbol-interned-after-the-table");
        assert_eq!(t.get(s).sound, SoundRef::None);
    }
}
