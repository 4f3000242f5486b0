//! Sound names are checked when a program compiles: unknown ones are errors that point at the
//! name and suggest the closest known sounds, from the kit, the user's folders and the synths.

mod voices_common;

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::samples::{Bank, LoadLimits};
use std::sync::Arc;
use voices_common::*;

fn error_of(src: &str, bank: Arc<Bank>) -> String {
    match compile(src, &CompileEnv::new(bank)) {
        Ok(_) => panic!("{src}: compiled"),
        Err(e) => e.render("test.ph", src),
    }
}

#[test]
fn unknown_sounds_are_compile_errors_with_suggestions() {
    let e = error_of("out: s \"bd snn hh\"", kit());
    println!("{e}");
    assert!(e.starts_with("test.ph:1:12: error: unknown sound 'snn'; did you mean 'sn'"), "{e}");
    assert!(e.lines().nth(2).unwrap().trim_end().ends_with("^^^"), "the caret marks the name: {e}");

    let e = error_of("out: s \"supersww\"", kit());
    assert!(e.contains("did you mean 'supersaw'"), "{e}");

    let e = error_of("out: s \"zzzzzzzz\"", kit());
    assert!(e.contains("unknown sound 'zzzzzzzz' (add a sample folder of that name"), "{e}");

    // `name:i` is checked by its name.
    let e = error_of("out: s \"bd:3 hhh:2\"", kit());
    assert!(e.contains("unknown sound 'hhh'"), "{e}");
    assert!(compile("out: s \"bd:3 hh:2 supersaw\"", &CompileEnv::new(kit())).is_ok());
}

#[test]
fn the_users_folders_are_known_names_too() {
    let root = scratch("names");
    std::fs::create_dir_all(root.join("kick808")).unwrap();
    write_wav_f32(&root.join("kick808/a.wav"), 48000, &[vec![0.1; 10]]);
    let bank = Arc::new(Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap());
    assert!(compile("out: s \"kick808\"", &CompileEnv::new(bank.clone())).is_ok());
    let e = error_of("out: s \"kick80\"", bank);
    assert!(e.contains("did you mean 'kick808'"), "{e}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_bank_without_samples_still_plays_synths() {
    let empty = Arc::new(Bank::empty());
    assert!(compile("out: note \"c4\" # s \"superpiano\"", &CompileEnv::new(empty.clone())).is_ok());
    assert!(error_of("out: s \"bd\"", empty).contains("unknown sound 'bd'"));
}
