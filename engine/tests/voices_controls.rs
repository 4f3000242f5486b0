//! Controls that shape a voice as SuperDirt's do. `squiz` raises a tone's pitch by its ratio
//! (replaying each zero-crossing chunk faster), changes every sound it is put on, stays
//! finite, and runs on the audio thread without allocating, through a swap. The synths'
//! `voice` changes their sound.

mod voices_common;

use assert_no_alloc::{assert_no_alloc, AllocDisabler};
use phonon_engine::graph::{HostIn, Outputs};
use phonon_engine::render::Session;
use phonon_engine::samples::{Bank, LoadLimits};
use std::sync::Arc;
use voices_common::*;

#[global_allocator]
static ALLOC: AllocDisabler = AllocDisabler;

const SR: u32 = 48000;

/// The kit plus `tone`: 1 s of 200 Hz at 0.5.
fn bank() -> Arc<Bank> {
    let root = scratch("squiz");
    std::fs::create_dir_all(root.join("tone")).unwrap();
    write_wav_f32(&root.join("tone").join("a.wav"), 48000, &[sine(200.0, 0.5, 48000.0, 48000)]);
    let b = Bank::with_folders(&[root.as_path()], &LoadLimits::default()).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    Arc::new(b)
}

#[test]
fn squiz_raises_a_tone_by_its_ratio() {
    let b = bank();
    for ratio in [2.0, 3.0, 4.0] {
        let (l, _) = render_with(&format!("out: s \"tone\" # squiz {ratio}"), b.clone(), SR, 0.8);
        let (df, p) = spectrum(&l[4800..36000], SR as f64);
        let at = |hz: f64| {
            let k = (hz / df).round() as usize;
            p[k - 2..=k + 2].iter().cloned().fold(0.0, f64::max)
        };
        let strongest = p.iter().cloned().fold(0.0, f64::max);
        let (raised, own) = (at(200.0 * ratio) / strongest, at(200.0) / strongest);
        println!("squiz {ratio}: {:.0} Hz at {raised:.2} of the strongest partial, 200 Hz at {own:.2}", 200.0 * ratio);
        assert!(raised > 0.7 && raised > own, "squiz {ratio}: {raised} vs {own}");
        assert!(l.iter().all(|x| x.is_finite() && x.abs() < 1.0));
    }
    let (plain, _) = render_with("out: s \"tone\"", b.clone(), SR, 0.8);
    let (one, _) = render_with("out: s \"tone\" # squiz 1", b, SR, 0.8);
    assert_eq!(plain, one, "squiz 1 leaves the sound alone");
}

#[test]
fn squiz_changes_every_kit_sound() {
    for name in ["bd", "sn", "hh", "cp"] {
        let (plain, _) = render_kit(&format!("out: s \"{name}\""), SR, 0.5);
        let (sq, _) = render_kit(&format!("out: s \"{name}\" # squiz 2"), SR, 0.5);
        let diff: Vec<f32> = plain.iter().zip(&sq).map(|(a, b)| a - b).collect();
        println!("{name}: squiz 2 changes it by {:.3} rms (of {:.3})", rms(&diff), rms(&plain));
        assert!(rms(&diff) > 0.1 * rms(&plain), "{name}: squiz changes too little");
        assert!(sq.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn squizzing_voices_never_allocate() {
    let mut session = Session::new(48000, kit());
    let a = "tempo: 2\nout: s \"[bd sn hh cp]*4, hh*16\" # squiz \"<2 1.5 4>\" # cutoff 4000 # amp 0.3\n";
    let b = "tempo: 2\nout: s \"bd*8\" # squiz 3 # amp 0.3\n";
    session.send(session.prepare(a).unwrap());
    let mut engine = session.take_engine().unwrap();
    let host = HostIn::default();
    let mut out = Box::<Outputs>::default();
    let mut level = 0.0;
    for k in 0..2000 {
        if k == 1000 {
            session.send(session.prepare(b).unwrap());
        }
        assert_no_alloc(|| engine.process_block(&host, &mut out));
        level += rms(&out.main.l);
        if k % 64 == 0 {
            session.collect();
        }
    }
    assert!(level / 2000.0 > 0.005, "silent");
    assert_eq!(engine.status().nan_blocks.load(std::sync::atomic::Ordering::Relaxed), 0);
}

#[test]
fn voice_changes_the_synths_that_have_one() {
    for synth in ["supersaw", "superfm", "superpwm", "supersquare"] {
        let (a, _) = render_kit(&format!("out: note \"0\" # s \"{synth}\" # voice 0.1"), SR, 0.5);
        let (b, _) = render_kit(&format!("out: note \"0\" # s \"{synth}\" # voice 0.9"), SR, 0.5);
        let diff: Vec<f32> = a.iter().zip(&b).map(|(x, y)| x - y).collect();
        println!("{synth}: voice 0.1 vs 0.9 differ by {:.3} rms (of {:.3})", rms(&diff), rms(&a));
        assert!(rms(&diff) > 0.05 * rms(&a), "{synth}: voice changes too little");
    }
}
