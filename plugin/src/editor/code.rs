//! The code view: the program text with line numbers, colours, error underlines and messages
//! beside their lines, find, completion and hover help.

use super::completion::{self, Completion};
use super::find::Find;
use super::highlight::{self, Marks};
use super::host::EditorError;
use super::theme::Palette;
use egui::text::{CCursor, CCursorRange};
use egui::{FontId, Key, KeyboardShortcut, Modifiers, Rect, Sense, Vec2};
use phonon_engine::lang::highlight::{token_at, tokens, TokenKind};
use std::ops::Range;

/// Accessible name of the code editor (headless tests find it by this).
pub const CODE_HINT: &str = "Phonon program";
/// Space between the line numbers and the text, and around the text, in points at 100 %.
const PAD: f32 = 8.0;

pub const EVALUATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map_or_else(|| text.chars().count(), |s| s.chars().count())
}

pub fn char_to_byte(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b)
}

/// The char boundary at or before byte `b` (the text may have changed under an old offset).
pub fn floor_char_boundary(text: &str, b: usize) -> usize {
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    phonon_engine::lang::line_col(text, byte)
}

/// The span to mark for an error: inside the text, on character boundaries, at least one
/// character wide where the text allows (an error at the very end marks the last character).
pub fn visible_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let fix = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let (mut s, mut e) = (fix(span.start), fix(span.end.max(span.start)));
    if s == e {
        if let Some(c) = text[s..].chars().next().filter(|c| *c != '\n') {
            e = s + c.len_utf8();
        } else if let Some(c) = text[..s].chars().next_back().filter(|c| *c != '\n') {
            s -= c.len_utf8();
        }
    }
    s..e
}

/// Where an edit from `old` to `new` happened: it replaced `old[prefix..old_end]` with
/// `new[prefix..new_end]` (the longest common prefix and suffix stay).
pub fn edit_bounds(old: &str, new: &str) -> (usize, usize, usize) {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    (prefix, old.len() - suffix, new.len() - suffix)
}

/// Move error spans along with an edit from `old` to `new`, so underlines stay on the text they
/// were about while the user types elsewhere. An error whose text the edit changed is dropped:
/// it was about text that is gone, and marking the new text with it would be a lie.
pub fn shift_spans(old: &str, new: &str, errors: &mut Vec<EditorError>) {
    let (prefix, old_end, new_end) = edit_bounds(old, new);
    // Text inserted exactly at an error's start goes before it; at its end, after it.
    let map_start = |b: usize| {
        if b < prefix || (b == prefix && b < old_end) {
            b
        } else if b >= old_end {
            b - old_end + new_end
        } else {
            new_end.min(b)
        }
    };
    let map_end = |b: usize| {
        if b <= prefix {
            b
        } else if b >= old_end {
            b - old_end + new_end
        } else {
            new_end.min(b)
        }
    };
    // The edit replaced old[prefix..old_end]; an error touching the inside of that is stale.
    errors.retain(|e| {
        let (s, t) = (e.span.start, e.span.end.max(e.span.start + 1));
        let replaced = old_end > prefix && s < old_end && prefix < t;
        let inserted_inside = old_end == prefix && s < prefix && prefix < e.span.end;
        !(replaced || inserted_inside)
    });
    for e in errors {
        let start = map_start(e.span.start);
        e.span = start..map_end(e.span.end).max(start);
    }
}

#[derive(Default)]
pub struct CodeView {
    pub text: String,
    /// Errors of the last evaluation, moved along with edits.
    pub errors: Vec<EditorError>,
    pub find: Find,
    pub completion: Option<Completion>,
    pub font_size: f32,
    /// Whole-window zoom (the code font scales with it).
    pub zoom: f32,
    pub palette: Palette,
    /// Byte ranges of the words sounding now (lit while they play).
    pub playing: Vec<Range<usize>>,
    /// Byte offset of the text cursor after the last frame.
    pub cursor: Option<usize>,
    /// A selection to give the text field on the next frame (find, error jumps).
    select: Option<Range<usize>>,
    /// Give the text field the keyboard focus on the next frame.
    focus: bool,
    /// Scroll this byte offset into view on the next frame without moving the cursor (find).
    reveal: Option<usize>,
}

