//! A voice's amplitude envelope: a linear attack, a gate, a release, and a separate short
//! fade for voices that are stolen or choked. All times are counted in output samples.

/// Envelope state; `Copy` so voices move between graphs on a hot swap without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Envelope {
    /// Attack ramp 0..1 and its per-sample step (1 for none).
    attack: f32,
    attack_step: f32,
    /// Samples left before the release starts; `u64::MAX` for an open gate.
    gate: u64,
    /// Release: remaining fraction 1..0 and its per-sample step.
    release: f32,
    release_step: f32,
    releasing: bool,
    /// Stop fade: remaining fraction and step; active once `killing`.
    kill: f32,
    kill_step: f32,
    killing: bool,
    done: bool,
}

impl Envelope {
    /// `attack` and `release` in samples (0 for none); `gate` in samples before the release
    /// starts, `None` to sound until the source ends.
    pub fn new(attack: f32, gate: Option<u64>, release: f32) -> Envelope {
        Envelope {
            attack: if attack >= 1.0 { 0.0 } else { 1.0 },
            attack_step: if attack >= 1.0 { 1.0 / attack } else { 1.0 },
            gate: gate.unwrap_or(u64::MAX),
            release: 1.0,
            release_step: 1.0 / release.max(1.0),
            releasing: false,
            kill: 1.0,
            kill_step: 1.0,
            killing: false,
            done: false,
        }
    }

    /// Start a fade to silence over `len` samples (voice stealing, cut groups). A voice
    /// already fading keeps the faster of the two fades.
    pub fn kill(&mut self, len: u32) {
        let step = 1.0 / len.max(1) as f32;
        if !self.killing || step > self.kill_step {
            self.kill_step = step;
        }
        self.killing = true;
    }

    /// Start the release now (the gate closes).
    pub fn release_now(&mut self) {
        self.gate = 0;
    }

    #[inline]
    pub fn is_done(&self) -> bool {
        self.done
    }

    #[inline]
    pub fn is_killing(&self) -> bool {
        self.killing
    }

    /// Samples of fade left when killing (for choosing which fading voice to cut).
    pub fn kill_left(&self) -> f32 {
        if self.killing {
            self.kill / self.kill_step
        } else {
            f32::INFINITY
        }
    }

    /// Whether the next samples are all at full level (no attack, release or fade running,
    /// and the gate stays open for at least `n` samples): lets voices skip the per-sample
    /// envelope.
    #[inline]
    pub fn flat_for(&self, n: usize) -> bool {
        self.attack >= 1.0 && !self.releasing && !self.killing && self.gate >= n as u64
    }

    /// Advance `n` samples known to be flat (see [`Envelope::flat_for`]).
    #[inline]
    pub fn skip_flat(&mut self, n: usize) {
        if self.gate != u64::MAX {
            self.gate -= n as u64;
        }
    }

    /// The level of the next sample.
    #[inline]
    pub fn tick(&mut self) -> f32 {
        if self.done {
            return 0.0;
        }
        let mut g = 1.0;
        if self.attack < 1.0 {
            self.attack = (self.attack + self.attack_step).min(1.0);
            g = self.attack;
        }
        if self.gate == 0 {
            self.releasing = true;
        } else if self.gate != u64::MAX {
            self.gate -= 1;
        }
        if self.releasing {
            self.release -= self.release_step;
            if self.release <= 0.0 {
                self.release = 0.0;
                self.done = true;
            }
            // A quadratic curve: quick at first, gentle into silence, as a decay sounds.
            g *= self.release * self.release;
        }
        if self.killing {
            self.kill -= self.kill_step;
            if self.kill <= 0.0 {
                self.kill = 0.0;
                self.done = true;
            }
            g *= self.kill;
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attack_gate_release() {
        let mut e = Envelope::new(4.0, Some(6), 4.0);
        let v: Vec<f32> = (0..14).map(|_| e.tick()).collect();
        assert_eq!(&v[..4], &[0.25, 0.5, 0.75, 1.0]);
        assert_eq!(v[5], 1.0);
        assert!(v[6] < 1.0 && v[6] > 0.0);
        assert!(e.is_done());
        assert_eq!(v[9..], [0.0; 5]);
    }

    #[test]
    fn open_gate_is_flat_until_killed() {
        let mut e = Envelope::new(0.0, None, 0.0);
        assert!(e.flat_for(1000));
        assert_eq!(e.tick(), 1.0);
        e.kill(2);
        assert_eq!(e.tick(), 0.5);
        assert_eq!(e.tick(), 0.0);
        assert!(e.is_done());
    }
}
