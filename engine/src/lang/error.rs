//! Diagnostics: what went wrong, where, and what was expected.

use super::ast::SrcSpan;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub span: SrcSpan,
    pub message: String,
}

impl Diagnostic {
    pub fn new(span: SrcSpan, message: impl Into<String>) -> Diagnostic {
        Diagnostic { span, message: message.into() }
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self, src: &str) -> (usize, usize) {
        line_col(src, self.span.start)
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the source line, and a caret under the span.
    pub fn render(&self, file: &str, src: &str) -> String {
        self.render_as("error", file, src)
    }

    /// [`Diagnostic::render`] for a warning: `FILE:LINE:COL: warning: MESSAGE`.
    pub fn render_warning(&self, file: &str, src: &str) -> String {
        self.render_as("warning", file, src)
    }

    fn render_as(&self, kind: &str, file: &str, src: &str) -> String {
        let (line, col) = self.line_col(src);
        let text = src.lines().nth(line - 1).unwrap_or("");
        let width = {
            let line_start = line_start(src, self.span.start);
            let line_end = line_start + text.len();
            let end = self.span.end.clamp(self.span.start, line_end.max(self.span.start));
            src.get(self.span.start..end).map(|s| s.chars().count()).unwrap_or(1).max(1)
        };
        let pad: String = text.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        format!(
            "{file}:{line}:{col}: {kind}: {}\n    {text}\n    {pad}{}",
            self.message,
            "^".repeat(width.min(text.chars().count().saturating_sub(col - 1).max(1)))
        )
    }
}

fn line_start(src: &str, offset: usize) -> usize {
    let offset = offset.min(src.len());
    src[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[line_start(src, offset)..].chars().count() + 1;
    (line, col)
}

/// Every diagnostic of a failed compile.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn one(span: SrcSpan, message: impl Into<String>) -> Errors {
        Errors(vec![Diagnostic::new(span, message)])
    }

    pub fn render(&self, file: &str, src: &str) -> String {
        self.0.iter().map(|d| d.render(file, src)).collect::<Vec<_>>().join("\n")
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}..{}: {}", d.span.start, d.span.end, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret() {
        let src = "tempo: 1\nout: sinee 440\n";
        let d = Diagnostic::new(SrcSpan::new(14, 19), "unknown function 'sinee'");
        let r = d.render("x.ph", src);
        assert_eq!(r, "x.ph:2:6: error: unknown function 'sinee'\n    out: sinee 440\n         ^^^^^");
    }
}
