//! The built-in kit: every sound present, audible, finite, shaped as its name says.

mod voices_common;

use phonon_engine::samples::kit::{KIT_RATE, NAMES, VARIANTS};
use phonon_engine::samples::Bank;
use voices_common::*;

fn variants(name: &str) -> Vec<Vec<f32>> {
    let bank = kit();
    let set = bank.set(name).unwrap_or_else(|| panic!("kit has no {name}"));
    assert_eq!(set.samples.len(), VARIANTS, "{name}");
    set.samples
        .iter()
        .map(|s| {
            assert_eq!(s.sample_rate, KIT_RATE);
            assert!(!s.is_stereo());
            s.channels[0].clone()
        })
        .collect()
}

/// Power per octave band from 31.25 Hz up to 16 kHz (10 bands), as fractions of the total.
fn octaves(x: &[f32]) -> Vec<f64> {
    (0..10)
        .map(|k| {
            let lo = 31.25 * 2f64.powi(k);
            band_fraction(x, KIT_RATE as f64, lo, lo * 2.0)
        })
        .collect()
}

#[test]
fn the_kit_has_every_name_with_several_variants() {
    let b = Bank::builtin();
    for name in ["bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cy", "perc"] {
        assert!(b.has_sound(name), "{name}");
        assert!(b.set(name).unwrap().samples.len() >= 4, "{name}");
    }
    assert_eq!(NAMES.len(), 12);
}

#[test]
fn every_sound_is_audible_finite_and_ends_in_silence() {
    for &name in NAMES {
        for (v, x) in variants(name).iter().enumerate() {
            let secs = x.len() as f64 / KIT_RATE as f64;
            assert!(x.iter().all(|s| s.is_finite()), "{name}:{v} not finite");
            assert!(peak(x) > 0.1 && peak(x) <= 1.0, "{name}:{v} peak {}", peak(x));
            assert!(rms(x) > 0.005, "{name}:{v} rms {}", rms(x));
            assert!(secs > 0.02 && secs < 8.0, "{name}:{v} lasts {secs} s");
            // The last 10 ms are a fade into exact silence.
            let tail = &x[x.len() - (0.01 * KIT_RATE) as usize..];
            assert!(peak(tail) < 0.01, "{name}:{v} tail peak {}", peak(tail));
            assert_eq!(*x.last().unwrap(), 0.0, "{name}:{v} does not end at zero");
            // The onset is on the first sample.
            assert!(x[0] != 0.0 || name != "bd", "{name}:{v} starts silent");
        }
    }
}

#[test]
fn variants_differ() {
    for &name in NAMES {
        let v = variants(name);
        for a in 0..v.len() {
            for b in a + 1..v.len() {
                assert_ne!(v[a], v[b], "{name}:{a} and {name}:{b} are identical");
            }
        }
    }
}

#[test]
fn kicks_are_low() {
    for (v, x) in variants("bd").iter().enumerate() {
        let low = band_fraction(x, KIT_RATE as f64, 0.0, 200.0);
        println!("bd:{v}: {:.1}% of the energy below 200 Hz", low * 100.0);
        assert!(low > 0.8, "bd:{v}: only {low:.3} below 200 Hz");
    }
}

#[test]
fn hats_and_cymbals_are_high() {
    for name in ["hh", "oh", "cy"] {
        for (v, x) in variants(name).iter().enumerate() {
            let high = band_fraction(x, KIT_RATE as f64, 4000.0, 24000.0);
            println!("{name}:{v}: {:.1}% of the energy above 4 kHz", high * 100.0);
            assert!(high > 0.8, "{name}:{v}: only {high:.3} above 4 kHz");
        }
    }
}

#[test]
fn snares_and_claps_are_broadband() {
    for name in ["sn", "cp"] {
        for (v, x) in variants(name).iter().enumerate() {
            let o = octaves(x);
            let max = o.iter().cloned().fold(0.0, f64::max);
            let wide = o.iter().filter(|&&f| f >= 0.05).count();
            let above_1k = band_fraction(x, KIT_RATE as f64, 1000.0, 24000.0);
            println!(
                "{name}:{v}: octaves {:?}, above 1 kHz {above_1k:.2}",
                o.iter().map(|f| (f * 100.0).round()).collect::<Vec<_>>()
            );
            assert!(max < 0.5, "{name}:{v}: one octave holds {max:.2} of the energy");
            assert!(wide >= 4, "{name}:{v}: only {wide} octaves hold 5% or more");
            assert!(above_1k > 0.3, "{name}:{v}: only {above_1k:.2} above 1 kHz");
        }
    }
}

