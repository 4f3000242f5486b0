//! Syntax tree -> pattern, as Strudel's `mini.mjs` builds it.
//!
//! Sequences are weighted concatenations (`timecat`), `<a b>` is a sequence slowed by its total
//! weight, `{a b c}%4` speeds each sequence to 4 steps per cycle, `a | b` chooses one sequence
//! per cycle at random, and operators apply left to right.

use super::ast::{Element, Group, Loc, Node, Op, Sequence};
use super::MiniError;
use crate::pattern::core::{fastcat, pure_direct, pure_located, silence, slow, stack, timecat};
use crate::pattern::join::{constants, num_of, patternify_joined, time_of};
use crate::pattern::library::{random, structure, time};
use crate::pattern::notes;
use crate::pattern::ops::app_side;
use crate::pattern::transform::{fast_q, squeeze_q, steps_q};
use crate::pattern::value::{Atom, List};
use crate::pattern::{Hap, Locs, Pattern, Query, QueryBuf, Value};
use crate::time::{Rational, Span};

type R<T> = Result<T, MiniError>;

fn err(loc: Loc, message: impl Into<String>) -> MiniError {
    MiniError { offset: loc.offset, len: loc.len.max(1), message: message.into() }
}

/// A built sequence and its total weight (what `<>` slows by and `{}` divides steps by).
struct Built {
    pat: Pattern,
    weight: Rational,
}

pub(super) fn group(g: &Group) -> R<Pattern> {
    Ok(match g {
        Group::Seq(s) => sequence(s)?.pat,
        Group::Stack(seqs) => stack(seqs.iter().map(|s| Ok(sequence(s)?.pat)).collect::<R<_>>()?),
        Group::Feet(seqs) => fastcat(seqs.iter().map(|s| Ok(sequence(s)?.pat)).collect::<R<_>>()?),
        Group::Choose(seqs, seed) => {
            random::choose_cycles_seeded(*seed, seqs.iter().map(|s| Ok(sequence(s)?.pat)).collect::<R<_>>()?)
        }
    })
}

fn sequence(s: &Sequence) -> R<Built> {
    let mut parts = Vec::with_capacity(s.elements.len());
    for e in &s.elements {
        parts.push((e.weight, element(e)?));
    }
    let weighted = parts.iter().any(|(w, _)| *w != 0.0);
    if !weighted {
        let n = parts.len() as i64;
        return Ok(Built { pat: fastcat(parts.into_iter().map(|(_, p)| p).collect()), weight: Rational::int(n) });
    }
    let parts: Vec<(Rational, Pattern)> =
        parts.into_iter().map(|(w, p)| (if w == 0.0 { Rational::ONE } else { Rational::from_f64(w) }, p)).collect();
    let weight = parts.iter().fold(Rational::ZERO, |a, (w, _)| a + *w);
    let pat = if parts.len() == 1 {
        // A one-step sequence is its step, but no longer a plain value: as an argument it is
        // joined cycle by cycle (`fast "2"`), unlike an operator's number (`a*2`).
        let p = parts.into_iter().next().map(|(_, p)| p).unwrap_or_else(silence);
        match p.constant() {
            Some(c) if c.direct => pure_located(c.value, false, c.locs),
            _ => p,
        }
    } else {
        timecat(parts)
    };
    Ok(Built { pat, weight })
}

fn element(e: &Element) -> R<Pattern> {
    let mut pat = node(&e.node)?;
    // Tidal's patterned chord parts (`c'maj'<i ii>`): the root and each part gathered, then
    // combined into the chord's notes once the parts end.
    let mut chord: Option<Vec<ChordPart>> = None;
    for op in &e.ops {
        if let Op::Chord(x) = op {
            let mut parts = match chord.take() {
                Some(p) => p,
                None => chord_root(&e.node, pat.clone())?,
            };
            parts.extend(chord_parts(x)?);
            chord = Some(parts);
            continue;
        }
        if let Some(parts) = chord.take() {
            pat = chord_pattern(parts, node_loc(&e.node))?;
        }
        pat = match op {
            Op::Stretch { fast, amount } => {
                let amount = node(amount)?;
                if *fast {
                    time::fast(amount, pat)
                } else {
                    time::slow(amount, pat)
                }
            }
            Op::Replicate(n) => {
                let n = Rational::from_f64(*n);
                let p = time::repeat_cycles(pure_direct(Value::Num(n.to_f64())), pat);
                crate::pattern::core::fast(n, p)
            }
            Op::Euclid { pulses, steps, rotation, loc } => {
                let (p, s) = (node(pulses)?, node(steps)?);
                let r = match rotation {
                    Some(r) => Some(node(r)?),
                    None => None,
                };
                structure::euclid_rot(p, s, r, pat).map_err(|m| err(*loc, m))?
            }
            Op::Degrade { amount, seed } => random::degrade_seeded(amount.unwrap_or(0.5), *seed, pat),
            Op::Tail(x) => tail(pat, node(x)?),
            Op::Range(x) => range(pat, node(x)?),
            Op::Chord(_) => pat,
        };
    }
    if let Some(parts) = chord.take() {
        pat = chord_pattern(parts, node_loc(&e.node))?;
    }
    Ok(pat)
}

