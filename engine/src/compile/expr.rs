//! Expressions -> values.

use super::value::{Func, Val, V};
use super::{combine, hash_of, Compiler};
use crate::graph::plan::{MakeNode, PlanInput};
use crate::lang::ast::{Arg, Arith, BinOp, Expr, ExprKind, Side, SrcSpan, Structure};
use crate::lang::Diagnostic;
use crate::meta::{self, Accepts, Channels, FnMeta, Imp, Kind, NodeConf, PatArg, PatFn};
use crate::nodes::{Math, MathOp, Negate};
use crate::pattern::ops::{self, ValueOp};
use crate::pattern::value::{sym, Atom, Map};
use crate::pattern::{core, mini, notes, Pattern, Sym, Value};
use crate::registry;
use crate::time::Rational;
use std::sync::Arc;

/// What the context of an expression wants, to decide names that are both an event control
/// and a processor (`delay`, `crush`, `shape`, `gain`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    None,
    /// Right of `#` on events.
    Control,
    /// Right of `#` on audio.
    Processor,
}

type R<T> = Result<T, Diagnostic>;

fn d(span: SrcSpan, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::new(span, msg)
}

pub(crate) fn missing_args_message(f: &Func) -> String {
    match f {
        Func::Partial { meta, slots, .. } => {
            let missing: Vec<&str> = meta
                .params
                .iter()
                .enumerate()
                .filter(|(i, p)| p.default.is_none() && slots.get(*i).is_none_or(|s| s.is_none()))
                .map(|(_, p)| p.name)
                .collect();
            if meta.kind == Kind::Processor && missing.is_empty() {
                format!("{} needs audio to process: write `... # {}` or `{} $ ...`", meta.name, meta.name, meta.name)
            } else if missing.is_empty() {
                format!("{} is missing an argument (it takes: {})", meta.name, meta.signature())
            } else {
                format!("{} is missing {} (it takes: {})", meta.name, missing.join(", "), meta.signature())
            }
        }
        Func::Section { op, .. } => format!("an operator section ({} ...) is a function, not a sound", op.text()),
        _ => "expected a sound or a pattern, found a function (missing an argument?)".into(),
    }
}

impl<'a> Compiler<'a> {
    /// A function where a value is needed. When a bus has the function's name, the bus is
    /// surely what was meant.
    pub(crate) fn unapplied(&self, f: &Func, span: SrcSpan) -> Diagnostic {
        let name = self.text(span);
        let bus =
            if self.defs.contains_key(name) { format!("; buses are written with '~': ~{name}") } else { String::new() };
        d(span, format!("{}{bus}", missing_args_message(f)))
    }

    fn child<T>(&mut self, k: u32, f: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(k);
        let r = f(self);
        self.path.pop();
        r
    }

