//! Oscillators, noise, envelopes and gates, measured from rendered programs.

mod dsp_support;

use dsp_support::{db, peak, peak_hz, render_secs, rms, spectrum, worst_alias_db};

const SR: u32 = 48000;

fn tail(x: &[f32], n: usize) -> &[f32] {
    &x[x.len() - n..]
}

#[test]
fn saw_at_5khz_keeps_aliases_60db_below_the_fundamental() {
    let r = render_secs("out: saw 5000 * 0.5", 2.0, SR);
    let x = r.left();
    let a = worst_alias_db(tail(&x, 1 << 16), SR as f64, 5000.0, 24000.0);
    println!("saw 5 kHz at 48 kHz: worst alias {a:.1} dB below the fundamental");
    assert!(a < -60.0, "aliases only {a:.1} dB down");
}

#[test]
fn other_shapes_are_band_limited_too() {
    for (prog, f0) in
        [("out: square 4000 * 0.5", 4000.0), ("out: tri 5000 * 0.5", 5000.0), ("out: pulse 3000 0.25 * 0.5", 3000.0)]
    {
        let x = render_secs(prog, 2.0, SR).left();
        let a = worst_alias_db(tail(&x, 1 << 16), SR as f64, f0, 24000.0);
        println!("{prog}: worst alias {a:.1} dB");
        assert!(a < -60.0, "{prog}: aliases {a:.1} dB");
    }
}

#[test]
fn oscillators_play_their_frequency_and_level() {
    for (shape, rms_expected) in
        [("sine", std::f64::consts::FRAC_1_SQRT_2), ("saw", 0.5774), ("square", 1.0), ("tri", 0.5774)]
    {
        let x = render_secs(&format!("out: {shape} 441 * 0.5"), 1.0, SR).left();
        let t = tail(&x, 32768);
        let f = peak_hz(t, SR as f64);
        assert!((f - 441.0).abs() < 0.5, "{shape}: {f} Hz");
        let level = rms(t) / 0.5;
        assert!((level - rms_expected).abs() < 0.02, "{shape}: rms {level}");
    }
}

#[test]
fn pattern_frequencies_step_on_the_beat() {
    // tempo 0.5: one cycle is 2 s; "220 440" plays 220 Hz for 1 s, then 440 Hz.
    let x = render_secs("out: saw \"220 440\" * 0.5", 2.0, SR).left();
    let first = peak_hz(&x[4800..4800 + 32768], SR as f64);
    let second = peak_hz(&x[52800..52800 + 32768], SR as f64);
    assert!((first - 220.0).abs() < 1.0 && (second - 440.0).abs() < 1.0, "{first} {second}");
}

#[test]
fn through_zero_fm_does_not_blow_up() {
    for prog in [
        "out: saw (sine 3 * 30000) * 0.3",
        "out: tri (sine 440 * 20000) * 0.3",
        "out: pulse (sine 0.7 * 5000) (sine 50 * 0.5 + 0.5) * 0.3",
        "out: sine (saw 110 * 100000) * 0.3",
        "out: square (noise * 1e9) * 0.3",
    ] {
        let r = render_secs(prog, 3.0, SR);
        let x = r.left();
        assert_eq!(r.nan_blocks, 0, "{prog}");
        assert!(x.iter().all(|v| v.is_finite()) && rms(&x) > 0.01, "{prog}");
        // Band-limited edges overshoot (Gibbs), more so when a noise frequency throws edges
        // around every sample, but nothing runs away.
        assert!(peak(&x) <= 0.3 * 2.0, "{prog}: peak {}", peak(&x));
    }
}

#[test]
fn noise_colours_have_their_slopes() {
    // Power per octave band (dB) from 250 Hz: white +3 dB/octave, pink flat, brown −3 dB.
    let bands = |prog: &str| -> Vec<f64> {
        let x = render_secs(prog, 6.0, SR).left();
        let t = tail(&x, 1 << 18);
        let m = spectrum(t);
        let bin = SR as f64 / t.len() as f64;
        (0..5)
            .map(|b| {
                let lo = 250.0 * 2f64.powi(b);
                let (k0, k1) = ((lo / bin) as usize, (2.0 * lo / bin) as usize);
                10.0 * m[k0..k1].iter().map(|v| v * v).sum::<f64>().log10()
            })
            .collect()
    };
    for (prog, slope) in [("out: noise * 0.3", 3.01), ("out: pink * 0.5", 0.0), ("out: brown * 0.5", -3.01)] {
        let b = bands(prog);
        for k in 1..b.len() {
            let d = b[k] - b[k - 1];
            assert!((d - slope).abs() < 1.0, "{prog}: octave step {d:.2} dB, want {slope} ({b:?})");
        }
    }
    // Reproducible, and seeds make independent noises.
    let a = render_secs("out: noise", 0.1, SR).left();
    let b = render_secs("out: noise", 0.1, SR).left();
    let c = render_secs("out: noise 7", 0.1, SR).left();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn env_triggers_on_the_event_sample_and_releases_at_its_end() {
    // One cycle = 2 s = 96000 samples. The event "~ 0.5 ~ ~" runs from 24000 to 48000.
    // (Levels stay under 0.9, where the engine's output guard is transparent.)
    let x = render_secs("out: env \"~ 0.5 ~ ~\" 0 0 1 0", 2.0, SR).left();
    assert!(x[..24000].iter().all(|&v| v == 0.0));
    assert_eq!(x[24000], 0.5);
    assert!(x[24000..48000].iter().all(|&v| v == 0.5));
    assert!(x[48000..].iter().all(|&v| v == 0.0));
    // Numeric values set the peak; a linear attack reaches it in `a` seconds.
    let y = render_secs("out: env \"0.5 ~\" 0.01 0.1 0.5 0.1", 1.0, SR).left();
    assert!((y[239] - 0.25).abs() < 0.01 && (y[479] - 0.5).abs() < 1e-4, "{} {}", y[239], y[479]);
    // Retriggering does not jump.
    let z = render_secs("out: env \"1*8\" 0.05 0.1 0.3 0.2", 2.0, SR).left();
    let step = z.windows(2).fold(0.0f32, |m, w| m.max((w[1] - w[0]).abs()));
    assert!(step < 0.01, "largest step {step}");
}

#[test]
fn gate_follows_its_pattern() {
    // "1 0 1 1": quarters of a 96000-sample cycle.
    let x = render_secs("out: gate \"1 0 1 1\" * 0.5", 2.0, SR).left();
    let q = 24000;
    assert!(x[..q].iter().all(|&v| v == 0.5));
    assert!(x[q..2 * q].iter().all(|&v| v == 0.0));
    assert!(x[2 * q..4 * q].iter().all(|&v| v == 0.5));
    let rests = render_secs("out: gate \"1 ~\" * 0.5", 2.0, SR).left();
    assert!(rests[q * 2..].iter().all(|&v| v == 0.0));
}

#[test]
fn constant_frequency_oscillators_start_at_phase_zero() {
    // A saw starts its cycle on the first sample: halfway through its band-limited edge (0),
    // then from −1 upwards; a sine and a triangle start at 0 rising.
    let s = render_secs("out: saw 100 * 0.5", 0.1, SR).left();
    assert!(s[0].abs() < 0.05 && (-0.6..-0.4).contains(&s[3]), "saw starts {:?}", &s[..4]);
    let t = render_secs("out: tri 100 * 0.5", 0.1, SR).left();
    assert!(t[0].abs() < 0.01 && t[10] > 0.0);
    let level = db(rms(&s[..4800]) / 0.5);
    assert!((level - db(0.5774)).abs() < 0.3, "{level}");
}
