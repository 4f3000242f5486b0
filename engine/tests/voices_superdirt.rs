//! SuperDirt's synth set through the whole engine: every synth by name sounds, at the pitch
//! it is given (where it has one), ends with its sustain, differs from every other, and each
//! of its controls changes it.

mod voices_common;

use phonon_engine::voice::synth::catalog::SYNTHS;
use voices_common::*;

const SR: u32 = 48000;

/// Synths whose partials sit on the note: (name, the partial the note's pitch sets, as a
/// multiple of it). SuperDirt's hoover has its hum two octaves down; primes sounds half the
/// note as its lowest partial.
const PITCHED: &[(&str, f64)] = &[
    ("supermandolin", 1.0),
    ("supergong", 1.0),
    ("superhex", 1.0),
    ("supercomparator", 1.0),
    ("superchip", 1.0),
    ("superfork", 1.0),
    ("superhammond", 1.0),
    ("supervibe", 1.0),
    ("superhoover", 0.25),
    ("superzow", 1.0),
    ("supergrind", 1.0),
    ("superprimes", 0.5),
    ("supertron", 1.0),
    ("superreese", 1.0),
    ("soskick", 1.0),
    ("superpwm", 1.0),
    ("sostoms", 1.0),
];

/// Synths that follow the note without a partial on it: their strongest peak moves with it.
const FOLLOWING: &[&str] = &["superwavemechanics", "sossnare", "supernoise", "supersiren"];

/// Magnitude of the strongest bin within ±1% of `hz`, relative to the strongest bin overall.
fn presence(x: &[f32], hz: f64) -> f64 {
    let (df, p) = spectrum(x, SR as f64);
    let top = p.iter().skip(2).cloned().fold(0.0, f64::max);
    let (lo, hi) = (((hz * 0.99) / df).floor() as usize, ((hz * 1.01) / df).ceil() as usize);
    let here = p[lo..=hi].iter().cloned().fold(0.0, f64::max);
    (here / top).sqrt()
}

/// Power-weighted mean frequency.
fn centroid(x: &[f32]) -> f64 {
    let (df, p) = spectrum(x, SR as f64);
    let total: f64 = p.iter().sum();
    p.iter().enumerate().map(|(i, v)| i as f64 * df * v).sum::<f64>() / total
}

/// One note of `synth` lasting a whole cycle (2 s): its 0.1 .. 0.9 s.
fn note(synth: &str, pitch: &str, extra: &str) -> Vec<f32> {
    let (l, r) = render_kit(&format!("out: note \"{pitch}\" # s \"{synth}\"{extra}"), SR, 1.0);
    l[4800..43200].iter().zip(&r[4800..43200]).map(|(a, b)| a + b).collect()
}

#[test]
fn pitched_synths_sound_their_note() {
    for &(synth, mult) in PITCHED {
        for (pitch, hz) in [("a5", 440.0), ("a4", 220.0)] {
            let x = note(synth, pitch, "");
            assert!(rms(&x) > 0.005, "{synth} {pitch}: silent ({})", rms(&x));
            let p = presence(&x, hz * mult);
            println!("{synth} {pitch}: partial at {:.1} Hz is {p:.2} of the strongest", hz * mult);
            assert!(p > 0.1, "{synth} {pitch}: nothing at {} Hz ({p:.3})", hz * mult);
        }
        // An octave up leaves nothing at the lower octave's pitch.
        let x = note(synth, "a5", "");
        let below = presence(&x, 220.0 * mult);
        println!("{synth} a5: {below:.3} at {} Hz", 220.0 * mult);
        assert!(below < 0.1, "{synth} a5 still sounds the a4 partial ({below:.3})");
    }
}

#[test]
fn unpitched_synths_follow_the_note() {
    for &synth in FOLLOWING {
        let low = centroid(&note(synth, "a4", ""));
        let high = centroid(&note(synth, "a5", ""));
        println!("{synth}: centroid {low:.0} -> {high:.0} Hz");
        assert!(high > 1.3 * low, "{synth}: {low} -> {high}");
    }
    // super808 takes its drum from `n`, MIDI note 10·n, as in SuperDirt.
    let (a, _) = render_kit("out: s \"super808\" # n 4", SR, 0.5);
    let (b, _) = render_kit("out: s \"super808\" # n 5", SR, 0.5);
    let (fa, fb) = (peak_hz(&a, SR as f64, 20.0), peak_hz(&b, SR as f64, 20.0));
    println!("super808 n 4: {fa:.1} Hz, n 5: {fb:.1} Hz");
    assert!((fa - 82.41).abs() < 1.5 && (fb - 146.83).abs() < 2.0, "{fa} {fb}");
    // Static crackles denser, claps and hats are noise: present and bright.
    let lo = centroid(&note("superstatic", "c3", ""));
    let hi = centroid(&note("superstatic", "c6", ""));
    assert!(hi > 1.5 * lo, "superstatic: {lo} -> {hi}");
    for synth in ["superclap", "soshats"] {
        let (x, _) = render_kit(&format!("out: s \"{synth}\""), SR, 0.5);
        let bright = band_fraction(&x, SR as f64, 1000.0, 24000.0);
        assert!(peak(&x) > 0.05 && bright > 0.5, "{synth}: peak {} bright {bright}", peak(&x));
    }
}

