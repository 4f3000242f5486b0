//! The real-time contract of pattern queries: once a pattern is built and a buffer allocated,
//! querying it never allocates or frees (proved under `assert_no_alloc`, which aborts the test
//! on any allocator call), and pathological patterns do bounded work and report overflow
//! instead of allocating, panicking or hanging.

use assert_no_alloc::assert_no_alloc;
use phonon_engine::compile::{compile_pattern, CompileEnv};
use phonon_engine::pattern::core::{fast, pure};
use phonon_engine::pattern::{library, Pattern, QueryBuf, Value, DEFAULT_CAPACITY, MAX_DEPTH};
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use serde_json::Value as Json;
use std::sync::Arc;

#[global_allocator]
static A: assert_no_alloc::AllocDisabler = assert_no_alloc::AllocDisabler;

fn compile(expr: &str) -> Pattern {
    let env = CompileEnv::new(Arc::new(Bank::empty()));
    compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{expr}: {}", e.render("test", expr)))
}

/// Cycles per 512-sample block at 48 kHz and 0.5 cycles per second.
fn block() -> Rational {
    Rational::new(512, 96_000)
}

/// What playing `cycles` cycles block by block produced.
struct Played {
    events: usize,
    overflowed: bool,
}

/// Query `pat` block by block from cycle `from` for `cycles` cycles, without allocating.
fn play(pat: &Pattern, buf: &mut QueryBuf, from: i64, cycles: i64) -> Played {
    let step = block();
    let blocks = (Rational::int(cycles) / step).ceil().floor_int();
    assert_no_alloc(|| {
        let mut played = Played { events: 0, overflowed: false };
        let mut t = Rational::int(from);
        for _ in 0..blocks {
            let span = Span::new(t, t + step);
            buf.start();
            pat.query(span, buf);
            played.events += buf.haps().iter().filter(|h| h.has_onset()).count();
            played.overflowed |= buf.overflowed();
            t = t + step;
        }
        played
    })
}

/// One query of a whole span, without allocating.
fn query_once(pat: &Pattern, buf: &mut QueryBuf, span: Span) -> (usize, bool) {
    assert_no_alloc(|| {
        buf.start();
        pat.query(span, buf);
        (buf.len(), buf.overflowed())
    })
}

