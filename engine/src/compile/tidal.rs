//! A Tidal file read top to bottom: which patterns play once every block has run (`dN`,
//! `p "name"`, `once`, `hush`, `solo`, `all`), and `let` bindings.

use crate::lang::ast::{Arg, Expr, ExprKind, Slot, SrcSpan};
use crate::time::Rational;
use std::borrow::Cow;

/// `let name = body` or `let name x y = body`.
pub(crate) struct Let<'a> {
    pub name: &'a str,
    pub params: &'a [(String, SrcSpan)],
    pub body: &'a Expr,
    /// Statement index: the binding is visible to later statements.
    pub pos: usize,
}

/// A pattern given to an output.
pub(crate) struct Play<'a> {
    /// `None` for `once`.
    pub slot: Option<Slot>,
    pub expr: Cow<'a, Expr>,
    pub head: SrcSpan,
    pub pos: usize,
    pub once: bool,
    /// The cycle it plays at the host's cycle 0 (`setCycle`).
    pub cycle: Rational,
}

#[derive(Default)]
pub(crate) struct Plays<'a> {
    live: Vec<Play<'a>>,
    /// Silenced by a `hush` that no pattern followed yet.
    hushed: Vec<Play<'a>>,
    hush_pending: bool,
    solo: Vec<Slot>,
    muted: Vec<Slot>,
    all: Option<(&'a Expr, usize)>,
    cycle: Rational,
    /// `nudgeAll`: seconds every event plays later.
    pub nudge: f64,
}

impl<'a> Plays<'a> {
    pub fn play(&mut self, slot: Slot, e: &'a Expr, head: SrcSpan, pos: usize) {
        self.resume();
        self.live.retain(|p| p.slot.as_ref() != Some(&slot));
        let cycle = self.cycle;
        self.live.push(Play { slot: Some(slot), expr: Cow::Borrowed(e), head, pos, once: false, cycle });
    }

    pub fn once(&mut self, e: &'a Expr, head: SrcSpan, pos: usize) {
        self.resume();
        let cycle = self.cycle;
        self.live.push(Play { slot: None, expr: Cow::Borrowed(e), head, pos, once: true, cycle });
    }

    fn resume(&mut self) {
        self.hush_pending = false;
        self.hushed.clear();
    }

    /// `hush`: what came before stops. When nothing follows, the program keeps its patterns
    /// and fades them out, as `hush` does to a running program.
    pub fn hush(&mut self) {
        self.hushed.append(&mut self.live);
        self.hush_pending = true;
    }

    pub fn hushed_at_end(&mut self) -> bool {
        if self.hush_pending {
            self.live = std::mem::take(&mut self.hushed);
        }
        self.hush_pending
    }

    pub fn solo(&mut self, slot: Slot, on: bool) {
        self.solo.retain(|s| *s != slot);
        if on {
            self.solo.push(slot);
        }
    }

    /// `mute N` silences dN until `unmute N`.
    pub fn mute(&mut self, slot: Slot, on: bool) {
        self.muted.retain(|s| *s != slot);
        if on {
            self.muted.push(slot);
        }
    }

    /// `unmuteAll` (true) or `unsoloAll` (false).
    pub fn clear_all(&mut self, mutes: bool) {
        if mutes {
            self.muted.clear();
        } else {
            self.solo.clear();
        }
    }

    /// `setCycle n`: the patterns given after it play from their cycle n (Phonon starts at
    /// the host's cycle 0, where Tidal's clock would read n).
    pub fn set_cycle(&mut self, n: Rational) {
        self.cycle = n;
    }

    /// `all f` applies to every pattern; `all id` stops that.
    pub fn all(&mut self, e: &'a Expr, pos: usize) {
        self.all = match &e.kind {
            ExprKind::Ident(n) if n == "id" => None,
            _ => Some((e, pos)),
        };
    }

    pub fn all_fn(&self) -> Option<(&'a Expr, usize)> {
        self.all
    }

