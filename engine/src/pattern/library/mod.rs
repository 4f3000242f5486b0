//! Pattern functions and their part of the metadata table.
//!
//! Each function takes its arguments as [`PatArg`]s in parameter order, with the transformed
//! pattern last. Numeric arguments arrive as patterns (`fast "<1 2>"`), so every function
//! handles patterned arguments.

use super::core;
use super::Pattern;
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};

fn pats(list: &[PatArg]) -> Result<Vec<Pattern>, String> {
    list.iter().map(|a| a.pat().cloned()).collect()
}

fn rev(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::rev(a[0].pat()?.clone()))
}

fn stack(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::stack(pats(a[0].list()?)?))
}

fn slowcat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::slowcat(pats(a[0].list()?)?))
}

fn fastcat(a: &[PatArg]) -> Result<Pattern, String> {
    Ok(core::fastcat(pats(a[0].list()?)?))
}

const PAT: Param = Param::pattern("pat");

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "rev",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[PAT],
        variadic: false,
        help: "Plays each cycle backwards.",
        example: "out: rev $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(rev),
    },
    FnMeta {
        name: "stack",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Plays all the patterns of a list at once.",
        example: "out: stack [s \"bd*2\", s \"hh*4\"]",
        imp: Imp::Pattern(stack),
    },
    FnMeta {
        name: "cat",
        aliases: &["slowcat"],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Plays the patterns of a list one cycle each, in turn.",
        example: "out: cat [s \"bd*2\", s \"sn*3\"]",
        imp: Imp::Pattern(slowcat),
    },
    FnMeta {
        name: "fastcat",
        aliases: &["fastCat"],
        kind: Kind::PatternSource,
        params: &[Param::list("pats")],
        variadic: false,
        help: "Squeezes the patterns of a list into one cycle, in turn.",
        example: "out: fastcat [s \"bd*2\", s \"sn\"]",
        imp: Imp::Pattern(fastcat),
    },
];