/// What happened in the code view this frame.
#[derive(Default)]
pub struct CodeResponse {
    pub changed: bool,
    pub evaluate: bool,
    /// The text field has the keyboard focus.
    pub editing: bool,
}

impl CodeView {
    pub fn new(text: String, font_size: f32, palette: Palette) -> CodeView {
        CodeView { text, font_size, zoom: 1.0, palette, ..Default::default() }
    }

    /// Code font size in points, zoom included.
    pub fn font_px(&self) -> f32 {
        self.font_size * self.zoom
    }

    /// Select `range`, scroll it into view and give the code the keyboard focus.
    pub fn select(&mut self, range: Range<usize>) {
        self.select = Some(range);
        self.focus = true;
    }

    /// Scroll to a byte offset, leaving the cursor and the keyboard focus where they are (find
    /// shows its matches this way, so typing in the find field never edits the code).
    pub fn reveal(&mut self, at: usize) {
        self.reveal = Some(at);
    }

    /// Put `s` at the cursor (the end when the code never had one) and give the code the
    /// keyboard focus with the cursor after it.
    pub fn insert_at_cursor(&mut self, s: &str) {
        let at = floor_char_boundary(&self.text, self.cursor.unwrap_or(self.text.len()));
        let before = self.text.clone();
        self.text.insert_str(at, s);
        shift_spans(&before, &self.text, &mut self.errors);
        self.completion = None;
        self.select(at + s.len()..at + s.len());
    }

    /// Give the code the keyboard focus on the next frame.
    pub fn take_focus(&mut self) {
        self.focus = true;
    }

    /// Replace the whole text (presets); the text field's undo history keeps the old one.
    pub fn replace(&mut self, text: String) {
        self.text = text;
        self.errors.clear();
        self.completion = None;
        self.select(0..0);
    }

