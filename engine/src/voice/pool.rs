//! The voice pool: a fixed number of voices allocated when the graph is built. When every
//! voice is sounding, a new one steals the oldest, which fades out over a few milliseconds in
//! one of a few extra slots kept for such fades, so stealing never clicks.

use super::env::Envelope;
use super::fx::VoiceFx;
use super::sampler::SamplePlay;
use super::synth::SynthVoice;

/// Default number of voices that can sound at once, per player.
pub const POLYPHONY: usize = 64;
/// Extra slots where stolen and choked voices finish their fade.
pub const FADE_SLOTS: usize = 16;

/// [`Voice::held`] of a voice no key holds.
pub const NOT_HELD: u8 = u8::MAX;

/// What a voice plays. Synth state is larger than sample state; both live inline because the
/// pool is allocated once and boxing a voice would allocate on the audio thread.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Source {
    Sample(SamplePlay),
    Synth(SynthVoice),
}

/// One sounding voice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Voice {
    pub source: Source,
    pub env: Envelope,
    pub fx: VoiceFx,
    /// Linear gain and left/right pan gains.
    pub gain: f32,
    pub pan: (f32, f32),
    /// Send levels to the player's reverb and delay, and the dry level.
    pub room: f32,
    pub delay: f32,
    pub dry: f32,
    /// The MIDI input key that holds this voice (released at its note-off); `NOT_HELD` if none.
    pub held: u8,
    /// Cut group (0: none).
    pub cut: i64,
    /// Start order: lower is older.
    pub age: u64,
}

pub struct VoicePool {
    slots: Box<[Option<Voice>]>,
    polyphony: usize,
    next_age: u64,
    /// Voices stolen since the pool was made (for tests and meters).
    stolen: u64,
}

impl VoicePool {
    /// A pool where `polyphony` voices sound at once (allocates: build time only).
    pub fn new(polyphony: usize) -> VoicePool {
        let polyphony = polyphony.max(1);
        VoicePool { slots: crate::memory::filled(None, polyphony + FADE_SLOTS), polyphony, next_age: 0, stolen: 0 }
    }

    pub fn polyphony(&self) -> usize {
        self.polyphony
    }

    /// Voices steal so far.
    pub fn stolen(&self) -> u64 {
        self.stolen
    }

    /// Voices currently in the pool (sounding or fading).
    pub fn active(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// Start a voice; if `polyphony` voices are sounding, the oldest fades out over
    /// `fade` samples to make room.
    pub fn start(&mut self, mut v: Voice, fade: u32) {
        let sounding = self.slots.iter().flatten().filter(|x| !x.env.is_killing()).count();
        if sounding >= self.polyphony {
            let oldest = self.slots.iter_mut().flatten().filter(|x| !x.env.is_killing()).min_by_key(|x| x.age);
            if let Some(o) = oldest {
                o.env.kill(fade);
                self.stolen += 1;
            }
        }
        let slot = match self.slots.iter().position(|s| s.is_none()) {
            Some(i) => i,
            // Every slot busy: the fading voice closest to silence is cut.
            None => {
                let mut best = 0;
                let mut left = f32::INFINITY;
                for (i, s) in self.slots.iter().enumerate() {
                    if let Some(x) = s {
                        let k = x.env.kill_left();
                        if k < left {
                            left = k;
                            best = i;
                        }
                    }
                }
                best
            }
        };
        v.age = self.next_age;
        self.next_age += 1;
        self.slots[slot] = Some(v);
    }

    /// A new event of cut group `group` chokes the voices of that group: they fade out over
    /// `fade` samples.
    pub fn choke(&mut self, group: i64, fade: u32) {
        for v in self.slots.iter_mut().flatten() {
            if v.cut == group {
                v.env.kill(fade);
            }
        }
    }

    /// The slots, for rendering (a voice that ends is set to `None`).
    #[inline]
    pub fn slots_mut(&mut self) -> &mut [Option<Voice>] {
        &mut self.slots
    }

    /// Silence every voice at once.
    pub fn clear(&mut self) {
        for s in self.slots.iter_mut().filter(|s| s.is_some()) {
            *s = None;
        }
    }

    /// Take over the voices of `old` that `keep` accepts (hot swap; no allocation).
    pub fn adopt(&mut self, old: &VoicePool, keep: impl Fn(&Voice) -> bool) {
        // Voices are large (synths keep their delay lines inline): clear only occupied slots,
        // so adopting into a fresh pool on the audio thread writes just the voices it takes.
        for s in self.slots.iter_mut().filter(|s| s.is_some()) {
            *s = None;
        }
        let mut k = 0;
        for v in old.slots.iter().flatten() {
            if k >= self.slots.len() {
                break;
            }
            if keep(v) {
                self.slots[k] = Some(*v);
                k += 1;
            }
        }
        self.next_age = old.next_age;
        self.stolen = old.stolen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::sampler::SamplePlay;

    fn voice(cut: i64) -> Voice {
        let play =
            SamplePlay { set: 0, index: 0, pos: 0.0, rate: 1.0, rate_mul: 1.0, first: 0.0, last: 100.0, repeats: 0.0 };
        Voice {
            source: Source::Sample(play),
            env: Envelope::new(0.0, None, 0.0),
            fx: VoiceFx::new(&crate::voice::params::VoiceParams::default(), 48000.0),
            gain: 1.0,
            pan: (1.0, 1.0),
            room: 0.0,
            delay: 0.0,
            dry: 1.0,
            held: NOT_HELD,
            cut,
            age: 0,
        }
    }

    fn killing(p: &VoicePool) -> Vec<u64> {
        let mut v: Vec<u64> = p.slots.iter().flatten().filter(|v| v.env.is_killing()).map(|v| v.age).collect();
        v.sort();
        v
    }

    #[test]
    fn a_full_pool_fades_out_its_oldest_voices() {
        let mut p = VoicePool::new(3);
        for _ in 0..3 {
            p.start(voice(0), 10);
        }
        assert!(killing(&p).is_empty());
        p.start(voice(0), 10);
        p.start(voice(0), 10);
        assert_eq!(killing(&p), vec![0, 1]);
        assert_eq!(p.stolen(), 2);
        assert_eq!(p.active(), 5);
        // Past the fade slots the quietest fading voice makes room.
        for _ in 0..FADE_SLOTS + 5 {
            p.start(voice(0), 10);
        }
        assert_eq!(p.active(), 3 + FADE_SLOTS);
    }

    #[test]
    fn cut_groups_choke_only_their_own() {
        let mut p = VoicePool::new(8);
        p.start(voice(1), 10);
        p.start(voice(2), 10);
        p.start(voice(0), 10);
        p.choke(1, 10);
        assert_eq!(killing(&p), vec![0]);
    }
}
