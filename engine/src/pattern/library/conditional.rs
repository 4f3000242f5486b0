//! Conditional transformation: applying a function to some cycles or parts of cycles (`every
//! firstOf lastOf when whenmod chunk chunkBack fastChunk superimpose layer`).

use super::{check_numbers, fun, funs, op, pat, whole, PAT};
use crate::meta::{FnMeta, Imp, Kind, Param, PatArg};
use crate::pattern::core::stack;
use crate::pattern::join::{bind_args, num_of, patternify, read_bound, time_of};
use crate::pattern::transform::{per_cycle, repeat_cycles_q, steps_q};
use crate::pattern::{Pattern, Slot};
use crate::time::Rational;

/// The count of `every`, `chunk` and friends: a whole number of at least 1.
fn count(v: &crate::pattern::Value) -> Option<i64> {
    num_of(v).filter(|&x| whole(x) && (1.0..=1e12).contains(&x)).map(|x| x as i64)
}

fn check_count(n: &Pattern, what: &str) -> Result<(), String> {
    check_numbers(&[n], |v| {
        if whole(v[0]) && v[0] >= 1.0 {
            Ok(())
        } else {
            Err(format!("{what} must be a whole number of at least 1, not {}", crate::pattern::value::num_json(v[0])))
        }
    })
}

/// `f` applied in the cycles where `pick(cycle, n)` holds (Strudel's `slowcatPrime` of the
/// plain and transformed patterns: no time shift).
fn every_with(a: &[PatArg], pick: fn(i64, i64) -> bool) -> Result<Pattern, String> {
    let (n, f, pat) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    check_count(&n, "the number of cycles")?;
    let fpat = f(pat.clone())?;
    Ok(patternify(
        vec![n],
        op(move |a, span, out| {
            let Some(n) = count(&a[0]) else { return };
            per_cycle(span, out, |cyc, out| {
                if pick(cyc.begin.floor_int(), n) {
                    fpat.query(cyc, out)
                } else {
                    pat.query(cyc, out)
                }
            });
        }),
    ))
}

fn every(a: &[PatArg]) -> Result<Pattern, String> {
    every_with(a, |c, n| c.rem_euclid(n) == 0)
}

fn last_of(a: &[PatArg]) -> Result<Pattern, String> {
    every_with(a, |c, n| c.rem_euclid(n) == n - 1)
}

fn when(a: &[PatArg]) -> Result<Pattern, String> {
    let (on, f, pat) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    let fpat = f(pat.clone())?;
    Ok(patternify(
        vec![on],
        op(move |a, span, out| if a[0].truthy() { fpat.query(span, out) } else { pat.query(span, out) }),
    ))
}

/// Tidal's `whenmod a b f`: `f` where the cycle position modulo `a` is at least `b`.
fn whenmod(a: &[PatArg]) -> Result<Pattern, String> {
    super::numeric(a, &[0, 1])?;
    let (m, b, f, pat) = (pat(a, 0)?, pat(a, 1)?, fun(a, 2)?, pat(a, 3)?);
    let fpat = f(pat.clone())?;
    Ok(patternify(
        vec![m, b],
        op(move |a, span, out| {
            let (Some(m), Some(b)) = (time_of(&a[0]), time_of(&a[1])) else { return };
            per_cycle(
                span,
                out,
                |cyc, out| {
                    if cyc.begin.modulo(m) >= b {
                        fpat.query(cyc, out)
                    } else {
                        pat.query(cyc, out)
                    }
                },
            );
        }),
    ))
}

/// `chunk n f`: cycle `c` applies `f` to part `c mod n` of `n` parts (`back`: counting down),
/// the source repeating each cycle `n` times unless `fast`.
fn chunk_with(a: &[PatArg], back: bool, fast: bool) -> Result<Pattern, String> {
    let (n, f, pat) = (pat(a, 0)?, fun(a, 1)?, pat(a, 2)?);
    check_count(&n, "the number of parts")?;
    let slot = Slot::fresh();
    let fpat = if fast {
        f(pat.clone())?
    } else {
        f(read_bound(slot, pat.clone(), |v, q, s, o| repeat_cycles_q(Rational::from_f64(v[0]), q, s, o)))?
    };
    Ok(bind_args(vec![n], slot, move |a, span, out| {
        let Some(k) = count(&a[0]) else { return };
        let n = Rational::int(k);
        let source = |s, o: &mut _| {
            if fast {
                pat.query(s, o)
            } else {
                repeat_cycles_q(n, &|s2, o2| pat.query(s2, o2), s, o)
            }
        };
        per_cycle(span, out, |cyc, out| {
            let c = cyc.begin.floor_int().rem_euclid(k);
            let chosen = if back { (k - c) % k } else { c };
            steps_q(
                n,
                cyc,
                out,
                |i, _, part, o| {
                    if i.rem_euclid(k) == chosen {
                        fpat.query(part, o)
                    } else {
                        source(part, o)
                    }
                },
            );
        });
    }))
}

fn chunk(a: &[PatArg]) -> Result<Pattern, String> {
    chunk_with(a, false, false)
}

fn chunk_back(a: &[PatArg]) -> Result<Pattern, String> {
    chunk_with(a, true, false)
}

fn fast_chunk(a: &[PatArg]) -> Result<Pattern, String> {
    chunk_with(a, false, true)
}

fn superimpose(a: &[PatArg]) -> Result<Pattern, String> {
    let (f, pat) = (fun(a, 0)?, pat(a, 1)?);
    let fpat = f(pat.clone())?;
    Ok(stack(vec![pat, fpat]))
}