#[test]
fn every_synth_sounds_and_ends_with_its_sustain() {
    let mut offset = Vec::new();
    for s in SYNTHS {
        let src = format!("out: note \"a4\" # s \"{}\" # sustain 0.5", s.name);
        let (l, r) = render_kit(&src, SR, 1.0);
        let body = rms(&l[..24000]) + rms(&r[..24000]);
        // The first eight voices' release follows the sustain (up to 0.25 s).
        let tail = peak(&l[38400..]).max(peak(&r[38400..]));
        println!("{:20} rms {body:.3} peak {:.3} after 0.8 s {tail:.1e}", s.name, peak(&l).max(peak(&r)));
        assert!(body > 0.005, "{}: silent", s.name);
        assert!(peak(&l).max(peak(&r)) < 1.5, "{}: too loud", s.name);
        assert!(tail < 1e-4, "{}: still sounding after its sustain", s.name);
        // No offset riding under the sound.
        let mean = l[..24000].iter().map(|&v| v as f64).sum::<f64>() / 24000.0;
        if mean.abs() >= 0.1 * rms(&l[..24000]) {
            offset.push(format!("{} {mean:.4}", s.name));
        }
    }
    assert!(offset.is_empty(), "DC under the sound: {offset:?}");
}

/// Energy in 24 third-octave bands from 50 Hz, normalised.
fn bands(x: &[f32]) -> Vec<f64> {
    let (df, p) = spectrum(x, SR as f64);
    let mut b = [0.0; 24];
    for (i, v) in p.iter().enumerate() {
        let f = i as f64 * df;
        if f < 50.0 {
            continue;
        }
        let k = ((f / 50.0).log2() * 3.0) as usize;
        if k < 24 {
            b[k] += v;
        }
    }
    let t: f64 = b.iter().sum::<f64>().max(1e-30);
    b.iter().map(|v| v / t).collect()
}

/// Loudness over ten equal frames, normalised to sum 1.
fn envelope(x: &[f32]) -> Vec<f64> {
    let frame = x.len() / 10;
    let e: Vec<f64> = (0..10).map(|k| rms(&x[k * frame..(k + 1) * frame])).collect();
    let t = e.iter().sum::<f64>().max(1e-12);
    e.iter().map(|v| v / t).collect()
}

#[test]
fn no_two_synths_sound_alike() {
    let spectra: Vec<(&str, Vec<f64>, Vec<f32>)> = SYNTHS
        .iter()
        .map(|s| {
            let (l, _) = render_kit(&format!("out: note \"c5\" # s \"{}\" # sustain 0.5", s.name), SR, 0.5);
            (s.name, bands(&l), l)
        })
        .collect();
    let mut closest = (f64::INFINITY, "", "");
    for (i, (a, sa, xa)) in spectra.iter().enumerate() {
        for (b, sb, xb) in &spectra[i + 1..] {
            let d: f64 = sa.iter().zip(sb).map(|(x, y)| (x - y).abs()).sum();
            if d < closest.0 {
                closest = (d, a, b);
            }
            assert!(xa != xb, "{a} and {b} render the same samples");
            // Two sines (a kick tuned to the note, a sine grain) share a spectrum: their
            // envelopes must then tell them apart.
            let e: f64 = envelope(xa).iter().zip(envelope(xb)).map(|(x, y)| (x - y).abs()).sum();
            assert!(d > 0.1 || e > 0.5, "{a} and {b} have nearly the same spectrum ({d:.3}) and envelope ({e:.3})");
        }
    }
    println!("closest pair: {} and {} ({:.3})", closest.1, closest.2, closest.0);
}

