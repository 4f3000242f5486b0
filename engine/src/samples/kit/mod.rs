//! The built-in kit: drum sounds synthesized when first needed, so `s "bd sn"` plays with no
//! sample files at all. Every name has [`VARIANTS`] variants (`bd:0` .. `bd:3`); each is a
//! mono sample at [`KIT_RATE`], peak-normalised to its instrument's level, ending in silence.

mod drums;
mod tools;

use super::Sample;
use std::sync::{Arc, OnceLock};

/// Sample rate the kit is rendered at (Hz); voices convert to the engine's rate.
pub const KIT_RATE: f32 = 48_000.0;
/// Variants per name.
pub const VARIANTS: usize = 4;
/// The kit's sound names.
pub const NAMES: &[&str] = &["bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cy", "perc"];

/// A kit sound's name and its variants.
pub type KitSet = (&'static str, Vec<Arc<Sample>>);

/// Every kit sound, rendered once per process and shared.
pub fn sets() -> &'static [KitSet] {
    static KIT: OnceLock<Vec<KitSet>> = OnceLock::new();
    KIT.get_or_init(|| {
        NAMES
            .iter()
            .map(|&name| {
                let samples = (0..VARIANTS)
                    .map(|v| {
                        let data = drums::render(name, v, KIT_RATE);
                        Arc::new(Sample::new(format!("kit:{name}:{v}"), vec![data], KIT_RATE))
                    })
                    .collect();
                (name, samples)
            })
            .collect()
    })
}
