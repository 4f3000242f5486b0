//! The plugin window: the program text, Ctrl+Enter to evaluate, and the last error.

use crate::Shared;
use nice_plug_egui::{create_egui_editor, EguiEditor, EguiEditorState, EguiNiceSettings, NiceEguiApp, RepaintNotifier};
use std::sync::Arc;

pub type Editor = EguiEditor<App>;

pub struct App {
    shared: Arc<Shared>,
    text: String,
}

pub fn create(shared: Arc<Shared>) -> Option<Editor> {
    let text = shared.params.program.read().unwrap_or_else(|e| e.into_inner()).clone();
    create_egui_editor(
        EguiEditorState::from_size(nice_plug_egui::baseview::dpi::LogicalSize::new(900.0, 600.0), 1.0),
        RepaintNotifier::new(),
        EguiNiceSettings::new().with_tile("Phonon"),
        App { shared, text },
    )
}

impl App {
    /// Draw the editor; shared with the headless UI tests.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let eval = ui.input_mut(|i| {
            i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Enter))
        });
        ui.horizontal(|ui| {
            ui.heading("Phonon");
            if ui.button("Evaluate (Ctrl+Enter)").clicked() {
                let _ = self.shared.evaluate(&self.text);
            }
        });
        if eval {
            let _ = self.shared.evaluate(&self.text);
        }
        if let Some(err) = self.shared.error.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            ui.colored_label(egui::Color32::from_rgb(255, 110, 110), egui::RichText::new(err).monospace());
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut self.text)
                    .id_salt("program")
                    .code_editor()
                    .desired_width(f32::INFINITY)
                    .desired_rows(30)
                    .hint_text("Phonon program"),
            );
        });
    }
}

impl NiceEguiApp for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut nice_plug_egui::Frame) {
        egui::CentralPanel::default().show(ui, |ui| self.draw(ui));
    }
}