fn corpus_expressions() -> Vec<String> {
    let mut out = Vec::new();
    for file in ["patterns.jsonl", "strudel-extra.jsonl"] {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        for line in std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let e: Json = serde_json::from_str(line).unwrap();
            out.push(e["phonon"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn every_corpus_pattern_plays_block_by_block_without_allocating() {
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let exprs = corpus_expressions();
    assert!(exprs.len() > 700);
    for expr in &exprs {
        let pat = compile(expr);
        let played = play(&pat, &mut buf, 0, 3);
        assert!(!played.overflowed, "{expr} overflowed");
        // Whole cycles, a span crossing zero, and a zero-width query too.
        query_once(&pat, &mut buf, Span::new(Rational::int(-2), Rational::new(7, 3)));
        query_once(&pat, &mut buf, Span::new(Rational::new(1, 3), Rational::new(1, 3)));
    }
}

#[test]
fn block_queries_add_up_to_whole_cycles() {
    // Playing block by block finds every onset a whole-cycle query finds.
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    for expr in
        ["\"bd*3 [sn cp]\"", "every 2 (fast 2) $ \"a b c\"", "\"a? b? c? d?\"", "jux rev $ n \"0 1 2\" # gain 0.5"]
    {
        let pat = compile(expr);
        let whole = pat.haps(Rational::ZERO, Rational::int(4)).iter().filter(|h| h.has_onset()).count();
        assert_eq!(play(&pat, &mut buf, 0, 4).events, whole, "{expr}");
    }
}

/// A program using every family of functions, control maps and randomness.
const EVERYTHING: &str = r#"stack [
    n "0 [1 2] <3 4> 5?" # gain "0.8 1" # pan sinewave,
    every "<2 3>" (fast 2) $ n "0 .. 7",
    sometimesBy 0.3 (# speed 2) $ n "{0 1 2}%4",
    off 0.125 (|+ n 12) $ n "c4 e4 g4",
    jux (iter 4) $ stut 4 0.5 0.125 $ n "0(3,8,<0 2>)",
    chunk 4 (hurry 2) $ n "0 1 2 3",
    inside 2 rev $ n "0 1 2 3 4 5 6 7",
    someCyclesBy 0.5 (# crush 4) $ n "[0|1|2] 3",
    n (scale "<major minor>" "0 2 4 7") # legato 0.5,
    n (arp "<up downup>" "<c4'maj e4'min7>"),
    n (arp "0 [2 1]" "[0,4,7]"),
    chop 4 $ n "0 1" # begin 0.25,
    striate "<2 4>" $ n "0 1",
    linger "<0.25 0.5>" $ shuffle 4 $ scramble 8 $ n "0 .. 7",
    swingBy (1/3) 4 $ ply "<1 2>" $ n "0*8",
    press $ brak $ palindrome $ n "0 1 2",
    euclidLegatoRot 3 8 "<0 1>" $ euclidFull 3 8 (n 1) (n 2),
    segment 16 $ range 1 5 $ perlin,
    struct "t(5,8)" $ n (irand 8),
    mask "1 [0 1]" $ n (segment 4 $ choose [0, 3, 7]),
    randcat [n "0 1", n "2"] |+| n "<10 20>",
    n "0 1" ||+ n "10 20 30",
    ribbon 1 2 $ zoom 0.25 0.75 $ compress 0.25 0.75 $ fastGap 2 $ focus 0 0.5 $ n "0 1 2 3",
    bite 4 "0 2 [1 3]" $ repeatCycles 2 $ n "<0 1> 2 3 4",
    whenmod 4 2 (# speed 2) $ lastOf 3 rev $ when "<0 1>" (0.25 ~>) $ n "0 1",
    echoWith 3 (1/8) (|* gain 0.8) $ n "0" # gain 1,
    echoWith "<16 8>" (1/32) (|* gain 0.9) $ n "0 1" # gain 1,
    layer [rev, fast 2, (# pan 1)] $ superimpose (slow 2) $ n "0 2",
    degradeBy "<0.2 0.8>" $ undegradeBy 0.3 $ n "0*16",
    euclid "<3 5>" 8 $ euclidRot 3 8 2 $ euclidInv 2 8 $ n "0*8",
    fastChunk 4 (# speed 2) $ chunkBack 4 (# speed 3) $ n "0 1 2 3",
    pressBy "<0 0.25>" $ segment "<4 8>" $ n sawwave
]"#;

#[test]
fn a_program_using_everything_plays_without_allocating() {
    let pat = compile(EVERYTHING);
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let played = play(&pat, &mut buf, 0, 16);
    assert!(!played.overflowed);
    assert!(played.events > 1000, "{}", played.events);
    // And far from zero, and before it.
    play(&pat, &mut buf, 1_000_003, 2);
    play(&pat, &mut buf, -5, 2);
}

/// Tidal's functions, continuous patterns under their Tidal names and the time shorthands.
const TIDAL: &str = r#"stack [
  within (0, 0.5) (fast 2) $ sew "t f" (n "0*4") (n "1*8"),
  stitch "t f t t" (n 1) (n 2),
  while "1 0" (fast 2) $ inv "t f 1 0",
  every' 3 1 (fast 2) $ foldEvery [2, 3] rev $ n "0 1 2",
  striateBy 4 0.5 $ loopAt 2 $ s "superpiano*2",
  stutter 3 (1/16) $ ghost $ n "0 ~ 3",
  timeLoop 2 $ n "<0 1 2>",
  quantise 1 $ segment 8 $ range 0 7 sine,
  n (scan 4), fit 1 ["a", "b"] "0 1 2",
  rolledBy 0.25 $ arpg $ n "[0,4,7] [2,5]",
  plyWith 3 (|* n 2) $ n "1 3",
  slice 4 "0 2" $ splice 4 "1 3" $ randslice 4 $ s "superpiano*4",
  rot "<1 2>" $ n "0 1 2 3",
  seqP [(0, 2, n 1), (1, 4, n 2)],
  timeCat [(1, n 1), (2, n "2 3")],
  s (segment 4 $ wchoose [("superpiano", 1), ("supersaw", 2)]),
  weave 4 (pan sine) [s "superpiano*2", s "supersaw*3"],
  fix (# speed 2) (n 1) $ n "0 1",
  off "e" (|+ n 12) $ n "0 4" # pan saw # gain (range 0.8 1.2 tri) # speed (perlin + isaw + square + cosine),
  n (toScale [0, 2, 7] "0 .. 5") # cutoff (range 200 2000 $ envL + envR + envEq + envEqR),
  spread fast [1, 2] $ s (samples "superpiano*2" "0 1"),
  trunc 0.75 $ overlay (n "0*4") (append (n 1) (fastAppend (n 2) (n 3)))
]"#;

#[test]
fn tidal_functions_play_without_allocating() {
    let pat = compile(TIDAL);
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let played = play(&pat, &mut buf, 0, 16);
    assert!(!played.overflowed);
    assert!(played.events > 500, "{}", played.events);
    play(&pat, &mut buf, 1_000_003, 2);
}

/// Tidal's arrangements, lambdas, step sequencers and list functions.
const TIDAL_MORE: &str = r#"stack [
  ur 4 "a [b a:f]" [("a", n "0 1"), ("b", n "2*3")] [("f", (fast 2))],
  every 2 (\x -> (0.25 ~> x) |+ n 12) $ n "0 3",
  stripe 3 $ slowstripe 2 $ n "0 1",
  squeeze "0 [1 0]" [n "0 1", n "2*3"],
  s (steps [("superpiano", "x  x 1"), ("supersaw", "xx")]),
  weaveWith 3 (n "0 1") [(# speed 2), rev],
  jux' [id, rev] $ juxcut rev $ jux4 rev $ n "0 1",
  ghost' 0.125 $ ghostWith 0.25 (# speed 2) $ n "0 ~ 3",
  seqPLoop [(0, 1, n 1), (1, 3, n 2)],
  n (chooseBy sine [0, 3, 7] + cycleChoose [0, 12]),
  wedge (1/3) (n "0*2") (n "1*3"),
  n (listToPat [0, 1, 2] + fromList [0, 12]),
  gap 4 $ s "superpiano*2",
  off "2f" (|+ n 7) $ n "'maj" <> n "c4 e",
  spreadf [fast 2, rev] $ n (toScale' 10 [0, 2, 4] "0 .. 5" + negate "<0 12>"),
  e 3 8 $ n (scale 1 3 sine1 + choose [1..4]),
  wrandcat [(n "0 1", 3), (n "2*3", 1)],
  n "c'major'<i ii> <c e>'<major minor>'o",
  spin 2 $ triggerWith (const 0.1) $ n "0 1" # grain' "0.2:0.3" # grain 0.1 0.2,
  filterWhen (>= 1) $ mtrigger 4 $ n ((> 0) <$> "0 1" + fmap (2 **) "1 2"),
  n "0*4" |+| shape (range 0.1 0.5 sine),
  "superpiano" + n "1 4",
  spaceOut [1, 0.5] $ n "0 1",
  n ("c a" + chord "major minor"),
  slow "1%4 2" $ n "0 3",
  jux (spread' fast "2") $ n "0 1",
  n (fit 0 ([0,2..6] ++ [7..8]) "0 1 2")
]"#;

#[test]
fn tidal_arrangements_and_sequencers_play_without_allocating() {
    let pat = compile(TIDAL_MORE);
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let played = play(&pat, &mut buf, 0, 16);
    assert!(!played.overflowed);
    assert!(played.events > 500, "{}", played.events);
    play(&pat, &mut buf, 1_000_003, 2);
}

/// Patterns that ask for unbounded work: each query ends, within the buffer, and says so.
const PATHOLOGICAL: &[&str] = &[
    "\"bd*100000\"",
    "fast 1e9 $ \"bd\"",
    "fast \"<1e9 1e-9>\" $ \"a b\"",
    "slow 1e-9 $ \"a\"",
    "ply 1e9 $ \"a b\"",
    "segment 1e9 $ sinewave",
    "\"{a b c}%1e9\"",
    "\"[a|b|c]*100000\"",
    "\"a(3,1024)*1000\"",
    "\"0 .. 100000000\"",
    "chunk 1e9 rev $ \"a b\"",
    "linger 1e-9 $ \"a b\"",
    "hurry 1e9 $ \"a\"",
    "stut 1e9 0.5 1e-9 $ \"a*1000\"",
    "chop 4096 $ \"a*1000\"",
    "striate 4096 $ \"a*100\"",
    "shuffle 256 $ \"a*1000\"",
    "run 1e9",
    "euclidLegato 500 1000 $ \"a*100000\"",
    "\"a(500,1000)*100\"",
];

#[test]
fn pathological_patterns_do_bounded_work_and_report_overflow() {
    let mut buf = QueryBuf::new(1024);
    for expr in PATHOLOGICAL {
        let pat = compile(expr);
        let (len, overflowed) = query_once(&pat, &mut buf, Span::new(Rational::ZERO, Rational::ONE));
        assert!(len <= 1024, "{expr}");
        assert!(overflowed, "{expr} should report overflow");
        assert!(buf.overflow_count() > 0);
        // Block by block it stays bounded too (and may well fit).
        play(&pat, &mut buf, 0, 1);
    }
}

#[test]
fn nesting_500_deep_stops_at_the_depth_limit() {
    let mut deep = pure(Value::Num(1.0));
    for _ in 0..500 {
        deep = library::time::fast(pure(Value::Num(1.0)), deep);
    }
    let mut buf = QueryBuf::new(DEFAULT_CAPACITY);
    let (_, overflowed) = query_once(&deep, &mut buf, Span::new(Rational::ZERO, Rational::ONE));
    assert!(overflowed);
    // Well under the limit still plays.
    let mut ok = pure(Value::Num(1.0));
    for i in 0..(MAX_DEPTH / 4) {
        ok = fast(if i % 2 == 0 { Rational::new(3, 2) } else { Rational::new(2, 3) }, ok);
    }
    let (len, overflowed) = query_once(&ok, &mut buf, Span::new(Rational::ZERO, Rational::ONE));
    assert!(!overflowed && len > 0);
    // Mini-notation refuses absurd nesting with an error instead.
    let env = CompileEnv::new(Arc::new(Bank::empty()));
    let text = format!("\"{}a{}\"", "[".repeat(500), "]".repeat(500));
    assert!(compile_pattern(&text, &env).is_err());
    let text = format!("\"{}a{}\"", "[".repeat(40), "]".repeat(40));
    let pat = compile_pattern(&text, &env).unwrap();
    assert_eq!(query_once(&pat, &mut buf, Span::new(Rational::ZERO, Rational::ONE)), (1, false));
}
