//! Functions the compiler builds itself (their part of the metadata table).

use crate::meta::{FnMeta, Imp, Kind, Param};

pub static FUNCTIONS: &[FnMeta] = &[FnMeta {
    name: "s",
    aliases: &["sound"],
    kind: Kind::Control,
    params: &[Param::pattern("names")],
    variadic: false,
    help: "Plays samples or synth voices by name: `bd`, `sn:2` (sample 2 of folder sn), `supersaw`.",
    example: "out: s \"bd sn:1 hh*2\"",
    imp: Imp::Special,
}];
