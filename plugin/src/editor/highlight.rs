//! Colours for program text: the engine's token spans turned into an egui layout, with error
//! underlines and find matches on top.

use super::theme::Palette;
use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontId, Stroke};
use phonon_engine::lang::highlight::{tokens, TokenKind};
use std::ops::Range;

/// Messages and error states outside the code (status bar, toolbar).
pub const ERROR: Color32 = Color32::from_rgb(255, 96, 96);

/// What to draw over the coloured text.
#[derive(Default, Clone, Copy)]
pub struct Marks<'a> {
    /// Byte ranges of compile errors (underlined).
    pub errors: &'a [Range<usize>],
    /// Byte ranges of find matches (highlighted), and which one is current.
    pub matches: &'a [Range<usize>],
    pub current_match: Option<usize>,
    /// Byte ranges of the words sounding now (lit).
    pub playing: &'a [Range<usize>],
}

fn overlaps(r: &Range<usize>, s: usize, e: usize) -> bool {
    r.start < e && s < r.end.max(r.start + 1)
}

/// The coloured layout of `text`.
pub fn layout_job(text: &str, font: FontId, marks: Marks, palette: &Palette) -> LayoutJob {
    let toks = tokens(text);
    // Every place where the format may change.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for t in &toks {
        cuts.extend([t.start, t.end]);
    }
    for r in marks.errors.iter().chain(marks.matches).chain(marks.playing) {
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
            color: kind.map_or(palette.text, |k| palette.token(k)),
            italics: kind == Some(TokenKind::Comment),
            ..Default::default()
        };
        if marks.playing.iter().any(|r| overlaps(r, s, e)) {
            format.background = palette.playing_bg;
        }
        if marks.errors.iter().any(|r| overlaps(r, s, e)) {
            format.underline = Stroke::new(1.5, palette.error);
            format.background = palette.error_bg;
        }
        if let Some(i) = marks.matches.iter().position(|r| overlaps(r, s, e)) {
            format.background =
                if Some(i) == marks.current_match { palette.current_match_bg } else { palette.match_bg };
        }
        job.sections.push(LayoutSection { leading_space: 0.0, byte_range: ByteIndex(s)..ByteIndex(e), format });
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Theme;

    fn pal() -> Palette {
        Palette::of(Theme::Dark)
    }

    fn color(k: TokenKind) -> Color32 {
        pal().token(k)
    }

    fn section_color(job: &LayoutJob, text: &str, needle: &str) -> Color32 {
        let at = text.find(needle).unwrap();
        job.sections.iter().find(|s| s.byte_range.contains(&ByteIndex(at))).unwrap().format.color
    }

    #[test]
    fn colours_follow_token_kinds() {
        let text = "-- hi\n~a: s \"bd\" # lpf 800\nout: ~a\n";
        let job = layout_job(text, FontId::monospace(14.0), Marks::default(), &pal());
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
            Marks { errors: &errors, matches: &matches, current_match: Some(0), ..Default::default() },
            &pal(),
        );
        for s in &job.sections {
            let in_error = s.byte_range.start.0 >= 5 && s.byte_range.end.0 <= 10;
            assert_eq!(s.format.underline.width > 0.0, in_error, "{:?}", s.byte_range);
            let in_match = s.byte_range.start.0 >= 11;
            assert_eq!(s.format.background == pal().current_match_bg, in_match);
        }
        // An empty span (an error at the end of the text) still marks a character.
        let job = layout_job("out:", FontId::monospace(14.0), Marks { errors: &[3..3], ..Default::default() }, &pal());
        assert!(job.sections.iter().any(|s| s.format.underline.width > 0.0));
    }

    #[test]
    fn playing_words_are_lit() {
        let text = "out: s \"bd sn\"";
        let job = layout_job(text, FontId::monospace(14.0), Marks { playing: &[11..13], ..Default::default() }, &pal());
        for s in &job.sections {
            let lit = s.byte_range.start.0 >= 11 && s.byte_range.end.0 <= 13;
            assert_eq!(s.format.background == pal().playing_bg, lit, "{:?}", s.byte_range);
        }
    }
}
