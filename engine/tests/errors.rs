//! Every mistake gets a message that names line and column, quotes the line with a caret and
//! says what was expected. The messages of the broken programs in `data/errors.txt` are pinned
//! there; `PHONON_BLESS=1` rewrites the expectations (review the diff).

use phonon_engine::compile::{compile, CompileEnv};
use phonon_engine::samples::Bank;
use std::sync::Arc;

struct Case {
    name: String,
    program: String,
    expect: String,
}

fn cases(text: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for block in text.split("\n=== ").map(|b| b.trim_start_matches("=== ")) {
        if block.trim().is_empty() {
            continue;
        }
        let (name, rest) = block.split_once('\n').unwrap_or((block, ""));
        let (program, expect) = rest.split_once("--- expect\n").unwrap_or((rest, ""));
        out.push(Case {
            name: name.trim().to_string(),
            program: program.to_string(),
            expect: expect.trim_end().to_string(),
        });
    }
    out
}

fn diagnose(program: &str) -> String {
    let env = CompileEnv::new(Arc::new(Bank::builtin()));
    match compile(program, &env) {
        Ok(_) => "(compiles)".to_string(),
        Err(e) => e.render("prog.ph", program),
    }
}

#[test]
fn broken_programs_get_precise_messages() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/errors.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let cs = cases(&text);
    assert!(cs.len() >= 40, "the suite holds at least 40 programs");
    if std::env::var_os("PHONON_BLESS").is_some() {
        let mut s = String::new();
        for c in &cs {
            s.push_str(&format!("=== {}\n{}--- expect\n{}\n\n", c.name, c.program, diagnose(&c.program)));
        }
        std::fs::write(&path, s.trim_end().to_string() + "\n").unwrap();
        return;
    }
    let mut failures = Vec::new();
    for c in &cs {
        let got = diagnose(&c.program);
        if got != c.expect {
            failures.push(format!("--- {}\nexpected:\n{}\ngot:\n{}", c.name, c.expect, got));
        }
        if got != "(compiles)" {
            // The shape every message has: position, caret line.
            let first = got.lines().next().unwrap_or("");
            assert!(first.starts_with("prog.ph:") && first.contains(": error: "), "{}: {first}", c.name);
            assert!(got.lines().nth(2).is_some_and(|l| l.contains('^')), "{}: no caret", c.name);
        }
    }
    assert!(failures.is_empty(), "{} messages changed:\n{}", failures.len(), failures.join("\n"));
}
