//! `phonon events PATTERN [--from A] [--to B]` as CLI.md describes it.

use serde_json::Value as Json;
use std::process::{Command, Output};

fn events(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phonon")).arg("events").args(args).output().unwrap()
}

fn json(args: &[&str]) -> Json {
    let out = events(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn prints_the_documented_form() {
    let out = events(&["\"bd sn\""]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        r#"[{"whole": ["0", "1/2"], "part": ["0", "1/2"], "value": "bd"}, {"whole": ["1/2", "1"], "part": ["1/2", "1"], "value": "sn"}]"#
    );
}

#[test]
fn spans_functions_and_value_forms() {
    let v = json(&["fast 2 $ \"bd sn\"", "--from", "1", "--to", "2"]);
    let parts: Vec<(&str, &str)> =
        v.as_array().unwrap().iter().map(|h| (h["part"][0].as_str().unwrap(), h["value"].as_str().unwrap())).collect();
    assert_eq!(parts, [("1", "bd"), ("5/4", "sn"), ("3/2", "bd"), ("7/4", "sn")]);

    // Numbers are numbers, `a:b` an array, exact thirds stay exact.
    let v = json(&["\"bd:3 2 0.5\"", "--from", "1/3", "--to", "1"]);
    assert_eq!(
        v,
        serde_json::json!([
            {"whole": ["1/3", "2/3"], "part": ["1/3", "2/3"], "value": 2},
            {"whole": ["2/3", "1"], "part": ["2/3", "1"], "value": 0.5}
        ])
    );
    let v = json(&["\"bd:3 2 0.5\""]);
    assert_eq!(v[0]["value"], serde_json::json!(["bd", 3]));

    // Continuous haps have no whole; negative times work.
    let v = json(&["sawwave", "--from", "-1/2", "--to", "-1/4"]);
    assert_eq!(v[0]["whole"], Json::Null);
    assert_eq!(v[0]["part"], serde_json::json!(["-1/2", "-1/4"]));

    // Control maps are objects.
    let v = json(&["n \"1\" # gain 0.5"]);
    assert_eq!(v[0]["value"], serde_json::json!({"n": 1, "gain": 0.5}));
}

#[test]
fn sorted_by_part_then_whole_then_value() {
    let v = json(&["\"[b, 10, a, 9] [c d]\"", "--to", "1"]);
    let values: Vec<String> = v.as_array().unwrap().iter().map(|h| h["value"].to_string()).collect();
    assert_eq!(values, ["9", "10", "\"a\"", "\"b\"", "\"c\"", "\"d\""]);
    // A hap cut at the start of the span sorts before one starting there.
    let v = json(&["\"a/2 b\"", "--from", "1", "--to", "2"]);
    let wholes: Vec<&str> = v.as_array().unwrap().iter().map(|h| h["whole"][0].as_str().unwrap()).collect();
    assert_eq!(wholes, ["1/2", "3/2"]);
}

#[test]
fn matches_the_corpus() {
    let path = format!("{}/tests/data/patterns.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines().step_by(20) {
        let e: Json = serde_json::from_str(line).unwrap();
        let got = json(&[
            e["phonon"].as_str().unwrap(),
            "--from",
            e["from"].as_str().unwrap(),
            "--to",
            e["to"].as_str().unwrap(),
        ]);
        let key = |h: &Json| format!("{}|{}|{}", h["part"], h["whole"], h["value"]);
        let mut g: Vec<String> = got.as_array().unwrap().iter().map(key).collect();
        let mut w: Vec<String> = e["haps"].as_array().unwrap().iter().map(key).collect();
        g.sort();
        w.sort();
        assert_eq!(g, w, "{}", e["id"]);
    }
}

#[test]
fn errors_go_to_stderr_with_a_position() {
    let out = events(&["\"bd [sn\""]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("pattern:1:5: error: in pattern: expected ']' to close '['"), "{err}");
    assert!(err.contains('^'));

    let out = events(&["fast \"<1 2\" $ \"a\""]);
    assert!(!out.status.success());
    let out = events(&["\"a\"", "--from", "2", "--to", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
    // Too many events for one answer: an error, not a truncated list.
    let out = events(&["\"a*100000\"", "--to", "10"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
}
