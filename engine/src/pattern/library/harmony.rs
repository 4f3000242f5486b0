//! Harmony: scales and arpeggios (`scale arp`).
//!
//! Names (scales, arpeggio modes, note letters) are interned into tables once, off the audio
//! thread; queries compare symbols only.

use super::{op, pat, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::join::{constants, num_of, patternify};
use crate::pattern::notes::{self, scale_step, SCALES};
use crate::pattern::ops::app_side;
use crate::pattern::value::{sym, Atom};
use crate::pattern::{Hap, Pattern, QueryBuf, Sym, Value};
use crate::time::{Rational, Span};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Up,
    Down,
    UpDown,
    DownUp,
    Converge,
    Diverge,
    Disconverge,
    PinkyUp,
    PinkyUpDown,
    ThumbUp,
    ThumbUpDown,
}

const MODES: &[(&str, Mode)] = &[
    ("up", Mode::Up),
    ("down", Mode::Down),
    ("updown", Mode::UpDown),
    ("downup", Mode::DownUp),
    ("converge", Mode::Converge),
    ("diverge", Mode::Diverge),
    ("disconverge", Mode::Disconverge),
    ("pinkyup", Mode::PinkyUp),
    ("pinkyupdown", Mode::PinkyUpDown),
    ("thumbup", Mode::ThumbUp),
    ("thumbupdown", Mode::ThumbUpDown),
];

struct Names {
    scales: Vec<(Sym, &'static [i32])>,
    /// Note letters with accidentals, as Tidal's note numbers (`c` = 0, `a` = 9).
    roots: Vec<(Sym, f64)>,
    modes: Vec<(Sym, Mode)>,
}

/// The interned tables (made on first use, which is always at build time).
fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut roots = Vec::new();
        for letter in ["c", "d", "e", "f", "g", "a", "b", "C", "D", "E", "F", "G", "A", "B"] {
            for acc in ["", "#", "b", "s", "f", "##", "bb"] {
                let name = format!("{letter}{acc}");
                if let Some(m) = notes::note_value(&name) {
                    roots.push((Sym::new(&name), m));
                }
            }
        }
        Names {
            scales: SCALES.iter().map(|(n, d)| (Sym::new(n), *d)).collect(),
            roots,
            modes: MODES.iter().map(|(n, m)| (Sym::new(n), *m)).collect(),
        }
    })
}

/// A scale name value: `major`, or with a root: `c:major`, `a4:minor` (note numbers: `c` = 0).
/// Returns the degrees and the root (`None`: relative to 0, as Tidal's `scale`).
fn scale_of(v: &Value) -> Option<(&'static [i32], Option<f64>)> {
    let n = names();
    let find = |s: Sym| n.scales.iter().find(|(k, _)| *k == s).map(|(_, d)| *d);
    match *v {
        Value::Sym(s) => Some((find(s)?, None)),
        Value::List(l) => {
            let items = l.items();
            let name = items.get(1)?.as_sym()?;
            let root = match items[0] {
                Atom::Num(x) => x,
                Atom::Sym(r) => n.roots.iter().find(|(k, _)| *k == r).map(|k| k.1).or_else(|| r.pitch())?,
            };
            Some((find(name)?, Some(root)))
        }
        _ => None,
    }
}

/// Degree `d` (floored) of the scale, transposed to the root.
fn degree(d: f64, degrees: &[i32], root: Option<f64>) -> Option<f64> {
    if !d.is_finite() {
        return None;
    }
    Some(scale_step(degrees, d.floor() as i64) + root.unwrap_or(0.0))
}

