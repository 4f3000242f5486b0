//! Pitch as Tidal and SuperDirt have it, measured on rendered sound: note numbers count
//! semitones from middle C, note names use Tidal's octaves, `up` is `note`, `octave` shifts,
//! `midinote` is MIDI, `freq` is Hz; chords and scales on the same model; on samples `n` picks
//! the file and `note` resamples.

mod voices_common;

use phonon_engine::samples::{Bank, LoadLimits};
use std::sync::Arc;
use voices_common::*;

const SR: u32 = 48000;

/// Hz of the strongest partial of `pitch # s "superpiano"` (its fundamental).
fn piano_hz(pitch: &str) -> f64 {
    let src = format!("out: {pitch} # s \"superpiano\"");
    let (l, _) = render_kit(&src, SR, 1.0);
    let x = &l[4800..43200];
    assert!(rms(x) > 0.005, "{src}: silent");
    peak_hz(x, SR as f64, 50.0)
}

fn assert_hz(pitch: &str, want: f64) {
    let f = piano_hz(pitch);
    println!("{pitch}: {f:.2} Hz (want {want:.2})");
    assert!((f - want).abs() < want * 0.003, "{pitch}: {f:.2} Hz, want {want:.2}");
}

/// Hz of MIDI note `m`.
fn mtof(m: f64) -> f64 {
    440.0 * 2f64.powf((m - 69.0) / 12.0)
}

#[test]
fn note_numbers_count_from_middle_c() {
    assert_hz("note \"0\"", 261.63);
    assert_hz("note 0", 261.63);
    assert_hz("note \"9\"", 440.0);
    assert_hz("note \"-12\"", 130.81);
    assert_hz("n \"0\"", 261.63);
    assert_hz("n \"7\"", 392.0);
}

#[test]
fn note_names_use_tidals_octaves() {
    assert_hz("n \"e\"", 329.63);
    assert_hz("note \"e\"", 329.63);
    assert_hz("note \"c\"", 261.63);
    assert_hz("note \"c5\"", 261.63);
    assert_hz("note \"a5\"", 440.0);
    assert_hz("n \"a5\"", 440.0);
    assert_hz("note \"a4\"", 220.0);
    assert_hz("note \"cs5\"", mtof(61.0));
    assert_hz("note \"ef\"", mtof(63.0));
    assert_hz("note \"eb\"", mtof(63.0));
    assert_hz("note \"a#4\"", mtof(58.0));
    assert_hz("note \"c6\"", 523.25);
}

#[test]
fn up_octave_midinote_and_freq() {
    assert_hz("up \"12\"", 523.25);
    assert_hz("midinote \"69\"", 440.0);
    assert_hz("freq \"440\"", 440.0);
    assert_hz("n \"0\" # octave 4", 130.81);
    assert_hz("note \"a\" # octave 6", 880.0);
    assert_hz("note \"3\" # midinote 69", 440.0);
    assert_hz("note \"3\" # freq 300", 300.0);
}

#[test]
fn arithmetic_on_notes_keeps_the_pitch() {
    let same = |a: &str, b: &str| {
        let (x, _) = render_kit(&format!("out: {a} # s \"superpiano\""), SR, 1.0);
        let (y, _) = render_kit(&format!("out: {b} # s \"superpiano\""), SR, 1.0);
        assert!(rms(&x) > 0.005);
        assert!(x == y, "{a} and {b} differ");
    };
    same("note \"c\" |+ note 0", "note \"c\"");
    same("note \"c e\" |+ note 12", "note \"c6 e6\"");
    same("n \"e\" + 12", "n \"16\"");
    same("up \"7\"", "note \"g\"");
    same("\"e\" |+ n 12", "n 16");
    assert_hz("note \"e\" |+ note \"e\"", mtof(68.0));
}

/// Relative strength of each of `hz` in a render (the strongest partial near each, over the
/// strongest partial overall).
fn partials(src: &str, hz: &[f64]) -> Vec<f64> {
    let (l, _) = render_kit(src, SR, 1.0);
    let (df, p) = spectrum(&l[4800..43200], SR as f64);
    let strongest = p.iter().cloned().fold(0.0, f64::max);
    hz.iter()
        .map(|h| {
            let k = (h / df).round() as usize;
            p[k - 2..=k + 2].iter().cloned().fold(0.0, f64::max) / strongest
        })
        .collect()
}

