//! The synth name table: every synth `s` can play, by name, with its controls, one line of
//! help and an example. The symbol table, the compiler's sound-name check and the reference
//! read it; nothing else lists synth names.

use super::SynthKind;
use std::fmt::Write;

pub struct SynthInfo {
    pub kind: SynthKind,
    pub name: &'static str,
    /// The controls it responds to beyond `note`/`n`/`octave`/`freq`, gain and the per-voice
    /// effects.
    pub controls: &'static [&'static str],
    pub help: &'static str,
    pub example: &'static str,
}

const fn synth(
    kind: SynthKind,
    name: &'static str,
    controls: &'static [&'static str],
    help: &'static str,
    example: &'static str,
) -> SynthInfo {
    SynthInfo { kind, name, controls, help, example }
}

/// Controls of the moog pair.
const MOOG: &[&str] = &[
    "voice",
    "semitone",
    "pitch1",
    "lfo",
    "rate",
    "resonance",
    "decay",
    "sustain",
    "accelerate",
    "speed",
    "attack",
    "release",
];
const MOOG_SAW: &[&str] = &[
    "voice",
    "detune",
    "semitone",
    "pitch1",
    "lfo",
    "rate",
    "resonance",
    "decay",
    "sustain",
    "accelerate",
    "speed",
    "attack",
    "release",
];

/// Controls of every voice timed by its sustain.
const GLIDE: &[&str] = &["sustain", "accelerate", "speed"];

