//! The steps that play, published from the audio thread: every block, the source words of the
//! events starting in it go through the step feed, in time order, with the outputs they play
//! on, their onset and length, and the program they belong to. Proven under
//! `assert_no_alloc`: publishing neither allocates nor frees. The scope's ring of an output's
//! latest samples is filled the same way.

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{program_id, Engine, HostIn, Outputs, PlayedStep, StepFeed, BLOCK, SCOPE_LEN};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: AllocDisabler = AllocDisabler;

/// Samples per cycle at 48 kHz and the default 0.5 cycles per second.
const CYCLE: i64 = 96_000;

struct Rig {
    session: Session,
    engine: Engine,
    feed: Arc<StepFeed>,
    host: HostIn,
    out: Box<Outputs>,
    block: i64,
}

impl Rig {
    fn new() -> Rig {
        let mut session = Session::new(48_000, Arc::new(Bank::builtin()));
        let mut engine = session.take_engine().unwrap();
        let feed = Arc::new(StepFeed::new(1024));
        engine.set_step_feed(feed.clone());
        Rig { session, engine, feed, host: HostIn::default(), out: Box::default(), block: 0 }
    }

    fn play(&mut self, src: &str) {
        let p = self.session.prepare(src).unwrap_or_else(|e| panic!("{}", e.render("test", src)));
        self.session.send(p);
    }

    /// Render `blocks` blocks without allocating; what each published, with its block index.
    fn run(&mut self, blocks: usize) -> Vec<(i64, PlayedStep)> {
        let mut seen = Vec::with_capacity(4096);
        for _ in 0..blocks {
            assert_no_alloc(|| self.engine.process_block(&self.host, &mut self.out));
            while let Some(s) = self.feed.take() {
                seen.push((self.block, s));
            }
            self.block += 1;
        }
        self.session.collect();
        seen
    }
}

/// The text each step lights.
fn words(src: &str, s: &PlayedStep) -> String {
    s.locs.iter().map(|(o, l)| &src[o..o + l]).collect::<Vec<_>>().join("+")
}

#[test]
fn bd4_sn_cp_publishes_its_steps_in_order_on_their_blocks() {
    let src = "out: s \"bd*4 [sn cp]\"";
    let mut rig = Rig::new();
    rig.play(src);
    let blocks = (2 * CYCLE) as usize / BLOCK;
    let seen = rig.run(blocks);
    let got: Vec<String> = seen.iter().map(|(_, s)| words(src, s)).collect();
    assert_eq!(got, ["bd", "bd", "bd", "bd", "sn", "cp"].repeat(2));
    // The `bd` step is one word, the same one each time; `sn` and `cp` are theirs.
    let bd = src.find("bd").unwrap();
    assert_eq!(seen[0].1.locs.iter().next(), Some((bd, 2)));
    let expect = [(0, CYCLE / 8), (CYCLE / 8, CYCLE / 8), (CYCLE / 4, CYCLE / 8), (3 * CYCLE / 8, CYCLE / 8)]
        .into_iter()
        .chain([(CYCLE / 2, CYCLE / 4), (3 * CYCLE / 4, CYCLE / 4)]);
    let expect: Vec<(i64, i64)> = expect.clone().chain(expect.map(|(s, l)| (s + CYCLE, l))).collect();
    for ((block, s), (start, len)) in seen.iter().zip(expect) {
        assert_eq!((s.start, s.len), (start, len));
        // Published with the block its onset falls in.
        assert_eq!(*block, start / BLOCK as i64, "{s:?}");
        assert_eq!(s.outputs, 1, "on the main output");
        assert_eq!(s.program, program_id(src));
    }
    assert_eq!(rig.feed.dropped(), 0);
    // The cycle at a sample being heard, a cycle behind the last block.
    let status = rig.engine.status();
    let end = (blocks * BLOCK) as f64;
    assert!((status.cycle_at(end) - end / CYCLE as f64).abs() < 1e-9);
    assert!((status.cycle_at(end - CYCLE as f64) - (end / CYCLE as f64 - 1.0)).abs() < 1e-9);
}

