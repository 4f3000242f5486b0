//! The sample-folder picker: the folders the user's sounds come from, and a small folder browser
//! inside the window (a native dialog is not reliably available from inside a plugin).

use super::host::EditorHost;
use std::path::{Path, PathBuf};

pub struct SamplePicker {
    /// The folder being browsed, when browsing.
    browsing: Option<PathBuf>,
    /// Typed path.
    path_text: String,
}

impl Default for SamplePicker {
    fn default() -> Self {
        SamplePicker { browsing: None, path_text: String::new() }
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// Subfolders of `dir`, sorted, hidden ones left out.
pub fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    v.retain(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')));
    v.sort();
    v
}

impl SamplePicker {
    pub fn show(&mut self, ui: &mut egui::Ui, host: &dyn EditorHost) {
        ui.heading("Samples");
        ui.label(
            egui::RichText::new("Folders in the Dirt-Samples layout: a folder per sound name (bd, sn, ...).")
                .small()
                .weak(),
        );
        let mut folders = host.sample_folders();
        let mut changed = false;
        let mut remove = None;
        for (i, f) in folders.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui.small_button("x").on_hover_text("Stop using this folder").clicked() {
                    remove = Some(i);
                }
                ui.label(egui::RichText::new(f.display().to_string()).monospace().small());
            });
        }
        if let Some(i) = remove {
            folders.remove(i);
            changed = true;
        }
        if folders.is_empty() {
            ui.label(egui::RichText::new("No folders: the built-in sounds play.").small());
        }
        let status = host.sample_status();
        if status.loading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("loading samples...");
            });
        } else {
            ui.label(egui::RichText::new(format!("{} sounds available", status.sounds)).small());
        }
        for w in status.warnings.iter().take(8) {
            ui.label(egui::RichText::new(w).small().color(super::highlight::ERROR));
        }
        ui.separator();
        match self.browsing.clone() {
            None => {
                if ui.button("Add folder...").clicked() {
                    let start = folders.last().and_then(|f| f.parent().map(Path::to_path_buf)).unwrap_or_else(home);
                    self.path_text = start.display().to_string();
                    self.browsing = Some(start);
                }
            }
            Some(dir) => {
                if let Some(chosen) = self.browser(ui, &dir) {
                    if !folders.contains(&chosen) {
                        folders.push(chosen);
                        changed = true;
                    }
                    self.browsing = None;
                }
            }
        }
        if changed {
            host.set_sample_folders(folders);
        }
    }

    /// Browse from `dir`; returns the folder chosen.
    fn browser(&mut self, ui: &mut egui::Ui, dir: &Path) -> Option<PathBuf> {
        let mut chosen = None;
        ui.horizontal(|ui| {
            let r = ui.add(egui::TextEdit::singleline(&mut self.path_text).desired_width(ui.available_width() - 40.0));
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let p = PathBuf::from(self.path_text.trim());
                if p.is_dir() {
                    self.browsing = Some(p);
                }
            }
            if ui.button("Go").clicked() {
                let p = PathBuf::from(self.path_text.trim());
                if p.is_dir() {
                    self.browsing = Some(p);
                }
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Up").clicked() {
                if let Some(p) = dir.parent() {
                    self.browsing = Some(p.to_path_buf());
                    self.path_text = p.display().to_string();
                }
            }
            if ui.button("Use this folder").clicked() {
                chosen = Some(dir.to_path_buf());
            }
            if ui.button("Cancel").clicked() {
                self.browsing = None;
            }
        });
        egui::ScrollArea::vertical().id_salt("folders").max_height(220.0).show(ui, |ui| {
            for sub in subfolders(dir) {
                let name = sub.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                if ui.selectable_label(false, format!("{name}/")).clicked() {
                    self.path_text = sub.display().to_string();
                    self.browsing = Some(sub);
                }
            }
        });
        chosen
    }
}
