//! Mini-notation: the strings of patterns (`"bd*2 [sn cp] <hh oh>"`).

use super::core::{fastcat, pure, silence, slowcat};
use super::{Pattern, Value};

/// A mini-notation error: byte offset and length within the string, and what was expected.
#[derive(Clone, Debug, PartialEq)]
pub struct MiniError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

/// Parse a mini-notation string into a pattern.
pub fn parse(src: &str) -> Result<Pattern, MiniError> {
    let mut p = Seq { src, pos: 0 };
    let pat = p.sequence(None)?;
    if p.pos < src.len() {
        return Err(MiniError { offset: p.pos, len: 1, message: format!("unexpected '{}'", &src[p.pos..p.pos + 1]) });
    }
    Ok(pat)
}

struct Seq<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Seq<'a> {
    fn skip_ws(&mut self) {
        while self.src[self.pos..].starts_with(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn sequence(&mut self, close: Option<char>) -> Result<Pattern, MiniError> {
        let mut steps = Vec::new();
        loop {
            self.skip_ws();
            let Some(c) = self.src[self.pos..].chars().next() else { break };
            if Some(c) == close {
                break;
            }
            steps.push(self.step()?);
        }
        Ok(fastcat(steps))
    }

    fn step(&mut self) -> Result<Pattern, MiniError> {
        let start = self.pos;
        let c = self.src[self.pos..].chars().next().unwrap_or(' ');
        match c {
            '[' | '<' => {
                self.pos += 1;
                let close = if c == '[' { ']' } else { '>' };
                let inner = if c == '[' {
                    self.sequence(Some(close))?
                } else {
                    let mut alts = Vec::new();
                    loop {
                        self.skip_ws();
                        match self.src[self.pos..].chars().next() {
                            Some(ch) if ch == close => break,
                            Some(_) => alts.push(self.step()?),
                            None => break,
                        }
                    }
                    slowcat(alts)
                };
                if !self.src[self.pos..].starts_with(close) {
                    return Err(MiniError {
                        offset: start,
                        len: 1,
                        message: format!("expected '{close}' to close '{c}'"),
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            '~' => {
                self.pos += 1;
                Ok(silence())
            }
            _ => {
                let end = self.src[self.pos..]
                    .find(|ch: char| ch.is_whitespace() || "[]<>".contains(ch))
                    .map(|i| self.pos + i)
                    .unwrap_or(self.src.len());
                if end == self.pos {
                    return Err(MiniError { offset: self.pos, len: 1, message: format!("unexpected '{c}'") });
                }
                let word = &self.src[self.pos..end];
                self.pos = end;
                Ok(pure(match word.parse::<f64>() {
                    Ok(x) => Value::Num(x),
                    Err(_) => Value::sym(word),
                }))
            }
        }
    }
}

/// The words of a mini-notation string with their byte offsets and lengths (`bd:3` is one
/// word). The compiler checks sample names with this, pointing at the exact word.
pub fn atoms(src: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in src.char_indices().chain(std::iter::once((src.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == ':' || c == '_' || c == '.' || c == '#' || c == '\'';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = &src[s..i];
                // Skip the numbers of `*2`, `(3,8)`, `@3`, `!2`, `?0.5`, `%4`.
                let prev = src[..s].chars().next_back();
                if !matches!(prev, Some('*' | '/' | '@' | '!' | '?' | '%' | '(' | ',')) {
                    out.push((s, i - s, w.to_string()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}
