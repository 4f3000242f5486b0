//! The kit's instruments. Each is a small recipe of decaying oscillators and filtered noise;
//! variants change tuning and envelope. Times in seconds, frequencies in Hz.

use super::tools::{decay, finish, square, Biquad, Noise, Shape};
use std::f32::consts::TAU;

/// Render variant `v` of kit sound `name` at `sr`.
pub fn render(name: &str, v: usize, sr: f32) -> Vec<f32> {
    let v = v % super::VARIANTS;
    match name {
        "bd" => kick(v, sr),
        "sn" => snare(v, sr),
        "hh" => metal(Metal::closed(v), sr),
        "oh" => metal(Metal::open(v), sr),
        "cy" => metal(Metal::cymbal(v), sr),
        "cp" => clap(v, sr),
        "rim" => rim(v, sr),
        "lt" => tom([80.0, 90.0, 72.0, 100.0][v], v, sr),
        "mt" => tom([120.0, 135.0, 110.0, 150.0][v], v, sr),
        "ht" => tom([175.0, 195.0, 160.0, 220.0][v], v, sr),
        "cb" => cowbell(v, sr),
        "perc" => perc(v, sr),
        _ => Vec::new(),
    }
}

/// Peak level of each instrument, balanced as a drum machine's mixer would be: the kick
/// leads, snare and clap sit just under it, hats and cymbals well below, so a full kit at
/// gain 1 (`s "bd*4, hh*8, ~ sn"`) peaks under the engine's safety limiter.
fn level(name: &str) -> f32 {
    match name {
        "bd" => 0.4,
        "sn" | "cp" => 0.34,
        "hh" | "oh" => 0.15,
        "cy" => 0.17,
        "rim" | "cb" | "perc" => 0.3,
        _ => 0.38,
    }
}

fn len(seconds: f32, sr: f32) -> usize {
    (seconds * sr) as usize
}

/// A sine swept down from `f0` to `f1` (time constant `sweep`), started at phase 0 of a cosine
/// so the first sample is the loudest.
struct Sweep {
    phase: f32,
    f0: f32,
    f1: f32,
    sweep: f32,
}

impl Sweep {
    fn at(&mut self, t: f32, sr: f32) -> f32 {
        let y = self.phase.cos();
        let f = self.f1 + (self.f0 - self.f1) * decay(t, self.sweep);
        self.phase = (self.phase + TAU * f / sr) % TAU;
        y
    }
}

fn kick(v: usize, sr: f32) -> Vec<f32> {
    // (start Hz, end Hz, sweep time, body decay, click amount, drive): a drum machine's kick
    // is a short pitch drop onto a body that is gone (-40 dB) within 0.5-0.8 s, so four on
    // the floor stays four separate hits.
    let (f0, f1, sweep, body, click, drive) = [
        (200.0, 52.0, 0.03, 0.13, 0.2, 1.0),
        (230.0, 58.0, 0.02, 0.11, 0.3, 1.0),
        (210.0, 60.0, 0.025, 0.095, 0.2, 3.0),
        (120.0, 45.0, 0.05, 0.16, 0.08, 1.0),
    ][v];
    let mut osc = Sweep { phase: 0.0, f0, f1, sweep };
    let mut noise = Noise::new(11 + v as u32);
    let mut lp = Biquad::new(Shape::Low, 3000.0, 0.7, sr);
    let x = (0..len(body * 7.0, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let tone = osc.at(t, sr) * decay(t, body);
            let c = lp.run(noise.tick()) * click * decay(t, 0.003);
            let y = tone + c;
            if drive > 1.0 {
                (y * drive).tanh() / drive.tanh()
            } else {
                y
            }
        })
        .collect();
    finish(x, level("bd"), sr)
}

