//! Text -> syntax tree, with pest.

use super::ast::*;
use super::error::{Diagnostic, Errors};
use super::lines;
use crate::time::{decimal, Rational};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use pest_derive::Parser;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

#[derive(Parser)]
#[grammar = "lang/grammar.pest"]
struct ProgramParser;

/// Tidal's operator precedence, lowest first.
fn pratt_parser() -> &'static PrattParser<Rule> {
    static P: OnceLock<PrattParser<Rule>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::dollar_op, Assoc::Right))
            .op(Op::infix(Rule::hash_op, Assoc::Left))
            .op(Op::infix(Rule::fmap_op, Assoc::Left))
            .op(Op::infix(Rule::shift_op, Assoc::Left))
            .op(Op::infix(Rule::sum_op, Assoc::Left) | Op::infix(Rule::overlay_op, Assoc::Right))
            .op(Op::infix(Rule::prod_op, Assoc::Left))
            .op(Op::prefix(Rule::neg))
            .op(Op::infix(Rule::compose_op, Assoc::Right))
    })
}

/// Longest program text accepted, in bytes.
pub const MAX_SOURCE: usize = 1 << 20;
/// Deepest bracket nesting accepted in a statement (the parser recurses on it).
const MAX_NESTING: usize = 256;

/// Parse a whole program. Every statement is parsed, so all syntax errors are reported at once.
pub fn parse_program(src: &str) -> Result<Program, Errors> {
    if src.len() > MAX_SOURCE {
        return Err(Errors::one(
            SrcSpan::new(0, 0),
            format!("program too long ({} bytes; the limit is {MAX_SOURCE})", src.len()),
        ));
    }
    let src = &*lines::clean(src);
    let mut statements = Vec::new();
    let mut errors = Vec::new();
    for r in lines::split(src) {
        match parse_statement_cached(src, r.start, r.end) {
            Ok(s) => statements.push(s),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(Program { statements })
    } else {
        Err(Errors(errors))
    }
}

/// Statements parsed recently, by their text, with spans counted from the statement's start
/// (off the audio thread only). Re-evaluating a program parses only the statements that changed.
static STATEMENTS: Mutex<Option<HashMap<String, Result<Statement, Diagnostic>>>> = Mutex::new(None);
/// Statements the cache holds before it starts over.
const STATEMENT_CACHE_CAP: usize = 4096;

fn parse_statement_cached(src: &str, start: usize, end: usize) -> Result<Statement, Diagnostic> {
    let text = &src[start..end];
    let cached = {
        let mut cache = STATEMENTS.lock().unwrap_or_else(|e| e.into_inner());
        cache.get_or_insert_with(HashMap::new).get(text).cloned()
    };
    let parsed = cached.unwrap_or_else(|| {
        let parsed = parse_statement(text, 0, text.len());
        let mut cache = STATEMENTS.lock().unwrap_or_else(|e| e.into_inner());
        let map = cache.get_or_insert_with(HashMap::new);
        if map.len() >= STATEMENT_CACHE_CAP {
            map.clear();
        }
        map.insert(text.to_string(), parsed.clone());
        parsed
    });
    match parsed {
        Ok(mut s) => {
            s.shift(start);
            Ok(s)
        }
        Err(mut d) => {
            d.span = d.span.shifted(start);
            Err(d)
        }
    }
}

/// Forget every parsed statement (for benchmarks of first-time parsing).
pub fn clear_statement_cache() {
    *STATEMENTS.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

fn nesting_depth(text: &str) -> (usize, usize) {
    let (mut depth, mut max, mut at, mut in_str) = (0usize, 0usize, 0usize, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_str = !in_str,
            '(' | '[' if !in_str => {
                depth += 1;
                if depth > max {
                    max = depth;
                    at = i;
                }
            }
            ')' | ']' if !in_str => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (max, at)
}

fn parse_statement(src: &str, start: usize, end: usize) -> Result<Statement, Diagnostic> {
    let text = &src[start..end];
    let (depth, at) = nesting_depth(text);
    if depth > MAX_NESTING {
        return Err(Diagnostic::new(
            SrcSpan::new(start + at, start + at + 1),
            format!("brackets nested {depth} deep; at most {MAX_NESTING} levels are allowed"),
        ));
    }
    let rule = if looks_like_binding(text) { Rule::binding_statement } else { Rule::statement };
    let mut pairs = ProgramParser::parse(rule, text).map_err(|e| pest_error(e, text, start))?;
    let stmt = pairs.next().and_then(|p| p.into_inner().next());
    let Some(inner) = stmt else {
        return Err(Diagnostic::new(SrcSpan::new(start, end), "expected a statement"));
    };
    let b = Builder { base: start };
    b.statement(inner)
}

/// `let x = ...`, `x = ...`, `f x y = ...`: a word, more words, then a single `=`.
fn looks_like_binding(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with("let") && !t[3..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '\'') {
        return true;
    }
    let words_end = t.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == ' ' || c == '\t'));
    match words_end {
        Some(i) => {
            let rest = &t[i..];
            i > 0
                && t.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && rest.starts_with('=')
                && !rest.starts_with("==")
        }
        None => false,
    }
}

struct Builder {
    base: usize,
}

impl Builder {
    fn span(&self, p: &Pair<Rule>) -> SrcSpan {
        let s = p.as_span();
        SrcSpan::new(self.base + s.start(), self.base + s.end())
    }

    fn statement(&self, p: Pair<Rule>) -> Result<Statement, Diagnostic> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut it = p.clone().into_inner();
        let head = it.next();
        let head_span = head.as_ref().map(|h| self.span(h)).unwrap_or(span);
        let kind = match rule {
            Rule::setting => {
                let name = head.map(|h| h.as_str().to_string()).unwrap_or_default();
                StatementKind::Setting(name, self.expr(next(&mut it, span)?)?)
            }
            Rule::bus_def => {
                let name = head.map(|h| h.as_str()[1..].to_string()).unwrap_or_default();
                StatementKind::Bus(name, self.expr(next(&mut it, span)?)?)
            }
            Rule::out_def | Rule::tidal_out => {
                let name = head.map(|h| h.as_str().to_string()).unwrap_or_default();
                let n = output_number(&name);
                let e = self.expr(next(&mut it, span)?)?;
                match n {
                    Some(n) if n <= 1000 && rule == Rule::tidal_out => StatementKind::Play(Slot::Num(n), e),
                    Some(n) if n <= 1000 => StatementKind::Out(n, e),
                    _ => return Err(Diagnostic::new(head_span, format!("output number of '{name}' is too large"))),
                }
            }
            Rule::tidal_named | Rule::transition => {
                let slot = slot(next(&mut it, span)?, head_span)?;
                // A transition's own arguments (`xfadeIn 1 8`): the new pattern replaces the old.
                let body = it.last().ok_or_else(|| Diagnostic::new(span, "incomplete statement"))?;
                StatementKind::Play(slot, self.expr(body)?)
            }
            Rule::tidal_t => {
                let name = head.map(|h| h.as_str().to_string()).unwrap_or_default();
                let n = output_number(&name)
                    .filter(|&n| n <= 1000)
                    .ok_or_else(|| Diagnostic::new(head_span, format!("output number of '{name}' is too large")))?;
                // The transition itself (`anticipate`, `(xfadeIn 16)`): the new pattern replaces the old.
                let body = it.last().ok_or_else(|| Diagnostic::new(span, "incomplete statement"))?;
                StatementKind::Play(Slot::Num(n), self.expr(body)?)
            }
            Rule::tempo_cmd => StatementKind::Tempo(p.as_str().starts_with("setbpm"), self.expr(next(&mut it, span)?)?),
            Rule::once_cmd => StatementKind::Once(self.expr(next(&mut it, span)?)?),
            Rule::all_cmd => StatementKind::All(self.expr(next(&mut it, span)?)?),
            Rule::solo_cmd => {
                let text = p.as_str();
                let on = !text.starts_with("un");
                let s = slot(next(&mut it, span)?, head_span)?;
                if text.trim_start_matches("un").starts_with("mute") {
                    StatementKind::Mute(s, on)
                } else {
                    StatementKind::Solo(s, on)
                }
            }
            Rule::cycle_cmd => StatementKind::SetCycle(self.expr(next(&mut it, span)?)?),
            Rule::nudge_cmd => StatementKind::NudgeAll(self.expr(next(&mut it, span)?)?),
            Rule::import_stmt => StatementKind::Nothing,
            Rule::binding => {
                let mut parts: Vec<Pair<Rule>> =
                    p.clone().into_inner().filter(|x| x.as_rule() != Rule::let_kw).collect();
                let body = parts.pop().ok_or_else(|| Diagnostic::new(span, "incomplete let"))?;
                let mut parts = parts.into_iter();
                let name = parts.next().ok_or_else(|| Diagnostic::new(span, "incomplete let"))?;
                let head_span = self.span(&name);
                let params = parts.map(|q| (q.as_str().to_string(), self.span(&q))).collect();
                let kind = StatementKind::Let(name.as_str().to_string(), params, self.expr(body)?);
                return Ok(Statement { kind, span, head: head_span });
            }
            Rule::command => match p.as_str() {
                "hush" => StatementKind::Hush,
                "panic" => StatementKind::Panic,
                "unsoloAll" => StatementKind::ClearAll(false),
                "unmuteAll" => StatementKind::ClearAll(true),
                "resetCycles" => StatementKind::SetCycle(Expr { span, kind: ExprKind::Num(0.0, Some(Rational::ZERO)) }),
                _ => StatementKind::Nothing,
            },
            _ => return Err(Diagnostic::new(span, "expected a statement")),
        };
        Ok(Statement { kind, span, head: head_span })
    }

    /// Apply operator precedence to an expression's flat run of operands and operators.
    fn pratt(&self, pairs: pest::iterators::Pairs<Rule>) -> Result<Expr, Diagnostic> {
        pratt_parser()
            .map_primary(|p| self.expr(p))
            .map_prefix(|op, rhs| {
                let e = rhs?;
                let span = self.span(&op).join(e.span);
                Ok(match e.kind {
                    ExprKind::Num(x, r) => Expr { span, kind: ExprKind::Num(-x, r.map(|r| -r)) },
                    _ => Expr { span, kind: ExprKind::Neg(Box::new(e)) },
                })
            })
            .map_infix(|lhs, op, rhs| {
                let (l, r) = (lhs?, rhs?);
                let span = l.span.join(r.span);
                Ok(match op.as_rule() {
                    // `f <$> x`: a numeric function over every value, which is how Phonon's
                    // pattern functions apply anyway.
                    Rule::dollar_op | Rule::fmap_op => Expr { span, kind: ExprKind::Dollar(Box::new(l), Box::new(r)) },
                    Rule::overlay_op => {
                        let f = Expr { span: self.span(&op), kind: ExprKind::Ident("overlay".into()) };
                        Expr { span, kind: ExprKind::Apply(Box::new(f), vec![Arg::Pos(l), Arg::Pos(r)]) }
                    }
                    Rule::compose_op => {
                        // `f . g . h` is one flat composition.
                        let mut parts = match l.kind {
                            ExprKind::Compose(v) => v,
                            _ => vec![l],
                        };
                        match r.kind {
                            ExprKind::Compose(v) => parts.extend(v),
                            _ => parts.push(r),
                        }
                        Expr { span, kind: ExprKind::Compose(parts) }
                    }
                    _ => Expr { span, kind: ExprKind::Binary(binop(op.as_str()), Box::new(l), Box::new(r)) },
                })
            })
            .parse(pairs)
    }

    fn expr(&self, p: Pair<Rule>) -> Result<Expr, Diagnostic> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::expr => self.pratt(p.into_inner()),
            Rule::app => {
                let mut it = p.into_inner();
                let f = self.expr(next(&mut it, span)?)?;
                let mut args = Vec::new();
                for a in it {
                    if a.as_rule() == Rule::kwarg {
                        let aspan = self.span(&a);
                        let mut ki = a.into_inner();
                        let kw = next(&mut ki, aspan)?;
                        let name = next(&mut kw.into_inner(), aspan)?;
                        let name_span = self.span(&name);
                        let mut v = next(&mut ki, aspan)?;
                        let minus = (v.as_rule() == Rule::kw_neg).then(|| self.span(&v));
                        if minus.is_some() {
                            v = next(&mut ki, aspan)?;
                        }
                        let mut val = self.expr(v)?;
                        if let Some(m) = minus {
                            let span = SrcSpan::new(m.start, val.span.end);
                            val = Expr { span, kind: ExprKind::Neg(Box::new(val)) };
                        }
                        args.push(Arg::Key(name.as_str().to_string(), name_span, val));
                    } else {
                        args.push(Arg::Pos(self.expr(a)?));
                    }
                }
                // Tidal before 1.9 named the pattern to restart: `qtrigger 1 $ ...`, `qtrigger "d1" $ ...`.
                if matches!(&f.kind, ExprKind::Ident(n) if matches!(n.as_str(), "qtrigger" | "qt" | "trigger"))
                    && matches!(args.first(), Some(Arg::Pos(Expr { kind: ExprKind::Num(..) | ExprKind::Str(_), .. })))
                {
                    args.remove(0);
                }
                if args.is_empty() {
                    Ok(f)
                } else {
                    Ok(Expr { span, kind: ExprKind::Apply(Box::new(f), args) })
                }
            }
            Rule::number => number(p.as_str(), span),
            Rule::string => {
                let body = p.into_inner().next().map(|b| b.as_str().to_string()).unwrap_or_default();
                Ok(Expr { span, kind: ExprKind::Str(body) })
            }
            Rule::bus => Ok(Expr { span, kind: ExprKind::Bus(p.as_str()[1..].to_string()) }),
            Rule::note => {
                let name = p.as_str().to_string();
                match crate::pattern::notes::note_with_octave(&name) {
                    Some(n) => Ok(Expr { span, kind: ExprKind::Note(n, name) }),
                    None => Err(Diagnostic::new(span, format!("'{name}' is not a note name"))),
                }
            }
            Rule::ident => Ok(Expr { span, kind: ExprKind::Ident(p.as_str().to_string()) }),
            Rule::group => {
                let inner = next(&mut p.into_inner(), span)?;
                if inner.as_rule() == Rule::dollar_fn {
                    return Ok(Expr { span, kind: ExprKind::Ident("($)".into()) });
                }
                if inner.as_rule() == Rule::lambda {
                    let mut it = inner.into_inner();
                    let param = next(&mut it, span)?;
                    let body = self.expr(next(&mut it, span)?)?;
                    return super::lambda::point_free(param.as_str(), self.span(&param), body, span);
                }
                if inner.as_rule() == Rule::op_fn {
                    let op = binop(inner.as_str().trim());
                    return Ok(Expr { span, kind: ExprKind::Section(op, None, None) });
                }
                if inner.as_rule() == Rule::num_sec {
                    let mut it = inner.into_inner();
                    let op = num_op(next(&mut it, span)?.as_str());
                    let rhs = self.expr(next(&mut it, span)?)?;
                    return Ok(Expr { span, kind: ExprKind::Section(op, None, Some(Box::new(rhs))) });
                }
                if inner.as_rule() == Rule::sec_left {
                    let mut it = inner.into_inner();
                    let op = binop(next(&mut it, span)?.as_str());
                    let rhs = self.expr(next(&mut it, span)?)?;
                    return Ok(Expr { span, kind: ExprKind::Section(op, None, Some(Box::new(rhs))) });
                }
                let mut it = inner.into_inner();
                let body = self.expr(next(&mut it, span)?)?;
                match it.next() {
                    Some(rest) if rest.as_rule() == Rule::tuple_rest => {
                        let mut items = vec![body];
                        for x in rest.into_inner() {
                            items.push(self.expr(x)?);
                        }
                        Ok(Expr { span, kind: ExprKind::Tuple(items) })
                    }
                    // `<$>` applies its function to every value, which a pattern function
                    // already does: the section is that function.
                    Some(rest) if rest.as_rule() == Rule::fmap_sec => Ok(body),
                    Some(op) if op.as_rule() == Rule::num_op => {
                        Ok(Expr { span, kind: ExprKind::Section(num_op(op.as_str()), Some(Box::new(body)), None) })
                    }
                    Some(op) => {
                        let op = binop(op.as_str());
                        Ok(Expr { span, kind: ExprKind::Section(op, Some(Box::new(body)), None) })
                    }
                    None => Ok(body),
                }
            }
            Rule::list_range => {
                let text = p.as_str();
                let (from, to) = text[1..text.len() - 1].split_once("..").unwrap_or(("", ""));
                let (first, then) = match from.split_once(',') {
                    Some((a, b)) => (a, Some(b)),
                    None => (from, None),
                };
                let num = |t: &str| t.split_whitespace().collect::<String>().parse::<f64>().ok();
                let (Some(a), Some(c)) = (num(first), num(to)) else {
                    return Err(Diagnostic::new(span, "a list range is [a..b] or [a,b..c], with numbers: [1..16]"));
                };
                let step = match then.map(num) {
                    Some(Some(b)) => b - a,
                    Some(None) => {
                        return Err(Diagnostic::new(span, "a list range is [a..b] or [a,b..c], with numbers: [1..16]"))
                    }
                    None => 1.0,
                };
                let items = list_range(a, step, c).ok_or_else(|| {
                    Diagnostic::new(
                        span,
                        "a list range needs a step towards its end and at most 1025 numbers: [1..16], [0,0.25..1]",
                    )
                })?;
                let items = items
                    .into_iter()
                    .map(|x| {
                        let exact = (x.fract() == 0.0 && x.abs() < 1e15).then(|| Rational::int(x as i64));
                        Expr { span, kind: ExprKind::Num(x, exact) }
                    })
                    .collect();
                Ok(Expr { span, kind: ExprKind::List(items) })
            }
            Rule::list => {
                let items = p.into_inner().map(|c| self.expr(c)).collect::<Result<Vec<_>, _>>()?;
                Ok(Expr { span, kind: ExprKind::List(items) })
            }
            Rule::list_cat => {
                let mut items = Vec::new();
                for part in p.into_inner() {
                    if let ExprKind::List(xs) = self.expr(part)?.kind {
                        items.extend(xs);
                    }
                }
                Ok(Expr { span, kind: ExprKind::List(items) })
            }
            r => Err(Diagnostic::new(span, format!("unexpected {r:?}"))),
        }
    }
}

