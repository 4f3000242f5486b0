//! The state saved with the host's project: the program, the sample folders and the editor
//! settings, as one versioned JSON document (the `phonon` field of nice-plug's state).
//!
//! Loading never fails: [`filter_state`] looks at what the host hands back before nice-plug
//! applies it, migrates older formats, and replaces damaged or foreign state by the defaults
//! with a notice for the editor. A blob that is not nice-plug's JSON at all is refused by
//! nice-plug itself before Phonon sees it (the host is told the load failed; the instance
//! keeps what it had).

use nice_plug::params::persist::PersistentField;
use nice_plug::prelude::PluginState;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

/// Version of the state document. Raise it when its meaning changes, and migrate in
/// [`parse_document`].
pub const STATE_VERSION: u32 = 1;
/// The key of the document among nice-plug's persisted fields.
pub const STATE_KEY: &str = "phonon";
/// The field the first plugin builds saved the program text under (a JSON string).
const LEGACY_PROGRAM_KEY: &str = "program";

/// The program a fresh instance plays.
pub const DEFAULT_PROGRAM: &str = "-- Phonon: edit and press Ctrl+Enter\nout: sine 440 * 0.2\n";

/// Everything Phonon saves besides its parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateDoc {
    pub version: u32,
    /// The program that plays: restored and compiled before the first block.
    pub program: String,
    /// Sample folders in the Dirt-Samples layout, searched in order.
    pub sample_folders: Vec<String>,
    pub editor: EditorSettings,
    /// Why the saved state could not be used as it was; shown once, never saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Default for StateDoc {
    fn default() -> Self {
        StateDoc {
            version: STATE_VERSION,
            program: DEFAULT_PROGRAM.to_string(),
            sample_folders: Vec::new(),
            editor: EditorSettings::default(),
            notice: None,
        }
    }
}

/// Window and behaviour settings, saved in the plugin state with the program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditorSettings {
    /// Evaluate by itself once typing pauses for `auto_delay` seconds.
    pub auto_evaluate: bool,
    pub auto_delay: f32,
    /// Code font size in points.
    pub font_size: f32,
    /// Window size in logical pixels.
    pub window: (u32, u32),
    /// Show the meters and output controls beside the code.
    pub show_meters: bool,
    /// Scale of the whole window (text, controls, meters), 1.0 = 100 %.
    pub zoom: f32,
    /// Colours of the window and the code.
    pub theme: Theme,
}

/// The window's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Dark,
    /// Black background, near-white text: every colour at least 7:1 against the code's
    /// background, for projectors and bright rooms.
    HighContrast,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            auto_evaluate: false,
            auto_delay: 1.0,
            font_size: 14.0,
            window: (1000, 640),
            show_meters: true,
            zoom: 1.0,
            theme: Theme::Dark,
        }
    }
}

impl EditorSettings {
    pub const MIN_WINDOW: (u32, u32) = (640, 400);
    pub const MAX_WINDOW: (u32, u32) = (4096, 4096);
    pub const MIN_ZOOM: f32 = 0.75;
    pub const MAX_ZOOM: f32 = 3.0;

    /// The same settings with every value in its sensible range (a hand-edited or corrupt
    /// state must not open a 0-pixel window or evaluate on every keystroke).
    pub fn sanitized(mut self) -> EditorSettings {
        let clamp = |v: f32, lo: f32, hi: f32, d: f32| if v.is_finite() { v.clamp(lo, hi) } else { d };
        self.auto_delay = clamp(self.auto_delay, 0.2, 10.0, 1.0);
        self.font_size = clamp(self.font_size, 8.0, 40.0, 14.0);
        self.zoom = clamp(self.zoom, Self::MIN_ZOOM, Self::MAX_ZOOM, 1.0);
        self.window.0 = self.window.0.clamp(Self::MIN_WINDOW.0, Self::MAX_WINDOW.0);
        self.window.1 = self.window.1.clamp(Self::MIN_WINDOW.1, Self::MAX_WINDOW.1);
        self
    }
}

/// The persisted field: the current document, shared by the editor, the compile worker and
/// nice-plug's state save and restore. Never touched by the audio thread.
pub struct SavedState {
    doc: RwLock<StateDoc>,
    /// Counts restores by the host; the plugin compiles each restored program once.
    restores: AtomicU64,
    /// A notice from the last restore, until the editor has taken it.
    notice: Mutex<Option<String>>,
    /// Wakes the compile worker after a restore.
    waker: Mutex<Option<crate::worker::Waker>>,
}

impl Default for SavedState {
    fn default() -> Self {
        SavedState {
            doc: RwLock::new(StateDoc::default()),
            restores: AtomicU64::new(0),
            notice: Mutex::new(None),
            waker: Mutex::new(None),
        }
    }
}

