//! Continuous periodic patterns, one period per cycle, in 0..1 (Strudel's `sine`, `cosine`,
//! `saw`, `isaw`, `tri`, `square`).
//!
//! Also named `sinewave`, `cosinewave`, `sawwave`, `isawwave`, `triwave` and `squarewave`,
//! because `sine`, `saw`, `square` and `tri` are also Phonon's audio-rate oscillators: the
//! compiler decides by use (bare `sine` is this pattern, `sine 440` the oscillator). Like every
//! continuous pattern they take their value at the start of the queried span; use them with
//! `segment`, `range` or as the right side of `#`. Tidal's envelopes `envL`, `envLR`, `envEq`
//! and `envEqR` run once, over the first cycle.

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

/// Tidal's `envL`: 0 up to 1 over the first cycle, then 1.
fn env_l(t: Rational) -> f64 {
    t.to_f64().clamp(0.0, 1.0)
}

fn envl_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(env_l(t))))
}

fn envlr_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(1.0 - env_l(t))))
}

fn enveq_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num((std::f64::consts::FRAC_PI_2 * (1.0 - t.to_f64()).clamp(0.0, 1.0)).sin().sqrt())))
}

fn enveqr_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num((std::f64::consts::FRAC_PI_2 * (1.0 - t.to_f64()).clamp(0.0, 1.0)).cos().sqrt())))
}

fn square_imp(_: &[PatArg]) -> Result<Pattern, String> {
    Ok(signal(|t| Value::Num(((t.to_f64() * 2.0) % 2.0).floor())))
}

macro_rules! wave {
    ($name:literal, [$($alias:literal),*], $help:literal, $imp:ident) => {
        FnMeta {
            name: $name,
            aliases: &[$($alias),*],
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
    wave!(
        "sinewave",
        ["sine", "sinewave1", "sine1"],
        "A continuous sine-shaped pattern from 0 to 1 and back, once per cycle. Bare `sine` (no frequency) \
         is this pattern, as in Tidal (`# pan sine`); `sine 440` is the oscillator.",
        sine_imp
    ),
    wave!("cosinewave", ["cosine", "cosine1"], "sinewave a quarter cycle earlier.", cosine_imp),
    wave!(
        "sawwave",
        ["saw", "sawwave1", "saw1"],
        "A continuous ramp from 0 up to 1, once per cycle. Bare `saw` is this pattern; `saw 55` the oscillator.",
        saw_imp
    ),
    wave!("isawwave", ["isaw", "isaw1"], "A continuous ramp from 1 down to 0, once per cycle.", isaw_imp),
    wave!(
        "triwave",
        ["tri", "triwave1", "tri1"],
        "A continuous triangle from 0 up to 1 and back, once per cycle. Bare `tri` is this pattern; `tri 220` the oscillator.",
        tri_imp
    ),
    wave!(
        "squarewave",
        ["square", "squarewave1", "square1"],
        "A continuous square: 0 for the first half of each cycle, 1 for the second. Bare `square` is this \
         pattern; `square 110` the oscillator.",
        square_imp
    ),
    wave!("envL", [], "Tidal's linear envelope: 0 up to 1 over the first cycle, then 1.", envl_imp),
    wave!("envLR", ["envR"], "envL reversed: 1 down to 0 over the first cycle, then 0.", envlr_imp),
    wave!("envEq", [], "Tidal's equal-power envelope: 0 up to 1 over the first cycle (for cross-fades).", enveq_imp),
    wave!("envEqR", [], "envEq reversed: 1 down to 0 over the first cycle.", enveqr_imp),
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

    #[test]
    fn tidal_names_by_use() {
        // Tidal's documented values: saw rises 0..1, square is 0 then 1, isaw falls.
        assert_eq!(onsets("segment 4 $ saw", 0, 1), ["0:0", "1/4:0.25", "1/2:0.5", "3/4:0.75"]);
        assert_eq!(onsets("segment 4 $ isaw", 0, 1), ["0:1", "1/4:0.75", "1/2:0.5", "3/4:0.25"]);
        assert_eq!(onsets("segment 2 $ square", 0, 1), ["0:0", "1/2:1"]);
        assert_eq!(onsets("segment 4 $ tri", 0, 1), ["0:0", "1/4:0.5", "1/2:1", "3/4:0.5"]);
        assert_eq!(onsets("segment 2 $ range 200 2000 $ slow 4 saw", 0, 1), ["0:200", "1/2:425"]);
        assert_eq!(onsets("segment 4 $ range 1 5 sine", 0, 1)[1], "1/4:5");
        assert_eq!(onsets("segment 2 $ envL", 0, 2), ["0:0", "1/2:0.5", "1:1", "3/2:1"]);
        assert_eq!(onsets("segment 2 $ envR", 0, 1), ["0:1", "1/2:0.5"]);
        assert_eq!(onsets("n \"0*2\" # pan saw", 0, 1), ["0:{\"n\":0,\"pan\":0}", "1/2:{\"n\":0,\"pan\":0.5}"]);
        assert_eq!(onsets("n (segment 2 $ saw * 4)", 0, 1), ["0:{\"n\":0}", "1/2:{\"n\":2}"]);
    }
}