/// Haskell's `[a, a+step .. end]`: `a + k·step` for as long as it stays within half a step past
/// `end` (so `[0.1,0.2..0.3]` reaches 0.3 despite rounding). `None` for a step of zero or away
/// from the end, or more than 1025 numbers.
fn list_range(a: f64, step: f64, end: f64) -> Option<Vec<f64>> {
    if !(step != 0.0 && step.is_finite() && (end - a) * step >= 0.0) {
        return None;
    }
    let count = ((end - a) / step + 0.5).floor() as usize + 1;
    if count > 1025 {
        return None;
    }
    // Whole steps from a whole start stay exact; others are rounded to where decimal text
    // would put them (`0.1 + 2·0.1` is 0.3, not 0.30000000000000004).
    let tidy = |x: f64| if x.fract() == 0.0 { x } else { (x * 1e9).round() / 1e9 };
    Some((0..count).map(|k| tidy(a + k as f64 * step)).collect())
}

fn next<'a>(it: &mut pest::iterators::Pairs<'a, Rule>, span: SrcSpan) -> Result<Pair<'a, Rule>, Diagnostic> {
    it.next().ok_or_else(|| Diagnostic::new(span, "incomplete expression"))
}

/// `1` or `"name"`: a Tidal output.
fn slot(p: Pair<Rule>, at: SrcSpan) -> Result<Slot, Diagnostic> {
    let t = p.as_str();
    if let Some(name) = t.strip_prefix('"') {
        return Ok(Slot::Name(name.trim_end_matches('"').to_string()));
    }
    match t.parse::<u32>() {
        Ok(n) if n <= 1000 => Ok(Slot::Num(n)),
        _ => Err(Diagnostic::new(at, format!("'{t}' is not an output: use a number (1 for d1) or a name in quotes"))),
    }
}