    pub(crate) fn eval(&mut self, e: &Expr, hint: Hint) -> R<Val> {
        let span = e.span;
        match &e.kind {
            ExprKind::Num(x, exact) => Ok(Val::new(V::Num(*x, *exact), hash_of(("num", x.to_bits())), span)),
            ExprKind::Note(n, _) => {
                Ok(Val::new(V::Num(*n, Some(Rational::int(*n as i64))), hash_of(("num", n.to_bits())), span))
            }
            ExprKind::Str(s) => {
                let p = mini::parse(s).map_err(|m| {
                    let start = span.start + 1 + m.offset;
                    d(SrcSpan::new(start, start + m.len.max(1)), format!("in pattern: {}", m.message))
                })?;
                // The string's words are located within it; place them in the program.
                let p = crate::pattern::core::shift_locs(span.start as isize + 1, p);
                if self.in_pitch > 0 {
                    let p = crate::pattern::core::fmap(p, |v| match v {
                        Value::Sym(s) => s.pitch().map_or(Value::Sym(s), Value::Num),
                        v => v,
                    });
                    return Ok(Val::new(V::Pat(p, false), hash_of(("str", s, "pitch")), span));
                }
                Ok(Val::new(V::Pat(p, false), hash_of(("str", s)), span))
            }
            ExprKind::Bus(name) => self.bus(name, span),
            ExprKind::Ident(name) if name == "($)" => Ok(Val::new(V::Fun(Func::Apply), hash_of("($)"), span)),
            ExprKind::Ident(name) => {
                if let Some(v) = self.locals.last().and_then(|l| l.get(name.as_str())) {
                    return Ok(Val { span, ..v.clone() });
                }
                if let Some(i) = self.visible_let(name) {
                    return self.apply_let(i, &[], span, hint);
                }
                let m = self.resolve(name, span, hint, false)?;
                self.apply_meta(m, &[], span, hint)
            }
            ExprKind::Apply(f, args) => match &f.kind {
                ExprKind::Ident(name) if self.locals.last().is_none_or(|l| !l.contains_key(name.as_str())) => {
                    if let Some(i) = self.visible_let(name) {
                        return self.apply_let(i, args, span, hint);
                    }
                    let name = super::tidal::old_spelling(name, args).unwrap_or(name);
                    let m = self.resolve(name, f.span, hint, true)?;
                    self.apply_meta(m, args, span, hint)
                }
                ExprKind::Str(_) | ExprKind::Num(..) | ExprKind::Note(..) | ExprKind::Bus(_) => Err(d(
                    f.span,
                    format!(
                        "'{}' is not a function, but it is followed by arguments: did you forget '#' or '$'?",
                        self.text(f.span)
                    ),
                )),
                _ => {
                    let mut fv = self.child(0, |c| c.eval(f, hint))?;
                    for (k, a) in args.iter().enumerate() {
                        let Arg::Pos(ae) = a else {
                            let Arg::Key(name, ks, _) = a else { unreachable!() };
                            return Err(d(*ks, format!("keyword argument '{name}:' can only follow a function name")));
                        };
                        let av = self.child(k as u32 + 1, |c| c.eval(ae, Hint::None))?;
                        fv = self.apply_val(fv, av, span)?;
                    }
                    Ok(fv)
                }
            },
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, span, hint),
            ExprKind::Neg(x) => {
                let v = self.child(0, |c| c.eval(x, hint))?;
                self.negate(v, span)
            }
            ExprKind::Section(op, l, r) => {
                let h = hash_of(("section", op.text()));
                let left = match l {
                    Some(x) => Some(Box::new(self.child(0, |c| c.eval(x, Hint::None))?)),
                    None => None,
                };
                let right = match r {
                    Some(x) => {
                        // A section's operand combines with events (`(# gain 0.5)`, `(|* gain 0.8)`).
                        let hint = if matches!(op, BinOp::Hash | BinOp::Arith(..) | BinOp::Take(..)) {
                            Hint::Control
                        } else {
                            Hint::None
                        };
                        Some(Box::new(self.child(1, |c| c.eval(x, hint))?))
                    }
                    None => None,
                };
                let h = [&left, &right].iter().fold(h, |h, v| combine(h, v.as_ref().map(|v| v.h).unwrap_or(0)));
                Ok(Val::new(V::Fun(Func::Section { op: *op, left, right }), h, span))
            }
            ExprKind::Compose(parts) => {
                let mut vals = Vec::new();
                let mut h = hash_of("compose");
                for (k, p) in parts.iter().enumerate() {
                    let v = self.child(k as u32, |c| c.eval(p, hint))?;
                    if !matches!(v.v, V::Fun(_)) {
                        return Err(d(p.span, format!("'.' composes functions, but this is {}", v.describe())));
                    }
                    h = combine(h, v.h);
                    vals.push(v);
                }
                Ok(Val::new(V::Fun(Func::Compose(vals)), h, span))
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                let mut vals = Vec::new();
                let mut h = hash_of(if matches!(e.kind, ExprKind::Tuple(_)) { "tuple" } else { "list" });
                for (k, it) in items.iter().enumerate() {
                    let v = self.child(k as u32, |c| c.eval(it, hint))?;
                    h = combine(h, v.h);
                    vals.push(v);
                }
                Ok(Val::new(V::List(vals), h, span))
            }
            ExprKind::Dollar(f, x) => {
                // `f $ x` with `f` a let function: `x` is its next argument.
                let (head, given): (&Expr, &[Arg]) = match &f.kind {
                    ExprKind::Apply(h, args) => (h, args),
                    _ => (f, &[]),
                };
                if let ExprKind::Ident(name) = &head.kind {
                    if let Some(i) = self.visible_let(name) {
                        if self.let_arity(i) > given.len() && self.locals.last().is_none_or(|l| !l.contains_key(name)) {
                            let mut all = given.to_vec();
                            all.push(Arg::Pos((**x).clone()));
                            return self.apply_let(i, &all, span, hint);
                        }
                    }
                }
                let fv = self.child(0, |c| c.eval(f, hint))?;
                // Among events, a pattern function's pattern is controls (see apply_meta_args).
                let transforms = matches!(&fv.v, V::Fun(Func::Partial { meta, .. })
                    if matches!(meta.kind, Kind::Pattern | Kind::PatternSource));
                let x_hint = if hint == Hint::Control && transforms { Hint::Control } else { Hint::None };
                let xv = self.child(1, |c| c.eval(x, x_hint))?;
                self.apply_val(fv, xv, span)
            }
        }
    }

    /// The table entry a name means here.
    fn resolve(&mut self, name: &str, span: SrcSpan, hint: Hint, applied: bool) -> R<&'static FnMeta> {
        let entries = registry::lookup(name);
        if entries.is_empty() {
            if let Some(msg) = super::tidal::unsupported(name) {
                return Err(d(span, msg));
            }
            // A bus of that name is surely what was meant: no other suggestions then.
            let sugg = if self.defs.contains_key(name) { Vec::new() } else { registry::suggest(name, 3) };
            let tail = if sugg.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", sugg.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", "))
            };
            let bus = if self.defs.contains_key(name) {
                format!(" (buses are written with '~': ~{name})")
            } else if looks_like_note(name) {
                " (note names are a to g, then an optional # or b, then the octave: c4, a#3, eb2)".to_string()
            } else {
                String::new()
            };
            if hint == Hint::Control && sugg.is_empty() && bus.is_empty() {
                // `# theta 0.5`: a parameter of someone's own SuperDirt synth or effect.
                return Err(d(
                    span,
                    format!(
                        "unknown control '{name}': Phonon plays SuperDirt's synths and effects, whose controls \
                         `phonon docs` lists; a parameter of a synth or effect defined elsewhere has no sound here"
                    ),
                ));
            }
            return Err(d(span, format!("unknown function '{name}'{bus}{tail}")));
        }
        // Decided by use: bare `sine` is Tidal's continuous pattern, `sine 440` the oscillator.
        if entries.len() > 1 {
            let wave = entries.iter().find(|m| m.kind == Kind::PatternSource && m.params.is_empty());
            if let Some(w) = wave {
                if !applied {
                    return Ok(w);
                }
                if let Some(other) = entries.iter().find(|m| !m.params.is_empty()) {
                    return Ok(other);
                }
            }
        }
        let want_control = hint == Hint::Control;
        let pick = entries
            .iter()
            .find(|m| (m.kind == Kind::Control) == want_control)
            .or_else(|| if hint == Hint::Processor { entries.iter().find(|m| m.kind == Kind::Processor) } else { None })
            .or_else(|| entries.iter().find(|m| m.kind != Kind::Control))
            .unwrap_or(&entries[0]);
        Ok(pick)
    }

    /// Apply a function from the table to syntax arguments.
    fn apply_meta(&mut self, m: &'static FnMeta, args: &[Arg], span: SrcSpan, hint: Hint) -> R<Val> {
        // Tidal types the argument of `n` and `note` as notes: `n ("c e" + 12)` adds to 0 and
        // 4, where a plain string's note names stay words (Strudel's reading).
        let pitch = m.kind == Kind::Control
            && matches!(crate::controls::lookup(m.name), Some(crate::controls::Ctl::N | crate::controls::Ctl::Note));
        self.in_pitch += u32::from(pitch);
        let r = self.apply_meta_args(m, args, span, hint);
        self.in_pitch -= u32::from(pitch);
        r
    }

    fn apply_meta_args(&mut self, m: &'static FnMeta, args: &[Arg], span: SrcSpan, hint: Hint) -> R<Val> {
        // A pattern function among events (`# slow 8 (bpf (range 500 5000 sine))`) transforms
        // controls: a name that is both a processor and a control is the control there.
        let outer_control = hint == Hint::Control && matches!(m.kind, Kind::Pattern | Kind::PatternSource);
        let n = m.params.len();
        let processor = m.kind == Kind::Processor;
        let mut slots: Vec<Option<Val>> = vec![None; n + usize::from(processor)];
        let mut variadic: Vec<Val> = Vec::new();
        let mut h = hash_of(("fn", m.name, m.kind));
        // A tuple fills consecutive parameters: `within (0, 0.5) f` is `within 0 0.5 f`.
        let spread: Vec<Arg>;
        let args = if args.iter().any(|a| matches!(a, Arg::Pos(Expr { kind: ExprKind::Tuple(_), .. }))) {
            spread = args
                .iter()
                .flat_map(|a| match a {
                    Arg::Pos(Expr { kind: ExprKind::Tuple(items), .. }) => {
                        items.iter().cloned().map(Arg::Pos).collect()
                    }
                    other => vec![other.clone()],
                })
                .collect();
            &spread[..]
        } else {
            args
        };
        for (k, a) in args.iter().enumerate() {
            let path = k as u32 + 1;
            match a {
                Arg::Pos(e) => {
                    let idx = (0..n).find(|&i| slots[i].is_none());
                    let accepts = idx.map(|i| m.params[i].accepts).unwrap_or(Accepts::Value);
                    let control = idx.is_some_and(|i| matches!(m.params[i].name, "control" | "controls"))
                        || (outer_control && idx.is_some_and(|i| m.params[i].name == "pat"));
                    let hint = if accepts == Accepts::Function || control { Hint::Control } else { Hint::None };
                    let v = self.child(path, |c| c.eval(e, hint))?;
                    h = combine(h, v.h);
                    match idx {
                        Some(i) if !(m.variadic && i == n - 1) => slots[i] = Some(v),
                        Some(_) => variadic.push(v),
                        None if m.variadic => variadic.push(v),
                        None => {
                            return Err(d(
                                e.span,
                                format!("too many arguments: {} takes {} ({})", m.name, n, m.signature()),
                            ))
                        }
                    }
                }
                Arg::Key(name, kspan, e) => {
                    let Some(i) = m.param_index(name) else {
                        let names: Vec<String> = m.params.iter().map(|p| format!("{}:", p.name)).collect();
                        return Err(d(
                            *kspan,
                            if names.is_empty() {
                                format!("{} takes no keyword arguments", m.name)
                            } else {
                                format!("unknown keyword '{name}:' for {}; it takes {}", m.name, names.join(" "))
                            },
                        ));
                    };
                    if slots[i].is_some() {
                        return Err(d(*kspan, format!("{} is given twice", m.params[i].name)));
                    }
                    let hint = if m.params[i].accepts == Accepts::Function { Hint::Control } else { Hint::None };
                    let v = self.child(path, |c| c.eval(e, hint))?;
                    h = combine(combine(h, hash_of(name)), v.h);
                    slots[i] = Some(v);
                }
            }
        }
        if m.variadic && !variadic.is_empty() {
            let vs = std::mem::take(&mut variadic);
            let lh = vs.iter().fold(hash_of("list"), |h, v| combine(h, v.h));
            slots[n - 1] = Some(Val::new(V::List(vs), lh, span));
        }
        self.complete(m, slots, h, span)
    }

    /// Call the function if every required slot is filled, else keep it as a partial application.
    fn complete(&mut self, m: &'static FnMeta, slots: Vec<Option<Val>>, h: u64, span: SrcSpan) -> R<Val> {
        let n = m.params.len();
        let params_done = m.params.iter().enumerate().all(|(i, p)| p.default.is_some() || slots[i].is_some());
        let input_done = m.kind != Kind::Processor || slots[n].is_some();
        if params_done && input_done {
            self.finish(m, slots, h, span)
        } else {
            let path = self.path.clone();
            Ok(Val::new(V::Fun(Func::Partial { meta: m, slots, path }), h, span))
        }
    }

    /// Apply a function value to one more argument.
    pub(crate) fn apply_val(&mut self, f: Val, arg: Val, span: SrcSpan) -> R<Val> {
        let h = combine(f.h, arg.h);
        match f.v {
            V::Fun(Func::Partial { meta: m, mut slots, path }) => {
                let n = m.params.len();
                let required = (0..n).find(|&i| slots[i].is_none() && m.params[i].default.is_none());
                let idx = required
                    .or(if m.kind == Kind::Processor && slots[n].is_none() { Some(n) } else { None })
                    .or_else(|| (0..n).find(|&i| slots[i].is_none()));
                let Some(i) = idx else {
                    return Err(d(arg.span, format!("too many arguments for {} ({})", m.name, m.signature())));
                };
                slots[i] = Some(arg);
                let saved = std::mem::replace(&mut self.path, path);
                let r = self.complete(m, slots, h, span);
                self.path = saved;
                r
            }
            V::Fun(Func::Section { op, left, right }) => {
                let (l, r) = match (left, right) {
                    (None, Some(r)) => (arg, *r),
                    (Some(l), None) => (*l, arg),
                    _ => return Err(d(span, "an operator alone in parentheses, such as (+), is a function of two patterns, which only snowball takes: combine the patterns with the operator itself (a + b) or use a section such as (+ 12)")),
                };
                self.binary_vals(op, l, r, span)
            }
            V::Fun(Func::Apply) => Ok(arg),
            V::Fun(Func::Compose(fs)) => {
                let mut acc = arg;
                for f in fs.into_iter().rev() {
                    acc = self.apply_val(f, acc, span)?;
                }
                Ok(acc)
            }
            _ => {
                let text = self.text(f.span);
                let wave = if super::tidal::WAVES.contains(&text) {
                    format!(" (bare '{text}' is Tidal's continuous pattern, 0..1 once per cycle; the oscillator takes its frequency directly: {text} 440)")
                } else {
                    String::new()
                };
                Err(d(
                    f.span,
                    format!("{} is not a function: '{text}' cannot be applied to an argument{wave}", f.describe()),
                ))
            }
        }
    }

    /// Run a function whose slots are filled.
    fn finish(&mut self, m: &'static FnMeta, slots: Vec<Option<Val>>, h: u64, span: SrcSpan) -> R<Val> {
        // A name that is both a pattern function and a signal utility (`range`): signals
        // among the arguments choose the utility.
        if matches!(m.imp, Imp::Pattern(_)) && slots.iter().flatten().any(|v| matches!(v.v, V::Sig { pat: None, .. })) {
            let alt = registry::lookup(m.name).iter().find(|a| {
                matches!(a.imp, Imp::Node { .. })
                    && a.params.len() + usize::from(a.kind == Kind::Processor) == slots.len()
            });
            if let Some(alt) = alt {
                return self.finish(alt, slots, h, span);
            }
        }
        match m.imp {
            Imp::Pattern(imp) => {
                let mut args = Vec::with_capacity(m.params.len());
                let mut ctl = false;
                for (i, p) in m.params.iter().enumerate() {
                    let a = match &slots[i] {
                        Some(v) => {
                            let mut a = self.pat_arg(v, p.accepts, p.name, m.name)?;
                            if let PatArg::Pat(tp) = &a {
                                if matches!(p.name, "time" | "amount" | "offset") {
                                    a = PatArg::Pat(super::tidal::time_words(tp.clone()));
                                }
                            }
                            if let PatArg::Pat(_) = a {
                                if let V::Pat(_, true) = v.v {
                                    ctl = true;
                                }
                            }
                            if let V::List(items) = &v.v {
                                ctl |= items.iter().any(carries_events);
                            }
                            a
                        }
                        None => PatArg::Pat(core::pure(Value::Num(p.default.unwrap_or(0.0)))),
                    };
                    args.push(a);
                }
                let p = imp(&args).map_err(|msg| d(span, format!("{}: {msg}", m.name)))?;
                // Host patterns (`midi`) carry events to play.
                let ctl = ctl || m.kind == Kind::Host;
                Ok(Val::new(V::Pat(p, ctl), h, span))
            }
            Imp::Control => {
                let v = slots[0].as_ref().ok_or_else(|| d(span, format!("{} needs a value", m.name)))?;
                let key = Sym::new(m.name);
                let (p, _) = self.as_pattern(v)?;
                Ok(Val::new(V::Pat(control_pattern(key, p), true), h, span))
            }
            Imp::Special => self.special(m, slots, h, span),
            Imp::Node { make, channels, cost } => {
                let mut inputs = Vec::with_capacity(m.params.len() + 1);
                let mut consts = Vec::with_capacity(m.params.len() + 1);
                let mut stereo_in = false;
                if m.kind == Kind::Processor {
                    let Some(a) = slots.last().cloned().flatten() else {
                        return Err(d(span, format!("{} needs audio to process", m.name)));
                    };
                    let node = self.child(0, |c| c.to_audio(&a))?;
                    stereo_in = self.node_stereo(node);
                    inputs.push(PlanInput::Node(node));
                    consts.push(None);
                }
                let mut patterns = Vec::new();
                for (i, p) in m.params.iter().enumerate() {
                    if p.accepts == Accepts::Pattern {
                        // Pattern parameters (the triggers of `env`, ...) configure the node.
                        let pat = match &slots[i] {
                            Some(v) => self.as_pattern(v)?.0,
                            None => core::pure(Value::Num(p.default.unwrap_or(0.0))),
                        };
                        patterns.push(pat);
                        continue;
                    }
                    let (inp, c) = match &slots[i] {
                        Some(v) => {
                            let inp = self.child(i as u32 + 1, |c| c.as_input(v, p, m.name))?;
                            let c = match inp {
                                PlanInput::Const(x) => Some(x as f64),
                                _ => None,
                            };
                            (inp, c)
                        }
                        None => {
                            let x = p.default.unwrap_or(0.0);
                            (PlanInput::Const(x as f32), Some(x))
                        }
                    };
                    inputs.push(inp);
                    consts.push(c);
                }
                if m.kind == Kind::Utility {
                    if let Some(PlanInput::Node(nd)) = inputs.last() {
                        stereo_in |= self.node_stereo(*nd);
                    }
                }
                let stereo = match channels {
                    Channels::Mono => false,
                    Channels::Stereo => true,
                    Channels::FollowInput => stereo_in,
                };
                let onset = match (m.kind, consts.first()) {
                    (Kind::Source, Some(Some(f))) => super::onset::oscillator(m.name, *f, self.cps()),
                    _ => None,
                };
                let conf = NodeConf { consts, patterns, arity: inputs.len() };
                let mk: MakeNode = Arc::new(move |env| make(&conf, env));
                let node = self.add_node(m.name, inputs, stereo, mk, h, cost).map_err(|msg| d(span, msg))?;
                Ok(Val::new(V::Sig { node, pat: None, onset }, h, span))
            }
        }
    }

    fn special(&mut self, m: &'static FnMeta, slots: Vec<Option<Val>>, h: u64, span: SrcSpan) -> R<Val> {
        match m.name {
            "s" => {
                let v = slots[0].as_ref().ok_or_else(|| d(span, "s needs sample names"))?;
                self.check_sound_names(v)?;
                let numbered = self.numbered_sounds(v);
                let (p, _) = self.as_pattern(v)?;
                Ok(Val::new(V::Pat(sound_pattern(p, numbered), true), h, span))
            }
            "param" => {
                let k = match slots[0].as_ref().map(|v| &v.v) {
                    Some(V::Num(x, _)) if x.fract() == 0.0 && (1.0..=8.0).contains(x) => *x as usize,
                    _ => {
                        let at = slots[0].as_ref().map(|v| v.span).unwrap_or(span);
                        return Err(d(at, "param takes a constant macro number from 1 to 8, e.g. param 1"));
                    }
                };
                let make: MakeNode =
                    Arc::new(move |env| Box::new(crate::nodes::host::Macro::new(k - 1, env.sample_rate)));
                let node = self.add_node("param", vec![], false, make, h, 1).map_err(|m| d(span, m))?;
                Ok(Val::new(V::Sig { node, pat: None, onset: None }, h, span))
            }
            "spread" | "fastspread" | "spreadChoose" => self.spread(m.name, slots, h, span),
            "spreadf" => {
                let apply = Val::new(V::Fun(Func::Apply), hash_of("($)"), span);
                self.spread("spread", std::iter::once(Some(apply)).chain(slots).collect(), h, span)
            }
            "spread'" => {
                let [Some(f), Some(vs), Some(p)] = <[Option<Val>; 3]>::try_from(slots).unwrap_or([None, None, None])
                else {
                    return Err(d(span, "spread' takes a function, a pattern of values and a pattern"));
                };
                let g = self.apply_val(f, vs, span)?;
                self.apply_val(g, p, span)
            }
            "negate" => {
                let v =
                    slots.into_iter().next().flatten().ok_or_else(|| d(span, "negate takes a number or a pattern"))?;
                self.negate(v, span)
            }
            "step" | "step'" | "steps" => self.step(m.name, slots, span),
            "snowball" => self.snowball(slots, h, span),
            other => Err(d(span, format!("{other} is not available in this build"))),
        }
    }

    /// `spread f [a, b] pat`: `f a pat` in one cycle, `f b pat` in the next (`fastspread`:
    /// all within each cycle).
    fn spread(&mut self, how: &str, slots: Vec<Option<Val>>, h: u64, span: SrcSpan) -> R<Val> {
        let [Some(f), Some(list), Some(p)] = <[Option<Val>; 3]>::try_from(slots).unwrap_or([None, None, None]) else {
            return Err(d(span, "spread takes a function, a list and a pattern"));
        };
        let V::List(items) = &list.v else {
            return Err(d(list.span, format!("spread takes a list such as [1, 2], found {}", list.describe())));
        };
        let mut pats = Vec::new();
        let mut ctl = false;
        for it in items {
            let g = self.apply_val(f.clone(), it.clone(), it.span)?;
            let r = self.apply_val(g, p.clone(), span)?;
            let (pat, c) = self.as_pattern(&r)?;
            ctl |= c;
            pats.push(pat);
        }
        let pat = match how {
            "fastspread" => core::fastcat(pats),
            "spreadChoose" => crate::pattern::library::random::choose_cycles(pats),
            _ => core::slowcat(pats),
        };
        Ok(Val::new(V::Pat(pat, ctl), h, span))
    }

    /// `spread f [a, b]` left waiting for its pattern, as in `whenmod 10 6 (spread chop [8, 16])`.
    fn spread_fn(&mut self, how: &'static str, f: &Val, list: &Val) -> R<PatFn> {
        let V::List(items) = &list.v else {
            return Err(d(list.span, format!("spread takes a list such as [1, 2], found {}", list.describe())));
        };
        let mut fns = Vec::new();
        for it in items {
            let g = self.apply_val(f.clone(), it.clone(), it.span)?;
            fns.push(self.as_patfn(&g)?);
        }
        Ok(Arc::new(move |p| {
            let pats = fns.iter().map(|g| g(p.clone())).collect::<Result<Vec<_>, _>>()?;
            Ok(match how {
                "fastspread" => core::fastcat(pats),
                "spreadChoose" => crate::pattern::library::random::choose_cycles(pats),
                _ => core::slowcat(pats),
            })
        }))
    }

    /// Tidal's `snowball depth combine f pat`: `pat`, then `combine` of that and `f pat`, then
    /// of that and `f (f pat)`, ..., `depth` of them one cycle each.
    fn snowball(&mut self, slots: Vec<Option<Val>>, h: u64, span: SrcSpan) -> R<Val> {
        let [Some(depth), Some(comb), Some(f), Some(p)] =
            <[Option<Val>; 4]>::try_from(slots).unwrap_or([None, None, None, None])
        else {
            return Err(d(span, "snowball takes a depth, a function of two patterns, a function and a pattern"));
        };
        let n = match depth.v {
            V::Num(x, _) if x.fract() == 0.0 && (1.0..=64.0).contains(&x) => x as usize,
            _ => return Err(d(depth.span, "snowball's depth is a whole number from 1 to 64")),
        };
        let mut layers = Vec::with_capacity(n);
        let mut ctl = false;
        let (mut acc, mut cur) = (p.clone(), p);
        for k in 0..n {
            if k > 0 {
                cur = self.apply_val(f.clone(), cur, span)?;
                acc = match &comb.v {
                    V::Fun(Func::Section { op, left: None, right: None }) => {
                        let (a, ac) = self.as_pattern(&acc)?;
                        let (b, bc) = self.as_pattern(&cur)?;
                        let r = pattern_binary(*op, a, b).map_err(|m| d(comb.span, m))?;
                        Val::new(V::Pat(r, ac || bc), combine(h, k as u64), span)
                    }
                    _ => {
                        let g = self.apply_val(comb.clone(), acc, span)?;
                        self.apply_val(g, cur.clone(), span)?
                    }
                };
            }
            let (pat, c) = self.as_pattern(&acc)?;
            ctl |= c;
            layers.push(pat);
        }
        Ok(Val::new(V::Pat(core::slowcat(layers), ctl), h, span))
    }

    /// The numbers of a sound string that name sample folders (`s "909"`), with the folder's
    /// name interned here, off the audio thread.
    fn numbered_sounds(&mut self, v: &Val) -> Vec<(f64, crate::pattern::Sym)> {
        let text = self.text(v.span);
        if !(text.starts_with('"') && text.ends_with('"') && text.len() >= 2) {
            return Vec::new();
        }
        let mut out: Vec<(f64, crate::pattern::Sym)> = Vec::new();
        for (_, _, word) in mini::atoms(&text[1..text.len() - 1]) {
            let name = word.split(':').next().unwrap_or("");
            let Ok(x) = name.parse::<f64>() else { continue };
            if !out.iter().any(|(k, _)| *k == x) && self.env().bank.prepare(name) {
                out.push((x, crate::pattern::Sym::new(name)));
            }
        }
        out
    }

    /// Unknown sample names are compile errors, pointing into the string.
    fn check_sound_names(&mut self, v: &Val) -> R<()> {
        let text = self.text(v.span);
        if !(text.starts_with('"') && text.ends_with('"') && text.len() >= 2) {
            return Ok(());
        }
        let inner = &text[1..text.len() - 1];
        let base = v.span.start + 1;
        for (off, len, word) in mini::atoms(inner) {
            let name = word.split(':').next().unwrap_or("");
            if name.is_empty() || name == "~" || name.parse::<f64>().is_ok() {
                continue;
            }
            if name == "midi" && !self.env().bank.prepare(name) {
                return Err(d(
                    SrcSpan::new(base + off, base + off + len),
                    "s \"midi\" is SuperDirt's MIDI target: Phonon sends the notes to the DAW with # midiout 1 instead",
                ));
            }
            // Preparing decodes a lazily loaded folder's files now, before any voice plays them.
            if !self.env().bank.prepare(name) {
                let mut cands: Vec<&str> = self.env().bank.sound_names();
                cands.sort_by_key(|c| registry::edit_distance(c, name));
                let close: Vec<String> = cands
                    .iter()
                    .filter(|c| registry::edit_distance(c, name) <= 2)
                    .take(3)
                    .map(|c| format!("'{c}'"))
                    .collect();
                let tail = if close.is_empty() {
                    " (add a sample folder of that name, or use a built-in sound)".to_string()
                } else {
                    format!("; did you mean {}?", close.join(", "))
                };
                return Err(d(SrcSpan::new(base + off, base + off + len), format!("unknown sound '{name}'{tail}")));
            }
        }
        Ok(())
    }

    /// A value as a pattern argument.
    fn pat_arg(&mut self, v: &Val, accepts: Accepts, pname: &str, fname: &str) -> R<PatArg> {
        match accepts {
            Accepts::Function => Ok(PatArg::Fun(self.as_patfn(v)?)),
            Accepts::List => match &v.v {
                V::List(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for it in items {
                        out.push(match &it.v {
                            V::Fun(_) => PatArg::Fun(self.as_patfn(it)?),
                            // Tuples in a list (`timeCat [(1, a), (2, b)]`) stay lists.
                            V::List(_) => self.pat_arg(it, Accepts::List, pname, fname)?,
                            _ => PatArg::Pat(self.as_pattern(it)?.0),
                        });
                    }
                    Ok(PatArg::List(out))
                }
                _ => Err(d(v.span, format!("{fname}: {pname} must be a list such as [a, b], found {}", v.describe()))),
            },
            _ => match &v.v {
                // Tidal's tests of the cycle number (`when (> 3) (fast 2)`): the test applied to
                // each cycle's number gives the boolean pattern.
                V::Fun(Func::Section { op: BinOp::Num(_), .. }) => {
                    let test = self.as_patfn(v)?;
                    Ok(PatArg::Pat(test(super::tidal::cycle_numbers()).map_err(|m| d(v.span, m))?))
                }
                V::Fun(_) => Err(d(v.span, format!("{fname}: {pname} must be a pattern, found a function"))),
                _ => Ok(PatArg::Pat(self.as_pattern(v)?.0)),
            },
        }
    }

    /// A value where a pattern is needed. Returns the pattern and whether it carries events.
    pub(crate) fn as_pattern(&mut self, v: &Val) -> R<(Pattern, bool)> {
        match &v.v {
            V::Num(x, _) => Ok((core::pure(Value::Num(*x)), false)),
            V::Pat(p, ctl) => Ok((p.clone(), *ctl)),
            V::Sig { pat: Some((p, ctl)), .. } => Ok((p.clone(), *ctl)),
            V::Sig { onset: Some(p), .. } => Ok((p.clone(), false)),
            V::Sig { .. } => Err(d(
                v.span,
                format!(
                    "'{}' is audio, but a pattern is needed here (a string like \"1 2\", a pattern function, or a \
                     continuous pattern: sine, saw, tri, square, rand, perlin without a frequency run 0..1 once per cycle)",
                    self.text(v.span)
                ),
            )),
            V::Fun(f) => Err(self.unapplied(f, v.span)),
            V::List(items) => {
                let mut pats = Vec::new();
                let mut ctl = false;
                for it in items {
                    let (p, c) = self.as_pattern(it)?;
                    ctl |= c;
                    pats.push(p);
                }
                Ok((core::stack(pats), ctl))
            }
        }
    }

    /// A function value as a pattern transformation (for `every`, `jux`, `off`...).
    fn as_patfn(&mut self, v: &Val) -> R<PatFn> {
        let V::Fun(f) = &v.v else {
            return Err(d(
                v.span,
                format!("expected a function such as (fast 2) or (# speed 2), found {}", v.describe()),
            ));
        };
        match f {
            Func::Compose(fs) => {
                let mut fns = Vec::new();
                for f in fs {
                    fns.push(self.as_patfn(f)?);
                }
                Ok(Arc::new(move |p| {
                    let mut acc = p;
                    for f in fns.iter().rev() {
                        acc = f(acc)?;
                    }
                    Ok(acc)
                }))
            }
            Func::Apply => Err(d(v.span, "($) needs a function to apply, as in spread ($) [fast 2, rev]")),
            Func::Section { op, left, right } => {
                let op = *op;
                match (left, right) {
                    (None, Some(r)) => {
                        let (rp, _) = self.as_pattern(r)?;
                        let span = v.span;
                        Ok(Arc::new(move |p| {
                            pattern_binary(op, p, rp.clone()).map_err(|m| format!("{m} at {}", span.start))
                        }))
                    }
                    (Some(l), None) => {
                        let (lp, _) = self.as_pattern(l)?;
                        Ok(Arc::new(move |p| pattern_binary(op, lp.clone(), p)))
                    }
                    _ => Err(d(v.span, "an operator alone in parentheses, such as (+), is a function of two patterns, which only snowball takes: combine the patterns with the operator itself (a + b) or use a section such as (+ 12)")),
                }
            }
            Func::Partial { meta: m, slots, .. } => {
                if let (Imp::Special, [Some(f), Some(list), None]) = (&m.imp, &slots[..]) {
                    if matches!(m.name, "spread" | "fastspread" | "spreadChoose") {
                        return self.spread_fn(m.name, f, list);
                    }
                }
                // `spread' f vs` waiting for its pattern is `f vs`.
                if let (Imp::Special, "spread'", [Some(f), Some(vs), None]) = (&m.imp, m.name, &slots[..]) {
                    let g = self.apply_val(f.clone(), vs.clone(), v.span)?;
                    return self.as_patfn(&g);
                }
                if let (Imp::Special, "spreadf", [Some(list), None]) = (&m.imp, m.name, &slots[..]) {
                    let apply = Val::new(V::Fun(Func::Apply), hash_of("($)"), list.span);
                    return self.spread_fn("spread", &apply, list);
                }
                let Imp::Pattern(imp) = m.imp else {
                    let what = match m.kind {
                        Kind::Processor => "a processor",
                        Kind::Control => "an event control",
                        _ => "not a pattern function",
                    };
                    return Err(d(
                        v.span,
                        format!(
                            "{} is {what}; a pattern function is needed here (for controls write (# {} ...))",
                            m.name, m.name
                        ),
                    ));
                };
                let missing: Vec<usize> =
                    (0..m.params.len()).filter(|&i| slots[i].is_none() && m.params[i].default.is_none()).collect();
                if missing.len() != 1 {
                    return Err(d(
                        v.span,
                        format!("{} needs more arguments here (it takes: {})", m.name, m.signature()),
                    ));
                }
                let hole = missing[0];
                let mut args: Vec<Option<PatArg>> = Vec::new();
                for (i, p) in m.params.iter().enumerate() {
                    args.push(match &slots[i] {
                        Some(sv) => Some(self.pat_arg(sv, p.accepts, p.name, m.name)?),
                        None if i == hole => None,
                        None => Some(PatArg::Pat(core::pure(Value::Num(p.default.unwrap_or(0.0))))),
                    });
                }
                let name = m.name;
                Ok(Arc::new(move |p| {
                    let full: Vec<PatArg> =
                        args.iter().map(|a| a.clone().unwrap_or_else(|| PatArg::Pat(p.clone()))).collect();
                    imp(&full).map_err(|e| format!("{name}: {e}"))
                }))
            }
        }
    }

    /// A value as a node input for parameter `p` of function `fname`.
    fn as_input(&mut self, v: &Val, p: &meta::Param, fname: &str) -> R<PlanInput> {
        match &v.v {
            V::Num(x, _) => Ok(PlanInput::Const(*x as f32)),
            V::Sig { node, .. } => Ok(PlanInput::Node(*node)),
            // A parameter takes the pattern's values (for events: their pitch or value), held.
            V::Pat(pat, _) => Ok(PlanInput::Node(self.stepped(&pat.clone(), Some(p), v.h, v.span)?)),
            V::Fun(f) => {
                Err(d(v.span, format!("{fname}: {} must be a value, but {}", p.name, missing_args_message(f))))
            }
            V::List(_) => Err(d(v.span, format!("{fname}: {} must be a value, found a list", p.name))),
        }
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr, span: SrcSpan, hint: Hint) -> R<Val> {
        // Right of `#`, `gain 0.8 + up "0 7"` combines two controls, as in Tidal.
        let left_hint = if hint == Hint::Control { Hint::Control } else { Hint::None };
        let mut lv = self.child(0, |c| c.eval(l, left_hint))?;
        // `pan "0 1" # sound "bd"`: a control on the left of `#` is one, not a processor
        // waiting for its audio.
        if op == BinOp::Hash && left_hint != Hint::Control && matches!(lv.v, V::Fun(_)) {
            if let Ok(v) = self.child(0, |c| c.eval(l, Hint::Control)) {
                if matches!(v.v, V::Pat(..)) {
                    lv = v;
                }
            }
        }
        if op == BinOp::Hash {
            let events = matches!(lv.v, V::Pat(..));
            let rv = self.child(1, |c| c.eval(r, if events { Hint::Control } else { Hint::Processor }))?;
            return self.binary_vals(op, lv, rv, span);
        }
        // Arithmetic on events takes a control on its right: `n "0" |* gain 0.8`.
        let hint =
            if matches!(lv.v, V::Pat(..)) && matches!(op, BinOp::Arith(..)) { Hint::Control } else { Hint::None };
        let rv = self.child(1, |c| c.eval(r, hint))?;
        self.binary_vals(op, lv, rv, span)
    }

    fn binary_vals(&mut self, op: BinOp, lv: Val, rv: Val, span: SrcSpan) -> R<Val> {
        let h = combine(combine(hash_of(("op", op.text())), lv.h), rv.h);
        match op {
            BinOp::Hash => match (&lv.v, &rv.v) {
                (V::Pat(..) | V::Num(..), V::Pat(..) | V::Num(..)) if matches!(lv.v, V::Pat(..)) => {
                    let (lp, lc) = self.as_pattern(&lv)?;
                    let (rp, rc) = self.as_pattern(&rv)?;
                    Ok(Val::new(V::Pat(ops::set(lp, rp), lc || rc), h, span))
                }
                (_, V::Fun(_)) => self.apply_val(rv, lv, span),
                (V::Pat(..), V::Sig { onset: Some(p), .. }) => {
                    let (lp, lc) = self.as_pattern(&lv)?;
                    Ok(Val::new(V::Pat(ops::set(lp, p.clone()), lc), h, span))
                }
                (V::Pat(..), V::Sig { .. }) => Err(d(
                    rv.span,
                    "an event control takes a pattern here; to modulate a sound with a signal, apply a processor to the sound",
                )),
                (V::Sig { .. } | V::Num(..), _) => Err(d(
                    rv.span,
                    format!(
                        "'#' on audio needs a processor on its right (lpf, reverb, delay, ...); '{}' is {}",
                        self.text(rv.span),
                        rv.describe()
                    ),
                )),
                _ => Err(d(span, format!("'#' cannot combine {} with {}", lv.describe(), rv.describe()))),
            },
            BinOp::Arith(a, s) => {
                if let (V::Num(x, ex), V::Num(y, ey)) = (&lv.v, &rv.v) {
                    return Ok(Val::new(fold(a, *x, *ex, *y, *ey), h, span));
                }
                let sig = matches!(lv.v, V::Sig { .. }) || matches!(rv.v, V::Sig { .. });
                if sig {
                    let mop = match a {
                        Arith::Add => MathOp::Add,
                        Arith::Sub => MathOp::Sub,
                        Arith::Mul => MathOp::Mul,
                        Arith::Div => MathOp::Div,
                        Arith::Mod => MathOp::Mod,
                    };
                    return self.math(mop, &lv, &rv, h, span);
                }
                let (lp, lc) = self.as_pattern(&lv)?;
                let (rp, rc) = self.as_pattern(&rv)?;
                let p = pattern_binary(BinOp::Arith(a, s), lp, rp).map_err(|m| d(span, m))?;
                Ok(Val::new(V::Pat(p, lc || rc), h, span))
            }
            BinOp::Num(n) => {
                if let (V::Num(x, _), V::Num(y, _)) = (&lv.v, &rv.v) {
                    return Ok(Val::new(V::Num(n.apply(*x, *y), None), h, span));
                }
                let (lp, lc) = self.as_pattern(&lv)?;
                let (rp, rc) = self.as_pattern(&rv)?;
                let p = pattern_binary(op, lp, rp).map_err(|m| d(span, m))?;
                Ok(Val::new(V::Pat(p, lc || rc), h, span))
            }
            BinOp::Take(..) | BinOp::ShiftLeft | BinOp::ShiftRight => {
                let (lp, lc) = self.as_pattern(&lv)?;
                let (rp, rc) = self.as_pattern(&rv)?;
                let p = pattern_binary(op, lp, rp).map_err(|m| d(span, m))?;
                let ctl = match op {
                    BinOp::ShiftLeft | BinOp::ShiftRight => rc,
                    _ => lc || rc,
                };
                Ok(Val::new(V::Pat(p, ctl), h, span))
            }
        }
    }

    fn math(&mut self, op: MathOp, lv: &Val, rv: &Val, h: u64, span: SrcSpan) -> R<Val> {
        let onset = match (onset_of(lv), onset_of(rv)) {
            (Some(a), Some(b)) => super::onset::math(op, a, b),
            _ => None,
        };
        let a = self.child(0, |c| c.signal_input(lv))?;
        let b = self.child(1, |c| c.signal_input(rv))?;
        let stereo = [a, b].iter().any(|i| matches!(i, PlanInput::Node(n) if self.node_stereo(*n)));
        let node = self
            .add_node(op.label(), vec![a, b], stereo, Arc::new(move |_| Box::new(Math::new(op))), h, 1)
            .map_err(|m| d(span, m))?;
        Ok(Val::new(V::Sig { node, pat: None, onset }, h, span))
    }

    fn signal_input(&mut self, v: &Val) -> R<PlanInput> {
        match &v.v {
            V::Num(x, _) => Ok(PlanInput::Const(*x as f32)),
            _ => Ok(PlanInput::Node(self.to_audio(v)?)),
        }
    }

    fn negate(&mut self, v: Val, span: SrcSpan) -> R<Val> {
        let h = combine(hash_of("neg"), v.h);
        match &v.v {
            V::Num(x, e) => Ok(Val::new(V::Num(-x, e.map(|r| -r)), h, span)),
            V::Pat(p, ctl) => {
                let p = core::fmap(p.clone(), |x| match x {
                    Value::Num(n) => Value::Num(-n),
                    other => other,
                });
                Ok(Val::new(V::Pat(p, *ctl), h, span))
            }
            V::Sig { onset, .. } => {
                let onset = onset.clone().map(super::onset::negate);
                let a = self.to_audio(&v)?;
                let stereo = self.node_stereo(a);
                let node = self
                    .add_node("neg", vec![PlanInput::Node(a)], stereo, Arc::new(|_| Box::new(Negate)), h, 1)
                    .map_err(|m| d(span, m))?;
                Ok(Val::new(V::Sig { node, pat: None, onset }, h, span))
            }
            _ => Err(d(span, format!("cannot negate {}", v.describe()))),
        }
    }
}

