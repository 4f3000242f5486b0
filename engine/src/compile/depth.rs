//! Bounded depth: how deep a program may nest, and the stack compiling it runs on.
//!
//! Parsing, compiling and dropping a syntax tree recurse once per operator of a chain
//! (`a # b # c ...`, `f $ g $ ...`) and once per bus a bus reads. Rather than rewrite every walk,
//! programs are held to documented limits, checked on the text before anything recurses, and
//! every compile runs on a thread whose stack fits the deepest program the limits allow,
//! whatever thread asks for it (a host's main thread, an editor, the CLI).

use crate::lang::ast::SrcSpan;
use crate::lang::{lines, Errors};
use std::cell::Cell;

/// Most operators one statement may chain (`# lpf` 10,000 times is fine; 20,000 is an error).
pub const MAX_STATEMENT_OPERATORS: usize = 16_384;
/// Most nesting a whole program may reach: every operator of every statement, plus one per
/// statement (a bus read at the bottom of another bus's chain nests the compile further).
pub const MAX_PROGRAM_DEPTH: usize = 24_576;
/// Stack of a compile thread. Reserved address space; only the pages a compile touches are
/// ever backed by memory. Sized for [`MAX_PROGRAM_DEPTH`] levels of the costliest kind with
/// room to spare (measured in unoptimised builds: about 35 KiB per level of a `$` chain, 3 KiB
/// per bus of a bus chain, less for `#` and arithmetic chains).
pub const COMPILE_STACK: usize = 1 << 30;

thread_local! {
    static BIG_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` on a stack of [`COMPILE_STACK`] bytes: here when this thread already has one,
/// otherwise on a thread of its own (the caller waits).
pub fn on_compile_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if BIG_STACK.with(|b| b.get()) {
        return f();
    }
    let mut job = Some(f);
    let ran = std::thread::scope(|s| {
        let slot = &mut job;
        let spawned = std::thread::Builder::new().name("phonon-compile".into()).stack_size(COMPILE_STACK).spawn_scoped(
            s,
            move || {
                BIG_STACK.with(|b| b.set(true));
                slot.take().map(|f| f())
            },
        );
        spawned.ok().map(|h| h.join())
    });
    match ran {
        Some(Ok(Some(v))) => v,
        Some(Err(p)) => std::panic::resume_unwind(p),
        // No thread to be had (out of threads or address space): run here; the limits keep
        // ordinary programs within ordinary stacks.
        _ => match job.take() {
            Some(f) => f(),
            None => unreachable!("the job ran or is still here"),
        },
    }
}

/// Spawn a long-lived thread with a compile stack (the plugin's compile worker, the CLI):
/// compiles on it run in place.
pub fn spawn_with_compile_stack<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    std::thread::Builder::new().name(name.into()).stack_size(COMPILE_STACK).spawn(move || {
        BIG_STACK.with(|b| b.set(true));
        f()
    })
}

/// Whether `c` can be part of an operator (`$`, `#`, `+`, `|+|`, `<~`, `.`, ...).
fn operator_char(c: u8) -> bool {
    matches!(c, b'$' | b'#' | b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'|' | b'.' | b'~')
}

/// Check `src` against [`MAX_STATEMENT_OPERATORS`] and [`MAX_PROGRAM_DEPTH`], reading the text
/// only (nothing recurses). Counts runs of operator characters outside strings and comments,
/// which is never fewer than the operators a statement really chains. The error points at the
/// operator past the limit.
pub fn check(src: &str) -> Result<(), Errors> {
    let mut program = 0usize;
    for r in lines::split(src) {
        let text = &src.as_bytes()[r.start..r.end];
        let mut ops = 0usize;
        let (mut in_str, mut in_comment, mut prev_op) = (false, false, false);
        let mut i = 0;
        while i < text.len() {
            let c = text[i];
            if in_comment {
                in_comment = c != b'\n';
            } else if in_str {
                in_str = c != b'"' && c != b'\n';
            } else if c == b'"' {
                in_str = true;
                prev_op = false;
            } else if c == b'-' && text.get(i + 1) == Some(&b'-') {
                in_comment = true;
                prev_op = false;
                i += 1;
            } else if operator_char(c) && !decimal_point(text, i) && !exponent_sign(text, i) && !bus_name(text, i) {
                if !prev_op {
                    ops += 1;
                    program += 1;
                    let at = r.start + i;
                    if ops > MAX_STATEMENT_OPERATORS {
                        return Err(Errors::one(
                            SrcSpan::new(at, at + 1),
                            format!(
                                "this statement chains more than {MAX_STATEMENT_OPERATORS} operators; split it into buses"
                            ),
                        ));
                    }
                    if program > MAX_PROGRAM_DEPTH {
                        return Err(Errors::one(
                            SrcSpan::new(at, at + 1),
                            format!("the program nests deeper than {MAX_PROGRAM_DEPTH} operators and buses in all"),
                        ));
                    }
                }
                prev_op = true;
            } else {
                prev_op = false;
            }
            i += 1;
        }
        program += 1;
        if program > MAX_PROGRAM_DEPTH {
            return Err(Errors::one(
                SrcSpan::new(r.start, r.start + 1),
                format!("the program nests deeper than {MAX_PROGRAM_DEPTH} operators and buses in all"),
            ));
        }
    }
    Ok(())
}

/// `0.5`: a '.' between digits is part of a number.
fn decimal_point(t: &[u8], i: usize) -> bool {
    t[i] == b'.' && t.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// `1e-3`: a sign after an exponent is part of a number.
fn exponent_sign(t: &[u8], i: usize) -> bool {
    matches!(t[i], b'-' | b'+')
        && i >= 2
        && matches!(t[i - 1], b'e' | b'E')
        && t[i - 2].is_ascii_digit()
        && t.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// `~bass`: a '~' before a name starts a bus name.
fn bus_name(t: &[u8], i: usize) -> bool {
    t[i] == b'~' && t.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_counted_once_per_run_and_not_in_numbers_strings_or_comments() {
        assert!(check("out: sine 0.5 # lpf 1e-3 -- a # b # c\n").is_ok());
        let at_limit = format!("out: sine 1{}\n", " # lpf 100".repeat(MAX_STATEMENT_OPERATORS));
        assert!(check(&at_limit).is_ok());
        let over = format!("out: sine 1{}\n", " |+| lpf 100".repeat(MAX_STATEMENT_OPERATORS + 1));
        let e = check(&over).unwrap_err();
        let (line, col) = e.0[0].line_col(&over);
        assert_eq!(line, 1);
        assert_eq!(col, 13 + 12 * MAX_STATEMENT_OPERATORS, "{}", e.0[0].message);
        let strings = format!("out: s \"{}\"\n", "bd*2 ".repeat(MAX_STATEMENT_OPERATORS + 1));
        assert!(check(&strings).is_ok());
    }

    #[test]
    fn the_whole_program_is_bounded_too() {
        let mut src = String::new();
        for i in 0..(MAX_PROGRAM_DEPTH / 2 + 1) {
            src.push_str(&format!("~b{i}: ~b{} # lpf 100\n", i.saturating_sub(1)));
        }
        let e = check(&src).unwrap_err();
        assert!(e.0[0].message.contains("nests deeper"), "{}", e.0[0].message);
    }

    #[test]
    fn nested_calls_reuse_the_big_stack() {
        let outer = on_compile_stack(|| {
            let id = std::thread::current().id();
            (id, on_compile_stack(|| std::thread::current().id()))
        });
        assert_eq!(outer.0, outer.1);
        assert_ne!(outer.0, std::thread::current().id());
    }
}