#[test]
fn toms_are_tuned_low_mid_high() {
    let (lt, mt, ht) = (variants("lt"), variants("mt"), variants("ht"));
    for v in 0..VARIANTS {
        let f = |x: &Vec<f32>| peak_hz(x, KIT_RATE as f64, 30.0);
        let (a, b, c) = (f(&lt[v]), f(&mt[v]), f(&ht[v]));
        println!("toms variant {v}: lt {a:.1} Hz, mt {b:.1} Hz, ht {c:.1} Hz");
        assert!(a < b && b < c, "variant {v}: lt {a} mt {b} ht {c}");
        assert!(c / a > 1.6, "variant {v}: the toms span too little");
    }
}

#[test]
fn kit_sounds_play_through_the_engine() {
    let (l, r) = render_kit("out: s \"bd:0 sn:1 hh:2 oh:3 cp rim lt mt ht cb cy perc:3\"", 48000, 2.0);
    assert_eq!(l, r, "a centred mono kit sound is the same on both sides");
    // 12 events over one cycle (2 s at the default tempo): each slot holds sound.
    let slot = l.len() / 12;
    for k in 0..12 {
        let p = peak(&l[k * slot..(k + 1) * slot]);
        assert!(p > 0.1, "event {k} peak {p}");
    }
}

/// Seconds until a sound has fallen for good below -40 dB of its peak.
fn time_to_minus_40db(x: &[f32]) -> f64 {
    let floor = peak(x) * 0.01;
    let last = x.iter().rposition(|v| v.abs() > floor).unwrap_or(0);
    last as f64 / KIT_RATE as f64
}

#[test]
fn drums_decay_like_a_drum_machine() {
    for (name, lo, hi) in [("bd", 0.5, 0.8), ("sn", 0.1, 0.6), ("cp", 0.1, 0.6), ("hh", 0.02, 0.25)] {
        for (v, x) in variants(name).iter().enumerate() {
            let t = time_to_minus_40db(x);
            println!("{name}:{v}: -40 dB after {:.3} s", t);
            assert!((lo..=hi).contains(&t), "{name}:{v}: -40 dB after {t:.3} s, want {lo}..{hi}");
        }
    }
}

#[test]
fn kicks_drop_in_pitch_onto_a_low_body() {
    for (v, x) in variants("bd").iter().enumerate() {
        let n = (0.02 * KIT_RATE) as usize;
        let attack = peak_hz(&x[..n], KIT_RATE as f64, 20.0);
        let body = peak_hz(&x[n * 3..n * 15], KIT_RATE as f64, 20.0);
        println!("bd:{v}: {attack:.0} Hz in the first 20 ms, body {body:.0} Hz");
        assert!((40.0..75.0).contains(&body), "bd:{v}: body at {body} Hz");
        assert!(attack > body * 1.3, "bd:{v}: no pitch drop ({attack} -> {body})");
    }
}

#[test]
fn a_kit_at_gain_1_mixes_under_the_safety_limiter() {
    let (l, _) = render_kit("out: s \"bd*4, hh*8, ~ sn\"", 48000, 8.0);
    let p = peak(&l);
    // The balance of single hits (their first 100 ms): the kick leads, the snare sits near
    // it, the hats well below.
    let hit = |name: &str| {
        let x = &variants(name)[0];
        rms(&x[..x.len().min((0.1 * KIT_RATE) as usize)])
    };
    let (bd, sn, hh) = (hit("bd"), hit("sn"), hit("hh"));
    let db = |x: f64| 20.0 * x.log10();
    println!("mix peak {p:.3}; rms bd {:.1} dB, sn {:.1} dB, hh {:.1} dB", db(bd), db(sn), db(hh));
    assert!(p < 0.9, "the mix reaches the limiter's knee: {p}");
    assert!(p > 0.4, "the mix is too quiet: {p}");
    assert!(bd > sn && sn > hh, "bd {bd} sn {sn} hh {hh}");
    assert!(db(bd) - db(hh) > 6.0 && db(bd) - db(hh) < 20.0, "hats against kick: {:.1} dB", db(hh) - db(bd));
    assert!(db(bd) - db(sn) < 9.0, "snare against kick: {:.1} dB", db(sn) - db(bd));
}