fn scale(a: &[PatArg]) -> Result<Pattern, String> {
    let (name, pat) = (pat(a, 0)?, pat(a, 1)?);
    names();
    if let Some(v) = constants(&[&name]) {
        if scale_of(&v[0]).is_none() {
            let known: Vec<&str> = SCALES.iter().take(12).map(|(n, _)| *n).collect();
            return Err(format!(
                "unknown scale (scales are names such as {}, ..., optionally with a root: c:major, a4:minor)",
                known.join(", ")
            ));
        }
    }
    struct Scale {
        name: Pattern,
        pat: Pattern,
    }
    impl crate::pattern::Query for Scale {
        fn query(&self, span: Span, out: &mut QueryBuf) {
            app_side(&self.pat, &self.name, span, out, |v, name| {
                let (degrees, root) = scale_of(&name)?;
                match v {
                    Value::Map(mut m) => {
                        let key = [sym::N, sym::NOTE, sym::VALUE].into_iter().find(|k| m.get_num(*k).is_some())?;
                        let x = degree(m.get_num(key)?, degrees, root)?;
                        m.set(key, Atom::Num(x));
                        Some(Value::Map(m))
                    }
                    other => Some(Value::Num(degree(num_of(&other)?, degrees, root)?)),
                }
            });
        }
    }
    Ok(Pattern::new(Scale { name, pat }))
}

/// Most notes of one chord an arpeggio spreads.
const MAX_CHORD: usize = 64;
/// Most events one arpeggio query sorts (bounded work).
const MAX_ARP_EVENTS: usize = 512;

type Order = [u16; 4 * MAX_CHORD];

fn push(out: &mut Order, len: &mut usize, x: usize) {
    out[*len] = x as u16;
    *len += 1;
}

/// `init xs ++ init (reverse xs)` of the first `len` entries, in place; returns the new length.
fn there_and_back(out: &mut Order, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    for k in 0..len - 1 {
        out[len - 1 + k] = out[len - 1 - k];
    }
    2 * len - 2
}

/// The order an arpeggio mode plays `n` notes in (Tidal's `arps`); returns how many.
fn arrangement(mode: Mode, n: usize, out: &mut Order) -> usize {
    let mut len = 0;
    match mode {
        Mode::Up | Mode::UpDown => (0..n).for_each(|i| push(out, &mut len, i)),
        Mode::Down | Mode::DownUp => (0..n).rev().for_each(|i| push(out, &mut len, i)),
        Mode::Converge | Mode::Diverge | Mode::Disconverge => {
            let (mut lo, mut hi) = (0usize, n);
            while lo < hi {
                push(out, &mut len, lo);
                lo += 1;
                if lo < hi {
                    hi -= 1;
                    push(out, &mut len, hi);
                }
            }
        }
        Mode::PinkyUp | Mode::PinkyUpDown => {
            for i in 0..n.saturating_sub(1) {
                push(out, &mut len, i);
                push(out, &mut len, n - 1);
            }
        }
        Mode::ThumbUp | Mode::ThumbUpDown => {
            for i in 1..n {
                push(out, &mut len, 0);
                push(out, &mut len, i);
            }
        }
    }
    match mode {
        Mode::UpDown | Mode::DownUp | Mode::PinkyUpDown | Mode::ThumbUpDown => there_and_back(out, len),
        Mode::Diverge => {
            out[..len].reverse();
            len
        }
        Mode::Disconverge => {
            // converge ++ tail (reverse converge)
            let base = len;
            for k in (0..base.saturating_sub(1)).rev() {
                let x = out[k] as usize;
                push(out, &mut len, x);
            }
            len
        }
        _ => len,
    }
}

