//! Continuous periodic patterns, one period per cycle, in 0..1 (Strudel's `sine`, `cosine`,
//! `saw`, `isaw`, `tri`, `square`).
//!
//! Named `sinewave`, `cosinewave`, `sawwave`, `isawwave`, `triwave` and `squarewave` because
//! `sine`, `saw`, `square` and `tri` are Phonon's audio-rate oscillators. Like every
//! continuous pattern they take their value at the start of the queried span; use them with
//! `segment`, `range` or as the right side of `#`.

use crate::meta::{FnMeta, Imp, Kind, PatArg};
use crate::pattern::core::{early, fastcat, signal};
use crate::pattern::{Pattern, Value};
use crate::time::Rational;

/// JavaScript's `t % 1`: the fraction, with the sign of `t`.
fn js_frac(t: Rational) -> f64 {
    let x = t.to_f64();
    x % 1.0
}

pub fn sinewave() -> Pattern {
    signal(|t| Value::Num(((std::f64::consts::TAU * t.to_f64()).sin() + 1.0) / 2.0))
}

pub fn sawwave() -> Pattern {
    signal(|t| Value::Num(js_frac(t)))
}

pub fn isawwave() -> Pattern {
    signal(|t| Value::Num(1.0 - js_frac(t)))
}

fn sine_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(sinewave())
}

fn cosine_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(early(Rational::new(1, 4), sinewave()))
}

fn saw_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(sawwave())
}

fn isaw_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(isawwave())
}

fn tri_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(fastcat(vec![sawwave(), isawwave()]))
}

fn square_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(((t.to_f64() * 2.0) % 2.0).floor())))
}

macro_rules! wave {
    ($name:literal, $help:literal, $imp:ident) => {
        FnMeta {
            name: $name,
            aliases: &[],
            kind: Kind::PatternSource,
            params: &[],
            variadic: false,
            help: $help,
            example: concat!("out: s \"hh*8\" # pan ", $name),
            imp: Imp::Pattern($imp),
        }
    };
}

pub static FUNCTIONS: &[FnMeta] = &[
    wave!("sinewave", "A continuous sine-shaped pattern from 0 to 1 and back, once per cycle.", sine_imp),
    wave!("cosinewave", "sinewave a quarter cycle earlier.", cosine_imp),
    wave!("sawwave", "A continuous ramp from 0 up to 1, once per cycle.", saw_imp),
    wave!("isawwave", "A continuous ramp from 1 down to 0, once per cycle.", isaw_imp),
    wave!("triwave", "A continuous triangle from 0 up to 1 and back, once per cycle.", tri_imp),
    wave!("squarewave", "A continuous square: 0 for the first half of each cycle, 1 for the second.", square_imp),
];

#[cfg(test)]
mod tests {
    use super::super::testing::onsets;

    #[test]
    fn sampled_waves() {
        assert_eq!(onsets("segment 4 $ sawwave", 0, 1), ["0:0", "1/4:0.25", "1/2:0.5", "3/4:0.75"]);
        assert_eq!(onsets("segment 4 $ squarewave", 0, 1), ["0:0", "1/4:0", "1/2:1", "3/4:1"]);
        assert_eq!(onsets("segment 4 $ triwave", 0, 1), ["0:0", "1/4:0.5", "1/2:1", "3/4:0.5"]);
        assert_eq!(onsets("segment 2 $ sinewave", 0, 1), ["0:0.5", "1/2:0.5000000000000001"]);
    }
}
