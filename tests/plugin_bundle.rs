//! The built CLAP bundle, loaded as a host loads it: `dlopen`, `clap_entry`, factory, create,
//! activate, process, with parameters, transport, notes, state and several output ports.
//!
//! The test bundle is built with nice-plug's `assert_process_allocs` (scripts/test.sh), so any
//! allocation inside the plugin's `process()` aborts these tests.

use phonon_tests::analysis::{peak_frequency, rms};
use phonon_tests::clap_bundle;
use phonon_tests::clap_host::{Block, Event, HostTransport, Instance, Library};
use std::sync::Mutex;

const STEREO: &str = "org.phonon.phonon";
const MULTI: &str = "org.phonon.phonon-multi";
const SR: f64 = 48_000.0;
const LATENCY: usize = 128;
/// Two numbered outputs and no `out:`: the main output is their sum.
const TWO_OUTS: &str = "out1: sine 330 * 0.2\nout2: sine 550 * 0.2\n";

/// One test at a time: each loads the library (`clap_entry.init`/`deinit`) and renders.
static SERIAL: Mutex<()> = Mutex::new(());

fn library() -> Library {
    let path = clap_bundle().expect(
        "target/bundled/Phonon.clap is missing: the test command builds it first (scripts/test.sh runs `cargo xtask bundle phonon`)",
    );
    Library::load(&path).expect("loads")
}

/// Replace the program in a saved state (nice-plug's CLAP state: a length, then JSON whose
/// `fields.phonon` holds Phonon's document as a string).
fn state_with_program(saved: &[u8], program: &str) -> Vec<u8> {
    let mut state: serde_json::Value = serde_json::from_slice(&saved[8..]).expect("nice-plug state is JSON");
    let mut doc: serde_json::Value =
        serde_json::from_str(state["fields"]["phonon"].as_str().expect("a phonon field")).expect("document");
    assert_eq!(doc["version"], 1);
    doc["program"] = program.into();
    state["fields"]["phonon"] = doc.to_string().into();
    let json = state.to_string().into_bytes();
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend(json);
    out
}

/// An instance of plugin `id` whose saved state holds `program`, restored before activation.
fn with_program<'a>(lib: &'a Library, id: &str, program: &str) -> Instance<'a> {
    let p = lib.create(id).expect("creates");
    let saved = p.save_state().expect("saves");
    assert!(p.load_state(&state_with_program(&saved, program)).expect("loads"));
    p
}

/// Render `frames` samples in blocks of `block`, with `ports` output ports; `[port][ch]`.
fn render(p: &mut Instance, frames: usize, block: usize, ports: usize) -> Vec<[Vec<f32>; 2]> {
    let mut out: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [Vec::new(), Vec::new()]).collect();
    let mut done = 0;
    while done < frames {
        let n = block.min(frames - done);
        let o = p.run(&Block { frames: n, ports, input: None, transport: None, events: &[] }).expect("processes");
        for (k, [l, r]) in o.ports.into_iter().enumerate() {
            out[k][0].extend(l);
            out[k][1].extend(r);
        }
        done += n;
    }
    out
}

fn set(p: &Instance, name: &str, value: f64) -> Event {
    Event::Param { time: 0, id: p.param(name).expect("parameter").id, value }
}

fn freq(x: &[f32]) -> f32 {
    peak_frequency(x, SR as f32)
}

#[test]
fn the_clap_bundle_plays_its_program_in_a_host() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let ids = lib.plugin_ids().expect("factory lists plugins");
    assert!(ids.iter().any(|i| i == STEREO) && ids.iter().any(|i| i == MULTI), "plugins: {ids:?}");
    let mut p = lib.create(STEREO).expect("creates");
    p.activate(SR, 1024).expect("activates");
    let mut left = Vec::new();
    for frames in [256usize, 1024, 100, 1024, 1024, 512, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024] {
        let out = p.process(frames, 1, 0).expect("processes");
        left.extend_from_slice(&out[0][0]);
    }
    // Skip the first block (latency), then the sine must be there.
    let tail = &left[1024..];
    assert!(rms(tail) > 0.05, "silent: rms {}", rms(tail));
    let f = freq(tail);
    assert!((f - 440.0).abs() < 2.0, "peak at {f} Hz");
}

