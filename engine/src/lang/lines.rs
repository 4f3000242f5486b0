//! Splitting a program into statements.
//!
//! One statement per line; a line that starts with whitespace, `#`, `$`, `.` or a binary
//! operator continues the previous statement. Blank and comment-only lines separate nothing
//! and belong to nothing.

/// A statement's byte range in the program text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementRange {
    pub start: usize,
    pub end: usize,
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

/// Statement ranges, in order.
pub fn split(src: &str) -> Vec<StatementRange> {
    let mut out: Vec<StatementRange> = Vec::new();
    let mut offset = 0;
    for raw in src.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if is_blank_or_comment(line) {
            continue;
        }
        let end = start + line.len();
        match out.last_mut() {
            Some(last) if continues(line) => last.end = end,
            _ => out.push(StatementRange { start, end }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
