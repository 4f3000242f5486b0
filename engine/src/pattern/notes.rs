//! The pitch model, Tidal's and SuperDirt's, in one place: note names, note numbers, MIDI
//! numbers and Hz, chords with their modifiers, and scales.
//!
//! A note number counts semitones from middle C (`note 0` = 261.63 Hz). A note name is a
//! letter, any modifiers (`s`/`#` sharp, `f`/`b` flat, `n` natural) and an octave that
//! defaults to 5, as Tidal reads them: `c5` = `c` = 0, `a5` = 9 (440 Hz), `cs5` = 1, `ef` = 3,
//! `a#4` = -2. SuperDirt turns an event's pitch into a frequency as
//! `midinote = (note ? n) + octave * 12` (octave 5 by default), `freq = midicps(midinote)`,
//! unless the event gives `midinote` or `freq` itself.
//!
//! One reading stands apart: bare pattern arithmetic on words (`"a b" + 10`) follows Strudel,
//! which reads a note name as its MIDI number with octave 3 by default (`a` + 10 = 67); a
//! control (`note`, `n`) reads names the Tidal way before any arithmetic reaches them.

use super::value::{sym, Atom, Sym};

/// Hz of note 0, middle C (MIDI 60).
pub const MIDDLE_C_HZ: f64 = 261.625_565_300_598_6;
/// The MIDI number of note 0.
pub const MIDDLE_C_MIDI: f64 = 60.0;
/// The octave a note name without one is in, and SuperDirt's default `octave`.
pub const DEFAULT_OCTAVE: i32 = 5;

/// A parsed note name: its semitone above its octave's c (accidentals included, so `cf` is
/// -1) and the octave written with it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteName {
    pub semitone: i32,
    pub octave: Option<i32>,
}

impl NoteName {
    /// Tidal's note number: semitones from middle C.
    pub fn note(self) -> f64 {
        (self.semitone + (self.octave.unwrap_or(DEFAULT_OCTAVE) - DEFAULT_OCTAVE) * 12) as f64
    }

    /// The number Strudel's arithmetic reads for the name (MIDI, octave 3 when none is given).
    pub fn strudel_numeral(self) -> f64 {
        (self.semitone + (self.octave.unwrap_or(3) + 1) * 12) as f64
    }
}

/// Semitone of a note letter within its octave.
fn chroma(c: char) -> Option<i32> {
    Some(match c.to_ascii_lowercase() {
        'c' => 0,
        'd' => 2,
        'e' => 4,
        'f' => 5,
        'g' => 7,
        'a' => 9,
        'b' => 11,
        _ => return None,
    })
}

/// Parse a note name (`c`, `cs5`, `ef`, `a#4`, `eb2`, `gss`); `None` for anything else. An
/// octave is one or two digits.
pub fn parse_name(name: &str) -> Option<NoteName> {
    let mut chars = name.char_indices();
    let (_, first) = chars.next()?;
    let mut semitone = chroma(first)?;
    let mut octave_at = name.len();
    for (i, c) in chars {
        match c {
            '#' | 's' => semitone += 1,
            'b' | 'f' => semitone -= 1,
            'n' => {}
            _ => {
                octave_at = i;
                break;
            }
        }
    }
    let oct = &name[octave_at..];
    if oct.len() > 2 || !oct.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let octave = if oct.is_empty() { None } else { Some(oct.parse().ok()?) };
    Some(NoteName { semitone, octave })
}

/// Tidal's note number of a note name (`c5` = `c` = 0, `a5` = 9, `a4` = -3).
pub fn note_value(name: &str) -> Option<f64> {
    parse_name(name).map(NoteName::note)
}

/// The note number of a name written with its octave (`c4` = -12), else `None`: such a word
/// is a number in mini-notation, while a bare letter stays a word (`s "e"`, `vowel "a"`).
pub fn note_with_octave(name: &str) -> Option<f64> {
    parse_name(name).filter(|n| n.octave.is_some()).map(NoteName::note)
}