#[test]
fn each_plugin_declares_its_ports_and_parameters() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let stereo = lib.create(STEREO).expect("creates");
    assert_eq!(stereo.audio_ports(false), vec![("Output".to_string(), 2)]);
    assert_eq!(stereo.audio_ports(true), vec![("Input".to_string(), 2)]);
    let multi = lib.create(MULTI).expect("creates");
    let outs = multi.audio_ports(false);
    let names: Vec<&str> = outs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Output", "out1", "out2", "out3", "out4", "out5", "out6", "out7", "out8"]);
    assert!(outs.iter().all(|(_, ch)| *ch == 2));
    for p in [&stereo, &multi] {
        let params = p.params();
        assert_eq!(params.len(), 4 + 3 * 8 + 8, "{params:?}");
        for name in ["Master Gain", "Hush", "Panic", "Free Run", "Out 1 Solo", "Out 8 Mute", "Out 3 Gain", "Param 8"] {
            p.param(name).expect("declared");
        }
    }
}

#[test]
fn a_restored_program_plays_from_the_first_block() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = with_program(&lib, STEREO, "out: sine 330 * 0.2");
    p.activate(SR, 512).expect("activates");
    let out = render(&mut p, 8192, 512, 1);
    let first = &out[0][0][LATENCY..LATENCY + 4096];
    assert!(rms(first) > 0.1, "plays at once: rms {}", rms(first));
    assert!((freq(first) - 330.0).abs() < 3.0, "{}", freq(first));
    // The state saved now carries the program, and another instance plays it too.
    let saved = p.save_state().expect("saves");
    let mut q = lib.create(STEREO).expect("creates");
    assert!(q.load_state(&saved).expect("loads"));
    q.activate(SR, 512).expect("activates");
    let again = render(&mut q, 8192, 512, 1);
    assert_eq!(again[0][0], out[0][0], "the same program, sample for sample");
}

#[test]
fn a_state_restored_while_playing_takes_over() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = lib.create(STEREO).expect("creates");
    let saved = p.save_state().expect("saves");
    p.activate(SR, 512).expect("activates");
    render(&mut p, 4096, 512, 1);
    assert!(p.load_state(&state_with_program(&saved, "out: sine 660 * 0.2")).expect("loads"));
    // The compile worker builds it off the audio thread; keep playing until it arrives.
    let start = std::time::Instant::now();
    let mut f = 0.0;
    while start.elapsed() < std::time::Duration::from_secs(60) {
        let out = render(&mut p, 8192, 512, 1);
        f = freq(&out[0][0][4096..]);
        if (f - 660.0).abs() < 3.0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!((f - 660.0).abs() < 3.0, "still at {f} Hz");
}

#[test]
fn damaged_or_foreign_state_gives_the_defaults() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let base = lib.create(STEREO).expect("creates").save_state().expect("saves");
    let mut damaged: serde_json::Value = serde_json::from_slice(&base[8..]).unwrap();
    damaged["fields"]["phonon"] = "{\"version\": 1, \"program\": \"out: si".into();
    let foreign = serde_json::json!({"version": "2.0", "params": {"gain": {"f32": 0.001}}, "fields": {"other": "{}"}});
    let garbage = b"\x10\x00\x00\x00\x00\x00\x00\x00not json at all!".to_vec();
    for (what, value) in [("damaged", Some(damaged)), ("foreign", Some(foreign)), ("garbage", None)] {
        let bytes = match value {
            Some(v) => {
                let json = v.to_string().into_bytes();
                let mut b = (json.len() as u64).to_le_bytes().to_vec();
                b.extend(json);
                b
            }
            None => garbage.clone(),
        };
        let mut p = lib.create(STEREO).expect("creates");
        let accepted = p.load_state(&bytes).expect("the state extension answers");
        assert_eq!(accepted, what != "garbage", "{what}");
        p.activate(SR, 512).expect("activates");
        let out = render(&mut p, 8192, 512, 1);
        let tail = &out[0][0][2048..];
        assert!((freq(tail) - 440.0).abs() < 2.0, "{what}: the default program plays");
        assert!(rms(tail) > 0.1, "{what}: at the default gain, rms {}", rms(tail));
    }
}

#[test]
fn multi_sends_each_numbered_output_to_its_own_port() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = with_program(&lib, MULTI, TWO_OUTS);
    p.activate(SR, 512).expect("activates");
    let out = render(&mut p, 16384, 512, 9);
    let at = |k: usize| &out[k][0][4096..];
    assert!((freq(at(1)) - 330.0).abs() < 3.0, "out1 at {}", freq(at(1)));
    assert!((freq(at(2)) - 550.0).abs() < 3.0, "out2 at {}", freq(at(2)));
    assert!(rms(at(1)) > 0.1 && rms(at(2)) > 0.1);
    assert!(rms(at(3)) == 0.0, "out3 is silent");
    // Without `out:` the main output is the sum of the numbered ones.
    let main = at(0);
    assert!(rms(main) > rms(at(1)) * 1.2, "main carries both");
}

