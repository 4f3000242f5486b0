//! Every silence says why: programs that compile but are silent (in part) carry warnings,
//! located in the text, in the compile result (the editor's status line) and on the CLI's
//! stderr.

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::samples::Bank;
use std::process::Command;
use std::sync::Arc;

fn warnings(src: &str) -> Vec<(usize, usize, String)> {
    let plan = compile(src, &CompileEnv::new(Arc::new(Bank::builtin())))
        .unwrap_or_else(|e| panic!("{}", e.render("program", src)));
    plan.warnings
        .iter()
        .map(|w| {
            let (l, c) = w.line_col(src);
            (l, c, w.message.clone())
        })
        .collect()
}

/// (program, column of the warning on line 1, a word its message holds).
const SILENT: &[(&str, usize, &str)] = &[
    ("out: fast 0 $ s \"bd sn\"", 6, "stops time"),
    ("out: slow 0 $ s \"bd sn\"", 6, "stops time"),
    ("out: s \"bd sn\" # speed 0", 18, "speed 0"),
    ("out: s \"~ ~\"", 6, "no events"),
    ("out: chop 1e9 $ s \"bd sn\"", 6, "chop"),
    ("out: striate 1e6 $ s \"bd sn\"", 6, "striate"),
    ("out: segment 1e9 $ s \"bd\"", 6, "segment"),
    ("out: n (run 1e9) # s \"bd\"", 9, "run"),
    ("out: n \"0 3 7\"", 6, "no sound"),
];

#[test]
fn silent_programs_say_why_where() {
    for &(src, col, word) in SILENT {
        let w = warnings(src);
        assert!(!w.is_empty(), "{src}: no warning");
        assert!(w.iter().any(|(l, c, m)| *l == 1 && *c == col && m.contains(word)), "{src}: {w:?}");
    }
}

#[test]
fn an_event_overflow_from_deep_nesting_is_reported() {
    let src = format!("out: {}s \"bd sn\"\n", "fast 1 $ ".repeat(199));
    let w = warnings(&src);
    assert!(w.iter().any(|(_, _, m)| m.contains("nested")), "{w:?}");
}

#[test]
fn programs_that_play_have_no_warnings() {
    for src in [
        "out: s \"bd sn\" # speed 2",
        "out: fast 2 $ s \"bd*2 sn\" # gain 0.8",
        "out: sine 440 * 0.2 # lpf 1000",
        "out: n \"0 3 7\" # s \"supersaw\" # gain 0.3",
        "out: fast \"<1 2>\" $ s \"bd\"",
        "out: s \"hh*16\" # speed (-1)",
    ] {
        assert_eq!(warnings(src), vec![], "{src}");
    }
    for preset in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../presets")).unwrap() {
        let p = preset.unwrap().path();
        if p.extension().is_some_and(|e| e == "ph") {
            let src = std::fs::read_to_string(&p).unwrap();
            assert_eq!(warnings(&src), vec![], "{}", p.display());
        }
    }
}

#[test]
fn the_cli_prints_warnings_on_stderr_and_still_succeeds() {
    let dir = std::env::temp_dir().join(format!("phonon-warn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prog = dir.join("silent.ph");
    std::fs::write(&prog, "tempo: 0.5\nout: fast 0 $ s \"bd\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_phonon")).args(["check", prog.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{}:2:6: warning: fast 0 stops time", prog.display())), "{err}");
    let wav = dir.join("silent.wav");
    let out = Command::new(env!("CARGO_BIN_EXE_phonon"))
        .args(["render", prog.to_str().unwrap(), wav.to_str().unwrap(), "--seconds", "0.05"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: fast 0"));
    let _ = std::fs::remove_dir_all(&dir);
}
