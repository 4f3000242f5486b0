//! Mini-notation: the strings of patterns (`"bd*2 [sn cp] <hh oh>(3,8)"`).
//!
//! Parsed with pest (`grammar.pest`, Strudel's krill grammar), read into a syntax tree
//! (`ast.rs`) and built into a pattern (`build.rs`) with Strudel's semantics for every edge
//! case. Parsing happens off the audio thread; the pattern it builds queries without
//! allocating.

mod ast;
mod build;

use pest::Parser;
use pest_derive::Parser;

use super::Pattern;
use std::sync::Arc;

#[derive(Parser)]
#[grammar = "pattern/mini/grammar.pest"]
struct MiniParser;

/// Deepest bracket nesting a string may have (the parser recurses; past this it is an error,
/// not a stack overflow).
pub const MAX_NESTING: usize = 48;

/// A mini-notation error: byte offset and length within the string, and what was expected.
#[derive(Clone, Debug, PartialEq)]
pub struct MiniError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

impl std::fmt::Display for MiniError {
    /// `column N: message` (columns count characters from 1).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "column {}: {}", self.offset + 1, self.message)
    }
}

impl std::error::Error for MiniError {}

/// Parse a mini-notation string into a pattern.
pub fn parse(src: &str) -> Result<Pattern, MiniError> {
    parsed(src).pattern.clone()
}

/// The words of a mini-notation string with their byte offsets and lengths: every step that
/// names something (`bd:3` is one word, `~` is not a word), but not the numbers of operators
/// (`*2`, `(3,8)`, `@3`, `%4`). The compiler checks sample names with this, pointing at the
/// exact word. An unparsable string has no words.
pub fn atoms(src: &str) -> Vec<(usize, usize, String)> {
    parsed(src).atoms.clone()
}

/// What one string parses to. Patterns are immutable values, so one parse serves every
/// program that contains the string.
struct Parsed {
    pattern: Result<Pattern, MiniError>,
    atoms: Vec<(usize, usize, String)>,
}

/// Strings parsed recently (off the audio thread only). Re-evaluating a program after an edit
/// parses only the strings that changed.
static CACHE: std::sync::Mutex<Option<std::collections::HashMap<String, Arc<Parsed>>>> = std::sync::Mutex::new(None);
/// Strings the cache holds before it starts over.
const CACHE_CAP: usize = 4096;

fn parsed(src: &str) -> Arc<Parsed> {
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let map = cache.get_or_insert_with(Default::default);
    if let Some(p) = map.get(src) {
        return p.clone();
    }
    let p = Arc::new(parse_uncached(src));
    if map.len() >= CACHE_CAP {
        map.clear();
    }
    map.insert(src.to_string(), p.clone());
    p
}

/// Forget every parsed string (for benchmarks of first-time parsing).
pub fn clear_cache() {
    *CACHE.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

fn parse_uncached(src: &str) -> Parsed {
    if let Err(e) = check_nesting(src) {
        return Parsed { pattern: Err(e), atoms: Vec::new() };
    }
    let pairs = match MiniParser::parse(Rule::mini, src) {
        Ok(p) => p,
        Err(e) => return Parsed { pattern: Err(syntax_error(src, e)), atoms: Vec::new() },
    };
    let mut atoms = Vec::new();
    if let Some(m) = pairs.clone().next() {
        collect_words(m, src, &mut atoms);
    }
    let top = pairs.clone().next().and_then(|m| m.into_inner().find(|p| p.as_rule() == Rule::stack_or_choose));
    let pattern = match top {
        None => Ok(super::core::silence()),
        Some(top) => build::group(&ast::Reader::new().group(top)),
    };
    Parsed { pattern, atoms }
}

fn collect_words(p: pest::iterators::Pair<Rule>, src: &str, out: &mut Vec<(usize, usize, String)>) {
    match p.as_rule() {
        // Operator arguments are numbers or patterns of numbers, not names.
        Rule::op_bjorklund | Rule::op_slow | Rule::op_fast | Rule::op_range | Rule::polymeter_steps => {}
        Rule::slice_with_ops => {
            let mut inner = p.into_inner();
            let Some(head) = inner.next() else { return };
            if head.as_rule() == Rule::step {
                if let Some(w) = head.clone().into_inner().next() {
                    let (start, mut end) = (w.as_span().start(), w.as_span().end());
                    // `bd:3`: the word runs through its tails.
                    for op in inner.clone() {
                        if op.as_rule() == Rule::op_tail {
                            end = op.as_span().end();
                        }
                    }
                    let text = src[start..end].trim_end().to_string();
                    if text != "~" && text != "-" {
                        out.push((start, text.len(), text));
                    }
                }
            } else {
                collect_words(head, src, out);
            }
            for op in inner {
                if op.as_rule() != Rule::op_tail {
                    collect_words(op, src, out);
                }
            }
        }
        _ => {
            for c in p.into_inner() {
                collect_words(c, src, out);
            }
        }
    }
}

fn check_nesting(src: &str) -> Result<(), MiniError> {
    let mut depth = 0usize;
    for (i, c) in src.char_indices() {
        match c {
            '[' | '{' | '<' | '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(MiniError {
                        offset: i,
                        len: 1,
                        message: format!("brackets nest too deep (at most {MAX_NESTING} levels)"),
                    });
                }
            }
            ']' | '}' | '>' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The innermost bracket left open at the end of `src`, with its offset.
