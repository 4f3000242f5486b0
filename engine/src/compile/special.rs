//! Functions the compiler builds itself, and the host's inputs (their part of the metadata
//! table).

use crate::meta::{Channels, FnMeta, Imp, Kind, Param, PatArg, Unit};
use crate::pattern::{host, Pattern};

fn midi(_a: &[PatArg]) -> Result<Pattern, String> {
    Ok(host::midi())
}

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "spread",
        aliases: &["slowspread"],
        kind: Kind::Pattern,
        params: &[Param::function("f"), Param::list("values"), Param::pattern("pat")],
        variadic: false,
        help: "Applies a function with each value of a list in turn, one per cycle: spread fast [1, 2]; \
               spread ($) [rev, fast 2] applies each function of the list.",
        example: "out: spread fast [1, 2] $ s \"bd sn\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "spreadf",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::list("functions"), Param::pattern("pat")],
        variadic: false,
        help: "Tidal's spreadf: each function of the list in turn, one per cycle (spread ($)).",
        example: "out: spreadf [fast 2, rev, (# speed 2)] $ s \"bd sn\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "spread'",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::function("f"), Param::pattern("values"), Param::pattern("pat")],
        variadic: false,
        help:
            "Tidal's spread' applies a function with a pattern of values; every argument in Phonon takes a pattern, so \
               spread' f vs p is f vs p.",
        example: "out: spread' fast \"<1 2>\" $ s \"bd sn\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "negate",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("x")],
        variadic: false,
        help: "The negative of a number, a pattern's numbers or a signal (Haskell's negate x is -x).",
        example: "out: s \"bd*4\" # speed (negate \"-1 -2\")",
        imp: Imp::Special,
    },
    FnMeta {
        name: "fastspread",
        aliases: &["fastSpread"],
        kind: Kind::Pattern,
        params: &[Param::function("f"), Param::list("values"), Param::pattern("pat")],
        variadic: false,
        help: "Like spread, all the values within each cycle.",
        example: "out: fastspread ($) [id, rev] $ s \"bd sn\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "spreadChoose",
        aliases: &["spreadr"],
        kind: Kind::Pattern,
        params: &[Param::function("f"), Param::list("values"), Param::pattern("pat")],
        variadic: false,
        help: "Like spread, with a value of the list chosen at random for each cycle.",
        example: "out: spreadChoose ($) [id, rev, fast 2] $ s \"bd sn\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "snowball",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("depth"), Param::function("combine"), Param::function("f"), Param::pattern("pat")],
        variadic: false,
        help: "Tidal's snowball: the pattern, then combine of it and f of it, then combine of that and f twice, ... \
               depth of them, one per cycle: snowball 4 (+) (slow 2) \"0 1\", snowball 3 overlay (fast 2) p.",
        example: "out: n (snowball 4 (+) (slow 2) \"0 1 2 3\") # s \"superpiano\"",
        imp: Imp::Special,
    },
    FnMeta {
        name: "step",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::pattern("sound"), Param::pattern("steps")],
        variadic: false,
        help:
            "Tidal's step sequencer: each character of the string is a step; x plays the sound, a digit the sound with \
               that sample number, anything else rests: step \"sn\" \"x x 12 \" is \"sn ~ sn ~ sn:1 sn:2 ~\".",
        example: "out: s (step \"bd\" \"x x 12 \")",
        imp: Imp::Special,
    },
    FnMeta {
        name: "step'",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::list("sounds"), Param::pattern("steps")],
        variadic: false,
        help: "Like step, each digit picking a sound of the list: step' [\"bd\", \"sn\"] \"0 1 000 1\".",
        example: "out: s (step' [\"bd\", \"hh\"] \"0 1 001 1\")",
        imp: Imp::Special,
    },
    FnMeta {
        name: "steps",
        aliases: &[],
        kind: Kind::PatternSource,
        params: &[Param::list("pairs")],
        variadic: false,
        help: "Several step sequences played together: steps [(\"cp\", \"x  x x\"), (\"bd\", \"xxxx\")].",
        example: "out: s (steps [(\"hh\", \"x  x x  x\"), (\"bd\", \"xxxx\")])",
        imp: Imp::Special,
    },
    FnMeta {
        name: "in",
        aliases: &["input"],
        kind: Kind::Host,
        params: &[],
        variadic: false,
        help: "The plugin's stereo audio input, to process or to key a sidechain.",
        example: "out: in * 0.5 + sine 220 * 0.2",
        imp: Imp::Node { make: crate::nodes::host::make_audio_in, channels: Channels::Stereo, cost: 1 },
    },
    FnMeta {
        name: "param",
        aliases: &["macro"],
        kind: Kind::Host,
        params: &[Param::value("index", (1.0, 8.0), Unit::None)],
        variadic: false,
        help: "Host macro parameter 1..8 as a smoothed signal in 0..1: automate it in the DAW.",
        example: "out: sine (param 1 * 400 + 200) * 0.3",
        imp: Imp::Special,
    },
    FnMeta {
        name: "midi",
        aliases: &[],
        kind: Kind::Host,
        params: &[],
        variadic: false,
        help: "The notes held on the plugin's MIDI input, as events `{note, velocity}`: play them \
               (`midi # s \"superpiano\"`) or transpose by them (`note \"0 3 7\" |+ midi`).",
        example: "out: (midi # s \"superpiano\") + sine 110 * 0.1",
        imp: Imp::Pattern(midi),
    },
];
