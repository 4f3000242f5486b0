//! Host parameters and persisted state.

use nice_plug::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

#[derive(Params)]
pub struct PhononParams {
    /// The program text, saved with the host's project.
    #[persist = "program"]
    pub program: Arc<RwLock<String>>,

    /// Master output gain.
    #[id = "gain"]
    pub gain: FloatParam,

    // --- Used by the editor window (see editor/foundation_host.rs). ---
    /// Window size and editor behaviour, saved with the project.
    #[persist = "editor"]
    pub editor: Arc<RwLock<crate::editor::EditorSettings>>,
    /// The user's sample folders.
    #[persist = "sample_folders"]
    pub sample_folders: Arc<RwLock<Vec<PathBuf>>>,
    /// Solo, mute and gain of `out1`..`out8`.
    #[nested(array, group = "Outputs")]
    pub outputs: [OutputParams; OUTPUTS],
}

/// Numbered outputs with host parameters.
pub const OUTPUTS: usize = 8;

/// The host parameters of one numbered output.
#[derive(Params)]
pub struct OutputParams {
    #[id = "solo"]
    pub solo: BoolParam,
    #[id = "mute"]
    pub mute: BoolParam,
    #[id = "gain"]
    pub gain: FloatParam,
}

impl OutputParams {
    pub fn new(k: usize) -> OutputParams {
        OutputParams {
            solo: BoolParam::new(format!("Solo {k}"), false),
            mute: BoolParam::new(format!("Mute {k}"), false),
            gain: FloatParam::new(
                format!("Gain {k}"),
                1.0,
                FloatRange::Skewed {
                    min: util::db_to_gain(-60.0),
                    max: util::db_to_gain(6.0),
                    factor: FloatRange::gain_skew_factor(-60.0, 6.0),
                },
            )
            .with_unit(" dB")
            .with_value_to_string(formatters::v2s_f32_gain_to_db(1))
            .with_string_to_value(formatters::s2v_f32_gain_to_db()),
        }
    }

    /// The gain output `k` plays at, given whether any output is soloed.
    pub fn effective_gain(&self, any_solo: bool) -> f32 {
        if self.mute.value() || (any_solo && !self.solo.value()) {
            0.0
        } else {
            self.gain.value()
        }
    }
}

impl Default for PhononParams {
    fn default() -> Self {
        PhononParams {
            program: Arc::new(RwLock::new(crate::DEFAULT_PROGRAM.to_string())),
            gain: FloatParam::new(
                "Master Gain",
                util::db_to_gain(0.0),
                FloatRange::Skewed {
                    min: util::db_to_gain(-60.0),
                    max: util::db_to_gain(6.0),
                    factor: FloatRange::gain_skew_factor(-60.0, 6.0),
                },
            )
            .with_smoother(SmoothingStyle::Logarithmic(20.0))
            .with_unit(" dB")
            .with_value_to_string(formatters::v2s_f32_gain_to_db(1))
            .with_string_to_value(formatters::s2v_f32_gain_to_db()),
            editor: Arc::new(RwLock::new(crate::editor::EditorSettings::default())),
            sample_folders: Arc::new(RwLock::new(Vec::new())),
            outputs: std::array::from_fn(|i| OutputParams::new(i + 1)),
        }
    }
}