/// The MIDI number of a note number.
#[inline]
pub fn note_to_midi(note: f64) -> f64 {
    note + MIDDLE_C_MIDI
}

/// Hz of a MIDI number (A4, MIDI 69, is 440 Hz).
#[inline]
pub fn midi_to_hz(midi: f64) -> f64 {
    440.0 * 2f64.powf((midi - 69.0) / 12.0)
}

/// MIDI number of a frequency in Hz.
#[inline]
pub fn hz_to_midi(hz: f64) -> f64 {
    69.0 + 12.0 * (hz / 440.0).log2()
}

/// The playback-rate factor of `semitones` of transposition.
#[inline]
pub fn semitone_ratio(semitones: f64) -> f64 {
    2f64.powf(semitones / 12.0)
}

/// An event's pitch as SuperDirt computes it, as a MIDI number: `freq` (Hz) if given, else
/// `midinote` if given, else `note` (falling back to `n` where it pitches; 0 without either)
/// plus `octave` octaves from 5. NaN marks what was not given.
#[inline]
pub fn event_midi(note: f64, n: f64, octave: f64, midinote: f64, freq: f64) -> f64 {
    if freq.is_finite() && freq > 0.0 {
        return hz_to_midi(freq);
    }
    if midinote.is_finite() {
        return midinote;
    }
    let note = if note.is_finite() {
        note
    } else if n.is_finite() {
        n
    } else {
        0.0
    };
    let octave = if octave.is_finite() { octave } else { DEFAULT_OCTAVE as f64 };
    note + octave * 12.0
}

/// A control's value as the control reads it: the pitch controls (`n`, `note`) read a note
/// name as Tidal's note number (`n "e"` = 4, `note "a5"` = 9); other words stay words.
#[inline]
pub fn control_value(key: Sym, a: Atom) -> Atom {
    match a {
        Atom::Sym(s) if key == sym::N || key == sym::NOTE => s.pitch().map_or(a, Atom::Num),
        _ => a,
    }
}

