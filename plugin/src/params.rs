//! Host parameters and the persisted state field.
//!
//! Parameter ids are part of every saved project and automation lane (VST3 hashes them), so
//! they never change: `gain`, `hush`, `panic`, `freerun`, `solo_1`..`solo_8`,
//! `mute_1`..`mute_8`, `gain_1`..`gain_8`, `p_1`..`p_8`. None of them rebuilds the graph: they
//! are read on the audio thread every host call (nice-plug splits the call at each automation
//! point, so a change lands on its exact sample) and smoothed by the engine.

use crate::state::SavedState;
use nice_plug::plugin::ParamValue;
use nice_plug::prelude::*;
use phonon_engine::graph::MAX_OUTPUTS;

/// Numbered outputs with host parameters (and, in Phonon Multi, ports of their own).
pub const OUTPUTS: usize = 8;

#[derive(Params)]
pub struct PhononParams {
    /// Program, sample folders and editor settings, saved with the host's project.
    #[persist = "phonon"]
    pub state: SavedState,

    /// Gain of every output port.
    #[id = "gain"]
    pub gain: FloatParam,

    /// Fade every output to silence while on.
    #[id = "hush"]
    pub hush: BoolParam,

    /// Silence now, clearing every tail and voice, when switched on.
    #[id = "panic"]
    pub panic: BoolParam,

    /// Keep playing on the program's tempo while the host's transport is stopped.
    #[id = "freerun"]
    pub freerun: BoolParam,

    /// Solo, mute and gain of `out1`..`out8`.
    #[nested(array, group = "Output")]
    pub outputs: [OutputParams; OUTPUTS],

    /// `param 1`..`param 8` of the language.
    #[nested(array, group = "Macro")]
    pub macros: [MacroParams; phonon_engine::graph::MACROS],
}

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
    /// The parameters of output `k` (1-based).
    pub fn new(k: usize) -> OutputParams {
        OutputParams {
            solo: BoolParam::new(format!("Out {k} Solo"), false),
            mute: BoolParam::new(format!("Out {k} Mute"), false),
            gain: gain_param(format!("Out {k} Gain")),
        }
    }

    /// This output's gain under the DAW conventions: any solo silences the outputs that are
    /// not soloed, and mute wins over solo.
    pub fn effective_gain(&self, any_solo: bool) -> f32 {
        if self.mute.value() || (any_solo && !self.solo.value()) {
            0.0
        } else {
            self.gain.value()
        }
    }
}

#[derive(Params)]
pub struct MacroParams {
    #[id = "p"]
    pub value: FloatParam,
}

fn gain_param(name: String) -> FloatParam {
    FloatParam::new(
        name,
        1.0,
        FloatRange::Skewed {
            min: util::db_to_gain(-60.0),
            max: util::db_to_gain(6.0),
            factor: FloatRange::gain_skew_factor(-60.0, 6.0),
        },
    )
    .with_unit(" dB")
    .with_value_to_string(formatters::v2s_f32_gain_to_db(1))
    .with_string_to_value(formatters::s2v_f32_gain_to_db())
}

impl Default for PhononParams {
    fn default() -> Self {
        PhononParams {
            state: SavedState::default(),
            gain: gain_param("Master Gain".into()),
            hush: BoolParam::new("Hush", false),
            panic: BoolParam::new("Panic", false),
            freerun: BoolParam::new("Free Run", true),
            outputs: std::array::from_fn(|i| OutputParams::new(i + 1)),
            macros: std::array::from_fn(|i| MacroParams {
                value: FloatParam::new(format!("Param {}", i + 1), 0.0, FloatRange::Linear { min: 0.0, max: 1.0 }),
            }),
        }
    }
}

impl PhononParams {
    /// The gain of each numbered output `out1`..`out16` (index 0 = `out1`) under the DAW
    /// conventions: any solo silences every output that is not soloed, and mute wins over
    /// solo. Outputs past the eighth have no parameters and follow the solo rule only.
    pub fn output_gains(&self) -> [f32; MAX_OUTPUTS] {
        let any_solo = self.outputs.iter().any(|o| o.solo.value());
        std::array::from_fn(|k| match self.outputs.get(k) {
            Some(o) => o.effective_gain(any_solo),
            None if any_solo => 0.0,
            None => 1.0,
        })
    }
}

