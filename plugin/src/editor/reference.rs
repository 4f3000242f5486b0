//! The reference panel: every function of the language (from the engine's function table, the
//! one completion and hover help use) and every sound the bank can play, searchable, with help
//! and examples. Click a name, or choose it with the arrows and press Enter, to put it in the
//! code at the cursor.

use super::completion;
use phonon_engine::meta::FnMeta;
use phonon_engine::registry;

/// Most entries listed at once (the search narrows them).
const MAX_LISTED: usize = 300;

/// One name in the reference.
#[derive(Clone)]
pub struct Entry {
    pub name: String,
    /// What it is: the function kind's title, "Sample sets" or "Synth voices".
    pub kind: &'static str,
    /// The function's table entry; `None` for a sound.
    pub meta: Option<&'static FnMeta>,
}

impl Entry {
    fn matches(&self, query: &str) -> bool {
        if query.is_empty() || self.name.to_lowercase().contains(query) {
            return true;
        }
        self.meta.is_some_and(|f| {
            f.help.to_lowercase().contains(query) || f.aliases.iter().any(|a| a.to_lowercase().contains(query))
        })
    }
}

/// Every function in the table, in table order, then the sounds (name, is a synth voice).
pub fn entries(sounds: &[(String, bool)]) -> Vec<Entry> {
    let mut out: Vec<Entry> =
        registry::all().map(|f| Entry { name: f.name.to_string(), kind: f.kind.title(), meta: Some(f) }).collect();
    out.extend(sounds.iter().map(|(name, synth)| Entry {
        name: name.clone(),
        kind: if *synth { "Synth voices" } else { "Sample sets" },
        meta: None,
    }));
    out
}

#[derive(Default)]
pub struct Reference {
    pub query: String,
    /// Index into the filtered list.
    pub selected: usize,
    all: Vec<Entry>,
    /// The bank's sound count the list was made for.
    sounds_for: Option<usize>,
    /// Give the search field the keyboard focus on the next frame.
    pub focus_field: bool,
}

impl Reference {
    /// Rebuild the list when the bank changed (sample folders loaded).
    pub fn refresh(&mut self, sound_count: usize, sounds: impl FnOnce() -> Vec<(String, bool)>) {
        if self.sounds_for != Some(sound_count) {
            self.all = entries(&sounds());
            self.sounds_for = Some(sound_count);
        }
    }

    /// The entries the search finds.
    pub fn found(&self) -> Vec<&Entry> {
        let q = self.query.trim().to_lowercase();
        let mut v: Vec<&Entry> = self.all.iter().filter(|e| e.matches(&q)).collect();
        // Names that start with the search first.
        if !q.is_empty() {
            v.sort_by_key(|e| !e.name.to_lowercase().starts_with(&q));
        }
        v
    }

    /// Draw the panel; returns the name to insert.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<String> {
        ui.heading("Reference");
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .id_salt("reference search")
                .hint_text("search functions and sounds")
                // Up and Down move through the list, not the focus.
                .event_filter(egui::EventFilter { vertical_arrows: true, ..Default::default() })
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_field) {
            field.request_focus();
        }
        if field.changed() {
            self.selected = 0;
        }
        let n = self.found().len();
        let mut insert = None;
        if field.has_focus() || field.lost_focus() {
            let (down, up) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                )
            });
            if down {
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            if up {
                self.selected = self.selected.saturating_sub(1);
            }
        }
        let found = self.found();
        // The Enter is used up here, or the code (which takes the focus) would get it too.
        if field.lost_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
            insert = found.get(self.selected).map(|e| e.name.clone());
        }
        ui.label(egui::RichText::new("Click or Enter puts the name at the cursor.").small().weak());
        if let Some(e) = found.get(self.selected.min(n.saturating_sub(1))) {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                match e.meta {
                    Some(f) => completion::show_help(ui, f),
                    None => {
                        ui.label(egui::RichText::new(&e.name).monospace().strong());
                        ui.label(egui::RichText::new(e.kind).small().weak());
                        ui.label(
                            egui::RichText::new(format!("out: s \"{} ~ {}\"", e.name, e.name)).monospace().small(),
                        );
                    }
                }
            });
        }
        ui.separator();
        let mut last_kind = "";
        egui::ScrollArea::vertical().id_salt("reference list").show(ui, |ui| {
            for (i, e) in found.iter().enumerate().take(MAX_LISTED) {
                if e.kind != last_kind && self.query.trim().is_empty() {
                    ui.label(egui::RichText::new(e.kind).small().strong());
                    last_kind = e.kind;
                }
                let text = egui::RichText::new(&e.name).monospace();
                let r = ui.selectable_label(i == self.selected, text);
                if i == self.selected
                    && ui.input(|inp| inp.key_pressed(egui::Key::ArrowDown) || inp.key_pressed(egui::Key::ArrowUp))
                {
                    r.scroll_to_me(None);
                }
                let r = match e.meta {
                    Some(f) => r.on_hover_text(f.help),
                    None => r.on_hover_text(e.kind),
                };
                if r.clicked() {
                    insert = Some(e.name.clone());
                }
            }
            if n > MAX_LISTED {
                ui.label(egui::RichText::new(format!("{} more: search to narrow", n - MAX_LISTED)).small().weak());
            }
        });
        insert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_of_the_table_and_every_sound_is_listed() {
        let sounds = vec![("bd".to_string(), false), ("superpiano".to_string(), true)];
        let all = entries(&sounds);
        assert_eq!(all.len(), registry::all().count() + 2);
        for f in registry::all() {
            assert!(all.iter().any(|e| e.name == f.name), "{} missing", f.name);
        }
        let mut r = Reference::default();
        r.refresh(2, || sounds.clone());
        r.query = "LPF".into();
        assert_eq!(r.found()[0].name, "lpf", "a name starting with the search comes first");
        // Help text is searched too.
        r.query = "reverb".into();
        assert!(r.found().iter().any(|e| e.name == "reverb"));
        r.query = "superp".into();
        assert_eq!(r.found()[0].kind, "Synth voices");
    }
}
