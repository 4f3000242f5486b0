//! `phonon events`: the haps of a pattern expression as JSON.
//!
//! `[{"whole": ["0", "1/2"], "part": ["0", "1/2"], "value": "bd"}, ...]`: exact rational times
//! as strings, `whole` null for continuous haps, values as JSON (a word a string, a number a
//! number, `bd:3` an array, control maps objects), sorted by part begin, then whole begin,
//! then value.

use phonon_engine::compile::{compile_pattern, CompileEnv};
use phonon_engine::pattern::Hap;
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use serde_json::Value as Json;
use std::cmp::Ordering;
use std::fmt::Write;
use std::sync::Arc;

/// The JSON array `phonon events` prints.
pub fn events_json(pattern: &str, from: &str, to: &str) -> Result<String, String> {
    let from: Rational = from.parse().map_err(|e| format!("--from: {e}"))?;
    let to: Rational = to.parse().map_err(|e| format!("--to: {e}"))?;
    if to < from {
        return Err("--to must not be before --from".into());
    }
    let env = CompileEnv::new(Arc::new(Bank::builtin()));
    let pat = compile_pattern(pattern, &env).map_err(|e| e.render("pattern", pattern))?;
    let (haps, overflow) = pat.haps_checked(Span::new(from, to));
    if overflow {
        return Err("the pattern has too many events in that span (or nests too deep); ask for a shorter span".into());
    }
    let mut rows: Vec<(&Hap, Json)> = haps.iter().map(|h| (h, h.value.to_json())).collect();
    rows.sort_by(|(a, va), (b, vb)| Hap::time_order(a, b).then_with(|| value_order(va, vb)));
    let mut out = String::from("[");
    for (i, (h, v)) in rows.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("{\"whole\": ");
        match h.whole {
            Some(w) => span(&mut out, w),
            None => out.push_str("null"),
        }
        out.push_str(", \"part\": ");
        span(&mut out, h.part);
        out.push_str(", \"value\": ");
        write_json(&mut out, v);
        out.push('}');
    }
    out.push(']');
    Ok(out)
}

fn span(out: &mut String, s: Span) {
    let _ = write!(out, "[\"{}\", \"{}\"]", s.begin, s.end);
}

/// JSON with a space after `:` and `,`, as in the documented examples.
fn write_json(out: &mut String, v: &Json) {
    match v {
        Json::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(out, x);
            }
            out.push(']');
        }
        Json::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Json::String(k.clone()).to_string());
                out.push_str(": ");
                write_json(out, x);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Values order: numbers (by value), then words, then lists, then control maps.
fn value_order(a: &Json, b: &Json) -> Ordering {
    let rank = |v: &Json| match v {
        Json::Null | Json::Bool(_) => 0,
        Json::Number(_) => 1,
        Json::String(_) => 2,
        Json::Array(_) => 3,
        Json::Object(_) => 4,
    };
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            x.as_f64().unwrap_or(0.0).partial_cmp(&y.as_f64().unwrap_or(0.0)).unwrap_or(Ordering::Equal)
        }
        (Json::String(x), Json::String(y)) => x.cmp(y),
        (Json::Array(x), Json::Array(y)) => {
            x.iter().zip(y).map(|(p, q)| value_order(p, q)).find(|o| o.is_ne()).unwrap_or(x.len().cmp(&y.len()))
        }
        _ => rank(a).cmp(&rank(b)).then_with(|| a.to_string().cmp(&b.to_string())),
    }
}
