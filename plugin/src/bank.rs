//! The sample bank the plugin compiles against: the built-in kit and the sample folders saved
//! in its state.

use phonon_engine::samples::{Bank, LoadLimits};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Load the bank for `folders` (Dirt-Samples layout; later folders win over earlier ones, all
/// of them over the built-in kit), with a warning, for the editor, for every folder or file
/// that could not be used. Called off the audio thread: on activation and by the compile worker
/// when the folders change. Every warning starts with "sample folder".
///
/// With no folder chosen, SuperDirt's own Dirt-Samples is used where SuperCollider installed
/// it, each sound decoded when a program first names it.
pub fn load_bank(folders: &[PathBuf]) -> (Arc<Bank>, Vec<String>) {
    let limits = LoadLimits::default();
    let mut bank = Bank::builtin();
    let mut warnings = Vec::new();
    if folders.is_empty() {
        if let Some(dirt) = phonon_engine::samples::dirt_samples_dir() {
            if let Err(e) = bank.add_lazy_folder(&dirt, &limits) {
                warnings.push(folder_warning(&dirt, &e));
            }
        }
    }
    for f in folders {
        if let Err(e) = bank.add_folder(f, &limits) {
            warnings.push(folder_warning(f, &e));
        }
    }
    warnings.extend(bank.warnings().iter().map(|w| format!("sample folder: {w}")));
    (Arc::new(bank), warnings)
}

fn folder_warning(folder: &Path, why: &str) -> String {
    if !folder.is_dir() {
        format!("sample folder {} does not exist", folder.display())
    } else {
        format!("sample folder {}: {why}", folder.display())
    }
}

/// The folders of a saved state as paths.
pub fn folder_paths(folders: &[String]) -> Vec<PathBuf> {
    folders.iter().map(PathBuf::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 16-bit mono WAV of `n` samples of a ramp.
    fn wav(n: usize) -> Vec<u8> {
        let data: Vec<u8> = (0..n).flat_map(|i| ((i as i16).wrapping_mul(64)).to_le_bytes()).collect();
        let mut w = b"RIFF".to_vec();
        w.extend((36 + data.len() as u32).to_le_bytes());
        w.extend(b"WAVEfmt ");
        w.extend(16u32.to_le_bytes());
        w.extend(1u16.to_le_bytes()); // PCM
        w.extend(1u16.to_le_bytes()); // mono
        w.extend(48000u32.to_le_bytes());
        w.extend((48000u32 * 2).to_le_bytes());
        w.extend(2u16.to_le_bytes());
        w.extend(16u16.to_le_bytes());
        w.extend(b"data");
        w.extend((data.len() as u32).to_le_bytes());
        w.extend(data);
        w
    }

    #[test]
    fn folders_add_their_sounds_to_the_kit() {
        let root = std::env::temp_dir().join(format!("phonon-bank-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("blip")).unwrap();
        std::fs::write(root.join("blip/a.wav"), wav(480)).unwrap();
        let (bank, warnings) = load_bank(&[root.clone()]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(bank.has_sound("blip"), "the folder's sound");
        assert!(bank.has_sound("bd"), "and the built-in kit");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_missing_folder_is_a_warning_not_an_error() {
        let (bank, warnings) = load_bank(&[PathBuf::from("/no/such/phonon/folder")]);
        assert!(bank.has_sound("bd"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("sample folder") && warnings[0].contains("does not exist"), "{warnings:?}");
        let (_, none) = load_bank(&[]);
        assert!(none.is_empty());
    }
}
