//! Every query of the reference corpus (Strudel 1.2.6's exact output) against Phonon's pattern
//! engine: the same haps, in exact rational time. And every pattern Strudel rejects must fail
//! to compile here too, with a message.

use phonon_engine::compile::{compile_pattern, CompileEnv};
use phonon_engine::pattern::Hap;
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use serde_json::Value as Json;
use std::sync::Arc;

fn env() -> CompileEnv {
    CompileEnv::new(Arc::new(Bank::empty()))
}

fn lines(name: &str) -> Vec<Json> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn rat(v: &Json) -> Rational {
    v.as_str().unwrap().parse().unwrap()
}

/// A hap as comparable parts: part begin, whole begin, then the rest as text.
type Key = (Rational, Option<Rational>, String);

fn key_of_expected(h: &Json) -> Key {
    let part = &h["part"];
    let whole = &h["whole"];
    let wb = if whole.is_null() { None } else { Some(rat(&whole[0])) };
    let we = if whole.is_null() { "null".to_string() } else { whole[1].as_str().unwrap().to_string() };
    (rat(&part[0]), wb, format!("whole_end={we} part_end={} value={}", rat(&part[1]), canonical(&h["value"])))
}

fn key_of_actual(h: &Hap) -> Key {
    (
        h.part.begin,
        h.whole.map(|w| w.begin),
        format!(
            "whole_end={} part_end={} value={}",
            h.whole.map(|w| w.end.to_string()).unwrap_or_else(|| "null".into()),
            h.part.end,
            canonical(&h.value.to_json())
        ),
    )
}

/// JSON with object keys sorted and numbers in one form: whole numbers exactly, others to 12
/// significant digits (JSON float parsing and `sin` may differ in the last bit).
fn canonical(v: &Json) -> String {
    match v {
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys.iter().map(|k| format!("{k:?}:{}", canonical(&m[*k]))).collect();
            format!("{{{}}}", inner.join(","))
        }
        Json::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
        Json::Number(n) => {
            let x = n.as_f64().unwrap();
            if x == x.trunc() && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x:.11e}")
            }
        }
        other => other.to_string(),
    }
}

fn describe(keys: &[Key]) -> String {
    keys.iter().map(|(pb, wb, rest)| format!("  part_begin={pb} whole_begin={wb:?} {rest}\n")).collect()
}

#[test]
fn every_corpus_query_matches_strudel() {
    let entries = lines("patterns.jsonl");
    assert_eq!(entries.len(), 215);
    check_all(&entries);
}

/// Queries beyond the corpus, answered by Strudel itself (see `data/README.md`): randomness
/// (`?`, `|`, `degradeBy`, `sometimes`, `someCycles`, `scramble`, `randcat`, `rand`, `irand`,
/// `perlin`, `choose`), patterned arguments of every function, and the operators.
#[test]
fn further_queries_match_strudel() {
    let entries = lines("strudel-extra.jsonl");
    assert!(entries.len() > 500);
    check_all(&entries);
}

fn check_all(entries: &[Json]) {
    let mut failures = Vec::new();
    for e in entries {
        let id = e["id"].as_str().unwrap();
        let expr = e["phonon"].as_str().unwrap();
        let (from, to) = (rat(&e["from"]), rat(&e["to"]));
        let pat = match compile_pattern(expr, &env()) {
            Ok(p) => p,
            Err(err) => {
                failures.push(format!("{id}: {expr}: does not compile: {}", err.render("corpus", expr)));
                continue;
            }
        };
        let (haps, overflow) = pat.haps_checked(Span::new(from, to));
        assert!(!overflow, "{id} overflowed");
        let mut got: Vec<Key> = haps.iter().map(key_of_actual).collect();
        let mut want: Vec<Key> = e["haps"].as_array().unwrap().iter().map(key_of_expected).collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!("{id}: {expr} [{from}, {to})\n want:\n{} got:\n{}", describe(&want), describe(&got)));
        }
    }
    assert!(failures.is_empty(), "{} of {} entries differ:\n{}", failures.len(), entries.len(), failures.join("\n"));
}

/// The Phonon form of an entry given as Strudel's mini-notation and transforms.
fn phonon_form(e: &Json) -> String {
    let mut expr = format!("\"{}\"", e["mini"].as_str().unwrap());
    for t in e["transforms"].as_array().unwrap() {
        let t = t.as_array().unwrap();
        let mut call = t[0].as_str().unwrap().to_string();
        for arg in &t[1..] {
            match arg {
                Json::String(s) => call.push_str(&format!(" \"{s}\"")),
                Json::Object(o) => call.push_str(&format!(" ({})", o["rat"].as_str().unwrap())),
                other => call.push_str(&format!(" ({other})")),
            }
        }
        expr = format!("{call} $ {expr}");
    }
    expr
}

#[test]
fn every_pattern_strudel_rejects_fails_to_compile_with_a_message() {
    let entries = lines("pattern-errors.jsonl");
    assert_eq!(entries.len(), 8);
    for e in &entries {
        let id = e["id"].as_str().unwrap();
        let expr = phonon_form(e);
        match compile_pattern(&expr, &env()) {
            Ok(_) => panic!("{id}: {expr} compiled, but Strudel rejects it ({})", e["error"]),
            Err(err) => {
                let text = err.render("corpus", &expr);
                assert!(text.contains("error:") && text.contains('^'), "{id}: unclear error: {text}");
            }
        }
    }
}
