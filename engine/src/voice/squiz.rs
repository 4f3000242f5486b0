//! SuperDirt's `squiz`: a crude pitch raiser. Each channel is cut into chunks at its
//! upward zero crossings; while a chunk is being written into a 0.1 s memory, the memory is
//! read back from its start `squiz` times faster, so the output replays the previous chunks
//! squeezed, then falls silent until the next crossing. The result sits between a filter, a
//! ring modulator and a pitch shifter, with the aliasing grit SuperDirt users know. `squiz`
//! is the pitch ratio; 1 or less leaves the sound alone.
//!
//! The memories are a player's, preallocated when its program names `squiz`: a voice that
//! squizzes borrows one of [`SLOTS`] at its onset (zeroed there, as a fresh unit would be).

/// Seconds of memory per channel (SuperDirt's `memlen`).
pub const MEMORY_SECONDS: f64 = 0.1;
/// Voices of one player that can squiz at once; more play without it.
pub const SLOTS: usize = 8;
/// Zero crossings per chunk (SuperDirt's default).
const CROSSINGS_PER_CHUNK: u32 = 1;

/// The memories of one player's squizzing voices: `SLOTS` stereo pairs.
pub struct SquizBank {
    mem: Box<[f32]>,
    len: usize,
}

impl SquizBank {
    /// Allocate for sample rate `sr` (off the audio thread only).
    pub fn new(sr: f64) -> SquizBank {
        let len = ((MEMORY_SECONDS * sr) as usize).max(16);
        SquizBank { mem: crate::memory::zeroed(len * 2 * SLOTS), len }
    }

    fn pair(&mut self, slot: usize) -> (&mut [f32], &mut [f32]) {
        let s = slot.min(SLOTS - 1) * 2 * self.len;
        self.mem[s..s + 2 * self.len].split_at_mut(self.len)
    }

    /// Clear a slot's memory for a new voice (no allocation).
    pub fn clear(&mut self, slot: usize) {
        let (l, r) = self.pair(slot);
        l.fill(0.0);
        r.fill(0.0);
    }

    /// Take over another bank's memories (a graph swap), when both have the same size.
    pub fn copy_from(&mut self, other: &SquizBank) {
        if self.mem.len() == other.mem.len() {
            self.mem.copy_from_slice(&other.mem);
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Channel {
    write: usize,
    read: f32,
    prev: f32,
    crossings: u32,
}

impl Channel {
    fn run(&mut self, mem: &mut [f32], ratio: f32, x: &mut [f32]) {
        let len = mem.len();
        let ratio = ratio.clamp(1.0, len as f32);
        for v in x {
            let at = self.read as usize;
            let out = if at >= len {
                0.0
            } else {
                self.read += ratio;
                mem[at]
            };
            let cur = *v;
            self.write += 1;
            let crossing = self.prev < 0.0 && cur >= 0.0 && {
                self.crossings += 1;
                self.crossings >= CROSSINGS_PER_CHUNK
            };
            if self.write >= len || crossing {
                self.write = 0;
                self.read = 0.0;
                self.crossings = 0;
            }
            mem[self.write] = cur;
            self.prev = cur;
            *v = out;
        }
    }
}

/// One voice's squiz: its memory slot, ratio and per-channel state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Squiz {
    pub slot: u8,
    ratio: f32,
    ch: [Channel; 2],
}

impl Squiz {
    /// The squiz of an event with `squiz` = `ratio`, if it changes anything.
    pub fn wanted(ratio: f32) -> bool {
        ratio.is_finite() && ratio > 1.0
    }

    pub fn new(slot: usize, ratio: f32) -> Squiz {
        Squiz { slot: slot as u8, ratio, ch: [Channel::default(); 2] }
    }

    /// Process a stereo buffer in place, with the slot's memory in `bank`.
    pub fn process(&mut self, bank: &mut SquizBank, l: &mut [f32], r: &mut [f32]) {
        let (ml, mr) = bank.pair(self.slot as usize);
        self.ch[0].run(ml, self.ratio, l);
        self.ch[1].run(mr, self.ratio, r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squiz(x: &[f32], ratio: f32, sr: f64) -> Vec<f32> {
        let mut bank = SquizBank::new(sr);
        let mut s = Squiz::new(0, ratio);
        let (mut l, mut r) = (x.to_vec(), x.to_vec());
        for (a, b) in l.chunks_mut(64).zip(r.chunks_mut(64)) {
            s.process(&mut bank, a, b);
        }
        assert_eq!(l, r);
        l
    }

    #[test]
    fn squiz_2_replays_each_cycle_twice_as_fast() {
        let sr = 48_000.0;
        // A 100 Hz sine: chunks of one period; at ratio 2 each is replayed in half a period,
        // then silence, so the output holds 200 Hz and its harmonics.
        let x: Vec<f32> = (0..4800).map(|i| (std::f64::consts::TAU * 100.0 * i as f64 / sr).sin() as f32).collect();
        let y = squiz(&x, 2.0, sr);
        let period = 480;
        // Well after the start: the first half of each period is the previous period at 2x.
        for k in 3..8 {
            let s = k * period;
            for i in 1..200 {
                let want = x[(2 * i) % period];
                assert!((y[s + i + 1] - want).abs() < 0.08, "period {k} sample {i}: {} vs {want}", y[s + i + 1]);
            }
        }
        assert!(y != x);
        assert!(y.iter().all(|v| v.is_finite() && v.abs() <= 1.0));
    }

    #[test]
    fn ratio_one_changes_nothing_but_a_sample_of_delay() {
        assert!(!Squiz::wanted(1.0) && !Squiz::wanted(f32::NAN) && Squiz::wanted(1.5));
    }
}
