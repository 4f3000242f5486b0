//! Pattern functions and their part of the metadata table, one file per family.
//!
//! Each family exposes typed Rust functions (`time::fast(factor, pat)`, used by the
//! mini-notation too) and table entries whose implementations take their arguments as
//! [`PatArg`]s in parameter order, the transformed pattern last. Numeric arguments arrive as
//! patterns (`fast "<1 2>"`) and are joined as Strudel joins them (see `pattern::join`); function
//! arguments (`every 3 (fast 2)`) are applied once, when the pattern is built.

pub mod arith;
pub mod conditional;
pub mod harmony;
pub mod layers;
pub mod random;
pub mod samples;
pub mod signals;
pub mod structure;
pub mod tidal;
pub mod time;
pub mod ur;

use super::join::{constants, num_of};
use super::{Pattern, QueryBuf, Value};
use crate::meta::{FnMeta, Param, PatArg, PatFn};
use crate::time::Span;

/// Every family's table, gathered into the function table by `registry`.
pub static TABLES: &[&[FnMeta]] = &[
    time::FUNCTIONS,
    structure::FUNCTIONS,
    conditional::FUNCTIONS,
    random::FUNCTIONS,
    layers::FUNCTIONS,
    samples::FUNCTIONS,
    arith::FUNCTIONS,
    harmony::FUNCTIONS,
    signals::FUNCTIONS,
    tidal::FUNCTIONS,
    ur::FUNCTIONS,
];

/// The transformed pattern, the last parameter of a pattern function.
pub(crate) const PAT: Param = Param::pattern("pat");

/// Argument `i` as a pattern.
pub(crate) fn pat(a: &[PatArg], i: usize) -> Result<Pattern, String> {
    Ok(arg(a, i)?.pat()?.clone())
}

/// Argument `i` as a pattern function.
pub(crate) fn fun(a: &[PatArg], i: usize) -> Result<PatFn, String> {
    Ok(arg(a, i)?.fun()?.clone())
}

/// Argument `i` as a list of patterns.
pub(crate) fn pats(a: &[PatArg], i: usize) -> Result<Vec<Pattern>, String> {
    arg(a, i)?.list()?.iter().map(|x| x.pat().cloned()).collect()
}

/// Argument `i` as a list of pattern functions.
pub(crate) fn funs(a: &[PatArg], i: usize) -> Result<Vec<PatFn>, String> {
    arg(a, i)?.list()?.iter().map(|x| x.fun().cloned()).collect()
}

fn arg(a: &[PatArg], i: usize) -> Result<&PatArg, String> {
    a.get(i).ok_or_else(|| format!("missing argument {}", i + 1))
}

/// Pins a closure to the signature of a query op (helps closure type inference).
#[inline]
pub(crate) fn op<F: Fn(&[Value], Span, &mut QueryBuf) + Send + Sync + 'static>(f: F) -> F {
    f
}

/// Check constant numeric arguments at build time: `check` gets the numbers when every
/// argument is a constant number, and says what is wrong. Patterned arguments are checked as
/// they are played instead (an invalid value silences its events).
pub(crate) fn check_numbers(args: &[&Pattern], check: impl Fn(&[f64]) -> Result<(), String>) -> Result<(), String> {
    if let Some(vals) = constants(args) {
        let nums: Option<Vec<f64>> = vals.iter().map(num_of).collect();
        match nums {
            Some(n) => check(&n)?,
            None => return Err("expected a number".into()),
        }
    }
    Ok(())
}

/// Numeric arguments that are constants must be numbers (`fast "x"` is an error, as in
/// Strudel); `indices` are the positions of the numeric parameters.
pub(crate) fn numeric(a: &[PatArg], indices: &[usize]) -> Result<(), String> {
    for &i in indices {
        if let Some(c) = arg(a, i)?.pat()?.constant() {
            if num_of(&c.value).is_none() {
                return Err(format!("argument {} must be a number, not {}", i + 1, c.value.to_json()));
            }
        }
    }
    Ok(())
}

