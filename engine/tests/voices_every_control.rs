//! Every entry of the control table (`controls`) changes the sound it is put on: each gets a
//! probe (a program without it and the value to add), the two renders must differ and stay
//! finite, and a control added to the table without a probe fails here until it has one. So
//! no control is accepted and silently ignored. Every alias renders bit-identically to the
//! control it names.

mod voices_common;

use phonon_engine::controls::{Acts, Control, CONTROLS};
use voices_common::*;

const SR: u32 = 48000;

/// The program a control is tried on, and the control with its value.
fn probe(name: &str) -> Option<(&'static str, &'static str)> {
    const PIANO: &str = "out: note \"0 7\" # s \"superpiano\"";
    const SAW: &str = "out: note \"0 7\" # s \"supersaw\"";
    const DRUMS: &str = "out: s \"bd sn\"";
    Some(match name {
        "n" => ("out: s \"superpiano*2\"", "# n 3"),
        "note" => ("out: s \"superpiano*2\"", "# note \"0 7\""),
        "midinote" => (PIANO, "# midinote 69"),
        "freq" => (PIANO, "# freq 300"),
        "octave" => (PIANO, "# octave 4"),
        "s" => (DRUMS, "# s \"cp\""),
        "gain" => (DRUMS, "# gain 0.5"),
        "velocity" => (DRUMS, "# velocity 0.5"),
        "amp" => (DRUMS, "# amp 0.5"),
        "pan" => (DRUMS, "# pan 0"),
        "speed" => (DRUMS, "# speed 1.5"),
        "accelerate" => (DRUMS, "# accelerate (-1)"),
        "begin" => (DRUMS, "# begin 0.1"),
        "end" => (DRUMS, "# end 0.2"),
        "cut" => ("out: s \"bd*16\"", "# cut 1"),
        "legato" => (SAW, "# legato 0.2"),
        "attack" => (SAW, "# attack 0.2"),
        "release" => (SAW, "# release 1"),
        "hold" => (DRUMS, "# hold 0.05"),
        "sustain" => (SAW, "# sustain 0.2"),
        "decay" => ("out: s \"superkick\"", "# decay 0.2"),
        "cutoff" => (SAW, "# cutoff 500"),
        "resonance" => (SAW, "# cutoff 1000 # resonance 0.8"),
        "hcutoff" => (SAW, "# hcutoff 2000"),
        "hresonance" => (SAW, "# hcutoff 1000 # hresonance 0.8"),
        "bandf" => (SAW, "# bandf 1000"),
        "bandq" => (SAW, "# bandf 1000 # bandq 8"),
        "shape" => (SAW, "# shape 0.8"),
        "crush" => (SAW, "# crush 3"),
        "coarse" => (SAW, "# coarse 8"),
        "vowel" => (SAW, "# vowel \"o\""),
        "squiz" => (DRUMS, "# squiz 2"),
        "room" => (DRUMS, "# room 0.5"),
        "size" => ("out: s \"bd sn\" # room 0.5", "# size 0.95"),
        "dry" => ("out: s \"bd sn\" # room 0.5", "# dry 0.2"),
        "delay" => (DRUMS, "# delay 0.5"),
        "delaytime" => ("out: s \"bd sn\" # delay 0.5", "# delaytime 0.1"),
        "delayfeedback" => ("out: s \"bd sn\" # delay 0.5", "# delayfeedback 0.8"),
        "lock" => ("out: s \"bd sn\" # delay 0.5 # delaytime 0.1", "# lock 1"),
        "detune" => (SAW, "# detune 2"),
        "voice" => (SAW, "# voice 0.9"),
        "unit" => ("out: s \"bd\" # speed 2", "# unit \"c\""),
        // Sends the notes out instead of playing them: silence where there was sound.
        // The synths' own controls, each on a synth that has it.
        "pitch1" => (SAW, "# pitch1 4"),
        "semitone" => (SAW, "# semitone 7"),
        "lfo" => (SAW, "# lfo 3"),
        "rate" => (SAW, "# lfo 2 # rate 6"),
        "slide" => ("out: note \"0 7\" # s \"superhoover\"", "# slide 2"),
        "pitch2" => ("out: note \"0 7\" # s \"superchip\"", "# pitch2 3"),
        "pitch3" => ("out: note \"0 7\" # s \"superchip\"", "# pitch3 5"),
        "modamp" => ("out: note \"0 7\" # s \"supervibe\"", "# modamp 2"),
        "modfreq" => ("out: note \"0 7\" # s \"supervibe\" # modamp 1.5", "# modfreq 9"),
        "perc" => ("out: note \"0 7\" # s \"superhammond\"", "# perc 1"),
        "percf" => ("out: note \"0 7\" # s \"superhammond\" # perc 1", "# percf 3"),
        "vibrato" => ("out: note \"0 7\" # s \"superhammond\"", "# vibrato 1"),
        "vrate" => ("out: note \"0 7\" # s \"superhammond\" # vibrato 1", "# vrate 12"),
        "muffle" => (PIANO, "# muffle 0.9"),
        "stereo" => (PIANO, "# stereo 1"),
        "midiout" => (PIANO, "# midiout 1"),
        "channel" => ("out: note \"0 7\" # s \"superpiano\" # midiout 1", "# channel 2"),
        // Settings are lines of their own, put before the program.
        "cps" => (DRUMS, "cps: 0.9"),
        "bpm" => (DRUMS, "bpm: 150"),
        "bpc" => ("bpm: 120\nout: s \"bd sn\"", "bpc: 3"),
        // SuperDirt's extra per-voice effects.
        "djf" => (SAW, "# djf 0.2"),
        "triode" => (SAW, "# triode 1"),
        "distort" => (SAW, "# distort 0.8"),
        "krush" => (SAW, "# krush 4"),
        "kcutoff" => ("out: note \"0 7\" # s \"supersaw\" # krush 4", "# kcutoff 500"),
        "ring" => (SAW, "# ring 1"),
        "ringf" => ("out: note \"0 7\" # s \"supersaw\" # ring 1", "# ringf 500"),
        "ringdf" => ("out: note \"0 7\" # s \"supersaw\" # ring 1 # ringf 100", "# ringdf 2000"),
        "tremolorate" => (SAW, "# tremolorate 8"),
        "tremolodepth" => ("out: note \"0 7\" # s \"supersaw\" # tremolorate 8", "# tremolodepth 1"),
        "phaserrate" => (SAW, "# phaserrate 2"),
        "phaserdepth" => ("out: note \"0 7\" # s \"supersaw\" # phaserrate 2", "# phaserdepth 1"),
        "octer" => (SAW, "# octer 1"),
        "octersub" => (PIANO, "# octersub 1"),
        "octersubsub" => (PIANO, "# octersubsub 1"),
        "fshift" => (SAW, "# fshift 100"),
        "fshiftnote" => ("out: note \"0 7\" # s \"supersaw\" # fshift 0", "# fshiftnote 0.5"),
        "fshiftphase" => ("out: note \"0 7\" # s \"supersaw\" # fshift 2", "# fshiftphase 1.57"),
        "waveloss" => (SAW, "# waveloss 50"),
        "overgain" => (DRUMS, "# overgain 0.5"),
        "overshape" => (SAW, "# overshape 0.8"),
        "leslie" => (SAW, "# leslie 1"),
        "lrate" => ("out: note \"0 7\" # s \"supersaw\" # leslie 1", "# lrate 1"),
        "lsize" => ("out: note \"0 7\" # s \"supersaw\" # leslie 1", "# lsize 2"),
        "comb" => (SAW, "# comb 0.3"),
        "smear" => (SAW, "# smear 0.5"),
        "scram" => (SAW, "# scram 0.3"),
        "binshift" => (SAW, "# binshift 0.4"),
        "hbrick" => (SAW, "# hbrick 0.2"),
        "lbrick" => (SAW, "# lbrick 0.9"),
        "enhance" => (SAW, "# enhance 0.5"),
        "real" => (SAW, "# real 0.3"),
        "imag" => (SAW, "# imag 0.8"),
        "freeze" => (SAW, "# freeze 1"),
        "xsdelay" => ("out: note \"0 7\" # s \"supersaw\" # tsdelay 0.5", "# xsdelay 15"),
        "tsdelay" => ("out: note \"0 7\" # s \"supersaw\" # xsdelay 15", "# tsdelay 1"),
        "loop" => ("out: s \"cp\"", "# loop 3"),
        "nudge" => (DRUMS, "# nudge 0.1"),
        _ => return None,
    })
}

