//! The function metadata table: the one description of every function of the language.
//!
//! Each family of functions keeps its part of the table next to its implementation
//! (`pattern::library`, `nodes::SOURCES`, `nodes::FILTERS`, ...); [`all`] joins them. Argument
//! checking and keyword arguments, error messages, the editor's completion and hover help, and
//! `phonon docs` all read this table and nothing else.

mod docs;

pub use docs::reference_markdown;

use crate::graph::{BuildEnv, Node};
use crate::pattern::Pattern;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// What kind of thing a function is; decides how the compiler treats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Transforms patterns (`fast`, `every`, `jux`): its last argument is the pattern.
    Pattern,
    /// Makes patterns from nothing (`run`, `irand`, `stack`, `cat`).
    PatternSource,
    /// An event control merged into events by `#` (`gain`, `n`, `speed`).
    Control,
    /// Makes sound or a signal from its parameters (`sine`, `saw`, `noise`, `s`).
    Source,
    /// Processes the audio on its left (`lpf`, `reverb`, `delay`).
    Processor,
    /// Shapes signals (`range`, `lag`, `mtof`).
    Utility,
    /// Reads the host (`in`, `param`, `midi`).
    Host,
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::Pattern => "Pattern functions",
            Kind::PatternSource => "Pattern sources",
            Kind::Control => "Event controls",
            Kind::Source => "Sound sources",
            Kind::Processor => "Processors",
            Kind::Utility => "Signal utilities",
            Kind::Host => "Host",
        }
    }
}

/// Unit of a parameter, for docs and for the editor's hover help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    Hz,
    Seconds,
    Cycles,
    Db,
    /// A ratio or amount, usually 0..1.
    Amount,
    Semitones,
    Steps,
}

impl Unit {
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Hz => "Hz",
            Unit::Seconds => "s",
            Unit::Cycles => "cycles",
            Unit::Db => "dB",
            Unit::Amount => "",
            Unit::Semitones => "semitones",
            Unit::Steps => "steps",
        }
    }
}

/// What an argument may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepts {
    /// A number, a pattern or a signal.
    Value,
    /// A pattern (a mini-notation string, a number, or a pattern expression).
    Pattern,
    /// A pattern function such as `(fast 2)` or `(# speed 2)`.
    Function,
    /// A list `[a, b, c]`.
    List,
    /// A bare name (`scale "major"` takes its scale name as a pattern, so this is rare).
    Name,
}

/// How a stepped (pattern) value feeding this parameter is smoothed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Smooth {
    /// Steps stay crisp (pitches, triggers).
    Step,
    /// Steps glide over this many seconds (cutoffs, gains), avoiding zipper noise and clicks.
    Glide(f32),
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    /// `None`: required.
    pub default: Option<f64>,
    /// Documented range; values outside are clamped by the implementation.
    pub range: (f64, f64),
    pub unit: Unit,
    pub accepts: Accepts,
    pub smooth: Smooth,
}

impl Param {
    /// A required parameter taking a number, pattern or signal.
    pub const fn value(name: &'static str, range: (f64, f64), unit: Unit) -> Param {
        Param { name, default: None, range, unit, accepts: Accepts::Value, smooth: Smooth::Step }
    }

    pub const fn pattern(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            range: (f64::NEG_INFINITY, f64::INFINITY),
            unit: Unit::None,
            accepts: Accepts::Pattern,
            smooth: Smooth::Step,
        }
    }

    pub const fn function(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            range: (f64::NEG_INFINITY, f64::INFINITY),
            unit: Unit::None,
            accepts: Accepts::Function,
            smooth: Smooth::Step,
        }
    }

    pub const fn list(name: &'static str) -> Param {
        Param {
            name,
            default: None,
            range: (f64::NEG_INFINITY, f64::INFINITY),
            unit: Unit::None,
            accepts: Accepts::List,
            smooth: Smooth::Step,
        }
    }

    pub const fn default(mut self, d: f64) -> Param {
        self.default = Some(d);
        self
    }

    pub const fn glide(mut self, seconds: f32) -> Param {
        self.smooth = Smooth::Glide(seconds);
        self
    }
}

/// An argument given to a pattern function.
#[derive(Clone)]
pub enum PatArg {
    Pat(Pattern),
    Fun(PatFn),
    List(Vec<PatArg>),
}

/// A pattern transformation built at compile time, such as `(rev . fast 2)`.
pub type PatFn = Arc<dyn Fn(Pattern) -> Result<Pattern, String> + Send + Sync>;

impl PatArg {
    pub fn pat(&self) -> Result<&Pattern, String> {
        match self {
            PatArg::Pat(p) => Ok(p),
            PatArg::Fun(_) => Err("expected a pattern, found a function".into()),
            PatArg::List(_) => Err("expected a pattern, found a list".into()),
        }
    }

    pub fn fun(&self) -> Result<&PatFn, String> {
        match self {
            PatArg::Fun(f) => Ok(f),
            _ => Err("expected a function such as (fast 2) or (# speed 2)".into()),
        }
    }

    pub fn list(&self) -> Result<&[PatArg], String> {
        match self {
            PatArg::List(l) => Ok(l),
            _ => Err("expected a list such as [a, b]".into()),
        }
    }
}

/// Implements a pattern function: `args` in parameter order (defaults filled in), the
/// transformed pattern last for [`Kind::Pattern`].
pub type PatternImp = fn(&[PatArg]) -> Result<Pattern, String>;

