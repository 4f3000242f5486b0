//! SuperDirt's spectral delay (`xsdelay`, `tsdelay`): sixteen very narrow band-passes (Q 200)
//! spaced exponentially from 40 Hz to 17 kHz, each delayed by `(i & xsdelay)/16 · tsdelay ·
//! 0.2` seconds (`i` the band's number, 1..16, and `&` bitwise), mixed loud over a quiet dry
//! sound. `xsdelay` picks which bands wait (an integer's bit pattern), `tsdelay` 0..1 how
//! long. The delays read a line of the input (delaying a band or its input is the same), so
//! one line per channel serves all bands; its memory is lent by the caller.

use super::svf::{SvfCoefs, SvfMode, SvfState};

pub const BANDS: usize = 16;
/// The longest delay, seconds.
pub const MAX_DELAY: f64 = 0.2;
const Q: f32 = 200.0;
const DRY: f32 = 0.2;
const WET: f32 = 4.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpectralDelay {
    coefs: [SvfCoefs; BANDS],
    delays: [u32; BANDS],
    bands: [[SvfState; BANDS]; 2],
    write: [usize; 2],
}

impl SpectralDelay {
    /// `xsdelay` (NaN: 0) and `tsdelay` (NaN: 0.5); `None` when neither is given.
    pub fn new(xsdelay: f32, tsdelay: f32, sample_rate: f32) -> Option<SpectralDelay> {
        if !(xsdelay.is_finite() || tsdelay.is_finite()) {
            return None;
        }
        // SuperDirt's default 0.5 is 0 as an integer.
        let pattern = if xsdelay.is_finite() { xsdelay.max(0.0) as u32 } else { 0 };
        let time = if tsdelay.is_finite() { tsdelay.clamp(0.0, 1.0) } else { 0.5 } as f64 * MAX_DELAY;
        let mut coefs = [SvfCoefs::new(1000.0, Q, sample_rate); BANDS];
        let mut delays = [0u32; BANDS];
        for i in 1..=BANDS {
            let hz = 40.0 * (17_000.0f32 / 40.0).powf((i - 1) as f32 / (BANDS - 1) as f32);
            coefs[i - 1] = SvfCoefs::new(hz, Q, sample_rate);
            let share = (i as u32 & pattern) as f64 / BANDS as f64;
            delays[i - 1] = (share * time * sample_rate as f64) as u32;
        }
        Some(SpectralDelay { coefs, delays, bands: [[SvfState::default(); BANDS]; 2], write: [0; 2] })
    }

    /// One channel (`ch` 0 or 1) in place, with that channel's line: at least
    /// [`MAX_DELAY`] seconds and one sample.
    pub fn process(&mut self, ch: usize, line: &mut [f32], x: &mut [f32]) {
        let n = line.len();
        let (states, write) = (&mut self.bands[ch], &mut self.write[ch]);
        for v in x.iter_mut() {
            line[*write] = *v;
            let mut wet = 0.0;
            for ((s, c), &d) in states.iter_mut().zip(&self.coefs).zip(&self.delays) {
                let d = (d as usize).min(n - 1);
                let tap = line[(*write + n - d) % n];
                wet += s.tick_mode(c, tap, SvfMode::Band);
            }
            *write = (*write + 1) % n;
            *v = DRY * *v + WET * wet;
        }
        for s in states.iter_mut() {
            s.flush();
        }
    }

    /// The longest delay in samples (how long the voice must ring on).
    pub fn longest(&self) -> u32 {
        self.delays.iter().copied().max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_in_the_pattern_wait_the_others_do_not() {
        let sr = 48_000.0;
        // xsdelay 1: odd bands wait i&1/16 of 0.2 s, 12.5 ms at tsdelay 1; even bands not.
        let d = SpectralDelay::new(1.0, 1.0, sr).unwrap();
        assert_eq!(d.delays[0], 600);
        assert_eq!(d.delays[1], 0);
        assert_eq!(d.longest(), 600);
        // xsdelay 16 delays only the top band (16 & 16), by tsdelay · 0.2 s: against no
        // delays, its ringing leaves the start and turns up that much later.
        let run = |xs: f32| {
            let mut d = SpectralDelay::new(xs, 1.0, sr).unwrap();
            let mut line = vec![0.0; (MAX_DELAY * sr as f64) as usize + 1];
            let mut x = vec![0.0f32; 24_000];
            x[0] = 1.0;
            d.process(0, &mut line, &mut x);
            x
        };
        let (y0, y16) = (run(0.0), run(16.0));
        let diff: Vec<f32> = y0.iter().zip(&y16).map(|(a, b)| b - a).collect();
        let t = 9600;
        let energy = |r: std::ops::Range<usize>| diff[r].iter().map(|v| v * v).sum::<f32>();
        let (early, late) = (energy(0..4000), energy(t..t + 4000));
        assert!(early > 0.0 && (late / early - 1.0).abs() < 0.05, "{early} {late}");
        assert!(energy(4000..t) < early * 0.05);
        assert!(y16.iter().all(|v| v.is_finite()));
        assert!(SpectralDelay::new(f32::NAN, f32::NAN, sr).is_none());
        assert_eq!(SpectralDelay::new(0.5, f32::NAN, sr).unwrap().longest(), 0, "0.5 is no bits");
    }
}