pub static SYNTHS: &[SynthInfo] = &[
    synth(SynthKind::Saw, "supersaw", MOOG_SAW, "Moog-style saws: three saws spread by `voice` (or `detune` percent) and a triangle `semitone` above, through a moog filter swept by an LFO.", "out: n \"0 4 7\" # s \"supersaw\" # voice 0.8 # lfo 2 # resonance 0.4"),
    synth(SynthKind::Piano, "superpiano", &["velocity", "detune", "muffle", "stereo", "attack", "release"], "Piano: stretched partials (`detune` the stiffness) ringing longer for low notes, a hammer that `velocity` hardens, `muffle` and `stereo`.", "out: note \"c e g\" # s \"superpiano\" # velocity 0.6 # muffle 0.3"),
    synth(SynthKind::Kick, "superkick", &["decay"], "Kick drum: a sine swept down two octaves below the note.", "out: s \"superkick*4\" # decay 0.4"),
    synth(SynthKind::Snare, "supersnare", &["decay"], "Snare drum: two damped tones and high-passed noise.", "out: s \"~ supersnare\" # decay 0.3"),
    synth(SynthKind::Hat, "superhat", &["decay"], "Hi-hat: six metallic squares and noise, high-passed.", "out: s \"superhat*8\" # decay 0.1"),
    synth(SynthKind::Fm, "superfm", &["voice", "decay"], "Two-operator FM; `voice` sets the modulator's ratio, the index settles over `decay`.", "out: note \"c a f e\" # s \"superfm\" # voice 0.5"),
    synth(SynthKind::Pwm, "superpwm", MOOG, "Moog-style pulse width: pulses times their own copies delayed by up to `voice` periods, swept through two moog filters.", "out: note \"c2 g2\" # s \"superpwm\" # voice 0.8 # rate 2"),
    synth(SynthKind::Square, "supersquare", MOOG, "Moog-style pulses: at the note and `semitone` below, width `voice` (0.5 square), through a moog filter swept by an LFO.", "out: note \"c e\" # s \"supersquare\" # voice 0.2 # pitch1 2"),
    synth(SynthKind::Mandolin, "supermandolin", &["detune", "sustain", "accelerate", "speed"], "Plucked string: a noise burst ringing in two combs `detune` percent apart, dying over the sustain.", "out: note \"c e g b\" # s \"supermandolin\" # detune 0.4"),
    synth(SynthKind::Gong, "supergong", &["voice", "decay", "sustain", "accelerate", "speed"], "Gong: fifteen plate modes; `voice` (0..4) brightens the strike, `decay` (0..2) lets the high modes ring.", "out: n \"0 7\" # s \"supergong\" # decay 0.5 # voice 1"),
    synth(SynthKind::Hex, "superhex", &["rate", "sustain", "accelerate", "speed"], "Drum membrane: inharmonic membrane modes from the note up; `rate` damps them.", "out: note \"c a\" # s \"superhex\" # rate 2"),
    synth(SynthKind::Drum808, "super808", &["voice", "rate", "sustain", "accelerate", "speed"], "808-style kick: a sine chirping down to MIDI note 10·n (`n` picks the drum), `voice` feeds it back, `rate` speeds the chirp.", "out: s \"super808*4\" # n \"3 4\" # voice 0.3"),
    synth(SynthKind::Clap, "superclap", &["n", "delay", "pitch1", "rate", "sustain"], "Hand clap: four bursts of band-passed noise; `delay` spaces them, `n` spreads them, `pitch1` tunes the band.", "out: s \"~ superclap\" # delay 2 # pitch1 1.2"),
    synth(SynthKind::Siren, "supersiren", GLIDE, "Siren: a ramp rising to four times the note and back over the sustain while its shape opens.", "out: note \"c\" # s \"supersiren\" # sustain 2"),
    synth(SynthKind::Comparator, "supercomparator", &["voice", "decay", "resonance", "lfo", "rate", "pitch1", "sustain", "accelerate", "speed"], "A ramp compared against sixteen slow triangles: wandering pulses across the stereo field, through a wobbling moog filter; `voice` breathier.", "out: note \"c2 g2\" # s \"supercomparator\" # voice 2 # lfo 0.5"),
    synth(SynthKind::Chip, "superchip", &["voice", "slide", "rate", "pitch2", "pitch3", "sustain", "accelerate", "speed"], "Sound chip: three square tones at the note, `pitch2` and `pitch3` times it, tuned to the chip's clock; `voice` switches them, `slide` glides `rate` times.", "out: note \"c e g\" # s \"superchip\" # slide 1 # rate 4"),
    synth(SynthKind::Noise, "supernoise", &["voice", "pitch1", "slide", "rate", "resonance", "accelerate", "sustain"], "Digital noise at the note's rate (`voice` 0) or brown-white noise (`voice` 1) through a band-pass at forty times the note.", "out: note \"c a\" # s \"supernoise\" # voice 0.5 # resonance 0.5"),
    synth(SynthKind::Fork, "superfork", GLIDE, "Tuning fork: a pure fundamental with clang partials that die quickly.", "out: note \"a\" # s \"superfork\" # sustain 4"),
    synth(SynthKind::Hammond, "superhammond", &["voice", "perc", "percf", "decay", "vibrato", "vrate", "sustain", "accelerate", "speed"], "Tonewheel organ: nine drawbars, `voice` picks a registration (0..9), key click, `perc` percussion, scanner vibrato.", "out: note \"c e g\" # s \"superhammond\" # voice 5 # perc 1"),
    synth(SynthKind::Vibe, "supervibe", &["decay", "velocity", "modamp", "modfreq", "detune", "sustain", "accelerate", "speed"], "Vibraphone: bar partials with motor tremolo (`modfreq`, `modamp`); `decay` damps the upper partials, `velocity` brightens.", "out: note \"c e g\" # s \"supervibe\" # modamp 1.5 # modfreq 4"),
    synth(SynthKind::Hoover, "superhoover", &["slide", "decay", "sustain", "accelerate", "speed"], "The rave hoover: chorused, pulse-gated ramps over two octaves, a sub hum, presence and stereo sweep; `slide` bends the start.", "out: note \"c2 c3\" # s \"superhoover\" # slide 2"),
    synth(SynthKind::Zow, "superzow", &["detune", "slide", "decay", "sustain", "accelerate", "speed"], "Phased ramps: three detuned ramps delayed against each other; `slide` sets the phasing speed.", "out: note \"c2\" # s \"superzow\" # detune 2 # slide 4"),
    synth(SynthKind::Static, "superstatic", &["sustain", "speed"], "Static: random impulses flip a square wave, denser for higher notes, faded in and out.", "out: note \"c a5\" # s \"superstatic\""),
    synth(SynthKind::Grind, "supergrind", &["voice", "detune", "rate", "sustain", "accelerate", "speed"], "Grinding feedback string tuned to the note, kicked by impulse trains and folded; `detune` in Hz.", "out: note \"c2\" # s \"supergrind\" # detune 2 # voice 1"),
    synth(SynthKind::Primes, "superprimes", &["voice", "detune", "rate", "sustain", "accelerate", "speed"], "Nine partials of half the note, each pinged at a rate set by a prime number; `voice` sharpens the pings.", "out: note \"c\" # s \"superprimes\" # sustain 4 # voice 1"),
    synth(SynthKind::WaveMechanics, "superwavemechanics", &["voice", "detune", "resonance", "sustain", "speed"], "Noise ringing in narrow resonators at random multiples of the note, in a long wash; `resonance` shortens the wash.", "out: note \"c\" # s \"superwavemechanics\" # sustain 4 # resonance 0.5"),
    synth(SynthKind::Gabor, "gabor", &["sustain"], "A grain: a sine at the note under a Gaussian window as long as the sustain (SuperDirt's utility synth).", "out: note \"c e g\" # s \"gabor\" # sustain 0.1"),
    synth(SynthKind::Dirac, "dirac", &[], "A single click: one sample at full level (SuperDirt's Dirac impulse).", "out: s \"dirac*8\""),
    synth(SynthKind::Tron, "supertron", &["voice", "detune", "sustain", "accelerate", "speed"], "Feedback pulse width: two pulses beating around the note, widths set by their own filtered output.", "out: note \"c2\" # s \"supertron\" # detune 1 # voice 0.5"),
    synth(SynthKind::Reese, "superreese", &["voice", "detune", "sustain", "accelerate", "speed"], "Reese bass: two detuned ramps, resonant low-pass, hard clip, second low-pass; `voice` trades resonances.", "out: note \"c1 c2\" # s \"superreese\" # detune 1"),
    synth(SynthKind::SosKick, "soskick", &["voice", "pitch1", "pitch2", "speed", "sustain"], "Kick recipe: a sine dropping an octave onto the note, phase-modulated at `pitch1` Hz by `voice`; `pitch2` adds a beater.", "out: note \"-24\" # s \"soskick*4\" # pitch2 0.5"),
    synth(SynthKind::SosHats, "soshats", &["pitch1", "resonance", "sustain"], "Hi-hat recipe: phase modulation far past audio, filtered high; `pitch1` its depth.", "out: s \"soshats*8\" # sustain 0.1"),
    synth(SynthKind::SosToms, "sostoms", &["voice", "sustain"], "Tom recipe: sines at the note and 0.8 times it, a phase-modulated tone and crackle.", "out: note \"-12 -7\" # s \"sostoms\" # sustain 0.4"),
    synth(SynthKind::SosSnare, "sossnare", &["voice", "semitone", "pitch1", "resonance", "sustain"], "Snare recipe: a phase-modulated tone and notched, resonated noise at `pitch1` Hz.", "out: s \"~ sossnare\" # sustain 0.3"),
];

/// The table entry of `kind`.
pub fn info(kind: SynthKind) -> &'static SynthInfo {
    SYNTHS.iter().find(|s| s.kind == kind).unwrap_or(&SYNTHS[0])
}

/// The synths' section of the reference.
pub fn reference_markdown(s: &mut String) {
    s.push_str("## Synth voices\n\n");
    s.push_str("Played by name with `s`, pitched by `note`/`n`/`octave`/`freq`, lasting the event (or `sustain`\n");
    s.push_str("seconds, or `legato` times the event); `accelerate` glides the pitch over that time and\n");
    s.push_str("`speed` scales it. The per-voice effects and sends apply as to samples.\n\n");
    for k in SYNTHS {
        let _ = writeln!(s, "### `{}`\n", k.name);
        let _ = writeln!(s, "{}\n", k.help);
        if !k.controls.is_empty() {
            let c: Vec<String> = k.controls.iter().map(|c| format!("`{c}`")).collect();
            let _ = writeln!(s, "Controls: {}\n", c.join(", "));
        }
        let _ = writeln!(s, "```\n{}\n```\n", k.example);
    }
}
