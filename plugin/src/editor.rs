//! The plugin window: the program text, Ctrl+Enter to evaluate, the last error and notices.
//! GUI thread only. Evaluation goes to the compile worker; the window never waits for it.

use crate::state::EditorSettings;
use crate::worker::{Job, Shared};
use nice_plug_egui::baseview::dpi::LogicalSize;
use nice_plug_egui::{create_egui_editor, EguiEditor, EguiEditorState, EguiNiceSettings, NiceEguiApp, RepaintNotifier};
use std::sync::mpsc::Sender;
use std::sync::Arc;

pub type Editor = EguiEditor<App>;

pub struct App {
    shared: Arc<Shared>,
    jobs: Sender<Job>,
    window: Arc<EguiEditorState>,
    text: String,
    /// The restore count the text was taken at: a newer restore replaces the text.
    restores: u64,
}

pub fn create(shared: Arc<Shared>, jobs: Sender<Job>, title: &str) -> Option<Editor> {
    let settings = shared.params.state.editor().sanitized();
    let window =
        EguiEditorState::from_size(LogicalSize::new(settings.width as f32, settings.height as f32), settings.zoom);
    let restores = shared.params.state.restores();
    let text = shared.params.state.program();
    create_egui_editor(
        window.clone(),
        RepaintNotifier::new(),
        EguiNiceSettings::new().with_tile(title),
        App { shared, jobs, window, text, restores },
    )
}

impl App {
    /// Draw the editor; shared with the headless UI tests.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let state = &self.shared.params.state;
        if state.restores() != self.restores {
            self.restores = state.restores();
            self.text = state.program();
        }
        self.remember_window_size();
        let eval = ui.input_mut(|i| {
            i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Enter))
        });
        ui.horizontal(|ui| {
            ui.heading("Phonon");
            if ui.button("Evaluate (Ctrl+Enter)").clicked() || eval {
                let _ = self.jobs.send(Job::Evaluate(self.text.clone()));
            }
        });
        // The worker answers asynchronously: look again soon even without input.
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        let status = self.shared.status();
        if let Some(err) = status.error {
            ui.colored_label(egui::Color32::from_rgb(255, 110, 110), egui::RichText::new(err).monospace());
        }
        for n in &status.notices {
            ui.colored_label(egui::Color32::from_rgb(240, 200, 90), n);
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

    /// Keep the window's size and zoom in the saved state.
    fn remember_window_size(&self) {
        let size = self.window.logical_size();
        let now = EditorSettings {
            width: size.width.round() as u32,
            height: size.height.round() as u32,
            zoom: self.window.user_scale_factor(),
        }
        .sanitized();
        let state = &self.shared.params.state;
        if state.editor() != now {
            state.update(|d| d.editor = now);
        }
    }
}

impl NiceEguiApp for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut nice_plug_egui::Frame) {
        egui::CentralPanel::default().show(ui, |ui| self.draw(ui));
    }
}