    pub fn live_mut(&mut self) -> impl Iterator<Item = &mut Play<'a>> {
        self.live.iter_mut()
    }

    /// The patterns that play, each with its output number: `dN` is output N, named patterns
    /// and `once` take the free outputs from the last down.
    pub fn finish(self, taken: &[u32], max: u32) -> Vec<(Result<u32, String>, Play<'a>)> {
        let (solo, muted) = (self.solo, self.muted);
        let plays: Vec<Play> = self
            .live
            .into_iter()
            .filter(|p| solo.is_empty() || p.slot.as_ref().is_some_and(|s| solo.contains(s)))
            .filter(|p| !p.slot.as_ref().is_some_and(|s| muted.contains(s)))
            .collect();
        let mut used: Vec<u32> = taken.to_vec();
        used.extend(plays.iter().filter_map(|p| match p.slot {
            Some(Slot::Num(n)) => Some(n),
            _ => None,
        }));
        let mut out = Vec::new();
        for p in plays {
            let n = match &p.slot {
                Some(Slot::Num(n)) if taken.contains(n) => {
                    Err(format!("d{n} plays on output {n}, which is also defined as out{n}: use one of them"))
                }
                Some(Slot::Num(n)) if *n > max => {
                    Err(format!("d{n}: at most {max} outputs are supported (d1 .. d{max})"))
                }
                Some(Slot::Num(n)) => Ok(*n),
                _ => match (1..=max).rev().find(|k| !used.contains(k)) {
                    Some(k) => {
                        used.push(k);
                        Ok(k)
                    }
                    None => Err(format!("no free output for this pattern: at most {max} play at once")),
                },
            };
            out.push((n, p));
        }
        out
    }
}

/// `pat # cps x` (at the top of a pattern's `#` chain, or right of its `$`): the pattern
/// without it, and `x`.
pub(crate) fn strip_cps(e: &Expr) -> Option<(Expr, Expr)> {
    match &e.kind {
        ExprKind::Binary(crate::lang::ast::BinOp::Hash, l, r) => {
            if let ExprKind::Apply(f, args) = &r.kind {
                if matches!(&f.kind, ExprKind::Ident(n) if n == "cps") && args.len() == 1 {
                    if let Arg::Pos(x) = &args[0] {
                        let rest = strip_cps(l).map(|(rest, _)| rest).unwrap_or_else(|| (**l).clone());
                        return Some((rest, x.clone()));
                    }
                }
            }
            let (rest, x) = strip_cps(l)?;
            let kind = ExprKind::Binary(crate::lang::ast::BinOp::Hash, Box::new(rest), r.clone());
            Some((Expr { kind, span: e.span }, x))
        }
        ExprKind::Dollar(f, x) => {
            let (rest, c) = strip_cps(x)?;
            Some((Expr { kind: ExprKind::Dollar(f.clone(), Box::new(rest)), span: e.span }, c))
        }
        _ => None,
    }
}

/// Tidal's strings as control patterns: a bare string on either side of `#` is a pattern of
/// sounds (`note "c e" # "supergong"`, `"bd*2" # gain 0.8`). Every `#` of the expression is
/// rewritten; `None` when there is none to rewrite.
pub(crate) fn sound_strings(e: &Expr) -> Option<Expr> {
    use crate::lang::ast::BinOp;
    let sound = |x: &Expr| -> Expr {
        let s = Expr { span: x.span, kind: ExprKind::Ident("s".into()) };
        Expr { span: x.span, kind: ExprKind::Apply(Box::new(s), vec![Arg::Pos(x.clone())]) }
    };
    let sub = |x: &Expr| sound_strings(x);
    let kind = match &e.kind {
        ExprKind::Binary(BinOp::Hash, l, r) => {
            let is_str = |x: &Expr| matches!(x.kind, ExprKind::Str(_));
            if !is_str(l) && !is_str(r) && sub(l).is_none() && sub(r).is_none() {
                return None;
            }
            let side = |x: &Expr| if is_str(x) { sound(x) } else { sub(x).unwrap_or_else(|| x.clone()) };
            ExprKind::Binary(BinOp::Hash, Box::new(side(l)), Box::new(side(r)))
        }
        ExprKind::Binary(op, l, r) => {
            if sub(l).is_none() && sub(r).is_none() {
                return None;
            }
            ExprKind::Binary(
                *op,
                Box::new(sub(l).unwrap_or_else(|| (**l).clone())),
                Box::new(sub(r).unwrap_or_else(|| (**r).clone())),
            )
        }
        ExprKind::Dollar(f, x) => {
            if sub(f).is_none() && sub(x).is_none() {
                return None;
            }
            ExprKind::Dollar(
                Box::new(sub(f).unwrap_or_else(|| (**f).clone())),
                Box::new(sub(x).unwrap_or_else(|| (**x).clone())),
            )
        }
        _ => return None,
    };
    Some(Expr { kind, span: e.span })
}

