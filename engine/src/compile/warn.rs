//! Why a program that compiles may still be silent: warnings, located in the text.
//!
//! Two sources. The text: a literal zero speed (`fast 0`, `slow 0`, `hurry 0`, `speed 0`)
//! stops time or playback. The patterns: each pattern the program plays is queried over its
//! first cycles, as the engine will, and reports events that overflow the query limits (too
//! many, too deep: `chop 1e9`, `run 1e9`, 199 nested `fast 1 $`), no events at all, or events
//! that name no sound or a sound without samples.

use crate::lang::ast::{Arg, Expr, ExprKind, Program, SrcSpan};
use crate::lang::Diagnostic;
use crate::pattern::{Pattern, QueryBuf, Value, DEFAULT_CAPACITY};
use crate::samples::Bank;
use crate::time::{Rational, Span};
use crate::voice::params::VoiceParams;
use crate::voice::table::{SoundRef, SymTable};

/// How a compiled pattern is used, for the checks that apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    /// Events played as sound.
    Played,
    /// A stepped control signal.
    Stepped,
}

/// A pattern the program will query, where it was written, and how it is used.
pub(crate) struct Probe {
    pub pattern: Pattern,
    pub span: SrcSpan,
    pub usage: Use,
}

/// Cycles searched for events before a played pattern is called empty.
pub const PROBE_CYCLES: i64 = 8;
/// Slices of a cycle queried one at a time for overflow (the engine's blocks are smaller).
const PROBE_SLICES: i64 = 64;

/// Functions whose first argument is a speed; zero plays nothing.
const SPEEDS: &[&str] = &["fast", "slow", "hurry", "density", "sparsity", "fastGap", "speed"];
/// Functions whose first argument multiplies the events: a huge literal is the usual cause of
/// an overflow.
const MULTIPLIERS: &[&str] =
    &["chop", "striate", "segment", "run", "ply", "fast", "density", "hurry", "slice", "splice", "bite", "stut"];

/// Names of patterns that play only what the host sends (`midi`): silent until it does.
const HOST_INPUT: &[&str] = &["midi"];

/// Every warning for a compiled program.
pub(crate) fn warnings(src: &str, program: &Program, probes: &[Probe], bank: &Bank) -> Vec<Diagnostic> {
    let Walk { calls, host } = walk(src, program);
    let mut out = Vec::new();
    for c in &calls {
        if SPEEDS.contains(&c.name) && c.value == 0.0 {
            let msg = if c.name == "speed" {
                "speed 0 holds every sample still: it is silent (1 is normal speed, negative plays backwards)"
                    .to_string()
            } else {
                format!("{} 0 stops time: the pattern plays nothing (use a speed above 0)", c.name)
            };
            out.push(Diagnostic::new(c.span, msg));
        }
    }
    let table = probes.iter().any(|p| p.usage == Use::Played).then(|| SymTable::build(bank));
    for p in probes {
        let w = match &table {
            // What the host plays in is not known here: only overflows can be told.
            Some(t) if !host.iter().any(|h| inside(*h, p.span)) => probe(p, t, bank, &calls),
            _ => overflow(p, &calls),
        };
        out.extend(w);
    }
    // One warning per place, the literal cause first: it is the one to fix.
    out.sort_by_key(|d| d.span.start);
    out.dedup_by_key(|d| d.span.start);
    out
}

/// An application of a named function whose first argument is a number written in the text.
struct LiteralCall {
    name: &'static str,
    value: f64,
    /// The call, from the name to the argument.
    span: SrcSpan,
    /// Its text, for messages.
    text: String,
}

/// What the warnings need of the syntax tree.
struct Walk {
    /// Every `name N` (or `name "N"`) with `name` in [`SPEEDS`] or [`MULTIPLIERS`].
    calls: Vec<LiteralCall>,
    /// Where patterns of host input are read.
    host: Vec<SrcSpan>,
}

fn inside(a: SrcSpan, outer: SrcSpan) -> bool {
    a.start >= outer.start && a.end <= outer.end
}

/// One iterative walk over every statement (programs may be deep).
fn walk(src: &str, program: &Program) -> Walk {
    let mut out = Vec::new();
    let mut host = Vec::new();
    let mut stack: Vec<&Expr> = program.statements.iter().filter_map(|st| st.expr()).collect();
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Apply(f, args) => {
                if let ExprKind::Ident(name) = &f.kind {
                    let known = SPEEDS.iter().chain(MULTIPLIERS).find(|n| **n == name.as_str());
                    let first = args.iter().find_map(|a| match a {
                        Arg::Pos(x) => Some(x),
                        Arg::Key(..) => None,
                    });
                    if let (Some(name), Some(first)) = (known, first) {
                        if let Some(value) = literal(first) {
                            let span = f.span.join(first.span);
                            let text = src.get(span.start..span.end).unwrap_or(name).to_string();
                            out.push(LiteralCall { name, value, span, text });
                        }
                    }
                }
                stack.push(f);
                for a in args {
                    match a {
                        Arg::Pos(x) | Arg::Key(_, _, x) => stack.push(x),
                    }
                }
            }
            ExprKind::Binary(_, l, r) | ExprKind::Dollar(l, r) => {
                stack.push(l);
                stack.push(r);
            }
            ExprKind::Neg(x) => stack.push(x),
            ExprKind::Section(_, l, r) => {
                stack.extend(l.as_deref());
                stack.extend(r.as_deref());
            }
            ExprKind::Compose(v) | ExprKind::List(v) | ExprKind::Tuple(v) => stack.extend(v.iter()),
            ExprKind::Ident(name) if HOST_INPUT.contains(&name.as_str()) => host.push(e.span),
            ExprKind::Num(..) | ExprKind::Note(..) | ExprKind::Str(_) | ExprKind::Bus(_) | ExprKind::Ident(_) => {}
        }
    }
    Walk { calls: out, host }
}

