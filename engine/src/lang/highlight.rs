//! Token spans for an editor: what each piece of program text is, for syntax highlighting,
//! completion and hover help.
//!
//! A small hand-written scanner rather than the grammar: it must colour every program the user
//! is in the middle of typing, broken ones included, so it never fails and never looks further
//! than the current line.

use crate::registry;

/// What a piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `-- ...` to the end of the line.
    Comment,
    /// `~name`, where defined or used.
    Bus,
    /// `out:`, `out3:`, `o2:`, `d1:`, `d1 $` at the start of a statement (the name only).
    Output,
    /// `tempo:`, `cps:`, `bpm:`, `bpc:` at the start of a statement, and `hush`, `panic`.
    Setting,
    /// The quotes of a mini-notation string.
    StringQuote,
    /// A word inside mini-notation: a sound or a note name (`bd`, `sn:2`, `c4'maj`).
    MiniWord,
    /// A number inside mini-notation.
    MiniNumber,
    /// Mini-notation structure: `[ ] < > { } ( ) , * / ! @ ? % | . _` and the rest `~`.
    MiniOperator,
    /// A number (`3`, `-0.5`, `1e3`, `0x10`) or a note name (`c4`, `a#3`).
    Number,
    /// A name found in the function table.
    Function,
    /// The name of a keyword argument (`q` in `q:0.8`).
    Keyword,
    /// A name that is not a known function.
    Name,
    /// `# $ + - * / . <~ ~> |+ ...`.
    Operator,
    /// `( ) [ ] , :`.
    Punctuation,
}

/// A token: `kind` covers `start..end`, byte offsets in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

fn ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '\''
}

/// Whether `name` followed by `:` at the start of a statement names an output.
fn is_output_name(name: &str) -> bool {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = name.strip_prefix("out") {
        return digits(rest);
    }
    for p in ["o", "d"] {
        if let Some(rest) = name.strip_prefix(p) {
            return !rest.is_empty() && digits(rest);
        }
    }
    false
}

fn is_note_name(word: &str) -> bool {
    crate::pattern::notes::note_with_octave(word).is_some()
}

/// Byte length of the number starting at `s` (digits, a fraction, an exponent; `0x` hex), or 0.
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() > 2 && b[0] == b'0' && b[1] == b'x' && b[2].is_ascii_hexdigit() {
        return 2 + b[2..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
    }
    let mut i = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if i < b.len() && b[i] == b'.' && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    if i == 0 {
        return 0;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp > 0 {
            i = j + exp;
        }
    }
    i
}

/// Every token of `src`, in order. Whitespace is not a token; text the scanner does not
/// recognise (a stray `&`) is left out too, so callers draw it plainly.
pub fn tokens(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        scan_line(line.trim_end_matches(['\n', '\r']), offset, &mut out);
        offset += line.len();
    }
    out
}

/// The token that contains byte `offset` (or ends right at it), if any.
pub fn token_at(tokens: &[Token], offset: usize) -> Option<Token> {
    let i = tokens.partition_point(|t| t.end < offset);
    tokens[i..].iter().take_while(|t| t.start <= offset).find(|t| t.start <= offset && offset <= t.end).copied()
}

