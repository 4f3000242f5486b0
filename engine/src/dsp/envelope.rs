//! An ADSR envelope: linear attack, exponential decay and release (the way analog envelopes
//! and our ears both work), retriggered from wherever it is so a new note never clicks.
//!
//! Times are seconds. Decay and release times are the time to cover 60 dB of their distance
//! (as SuperCollider's `lagTime`): a release of 1 s falls from 1 to 0.001 in one second, then
//! snaps to zero below −100 dB.

/// Level under which a releasing envelope is considered silent (−100 dB).
const SILENT: f32 = 1e-5;
/// ln(1000): time constants per 60 dB.
const LN_1000: f32 = 6.907_755;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Idle,
    Attack,
    /// Decay towards the sustain level, then holding it while the gate is on.
    Decay,
    Release,
}

/// Attack, decay and release times in seconds, sustain level 0..1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adsr {
    pub attack: f32,
    pub decay: f32,
    pub sustain: f32,
    pub release: f32,
}

impl Default for Adsr {
    fn default() -> Self {
        Adsr { attack: 0.01, decay: 0.3, sustain: 0.5, release: 0.5 }
    }
}

/// Per-sample coefficients derived from [`Adsr`] times at one sample rate.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rates {
    /// Attack step per sample for a full-scale rise (∞ attack time 0: jump).
    attack: f32,
    decay: f32,
    sustain: f32,
    release: f32,
}

/// The envelope generator. Small and `Copy`, for per-voice use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Envelope {
    pub value: f32,
    pub stage: Stage,
    /// Peak level of the current note (its velocity).
    peak: f32,
    rates: Rates,
    sample_rate: f32,
}

impl Envelope {
    pub fn new(sample_rate: f32) -> Envelope {
        let mut e = Envelope {
            value: 0.0,
            stage: Stage::Idle,
            peak: 1.0,
            rates: Rates { attack: 1.0, decay: 0.0, sustain: 0.0, release: 0.0 },
            sample_rate,
        };
        e.set(Adsr::default());
        e
    }

    /// Change the times (takes effect at once, mid-stage included). Negative times count as 0;
    /// sustain is clamped to 0..1.
    pub fn set(&mut self, p: Adsr) {
        let sr = self.sample_rate;
        let samples = |t: f32| if t.is_nan() { 0.0 } else { t.max(0.0) * sr };
        let a = samples(p.attack);
        let coef = |t: f32| {
            let n = samples(t);
            // Fraction of the remaining distance covered per sample.
            if n < 1.0 {
                1.0
            } else {
                1.0 - (-LN_1000 / n).exp()
            }
        };
        self.rates = Rates {
            attack: if a < 1.0 { f32::INFINITY } else { 1.0 / a },
            decay: coef(p.decay),
            sustain: if p.sustain.is_nan() { 0.0 } else { p.sustain.clamp(0.0, 1.0) },
            release: coef(p.release),
        };
    }

    /// Start a note at `level` (its peak, usually 1), from the current value.
    pub fn gate_on(&mut self, level: f32) {
        self.peak = if level.is_finite() { level.max(0.0) } else { 1.0 };
        self.stage = Stage::Attack;
    }

    /// Release the note.
    pub fn gate_off(&mut self) {
        if self.stage != Stage::Idle {
            self.stage = Stage::Release;
        }
    }

    /// Take over another envelope's running state (value, stage, peak), keeping this one's
    /// times (hot swap).
    pub fn copy_state(&mut self, other: &Envelope) {
        self.value = other.value;
        self.stage = other.stage;
        self.peak = other.peak;
    }

    pub fn is_idle(&self) -> bool {
        self.stage == Stage::Idle
    }

    pub fn reset(&mut self) {
        self.value = 0.0;
        self.stage = Stage::Idle;
    }

    #[inline(always)]
    pub fn tick(&mut self) -> f32 {
        let r = &self.rates;
        match self.stage {
            Stage::Idle => {}
            Stage::Attack => {
                // Linear rise at full-scale-per-attack-time; a fall if retriggered lower.
                let step = r.attack * self.peak.max(1e-3);
                if self.value < self.peak {
                    self.value += step;
                    if self.value >= self.peak {
                        self.value = self.peak;
                        self.stage = Stage::Decay;
                    }
                } else {
                    self.value -= step;
                    if self.value <= self.peak {
                        self.value = self.peak;
                        self.stage = Stage::Decay;
                    }
                }
            }
            Stage::Decay => {
                let target = r.sustain * self.peak;
                self.value += (target - self.value) * r.decay;
                if (self.value - target).abs() < SILENT {
                    self.value = target;
                }
            }
            Stage::Release => {
                self.value -= self.value * r.release;
                if self.value < SILENT {
                    self.value = 0.0;
                    self.stage = Stage::Idle;
                }
            }
        }
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_take_their_times() {
        let sr = 48000.0;
        let mut e = Envelope::new(sr);
        e.set(Adsr { attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.2 });
        e.gate_on(1.0);
        let v: Vec<f32> = (0..480).map(|_| e.tick()).collect();
        assert!((v[239] - 0.5).abs() < 0.01 && (v[479] - 1.0).abs() < 1e-6, "{} {}", v[239], v[479]);
        // 0.1 s decay: 60 dB of the way from 1 to 0.5.
        for _ in 0..4800 {
            e.tick();
        }
        assert!((e.value - 0.5).abs() < 0.5 * 0.0011, "{}", e.value);
        e.gate_off();
        for _ in 0..9600 {
            e.tick();
        }
        assert!((e.value / 0.5 - 0.001).abs() < 2e-4, "{}", e.value);
        for _ in 0..48000 {
            e.tick();
        }
        assert!(e.is_idle() && e.value == 0.0);
    }

    #[test]
    fn retrigger_starts_from_current_value() {
        let mut e = Envelope::new(48000.0);
        e.set(Adsr { attack: 0.01, decay: 0.1, sustain: 0.8, release: 0.2 });
        e.gate_on(1.0);
        for _ in 0..2400 {
            e.tick();
        }
        let before = e.value;
        e.gate_on(1.0);
        let after = e.tick();
        assert!((after - before).abs() < 0.01, "{before} -> {after}");
    }

    #[test]
    fn zero_attack_jumps() {
        let mut e = Envelope::new(48000.0);
        e.set(Adsr { attack: 0.0, decay: 0.0, sustain: 1.0, release: 0.0 });
        e.gate_on(0.7);
        assert_eq!(e.tick(), 0.7);
        e.gate_off();
        assert_eq!(e.tick(), 0.0);
    }
}
