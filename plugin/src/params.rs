//! Host parameters and persisted state.

use nice_plug::prelude::*;
use std::sync::{Arc, RwLock};

#[derive(Params)]
pub struct PhononParams {
    /// The program text, saved with the host's project.
    #[persist = "program"]
    pub program: Arc<RwLock<String>>,

    /// Master output gain.
    #[id = "gain"]
    pub gain: FloatParam,
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
        }
    }
}
