//! Hot swap: swapping a program for itself mid-render continues every node bit-identically,
//! because each one takes over its predecessor's state (phases, filter memories, delay lines,
//! reverb tails, envelopes).

use phonon_engine::nodes::{DYNAMICS, EFFECTS, FILTERS, SOURCES, UTILITIES};
use phonon_engine::render::{render, RenderOptions};
use phonon_engine::samples::Bank;
use phonon_engine::time::Rational;
use std::sync::Arc;

#[test]
fn swapping_a_program_for_itself_changes_nothing() {
    let mut failures = Vec::new();
    // Every example, and a chain with modulated parameters everywhere.
    let chain = "~lfo: sine 0.3\n~fm: sine 300 * 2000\n\
        ~a: saw \"55 110\" # lpf (~lfo * 600 + 800) \"0.7 4\" # hpf (~fm + 2100) (sine 3 * 2 + 3)\n\
        ~b: pulse (~fm * 0.1 + 110) (sine 1 * 0.4 + 0.5) # moog (~fm + 2500) (sine 2 * 0.5 + 0.5)\n\
        ~c: ~a + ~b # delay \"0.1 0.37\" 0.6 # reverb 0.3 2 # chorus 1 0.7 # phaser 0.4 0.9 0.6\n\
        ~d: ~c # distort (sine 1 * 0.5 + 0.5) # coarse (sine 0.5 * 3 + 4) # comb (~lfo * 100 + 200) 0.8\n\
        ~e: ~d # compressor 20 4 side:~b # limiter 3 # gain 0.3\n\
        out: ~e + lag 0.1 \"0 0.1\" + sh (square 8) (noise * 0.01)";
    let programs = SOURCES
        .iter()
        .chain(FILTERS)
        .chain(EFFECTS)
        .chain(DYNAMICS)
        .chain(UTILITIES)
        .map(|f| (f.name, f.example))
        .chain(std::iter::once(("chain", chain)));
    for (name, src) in programs {
        let plain = RenderOptions { sample_rate: 48000, cycles: Some(2.0), ..RenderOptions::default() };
        // Swap at a time that is not on a block boundary of the host (engine blocks are fixed).
        let swapped = RenderOptions { swap: Some((src.to_string(), Rational::new(7, 10))), ..plain.clone() };
        let a = render(src, Arc::new(Bank::empty()), &plain).expect("renders");
        let b = render(src, Arc::new(Bank::empty()), &swapped).expect("renders");
        if a.main != b.main {
            let first = a.main.iter().zip(&b.main).position(|(x, y)| x != y).unwrap_or(0) / 2;
            failures.push(format!("{name}: differs from frame {first}"));
        }
    }
    assert!(failures.is_empty(), "state lost across a swap:\n{}", failures.join("\n"));
}