/// Whether a list item (or a tuple in it) is a pattern of events.
fn carries_events(v: &Val) -> bool {
    match &v.v {
        V::Pat(_, ctl) => *ctl,
        V::List(items) => items.iter().any(carries_events),
        _ => false,
    }
}

/// A value's continuous pattern, for arithmetic that keeps one.
fn onset_of(v: &Val) -> Option<Pattern> {
    match &v.v {
        V::Num(x, _) => Some(super::onset::constant(*x)),
        V::Sig { onset, .. } => onset.clone(),
        _ => None,
    }
}

/// `h4`, `x#2`: written like a note name but not one.
fn looks_like_note(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2 && b.len() <= 4 && b[0].is_ascii_lowercase() && b[b.len() - 1].is_ascii_digit()
}

fn fold(a: Arith, x: f64, ex: Option<Rational>, y: f64, ey: Option<Rational>) -> V {
    let exact = match (ex, ey) {
        (Some(p), Some(q)) => match a {
            Arith::Add => Some(p + q),
            Arith::Sub => Some(p - q),
            Arith::Mul => Some(p * q),
            // Between two numbers `%` is Haskell's ratio, as Tidal code writes times: (1%8).
            Arith::Div | Arith::Mod => p.checked_div(q),
        },
        _ => None,
    };
    let f = match a {
        Arith::Add => x + y,
        Arith::Sub => x - y,
        Arith::Mul => x * y,
        Arith::Div => {
            if y == 0.0 {
                0.0
            } else {
                x / y
            }
        }
        Arith::Mod => {
            if y == 0.0 {
                0.0
            } else {
                x / y
            }
        }
    };
    V::Num(exact.map(|r| r.to_f64()).unwrap_or(f), exact)
}

