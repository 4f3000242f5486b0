//! A Dirt-Samples collection (SuperDirt's own, found where SuperCollider installs it) is read
//! lazily: indexing it decodes nothing, a program that names a sound decodes that sound's files,
//! and its sounds win over the built-in kit's.

mod voices_common;

use phonon_engine::samples::{Bank, LoadLimits};
use std::sync::Arc;
use voices_common::*;

#[test]
fn a_lazy_collection_decodes_a_sound_when_a_program_names_it() {
    let root = scratch("dirt-lazy");
    for (name, hz) in [("arpy", 440.0), ("bd", 60.0), ("superfar", 880.0)] {
        std::fs::create_dir_all(root.join(name)).unwrap();
        for k in 0..2 {
            write_wav_int(&root.join(name).join(format!("{name}{k}.wav")), 44100, 16, &[sine(hz, 0.5, 44100.0, 4410)]);
        }
    }
    std::fs::create_dir_all(root.join("empty")).unwrap();
    let mut bank = Bank::builtin();
    assert_eq!(bank.add_lazy_folder(&root, &LoadLimits::default()), Ok(3), "folders without audio are left out");
    for name in ["arpy", "bd", "superfar"] {
        assert!(bank.set(name).unwrap().samples.is_empty(), "{name}: nothing decoded yet");
    }
    let bank = Arc::new(bank);
    let (l, _) = render_with("out: s \"arpy:1\" # gain 1", bank.clone(), 44100, 0.2);
    assert!(rms(&l) > 0.05, "the named sound plays: {}", rms(&l));
    assert!((peak_hz(&l, 44100.0, 100.0) - 440.0).abs() < 15.0, "its own file");
    assert_eq!(bank.set("arpy").unwrap().samples.len(), 2, "decoded on first use");
    assert!(bank.set("superfar").unwrap().samples.is_empty(), "sounds no program named stay on disk");
    // The collection's bd wins over the kit's: a 60 Hz tone, not the kit's kick.
    let (l, _) = render_with("out: s \"bd\" # gain 1", bank.clone(), 44100, 0.09);
    assert!((peak_hz(&l, 44100.0, 20.0) - 60.0).abs() < 12.0, "{}", peak_hz(&l, 44100.0, 20.0));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_unreadable_collection_is_an_error() {
    let mut bank = Bank::builtin();
    assert!(bank.add_lazy_folder(std::path::Path::new("/no/such/Dirt-Samples"), &LoadLimits::default()).is_err());
    assert!(bank.has_sound("bd"), "the kit stays");
}
