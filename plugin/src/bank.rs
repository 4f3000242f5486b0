//! The sample bank the plugin compiles against, from the sample folders saved in its state.

use phonon_engine::samples::Bank;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Load the bank for `folders` (searched in order, Dirt-Samples layout), with a warning for
/// every folder that could not be used. Called off the audio thread: on activation and by the
/// compile worker when the folders change.
///
/// The folder reader is not part of the engine yet: every existing folder is reported as not
/// loaded, and `s` plays the built-in sounds.
pub fn load_bank(folders: &[PathBuf]) -> (Arc<Bank>, Vec<String>) {
    let warnings = folders.iter().map(|f| folder_warning(f)).collect();
    (Arc::new(Bank::empty()), warnings)
}

fn folder_warning(folder: &Path) -> String {
    if !folder.is_dir() {
        format!("sample folder {} does not exist", folder.display())
    } else {
        format!("sample folder {}: sample folders cannot be loaded by this version yet", folder.display())
    }
}

/// The folders of a saved state as paths.
pub fn folder_paths(folders: &[String]) -> Vec<PathBuf> {
    folders.iter().map(PathBuf::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_it_cannot_use_gets_a_warning() {
        let (bank, warnings) = load_bank(&[PathBuf::from("/no/such/phonon/folder")]);
        assert!(bank.sound_names().is_empty());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("does not exist"), "{warnings:?}");
        let (_, none) = load_bank(&[]);
        assert!(none.is_empty());
    }
}
