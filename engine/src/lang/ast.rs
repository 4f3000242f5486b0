//! The syntax tree. Every node carries its byte span in the program text, so every error can
//! point at the exact text it is about.

use crate::time::Rational;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SrcSpan {
    pub start: usize,
    pub end: usize,
}

impl SrcSpan {
    pub fn new(start: usize, end: usize) -> SrcSpan {
        SrcSpan { start, end }
    }

    pub fn join(self, o: SrcSpan) -> SrcSpan {
        SrcSpan { start: self.start.min(o.start), end: self.end.max(o.end) }
    }

    /// The same span `by` bytes later.
    pub fn shifted(self, by: usize) -> SrcSpan {
        SrcSpan { start: self.start + by, end: self.end + by }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `#`
    Hash,
    /// `+ - * / %` with Tidal's structure forms.
    Arith(Arith, Structure),
    /// `|<` `|>` `<|` `>|` and friends: take values from one side.
    Take(Side, Structure),
    /// `<~` (shift earlier by the left amount), `~>` (later).
    ShiftLeft,
    ShiftRight,
    /// Haskell's comparisons and power, only as sections of a number: `(>= 0)`, `(1.06 **)`.
    Num(NumOp),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Pow,
}

impl NumOp {
    pub fn parse(s: &str) -> Option<NumOp> {
        Some(match s {
            "<" => NumOp::Lt,
            "<=" => NumOp::Le,
            ">" => NumOp::Gt,
            ">=" => NumOp::Ge,
            "==" => NumOp::Eq,
            "/=" => NumOp::Ne,
            "**" => NumOp::Pow,
            _ => return None,
        })
    }

    pub fn text(self) -> &'static str {
        match self {
            NumOp::Lt => "<",
            NumOp::Le => "<=",
            NumOp::Gt => ">",
            NumOp::Ge => ">=",
            NumOp::Eq => "==",
            NumOp::Ne => "/=",
            NumOp::Pow => "**",
        }
    }

