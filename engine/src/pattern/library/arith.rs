//! Arithmetic on values (`add sub mul div mod range rangex`). Structure comes from the
//! transformed pattern, as with the `|+` operators; the operators themselves live in
//! `pattern::ops`.

use super::{op, pat, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::join::{num_of, patternify};
use crate::pattern::ops::{app, combine_values, From, ValueOp};
use crate::pattern::transform::split_at_cycles;
use crate::pattern::{Pattern, Value};

fn arith(a: &[PatArg], op: ValueOp) -> Result<Pattern, String> {
    Ok(app(op, From::Left, pat(a, 1)?, pat(a, 0)?))
}

fn add(a: &[PatArg]) -> Result<Pattern, String> {
    arith(a, ValueOp::Add)
}

fn sub(a: &[PatArg]) -> Result<Pattern, String> {
    arith(a, ValueOp::Sub)
}

fn mul(a: &[PatArg]) -> Result<Pattern, String> {
    arith(a, ValueOp::Mul)
}

fn div(a: &[PatArg]) -> Result<Pattern, String> {
    arith(a, ValueOp::Div)
}

fn modulo(a: &[PatArg]) -> Result<Pattern, String> {
    arith(a, ValueOp::Mod)
}

/// Values in 0..1 scaled to `lo..hi` (Strudel's `pat.mul(hi - lo).add(lo)`; `exp`: scaled
/// exponentially, for frequencies).
fn scaled(a: &[PatArg], exp: bool) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let pat = pat(a, 2)?;
    Ok(patternify(
        vec![super::pat(a, 0)?, super::pat(a, 1)?],
        op(move |a, span, out| {
            let (Some(lo), Some(hi)) = (num_of(&a[0]), num_of(&a[1])) else { return };
            let (lo, hi) = if exp { (lo.ln(), hi.ln()) } else { (lo, hi) };
            let mark = out.len();
            pat.query(span, out);
            split_at_cycles(out, mark, |v| {
                let v =
                    combine_values(ValueOp::Add, combine_values(ValueOp::Mul, v, Value::Num(hi - lo)), Value::Num(lo));
                match (exp, v) {
                    (true, Value::Num(x)) => Value::Num(x.exp()),
                    _ => v,
                }
            });
        }),
    ))
}

fn range(a: &[PatArg]) -> Result<Pattern, String> {
    scaled(a, false)
}

fn rangex(a: &[PatArg]) -> Result<Pattern, String> {
    scaled(a, true)
}

const AMOUNT: Param = Param::pattern("amount");

macro_rules! arith_entry {
    ($name:literal, $help:literal, $example:literal, $imp:ident) => {
        FnMeta {
            name: $name,
            aliases: &[],
            kind: Kind::Pattern,
            params: &[AMOUNT, PAT],
            variadic: false,
            help: $help,
            example: $example,
            imp: Imp::Pattern($imp),
        }
    };
}

pub static FUNCTIONS: &[FnMeta] = &[
    arith_entry!(
        "add",
        "Adds a pattern of numbers to the values, keeping the pattern's structure (like |+).",
        "out: n (add \"<0 3>\" \"0 2 4\") # s \"superpiano\"",
        add
    ),
    arith_entry!(
        "sub",
        "Subtracts a pattern of numbers from the values, keeping the pattern's structure (like |-).",
        "out: n (sub \"<0 12>\" \"12 14\") # s \"superpiano\"",
        sub
    ),
    arith_entry!(
        "mul",
        "Multiplies the values by a pattern of numbers, keeping the pattern's structure (like |*).",
        "out: s \"bd*4\" # speed (mul \"1 2\" \"1\")",
        mul
    ),
    arith_entry!(
        "div",
        "Divides the values by a pattern of numbers, keeping the pattern's structure (like |/).",
        "out: s \"bd*4\" # speed (div \"1 2\" \"2\")",
        div
    ),
    arith_entry!(
        "mod",
        "The values modulo a pattern of numbers (the sign of the divisor), keeping the pattern's structure.",
        "out: n (mod 5 $ run 8) # s \"superpiano\"",
        modulo
    ),
    FnMeta {
        name: "range",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("lo"), Param::pattern("hi"), PAT],
        variadic: false,
        help: "Scales values from 0..1 to lo..hi (for continuous patterns such as sinewave, rand, perlin); Tidal 0.8's scale 1 3 sine1 (numbers first) reads as range.",
        example: "out: s \"hh*8\" # speed (range 1 2 sinewave)",
        imp: Imp::Pattern(range),
    },
    FnMeta {
        name: "rangex",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("lo"), Param::pattern("hi"), PAT],
        variadic: false,
        help: "Like range, on an exponential curve (for frequencies).",
        example: "out: s \"hh*8\" # cutoff (rangex 200 4000 sinewave)",
        imp: Imp::Pattern(rangex),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{onsets, show};

    #[test]
    fn arithmetic_keeps_the_left_structure() {
        assert_eq!(onsets("add \"10 20\" $ \"1 2 3\"", 0, 1), ["0:11", "1/3:12", "2/3:23"]);
        assert_eq!(onsets("sub 1 $ \"1 2\"", 0, 1), ["0:0", "1/2:1"]);
        assert_eq!(onsets("mod 3 $ \"4 -1\"", 0, 1), ["0:1", "1/2:2"]);
    }

    #[test]
    fn range_scales() {
        assert_eq!(onsets("range 10 20 $ \"0 0.5 1\"", 0, 1), ["0:10", "1/3:15", "2/3:20"]);
        assert_eq!(show("range 1 2 $ sawwave", 0, 1), ["~|0-1:1"]);
    }
}
