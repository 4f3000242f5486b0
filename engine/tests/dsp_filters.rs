//! Filter responses and stability, measured from rendered programs.

mod dsp_support;

use dsp_support::{crossing_hz, gain_db, render_secs, rms};

const SR: u32 = 48000;

#[test]
fn lpf_is_3db_down_within_5_percent_of_its_cutoff() {
    for fc in [100.0, 1000.0, 5000.0, 15000.0] {
        let f3 =
            crossing_hz(fc / 4.0, (fc * 4.0).min(23000.0), -3.0103, false, |f| gain_db(&format!("lpf {fc}"), f, SR));
        let err = (f3 / fc - 1.0) * 100.0;
        println!("lpf {fc} Hz: −3 dB at {f3:.1} Hz ({err:+.2}%)");
        assert!(err.abs() < 5.0, "lpf {fc}: −3 dB at {f3} Hz");
        // Flat pass band, 12 dB/octave stop band.
        assert!(gain_db(&format!("lpf {fc}"), fc / 8.0, SR).abs() < 0.1);
    }
    let two_octaves_up = gain_db("lpf 1000", 4000.0, SR);
    assert!((-25.0..-23.0).contains(&two_octaves_up), "{two_octaves_up}");
}

#[test]
fn hpf_bpf_notch_responses() {
    let f3 = crossing_hz(250.0, 4000.0, -3.0103, true, |f| gain_db("hpf 1000", f, SR));
    println!("hpf 1000 Hz: −3 dB at {f3:.1} Hz");
    assert!((f3 / 1000.0 - 1.0).abs() < 0.05);
    assert!(gain_db("hpf 1000", 8000.0, SR).abs() < 0.1);
    assert!(gain_db("hpf 1000", 250.0, SR) < -23.0);

    // Band-pass: unity at the centre, −3 dB edges a bandwidth of cutoff/q apart.
    assert!(gain_db("bpf 2000 q:4", 2000.0, SR).abs() < 0.1);
    let lo = crossing_hz(1000.0, 2000.0, -3.0103, true, |f| gain_db("bpf 2000 q:4", f, SR));
    let hi = crossing_hz(2000.0, 4000.0, -3.0103, false, |f| gain_db("bpf 2000 q:4", f, SR));
    println!("bpf 2000 Hz q 4: −3 dB band {lo:.1}..{hi:.1} Hz (width {:.1}, want 500)", hi - lo);
    assert!(((hi - lo) / 500.0 - 1.0).abs() < 0.05);

    // Notch: deep at the centre, flat away from it.
    let depth = gain_db("notch 1000 q:2", 1000.0, SR);
    println!("notch 1000 Hz: {depth:.1} dB at the centre");
    assert!(depth < -40.0);
    assert!(gain_db("notch 1000 q:2", 100.0, SR).abs() < 0.1);
    assert!(gain_db("notch 1000 q:2", 10000.0, SR).abs() < 0.1);

    // Resonance: q 10 peaks 20 dB at the cutoff.
    let peak = gain_db("lpf 1000 q:10", 1000.0, SR);
    assert!((peak - 20.0).abs() < 0.3, "{peak}");
}

#[test]
fn moog_ladder_rolls_off_24db_per_octave() {
    let at = gain_db("moog 1000 res:0", 1000.0, SR);
    let far = gain_db("moog 1000 res:0", 8000.0, SR);
    println!("moog 1000 Hz: {at:.2} dB at the cutoff, {far:.1} dB three octaves up");
    assert!((at + 12.04).abs() < 0.5, "{at}");
    assert!((-78.0..-64.0).contains(&far), "{far}");
    // Resonance boosts the cutoff region relative to the pass band.
    let boost = gain_db("moog 1000 res:0.9", 1000.0, SR) - gain_db("moog 1000 res:0.9", 100.0, SR);
    assert!(boost > 6.0, "{boost}");
}

#[test]
fn allpass_is_flat_and_comb_resonates() {
    for f in [100.0, 1000.0, 7000.0] {
        let g = gain_db("allpass 0.005 0.7", f, SR);
        assert!(g.abs() < 0.2, "allpass at {f}: {g} dB");
    }
    // comb 500: peaks at 500 Hz and its multiples, dips between.
    let peak = gain_db("comb 500 0.9 0", 1000.0, SR);
    let dip = gain_db("comb 500 0.9 0", 750.0, SR);
    assert!((peak - 20.0).abs() < 0.5 && dip < -5.0, "peak {peak}, dip {dip}");
}

#[test]
fn filters_stay_finite_under_audio_rate_modulation_at_maximum_resonance() {
    // Ten seconds each: cutoff swept at audio rate across almost the whole band, resonance at
    // its maximum or itself modulated at audio rate.
    for prog in [
        "out: noise # lpf (sine 2000 * 11000 + 11500) q:200 # gain 0.001",
        "out: noise # hpf (sine 1234 * 11000 + 11500) (sine 700 * 100 + 100.1) # gain 0.001",
        "out: saw 55 # bpf (saw 3000 * 10000 + 10050) q:200 # gain 0.3",
        "out: noise # notch (sine 5000 * 11000 + 11500) (noise * 100 + 100.1) # gain 0.1",
        "out: noise # moog (sine 3000 * 11000 + 11500) (sine 900 * 0.5 + 0.5) # gain 0.1",
        "out: noise # moog (noise * 20000 + 20010) res:1 # gain 0.1",
        "out: saw 110 # comb (sine 300 * 1000 + 1100) 0.999 0 # gain 0.01",
        "out: noise # allpass (sine 200 * 0.004 + 0.005) 0.99 # gain 0.1",
    ] {
        let r = render_secs(prog, 10.0, SR);
        let x = r.left();
        assert_eq!(r.nan_blocks, 0, "{prog}: non-finite output");
        assert!(x.iter().all(|v| v.is_finite()), "{prog}");
        let level = rms(&x[x.len() - SR as usize..]);
        assert!(level > 1e-4 && level < 0.95, "{prog}: rms {level}");
    }
}

#[test]
fn stereo_input_is_filtered_per_channel() {
    let r = render_secs("out: (saw 110 # pan 0) # lpf 500", 1.0, SR);
    let (l, rr) = (r.left(), r.right());
    assert!(rms(&l) > 0.1 && rms(&rr) < 1e-6);
}

#[test]
fn silence_after_sound_leaves_exact_zeros() {
    // Resonant filters, ladder, comb and all-pass ring out and then hold exact zeros
    // (states are flushed long before they could become denormal numbers).
    for proc_ in ["lpf 300 q:20", "moog 400 res:0.8", "comb 200 0.95 0.2", "allpass 0.01 0.7", "bpf 1000 q:50"] {
        // One burst in the first cycle, then fourteen seconds of silence.
        let x = render_secs(&format!("out: noise * env \"<1 ~ ~ ~ ~ ~ ~ ~>\" 0 0.05 0 0 # {proc_}"), 16.0, SR).left();
        let tail = &x[x.len() - 4800..];
        assert!(
            tail.iter().all(|&v| v == 0.0),
            "{proc_}: tail not silent ({:e})",
            tail.iter().fold(0.0f32, |m, v| m.max(v.abs()))
        );
    }
}