fn unclosed(src: &str) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    for (i, c) in src.char_indices() {
        match c {
            '[' | '<' | '{' | '(' => open.push((i, c)),
            ']' | '>' | '}' | ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// What a rule stands for in "expected ..." messages.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::step
        | Rule::word
        | Rule::sequence
        | Rule::slice_with_ops
        | Rule::stack_or_choose
        | Rule::sub_cycle
        | Rule::open_square
        | Rule::polymeter
        | Rule::open_curly
        | Rule::slow_sequence
        | Rule::open_angle => STEP,
        Rule::close_square => "']'",
        Rule::close_curly => "'}'",
        Rule::close_angle => "'>'",
        Rule::close_paren => "')'",
        Rule::comma_token | Rule::stack_tail => "','",
        Rule::pipe_token | Rule::choose_tail => "'|'",
        Rule::dot_token | Rule::dot_tail => "'.'",
        Rule::op_weight
        | Rule::op_replicate
        | Rule::op_slow
        | Rule::op_fast
        | Rule::op_degrade
        | Rule::op_tail
        | Rule::op_range
        | Rule::open_paren
        | Rule::op_bjorklund
        | Rule::polymeter_steps => OPERATOR,
        Rule::number => "a number",
        Rule::EOI => "the end of the pattern",
        _ => return None,
    })
}

const STEP: &str = "a step (a word, a number, ~, [ ], < > or { })";
const OPERATOR: &str = "an operator (* / @ _ ! ? : .. or (pulses,steps))";

