//! Tidal code by others runs as written: every program of `data/tidal_corpus.txt` (the Tidal
//! documentation), `data/tidal_sets_corpus.txt` (performers' sets and course sheets) and
//! `data/tidal_batch3_corpus.txt` (the old Tidal guide, a learner's notes, an archive) and
//! `data/tidal_batch4_corpus.txt` (kindohm's live sets, more documentation pages) and
//! `data/tidal_batch5_corpus.txt` (two more performers' sets), `data/tidal_batch6_corpus.txt` and
//! `data/tidal_batch7_corpus.txt` (workshops, courses and sets by 30 more authors) compiles and
//! sounds, with a sample folder shaped like SuperDirt's Dirt-Samples (tiny generated sounds under
//! its folder names, and the sets' own folders). And the file-level behaviour of Tidal (blocks, a
//! later `d1` replacing an earlier one, `hush`, `setcps`, `once`, `solo`, `let`, `do`) as
//! documented.

use phonon_engine::compile::{compile, compile_pattern, CompileEnv};
use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::{Bank, LoadLimits};
use phonon_engine::time::Rational;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Folder names of SuperDirt's Dirt-Samples collection.
const DIRT: &str = "808 808bd 808cy 808hc 808ht 808lc 808lt 808mc 808mt 808oh 808sd 909 ab ade alphabet amencutup \
    arp arpy auto baa bass bass0 bass1 bass2 bass3 bassdm bassfoo battles bd bend bev bin birds bleep blip blue \
    bottle break breaks125 breaks152 breaks157 breaks165 breath bubble can casio cb cc chin chink circus clak click clubkick co coins \
    control cosmicg cp cr crow d db diphone dist dork2 dorkbot dr dr2 dr55 dr_few drum drumtraks e east electro1 \
    em2 erk f feel feelfx fest fire flick fm foo future gab gabba gabbaloud glasstap glitch glitch2 gretsch gtr h \
    hand hardcore hardkick haw hc hh hh27 hit hmm ho hoover house ht if ifdrums incoming industrial insect \
    invaders jazz jungbass jungle juno jvbass kicklinn koy kurt latibro led less lighter linnhats lt made mash \
    metal miniyeah monsterb moog mouth mp3 msg mt mute newnotes noise noise2 notes numbers oc odx off outdoor \
    pad padlong pebbles perc peri pluck popkick print proc psr rave rave2 ravemono realclaps reverbkick rm rs \
    sax sd seawolf sequential sf sheffield short sid sine sitar sn space speakspell speech speechless \
    speedupdown stab stomp subroc3d sugar sundance tabla tabla2 tablex tacscan tech techno tink tok toys trump \
    ul ulgab uxay v voodoo wind wobble world xmas yeah";

/// Folders of the performers' own samples that the collected sets name (Yaxu's course pack,
/// the sets' own recordings): a user of those sets has them in a second folder.
const OWN: &str = "clap coin cpu cpu2 cymnew1Sd dbass dsynth harmonics k kick kit1 kit2 padloop8 rash sea2 snare \
    tableware trp1_8 trp1_h trp2_b trp2_k vocad";

/// Mike Hodnick's own sample folders, which his published sets (the fourth batch) name.
const KINDOHM: &str = "444 444z a1 a2 akuma1 akuma2 akuma3 akuma4 akuma5 alonevox alpch alpkeys alps amenall b b18b \
    beacch beack beacs beacsub beakr binh bink bins bit1 bor burnch burncp c64 ch cpr cy d4 defb defdo defkit1 \
    defkit2 defs doru drop dup electrowave elyb elykr elyp fall fall2 fk funky fur1 fur2 fur3 gnarl gnome harp hawk \
    heem ifgab ifh ifk ifs intro ion1 ion2 ion3 ion4 keys2 kh kit3 kit4 kit5 kit6 kit7 kl ktite la laz lessb lessh \
    lesss melt monst n4 nau necrofull nov1 oh ow1 peach percg ping pockch pockcp pocks robo s sea selfcpr selffx \
    selfs shard slipcy slipk sockb sockfx sockh sockk socks stite sub teeny1 teeny2 teeny3 teeny4 teks think tite \
    ulh untuned up vbcp vbhh vbht vbk1 vbk4 vblt vbp vbs voxs xh";

