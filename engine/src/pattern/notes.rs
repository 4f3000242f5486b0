//! Note names, chords and scales.
//!
//! Note names follow Strudel: a letter, any accidentals (`#`/`s` sharp, `b`/`f` flat) and an
//! octave, `c4` = 60 (MIDI); without an octave the default is octave 3. Chord and scale tables
//! are Tidal's.

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

/// Letter, accidentals, octave digits (possibly empty).
fn split_note(name: &str) -> Option<(i32, i32, &str)> {
    let mut chars = name.char_indices();
    let (_, first) = chars.next()?;
    let pc = chroma(first)?;
    let mut acc = 0;
    let mut octave_at = name.len();
    for (i, c) in chars {
        match c {
            '#' | 's' => acc += 1,
            'b' | 'f' => acc -= 1,
            _ => {
                octave_at = i;
                break;
            }
        }
    }
    let oct = &name[octave_at..];
    if !oct.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((pc, acc, oct))
}

/// MIDI number of a note name with an octave (`c4` = 60, `a#3`, `eb2`); `None` otherwise.
pub fn note_with_octave(name: &str) -> Option<f64> {
    let (pc, acc, oct) = split_note(name)?;
    if oct.is_empty() || oct.len() > 2 {
        return None;
    }
    let oct: i32 = oct.parse().ok()?;
    Some(((oct + 1) * 12 + pc + acc) as f64)
}

/// MIDI number of a note name, octave 3 when none is given (Strudel's `noteToMidi`).
pub fn note_to_midi(name: &str) -> Option<f64> {
    let (pc, acc, oct) = split_note(name)?;
    let oct: i32 = if oct.is_empty() { 3 } else { oct.parse().ok().filter(|_| oct.len() <= 2)? };
    Some(((oct + 1) * 12 + pc + acc) as f64)
}

/// Semitone of a note name relative to its c, ignoring any octave (Tidal's `c e g` = 0 4 7).
pub fn note_semitone(name: &str) -> Option<f64> {
    let (pc, acc, oct) = split_note(name)?;
    if !oct.is_empty() {
        return None;
    }
    Some((pc + acc) as f64)
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
    fn note_names() {
        assert_eq!(note_with_octave("c4"), Some(60.0));
        assert_eq!(note_with_octave("a4"), Some(69.0));
        assert_eq!(note_with_octave("a#3"), Some(58.0));
        assert_eq!(note_with_octave("eb2"), Some(39.0));
        assert_eq!(note_with_octave("cs5"), Some(73.0));
        assert_eq!(note_with_octave("c"), None);
        assert_eq!(note_with_octave("bd"), None);
        assert_eq!(note_with_octave("hh"), None);
        assert_eq!(note_to_midi("c"), Some(48.0));
        assert_eq!(note_semitone("e"), Some(4.0));
        assert_eq!(note_semitone("bf"), Some(10.0));
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
