//! The values events carry. Everything here is `Copy` and fixed-size, so the audio thread can
//! create, merge and move values without allocating: strings are interned symbols, sample
//! indices (`bd:3`) are short inline lists, and control maps (`s "bd" # gain 0.5`) are inline
//! tables with a fixed capacity.

use super::notes::NoteName;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{OnceLock, RwLock};

/// An interned string. Interning happens off the audio thread (parsing, compiling); the audio
/// thread only compares ids.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

struct Interner {
    ids: HashMap<&'static str, u32>,
    names: Vec<&'static str>,
}

/// Symbols every part of the engine knows by id, before the controls' names and aliases
/// (interned in the control table's order, so a control's id follows from its row).
const WELL_KNOWN: &[&str] = &["value", "midikey"];

/// Ids of the well-known symbols: `VALUE`, `MIDIKEY`, then every control of the table by
/// [`sym::of`]; the named constants are the ones the pattern library and compiler use.
pub mod sym {
    use super::Sym;
    use crate::controls::Ctl;

    pub const VALUE: Sym = Sym(0);
    /// The key held on the MIDI input an event comes from: its voice sounds until the key's
    /// note-off.
    pub const MIDIKEY: Sym = Sym(1);

    /// The symbol of a control's name.
    pub const fn of(c: Ctl) -> Sym {
        Sym(super::WELL_KNOWN.len() as u32 + c as u32)
    }

    pub const S: Sym = of(Ctl::S);
    pub const N: Sym = of(Ctl::N);
    pub const NOTE: Sym = of(Ctl::Note);
    pub const GAIN: Sym = of(Ctl::Gain);
    pub const PAN: Sym = of(Ctl::Pan);
    pub const SPEED: Sym = of(Ctl::Speed);
    pub const BEGIN: Sym = of(Ctl::Begin);
    pub const END: Sym = of(Ctl::End);
    pub const CUT: Sym = of(Ctl::Cut);
    pub const LEGATO: Sym = of(Ctl::Legato);
    pub const SUSTAIN: Sym = of(Ctl::Sustain);
    pub const UNIT: Sym = of(Ctl::Unit);
    pub const VELOCITY: Sym = of(Ctl::Velocity);
    pub const MIDINOTE: Sym = of(Ctl::Midinote);
    pub const FREQ: Sym = of(Ctl::Freq);
    pub const OCTAVE: Sym = of(Ctl::Octave);
    pub const NUDGE: Sym = of(Ctl::Nudge);
}

fn interner() -> &'static RwLock<Interner> {
    static I: OnceLock<RwLock<Interner>> = OnceLock::new();
    I.get_or_init(|| {
        let mut i = Interner { ids: HashMap::new(), names: Vec::new() };
        for name in WELL_KNOWN.iter().copied().chain(crate::controls::names()) {
            let id = i.names.len() as u32;
            i.names.push(name);
            i.ids.insert(name, id);
        }
        RwLock::new(i)
    })
}

/// The note names among the first symbols (0: not a note), packed by [`pack_note`], written
/// when a symbol is interned, read without locking.
static NOTE_OF: [AtomicU16; NOTE_SYMBOLS] = [const { AtomicU16::new(0) }; NOTE_SYMBOLS];
const NOTE_SYMBOLS: usize = 1 << 16;

/// Upper bound on distinct symbols; past it new names share one id rather than grow forever
/// in a long live session.
const MAX_SYMBOLS: usize = 1 << 20;

impl Sym {
    /// Intern a name (off the audio thread only: it may allocate and lock).
    pub fn new(name: &str) -> Sym {
        let lock = interner();
        if let Some(&id) = lock.read().unwrap_or_else(|e| e.into_inner()).ids.get(name) {
            return Sym(id);
        }
        let mut i = lock.write().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = i.ids.get(name) {
            return Sym(id);
        }
        if i.names.len() >= MAX_SYMBOLS {
            return Sym(u32::MAX);
        }
        let id = i.names.len() as u32;
        let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
        i.names.push(leaked);
        i.ids.insert(leaked, id);
        if let (Some(slot), Some(note)) = (NOTE_OF.get(id as usize), super::notes::parse_name(name)) {
            slot.store(pack_note(note), Ordering::Relaxed);
        }
        Sym(id)
    }