/// The fifth batch's performers' own sample folders.
const BATCH5: &str = "alva ambient bs bs2 cym dl ekt fms fx2 fxg fxm fxr gc1 gc5 gclap gcombi gl htl hts inst k2 k3 \
    kcks mckenna pc2 pec procshort pulse rde sin sn3 snr snr2 syn2 tom vcrk";

/// A Dirt-Samples-shaped folder: three short, distinct sounds per name.
fn dirt_bank() -> Arc<Bank> {
    static B: OnceLock<Arc<Bank>> = OnceLock::new();
    B.get_or_init(|| {
        // Kept after the test (about 1 MB, rewritten by every run): a bank may decode its
        // sounds lazily, when a program first names them.
        let root: PathBuf = std::env::temp_dir().join("phonon-tidal-corpus-dirt");
        let sr = 11025u32;
        for (k, name) in DIRT
            .split_whitespace()
            .chain(OWN.split_whitespace())
            .chain(KINDOHM.split_whitespace())
            .chain(BATCH5.split_whitespace())
            .enumerate()
        {
            let dir = root.join(name);
            std::fs::create_dir_all(&dir).unwrap();
            for i in 0..3 {
                let spec = hound::WavSpec {
                    channels: 1,
                    sample_rate: sr,
                    bits_per_sample: 16,
                    sample_format: hound::SampleFormat::Int,
                };
                let mut w = hound::WavWriter::create(dir.join(format!("{name}{i}.wav")), spec).unwrap();
                let hz = 110.0 * (1.0 + (k % 12) as f64 / 6.0) * (i + 1) as f64;
                let n = (sr as f64 * 0.2) as usize;
                // A tone with some noise in it, as drum samples have: a high-pass filter or a
                // slowed-down sample leaves something of it, as of a real one.
                let mut seed = (k as u64 * 3 + i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                for t in 0..n {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let noise = (seed >> 33) as f64 / (1u64 << 31) as f64 - 1.0;
                    let tone = (t as f64 / sr as f64 * hz * std::f64::consts::TAU).sin();
                    let x = (0.7 * tone + 0.3 * noise) * (1.0 - t as f64 / n as f64);
                    w.write_sample((x * 20000.0) as i16).unwrap();
                }
                w.finalize().unwrap();
            }
        }
        Arc::new(Bank::with_folders(&[&root], &LoadLimits::default()).unwrap())
    })
    .clone()
}

struct Entry {
    title: String,
    source: String,
    refused: Option<String>,
    program: String,
}

/// The documentation corpus and the performers' sets corpus, as one list.
fn corpus() -> Vec<Entry> {
    [
        "tidal_corpus.txt",
        "tidal_sets_corpus.txt",
        "tidal_batch3_corpus.txt",
        "tidal_batch4_corpus.txt",
        "tidal_batch5_corpus.txt",
        "tidal_batch6_corpus.txt",
        "tidal_batch7_corpus.txt",
    ]
    .iter()
    .flat_map(|f| corpus_file(f))
    .collect()
}

fn corpus_file(name: &str) -> Vec<Entry> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for block in text.split("\n=== ").skip(1) {
        let (title, rest) = block.split_once('\n').unwrap_or((block, ""));
        let mut source = String::new();
        let mut refused = None;
        let mut program = String::new();
        for line in rest.lines() {
            if let Some(s) = line.strip_prefix("-- source:") {
                source = s.trim().to_string();
            } else if let Some(s) = line.strip_prefix("-- not supported:") {
                refused = Some(s.trim().to_string());
            } else {
                program.push_str(line);
                program.push('\n');
            }
        }
        out.push(Entry {
            title: title.trim().to_string(),
            source,
            refused,
            program: program.trim().to_string() + "\n",
        });
    }
    out
}

