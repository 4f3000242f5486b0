//! Drum voices: `super808` (a chirped, self-modulating sine kick), `superclap` (four bursts
//! of filtered noise), and the four Sound-on-Sound recipes `soskick`, `soshats`, `sostoms`,
//! `sossnare` (phase modulation and shaped noise).

use super::common::{or, Setup};
use super::osc::{advance, saw};
use crate::controls::Ctl;
use crate::dsp::fast_math::sin_turns;
use crate::dsp::noise::White;
use crate::dsp::onepole::DcBlocker;
use crate::dsp::segments::{Line, Segments, XLine};
use crate::dsp::svf::{SvfCoefs, SvfState};
use crate::dsp::waves::{step, Crackle};

fn lowpass(hz: f64, s: &Setup) -> SvfCoefs {
    SvfCoefs::new(hz.min(0.45 * s.sr) as f32, std::f32::consts::FRAC_1_SQRT_2, s.sr as f32)
}

/// `super808`: a sine that chirps down from a few kHz to its pitch in `0.025/rate` seconds,
/// fed back on itself by `voice` (0 pure, towards 1 a growl). Its pitch comes from `n` as in
/// SuperDirt: MIDI note `10·n` (n 3 when not given or below 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drum808 {
    phase: f32,
    chirp: XLine,
    inv_sr: f32,
    feedback: f32,
    last: f32,
    lp: SvfState,
    c: SvfCoefs,
    glide: Line,
    env: Segments,
}

/// The pitch of `super808` for `n`.
pub fn pitch_808(n: f64) -> f64 {
    let n = if n >= 1.0 {
        n
    } else if n > 0.0 {
        n + 3.0
    } else {
        3.0
    };
    440.0 * 2f64.powf((10.0 * n - 69.0) / 12.0)
}