/// Tidal's chord table: names (first is the main one) and intervals in semitones.
pub const CHORDS: &[(&[&str], &[i32])] = &[
    (&["major", "maj", "M"], &[0, 4, 7]),
    (&["aug", "plus", "sharp5"], &[0, 4, 8]),
    (&["six", "6", "sixby9", "six9", "sixNine", "6by9"], &[0, 4, 7, 9]),
    (&["major7", "maj7"], &[0, 4, 7, 11]),
    (&["major9", "maj9"], &[0, 4, 7, 11, 14]),
    (&["add9"], &[0, 4, 7, 14]),
    (&["major11", "maj11"], &[0, 4, 7, 11, 14, 17]),
    (&["add11"], &[0, 4, 7, 17]),
    (&["major13", "maj13"], &[0, 4, 7, 11, 14, 21]),
    (&["add13"], &[0, 4, 7, 21]),
    (&["dom7"], &[0, 4, 7, 10]),
    (&["dom9"], &[0, 4, 7, 14]),
    (&["dom11"], &[0, 4, 7, 17]),
    (&["dom13"], &[0, 4, 7, 21]),
    (&["sevenFlat5", "7f5"], &[0, 4, 6, 10]),
    (&["sevenSharp5", "7s5"], &[0, 4, 8, 10]),
    (&["sevenFlat9", "7f9"], &[0, 4, 7, 10, 13]),
    (&["nine"], &[0, 4, 7, 10, 14]),
    (&["eleven", "11"], &[0, 4, 7, 10, 14, 17]),
    (&["thirteen", "13"], &[0, 4, 7, 10, 14, 17, 21]),
    (&["minor", "min", "m"], &[0, 3, 7]),
    (&["diminished", "dim"], &[0, 3, 6]),
    (&["minorSharp5", "msharp5", "mS5"], &[0, 3, 8]),
    (&["minor6", "min6", "m6"], &[0, 3, 7, 9]),
    (&["minorSixNine", "minor69", "min69", "minSixNine", "m69", "mSixNine", "m6by9"], &[0, 3, 9, 7, 14]),
    (&["minor7flat5", "min7flat5", "m7flat5", "m7f5"], &[0, 3, 6, 10]),
    (&["minorMajor7", "minMaj7", "mmaj7"], &[0, 3, 7, 11]),
    (&["diminished7", "dim7"], &[0, 3, 6, 9]),
    (&["minor7", "min7", "m7"], &[0, 3, 7, 10]),
    (&["minor7sharp5", "min7sharp5", "m7sharp5", "m7s5"], &[0, 3, 8, 10]),
    (&["minor7flat9", "min7flat9", "m7flat9", "m7f9"], &[0, 3, 7, 10, 13]),
    (&["minor7sharp9", "min7sharp9", "m7sharp9", "m7s9"], &[0, 3, 7, 10, 14]),
    (&["minor9", "min9", "m9"], &[0, 3, 7, 10, 14]),
    (&["minor11", "min11", "m11"], &[0, 3, 7, 10, 14, 17]),
    (&["minor13", "min13", "m13"], &[0, 3, 7, 10, 14, 17, 21]),
    (&["minorMajor9", "minMaj9", "mmaj9"], &[0, 3, 7, 11, 14]),
    (&["one", "1"], &[0]),
    (&["five", "5"], &[0, 7]),
    (&["sus2"], &[0, 2, 7]),
    (&["sus4"], &[0, 5, 7]),
    (&["sevenSus2", "7sus2"], &[0, 2, 7, 10]),
    (&["sevenSus4", "7sus4"], &[0, 5, 7, 10]),
    (&["nineSus4", "ninesus4", "9sus4"], &[0, 5, 7, 10, 14]),
    (&["sevenFlat10", "7f10"], &[0, 4, 7, 10, 15]),
    (&["nineSharp5", "9sharp5", "9s5"], &[0, 1, 13]),
    (&["minor9sharp5", "minor9s5", "min9sharp5", "min9s5", "m9sharp5", "m9s5"], &[0, 1, 14]),
    (&["sevenSharp5flat9", "7s5f9"], &[0, 4, 8, 10, 13]),
    (&["minor7sharp5flat9", "m7s5f9"], &[0, 3, 8, 10, 13]),
    (&["elevenSharp", "11s"], &[0, 4, 7, 10, 14, 18]),
    (&["minor11sharp", "m11sharp", "m11s"], &[0, 3, 7, 10, 14, 18]),
];

/// The intervals of a chord name.
pub fn chord(name: &str) -> Option<&'static [i32]> {
    CHORDS.iter().find(|(names, _)| names.contains(&name)).map(|(_, iv)| *iv)
}

/// A chord modifier, as Tidal writes them after a chord: `'5` (range: that many notes,
/// climbing by octaves), `'i` (inversion; `'ii` or `'i2` for two), `'o` (open voicing),
/// `'d2` (drop the second voice from the top by an octave).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Range(usize),
    Invert,
    Open,
    Drop(usize),
}

/// Parse one `'`-separated modifier group (`ii`, `o`, `d3`, `5`, `i2`) into its modifiers.
fn modifiers(text: &str, out: &mut Vec<Modifier>) -> Option<()> {
    let count = |digits: &str| digits.parse::<usize>().ok().filter(|_| !digits.is_empty() && digits.len() <= 3);
    if !text.is_empty() && text.bytes().all(|b| b == b'o') {
        out.extend(std::iter::repeat_n(Modifier::Open, text.len()));
    } else if !text.is_empty() && text.bytes().all(|b| b == b'i') {
        out.extend(std::iter::repeat_n(Modifier::Invert, text.len()));
    } else if let Some(d) = text.strip_prefix('d') {
        out.push(Modifier::Drop(count(d)?));
    } else if let Some(i) = text.strip_prefix('i') {
        out.extend(std::iter::repeat_n(Modifier::Invert, count(i)?.min(64)));
    } else {
        out.push(Modifier::Range(count(text)?));
    }
    Some(())
}

