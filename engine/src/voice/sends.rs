//! The effects a player's events send to, as SuperDirt's `room` and `delay` controls do: one
//! reverb and one stereo feedback delay per player, fed by every voice at its own send level,
//! their settings taken from the latest event that names them.
//!
//! Units: `room`, `delay`, `dry` are linear levels 0..1; `size` is the reverb's room size
//! 0..1; `delaytime` is seconds (cycles under `lock 1`); `delayfeedback` 0..1 (held below 0.98
//! so it always decays).

use super::params::VoiceParams;
use crate::dsp::echo::Echo;
use crate::dsp::reverb::{Freeverb, FreeverbParams};
use crate::graph::{Frame, BLOCK};

/// Longest delay time, seconds.
pub const MAX_DELAY: f32 = 4.0;
/// Blocks of silent output after which the effects stop computing their (silent) tails.
const IDLE_BLOCKS: u32 = 256;
/// Output level below which a block counts as silent.
const SILENT: f32 = 1e-6;
/// Level of the reverb's wet signal relative to what is sent.
const REVERB_GAIN: f32 = 1.0;

pub struct Sends {
    reverb: Freeverb,
    echo: [Echo; 2],
    /// What the voices send this block.
    pub room: Frame,
    pub delay: Frame,
    wet: Frame,
    size: f32,
    delay_seconds: f32,
    feedback: f32,
    sample_rate: f32,
    idle: u32,
}

impl Sends {
    /// Allocates the reverb and a delay line of [`MAX_DELAY`] seconds (off the audio thread).
    pub fn new(sample_rate: f32) -> Sends {
        Sends {
            reverb: Freeverb::new(sample_rate),
            echo: [Echo::new(sample_rate, MAX_DELAY), Echo::new(sample_rate, MAX_DELAY)],
            room: Frame::default(),
            delay: Frame::default(),
            wet: Frame::default(),
            size: 0.5,
            delay_seconds: 0.25,
            feedback: 0.5,
            sample_rate,
            idle: IDLE_BLOCKS,
        }
    }

    /// Take the effect settings an event names; `cycle_seconds` turns a locked `delaytime`
    /// (in cycles) into seconds.
    pub fn configure(&mut self, p: &VoiceParams, cycle_seconds: f64) {
        if p.size.is_finite() {
            self.size = p.size.clamp(0.0, 1.0) as f32;
        }
        if p.delaytime.is_finite() {
            let t = if p.lock { p.delaytime * cycle_seconds } else { p.delaytime };
            self.delay_seconds = t.clamp(0.0, MAX_DELAY as f64) as f32;
        }
        if p.delayfeedback.is_finite() {
            self.feedback = p.delayfeedback.clamp(0.0, 0.98) as f32;
        }
    }

    /// Mark that something was sent this block.
    pub fn wake(&mut self) {
        self.idle = 0;
    }

    /// Run the effects on this block's sends, add their output to `out`, and clear the sends.
    pub fn process(&mut self, out: &mut Frame) {
        if self.idle >= IDLE_BLOCKS {
            return;
        }
        let Sends { reverb, echo, room, delay, wet, .. } = self;
        reverb.process(&room.l, &room.r, &mut wet.l, &mut wet.r, FreeverbParams { room: self.size, damp: 0.5 });
        let d = (self.delay_seconds * self.sample_rate).max(2.0);
        let mut peak = 0.0f32;
        for i in 0..BLOCK {
            let el = echo[0].tick(delay.l[i], d, self.feedback);
            let er = echo[1].tick(delay.r[i], d, self.feedback);
            let l = wet.l[i] * REVERB_GAIN + el;
            let r = wet.r[i] * REVERB_GAIN + er;
            out.l[i] += l;
            out.r[i] += r;
            peak = peak.max(l.abs()).max(r.abs());
        }
        room.clear();
        delay.clear();
        self.idle = if peak > SILENT { 0 } else { self.idle + 1 };
    }

    /// Continue another player's effects (hot swap).
    pub fn copy_from(&mut self, o: &Sends) {
        self.reverb.copy_from(&o.reverb);
        self.echo[0].copy_from(&o.echo[0]);
        self.echo[1].copy_from(&o.echo[1]);
        self.size = o.size;
        self.delay_seconds = o.delay_seconds;
        self.feedback = o.feedback;
        self.idle = o.idle;
    }

    pub fn clear(&mut self) {
        self.reverb.clear();
        self.echo[0].clear();
        self.echo[1].clear();
        self.room.clear();
        self.delay.clear();
        self.idle = IDLE_BLOCKS;
    }
}