/// Controls that are accepted for Tidal's sake and change nothing by design.
const ACCEPTED_ONLY: &[(&str, &str)] = &[("orbit", "each pattern has its own effects, so there is no bus to choose")];

/// The program with the probe's addition.
fn with(c: &Control, base: &str, add: &str) -> String {
    if c.acts == Acts::Setting {
        format!("{add}\n{base}")
    } else {
        format!("{base} {add}")
    }
}

fn render_both(src: &str) -> Vec<f32> {
    let (mut l, r) = render_kit(src, SR, 2.0);
    l.extend(r);
    l
}

#[test]
fn every_control_changes_the_sound() {
    let mut missing = Vec::new();
    for c in CONTROLS.iter() {
        if ACCEPTED_ONLY.iter().any(|(n, _)| *n == c.name) {
            continue;
        }
        let Some((base, add)) = probe(c.name) else {
            missing.push(c.name);
            continue;
        };
        let (a, b) = (render_both(base), render_both(&with(c, base, add)));
        assert!(b.iter().all(|x| x.is_finite()), "{}: not finite", c.name);
        if c.name == "channel" {
            // midiout never sounds, on any channel; the channel is checked where MIDI goes out.
            assert!(a == b && rms(&a) == 0.0, "{}: midiout sounds", c.name);
            continue;
        }
        let diff: Vec<f32> = a.iter().zip(&b).map(|(x, y)| x - y).collect();
        println!("{:14} {add:36} changes it by {:.4} rms (of {:.4})", c.name, rms(&diff), rms(&a));
        assert!(rms(&diff) > 0.02 * rms(&a).max(1e-3), "{}: `{add}` changes nothing", c.name);
    }
    assert!(missing.is_empty(), "controls without a probe here: {missing:?}");
}