fn syntax_error(src: &str, e: pest::error::Error<Rule>) -> MiniError {
    let offset = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&str> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(*r) {
                if !expected.contains(&d) {
                    expected.push(d);
                }
            }
        }
    }
    // Most useful first: closing brackets and the end, then steps, separators, operators.
    let rank = |d: &&str| match *d {
        "']'" | "'>'" | "'}'" | "')'" | "the end of the pattern" => 0,
        "a number" => 1,
        x if x == STEP => 2,
        "','" | "'|'" | "'.'" => 3,
        _ => 4,
    };
    expected.sort_by_key(rank);
    let next = src[offset.min(src.len())..].chars().next();
    if next.is_none() {
        // The string ended inside brackets: point at the one left open.
        if let Some((at, open)) = unclosed(src) {
            let close = match open {
                '[' => ']',
                '<' => '>',
                '{' => '}',
                _ => ')',
            };
            return MiniError { offset: at, len: 1, message: format!("expected '{close}' to close '{open}'") };
        }
    }
    let found = match next {
        Some(c) => format!("'{c}'"),
        None => "the end of the pattern".to_string(),
    };
    let mut message = match expected.len() {
        0 => format!("unexpected {found}"),
        1 => format!("expected {}, found {found}", expected[0]),
        n => format!("expected {} or {}, found {found}", expected[..n - 1].join(", "), expected[n - 1]),
    };
    let inside_alternation = expected.contains(&"'>'") || expected.contains(&"'}'");
    let hint = match next {
        Some('|') if inside_alternation => Some("'|' (random choice) is not allowed inside < > or { }"),
        Some('.') if inside_alternation => Some("'.' (feet) is not allowed inside < > or { }"),
        Some(',') if expected.contains(&"'.'") => {
            Some("',' and '.' cannot be mixed at one level: wrap the feet in [ ]")
        }
        Some('|') if expected.contains(&"'.'") || expected.contains(&"','") => {
            Some("',', '|' and '.' cannot be mixed at one level: wrap one of them in [ ]")
        }
        Some('.') if expected.contains(&"','") || expected.contains(&"'|'") => {
            Some("',', '|' and '.' cannot be mixed at one level: wrap one of them in [ ]")
        }
        Some(']') if !expected.contains(&"']'") => Some("this ']' closes no '['"),
        Some('>') if !expected.contains(&"'>'") => Some("this '>' closes no '<'"),
        Some('}') if !expected.contains(&"'}'") => Some("this '}' closes no '{'"),
        Some(')') if !expected.contains(&"')'") => Some("this ')' closes no '('"),
        _ => None,
    };
    if let Some(h) = hint {
        message = format!("{h}; {message}");
    }
    let len = next.map(|c| c.len_utf8()).unwrap_or(1);
    MiniError { offset, len, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Value;
    use crate::time::Rational;

    fn first_cycle(src: &str) -> Vec<(String, String)> {
        let p = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        p.haps(Rational::ZERO, Rational::ONE)
            .iter()
            .filter(|h| h.has_onset())
            .map(|h| {
                let v = match h.value {
                    Value::Num(x) => format!("{x}"),
                    other => other.to_json().to_string().trim_matches('"').to_string(),
                };
                (h.part.begin.to_string(), v)
            })
            .collect()
    }

    /// The words each onset of the first two cycles was made from, in time order.
    fn lit_words(src: &str) -> Vec<String> {
        let p = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut haps: Vec<_> = p.haps(Rational::ZERO, Rational::int(2)).into_iter().filter(|h| h.has_onset()).collect();
        haps.sort_by(crate::pattern::Hap::time_order);
        haps.iter().map(|h| h.locs.iter().map(|(o, l)| &src[o..o + l]).collect::<Vec<_>>().join("+")).collect()
    }

    #[test]
    fn every_event_knows_the_words_that_made_it() {
        assert_eq!(lit_words("bd*4 [sn cp]"), ["bd", "bd", "bd", "bd", "sn", "cp"].repeat(2));
        assert_eq!(lit_words("<a b>"), ["a", "b"]);
        assert_eq!(lit_words("a(3,8)"), ["a"; 6]);
        assert_eq!(lit_words("a!2 b@2"), ["a", "a", "b", "a", "a", "b"]);
        assert_eq!(lit_words("{a b c}%2"), ["a", "b", "c", "a"]);
        assert_eq!(lit_words("a . b c"), ["a", "b", "c", "a", "b", "c"]);
        // `bd:3` is lit as both its words; a chord lights its one word for every note.
        assert_eq!(lit_words("bd:3"), ["bd+3", "bd+3"]);
        assert_eq!(lit_words("c'maj"), ["c'maj"; 6]);
        assert_eq!(lit_words("[a, b]"), ["a", "b", "a", "b"]);
        assert_eq!(lit_words("a ~ b"), ["a", "b", "a", "b"]);
    }

    #[test]
    fn words_for_the_sample_check() {
        let src = "bd:3 sn*2 [hh ~ cp](3,8) <lt mt>@3 {a b}%4 c4'maj . x?0.5 y!2 0 .. 3";
        let words: Vec<String> = atoms(src).into_iter().map(|(_, _, w)| w).collect();
        assert_eq!(words, ["bd:3", "sn", "hh", "cp", "lt", "mt", "a", "b", "c4'maj", "x", "y", "0"]);
        let (off, len, _) = atoms("  bd:3 sn").into_iter().next().unwrap();
        assert_eq!((off, len), (2, 4));
        assert!(atoms("bd [sn").is_empty());
    }

    #[test]
    fn note_names_and_chords() {
        // A note name stays a word, as in Strudel: the pitch controls read it as a note.
        let got = first_cycle("c5 a5 eb3");
        assert_eq!(got.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(), ["c5", "a5", "eb3"]);
        // A range without spaces, as Tidal reads it.
        let got = first_cycle("-2..0");
        assert_eq!(got.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(), ["-2", "-1", "0"]);
        let mut chord: Vec<String> = first_cycle("c4'maj").into_iter().map(|(_, v)| v).collect();
        chord.sort();
        assert_eq!(chord, ["-12", "-5", "-8"]);
        let mut inv: Vec<String> = first_cycle("c'maj'ii").into_iter().map(|(_, v)| v).collect();
        inv.sort();
        assert_eq!(inv, ["12", "16", "7"]);
        assert!(parse("c'maj'x").unwrap_err().message.contains("chord modifier"));
        let mut rel: Vec<String> = first_cycle("e'min7").into_iter().map(|(_, v)| v).collect();
        rel.sort();
        assert_eq!(rel, ["11", "14", "4", "7"]);
        assert!(parse("c4'nope").unwrap_err().message.contains("unknown chord"));
        // Plain letters stay words.
        assert_eq!(first_cycle("a b")[0].1, "a");
    }

    #[test]
    fn rests_weights_and_marks() {
        assert_eq!(first_cycle("a ~ b - c").iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["0", "2/5", "4/5"]);
        assert_eq!(first_cycle("a _ b").iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["0", "2/3"]);
        assert_eq!(first_cycle("^a b").len(), 2);
        assert_eq!(first_cycle("bd café")[1].1, "café");
        assert!(first_cycle("").is_empty());
        assert!(first_cycle("  ").is_empty());
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = parse("bd [sn").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (3, "expected ']' to close '['"));
        assert_eq!(e.to_string().split(':').next(), Some("column 4"));
        let e = parse("a <b [c d] e").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (2, "expected '>' to close '<'"));
        let e = parse("bd(9,8)").unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("9 pulses over 8 steps"));
        let e = parse("{a b}%0").unwrap_err();
        assert!(e.message.contains("non-zero"));
        let e = parse(&format!("{}a{}", "<".repeat(60), ">".repeat(60))).unwrap_err();
        assert!(e.message.contains("nest too deep"));
        assert!(parse("a | b . c").is_err());
        assert!(parse("a ]").unwrap_err().message.contains("closes no"));
    }
}
