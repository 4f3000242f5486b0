//! Output safety last: the safety limiter is the final stage of every port, after the output
//! and master gains, so nothing leaves above 0 dBFS whatever the program and the gains.

use phonon_engine::graph::{HostAdapter, HostOutputs};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::Arc;

/// Peak of every port over the second half of `blocks` host calls of `src` with the given
/// master and output gains (once the gains have settled); every sample of every call is
/// checked to stay below 1.
fn peaks(src: &str, master: f32, out_gain: f32, blocks: usize) -> Vec<f32> {
    let mut session = Session::new(48_000, Arc::new(Bank::builtin()));
    let p = session.prepare(src).unwrap_or_else(|e| panic!("{}", e.render("program", src)));
    session.send(p);
    let mut a = HostAdapter::new(session.take_engine().unwrap());
    a.set_master_gain(master);
    for k in 0..=8 {
        a.set_output_gain(k, out_gain);
    }
    let mut bufs: Vec<[Vec<f32>; 2]> = (0..9).map(|_| [vec![0.0; 300], vec![0.0; 300]]).collect();
    let mut peak = vec![0.0f32; 9];
    for b in 0..blocks {
        let mut ports: Vec<[&mut [f32]; 2]> = bufs.iter_mut().map(|[l, r]| [&mut l[..], &mut r[..]]).collect();
        a.process(300, None, &mut HostOutputs { ports: &mut ports });
        for (k, [l, r]) in bufs.iter().enumerate() {
            for x in l.iter().chain(r) {
                assert!(x.is_finite() && x.abs() < 1.0, "{src}: port {k} left at {x}");
                if b >= blocks / 2 {
                    peak[k] = peak[k].max(x.abs());
                }
            }
        }
    }
    drop(a);
    session.collect();
    peak
}

#[test]
fn nothing_leaves_above_0_dbfs_at_plus_6_db() {
    let plus6 = 10f32.powf(6.0 / 20.0);
    let hostile = [
        "out: sine 440 * 0.9",
        "out: saw 55 * 1000",
        "out: square 30 * 1e30",
        "out: noise * 50 # lpf 20000 q:0.99",
        "out1: saw 55 * 10\nout2: noise * 100\nout3: sine 1 * 1e6",
        "out: s \"bd*16\" # gain 8 # shape 0.99",
    ];
    for src in hostile {
        let p = peaks(src, plus6, plus6, 120);
        assert!(p.iter().all(|&x| x < 1.0), "{src}: peaks {p:?}");
        assert!(p.iter().any(|&x| x > 0.5), "{src}: silent? {p:?}");
    }
}

#[test]
fn the_limiter_comes_after_the_master_gain() {
    // 1.5 through a master gain of 0.5 leaves at 0.75, untouched: limiting first would have
    // bent it to 1.0 and left 0.5.
    let p = peaks("out: sine 440 * 1.5", 0.5, 1.0, 120);
    assert!((p[0] - 0.75).abs() < 0.01, "{p:?}");
    // Quiet signals pass unchanged at unity gain.
    let p = peaks("out: sine 440 * 0.5", 1.0, 1.0, 120);
    assert!((p[0] - 0.5).abs() < 0.005, "{p:?}");
}
