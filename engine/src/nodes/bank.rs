//! The voice bank node: what the compiler's bank pass (compile/bank.rs) puts in place of many
//! summed voices (`osc F # filter C q:Q`, or a bare `osc F`, perhaps times a gain). It plays
//! every voice as its nodes would have (the same cutoff hold as [`Filter`]), eight per vector
//! (dsp/bank.rs), and outputs their sum. Hot swap continues each voice whose identity (the
//! nodes it stands for) is in the old bank, or whose nodes were nodes of their own, and hands
//! a voice's state to its nodes when it leaves the bank.

use super::filters::{hold, Filter, Values, BUTTERWORTH_Q, CHUNK, CUTOFF_TOLERANCE};
use super::sources::{Osc, Sine};
use crate::dsp::bank::{self, BankWave, Cutoff, Scratch, Stretch, Unit};
use crate::dsp::blep::{self, BlepLanes, LANES};
use crate::dsp::fast_math::prewarp;
use crate::dsp::svf::{q_clamp, SvfLaneCoefs, SvfLanes, SvfMode};
use crate::graph::{same_kind, Buf, BuildEnv, Ctx, Frame, Inputs, Node, BLOCK};

/// One voice of a bank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lane {
    /// Oscillator frequency, Hz.
    pub freq: f32,
    /// Filter q.
    pub q: f32,
    /// Gain the voice is scaled by.
    pub gain: f32,
    /// Identity for hot swap: the hash of the idents of the nodes the voice stands for.
    pub id: u64,
    /// Identities of its oscillator and filter nodes as the graph hashes them
    /// ([`ident_hash`](crate::graph::ident_hash); 0: no filter), to continue them when they
    /// were nodes of their own.
    pub parts: [u64; 2],
}

/// Cutoff the coefficients are held at before the first block (as a new filter's).
const START_CUTOFF: f32 = 1000.0;

pub struct VoiceBank {
    wave: BankWave,
    /// Filter response; `None`: the oscillators alone (the bank has no cutoff input).
    mode: Option<SvfMode>,
    units: Box<[Unit]>,
    /// (lane identity, lane), sorted: hot swap matches lanes by merge-join, in time linear in
    /// the voices however many there are.
    ids: Box<[(u64, u32)]>,
    /// Two per lane: oscillator, filter (see [`Lane::parts`]).
    parts: Box<[u64]>,
    /// Lanes that took over a voice of an old bank (their parts are not adopted again).
    adopted: Box<[bool]>,
    /// Whether the held cutoff has been taken over from an old bank or filter.
    held_adopted: bool,
    /// Cutoff the units' `held` coefficients are for.
    held: f32,
    inv_sr: f32,
    stretches: [Stretch; BLOCK / CHUNK],
    g: Box<Buf>,
    cut_mid: Box<Buf>,
    scratch: Box<Scratch>,
}

impl VoiceBank {
    pub fn new(wave: BankWave, mode: Option<SvfMode>, lanes: &[Lane], env: &BuildEnv) -> VoiceBank {
        let inv_sr = 1.0 / env.sample_rate;
        let units = lanes
            .chunks(LANES)
            .map(|part| {
                let mut inc = [0i32; LANES];
                let (mut k, mut weight) = ([1.0 / BUTTERWORTH_Q; LANES], [0.0; LANES]);
                for (l, lane) in part.iter().enumerate() {
                    inc[l] = blep::increment(lane.freq, inv_sr);
                    k[l] = 1.0 / q_clamp(lane.q);
                    weight[l] = lane.gain;
                }
                Unit {
                    osc: BlepLanes::new(wave.wave(), inc),
                    svf: SvfLanes::default(),
                    k,
                    weight,
                    held: SvfLaneCoefs::from_g_k(prewarp(START_CUTOFF, inv_sr), &k),
                }
            })
            .collect();
        let stretch = Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Held };
        VoiceBank {
            wave,
            mode,
            units,
            ids: {
                let mut ids: Vec<(u64, u32)> = lanes.iter().enumerate().map(|(i, l)| (l.id, i as u32)).collect();
                ids.sort_unstable();
                ids.into_boxed_slice()
            },
            parts: lanes.iter().flat_map(|l| l.parts).collect(),
            adopted: vec![false; lanes.len()].into_boxed_slice(),
            held_adopted: false,
            held: START_CUTOFF,
            inv_sr,
            stretches: [stretch; BLOCK / CHUNK],
            g: Box::new([0.0; BLOCK]),
            cut_mid: Box::new([0.0; BLOCK]),
            scratch: Scratch::new(),
        }
    }

    /// Number of voices.
    pub fn lanes(&self) -> usize {
        self.ids.len()
    }

    fn hold_at(&mut self, f: f32) {
        self.held = f;
        let g = prewarp(f, self.inv_sr);
        for u in self.units.iter_mut() {
            u.held = SvfLaneCoefs::from_g_k(g, &u.k);
        }
    }
}

