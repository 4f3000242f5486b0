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
    // Rendered in order here: a parallel loop inside a `OnceLock`'s initialisation can
    // deadlock (a worker that steals another name's job may wait on this very lock).
    KIT[i].get_or_init(|| (0..VARIANTS).map(|v| variant(i, v)).collect())
}

/// The variants of kit sound `NAMES[i]` if they were rendered, else none: never renders, so
/// the audio thread may call it.
pub fn rendered(i: usize) -> &'static [Arc<Sample>] {
    KIT[i].get().map_or(&[], |v| v.as_slice())
}

/// The kit names that occur in `text` (as parts of words too: rendering one too many costs a
/// few milliseconds, missing one silences it).
pub fn named_in(text: &str) -> Vec<usize> {
    NAMES.iter().enumerate().filter(|(_, n)| text.contains(*n)).map(|(i, _)| i).collect()
}

static KIT: [OnceLock<Vec<Arc<Sample>>>; NAMES.len()] = [const { OnceLock::new() }; NAMES.len()];

fn variant(i: usize, v: usize) -> Arc<Sample> {
    let name = NAMES[i];
    Arc::new(Sample::new(format!("kit:{name}:{v}"), vec![drums::render(name, v, KIT_RATE)], KIT_RATE))
}

/// Render the named kit sounds now, their variants on all cores. The rendering runs outside
/// the locks; a name another thread finished first keeps its samples (they are identical).
pub fn render(indices: &[usize]) {
    let todo: Vec<(usize, usize)> =
        indices.iter().filter(|&&i| KIT[i].get().is_none()).flat_map(|&i| (0..VARIANTS).map(move |v| (i, v))).collect();
    let rendered: Vec<Arc<Sample>> = todo.par_iter().map(|&(i, v)| variant(i, v)).collect();
    for (chunk, &(i, _)) in rendered.chunks(VARIANTS).zip(todo.iter().step_by(VARIANTS)) {
        let _ = KIT[i].set(chunk.to_vec());
    }
}
