//! Notes between the host and the engine: host note events become the engine's MIDI input
//! (the `midi` pattern), the engine's MIDI output (`midiout`) becomes host note events.
//! Audio thread: no allocation.

use nice_plug::midi::{Channel, Key, NoteEvent, VoiceID};
use phonon_engine::graph::MidiEvent;

/// Tracks the notes held on the host's input, so that a release of "every note" (CLAP's
/// wildcard note-off, a choke) releases each held note by name.
#[derive(Default)]
pub struct NoteInput {
    held: [u128; 16],
}

impl NoteInput {
    /// Turn one host event into engine note events, each handed to `send` with its sample
    /// offset in the current call (the plugin sends them to the adapter's `midi_in`).
    pub fn feed<S>(&mut self, event: NoteEvent<S>, send: &mut impl FnMut(MidiEvent, usize)) {
        match event {
            NoteEvent::NoteOn { timing, channel, key, velocity, .. } => {
                let (Some(ch), Key::Number(note)) = (channel_number(channel), key) else { return };
                if velocity > 0.0 {
                    self.held[ch as usize] |= 1 << (note & 127);
                    send(MidiEvent { offset: 0, on: true, channel: ch, note, velocity }, timing as usize);
                } else {
                    self.release(timing, Some(ch), Some(note), send);
                }
            }
            NoteEvent::NoteOff { timing, channel, key, .. } | NoteEvent::Choke { timing, channel, key, .. } => {
                let note = match key {
                    Key::Number(n) => Some(n),
                    Key::Wildcard => None,
                };
                let channel = match channel {
                    Channel::Number(n) => Some(n & 15),
                    Channel::Wildcard => None,
                };
                self.release(timing, channel, note, send);
            }
            _ => {}
        }
    }

    /// Forget every held note (panic, reset).
    pub fn clear(&mut self) {
        self.held = [0; 16];
    }

    /// Release `note` (or every held note) on `channel` (or every channel).
    fn release(&mut self, timing: u32, channel: Option<u8>, note: Option<u8>, send: &mut impl FnMut(MidiEvent, usize)) {
        for ch in 0..16u8 {
            if channel.is_some_and(|c| c != ch) {
                continue;
            }
            let mut bits = match note {
                Some(n) => self.held[ch as usize] & (1 << (n & 127)),
                None => self.held[ch as usize],
            };
            if let (Some(n), Some(_)) = (note, channel) {
                // A release of a note not seen held still goes through: the engine decides.
                bits |= 1 << (n & 127);
            }
            while bits != 0 {
                let n = bits.trailing_zeros() as u8;
                bits &= bits - 1;
                self.held[ch as usize] &= !(1u128 << n);
                let e = MidiEvent { offset: 0, on: false, channel: ch, note: n, velocity: 0.0 };
                send(e, timing as usize);
            }
        }
    }
}

fn channel_number(c: Channel) -> Option<u8> {
    match c {
        Channel::Number(n) => Some(n & 15),
        Channel::Wildcard => Some(0),
    }
}

/// The host note event for an event of the engine's MIDI output (offset in the host call).
pub fn to_host<S>(e: &MidiEvent) -> NoteEvent<S> {
    let (channel, key) = (Channel::Number(e.channel & 15), Key::Number(e.note & 127));
    if e.on && e.velocity > 0.0 {
        NoteEvent::NoteOn { timing: e.offset, voice_id: VoiceID::Wildcard, channel, key, velocity: e.velocity.min(1.0) }
    } else {
        NoteEvent::NoteOff {
            timing: e.offset,
            voice_id: VoiceID::Wildcard,
            channel,
            key,
            velocity: e.velocity.min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Ev = NoteEvent<()>;

    fn on(timing: u32, ch: u8, key: u8) -> Ev {
        NoteEvent::NoteOn {
            timing,
            voice_id: VoiceID::Wildcard,
            channel: Channel::Number(ch),
            key: Key::Number(key),
            velocity: 0.5,
        }
    }

    fn feed(n: &mut NoteInput, e: Ev) -> Vec<(usize, bool, u8, u8)> {
        let mut got = Vec::new();
        n.feed(e, &mut |m: MidiEvent, at| got.push((at, m.on, m.channel, m.note)));
        got
    }

    #[test]
    fn notes_pass_with_their_offsets() {
        let mut n = NoteInput::default();
        assert_eq!(feed(&mut n, on(7, 0, 60)), vec![(7, true, 0, 60)]);
        let off = NoteEvent::NoteOff {
            timing: 9,
            voice_id: VoiceID::Wildcard,
            channel: Channel::Number(0),
            key: Key::Number(60),
            velocity: 0.0,
        };
        assert_eq!(feed(&mut n, off), vec![(9, false, 0, 60)]);
        // Velocity 0 is a release.
        let zero = NoteEvent::NoteOn {
            timing: 3,
            voice_id: VoiceID::Wildcard,
            channel: Channel::Number(1),
            key: Key::Number(62),
            velocity: 0.0,
        };
        assert_eq!(feed(&mut n, zero), vec![(3, false, 1, 62)]);
    }

    #[test]
    fn a_wildcard_release_releases_every_held_note() {
        let mut n = NoteInput::default();
        feed(&mut n, on(0, 0, 60));
        feed(&mut n, on(0, 0, 64));
        feed(&mut n, on(0, 3, 67));
        let all =
            NoteEvent::Choke { timing: 5, voice_id: VoiceID::Wildcard, channel: Channel::Wildcard, key: Key::Wildcard };
        assert_eq!(feed(&mut n, all), vec![(5, false, 0, 60), (5, false, 0, 64), (5, false, 3, 67)]);
        assert!(feed(&mut n, all).is_empty(), "nothing is held any more");
    }

    #[test]
    fn engine_notes_become_host_notes() {
        let e = MidiEvent { offset: 12, on: true, channel: 2, note: 48, velocity: 0.75 };
        match to_host::<()>(&e) {
            NoteEvent::NoteOn { timing, channel, key, velocity, .. } => {
                assert_eq!((timing, channel, key, velocity), (12, Channel::Number(2), Key::Number(48), 0.75));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(to_host::<()>(&MidiEvent { on: false, ..e }), NoteEvent::NoteOff { timing: 12, .. }));
    }
}