    /// The symbol read as a note name (`e`, `cs5`, `a#4`), if it is one. Lock-free: safe on the
    /// audio thread.
    #[inline]
    pub fn note_name(self) -> Option<NoteName> {
        unpack_note(NOTE_OF.get(self.0 as usize)?.load(Ordering::Relaxed))
    }

    /// The number Strudel's arithmetic reads for a note-name symbol (MIDI, octave 3 by
    /// default: `c` = 48, `eb4` = 63). Lock-free.
    #[inline]
    pub fn note(self) -> Option<f64> {
        self.note_name().map(NoteName::strudel_numeral)
    }

    /// Tidal's note number of a note-name symbol (`c` = 0, `a5` = 9). Lock-free.
    #[inline]
    pub fn pitch(self) -> Option<f64> {
        self.note_name().map(NoteName::note)
    }

    /// The symbol's text (off the audio thread only).
    pub fn name(self) -> &'static str {
        let i = interner().read().unwrap_or_else(|e| e.into_inner());
        i.names.get(self.0 as usize).copied().unwrap_or("?")
    }

    /// Number of symbols interned so far; tables indexed by symbol id size themselves by this.
    pub fn count() -> usize {
        interner().read().unwrap_or_else(|e| e.into_inner()).names.len()
    }
}

/// A note name in 16 bits, never 0: the semitone offset by 128 in the low byte, the octave
/// plus one (0 for none) in the high byte.
fn pack_note(n: NoteName) -> u16 {
    let semitone = n.semitone.clamp(-127, 127) + 128;
    let octave = n.octave.map_or(0, |o| o.clamp(0, 254) + 1);
    semitone as u16 | (octave as u16) << 8
}

fn unpack_note(v: u16) -> Option<NoteName> {
    if v == 0 {
        return None;
    }
    let octave = (v >> 8) as i32;
    Some(NoteName { semitone: (v & 0xff) as i32 - 128, octave: if octave == 0 { None } else { Some(octave - 1) } })
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())
    }
}

/// A scalar: a number or a symbol.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Atom {
    Num(f64),
    Sym(Sym),
}

impl Atom {
    #[inline]
    pub fn as_num(self) -> Option<f64> {
        match self {
            Atom::Num(x) => Some(x),
            Atom::Sym(_) => None,
        }
    }

    #[inline]
    pub fn as_sym(self) -> Option<Sym> {
        match self {
            Atom::Sym(s) => Some(s),
            Atom::Num(_) => None,
        }
    }
}

impl From<Atom> for Value {
    fn from(a: Atom) -> Value {
        match a {
            Atom::Num(x) => Value::Num(x),
            Atom::Sym(s) => Value::Sym(s),
        }
    }
}

pub const LIST_CAP: usize = 4;

/// A short list of atoms: `bd:3` is `[bd, 3]`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct List {
    len: u8,
    items: [Atom; LIST_CAP],
}

impl List {
    /// Build from atoms; extra atoms beyond the capacity are dropped.
    pub fn from_atoms(atoms: &[Atom]) -> List {
        let mut items = [Atom::Num(0.0); LIST_CAP];
        let n = atoms.len().min(LIST_CAP);
        items[..n].copy_from_slice(&atoms[..n]);
        List { len: n as u8, items }
    }

    #[inline]
    pub fn items(&self) -> &[Atom] {
        &self.items[..self.len as usize]
    }
}

pub const MAP_CAP: usize = 12;

/// An atom in 8 bytes: a number as its bits (NaN made canonical), or a symbol in a NaN
/// payload no number uses. Keeps maps, and so every hap, small to copy.
#[derive(Clone, Copy, PartialEq)]
struct Packed(u64);

const SYM_TAG: u64 = 0x7ff4_0000_0000_0000;
const TAG_MASK: u64 = 0xffff_ffff_0000_0000;
const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;

impl Packed {
    #[inline]
    fn pack(a: Atom) -> Packed {
        match a {
            Atom::Num(x) if x.is_nan() => Packed(CANONICAL_NAN),
            Atom::Num(x) => Packed(x.to_bits()),
            Atom::Sym(s) => Packed(SYM_TAG | s.0 as u64),
        }
    }

