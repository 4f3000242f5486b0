//! The built VST3 bundle in third-party hosts: Ardour 7 (headless, Dummy backend), pedalboard
//! and DawDreamer. The scripts in tests/hosts/ drive the hosts; wav_check.py measures what they
//! rendered. The hosts come from scripts/install-hosts.sh (run by scripts/test.sh); a missing
//! host fails these tests with that instruction.
//!
//! The test bundle is a debug build with nice-plug's `assert_process_allocs`: any allocation in
//! the plugin's `process()` aborts the host, so every render here is also an allocation check.

use phonon_tests::root;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// One host at a time: renders are CPU-bound and Ardour is sensitive to a busy machine.
static SERIAL: Mutex<()> = Mutex::new(());

const TWO_OUTS: &str = "out1: sine 330 * 0.2\nout2: sine 550 * 0.2\n";

fn hosts() -> PathBuf {
    root().join("tests/hosts")
}

fn vst3() -> PathBuf {
    let p = root().join("target/bundled/Phonon.vst3");
    assert!(p.exists(), "{} is missing: scripts/test.sh builds it first (`cargo xtask bundle phonon`)", p.display());
    p
}

fn need(tool: &str, check: &mut Command) {
    let ok = check.output().map(|o| o.status.success()).unwrap_or(false);
    assert!(ok, "{tool} is not installed: run `bash scripts/install-hosts.sh` (scripts/test.sh does)");
}

fn need_ardour() {
    need("Ardour 7 (ardour7-lua)", Command::new("sh").args(["-c", "command -v ardour7-lua"]));
}

fn need_python(module: &str) {
    need(module, Command::new("python3").args(["-c", &format!("import numpy, {module}")]));
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phonon-real-host-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch folder");
    d
}

/// Run a script of tests/hosts; panics with its output when it fails.
fn script(dir: &Path, args: &[&str]) -> String {
    let prog = if args[0].ends_with(".sh") { "bash" } else { "python3" };
    let out = Command::new(prog)
        // Ardour 7.3 sometimes aborts in its own export code; the script starts over.
        .env("ARDOUR_RENDER_TRIES", "10")
        .arg(hosts().join(args[0]))
        .args(&args[1..])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", args[0]));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{} failed:\n{text}", args.join(" "));
    text
}

/// Assert with wav_check.py (`args` after the file name).
fn check(dir: &Path, wav: &str, args: &[&str]) {
    let mut all = vec!["wav_check.py", wav];
    all.extend_from_slice(args);
    script(dir, &all);
}

fn ardour(dir: &Path, out: &str, plugin: &str, extra: &[&str]) -> String {
    let bundle = vst3();
    let mut args = vec!["ardour_render.sh", bundle.to_str().unwrap(), out, "2", "--plugin", plugin];
    args.extend_from_slice(extra);
    script(dir, &args)
}

/// An Ardour session holding `plugin` whose saved state has `program`.
fn ardour_session(dir: &Path, plugin: &str, program: &str) {
    ardour(dir, "first.wav", plugin, &["--save-session", "sess"]);
    script(dir, &["ardour_state.py", "sess/render.ardour", "--plugin", plugin, "--program", program]);
}