/// Tidal's continuous patterns whose names are also Phonon's oscillators.
pub(crate) const WAVES: &[&str] = &["sine", "saw", "square", "tri"];

/// Tidal 0.8's names that Tidal 1 gave to other functions, told apart by their arguments:
/// `scale 1 3 sine1` (numbers first) is today's `range`, where `scale "major" ...` names a
/// scale; `e 3 8 p` is `euclid 3 8 p` (only applied, so a lone `e` stays unknown).
pub(crate) fn old_spelling(name: &str, args: &[Arg]) -> Option<&'static str> {
    let numeric = |a: &Arg| match a {
        Arg::Pos(e) => {
            matches!(e.kind, ExprKind::Num(..))
                || matches!(&e.kind, ExprKind::Neg(x) if matches!(x.kind, ExprKind::Num(..)))
        }
        Arg::Key(..) => false,
    };
    match name {
        "scale" if args.first().is_some_and(numeric) => Some("range"),
        "e" if !args.is_empty() => Some("euclid"),
        _ => None,
    }
}

/// SuperDirt's six-operator `superfm` controls: `amp1`, `ratio2`, `mod12`, `egrate11`, ...
fn superfm_operator(name: &str) -> bool {
    ["amp", "ratio", "detune", "mod", "egrate", "eglevel"].iter().any(|base| {
        name.strip_prefix(base)
            .is_some_and(|d| (1..=2).contains(&d.len()) && d.chars().all(|c| ('1'..='6').contains(&c)))
    })
}

