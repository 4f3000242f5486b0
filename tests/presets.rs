//! The example programs of `presets/` (also offered in the editor's preset browser): each renders
//! 8 cycles with sound, without NaN and without reaching the output limiter, and its rhythmic
//! parts put their onsets exactly where their patterns say.

use phonon_engine::render::{render, RenderOptions, Rendered};
use phonon_engine::samples::Bank;
use phonon_tests::analysis::{left, peak, rms};
use std::path::PathBuf;
use std::sync::Arc;

const CYCLES: f64 = 8.0;
const SR: u32 = 48_000;

/// Which part of a preset to listen to for onsets.
enum Part {
    /// A bus, played alone (the preset with its outputs replaced by `out: ~bus`).
    Bus(&'static str),
    /// A numbered output of the preset itself.
    Stem(u32),
}

/// Where a part's onsets fall.
enum Onsets {
    /// Exactly these positions in every cycle (fractions of a cycle).
    Each(&'static [f64]),
    /// Random patterns: some onsets, every one on this grid (divisions of a cycle).
    OnGrid(u32),
}

struct Check {
    preset: &'static str,
    part: Part,
    onsets: Onsets,
}

const FOUR: &[f64] = &[0.0, 0.25, 0.5, 0.75];

fn checks() -> Vec<Check> {
    use Onsets::*;
    use Part::*;
    let c = |preset, part, onsets| Check { preset, part, onsets };
    vec![
        c("house", Bus("~kick"), Each(FOUR)),
        c("house", Bus("~clap"), Each(&[0.25, 0.75])),
        c("techno", Bus("~kick"), Each(FOUR)),
        c("drum_and_bass", Bus("~kick"), Each(&[0.0, 5.0 / 8.0])),
        c("drum_and_bass", Bus("~snare"), Each(&[2.0 / 8.0, 6.0 / 8.0])),
        c("ambient", Bus("~toll"), Each(&[0.0])),
        c("acid", Bus("~kick"), Each(FOUR)),
        c("breakbeat", Bus("~kick"), Each(&[0.0, 3.0 / 16.0, 6.0 / 16.0, 9.0 / 16.0])),
        c("dub", Bus("~kick"), Each(&[0.0, 0.5])),
        c("dub", Bus("~rim"), Each(&[4.0 / 16.0, 7.0 / 16.0, 10.0 / 16.0, 13.0 / 16.0])),
        c("generative", Bus("~drops"), OnGrid(8)),
        c("stems", Stem(1), Each(FOUR)),
        c("macros", Bus("~drums"), Each(&[0.0, 3.0 / 8.0, 0.5, 7.0 / 8.0])),
        c("midi", Bus("~drums"), Each(&[0.0, 3.0 / 8.0, 5.0 / 8.0, 0.75, 7.0 / 8.0])),
        c("sound_design", Bus("~drums"), Each(&[0.0, 3.0 / 16.0, 5.0 / 16.0, 0.5, 10.0 / 16.0, 13.0 / 16.0])),
    ]
}

/// The programs the issue asks for, by file stem.
const REQUIRED: &[&str] = &[
    "house",
    "techno",
    "drum_and_bass",
    "ambient",
    "acid",
    "breakbeat",
    "dub",
    "generative",
    "stems",
    "macros",
    "midi",
    "sound_design",
];

fn presets() -> Vec<(String, String)> {
    let dir = phonon_tests::root().join("presets");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ph"))
        .collect();
    v.sort();
    v.into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn preset(name: &str) -> String {
    presets().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("presets/{name}.ph")).1
}

fn play(src: &str) -> Rendered {
    let opts = RenderOptions { sample_rate: SR, cycles: Some(CYCLES), ..RenderOptions::default() };
    render(src, Arc::new(Bank::builtin()), &opts).unwrap_or_else(|e| panic!("{e}"))
}

/// Cycles per second of a render of `CYCLES` cycles.
fn cps(r: &Rendered) -> f64 {
    CYCLES * SR as f64 / r.frames() as f64
}

/// Onset times in seconds: where the 1 ms peak envelope jumps well above the 10 ms before it.
fn onsets(x: &[f32]) -> Vec<f64> {
    let win = (SR / 1000) as usize;
    let env: Vec<f32> = x.chunks(win).map(peak).collect();
    let floor = 0.05 * peak(x);
    let mut out: Vec<f64> = Vec::new();
    for i in 0..env.len() {
        // Before the render starts is silence.
        let before = env[i.saturating_sub(12)..i.saturating_sub(2)].iter().copied().fold(0.0f32, f32::max);
        if env[i] >= floor && env[i] > 2.0 * before {
            // The onset is the first sample of the window above the floor.
            let start = i * win;
            let first = x[start..start + win].iter().position(|v| v.abs() >= 0.5 * env[i]).unwrap_or(0);
            let t = (start + first) as f64 / SR as f64;
            if out.last().is_none_or(|&l| t - l > 0.04) {
                out.push(t);
            }
        }
    }
    out
}

/// The preset with its outputs replaced by one bus.
fn only_bus(src: &str, bus: &str) -> String {
    let is_output = |l: &str| {
        let head = l.split(':').next().unwrap_or("");
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        head.strip_prefix("out").is_some_and(digits)
            || head.strip_prefix('o').is_some_and(|d| !d.is_empty() && digits(d))
            || head.strip_prefix('d').is_some_and(|d| !d.is_empty() && digits(d))
    };
    let mut s: String = src.lines().filter(|l| !is_output(l)).map(|l| format!("{l}\n")).collect();
    s.push_str(&format!("out: {bus}\n"));
    s
}

#[test]
fn the_required_programs_are_there_and_each_says_what_it_shows() {
    let all = presets();
    for r in REQUIRED {
        assert!(all.iter().any(|(n, _)| n == r), "presets/{r}.ph is missing");
    }
    for (name, src) in &all {
        let first = src.lines().next().unwrap_or("");
        assert!(first.starts_with("-- ") && first.len() > 20, "{name}: the first line must say what it shows");
    }
}

#[test]
fn every_preset_sounds_without_nan_or_clipping() {
    for (name, src) in presets() {
        let r = play(&src);
        assert_eq!(r.nan_blocks, 0, "{name}: NaN or infinity in the output");
        assert!(r.main.iter().all(|x| x.is_finite()), "{name}: non-finite samples");
        let (level, top) = (rms(&r.main), peak(&r.main));
        // The engine's guard bends peaks above 0.9: staying below it means nothing clipped.
        assert!(top < 0.9, "{name}: peak {top}");
        assert!(level > 0.02, "{name}: rms {level} is near silence");
        // Every second of the render has sound in it (nothing drops out).
        let l = left(&r.main);
        for (i, second) in l.chunks(SR as usize).enumerate() {
            assert!(peak(second) > 0.01, "{name}: second {i} is silent");
        }
    }
}

#[test]
fn the_stems_example_fills_four_outputs() {
    let r = play(&preset("stems"));
    let stems: Vec<u32> = r.stems.iter().map(|(k, _)| *k).collect();
    assert_eq!(stems, vec![1, 2, 3, 4]);
    for (k, s) in &r.stems {
        assert!(rms(s) > 0.005, "out{k} is silent");
        assert!(peak(s) < 0.9, "out{k} peaks at {}", peak(s));
    }
}

#[test]
fn onsets_fall_where_the_patterns_say() {
    for check in checks() {
        let src = preset(check.preset);
        let (what, r) = match check.part {
            Part::Bus(b) => (b.to_string(), play(&only_bus(&src, b))),
            Part::Stem(k) => (format!("out{k}"), play(&src)),
        };
        let x = match check.part {
            Part::Bus(_) => left(&r.main),
            Part::Stem(k) => left(&r.stems.iter().find(|(n, _)| *n == k).expect("the stem").1),
        };
        let cps = cps(&r);
        let found = onsets(&x);
        let tolerance = 0.003; // seconds: events land on their sample, the detector within 1 ms
        let label = format!("{} {what}", check.preset);
        match check.onsets {
            Onsets::Each(positions) => {
                let expected: Vec<f64> = (0..CYCLES as usize)
                    .flat_map(|c| positions.iter().map(move |p| (c as f64 + p) / cps))
                    .filter(|t| *t * (SR as f64) < x.len() as f64 - 0.01 * SR as f64)
                    .collect();
                for t in &expected {
                    assert!(
                        found.iter().any(|f| (f - t).abs() < tolerance),
                        "{label}: no onset at {t:.4} s; found {found:.4?}"
                    );
                }
                for f in &found {
                    assert!(
                        expected.iter().any(|t| (f - t).abs() < tolerance),
                        "{label}: unexpected onset at {f:.4} s; expected {expected:.4?}"
                    );
                }
            }
            Onsets::OnGrid(n) => {
                assert!(found.len() >= 4, "{label}: only {} onsets", found.len());
                for f in &found {
                    let steps = f * cps * n as f64;
                    let off = (steps - steps.round()).abs() / (cps * n as f64);
                    assert!(off < tolerance, "{label}: onset at {f:.4} s is off the 1/{n} grid");
                }
            }
        }
    }
}

#[test]
fn random_programs_render_the_same_every_time() {
    let src = preset("generative");
    assert_eq!(play(&src).main, play(&src).main);
}
