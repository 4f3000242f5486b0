//! The compiler: syntax tree -> graph plan.
//!
//! Statements are compiled bus by bus. A bus is compiled when first referenced (so forward
//! references work); a reference to a bus that is still being compiled is a feedback loop and
//! reads the bus's previous engine block through a tap. Expressions compile to values (`Val`):
//! numbers, patterns, signals (node outputs), functions awaiting arguments, and lists; the
//! function metadata table decides what every name means and checks every argument.

mod bank;
pub mod depth;
mod expr;
mod onset;

pub mod special;
mod steps;
mod tidal;
mod value;
mod warn;

use crate::controls::Ctl;
use crate::graph::plan::{Feedback, MakeNode, NodeId, Plan, PlanInput, PlanNode};
use crate::lang::ast::{Expr, ExprKind, Program, SrcSpan, StatementKind};
use crate::lang::{parse_program, Diagnostic, Errors};
use crate::meta::{Param, Smooth};
use crate::nodes;
use crate::pattern::Pattern;
use crate::samples::Bank;
use crate::time::Rational;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use value::{Val, V};

/// What compiling needs to know of the world.
#[derive(Clone)]
pub struct CompileEnv {
    /// Sample names are checked against the bank at compile time.
    pub bank: Arc<Bank>,
    /// Render summed voices of one kind as voice banks (compile/bank.rs). On by default; off
    /// renders every voice by its own nodes (for comparing the two).
    pub voice_banks: bool,
}

impl CompileEnv {
    pub fn new(bank: Arc<Bank>) -> CompileEnv {
        CompileEnv { bank, voice_banks: true }
    }
}

/// Most nodes a program may compile to (a runaway `stack` of thousands of oscillators is an
/// error, not an out-of-memory).
pub const MAX_NODES: usize = 20_000;

/// Positions deeper than twice this keep only their last `IDENT_TAIL` steps in full.
const IDENT_TAIL: usize = 24;

/// Compile program text into a plan, or every error found. Safe on any thread: programs are
/// held to the [`depth`] limits and compiled on a stack that fits them.
pub fn compile(src: &str, env: &CompileEnv) -> Result<Plan, Errors> {
    depth::check(src)?;
    depth::on_compile_stack(|| {
        let program = parse_program(src)?;
        compile_program(src, &program, env)
    })
}

pub fn compile_program(src: &str, program: &Program, env: &CompileEnv) -> Result<Plan, Errors> {
    let mut c = Compiler::new(src, env);
    c.program(program);
    if c.errors.is_empty() {
        c.plan.warnings = warn::warnings(src, program, &c.probes, &env.bank);
        if env.voice_banks {
            bank::fuse(&mut c.plan);
        }
        Ok(c.plan)
    } else {
        c.errors.sort_by_key(|d| d.span.start);
        c.errors.dedup();
        Err(Errors(c.errors))
    }
}

enum BusState {
    Pending,
    InProgress { tap: Option<NodeId> },
    Done(Val),
    Failed,
}

pub(crate) struct Compiler<'a> {
    src: &'a str,
    env: &'a CompileEnv,
    plan: Plan,
    defs: HashMap<String, (&'a Expr, SrcSpan)>,
    buses: HashMap<String, BusState>,
    /// Identity of the statement being compiled (`~bass`, `out`, `out2`).
    root: String,
    /// Position within its expression.
    path: Vec<u32>,
    errors: Vec<Diagnostic>,
    /// Patterns the program will query, checked for silence once it compiles.
    probes: Vec<warn::Probe>,
    /// `let` bindings, in program order.
    lets: Vec<tidal::Let<'a>>,
    /// Index of the statement being compiled: a `let` is visible to the statements after it.
    pos: usize,
    /// The arguments of the `let` functions being applied, innermost last.
    locals: Vec<HashMap<String, Val>>,
    /// Depth of pitch-control arguments (`n`, `note`, `up`) being compiled: inside one, note
    /// names in strings are Tidal's note numbers (`c` = 0, `a4` = -3), as Tidal types them.
    pub(crate) in_pitch: u32,
}