fn snare(v: usize, sr: f32) -> Vec<f32> {
    // (tone 1, tone 2, tone decay, tone level, noise decay, noise high-pass, noise low-pass)
    let (f1, f2, tone_tau, tone, noise_tau, hp, lp) = [
        (185.0, 330.0, 0.05, 1.0, 0.09, 500.0, 4000.0),
        (220.0, 400.0, 0.04, 0.9, 0.065, 700.0, 5000.0),
        (160.0, 290.0, 0.06, 1.2, 0.11, 400.0, 3500.0),
        (200.0, 350.0, 0.035, 0.6, 0.1, 300.0, 3000.0),
    ][v];
    let mut a = Sweep { phase: 0.0, f0: f1 * 1.3, f1, sweep: 0.02 };
    let mut b = Sweep { phase: 0.0, f0: f2 * 1.2, f1: f2, sweep: 0.02 };
    let mut noise = Noise::new(23 + v as u32);
    // Noise rolled off above `lp` (12 dB/octave) so the rattle spreads over several octaves
    // instead of piling up at the top, as white noise would.
    let mut h = Biquad::new(Shape::High, hp, 0.7, sr);
    let mut l = Biquad::new(Shape::Low, lp, 0.5, sr);
    let x = (0..len(noise_tau * 8.0, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let body = (a.at(t, sr) + 0.6 * b.at(t, sr)) * tone * decay(t, tone_tau);
            let n = l.run(h.run(noise.tick())) * decay(t, noise_tau);
            body + 2.0 * n
        })
        .collect();
    finish(x, level("sn"), sr)
}

/// Hats and cymbals: detuned square partials and noise, high-passed, decaying.
struct Metal {
    /// Scale of the partial frequencies.
    tune: f32,
    /// Decay time constant.
    tau: f32,
    /// High-pass corner.
    hp: f32,
    level: f32,
    seed: u32,
    /// Extra, inharmonic partials for cymbals.
    wide: bool,
}

impl Metal {
    fn closed(v: usize) -> Metal {
        let (tune, tau) = [(1.0, 0.035), (1.15, 0.025), (0.9, 0.05), (1.3, 0.02)][v];
        Metal { tune, tau, hp: 7000.0, level: level("hh"), seed: 31 + v as u32, wide: false }
    }

    fn open(v: usize) -> Metal {
        let (tune, tau) = [(1.0, 0.3), (1.15, 0.22), (0.9, 0.45), (1.3, 0.18)][v];
        Metal { tune, tau, hp: 6500.0, level: level("oh"), seed: 41 + v as u32, wide: false }
    }

    fn cymbal(v: usize) -> Metal {
        let (tune, tau) = [(1.0, 0.7), (1.2, 0.55), (0.85, 0.9), (1.4, 0.45)][v];
        Metal { tune, tau, hp: 5000.0, level: level("cy"), seed: 51 + v as u32, wide: true }
    }
}

fn metal(m: Metal, sr: f32) -> Vec<f32> {
    // The classic analogue drum machine's six cymbal oscillators (Hz).
    const PARTIALS: [f32; 6] = [205.3, 304.4, 369.6, 522.7, 540.0, 800.0];
    const EXTRA: [f32; 4] = [1047.0, 1253.0, 1541.0, 1873.0];
    let mut noise = Noise::new(m.seed);
    let mut h1 = Biquad::new(Shape::High, m.hp, 0.7, sr);
    let mut h2 = Biquad::new(Shape::High, m.hp, 0.7, sr);
    let x = (0..len(m.tau * 7.5 + 0.01, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let mut s: f32 = PARTIALS.iter().map(|f| square(f * m.tune, t)).sum::<f32>() / 6.0;
            if m.wide {
                s += EXTRA.iter().map(|f| square(f * m.tune, t)).sum::<f32>() / 6.0;
            }
            let y = 0.6 * s + 0.8 * noise.tick();
            // Onset transient: a slightly faster first decay gives the stick its attack.
            let env = 0.7 * decay(t, m.tau) + 0.3 * decay(t, m.tau * 0.2);
            h2.run(h1.run(y)) * env
        })
        .collect();
    finish(x, m.level, sr)
}

fn clap(v: usize, sr: f32) -> Vec<f32> {
    // (band centre, number of bursts, burst spacing, tail decay)
    let (centre, bursts, spacing, tail) =
        [(1200.0, 4, 0.011, 0.09), (1500.0, 3, 0.009, 0.07), (1000.0, 4, 0.013, 0.11), (1800.0, 5, 0.008, 0.08)][v];
    let mut noise = Noise::new(61 + v as u32);
    let mut bp = Biquad::new(Shape::Band, centre, 0.6, sr);
    let mut hp = Biquad::new(Shape::High, 2500.0, 0.7, sr);
    let x = (0..len(tail * 8.0 + 0.05, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let mut env = 0.0f32;
            for k in 0..bursts {
                let tk = t - k as f32 * spacing;
                if tk >= 0.0 && k + 1 < bursts {
                    env = env.max(decay(tk, 0.004));
                }
            }
            let last = t - (bursts - 1) as f32 * spacing;
            if last >= 0.0 {
                env = env.max(decay(last, tail));
            }
            let n = noise.tick();
            // Band-passed body plus air above it: a clap is noise over several octaves.
            (bp.run(n) + 0.5 * hp.run(n)) * env
        })
        .collect();
    finish(x, level("cp"), sr)
}