fn output_number(name: &str) -> Option<u32> {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() {
        return Some(0);
    }
    digits.parse::<u32>().ok()
}

fn num_op(s: &str) -> BinOp {
    BinOp::Num(NumOp::parse(s).unwrap_or(NumOp::Eq))
}

fn binop(s: &str) -> BinOp {
    let (structure, core) = if let Some(c) = s.strip_prefix("||") {
        (Structure::Squeeze, c)
    } else if s.len() == 3 && s.starts_with('|') && s.ends_with('|') {
        (Structure::Both, &s[1..2])
    } else if let Some(c) = s.strip_prefix('|') {
        (Structure::Left, c)
    } else if s.len() == 2 && s.ends_with('|') {
        (Structure::Right, &s[..1])
    } else {
        (Structure::Both, s)
    };
    match core {
        // `|=|` (Tidal 0.9's `#`) reaches here as its core `=`.
        "#" | "=" => BinOp::Hash,
        "<~" => BinOp::ShiftLeft,
        "~>" => BinOp::ShiftRight,
        "+" => BinOp::Arith(Arith::Add, structure),
        "-" => BinOp::Arith(Arith::Sub, structure),
        "*" => BinOp::Arith(Arith::Mul, structure),
        "/" => BinOp::Arith(Arith::Div, structure),
        "%" => BinOp::Arith(Arith::Mod, structure),
        "<" => BinOp::Take(Side::Left, structure),
        _ => BinOp::Take(Side::Right, structure),
    }
}