    /// `a op b`; a comparison is 1 (true) or 0 (false).
    pub fn apply(self, a: f64, b: f64) -> f64 {
        let t = |c: bool| f64::from(u8::from(c));
        match self {
            NumOp::Lt => t(a < b),
            NumOp::Le => t(a <= b),
            NumOp::Gt => t(a > b),
            NumOp::Ge => t(a >= b),
            NumOp::Eq => t(a == b),
            NumOp::Ne => t(a != b),
            NumOp::Pow => a.powf(b),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// Which values a `|<`-style operator keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// `<`: values from the left.
    Left,
    /// `>`: values from the right.
    Right,
}

/// Where structure (the event boundaries) comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    /// bare `+`: from both sides.
    Both,
    /// `|+`: from the left.
    Left,
    /// `+|`: from the right.
    Right,
    /// `||+`: squeeze the right into each event of the left.
    Squeeze,
}

impl BinOp {
    pub fn text(self) -> String {
        let sym = |a: Arith| match a {
            Arith::Add => "+",
            Arith::Sub => "-",
            Arith::Mul => "*",
            Arith::Div => "/",
            Arith::Mod => "%",
        };
        let wrap = |c: &str, s: Structure| match s {
            Structure::Both => c.to_string(),
            Structure::Left => format!("|{c}"),
            Structure::Right => format!("{c}|"),
            Structure::Squeeze => format!("||{c}"),
        };
        match self {
            BinOp::Hash => "#".into(),
            BinOp::Arith(a, s) => wrap(sym(a), s),
            BinOp::Take(Side::Left, s) => wrap("<", s),
            BinOp::Take(Side::Right, s) => wrap(">", s),
            BinOp::ShiftLeft => "<~".into(),
            BinOp::ShiftRight => "~>".into(),
            BinOp::Num(n) => n.text().into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number literal: its float value and, when the literal is exact, its rational value.
    Num(f64, Option<Rational>),
    /// A note name such as `c4`, as Tidal's note number (`c5` = 0, middle C).
    Note(f64, String),
    /// A mini-notation string; the span of the text inside the quotes is `Expr::inner`.
    Str(String),
    Bus(String),
    Ident(String),
    /// Application by juxtaposition: function, positional and keyword arguments in order.
    Apply(Box<Expr>, Vec<Arg>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    /// Operator section: `(# gain 0.5)` has a right operand, `(0.25 <~)` a left one.
    Section(BinOp, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `f . g . h`
    Compose(Vec<Expr>),
    List(Vec<Expr>),
    /// `(a, b)`: its items fill consecutive parameters of the function it is given to.
    Tuple(Vec<Expr>),
    /// `f $ x`
    Dollar(Box<Expr>, Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: SrcSpan,
}

impl Expr {
    /// Move every span of the expression `by` bytes later.
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.shifted(by);
        match &mut self.kind {
            ExprKind::Num(..) | ExprKind::Note(..) | ExprKind::Str(_) | ExprKind::Bus(_) | ExprKind::Ident(_) => {}
            ExprKind::Apply(f, args) => {
                f.shift(by);
                for a in args {
                    match a {
                        Arg::Pos(e) => e.shift(by),
                        Arg::Key(_, span, e) => {
                            *span = span.shifted(by);
                            e.shift(by);
                        }
                    }
                }
            }
            ExprKind::Binary(_, l, r) | ExprKind::Dollar(l, r) => {
                l.shift(by);
                r.shift(by);
            }
            ExprKind::Neg(e) => e.shift(by),
            ExprKind::Section(_, l, r) => {
                for e in [l, r].into_iter().flatten() {
                    e.shift(by);
                }
            }
            ExprKind::Compose(v) | ExprKind::List(v) | ExprKind::Tuple(v) => v.iter_mut().for_each(|e| e.shift(by)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Key(String, SrcSpan, Expr),
}

impl Arg {
    pub fn expr(&self) -> &Expr {
        match self {
            Arg::Pos(e) | Arg::Key(_, _, e) => e,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatementKind {
    /// `tempo: x`, `cps: x`, `bpm: x`, `bpc: x`
    Setting(String, Expr),
    /// `~name: expr`
    Bus(String, Expr),
    /// `out: expr` (0) or `outN: expr`, `oN:`, `dN:` (N)
    Out(u32, Expr),
    /// Tidal's `dN $ expr`, `p "name" $ expr`, `xfadeIn N t $ expr`: a later one replaces an
    /// earlier one of the same slot.
    Play(Slot, Expr),
    /// `setcps x` (false) or `setbpm x` (true).
    Tempo(bool, Expr),
    /// `once $ expr`: the pattern's first cycle, played once.
    Once(Expr),
    /// `solo N` (true) or `unsolo N` (false).
    Solo(Slot, bool),
    /// `mute N` (true) or `unmute N` (false).
    Mute(Slot, bool),
    /// `unsoloAll` (false) or `unmuteAll` (true).
    ClearAll(bool),
    /// `setCycle n`, and `resetCycles` as `setCycle 0`.
    SetCycle(Expr),
    /// `nudgeAll seconds`.
    NudgeAll(Expr),
    /// `all $ f`: `f` applied to every output.
    All(Expr),
    /// `let name = expr` (and a function's parameter names, with their spans).
    Let(String, Vec<(String, SrcSpan)>, Expr),
    /// `resetCycles`, `import ...`: nothing to do in a program that starts at cycle 0.
    Nothing,
    Hush,
    Panic,
}

/// A Tidal output: `d1` is 1, `p "name"` a name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    Num(u32),
    Name(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub span: SrcSpan,
    /// Span of the statement's head (the bus or output name).
    pub head: SrcSpan,
}

impl Statement {
    /// The expression the statement holds, if any.
    pub fn expr(&self) -> Option<&Expr> {
        match &self.kind {
            StatementKind::Setting(_, e)
            | StatementKind::Bus(_, e)
            | StatementKind::Out(_, e)
            | StatementKind::Play(_, e)
            | StatementKind::Tempo(_, e)
            | StatementKind::Once(e)
            | StatementKind::All(e)
            | StatementKind::SetCycle(e)
            | StatementKind::NudgeAll(e)
            | StatementKind::Let(_, _, e) => Some(e),
            StatementKind::Solo(..)
            | StatementKind::Mute(..)
            | StatementKind::ClearAll(_)
            | StatementKind::Nothing
            | StatementKind::Hush
            | StatementKind::Panic => None,
        }
    }

    /// Move every span of the statement `by` bytes later.
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.shifted(by);
        self.head = self.head.shifted(by);
        match &mut self.kind {
            StatementKind::Setting(_, e)
            | StatementKind::Bus(_, e)
            | StatementKind::Out(_, e)
            | StatementKind::Play(_, e)
            | StatementKind::Tempo(_, e)
            | StatementKind::Once(e)
            | StatementKind::SetCycle(e)
            | StatementKind::NudgeAll(e)
            | StatementKind::All(e) => e.shift(by),
            StatementKind::Let(_, params, e) => {
                for (_, s) in params.iter_mut() {
                    *s = s.shifted(by);
                }
                e.shift(by)
            }
            StatementKind::Solo(..)
            | StatementKind::Mute(..)
            | StatementKind::ClearAll(_)
            | StatementKind::Nothing
            | StatementKind::Hush
            | StatementKind::Panic => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    pub statements: Vec<Statement>,
}