/// Tidal names Phonon spells another way: the one-line Phonon way.
pub(crate) fn unsupported(name: &str) -> Option<String> {
    if let Some(control) = name.strip_suffix("bus").filter(|c| crate::controls::lookup(c).is_some()) {
        return Some(format!(
            "{name}: Tidal's control buses are not part of Phonon: give the pattern to the control itself, as in \
             # {control} (segment 32 $ range 200 2400 saw) (each event takes the value at its onset)"
        ));
    }
    if superfm_operator(name) {
        return Some(format!(
            "{name} is a control of SuperDirt's six-operator superfm, which Phonon does not have: Phonon's superfm is \
             two-operator FM set by voice (the modulator's ratio) and decay, as in s \"superfm\" # voice 0.5 # decay 0.4"
        ));
    }
    Some(match name {
        "hush" | "panic" => format!("{name} is a statement of its own: write it alone on a line"),
        "setcps" | "setbpm" | "once" | "solo" | "all" => {
            format!("{name} is a statement of its own: write it at the start of a line ({name} ...)")
        }
        "cps" => {
            "a tempo in Phonon is a statement: setcps 0.5 (or cps: 0.5); '# cps x' works at the end of a d1 line".into()
        }
        "d1" | "d2" | "d3" | "d4" | "d5" | "d6" | "d7" | "d8" => {
            format!("{name} starts a statement: write it at the start of a line ({name} $ ...)")
        }
        "let" => "let starts a statement: write it at the start of a line (let name = ...)".into(),
        "interlace" => "interlace (Tidal 0.9, gone since Tidal 1.0) is not part of Phonon: alternate the patterns a \
                        cycle each with cat [a, b], or mix them with stack [a, b]"
            .into(),
        "soak" => {
            "soak is not supported: layer the steps yourself, as in stack [p, fast 2 p] or superimpose (fast 2) p"
                .into()
        }
        "partials" | "panspan" | "pansplay" | "panwidth" | "panorient" => format!(
            "{name} is a SuperDirt control Phonon does not have: leave it out (`phonon docs` lists the effects Phonon \
             plays, SuperDirt's djf, ring, leslie, freeze and the others among them)"
        ),
        "smooth" => "smooth is not supported: for a gliding value use a continuous pattern, as in segment 16 $ range 1 2 sine".into(),
        "contrast" | "unfix" => format!(
            "{name} is not supported: apply a function to the events that match with fix f (n 1), or use while \"t f\" f"
        ),
        "inhabit" => "inhabit is not supported: name patterns with ur 1 \"a b\" [(\"a\", ...), (\"b\", ...)] []".into(),
        "numerals" => "numerals is not supported: write the numbers as a pattern, as in \"1 2 3\"".into(),
        "perlinWith" | "perlin2With" | "perlin2" => {
            format!("{name} is not supported: use perlin (one value a cycle), slowed or sped with slow and fast")
        }
        "sometimesBy'" | "sometimes'" | "often'" | "rarely'" | "almostNever'" | "almostAlways'" => format!(
            "{name} is not supported: use {} (chosen per event) or somecyclesBy (per cycle)",
            name.trim_end_matches('\'')
        ),
        "chew" => "chew is not supported: use bite n \"0 2*2\" (the parts at their speed) with hurry for the pitch".into(),
        "fit'" => "fit' is not supported: use fit step [values] \"0 1 2\" or squeeze".into(),
        "ncat" => format!(
            "{name} is not supported: arrange patterns with cat, slowcat, timeCat [(1, a), (2, b)] or randcat, or weigh them with wchoose"
        ),
        "euclidOffFull" => {
            "euclidOffFull is not supported: stack euclidOff n k r a with a rotated euclidInv n k b, or use euclidFull".into()
        }
        "whenT" | "Arc" | "zoomArc" => format!(
            "{name} is not supported: pick cycles with every, whenmod or while, and zoom with zoom (0.25, 0.75)"
        ),
        "fromMaybes" => "fromMaybes is not supported: write the gaps in mini-notation, as in n \"0 ~ 2\"".into(),
        "getScale" | "scaleTable" | "chordTable" => {
            format!("{name} is not supported: play a scale of your own with toScale [0, 2, 3, 5, 7, 8, 10] \"0 1 2\"")
        }
        "setF" | "setI" | "setS" | "setR" | "setB" | "cF" | "cI" | "cS" | "cR" | "cB" | "cF0" | "cI0" | "cS0" => {
            format!(
            "{name}: Tidal's control buses are not part of Phonon: automate a host macro with param 1 (0..1) instead"
        )
        }
        "ccv" | "ccn" | "midichan" | "midicmd" | "nrpn" | "progNum" | "midibend" | "miditouch" | "polyTouch" => {
            format!(
                "{name} is a MIDI control for SuperDirt's MIDI devices: Phonon sends notes to the DAW with # midiout 1"
            )
        }
        "startTidal" | "superDirtTarget" | "oTarget" | "oLatency" | "streamReplace" | "sendO" => {
            format!("{name} configures Tidal's OSC targets: Phonon plays inside the DAW, so leave it out")
        }
        "flip" | "elem" | "show" | "mod" | "div" | "ifp" => format!(
            "{name}: Haskell's tests of cycle numbers ((== 0) . (flip mod 2), elem) are not part of Phonon: pick cycles \
             with every 2, every' 4 1, whenmod 8 6 or a boolean pattern such as while \"<t f f t>\""
        ),
        "where" | "in" | "case" | "if" | "then" | "else" => {
            format!(
                "'{name}': Haskell's {name} is not part of Phonon; define values with let name = ... on their own line"
            )
        }
        _ => return None,
    })
}

/// Tidal's time shorthands: whole, half, quarter, eighth, sixteenth, third, fifth, sixth.
const TIME_UNITS: [(char, f64); 8] =
    [('w', 1.0), ('h', 0.5), ('q', 0.25), ('e', 0.125), ('s', 0.0625), ('t', 1.0 / 3.0), ('f', 0.2), ('x', 1.0 / 6.0)];

