//! The reference, generated from the function table and the control table (`phonon docs`,
//! `docs/REFERENCE.md`).

use super::all;
use crate::controls::{self, Acts, CONTROLS};
use crate::meta::{fmt_num, Accepts, FnMeta, Kind, Smooth};
use std::fmt::Write;

const KINDS: [Kind; 7] =
    [Kind::Source, Kind::Processor, Kind::Control, Kind::Pattern, Kind::PatternSource, Kind::Utility, Kind::Host];

/// The whole reference as Markdown.
pub fn reference_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Phonon function reference\n\n");
    s.push_str("Generated from the function and control tables by `phonon docs`; do not edit by hand.\n");
    s.push_str("Every parameter marked *value* takes a number, a pattern (`\"200 800\"`) or a signal\n");
    s.push_str("(`sine 0.5 * 400 + 600`). Keyword arguments use the parameter names: `lpf 800 q:0.5`.\n\n");
    s.push_str("**Oscillator or continuous pattern, decided by use.** `sine`, `saw`, `tri` and `square` given a\n");
    s.push_str("frequency (`sine 440`, `saw \"55 110\"`) are audio oscillators. Written bare, with no argument\n");
    s.push_str("(`# pan sine`, `range 200 2000 $ slow 4 saw`), they are Tidal's continuous patterns running\n");
    s.push_str("0..1 once per cycle, like `cosine isaw rand perlin envL`. A signal given where a pattern or an\n");
    s.push_str("event control is expected (`# pan (sine 0.5)`, `# cutoff ~lfo`) is sampled at each event's onset,\n");
    s.push_str("when it is a function of time (oscillators of constant frequency at the program's tempo,\n");
    s.push_str("constants, arithmetic on them).\n\n");
    for kind in KINDS {
        let mut fns: Vec<&FnMeta> = all().filter(|f| f.kind == kind).collect();
        if fns.is_empty() {
            continue;
        }
        fns.sort_by_key(|f| f.name);
        let _ = writeln!(s, "## {}\n", kind.title());
        for f in fns {
            entry(&mut s, f);
        }
    }
    settings(&mut s);
    crate::voice::synth::catalog::reference_markdown(&mut s);
    s
}

/// The settings, from the control table.
fn settings(s: &mut String) {
    s.push_str("## Settings\n\nWritten as a line of their own (`cps: 0.5`), not as functions.\n\n");
    for c in CONTROLS.iter().filter(|c| c.acts == Acts::Setting) {
        let _ = writeln!(s, "### `{}`\n", c.name);
        let _ = writeln!(s, "{}\n", c.help);
        aliases(s, c.aliases);
        let (lo, hi) = c.value.range;
        let default = if c.default.is_nan() { String::new() } else { format!("; default {}", fmt_num(c.default)) };
        let _ = writeln!(s, "Range: {} .. {} (exclusive of 0){default}.\n", fmt_num(lo), fmt_num(hi));
        let _ = writeln!(s, "```\n{}\n```\n", c.example);
    }
}

fn aliases(s: &mut String, aliases: &[&str]) {
    if !aliases.is_empty() {
        let a: Vec<String> = aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(s, "Aliases: {}\n", a.join(", "));
    }
}

/// How an event control acts, and its value when not given, from the control table.
fn control_line(s: &mut String, f: &FnMeta) {
    let Some(c) = controls::lookup(f.name).map(|c| c.row()) else { return };
    let default = if c.default.is_nan() { "set by the sound, or off".to_string() } else { fmt_num(c.default) };
    let _ = writeln!(s, "Acts: {}. When not given: {default}.\n", c.acts.title());
}

fn entry(s: &mut String, f: &FnMeta) {
    let _ = writeln!(s, "### `{}`\n", f.name);
    let _ = writeln!(s, "`{}`\n", f.signature());
    let _ = writeln!(s, "{}\n", f.help);
    aliases(s, f.aliases);
    if f.kind == Kind::Control {
        control_line(s, f);
    }
    if !f.params.is_empty() {
        s.push_str("| parameter | takes | default | range | smoothing |\n|---|---|---|---|---|\n");
        for p in f.params {
            let takes = match p.accepts {
                Accepts::Value => "value",
                Accepts::Pattern => "pattern",
                Accepts::Function => "function",
                Accepts::List => "list",
                Accepts::Name => "name",
            };
            let default = p.default.map(fmt_num).unwrap_or_else(|| "required".into());
            let u = p.unit.suffix();
            let u = if u.is_empty() { String::new() } else { format!(" {u}") };
            let range = match (p.range.0.is_finite(), p.range.1.is_finite()) {
                (true, true) => format!("{} .. {}{u}", fmt_num(p.range.0), fmt_num(p.range.1)),
                (true, false) => format!("≥ {}{u}", fmt_num(p.range.0)),
                (false, true) => format!("≤ {}{u}", fmt_num(p.range.1)),
                (false, false) => String::new(),
            };
            let smooth = match p.smooth {
                Smooth::Step => String::new(),
                Smooth::Glide(t) => format!("{} ms", fmt_num((t as f64 * 1000.0).round())),
            };
            let _ = writeln!(s, "| `{}` | {} | {} | {} | {} |", p.name, takes, default, range, smooth);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "```\n{}\n```\n", f.example.trim_end());
}
