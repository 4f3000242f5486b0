//! The preset browser: the example programs of `presets/`, embedded in the plugin.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/presets.rs"));
}

/// An example program.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub name: &'static str,
    pub text: &'static str,
}

impl Preset {
    /// What the program shows: its first comment line.
    pub fn description(&self) -> &'static str {
        self.text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("--"))
            .map(|l| l.trim_start_matches('-').trim())
            .unwrap_or("")
    }
}

pub fn all() -> impl Iterator<Item = Preset> {
    embedded::EMBEDDED.iter().map(|&(name, text)| Preset { name, text })
}

#[derive(Default)]
pub struct PresetBrowser {
    pub filter: String,
}

impl PresetBrowser {
    /// The list; returns the preset the user chose to open.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<Preset> {
        let mut chosen = None;
        ui.heading("Presets");
        ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("filter presets").desired_width(f32::INFINITY));
        ui.label(egui::RichText::new("Click to open; Ctrl+Enter plays it.").small().weak());
        ui.separator();
        let filter = self.filter.to_lowercase();
        egui::ScrollArea::vertical().id_salt("presets").show(ui, |ui| {
            for p in all() {
                let desc = p.description();
                if !filter.is_empty() && !p.name.contains(&filter) && !desc.to_lowercase().contains(&filter) {
                    continue;
                }
                let r = ui.add(egui::Button::new(egui::RichText::new(p.name).strong()).frame(false));
                let r = r.on_hover_ui(|ui| {
                    ui.set_max_width(480.0);
                    ui.label(egui::RichText::new(p.text).monospace().small());
                });
                if r.clicked() {
                    chosen = Some(p);
                }
                ui.label(egui::RichText::new(desc).small().weak());
                ui.add_space(4.0);
            }
        });
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_embedded_and_described() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../presets");
        let on_disk = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "ph"));
        assert_eq!(all().count(), on_disk.count());
        for p in all() {
            assert!(p.text.trim_start().starts_with("--"), "{} must start with a comment", p.name);
            assert!(!p.description().is_empty(), "{} has no description", p.name);
        }
    }
}
