//! Event controls (`gain`, `pan`, `n`, ...): their part of the metadata table. `ctl pat` makes
//! the control pattern `{ctl: v}`; `#` merges it into events.

use crate::meta::{FnMeta, Imp, Kind, Param};

macro_rules! control {
    ($name:literal, $help:literal, $example:literal) => {
        control!($name, [], $help, $example)
    };
    ($name:literal, [$($alias:literal),*], $help:literal, $example:literal) => {
        FnMeta {
            name: $name,
            aliases: &[$($alias),*],
            kind: Kind::Control,
            params: &[Param::pattern("value")],
            variadic: false,
            help: $help,
            example: $example,
            imp: Imp::Control,
        }
    };
}

pub static FUNCTIONS: &[FnMeta] = &[
    control!(
        "n",
        "Sample number within a sample folder (n \"a\" = 9, wrapping), or note number for synths: semitones from middle C, note names as Tidal's (c5 = 0).",
        "out: s \"hh*4\" # n \"0 1 2 3\""
    ),
    control!(
        "note",
        ["up"],
        "Note number: semitones from middle C (note 0 = 261.63 Hz), or a note name (c5 = c = 0, a5 = 440 Hz, cs5, ef, a#4); resamples samples by semitones.",
        "out: note \"c e g\" # s \"superpiano\""
    ),
    control!(
        "midinote",
        "MIDI note number (60 = middle C), overriding note, n and octave.",
        "out: midinote \"60 64 67\" # s \"superpiano\""
    ),
    control!(
        "freq",
        "Pitch in Hz, overriding every other pitch control; on samples, resamples by freq / 261.63.",
        "out: freq \"220 330\" # s \"supersaw\""
    ),
    control!("gain", "Event loudness, a linear multiplier (1 = unchanged).", "out: s \"bd*4\" # gain \"1 0.6\""),
    control!("velocity", "Event velocity 0..1, multiplied into the gain.", "out: s \"hh*8\" # velocity \"1 0.5\""),
    control!("amp", "Event amplitude, a linear multiplier (like gain).", "out: s \"sn*2\" # amp 0.5"),
    control!("pan", "Stereo position 0 (left) .. 1 (right).", "out: s \"hh*8\" # pan \"0 1\""),
    control!("speed", "Playback rate of samples; negative plays backwards.", "out: s \"bd*2\" # speed \"1 -1\""),
    control!(
        "accelerate",
        "Pitch glide over the sample, in octaves per sample length.",
        "out: s \"bd\" # accelerate (-1)"
    ),
    control!("begin", "Where in the sample to start, 0..1.", "out: s \"bd*4\" # begin 0.25"),
    control!("end", "Where in the sample to stop, 0..1.", "out: s \"bd*4\" # end 0.5"),
    control!("cut", "Cut group: a new event stops the sounding ones of the same group.", "out: s \"oh*4\" # cut 1"),
    control!("legato", "Bounds a voice to this many times its event's length.", "out: s \"bd*4\" # legato 0.5"),
    control!("attack", ["att"], "Voice fade-in time, seconds.", "out: s \"superpiano*2\" # attack 0.1"),
    control!("release", ["rel"], "Voice fade-out time, seconds.", "out: s \"supersaw\" # release 0.5"),
    control!("hold", "Voice hold time before release, seconds.", "out: s \"bd\" # hold 0.05"),
    control!(
        "sustain",
        ["sus"],
        "Voice length in seconds (synths) before release.",
        "out: note \"c\" # s \"superpiano\" # sustain 0.3"
    ),
    control!("decay", "Voice decay time, seconds.", "out: s \"superkick\" # decay 0.3"),
    control!("cutoff", ["lpf", "ctf"], "Per-voice low-pass cutoff, Hz.", "out: s \"bd*4\" # cutoff 800"),
    control!(
        "resonance",
        ["lpq", "res"],
        "Per-voice low-pass resonance 0..1.",
        "out: s \"bd*4\" # cutoff 800 # resonance 0.3"
    ),
    control!("hcutoff", ["hpf"], "Per-voice high-pass cutoff, Hz.", "out: s \"hh*8\" # hcutoff 3000"),
    control!(
        "hresonance",
        ["hpq"],
        "Per-voice high-pass resonance 0..1.",
        "out: s \"hh*8\" # hcutoff 3000 # hresonance 0.3"
    ),
    control!("bandf", ["bpf"], "Per-voice band-pass centre frequency, Hz.", "out: s \"cp*2\" # bandf 1200"),
    control!("bandq", ["bpq"], "Per-voice band-pass Q.", "out: s \"cp*2\" # bandf 1200 # bandq 4"),
    control!("shape", "Per-voice waveshaping distortion 0..1.", "out: s \"bd*4\" # shape 0.5"),
    control!("crush", "Per-voice bit crushing: bits (1..16, lower is harsher).", "out: s \"sn*2\" # crush 4"),
    control!("coarse", "Per-voice sample-rate reduction factor (1 = none).", "out: s \"sn*2\" # coarse 8"),
    control!("vowel", "Per-voice formant filter: a, e, i, o or u.", "out: s \"supersaw*2\" # vowel \"a o\""),
    control!("room", "Send level to the events' reverb, 0..1.", "out: s \"cp*2\" # room 0.4"),
    control!("size", ["sz"], "Room size of the events' reverb, 0..1 (default 0.5).", "out: s \"cp*2\" # room 0.4 # size 0.9"),
    control!(
        "dry",
        "Level of the dry sound, 0..1 (default 1): 0 leaves only what is sent.",
        "out: s \"cp*2\" # room 0.4 # dry 0.5"
    ),
    control!("delay", "Send level to the events' feedback delay, 0..1.", "out: s \"cp*2\" # delay 0.5"),
    control!(
        "delaytime",
        ["delayt", "dt"],
        "Delay time of the output's delay, in cycles.",
        "out: s \"cp*2\" # delay 0.5 # delaytime 0.375"
    ),
    control!(
        "delayfeedback",
        ["delayfb", "dfb"],
        "Feedback of the output's delay, 0..1.",
        "out: s \"cp*2\" # delay 0.5 # delayfeedback 0.6"
    ),
    control!(
        "orbit",
        "Effect bus number (accepted for Tidal compatibility; each pattern has its own effects).",
        "out: s \"cp*2\" # room 0.3 # orbit 1"
    ),
    control!(
        "squiz",
        "SuperDirt's squiz: replays each zero-crossing chunk this many times faster (a gritty pitch raise; 1 = none).",
        "out: s \"bd*2\" # squiz 2"
    ),
    control!("detune", "Detune amount for synth voices.", "out: s \"supersaw\" # detune 0.5"),
    control!("voice", "Timbre control for synth voices, 0..1.", "out: s \"superpwm\" # voice 0.8"),
    control!(
        "octave",
        "Octave of the note: 5 (the default) leaves it, each step shifts by 12 semitones.",
        "out: n \"0 4 7\" # s \"superpiano\" # octave 4"
    ),
    control!(
        "channel",
        "MIDI channel (1..16) for midiout, overriding midiout's own.",
        "out: note \"c e\" # midiout 1 # channel 2"
    ),
    control!(
        "unit",
        "Unit of speed: \"r\" rate, \"c\" cycles per sample length.",
        "out: s \"bd\" # unit \"c\" # speed 1"
    ),
];
