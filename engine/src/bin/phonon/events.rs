//! `phonon events`: the haps of a pattern expression as JSON.

use phonon_engine::compile::{compile_pattern, CompileEnv};
use phonon_engine::pattern::Hap;
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use std::sync::Arc;

fn span_json(s: Span) -> serde_json::Value {
    serde_json::json!([s.begin.to_string(), s.end.to_string()])
}

/// The JSON array `phonon events` prints.
pub fn events_json(pattern: &str, from: &str, to: &str) -> Result<String, String> {
    let from: Rational = from.parse().map_err(|e| format!("--from: {e}"))?;
    let to: Rational = to.parse().map_err(|e| format!("--to: {e}"))?;
    if to < from {
        return Err("--to must not be before --from".into());
    }
    let env = CompileEnv::new(Arc::new(Bank::builtin()));
    let pat = compile_pattern(pattern, &env).map_err(|e| e.render("pattern", pattern))?;
    let (mut haps, overflow) = pat.haps_checked(Span::new(from, to));
    if overflow {
        return Err("the pattern has too many events in that span (or nests too deep)".into());
    }
    let key = |h: &Hap| h.value.to_json().to_string();
    haps.sort_by(|a, b| Hap::time_order(a, b).then_with(|| key(a).cmp(&key(b))));
    let arr: Vec<serde_json::Value> = haps
        .iter()
        .map(|h| {
            serde_json::json!({
                "whole": h.whole.map(span_json).unwrap_or(serde_json::Value::Null),
                "part": span_json(h.part),
                "value": h.value.to_json(),
            })
        })
        .collect();
    serde_json::to_string(&arr).map_err(|e| e.to_string())
}
