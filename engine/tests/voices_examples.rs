//! The reference examples of `s` and of the event controls make sound.

mod voices_common;

use phonon_engine::compile::controls::FUNCTIONS as CONTROLS;
use phonon_engine::compile::special::FUNCTIONS as SPECIAL;
use phonon_engine::pattern::mini;
use phonon_engine::time::Rational;
use voices_common::*;

/// Examples that depend on parts of the language outside the sampler.
fn needs_other_parts(example: &str) -> Option<&'static str> {
    if example.contains("midiout") {
        return Some("MIDI output");
    }
    // `x*8` is one event of eight when the mini-notation has speed-up; without it the word
    // `hh*8` is no sound at all.
    if example.contains('*')
        && mini::parse("a*2").map(|p| p.haps(Rational::ZERO, Rational::ONE).len()).unwrap_or(0) != 2
    {
        return Some("mini-notation speed-up (a*2)");
    }
    None
}

#[test]
fn examples_of_sounds_and_event_controls_are_audible() {
    let mut checked = 0;
    for f in SPECIAL.iter().chain(CONTROLS.iter()) {
        if let Some(why) = needs_other_parts(f.example) {
            println!("{}: not checked here (needs {why}): {}", f.name, f.example);
            continue;
        }
        let (l, r) = render_kit(f.example, 48000, 2.0);
        let level = rms(&l).max(rms(&r));
        println!("{}: rms {level:.4}: {}", f.name, f.example);
        assert!(level > 0.005, "{}: the example is silent: {}", f.name, f.example);
        assert!(peak(&l).max(peak(&r)) < 1.0);
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} examples checked");
}