/// A binary operator between two patterns.
pub(crate) fn pattern_binary(op: BinOp, l: Pattern, r: Pattern) -> Result<Pattern, String> {
    let vop = |a: Arith| match a {
        Arith::Add => ValueOp::Add,
        Arith::Sub => ValueOp::Sub,
        Arith::Mul => ValueOp::Mul,
        Arith::Div => ValueOp::Div,
        Arith::Mod => ValueOp::Mod,
    };
    // `+` and `|+|` take structure from both sides, `|+` from the left, `+|` from the right,
    // `||+` squeezes the right side into each event of the left.
    let from = |s: Structure| match s {
        Structure::Both => ops::From::Both,
        Structure::Left => ops::From::Left,
        Structure::Right => ops::From::Right,
        Structure::Squeeze => ops::From::Squeeze,
    };
    match op {
        BinOp::Hash => Ok(ops::set(l, r)),
        BinOp::Arith(a, s) => Ok(ops::app(vop(a), from(s), l, r)),
        BinOp::Take(side, s) => {
            let v = if side == Side::Left { ValueOp::KeepLeft } else { ValueOp::KeepRight };
            Ok(ops::app(v, from(s), l, r))
        }
        BinOp::Num(n) => {
            // A section of a number: the other side is the pattern the function is given.
            let (k, x, number_left) = match (r.constant(), l.constant()) {
                (Some(c), _) => (c.value.as_num(), l, false),
                (None, Some(c)) => (c.value.as_num(), r, true),
                _ => (None, l, false),
            };
            let k = k.ok_or_else(|| format!("({} x) takes a number, as in (>= 0) or (1.06 **)", n.text()))?;
            Ok(core::fmap(x, move |v| match v.as_num() {
                Some(x) => Value::Num(if number_left { n.apply(k, x) } else { n.apply(x, k) }),
                None => v,
            }))
        }
        BinOp::ShiftLeft | BinOp::ShiftRight => {
            let name = if op == BinOp::ShiftLeft { "early" } else { "late" };
            let m = registry::lookup(name).iter().find(|m| matches!(m.imp, Imp::Pattern(_)));
            match m.map(|m| m.imp) {
                Some(Imp::Pattern(imp)) => imp(&[PatArg::Pat(super::tidal::time_words(l)), PatArg::Pat(r)]),
                _ => Err(format!("{} needs the pattern function {name}", op.text())),
            }
        }
    }
}