/// Render TWO_OUTS with `events` at the first block.
fn two_outs_with(lib: &Library, id: &str, ports: usize, names: &[(&str, f64)]) -> Vec<[Vec<f32>; 2]> {
    let mut p = with_program(lib, id, TWO_OUTS);
    p.activate(SR, 512).expect("activates");
    let events: Vec<Event> = names.iter().map(|(n, v)| set(&p, n, *v)).collect();
    let first = p.run(&Block { frames: 512, ports, input: None, transport: None, events: &events }).expect("processes");
    assert_eq!(first.ports.len(), ports);
    render(&mut p, 16384, 512, ports)
}

#[test]
fn solo_and_mute_from_the_host_change_what_is_heard() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let tail = |o: &Vec<[Vec<f32>; 2]>, k: usize| o[k][0][4096..].to_vec();
    // Solo out1: out2 falls silent, the main sum holds only out1.
    let solo = two_outs_with(&lib, MULTI, 9, &[("Out 1 Solo", 1.0)]);
    assert!(rms(&tail(&solo, 1)) > 0.1);
    assert!(rms(&tail(&solo, 2)) < 1e-4, "out2 silenced by the solo");
    assert!((freq(&tail(&solo, 0)) - 330.0).abs() < 3.0);
    // Mute wins over solo.
    let both = two_outs_with(&lib, MULTI, 9, &[("Out 1 Solo", 1.0), ("Out 1 Mute", 1.0)]);
    assert!(rms(&tail(&both, 1)) < 1e-4 && rms(&tail(&both, 2)) < 1e-4 && rms(&tail(&both, 0)) < 1e-4);
    // Mute out1 alone: out2 plays on.
    let mute = two_outs_with(&lib, MULTI, 9, &[("Out 1 Mute", 1.0)]);
    assert!(rms(&tail(&mute, 1)) < 1e-4 && rms(&tail(&mute, 2)) > 0.1);
    // The stereo plugin hears the same on its main output.
    let stereo = two_outs_with(&lib, STEREO, 1, &[("Out 2 Solo", 1.0)]);
    assert!((freq(&tail(&stereo, 0)) - 550.0).abs() < 3.0);
    // Master gain at its minimum (-60 dB) scales every port.
    let quiet = two_outs_with(&lib, MULTI, 9, &[("Master Gain", 0.0)]);
    let loud = two_outs_with(&lib, MULTI, 9, &[]);
    for k in [0, 1, 2] {
        let ratio = rms(&tail(&quiet, k)) / rms(&tail(&loud, k));
        assert!((ratio - 0.001).abs() < 0.0002, "port {k}: {ratio}");
    }
}

/// Steps of 0.1 .. 0.4, a quarter cycle each, on `out1`: the main output (their sum) tells
/// the cycle position, and muting `out1` silences it.
const STEPS: &str = "out1: \"0.1 0.2 0.3 0.4\"\n";

/// Play STEPS with the host's transport at 120 bpm from beat 0 (looping back to beat 0 at
/// sample `loop_at`), muting and unmuting through automation at fixed samples, with notes
/// going in, in host calls of the given sizes. Returns the main left channel.
fn play_steps(lib: &Library, sizes: &[usize], total: usize, loop_at: usize) -> Vec<f32> {
    let mut p = with_program(lib, STEREO, STEPS);
    p.activate(SR, 4096).expect("activates");
    let mute = p.param("Out 1 Mute").expect("mute").id;
    // Automation: mute from 50000 to 60000 (sample-accurate, smoothed by the engine).
    let automation = [(50_000usize, 1.0), (60_000, 0.0)];
    let mut out = Vec::new();
    let (mut at, mut call) = (0usize, 0usize);
    while at < total {
        let n = sizes[call % sizes.len()].min(total - at);
        let pos = if at >= loop_at { at - loop_at } else { at };
        let mut events: Vec<Event> = automation
            .iter()
            .filter(|(t, _)| *t >= at && *t < at + n)
            .map(|&(t, v)| Event::Param { time: (t - at) as u32, id: mute, value: v })
            .collect();
        if at % 7 == 0 {
            events.push(Event::Note { time: (n / 2) as u32, on: call % 2 == 0, channel: 0, key: 60, velocity: 0.8 });
        }
        let t = HostTransport { playing: true, beats: pos as f64 * 120.0 / 60.0 / SR, bpm: 120.0 };
        let o = p.run(&Block { frames: n, ports: 1, input: None, transport: Some(t), events: &events }).expect("runs");
        assert!(o.notes.is_empty(), "no program here sends notes");
        out.extend_from_slice(&o.ports[0][0]);
        at += n;
        call += 1;
    }
    out
}