/// A part of a chord (root, name or modifier) and the words it can be.
struct ChordPart {
    pat: Pattern,
    words: Vec<String>,
}

/// Most combinations of patterned chord parts (each one's notes are worked out when built).
const MAX_CHORD_COMBINATIONS: usize = 1024;

/// The chord's first parts: a word `c'maj` splits into its root and name, any other root is
/// its pattern.
fn chord_root(n: &Node, pat: Pattern) -> R<Vec<ChordPart>> {
    match n {
        Node::Word(w, loc) if w.contains('\'') => Ok(w
            .split('\'')
            .enumerate()
            .map(|(i, piece)| {
                let at = if i == 0 { Locs::at(loc.offset, loc.len) } else { Locs::NONE };
                ChordPart { pat: pure_located(chord_piece(piece), true, at), words: vec![piece.to_string()] }
            })
            .collect()),
        _ => Ok(vec![ChordPart { pat, words: chord_words(n)? }]),
    }
}

/// The parts after a quote: `'ii'o` written as one word, or a pattern (`'<i ii>`).
fn chord_parts(n: &Node) -> R<Vec<ChordPart>> {
    match n {
        Node::Word(w, _) => Ok(w
            .split('\'')
            .map(|piece| ChordPart { pat: pure_direct(chord_piece(piece)), words: vec![piece.to_string()] })
            .collect()),
        _ => Ok(vec![ChordPart { pat: node(n)?, words: chord_words(n)? }]),
    }
}

/// A chord part's value as its word reads: a number, else a name.
fn chord_piece(piece: &str) -> Value {
    js_number(piece).map(Value::Num).unwrap_or_else(|| Value::sym(piece))
}

/// The words a patterned chord part plays (operators' arguments aside).
fn chord_words(n: &Node) -> R<Vec<String>> {
    fn walk_seq(s: &Sequence, out: &mut Vec<(String, Loc)>) {
        for e in &s.elements {
            walk(&e.node, out);
        }
    }
    fn walk(n: &Node, out: &mut Vec<(String, Loc)>) {
        match n {
            Node::Word(w, loc) => out.push((w.clone(), *loc)),
            Node::Group(Group::Seq(s)) => walk_seq(s, out),
            Node::Group(Group::Stack(v) | Group::Choose(v, _) | Group::Feet(v)) => {
                v.iter().for_each(|s| walk_seq(s, out))
            }
            Node::Alternation(v) | Node::Polymeter { seqs: v, .. } => v.iter().for_each(|s| walk_seq(s, out)),
        }
    }
    let mut found = Vec::new();
    walk(n, &mut found);
    let mut words = Vec::new();
    for (w, loc) in found {
        if w.contains('\'') {
            return Err(err(loc, "a patterned chord part is one word each: write c'<maj min>'ii, not c'<maj'ii min>"));
        }
        if w != "~" && w != "-" && !words.contains(&w) {
            words.push(w);
        }
    }
    Ok(words)
}

fn node_loc(n: &Node) -> Loc {
    match n {
        Node::Word(_, loc) | Node::Polymeter { loc, .. } => *loc,
        _ => Loc { offset: 0, len: 1 },
    }
}

/// The parts combined (structure from the root, as `bd:3` combines) and each combination
/// replaced by its chord's notes, all worked out here so a query only looks them up.
fn chord_pattern(parts: Vec<ChordPart>, loc: Loc) -> R<Pattern> {
    if parts.len() > crate::pattern::value::LIST_CAP {
        return Err(err(loc, "a patterned chord takes a root, a name and at most two modifiers"));
    }
    let count = parts.iter().map(|p| p.words.len()).product::<usize>();
    if count > MAX_CHORD_COMBINATIONS {
        return Err(err(loc, "too many combinations of chord parts"));
    }
    let mut table = Vec::with_capacity(count);
    for k in 0..count {
        let mut rest = k;
        let mut pieces = Vec::with_capacity(parts.len());
        for p in &parts {
            pieces.push(p.words[rest % p.words.len()].as_str());
            rest /= p.words.len();
        }
        let text = pieces.join("'");
        let notes = match notes::chord_word(&text) {
            Some(Ok(n)) => n,
            Some(Err(m)) => return Err(err(loc, m)),
            None => return Err(err(loc, format!("'{text}' is not a chord: a chord is a note and a chord name"))),
        };
        let key: Vec<Atom> = pieces.iter().filter_map(|w| chord_piece(w).as_atom()).collect();
        table.push((key, notes));
    }
    let mut it = parts.into_iter();
    let first = it.next().map(|p| p.pat).unwrap_or_else(silence);
    let combined = it.fold(first, |acc, p| tail(acc, p.pat));
    Ok(Pattern::new(ChordNotes { pat: combined, table }))
}