/// Apply a modifier to a chord's notes, as Tidal does.
pub fn apply_modifier(m: Modifier, notes: &mut Vec<f64>) {
    match m {
        Modifier::Range(n) => {
            let base = notes.clone();
            notes.clear();
            if base.is_empty() {
                return;
            }
            for k in 0..n.min(128) {
                notes.push(base[k % base.len()] + 12.0 * (k / base.len()) as f64);
            }
        }
        Modifier::Invert => {
            if !notes.is_empty() {
                let d = notes.remove(0);
                notes.push(d + 12.0);
            }
        }
        Modifier::Open => {
            if notes.len() > 2 {
                let (a, b, c) = (notes[0], notes[1], notes[2]);
                notes.splice(0..3, [a - 12.0, c - 12.0, b]);
            }
        }
        Modifier::Drop(i) => {
            if i >= 1 && i <= notes.len() {
                let d = notes.remove(notes.len() - i);
                notes.insert(0, d - 12.0);
            }
        }
    }
}

/// The notes of a chord word (`c'maj`, `e4'min7'ii`, `0'major'o`, `c'maj'5`, `a'min'd1`):
/// `None` when the word is not a chord, else its notes or what is wrong with it.
pub fn chord_word(word: &str) -> Option<Result<Vec<f64>, String>> {
    let mut parts = word.split('\'');
    let root = parts.next()?;
    let name = parts.next()?;
    // Tidal's `"'maj"`: a chord without a root is on c.
    let root = if root.is_empty() { "c" } else { root };
    let base = match root.parse::<f64>().ok().filter(|x| x.is_finite()).or_else(|| note_value(root)) {
        Some(b) => b,
        None => {
            return Some(Err(format!(
                "'{root}' is not a note: a chord is a note and a chord name, as in c'maj or e4'min7"
            )))
        }
    };
    let Some(iv) = chord(name) else {
        return Some(Err(format!("unknown chord '{name}' (try maj, min, maj7, min7, dom7, dim, aug, sus4)")));
    };
    let mut notes: Vec<f64> = iv.iter().map(|&i| base + i as f64).collect();
    let mut mods = Vec::new();
    for m in parts {
        if modifiers(m, &mut mods).is_none() {
            return Some(Err(format!(
                "unknown chord modifier '{m}' (modifiers: a number of notes as '5, inversions 'i 'ii 'i2, open 'o, drop 'd1)"
            )));
        }
    }
    for m in mods {
        apply_modifier(m, &mut notes);
    }
    Some(Ok(notes))
}

