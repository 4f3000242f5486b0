//! The sample bank: every sound `s` can play by name.

use std::collections::BTreeMap;
use std::sync::Arc;

/// A decoded sample: de-interleaved channels at their own sample rate.
pub struct Sample {
    pub channels: Vec<Vec<f32>>,
    pub sample_rate: f32,
}

/// Sounds by name: a folder of samples per name (`bd:0`, `bd:1`, ...).
#[derive(Default)]
pub struct Bank {
    sets: BTreeMap<String, Vec<Arc<Sample>>>,
}

impl Bank {
    /// A bank with no sounds.
    pub fn empty() -> Bank {
        Bank::default()
    }

    /// Whether `s` can play `name`.
    pub fn has_sound(&self, name: &str) -> bool {
        self.sets.contains_key(name)
    }

    /// Every playable name, sorted.
    pub fn sound_names(&self) -> Vec<&str> {
        self.sets.keys().map(|s| s.as_str()).collect()
    }
}
