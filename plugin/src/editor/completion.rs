//! Completion of function names while typing, and the help text shown for a function, both
//! from the engine's function table (`registry`), the one description of every function, and
//! its control table (`controls`: how a control acts, its settings).

use phonon_engine::controls;
use phonon_engine::lang::highlight::word_before;
use phonon_engine::meta::{self, FnMeta, Kind, Unit};
use phonon_engine::registry;

/// Most candidates shown at once.
pub const MAX_ITEMS: usize = 8;

/// An open completion list for the name being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// Byte range of the partial name in the text.
    pub start: usize,
    pub end: usize,
    pub items: Vec<&'static str>,
    pub selected: usize,
    /// The user moved through the list with the arrows: only then does Enter accept (a name
    /// typed in full and Enter is a new line, never a different name).
    pub navigated: bool,
}

/// Names that complete `prefix`: those starting with it first (shortest first), then those
/// containing it. Functions, controls and the settings (`cps`, `bpm`, ...).
pub fn candidates(prefix: &str) -> Vec<&'static str> {
    if prefix.is_empty() {
        return Vec::new();
    }
    let lower = prefix.to_lowercase();
    let mut names = registry::names();
    names.extend(controls::setting_names());
    let mut starts: Vec<&'static str> =
        names.iter().copied().filter(|n| n.to_lowercase().starts_with(&lower)).collect();
    starts.sort_by_key(|n| (n.len(), *n));
    let contains =
        names.iter().copied().filter(|n| !n.to_lowercase().starts_with(&lower) && n.to_lowercase().contains(&lower));
    starts.extend(contains);
    starts.truncate(MAX_ITEMS);
    starts
}

impl Completion {
    /// The completion for the name that ends at byte `cursor`, if there is anything to offer.
    pub fn at(text: &str, cursor: usize) -> Option<Completion> {
        let (start, word) = word_before(text, cursor)?;
        // Typing on inside a longer name completes nothing.
        if text[cursor..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let items = candidates(word);
        // A complete name with nothing longer to offer needs no list.
        if items.is_empty() || items == [word] {
            return None;
        }
        Some(Completion { start, end: cursor, items, selected: 0, navigated: false })
    }

    pub fn chosen(&self) -> &'static str {
        self.items[self.selected.min(self.items.len() - 1)]
    }

    pub fn next(&mut self) {
        self.selected = (self.selected + 1) % self.items.len();
        self.navigated = true;
    }

    pub fn previous(&mut self) {
        self.selected = (self.selected + self.items.len() - 1) % self.items.len();
        self.navigated = true;
    }

    /// Replace the partial name with the chosen one; returns the byte offset after it.
    pub fn apply(&self, text: &mut String) -> usize {
        let name = self.chosen();
        text.replace_range(self.start..self.end, name);
        self.start + name.len()
    }
}

/// Help for a name, one entry per meaning (a name may be both a control and a processor).
pub fn help(name: &str) -> Vec<&'static FnMeta> {
    registry::lookup(name).to_vec()
}

/// How an event control acts and its value when not given, from the control table.
pub fn control_note(f: &FnMeta) -> Option<String> {
    if f.kind != Kind::Control {
        return None;
    }
    let c = controls::lookup(f.name)?.row();
    let default = if c.default.is_nan() { "set by the sound, or off".to_string() } else { meta::fmt_num(c.default) };
    Some(format!("{} · when not given: {default}", c.acts.title()))
}

/// A parameter as `name: default (lo..hi unit)` for the help text.
pub fn describe_params(f: &FnMeta) -> Vec<String> {
    f.params
        .iter()
        .map(|p| {
            let mut s = p.name.to_string();
            if let Some(d) = p.default {
                s.push_str(&format!(" = {}", meta::fmt_num(d)));
            }
            let (lo, hi) = p.range;
            if lo.is_finite() && hi.is_finite() {
                s.push_str(&format!("  ({}..{}", meta::fmt_num(lo), meta::fmt_num(hi)));
                if p.unit != Unit::None && p.unit != Unit::Amount {
                    s.push_str(&format!(" {}", p.unit.suffix()));
                }
                s.push(')');
            } else if p.unit != Unit::None && p.unit != Unit::Amount {
                s.push_str(&format!("  ({})", p.unit.suffix()));
            }
            s
        })
        .collect()
}

/// Show the help of a function in `ui` (hover tooltips and the completion list).
pub fn show_help(ui: &mut egui::Ui, f: &FnMeta) {
    ui.label(egui::RichText::new(f.signature()).monospace().strong());
    ui.label(egui::RichText::new(f.kind.title()).small().weak());
    ui.label(f.help);
    if let Some(note) = control_note(f) {
        ui.label(egui::RichText::new(note).small().weak());
    }
    let params = describe_params(f);
    if !params.is_empty() {
        for p in params {
            ui.label(egui::RichText::new(p).monospace().small());
        }
    }
    if !f.aliases.is_empty() {
        ui.label(egui::RichText::new(format!("also: {}", f.aliases.join(", "))).small().weak());
    }
    ui.label(egui::RichText::new(f.example).monospace().small().color(egui::Color32::from_rgb(150, 190, 150)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_from_the_function_table() {
        let c = candidates("sin");
        assert_eq!(&c[..2], ["sin", "sine"], "the exact name first, then by length");
        for n in &c {
            assert!(!registry::lookup(n).is_empty(), "{n} is not in the table");
        }
        let settings = candidates("bp");
        assert!(settings.contains(&"bpm") && settings.contains(&"bpc"), "{settings:?}");
        assert!(candidates("tem").contains(&"tempo"));
        assert!(candidates("").is_empty());
        assert!(candidates("zzzzqq").is_empty());
    }

    #[test]
    fn completion_replaces_the_partial_name() {
        let text = "out: si 440";
        let c = Completion::at(text, 7).expect("completion after 'si'");
        assert_eq!((c.start, c.end), (5, 7));
        let mut t = text.to_string();
        let mut c = c;
        c.selected = c.items.iter().position(|n| *n == "sine").unwrap();
        let end = c.apply(&mut t);
        assert_eq!(t, "out: sine 440");
        assert_eq!(end, 9);
    }

    #[test]
    fn no_completion_inside_strings_comments_or_words() {
        assert!(Completion::at("out: s \"si", 10).is_none());
        assert!(Completion::at("-- si", 5).is_none());
        assert!(Completion::at("out: sine", 7).is_none());
        // The exact name with nothing longer: no list.
        let only = candidates("sine");
        if only == ["sine"] {
            assert!(Completion::at("out: sine", 9).is_none());
        }
    }

    #[test]
    fn help_lists_parameters() {
        let f = help("lpf");
        assert!(!f.is_empty());
        let p = describe_params(f[0]);
        assert_eq!(p.len(), f[0].params.len());
        let gain = help("gain");
        assert_eq!(control_note(gain[0]).as_deref(), Some("per voice · when not given: 1"));
        assert!(describe_params(gain[0])[0].contains("0..2"), "{:?}", describe_params(gain[0]));
        let lpf = help("lpf");
        assert!(lpf.iter().any(|f| control_note(f).is_some_and(|n| n.starts_with("per voice"))));
        assert!(lpf.iter().any(|f| control_note(f).is_none()), "lpf is also the processor");
    }
}