#[test]
fn aliases_sound_exactly_as_what_they_alias() {
    let mut checked = 0;
    for c in CONTROLS.iter().filter(|c| !c.aliases.is_empty()) {
        let (base, add) = probe(c.name).unwrap_or_else(|| panic!("{} has no probe", c.name));
        let head = if c.acts == Acts::Setting { format!("{}:", c.name) } else { format!("# {} ", c.name) };
        let at = add.rfind(&head).unwrap_or_else(|| panic!("{}: the probe `{add}` does not name it", c.name));
        let expected = render_both(&with(c, base, add));
        for alias in c.aliases {
            let head_alias = head.replacen(c.name, alias, 1);
            let add_alias = format!("{}{head_alias}{}", &add[..at], &add[at + head.len()..]);
            let got = render_both(&with(c, base, &add_alias));
            assert!(got == expected, "{alias} does not sound as {} does (`{add_alias}`)", c.name);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} aliases checked");
}

/// Every control plays at both ends of its documented range: finite, and within the output's
/// safety limit.
#[test]
fn every_control_plays_at_the_ends_of_its_range() {
    let mut tried = 0;
    for c in CONTROLS.iter().filter(|c| c.acts != Acts::Setting) {
        let Some((base, _)) = probe(c.name) else { continue };
        let (lo, hi) = c.value.range;
        for x in [lo, hi].into_iter().filter(|x| x.is_finite()) {
            let src = format!("{base} # {} ({x})", c.name);
            let out = render_both(&src);
            let peak = out.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            assert!(out.iter().all(|v| v.is_finite()) && peak <= 1.0, "`{src}`: peak {peak}");
            tried += 1;
        }
    }
    assert!(tried > 50, "only {tried} range ends tried");
}
