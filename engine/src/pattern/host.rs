//! Patterns that read the host: `midi`, the notes held on the plugin's MIDI input.
//!
//! The engine keeps a table of note-on and note-off times (in cycles) and points this thread
//! at it while a block renders ([`with_midi`]); the `midi` pattern reads it. Each note is an
//! event from its note-on to its note-off; while a note is still held its event reaches to
//! the end of the cycle being asked about (its end is not known yet). Events carry
//! `{note, velocity, midikey}`, `note` counting from middle C as every note does (key 60 is
//! note 0): `midi # s "superpiano"` plays what is played (voices with a `midikey` sound until
//! its note-off), and `note "0 3 7" |+ midi` transposes by it.

use super::value::{sym, Atom, Map};
use super::{Hap, Pattern, Query, QueryBuf, Value};
use crate::time::{Rational, Span};
use std::cell::Cell;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HeldNote {
    /// Cycle of the last note-on.
    pub on: Option<Rational>,
    /// Cycle of the note-off that ended it (None while held).
    pub off: Option<Rational>,
    pub velocity: f32,
}

/// The MIDI input as the engine sees it.
#[derive(Clone, Debug)]
pub struct MidiNotes {
    pub notes: [HeldNote; 128],
}

impl Default for MidiNotes {
    fn default() -> Self {
        MidiNotes { notes: [HeldNote::default(); 128] }
    }
}

impl MidiNotes {
    pub fn note_on(&mut self, note: u8, velocity: f32, at: Rational) {
        if let Some(n) = self.notes.get_mut(note as usize) {
            *n = HeldNote { on: Some(at), off: None, velocity };
        }
    }

    pub fn note_off(&mut self, note: u8, at: Rational) {
        if let Some(n) = self.notes.get_mut(note as usize) {
            if n.on.is_some() && n.off.is_none() {
                n.off = Some(at);
            }
        }
    }

    pub fn clear(&mut self) {
        self.notes = [HeldNote::default(); 128];
    }
}

thread_local! {
    static CURRENT: Cell<*const MidiNotes> = const { Cell::new(std::ptr::null()) };
}

/// Run `f` with `notes` as this thread's MIDI input (allocation-free).
pub fn with_midi<R>(notes: &MidiNotes, f: impl FnOnce() -> R) -> R {
    let prev = CURRENT.with(|c| c.replace(notes as *const MidiNotes));
    let r = f();
    CURRENT.with(|c| c.set(prev));
    r
}

/// This thread's MIDI table, if a block is rendering (handed to worker threads).
pub fn current_midi() -> *const MidiNotes {
    CURRENT.with(|c| c.get())
}

struct Midi;

impl Query for Midi {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let ptr = CURRENT.with(|c| c.get());
        if ptr.is_null() {
            return;
        }
        // Safety: `with_midi` keeps the table alive for the duration of the call.
        let notes = unsafe { &*ptr };
        for (k, n) in notes.notes.iter().enumerate() {
            let Some(on) = n.on else { continue };
            let end = match n.off {
                Some(off) => off.max(on),
                None => {
                    let e = span.end.max(on).ceil();
                    if e == on {
                        on + Rational::ONE
                    } else {
                        e
                    }
                }
            };
            let whole = Span::new(on, end);
            if let Some(part) = whole.intersection(span) {
                if part.begin == part.end && whole.begin != whole.end {
                    continue;
                }
                let mut m = Map::new();
                m.set(sym::NOTE, Atom::Num(note_of_key(k)));
                m.set(sym::VELOCITY, Atom::Num(n.velocity as f64));
                m.set(sym::MIDIKEY, Atom::Num(k as f64));
                out.push(Hap::new(Some(whole), part, Value::Map(m)));
            }
        }
    }
}

/// The note number of a MIDI key (key 60, middle C, is note 0).
#[inline]
fn note_of_key(k: usize) -> f64 {
    k as f64 - super::notes::MIDDLE_C_MIDI
}

/// The notes held on the MIDI input.
pub fn midi() -> Pattern {
    Pattern::new(Midi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_notes_are_events_from_note_on() {
        let mut m = MidiNotes::default();
        m.note_on(60, 0.8, Rational::new(1, 4));
        m.note_on(64, 0.5, Rational::new(1, 2));
        m.note_off(64, Rational::new(3, 4));
        let p = midi();
        let haps = with_midi(&m, || p.haps(Rational::ZERO, Rational::ONE));
        assert_eq!(haps.len(), 2);
        assert!(haps[0].has_onset());
        let Value::Map(first) = haps[0].value else { panic!() };
        assert_eq!(first.get(sym::NOTE), Some(Atom::Num(0.0)), "key 60 is middle C, note 0");
        assert_eq!(first.get(sym::MIDIKEY), Some(Atom::Num(60.0)));
        assert_eq!(haps[1].whole.unwrap().end, Rational::new(3, 4));
        let later = with_midi(&m, || p.haps(Rational::ONE, Rational::int(2)));
        assert_eq!(later.len(), 1, "the released note is gone, the held one goes on");
        assert_eq!(later[0].whole.unwrap().end, Rational::int(2), "a held note reaches to the end of the cycle asked");
        assert!(!later[0].has_onset());
        assert!(p.haps(Rational::ZERO, Rational::ONE).is_empty(), "no MIDI outside an engine");
    }
}
