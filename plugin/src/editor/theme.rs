//! The window's colours: the code's palette per theme, the egui visuals that go with it, and
//! the contrast ratio that the high-contrast theme is held to.

use crate::state::Theme;
use egui::Color32;
use phonon_engine::lang::highlight::TokenKind;

/// Colours of the code view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Behind the code and the line numbers.
    pub code_bg: Color32,
    pub text: Color32,
    pub comment: Color32,
    pub line_number: Color32,
    pub error: Color32,
    pub error_bg: Color32,
    /// Behind an error message drawn over the code.
    pub message_bg: Color32,
    pub match_bg: Color32,
    pub current_match_bg: Color32,
    /// Behind the words of the events sounding now.
    pub playing_bg: Color32,
    pub high_contrast: bool,
}

const DARK: Palette = Palette {
    code_bg: Color32::from_rgb(14, 16, 20),
    text: Color32::from_rgb(214, 218, 224),
    comment: Color32::from_rgb(136, 146, 158),
    line_number: Color32::from_rgb(120, 128, 140),
    error: Color32::from_rgb(255, 96, 96),
    error_bg: Color32::from_rgba_premultiplied(70, 16, 16, 70),
    message_bg: Color32::from_rgb(44, 14, 16),
    match_bg: Color32::from_rgb(78, 70, 22),
    current_match_bg: Color32::from_rgb(150, 112, 20),
    playing_bg: Color32::from_rgb(28, 84, 130),
    high_contrast: false,
};

const HIGH_CONTRAST: Palette = Palette {
    code_bg: Color32::BLACK,
    text: Color32::WHITE,
    comment: Color32::from_rgb(200, 200, 200),
    line_number: Color32::from_rgb(190, 190, 190),
    error: Color32::from_rgb(255, 120, 120),
    error_bg: Color32::from_rgb(60, 0, 0),
    message_bg: Color32::from_rgb(30, 0, 0),
    match_bg: Color32::from_rgb(45, 34, 0),
    current_match_bg: Color32::from_rgb(80, 60, 0),
    playing_bg: Color32::from_rgb(0, 52, 96),
    high_contrast: true,
};

impl Default for Palette {
    fn default() -> Self {
        DARK
    }
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Dark => DARK,
            Theme::HighContrast => HIGH_CONTRAST,
        }
    }

    /// Colour of each kind of token.
    pub fn token(&self, kind: TokenKind) -> Color32 {
        if self.high_contrast {
            return match kind {
                TokenKind::Comment => self.comment,
                TokenKind::Bus => Color32::from_rgb(90, 230, 240),
                TokenKind::Output => Color32::from_rgb(255, 180, 100),
                TokenKind::Setting => Color32::from_rgb(230, 160, 255),
                TokenKind::StringQuote => Color32::from_rgb(170, 220, 140),
                TokenKind::MiniWord => Color32::from_rgb(170, 245, 130),
                TokenKind::MiniNumber => Color32::from_rgb(255, 220, 140),
                TokenKind::MiniOperator => Color32::from_rgb(160, 225, 140),
                TokenKind::Number => Color32::from_rgb(255, 200, 130),
                TokenKind::Function => Color32::from_rgb(130, 195, 255),
                TokenKind::Keyword => Color32::from_rgb(255, 160, 190),
                TokenKind::Name => self.text,
                TokenKind::Operator => Color32::from_rgb(230, 175, 255),
                TokenKind::Punctuation => Color32::from_rgb(215, 215, 215),
            };
        }
        match kind {
            TokenKind::Comment => self.comment,
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
            TokenKind::Name => self.text,
            TokenKind::Operator => Color32::from_rgb(200, 150, 230),
            TokenKind::Punctuation => Color32::from_rgb(150, 156, 168),
        }
    }

    /// Set egui's visuals for this palette (panels, widgets, the code field's background).
    pub fn apply(&self, v: &mut egui::Visuals) {
        *v = egui::Visuals::dark();
        v.extreme_bg_color = self.code_bg;
        v.text_edit_bg_color = Some(self.code_bg);
        if self.high_contrast {
            v.panel_fill = Color32::from_gray(8);
            v.window_fill = Color32::from_gray(8);
            v.faint_bg_color = Color32::from_gray(24);
            v.weak_text_color = Some(Color32::from_gray(200));
            v.hyperlink_color = Color32::from_rgb(130, 195, 255);
            for w in [
                &mut v.widgets.noninteractive,
                &mut v.widgets.inactive,
                &mut v.widgets.hovered,
                &mut v.widgets.active,
                &mut v.widgets.open,
            ] {
                w.fg_stroke.color = Color32::WHITE;
            }
            v.widgets.noninteractive.bg_stroke.color = Color32::from_gray(140);
            v.widgets.inactive.bg_fill = Color32::from_gray(40);
            v.widgets.inactive.weak_bg_fill = Color32::from_gray(40);
            v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(160));
            v.selection.bg_fill = Color32::from_rgb(30, 80, 160);
            v.selection.stroke.color = Color32::WHITE;
        }
    }
}

#[cfg(test)]
/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: Color32) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

#[cfg(test)]
/// WCAG contrast ratio between two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [TokenKind; 14] = [
        TokenKind::Comment,
        TokenKind::Bus,
        TokenKind::Output,
        TokenKind::Setting,
        TokenKind::StringQuote,
        TokenKind::MiniWord,
        TokenKind::MiniNumber,
        TokenKind::MiniOperator,
        TokenKind::Number,
        TokenKind::Function,
        TokenKind::Keyword,
        TokenKind::Name,
        TokenKind::Operator,
        TokenKind::Punctuation,
    ];

    #[test]
    fn contrast_ratio_matches_the_wcag_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic 4.48:1.
        assert!((contrast(Color32::from_gray(0x77), Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn high_contrast_holds_every_colour_to_seven_to_one() {
        let p = Palette::of(Theme::HighContrast);
        for (what, c) in
            [("comments", p.comment), ("line numbers", p.line_number), ("text", p.text), ("errors", p.error)]
        {
            let r = contrast(c, p.code_bg);
            assert!(r >= 7.0, "{what}: {r:.2}:1");
        }
        for k in KINDS {
            let r = contrast(p.token(k), p.code_bg);
            assert!(r >= 7.0, "{k:?}: {r:.2}:1");
            // Also on a find match and an error's background.
            assert!(contrast(p.token(k), p.current_match_bg) >= 4.5, "{k:?} on the current match");
            assert!(contrast(p.token(k), p.playing_bg) >= 4.5, "{k:?} lit while it plays");
        }
    }

    #[test]
    fn the_dark_theme_keeps_comments_and_line_numbers_readable() {
        let p = Palette::of(Theme::Dark);
        let comment = contrast(p.comment, p.code_bg);
        let numbers = contrast(p.line_number, p.code_bg);
        assert!(comment >= 5.5, "comments {comment:.2}:1");
        assert!(numbers >= 4.5, "line numbers {numbers:.2}:1");
        assert!(contrast(p.error, p.message_bg) >= 4.5, "messages over the code");
    }
}