fn scan_line(line: &str, base: usize, out: &mut Vec<Token>) {
    let push =
        |out: &mut Vec<Token>, s: usize, e: usize, kind| out.push(Token { start: base + s, end: base + e, kind });
    let mut i = 0;
    // The statement head: `name:` or `d1 $` in the first column names an output or a setting.
    if let Some(c) = line.chars().next() {
        if ident_start(c) {
            let n = line.find(|c: char| !ident_char(c)).unwrap_or(line.len());
            let name = &line[..n];
            let rest = line[n..].trim_start();
            let head = if rest.starts_with(':') && !rest.starts_with("::") {
                if is_output_name(name) {
                    Some(TokenKind::Output)
                } else if crate::controls::setting(name).is_some() {
                    Some(TokenKind::Setting)
                } else {
                    None
                }
            } else if is_output_name(name) && name.starts_with('d') {
                // `d1 $ ...`, and Tidal's `d1 silence`.
                Some(TokenKind::Output)
            } else if name != "p" && super::lines::TIDAL_STATEMENTS.contains(&name) {
                // Tidal's statements: `setcps 0.5`, `let x = ...`, `once $ ...`, `do`.
                Some(TokenKind::Setting)
            } else if rest.is_empty() || rest.starts_with("--") {
                matches!(name, "hush" | "panic").then_some(TokenKind::Setting)
            } else {
                None
            };
            if let Some(kind) = head {
                push(out, 0, n, kind);
                i = n;
            }
        }
    }
    let bytes = line.as_bytes();
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if rest.starts_with("--") {
            push(out, i, line.len(), TokenKind::Comment);
            return;
        }
        if c == '"' {
            let close = rest[1..].find('"').map(|k| i + 1 + k);
            push(out, i, i + 1, TokenKind::StringQuote);
            let body_end = close.unwrap_or(line.len());
            scan_mini(&line[i + 1..body_end], base + i + 1, out);
            match close {
                Some(k) => {
                    push(out, k, k + 1, TokenKind::StringQuote);
                    i = k + 1;
                }
                None => return,
            }
            continue;
        }
        if c == '~' && rest[1..].starts_with(ident_start) {
            let n = 1 + rest[1..].find(|c: char| !ident_char(c)).unwrap_or(rest.len() - 1);
            push(out, i, i + n, TokenKind::Bus);
            i += n;
            continue;
        }
        let n = number_len(rest);
        if n > 0 && !rest[n..].starts_with(ident_char) {
            push(out, i, i + n, TokenKind::Number);
            i += n;
            continue;
        }
        if c == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            let n = 1 + number_len(&rest[1..]);
            push(out, i, i + n, TokenKind::Number);
            i += n;
            continue;
        }
        if ident_start(c) {
            let n = rest.find(|c: char| !ident_char(c)).unwrap_or(rest.len());
            let word = &rest[..n];
            let kwarg = rest[n..].starts_with(':');
            let kind = if kwarg {
                TokenKind::Keyword
            } else if is_note_name(word) {
                TokenKind::Number
            } else if !registry::lookup(word).is_empty() {
                TokenKind::Function
            } else {
                TokenKind::Name
            };
            push(out, i, i + n, kind);
            i += n;
            continue;
        }
        if "()[],:".contains(c) {
            push(out, i, i + 1, TokenKind::Punctuation);
            i += 1;
            continue;
        }
        if "#$+-*/%|<>.~".contains(c) {
            let n = bytes[i..].iter().take_while(|b| b"#$+-*/%|<>.~".contains(b)).count();
            // `--` starts a comment even right after an operator.
            let n = rest[..n].find("--").filter(|&k| k > 0).unwrap_or(n);
            push(out, i, i + n, TokenKind::Operator);
            i += n;
            continue;
        }
        i += c.len_utf8();
    }
}