#[test]
fn ardour_plays_a_program_set_through_saved_state_and_reopens_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_ardour();
    let dir = scratch("ardour-state");
    // A fresh session plays the default program (440 Hz at 0.2).
    ardour(&dir, "default.wav", "Phonon", &["--save-session", "sess"]);
    check(&dir, "default.wav", &["--expect", "440", "--level", "-14"]);
    // The program set in the session's saved state plays when the session is opened...
    script(&dir, &["ardour_state.py", "sess/render.ardour", "--program", "out: sine 330 * 0.25"]);
    ardour(&dir, "opened.wav", "Phonon", &["--load-session", "sess", "--resave"]);
    check(&dir, "opened.wav", &["--expect", "330", "--level", "-12"]);
    // ... and after Ardour saved the plugin's own state again, reopening plays it identically.
    let shown = script(&dir, &["ardour_state.py", "sess/render.ardour", "--show"]);
    assert!(shown.contains("out: sine 330 * 0.25"), "{shown}");
    ardour(&dir, "reopened.wav", "Phonon", &["--load-session", "sess"]);
    check(&dir, "reopened.wav", &["--same-as", "opened.wav"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ardour_gets_out1_and_out2_of_phonon_multi_on_their_own_outputs() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_ardour();
    let dir = scratch("ardour-multi");
    ardour_session(&dir, "Phonon Multi", TWO_OUTS);
    // Ardour numbers the plugin's output pairs from 1: pair 2 is out1, pair 3 is out2.
    ardour(&dir, "multi.wav", "Phonon Multi", &["--load-session", "sess", "--aux-pairs", "2,3,4"]);
    check(&dir, "multi.out2.wav", &["--expect", "330", "--level", "-14"]);
    check(&dir, "multi.out3.wav", &["--expect", "550", "--level", "-14"]);
    check(&dir, "multi.out4.wav", &["--silent"]);
    // The main pair is their sum (no `out:` in the program).
    check(&dir, "multi.wav", &["--level", "-8.6", "--tol-db", "1.5"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ardour_solo_and_mute_change_what_is_heard() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_ardour();
    let dir = scratch("ardour-solo");
    ardour_session(&dir, "Phonon Multi", TWO_OUTS);
    ardour(
        &dir,
        "solo.wav",
        "Phonon Multi",
        &["--load-session", "sess", "--aux-pairs", "2,3", "--param", "Out 1 Solo=1"],
    );
    check(&dir, "solo.out2.wav", &["--expect", "330", "--level", "-14"]);
    check(&dir, "solo.out3.wav", &["--silent"]);
    check(&dir, "solo.wav", &["--expect", "330", "--level", "-14"]);
    ardour(
        &dir,
        "mute.wav",
        "Phonon Multi",
        &["--load-session", "sess", "--aux-pairs", "2,3", "--param", "Out 1 Mute=1"],
    );
    check(&dir, "mute.out2.wav", &["--silent"]);
    check(&dir, "mute.out3.wav", &["--expect", "550", "--level", "-14"]);
    check(&dir, "mute.wav", &["--expect", "550", "--level", "-14"]);
    // Mute wins over solo.
    let both = ["--load-session", "sess", "--param", "Out 1 Solo=1", "--param", "Out 1 Mute=1"];
    ardour(&dir, "both.wav", "Phonon Multi", &both);
    check(&dir, "both.wav", &["--silent"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ardour_renders_a_feature_rich_program_without_allocating_in_process() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_ardour();
    let dir = scratch("ardour-rich");
    let program = std::fs::read_to_string(hosts().join("programs/rich.ph")).expect("rich.ph");
    ardour_session(&dir, "Phonon Multi", &program);
    // The bundle aborts the host on an allocation inside process(): finishing is the proof.
    let log = ardour(&dir, "rich.wav", "Phonon Multi", &["--load-session", "sess", "--aux-pairs", "2,5"]);
    assert!(log.contains("HP done"), "{log}");
    // out1: the drums (built-in kit) are there.
    check(&dir, "rich.out2.wav", &["--level", "-8", "--tol-db", "8"]);
    // out4 is the stepped pattern "0.1 0.2 0.3": its peak is 0.3.
    check(&dir, "rich.out5.wav", &["--level", "-10.46", "--tol-db", "0.2"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pedalboard_renders_the_stereo_plugin() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_python("pedalboard");
    let dir = scratch("pedalboard");
    let bundle = vst3();
    script(&dir, &["pedalboard_render.py", bundle.to_str().unwrap(), "pb.wav", "2", "--plugin", "Phonon"]);
    check(&dir, "pb.wav", &["--expect", "440", "--level", "-14"]);
    // Parameters in pedalboard's names: master gain in dB.
    let gain = ["--plugin", "Phonon", "--param", "master_gain_db=-6"];
    let mut args = vec!["pedalboard_render.py", bundle.to_str().unwrap(), "quiet.wav", "2"];
    args.extend_from_slice(&gain);
    script(&dir, &args);
    check(&dir, "quiet.wav", &["--expect", "440", "--level", "-20"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// pedalboard gives aux output buses no buffers, where nice-plug 0.4.2 alone would not run the
/// plugin at all (silence). Phonon's VST3 guard fills in scratch buffers, so Phonon Multi's main
/// output plays.
#[test]
fn pedalboard_plays_phonon_multi_without_aux_buffers() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_python("pedalboard");
    let dir = scratch("pedalboard-multi");
    let bundle = vst3();
    script(&dir, &["pedalboard_render.py", bundle.to_str().unwrap(), "multi.wav", "2", "--plugin", "Phonon Multi"]);
    check(&dir, "multi.wav", &["--expect", "440", "--level", "-14"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dawdreamer_renders_the_bundle() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    need_python("dawdreamer");
    let dir = scratch("dawdreamer");
    let bundle = vst3();
    let out = script(&dir, &["dawdreamer_render.py", bundle.to_str().unwrap(), "dd.wav", "2", "--split-outputs"]);
    assert!(out.contains("2 in, 2 out"), "the stereo plugin: {out}");
    check(&dir, "dd.out1.wav", &["--expect", "440", "--level", "-14"]);
    let _ = std::fs::remove_dir_all(&dir);
}
