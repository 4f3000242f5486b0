//! Phonon's engine: the language, the pattern engine, the compiler, the DSP library, the block
//! graph runtime and offline rendering. Data flows one way:
//! text -> syntax tree (`lang`) -> plan (`compile`) -> graph (`graph`) -> audio.
//!
//! Nothing here depends on plugin or GUI crates; the plugin and the `phonon` command are two
//! hosts of the same [`graph::Engine`].

pub mod compile;
pub mod controls;
pub mod dsp;
pub mod graph;
pub mod lang;
pub mod memory;
pub mod meta;
pub mod nodes;
pub mod pattern;
pub mod registry;
pub mod render;
pub mod samples;
pub mod time;
pub mod voice;