impl SavedState {
    pub fn doc(&self) -> StateDoc {
        self.doc.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn program(&self) -> String {
        self.doc.read().unwrap_or_else(|e| e.into_inner()).program.clone()
    }

    pub fn editor(&self) -> EditorSettings {
        self.doc.read().unwrap_or_else(|e| e.into_inner()).editor.clone()
    }

    pub fn sample_folders(&self) -> Vec<String> {
        self.doc.read().unwrap_or_else(|e| e.into_inner()).sample_folders.clone()
    }

    /// Edit the document (the program after a successful compile, the editor's settings, ...).
    pub fn update(&self, f: impl FnOnce(&mut StateDoc)) {
        f(&mut self.doc.write().unwrap_or_else(|e| e.into_inner()));
    }

    /// How many times the host has restored a state.
    pub fn restores(&self) -> u64 {
        self.restores.load(Ordering::Acquire)
    }

    /// The notice of the last restore, once.
    pub fn take_notice(&self) -> Option<String> {
        self.notice.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    pub(crate) fn set_waker(&self, waker: Option<crate::worker::Waker>) {
        *self.waker.lock().unwrap_or_else(|e| e.into_inner()) = waker;
    }
}

impl<'a> PersistentField<'a, StateDoc> for SavedState {
    /// Called by nice-plug when the host restores a state (main thread, or wherever the host
    /// loads state; never the audio thread, as Phonon's editor does not set state).
    fn set(&self, mut doc: StateDoc) {
        let notice = doc.notice.take();
        *self.doc.write().unwrap_or_else(|e| e.into_inner()) = doc;
        *self.notice.lock().unwrap_or_else(|e| e.into_inner()) = notice;
        let n = self.restores.fetch_add(1, Ordering::AcqRel) + 1;
        // The restored program is built before this returns: the next block plays it.
        let waker = self.waker.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(w) = waker {
            w.restored(n);
        }
    }

    fn map<F, R>(&self, f: F) -> R
    where
        F: Fn(&StateDoc) -> R,
    {
        f(&self.doc.read().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Prepare a state from the host before nice-plug applies it: the `phonon` field always ends
/// up holding a valid document, with a notice when something was wrong. State that is not
/// Phonon's keeps none of its parameter values either.
pub fn filter_state(state: &mut PluginState) {
    let (doc, foreign) = document_from_fields(&state.fields);
    if foreign {
        state.params.clear();
    }
    crate::params::clamp_restored(&mut state.params);
    let json = serde_json::to_string(&doc).unwrap_or_default();
    state.fields.insert(STATE_KEY.to_string(), json);
}

/// The document in a state's persisted fields, and whether the state is foreign.
fn document_from_fields(fields: &BTreeMap<String, String>) -> (StateDoc, bool) {
    if let Some(raw) = fields.get(STATE_KEY) {
        return (parse_document(raw), false);
    }
    if let Some(raw) = fields.get(LEGACY_PROGRAM_KEY) {
        // The first builds saved only the program text.
        if let Ok(program) = serde_json::from_str::<String>(raw) {
            return (StateDoc { program, ..StateDoc::default() }, false);
        }
    }
    let notice = "The state the host restored was not saved by Phonon; Phonon starts with its defaults.";
    (StateDoc { notice: Some(notice.to_string()), ..StateDoc::default() }, true)
}

/// The first documents kept the window size as `width` and `height`.
fn migrate_editor(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        if let (Some(w), Some(h), None) = (m.get("width"), m.get("height"), m.get("window")) {
            let window = Value::Array(vec![w.clone(), h.clone()]);
            m.insert("window".into(), window);
        }
    }
    v
}

/// Read a saved document, keeping every part that can be read.
pub fn parse_document(raw: &str) -> StateDoc {
    let mut doc = StateDoc::default();
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => {
            doc.notice = Some(format!("The saved Phonon state is damaged ({e}); Phonon starts with its defaults."));
            return doc;
        }
    };
    let Value::Object(map) = value else {
        doc.notice = Some("The saved Phonon state is not a document; Phonon starts with its defaults.".into());
        return doc;
    };
    let mut problems = Vec::new();
    let version = map.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version > STATE_VERSION as u64 {
        problems.push(format!(
            "it was saved by a newer Phonon (state version {version}, this one reads {STATE_VERSION}); what this version does not know is left out"
        ));
    }
    match map.get("program") {
        Some(Value::String(p)) => doc.program = p.clone(),
        None => problems.push("it has no program".into()),
        Some(_) => problems.push("its program is not text".into()),
    }
    match map.get("sample_folders") {
        Some(Value::Array(a)) => {
            doc.sample_folders = a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            if doc.sample_folders.len() != a.len() {
                problems.push("some sample folders are not text".into());
            }
        }
        None => {}
        Some(_) => problems.push("its sample folders are not a list".into()),
    }
    match map.get("editor").cloned().map(migrate_editor).map(serde_json::from_value::<EditorSettings>) {
        Some(Ok(e)) => doc.editor = e.sanitized(),
        Some(Err(_)) => problems.push("its editor settings are unreadable".into()),
        None => {}
    }
    if !problems.is_empty() {
        doc.notice = Some(format!("Restored the saved Phonon state, but {}.", problems.join("; ")));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_saved_document_comes_back_unchanged() {
        let doc = StateDoc {
            program: "out: sine 55".into(),
            sample_folders: vec!["/samples/dirt".into()],
            editor: EditorSettings { window: (1200, 700), font_size: 16.0, ..EditorSettings::default() },
            ..StateDoc::default()
        };
        let raw = serde_json::to_string(&doc).unwrap();
        assert!(raw.contains("\"version\":1"), "{raw}");
        assert_eq!(parse_document(&raw), doc);
    }

    #[test]
    fn damaged_state_gives_defaults_and_a_notice() {
        let doc = parse_document("{\"version\": 1, \"program\": \"out: sin");
        assert_eq!(doc.program, DEFAULT_PROGRAM);
        assert!(doc.notice.as_deref().unwrap_or("").contains("damaged"), "{doc:?}");
        let doc = parse_document("[1, 2, 3]");
        assert_eq!(doc.program, DEFAULT_PROGRAM);
        assert!(doc.notice.is_some());
    }

    #[test]
    fn readable_parts_survive_a_partly_broken_document() {
        let doc = parse_document(r#"{"version": 1, "program": "out: sine 110", "sample_folders": 7, "editor": "big"}"#);
        assert_eq!(doc.program, "out: sine 110");
        assert!(doc.sample_folders.is_empty());
        assert_eq!(doc.editor, EditorSettings::default());
        let n = doc.notice.unwrap();
        assert!(n.contains("sample folders") && n.contains("editor"), "{n}");
    }

    #[test]
    fn the_first_window_size_is_kept() {
        let doc =
            parse_document(r#"{"version": 1, "program": "", "editor": {"width": 1300, "height": 800, "zoom": 1.0}}"#);
        assert_eq!(doc.editor.window, (1300, 800));
        assert!(doc.notice.is_none());
    }

    #[test]
    fn zoom_and_theme_are_saved_and_older_documents_load_without_them() {
        let doc = StateDoc {
            editor: EditorSettings { zoom: 2.0, theme: Theme::HighContrast, ..EditorSettings::default() },
            ..StateDoc::default()
        };
        let raw = serde_json::to_string(&doc).unwrap();
        assert!(raw.contains("\"theme\":\"high_contrast\""), "{raw}");
        assert_eq!(parse_document(&raw), doc);
        // A document saved before zoom and themes existed.
        let old = r#"{"version": 1, "program": "out: sine 1", "editor": {"auto_evaluate": true, "auto_delay": 1.0,
            "font_size": 15.0, "window": [900, 600], "show_meters": false}}"#;
        let doc = parse_document(old);
        assert!(doc.notice.is_none(), "{doc:?}");
        assert_eq!((doc.editor.zoom, doc.editor.theme, doc.editor.font_size), (1.0, Theme::Dark, 15.0));
        // Out-of-range zoom is brought into 75..300 %.
        let doc = parse_document(r#"{"version": 1, "program": "", "editor": {"zoom": 40.0}}"#);
        assert_eq!(doc.editor.zoom, EditorSettings::MAX_ZOOM);
        let doc = parse_document(r#"{"version": 1, "program": "", "editor": {"zoom": 0.1}}"#);
        assert_eq!(doc.editor.zoom, EditorSettings::MIN_ZOOM);
    }

    #[test]
    fn a_newer_version_is_read_with_a_notice() {
        let doc = parse_document(r#"{"version": 9, "program": "out: sine 110", "future": true}"#);
        assert_eq!(doc.program, "out: sine 110");
        assert!(doc.notice.unwrap().contains("newer"));
    }

    #[test]
    fn the_first_format_migrates() {
        let (doc, foreign) = document_from_fields(&fields(&[("program", "\"out: sine 220\"")]));
        assert!(!foreign);
        assert_eq!(doc.program, "out: sine 220");
        assert_eq!(doc.version, STATE_VERSION);
        assert!(doc.notice.is_none());
    }

    #[test]
    fn foreign_state_keeps_nothing() {
        let mut state = PluginState {
            version: "1.0".into(),
            params: [("gain".to_string(), nice_plug::plugin::ParamValue::F32(0.01))].into_iter().collect(),
            fields: fields(&[("something-else", "{}")]),
        };
        filter_state(&mut state);
        assert!(state.params.is_empty());
        let doc: StateDoc = serde_json::from_str(&state.fields[STATE_KEY]).unwrap();
        assert_eq!(doc.program, DEFAULT_PROGRAM);
        assert!(doc.notice.unwrap().contains("not saved by Phonon"));
    }

    #[test]
    fn a_restore_is_counted_and_its_notice_taken_once() {
        let s = SavedState::default();
        s.set(StateDoc { program: "out: sine 1".into(), notice: Some("careful".into()), ..StateDoc::default() });
        assert_eq!(s.restores(), 1);
        assert_eq!(s.program(), "out: sine 1");
        assert_eq!(s.doc().notice, None, "notices are not saved");
        assert_eq!(s.take_notice().as_deref(), Some("careful"));
        assert_eq!(s.take_notice(), None);
    }
}
