//! The built-in kit: drum sounds synthesized when first needed (per name, see [`variants`]), so `s "bd sn"` plays with no
//! sample files at all. Every name has [`VARIANTS`] variants (`bd:0` .. `bd:3`); each is a
//! mono sample at [`KIT_RATE`], peak-normalised to its instrument's level, ending in silence.

mod drums;
mod tools;

use super::Sample;
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// Sample rate the kit is rendered at (Hz); voices convert to the engine's rate.
pub const KIT_RATE: f32 = 48_000.0;
/// Variants per name.
pub const VARIANTS: usize = 4;
/// The kit's sound names.
pub const NAMES: &[&str] = &["bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cy", "perc"];

/// The variants of kit sound `NAMES[i]`, rendered on first use and shared by every bank of
/// the process. Rendering takes a few milliseconds per name: a program that plays no kit
/// sound never pays for it.
pub fn variants(i: usize) -> &'static [Arc<Sample>] {
    static KIT: [OnceLock<Vec<Arc<Sample>>>; NAMES.len()] = [const { OnceLock::new() }; NAMES.len()];
    KIT[i].get_or_init(|| {
        let name = NAMES[i];
        (0..VARIANTS)
            .into_par_iter()
            .map(|v| Arc::new(Sample::new(format!("kit:{name}:{v}"), vec![drums::render(name, v, KIT_RATE)], KIT_RATE)))
            .collect()
    })
}

/// Render the named kit sounds now, on all cores.
pub fn render(indices: &[usize]) {
    indices.par_iter().for_each(|&i| {
        variants(i);
    });
}
