//! Splitting a program into statements.
//!
//! One statement per line; a line that starts with whitespace, `#`, `$`, `.` or a binary
//! operator continues the previous statement. Blank and comment-only lines separate nothing
//! and belong to nothing.
//!
//! A program also reads as a Tidal file reads: blank lines separate blocks, and inside a block
//! a line at column 0 that cannot start a statement continues the previous one. `do` and
//! `let` open a layout block as in Haskell: lines aligned with its first statement start new
//! statements, lines indented further continue them.

use std::borrow::Cow;

/// A statement's byte range in the program text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementRange {
    pub start: usize,
    pub end: usize,
}

/// The program with `{- -}` comments and non-breaking spaces (pasted from web pages) blanked
/// out, and Haskell's explicit layout (`do { d1 $ ...; d2 $ ... }`, a statement a line) turned
/// into the indented one, every byte offset kept so spans still point into the original text.
pub fn clean(src: &str) -> Cow<'_, str> {
    let braces = braced_do(src);
    if !src.contains("{-") && !src.contains('\u{a0}') && !src.contains(":{") && !src.contains(":}") && !braces {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut depth = 0usize;
    // Open `do {` blocks outside strings: their `;` and `}` are blanked.
    let mut do_braces = 0usize;
    let mut in_str = false;
    let mut in_line_comment = false;
    let mut chars = src.char_indices().peekable();
    let mut line_start = true;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let blank = |out: &mut String, c: char| {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        };
        if c == '\n' {
            in_str = false;
            in_line_comment = false;
            line_start = true;
            out.push('\n');
            continue;
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        if depth > 0 {
            if c == '-' && next == Some('}') {
                depth -= 1;
                chars.next();
                out.push_str("  ");
            } else if c == '{' && next == Some('-') {
                depth += 1;
                chars.next();
                out.push_str("  ");
            } else {
                blank(&mut out, c);
            }
            continue;
        }
        if in_line_comment {
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_str = !in_str;
                out.push(c);
            }
            '\u{a0}' => blank(&mut out, c),
            '{' if !in_str && next == Some('-') => {
                depth = 1;
                chars.next();
                out.push_str("  ");
            }
            '{' if braces && !in_str && ends_with_word(&out, "do") => {
                do_braces += 1;
                out.push(' ');
            }
            ';' | '}' if do_braces > 0 && !in_str => {
                do_braces -= usize::from(c == '}');
                out.push(' ');
            }
            '-' if !in_str && next == Some('-') => {
                in_line_comment = true;
                out.push(c);
            }
            // ghci's multi-line markers `:{` and `:}` on a line of their own.
            ':' if at_line_start && matches!(next, Some('{') | Some('}')) && {
                let rest = &src[i + 2..];
                rest.split('\n').next().unwrap_or("").trim().is_empty()
            } =>
            {
                chars.next();
                out.push_str("  ");
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `text`, trailing whitespace aside, ends with the word `word` (`do`, not `pseudo`).
fn ends_with_word(text: &str, word: &str) -> bool {
    let t = text.trim_end();
    t.strip_suffix(word).is_some_and(|before| !before.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// Whether a `do` is followed by `{` somewhere (explicit layout to undo).
fn braced_do(src: &str) -> bool {
    src.match_indices("do").any(|(i, _)| {
        let word_start = i == 0 || !src.as_bytes()[i - 1].is_ascii_alphanumeric();
        word_start && src[i + 2..].trim_start().starts_with('{')
    })
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with("--")
}

fn continues(line: &str) -> bool {
    let Some(c) = line.chars().next() else { return false };
    if c == ' ' || c == '\t' {
        return true;
    }
    if line.starts_with("--") {
        return false;
    }
    matches!(c, '#' | '$' | '.' | '+' | '-' | '*' | '/' | '|' | '<' | '>' | '%')
}

/// The first word of a line.
fn first_word(body: &str) -> &str {
    let end = body.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'')).unwrap_or(body.len());
    &body[..end]
}

/// Words that begin a statement, Phonon's and Tidal's.
pub const TIDAL_STATEMENTS: &[&str] = &[
    "hush",
    "panic",
    "let",
    "do",
    "once",
    "asap",
    "setcps",
    "setbpm",
    "bps",
    "cps",
    "solo",
    "unsolo",
    "unsoloAll",
    "mute",
    "unmute",
    "unmuteAll",
    "setCycle",
    "nudgeAll",
    "all",
    "resetCycles",
    "import",
    "xfade",
    "xfadeIn",
    "jump",
    "jumpIn",
    "jumpIn'",
    "jumpMod",
    "clutch",
    "clutchIn",
    "interpolate",
    "interpolateIn",
    "anticipate",
    "anticipateIn",
    "wait",
    "p",
];

/// Whether a line at column 0 can begin a statement.
fn starts_statement(body: &str) -> bool {
    if body.starts_with('~') {
        return true;
    }
    let w = first_word(body);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if w == "out" || w.strip_prefix("out").is_some_and(digits) {
        return true;
    }
    if w.strip_prefix('d').is_some_and(digits)
        || w.strip_prefix('o').is_some_and(digits)
        || w.strip_prefix('t').is_some_and(digits)
    {
        return true;
    }
    if crate::controls::setting(w).is_some() && body[w.len()..].trim_start().starts_with(':') {
        return true;
    }
    if TIDAL_STATEMENTS.contains(&w) {
        return true;
    }
    // A let binding's further lines: `name = ...`.
    let rest = body[w.len()..].trim_start();
    !w.is_empty() && rest.starts_with('=') && !rest.starts_with("==")
}

/// Where the text after a keyword starts, if anything follows it on the line.
fn after_keyword(line: &str, at: usize, kw: &str) -> Option<usize> {
    let rest = &line[at + kw.len()..];
    let skip = rest.len() - rest.trim_start().len();
    let t = rest.trim_start();
    (!t.is_empty() && !t.starts_with("--")).then_some(at + kw.len() + skip)
}

/// Statement ranges, in order.
pub fn split(src: &str) -> Vec<StatementRange> {
    let mut out: Vec<StatementRange> = Vec::new();
    // Columns of the open layout blocks (`do`, `let`), innermost last.
    let mut layout: Vec<usize> = Vec::new();
    // A `do` or `let` ended its line: the next line's indentation opens its block.
    let mut pending_do = false;
    let mut pending_let = false;
    // The layout column of the open `let` block's bindings.
    let mut let_column: Option<usize> = None;
    // A blank line came since the last statement line.
    let mut after_blank = true;
    let mut offset = 0;
    for raw in src.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if is_blank_or_comment(line) {
            // Only a blank line ends a Tidal block: a comment line inside one does not.
            after_blank |= line.trim().is_empty();
            continue;
        }
        let end = start + line.len();
        let mut indent = line.len() - line.trim_start().len();
        let mut body = &line[indent..];
        let mut after_in = false;
        // Haskell's `let ... in expr`: the bindings end at `in`, and what follows is a
        // statement of its own (the bindings stay visible to it, as all lets do).
        let in_let = out.last().is_some_and(|r| first_word(&src[r.start..]) == "let")
            || let_column.is_some_and(|c| layout.contains(&c));
        if first_word(body) == "in" && in_let {
            layout.clear();
            let_column = None;
            after_blank = true;
            match after_keyword(line, indent, "in") {
                Some(p) => {
                    indent = p;
                    body = &line[p..];
                    after_in = true;
                }
                None => continue,
            }
        }
        while layout.last().is_some_and(|&c| indent < c) {
            layout.pop();
        }
        let new_statement = if after_in {
            true
        } else if std::mem::take(&mut pending_do) {
            layout.push(indent);
            true
        } else if std::mem::take(&mut pending_let) {
            // The bindings of a `let` that ended its line: each aligned line is one.
            layout.push(indent);
            let_column = Some(indent);
            true
        } else if layout.last() == Some(&indent) && !continues(body) {
            true
        } else if layout.last().is_some_and(|&c| indent > c) {
            false
        } else if indent > 0 || continues(line) {
            out.is_empty()
        } else {
            after_blank || out.is_empty() || starts_statement(body)
        };
        after_blank = false;
        if !new_statement {
            if let Some(last) = out.last_mut() {
                last.end = end;
            }
            continue;
        }
        let mut at = indent;
        // `do` opens a block and is no statement itself.
        if first_word(body) == "do" {
            match after_keyword(line, at, "do") {
                Some(p) => {
                    layout.push(p);
                    at = p;
                }
                None => {
                    pending_do = true;
                    continue;
                }
            }
        }
        if first_word(&line[at..]) == "let" {
            match after_keyword(line, at, "let") {
                Some(p) => {
                    layout.push(p);
                    let_column = Some(p);
                }
                None => {
                    pending_let = true;
                    continue;
                }
            }
        }
        out.push(StatementRange { start: start + at, end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let clean = clean(src);
        split(&clean).iter().map(|r| clean[r.start..r.end].to_string()).collect()
    }

    #[test]
    fn continuation_lines_join() {
        let src = "tempo: 0.5\n~a: s \"bd\"\n  # gain 0.5\n-- note\n\n  # pan 0.2\nout: ~a\n";
        let st = split(src);
        let texts: Vec<&str> = st.iter().map(|r| &src[r.start..r.end]).collect();
        assert_eq!(texts, vec!["tempo: 0.5", "~a: s \"bd\"\n  # gain 0.5\n-- note\n\n  # pan 0.2", "out: ~a"]);
    }

    #[test]
    fn operators_continue() {
        let src = "out: sine 440\n+ saw 220\n* 0.5";
        assert_eq!(split(src).len(), 1);
    }

    #[test]
    fn tidal_blocks_continue_at_column_zero() {
        let src = "d1 $ sound \"bd*2\"\nsometimes (# speed 2)\n\nd2 $ s \"hh\"\nhush\n";
        assert_eq!(texts(src), ["d1 $ sound \"bd*2\"\nsometimes (# speed 2)", "d2 $ s \"hh\"", "hush"]);
    }

    #[test]
    fn a_comment_line_does_not_end_a_tidal_block() {
        let src = "d1\n$ stack[\n    s \"bd\",\n    -- s \"hh\",\n    s \"sn\"\n    -- s \"cp\"\n]\n# gain 0.9\n-- d2 $ s \"hh\"\nhush\n";
        assert_eq!(texts(src).len(), 2, "{:?}", texts(src));
        assert!(texts(src)[0].ends_with("# gain 0.9"));
    }

    #[test]
    fn let_in_ends_the_bindings() {
        let src = "let pats =\n      [ (\"a\", s \"bd\")\n      ]\nin\nd1\n$ ur 4 \"a\" pats []\n";
        assert_eq!(texts(src), ["let pats =\n      [ (\"a\", s \"bd\")\n      ]", "d1\n$ ur 4 \"a\" pats []"]);
        let src = "let p = s \"bd\"\nin d1 $ p\n";
        assert_eq!(texts(src), ["let p = s \"bd\"", "d1 $ p"]);
    }

    #[test]
    fn do_and_let_blocks() {
        let src = "do\n  d1 $ s \"bd\"\n    # gain 1\n  d2 $ s \"hh\"\n\nlet a = \"0 1\"\n    b = 2\nd3 $ n a";
        assert_eq!(
            texts(src),
            ["d1 $ s \"bd\"\n    # gain 1", "d2 $ s \"hh\"", "let a = \"0 1\"", "b = 2", "d3 $ n a"]
        );
        assert_eq!(texts("do d1 $ s \"a\"\n   d2 $ s \"b\""), ["d1 $ s \"a\"", "d2 $ s \"b\""]);
    }

    #[test]
    fn a_let_alone_on_its_line_and_braced_do_blocks() {
        let src = "let \n  bass = \"0 1\"\n  sc = \"wholetone\"\nin\ndo {\n  d2 $ n bass;\n  d3 $ n \"{0 1}%4\"\n     # pan 0.2\n}";
        assert_eq!(
            texts(src),
            ["bass = \"0 1\"", "sc = \"wholetone\"", "d2 $ n bass", "d3 $ n \"{0 1}%4\"\n     # pan 0.2"]
        );
        assert_eq!(clean("d1 $ s \"{bd sn}%4\";").as_ref(), "d1 $ s \"{bd sn}%4\";");
        // Only the word `do` opens a braced block.
        assert_eq!(clean("do {\n  d1 $ s \"a\"\n}\npseudo {x}").as_ref(), "do  \n  d1 $ s \"a\"\n \npseudo {x}");
    }

    #[test]
    fn block_comments_and_non_breaking_spaces_are_blank() {
        let src = "{- a\ncomment -}\nd1\u{a0}$ s \"bd\" {- x -}";
        let c = clean(src);
        assert_eq!(c.len(), src.len());
        assert_eq!(texts(src), ["d1  $ s \"bd\""]);
        assert_eq!(clean("d1 $ s \"{-1 0}\"").as_ref(), "d1 $ s \"{-1 0}\"");
    }
}
