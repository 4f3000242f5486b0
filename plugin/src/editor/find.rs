//! Find in the program: a bar with the search text, every match highlighted, next and previous.

use std::ops::Range;

#[derive(Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    /// Index into the matches of the current one.
    pub current: usize,
    /// Give the search field the keyboard focus on the next frame.
    pub focus_field: bool,
}

/// Byte ranges of every case-insensitive occurrence of `query` in `text`.
pub fn matches(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    // Lowercasing may change byte lengths outside ASCII; search char by char instead.
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut k = 0;
        let mut j = i;
        while k < q.len() && j < chars.len() {
            let lower: Vec<char> = chars[j].1.to_lowercase().collect();
            if q[k..].starts_with(&lower) {
                k += lower.len();
                j += 1;
            } else {
                break;
            }
        }
        if k == q.len() {
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(chars[i].0..end);
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

impl Find {
    pub fn open(&mut self) {
        self.open = true;
        self.focus_field = true;
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    /// The matches to highlight (none while the bar is closed).
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        if self.open {
            matches(text, &self.query)
        } else {
            Vec::new()
        }
    }

    /// Move to the next (or previous) match; returns it.
    pub fn step(&mut self, text: &str, forward: bool) -> Option<Range<usize>> {
        let m = self.matches(text);
        if m.is_empty() {
            return None;
        }
        self.current = if forward { (self.current + 1) % m.len() } else { (self.current + m.len() - 1) % m.len() };
        m.get(self.current).cloned()
    }

    /// The current match, kept in range as the text changes.
    pub fn current(&mut self, text: &str) -> Option<Range<usize>> {
        let m = self.matches(text);
        if m.is_empty() {
            return None;
        }
        self.current = self.current.min(m.len() - 1);
        m.get(self.current).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let text = "~bass: saw 55\nout: ~Bass # LPF 800 # lpf 900";
        assert_eq!(matches(text, "bass").len(), 2);
        let m = matches(text, "lpf");
        assert_eq!(m.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), vec!["LPF", "lpf"]);
        assert!(matches(text, "").is_empty());
        assert!(matches(text, "zzz").is_empty());
        assert_eq!(matches("aaaa", "aa").len(), 2); // matches do not overlap
        assert_eq!(matches("ÉÉé", "é").len(), 3);
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let mut f = Find { open: true, query: "a".into(), ..Default::default() };
        let text = "a b a c a";
        assert_eq!(f.step(text, true), Some(4..5));
        assert_eq!(f.step(text, true), Some(8..9));
        assert_eq!(f.step(text, true), Some(0..1));
        assert_eq!(f.step(text, false), Some(8..9));
        f.close();
        assert!(f.matches(text).is_empty());
    }
}