#[test]
fn chords_and_their_modifiers_sound_their_notes() {
    // c'maj'ii is Tidal's [7, 12, 16]: g, c6, e6 and no c5.
    let p = partials("out: note \"c'maj'ii\" # s \"superpiano\"", &[mtof(67.0), mtof(72.0), mtof(76.0), mtof(60.0)]);
    println!("c'maj'ii: {p:?}");
    assert!(p[0] > 0.05 && p[1] > 0.05 && p[2] > 0.05, "{p:?}");
    assert!(p[3] < 0.01, "the inverted root still sounds: {p:?}");
    // c'maj'o is [-12, -5, 4]: c and g an octave down, which the closed chord does not have.
    let p = partials("out: n \"c'maj'o\" # s \"superpiano\"", &[mtof(48.0), mtof(55.0), mtof(64.0)]);
    println!("c'maj'o: {p:?}");
    assert!(p[0] > 0.05 && p[1] > 0.05 && p[2] > 0.05, "{p:?}");
    let p = partials("out: n \"c'maj\" # s \"superpiano\"", &[mtof(48.0), mtof(55.0)]);
    assert!(p[0] < 0.01 && p[1] < 0.01, "{p:?}");
    // Scales and arpeggios are note numbers too.
    assert_hz("n (scale \"major\" \"4\")", 392.0);
    assert_hz("n (scale \"e:minor\" \"0\")", 329.63);
    assert_hz("n (scale \"a4:minor\" \"0\")", 220.0);
    assert_hz("n (scale \"a4:minor\" \"7\")", 440.0);
}

/// A bank holding `tone`: two files, a 441 Hz sine and a 882 Hz sine, both at 48 kHz.
fn tone_bank() -> Arc<Bank> {
    let root = scratch("pitch-tone");
    let d = root.join("tone");
    std::fs::create_dir_all(&d).unwrap();
    write_wav_f32(&d.join("a.wav"), 48000, &[sine(441.0, 0.5, 48000.0, 48000)]);
    write_wav_f32(&d.join("b.wav"), 48000, &[sine(882.0, 0.5, 48000.0, 48000)]);
    let b = Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    Arc::new(b)
}

#[test]
fn on_samples_n_picks_the_file_and_note_resamples() {
    let bank = tone_bank();
    let hz = |src: &str| {
        let (l, _) = render_with(src, bank.clone(), SR, 0.5);
        let f = peak_hz(&l[..20000], SR as f64, 50.0);
        println!("{src}: {f:.2} Hz");
        f
    };
    let near = |f: f64, want: f64| (f - want).abs() < want * 0.003;
    assert!(near(hz("out: s \"tone\""), 441.0));
    assert!(near(hz("out: s \"tone\" # n 1"), 882.0), "n 1 is the second file");
    assert!(near(hz("out: s \"tone\" # n \"e\""), 441.0), "n \"e\" = 4 wraps to the first file");
    assert!(near(hz("out: s \"tone\" # n \"a\""), 882.0), "n \"a\" = 9 wraps to the second file");
    assert!(near(hz("out: s \"tone\" # note 12"), 882.0));
    assert!(near(hz("out: s \"tone\" # up \"-12\""), 220.5));
    assert!(near(hz("out: s \"tone\" # note \"g\""), 441.0 * 2f64.powf(7.0 / 12.0)));
    assert!(near(hz("out: s \"tone\" # midinote 72"), 882.0));
    assert!(near(hz("out: s \"tone\" # octave 6"), 882.0));
    assert!(near(hz("out: s \"tone\" # freq 523.2511"), 882.0));
    // The built-in kit wraps the same way: bd has four variants, so n "a" (9) is bd:1.
    let (a, _) = render_kit("out: s \"bd\" # n \"a\"", SR, 0.5);
    let (b, _) = render_kit("out: s \"bd:1\"", SR, 0.5);
    assert!(a == b && peak(&a) > 0.1);
}

#[test]
fn aliases_are_bit_identical() {
    for (alias, name) in [
        ("out: up \"0 7\" # s \"superpiano\"", "out: note \"0 7\" # s \"superpiano\""),
        ("out: s \"cp*2\" # room 0.4 # sz 0.9", "out: s \"cp*2\" # room 0.4 # size 0.9"),
        (
            "out: note \"0 3\" # s \"supersaw\" # att 0.1 # rel 0.3 # sus 0.2",
            "out: note \"0 3\" # s \"supersaw\" # attack 0.1 # release 0.3 # sustain 0.2",
        ),
    ] {
        let (a, _) = render_kit(alias, SR, 1.0);
        let (b, _) = render_kit(name, SR, 1.0);
        assert!(rms(&a) > 0.005, "{alias}: silent");
        assert!(a == b, "{alias} differs from {name}");
    }
}
