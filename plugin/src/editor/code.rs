//! The code view: the program text with line numbers, colours, error underlines and messages
//! beside their lines, find, completion and hover help.

use super::completion::{self, Completion};
use super::find::Find;
use super::highlight::{self, Marks, ERROR};
use super::host::EditorError;
use egui::text::{CCursor, CCursorRange};
use egui::{Align2, Color32, FontId, Key, KeyboardShortcut, Modifiers, Rect, Sense, Vec2};
use phonon_engine::lang::highlight::{token_at, tokens, TokenKind};
use std::ops::Range;

/// Accessible name of the code editor (headless tests find it by this).
pub const CODE_HINT: &str = "Phonon program";
const GUTTER: f32 = 44.0;
const LINE_NUMBER: Color32 = Color32::from_rgb(96, 104, 116);

pub const EVALUATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map_or_else(|| text.chars().count(), |s| s.chars().count())
}

pub fn char_to_byte(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b)
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

/// Move error spans along with an edit from `old` to `new`, so underlines stay on the text they
/// were about while the user types elsewhere.
pub fn shift_spans(old: &str, new: &str, errors: &mut [EditorError]) {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let map = |b: usize| {
        if b <= prefix {
            b
        } else if b >= old_end {
            b - old_end + new_end
        } else {
            new_end.min(b)
        }
    };
    for e in errors {
        e.span = map(e.span.start)..map(e.span.end);
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
    /// Byte offset of the text cursor after the last frame.
    pub cursor: Option<usize>,
    /// A selection to give the text field on the next frame (find, error jumps).
    select: Option<Range<usize>>,
    /// Give the text field the keyboard focus on the next frame.
    focus: bool,
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
    pub fn new(text: String, font_size: f32) -> CodeView {
        CodeView { text, font_size, ..Default::default() }
    }

    /// Select `range` and scroll it into view.
    pub fn select(&mut self, range: Range<usize>) {
        self.select = Some(range);
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
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    self.completion = None;
                }
            }
        });
        if self.completion.is_some() {
            let accept = ui
                .input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab) || i.consume_key(Modifiers::NONE, Key::Enter));
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
        let font = FontId::monospace(self.font_size);

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
        if std::mem::take(&mut self.focus) {
            ui.memory_mut(|m| m.request_focus(id));
        }

        let output = egui::ScrollArea::both()
            .id_salt("code scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let marks = Marks { errors: &error_spans, matches: &matches, current_match };
                let font = font.clone();
                let mut layouter = move |ui: &egui::Ui, buf: &dyn egui::TextBuffer, _wrap: f32| {
                    let job = highlight::layout_job(buf.as_str(), font.clone(), marks);
                    ui.fonts_mut(|f| f.layout_job(job))
                };
                let out = egui::TextEdit::multiline(&mut self.text)
                    .id(id)
                    .code_editor()
                    .hint_text(CODE_HINT)
                    .desired_width(f32::INFINITY)
                    .desired_rows(4)
                    .min_size(egui::vec2(0.0, ui.available_height()))
                    .margin(egui::Margin { left: GUTTER as i8 + 8, right: 8, top: 6, bottom: 6 })
                    .layouter(&mut layouter)
                    .show(ui);
                if let Some(c) = scroll_to {
                    let r = out.galley.pos_from_cursor(CCursor::new(c)).translate(out.galley_pos.to_vec2());
                    ui.scroll_to_rect(r.expand(self.font_size * 2.0), Some(egui::Align::Center));
                }
                self.decorate(ui, &out);
                out
            })
            .inner;

        resp.editing = output.response.response.has_focus();
        self.cursor = output.cursor_range.map(|r| char_to_byte(&self.text, r.primary.index.0));
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

    /// Line numbers in the gutter and error messages beside their lines.
    fn decorate(&self, ui: &mut egui::Ui, out: &egui::text_edit::TextEditOutput) {
        let galley = &out.galley;
        let origin = out.galley_pos;
        let painter = ui.painter_at(out.response.response.rect);
        let small = FontId::monospace((self.font_size * 0.85).max(8.0));
        // First row of each line, by line number.
        let mut line_rows: Vec<usize> = Vec::new();
        for (i, row) in galley.rows.iter().enumerate() {
            if i == 0 || galley.rows[i - 1].ends_with_newline {
                line_rows.push(i);
            }
            let _ = row;
        }
        for (line, &r) in line_rows.iter().enumerate() {
            let row = &galley.rows[r];
            let y = origin.y + row.pos.y + row.rect().height() / 2.0;
            painter.text(
                egui::pos2(out.response.response.rect.left() + GUTTER, y),
                Align2::RIGHT_CENTER,
                (line + 1).to_string(),
                small.clone(),
                LINE_NUMBER,
            );
        }
        // One message per line: the first error on it.
        let mut shown = std::collections::HashSet::new();
        for e in &self.errors {
            let (line, _) = line_col(&self.text, visible_span(&self.text, &e.span).start);
            if !shown.insert(line) {
                continue;
            }
            let Some(&first) = line_rows.get(line - 1) else { continue };
            let last = line_rows.get(line).map_or(galley.rows.len() - 1, |&n| n - 1);
            let row = &galley.rows[last];
            let row_rect = row.rect().translate(origin.to_vec2());
            let text = format!("<- {}", e.message.lines().next().unwrap_or(""));
            let galley_msg = ui.painter().layout_no_wrap(text.clone(), small.clone(), ERROR);
            let pos = egui::pos2(row_rect.right() + self.font_size * 2.0, origin.y + galley.rows[first].pos.y);
            let rect = Rect::from_min_size(pos, Vec2::new(galley_msg.size().x + 4.0, row_rect.height()));
            ui.put(
                rect,
                egui::Label::new(egui::RichText::new(text).font(small.clone()).color(ERROR))
                    .selectable(false)
                    .sense(Sense::hover())
                    .extend(),
            );
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
                ui.label(egui::RichText::new(&e.message).color(ERROR).monospace());
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
        assert_eq!(char_to_byte(t, 1), 2);
        assert_eq!(byte_to_char(t, 2), 1);
        assert_eq!(char_to_byte(t, 99), t.len());
    }
}
