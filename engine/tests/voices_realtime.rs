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
~keys: note "[c5 e5 g5 b5] [a4 c5 e5 g5] <[d5 f5 a5 c6] [g4 b4 d5 f5]> [e5 g5 b5 d6]" # s "<supersaw superpiano superfm superpwm>" # legato 6 # amp 0.3 # vowel "<a o ~ e>" # bandf "<0 900>" # bandq 3
~perc: s "[superkick superhat supersnare superhat] [supersquare superhat ~ superhat]" # n "0 12 7 3" # begin 0.1 # end 0.9 # shape 0.4 # crush "8 16" # hcutoff 200 # hresonance 0.5
out: ~drums * 0.2 + ~keys * 0.2 + ~perc * 0.2
"#;

const OTHER: &str = r#"
tempo: 2
~drums: s "[cy:2 oh:2 bd sn] [hh hh cp hh]" # cut "1 0"
~keys: note "[c5 e5 g5 b5] [a4 c5 e5 g5]" # s "supersaw" # legato 8 # amp 0.3
out: ~drums * 0.2 + ~keys * 0.2
"#;

/// Every synth of the name table in turn, with their own controls moving.
fn every_synth() -> String {
    let names: Vec<&str> = phonon_engine::voice::synth::catalog::SYNTHS.iter().map(|s| s.name).collect();
    format!(
        "tempo: 2\n~syn: n \"0 7 -12 4 12 -5\" # s \"{{{}}}%8\" # legato 3 # amp 0.3 # voice \"0 0.5 1 3\" # detune \"0 1 2\" # decay \"0 0.5\" # pitch1 \"1 2\" # rate \"1 3\" # slide \"0 1\" # accelerate \"0 0.5\" # resonance \"0 0.5\"\nout: ~syn * 0.3\n",
        names.join(" ")
    )
}

#[test]
fn playing_every_synth_never_allocates() {
    let mut session = Session::new(48000, kit());
    session.send(session.prepare(&every_synth()).unwrap());
    let mut engine = session.take_engine().unwrap();
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    let mut level = 0.0f64;
    // 3000 blocks: 8 s, 16 cycles of 8 events: every synth at least three times, overlapping.
    for k in 0..3000 {
        assert_no_alloc(|| engine.process_block(&host, &mut out));
        level += rms(&out.main.l);
        if k % 64 == 0 {
            session.collect();
        }
    }
    assert!(level / 3000.0 > 0.01, "the synths are silent");
    assert_eq!(engine.status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed), 0);
}

/// Play `program` for `blocks` blocks with allocation forbidden, swapping to `OTHER` at block
/// `swap_at` (built and queued off the audio thread; taking it over, voices adopted, happens
/// inside the next block). Fails when it is silent or the output guard caught NaN.
fn play_without_allocating(program: &str, blocks: usize, swap_at: usize) {
    let mut session = Session::new(48000, kit());
    session.send(session.prepare(program).unwrap());
    let mut engine = session.take_engine().unwrap();
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    let mut level = 0.0f64;
    for k in 0..blocks {
        if k == swap_at {
            session.send(session.prepare(OTHER).unwrap());
        }
        assert_no_alloc(|| engine.process_block(&host, &mut out));
        level += rms(&out.main.l);
        if k % 64 == 0 {
            session.collect();
        }
    }
    assert!(level / blocks as f64 > 0.01, "the program is silent");
    assert_eq!(engine.status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed), 0);
}

#[test]
fn playing_dense_events_never_allocates() {
    // 4000 blocks: 10.7 s of audio, over 21 cycles and 1300 events.
    play_without_allocating(DENSE, 4000, 2000);
}

/// Every one of SuperDirt's extra effects, moving, on samples and synths, with more phaser,
/// leslie and spectral voices than the player has memories for, then a swap to a program
/// without them.
const DIRT_FX: &str = r#"
tempo: 2
~a: n "0 7 -5 12 3 -12 5 9" # s "<supersaw superpiano bd sn>" # legato 4 # amp 0.3 # djf "0.2 0.5 0.8" # triode "0 1" # krush "0 4" # kcutoff "500 0" # ring "0 1" # ringf "100 800" # ringdf "0 500" # tremolorate "2 9" # tremolodepth "0.5 1" # phaserrate "1 3" # phaserdepth 0.7 # loop "1 2.5" # nudge "0 0.01 -0.02"
~b: n "[0 .. 15]" # s "<superhammond hh>" # legato 6 # amp 0.1 # octer "0 1 2" # octersub 1 # octersubsub 0.5 # fshift "-100 50" # fshiftnote "0 0.5" # fshiftphase 1 # waveloss "0 30" # overgain 0.1 # overshape 0.3 # shape 0.2 # leslie "0.5 1" # lrate "0.7 6.7" # lsize "0.3 2"
~c: n "[0 .. 11]" # s "<supersaw cp superfork>" # legato 3 # amp 0.1 # comb "0 0.3" # smear "0 0.5" # scram "0 0.3" # binshift "0.2 0.6" # hbrick "0 0.2" # lbrick "0 0.5" # enhance "0 0.5" # real "0.2 0.8" # imag 0.4 # freeze "0 1" # xsdelay "3 12" # tsdelay "0.2 0.9"
out: ~a * 0.3 + ~b * 0.3 + ~c * 0.3
"#;

#[test]
fn every_superdirt_effect_plays_without_allocating() {
    play_without_allocating(DIRT_FX, 3000, 2000);
}
