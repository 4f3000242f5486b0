//! Synth voices through the whole engine: pitch, timbre classes, polyphony, envelopes.

mod voices_common;

use voices_common::*;

const SR: u32 = 48000;

/// The steady middle of a one-note render (0.1 s .. 0.9 s).
fn middle(src: &str) -> Vec<f32> {
    let (l, _) = render_kit(src, SR, 1.0);
    l[4800..43200].to_vec()
}

#[test]
fn pitched_synths_play_the_note_they_are_given() {
    // supersaw undetuned: its seven detuned saws otherwise beat within a spectral bin.
    // superpwm sounds its note an octave up (voices_superdirt checks its note).
    for synth in ["supersquare", "supersaw\" # detune \"0", "superpiano", "superfm"] {
        for (pitch, want) in [
            ("note \"a5\"", 440.0),
            ("note \"-3\"", 220.0),
            ("n 9", 440.0),
            ("n 9 # octave 4", 220.0),
            ("n \"-3\" # octave 6", 440.0),
        ] {
            let src = format!("out: {pitch} # s \"{synth}\"");
            let x = middle(&src);
            assert!(rms(&x) > 0.01, "{src}: silent");
            let f = peak_hz(&x, SR as f64, 50.0);
            println!("{src}: spectral peak {f:.2} Hz (want {want})");
            assert!((f - want).abs() < want * 0.01, "{src}: peak at {f} Hz, want {want}");
        }
    }
}

#[test]
fn drum_synths_sound_like_drums() {
    let (kick, _) = render_kit("out: s \"superkick\"", SR, 1.0);
    let (hat, _) = render_kit("out: s \"superhat\"", SR, 1.0);
    let (snare, _) = render_kit("out: s \"supersnare\"", SR, 1.0);
    for (name, x) in [("superkick", &kick), ("superhat", &hat), ("supersnare", &snare)] {
        assert!(peak(x) > 0.1, "{name} is silent");
        // Percussive: it has died away well before the one-second render ends.
        assert!(peak(&x[40000..]) < 1e-3, "{name} does not decay");
    }
    let low = band_fraction(&kick, SR as f64, 0.0, 300.0);
    let high = band_fraction(&hat, SR as f64, 4000.0, 24000.0);
    let mid = band_fraction(&snare, SR as f64, 1000.0, 24000.0);
    println!("superkick {low:.2} below 300 Hz, superhat {high:.2} above 4 kHz, supersnare {mid:.2} above 1 kHz");
    assert!(low > 0.8 && high > 0.8 && mid > 0.3);
    // A higher note makes a higher kick.
    let (kick2, _) = render_kit("out: s \"superkick\" # note 12", SR, 1.0);
    assert!(peak_hz(&kick2, SR as f64, 20.0) > 1.5 * peak_hz(&kick, SR as f64, 20.0));
}

#[test]
fn voices_are_polyphonic() {
    let x = middle("out: stack [note \"a5\", note \"e6\", note \"c#6\"] # s \"superpiano\"");
    let (df, p) = spectrum(&x, SR as f64);
    let at = |hz: f64| {
        let k = (hz / df).round() as usize;
        p[k - 3..=k + 3].iter().cloned().fold(0.0, f64::max)
    };
    let strongest = p.iter().cloned().fold(0.0, f64::max);
    for hz in [440.0, 554.37, 659.26] {
        assert!(at(hz) > strongest * 0.05, "{hz} Hz is missing from the chord");
    }
    assert!(at(500.0) < strongest * 0.001, "energy between the notes");
}

#[test]
fn attack_and_release_shape_the_voice() {
    // The event lasts a whole cycle (2 s); legato 0.25 closes the gate after 0.5 s.
    let src = "out: note \"a5\" # s \"supersquare\" # attack 0.1 # release 0.2 # legato 0.25";
    let (l, _) = render_kit(src, SR, 1.0);
    let win = |t: f64| rms(&l[(t * SR as f64) as usize..((t + 0.01) * SR as f64) as usize]);
    assert!(win(0.0) < 0.2 * win(0.3), "no attack: {} vs {}", win(0.0), win(0.3));
    assert!(win(0.04) < win(0.08), "the attack does not rise");
    assert!((win(0.2) - win(0.4)).abs() < 0.05 * win(0.3), "the sustain is not steady");
    assert!(win(0.55) < win(0.45) && win(0.55) > 0.01, "the release does not fall");
    assert!(peak(&l[(0.71 * SR as f64) as usize..]) == 0.0, "the voice outlives its release");
    // Without legato the gate follows the event.
    let (l, _) = render_kit("out: note \"a5 a5\" # s \"supersquare\" # release 0.05", SR, 2.0);
    assert!(rms(&l[40000..47000]) > 0.05 && rms(&l[52000..]) > 0.05);
}

#[test]
fn detune_and_voice_change_the_timbre() {
    let plain = middle("out: note \"a5\" # s \"supersaw\" # detune 0");
    let wide = middle("out: note \"a5\" # s \"supersaw\" # detune 2");
    assert!(plain.iter().zip(&wide).any(|(a, b)| (a - b).abs() > 0.01));
    let thin = middle("out: note \"a5\" # s \"supersquare\" # voice 0.1");
    let square = middle("out: note \"a5\" # s \"supersquare\"");
    // A square has almost no even harmonics; a thin pulse has a strong second one.
    let second = |x: &[f32]| band_fraction(x, SR as f64, 860.0, 900.0);
    assert!(second(&thin) > 10.0 * second(&square), "{} vs {}", second(&thin), second(&square));
}