#[test]
fn the_scope_keeps_the_chosen_outputs_latest_samples() {
    let src = "out1: sine 220 * 0.5\nout2: sine 440 * 0\n";
    let mut rig = Rig::new();
    rig.play(src);
    let status = rig.engine.status();
    let mut seen = vec![0.0f32; 1024];
    for (k, loud) in [(1, true), (2, false), (5, false)] {
        status.scope.select(k);
        // Written by the audio thread with the rest of the block, allocation-free.
        rig.run(SCOPE_LEN / BLOCK);
        status.scope.read(&mut seen);
        let peak = seen.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert_eq!(peak > 0.4, loud, "out{k}: peak {peak}");
    }
}

#[test]
fn steps_light_every_word_of_an_event_on_every_output_and_follow_swaps() {
    let src = "out1: s \"bd sn\" # n \"<1 2>\"\nout2: note \"c e\" # s \"superpiano\"";
    let mut rig = Rig::new();
    rig.play(src);
    let seen = rig.run(CYCLE as usize / BLOCK);
    let on = |k: u32| -> Vec<String> {
        seen.iter().filter(|(_, s)| s.outputs & (1 << k) != 0).map(|(_, s)| words(src, &s)).collect()
    };
    assert_eq!(on(1), ["bd+1", "sn+1"]);
    assert_eq!(on(2), ["c+superpiano", "e+superpiano"]);
    // A numbered-output program's main output is their sum: it plays everything.
    assert_eq!(on(0).len(), 4);

    // After a swap the steps belong to the new text.
    let next = "out1: s \"hh*2\"";
    rig.play(next);
    let seen = rig.run(CYCLE as usize / BLOCK);
    assert!(!seen.is_empty());
    assert!(seen.iter().all(|(_, s)| s.program == program_id(next) && words(next, s) == "hh"));
}

#[test]
fn a_full_feed_drops_steps_without_blocking() {
    let src = "out: s \"hh*16\"";
    let mut rig = Rig::new();
    rig.feed = Arc::new(StepFeed::new(4));
    rig.engine.set_step_feed(rig.feed.clone());
    rig.play(src);
    for _ in 0..(CYCLE as usize / BLOCK) {
        assert_no_alloc(|| rig.engine.process_block(&rig.host, &mut rig.out));
    }
    assert_eq!(rig.feed.dropped(), 12);
    assert_eq!(std::iter::from_fn(|| rig.feed.take()).count(), 4);
}

#[test]
fn events_keep_their_words_through_the_functions_of_the_language() {
    use phonon_engine::compile::{compile_pattern, CompileEnv};
    use phonon_engine::time::Rational;
    let env = CompileEnv::new(Arc::new(Bank::builtin()));
    for (expr, words) in [
        ("every 2 rev $ s \"bd sn\"", &["bd", "sn"][..]),
        ("jux rev $ s \"bd sn\"", &["bd", "sn"]),
        ("chop 2 $ s \"bd sn\"", &["bd", "sn"]),
        ("ply 2 $ s \"bd sn\"", &["bd", "sn"]),
        ("sometimes (# speed 2) $ s \"bd*8\"", &["bd"]),
        ("off 0.25 (|+ n 12) $ n \"0 3\" # s \"superpiano\"", &["0+superpiano", "3+superpiano"]),
        ("arp \"up\" $ n \"c'maj\"", &["c'maj"]),
        ("segment 4 $ s \"bd\"", &["bd"]),
        ("struct \"t ~ t t\" $ s \"bd\"", &["t+bd"]),
        ("s \"bd sn\" # n \"<1 2>\"", &["bd+1", "sn+1", "bd+2", "sn+2"]),
    ] {
        let p = compile_pattern(expr, &env).unwrap_or_else(|e| panic!("{expr}: {}", e.render("test", expr)));
        let haps = p.haps(Rational::ZERO, Rational::int(2));
        assert!(haps.iter().any(|h| h.has_onset()), "{expr}");
        for h in haps.iter().filter(|h| h.has_onset()) {
            let lit: Vec<&str> = h.locs.iter().map(|(o, l)| &expr[o..o + l]).collect();
            assert!(words.contains(&lit.join("+").as_str()), "{expr}: an event lights {lit:?}");
        }
    }
}