    #[inline]
    fn unpack(self) -> Atom {
        if self.0 & TAG_MASK == SYM_TAG {
            Atom::Sym(Sym(self.0 as u32))
        } else {
            Atom::Num(f64::from_bits(self.0))
        }
    }
}

/// A control map: `{s: bd, n: 3, gain: 0.8}`, at most `MAP_CAP` entries, in insertion order.
#[derive(Clone, Copy, PartialEq)]
pub struct Map {
    len: u8,
    keys: [Sym; MAP_CAP],
    vals: [Packed; MAP_CAP],
}

impl Default for Map {
    fn default() -> Self {
        Map { len: 0, keys: [Sym(0); MAP_CAP], vals: [Packed(0); MAP_CAP] }
    }
}

impl Map {
    pub fn new() -> Map {
        Map::default()
    }

    pub fn single(k: Sym, v: Atom) -> Map {
        let mut m = Map::default();
        m.set(k, v);
        m
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn get(&self, k: Sym) -> Option<Atom> {
        let n = self.len as usize;
        self.keys[..n].iter().position(|&x| x == k).map(|i| self.vals[i].unpack())
    }

    #[inline]
    pub fn get_num(&self, k: Sym) -> Option<f64> {
        self.get(k).and_then(Atom::as_num)
    }

    /// Insert or replace. Returns false when the map is full and the key is new (the entry is
    /// dropped; a full map is a sign of a runaway program, not of music).
    #[inline]
    pub fn set(&mut self, k: Sym, v: Atom) -> bool {
        let n = self.len as usize;
        if let Some(i) = self.keys[..n].iter().position(|&x| x == k) {
            self.vals[i] = Packed::pack(v);
            return true;
        }
        if n >= MAP_CAP {
            return false;
        }
        self.keys[n] = k;
        self.vals[n] = Packed::pack(v);
        self.len += 1;
        true
    }

    pub fn remove(&mut self, k: Sym) {
        let n = self.len as usize;
        if let Some(i) = self.keys[..n].iter().position(|&x| x == k) {
            for j in i..n - 1 {
                self.keys[j] = self.keys[j + 1];
                self.vals[j] = self.vals[j + 1];
            }
            self.len -= 1;
        }
    }

    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (Sym, Atom)> + '_ {
        let n = self.len as usize;
        self.keys[..n].iter().copied().zip(self.vals[..n].iter().map(|p| p.unpack()))
    }

    /// `self` with every entry of `o` set on top (values of `o` win).
    pub fn union(mut self, o: &Map) -> Map {
        for (k, v) in o.iter() {
            self.set(k, v);
        }
        self
    }

    /// Entry-wise combination where both maps have a key; other entries are kept from both.
    pub fn zip_with(mut self, o: &Map, f: impl Fn(Atom, Atom) -> Atom) -> Map {
        for (k, v) in o.iter() {
            match self.get(k) {
                Some(a) => {
                    self.set(k, f(a, v));
                }
                None => {
                    self.set(k, v);
                }
            }
        }
        self
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// What an event carries.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Value {
    Num(f64),
    Sym(Sym),
    List(List),
    Map(Map),
}

impl Value {
    pub fn sym(name: &str) -> Value {
        Value::Sym(Sym::new(name))
    }

    #[inline]
    pub fn as_num(&self) -> Option<f64> {
        match *self {
            Value::Num(x) => Some(x),
            Value::List(l) => l.items().first().and_then(|a| a.as_num()),
            Value::Map(m) => m.get_num(sym::VALUE),
            Value::Sym(_) => None,
        }
    }

    #[inline]
    pub fn as_sym(&self) -> Option<Sym> {
        match *self {
            Value::Sym(s) => Some(s),
            Value::List(l) => l.items().first().and_then(|a| a.as_sym()),
            Value::Map(m) => m.get(sym::VALUE).and_then(Atom::as_sym),
            Value::Num(_) => None,
        }
    }

    #[inline]
    pub fn as_atom(&self) -> Option<Atom> {
        match *self {
            Value::Num(x) => Some(Atom::Num(x)),
            Value::Sym(s) => Some(Atom::Sym(s)),
            _ => None,
        }
    }

