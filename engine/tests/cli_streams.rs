//! The `phonon` command under load and abuse: long renders stream to disk with flat memory,
//! swaps repeat, errors name their own file, bad text and closed pipes are handled quietly.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

fn phonon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_phonon"))
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("phonon-clis-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Peak resident memory of a child, MB, polled from /proc while it runs (0 elsewhere).
fn peak_rss_mb(mut cmd: Command) -> (f64, std::process::ExitStatus) {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0.0f64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            for l in s.lines().filter(|l| l.starts_with("VmHWM:")) {
                let kb: f64 = l.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                peak = peak.max(kb / 1024.0);
            }
        }
        if let Some(st) = child.try_wait().unwrap() {
            return (peak, st);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn long_renders_stream_with_flat_memory() {
    let d = tmp("stream");
    let prog = d.join("sine.ph");
    std::fs::write(&prog, "out: sine 440 * 0.2\n").unwrap();
    let render = |seconds: &str| {
        let mut c = phonon();
        let wav = d.join(format!("sine{seconds}.wav"));
        c.args([
            "render",
            prog.to_str().unwrap(),
            wav.to_str().unwrap(),
            "--seconds",
            seconds,
            "--sample-rate",
            "8000",
        ]);
        let (peak, st) = peak_rss_mb(c);
        assert!(st.success());
        let frames = hound::WavReader::open(&wav).unwrap().duration();
        let _ = std::fs::remove_file(&wav);
        (peak, frames)
    };
    let (short, frames) = render("1");
    assert_eq!(frames, 8000);
    // Ten minutes at 8 kHz: 38 MB of audio, which held in memory (twice, as before) would show.
    let (long, frames) = render("600");
    assert_eq!(frames, 600 * 8000);
    eprintln!("peak memory: 1 s render {short:.1} MB, 600 s render {long:.1} MB");
    if short > 0.0 {
        assert!(long - short < 16.0, "memory grows with the render: {short:.1} MB -> {long:.1} MB");
    }
    let _ = std::fs::remove_dir_all(&d);
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

#[test]
fn swaps_repeat_and_errors_name_their_own_file() {
    let d = tmp("swaps");
    let (main, a, b, bad) = (d.join("main.ph"), d.join("a.ph"), d.join("b.ph"), d.join("bad.ph"));
    // One cycle per second.
    std::fs::write(&main, "tempo: 1\nout: sine 440 * 0\n").unwrap();
    std::fs::write(&a, "tempo: 1\nout: sine 440 * 0.5\n").unwrap();
    std::fs::write(&b, "tempo: 1\nout: sine 440 * 0\n").unwrap();
    std::fs::write(&bad, "tempo: 1\nout: sine (\n").unwrap();
    let wav = d.join("swaps.wav");
    let s = |p: &std::path::PathBuf| p.to_str().unwrap().to_string();
    let out = phonon()
        .args(["render", &s(&main), &s(&wav), "--cycles", "3", "--sample-rate", "8000"])
        .args(["--swap-to", &s(&a), "--swap-at", "1", "--swap-to", &s(&b), "--swap-at", "2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let samples: Vec<f32> = hound::WavReader::open(&wav).unwrap().samples::<f32>().map(|x| x.unwrap()).collect();
    let left: Vec<f32> = samples.iter().step_by(2).copied().collect();
    assert_eq!(left.len(), 3 * 8000);
    let (first, second, third) = (rms(&left[1000..7000]), rms(&left[9000..15000]), rms(&left[17500..23000]));
    assert!(first < 1e-4 && third < 1e-4, "{first} {third}");
    assert!((second - 0.5 / 2f32.sqrt()).abs() < 0.02, "{second}");

    let out = phonon()
        .args(["render", &s(&main), &s(&wav), "--cycles", "2"])
        .args(["--swap-to", &s(&a), "--swap-at", "1/2", "--swap-to", &s(&bad), "--swap-at", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{}:2:", bad.display())), "{err}");
    let out = phonon().args(["render", &s(&main), &s(&wav), "--swap-to", &s(&a)]).output().unwrap();
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn invalid_utf8_is_located() {
    let d = tmp("utf8");
    let prog = d.join("bad.ph");
    std::fs::write(&prog, b"out: sine 440\n~a: s \"b\xffd\"\n").unwrap();
    let out = phonon().args(["check", prog.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{}:2:9: error: ", prog.display())), "{err}");
    assert!(err.contains("UTF-8") && err.contains("0xFF"), "{err}");
    // From standard input too.
    let mut child = phonon().args(["check", "-"]).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("out: «\u{e9}»\n".as_bytes().iter().chain(b"\xc3(").copied().collect::<Vec<u8>>().as_slice())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("<stdin>:2:1: error: "), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_closed_pipe_ends_events_quietly() {
    let mut child = phonon()
        .args(["events", "fast 8 $ \"bd*16 sn*16\"", "--to", "50"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {err}", out.status);
    assert!(!err.contains("panicked") && err.is_empty(), "{err}");
}