/// Each event of combined chord parts as the notes of its chord.
struct ChordNotes {
    pat: Pattern,
    table: Vec<(Vec<Atom>, Vec<f64>)>,
}

impl Query for ChordNotes {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        let m0 = out.len();
        self.pat.query(span, out);
        let m1 = out.len();
        for i in m0..m1 {
            let h = out.get(i);
            let Value::List(l) = h.value else { continue };
            let Some((_, notes)) = self.table.iter().find(|(k, _)| k.as_slice() == l.items()) else { continue };
            for &x in notes {
                out.push(Hap { value: Value::Num(x), ..h });
            }
        }
        out.remove_range(m0, m1);
    }
}

fn node(n: &Node) -> R<Pattern> {
    match n {
        Node::Word(w, loc) => word(w, *loc),
        Node::Group(g) => group(g),
        Node::Alternation(seqs) => {
            let mut pats = Vec::with_capacity(seqs.len());
            for s in seqs {
                let b = sequence(s)?;
                pats.push(slow(b.weight, b.pat));
            }
            Ok(stack(pats))
        }
        Node::Polymeter { seqs, steps, loc } => {
            let built: Vec<Built> = seqs.iter().map(sequence).collect::<R<_>>()?;
            let steps = match steps {
                Some(s) => node(s)?,
                None => pure_direct(Value::Num(built.first().map(|b| b.weight.to_f64()).unwrap_or(1.0))),
            };
            if let Some(v) = constants(&[&steps]) {
                if num_of(&v[0]) == Some(0.0) {
                    return Err(err(
                        *loc,
                        "a polymeter needs a non-zero number of steps per cycle (%0 divides by zero)",
                    ));
                }
            }
            let aligned = built.into_iter().map(|b| polymeter_part(steps.clone(), b)).collect();
            Ok(stack(aligned))
        }
    }
}

/// One sequence of a polymeter, at `steps` steps per cycle (always joined: Strudel maps the
/// steps pattern before using it).
fn polymeter_part(steps: Pattern, b: Built) -> Pattern {
    let (pat, weight) = (b.pat, b.weight);
    patternify_joined(vec![steps], move |a: &[Value], span: Span, out: &mut QueryBuf| {
        let Some(steps) = time_of(&a[0]) else { return };
        if weight.is_zero() {
            return;
        }
        fast_q(steps / weight, &|s, o| pat.query(s, o), span, out);
    })
}

/// The value of a word, as JavaScript's `Number()` reads it, else a chord (`c'maj`,
/// `e4'min7'ii`: see `notes::chord_word`), or a symbol. A note name stays a symbol, as in
/// Strudel (`"c4"` is "c4"): the pitch controls and arithmetic read it as a note.
fn word(w: &str, loc: Loc) -> R<Pattern> {
    if w == "~" || w == "-" {
        return Ok(silence());
    }
    // Each word's events remember where it is written, for the editor to light it.
    let at = Locs::at(loc.offset, loc.len);
    if let Some(x) = js_number(w).or_else(|| ratio(w)) {
        return Ok(pure_located(Value::Num(x), true, at));
    }
    if let Some(chord) = notes::chord_word(w) {
        let notes = chord.map_err(|m| err(loc, m))?;
        return Ok(stack(notes.into_iter().map(|x| pure_located(Value::Num(x), true, at)).collect()));
    }
    Ok(pure_located(Value::sym(w), true, at))
}

/// Tidal's `a%b`: `a` divided by `b` (`None` for anything else, or a zero `b`).
fn ratio(w: &str) -> Option<f64> {
    let (a, b) = w.split_once('%')?;
    let (a, b) = (js_number(a)?, js_number(b)?);
    (b != 0.0).then(|| a / b)
}

