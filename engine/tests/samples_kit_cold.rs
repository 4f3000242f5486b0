//! The built-in kit renders on first use from any number of threads at once: a cold start with
//! players being built in parallel (as a plugin's compile worker and a test runner do) finishes,
//! and every thread sees the same samples.

use phonon_engine::samples::{kit, Bank};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn a_cold_kit_renders_from_many_threads_at_once() {
    // One process-wide kit, still unrendered: this file holds no other test.
    let (done, finished) = mpsc::channel();
    for t in 0..8usize {
        let done = done.clone();
        std::thread::spawn(move || {
            if t % 2 == 0 {
                Bank::builtin().render_kit(&(0..phonon_engine::samples::kit::NAMES.len()).collect::<Vec<_>>());
            }
            // Single names too, in different orders, while whole-kit renders run.
            let lens: Vec<usize> =
                (0..kit::NAMES.len()).map(|k| kit::variants((k * 5 + t) % kit::NAMES.len()).len()).collect();
            done.send(lens).unwrap();
        });
    }
    drop(done);
    for _ in 0..8 {
        let lens = finished.recv_timeout(Duration::from_secs(120)).expect("a kit render never finished (deadlock)");
        assert!(lens.iter().all(|&n| n == kit::VARIANTS));
    }
    for k in 0..kit::NAMES.len() {
        let a = kit::variants(k);
        assert!(a.iter().all(|s| s.frames() > 0), "{}", kit::NAMES[k]);
    }
}
