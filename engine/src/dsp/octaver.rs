//! Sonic Pi's octaver as SuperDirt plays it. `octer` crossfades (equal power) from the dry
//! sound to `octer` times twice its rectified, DC-blocked self, an octave up (and on to
//! silence past 1, as SuperDirt's does up to 2); `octersub` and `octersubsub` add square
//! waves an octave and two octaves down, made by flip-flops that toggle on each rising zero
//! crossing of the sound low-passed at 440 Hz, and multiplied by that low-passed sound.

use super::onepole::DcBlocker;
use super::svf::{SvfCoefs, SvfMode, SvfState};

/// Low-pass before the flip-flops, Hz.
const SUB_CUTOFF: f32 = 440.0;

/// The octaver settings of one voice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Octaver {
    octer: f32,
    sub: f32,
    subsub: f32,
    /// Equal-power weights of (dry, octave up, silence) for `octer`.
    xfade: (f32, f32),
    lowpass: SvfCoefs,
}

/// One channel's state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OctaverState {
    dc: DcBlocker,
    lp: SvfState,
    prev_sub: f32,
    half: f32,
    quarter: f32,
}

impl Octaver {
    /// `None` when none of the three amounts is a number (a missing one counts as 0).
    pub fn new(octer: f32, sub: f32, subsub: f32, sample_rate: f32) -> Option<Octaver> {
        if !(octer.is_finite() || sub.is_finite() || subsub.is_finite()) {
            return None;
        }
        let or0 = |x: f32| if x.is_finite() { x } else { 0.0 };
        let octer = or0(octer);
        // SelectX over [dry, octer·up, 0]: index 0..1 fades dry→up, 1..2 fades up→silence.
        let i = octer.clamp(0.0, 2.0);
        let t = i.fract() * std::f32::consts::FRAC_PI_2;
        let xfade = if i >= 2.0 {
            (0.0, 0.0)
        } else if i >= 1.0 {
            (0.0, t.cos())
        } else {
            (t.cos(), t.sin())
        };
        Some(Octaver {
            octer,
            sub: or0(sub),
            subsub: or0(subsub),
            xfade,
            lowpass: SvfCoefs::new(SUB_CUTOFF, std::f32::consts::FRAC_1_SQRT_2, sample_rate),
        })
    }

    pub fn state(sample_rate: f32) -> OctaverState {
        OctaverState {
            dc: DcBlocker::new(sample_rate),
            lp: SvfState::default(),
            prev_sub: 0.0,
            half: 0.0,
            quarter: 0.0,
        }
    }

    pub fn process(&self, s: &mut OctaverState, x: &mut [f32]) {
        for v in x.iter_mut() {
            let up = 2.0 * s.dc.tick(v.abs());
            let sub = s.lp.tick_mode(&self.lowpass, *v, SvfMode::Low);
            if s.prev_sub <= 0.0 && sub > 0.0 {
                s.half = 1.0 - s.half;
                if s.half > 0.0 {
                    s.quarter = 1.0 - s.quarter;
                }
            }
            s.prev_sub = sub;
            let main = self.xfade.0 * *v + self.xfade.1 * self.octer * up;
            *v = main + (self.sub * s.half + self.subsub * s.quarter) * sub;
        }
        s.lp.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::spectrum_check::spectrum;

    fn run(octer: f32, sub: f32, subsub: f32) -> Vec<f64> {
        let sr = 48_000.0;
        let o = Octaver::new(octer, sub, subsub, sr).unwrap();
        let mut s = Octaver::state(sr);
        let mut x: Vec<f32> =
            (0..48_000).map(|i| (std::f32::consts::TAU * 200.0 * i as f32 / sr).sin() * 0.5).collect();
        o.process(&mut s, &mut x);
        spectrum(&x)
    }

    #[test]
    fn octer_adds_the_octave_up_and_the_subs_the_octaves_down() {
        let at = |m: &[f64], hz: usize| m[hz - 2..=hz + 2].iter().cloned().fold(0.0, f64::max);
        let dry = run(0.0, f32::NAN, f32::NAN);
        assert!(at(&dry, 400) < at(&dry, 200) * 1e-3);
        let up = run(1.0, f32::NAN, f32::NAN);
        assert!(at(&up, 400) > at(&up, 200) * 10.0, "full octer: the octave up, no fundamental");
        let sub = run(0.0, 1.0, f32::NAN);
        assert!(at(&sub, 100) > at(&dry, 100) * 100.0 && at(&sub, 100) > at(&sub, 200) * 0.05);
        let subsub = run(0.0, f32::NAN, 1.0);
        assert!(at(&subsub, 50) > at(&dry, 50) * 100.0);
        assert!(Octaver::new(f32::NAN, f32::NAN, f32::NAN, 48_000.0).is_none());
    }
}