/// A base and a changed setting of one control of one synth.
fn setting(synth: &str, control: &str) -> (&'static str, String) {
    let v = match (synth, control) {
        (_, "sustain") => "0.3",
        (_, "accelerate") => "1",
        (_, "speed") => "1.5",
        (_, "attack") => "0.2",
        (_, "release") => "1.5",
        ("superhammond", "voice") => "5",
        ("supergong", "voice") => "2",
        ("superreese", "voice") | ("superprimes", "voice") => "1.5",
        ("soskick", "voice") => "3",
        (_, "voice") => "0.8",
        ("supergrind", "detune") | ("supertron", "detune") => "5",
        (_, "detune") => "2",
        ("superkick", "decay") | ("supersnare", "decay") | ("superhat", "decay") => "0.05",
        ("superfm", "decay") => "0.2",
        ("superhammond", "decay") => "2",
        (_, "decay") => "0.6",
        ("supervibe", "velocity") | ("superpiano", "velocity") => "0.3",
        (_, "muffle") => "0",
        (_, "stereo") => "0.9",
        ("superclap", "n") => "3",
        ("superclap", "delay") => "4",
        ("soskick", "pitch1") => "40",
        ("soshats", "pitch1") => "60",
        ("sossnare", "pitch1") => "900",
        (_, "pitch1") => "2",
        ("soskick", "pitch2") => "0.8",
        (_, "pitch2") => "1.5",
        (_, "pitch3") => "5",
        ("supergrind", "rate") => "10",
        (_, "rate") => "3",
        (_, "slide") => "2",
        (_, "semitone") => "1.3",
        (_, "lfo") => "4",
        (_, "resonance") => "0.7",
        (_, "modamp") => "2",
        (_, "modfreq") => "2",
        (_, "vibrato") => "2",
        (_, "vrate") => "2",
        (_, "perc") => "1",
        (_, "percf") => "3",
        _ => "0.5",
    };
    // Some controls act through another: percussion's harmonic and decay need percussion,
    // a repeat rate needs something to repeat, the beater's sweep needs the beater.
    let base = match (synth, control) {
        (_, "percf") | ("superhammond", "decay") => " # perc 1",
        ("superchip", "rate") => " # slide 1",
        ("supernoise", "rate") => " # accelerate 1",
        ("soskick", "voice") => " # pitch1 40",
        ("soskick", "speed") => " # pitch2 0.8",
        (_, "release") => " # legato 0.2",
        _ => "",
    };
    (base, v.to_string())
}

#[test]
fn every_control_of_every_synth_changes_its_sound() {
    let mut dead = Vec::new();
    for s in SYNTHS {
        for &c in s.controls {
            let (base, value) = setting(s.name, c);
            let pitch = if s.name == "super808" || c == "n" { "" } else { "note \"a4\" # " };
            let a = format!("out: {pitch}s \"{}\" # sustain 1{base}", s.name);
            let b = if c == "sustain" {
                format!("out: {pitch}s \"{}\"{base} # sustain {value}", s.name)
            } else {
                format!("{a} # {c} {value}")
            };
            let (xa, _) = render_kit(&a, SR, 0.6);
            let (xb, _) = render_kit(&b, SR, 0.6);
            let diff: Vec<f32> = xa.iter().zip(&xb).map(|(p, q)| p - q).collect();
            let change = rms(&diff) / rms(&xa).max(1e-9);
            if change.is_nan() || change <= 0.05 {
                dead.push(format!("{} {c} {value}: {change:.4}", s.name));
            }
        }
    }
    assert!(dead.is_empty(), "controls that change nothing:\n{}", dead.join("\n"));
}

#[test]
fn delay_line_synths_keep_their_pitch_at_other_sample_rates() {
    // Strings, feedback loops and sweeps are counted in samples: each rate retunes them.
    for sr in [44100u32, 96000] {
        for synth in ["supermandolin", "supergrind", "supertron", "superhoover", "superzow"] {
            let (l, _) = render_kit(&format!("out: note \"a4\" # s \"{synth}\" # sustain 1"), sr, 1.0);
            let x = &l[(0.1 * sr as f64) as usize..(0.9 * sr as f64) as usize];
            let (df, p) = spectrum(x, sr as f64);
            let top = p.iter().skip(2).cloned().fold(0.0, f64::max);
            let want = if synth == "superhoover" { 55.0 } else { 220.0 };
            let k = (want / df).round() as usize;
            let here = p[k - 3..=k + 3].iter().cloned().fold(0.0, f64::max);
            println!("{synth} at {sr} Hz: {:.2} at {want} Hz", (here / top).sqrt());
            assert!((here / top).sqrt() > 0.1, "{synth} at {sr} Hz lost its note");
        }
    }
}
