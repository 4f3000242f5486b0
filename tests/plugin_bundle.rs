//! The built CLAP bundle, loaded as a host loads it: `dlopen`, `clap_entry`, factory, create,
//! activate, process. It must play its saved program (the default: a 440 Hz sine).

use phonon_tests::analysis::{peak_frequency, rms};
use phonon_tests::clap_bundle;
use phonon_tests::clap_host::Library;

#[test]
fn the_clap_bundle_plays_its_program_in_a_host() {
    let path = clap_bundle().expect(
        "target/bundled/Phonon.clap is missing: the test command builds it first (scripts/test.sh runs `cargo xtask bundle phonon`)",
    );
    let lib = Library::load(&path).expect("loads");
    let ids = lib.plugin_ids().expect("factory lists plugins");
    assert!(ids.iter().any(|i| i == "org.phonon.phonon"), "plugins: {ids:?}");
    let mut p = lib.create("org.phonon.phonon").expect("creates");
    let sr = 48_000.0;
    p.activate(sr, 1024).expect("activates");
    let mut left = Vec::new();
    let mut t = 0i64;
    for frames in [256usize, 1024, 100, 1024, 1024, 512, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024] {
        let out = p.process(frames, 1, t).expect("processes");
        left.extend_from_slice(&out[0][0]);
        t += frames as i64;
    }
    // Skip the first block (latency), then the sine must be there.
    let tail = &left[1024..];
    assert!(rms(tail) > 0.05, "silent: rms {}", rms(tail));
    let f = peak_frequency(tail, sr as f32);
    assert!((f - 440.0).abs() < 2.0, "peak at {f} Hz");
}
