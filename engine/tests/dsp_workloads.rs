//! The benchmark workloads W1 and W3 (shared/bench/WORKLOADS.md) as Phonon programs
//! (`bench/w1.ph`, `bench/w3.ph`) produce the sound the workload defines: level and spectrum.
//! (Their speed is measured by `cargo bench -p phonon-engine --bench dsp`.)

mod dsp_support;

use dsp_support::{render_secs, rms, spectrum};

const SR: u32 = 44100;

fn program(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../bench/{name}", env!("CARGO_MANIFEST_DIR"))).expect("workload program")
}

#[test]
fn w1_osc_filter_bank() {
    let r = render_secs(&program("w1.ph"), 10.0, SR);
    let (l, rr) = (r.left(), r.right());
    assert_eq!(l, rr, "same on both channels");
    let level = rms(&l);
    println!("W1: rms {level:.4} (expected ≈ 0.075)");
    assert!((level - 0.075).abs() < 0.008, "{level}");
    let m = spectrum(&l[..1 << 18]);
    let bin = SR as f64 / (1 << 18) as f64;
    let strongest = m.iter().enumerate().skip(1).fold((0, 0.0), |b, (k, &v)| if v > b.1 { (k, v) } else { b }).0;
    let f = strongest as f64 * bin;
    println!("W1: strongest bin at {f:.1} Hz");
    assert!((55.0..=100.1).contains(&f), "{f}");
    let total: f64 = m.iter().map(|v| v * v).sum();
    let below: f64 = m.iter().take((2000.0 / bin) as usize).map(|v| v * v).sum();
    println!("W1: {:.2}% of the power below 2 kHz", 100.0 * below / total);
    assert!(below / total > 0.99);
}

#[test]
fn w3_fx_chain() {
    let src = program("w3.ph");
    let r = render_secs(&src, 10.0, SR);
    let level = rms(&r.main);
    println!("W3: rms {level:.4} with the compressor (expected 0.17–0.21)");
    assert!((0.17..=0.21).contains(&level), "{level}");
    let l = r.left();
    let rr = r.right();
    assert_ne!(l, rr, "the reverb is stereo");
    // Without the compressor.
    let dry = src.replace("out: ~echo # compressor 12 4 attack:0.01 release:0.1", "out: ~echo");
    assert_ne!(dry, src);
    let r = render_secs(&dry, 10.0, SR);
    let level = rms(&r.main);
    println!("W3: rms {level:.4} without the compressor (expected 0.35–0.45)");
    assert!((0.35..=0.45).contains(&level), "{level}");
}

#[test]
fn stress_extreme_plays_on_all_sixteen_outputs() {
    // The heaviest benchmark program: every output sounds, nothing is muted by the guard.
    use phonon_engine::render::{render, RenderOptions};
    use phonon_engine::samples::Bank;
    let opts = RenderOptions { sample_rate: SR, seconds: Some(0.5), ..RenderOptions::default() };
    let r = render(&program("stress_extreme.ph"), std::sync::Arc::new(Bank::builtin()), &opts).expect("renders");
    assert_eq!(r.stems.len(), 16);
    for (k, stem) in &r.stems {
        assert!(rms(stem) > 1e-4, "out{k} is silent");
        assert!(stem.iter().all(|x| x.is_finite()), "out{k}");
    }
    assert_eq!(r.nan_blocks, 0);
}