pub(crate) fn hash_of<T: Hash>(t: T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

pub(crate) fn combine(a: u64, b: u64) -> u64 {
    hash_of((a, b))
}

impl<'a> Compiler<'a> {
    fn new(src: &'a str, env: &'a CompileEnv) -> Compiler<'a> {
        Compiler {
            src,
            env,
            plan: Plan::default(),
            defs: HashMap::new(),
            buses: HashMap::new(),
            root: String::new(),
            path: Vec::new(),
            errors: Vec::new(),
            probes: Vec::new(),
            lets: Vec::new(),
            pos: usize::MAX,
            locals: Vec::new(),
            in_pitch: 0,
        }
    }

    pub(crate) fn err(&mut self, span: SrcSpan, msg: impl Into<String>) {
        self.errors.push(Diagnostic::new(span, msg));
    }

    pub(crate) fn env(&self) -> &CompileEnv {
        self.env
    }

    pub(crate) fn text(&self, span: SrcSpan) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    fn program(&mut self, program: &'a Program) {
        // Collect definitions first: buses may be referenced before they are defined. The
        // rest runs top to bottom as Tidal evaluates a file's blocks in order: a later `d1`
        // replaces an earlier one, `hush` silences what came before it.
        let mut outs: Vec<(u32, &'a Expr, SrcSpan)> = Vec::new();
        let mut seen_outs: HashMap<u32, SrcSpan> = HashMap::new();
        let mut settings: Vec<(&'a str, &'a Expr)> = Vec::new();
        let mut plays: tidal::Plays<'a> = tidal::Plays::default();
        for (pos, st) in program.statements.iter().enumerate() {
            match &st.kind {
                StatementKind::Bus(name, e) => {
                    if let Some((_, first)) = self.defs.get(name.as_str()) {
                        let (l, _) = crate::lang::line_col(self.src, first.start);
                        self.err(st.head, format!("bus ~{name} is defined twice (first on line {l})"));
                    } else {
                        self.defs.insert(name.clone(), (e, st.head));
                        self.buses.insert(name.clone(), BusState::Pending);
                    }
                }
                StatementKind::Out(n, e) => {
                    if let Some(first) = seen_outs.get(n) {
                        let (l, _) = crate::lang::line_col(self.src, first.start);
                        let name = if *n == 0 { "out".to_string() } else { format!("out{n}") };
                        self.err(st.head, format!("output {name} is defined twice (first on line {l})"));
                    } else {
                        seen_outs.insert(*n, st.head);
                        outs.push((*n, e, st.head));
                    }
                }
                StatementKind::Setting(name, e) => settings.push((name.as_str(), e)),
                StatementKind::Tempo(bpm, e) => settings.push((if *bpm { "bpm" } else { "cps" }, e)),
                StatementKind::Play(slot, e) => plays.play(slot.clone(), e, st.head, pos),
                StatementKind::Once(e) => plays.once(e, st.head, pos),
                StatementKind::Solo(slot, on) => plays.solo(slot.clone(), *on),
                StatementKind::Mute(slot, on) => plays.mute(slot.clone(), *on),
                StatementKind::ClearAll(mutes) => plays.clear_all(*mutes),
                StatementKind::SetCycle(e) => {
                    if let Some(n) = self.statement_number(e, "setCycle takes a cycle number, as in setCycle 5") {
                        plays.set_cycle(Rational::from_f64(n));
                    }
                }
                StatementKind::NudgeAll(e) => {
                    if let Some(x) = self.statement_number(e, "nudgeAll takes seconds, as in nudgeAll 0.2") {
                        plays.nudge = x;
                    }
                }
                StatementKind::All(e) => plays.all(e, pos),
                StatementKind::Let(name, params, e) => self.lets.push(tidal::Let { name, params, body: e, pos }),
                StatementKind::Nothing => {}
                StatementKind::Hush => plays.hush(),
                StatementKind::Panic => self.plan.settings.panic = true,
            }
        }
        self.plan.settings.hush = plays.hushed_at_end();
        // `# cps 0.6` on a pattern sets the tempo, as in Tidal.
        let mut cps_controls = Vec::new();
        for p in plays.live_mut() {
            if let Some(e) = tidal::sound_strings(&p.expr) {
                p.expr = std::borrow::Cow::Owned(e);
            }
            if let Some((rest, cps)) = tidal::strip_cps(&p.expr) {
                p.expr = std::borrow::Cow::Owned(rest);
                cps_controls.push(cps);
            }
        }
        self.settings(&settings);
        for cps in cps_controls {
            self.cps_control(&cps);
        }

        let mut names: Vec<String> = self.defs.keys().cloned().collect();
        names.sort();
        for name in names {
            let span = self.defs[&name].1;
            let _ = self.bus(&name, span);
        }

        let mut compiled: Vec<(u32, Result<NodeId, Diagnostic>)> = Vec::new();
        for (n, e, head) in outs {
            if n as usize > crate::graph::MAX_OUTPUTS {
                self.err(head, format!("out{n}: at most {} numbered outputs are supported", crate::graph::MAX_OUTPUTS));
                continue;
            }
            self.root = if n == 0 { "out".into() } else { format!("out{n}") };
            self.path.clear();
            self.pos = usize::MAX;
            let r = self.eval(e, expr::Hint::None).and_then(|v| self.to_audio(&v));
            compiled.push((n, r));
        }
        let taken: Vec<u32> = seen_outs.keys().copied().collect();
        let all = plays.all_fn();
        let nudge = plays.nudge;
        for (n, play) in plays.finish(&taken, crate::graph::MAX_OUTPUTS as u32) {
            let n = match n {
                Ok(n) => n,
                Err(msg) => {
                    self.err(play.head, msg);
                    continue;
                }
            };
            self.root = format!("out{n}");
            self.path.clear();
            self.pos = play.pos;
            let r = self.eval(&play.expr, expr::Hint::None).and_then(|v| self.tidal_output(v, &play, all, nudge));
            compiled.push((n, r));
        }
        let mut main = None;
        let mut numbered = Vec::new();
        for (n, r) in compiled {
            match r {
                Ok(node) if n == 0 => main = Some(node),
                Ok(node) => numbered.push((n, node)),
                Err(d) => self.errors.push(d),
            }
        }
        numbered.sort_by_key(|&(n, _)| n);
        if main.is_none() && !numbered.is_empty() {
            self.root = "out".into();
            self.path.clear();
            let inputs: Vec<PlanInput> = numbered.iter().map(|&(_, id)| PlanInput::Node(id)).collect();
            let h = numbered
                .iter()
                .fold(hash_of("sum-of-outs"), |h, &(_, id)| combine(h, self.plan.nodes[id as usize].hash));
            main = self.add_node("mix", inputs, true, Arc::new(|_| Box::new(nodes::Mix)), h, 1).ok();
            self.plan.main_is_sum = true;
        }
        self.plan.main = main;
        self.plan.outs = numbered;
    }

    /// A Tidal output's value as audio: `all`'s function applied, `once` cut to one cycle.
    fn tidal_output(
        &mut self,
        v: Val,
        play: &tidal::Play,
        all: Option<(&Expr, usize)>,
        nudge: f64,
    ) -> Result<NodeId, Diagnostic> {
        let mut v = v;
        if let Some((f, pos)) = all {
            let saved = std::mem::replace(&mut self.pos, pos);
            let fv = self.eval(f, expr::Hint::Control);
            self.pos = saved;
            let fv = fv?;
            v = self.apply_val(fv, v, play.head)?;
        }
        // `d1 $ "bd*2 sn"`: a pattern of words played as sounds, as Tidal reads a string given
        // as a control pattern (`bd:3` is sound bd, sample 3; a number is n).
        match &v.v {
            V::Pat(p, false) => {
                v = Val::new(V::Pat(tidal::as_sounds(p.clone()), true), combine(v.h, hash_of("sounds")), v.span);
            }
            V::Pat(p, true) => {
                let p = tidal::bare_values_as_sounds(p.clone());
                v = Val::new(V::Pat(p, true), combine(v.h, hash_of("bare values")), v.span);
            }
            _ => {}
        }
        if play.cycle != Rational::ZERO || nudge != 0.0 {
            let (mut p, ctl) = self.as_pattern(&v)?;
            if play.cycle != Rational::ZERO {
                p = crate::pattern::core::early(play.cycle, p);
            }
            if nudge != 0.0 {
                use crate::pattern::value::{sym, Atom, Map};
                use crate::pattern::{core, ops, Value};
                let by = Value::Map(Map::single(sym::NUDGE, Atom::Num(nudge)));
                p = ops::app(ops::ValueOp::Add, ops::From::Left, p, core::pure(by));
            }
            let h = combine(combine(v.h, hash_of("set-cycle")), play.cycle.to_f64().to_bits() ^ nudge.to_bits());
            v = Val::new(V::Pat(p, ctl), h, v.span);
        }
        if play.once {
            let (p, ctl) = self.as_pattern(&v)?;
            let first = crate::pattern::core::filter(p, |h| h.whole.is_some_and(|w| w.begin < Rational::ONE));
            v = Val::new(V::Pat(first, ctl), combine(v.h, hash_of("once")), v.span);
        }
        self.to_audio(&v)
    }

    /// A statement's constant number (`setCycle 5`, `nudgeAll 0.2`).
    fn statement_number(&mut self, e: &Expr, usage: &str) -> Option<f64> {
        match self.eval(e, expr::Hint::None) {
            Ok(Val { v: V::Num(x, _), .. }) if x.is_finite() && x.abs() <= 1e6 => Some(x),
            Ok(_) => {
                self.err(e.span, usage);
                None
            }
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    /// `# cps x` lifted off a pattern: a tempo.
    fn cps_control(&mut self, e: &Expr) {
        match self.eval(e, expr::Hint::None) {
            Ok(Val { v: V::Num(x, exact), .. }) if x.is_finite() && x > 0.0 && x <= 1000.0 => {
                self.plan.settings.cps = Some(exact.unwrap_or_else(|| Rational::from_f64(x)));
            }
            Ok(_) => self.err(
                e.span,
                "# cps takes one tempo per program in Phonon (setcps 0.5 or cps: 0.5): for a speed that changes, write fast \"<1 2>\" or fast (range 1 2 sine) on the pattern",
            ),
            Err(d) => self.errors.push(d),
        }
    }

    fn settings(&mut self, settings: &[(&'a str, &'a Expr)]) {
        // The last tempo given wins, whichever way it was written.
        let mut tempo: Option<(bool, Rational)> = None;
        for &(name, e) in settings {
            let value = match &e.kind {
                ExprKind::Num(x, exact) => Some((*x, exact.unwrap_or_else(|| Rational::from_f64(*x)))),
                _ => match self.eval(e, expr::Hint::None) {
                    Ok(Val { v: V::Num(x, exact), .. }) => Some((x, exact.unwrap_or_else(|| Rational::from_f64(x)))),
                    Ok(_) => None,
                    Err(d) => {
                        self.errors.push(d);
                        continue;
                    }
                },
            };
            let Some((x, r)) = value else {
                self.err(
                    e.span,
                    format!(
                        "{name}: expected a number: Phonon's tempo is one number per program (setcps 0.5, setbpm 120); \
                         to speed a pattern up and down over time use fast \"<1 2>\" or fast (range 1 2 sine)"
                    ),
                );
                continue;
            };
            // The table gives each setting its range (`controls`); a name reaches here only
            // from the grammar's statement heads, which a test holds to the table's settings.
            let Some(setting) = crate::controls::setting(name) else { continue };
            let (_, hi) = setting.row().value.range;
            if !(x.is_finite() && x > 0.0 && x <= hi) {
                let range = format!("between 0 and {}", crate::meta::fmt_num(hi));
                self.err(e.span, format!("{name}: expected a number {range} (exclusive of 0), found {x}"));
                continue;
            }
            match setting {
                Ctl::Bpm => tempo = Some((true, r)),
                Ctl::Bpc => self.plan.settings.bpc = r,
                _ => tempo = Some((false, r)),
            }
        }
        match tempo {
            Some((false, r)) => self.plan.settings.cps = Some(r),
            Some((true, b)) => self.plan.settings.cps = Some(b / Rational::int(60) / self.plan.settings.bpc),
            None => {}
        }
    }

    /// The value of bus `name`, compiling it if needed.
    pub(crate) fn bus(&mut self, name: &str, at: SrcSpan) -> Result<Val, Diagnostic> {
        match self.buses.get(name) {
            None => {
                let mut known: Vec<&str> = self.defs.keys().map(|s| s.as_str()).collect();
                known.sort_by_key(|k| crate::registry::edit_distance(k, name));
                let close: Vec<String> = known
                    .iter()
                    .filter(|k| crate::registry::edit_distance(k, name) <= 2)
                    .take(3)
                    .map(|k| format!("~{k}"))
                    .collect();
                let hint = if close.is_empty() {
                    "define it with a line '~".to_string() + name + ": ...'"
                } else {
                    format!("did you mean {}?", close.join(", "))
                };
                Err(Diagnostic::new(at, format!("unknown bus ~{name}: {hint}")))
            }
            Some(BusState::Done(v)) => Ok(Val { span: at, ..v.clone() }),
            Some(BusState::Failed) => Err(Diagnostic::new(at, format!("~{name} has errors (see its definition)"))),
            Some(BusState::InProgress { tap }) => {
                // A feedback loop: read the previous block of the bus.
                let node = match *tap {
                    Some(t) => t,
                    None => {
                        let saved = (std::mem::take(&mut self.root), std::mem::take(&mut self.path));
                        self.root = format!("~{name}");
                        let t = self.add_node(
                            "feedback",
                            vec![],
                            true,
                            Arc::new(|_| Box::new(nodes::Tap::new())),
                            hash_of(("tap", name)),
                            1,
                        );
                        (self.root, self.path) = saved;
                        let t = t.map_err(|m| Diagnostic::new(at, m))?;
                        self.buses.insert(name.to_string(), BusState::InProgress { tap: Some(t) });
                        t
                    }
                };
                Ok(Val::new(V::Sig { node, pat: None, onset: None }, hash_of(("tap", name)), at))
            }
            Some(BusState::Pending) => {
                let Some(&(e, _head)) = self.defs.get(name) else {
                    return Err(Diagnostic::new(at, format!("unknown bus ~{name}")));
                };
                self.buses.insert(name.to_string(), BusState::InProgress { tap: None });
                let saved = (std::mem::take(&mut self.root), std::mem::take(&mut self.path));
                let saved_scope = (std::mem::replace(&mut self.pos, usize::MAX), std::mem::take(&mut self.locals));
                self.root = format!("~{name}");
                let result = self.eval(e, expr::Hint::None).and_then(|v| self.bus_value(v));
                (self.root, self.path) = saved;
                (self.pos, self.locals) = saved_scope;
                let tap = match self.buses.get(name) {
                    Some(BusState::InProgress { tap }) => *tap,
                    _ => None,
                };
                match result {
                    Ok(v) => {
                        if let Some(t) = tap {
                            let source = match v.v {
                                V::Sig { node, .. } => Some(node),
                                _ => None,
                            };
                            match source {
                                Some(s) => self.plan.feedback.push(Feedback { tap: t, source: s }),
                                None => self.err(e.span, format!("~{name} feeds back into itself but is not a signal")),
                            }
                        }
                        self.buses.insert(name.to_string(), BusState::Done(v.clone()));
                        Ok(Val { span: at, ..v })
                    }
                    Err(d) => {
                        self.buses.insert(name.to_string(), BusState::Failed);
                        self.errors.push(d);
                        Err(Diagnostic::new(at, format!("~{name} has errors (see its definition)")))
                    }
                }
            }
        }
    }

    /// A bus carries signal: patterns become their stepped signal (or their sound, for
    /// events), keeping the pattern for places that need one.
    fn bus_value(&mut self, v: Val) -> Result<Val, Diagnostic> {
        match &v.v {
            V::Sig { .. } => Ok(v),
            V::Num(x, _) => {
                let onset = Some(onset::constant(*x));
                let x = *x as f32;
                let node = self.add_node(
                    "const",
                    vec![PlanInput::Const(x)],
                    false,
                    Arc::new(|_| Box::new(nodes::Mix)),
                    v.h,
                    1,
                );
                let node = node.map_err(|m| Diagnostic::new(v.span, m))?;
                Ok(Val::new(V::Sig { node, pat: None, onset }, v.h, v.span))
            }
            V::Pat(p, ctl) => {
                let (p, ctl) = (p.clone(), *ctl);
                let node = if ctl { self.player(&p, v.h, v.span)? } else { self.stepped(&p, None, v.h, v.span)? };
                Ok(Val::new(V::Sig { node, pat: Some((p, ctl)), onset: None }, v.h, v.span))
            }
            V::Fun(_) => Err(Diagnostic::new(
                v.span,
                "a bus must carry a sound or a signal, found a function (missing an argument?)",
            )),
            V::List(_) => Err(Diagnostic::new(
                v.span,
                "a bus must carry a sound or a signal, found a list (use stack [...] to play them together)",
            )),
        }
    }

    /// Add a node at the current identity.
    pub(crate) fn add_node(
        &mut self,
        label: &str,
        inputs: Vec<PlanInput>,
        stereo: bool,
        make: MakeNode,
        hash: u64,
        cost: u32,
    ) -> Result<NodeId, String> {
        if self.plan.nodes.len() >= MAX_NODES {
            return Err(format!("program too large: more than {MAX_NODES} processing nodes"));
        }
        let mut ident = self.root.clone();
        // In a very deep expression the start of the position is kept as its hash: identities
        // stay distinct and stable, and building them stays linear in the program's size.
        let long = self.path.len().saturating_sub(IDENT_TAIL);
        let (head, tail) = self.path.split_at(if long > IDENT_TAIL { long } else { 0 });
        if !head.is_empty() {
            let h = head.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &p| (h ^ p as u64).wrapping_mul(0x0100_0000_01b3));
            let _ = write!(ident, "/#{h:016x}");
        }
        for p in tail {
            let _ = write!(ident, "/{p}");
        }
        // Inputs that are nodes contribute their hashes: equal hash, equal sound.
        let mut h = combine(hash_of(label), hash);
        for i in &inputs {
            h = combine(
                h,
                match *i {
                    PlanInput::Const(c) => hash_of(c.to_bits()),
                    PlanInput::Node(n) => self.plan.nodes[n as usize].hash,
                },
            );
        }
        let id = self.plan.nodes.len() as NodeId;
        self.plan.nodes.push(PlanNode {
            ident,
            label: label.to_string(),
            inputs,
            stereo,
            make,
            hash: h,
            cost,
            pinned: false,
        });
        Ok(id)
    }

    /// The program's tempo (cycles per second), as set so far.
    pub(crate) fn cps(&self) -> f64 {
        self.plan.settings.cps.map(|r| r.to_f64()).unwrap_or(0.5)
    }

    /// The latest `let` of `name` before the statement being compiled.
    pub(crate) fn visible_let(&self, name: &str) -> Option<usize> {
        self.lets.iter().rposition(|l| l.name == name && l.pos < self.pos)
    }

    /// How many parameters `let` binding `i` takes.
    pub(crate) fn let_arity(&self, i: usize) -> usize {
        self.lets[i].params.len()
    }

    /// A `let` binding applied to arguments: its parameters bound to them, in its own scope.
    pub(crate) fn apply_let(
        &mut self,
        i: usize,
        args: &[crate::lang::ast::Arg],
        span: SrcSpan,
        hint: expr::Hint,
    ) -> Result<Val, Diagnostic> {
        use crate::lang::ast::Arg;
        let (name, params, body, pos) = {
            let l = &self.lets[i];
            (l.name, l.params, l.body, l.pos)
        };
        if args.len() < params.len() {
            let names: Vec<&str> = params.iter().map(|(p, _)| p.as_str()).collect();
            return Err(Diagnostic::new(
                span,
                format!(
                    "{name} takes {} argument(s) ({}) and Phonon needs all of them here; to pass a transformation, define it without parameters: let {name} = fast 2 . rev",
                    params.len(),
                    names.join(" ")
                ),
            ));
        }
        let mut scope = HashMap::new();
        for (k, (p, _)) in params.iter().enumerate() {
            let e = match &args[k] {
                Arg::Pos(e) => e,
                Arg::Key(_, ks, _) => {
                    return Err(Diagnostic::new(*ks, format!("{name} is a let binding: it takes no keyword arguments")))
                }
            };
            let v = self.eval(e, expr::Hint::None)?;
            scope.insert(p.clone(), v);
        }
        if self.locals.len() > 64 {
            return Err(Diagnostic::new(span, format!("{name}: let bindings nested too deep")));
        }
        self.locals.push(scope);
        let saved = std::mem::replace(&mut self.pos, pos);
        let r = self.eval(body, hint);
        self.pos = saved;
        self.locals.pop();
        let mut v = r?;
        v.span = span;
        for a in &args[params.len()..] {
            let Arg::Pos(e) = a else {
                return Err(Diagnostic::new(span, format!("{name} is a let binding: it takes no keyword arguments")));
            };
            let av = self.eval(e, expr::Hint::None)?;
            v = self.apply_val(v, av, span)?;
        }
        Ok(v)
    }

    pub(crate) fn node_stereo(&self, id: NodeId) -> bool {
        self.plan.nodes[id as usize].stereo
    }

    /// A numeric pattern as a stepped signal, smoothed as `param` says.
    pub(crate) fn stepped(
        &mut self,
        p: &Pattern,
        param: Option<&Param>,
        h: u64,
        span: SrcSpan,
    ) -> Result<NodeId, Diagnostic> {
        let initial = param.and_then(|p| p.default).unwrap_or(0.0) as f32;
        let glide = match param.map(|p| p.smooth) {
            Some(Smooth::Glide(t)) => t,
            _ => 0.0,
        };
        let pat = p.clone();
        self.probes.push(warn::Probe { pattern: p.clone(), span, usage: warn::Use::Stepped });
        let make: MakeNode =
            Arc::new(move |env| Box::new(nodes::Stepped::new(pat.clone(), initial, glide, env.sample_rate)));
        self.add_node("pattern", vec![], false, make, combine(h, hash_of(glide.to_bits())), 2)
            .map_err(|m| Diagnostic::new(span, m))
    }

    /// Events played as sound: samples and synth voices.
    pub(crate) fn player(&mut self, p: &Pattern, h: u64, span: SrcSpan) -> Result<NodeId, Diagnostic> {
        let pat = p.clone();
        self.probes.push(warn::Probe { pattern: p.clone(), span, usage: warn::Use::Played });
        // Decided from the program text, which is cheap and never misses an event that comes
        // late: players get the send effects when the program names them, and run on the
        // audio thread (which owns the MIDI output) when it sends MIDI.
        let needs = crate::voice::player::Needs {
            sends: ["room", "delay"].iter().any(|w| self.src.contains(w)),
            squiz: self.src.contains("squiz"),
            memory: ["phaser", "leslie"].iter().any(|w| self.src.contains(w)),
            spectral: crate::voice::dirt_fx::SPECTRAL_CONTROLS.iter().any(|w| self.src.contains(w)),
            nudge: self.src.contains("nudge"),
            kit: crate::samples::kit::named_in(&self.src).iter().fold(0, |m, &i| m | 1 << i),
        };
        let pinned = self.src.contains("midiout");
        let make: MakeNode = Arc::new(move |env| Box::new(crate::voice::Player::new(pat.clone(), env, needs)));
        let id = self.add_node("play", vec![], true, make, h, 8).map_err(|m| Diagnostic::new(span, m))?;
        self.plan.nodes[id as usize].pinned = pinned;
        Ok(id)
    }

    /// A value as audio (an output, a bus, a processor's input).
    pub(crate) fn to_audio(&mut self, v: &Val) -> Result<NodeId, Diagnostic> {
        match &v.v {
            V::Sig { node, .. } => Ok(*node),
            V::Num(..) => {
                let b = self.bus_value(v.clone())?;
                match b.v {
                    V::Sig { node, .. } => Ok(node),
                    _ => Err(Diagnostic::new(v.span, "expected a sound")),
                }
            }
            V::Pat(p, true) => self.player(&p.clone(), v.h, v.span),
            V::Pat(_, false) if tidal::WAVES.contains(&self.text(v.span)) => {
                let w = self.text(v.span);
                Err(Diagnostic::new(
                    v.span,
                    format!("bare '{w}' is Tidal's continuous pattern (0..1 once per cycle), not audio: for the oscillator give it a frequency ({w} 440); to use the pattern, give it to a control (# pan {w})"),
                ))
            }
            V::Pat(p, false) => self.stepped(&p.clone(), None, v.h, v.span),
            V::Fun(f) => Err(self.unapplied(f, v.span)),
            V::List(_) => {
                Err(Diagnostic::new(v.span, "expected a sound, found a list (use stack [...] to play them together)"))
            }
        }
    }
}

/// Compile a pattern expression (`fast 2 $ "bd sn"`), as `phonon events` and the pattern
/// tests do.
pub fn compile_pattern(text: &str, env: &CompileEnv) -> Result<Pattern, Errors> {
    let prefix = "~pattern: ";
    let src = format!("{prefix}{}", text.replace('\n', " "));
    depth::check(&src).map_err(|e| shift_errors(e, prefix.len()))?;
    depth::on_compile_stack(|| compile_pattern_src(&src, env, prefix.len()))
}

fn compile_pattern_src(src: &str, env: &CompileEnv, prefix: usize) -> Result<Pattern, Errors> {
    let program = parse_program(src).map_err(|e| shift_errors(e, prefix))?;
    let Some(st) = program.statements.first() else {
        return Err(Errors::one(SrcSpan::new(0, 0), "expected a pattern expression"));
    };
    let StatementKind::Bus(_, e) = &st.kind else {
        return Err(Errors::one(SrcSpan::new(0, 0), "expected a pattern expression"));
    };
    let mut c = Compiler::new(src, env);
    c.root = "~pattern".into();
    let r = c.eval(e, expr::Hint::None).and_then(|v| c.as_pattern(&v));
    match r {
        // Its events' words are located in `text`, as its errors are.
        Ok((p, _)) if c.errors.is_empty() => Ok(crate::pattern::core::shift_locs(-(prefix as isize), p)),
        Ok(_) => Err(shift_errors(Errors(c.errors), prefix)),
        Err(d) => {
            c.errors.push(d);
            Err(shift_errors(Errors(c.errors), prefix))
        }
    }
}

fn shift_errors(mut e: Errors, by: usize) -> Errors {
    for d in &mut e.0 {
        d.span.start = d.span.start.saturating_sub(by);
        d.span.end = d.span.end.saturating_sub(by);
    }
    e
}
