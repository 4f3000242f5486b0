//! The sample bank: every sound `s` can play by name.
//!
//! A [`Bank`] holds the built-in kit (synthesized on first use, no files needed) and the user's
//! sample folders in the Dirt-Samples layout. Everything here runs off the audio thread: banks
//! are built once, then shared read-only (`Arc<Bank>`) by the compiler and by every graph that
//! plays from them, so samples are never copied and never freed while a voice reads them.

mod bank;
pub mod decode;
pub mod dirt;
pub mod folders;
pub mod kit;
mod sample;

pub use bank::{Bank, Origin, Samples, SoundSet};
pub use decode::{decode_file, DecodeError, LoadLimits};
pub use dirt::dirt_samples_dir;
pub use folders::LoadReport;
pub use sample::Sample;
