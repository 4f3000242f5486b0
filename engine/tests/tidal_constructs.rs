//! Tidal's constructs as Tidal's documentation and course sheets describe them: each written
//! the Tidal way gives the events of the form the documentation says it equals, or the
//! events it lists.

use phonon_engine::compile::{compile, compile_pattern, CompileEnv};
use phonon_engine::pattern::Hap;
use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::Bank;
use phonon_engine::time::{Rational, Span};
use std::sync::Arc;

fn env() -> CompileEnv {
    CompileEnv::new(Arc::new(Bank::builtin()))
}

/// The events of `expr` over `cycles` cycles, as sorted text.
fn events(expr: &str, cycles: i64) -> Vec<String> {
    let p = compile_pattern(expr, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", expr)));
    let (haps, overflow) = p.haps_checked(Span::new(Rational::ZERO, Rational::int(cycles)));
    assert!(!overflow, "{expr} overflowed");
    let mut out: Vec<String> = haps
        .iter()
        .filter(|h: &&Hap| h.has_onset())
        .map(|h| format!("{}-{} {}", h.whole.unwrap().begin, h.whole.unwrap().end, h.value.to_json()))
        .collect();
    out.sort();
    out
}

fn same(tidal: &str, equal: &str, cycles: i64) {
    let (a, b) = (events(tidal, cycles), events(equal, cycles));
    assert!(!a.is_empty(), "{tidal}: no events");
    assert_eq!(a, b, "{tidal} should equal {equal}");
}

fn error(program: &str) -> String {
    match compile(program, &env()) {
        Ok(_) => panic!("{program}: compiles"),
        Err(e) => e.0[0].message.clone(),
    }
}

#[test]
fn lambdas_are_the_functions_they_spell() {
    same("every 2 (\\x -> x # speed 2) $ s \"bd sn\"", "every 2 (# speed 2) $ s \"bd sn\"", 4);
    same("every 3 (\\p -> fast 2 $ rev p) $ s \"bd sn cp\"", "every 3 (fast 2 . rev) $ s \"bd sn cp\"", 6);
    same(
        "sometimesBy 0.5 (\\x -> (0.25 ~> x) |+ n 12) $ n \"0 3\" # s \"superpiano\"",
        "sometimesBy 0.5 ((|+ n 12) . (0.25 ~>)) $ n \"0 3\" # s \"superpiano\"",
        4,
    );
    same("within (0, 0.5) (\\x -> fast 2 x) $ s \"bd sn cp hh\"", "within (0, 0.5) (fast 2) $ s \"bd sn cp hh\"", 2);
    // A parameter left unused: the pattern given is replaced (`const`).
    same("every 2 (\\_ -> s \"cp*4\") $ s \"bd\"", "every 2 (const $ s \"cp*4\") $ s \"bd\"", 4);
    // A parameter used twice has no single function to stand for: the error says what to write.
    let e = error("d1 $ every 2 (\\x -> stack [x, fast 2 x]) $ s \"bd\"\n");
    assert!(e.contains("superimpose") && e.contains("(# speed 2)"), "{e}");
}

#[test]
fn overlay_operator_and_ur() {
    // tidal-doc accumulation.md: `sound ("bd sn:2" <> "cp*3")` is `sound "[bd sn:2, cp*3]"`.
    same("sound (\"bd sn:2\" <> \"cp*3\")", "sound \"[bd sn:2, cp*3]\"", 2);
    // ur: the arrangement of names over 4 cycles, each part's pattern where its name is.
    same("ur 4 \"a b\" [(\"a\", s \"bd*2\"), (\"b\", s \"hh*3\")] []", "s \"<bd*2 bd*2 hh*3 hh*3>\"", 4);
    // `name:fx` applies the named function to that part.
    same(
        "ur 2 \"a a:loud\" [(\"a\", s \"bd sn\")] [(\"loud\", (# gain 1.2))]",
        "every' 2 1 (# gain 1.2) $ s \"bd sn\"",
        2,
    );
}

#[test]
fn time_shorthands_count_units() {
    // The course sheet: "2f" is two fifths of a cycle, "0.5s" half a sixteenth.
    same("off \"2f\" (|+ n 7) $ n \"0\"", "off 0.4 (|+ n 7) $ n \"0\"", 3);
    same("off \"0.5s\" (|+ n 7) $ n \"0\"", "off 0.03125 (|+ n 7) $ n \"0\"", 3);
    same("off \"<s q e>\" (# speed 2) $ s \"bd\"", "off \"<0.0625 0.25 0.125>\" (# speed 2) $ s \"bd\"", 3);
}

#[test]
fn mini_notation_as_tidal_reads_it() {
    // "The default is c major".
    same("n \"'maj\"", "n \"c'maj\"", 1);
    // `~bd` is a rest, then bd.
    same("s \"[~superpiano/2] ~ [~ [~bd]]\"", "s \"[~ superpiano/2] ~ [~ [~ bd]]\"", 2);
    // A note name stays a word in the events, as in Strudel; the pitch controls read it.
    assert_eq!(events("\"c4 e\"", 1), ["0-1/2 \"c4\"", "1/2-1 \"e\""]);
    same("n \"c4 e a5\"", "n \"-12 4 9\"", 1);
}

#[test]
fn functions_by_their_tidal_names() {
    // tidal-doc accumulation.md: iter' 4 plays bd hh sn cp, cp bd hh sn, sn cp bd hh, hh sn cp bd.
    same("iter' 4 $ sound \"bd hh sn cp\"", "sound \"<[bd hh sn cp] [cp bd hh sn] [sn cp bd hh] [hh sn cp bd]>\"", 4);
    // weaveWith: each function's result, offset by its share of the cycles.
    same(
        "weaveWith 3 (sound \"bd sn\") [(# speed 2), (# speed 3), id]",
        "stack [sound \"bd sn\" # speed 2, 1 ~> (sound \"bd sn\" # speed 3), 2 ~> sound \"bd sn\"]",
        3,
    );
    same("weave' 2 (sound \"bd\") [id, (# speed 2)]", "weaveWith 2 (sound \"bd\") [id, (# speed 2)]", 2);
    // qtrigger with or without Tidal 1.0's number: the pattern from the timeline's cycle 0.
    same("qtrigger 1 $ s \"bd sn\"", "s \"bd sn\"", 2);
    same("qtrigger \"d1\" $ s \"bd sn\"", "s \"bd sn\"", 2);
    same("qtrigger $ s \"bd sn\"", "s \"bd sn\"", 2);
    // Tidal's short names of the delay controls.
    same("s \"bd\" # delay 0.5 # dt 0.25 # dfb 0.4", "s \"bd\" # delay 0.5 # delaytime 0.25 # delayfeedback 0.4", 1);
}

#[test]
fn strings_as_control_patterns_and_sums_of_controls() {
    let play = |program: &str| {
        let plan = compile(program, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", program)));
        assert_eq!(plan.outs.len(), 1, "{program}");
    };
    // `d3 $ "bd*4 sn*2"` plays sounds; `note "c e" # "superpiano"` names the synth.
    play("d3 $ \"bd*2 sn\" # gain 0.8\n");
    play("d1 $ note \"c e\" # \"superpiano\" # gain 0.8\n");
    // Right of `#`, `gain 0.8 + up "0 7"` is one control pattern of both, as in Tidal.
    same("note \"0 0\" # s \"superpiano\" # gain 0.8 + up \"0 7\"", "note \"0 7\" # s \"superpiano\" # gain 0.8", 1);
}

#[test]
fn more_functions_by_their_tidal_names() {
    // chunk' cycles through the parts backwards (tidal-doc alteration.md).
    same("chunk' 4 (# speed 2) $ sound \"bd hh sn cp\"", "chunkBack 4 (# speed 2) $ sound \"bd hh sn cp\"", 4);
    // gap 4: chop 4 with every other part silent.
    same("gap 4 $ s \"bd\"", "s \"[bd ~ bd ~]\" # begin \"0 ~ 0.5 ~\" # end \"0.25 ~ 0.75 ~\"", 1);
    // spreadChoose: one of the functions each cycle, at random, each cycle as one of them.
    let choices = [events("rev $ s \"bd sn cp\"", 1), events("fast 2 $ s \"bd sn cp\"", 1)];
    for c in 0..8 {
        let all = events("spreadChoose ($) [rev, fast 2] $ s \"bd sn cp\"", c + 1);
        let this: Vec<String> = all
            .iter()
            .filter(|e| {
                e.split('-').next().unwrap().parse::<Rational>().map(|b| b.floor() == Rational::int(c)).unwrap_or(false)
            })
            .map(|e| {
                let (span, v) = e.split_once(' ').unwrap();
                let (b, en) = span.split_once('-').unwrap();
                let sh = |x: &str| x.parse::<Rational>().unwrap() - Rational::int(c);
                format!("{}-{} {v}", sh(b), sh(en))
            })
            .collect();
        let mut this = this;
        this.sort();
        assert!(choices.contains(&this), "cycle {c}: {this:?}");
    }
}

#[test]
fn lists_as_patterns() {
    // tidal-doc concatenation.md: each "is equivalent to" as the page says.
    same("n (listToPat [0, 1, 2]) # s \"superpiano\"", "n \"[0 1 2]\" # s \"superpiano\"", 2);
    same("n (fromList [0, 1, 2]) # s \"superpiano\"", "n \"<0 1 2>\" # s \"superpiano\"", 3);
    same(
        "n (flatpat $ listToPat [[0,4,7],[(-12),(-8),(-5)]]) # s \"superpiano\"",
        "n (\"[0,4,7] [-12,-8,-5]\") # s \"superpiano\"",
        2,
    );
    // wedge (1/4): the first pattern in the first quarter, the second in the rest.
    same("wedge (1/4) (s \"bd*2\") (s \"hh*3\")", "s \"[bd bd] [hh hh hh]@3\"", 2);
}

#[test]
fn choosing_by_tidal_names() {
    // tidal-doc conditions.md: `chooseBy "0 0.25 0.5" ["a","b","c","d"]` is "a b c".
    same("chooseBy \"0 0.25 0.5\" [\"a\",\"b\",\"c\",\"d\"]", "\"a b c\"", 2);
    // squeeze: each index plays a whole cycle of its pattern inside the event.
    same("squeeze \"0 [1 0]\" [s \"bd sn\", s \"hh*3\"]", "s \"[bd sn] [[hh hh hh] [bd sn]]\"", 2);
    // One choice per whole cycle.
    for e in events("n (cycleChoose [0, 3, 7])", 8) {
        let (span, _) = e.split_once(' ').unwrap();
        let (b, en) = span.split_once('-').unwrap();
        assert_eq!(en.parse::<Rational>().unwrap() - b.parse::<Rational>().unwrap(), Rational::ONE, "{e}");
    }
    same("discretise 4 $ n (range 0 8 saw)", "segment 4 $ n (range 0 8 saw)", 2);
    same("unDegradeBy 0.3 $ s \"hh*8\"", "undegradeBy 0.3 $ s \"hh*8\"", 2);
}

#[test]
fn ghosts_and_looping_sequences() {
    // `ghost` is `ghost' 0.125`; ghostWith with ghost's own transformation is ghost.
    same("ghost' 0.125 $ s \"sn ~ sn ~\"", "ghost $ s \"sn ~ sn ~\"", 2);
    same("ghostWith (1/8) (# speed 2) $ s \"sn\"", "stack [s \"sn\", (3/16) ~> (s \"sn\" # speed 2), (5/16) ~> (stack [s \"sn\", (3/16) ~> (s \"sn\" # speed 2)] # speed 2)]", 2);
    // seqPLoop repeats from the earliest start to the latest end.
    same("seqPLoop [(0, 1, \"a\"), (1, 3, \"b\")]", "\"<a b b>\"", 6);
}

#[test]
fn step_sequencers_read_each_character() {
    // tidal-doc alteration.md: `step "sn" "x x 12 "` is "sn ~ sn ~ sn:1 sn:2 ~".
    same("s (step \"sn\" \"x x 12 \")", "s \"sn ~ sn ~ sn:1 sn:2 ~\"", 2);
    same(
        "s (step' [\"superpiano\",\"supermandolin\"] \"0 1 000 1\") # sustain 4 # n 0",
        "s \"superpiano ~ supermandolin ~ superpiano!3 ~ supermandolin\" # sustain 4 # n 0",
        2,
    );
    same("s (steps [(\"cp\",\"x  x\"),(\"bd\", \"xx\")])", "s \"[cp ~ ~ cp, bd bd]\"", 2);
    let e = error("d1 $ s (step \"sn\" sound)\n");
    assert!(e.contains("string"), "{e}");
}

#[test]
fn stripe_plays_n_cycles_at_random_speeds() {
    // Each cycle holds three whole repetitions of the pattern, of lengths in thirds of 1 to 3
    // weights; over eight cycles the speeds vary.
    let mut lengths = std::collections::BTreeSet::new();
    for c in 0..8 {
        let evs: Vec<(Rational, Rational)> = events("stripe 3 $ \"a\"", c + 1)
            .iter()
            .map(|e| {
                let (b, en) = e.split_once(' ').unwrap().0.split_once('-').unwrap();
                (b.parse().unwrap(), en.parse().unwrap())
            })
            .filter(|(b, _): &(Rational, Rational)| b.floor() == Rational::int(c))
            .collect();
        assert_eq!(evs.len(), 3, "cycle {c}: {evs:?}");
        let total = evs.iter().fold(Rational::ZERO, |a, (b, e)| a + (*e - *b));
        assert_eq!(total, Rational::ONE, "cycle {c}");
        lengths.extend(evs.iter().map(|(b, e)| *e - *b));
    }
    assert!(lengths.len() > 1, "every part had the same length: {lengths:?}");
    same("slowstripe 2 $ s \"bd sn\"", "slow 2 $ stripe 2 $ s \"bd sn\"", 4);
}

#[test]
fn snowball_combines_each_step_with_the_last() {
    // Tidal: cat $ take depth $ scanl combine pat $ drop 1 $ iterate f pat.
    same(
        "snowball 3 (+) (fast 2) \"0 1\"",
        "cat [\"0 1\", \"0 1\" + fast 2 \"0 1\", (\"0 1\" + fast 2 \"0 1\") + fast 4 \"0 1\"]",
        6,
    );
    same(
        "snowball 3 overlay (fast 2) $ s \"bd\"",
        "cat [s \"bd\", overlay (s \"bd\") (s \"bd*2\"), overlay (overlay (s \"bd\") (s \"bd*2\")) (s \"bd*4\")]",
        6,
    );
}

#[test]
fn tidal_0_9_spellings() {
    // `|=|` is `#`; sine1, saw1, ... are the 0..1 waves; `bps` and `cps` set the tempo.
    same("sound \"bd sn\" |=| pan \"0 1\"", "sound \"bd sn\" # pan \"0 1\"", 2);
    let kindohm = "d1 $ pan \"0 1 0.25\" |=| sound \"bd sn:2 hh\"\n";
    compile(kindohm, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", kindohm)));
    same("sound \"bd*4\" # pan sine1 # speed saw1", "sound \"bd*4\" # pan sine # speed saw", 2);
    for (src, cps) in
        [("bps (190/120)\nd1 $ s \"bd\"\n", Rational::new(19, 12)), ("cps 0.6\nd1 $ s \"bd\"\n", Rational::new(3, 5))]
    {
        let plan = compile(src, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", src)));
        assert_eq!(plan.settings.cps, Some(cps), "{src}");
    }
}

#[test]
fn jux_variants() {
    // jux' pans each function's result n / count across the field.
    same(
        "jux' [id, rev, (# speed 2)] $ s \"bd sn\"",
        "stack [s \"bd sn\" # pan 0, rev (s \"bd sn\") # pan (1/3), s \"bd sn\" # speed 2 # pan (2/3)]",
        2,
    );
    same("jux4 rev $ s \"bd sn\"", "stack [s \"bd sn\" # pan (5/8), rev $ s \"bd sn\" # pan (1/8)]", 2);
    same("juxcut rev $ s \"bd sn\"", "stack [s \"bd sn\" # pan 0 # cut (-1), rev $ s \"bd sn\" # pan 1 # cut (-2)]", 2);
}

#[test]
fn what_phonon_does_not_read_says_the_phonon_way() {
    let cases: &[(&str, &str)] = &[
        ("d1 $ when ((elem '4').show) (striate 4) $ sound \"hh hc\"\n", "whenmod"),
        ("d1 $ ifp ((== 0).(flip mod 2)) (striate 4) (# coarse \"24 48\") $ sound \"hh hc\"\n", "every 2"),
        ("snowball' :: Int -> Pattern a\n", "leave the line out"),
        ("d1 $ every 2 (+) $ n \"0 1\"\n", "(+ 12)"),
        ("d1 $ s \"bd\" # gain (cF 1 \"gain\")\n", "param 1"),
        ("d1 $ ccv \"0 64\" # ccn 1 # s \"midi\"\n", "midiout"),
        ("d1 $ s \"bd\" # theta 0.5\n", "phonon docs"),
        ("d1 $ s \"bd\" # panspan 0.3\n", "SuperDirt control"),
        ("let scale = getScale (scaleTable ++ [(\"techno\", [0,2,3])])\n", "toScale"),
        ("d1 $ s \"bd\" # cutoffbus 1 (segment 32 $ range 200 2400 $ saw)\n", "# cutoff (segment 32"),
        ("d1 $ s \"superfm\" # n 0 #amp1 1 #mod11 1\n", "voice"),
    ];
    for (program, phonon_way) in cases {
        let e = error(program);
        assert!(e.contains(phonon_way), "{program}: {e}");
        assert!(!e.contains('\n'), "{program}: the message is one line: {e}");
    }
}

/// Tidal types the argument of `n` and `note` as notes: arithmetic on note names there counts
/// from Tidal's c5 = 0, while a plain string's names stay words.
#[test]
fn note_names_under_a_pitch_control_are_tidal_notes() {
    same("n (\"c4\" |+ 12)", "n \"0\"", 1);
    same("n (\"c a f e\" |+ 24)", "n \"24 33 29 28\"", 1);
    same("note (\"e\" + \"<0 12>\")", "note \"<4 16>\"", 2);
    same("up (\"a5 cs\" |- 1)", "note \"8 0\"", 1);
    same("n \"c e\" # s \"superpiano\"", "n \"0 4\" # s \"superpiano\"", 1);
    assert_eq!(events("\"c4 e\"", 1), vec!["0-1/2 \"c4\"".to_string(), "1/2-1 \"e\"".to_string()]);
}

#[test]
fn tidal_08_spellings_by_their_arguments() {
    // The old guide: "scale 1 3 $ tri1" oscillates between 1 and 3, today's range.
    same("s \"bd*8\" # speed (scale 1 3 $ tri1)", "s \"bd*8\" # speed (range 1 3 $ tri1)", 2);
    same("s \"bd*8\" # speed (scale (-2) 3 $ tri1)", "s \"bd*8\" # speed (range (-2) 3 $ tri1)", 2);
    same("s \"hh*4\" # pan (scale 0.25 0.75 $ rand)", "s \"hh*4\" # pan (range 0.25 0.75 $ rand)", 2);
    // A scale's name keeps scale the musical scale.
    assert_eq!(events("n (scale \"major\" \"0 2\")", 1), events("n \"0 4\"", 1));
    // "e 3 8 $ sound ..." is the Euclidean function of Tidal 0.8.
    same("e 3 8 $ s \"bd*2 [sn cp]\"", "euclid 3 8 $ s \"bd*2 [sn cp]\"", 2);
}

#[test]
fn transition_outputs_play_on_their_d() {
    // Tidal 0.9: "t1 (xfadeIn 16) $ ..." brings the pattern in on d1.
    let env = env();
    for src in [
        "t1 anticipate $ s \"bd(3,8)\"\n",
        "t1 (xfadeIn 16) $ s \"bd(5,8)\"\n",
        "d1 $ s \"hh\"\nt1 (jumpIn' 1) $ s \"cp\"\n",
    ] {
        let p = compile(src, &env).unwrap_or_else(|e| panic!("{}", e.render("t", src)));
        assert_eq!(p.outs.iter().map(|&(n, _)| n).collect::<Vec<_>>(), [1], "{src}");
    }
}

#[test]
fn a_name_given_a_control_before_sound_is_the_sound() {
    // The old guide's cut groups: `sound $ samples "arpy*8" (run 8) # speed "0.25" # cut "1"`.
    same("sound $ fast 2 \"bd\" # speed \"0.25\" # cut \"1\"", "sound \"bd*2\" # speed \"0.25\" # cut \"1\"", 2);
}

#[test]
fn haskell_list_ranges_count_whole_numbers() {
    same("s \"bd*8\" # n (choose [1..4])", "s \"bd*8\" # n (choose [1, 2, 3, 4])", 2);
    same("s \"bd*4\" # speed (fastcat [-1..2])", "s \"bd*4\" # speed (fastcat [-1, 0, 1, 2])", 1);
    // Haskell's rule for fractions: by one, up to half a step past the end.
    same("s \"bd*4\" # speed (fastcat [1.5..4])", "s \"bd*4\" # speed (fastcat [1.5, 2.5, 3.5, 4.5])", 1);
}

#[test]
fn spreadf_negate_and_toscale_prime() {
    // spreadf is spread ($): one function a cycle.
    same("spreadf [fast 2, rev] $ s \"bd sn\"", "spread ($) [fast 2, rev] $ s \"bd sn\"", 4);
    // negate is the number's negative.
    same("s \"bd*2\" # speed (negate \"1 2\")", "s \"bd*2\" # speed \"-1 -2\"", 1);
    // Both are entries of the function table, so docs and completion list them, and spreadf
    // waits for its pattern like any function.
    same("every 1 (spreadf [fast 2, rev]) $ s \"bd sn\"", "spread ($) [fast 2, rev] $ s \"bd sn\"", 4);
    same("s \"bd*2\" # speed (negate 2)", "s \"bd*2\" # speed (-2)", 1);
    for name in ["spreadf", "negate"] {
        assert!(!phonon_engine::registry::lookup(name).is_empty(), "{name} is in the function table");
    }
    // toScale' 10 [0, 2, 4]: each wrap of the list rises 10 semitones, not 12.
    same("n (toScale' 10 [0, 2, 4] \"0 1 2 3 4\")", "n \"0 2 4 10 12\"", 1);
}

#[test]
fn wrandcat_weighs_whole_cycles() {
    // tidal-doc randomness: wrandcat [("bd*2 sn", 5), ("jvbass*3", 2), ...] picks a pattern per
    // cycle by weight. Over many cycles a 3:1 weighting gives about three quarters.
    let ev = events("wrandcat [(s \"bd\", 3), (s \"sn*2\", 1)]", 400);
    let bd = ev.iter().filter(|e| e.contains("\"bd\"")).count();
    let sn_cycles = ev.iter().filter(|e| e.contains("\"sn\"")).count() / 2;
    assert_eq!(bd + sn_cycles, 400, "one pattern each cycle, whole");
    assert!((260..340).contains(&bd), "{bd} of 400 cycles chose the weight-3 pattern");
}

/// `striateBy n (1/n)` cuts the same pieces as `striate n`: both go through one striate query.
#[test]
fn striate_by_a_piece_length_of_one_nth_is_striate() {
    same("striateBy 4 0.25 $ s \"bd sn\"", "striate 4 $ s \"bd sn\"", 2);
}

#[test]
fn sections_of_fmap_are_the_mapped_function() {
    // kindohm's sets: `every 4 ((*0.8) <$>) "1 2"` scales every value on every fourth cycle.
    same("speed (every 4 ((*0.8) <$>) \"1 2\")", "speed (every 4 (* 0.8) \"1 2\")", 8);
    same(
        "speed (whenmod 4 2 ((*0.5) <$>) $ whenmod 8 4 ((+1) <$>) \"1 0.8\")",
        "speed (whenmod 4 2 (* 0.5) $ whenmod 8 4 (+ 1) \"1 0.8\")",
        8,
    );
    let e = events("speed (every 2 ((*0.5) <$>) \"1 2\")", 2);
    assert_eq!(e[0], "0-1/2 {\"speed\":0.5}", "{e:?}");
}

#[test]
fn spread_waiting_for_its_pattern_is_a_function() {
    // kindohm's sets: `whenmod 10 6 (slowspread (chop) [2, 4])` and `slowspread (within ...) [...]`.
    same("every 1 (slowspread (chop) [2, 4]) $ s \"bd sn\"", "slowcat [chop 2 $ s \"bd sn\", chop 4 $ s \"bd sn\"]", 4);
    same("every 1 (spread fast [1, 2]) $ s \"bd sn\"", "s \"<[bd sn] [bd sn bd sn]>\"", 4);
    same("every 1 (fastspread ($) [id, rev]) $ s \"bd sn\"", "fastcat [s \"bd sn\", rev $ s \"bd sn\"]", 2);
}

#[test]
fn spin_grain_and_trigger_with() {
    // Tidal's spin: copy i shifted i/n earlier, panned to i/n.
    same("spin 2 $ s \"bd sn\"", "stack [s \"bd sn\" # pan 0, 0.5 <~ (s \"bd sn\" # pan 0.5)]", 2);
    same("spin \"<1 2>\" $ s \"bd sn\"", "s \"bd sn\" # pan 0", 1);
    // sample_trimming.md: grain b w is begin b # end (b + w).
    same("s \"bd\" # grain 0.25 \"<0.25 0.5>\"", "s \"bd\" # begin 0.25 # end \"<0.5 0.75>\"", 2);
    same("s \"bd*2\" # grain' \"0.2:0.3 0.5:0.6\"", "s \"bd*2\" # begin \"0.2 0.5\" # end \"0.3 0.6\"", 1);
    // performance.md: triggerWith (const 0.1) is rotR 0.1.
    same("triggerWith (const 0.1) $ s \"cp\"", "rotR 0.1 $ s \"cp\"", 3);
}

#[test]
fn chord_parts_can_be_patterns() {
    // Tidal's chord parts are patterns: one part per cycle, as if written out.
    same("n \"c'major'<i ii>\"", "n \"<c'major'i c'major'ii>\"", 2);
    same("n \"<c e>'<major minor>\"", "n \"<c'major e'minor>\"", 2);
    same("n \"[c e]'maj'<i ii>\"", "n \"<[c'maj'i e'maj'i] [c'maj'ii e'maj'ii]>\"", 2);
    same("n \"c'<maj min>'<5 o>*2\"", "n \"<c'maj'5 c'min'o>*2\"", 2);
    assert!(error("d1 $ n \"c'<maj nope>\" # s \"superpiano\"\n").contains("unknown chord 'nope'"));
}

#[test]
fn both_structure_with_continuous_controls_keeps_the_events() {
    // kindohm's sets (Tidal 0.x): `|+| shape (scale 0.1 0.5 $ slow 5.1 sine1)` shapes each
    // event by the sine at its onset, as `|+` does.
    same("s \"bd*4\" |+| shape (range 0.1 0.5 $ slow 5 sine)", "s \"bd*4\" |+ shape (range 0.1 0.5 $ slow 5 sine)", 2);
    same("speed sine |+| s \"bd*4\"", "speed sine +| s \"bd*4\"", 2);
    // Numbers stay continuous: segment samples sine + 1, not one value a cycle.
    same("n (segment 4 $ sine + 1)", "n (segment 4 $ range 1 2 sine)", 1);
}

#[test]
fn sections_of_comparisons_and_powers() {
    // performance.md: filterWhen (>= 0) keeps what starts from cycle 0 on.
    same("filterWhen (>= 0) $ s \"bd hh hh hh\"", "s \"bd hh hh hh\"", 2);
    same("filterWhen (>= 2) $ s \"bd sn\"", "seqP [(2, 100, s \"bd sn\")]", 4);
    same("filterWhen (< 0.5) $ s \"bd sn\"", "s \"bd ~\" # s \"bd\"", 1);
    // Sections map numbers: a comparison gives 1 or 0, (k **) raises k to each value.
    same("n ((> 2) <$> \"1 3\")", "n \"0 1\"", 1);
    same("n (fmap (2 **) \"3 4\")", "n \"8 16\"", 1);
    same("n (fmap (** 2) \"3 4\")", "n \"9 16\"", 1);
    // kindohm's la: `let up = speed . ((1.059466**) <$>)`, a semitone scale on speed.
    let p = "let up = speed . ((2**) <$>)\nd1 $ s \"bd*2\" |+| up \"1 2\"\n";
    compile(p, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", p)));
}

#[test]
fn spread_prime_and_mtrigger() {
    // spread' applies the function with a pattern of values; Phonon's arguments take patterns.
    same("spread' fast \"<1 2>\" $ s \"bd sn\"", "fast \"<1 2>\" $ s \"bd sn\"", 2);
    // performance.md: mtrigger 4 restarts at a multiple of 4 cycles, which cycle 0 is.
    same("mtrigger 4 $ s \"<bd sn cp>\"", "s \"<bd sn cp>\"", 3);
}

#[test]
fn when_takes_a_test_of_the_cycle_number() {
    // Tidal's `when (> 2) f`: f in the cycles whose number passes the test.
    same("when (> 2) (fast 2) $ s \"bd sn\"", "when \"<0 0 0 1>\" (fast 2) $ s \"bd sn\"", 4);
    same("when (== 1) (# speed 2) $ s \"bd\"", "when \"<0 1 0 0>\" (# speed 2) $ s \"bd\"", 4);
}

#[test]
fn rests_split_words_and_a_bare_colon_is_the_word() {
    // Tidal's words never hold `~`: `pc2~~` is `pc2 ~ ~`, `~~~~~tom` five rests and tom.
    same("s \"bd~~\"", "s \"bd ~ ~\"", 1);
    same("s \"~~~~~sn~sn\"", "s \"~ ~ ~ ~ ~ sn ~ sn\"", 1);
    same("s \"{bd~~~}%8\"", "s \"{bd ~ ~ ~}%8\"", 1);
    // `kcks:(3,8)`: a colon with nothing after it leaves the word as it is.
    same("s \"[bd:(3,8)]\"", "s \"bd(3,8)\"", 1);
    same("s \"bd:*4 sn: cp\"", "s \"bd*4 sn cp\"", 1);
}

#[test]
fn haskell_list_ranges_with_steps_and_joined_lists() {
    // Haskell: [0,2..6] is [0,2,4,6]; [1,1.5..3] counts by the step the first two set; a
    // descending one counts down; ++ joins lists.
    same("n (fit 0 [0,2..6] \"0 1 2 3\") # s \"superpiano\"", "n \"0 2 4 6\" # s \"superpiano\"", 1);
    same("n (fit 0 [1,1.5..3] \"0 1 2 3 4\") # s \"superpiano\"", "n \"1 1.5 2 2.5 3\" # s \"superpiano\"", 1);
    same("n (fit 0 [3,2..0] \"0 1 2 3\") # s \"superpiano\"", "n \"3 2 1 0\" # s \"superpiano\"", 1);
    same("n (fit 0 ([0, 7] ++ [12..13]) \"0 1 2 3\") # s \"superpiano\"", "n \"0 7 12 13\" # s \"superpiano\"", 1);
    // A range that never reaches its end is an error, not a silent empty list.
    assert!(error("d1 $ n (fit 0 [3..1] \"0\") # s \"superpiano\"\n").contains("list range"));
}

#[test]
fn space_out_plays_a_cycle_over_each_length() {
    // Tidal: spaceOut [1, 0.5] p plays a cycle of p over one cycle, then over half a cycle.
    same("spaceOut [1, 0.5] $ s \"bd sn\"", "slow 1.5 $ timeCat [(1, s \"bd sn\"), (0.5, s \"bd sn\")]", 3);
    // Cycle 0 at speed 1, then a cycle in half a cycle, then again from the first length.
    let e = events("spaceOut [1, 0.5] $ s \"bd\"", 3);
    assert_eq!(e, ["0-1 {\"s\":\"bd\"}", "1-3/2 {\"s\":\"bd\"}", "3/2-5/2 {\"s\":\"bd\"}", "5/2-3 {\"s\":\"bd\"}"]);
}

#[test]
fn bare_words_among_controls_are_sounds() {
    // A bare string added to controls is the sound, as Tidal parses it among controls.
    let plan = |program: &str| compile(program, &env()).unwrap_or_else(|e| panic!("{}", e.render("t", program)));
    for program in ["d1 $ note \"c4\" # \"superpiano\" + up \"0 7\"\n", "d1 $ \"superpiano\" + n \"1 4\"\n"] {
        let p = plan(program);
        let opts = RenderOptions { cycles: Some(2.0), ..RenderOptions::default() };
        let audio = render(program, Arc::new(Bank::builtin()), &opts).unwrap();
        let peak = audio.main.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(p.outs.len() == 1 && peak > 0.01, "{program}: silent");
    }
    // Note names still join a pitch: "e" + n 12 is n 16.
    same("n \"0 2\" + \"e\"", "n \"4 6\"", 1);
}

#[test]
fn filters_named_as_controls_inside_pattern_functions_are_controls() {
    // `# slow 8 (bpf (range 500 5000 sine))`: bpf here is the control, slowed.
    same(
        "s \"bd*4\" # slow 8 (bpf (segment 4 $ range 500 5000 saw))",
        "s \"bd*4\" # bpf (slow 8 $ segment 4 $ range 500 5000 saw)",
        2,
    );
    same("s \"bd*2\" # (fast 2 $ lpf \"300 400\")", "s \"bd*2\" # lpf \"[300 400]*2\"", 1);
}

#[test]
fn chord_ratios_and_spread_prime_waiting_for_its_pattern() {
    // Tidal: chord "major" is the notes 0, 4 and 7, added to a root by +.
    same("n (\"c a\" + chord \"major minor\")", "n \"[0,4,7] [9,12,16]\"", 1);
    // Tidal's ratios in a pattern of times: 1%4 is a quarter.
    same("slow \"1%4\" $ s \"bd\"", "fast 4 $ s \"bd\"", 1);
    // spread' f vs waiting for its pattern is f vs (jux (spread' density "2")).
    same("jux (spread' fast \"2\") $ s \"bd sn\"", "jux (fast 2) $ s \"bd sn\"", 2);
}