/// A number written as `0`, `-1`, `1e9` or `"0"`.
fn literal(e: &Expr) -> Option<f64> {
    match &e.kind {
        ExprKind::Num(x, _) => Some(*x),
        ExprKind::Neg(x) => literal(x).map(|v| -v),
        ExprKind::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

/// The literal multiplier inside `span` most likely to have caused an overflow, if any.
fn culprit(span: SrcSpan, calls: &[LiteralCall]) -> Option<&LiteralCall> {
    calls
        .iter()
        .filter(|c| MULTIPLIERS.contains(&c.name) && c.value.abs() >= 1000.0)
        .filter(|c| inside(c.span, span))
        .max_by(|a, b| a.value.abs().total_cmp(&b.value.abs()))
}

/// Query `p` over the first cycle in engine-sized slices, as the audio thread will: a slice
/// that overflows means the engine drops that pattern's events.
fn overflow(p: &Probe, calls: &[LiteralCall]) -> Option<Diagnostic> {
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    for k in 0..PROBE_SLICES {
        let span = Span::new(Rational::new(k, PROBE_SLICES), Rational::new(k + 1, PROBE_SLICES));
        buf.start();
        p.pattern.query(span, &mut buf);
        if buf.overflowed() {
            let what = if p.usage == Use::Played { "these events" } else { "this pattern" };
            return Some(match culprit(p.span, calls) {
                Some(c) => Diagnostic::new(
                    c.span,
                    format!(
                        "{} makes more events than the engine can play: {what} are dropped and silent",
                        c.text
                    ),
                ),
                None => Diagnostic::new(
                    p.span,
                    format!(
                        "{what} overflow the engine's limits (more than {DEFAULT_CAPACITY} events at once, or patterns nested more than {} deep): they are dropped and silent",
                        crate::pattern::MAX_DEPTH
                    ),
                ),
            });
        }
    }
    None
}

/// Overflow, then (for played patterns) what the first cycles' events would sound like.
fn probe(p: &Probe, table: &SymTable, bank: &Bank, calls: &[LiteralCall]) -> Option<Diagnostic> {
    if let Some(w) = overflow(p, calls) {
        return Some(w);
    }
    if p.usage != Use::Played {
        return None;
    }
    let mut buf = QueryBuf::new(1 << 16);
    let (mut events, mut no_sound, mut no_samples, mut still) = (0usize, 0usize, 0usize, 0usize);
    for c in 0..PROBE_CYCLES {
        buf.start();
        p.pattern.query(Span::new(Rational::int(c), Rational::int(c + 1)), &mut buf);
        for h in buf.haps().iter().filter(|h| h.has_onset()) {
            events += 1;
            let Value::Map(m) = &h.value else {
                no_sound += 1;
                continue;
            };
            let v = VoiceParams::from_map(m, table);
            if v.midi_channel().is_some() {
                continue;
            }
            match v.sound {
                SoundRef::None => no_sound += 1,
                SoundRef::Sample { set, .. } => {
                    if bank.sets().get(set as usize).is_none_or(|s| s.samples.is_empty()) {
                        no_samples += 1;
                    } else if v.speed == 0.0 {
                        still += 1;
                    }
                }
                SoundRef::Synth(_) => {}
            }
        }
        if events > 0 && c >= 1 {
            break;
        }
    }
    let speed_zero = calls.iter().any(|c| c.name == "speed" && c.value == 0.0 && inside(c.span, p.span));
    let msg = if events == 0 {
        if let Some(c) = culprit(p.span, calls) {
            let msg = format!("{} asks for more events than the engine can play: this is silent", c.text);
            return Some(Diagnostic::new(c.span, msg));
        }
        format!(
            "this plays no events in its first {PROBE_CYCLES} cycles (an empty pattern, only rests, or a speed of zero): it is silent"
        )
    } else if no_sound > 0 {
        format!("{no_sound} of {events} events name no sound (no s or note): they are silent; add # s \"...\"")
    } else if no_samples > 0 {
        format!("{no_samples} of {events} events play a sound that has no samples loaded: they are silent")
    } else if still > 0 && !speed_zero {
        format!("{still} of {events} events play a sample at speed 0: they are silent")
    } else {
        return None;
    };
    Some(Diagnostic::new(p.span, msg))
}
