//! A vowel formant filter: five parallel band-passes at the formants of a sung vowel, as
//! Tidal's `vowel` control does. Vowels can be blended continuously (`a` = 0 .. `u` = 4).
//!
//! Formant data: bass voice, from the formant table of the Csound manual (frequency Hz,
//! level dB, bandwidth Hz for each of five formants).

use super::svf::{SvfCoefs, SvfState};

/// Formant frequencies (Hz), levels (dB) and bandwidths (Hz) for a, e, i, o, u.
const TABLE: [([f32; 5], [f32; 5], [f32; 5]); 5] = [
    ([600.0, 1040.0, 2250.0, 2450.0, 2750.0], [0.0, -7.0, -9.0, -9.0, -20.0], [60.0, 70.0, 110.0, 120.0, 130.0]),
    ([400.0, 1620.0, 2400.0, 2800.0, 3100.0], [0.0, -12.0, -9.0, -12.0, -18.0], [40.0, 80.0, 100.0, 120.0, 120.0]),
    ([250.0, 1750.0, 2600.0, 3050.0, 3340.0], [0.0, -30.0, -16.0, -22.0, -28.0], [60.0, 90.0, 100.0, 120.0, 120.0]),
    ([400.0, 750.0, 2400.0, 2600.0, 2900.0], [0.0, -11.0, -21.0, -20.0, -40.0], [40.0, 80.0, 100.0, 120.0, 120.0]),
    ([350.0, 600.0, 2400.0, 2675.0, 2950.0], [0.0, -20.0, -32.0, -28.0, -36.0], [40.0, 80.0, 100.0, 120.0, 120.0]),
];

/// Makeup gain: narrow formant bands pass little of a broadband source.
const MAKEUP: f32 = 4.0;

/// The vowel index of a letter (`a e i o u`), as [`Formant::set_vowel`] takes it.
pub fn vowel_index(letter: char) -> Option<f32> {
    match letter.to_ascii_lowercase() {
        'a' => Some(0.0),
        'e' => Some(1.0),
        'i' => Some(2.0),
        'o' => Some(3.0),
        'u' => Some(4.0),
        _ => None,
    }
}

/// Five band-passes and their levels. Small and `Copy` for per-voice use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Formant {
    coefs: [SvfCoefs; 5],
    gains: [f32; 5],
    state: [SvfState; 5],
    inv_sr: f32,
    vowel: f32,
}

impl Formant {
    /// A filter set to the vowel `a`.
    pub fn new(sample_rate: f32) -> Formant {
        let c = SvfCoefs::new(1000.0, 1.0, sample_rate);
        let mut f = Formant {
            coefs: [c; 5],
            gains: [0.0; 5],
            state: [SvfState::default(); 5],
            inv_sr: 1.0 / sample_rate,
            vowel: -1.0,
        };
        f.set_vowel(0.0);
        f
    }

    /// The vowel: 0 = a, 1 = e, 2 = i, 3 = o, 4 = u; fractions blend neighbours (clamped).
    pub fn set_vowel(&mut self, v: f32) {
        let v = if v.is_nan() { 0.0 } else { v.clamp(0.0, 4.0) };
        if v == self.vowel {
            return;
        }
        self.vowel = v;
        let i = (v as usize).min(3);
        let t = v - i as f32;
        let (a, b) = (&TABLE[i], &TABLE[i + 1]);
        for k in 0..5 {
            let f = a.0[k] + t * (b.0[k] - a.0[k]);
            let db = a.1[k] + t * (b.1[k] - a.1[k]);
            let bw = a.2[k] + t * (b.2[k] - a.2[k]);
            self.coefs[k] = SvfCoefs::with_inv_sr(f, f / bw, self.inv_sr);
            self.gains[k] = MAKEUP * 10f32.powf(db / 20.0);
        }
    }

    #[inline(always)]
    pub fn tick(&mut self, x: f32) -> f32 {
        let mut y = 0.0;
        for k in 0..5 {
            let o = self.state[k].tick(&self.coefs[k], x);
            y += self.gains[k] * o.band_unity(&self.coefs[k]);
        }
        y
    }

    /// Zero decayed states (once per block).
    pub fn flush(&mut self) {
        for s in self.state.iter_mut() {
            s.flush();
        }
    }

    pub fn reset(&mut self) {
        self.state = [SvfState::default(); 5];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Power of a 110 Hz band-limited pulse train through the filter, in the band around `hz`.
    fn energy_near(vowel: f32, hz: f32) -> f64 {
        let sr = 48000.0;
        let mut f = Formant::new(sr);
        f.set_vowel(vowel);
        let probe = SvfCoefs::new(hz, 8.0, sr);
        let (mut e, mut ps) = (0.0f64, SvfState::default());
        for i in 0..48000 {
            // Harmonics of 110 Hz up to 5 kHz, equal level.
            let t = i as f64 / sr as f64;
            let x: f64 = (1..45).map(|h| (2.0 * std::f64::consts::PI * 110.0 * h as f64 * t).sin()).sum::<f64>() / 45.0;
            let y = f.tick(x as f32);
            let band = ps.tick(&probe, y).band_unity(&probe);
            if i > 4800 {
                e += (band as f64).powi(2);
            }
        }
        e
    }

    #[test]
    fn vowels_move_the_second_formant() {
        // `a` has formants at 600 and 1040 Hz, `i` at 250 and 1750 Hz.
        assert!(energy_near(0.0, 1040.0) > 10.0 * energy_near(2.0, 1040.0));
        assert!(energy_near(2.0, 250.0) > 10.0 * energy_near(0.0, 250.0));
        assert_eq!(vowel_index('O'), Some(3.0));
    }
}