/// Renders 8 cycles; the program's level (RMS of the louder channel's loudest tenth of a
/// second), or why it failed. A low rate keeps the corpus quick; what is silent there is heard
/// again at a DAW's rate, where sounds above 5.5 kHz (SuperDirt's `superhat`) play.
fn sound_level(program: &str) -> Result<f64, String> {
    let level = sound_level_at(program, 11025)?;
    if level > 1e-3 {
        return Ok(level);
    }
    let level = sound_level_at(program, 44100)?;
    // A set's file often ends with `hush`, which fades what played out within half a second
    // (see `a_file_runs_top_to_bottom_as_tidal_evaluates_its_blocks`): what it played until
    // then is heard without it.
    match program.trim_end().strip_suffix("hush") {
        Some(before) if level <= 1e-3 && before.ends_with('\n') => sound_level_at(before, 11025),
        _ => Ok(level),
    }
}

fn sound_level_at(program: &str, sample_rate: u32) -> Result<f64, String> {
    let opts = RenderOptions { sample_rate, cycles: Some(8.0), ..RenderOptions::default() };
    let r = render(program, dirt_bank(), &opts).map_err(|e| e.to_string())?;
    if r.nan_blocks > 0 {
        return Err("NaN in the output".into());
    }
    let rms = |x: &[f32]| (x.iter().map(|v| (*v as f64).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt();
    // The loudest tenth of a second: a sparse program (one filtered hit every two cycles)
    // sounds as much as a dense one.
    let window = (sample_rate / 10) as usize;
    let loudest = |x: &[f32]| x.chunks(window).map(rms).fold(0.0f64, f64::max);
    Ok(loudest(&r.left()).max(loudest(&r.right())))
}

#[test]
fn tidal_programs_by_others_compile_and_sound() {
    let entries = corpus();
    assert!(entries.len() >= 40, "the corpus holds at least 40 programs");
    let mut failures = Vec::new();
    let mut sounding = 0;
    for e in &entries {
        assert!(!e.source.is_empty(), "{}: no source recorded", e.title);
        let result = sound_level(&e.program);
        match (&e.refused, result) {
            (None, Ok(level)) if level > 1e-3 => sounding += 1,
            (None, Ok(level)) => failures.push(format!("{}: silent (rms {level:.5})\n{}", e.title, e.program)),
            (None, Err(err)) => failures.push(format!("{}: {err}\n{}", e.title, e.program)),
            (Some(_), Err(_)) => {}
            (Some(_), Ok(level)) if level <= 1e-3 => {}
            (Some(why), Ok(_)) => failures.push(format!("{}: marked not supported ({why}) but plays", e.title)),
        }
    }
    let supported = entries.iter().filter(|e| e.refused.is_none()).count();
    println!("{sounding} of {} Tidal programs compile and sound ({supported} supported)", entries.len());
    assert!(failures.is_empty(), "{} programs fail:\n{}", failures.len(), failures.join("\n\n"));
}

fn plan(src: &str) -> phonon_engine::graph::plan::Plan {
    let env = CompileEnv::new(dirt_bank());
    compile(src, &env).unwrap_or_else(|e| panic!("{}", e.render("t", src)))
}

fn outs(src: &str) -> Vec<u32> {
    plan(src).outs.iter().map(|&(n, _)| n).collect()
}

#[test]
fn a_file_runs_top_to_bottom_as_tidal_evaluates_its_blocks() {
    // A later d1 replaces the earlier one: no error, one output.
    assert_eq!(outs("d1 $ s \"bd\"\n\nd1 $ s \"sn\"\n"), [1]);
    // hush silences only what came before it.
    assert_eq!(outs("d1 $ s \"bd\"\nd3 $ s \"cp\"\nhush\nd2 $ s \"hh\"\n"), [2]);
    // A final hush keeps the patterns and fades them, as hush does to a running program.
    let p = plan("d1 $ s \"bd\"\nhush\n");
    assert!(p.settings.hush);
    assert_eq!(p.outs.len(), 1);
    // solo and unsolo.
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nsolo 2\n"), [2]);
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nsolo 2\nunsolo 2\n"), [1, 2]);
    // Named patterns and once take free outputs.
    assert_eq!(outs("p \"drums\" $ s \"bd\"\nonce $ s \"cp\"\n").len(), 2);
    // mute and unmute (the workshop), unmuteAll and unsoloAll.
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nmute 2\n"), [1]);
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nmute 2\nunmute 2\n"), [1, 2]);
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nmute 1\nmute 2\nunmuteAll\n"), [1, 2]);
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nsolo 2\nunsoloAll\n"), [1, 2]);
    // A transition to a bare string: `xfadeIn 1 8 "~"` fades d1 to silence.
    assert_eq!(outs("d1 $ s \"bd\"\nd2 $ s \"hh\"\nxfadeIn 1 8 \"~\"\n"), [1, 2]);
    // A comment line inside a block does not end it; `let ... in` ends the bindings.
    assert_eq!(outs("d1\n$ stack [\n  s \"bd\",\n  -- s \"cp\",\n  s \"sn\"\n  -- s \"hh\"\n]\n# gain 0.9\n"), [1]);
    assert_eq!(outs("let pats =\n      [ (\"a\", s \"bd\") ]\nin\nd1\n$ ur 4 \"a\" pats []\n"), [1]);
    // A do block: each aligned line is a statement.
    assert_eq!(outs("do\n  d1 $ s \"bd\"\n    # gain 0.9\n  d2 $ s \"hh\"\n"), [1, 2]);
}

#[test]
fn tempo_statements_set_cycles_per_second() {
    assert_eq!(plan("setcps (120/60/4)\nd1 $ s \"bd\"\n").settings.cps, Some(Rational::new(1, 2)));
    assert_eq!(plan("setbpm 135\nd1 $ s \"bd\"\n").settings.cps, Some(Rational::new(135, 240)));
    assert_eq!(plan("d1 $ s \"bd\" # cps 0.75\n").settings.cps, Some(Rational::new(3, 4)));
    // The last tempo given wins.
    assert_eq!(plan("setbpm 120\nsetcps 0.7\nd1 $ s \"bd\"\n").settings.cps, Some(Rational::new(7, 10)));
    // A tempo given as a pattern says the Phonon way, in one line.
    let env = CompileEnv::new(dirt_bank());
    for src in ["setcps \"<0.5 1>\"\nd1 $ s \"bd\"\n", "d1 $ s \"bd*2\" # cps (slow 4 $ range 0.5 1 sine)\n"] {
        let e = compile(src, &env).unwrap_err();
        let m = &e.0[0].message;
        assert!(m.contains("fast \"<1 2>\"") && !m.contains('\n'), "{m}");
    }
}

/// The rendered audio of a program, 2 cycles at a low rate.
fn audio(src: &str) -> Vec<f32> {
    let opts = RenderOptions { sample_rate: 11025, cycles: Some(2.0), ..RenderOptions::default() };
    render(src, dirt_bank(), &opts).unwrap().left()
}

#[test]
fn set_cycle_and_nudge_all_change_what_follows() {
    // performance.md: after setCycle 5 a pattern plays from its cycle 5; resetCycles undoes it.
    let later = audio("setCycle 5\nd1 $ n \"<0 1 2 3 4 5 6>\" # s \"east\"\n");
    assert_eq!(later, audio("d1 $ 5 <~ (n \"<0 1 2 3 4 5 6>\" # s \"east\")\n"));
    assert_ne!(later, audio("d1 $ n \"<0 1 2 3 4 5 6>\" # s \"east\"\n"));
    let reset = audio("setCycle 5\nresetCycles\nd1 $ n \"<0 1 2 3 4 5 6>\" # s \"east\"\n");
    assert_eq!(reset, audio("d1 $ n \"<0 1 2 3 4 5 6>\" # s \"east\"\n"));
    // startpattern.md: nudgeAll 0.2 adds 0.2 seconds to every pattern's nudge.
    let nudged = audio("d1 $ s \"bd*2\" # nudge 0.25\nnudgeAll 0.25\n");
    assert_eq!(nudged, audio("d1 $ s \"bd*2\" # nudge 0.5\n"));
    assert_ne!(nudged, audio("d1 $ s \"bd*2\" # nudge 0.25\n"));
}

#[test]
fn lets_bind_values_and_functions_for_what_follows() {
    let env = CompileEnv::new(dirt_bank());
    let ok = |src: &str| compile(src, &env).unwrap_or_else(|e| panic!("{}", e.render("t", src)));
    ok("let pat = \"0 .. 7\"\nd1 $ n pat # s \"arpy\"\n");
    ok("let f x = fast 2 $ rev x\nd1 $ f $ s \"bd sn\"\n");
    ok("let g = every 2 (fast 2) . rev\nd1 $ g $ s \"bd sn\"\n");
    ok("let a = \"0 3\"\n    b = \"<7 12>\"\nd1 $ n (a + b) # s \"superpiano\"\n");
    // A let is visible after it, not before.
    let e = compile("d1 $ n later # s \"arpy\"\nlet later = \"0\"\n", &env).unwrap_err();
    assert!(e.0[0].message.contains("unknown function 'later'"), "{}", e.0[0].message);
}

#[test]
fn once_plays_the_first_cycle_only() {
    let opts = RenderOptions { sample_rate: 11025, cycles: Some(4.0), ..RenderOptions::default() };
    let r = render("once $ s \"cp*2\"\n", dirt_bank(), &opts).unwrap();
    let l = r.left();
    let cycle = l.len() / 4;
    let energy = |x: &[f32]| x.iter().map(|v| v.abs() as f64).sum::<f64>();
    assert!(energy(&l[..cycle]) > 1.0);
    assert!(energy(&l[2 * cycle..]) < 1e-3, "once played after its first cycle");
}

#[test]
fn signals_given_to_event_controls_are_sampled_at_onsets() {
    let env = CompileEnv::new(dirt_bank());
    // At the default 0.5 cycles per second, `sine 0.5` makes one turn per cycle.
    let p = compile_pattern("s \"hh*4\" # pan (sine 0.5)", &env).unwrap();
    let pans: Vec<f64> = p
        .haps(Rational::ZERO, Rational::ONE)
        .iter()
        .filter(|h| h.has_onset())
        .map(|h| h.value.to_json()["pan"].as_f64().unwrap())
        .collect();
    let want = [0.0, 1.0, 0.0, -1.0];
    assert!(pans.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-9), "{pans:?}");
    // The language spec's opening example compiles and sounds.
    let spec = "tempo: 0.5\n~lfo: sine 0.25\n~kick: s \"bd*4\"\n~hats: s \"hh*8\" # gain \"0.9 0.6\" # pan (sine 0.5)\n\
                ~bass: saw \"55 55 82.5 <73.4 98>\" # lpf (~lfo * 1500 + 600) q:0.8\n~drums: ~kick + ~hats\n\
                ~wet: ~drums # reverb 0.4 # delay 0.375 0.5\nout1: ~drums + ~wet * 0.3\nout2: ~bass\nout: ~drums + ~bass\n";
    assert!(sound_level(spec).unwrap() > 1e-3);
    // A bus of an oscillator drives an event control: `# cutoff ~lfo`.
    assert!(sound_level("~lfo: sine 0.25 * 1500 + 2000\nd1 $ s \"bd*4\" # cutoff ~lfo\n").unwrap() > 1e-3);
}

#[test]
fn bare_and_applied_oscillator_names_say_the_other_reading() {
    let env = CompileEnv::new(dirt_bank());
    let e = compile("out: sine\n", &env).unwrap_err();
    assert!(e.0[0].message.contains("sine 440"), "{}", e.0[0].message);
    let e = compile("out: segment 4 $ noise\n", &env).unwrap_err();
    assert!(e.0[0].message.contains("continuous pattern"), "{}", e.0[0].message);
}

#[test]
fn folders_named_by_numbers_play() {
    // Dirt-Samples' 808 and 909: `s "909"` and `s "808:1"` play those folders, as in Tidal.
    assert!(sound_level("d1 $ s \"909*2 808:1\"\n").unwrap() > 1e-3);
    let env = CompileEnv::new(dirt_bank());
    let p = compile_pattern("s \"909 808:1\"", &env).unwrap();
    let s: Vec<String> =
        p.haps(Rational::ZERO, Rational::ONE).iter().map(|h| h.value.to_json()["s"].to_string()).collect();
    assert_eq!(s, ["\"909\"", "\"808\""]);
}