fn rim(v: usize, sr: f32) -> Vec<f32> {
    let (f1, f2, tau) =
        [(500.0, 1700.0, 0.012), (580.0, 1900.0, 0.01), (450.0, 1500.0, 0.018), (650.0, 2200.0, 0.008)][v];
    let mut noise = Noise::new(71 + v as u32);
    let mut hp = Biquad::new(Shape::High, 2000.0, 0.7, sr);
    let x = (0..len(tau * 10.0, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let tone = ((TAU * f1 * t).cos() + 0.7 * (TAU * f2 * t).cos()) * decay(t, tau);
            tone + hp.run(noise.tick()) * decay(t, 0.003)
        })
        .collect();
    finish(x, level("rim"), sr)
}

fn tom(f: f32, v: usize, sr: f32) -> Vec<f32> {
    let body = [0.3, 0.22, 0.4, 0.18][v];
    let mut osc = Sweep { phase: 0.0, f0: f * 1.5, f1: f, sweep: 0.05 };
    let mut noise = Noise::new(81 + v as u32 + f as u32);
    let mut bp = Biquad::new(Shape::Band, f * 4.0, 1.0, sr);
    let x = (0..len(body * 7.0, sr))
        .map(|i| {
            let t = i as f32 / sr;
            osc.at(t, sr) * decay(t, body) + 0.3 * bp.run(noise.tick()) * decay(t, 0.01)
        })
        .collect();
    finish(x, level("lt"), sr)
}

fn cowbell(v: usize, sr: f32) -> Vec<f32> {
    let tune = [1.0, 1.2, 0.85, 1.4][v];
    let mut bp = Biquad::new(Shape::Band, 1000.0 * tune, 1.5, sr);
    let x = (0..len(0.6, sr))
        .map(|i| {
            let t = i as f32 / sr;
            let s = 0.5 * (square(540.0 * tune, t) + square(800.0 * tune, t));
            let env = 0.6 * decay(t, 0.02) + 0.4 * decay(t, 0.12);
            // Start on the square's high half so the first sample carries the strike.
            bp.run(s) * env + if i == 0 { 0.3 } else { 0.0 }
        })
        .collect();
    finish(x, level("cb"), sr)
}

fn perc(v: usize, sr: f32) -> Vec<f32> {
    let mut noise = Noise::new(91 + v as u32);
    let x: Vec<f32> = match v {
        // Wood block: two bright, fast-decaying modes.
        0 => (0..len(0.15, sr))
            .map(|i| {
                let t = i as f32 / sr;
                ((TAU * 800.0 * t).cos() + 0.5 * (TAU * 1640.0 * t).cos()) * decay(t, 0.018)
            })
            .collect(),
        // Shaker: high noise with a soft swell.
        1 => {
            let mut hp = Biquad::new(Shape::High, 5000.0, 0.7, sr);
            (0..len(0.25, sr))
                .map(|i| {
                    let t = i as f32 / sr;
                    let env = (1.0 - decay(t, 0.01)).max(0.05) * decay(t, 0.04);
                    hp.run(noise.tick()) * env
                })
                .collect()
        }
        // Conga: a round, slightly falling tone.
        2 => {
            let mut osc = Sweep { phase: 0.0, f0: 260.0, f1: 220.0, sweep: 0.03 };
            (0..len(0.5, sr))
                .map(|i| {
                    let t = i as f32 / sr;
                    osc.at(t, sr) * decay(t, 0.09)
                })
                .collect()
        }
        // Tambourine: jingles as band-passed noise with metal partials.
        _ => {
            let mut bp = Biquad::new(Shape::Band, 7000.0, 2.0, sr);
            (0..len(0.4, sr))
                .map(|i| {
                    let t = i as f32 / sr;
                    let s = 0.3 * (square(5300.0, t) + square(6700.0, t)) + noise.tick();
                    bp.run(s) * (0.7 * decay(t, 0.05) + 0.3 * decay(t, 0.005))
                })
                .collect()
        }
    };
    finish(x, level("perc"), sr)
}