/// Tidal's time shorthands in a pattern of times: `off "e"` is `off 0.125`, `off "2f"` is
/// `off 0.4`.
pub(crate) fn time_words(p: crate::pattern::Pattern) -> crate::pattern::Pattern {
    use crate::pattern::{Sym, Value};
    // Interned here, off the audio thread: a query compares symbols, never their text.
    let mut words: Vec<(Sym, f64)> =
        TIME_UNITS.iter().map(|&(c, x)| (Sym::new(c.encode_utf8(&mut [0; 4])), x)).collect();
    // A number of units (`"2f"`, `"0.5s"`): those words are read from the pattern's first
    // cycles, here, for the same reason.
    for h in p.haps(crate::time::Rational::ZERO, crate::time::Rational::int(16)) {
        let Value::Sym(s) = h.value else { continue };
        let name = s.name();
        let Some(unit) = name.chars().last() else { continue };
        let Some(&(_, x)) = TIME_UNITS.iter().find(|(c, _)| *c == unit) else { continue };
        if let Ok(k) = name[..name.len() - unit.len_utf8()].parse::<f64>() {
            if k.is_finite() && !words.iter().any(|(w, _)| *w == s) {
                words.push((s, k * x));
            }
        }
    }
    crate::pattern::core::fmap(p, move |v| match &v {
        Value::Sym(s) => words.iter().find(|(w, _)| w == s).map(|&(_, x)| Value::Num(x)).unwrap_or(v),
        _ => v,
    })
}

/// Each cycle's number as one event a cycle: what Tidal's tests of the cycle number
/// (`when (> 3)`) are applied to.
pub(crate) fn cycle_numbers() -> crate::pattern::Pattern {
    use crate::pattern::{Hap, Pattern, Query, QueryBuf, Value};
    struct Cycles;
    impl Query for Cycles {
        fn query(&self, span: crate::time::Span, out: &mut QueryBuf) {
            crate::pattern::transform::per_cycle(span, out, |part, out| {
                let c = part.begin.floor();
                let whole = crate::time::Span::new(c, c + Rational::ONE);
                out.push(Hap::new(Some(whole), part, Value::Num(c.to_f64())));
            });
        }
    }
    Pattern::new(Cycles)
}

/// Events of a Tidal output whose controls hold a bare value, where a string met controls
/// (`"superpiano" + n "0 4"`, `note "c4" # "superpiano" + up "0 7"`): Tidal reads a bare string
/// among controls as sounds, so a word is the sound and a number `n`, unless the event has one.
pub(crate) fn bare_values_as_sounds(p: crate::pattern::Pattern) -> crate::pattern::Pattern {
    use crate::pattern::value::{sym, Atom};
    use crate::pattern::Value;
    crate::pattern::core::fmap(p, |v| match v {
        Value::Map(m) => match m.get(sym::VALUE) {
            Some(a) => {
                let key = if matches!(a, Atom::Num(_)) { sym::N } else { sym::S };
                let mut m = m;
                if m.get(key).is_none() {
                    m.remove(sym::VALUE);
                    m.set(key, a);
                }
                Value::Map(m)
            }
            None => Value::Map(m),
        },
        other => other,
    })
}

/// A pattern of plain values as sounds: a word is `s`, `bd:3` is `s` and `n`, a number is `n`.
pub(crate) fn as_sounds(p: crate::pattern::Pattern) -> crate::pattern::Pattern {
    use crate::pattern::value::{sym, Atom, Map};
    use crate::pattern::Value;
    crate::pattern::core::fmap(p, |v| match v {
        Value::Sym(s) => Value::Map(Map::single(sym::S, Atom::Sym(s))),
        Value::Num(x) => Value::Map(Map::single(sym::N, Atom::Num(x))),
        Value::List(l) => match l.items() {
            [Atom::Sym(s), Atom::Num(n)] => {
                Value::Map(Map::single(sym::S, Atom::Sym(*s)).union(&Map::single(sym::N, Atom::Num(*n))))
            }
            _ => Value::List(l),
        },
        other => other,
    })
}