/// Clamp every value of a state the host restores to its parameter's range (a damaged or
/// hostile project may hold a master gain of 1e30 or NaN): out of range goes to the nearest
/// end, not a number to the default. Values of unknown ids are left for nice-plug to ignore.
pub fn clamp_restored(values: &mut std::collections::BTreeMap<String, ParamValue>) {
    let params = PhononParams::default();
    for (id, ptr, _) in params.param_map() {
        let Some(v) = values.get_mut(&id) else { continue };
        if let ParamValue::F32(x) = v {
            // Safety: `ptr` points into `params`, alive for this loop.
            *x = unsafe {
                if x.is_finite() {
                    // Values inside the range stay exactly as saved (a round trip through the
                    // normalised value is not exact); values at or past an end become the end.
                    let n = ptr.preview_normalized(*x);
                    if n > 0.0 && n < 1.0 {
                        *x
                    } else {
                        ptr.preview_plain(n)
                    }
                } else {
                    ptr.default_plain_value()
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restored_values_are_clamped_to_their_ranges() {
        let mut values = std::collections::BTreeMap::new();
        values.insert("gain".to_string(), ParamValue::F32(1e30));
        values.insert("gain_2".to_string(), ParamValue::F32(f32::NAN));
        values.insert("p_1".to_string(), ParamValue::F32(-5.0));
        values.insert("p_2".to_string(), ParamValue::F32(0.25));
        values.insert("gain_4".to_string(), ParamValue::F32(1.0));
        values.insert("gain_3".to_string(), ParamValue::F32(f32::NEG_INFINITY));
        values.insert("hush".to_string(), ParamValue::Bool(true));
        clamp_restored(&mut values);
        let f = |id: &str| match values[id] {
            ParamValue::F32(x) => x,
            _ => panic!("{id} changed type"),
        };
        let max = util::db_to_gain(6.0);
        assert!((f("gain") - max).abs() < 1e-4, "{}", f("gain"));
        assert_eq!(f("gain_2"), 1.0);
        assert_eq!(f("gain_3"), 1.0);
        assert_eq!(f("p_1"), 0.0);
        assert_eq!(f("p_2"), 0.25, "values in range stay exactly as saved");
        assert_eq!(f("gain_4"), 1.0);
        assert!(matches!(values["hush"], ParamValue::Bool(true)));
    }

    fn set(p: &BoolParam, v: bool) {
        // Tests only: the host sets parameters through the wrapper.
        unsafe { p.as_ptr()._internal_set_normalized_value(if v { 1.0 } else { 0.0 }) };
    }

    #[test]
    fn solo_silences_the_others_and_mute_wins() {
        let p = PhononParams::default();
        assert_eq!(p.output_gains(), [1.0; MAX_OUTPUTS]);
        set(&p.outputs[1].solo, true);
        let g = p.output_gains();
        assert_eq!(g[1], 1.0);
        assert!(g.iter().enumerate().all(|(k, &v)| k == 1 || v == 0.0));
        set(&p.outputs[1].mute, true);
        assert_eq!(p.output_gains()[1], 0.0);
        set(&p.outputs[1].solo, false);
        let g = p.output_gains();
        assert_eq!(g[1], 0.0);
        assert!(g.iter().enumerate().all(|(k, &v)| k == 1 || v == 1.0));
    }

    #[test]
    fn ids_are_stable() {
        let ids: Vec<String> = p_ids();
        for id in ["gain", "hush", "panic", "freerun", "solo_1", "mute_8", "gain_3", "p_1", "p_8"] {
            assert!(ids.iter().any(|i| i == id), "missing {id} in {ids:?}");
        }
        assert_eq!(ids.len(), 4 + 3 * OUTPUTS + 8);
    }

    fn p_ids() -> Vec<String> {
        PhononParams::default().param_map().into_iter().map(|(id, _, _)| id).collect()
    }
}