impl Node for VoiceBank {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        if self.mode.is_none() {
            let all = [Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Held }];
            bank::render(&mut self.units, self.wave, None, &all, &self.g, &mut self.scratch, &mut out.l);
            return;
        }
        let cut = Values::of(inputs.get(0), &mut self.cut_mid);
        // The cutoff is held as `Filter` holds it: for the whole block when it stays near the
        // held value, else chunk by chunk, else sample by sample.
        let count = match hold(cut.range(0, BLOCK), self.held, CUTOFF_TOLERANCE) {
            Some(f) => {
                if f != self.held {
                    self.hold_at(f);
                }
                self.stretches[0] = Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Held };
                1
            }
            None => {
                for (n, from) in (0..BLOCK).step_by(CHUNK).enumerate() {
                    let to = from + CHUNK;
                    let cr = cut.range(from, to);
                    let cutoff = match hold(cr, cr.1, CUTOFF_TOLERANCE) {
                        Some(f) => Cutoff::Chunk(prewarp(f, self.inv_sr)),
                        None => {
                            for i in from..to {
                                self.g[i] = prewarp(cut.at(i), self.inv_sr);
                            }
                            Cutoff::Each
                        }
                    };
                    self.stretches[n] = Stretch { from, to, cutoff };
                }
                BLOCK / CHUNK
            }
        };
        bank::render(
            &mut self.units,
            self.wave,
            self.mode,
            &self.stretches[..count],
            &self.g,
            &mut self.scratch,
            &mut out.l,
        );
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<VoiceBank>(old) {
            Some(o) if o.wave == self.wave && o.mode == self.mode => {
                // The held cutoff continues, with each lane's own damping.
                self.hold_at(o.held);
                self.held_adopted = true;
                let (mut a, mut b) = (0, 0);
                while a < self.ids.len() && b < o.ids.len() {
                    let ((id, l), (old_id, j)) = (self.ids[a], o.ids[b]);
                    match id.cmp(&old_id) {
                        std::cmp::Ordering::Less => a += 1,
                        std::cmp::Ordering::Greater => b += 1,
                        std::cmp::Ordering::Equal => {
                            let (l, j) = (l as usize, j as usize);
                            self.adopted[l] = true;
                            let (u, ol) = (&o.units[j / LANES], j % LANES);
                            let unit = &mut self.units[l / LANES];
                            unit.osc.copy_lane(l % LANES, &u.osc, ol);
                            unit.svf.set_lane(l % LANES, u.svf.lane(ol));
                            a += 1;
                            b += 1;
                        }
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn parts(&self) -> &[u64] {
        &self.parts
    }

    /// A voice that was nodes of its own: its oscillator's phase and pending output, its
    /// filter's memory (and the first filter's held cutoff, when no old bank gave one).
    fn adopt_part(&mut self, k: usize, old: &mut dyn Node) {
        let l = k / 2;
        if self.adopted[l] {
            return;
        }
        let (u, lane) = (l / LANES, l % LANES);
        if k % 2 == 0 && self.wave == BankWave::Sine {
            if let Some(s) = same_kind::<Sine>(old) {
                self.units[u].osc.adopt_phase(lane, s.phase());
            }
        } else if k % 2 == 0 {
            if let Some((wave, osc, inc)) = same_kind::<Osc>(old).and_then(|o| o.voice_state()) {
                if wave == self.wave.wave() {
                    self.units[u].osc.adopt_osc(lane, wave, osc, inc);
                }
            }
        } else if let Some((mode, state, cutoff)) = same_kind::<Filter>(old).map(|f| f.voice_state()) {
            if Some(mode) == self.mode {
                self.units[u].svf.set_lane(lane, state);
                if !self.held_adopted {
                    self.hold_at(cutoff);
                    self.held_adopted = true;
                }
            }
        }
    }

    /// A voice leaving the bank for nodes of its own: its oscillator and filter continue.
    fn hand_part(&mut self, k: usize, new: &mut dyn Node) {
        let (l, u) = (k / 2, &self.units[k / 2 / LANES]);
        if k % 2 == 0 && self.wave == BankWave::Sine {
            if let Some(s) = same_kind::<Sine>(new) {
                s.set_phase(u.osc.next_phase(l % LANES));
            }
        } else if k % 2 == 0 {
            if let Some(osc) = same_kind::<Osc>(new) {
                osc.continue_lane(self.wave.wave(), &u.osc, l % LANES);
            }
        } else if let (Some(f), Some(mode)) = (same_kind::<Filter>(new), self.mode) {
            f.continue_voice(mode, u.svf.lane(l % LANES), self.held);
        }
    }

    fn reset(&mut self) {
        for u in self.units.iter_mut() {
            u.svf = SvfLanes::default();
            u.osc = BlepLanes::new(self.wave.wave(), u.osc.inc);
        }
    }

    crate::node_any!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::Bank;
    use std::sync::Arc;

    fn bank_of(freqs: &[f32]) -> VoiceBank {
        let lanes: Vec<Lane> = freqs
            .iter()
            .enumerate()
            .map(|(i, &freq)| Lane { freq, q: 0.7 + i as f32 * 0.2, gain: 1.0, id: i as u64, parts: [0; 2] })
            .collect();
        VoiceBank::new(BankWave::Saw, Some(SvfMode::Low), &lanes, &BuildEnv::new(48000.0, Arc::new(Bank::empty())))
    }

    fn run(b: &mut VoiceBank, blocks: usize) -> Buf {
        let mut out = [0.0; BLOCK];
        let held = [Stretch { from: 0, to: BLOCK, cutoff: Cutoff::Held }];
        for _ in 0..blocks {
            bank::render(&mut b.units, b.wave, b.mode, &held, &b.g, &mut b.scratch, &mut out);
        }
        out
    }

    /// Lane `l`'s state: naive phase, pending corrections, filter memory.
    fn lane(b: &VoiceBank, l: usize) -> (u32, Vec<f32>, SvfState) {
        let u = &b.units[l / LANES];
        let ring = u.osc.ring.iter().map(|slot| slot[l % LANES]).collect();
        (u.osc.naive[l % LANES], ring, u.svf.lane(l % LANES))
    }

    use crate::dsp::svf::SvfState;

    /// Editing one voice's frequency: every other voice continues bit for bit, and the
    /// edited one keeps its phase and filter memory, moving on at its new rate.
    #[test]
    fn an_edited_voice_leaves_the_others_running() {
        let freqs: Vec<f32> = (0..11).map(|i| 55.0 * (1.0 + 0.1 * i as f32)).collect();
        let (mut old, mut same) = (bank_of(&freqs), bank_of(&freqs));
        run(&mut old, 7);
        run(&mut same, 7);
        let mut edited = freqs.clone();
        edited[3] = 300.0;
        let mut new = bank_of(&edited);
        let before = lane(&old, 3);
        assert!(new.adopt(&mut old));
        assert_eq!(lane(&new, 3), before);
        run(&mut new, 3);
        run(&mut same, 3);
        for l in (0..11).filter(|&l| l != 3) {
            assert_eq!(lane(&new, l), lane(&same, l), "lane {l}");
        }
        let inc = blep::increment(300.0, 1.0 / 48000.0) as u32;
        assert_eq!(lane(&new, 3).0, before.0.wrapping_add(inc.wrapping_mul(3 * BLOCK as u32)));
        // A voice that is new to the bank starts as a new oscillator does; one of another bank
        // kind adopts nothing.
        let mut grown = bank_of(&[55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0, 105.0, 110.0]);
        let fresh = bank_of(&[55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0, 105.0, 110.0]);
        assert!(grown.adopt(&mut same));
        assert_eq!(lane(&grown, 11), lane(&fresh, 11));
        let lanes = [Lane { freq: 55.0, q: 1.0, gain: 1.0, id: 0, parts: [0; 2] }; 4];
        let env = BuildEnv::new(48000.0, Arc::new(Bank::empty()));
        let mut other = VoiceBank::new(BankWave::Tri, Some(SvfMode::Low), &lanes, &env);
        assert!(!other.adopt(&mut same));
    }
}