/// Tokens inside a mini-notation string (`body` starts at byte `base` of the program).
fn scan_mini(body: &str, base: usize, out: &mut Vec<Token>) {
    let mut i = 0;
    let push =
        |out: &mut Vec<Token>, s: usize, e: usize, kind| out.push(Token { start: base + s, end: base + e, kind });
    while i < body.len() {
        let rest = &body[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let signed = (c == '-' || c == '.') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
        if c.is_ascii_digit() || signed {
            let n = if c.is_ascii_digit() { number_len(rest) } else { 1 + number_len(&rest[1..]) };
            push(out, i, i + n, TokenKind::MiniNumber);
            i += n;
            continue;
        }
        if c.is_alphanumeric() || c == '_' && rest.len() > 1 && rest[1..].starts_with(char::is_alphanumeric) {
            let n = rest.find(|c: char| !(c.is_alphanumeric() || "_:'#-.".contains(c))).unwrap_or(rest.len());
            // A trailing `.` or `-` belongs to the structure, not the word.
            let word = rest[..n].trim_end_matches(['.', '-']);
            push(out, i, i + word.len(), TokenKind::MiniWord);
            i += word.len().max(1);
            continue;
        }
        push(out, i, i + c.len_utf8(), TokenKind::MiniOperator);
        i += c.len_utf8();
    }
}

/// The identifier that ends at byte `cursor` (what the user is typing), as `(start, text)`.
/// `None` inside comments and strings, and after a `~` (bus names are not functions).
pub fn word_before(src: &str, cursor: usize) -> Option<(usize, &str)> {
    if cursor > src.len() || !src.is_char_boundary(cursor) {
        return None;
    }
    let before = &src[..cursor];
    let start =
        before.rfind(|c: char| !ident_char(c)).map(|k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    let start = start.unwrap_or(0);
    let word = &src[start..cursor];
    if word.is_empty() || !word.starts_with(ident_start) || before[..start].ends_with('~') {
        return None;
    }
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let toks = {
        let mut v = Vec::new();
        scan_line(&src[line_start..start], line_start, &mut v);
        v
    };
    // Inside a comment, or an unclosed string, on this line?
    let in_comment = toks.iter().any(|t| t.kind == TokenKind::Comment);
    let quotes = toks.iter().filter(|t| t.kind == TokenKind::StringQuote).count();
    if in_comment || quotes % 2 == 1 {
        return None;
    }
    Some((start, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(&str, TokenKind)> {
        tokens(src).into_iter().map(|t| (&src[t.start..t.end], t.kind)).collect()
    }

    #[test]
    fn statement_heads_and_expressions() {
        use TokenKind::*;
        let k = kinds("~bass: sine \"55 <73 98>\" # lpf 800 q:0.8 -- low\nout1: ~bass * 0.5\n");
        assert_eq!(
            k,
            vec![
                ("~bass", Bus),
                (":", Punctuation),
                ("sine", Function),
                ("\"", StringQuote),
                ("55", MiniNumber),
                ("<", MiniOperator),
                ("73", MiniNumber),
                ("98", MiniNumber),
                (">", MiniOperator),
                ("\"", StringQuote),
                ("#", Operator),
                ("lpf", Function),
                ("800", Number),
                ("q", Keyword),
                (":", Punctuation),
                ("0.8", Number),
                ("-- low", Comment),
                ("out1", Output),
                (":", Punctuation),
                ("~bass", Bus),
                ("*", Operator),
                ("0.5", Number),
            ]
        );
    }

    #[test]
    fn settings_commands_and_tidal_outputs() {
        use TokenKind::*;
        assert_eq!(kinds("tempo: 0.5")[0], ("tempo", Setting));
        assert_eq!(kinds("hush")[0], ("hush", Setting));
        assert_eq!(kinds("d1 $ s \"bd\"")[0], ("d1", Output));
        assert_eq!(kinds("d1 $ s \"bd\"")[1], ("$", Operator));
        assert_eq!(kinds("d2 silence")[0], ("d2", Output));
        assert_eq!(kinds("setcps 0.5")[0], ("setcps", Setting));
        assert_eq!(kinds("let pat = \"bd\"")[0], ("let", Setting));
        // Not at the start of a line: an ordinary name.
        assert_eq!(kinds("  out: 1")[0], ("out", Keyword));
    }

    #[test]
    fn mini_notation_words() {
        use TokenKind::*;
        let k = kinds("s \"bd*2 [sn:3 ~] c4'maj . hh?0.3\"");
        let words: Vec<&str> = k.iter().filter(|(_, k)| *k == MiniWord).map(|(s, _)| *s).collect();
        assert_eq!(words, vec!["bd", "sn:3", "c4'maj", "hh"]);
        assert!(k.contains(&("~", MiniOperator)));
        assert!(k.contains(&("0.3", MiniNumber)));
        assert!(k.contains(&(".", MiniOperator)));
    }

    #[test]
    fn broken_programs_still_tokenise() {
        use TokenKind::*;
        // An unclosed string runs to the end of its line only.
        let k = kinds("out: s \"bd sn\nout2: sine 2");
        assert!(k.contains(&("out2", Output)));
        assert!(k.contains(&("sine", Function)));
        // Stray characters are skipped, never panic.
        for src in ["&&& \"", "~", "\"", "-", "1e", "0x", "é~ü \"ß\" --", "out:", "(((", ".5.5"] {
            for t in tokens(src) {
                assert!(t.start < t.end && t.end <= src.len(), "{src:?}: {t:?}");
                assert!(src.is_char_boundary(t.start) && src.is_char_boundary(t.end));
            }
        }
    }

    #[test]
    fn notes_and_numbers() {
        use TokenKind::*;
        assert_eq!(kinds("sine c4")[1], ("c4", Number));
        assert_eq!(kinds("x 1e3")[1], ("1e3", Number));
        assert_eq!(kinds("x .5")[1], (".5", Number));
        assert_eq!(kinds("x 0x1F")[1], ("0x1F", Number));
        assert_eq!(kinds("foo")[0], ("foo", Name));
    }

    #[test]
    fn word_before_cursor() {
        let src = "out: sin -- sin\n~a: s \"sin";
        assert_eq!(word_before(src, 8), Some((5, "sin")));
        assert_eq!(word_before(src, 15), None); // in a comment
        assert_eq!(word_before(src, src.len()), None); // in a string
        assert_eq!(word_before("~ab", 3), None); // a bus name
        assert_eq!(word_before("out: ", 5), None);
    }

    #[test]
    fn token_lookup() {
        let src = "out: sine 440";
        let t = tokens(src);
        assert_eq!(token_at(&t, 6).map(|t| t.kind), Some(TokenKind::Function));
        assert_eq!(token_at(&t, 9).map(|t| t.kind), Some(TokenKind::Function)); // right after
        assert_eq!(token_at(&t, 11).map(|t| t.kind), Some(TokenKind::Number));
    }
}