fn number(text: &str, span: SrcSpan) -> Result<Expr, Diagnostic> {
    if let Some(h) = text.strip_prefix("0x") {
        return match i64::from_str_radix(h, 16) {
            Ok(v) => Ok(Expr { span, kind: ExprKind::Num(v as f64, Some(Rational::int(v))) }),
            Err(_) => Err(Diagnostic::new(span, format!("hex number '{text}' is too large"))),
        };
    }
    let x: f64 = text.parse().map_err(|_| Diagnostic::new(span, format!("'{text}' is not a number")))?;
    if !x.is_finite() {
        return Err(Diagnostic::new(span, format!("'{text}' is too large")));
    }
    Ok(Expr { span, kind: ExprKind::Num(x, decimal(text)) })
}

/// Human names for grammar rules, for "expected ..." messages. Everything that can start an
/// argument is "a value"; every kind of operator is "an operator".
fn rule_name(r: Rule) -> Option<&'static str> {
    Some(match r {
        Rule::expr | Rule::app | Rule::neg => "an expression",
        Rule::number
        | Rule::decimal
        | Rule::hex
        | Rule::string
        | Rule::bus
        | Rule::ident
        | Rule::note
        | Rule::group
        | Rule::list
        | Rule::list_range
        | Rule::list_cat
        | Rule::kwarg
        | Rule::kw_neg
        | Rule::kw_name => "a value",
        Rule::sum_op
        | Rule::prod_op
        | Rule::hash_op
        | Rule::shift_op
        | Rule::binop
        | Rule::dollar_op
        | Rule::compose_op => "an operator",
        Rule::setting | Rule::setting_name => "a setting (tempo:, cps:, bpm:, bpc:)",
        Rule::bus_def => "a bus definition (~name: ...)",
        Rule::out_def | Rule::out_name => "an output (out:, out1:, ...)",
        Rule::tidal_out | Rule::tidal_name => "d1 $ ...",
        Rule::command => "hush or panic",
        Rule::fmap_op | Rule::fmap_sec | Rule::overlay_op | Rule::num_op => "an operator",
        Rule::tuple_rest => "','",
        Rule::EOI => "the end of the statement",
        Rule::string_body => "the closing '\"'",
        _ => return None,
    })
}

