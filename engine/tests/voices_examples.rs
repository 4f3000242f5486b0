//! The reference examples of the control table's entries (`s` and every event control) make
//! sound.

mod voices_common;

use phonon_engine::controls::{Acts, CONTROLS};
use phonon_engine::pattern::mini;
use phonon_engine::time::Rational;
use voices_common::*;

fn mini_has_speed_up() -> bool {
    mini::parse("a*2").map(|p| p.haps(Rational::ZERO, Rational::ONE).len()).unwrap_or(0) == 2
}

/// `word*N` written out as `[word word ...]` (the same events), for a mini-notation without
/// speed-up.
fn expand_speed_up(example: &str) -> String {
    let mut out = String::new();
    for (i, part) in example.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 0 {
            out.push_str(part);
            continue;
        }
        let words: Vec<String> = part
            .split(' ')
            .map(|w| match w.split_once('*') {
                Some((name, n)) if n.parse::<usize>().is_ok() => {
                    format!("[{}]", vec![name; n.parse::<usize>().unwrap()].join(" "))
                }
                _ => w.to_string(),
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

#[test]
fn examples_of_sounds_and_event_controls_are_audible() {
    let mut checked = 0;
    for f in CONTROLS.iter().filter(|c| c.acts != Acts::Setting) {
        if f.example.contains("midiout") {
            println!("{}: not checked here (MIDI output): {}", f.name, f.example);
            continue;
        }
        let src = if mini_has_speed_up() { f.example.to_string() } else { expand_speed_up(f.example) };
        let (l, r) = render_kit(&src, 48000, 2.0);
        let level = rms(&l).max(rms(&r));
        println!("{}: rms {level:.4}: {src}", f.name);
        assert!(level > 0.005, "{}: the example is silent: {}", f.name, f.example);
        assert!(peak(&l).max(peak(&r)) < 1.0);
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} examples checked");
}

#[test]
fn speed_up_is_written_out() {
    assert_eq!(expand_speed_up("out: s \"bd*3 sn\" # n 2"), "out: s \"[bd bd bd] sn\" # n 2");
}