/// Tidal's scale table: name and degrees in semitones.
pub const SCALES: &[(&str, &[i32])] = &[
    ("minPent", &[0, 3, 5, 7, 10]),
    ("majPent", &[0, 2, 4, 7, 9]),
    ("ritusen", &[0, 2, 5, 7, 9]),
    ("egyptian", &[0, 2, 5, 7, 10]),
    ("kumai", &[0, 2, 3, 7, 9]),
    ("hirajoshi", &[0, 2, 3, 7, 8]),
    ("iwato", &[0, 1, 5, 6, 10]),
    ("chinese", &[0, 4, 6, 7, 11]),
    ("indian", &[0, 4, 5, 7, 10]),
    ("pelog", &[0, 1, 3, 7, 8]),
    ("prometheus", &[0, 2, 4, 6, 11]),
    ("scriabin", &[0, 1, 4, 7, 9]),
    ("gong", &[0, 2, 4, 7, 9]),
    ("shang", &[0, 2, 5, 7, 10]),
    ("jiao", &[0, 3, 5, 8, 10]),
    ("zhi", &[0, 2, 5, 7, 9]),
    ("yu", &[0, 3, 5, 7, 10]),
    ("whole", &[0, 2, 4, 6, 8, 10]),
    ("wholetone", &[0, 2, 4, 6, 8, 10]),
    ("augmented", &[0, 3, 4, 7, 8, 11]),
    ("augmented2", &[0, 1, 4, 5, 8, 9]),
    ("hexMajor7", &[0, 2, 4, 7, 9, 11]),
    ("hexDorian", &[0, 2, 3, 5, 7, 10]),
    ("hexPhrygian", &[0, 1, 3, 5, 8, 10]),
    ("hexSus", &[0, 2, 5, 7, 9, 10]),
    ("hexMajor6", &[0, 2, 4, 5, 7, 9]),
    ("hexAeolian", &[0, 3, 5, 7, 8, 10]),
    ("major", &[0, 2, 4, 5, 7, 9, 11]),
    ("ionian", &[0, 2, 4, 5, 7, 9, 11]),
    ("dorian", &[0, 2, 3, 5, 7, 9, 10]),
    ("phrygian", &[0, 1, 3, 5, 7, 8, 10]),
    ("lydian", &[0, 2, 4, 6, 7, 9, 11]),
    ("mixolydian", &[0, 2, 4, 5, 7, 9, 10]),
    ("aeolian", &[0, 2, 3, 5, 7, 8, 10]),
    ("minor", &[0, 2, 3, 5, 7, 8, 10]),
    ("locrian", &[0, 1, 3, 5, 6, 8, 10]),
    ("harmonicMinor", &[0, 2, 3, 5, 7, 8, 11]),
    ("harmonicMajor", &[0, 2, 4, 5, 7, 8, 11]),
    ("melodicMinor", &[0, 2, 3, 5, 7, 9, 11]),
    ("superLocrian", &[0, 1, 3, 4, 6, 8, 10]),
    ("romanianMinor", &[0, 2, 3, 6, 7, 9, 10]),
    ("hungarianMinor", &[0, 2, 3, 6, 7, 8, 11]),
    ("neapolitanMinor", &[0, 1, 3, 5, 7, 8, 11]),
    ("enigmatic", &[0, 1, 4, 6, 8, 10, 11]),
    ("spanish", &[0, 1, 4, 5, 7, 8, 10]),
    ("leadingWhole", &[0, 2, 4, 6, 8, 10, 11]),
    ("lydianMinor", &[0, 2, 4, 6, 7, 8, 10]),
    ("neapolitanMajor", &[0, 1, 3, 5, 7, 9, 11]),
    ("locrianMajor", &[0, 2, 4, 5, 6, 8, 10]),
    ("diminished", &[0, 2, 3, 5, 6, 8, 9, 11]),
    ("diminished2", &[0, 1, 3, 4, 6, 7, 9, 10]),
    ("bartok", &[0, 2, 4, 5, 7, 8, 10]),
    ("blues", &[0, 3, 5, 6, 7, 10]),
    ("chromatic", &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
];

/// The degrees of a scale name (case-insensitive).
pub fn scale(name: &str) -> Option<&'static [i32]> {
    SCALES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, d)| *d)
}

