//! The player on the audio thread: thousands of blocks of dense events, voice stealing, cut
//! groups, synth voices, per-voice effects and a hot swap, with allocation forbidden.

mod voices_common;

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{HostIn, Outputs};
use phonon_engine::render::Session;
use voices_common::*;

#[global_allocator]
static ALLOC: AllocDisabler = AllocDisabler;

/// 64 events a cycle at 2 cycles a second, most of them seconds long: far more voices than
/// the pool holds, so it steals all the time; cut groups choke; synth chords overlap.
const DENSE: &str = r#"
tempo: 2
~drums: s "[cy:2 oh:2 bd sn cy cp lt:2 mt] [cy:1 oh hh rim ht cb perc perc:2] [cy:2 cy:3 oh:1 oh:3 sn:2 bd:3 cp:2 cy] [lt mt ht cy:2 oh:2 cy:1 cy:3 bd:0]" # cut "0 1 0 2 0 0 1 0" # speed "1 -1 0.5 2" # cutoff "2000 8000 0" # resonance 0.3 # coarse "1 4"
~keys: note "[c5 e5 g5 b5] [a4 c5 e5 g5] <[d5 f5 a5 c6] [g4 b4 d5 f5]> [e5 g5 b5 d6]" # s "<supersaw superpiano superfm superpwm>" # legato 6 # gain 0.3 # vowel "<a o ~ e>" # bandf "<0 900>" # bandq 3
~perc: s "[superkick superhat supersnare superhat] [supersquare superhat ~ superhat]" # n "0 12 7 3" # begin 0.1 # end 0.9 # shape 0.4 # crush "8 16" # hcutoff 200 # hresonance 0.5
out: ~drums * 0.2 + ~keys * 0.2 + ~perc * 0.2
"#;

const OTHER: &str = r#"
tempo: 2
~drums: s "[cy:2 oh:2 bd sn] [hh hh cp hh]" # cut "1 0"
~keys: note "[c5 e5 g5 b5] [a4 c5 e5 g5]" # s "supersaw" # legato 8 # gain 0.3
out: ~drums * 0.2 + ~keys * 0.2
"#;

#[test]
fn playing_dense_events_never_allocates() {
    let mut session = Session::new(48000, kit());
    session.send(session.prepare(DENSE).unwrap());
    let mut engine = session.take_engine().unwrap();
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    let mut level = 0.0f64;
    // 4000 blocks: 10.7 s of audio, over 21 cycles and 1300 events.
    for k in 0..4000 {
        if k == 2000 {
            // The swap is built and queued off the audio thread; taking it over (voices
            // adopted) happens inside the next block.
            session.send(session.prepare(OTHER).unwrap());
        }
        assert_no_alloc(|| engine.process_block(&host, &mut out));
        level += rms(&out.main.l);
        if k % 64 == 0 {
            session.collect();
        }
    }
    assert!(level / 4000.0 > 0.01, "the dense program is silent");
    assert_eq!(engine.status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed), 0);
}
