//! What the editor window needs from the plugin, and nothing more.
//!
//! The editor knows the plugin only through [`EditorHost`], so the plugin's internals (compile
//! worker, state, parameters) can change without touching the window, and the window can be
//! driven headlessly in tests by a host that compiles with the real engine.

use nice_plug::prelude::{BoolParam, FloatParam};
pub use phonon_engine::graph::PlayedStep;
use std::ops::Range;
use std::path::PathBuf;

/// Most numbered outputs the editor shows meters for (`out1`..`out16`, as the engine carries).
pub const MAX_METERED_OUTPUTS: usize = 16;

/// A compile error: where in the evaluated text (a byte range) and what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorError {
    pub span: Range<usize>,
    pub message: String,
}

/// Engine diagnostics as the editor shows them.
pub fn editor_errors(errors: &phonon_engine::lang::Errors) -> Vec<EditorError> {
    errors.0.iter().map(|d| EditorError { span: d.span.start..d.span.end, message: d.message.clone() }).collect()
}

/// What the engine reports for the displays, read from its lock-free status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EngineReading {
    /// Peak level of the last engine block per output: index 0 is the main output, k is `outk`.
    pub peaks: [f32; MAX_METERED_OUTPUTS + 1],
    /// Bit k set: output k held NaN or infinity and was muted by the engine's guard.
    pub nan_outputs: u32,
    /// Current cycle position (of the block rendered last).
    pub cycle: f64,
    /// The cycle position being heard (the host's latency taken off), when known.
    pub heard_cycle: Option<f64>,
    /// Cycles per second.
    pub cps: f64,
    /// Host beats per cycle (to show the tempo in BPM).
    pub bpc: f64,
    /// Share of the real-time budget the last audio callback used (0.5 = half), if measured.
    pub cpu: Option<f32>,
    /// False while the plugin is not processing (not activated, or transport-less hosts idle).
    pub running: bool,
}

/// The host parameters of one numbered output, as the plugin registers them with the host.
/// The editor sets them through nice-plug's `ParamSetter`, so the host records the change
/// (automation, undo) exactly as if the user had moved the host's own control.
pub struct OutputControls<'a> {
    pub solo: &'a BoolParam,
    pub mute: &'a BoolParam,
    /// Linear gain.
    pub gain: &'a FloatParam,
}

/// The plugin's command parameters, set from the window exactly as a host control would set
/// them (so the host records them too).
pub struct HostCommands<'a> {
    /// Fade every output to silence while on.
    pub hush: &'a BoolParam,
    /// Silence now, clearing every tail and voice, when switched on.
    pub panic: &'a BoolParam,
}

/// Loading state of the user's sample folders.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SampleStatus {
    /// Folders are being read in the background.
    pub loading: bool,
    /// Sound names (`bd`, `sn`, ...) the bank now holds, the built-in ones included.
    pub sounds: usize,
    /// Problems found while loading (unreadable folders, undecodable files).
    pub warnings: Vec<String>,
}

pub use crate::state::EditorSettings;

/// The plugin, as the editor sees it. Called on the GUI thread only; nothing here may wait for
/// the audio thread.
pub trait EditorHost: Send + Sync + 'static {
    /// The program the plugin plays and saves.
    fn program(&self) -> String;

    /// Compile `text` off the audio thread and, when it compiles, swap it in and make it the
    /// saved program. On failure nothing changes: the playing program keeps playing. Spans of
    /// the errors are byte ranges in `text`.
    fn evaluate(&self, text: &str) -> Result<(), Vec<EditorError>>;

    /// Errors of the saved program found outside the editor (when the plugin was activated or
    /// its state restored), so a window opened later shows them.
    fn last_errors(&self) -> Vec<EditorError>;

    /// Counts the times the host replaced the program (a project or preset loaded, an undo in
    /// the host); the window shows the new program when it changes.
    fn restores(&self) -> u64 {
        0
    }

    /// Notices for the user that belong to no line of code (a damaged saved state, ...).
    fn notices(&self) -> Vec<String> {
        Vec::new()
    }

    /// Warnings of the last program compiled: valid code that will be silent (`fast 0`, an
    /// empty pattern, a sound without samples), each `line L, column C: message`.
    fn warnings(&self) -> Vec<String> {
        Vec::new()
    }

    /// Meters, tempo, cycle and load.
    fn reading(&self) -> EngineReading;

    /// How many numbered outputs have ports and host parameters (`out1`..`outN`); 0 for the
    /// stereo plugin, whose one port carries the main output.
    fn outputs(&self) -> usize;

    /// The host parameters of output `k` (1-based), if it has them.
    fn output_params(&self, k: usize) -> Option<OutputControls<'_>>;

    /// The user's sample folders, searched before the built-in sounds.
    fn sample_folders(&self) -> Vec<PathBuf>;

    /// Use these sample folders from now on (saved in the plugin state). Loading may happen in
    /// the background; [`EditorHost::sample_status`] tells how it went.
    fn set_sample_folders(&self, folders: Vec<PathBuf>);

    fn sample_status(&self) -> SampleStatus;

    /// Every sound `s` can play, and whether it is a synth voice (not a sample set).
    fn sounds(&self) -> Vec<(String, bool)> {
        Vec::new()
    }

    /// Hush and panic, if the plugin has them.
    fn commands(&self) -> Option<HostCommands<'_>> {
        None
    }

    /// Move the steps that started playing since the last call into `into` (each event's
    /// words in the program text, outputs, onset and length in engine samples).
    fn take_steps(&self, into: &mut Vec<PlayedStep>) {
        let _ = into;
    }

    /// The engine sample being heard from the speakers now (the host's output latency taken
    /// off); `None` while no audio runs.
    fn heard_sample(&self) -> Option<f64> {
        None
    }

    /// The patterns of the program playing now, each with the outputs it plays on (bit k:
    /// output k, 0 = main), for the pianoroll.
    fn patterns(&self) -> Vec<(u32, phonon_engine::pattern::Pattern)> {
        Vec::new()
    }

    /// Show output `k` (0 = main) on the scope from now on, and fill `into` with its latest
    /// samples, oldest first. False when no audio runs.
    fn scope(&self, k: usize, into: &mut [f32]) -> bool {
        let _ = (k, into);
        false
    }

    fn settings(&self) -> EditorSettings;

    /// Save the editor's settings in the plugin state.
    fn set_settings(&self, settings: EditorSettings);
}