    /// The value as a control map: maps stay, anything else becomes `{value: v}` (as Strudel
    /// does when a plain value meets a control).
    #[inline]
    pub fn to_map(&self) -> Map {
        match *self {
            Value::Map(m) => m,
            Value::Num(x) => Map::single(sym::VALUE, Atom::Num(x)),
            Value::Sym(s) => Map::single(sym::VALUE, Atom::Sym(s)),
            Value::List(l) => match l.items().first() {
                Some(&a) => Map::single(sym::VALUE, a),
                None => Map::new(),
            },
        }
    }

    /// JavaScript truthiness, as Strudel's `struct`/`mask` use it: 0 and NaN are false,
    /// every symbol (even "f") is true.
    #[inline]
    pub fn truthy(&self) -> bool {
        match *self {
            Value::Num(x) => x != 0.0 && !x.is_nan(),
            _ => true,
        }
    }

    /// JSON form used by `phonon events` and the corpus tests.
    pub fn to_json(&self) -> serde_json::Value {
        fn atom(a: Atom) -> serde_json::Value {
            match a {
                Atom::Num(x) => num_json(x),
                Atom::Sym(s) => serde_json::Value::String(s.name().to_string()),
            }
        }
        match *self {
            Value::Num(x) => num_json(x),
            Value::Sym(s) => serde_json::Value::String(s.name().to_string()),
            Value::List(l) => serde_json::Value::Array(l.items().iter().map(|&a| atom(a)).collect()),
            Value::Map(m) => {
                let mut o = serde_json::Map::new();
                for (k, v) in m.iter() {
                    o.insert(k.name().to_string(), atom(v));
                }
                serde_json::Value::Object(o)
            }
        }
    }
}

/// Numbers print as integers when they are whole, as JavaScript prints them.
pub fn num_json(x: f64) -> serde_json::Value {
    if x.is_finite() && x == x.trunc() && x.abs() < 9.0e15 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable() {
        let a = Sym::new("kick");
        let b = Sym::new("kick");
        assert_eq!(a, b);
        assert_eq!(a.name(), "kick");
        assert_eq!(Sym::new("gain"), sym::GAIN);
        assert_eq!(sym::S.name(), "s");
        for (i, c) in crate::controls::CONTROLS.iter().enumerate() {
            let ctl = crate::controls::Ctl::from_index(i).unwrap();
            assert_eq!(Sym::new(c.name), sym::of(ctl), "{}", c.name);
        }
    }

    #[test]
    fn maps_merge() {
        let a = Map::single(sym::S, Atom::Sym(Sym::new("bd")));
        let b = Map::single(sym::GAIN, Atom::Num(0.5));
        let m = a.union(&b);
        assert_eq!(m.len(), 2);
        assert_eq!(m.get_num(sym::GAIN), Some(0.5));
        let m2 = m.union(&Map::single(sym::GAIN, Atom::Num(0.7)));
        assert_eq!(m2.get_num(sym::GAIN), Some(0.7));
        assert_eq!(m2.len(), 2);
        let mut full = Map::new();
        for i in 0..MAP_CAP + 3 {
            full.set(Sym::new(&format!("k{i}")), Atom::Num(i as f64));
        }
        assert_eq!(full.len(), MAP_CAP);
    }

    #[test]
    fn packed_atoms_round_trip() {
        for a in [
            Atom::Num(0.5),
            Atom::Num(-0.0),
            Atom::Num(f64::INFINITY),
            Atom::Sym(Sym::new("bd")),
            Atom::Sym(Sym(u32::MAX)),
        ] {
            assert_eq!(Packed::pack(a).unpack(), a);
        }
        assert!(matches!(Packed::pack(Atom::Num(f64::NAN)).unpack(), Atom::Num(x) if x.is_nan()));
        assert!(std::mem::size_of::<Value>() <= 168, "{}", std::mem::size_of::<Value>());
    }

    #[test]
    fn json_forms() {
        assert_eq!(Value::Num(2.0).to_json(), serde_json::json!(2));
        assert_eq!(Value::Num(0.5).to_json(), serde_json::json!(0.5));
        let l = Value::List(List::from_atoms(&[Atom::Sym(Sym::new("bd")), Atom::Num(3.0)]));
        assert_eq!(l.to_json(), serde_json::json!(["bd", 3]));
    }
}