/// JavaScript's `Number(text)` for the characters a word can hold; `None` for NaN.
pub(super) fn js_number(s: &str) -> Option<f64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    if body == "Infinity" {
        return Some(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if !neg {
        for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
            if let Some(digits) = body.strip_prefix(prefix) {
                return u64::from_str_radix(digits, radix).ok().filter(|_| !digits.is_empty()).map(|v| v as f64);
            }
        }
    }
    // Decimal: digits with at most one point, at least one digit, optional exponent.
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mant.chars().filter(|c| c.is_ascii_digit()).count();
    let points = mant.chars().filter(|&c| c == '.').count();
    if digits == 0 || points > 1 || mant.chars().any(|c| !c.is_ascii_digit() && c != '.') {
        return None;
    }
    if let Some(e) = exp {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !e.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    s.parse::<f64>().ok().or_else(|| format!("{s}0").parse::<f64>().ok())
}

struct Tail {
    pat: Pattern,
    friend: Pattern,
}

impl Query for Tail {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        app_side(&self.pat, &self.friend, span, out, |a, b| {
            let mut items = [Atom::Num(0.0); crate::pattern::value::LIST_CAP + 1];
            let mut n = 0;
            match a {
                Value::List(l) => {
                    for &x in l.items() {
                        items[n] = x;
                        n += 1;
                    }
                }
                other => {
                    items[0] = other.as_atom().unwrap_or(Atom::Num(0.0));
                    n = 1;
                }
            }
            let b = match b {
                Value::List(l) => l.items().first().copied().unwrap_or(Atom::Num(0.0)),
                other => other.as_atom().unwrap_or(Atom::Num(0.0)),
            };
            items[n] = b;
            Some(Value::List(List::from_atoms(&items[..n + 1])))
        });
    }
}

/// `a:b`: the values of `friend` appended to those of `pat` as a list (structure from `pat`).
fn tail(pat: Pattern, friend: Pattern) -> Pattern {
    Pattern::new(Tail { pat, friend })
}

struct Range {
    from: Pattern,
    to: Pattern,
}

impl Range {
    /// The numbers from `a` to each value of `to`, one cycle each (bound like Strudel's `bind`).
    fn inner(&self, a: Value, span: Span, out: &mut QueryBuf) {
        let m0 = out.len();
        self.to.query(span, out);
        let m1 = out.len();
        for i in m0..m1 {
            if !out.tick() {
                break;
            }
            let bh = out.get(i);
            let (Some(x), Some(y)) = (num_of(&a), num_of(&bh.value)) else { continue };
            let len = ((y - x).abs() + 1.0).floor();
            if !(1.0..=1e9).contains(&len) {
                continue;
            }
            let k = len as i64;
            let r0 = out.len();
            steps_q(Rational::int(k), bh.part, out, |idx, whole, part, o| {
                let j = idx.rem_euclid(k) as f64;
                let v = if x < y { x + j } else { x - j };
                o.push(Hap::new(Some(whole), part, Value::Num(v)));
            });
            let bw = bh.whole;
            out.filter_map_from(r0, |h| {
                let whole = match (h.whole, bw) {
                    (Some(a), Some(b)) => Some(a.intersection(b)?),
                    _ => None,
                };
                Some(h.remade(whole, h.part, h.value))
            });
        }
        out.remove_range(m0, m1);
    }
}

impl Query for Range {
    fn query(&self, span: Span, out: &mut QueryBuf) {
        squeeze_q(&|s, o| self.from.query(s, o), &|a, s, o| self.inner(a, s, o), span, out);
    }
}

/// `a .. b`: each event of `from` plays the numbers from its value to `to`'s, as a sequence.
fn range(from: Pattern, to: Pattern) -> Pattern {
    Pattern::new(Range { from, to })
}

#[cfg(test)]
mod tests {
    use super::js_number;

    #[test]
    fn numbers_read_as_javascript_does() {
        assert_eq!(js_number("007"), Some(7.0));
        assert_eq!(js_number("2.0"), Some(2.0));
        assert_eq!(js_number("3.10"), Some(3.1));
        assert_eq!(js_number(".5"), Some(0.5));
        assert_eq!(js_number("1."), Some(1.0));
        assert_eq!(js_number("1e3"), Some(1000.0));
        assert_eq!(js_number("-1e-3"), Some(-0.001));
        assert_eq!(js_number("0x10"), Some(16.0));
        assert_eq!(js_number("-0x10"), None);
        assert_eq!(js_number("Infinity"), Some(f64::INFINITY));
        assert_eq!(js_number("bd"), None);
        assert_eq!(js_number("1_000"), None);
        assert_eq!(js_number("."), None);
        assert_eq!(js_number("-"), None);
        assert_eq!(js_number("1e"), None);
        assert_eq!(js_number("1..2"), None);
        assert_eq!(js_number("sén"), None);
        assert_eq!(js_number("0x"), None);
    }
}
