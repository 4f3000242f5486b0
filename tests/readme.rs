//! The programs in the README (the tutorial and the ten-line tour) are real: each compiles and
//! sounds, so the first thing a newcomer types works.

use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::Bank;
use phonon_tests::analysis::{left, peak, rms};
use std::sync::Arc;

/// Every fenced block without a language tag (the shell commands are tagged `sh`), unindented.
fn programs(readme: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize, String)> = None;
    for (n, line) in readme.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match (&mut current, trimmed.strip_prefix("```")) {
            (None, Some(tag)) => {
                if tag.trim().is_empty() {
                    current = Some((n + 1, indent, String::new()));
                } else {
                    current = Some((0, indent, String::new()));
                }
            }
            (Some(_), Some(_)) => {
                let (at, _, text) = current.take().unwrap();
                if at > 0 {
                    out.push((at, text));
                }
            }
            (Some((_, indent, text)), None) => {
                text.push_str(line.get(*indent..).unwrap_or(line.trim_start()));
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn every_program_in_the_readme_compiles_and_sounds() {
    let readme = std::fs::read_to_string(phonon_tests::root().join("README.md")).unwrap();
    let found = programs(&readme);
    assert!(found.len() >= 4, "the tutorial's programs and the tour: {}", found.len());
    let bank = Arc::new(Bank::builtin());
    for (line, src) in found {
        let opts = RenderOptions { sample_rate: 48_000, cycles: Some(2.0), ..RenderOptions::default() };
        let r = render(&src, bank.clone(), &opts)
            .unwrap_or_else(|e| panic!("README.md line {line}: the program does not compile:\n{src}\n{e}"));
        let x = left(&r.main);
        assert!(rms(&x) > 0.01, "README.md line {line}: silent");
        assert!(peak(&x) < 0.95, "README.md line {line}: reaches the limiter ({})", peak(&x));
    }
}
