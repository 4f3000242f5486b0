//! Tidal's step sequencers, which read their strings character by character (a space is a
//! step too), so they take the string literals as written: `step "sn" "x x 12 "` is
//! `"sn ~ sn ~ sn:1 sn:2 ~"`, `step' ["a", "b"] "0 1 000 1"` picks names by digit, `steps`
//! stacks several `step`s.

use super::value::{Val, V};
use super::{combine, hash_of, Compiler};
use crate::lang::ast::SrcSpan;
use crate::lang::Diagnostic;
use crate::pattern::core::{fastcat, pure, silence, stack};
use crate::pattern::value::{Atom, List};
use crate::pattern::{Pattern, Sym, Value};

/// Most steps one string may hold.
const MAX_STEPS: usize = 4096;

impl<'a> Compiler<'a> {
    /// The text inside a string literal argument.
    fn literal(&self, v: &Val, what: &str) -> Result<&'a str, Diagnostic> {
        let t = self.text(v.span);
        match t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => Ok(inner),
            None => Err(Diagnostic::new(v.span, format!("{what} must be written as a string such as \"x ~ x\""))),
        }
    }

    /// `step`, `step'` or `steps` with its arguments.
    pub(crate) fn step(&mut self, name: &str, slots: Vec<Option<Val>>, span: SrcSpan) -> Result<Val, Diagnostic> {
        let arg = |i: usize| {
            slots
                .get(i)
                .and_then(|s| s.as_ref())
                .ok_or_else(|| Diagnostic::new(span, format!("{name}: missing argument {}", i + 1)))
        };
        let pat = match name {
            "step" => {
                let (n, s) = (arg(0)?, arg(1)?);
                steps_of(Sym::new(self.literal(n, "step's sound")?), self.literal(s, "step's steps")?, s.span)?
            }
            "step'" => {
                let V::List(items) = &arg(0)?.v else {
                    return Err(Diagnostic::new(arg(0)?.span, "step' takes a list of names such as [\"bd\", \"sn\"]"));
                };
                let names = items
                    .iter()
                    .map(|it| self.literal(it, "each name").map(Sym::new))
                    .collect::<Result<Vec<_>, _>>()?;
                let s = arg(1)?;
                indexed_steps(&names, self.literal(s, "step''s steps")?, s.span)?
            }
            _ => {
                let V::List(items) = &arg(0)?.v else {
                    return Err(Diagnostic::new(arg(0)?.span, "steps takes a list of (\"name\", \"x x\") pairs"));
                };
                let mut layers = Vec::new();
                for it in items {
                    let V::List(pair) = &it.v else {
                        return Err(Diagnostic::new(it.span, "steps takes a list of (\"name\", \"x x\") pairs"));
                    };
                    let [n, s] = pair.as_slice() else {
                        return Err(Diagnostic::new(it.span, "each item of steps is a pair (\"name\", \"x x\")"));
                    };
                    layers.push(steps_of(
                        Sym::new(self.literal(n, "the sound")?),
                        self.literal(s, "the steps")?,
                        s.span,
                    )?);
                }
                stack(layers)
            }
        };
        let h = combine(hash_of(("step", name)), hash_of(self.text(span)));
        Ok(Val::new(V::Pat(pat, false), h, span))
    }
}

fn check_len(steps: &str, at: SrcSpan) -> Result<(), Diagnostic> {
    if steps.chars().count() > MAX_STEPS {
        return Err(Diagnostic::new(at, format!("at most {MAX_STEPS} steps in one string")));
    }
    Ok(())
}

/// `x` is the sound, a digit the sound with that sample number, anything else a rest.
fn steps_of(name: Sym, steps: &str, at: SrcSpan) -> Result<Pattern, Diagnostic> {
    check_len(steps, at)?;
    Ok(fastcat(
        steps
            .chars()
            .map(|c| match c {
                'x' => pure(Value::Sym(name)),
                d if d.is_ascii_digit() => {
                    let n = d.to_digit(10).unwrap_or(0) as f64;
                    pure(Value::List(List::from_atoms(&[Atom::Sym(name), Atom::Num(n)])))
                }
                _ => silence(),
            })
            .collect(),
    ))
}

/// A digit picks a name of the list (wrapping around it), anything else is a rest.
fn indexed_steps(names: &[Sym], steps: &str, at: SrcSpan) -> Result<Pattern, Diagnostic> {
    check_len(steps, at)?;
    if names.is_empty() {
        return Ok(silence());
    }
    Ok(fastcat(
        steps
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => pure(Value::Sym(names[d as usize % names.len()])),
                None => silence(),
            })
            .collect(),
    ))
}