    fn keys(&mut self, ui: &mut egui::Ui, resp: &mut CodeResponse) {
        let completing = self.completion.is_some();
        ui.input_mut(|i| {
            if i.consume_shortcut(&EVALUATE) {
                resp.evaluate = true;
            }
            if i.consume_shortcut(&FIND) {
                self.find.open();
            }
            if completing {
                let c = self.completion.as_mut().expect("completing");
                if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                    c.next();
                }
                if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                    c.previous();
                }
            }
        });
        // Tab accepts; Enter only a choice made with the arrows (after a name typed in full,
        // Enter starts a new line).
        if let Some(c) = &self.completion {
            let navigated = c.navigated;
            let accept = ui.input_mut(|i| {
                i.consume_key(Modifiers::NONE, Key::Tab) || (navigated && i.consume_key(Modifiers::NONE, Key::Enter))
            });
            if accept {
                self.accept_completion();
            }
        }
    }

    fn accept_completion(&mut self) {
        if let Some(c) = self.completion.take() {
            let before = self.text.clone();
            let end = c.apply(&mut self.text);
            shift_spans(&before, &self.text, &mut self.errors);
            self.select = Some(end..end);
            self.focus = true;
        }
    }

    /// Draw the view; fills the space it is given.
    pub fn show(&mut self, ui: &mut egui::Ui) -> CodeResponse {
        let mut resp = CodeResponse::default();
        self.keys(ui, &mut resp);
        let font = FontId::monospace(self.font_px());
        let palette = self.palette;

        let error_spans: Vec<Range<usize>> = self.errors.iter().map(|e| visible_span(&self.text, &e.span)).collect();
        let matches = self.find.matches(&self.text);
        let current_match = (!matches.is_empty()).then(|| self.find.current.min(matches.len() - 1));
        let before = self.text.clone();
        let id = ui.make_persistent_id("program");

        // A pending selection goes into the text field's state before it draws.
        let mut scroll_to = None;
        if let Some(sel) = self.select.take() {
            let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            let (a, b) = (byte_to_char(&self.text, sel.start), byte_to_char(&self.text, sel.end));
            state.cursor.set_char_range(Some(CCursorRange::two(CCursor::new(a), CCursor::new(b))));
            state.store(ui.ctx(), id);
            scroll_to = Some(a);
        }
        if let Some(at) = self.reveal.take() {
            scroll_to = Some(byte_to_char(&self.text, at));
        }
        if std::mem::take(&mut self.focus) {
            ui.memory_mut(|m| m.request_focus(id));
        }

        let gutter = self.gutter_width(ui);
        let output = egui::ScrollArea::both()
            .id_salt("code scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let font = font.clone();
                let (playing, shown) = (&self.playing, &before);
                let mut layouter = move |ui: &egui::Ui, buf: &dyn egui::TextBuffer, _wrap: f32| {
                    // Lit words are ranges of the text as it was before this frame's keys: a
                    // text just edited is not lit until they are mapped into it.
                    let playing = if buf.as_str() == shown.as_str() { &playing[..] } else { &[] };
                    let marks = Marks { errors: &error_spans, matches: &matches, current_match, playing };
                    let job = highlight::layout_job(buf.as_str(), font.clone(), marks, &palette);
                    ui.fonts_mut(|f| f.layout_job(job))
                };
                let pad = (PAD * self.zoom).round();
                let margin = pad.min(120.0) as i8;
                let out = ui
                    .horizontal_top(|ui| {
                        ui.spacing_mut().item_spacing.x = 0.0;
                        // The line numbers are drawn over this space, pinned to the left edge.
                        ui.add_space(gutter);
                        egui::TextEdit::multiline(&mut self.text)
                            .id(id)
                            .code_editor()
                            // Escape never takes the keyboard away from the code.
                            .event_filter(egui::EventFilter {
                                tab: true,
                                horizontal_arrows: true,
                                vertical_arrows: true,
                                escape: true,
                            })
                            .hint_text(CODE_HINT)
                            .desired_width(f32::INFINITY)
                            .desired_rows(4)
                            .min_size(egui::vec2(0.0, ui.available_height()))
                            .margin(egui::Margin { left: margin, right: margin, top: 6, bottom: 6 })
                            .layouter(&mut layouter)
                            .show(ui)
                    })
                    .inner;
                if let Some(c) = scroll_to {
                    let r = out.galley.pos_from_cursor(CCursor::new(c)).translate(out.galley_pos.to_vec2());
                    ui.scroll_to_rect(r.expand(self.font_px() * 2.0), Some(egui::Align::Center));
                }
                self.decorate(ui, &out, gutter);
                out
            })
            .inner;

        resp.editing = output.response.response.has_focus();
        // The last cursor is kept while another field has the keys (the reference inserts there).
        if let Some(r) = output.cursor_range {
            self.cursor = Some(char_to_byte(&self.text, r.primary.index.0));
        } else if let Some(c) = self.cursor {
            self.cursor = Some(floor_char_boundary(&self.text, c));
        }
        if self.text != before {
            resp.changed = true;
            shift_spans(&before, &self.text, &mut self.errors);
            self.completion = self.typed_name(&before).and_then(|cursor| Completion::at(&self.text, cursor));
        } else if let (Some(c), Some(cur)) = (&self.completion, self.cursor) {
            if cur != c.end {
                self.completion = None; // the cursor moved away
            }
        }
        if !resp.editing && output.response.response.lost_focus() {
            self.completion = None;
        }
        self.completion_popup(ui, &output);
        self.hover_help(&output);
        resp
    }

    /// The cursor, if the last edit typed part of a name (not a deletion or a paste).
    fn typed_name(&self, before: &str) -> Option<usize> {
        let cursor = self.cursor?;
        let grew = self.text.len() > before.len() && self.text.len() - before.len() <= 4;
        let last = self.text[..cursor].chars().next_back()?;
        (grew && (last.is_ascii_alphanumeric() || last == '_')).then_some(cursor)
    }

    /// Width of the line-number gutter: the widest number and some room.
    fn gutter_width(&self, ui: &egui::Ui) -> f32 {
        let digits = (self.text.lines().count().max(1) as f32).log10().floor() as usize + 1;
        let w = ui.fonts_mut(|f| f.glyph_width(&self.small_font(), '0'));
        (w * (digits.max(2) as f32 + 1.0) + PAD * self.zoom).round()
    }

    fn small_font(&self) -> FontId {
        FontId::monospace((self.font_px() * 0.85).max(8.0))
    }

    /// Line numbers pinned to the left of the visible area (horizontal scrolling moves the code
    /// under them, never them), and each error's message where it fits in view.
    fn decorate(&self, ui: &mut egui::Ui, out: &egui::text_edit::TextEditOutput, gutter: f32) {
        let galley = &out.galley;
        let origin = out.galley_pos;
        let view = ui.clip_rect();
        let small = self.small_font();
        let pad = PAD * self.zoom;
        // First row of each line, by line number.
        let mut line_rows: Vec<usize> = Vec::new();
        for i in 0..galley.rows.len() {
            if i == 0 || galley.rows[i - 1].ends_with_newline {
                line_rows.push(i);
            }
        }
        let gutter_rect = Rect::from_min_max(view.left_top(), egui::pos2(view.left() + gutter, view.bottom()));
        ui.painter().rect_filled(gutter_rect, 0.0, self.palette.code_bg);
        let edge = gutter_rect.right() - pad * 0.5;
        ui.painter().vline(edge, gutter_rect.y_range(), (1.0, self.palette.line_number.gamma_multiply(0.35)));
        for (line, &r) in line_rows.iter().enumerate() {
            let row = galley.rows[r].rect().translate(origin.to_vec2());
            if row.bottom() < view.top() || row.top() > view.bottom() {
                continue;
            }
            let rect = Rect::from_min_max(
                egui::pos2(view.left(), row.top()),
                egui::pos2(view.left() + gutter - pad, row.bottom()),
            );
            ui.put(
                rect,
                egui::Label::new(
                    egui::RichText::new((line + 1).to_string()).font(small.clone()).color(self.palette.line_number),
                )
                .selectable(false)
                .halign(egui::Align::Max)
                .sense(Sense::hover()),
            );
        }
        // One message per line: the first error on it.
        let text_left = view.left() + gutter + pad;
        let right = view.right() - pad;
        let mut shown = std::collections::HashSet::new();
        for e in &self.errors {
            let (line, _) = line_col(&self.text, visible_span(&self.text, &e.span).start);
            if !shown.insert(line) {
                continue;
            }
            let Some(&first) = line_rows.get(line - 1) else { continue };
            let last = line_rows.get(line).map_or(galley.rows.len() - 1, |&n| n - 1);
            let last_rect = galley.rows[last].rect().translate(origin.to_vec2());
            let top = origin.y + galley.rows[first].pos.y;
            let text = format!("<- {}", e.message.lines().next().unwrap_or(""));
            let color = self.palette.error;
            let width = |w: f32| ui.fonts_mut(|f| f.layout(text.clone(), small.clone(), color, w).size());
            let one_line = width(f32::INFINITY);
            let x = (last_rect.right() + self.font_px() * 2.0).max(text_left);
            let beside = right - x;
            let label = egui::Label::new(egui::RichText::new(&text).font(small.clone()).color(color))
                .selectable(false)
                .sense(Sense::hover())
                .wrap();
            let put = |ui: &mut egui::Ui, rect: Rect, label: egui::Label| {
                // Left-aligned in its place (a plain `put` would centre it).
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| ui.add(label));
            };
            if one_line.x <= beside {
                put(
                    ui,
                    Rect::from_min_size(egui::pos2(x, top), Vec2::new(one_line.x + 1.0, last_rect.height())),
                    label,
                );
            } else if beside >= 0.4 * (right - text_left) {
                // Wrapped beside the line.
                let size = width(beside);
                put(ui, Rect::from_min_size(egui::pos2(x, top), Vec2::new(beside, size.y)), label);
            } else {
                // Below the line, across the visible width, on a background of its own.
                let w = (right - text_left).max(1.0);
                let size = width(w);
                let rect = Rect::from_min_size(egui::pos2(text_left, last_rect.bottom()), Vec2::new(w, size.y));
                ui.painter().rect_filled(rect.expand(2.0), 3.0, self.palette.message_bg);
                put(ui, rect, label);
            }
        }
    }

    fn offset_at(&self, out: &egui::text_edit::TextEditOutput, pos: egui::Pos2) -> Option<usize> {
        let local = pos - out.galley_pos;
        if local.x < 0.0 || local.y < 0.0 || local.y > out.galley.size().y {
            return None;
        }
        let c = out.galley.cursor_from_pos(local);
        Some(char_to_byte(&self.text, c.index.0))
    }

    /// Help for the function under the pointer; the message of an error under it.
    fn hover_help(&self, out: &egui::text_edit::TextEditOutput) {
        let response = &out.response.response;
        let Some(pos) = response.hover_pos() else { return };
        let Some(offset) = self.offset_at(out, pos) else { return };
        let error = self.errors.iter().find(|e| visible_span(&self.text, &e.span).contains(&offset)).cloned();
        let toks = tokens(&self.text);
        let name = token_at(&toks, offset)
            .filter(|t| t.kind == TokenKind::Function && offset < t.end)
            .map(|t| self.text[t.start..t.end].to_string());
        if error.is_none() && name.is_none() {
            return;
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(420.0);
            if let Some(e) = &error {
                ui.label(egui::RichText::new(&e.message).color(self.palette.error).monospace());
            }
            if let Some(n) = &name {
                for f in completion::help(n) {
                    ui.separator();
                    completion::show_help(ui, f);
                }
            }
        });
    }

    fn completion_popup(&mut self, ui: &mut egui::Ui, out: &egui::text_edit::TextEditOutput) {
        let Some(c) = &self.completion else { return };
        let at = out.galley.pos_from_cursor(CCursor::new(byte_to_char(&self.text, c.start)));
        let pos = at.left_bottom() + out.galley_pos.to_vec2() + Vec2::new(0.0, 2.0);
        let mut clicked = None;
        egui::Area::new(ui.make_persistent_id("completion")).order(egui::Order::Foreground).fixed_pos(pos).show(
            ui.ctx(),
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            for (i, name) in c.items.iter().enumerate() {
                                let text = egui::RichText::new(*name).monospace();
                                if ui.selectable_label(i == c.selected, text).clicked() {
                                    clicked = Some(i);
                                }
                            }
                        });
                        ui.separator();
                        ui.vertical(|ui| {
                            ui.set_max_width(360.0);
                            if let Some(f) = completion::help(c.chosen()).first() {
                                completion::show_help(ui, f);
                            }
                        });
                    });
                });
            },
        );
        if let Some(i) = clicked {
            if let Some(c) = self.completion.as_mut() {
                c.selected = i;
            }
            self.accept_completion();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_edits() {
        let old = "out: sinee 440";
        let mut errs = vec![EditorError { span: 5..10, message: "x".into() }];
        // Typing before the error moves it.
        let new = "-- hi\nout: sinee 440";
        shift_spans(old, new, &mut errs);
        assert_eq!(&new[errs[0].span.clone()], "sinee");
        // Typing after it leaves it.
        let newer = "-- hi\nout: sinee 440 * 2";
        shift_spans(new, newer, &mut errs);
        assert_eq!(&newer[errs[0].span.clone()], "sinee");
    }

    #[test]
    fn an_edit_over_an_error_drops_it() {
        let old = "out: sinee 440";
        let err = || vec![EditorError { span: 5..10, message: "x".into() }];
        // Select all and type: the text the error was about is gone.
        let mut errs = err();
        shift_spans(old, "o", &mut errs);
        assert!(errs.is_empty());
        // Typing inside the misspelt name.
        let mut errs = err();
        shift_spans(old, "out: sine 440", &mut errs);
        assert!(errs.is_empty());
        let mut errs = err();
        shift_spans(old, "out: sinxee 440", &mut errs);
        assert!(errs.is_empty());
        // Typing right before or after it keeps it.
        let mut errs = err();
        shift_spans(old, "out:  sinee 440", &mut errs);
        assert_eq!(errs[0].span, 6..11);
        let mut errs = err();
        shift_spans(old, "out: sinee  440", &mut errs);
        assert_eq!(errs[0].span, 5..10);
    }

    #[test]
    fn visible_spans_stay_inside_the_text() {
        assert_eq!(visible_span("out:", &(4..4)), 3..4);
        assert_eq!(visible_span("out: x", &(5..5)), 5..6);
        assert_eq!(visible_span("ab", &(10..12)), 1..2);
        assert_eq!(visible_span("é", &(1..1)), 0..2);
        assert_eq!(visible_span("", &(0..0)), 0..0);
    }

    #[test]
    fn char_and_byte_offsets() {
        let t = "é~a";
        assert_eq!(floor_char_boundary(t, 1), 0);
        assert_eq!(floor_char_boundary(t, 99), t.len());
        assert_eq!(char_to_byte(t, 1), 2);
        assert_eq!(byte_to_char(t, 2), 1);
        assert_eq!(char_to_byte(t, 99), t.len());
    }
}
