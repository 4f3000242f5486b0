//! The example program of every pattern function makes sound: rendered with the built-in kit
//! and synths, each is audible and clean.

mod voices_common;

use phonon_engine::pattern::library::TABLES;
use voices_common::*;

#[test]
fn every_pattern_function_example_is_audible() {
    let mut checked = 0;
    for f in TABLES.iter().flat_map(|t| t.iter()) {
        let (l, r) = render_kit(f.example, 24_000, 4.0);
        let level = rms(&l).max(rms(&r));
        assert!(level > 0.002, "{}: the example is silent: {}", f.name, f.example);
        assert!(peak(&l).max(peak(&r)) <= 1.0, "{}: clips: {}", f.name, f.example);
        checked += 1;
    }
    assert!(checked > 80, "only {checked} examples");
}