/// `name pat`: every value becomes `{name: value}`.
pub(crate) fn control_pattern(key: Sym, p: Pattern) -> Pattern {
    let read = move |a| notes::control_value(key, a);
    core::fmap(p, move |v| match v {
        Value::Map(m) => Value::Map(match m.get(sym::VALUE) {
            Some(a) => {
                let mut m = m;
                m.remove(sym::VALUE);
                m.set(key, read(a));
                m
            }
            None => m,
        }),
        other => match other.as_atom() {
            Some(a) => Value::Map(Map::single(key, read(a))),
            None => match other {
                Value::List(l) => {
                    Value::Map(Map::single(key, read(l.items().first().copied().unwrap_or(Atom::Num(0.0)))))
                }
                _ => other,
            },
        },
    })
}

/// `s pat`: names become `{s: name}`, `name:i` becomes `{s: name, n: i}`.
pub(crate) fn sound_pattern(p: Pattern, numbered: Vec<(f64, crate::pattern::Sym)>) -> Pattern {
    let named = move |a: Atom| match a {
        Atom::Num(x) => numbered.iter().find(|(k, _)| *k == x).map_or(a, |&(_, s)| Atom::Sym(s)),
        other => other,
    };
    core::fmap(p, move |v| match v {
        Value::Num(x) if matches!(named(Atom::Num(x)), Atom::Sym(_)) => {
            Value::Map(Map::single(sym::S, named(Atom::Num(x))))
        }
        Value::Sym(s) => Value::Map(Map::single(sym::S, Atom::Sym(s))),
        Value::List(l) => {
            let items = l.items();
            let mut m = Map::new();
            if let Some(&a) = items.first() {
                m.set(sym::S, named(a));
            }
            if let Some(Atom::Num(n)) = items.get(1) {
                m.set(sym::N, Atom::Num(*n));
            }
            Value::Map(m)
        }
        Value::Num(x) => Value::Map(Map::single(sym::N, Atom::Num(x))),
        // A name that met a control before `sound` (`sound $ samples "arpy*8" (run 8) # speed
        // 0.25`, as the old Tidal guide writes it) is the sound, beside that control.
        Value::Map(m) => Value::Map(match m.get(sym::VALUE) {
            Some(a) => {
                let mut m = m;
                m.remove(sym::VALUE);
                m.set(if matches!(a, Atom::Num(_)) { sym::N } else { sym::S }, a);
                m
            }
            None => m,
        }),
    })
}
