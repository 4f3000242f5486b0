//! The settings panel: auto-evaluate, its delay, the font size, zoom, theme, the meters, and
//! the keys.

use super::host::EditorSettings;
use super::zoom;
use crate::state::Theme;

/// Draw the controls; returns whether anything changed.
pub fn show(ui: &mut egui::Ui, s: &mut EditorSettings) -> bool {
    let before = s.clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        // Sliders sized to the panel, so a zoomed panel wraps its rows instead of clipping them.
        ui.spacing_mut().slider_width = (ui.available_width() * 0.35).max(40.0);
        ui.heading("Settings");
        ui.checkbox(&mut s.auto_evaluate, "Evaluate when typing pauses")
            .on_hover_text("A program with mistakes never replaces the one playing.");
        ui.add_enabled(s.auto_evaluate, egui::Slider::new(&mut s.auto_delay, 0.2..=5.0).suffix(" s").text("pause"));
        ui.add(egui::Slider::new(&mut s.font_size, 9.0..=32.0).suffix(" pt").text("code font"));
        ui.horizontal_wrapped(|ui| {
            ui.label("Zoom");
            if ui.button("-").on_hover_text("Ctrl+-").clicked() {
                s.zoom = zoom::step(s.zoom, false);
            }
            ui.label(format!("{:.0} %", s.zoom * 100.0));
            if ui.button("+").on_hover_text("Ctrl+=").clicked() {
                s.zoom = zoom::step(s.zoom, true);
            }
            if ui.button("100 %").on_hover_text("Ctrl+0").clicked() {
                s.zoom = 1.0;
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Theme");
            ui.selectable_value(&mut s.theme, Theme::Dark, "Dark");
            ui.selectable_value(&mut s.theme, Theme::HighContrast, "High contrast");
        });
        ui.checkbox(&mut s.show_meters, "Show meters and output controls");
        ui.separator();
        ui.label(egui::RichText::new("Keys").strong());
        for (k, what) in KEYS {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(*k).monospace());
                ui.label(*what);
            });
        }
    });
    *s != before
}

/// The keys of the window, as the settings panel lists them.
pub const KEYS: &[(&str, &str)] = &[
    ("Ctrl+Enter", "evaluate"),
    ("Esc", "back to the code (closes the list or find)"),
    ("Ctrl+F", "find (Enter next, Shift+Enter previous)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("Tab", "accept a completion, or indent"),
    ("Up/Down, Enter", "choose a completion"),
    ("Ctrl+D", "reference of functions and sounds (Enter inserts)"),
    ("Ctrl+H or Ctrl+.", "hush on / off"),
    ("Ctrl+Alt+H or Ctrl+Shift+.", "panic"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "zoom in / out / 100 %"),
    ("Ctrl+R", "pianoroll of this cycle and the next"),
    ("Ctrl+E / Ctrl+Alt+E", "scope / scope on the next output"),
];