/// The token at `pos` for messages: a whole word, or one character.
fn token_at(text: &str, pos: usize) -> Option<String> {
    let rest = text.get(pos..)?;
    let c = rest.chars().next()?;
    if c.is_alphanumeric() || c == '_' {
        Some(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect())
    } else {
        Some(c.to_string())
    }
}

/// Haskell that Tidal code uses and Phonon does not read, with the Phonon way.
fn haskell_hint(text: &str, pos: usize, token: Option<&str>) -> Option<String> {
    let before = text[..pos.min(text.len())].trim_end();
    let rest = text.get(pos..).unwrap_or("");
    // `(== 0)`, `(/= 0)`, `(> 3)` as test functions of cycle numbers (`when`, `ifp`, `while`).
    let comparison = rest.starts_with("==")
        || rest.starts_with("/=")
        || (token == Some("=") && (before.ends_with('=') || before.ends_with('/')))
        || ((token == Some(">") || token == Some("<")) && before.ends_with('('))
        || rest.starts_with("`mod`");
    if comparison {
        return Some(
            "Haskell's tests of cycle numbers ((== 0), (/= 0), elem) are not part of Phonon: pick cycles with every 2, \
             every' 4 1, whenmod 8 6 or a boolean pattern such as while \"<t f f t>\""
                .into(),
        );
    }
    // `'4'`: a Haskell character, as in `when ((elem '4') . show)`.
    if token == Some("'") && rest.chars().nth(2) == Some('\'') {
        return Some(
            "Haskell's characters ('4') and show are not part of Phonon: pick cycles with every, every', whenmod or a \
             boolean pattern such as while \"<f f f t>\""
                .into(),
        );
    }
    if rest.starts_with("++") || (rest.starts_with('+') && before.ends_with('+')) {
        return Some(
            "Haskell's ++ joins lists of values here ([0, 2] ++ [4..7]); for a scale of your own write toScale \
             [0, 2, 3, 5, 7, 8, 10], to join patterns use cat or fastcat"
                .into(),
        );
    }
    None
}

