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
        ["delayt"],
        "Delay time of the output's delay, in cycles.",
        "out: s \"cp*2\" # delay 0.5 # delaytime 0.375"
    ),
    control!(
        "delayfeedback",
        ["delayfb"],
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
    ),    // SuperDirt's extra per-voice effects (voice/dirt_fx.rs).
    control!(
        "djf",
        "DJ filter 0..1: below 0.5 a low-pass sweeping down (10 kHz to 20 Hz), above a high-pass sweeping up (20 Hz to 10 kHz); 0.5 is off.",
        "out: s \"bd*2 hh*4\" # djf \"0.2 0.8\""
    ),
    control!(
        "triode",
        "Tube distortion 0 up (1 is strong): squashes the negative half-wave, adding even harmonics.",
        "out: s \"bd*4\" # triode 0.8"
    ),
    control!(
        "krush",
        "Sonic Pi's krush 0 up: a rational saturator and low-pass, crossfaded in by 0.5 (0 is dry; 1..10 crunches).",
        "out: s \"sn*2\" # krush 4"
    ),
    control!(
        "kcutoff",
        "Cutoff of krush's low-pass, Hz (20..10000, default 4000).",
        "out: s \"sn*2\" # krush 4 # kcutoff 1200"
    ),
    control!(
        "ring",
        "Ring modulation depth 0 up (1: sidebands at half the level): adds the sound times a sine at ringf.",
        "out: s \"superpiano\" # ring 1 # ringf 300"
    ),
    control!(
        "ringf",
        "Ring modulation frequency, Hz (20..20000).",
        "out: note \"0 7\" # s \"superpiano\" # ring 1 # ringf \"100 500\""
    ),
    control!(
        "ringdf",
        "Ring modulation glide: the frequency moves from ringf to ringf + ringdf over one second, Hz.",
        "out: s \"superpiano\" # ring 1 # ringf 100 # ringdf 900"
    ),
    control!(
        "tremolorate",
        "Tremolo rate, Hz: the level swings at this rate (turns the tremolo on).",
        "out: s \"supersaw\" # tremolorate 8"
    ),
    control!(
        "tremolodepth",
        "Tremolo depth 0..1 (default 0.5; 1 swings the level down to silence); needs tremolorate.",
        "out: s \"supersaw\" # tremolorate 8 # tremolodepth 1"
    ),
    control!(
        "phaserrate",
        "Phaser rate, Hz: adds the sound delayed by 8.8..10 ms, the delay swept at this rate (turns the phaser on).",
        "out: s \"supersaw\" # phaserrate 2"
    ),
    control!(
        "phaserdepth",
        "Phaser depth 0..1, the level of the swept copy (default 0.5); needs phaserrate.",
        "out: s \"supersaw\" # phaserrate 2 # phaserdepth 1"
    ),
    control!(
        "octer",
        "Octaver 0..2: fades from the dry sound (0) to an octave up (1) and on to silence (2).",
        "out: s \"supersaw\" # octer 0.8"
    ),
    control!(
        "octersub",
        "Octaver: level of a square wave an octave below the sound (0 up).",
        "out: s \"superpiano\" # octersub 1"
    ),
    control!(
        "octersubsub",
        "Octaver: level of a square wave two octaves below the sound (0 up).",
        "out: s \"superpiano\" # octersubsub 1"
    ),
    control!(
        "fshift",
        "Frequency shift, Hz (negative shifts down): every partial moves by the same amount (turns the shifter on).",
        "out: s \"superpiano\" # fshift 100"
    ),
    control!(
        "fshiftnote",
        "Frequency shift as a multiple of the event's pitch, added to fshift; needs fshift.",
        "out: s \"superpiano\" # fshift 0 # fshiftnote 0.5"
    ),
    control!(
        "fshiftphase",
        "Starting phase of the frequency shifter's oscillator, radians; needs fshift.",
        "out: s \"superpiano\" # fshift 2 # fshiftphase 1.57"
    ),
    control!(
        "waveloss",
        "Drops this many of every 100 zero-crossing segments of the sound, at random (0..100).",
        "out: s \"supersaw\" # waveloss 40"
    ),
    control!(
        "overgain",
        "Added to gain (SuperDirt's way past its gain limit).",
        "out: s \"bd*4\" # gain 1 # overgain 0.3"
    ),
    control!(
        "overshape",
        "Added to shape (shape beyond its usual range, up to 0.99 in all).",
        "out: s \"bd*4\" # shape 0.5 # overshape 0.3"
    ),
    control!(
        "leslie",
        "Rotary speaker 0..1: crossfades from the dry sound to a spinning cabinet (each voice its own).",
        "out: s \"superhammond\" # leslie 1"
    ),
    control!(
        "lrate",
        "Rotary speaker rate, Hz (default 6.7 fast; 0.7 slow); needs leslie.",
        "out: s \"superhammond\" # leslie 1 # lrate 0.7"
    ),
    control!(
        "lsize",
        "Rotary speaker cabinet size, metres (0..5, default 0.3): more pitch warble; needs leslie.",
        "out: s \"superhammond\" # leslie 1 # lsize 1"
    ),
    control!(
        "comb",
        "Spectral comb 0..1: cuts the spectrum into 256·comb teeth and silences all but the lowest 1 − comb of each; 0 passes all.",
        "out: s \"supersaw\" # comb 0.3"
    ),
    control!(
        "smear",
        "Spectral smear 0..1: each partial's level is averaged with 1 to 64 neighbouring bins.",
        "out: s \"superpiano\" # smear 0.5"
    ),
    control!(
        "scram",
        "Spectral scramble 0..1: that share of the spectrum's bins swaps with bins up to that share away.",
        "out: s \"superpiano\" # scram 0.2"
    ),
    control!(
        "binshift",
        "Spectral shift 0..1: stretches the spectrum by 0.01 (0) to 4 (1) and shifts it up by 10·binshift bins.",
        "out: s \"superpiano\" # binshift 0.4"
    ),
    control!(
        "hbrick",
        "Spectral high-pass 0..1: silences the lowest hbrick · 0.6 of the spectrum.",
        "out: s \"supersaw\" # hbrick 0.1"
    ),
    control!(
        "lbrick",
        "Spectral low-pass 0..1: silences the highest lbrick of the spectrum.",
        "out: s \"supersaw\" # lbrick 0.9"
    ),
    control!(
        "enhance",
        "Spectral enhancer 0..1: adds up to 16 harmonics (stretched by up to 5) above every partial.",
        "out: s \"superpiano\" # enhance 0.5"
    ),
    control!(
        "real",
        "Spectral conformal map, real part 0..1 (default 0.5): a wild spectral distortion, with imag.",
        "out: s \"superpiano\" # real 0.3 # imag 0.7"
    ),
    control!(
        "imag",
        "Spectral conformal map, imaginary part 0..1 (default 0.5): a wild spectral distortion, with real.",
        "out: s \"superpiano\" # imag 0.2"
    ),
    control!(
        "freeze",
        "Spectral freeze: above 0 the voice's spectrum of its first whole frame (43 ms) holds for as long as it sounds.",
        "out: s \"superpiano\" # freeze 1 # legato 2"
    ),
    control!(
        "xsdelay",
        "Band delay pattern, an integer: 16 narrow bands, band i waiting (i AND xsdelay)/16 of the tsdelay time.",
        "out: s \"cp*2\" # xsdelay 5 # tsdelay 0.5"
    ),
    control!(
        "tsdelay",
        "Band delay time 0..1 (default 0.5): the longest band delay is tsdelay · 0.2 s.",
        "out: s \"cp*2\" # xsdelay 15 # tsdelay 0.8"
    ),
    control!(
        "loop",
        "Plays a sample this many times over (a fraction cuts the last pass short); a synth lasts this many events.",
        "out: s \"cp\" # loop 3"
    ),
    control!(
        "nudge",
        "Moves the event's start by this many seconds, later or (negative) earlier, within 0.25 s.",
        "out: s \"hh*8\" # nudge \"0 0.02\""
    ),
];