/// Configuration of a node fixed at compile time (besides its inputs).
///
/// A node's inputs are its parameters that accept values (numbers, patterns as stepped signals,
/// signals), in parameter order; a processor's audio input comes first. Parameters that accept
/// [`Accepts::Pattern`] are not inputs: they arrive here as patterns the node queries itself.
#[derive(Clone, Default)]
pub struct NodeConf {
    /// Constant value of each input, where it is constant (for sizing buffers); `None` for
    /// signals and for a processor's audio input.
    pub consts: Vec<Option<f64>>,
    /// Pattern parameters, in parameter order (e.g. the triggers of `env`).
    pub patterns: Vec<Pattern>,
    /// Number of inputs (variadic nodes such as `mix`).
    pub arity: usize,
}

/// Builds a node.
pub type NodeMake = fn(&NodeConf, &BuildEnv) -> Box<dyn Node>;

/// Whether a node's output is stereo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channels {
    Mono,
    Stereo,
    /// Stereo when its audio input (input 0) is stereo.
    FollowInput,
}

#[derive(Clone, Copy)]
pub enum Imp {
    Pattern(PatternImp),
    /// An event control: `name pat` is the control pattern `{name: v}`.
    Control,
    /// A graph node. Sources and utilities take their parameters as inputs; processors take
    /// the audio on their left as input 0, then their parameters.
    Node {
        make: NodeMake,
        channels: Channels,
        cost: u32,
    },
    /// Compiled by the compiler itself.
    Special,
}

#[derive(Clone, Copy)]
pub struct FnMeta {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub kind: Kind,
    pub params: &'static [Param],
    /// Whether the last parameter repeats (`stack`, `mix`).
    pub variadic: bool,
    pub help: &'static str,
    /// A complete program that uses the function and makes sound.
    pub example: &'static str,
    pub imp: Imp,
}

impl FnMeta {
    /// Number of required parameters.
    pub fn required(&self) -> usize {
        self.params.iter().filter(|p| p.default.is_none()).count()
    }

    /// `lpf cutoff q=0.7`: the signature as shown in errors, completion and docs.
    pub fn signature(&self) -> String {
        let mut s = self.name.to_string();
        for p in self.params {
            s.push(' ');
            match p.default {
                Some(d) => s.push_str(&format!("{}:{}", p.name, fmt_num(d))),
                None => s.push_str(p.name),
            }
        }
        if self.variadic {
            s.push_str(" ...");
        }
        s
    }

    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

pub fn fmt_num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Every part of the table (the pattern library keeps one part per family).
fn parts() -> Vec<&'static [FnMeta]> {
    let mut parts = crate::pattern::library::TABLES.to_vec();
    parts.extend([
        crate::compile::controls::FUNCTIONS,
        crate::voice::synth::controls::FUNCTIONS,
        crate::nodes::SOURCES,
        crate::nodes::FILTERS,
        crate::nodes::EFFECTS,
        crate::nodes::DYNAMICS,
        crate::compile::special::FUNCTIONS,
        crate::nodes::UTILITIES,
    ]);
    parts
}

/// Every function of the language, in table order.
pub fn all() -> impl Iterator<Item = &'static FnMeta> {
    parts().into_iter().flat_map(|p| p.iter())
}

fn index() -> &'static HashMap<&'static str, Vec<&'static FnMeta>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static FnMeta>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static FnMeta>> = HashMap::new();
        for f in all() {
            m.entry(f.name).or_default().push(f);
            for a in f.aliases {
                m.entry(a).or_default().push(f);
            }
        }
        m
    })
}

/// The entries for a name (two when a name is both a control and a processor).
pub fn lookup(name: &str) -> &'static [&'static FnMeta] {
    index().get(name).map(|v| v.as_slice()).unwrap_or(&[])
}

/// Every name and alias, sorted (for completion and suggestions).
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = index().keys().copied().collect();
    v.sort_unstable();
    v
}

/// Known names closest to `name` (edit distance), best first.
pub fn suggest(name: &str, limit: usize) -> Vec<&'static str> {
    let all = names();
    // Tidal 0.9's `sine1`, `saw1`, ... still work but are not worth suggesting next to `sine`.
    let old_spelling = |n: &str| n.strip_suffix('1').is_some_and(|b| all.binary_search(&b).is_ok());
    let mut scored: Vec<(usize, &'static str)> = all
        .iter()
        .copied()
        .filter(|n| !old_spelling(n))
        .map(|n| (edit_distance(&name.to_lowercase(), &n.to_lowercase()), n))
        .filter(|&(d, n)| d <= 2.max(n.len() / 3) && d < name.len().max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(limit).map(|(_, n)| n).collect()
}

/// Levenshtein distance (with adjacent transpositions counted as one edit).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for f in all() {
            assert!(!f.help.is_empty(), "{} has no help", f.name);
            assert!(!f.example.is_empty(), "{} has no example", f.name);
            assert!(seen.insert((f.name, f.kind)), "{} ({:?}) appears twice", f.name, f.kind);
            let mut optional = false;
            for p in f.params {
                if p.default.is_some() {
                    optional = true;
                } else {
                    assert!(!optional, "{}: required parameter {} after an optional one", f.name, p.name);
                }
            }
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("lfp", "lpf"), 1);
        assert!(suggest("sinee", 3).contains(&"sine"));
    }
}