impl Drum808 {
    pub fn new(s: &Setup) -> Drum808 {
        let f = pitch_808(s.n()).min(0.4 * s.sr);
        let rate = s.ctl(Ctl::Rate, 1.0).max(1e-3);
        // Where the chirp starts: higher for higher drums, 1 to 8 kHz on an exponential map.
        let t = ((f / 10.0).ln() / 200f64.ln()).clamp(0.0, 1.0);
        let from = (1000.0 * 8f64.powf(t)).min(0.45 * s.sr);
        Drum808 {
            phase: 0.0,
            chirp: XLine::new(from as f32, f as f32, 0.025 / rate, s.sr),
            inv_sr: (1.0 / s.sr) as f32,
            feedback: s.voice(0.0).clamp(0.0, 1.5) as f32,
            last: 0.0,
            lp: SvfState::default(),
            c: lowpass(9000.0, s),
            glide: s.glide(),
            env: Segments::new(&[0.0, 1.0, 1.0, 0.0], &[0.01 * s.sustain, 0.0, s.sustain], -3.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let y = sin_turns(self.phase + self.feedback * self.last / std::f32::consts::TAU);
        self.last = y;
        step(&mut self.phase, (self.chirp.tick() * self.glide.tick() * self.inv_sr).min(0.49));
        let y = 0.8 * self.lp.tick(&self.c, y).low * self.env.tick();
        (y, y)
    }
}

/// `superclap`: noise band-passed around 1.5 kHz (`pitch1` scales it) in four quick bursts,
/// the gaps between them set by `delay` and spread by `n` (0..5), each dying in `0.04/rate`
/// seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clap {
    noise: White,
    lp: SvfState,
    bp: SvfState,
    clp: SvfCoefs,
    cbp: SvfCoefs,
    start: [u32; 4],
    len: u32,
    t: u32,
    env: Segments,
}

impl Clap {
    pub fn new(s: &Setup) -> Clap {
        let pitch1 = s.ctl(Ctl::Pitch1, 1.0).max(0.01);
        let spread = 0.005 * or(s.p.delay, 1.0);
        let power = s.n().clamp(0.0, 5.0) + 1.0;
        let rate = s.ctl(Ctl::Rate, 1.0).max(1e-3);
        Clap {
            noise: White::new(s.seed as u64 ^ 0x636c6170),
            lp: SvfState::default(),
            bp: SvfState::default(),
            clp: lowpass(7500.0 * pitch1, s),
            cbp: SvfCoefs::new((1500.0 * pitch1).min(0.45 * s.sr) as f32, 1.0, s.sr as f32),
            start: std::array::from_fn(|i| s.samples(spread * (i as f64).powf(power))),
            len: s.samples(0.04 / rate).max(1),
            t: 0,
            env: Segments::new(&[0.0, 1.0, 1.0, 0.0], &[0.01 * s.sustain, 0.0, 0.6 * s.sustain], -3.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let x = self.lp.tick(&self.clp, self.noise.tick()).low;
        let x = self.bp.tick(&self.cbp, x).band_unity(&self.cbp);
        let mut level = 0.0;
        for &st in &self.start {
            if self.t >= st && self.t - st < self.len {
                level += 1.0 - (self.t - st) as f32 / self.len as f32;
            }
        }
        self.t = self.t.saturating_add(1);
        let y = 0.6 * x * level * self.env.tick();
        (y, y)
    }
}

/// `soskick`: a sine that drops from twice the note to the note in 20 ms, phase-modulated at
/// `pitch1` Hz by `voice` radians, low-passed at 1 kHz, with a beater of high-passed noise
/// (`pitch2` its level) swept down over `speed` (0..1) tenths of a second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SosKick {
    phase: f32,
    mod_phase: f32,
    drop: Line,
    inv_sr: f32,
    mod_inc: f32,
    index: f32,
    lp: SvfState,
    c: SvfCoefs,
    noise: White,
    beater_level: f32,
    hp: SvfState,
    chp: SvfCoefs,
    blp: SvfState,
    sweep: XLine,
    beater: Segments,
    sr: f32,
    env: Segments,
}

impl SosKick {
    pub fn new(s: &Setup) -> SosKick {
        // `speed` means the beater's sweep here; 1 is the engine's resting value, so the
        // recipe's own 0.3 applies unless another value is given.
        let sweep = if s.p.speed == 1.0 { 0.3 } else { s.p.speed.clamp(0.0, 1.0) };
        let f = s.freq as f32;
        SosKick {
            phase: 0.0,
            mod_phase: 0.0,
            drop: Line::new(2.0 * f, f, 0.02, s.sr),
            inv_sr: (1.0 / s.sr) as f32,
            mod_inc: s.inc(s.ctl(Ctl::Pitch1, 0.0).abs()).min(0.49),
            index: s.voice(1.0) as f32,
            lp: SvfState::default(),
            c: lowpass(1000.0, s),
            noise: White::new(s.seed as u64 ^ 0x6b69),
            beater_level: s.ctl(Ctl::Pitch2, 0.0).clamp(0.0, 1.0) as f32,
            hp: SvfState::default(),
            chp: SvfCoefs::new(500.0, std::f32::consts::FRAC_1_SQRT_2, s.sr as f32),
            blp: SvfState::default(),
            sweep: XLine::new(6000f32.min(0.45 * s.sr as f32), 500.0, (sweep * 0.1).max(1e-3), s.sr),
            beater: Segments::perc(0.01, 1.0, 1.0, -4.0, s.sr),
            sr: s.sr as f32,
            env: Segments::perc(0.005, s.sustain, 1.0, -4.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let pm = self.index * sin_turns(self.mod_phase) / std::f32::consts::TAU;
        let body = sin_turns(self.phase + pm);
        step(&mut self.phase, (self.drop.tick() * self.inv_sr).min(0.49));
        step(&mut self.mod_phase, self.mod_inc);
        let body = self.lp.tick(&self.c, body).low;
        let mut beat = 0.0;
        if self.beater_level > 0.0 {
            let n = self.hp.tick(&self.chp, self.noise.tick() * self.beater_level).high(&self.chp);
            let c = SvfCoefs::new(self.sweep.tick(), std::f32::consts::FRAC_1_SQRT_2, self.sr);
            beat = self.blp.tick(&c, n).low * self.beater.tick();
        }
        let y = 0.7 * (body + beat) * self.env.tick();
        (y, y)
    }
}

/// `soshats`: four sines at 1.34, 2.405, 3.09 and 1.309 times the note, phase-modulated far
/// beyond their bandwidth (`pitch1` the depth): a metallic hiss, through a band-pass falling
/// from 15 to 9 kHz (`resonance` its width) and a high-pass rising from 9 to 12 kHz.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SosHats {
    carrier: [f32; 4],
    modp: [f32; 4],
    mod_inc: [f32; 4],
    index: [f32; 4],
    square: f64,
    square_inc: f64,
    inv_sr: f32,
    bp: SvfState,
    hp: SvfState,
    bp_sweep: XLine,
    hp_sweep: XLine,
    cb: SvfCoefs,
    ch: SvfCoefs,
    retune: u32,
    rq: f32,
    sr: f32,
    perc: Segments,
    env: Segments,
}

impl SosHats {
    pub fn new(s: &Setup) -> SosHats {
        const RATIO: [f64; 4] = [1.34, 2.405, 3.09, 1.309];
        const DEPTH: [f32; 4] = [1.0, 0.22, 0.014, 0.0038];
        let depth = s.ctl(Ctl::Pitch1, 238.5) as f32;
        let top = 0.45 * s.sr as f32;
        SosHats {
            carrier: [0.0; 4],
            modp: [0.0; 4],
            mod_inc: RATIO.map(|r| s.inc(s.freq * r).min(0.49)),
            index: DEPTH.map(|d| d * depth),
            square: 0.0,
            square_inc: (s.freq / s.sr).min(0.45),
            inv_sr: (1.0 / s.sr) as f32,
            bp: SvfState::default(),
            hp: SvfState::default(),
            bp_sweep: XLine::new(15000f32.min(top), 9000f32.min(top), s.sustain, s.sr),
            hp_sweep: XLine::new(9000f32.min(top), 12000f32.min(top), s.sustain, s.sr),
            cb: SvfCoefs::new(1000.0, 1.0, s.sr as f32),
            ch: SvfCoefs::new(1000.0, 1.0, s.sr as f32),
            retune: 0,
            rq: s.resonance(1.0).clamp(0.01, 1.0) as f32,
            sr: s.sr as f32,
            perc: Segments::perc(0.005, s.sustain, 1.0, -4.0, s.sr),
            env: Segments::perc(0.005, s.sustain, 1.0, -4.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        // The carriers run at the square wave's value in Hz: barely moving, so the sound
        // is the modulation itself.
        let sq = if self.square < 0.5 { 1.0 } else { -1.0 };
        advance(&mut self.square, self.square_inc);
        let mut x = 0.0;
        for k in 0..4 {
            x += sin_turns(self.carrier[k] + self.index[k] * sin_turns(self.modp[k]) / std::f32::consts::TAU);
            step(&mut self.carrier[k], sq * self.inv_sr);
            step(&mut self.modp[k], self.mod_inc[k]);
        }
        // The sweeps are slow: their filters are retuned every 16 samples.
        let (bf, hf) = (self.bp_sweep.tick(), self.hp_sweep.tick());
        if self.retune == 0 {
            self.retune = 16;
            self.cb = SvfCoefs::new(bf, 1.0 / self.rq, self.sr);
            self.ch = SvfCoefs::new(hf, std::f32::consts::FRAC_1_SQRT_2, self.sr);
        }
        self.retune -= 1;
        let (cb, ch) = (self.cb, self.ch);
        let p = self.perc.tick();
        let b = self.bp.tick(&cb, x).band_unity(&cb) * p;
        let h = self.hp.tick(&ch, x).high(&ch) * p;
        let y = 0.3 * (b + h) * self.env.tick();
        (y, y)
    }
}

/// `sostoms`: sines at the note and 0.8 times it over a phase-modulated tone at 0.85 times
/// it (`voice` the modulation depth, radians) and a crackle of chaotic noise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SosToms {
    phase: [f32; 2],
    inc: [f32; 2],
    carrier: f32,
    saw: f64,
    saw_inc: f64,
    modp: f32,
    mod_inc: f32,
    index: f32,
    inv_sr: f32,
    crackle: Crackle,
    dc: DcBlocker,
    env: Segments,
}

impl SosToms {
    pub fn new(s: &Setup) -> SosToms {
        SosToms {
            phase: [0.0; 2],
            inc: [s.inc(s.freq).min(0.49), s.inc(0.8 * s.freq).min(0.49)],
            carrier: 0.0,
            saw: 0.0,
            saw_inc: (0.9 * s.freq / s.sr).min(0.45),
            modp: 0.0,
            mod_inc: s.inc(0.85 * s.freq).min(0.49),
            index: s.voice(0.5) as f32,
            inv_sr: (1.0 / s.sr) as f32,
            crackle: Crackle::new(2.0),
            dc: DcBlocker::new(s.sr as f32),
            env: Segments::perc(0.005, s.sustain, 0.631, -6.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let pm = sin_turns(self.carrier + self.index * sin_turns(self.modp) / std::f32::consts::TAU);
        step(&mut self.carrier, saw(self.saw, self.saw_inc) as f32 * self.inv_sr);
        advance(&mut self.saw, self.saw_inc);
        step(&mut self.modp, self.mod_inc);
        let mut x = 2.0 * pm;
        for k in 0..2 {
            x += sin_turns(self.phase[k]);
            step(&mut self.phase[k], self.inc[k]);
        }
        let x = self.dc.tick(x + self.crackle.tick()) * 0.708;
        let y = 0.5 * x * self.env.tick();
        (y, y)
    }
}

/// `sossnare`: a phase-modulated tone (modulator at `semitone` times the note, `voice`
/// radians deep) and stepped noise notched at four multiples of `pitch1` Hz (`resonance`
/// narrows the notches) and then resonated at `pitch1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SosSnare {
    carrier: f32,
    saw: f64,
    saw_inc: f64,
    modp: f32,
    mod_inc: f32,
    index: f32,
    inv_sr: f32,
    noise: White,
    held: f32,
    latch: f32,
    latch_inc: f32,
    notch: [SvfState; 4],
    cn: [SvfCoefs; 4],
    res: SvfState,
    cres: SvfCoefs,
    perc: Segments,
    env: Segments,
}

impl SosSnare {
    pub fn new(s: &Setup) -> SosSnare {
        let p1 = s.ctl(Ctl::Pitch1, 2000.0).max(20.0);
        let q = 1.0 / s.resonance(0.1).clamp(0.01, 1.0) as f32;
        let sr = s.sr as f32;
        let notch = |m: f64| SvfCoefs::new((p1 * m).min(0.45 * s.sr) as f32, q, sr);
        SosSnare {
            carrier: 0.0,
            saw: 0.0,
            saw_inc: (0.85 * s.freq / s.sr).min(0.45),
            modp: 0.0,
            mod_inc: s.inc(s.freq * s.ctl(Ctl::Semitone, 0.452)).clamp(-0.49, 0.49),
            index: s.voice(0.385) as f32,
            inv_sr: 1.0 / sr,
            noise: White::new(s.seed as u64 ^ 0x736e),
            held: 0.0,
            latch: 1.0,
            latch_inc: (3400.0 / s.sr).min(1.0) as f32,
            notch: [SvfState::default(); 4],
            cn: [notch(4.0), notch(2.5), notch(1.8), notch(1.0)],
            res: SvfState::default(),
            cres: SvfCoefs::new(p1.min(0.45 * s.sr) as f32, 1.0, sr),
            perc: Segments::perc(0.005, s.sustain, 1.0, -4.0, s.sr),
            env: Segments::perc(0.005, s.sustain, 0.5, -4.0, s.sr),
        }
    }

    pub fn finished(&self) -> bool {
        self.env.done()
    }

    #[inline]
    pub fn tick(&mut self) -> (f32, f32) {
        let tone = sin_turns(self.carrier + self.index * sin_turns(self.modp) / std::f32::consts::TAU);
        step(&mut self.carrier, saw(self.saw, self.saw_inc) as f32 * self.inv_sr);
        advance(&mut self.saw, self.saw_inc);
        step(&mut self.modp, self.mod_inc);
        // Noise held at 3.4 kHz: its own aliasing is part of the sound.
        self.latch += self.latch_inc;
        if self.latch >= 1.0 {
            self.latch -= 1.0;
            self.held = 0.1 * self.noise.tick();
        }
        let mut n = self.held;
        for k in 0..3 {
            n = 0.5 * self.notch[k].tick(&self.cn[k], n).notch(&self.cn[k]);
        }
        n = self.notch[3].tick(&self.cn[3], n).notch(&self.cn[3]) * self.perc.tick();
        let n = 40.0 * self.res.tick(&self.cres, n).band_unity(&self.cres);
        let y = 1.585 * (tone + n) * self.env.tick();
        (y, y)
    }
}