/// Heads that need a ':' (or for `dN`, a '$').
fn statement_head_hint(word: &str) -> Option<String> {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    if word == "out" || word.strip_prefix("out").is_some_and(digits) || word.strip_prefix('o').is_some_and(digits) {
        return Some(format!("expected ':' after '{word}' (an output: {word}: ...)"));
    }
    if word.strip_prefix('d').is_some_and(digits) {
        return Some(format!("expected '$' or ':' after '{word}' ({word} $ ... or {word}: ...)"));
    }
    if crate::controls::setting(word).is_some() {
        return Some(format!("expected ':' after '{word}' (a setting: {word}: 0.5)"));
    }
    None
}

fn pest_error(e: pest::error::Error<Rule>, text: &str, base: usize) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let token = token_at(text, pos);
    let found_desc = match token.as_deref() {
        None | Some("\n") => "the end of the line".to_string(),
        Some(t) => format!("'{t}'"),
    };
    let end = pos + token.as_ref().map(|t| t.len()).unwrap_or(0);
    let span = SrcSpan::new(base + pos, base + end.max(pos));
    // An odd number of quotes on a line: the last one opens a string that never closes.
    let mut line_off = 0;
    for line in text.split_inclusive('\n') {
        if line.matches('"').count() % 2 == 1 {
            let q = line_off + line.rfind('"').unwrap_or(0);
            return Diagnostic::new(
                SrcSpan::new(base + q, base + q + 1),
                "unterminated string: expected a closing '\"' on the same line",
            );
        }
        line_off += line.len();
    }
    // A statement that starts with something unknown gets a specific message.
    let word: String = text.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '~').collect();
    if pos == 0 || (pos == word.len() && !word.starts_with('~')) {
        let head = SrcSpan::new(base, base + word.len().max(1));
        if text[word.len()..].trim_start_matches('\'').trim_start().starts_with("::") {
            return Diagnostic::new(
                head,
                "Haskell type signatures are not part of Phonon: leave the line out (Phonon infers every type)",
            );
        }
        if let Some(hint) = statement_head_hint(&word) {
            return Diagnostic::new(head, hint);
        }
        let msg = if word.is_empty() {
            format!("expected a statement (~bus: ..., out: ..., tempo: ...), found {found_desc}")
        } else if text[word.len()..].trim_start().starts_with(':') {
            format!("'{word}' is not a bus, output or setting: buses start with '~' (~{word}:), outputs are out:, out1:, ...")
        } else {
            format!("expected ':' after '{word}': a statement is '~{word}: ...' (a bus), 'out: ...' or a setting")
        };
        return Diagnostic::new(head, msg);
    }
    if let Some(msg) = haskell_hint(text, pos, token.as_deref()) {
        return Diagnostic::new(span, msg);
    }
    if token.as_deref() == Some("\\") {
        return Diagnostic::new(
            span,
            "a lambda goes in parentheses, (\\x -> x # speed 2), or write it as a section such as (# speed 2) or a composition (fast 2 . rev)",
        );
    }
    let before = &text[..pos.min(text.len())];
    let opens = before.matches('(').count() as i64 - before.matches(')').count() as i64;
    let brackets = before.matches('[').count() as i64 - before.matches(']').count() as i64;
    let mut expected: Vec<&'static str> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.iter().filter_map(|r| rule_name(*r)).collect(),
        ErrorVariant::CustomError { .. } => vec![],
    };
    expected.sort_unstable();
    expected.dedup();
    let msg = match token.as_deref() {
        None | Some("\n") if opens > 0 => "unclosed '(': expected ')' before the end of the statement".to_string(),
        None | Some("\n") if brackets > 0 => "unclosed '[': expected ']' before the end of the statement".to_string(),
        Some(")") if opens <= 0 => "unmatched ')': there is no '(' to close".to_string(),
        Some("]") if brackets <= 0 => "unmatched ']': there is no '[' to close".to_string(),
        Some(",") if brackets <= 0 => "',' only separates the items of a list such as [a, b]".to_string(),
        _ if expected.is_empty() => format!("unexpected {found_desc}"),
        _ => format!("expected {}, found {found_desc}", join_or(&expected)),
    };
    Diagnostic::new(span, msg)
}