/// Sort the haps from `m0` to `m1` by whole, keeping the order of equal ones (insertion sort:
/// in place, no allocation).
fn sort_by_whole(out: &mut QueryBuf, m0: usize, m1: usize) {
    let key = |h: &Hap| h.whole.map(|w| (w.begin, w.end));
    let haps = &mut out.haps_mut()[m0..m1];
    for i in 1..haps.len() {
        let mut j = i;
        while j > 0 && key(&haps[j - 1]) > key(&haps[j]) {
            haps.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Query `pat` and call `each(group start, group end)` for each run of haps with the same
/// whole (continuous haps are dropped); the original haps are removed afterwards.
fn groups(pat: &Pattern, span: Span, out: &mut QueryBuf, mut each: impl FnMut(usize, usize, &mut QueryBuf)) {
    let m0 = out.len();
    pat.query(span, out);
    let m1 = out.len();
    if m1 - m0 > MAX_ARP_EVENTS {
        out.mark_overflow();
        out.truncate(m0);
        return;
    }
    sort_by_whole(out, m0, m1);
    let mut i = m0;
    while i < m1 {
        let w = out.get(i).whole;
        let mut j = i + 1;
        while j < m1 && out.get(j).whole == w {
            j += 1;
        }
        if w.is_some() && out.tick() {
            each(i, j, out);
        }
        i = j;
    }
    out.remove_range(m0, m1);
}

/// Tidal's arpeggio modes: each chord's notes spread over its time span in the mode's order.
fn arp_modes(mode: Mode, pat: &Pattern, span: Span, out: &mut QueryBuf) {
    groups(pat, span, out, |i, j, out| {
        let n = (j - i).min(MAX_CHORD);
        let mut order: Order = [0u16; 4 * MAX_CHORD];
        let d = arrangement(mode, n, &mut order);
        let Some(w) = out.get(i).whole else { return };
        let dur = (w.end - w.begin) / Rational::int(d.max(1) as i64);
        for (k, &src) in order[..d].iter().enumerate() {
            let h = out.get(i + src as usize);
            let b = w.begin + dur * Rational::int(k as i64);
            let whole = Span::new(b, b + dur);
            if let Some(part) = whole.intersection(h.part) {
                out.push(h.remade(Some(whole), part, h.value));
            }
        }
    });
}

/// Strudel's `arp`: each chord plays the index pattern's events, index `i` taking note
/// `i mod n` of the chord.
fn arp_indices(indices: &Pattern, pat: &Pattern, span: Span, out: &mut QueryBuf) {
    groups(pat, span, out, |i, j, out| {
        let n = (j - i) as i64;
        let part = out.get(i).part;
        let r0 = out.len();
        indices.query(part, out);
        let r1 = out.len();
        for k in r0..r1 {
            let x = out.get(k);
            let Some(idx) = num_of(&x.value).filter(|v| v.is_finite()) else { continue };
            let idx = idx.floor() as i64;
            if idx < 0 {
                continue;
            }
            let note = out.get(i + (idx % n) as usize);
            out.push(note.remade(x.whole, x.part, note.value));
        }
        out.remove_range(r0, r1);
    });
}

fn arp(a: &[PatArg]) -> Result<Pattern, String> {
    let (mode, pat) = (pat(a, 0)?, pat(a, 1)?);
    let table = names();
    // Numbers select notes (Strudel); names are modes (Tidal). Decided from the first cycles.
    let probe = mode.haps(Rational::ZERO, Rational::int(4));
    let numeric = !probe.is_empty() && probe.iter().all(|h| matches!(h.value, Value::Num(_)));
    if numeric {
        return Ok(crate::pattern::Pattern::new(ArpIndices { indices: mode, pat }));
    }
    for h in &probe {
        let known = h.value.as_sym().is_some_and(|s| table.modes.iter().any(|(k, _)| *k == s));
        if !known {
            let all: Vec<&str> = MODES.iter().map(|(n, _)| *n).collect();
            return Err(format!("unknown arpeggio mode; modes are {} (or numbers, to pick notes)", all.join(", ")));
        }
    }
    Ok(patternify(
        vec![mode],
        op(move |a, span, out| {
            let Some(s) = a[0].as_sym() else { return };
            let Some(&(_, m)) = names().modes.iter().find(|(k, _)| *k == s) else { return };
            arp_modes(m, &pat, span, out);
        }),
    ))
}

struct ArpIndices {
    indices: Pattern,
    pat: Pattern,
}

impl crate::pattern::Query for ArpIndices {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        arp_indices(&self.indices, &self.pat, span, out);
    }
}

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "scale",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("name"), PAT],
        variadic: false,
        help: "Turns scale degrees into note numbers: scale \"major\" \"0 .. 7\"; with a root (e:minor, a4:major) transposed to it.",
        example: "out: n (scale \"<major minor>\" \"0 2 4 7\") # s \"superpiano\"",
        imp: Imp::Pattern(scale),
    },
    FnMeta {
        name: "arp",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("mode"), PAT],
        variadic: false,
        help: "Arpeggiates chords: a mode (up down updown downup converge diverge disconverge pinkyup pinkyupdown thumbup thumbupdown) spreads each chord over its time; numbers pick notes by index.",
        example: "out: n (arp \"<up down>\" \"c'maj e'min\") # s \"superpiano\"",
        imp: Imp::Pattern(arp),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{error, onsets};
    use super::*;

    #[test]
    fn modes_order_notes_as_tidal() {
        let order = |m, n| {
            let mut o: Order = [0u16; 4 * MAX_CHORD];
            let len = arrangement(m, n, &mut o);
            o[..len].to_vec()
        };
        assert_eq!(order(Mode::Up, 3), [0, 1, 2]);
        assert_eq!(order(Mode::Down, 3), [2, 1, 0]);
        assert_eq!(order(Mode::UpDown, 3), [0, 1, 2, 1]);
        assert_eq!(order(Mode::DownUp, 3), [2, 1, 0, 1]);
        assert_eq!(order(Mode::Converge, 4), [0, 3, 1, 2]);
        assert_eq!(order(Mode::Diverge, 4), [2, 1, 3, 0]);
        assert_eq!(order(Mode::Disconverge, 4), [0, 3, 1, 2, 1, 3, 0]);
        assert_eq!(order(Mode::PinkyUp, 4), [0, 3, 1, 3, 2, 3]);
        assert_eq!(order(Mode::PinkyUpDown, 3), [0, 2, 1, 2, 1, 2]);
        assert_eq!(order(Mode::ThumbUp, 4), [0, 1, 0, 2, 0, 3]);
        assert_eq!(order(Mode::ThumbUpDown, 3), [0, 1, 0, 2, 0, 1]);
    }

    #[test]
    fn arpeggios() {
        assert_eq!(onsets("arp \"up\" \"c'maj\"", 0, 1), ["0:0", "1/3:4", "2/3:7"]);
        assert_eq!(
            onsets("arp \"<down up>\" \"c4'maj\"", 0, 2),
            ["0:-5", "1/3:-8", "2/3:-12", "1:-12", "4/3:-8", "5/3:-5"]
        );
        assert_eq!(onsets("arp \"up\" \"c'maj'ii\"", 0, 1), ["0:7", "1/3:12", "2/3:16"]);
        assert_eq!(onsets("arp \"0 2\" \"[60,64,67]\"", 0, 1), ["0:60", "1/2:67"]);
        assert!(error("arp \"sideways\" \"c'maj\"").contains("unknown arpeggio mode"));
    }

    #[test]
    fn scales() {
        assert_eq!(onsets("scale \"major\" \"0 2 7 -1\"", 0, 1), ["0:0", "1/4:4", "1/2:12", "3/4:-1"]);
        assert_eq!(onsets("scale \"c4:minor\" \"0 2\"", 0, 1), ["0:-12", "1/2:-9"]);
        assert_eq!(onsets("scale \"e:minor\" \"0 2\"", 0, 1), ["0:4", "1/2:7"]);
        assert_eq!(onsets("scale \"<major minor>\" \"2\"", 0, 2), ["0:4", "1:3"]);
        assert!(error("scale \"nope\" \"0\"").contains("unknown scale"));
    }
}
