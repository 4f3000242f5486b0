//! The built-in kit: drum sounds synthesized when first needed, so `s "bd sn"` plays with no
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

/// A kit sound's name and its variants.
pub type KitSet = (&'static str, Vec<Arc<Sample>>);

/// Every kit sound, rendered once per process (the variants on all cores) and shared.
pub fn sets() -> &'static [KitSet] {
    static KIT: OnceLock<Vec<KitSet>> = OnceLock::new();
    KIT.get_or_init(|| {
        let rendered: Vec<Arc<Sample>> = (0..NAMES.len() * VARIANTS)
            .into_par_iter()
            .map(|k| {
                let (name, v) = (NAMES[k / VARIANTS], k % VARIANTS);
                let data = drums::render(name, v, KIT_RATE);
                Arc::new(Sample::new(format!("kit:{name}:{v}"), vec![data], KIT_RATE))
            })
            .collect();
        NAMES.iter().zip(rendered.chunks(VARIANTS)).map(|(&name, c)| (name, c.to_vec())).collect()
    })
}
