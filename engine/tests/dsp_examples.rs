//! Every source, processor and utility of the DSP library renders its documented example
//! program to finite, audible sound.

mod dsp_support;

use dsp_support::{peak, render_secs, rms};
use phonon_engine::nodes::{DYNAMICS, EFFECTS, FILTERS, SOURCES, UTILITIES};

#[test]
fn every_example_sounds() {
    let mut failures = Vec::new();
    for f in SOURCES.iter().chain(FILTERS).chain(EFFECTS).chain(DYNAMICS).chain(UTILITIES) {
        let r = render_secs(f.example, 3.0, 48000);
        let (l, rr) = (r.left(), r.right());
        let level = rms(&l).max(rms(&rr));
        let finite = l.iter().chain(rr.iter()).all(|v| v.is_finite());
        if !finite || r.nan_blocks > 0 || level < 1e-3 || peak(&l) > 1.0 {
            failures.push(format!("{}: rms {level:.4}, finite {finite}, nan blocks {}", f.name, r.nan_blocks));
        }
    }
    assert!(failures.is_empty(), "examples that do not sound right:\n{}", failures.join("\n"));
}
