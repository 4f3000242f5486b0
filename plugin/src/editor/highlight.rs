//! Colours for program text: the engine's token spans turned into an egui layout, with error
//! underlines and find matches on top.

use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontId, Stroke};
use phonon_engine::lang::highlight::{tokens, TokenKind};
use std::ops::Range;

pub const TEXT: Color32 = Color32::from_rgb(214, 218, 224);
pub const ERROR: Color32 = Color32::from_rgb(255, 96, 96);
const ERROR_BG: Color32 = Color32::from_rgba_premultiplied(70, 16, 16, 70);
const MATCH_BG: Color32 = Color32::from_rgb(78, 70, 22);
const CURRENT_MATCH_BG: Color32 = Color32::from_rgb(150, 112, 20);

/// Colour of each kind of token.
pub fn color(kind: TokenKind) -> Color32 {
    match kind {
        TokenKind::Comment => Color32::from_rgb(118, 128, 140),
        TokenKind::Bus => Color32::from_rgb(86, 196, 206),
        TokenKind::Output => Color32::from_rgb(255, 160, 90),
        TokenKind::Setting => Color32::from_rgb(200, 130, 230),
        TokenKind::StringQuote => Color32::from_rgb(120, 160, 100),
        TokenKind::MiniWord => Color32::from_rgb(160, 210, 120),
        TokenKind::MiniNumber => Color32::from_rgb(226, 190, 110),
        TokenKind::MiniOperator => Color32::from_rgb(110, 150, 96),
        TokenKind::Number => Color32::from_rgb(226, 170, 110),
        TokenKind::Function => Color32::from_rgb(104, 170, 255),
        TokenKind::Keyword => Color32::from_rgb(236, 140, 160),
        TokenKind::Name => TEXT,
        TokenKind::Operator => Color32::from_rgb(200, 150, 230),
        TokenKind::Punctuation => Color32::from_rgb(150, 156, 168),
    }
}

/// What to draw over the coloured text.
#[derive(Default, Clone, Copy)]
pub struct Marks<'a> {
    /// Byte ranges of compile errors (underlined).
    pub errors: &'a [Range<usize>],
    /// Byte ranges of find matches (highlighted), and which one is current.
    pub matches: &'a [Range<usize>],
    pub current_match: Option<usize>,
}

fn overlaps(r: &Range<usize>, s: usize, e: usize) -> bool {
    r.start < e && s < r.end.max(r.start + 1)
}

/// The coloured layout of `text`.
pub fn layout_job(text: &str, font: FontId, marks: Marks) -> LayoutJob {
    let toks = tokens(text);
    // Every place where the format may change.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for t in &toks {
        cuts.extend([t.start, t.end]);
    }
    for r in marks.errors.iter().chain(marks.matches) {
        cuts.extend([r.start.min(text.len()), r.end.max(r.start + 1).min(text.len())]);
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let mut job = LayoutJob { text: text.to_string(), ..Default::default() };
    let mut tok = 0;
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        while tok < toks.len() && toks[tok].end <= s {
            tok += 1;
        }
        let kind = toks.get(tok).filter(|t| t.start <= s && e <= t.end).map(|t| t.kind);
        let mut format = TextFormat {
            font_id: font.clone(),
            color: kind.map_or(TEXT, color),
            italics: kind == Some(TokenKind::Comment),
            ..Default::default()
        };
        if marks.errors.iter().any(|r| overlaps(r, s, e)) {
            format.underline = Stroke::new(1.5, ERROR);
            format.background = ERROR_BG;
        }
        if let Some(i) = marks.matches.iter().position(|r| overlaps(r, s, e)) {
            format.background = if Some(i) == marks.current_match { CURRENT_MATCH_BG } else { MATCH_BG };
        }
        job.sections.push(LayoutSection { leading_space: 0.0, byte_range: ByteIndex(s)..ByteIndex(e), format });
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section_color(job: &LayoutJob, text: &str, needle: &str) -> Color32 {
        let at = text.find(needle).unwrap();
        job.sections.iter().find(|s| s.byte_range.contains(&ByteIndex(at))).unwrap().format.color
    }

    #[test]
    fn colours_follow_token_kinds() {
        let text = "-- hi\n~a: s \"bd\" # lpf 800\nout: ~a\n";
        let job = layout_job(text, FontId::monospace(14.0), Marks::default());
        assert_eq!(section_color(&job, text, "-- hi"), color(TokenKind::Comment));
        assert_eq!(section_color(&job, text, "~a:"), color(TokenKind::Bus));
        assert_eq!(section_color(&job, text, "bd"), color(TokenKind::MiniWord));
        assert_eq!(section_color(&job, text, "lpf"), color(TokenKind::Function));
        assert_eq!(section_color(&job, text, "800"), color(TokenKind::Number));
        assert_eq!(section_color(&job, text, "out"), color(TokenKind::Output));
        // Sections cover the text exactly once, in order.
        let mut at = 0;
        for s in &job.sections {
            assert_eq!(s.byte_range.start.0, at);
            at = s.byte_range.end.0;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn errors_are_underlined_and_matches_highlighted() {
        let text = "out: sinee 440";
        let errors = [5..10];
        let matches = [11..14];
        let job = layout_job(
            text,
            FontId::monospace(14.0),
            Marks { errors: &errors, matches: &matches, current_match: Some(0) },
        );
        for s in &job.sections {
            let in_error = s.byte_range.start.0 >= 5 && s.byte_range.end.0 <= 10;
            assert_eq!(s.format.underline.width > 0.0, in_error, "{:?}", s.byte_range);
            let in_match = s.byte_range.start.0 >= 11;
            assert_eq!(s.format.background == CURRENT_MATCH_BG, in_match);
        }
        // An empty span (an error at the end of the text) still marks a character.
        let job = layout_job("out:", FontId::monospace(14.0), Marks { errors: &[3..3], ..Default::default() });
        assert!(job.sections.iter().any(|s| s.format.underline.width > 0.0));
    }
}