/// Whether `x` is a whole number.
#[inline]
pub(crate) fn whole(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the families' tests: compile a pattern expression and show its haps.
    use crate::compile::{compile_pattern, CompileEnv};
    use crate::pattern::Hap;
    use crate::samples::Bank;
    use crate::time::{Rational, Span};
    use std::sync::Arc;

    /// The haps of `expr` over `[from, to)`, each as `whole_begin-whole_end|part_begin-part_end:value`
    /// (`~` for a missing whole), sorted as `phonon events` sorts them.
    pub fn show(expr: &str, from: i64, to: i64) -> Vec<String> {
        show_span(expr, Rational::int(from), Rational::int(to))
    }

    pub fn show_span(expr: &str, from: Rational, to: Rational) -> Vec<String> {
        let env = CompileEnv::new(Arc::new(Bank::empty()));
        let p = compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{expr}: {}", e.render("test", expr)));
        let (mut haps, overflow) = p.haps_checked(Span::new(from, to));
        assert!(!overflow, "{expr} overflowed");
        let key = |h: &Hap| h.value.to_json().to_string();
        haps.sort_by(|a, b| Hap::time_order(a, b).then_with(|| key(a).cmp(&key(b))));
        haps.iter()
            .map(|h| {
                let w = h.whole.map(|w| format!("{}-{}", w.begin, w.end)).unwrap_or_else(|| "~".into());
                let v = match h.value.to_json() {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                format!("{w}|{}-{}:{v}", h.part.begin, h.part.end)
            })
            .collect()
    }

    /// Only the onsets: `begin:value` for haps that start in the span.
    pub fn onsets(expr: &str, from: i64, to: i64) -> Vec<String> {
        let env = CompileEnv::new(Arc::new(Bank::empty()));
        let p = compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{expr}: {}", e.render("test", expr)));
        let mut haps: Vec<Hap> =
            p.haps(Rational::int(from), Rational::int(to)).into_iter().filter(|h| h.has_onset()).collect();
        let key = |h: &Hap| h.value.to_json().to_string();
        haps.sort_by(|a, b| Hap::time_order(a, b).then_with(|| key(a).cmp(&key(b))));
        haps.iter()
            .map(|h| {
                let v = match h.value.to_json() {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                format!("{}:{v}", h.part.begin)
            })
            .collect()
    }

    /// Whether compiling `expr` fails, and the message.
    pub fn error(expr: &str) -> String {
        let env = CompileEnv::new(Arc::new(Bank::empty()));
        match compile_pattern(expr, &env) {
            Ok(_) => panic!("{expr} compiled"),
            Err(e) => e.render("test", expr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TABLES;
    use crate::compile::{compile_pattern, CompileEnv};
    use crate::meta::Kind;
    use crate::samples::Bank;
    use crate::time::Rational;
    use std::sync::Arc;

    /// Every example's pattern compiles and makes events (that they make sound is checked by
    /// `tests/patterns_examples.rs`, which renders them).
    #[test]
    fn every_example_is_a_working_program() {
        let env = CompileEnv::new(Arc::new(Bank::builtin()));
        for f in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(matches!(f.kind, Kind::Pattern | Kind::PatternSource), "{}", f.name);
            let expr =
                f.example.strip_prefix("out: ").unwrap_or_else(|| panic!("{}: example is not `out: ...`", f.name));
            assert!(f.example.contains(f.name), "{}: example does not use it", f.name);
            let pat =
                compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{}: {}", f.name, e.render("example", expr)));
            let events = pat.haps(Rational::ZERO, Rational::int(4)).iter().filter(|h| h.has_onset()).count();
            assert!(events > 0, "{}: {expr} plays nothing", f.name);
        }
    }

    #[test]
    fn names_are_unique_within_the_pattern_library() {
        let mut seen = std::collections::HashSet::new();
        for f in TABLES.iter().flat_map(|t| t.iter()) {
            for n in std::iter::once(&f.name).chain(f.aliases.iter()) {
                assert!(seen.insert(*n), "{n} is defined twice");
            }
        }
    }
}
