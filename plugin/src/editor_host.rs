//! The plugin as the editor window sees it: [`EditorHost`] over the plugin's [`Shared`] state
//! and its compile worker. The one place where the editor meets the plugin's internals.
//!
//! Everything here runs on the GUI thread and never waits for the audio thread. An evaluation
//! is checked here (parse and compile, a few milliseconds) so that its errors appear in the
//! same frame; a program that compiles goes to the compile worker, which builds it and hands
//! it to the audio thread, coalescing rapid edits.

use crate::editor::host::{editor_errors, HostCommands, PlayedStep, MAX_METERED_OUTPUTS};
use crate::editor::{EditorError, EditorHost, EditorSettings, EngineReading, OutputControls, SampleStatus};
use crate::params::OUTPUTS;
use crate::worker::{Job, Shared};
use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::graph::now_nanos;
use phonon_engine::pattern::Pattern;
use phonon_engine::samples::Bank;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Sender;
use std::sync::Arc;

pub struct PluginEditorHost {
    shared: Arc<Shared>,
    jobs: Sender<Job>,
    /// Numbered outputs with ports of their own (0 in the stereo plugin).
    ports: usize,
}

impl PluginEditorHost {
    pub fn new(shared: Arc<Shared>, jobs: Sender<Job>, ports: usize) -> PluginEditorHost {
        PluginEditorHost { shared, jobs, ports: ports.min(OUTPUTS) }
    }

    /// The bank to check programs against: the one the worker loaded last, or the built-in kit
    /// before anything was loaded (sample folders are never read on the GUI thread).
    fn bank(&self) -> Arc<Bank> {
        self.shared.loaded_bank().unwrap_or_else(|| Arc::new(Bank::builtin()))
    }
}

impl EditorHost for PluginEditorHost {
    fn program(&self) -> String {
        self.shared.params.state.program()
    }

    fn evaluate(&self, text: &str) -> Result<(), Vec<EditorError>> {
        compile(text, &CompileEnv::new(self.bank())).map_err(|e| editor_errors(&e))?;
        // The text plays from the worker's build on; it is the saved program from now on.
        self.shared.params.state.update(|d| d.program = text.to_string());
        let _ = self.jobs.send(Job::Evaluate(text.to_string()));
        Ok(())
    }

    fn last_errors(&self) -> Vec<EditorError> {
        let program = self.program();
        match &self.shared.status().failed {
            Some((text, errors)) if *text == program => editor_errors(errors),
            _ => Vec::new(),
        }
    }

    fn restores(&self) -> u64 {
        self.shared.params.state.restores()
    }

    fn notices(&self) -> Vec<String> {
        let status = self.shared.status();
        // Sample folder warnings have their own place in the samples panel.
        status.notices.into_iter().filter(|n| !n.starts_with("sample folder")).collect()
    }

    fn warnings(&self) -> Vec<String> {
        self.shared.status().warnings
    }

    fn reading(&self) -> EngineReading {
        let Some(status) = self.shared.engine.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
            return EngineReading::default();
        };
        let mut peaks = [0.0; MAX_METERED_OUTPUTS + 1];
        for (k, p) in peaks.iter_mut().enumerate() {
            *p = status.peak(k);
        }
        let load = f32::from_bits(self.shared.load.load(Ordering::Relaxed));
        EngineReading {
            peaks,
            nan_outputs: status.nan_outputs.load(Ordering::Relaxed),
            cycle: status.cycle(),
            heard_cycle: status.heard_at(now_nanos()).map(|s| status.cycle_at(s)),
            cps: status.cps(),
            bpc: status.bpc(),
            cpu: load.is_finite().then_some(load),
            running: status.blocks.load(Ordering::Relaxed) > 0,
        }
    }

    fn outputs(&self) -> usize {
        self.ports
    }

    fn output_params(&self, k: usize) -> Option<OutputControls<'_>> {
        let p = self.shared.params.outputs.get(k.checked_sub(1)?)?;
        Some(OutputControls { solo: &p.solo, mute: &p.mute, gain: &p.gain })
    }

    fn sample_folders(&self) -> Vec<PathBuf> {
        crate::bank::folder_paths(&self.shared.params.state.sample_folders())
    }

    /// Saved at once; the worker loads the bank and compiles the program against it, and the
    /// running engine takes the new bank with that program.
    fn set_sample_folders(&self, folders: Vec<PathBuf>) {
        let folders: Vec<String> = folders.iter().map(|f| f.to_string_lossy().into_owned()).collect();
        self.shared.params.state.update(|d| d.sample_folders = folders.clone());
        self.shared.samples_loading.store(true, Ordering::Release);
        if self.jobs.send(Job::SampleFolders(folders)).is_err() {
            self.shared.samples_loading.store(false, Ordering::Release);
        }
    }

    fn sample_status(&self) -> SampleStatus {
        let loading = self.shared.samples_loading.load(Ordering::Acquire);
        let sounds = self.shared.loaded_bank().map_or(0, |b| b.sound_names().len());
        let warnings = self.shared.status().notices.into_iter().filter(|n| n.starts_with("sample folder")).collect();
        SampleStatus { loading, sounds, warnings }
    }

    fn sounds(&self) -> Vec<(String, bool)> {
        let bank = self.bank();
        bank.sound_names().into_iter().map(|n| (n.to_string(), bank.set_index(n).is_none())).collect()
    }

    fn commands(&self) -> Option<HostCommands<'_>> {
        Some(HostCommands { hush: &self.shared.params.hush, panic: &self.shared.params.panic })
    }

    fn take_steps(&self, into: &mut Vec<PlayedStep>) {
        while let Some(s) = self.shared.steps.take() {
            into.push(s);
        }
    }

    fn heard_sample(&self) -> Option<f64> {
        let status = self.shared.engine.lock().unwrap_or_else(|e| e.into_inner()).clone()?;
        status.heard_at(now_nanos())
    }

    fn patterns(&self) -> Vec<(u32, Pattern)> {
        self.shared.patterns.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn scope(&self, k: usize, into: &mut [f32]) -> bool {
        let Some(status) = self.shared.engine.lock().unwrap_or_else(|e| e.into_inner()).clone() else { return false };
        status.scope.select(k);
        status.scope.read(into);
        true
    }

    fn settings(&self) -> EditorSettings {
        self.shared.params.state.editor().sanitized()
    }

    fn set_settings(&self, settings: EditorSettings) {
        self.shared.params.state.update(|d| d.editor = settings);
    }
}
