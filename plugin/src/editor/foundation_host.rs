//! [`EditorHost`] for the plugin's [`Shared`] state: the one place where the editor meets the
//! plugin's internals.

use super::host::{EditorError, EditorHost, EditorSettings, EngineReading, OutputControls, SampleStatus};
use crate::params::OUTPUTS;
use crate::Shared;
use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::lang::Errors;
use phonon_engine::samples::{Bank, LoadLimits};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Engine diagnostics as the editor shows them.
pub fn editor_errors(errors: &Errors) -> Vec<EditorError> {
    errors.0.iter().map(|d| EditorError { span: d.span.start..d.span.end, message: d.message.clone() }).collect()
}

/// The sample bank of a list of folders: the built-in kit and the folders, and what loading
/// them found. A folder that cannot be read is reported, and the rest still load.
pub fn load_bank(folders: &[PathBuf]) -> (Bank, Vec<String>) {
    let limits = LoadLimits::default();
    let mut bank = Bank::builtin();
    let mut warnings = Vec::new();
    for f in folders {
        if let Err(e) = bank.add_folder(f, &limits) {
            warnings.push(e);
        }
    }
    warnings.extend(bank.warnings().iter().cloned());
    (bank, warnings)
}

impl Shared {
    /// The bank for the saved sample folders, loaded once per list of folders (off the audio
    /// thread: at activation, or in the background after the user picks folders).
    pub fn sample_bank(&self) -> Arc<Bank> {
        let folders = self.params.sample_folders.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some((f, b)) = lock(&self.bank).as_ref() {
            if *f == folders {
                return b.clone();
            }
        }
        let (bank, warnings) = load_bank(&folders);
        let bank = Arc::new(bank);
        *lock(&self.samples) = SampleStatus { loading: false, sounds: bank.sound_names().len(), warnings };
        *lock(&self.bank) = Some((folders, bank.clone()));
        bank
    }
}

impl EditorHost for Shared {
    fn program(&self) -> String {
        self.params.program.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn evaluate(&self, text: &str) -> Result<(), Vec<EditorError>> {
        let mut guard = lock(&self.session);
        let result = match guard.as_mut() {
            Some(s) => {
                s.collect();
                s.load(text)
            }
            // Not active: check the text now; it is compiled again on activation.
            None => compile(text, &CompileEnv::new(self.sample_bank())).map(|_| ()),
        };
        drop(guard);
        match result {
            Ok(()) => {
                *self.params.program.write().unwrap_or_else(|e| e.into_inner()) = text.to_string();
                *lock(&self.error) = None;
                Ok(())
            }
            Err(e) => {
                *lock(&self.error) = Some(e.render("program", text));
                Err(editor_errors(&e))
            }
        }
    }

    fn last_errors(&self) -> Vec<EditorError> {
        if lock(&self.error).is_none() {
            return Vec::new();
        }
        // The stored message is rendered text; compile again for the spans.
        let text = self.program();
        match compile(&text, &CompileEnv::new(self.sample_bank())) {
            Ok(_) => Vec::new(),
            Err(e) => editor_errors(&e),
        }
    }

    fn reading(&self) -> EngineReading {
        let Some(status) = lock(&self.status).clone() else { return EngineReading::default() };
        let mut peaks = [0.0; super::host::MAX_METERED_OUTPUTS + 1];
        for (k, p) in peaks.iter_mut().enumerate() {
            *p = status.peak(k);
        }
        let load = f32::from_bits(self.load.load(Ordering::Relaxed));
        EngineReading {
            peaks,
            nan_outputs: status.nan_outputs.load(Ordering::Relaxed),
            cycle: status.cycle(),
            cps: status.cps(),
            bpc: 4.0,
            cpu: load.is_finite().then_some(load),
            running: status.blocks.load(Ordering::Relaxed) > 0,
        }
    }

    fn outputs(&self) -> usize {
        OUTPUTS
    }

    fn output_params(&self, k: usize) -> Option<OutputControls<'_>> {
        let p = self.params.outputs.get(k.checked_sub(1)?)?;
        Some(OutputControls { solo: &p.solo, mute: &p.mute, gain: &p.gain })
    }

    fn sample_folders(&self) -> Vec<PathBuf> {
        self.params.sample_folders.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Loads the folders on a thread of its own. The running engine keeps the bank it was
    /// activated with (this plugin builds its engine at activation), so the new sounds play
    /// from the plugin's next activation; the status says so.
    fn set_sample_folders(&self, folders: Vec<PathBuf>) {
        *self.params.sample_folders.write().unwrap_or_else(|e| e.into_inner()) = folders.clone();
        lock(&self.samples).loading = true;
        let shared = self.self_ref.upgrade();
        std::thread::Builder::new()
            .name("phonon samples".into())
            .spawn(move || {
                let Some(shared) = shared else { return };
                let (bank, mut warnings) = load_bank(&folders);
                if lock(&shared.session).is_some() {
                    warnings.push("The new samples play from the plugin's next activation.".into());
                }
                let bank = Arc::new(bank);
                *lock(&shared.samples) = SampleStatus { loading: false, sounds: bank.sound_names().len(), warnings };
                *lock(&shared.bank) = Some((folders, bank));
            })
            .map(|_| ())
            .unwrap_or_else(|e| {
                *lock(&self.samples) = SampleStatus { loading: false, sounds: 0, warnings: vec![e.to_string()] };
            });
    }

    fn sample_status(&self) -> SampleStatus {
        lock(&self.samples).clone()
    }

    fn settings(&self) -> EditorSettings {
        self.params.editor.read().unwrap_or_else(|e| e.into_inner()).clone().sanitized()
    }

    fn set_settings(&self, settings: EditorSettings) {
        *self.params.editor.write().unwrap_or_else(|e| e.into_inner()) = settings;
    }
}
