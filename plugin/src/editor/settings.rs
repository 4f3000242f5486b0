//! The settings panel: auto-evaluate, its delay, the font size, the meters.

use super::host::EditorSettings;

/// Draw the controls; returns whether anything changed.
pub fn show(ui: &mut egui::Ui, s: &mut EditorSettings) -> bool {
    let before = s.clone();
    ui.heading("Settings");
    ui.checkbox(&mut s.auto_evaluate, "Evaluate when typing pauses")
        .on_hover_text("A program with mistakes never replaces the one playing.");
    ui.add_enabled(s.auto_evaluate, egui::Slider::new(&mut s.auto_delay, 0.2..=5.0).suffix(" s").text("pause"));
    ui.add(egui::Slider::new(&mut s.font_size, 9.0..=32.0).suffix(" pt").text("font size"));
    ui.checkbox(&mut s.show_meters, "Show meters and output controls");
    ui.separator();
    ui.label(egui::RichText::new("Keys").strong());
    for (k, what) in [
        ("Ctrl+Enter", "evaluate"),
        ("Ctrl+F", "find (Enter / F3 next, Shift+Enter previous, Esc closes)"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
        ("Tab / Enter", "accept a completion (Esc dismisses)"),
    ] {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(k).monospace());
            ui.label(what);
        });
    }
    *s != before
}