#[test]
fn the_host_transport_drives_time_and_a_bounce_equals_playback() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let total = 96_000;
    let loop_at = 80_000;
    // "Offline": big blocks. "Real time": small, uneven blocks.
    let offline = play_steps(&lib, &[4000], total, loop_at);
    let realtime = play_steps(&lib, &[250, 125, 500, 125], total, loop_at);
    assert_eq!(offline, realtime, "identical, sample for sample");
    // The steps follow the host's beats: 24000 samples each at 120 bpm.
    assert_eq!(offline[LATENCY + 23_999], 0.1);
    assert_eq!(offline[LATENCY + 24_000], 0.2);
    // The mute automation silenced 50000..60000 (after the engine's 5 ms smoothing).
    assert!(offline[LATENCY + 49_999] == 0.3 && offline[LATENCY + 50_100] < 0.3);
    assert!(offline[LATENCY + 57_000].abs() < 1e-6);
    // Back after the unmute (the engine's smoother settles within 1e-4).
    assert!((offline[LATENCY + 70_000] - 0.3).abs() < 1e-4);
    // The loop back to beat 0 lands on its sample.
    let near = |x: f32, v: f32| (x - v).abs() < 1e-4;
    assert!(near(offline[LATENCY + loop_at - 1], 0.4), "{}", offline[LATENCY + loop_at - 1]);
    assert!(near(offline[LATENCY + loop_at], 0.1), "{}", offline[LATENCY + loop_at]);
}

#[test]
fn free_run_off_waits_for_the_host_to_play() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = lib.create(STEREO).expect("creates");
    p.activate(SR, 512).expect("activates");
    let off = [set(&p, "Free Run", 0.0)];
    let stopped = HostTransport { playing: false, beats: 0.0, bpm: 120.0 };
    let mut quiet = Vec::new();
    for i in 0..20 {
        let events: &[Event] = if i == 0 { &off } else { &[] };
        let o = p.run(&Block { frames: 512, ports: 1, input: None, transport: Some(stopped), events }).expect("runs");
        quiet.extend_from_slice(&o.ports[0][0]);
    }
    assert!(rms(&quiet[2048..]) == 0.0, "silent while stopped");
    let mut playing = Vec::new();
    for i in 0..20 {
        let t = HostTransport { playing: true, beats: (i * 512) as f64 / 24_000.0, bpm: 120.0 };
        let o = p.run(&Block { frames: 512, ports: 1, input: None, transport: Some(t), events: &[] }).expect("runs");
        playing.extend_from_slice(&o.ports[0][0]);
    }
    assert!(rms(&playing[1024..]) > 0.1, "plays with the host");
}

#[test]
fn hush_fades_out_and_back() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = lib.create(STEREO).expect("creates");
    p.activate(SR, 512).expect("activates");
    let hush = p.param("Hush").expect("hush").id;
    let run = |p: &mut Instance, v: Option<f64>, blocks: usize| {
        let mut out = Vec::new();
        for i in 0..blocks {
            let e: Vec<Event> =
                v.filter(|_| i == 0).map(|v| Event::Param { time: 0, id: hush, value: v }).into_iter().collect();
            out.extend(
                p.run(&Block { frames: 512, ports: 1, input: None, transport: None, events: &e }).unwrap().ports[0][0]
                    .clone(),
            );
        }
        out
    };
    run(&mut p, None, 8);
    let hushed = run(&mut p, Some(1.0), 100);
    assert!(rms(&hushed[40_000..]) < 1e-4, "silent after the fade");
    let back = run(&mut p, Some(0.0), 100);
    assert!(rms(&back[40_000..]) > 0.1, "back after unhush");
}

