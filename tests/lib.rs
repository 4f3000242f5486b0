//! Shared helpers for Phonon's end-to-end tests: audio analysis and a minimal CLAP host.

pub mod analysis;
pub mod clap_host;

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(|p| p.to_path_buf()).unwrap_or_default()
}

/// The built CLAP bundle, if the bundler has run (`cargo xtask bundle phonon`).
pub fn clap_bundle() -> Option<PathBuf> {
    let p = root().join("target/bundled/Phonon.clap");
    p.exists().then_some(p)
}