/// Semitone of scale degree `degree` (any integer; octaves wrap, as Tidal's `scale`).
pub fn scale_step(degrees: &[i32], degree: i64) -> f64 {
    let n = degrees.len() as i64;
    let octave = degree.div_euclid(n);
    (degrees[degree.rem_euclid(n) as usize] as i64 + 12 * octave) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_names_are_tidals() {
        assert_eq!(note_value("c"), Some(0.0));
        assert_eq!(note_value("c5"), Some(0.0));
        assert_eq!(note_value("e"), Some(4.0));
        assert_eq!(note_value("a5"), Some(9.0));
        assert_eq!(note_value("a4"), Some(-3.0));
        assert_eq!(note_value("cs5"), Some(1.0));
        assert_eq!(note_value("ef"), Some(3.0));
        assert_eq!(note_value("eb"), Some(3.0));
        assert_eq!(note_value("a#4"), Some(-2.0));
        assert_eq!(note_value("cn6"), Some(12.0));
        assert_eq!(note_value("bd"), None);
        assert_eq!(note_value("hh"), None);
        assert_eq!(note_value("c123"), None);
        assert_eq!(note_with_octave("c4"), Some(-12.0));
        assert_eq!(note_with_octave("c"), None);
        assert_eq!(parse_name("a").unwrap().strudel_numeral(), 57.0);
        assert_eq!(parse_name("c4").unwrap().strudel_numeral(), 60.0);
    }

    #[test]
    fn pitch_is_superdirts() {
        let nan = f64::NAN;
        let hz = |note, n, octave, midinote, freq| midi_to_hz(event_midi(note, n, octave, midinote, freq));
        assert!((hz(0.0, nan, 5.0, nan, nan) - 261.6256).abs() < 1e-3);
        assert!((hz(9.0, nan, 5.0, nan, nan) - 440.0).abs() < 1e-9);
        assert!((hz(nan, 4.0, 5.0, nan, nan) - 329.6276).abs() < 1e-3);
        assert!((hz(nan, nan, 5.0, 69.0, nan) - 440.0).abs() < 1e-9);
        assert!((hz(nan, nan, 5.0, nan, 440.0) - 440.0).abs() < 1e-9);
        assert!((hz(12.0, nan, 4.0, nan, nan) - 261.6256).abs() < 1e-3);
        assert_eq!(event_midi(3.0, 7.0, 5.0, nan, nan), 63.0, "note wins over n");
    }

    #[test]
    fn chord_modifiers_are_tidals() {
        let c = |w: &str| chord_word(w).unwrap().unwrap();
        assert_eq!(c("c'maj"), vec![0.0, 4.0, 7.0]);
        assert_eq!(c("e'min"), vec![4.0, 7.0, 11.0]);
        assert_eq!(c("c4'maj"), vec![-12.0, -8.0, -5.0]);
        assert_eq!(c("c'maj'i"), vec![4.0, 7.0, 12.0]);
        assert_eq!(c("c'maj'ii"), vec![7.0, 12.0, 16.0]);
        assert_eq!(c("c'maj'i2"), vec![7.0, 12.0, 16.0]);
        assert_eq!(c("c'maj'o"), vec![-12.0, -5.0, 4.0]);
        assert_eq!(c("c'maj7'd1"), vec![-1.0, 0.0, 4.0, 7.0]);
        assert_eq!(c("c'maj7'd2"), vec![-5.0, 0.0, 4.0, 11.0]);
        assert_eq!(c("c'maj'5"), vec![0.0, 4.0, 7.0, 12.0, 16.0]);
        assert_eq!(c("c'maj'2"), vec![0.0, 4.0]);
        assert_eq!(c("e'min7'ii'o"), vec![-1.0, 4.0, 14.0, 19.0]);
        assert_eq!(c("0'five"), vec![0.0, 7.0]);
        assert!(chord_word("bd").is_none());
        assert!(chord_word("c'nope").unwrap().is_err());
        assert!(chord_word("c'maj'x").unwrap().is_err());
        assert!(chord_word("x'maj").unwrap().is_err());
    }

    #[test]
    fn chords_and_scales() {
        assert_eq!(chord("maj"), Some(&[0, 4, 7][..]));
        assert_eq!(chord("min7"), Some(&[0, 3, 7, 10][..]));
        assert_eq!(chord("nope"), None);
        let major = scale("major").unwrap();
        assert_eq!(scale_step(major, 0), 0.0);
        assert_eq!(scale_step(major, 7), 12.0);
        assert_eq!(scale_step(major, -1), -1.0);
        assert_eq!(scale_step(scale("minPent").unwrap(), 6), 15.0);
    }
}