fn join_or(items: &[&str]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].to_string(),
        n => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Statement {
        let p = parse_program(src).unwrap_or_else(|e| panic!("{}", e.render("t", src)));
        p.statements.into_iter().next().unwrap()
    }

    fn show(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Num(x, _) => format!("{x}"),
            ExprKind::Note(n, _) => format!("note{n}"),
            ExprKind::Str(s) => format!("{s:?}"),
            ExprKind::Bus(b) => format!("~{b}"),
            ExprKind::Ident(i) => i.clone(),
            ExprKind::Apply(f, args) => {
                let a: Vec<String> = args
                    .iter()
                    .map(|a| match a {
                        Arg::Pos(e) => show(e),
                        Arg::Key(k, _, e) => format!("{k}:{}", show(e)),
                    })
                    .collect();
                format!("({} {})", show(f), a.join(" "))
            }
            ExprKind::Binary(op, l, r) => format!("({} {} {})", show(l), op.text(), show(r)),
            ExprKind::Neg(e) => format!("-{}", show(e)),
            ExprKind::Section(op, l, r) => format!(
                "(sec {} {} {})",
                l.as_ref().map(|e| show(e)).unwrap_or_default(),
                op.text(),
                r.as_ref().map(|e| show(e)).unwrap_or_default()
            ),
            ExprKind::Compose(v) => v.iter().map(show).collect::<Vec<_>>().join(" . "),
            ExprKind::List(v) => format!("[{}]", v.iter().map(show).collect::<Vec<_>>().join(", ")),
            ExprKind::Tuple(v) => format!("({})", v.iter().map(show).collect::<Vec<_>>().join(", ")),
            ExprKind::Dollar(f, x) => format!("({} $ {})", show(f), show(x)),
        }
    }

    fn expr_of(src: &str) -> String {
        match one(src).kind {
            StatementKind::Out(_, e)
            | StatementKind::Play(_, e)
            | StatementKind::Bus(_, e)
            | StatementKind::Setting(_, e) => show(&e),
            k => format!("{k:?}"),
        }
    }

    #[test]
    fn precedence_is_tidal() {
        assert_eq!(expr_of("out: sine 440"), "(sine 440)");
        assert_eq!(expr_of("out: every 4 rev $ s \"bd sn\""), "((every 4 rev) $ (s \"bd sn\"))");
        assert_eq!(expr_of("out: a $ b $ c"), "(a $ (b $ c))");
        assert_eq!(expr_of("out: s \"bd\" # gain 0.5 # pan 1"), "(((s \"bd\") # (gain 0.5)) # (pan 1))");
        assert_eq!(expr_of("out: ~a + ~b * 0.3"), "(~a + (~b * 0.3))");
        assert_eq!(
            expr_of("out: saw 55 # lpf (~lfo * 1500 + 600) q:0.8"),
            "((saw 55) # (lpf ((~lfo * 1500) + 600) q:0.8))"
        );
        assert_eq!(expr_of("out: every 2 (rev . fast 2) $ s \"a\""), "((every 2 rev . (fast 2)) $ (s \"a\"))");
        assert_eq!(expr_of("out: n \"0\" |+ n 12"), "((n \"0\") |+ (n 12))");
        assert_eq!(expr_of("out: n \"0\" + n \"1\" |* 2"), "((n \"0\") + ((n \"1\") |* 2))");
        assert_eq!(expr_of("out: -0.5"), "-0.5");
        assert_eq!(expr_of("out: .5 * 1e3"), "(0.5 * 1000)");
        assert_eq!(expr_of("out: 0.25 <~ s \"a b\""), "(0.25 <~ (s \"a b\"))");
        assert_eq!(expr_of("out: lpf 800 q:(sine 3 * 2) $ ~x"), "((lpf 800 q:((sine 3) * 2)) $ ~x)");
        assert_eq!(expr_of("out: lpf 800 q: 0.5"), "(lpf 800 q:0.5)");
    }

    #[test]
    fn a_statement_parsed_before_gets_the_spans_of_its_new_place() {
        let line = "~a: lpf 300 q:0.5 $ s \"bd\" # n (-1)";
        let first = parse_program(&format!("{line}\n")).unwrap();
        let moved = parse_program(&format!("out: sine 1\n-- a comment\n{line}\n")).unwrap();
        let mut expected = first.statements[0].clone();
        expected.shift(25);
        assert_eq!(moved.statements[1], expected);
        // Errors too: the same mistake on another line points at its own place.
        let bad = "out: sine (";
        let e1 = parse_program(bad).unwrap_err().0[0].span;
        let e2 = parse_program(&format!("out: sine 2\n{bad}")).unwrap_err().0[0].span;
        assert_eq!(e2, e1.shifted(12));
    }

    #[test]
    fn keyword_arguments_may_be_negative() {
        assert_eq!(expr_of("out: compressor threshold:-30 ratio:4"), "(compressor threshold:-30 ratio:4)");
        assert_eq!(expr_of("out: f x: - 2 y:-0.5"), "(f x:-2 y:-0.5)");
        // A comment after a keyword is still a comment.
        assert!(parse_program("out: f x:--1\n").is_err());
    }

    #[test]
    fn sections_lists_notes() {
        assert_eq!(expr_of("out: every 2 (# speed 2) $ s \"a\""), "((every 2 (sec  # (speed 2))) $ (s \"a\"))");
        assert_eq!(expr_of("out: every 2 (0.25 <~) $ s \"a\""), "((every 2 (sec 0.25 <~ )) $ (s \"a\"))");
        assert_eq!(expr_of("out: (-1)"), "-1");
        assert_eq!(expr_of("out: stack [s \"a\", s \"b\"]"), "(stack [(s \"a\"), (s \"b\")])");
        assert_eq!(expr_of("out: note c4 + note a#3 + eb2"), "(((note note-12) + (note note-14)) + note-33)");
    }

    #[test]
    fn statements() {
        assert!(matches!(one("d1 $ s \"bd\"").kind, StatementKind::Play(Slot::Num(1), _)));
        assert!(matches!(one("d2 silence").kind, StatementKind::Play(Slot::Num(2), _)));
        assert!(matches!(one("p \"x\" $ s \"bd\"").kind, StatementKind::Play(Slot::Name(_), _)));
        assert!(matches!(one("xfadeIn 3 8 $ s \"bd\"").kind, StatementKind::Play(Slot::Num(3), _)));
        assert!(matches!(one("t1 anticipate $ s \"bd\"").kind, StatementKind::Play(Slot::Num(1), _)));
        let StatementKind::Play(_, e) = one("d1 $ s \"bd\" # n (choose [1..3])").kind else { panic!() };
        assert!(format!("{e:?}").contains("List([Expr { kind: Num(1.0"), "{e:?}");
        assert!(matches!(one("t2 (xfadeIn 16) $ s \"bd\"").kind, StatementKind::Play(Slot::Num(2), _)));
        assert!(matches!(one("setcps (120/60/4)").kind, StatementKind::Tempo(false, _)));
        assert!(matches!(one("setbpm 120").kind, StatementKind::Tempo(true, _)));
        assert!(matches!(one("once $ s \"bd\"").kind, StatementKind::Once(_)));
        assert!(matches!(one("solo 2").kind, StatementKind::Solo(Slot::Num(2), true)));
        assert!(matches!(one("all $ (# speed 2)").kind, StatementKind::All(_)));
        assert!(matches!(one("resetCycles").kind, StatementKind::SetCycle(_)));
        assert!(matches!(one("mute 2").kind, StatementKind::Mute(Slot::Num(2), true)));
        assert!(matches!(one("unmuteAll").kind, StatementKind::ClearAll(true)));
        assert!(matches!(one("import Sound.Tidal.Context").kind, StatementKind::Nothing));
        assert!(matches!(&one("let pat = \"bd sn\"").kind, StatementKind::Let(n, p, _) if n == "pat" && p.is_empty()));
        assert!(matches!(&one("let f x = fast 2 x").kind, StatementKind::Let(n, p, _) if n == "f" && p.len() == 1));
        assert_eq!(expr_of("out: within (0, 0.5) (fast 2) $ s \"a\""), "((within (0, 0.5) (fast 2)) $ (s \"a\"))");
        assert_eq!(expr_of("out: n ((+ 12) <$> \"0 3\")"), "(n ((sec  + 12) $ \"0 3\"))");
        assert!(matches!(one("o2: s \"bd\"").kind, StatementKind::Out(2, _)));
        assert!(matches!(one("out3: s \"bd\"").kind, StatementKind::Out(3, _)));
        assert!(matches!(one("out: s \"bd\"").kind, StatementKind::Out(0, _)));
        assert!(matches!(one("hush").kind, StatementKind::Hush));
        assert!(matches!(one("bpm: 120").kind, StatementKind::Setting(_, _)));
        let p = parse_program("~a: sine 1 -- lfo\n  * 2\nout: ~a\n").unwrap();
        assert_eq!(p.statements.len(), 2);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let src = "out: sine 440\nout: lpf (saw 3\n";
        let e = parse_program(src).unwrap_err();
        assert_eq!(e.0.len(), 1);
        let (l, _) = e.0[0].line_col(src);
        assert_eq!(l, 2);
        assert!(e.0[0].message.contains("unclosed"), "{}", e.0[0].message);
        let e = parse_program("out: s \"bd\n").unwrap_err();
        assert!(e.0[0].message.contains("unterminated string"), "{}", e.0[0].message);
        let e = parse_program("kick: s \"bd\"").unwrap_err();
        assert!(e.0[0].message.contains("~kick"), "{}", e.0[0].message);
        let deep = format!("out: {}1{}", "(".repeat(300), ")".repeat(300));
        assert!(parse_program(&deep).is_err());
    }

    #[test]
    fn note_names_are_tidal_note_numbers() {
        let num = |src: &str| match &parse_program(src).unwrap().statements[0].kind {
            StatementKind::Out(_, Expr { kind: ExprKind::Note(n, _), .. }) => *n,
            k => panic!("{k:?}"),
        };
        assert_eq!(num("out: c5"), 0.0);
        assert_eq!(num("out: a5"), 9.0);
        assert_eq!(num("out: eb2"), -33.0);
        assert_eq!(num("out: as3"), -14.0);
    }
}