fn layer(a: &[PatArg]) -> Result<Pattern, String> {
    let (fs, pat) = (funs(a, 0)?, pat(a, 1)?);
    let layers = fs.iter().map(|f| f(pat.clone())).collect::<Result<Vec<_>, _>>()?;
    Ok(stack(layers))
}

const N: Param = Param::pattern("n");
const F: Param = Param::function("f");

pub static FUNCTIONS: &[FnMeta] = &[
    FnMeta {
        name: "every",
        aliases: &["firstOf"],
        kind: Kind::Pattern,
        params: &[N, F, PAT],
        variadic: false,
        help: "Applies a function every n cycles, starting with the first.",
        example: "out: every 3 (fast 2) $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(every),
    },
    FnMeta {
        name: "lastOf",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[N, F, PAT],
        variadic: false,
        help: "Applies a function every n cycles, on the last of each n.",
        example: "out: lastOf 4 rev $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(last_of),
    },
    FnMeta {
        name: "when",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("condition"), F, PAT],
        variadic: false,
        help: "Applies a function where a boolean pattern is true (1), e.g. when \"<0 0 1 1>\" rev.",
        example: "out: when \"<0 1>\" (fast 2) $ s \"bd sn\"",
        imp: Imp::Pattern(when),
    },
    FnMeta {
        name: "whenmod",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::pattern("a"), Param::pattern("b"), F, PAT],
        variadic: false,
        help: "Applies a function when the cycle modulo a is at least b: whenmod 4 2 applies it in cycles 2 and 3 of every 4.",
        example: "out: whenmod 4 2 (# speed 2) $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(whenmod),
    },
    FnMeta {
        name: "chunk",
        aliases: &["slowChunk", "slowchunk"],
        kind: Kind::Pattern,
        params: &[N, F, PAT],
        variadic: false,
        help: "Divides the cycle into n parts and applies the function to one part per cycle, in turn (each source cycle repeats n times, as in Strudel).",
        example: "out: chunk 4 (# speed 2) $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(chunk),
    },
    FnMeta {
        name: "chunkBack",
        aliases: &["chunkback", "chunk'"],
        kind: Kind::Pattern,
        params: &[N, F, PAT],
        variadic: false,
        help: "Like chunk, going through the parts backwards (Tidal's chunk').",
        example: "out: chunkBack 4 (# speed 2) $ s \"bd sn hh cp\"",
        imp: Imp::Pattern(chunk_back),
    },
    FnMeta {
        name: "fastChunk",
        aliases: &["fastchunk"],
        kind: Kind::Pattern,
        params: &[N, F, PAT],
        variadic: false,
        help: "Like chunk, but the source cycles are not repeated.",
        example: "out: fastChunk 4 (# speed 2) $ s \"<bd cp> sn hh lt\"",
        imp: Imp::Pattern(fast_chunk),
    },
    FnMeta {
        name: "superimpose",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[F, PAT],
        variadic: false,
        help: "Plays the pattern together with a transformed copy of itself.",
        example: "out: superimpose (fast 2) $ s \"bd sn\"",
        imp: Imp::Pattern(superimpose),
    },
    FnMeta {
        name: "layer",
        aliases: &[],
        kind: Kind::Pattern,
        params: &[Param::list("fs"), PAT],
        variadic: false,
        help: "Plays the results of several functions of the pattern at once (without the original).",
        example: "out: layer [rev, fast 2] $ s \"bd sn hh\"",
        imp: Imp::Pattern(layer),
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{error, onsets, show};

    #[test]
    fn every_and_last_of() {
        assert_eq!(onsets("every 2 (fast 2) $ \"a b\"", 0, 2), ["0:a", "1/4:b", "1/2:a", "3/4:b", "1:a", "3/2:b"]);
        assert_eq!(onsets("lastOf 2 rev $ \"a b\"", 0, 2), ["0:a", "1/2:b", "1:b", "3/2:a"]);
        assert!(error("every 0 rev $ \"a\"").contains("at least 1"));
    }

    #[test]
    fn whenmod_uses_the_cycle_position() {
        let got = onsets("whenmod 4 2 rev $ \"a b\"", 0, 4);
        assert_eq!(got, ["0:a", "1/2:b", "1:a", "3/2:b", "2:b", "5/2:a", "3:b", "7/2:a"]);
    }

    #[test]
    fn chunk_applies_to_one_part_per_cycle() {
        let got = onsets("chunk 4 (add 10) $ \"0 1 2 3\"", 0, 2);
        assert_eq!(got, ["0:10", "1/4:1", "1/2:2", "3/4:3", "1:0", "5/4:11", "3/2:2", "7/4:3"]);
        let back = onsets("chunkBack 4 (add 10) $ \"0 1 2 3\"", 0, 2);
        assert_eq!(back, ["0:10", "1/4:1", "1/2:2", "3/4:3", "1:0", "5/4:1", "3/2:2", "7/4:13"]);
    }

    #[test]
    fn superimpose_and_layer() {
        assert_eq!(onsets("superimpose (fast 2) $ \"a\"", 0, 1), ["0:a", "0:a", "1/2:a"]);
        assert_eq!(
            show("layer [rev, add 1] $ \"1 2\"", 0, 1),
            ["0-1/2|0-1/2:2", "0-1/2|0-1/2:2", "1/2-1|1/2-1:1", "1/2-1|1/2-1:3"]
        );
    }
}
