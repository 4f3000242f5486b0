//! Tidal's one-parameter lambdas (`\x -> x # speed 2`) rewritten as the function they are
//! without a parameter: a section, a partial application or a composition. Phonon's functions
//! are built from those, so a lambda whose parameter appears once, on the path that each
//! step applies to, means exactly the rewritten function; any other lambda gets an error
//! with the Phonon spelling.

use super::ast::{Arg, Expr, ExprKind, SrcSpan};
use super::Diagnostic;

/// `\param -> body` as a function expression.
pub fn point_free(param: &str, param_span: SrcSpan, body: Expr, span: SrcSpan) -> Result<Expr, Diagnostic> {
    match uses(param, &body) {
        // `\_ -> pat`: the pattern given is ignored, as `const pat` does.
        0 => Ok(Expr { span, kind: ExprKind::Apply(Box::new(ident("const", span)), vec![Arg::Pos(body)]) }),
        1 => rewrite(param, body, span).ok_or_else(|| unsupported(param_span, param)),
        _ => Err(unsupported(param_span, param)),
    }
}

fn unsupported(at: SrcSpan, param: &str) -> Diagnostic {
    Diagnostic::new(
        at,
        format!(
            "Phonon reads a lambda whose '{param}' is what each step applies to, as in (\\{param} -> {param} # speed 2) or (\\{param} -> fast 2 $ rev {param}); \
             write this one as a section (# speed 2), a composition (fast 2 . rev) or superimpose/layer for several copies"
        ),
    )
}

fn ident(name: &str, span: SrcSpan) -> Expr {
    Expr { span, kind: ExprKind::Ident(name.into()) }
}

/// The function `f` such that `f x` is `body` (where `param` appears once in `body`).
fn rewrite(param: &str, body: Expr, span: SrcSpan) -> Option<Expr> {
    let compose = |outer: Expr, inner: Expr| -> Expr {
        match inner.kind {
            ExprKind::Ident(ref n) if n == "id" => outer,
            _ => Expr { span, kind: ExprKind::Compose(vec![outer, inner]) },
        }
    };
    match body.kind {
        ExprKind::Ident(ref n) if n == param => Some(ident("id", span)),
        // `x # speed 2` is `(# speed 2)`, `0.25 ~> x` is `(0.25 ~>)`.
        ExprKind::Binary(op, l, r) => {
            if uses(param, &l) == 1 {
                let inner = rewrite(param, *l, span)?;
                Some(compose(Expr { span, kind: ExprKind::Section(op, None, Some(r)) }, inner))
            } else {
                let inner = rewrite(param, *r, span)?;
                Some(compose(Expr { span, kind: ExprKind::Section(op, Some(l), None) }, inner))
            }
        }
        ExprKind::Dollar(f, x) if uses(param, &f) == 0 => {
            let inner = rewrite(param, *x, span)?;
            Some(compose(*f, inner))
        }
        // `fast 2 x`: the parameter is the last argument.
        ExprKind::Apply(f, mut args) if uses(param, &f) == 0 => {
            let last = match args.pop()? {
                Arg::Pos(e) if uses(param, &e) == 1 => e,
                _ => return None,
            };
            let outer = if args.is_empty() { *f } else { Expr { span, kind: ExprKind::Apply(f, args) } };
            let inner = rewrite(param, last, span)?;
            Some(compose(outer, inner))
        }
        _ => None,
    }
}

/// How many times `param` appears in `e`.
fn uses(param: &str, e: &Expr) -> usize {
    match &e.kind {
        ExprKind::Ident(n) => usize::from(n == param),
        ExprKind::Num(..) | ExprKind::Note(..) | ExprKind::Str(_) | ExprKind::Bus(_) => 0,
        ExprKind::Apply(f, args) => uses(param, f) + args.iter().map(|a| uses(param, a.expr())).sum::<usize>(),
        ExprKind::Binary(_, l, r) | ExprKind::Dollar(l, r) => uses(param, l) + uses(param, r),
        ExprKind::Neg(x) => uses(param, x),
        ExprKind::Section(_, l, r) => [l, r].into_iter().flatten().map(|x| uses(param, x)).sum(),
        ExprKind::Compose(v) | ExprKind::List(v) | ExprKind::Tuple(v) => v.iter().map(|x| uses(param, x)).sum(),
    }
}