/// Render `blocks` host calls of 512 samples with the given input, transport and events
/// (events keyed by call index); returns the main left channel and every note sent out, at
/// absolute samples.
fn play(
    p: &mut Instance,
    blocks: usize,
    input: Option<&[f32]>,
    transport: bool,
    events: &dyn Fn(usize) -> Vec<Event>,
) -> (Vec<f32>, Vec<(usize, bool, i16, i16)>) {
    let (mut out, mut notes) = (Vec::new(), Vec::new());
    for i in 0..blocks {
        let at = i * 512;
        let inp = input.map(|x| [&x[at..at + 512], &x[at..at + 512]]);
        let t = transport.then(|| HostTransport { playing: true, beats: at as f64 / 24_000.0, bpm: 120.0 });
        let e = events(i);
        let o = p.run(&Block { frames: 512, ports: 1, input: inp, transport: t, events: &e }).expect("runs");
        notes.extend(o.notes.iter().map(|n| (at + n.time as usize, n.on, n.channel, n.key)));
        out.extend_from_slice(&o.ports[0][0]);
    }
    (out, notes)
}

#[test]
fn programs_hear_the_host_input() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = with_program(&lib, STEREO, "out: in * 0.5");
    p.activate(SR, 512).expect("activates");
    let input: Vec<f32> = (0..20 * 512).map(|i| 0.4 * (i as f32 * 0.05).sin()).collect();
    let (out, _) = play(&mut p, 20, Some(&input), false, &|_| Vec::new());
    // Half the input, one engine block later.
    for i in (LATENCY..out.len()).step_by(97) {
        assert!((out[i] - 0.5 * input[i - LATENCY]).abs() < 1e-6, "sample {i}: {} vs {}", out[i], input[i - LATENCY]);
    }
}

#[test]
fn macro_parameters_reach_the_program() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = with_program(&lib, STEREO, "out: sine (param 1 * 400 + 200) * 0.3");
    p.activate(SR, 512).expect("activates");
    let id = p.param("Param 1").expect("macro").id;
    let (out, _) = play(&mut p, 40, None, false, &|i| {
        if i == 0 {
            vec![Event::Param { time: 0, id, value: 0.5 }]
        } else {
            Vec::new()
        }
    });
    let f = freq(&out[4096..]);
    assert!((f - 400.0).abs() < 3.0, "param 1 = 0.5 plays 400 Hz, got {f}");
}

#[test]
fn notes_in_play_the_midi_pattern() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    // The held note's number drives a sine (the engine's `midi # s ..` voices are tested there).
    let mut p = with_program(&lib, STEREO, "out: sine midi * 0.3");
    p.activate(SR, 512).expect("activates");
    let note = |on: bool| Event::Note { time: 100, on, channel: 0, key: 69, velocity: 0.9 };
    let (silent, _) = play(&mut p, 8, None, true, &|_| Vec::new());
    assert!(rms(&silent) < 1e-6, "no notes, no sound");
    let (held, _) = play(&mut p, 40, None, true, &|i| if i == 0 { vec![note(true)] } else { Vec::new() });
    assert!(rms(&held[2048..]) > 0.01, "a held note sounds: rms {}", rms(&held[2048..]));
    let f = freq(&held[2048..]);
    // `midi` gives Tidal's note numbers: key 69 (A above middle C) is note 9.
    assert!((f - 9.0).abs() < 0.5, "key 69 is note 9 and plays 9 Hz here, got {f} Hz");
}

/// The acceptance test of `midiout` through the plugin: pattern notes leave the plugin as host
/// note events on their samples.
#[test]
fn midiout_sends_notes_to_the_host_on_their_samples() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lib = library();
    let mut p = with_program(&lib, STEREO, "out: note \"c4 e4 g4\" # midiout 2");
    p.activate(SR, 512).expect("activates");
    // 120 bpm, 4 beats a cycle: a cycle is 96000 samples, a third of it 32000.
    let (_, notes) = play(&mut p, 200, None, true, &|_| Vec::new());
    let ons: Vec<(usize, i16, i16)> = notes.iter().filter(|n| n.1).map(|n| (n.0, n.2, n.3)).collect();
    assert!(ons.len() >= 3, "{notes:?}");
    // On their exact samples (one engine block of latency, as the audio), channel 2 = index 1.
    assert_eq!(&ons[..3], &[(LATENCY, 1, 48), (LATENCY + 32_000, 1, 52), (LATENCY + 64_000, 1, 55)]);
    // Every note is released.
    for (at, _, key) in &ons[..2] {
        assert!(notes.iter().any(|n| !n.1 && n.3 == *key && n.0 > *at), "note {key} released");
    }
}
