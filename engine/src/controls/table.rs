//! The table itself: one row per control. A row's position is its id ([`Ctl`]) and the
//! order its name is interned in; nothing else needs to change when a row is added.

use super::{Acts, Control};
use crate::meta::Unit;

const INF: f64 = f64::INFINITY;

macro_rules! controls {
    ($($id:ident => $row:expr,)*) => {
        /// A control, by its row in [`CONTROLS`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Ctl {
            $($id),*
        }

        /// Every control, in table order.
        pub(super) const ALL: &[Ctl] = &[$(Ctl::$id),*];

        /// Number of controls.
        pub const COUNT: usize = ALL.len();

        const ROWS: [Control; COUNT] = [$($row),*];

        /// The table.
        pub static CONTROLS: [Control; COUNT] = ROWS;
    };
}

/// Each control's default, by id.
pub(super) const fn defaults() -> [f64; COUNT] {
    let mut d = [0.0; COUNT];
    let mut i = 0;
    while i < COUNT {
        d[i] = ROWS[i].default;
        i += 1;
    }
    d
}

use Acts::*;

controls! {
    // Selection.
    S => Control::new(
        "s",
        Select,
        "Plays samples or synth voices by name: `bd`, `sn:2` (sample 2 of folder sn), `supersaw`.",
        "out: s \"bd sn:1 hh*2\"",
    )
    .aliases(&["sound"])
    .takes("names"),
    N => Control::new(
        "n",
        Select,
        "Sample number within a sample folder (n \"a\" = 9, wrapping), or note number for synths: semitones from middle C, note names as Tidal's (c5 = 0).",
        "out: s \"hh*4\" # n \"0 1 2 3\"",
    )
    .aliases(&["number"]),
    // Pitch.
    Note => Control::new(
        "note",
        Pitch,
        "Note number: semitones from middle C (note 0 = 261.63 Hz), or a note name (c5 = c = 0, a5 = 440 Hz, cs5, ef, a#4); resamples samples by semitones.",
        "out: note \"c e g\" # s \"superpiano\"",
    )
    .aliases(&["up"])
    .unit(Unit::Semitones),
    Midinote => Control::new(
        "midinote",
        Pitch,
        "MIDI note number (60 = middle C), overriding note, n and octave.",
        "out: midinote \"60 64 67\" # s \"superpiano\"",
    )
    .range(0.0, 127.0),
    Freq => Control::new(
        "freq",
        Pitch,
        "Pitch in Hz, overriding every other pitch control; on samples, resamples by freq / 261.63.",
        "out: freq \"220 330\" # s \"supersaw\"",
    )
    .unit(Unit::Hz)
    .range(0.0, 20000.0),
    Octave => Control::new(
        "octave",
        Pitch,
        "Octave of the note: 5 (the default) leaves it, each step shifts by 12 semitones.",
        "out: n \"0 4 7\" # s \"superpiano\" # octave 4",
    )
    .range(0.0, 10.0)
    .default(5.0),
    // Level and playback.
    Gain => Control::new(
        "gain",
        Voice,
        "Event loudness on SuperDirt's curve: the level is gain to the 4th power (1 = unchanged, 0.8 = -7.8 dB, \
         1.2 = +6.3 dB, at most 2); amp is the linear level.",
        "out: s \"bd*4\" # gain \"1 0.6\"",
    )
    .unit(Unit::Amount)
    .range(0.0, 2.0)
    .default(1.0),
    Velocity => Control::new(
        "velocity",
        Voice,
        "Event velocity 0..1, multiplied into the gain.",
        "out: s \"hh*8\" # velocity \"1 0.5\"",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0)
    .default(1.0),
    Amp => Control::new(
        "amp",
        Voice,
        "Event amplitude, a linear multiplier (SuperDirt's amp; gain is on a 4th-power curve).",
        "out: s \"sn*2\" # amp 0.5",
    )
    .unit(Unit::Amount)
    .range(0.0, 2.0)
    .default(1.0),
    Pan => Control::new("pan", Voice, "Stereo position 0 (left) .. 1 (right).", "out: s \"hh*8\" # pan \"0 1\"")
        .unit(Unit::Amount)
        .range(0.0, 1.0)
        .default(0.5),
    Speed => Control::new(
        "speed",
        Voice,
        "Playback rate of samples; negative plays backwards.",
        "out: s \"bd*2\" # speed \"1 -1\"",
    )
    .range(-INF, INF)
    .default(1.0),
    Accelerate => Control::new(
        "accelerate",
        Voice,
        "Pitch glide over the sample, in octaves per sample length.",
        "out: s \"bd\" # accelerate (-1)",
    )
    .range(-INF, INF)
    .default(0.0),
    Begin => Control::new("begin", Voice, "Where in the sample to start, 0..1.", "out: s \"bd*4\" # begin 0.25")
        .unit(Unit::Amount)
        .range(0.0, 1.0)
        .default(0.0),
    End => Control::new("end", Voice, "Where in the sample to stop, 0..1.", "out: s \"bd*4\" # end 0.5")
        .unit(Unit::Amount)
        .range(0.0, 1.0)
        .default(1.0),
    Unit => Control::new(
        "unit",
        Voice,
        "Unit of speed: \"r\" rate, \"c\" cycles per sample length.",
        "out: s \"bd\" # unit \"c\" # speed 1",
    ),
    // Timing.
    Cut => Control::new(
        "cut",
        Timing,
        "Cut group: a new event stops the sounding ones of the same group.",
        "out: s \"oh*4\" # cut 1",
    )
    .range(0.0, INF)
    .default(0.0),
    Legato => Control::new(
        "legato",
        Timing,
        "Bounds a voice to this many times its event's length.",
        "out: s \"bd*4\" # legato 0.5",
    )
    .range(0.0, INF),
    // Envelope.
    Attack => Control::new("attack", Voice, "Voice fade-in time, seconds.", "out: s \"superpiano*2\" # attack 0.1")
        .aliases(&["att"])
        .unit(Unit::Seconds)
        .range(0.0, INF),
    Release => Control::new("release", Voice, "Voice fade-out time, seconds.", "out: s \"supersaw\" # release 0.5")
        .aliases(&["rel"])
        .unit(Unit::Seconds)
        .range(0.0, INF),
    Hold => Control::new("hold", Voice, "Voice hold time before release, seconds.", "out: s \"bd\" # hold 0.05")
        .unit(Unit::Seconds)
        .range(0.0, INF),
    Sustain => Control::new(
        "sustain",
        Voice,
        "Voice length in seconds (synths) before release.",
        "out: note \"c\" # s \"superpiano\" # sustain 0.3",
    )
    .aliases(&["sus"])
    .unit(Unit::Seconds)
    .range(0.0, INF),
    Decay => Control::new("decay", Voice, "Voice decay time, seconds.", "out: s \"superkick\" # decay 0.3")
        .unit(Unit::Seconds)
        .range(0.0, INF),
    // Filters and distortion; 0 leaves each off.
    Cutoff => Control::new("cutoff", Voice, "Per-voice low-pass cutoff, Hz.", "out: s \"bd*4\" # cutoff 800")
        .aliases(&["lpf", "ctf"])
        .unit(Unit::Hz)
        .range(0.0, 20000.0)
        .default(0.0),
    Resonance => Control::new(
        "resonance",
        Voice,
        "Per-voice low-pass resonance 0..1.",
        "out: s \"bd*4\" # cutoff 800 # resonance 0.3",
    )
    .aliases(&["lpq", "res"])
    .unit(Unit::Amount)
    .range(0.0, 1.0)
    .default(0.0),
    Hcutoff => Control::new("hcutoff", Voice, "Per-voice high-pass cutoff, Hz.", "out: s \"hh*8\" # hcutoff 3000")
        .aliases(&["hpf"])
        .unit(Unit::Hz)
        .range(0.0, 20000.0)
        .default(0.0),
    Hresonance => Control::new(
        "hresonance",
        Voice,
        "Per-voice high-pass resonance 0..1.",
        "out: s \"hh*8\" # hcutoff 3000 # hresonance 0.3",
    )
    .aliases(&["hpq"])
    .unit(Unit::Amount)
    .range(0.0, 1.0)
    .default(0.0),
    Bandf => Control::new("bandf", Voice, "Per-voice band-pass centre frequency, Hz.", "out: s \"cp*2\" # bandf 1200")
        .aliases(&["bpf"])
        .unit(Unit::Hz)
        .range(0.0, 20000.0)
        .default(0.0),
    Bandq => Control::new("bandq", Voice, "Per-voice band-pass Q.", "out: s \"cp*2\" # bandf 1200 # bandq 4")
        .aliases(&["bpq"])
        .range(0.0, 100.0)
        .default(0.0),
    Shape => Control::new("shape", Voice, "Per-voice waveshaping distortion 0..1.", "out: s \"bd*4\" # shape 0.5")
        .unit(Unit::Amount)
        .range(0.0, 1.0)
        .default(0.0),
    Distort => Control::new(
        "distort",
        Voice,
        "Per-voice tanh saturation 0..1 (0 to 40 dB of drive, Phonon's distort kernel), for SuperDirt's distort.",
        "out: s \"bd*4\" # distort 0.4",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0)
    .default(0.0),
    Crush => Control::new(
        "crush",
        Voice,
        "Per-voice bit crushing: bits (1..16, lower is harsher).",
        "out: s \"sn*2\" # crush 4",
    )
    .range(0.0, 16.0)
    .default(0.0),
    Coarse => Control::new(
        "coarse",
        Voice,
        "Per-voice sample-rate reduction factor (1 = none).",
        "out: s \"sn*2\" # coarse 8",
    )
    .range(0.0, INF)
    .default(0.0),
    Vowel => Control::new(
        "vowel",
        Voice,
        "Per-voice formant filter: a, e, i, o or u.",
        "out: s \"supersaw*2\" # vowel \"a o\"",
    ),
    Squiz => Control::new(
        "squiz",
        Voice,
        "SuperDirt's squiz: replays each zero-crossing chunk this many times faster (a gritty pitch raise; 1 = none).",
        "out: s \"bd*2\" # squiz 2",
    )
    .range(1.0, INF),
    // The player's shared effects.
    Room => Control::new("room", Send, "Send level to the events' reverb, 0..1.", "out: s \"cp*2\" # room 0.4")
        .unit(Unit::Amount)
        .range(0.0, 1.0),
    Size => Control::new(
        "size",
        Send,
        "Room size of the events' reverb, 0..1 (default 0.5).",
        "out: s \"cp*2\" # room 0.4 # size 0.9",
    )
    .aliases(&["sz"])
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Dry => Control::new(
        "dry",
        Send,
        "Level of the dry sound, 0..1 (default 1): 0 leaves only what is sent.",
        "out: s \"cp*2\" # room 0.4 # dry 0.5",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Delay => Control::new("delay", Send, "Send level to the events' feedback delay, 0..1.", "out: s \"cp*2\" # delay 0.5")
        .unit(Unit::Amount)
        .range(0.0, 1.0),
    Delaytime => Control::new(
        "delaytime",
        Send,
        "Delay time of the events' delay, in seconds (default 0.25, at most 4).",
        "out: s \"cp*2\" # delay 0.5 # delaytime 0.375",
    )
    .aliases(&["delayt", "dt"])
    .unit(Unit::Seconds)
    .range(0.0, 4.0),
    Delayfeedback => Control::new(
        "delayfeedback",
        Send,
        "Feedback of the events' delay, 0..1 (default 0.5; held below 0.98 so it always dies away).",
        "out: s \"cp*2\" # delay 0.5 # delayfeedback 0.6",
    )
    .aliases(&["delayfb", "dfb"])
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Lock => Control::new(
        "lock",
        Send,
        "1 makes delaytime a number of cycles instead of seconds, as SuperDirt's lock does (default 0).",
        "out: s \"cp*2\" # delay 0.5 # delaytime (1/3) # lock 1",
    )
    .range(0.0, 1.0),
    Orbit => Control::new(
        "orbit",
        Send,
        "Effect bus number (accepted for Tidal compatibility; each pattern has its own effects).",
        "out: s \"cp*2\" # room 0.3 # orbit 1",
    )
    .range(0.0, INF),
    // Synth parameters: each synth has its own default.
    Detune => Control::new("detune", Synth, "Detune amount for synth voices.", "out: s \"supersaw\" # detune 0.5")
        .aliases(&["det"]),
    Voice => Control::new("voice", Synth, "Timbre control for synth voices, 0..1.", "out: s \"superpwm\" # voice 0.8")
        .aliases(&["voi"])
        .unit(Unit::Amount)
        .range(0.0, 1.0),
    Pitch1 => Control::new(
        "pitch1",
        Synth,
        "Synth timbre: filter frequency scale (supersquare supersaw superpwm supercomparator superclap \
         supernoise), modulation Hz (soskick), modulation depth (soshats), resonance Hz (sossnare).",
        "out: note \"c2 c3\" # s \"supersquare\" # pitch1 \"1 3\"",
    )
    .aliases(&["pit1"]),
    Pitch2 => Control::new(
        "pitch2",
        Synth,
        "Synth timbre: second oscillator's ratio (superchip), beater noise level (soskick).",
        "out: note \"c e\" # s \"superchip\" # pitch2 1.5",
    )
    .aliases(&["pit2"]),
    Pitch3 => Control::new(
        "pitch3",
        Synth,
        "Synth timbre: third oscillator's ratio (superchip).",
        "out: note \"c e\" # s \"superchip\" # pitch3 4",
    )
    .aliases(&["pit3"]),
    Rate => Control::new(
        "rate",
        Synth,
        "Synth timbre: LFO or repeat rate (supersquare supersaw superpwm supercomparator superchip supernoise \
         supergrind superprimes), chirp speed (super808), decay speed (superclap superhex).",
        "out: s \"super808\" # n 4 # rate 4",
    ),
    Slide => Control::new(
        "slide",
        Synth,
        "Synth pitch slide: superchip, superhoover, supernoise (filter), superzow (phasing speed).",
        "out: note \"c\" # s \"superhoover\" # slide 2",
    )
    .aliases(&["sld"]),
    Semitone => Control::new(
        "semitone",
        Synth,
        "Synth second oscillator's interval in semitones (supersquare supersaw superpwm), modulator ratio (sossnare).",
        "out: note \"c\" # s \"supersaw\" # semitone 7",
    )
    .unit(Unit::Semitones),
    Lfo => Control::new(
        "lfo",
        Synth,
        "Synth filter LFO depth (supersquare supersaw superpwm supercomparator).",
        "out: note \"c\" # s \"supersquare\" # lfo 3",
    ),
    Modamp => Control::new("modamp", Synth, "supervibe tremolo depth, 0..2 (default 1).", "out: note \"c e\" # s \"supervibe\" # modamp 2")
        .range(0.0, 2.0),
    Modfreq => Control::new("modfreq", Synth, "supervibe tremolo rate, Hz (default 7).", "out: note \"c e\" # s \"supervibe\" # modfreq 3")
        .unit(Unit::Hz),
    Vibrato => Control::new("vibrato", Synth, "superhammond vibrato depth (default 0.5).", "out: note \"c\" # s \"superhammond\" # vibrato 1"),
    Vrate => Control::new("vrate", Synth, "superhammond vibrato rate, Hz (default 7).", "out: note \"c\" # s \"superhammond\" # vrate 3")
        .unit(Unit::Hz),
    Perc => Control::new(
        "perc",
        Synth,
        "superhammond percussion level (0 off, about 0.7 or 1.2).",
        "out: note \"c\" # s \"superhammond\" # perc 1",
    ),
    Percf => Control::new(
        "percf",
        Synth,
        "superhammond percussion harmonic (2 or 3).",
        "out: note \"c\" # s \"superhammond\" # perc 1 # percf 3",
    ),
    Muffle => Control::new(
        "muffle",
        Synth,
        "superpiano muffling of the upper partials, 0..1 (default 1).",
        "out: note \"c e g\" # s \"superpiano\" # muffle 0.2",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Stereo => Control::new(
        "stereo",
        Synth,
        "superpiano stereo spread of its partials, 0..1 (default 0.2).",
        "out: note \"c e g\" # s \"superpiano\" # stereo 0.8",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    // SuperDirt's extra per-voice effects (voice/dirt_fx.rs, voice/spectral.rs), `loop` and `nudge`.
    Djf => Control::new(
        "djf",
        Voice,
        "DJ filter 0..1: below 0.5 a low-pass sweeping down (10 kHz to 20 Hz), above a high-pass sweeping up (20 Hz to 10 kHz); 0.5 is off.",
        "out: s \"bd*2 hh*4\" # djf \"0.2 0.8\"",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Triode => Control::new(
        "triode",
        Voice,
        "Tube distortion 0 up (1 is strong): squashes the negative half-wave, adding even harmonics.",
        "out: s \"bd*4\" # triode 0.8",
    )
    .unit(Unit::Amount)
    .range(0.0, INF),
    Krush => Control::new(
        "krush",
        Voice,
        "Sonic Pi's krush 0 up: a rational saturator and low-pass, crossfaded in by 0.5 (0 is dry; 1..10 crunches).",
        "out: s \"sn*2\" # krush 4",
    )
    .unit(Unit::Amount)
    .range(0.0, INF),
    Kcutoff => Control::new(
        "kcutoff",
        Voice,
        "Cutoff of krush's low-pass, Hz (20..10000, default 4000).",
        "out: s \"sn*2\" # krush 4 # kcutoff 1200",
    )
    .unit(Unit::Hz)
    .range(20.0, 10000.0),
    Ring => Control::new(
        "ring",
        Voice,
        "Ring modulation depth 0 up (1: sidebands at half the level): adds the sound times a sine at ringf.",
        "out: s \"superpiano\" # ring 1 # ringf 300",
    )
    .unit(Unit::Amount)
    .range(0.0, INF),
    Ringf => Control::new(
        "ringf",
        Voice,
        "Ring modulation frequency, Hz (20..20000).",
        "out: note \"0 7\" # s \"superpiano\" # ring 1 # ringf \"100 500\"",
    )
    .unit(Unit::Hz)
    .range(20.0, 20000.0),
    Ringdf => Control::new(
        "ringdf",
        Voice,
        "Ring modulation glide: the frequency moves from ringf to ringf + ringdf over one second, Hz.",
        "out: s \"superpiano\" # ring 1 # ringf 100 # ringdf 900",
    )
    .unit(Unit::Hz)
    .range(-INF, INF),
    Tremolorate => Control::new(
        "tremolorate",
        Voice,
        "Tremolo rate, Hz: the level swings at this rate (turns the tremolo on).",
        "out: s \"supersaw\" # tremolorate 8",
    )
    .unit(Unit::Hz)
    .range(0.0, INF),
    Tremolodepth => Control::new(
        "tremolodepth",
        Voice,
        "Tremolo depth 0..1 (default 0.5; 1 swings the level down to silence); needs tremolorate.",
        "out: s \"supersaw\" # tremolorate 8 # tremolodepth 1",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Phaserrate => Control::new(
        "phaserrate",
        Voice,
        "Phaser rate, Hz: adds the sound delayed by 8.8..10 ms, the delay swept at this rate (turns the phaser on).",
        "out: s \"supersaw\" # phaserrate 2",
    )
    .unit(Unit::Hz)
    .range(0.0, INF),
    Phaserdepth => Control::new(
        "phaserdepth",
        Voice,
        "Phaser depth 0..1, the level of the swept copy (default 0.5); needs phaserrate.",
        "out: s \"supersaw\" # phaserrate 2 # phaserdepth 1",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Octer => Control::new(
        "octer",
        Voice,
        "Octaver 0..2: fades from the dry sound (0) to an octave up (1) and on to silence (2).",
        "out: s \"supersaw\" # octer 0.8",
    )
    .unit(Unit::Amount)
    .range(0.0, 2.0),
    Octersub => Control::new(
        "octersub",
        Voice,
        "Octaver: level of a square wave an octave below the sound (0 up).",
        "out: s \"superpiano\" # octersub 1",
    )
    .unit(Unit::Amount)
    .range(0.0, INF),
    Octersubsub => Control::new(
        "octersubsub",
        Voice,
        "Octaver: level of a square wave two octaves below the sound (0 up).",
        "out: s \"superpiano\" # octersubsub 1",
    )
    .unit(Unit::Amount)
    .range(0.0, INF),
    Fshift => Control::new(
        "fshift",
        Voice,
        "Frequency shift, Hz (negative shifts down): every partial moves by the same amount (turns the shifter on).",
        "out: s \"superpiano\" # fshift 100",
    )
    .unit(Unit::Hz)
    .range(-INF, INF),
    Fshiftnote => Control::new(
        "fshiftnote",
        Voice,
        "Frequency shift as a multiple of the event's pitch, added to fshift; needs fshift.",
        "out: s \"superpiano\" # fshift 0 # fshiftnote 0.5",
    )
    .unit(Unit::Amount)
    .range(-INF, INF),
    Fshiftphase => Control::new(
        "fshiftphase",
        Voice,
        "Starting phase of the frequency shifter's oscillator, radians; needs fshift.",
        "out: s \"superpiano\" # fshift 2 # fshiftphase 1.57",
    )
    .range(-INF, INF),
    Waveloss => Control::new(
        "waveloss",
        Voice,
        "Drops this many of every 100 zero-crossing segments of the sound, at random (0..100).",
        "out: s \"supersaw\" # waveloss 40",
    )
    .range(0.0, 100.0),
    Overgain => Control::new(
        "overgain",
        Voice,
        "Added to gain before its 4th-power curve (SuperDirt's way past gain's limit of 2).",
        "out: s \"bd*4\" # gain 1 # overgain 0.3",
    )
    .unit(Unit::Amount)
    .range(-INF, INF),
    Overshape => Control::new(
        "overshape",
        Voice,
        "Added to shape (shape beyond its usual range, up to 0.99 in all).",
        "out: s \"bd*4\" # shape 0.5 # overshape 0.3",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Leslie => Control::new(
        "leslie",
        Voice,
        "Rotary speaker 0..1: crossfades from the dry sound to a spinning cabinet (each voice its own).",
        "out: s \"superhammond\" # leslie 1",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Lrate => Control::new(
        "lrate",
        Voice,
        "Rotary speaker rate, Hz (default 6.7 fast; 0.7 slow); needs leslie.",
        "out: s \"superhammond\" # leslie 1 # lrate 0.7",
    )
    .unit(Unit::Hz)
    .range(0.0, INF),
    Lsize => Control::new(
        "lsize",
        Voice,
        "Rotary speaker cabinet size, metres (0..5, default 0.3): more pitch warble; needs leslie.",
        "out: s \"superhammond\" # leslie 1 # lsize 1",
    )
    .range(0.0, 5.0),
    Comb => Control::new(
        "comb",
        Voice,
        "Spectral comb 0..1: cuts the spectrum into 256·comb teeth and silences all but the lowest 1 − comb of each; 0 passes all.",
        "out: s \"supersaw\" # comb 0.3",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Smear => Control::new(
        "smear",
        Voice,
        "Spectral smear 0..1: each partial's level is averaged with 1 to 64 neighbouring bins.",
        "out: s \"superpiano\" # smear 0.5",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Scram => Control::new(
        "scram",
        Voice,
        "Spectral scramble 0..1: that share of the spectrum's bins swaps with bins up to that share away.",
        "out: s \"superpiano\" # scram 0.2",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Binshift => Control::new(
        "binshift",
        Voice,
        "Spectral shift 0..1: stretches the spectrum by 0.01 (0) to 4 (1) and shifts it up by 10·binshift bins.",
        "out: s \"superpiano\" # binshift 0.4",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Hbrick => Control::new(
        "hbrick",
        Voice,
        "Spectral high-pass 0..1: silences the lowest hbrick · 0.6 of the spectrum.",
        "out: s \"supersaw\" # hbrick 0.1",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Lbrick => Control::new(
        "lbrick",
        Voice,
        "Spectral low-pass 0..1: silences the highest lbrick of the spectrum.",
        "out: s \"supersaw\" # lbrick 0.9",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Enhance => Control::new(
        "enhance",
        Voice,
        "Spectral enhancer 0..1: adds up to 16 harmonics (stretched by up to 5) above every partial.",
        "out: s \"superpiano\" # enhance 0.5",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Real => Control::new(
        "real",
        Voice,
        "Spectral conformal map, real part 0..1 (default 0.5): a wild spectral distortion, with imag.",
        "out: s \"superpiano\" # real 0.3 # imag 0.7",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Imag => Control::new(
        "imag",
        Voice,
        "Spectral conformal map, imaginary part 0..1 (default 0.5): a wild spectral distortion, with real.",
        "out: s \"superpiano\" # imag 0.2",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Freeze => Control::new(
        "freeze",
        Voice,
        "Spectral freeze: above 0 the voice's spectrum of its first whole frame (43 ms) holds for as long as it sounds.",
        "out: s \"superpiano\" # freeze 1 # legato 2",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Xsdelay => Control::new(
        "xsdelay",
        Voice,
        "Band delay pattern, an integer: 16 narrow bands, band i waiting (i AND xsdelay)/16 of the tsdelay time.",
        "out: s \"cp*2\" # xsdelay 5 # tsdelay 0.5",
    )
    .range(0.0, INF),
    Tsdelay => Control::new(
        "tsdelay",
        Voice,
        "Band delay time 0..1 (default 0.5): the longest band delay is tsdelay · 0.2 s.",
        "out: s \"cp*2\" # xsdelay 15 # tsdelay 0.8",
    )
    .unit(Unit::Amount)
    .range(0.0, 1.0),
    Loop => Control::new(
        "loop",
        Timing,
        "Plays a sample this many times over (a fraction cuts the last pass short); a synth lasts this many events.",
        "out: s \"cp\" # loop 3",
    )
    .range(0.0, INF),
    Nudge => Control::new(
        "nudge",
        Timing,
        "Moves the event's start by this many seconds, later or (negative) earlier, within 0.25 s.",
        "out: s \"hh*8\" # nudge \"0 0.02\"",
    )
    .unit(Unit::Seconds)
    .range(-0.25, 0.25),
    // MIDI output.
    Midiout => Control::new(
        "midiout",
        Midi,
        "Sends the events' notes to the plugin's MIDI output on this channel (1..16) instead of \
         playing them, to play other instruments in the DAW.",
        "out: note \"c4 e4 g4\" # midiout 1",
    )
    .takes("channel")
    .range(1.0, 16.0),
    Channel => Control::new(
        "channel",
        Midi,
        "MIDI channel (1..16) for midiout, overriding midiout's own.",
        "out: note \"c e\" # midiout 1 # channel 2",
    )
    .range(1.0, 16.0),
    // Settings: statements of a program, not event controls.
    Cps => Control::new(
        "cps",
        Setting,
        "Tempo in cycles per second (a cycle is a bar of bpc beats): cps: 0.5 is 120 bpm at 4 beats a cycle. \
         Also written tempo:, and in Tidal's way as setcps 0.5 or # cps 0.5 at the end of a d1 line.",
        "cps: 0.5",
    )
    .aliases(&["tempo"])
    .range(0.0, 1000.0),
    Bpm => Control::new("bpm", Setting, "Tempo in beats per minute, bpc beats to a cycle.", "bpm: 128")
        .range(0.0, 100000.0),
    Bpc => Control::new("bpc", Setting, "Beats per cycle, for bpm (default 4).", "bpc: 3")
        .range(0.0, 1024.0)
        .default(4.0),
}
