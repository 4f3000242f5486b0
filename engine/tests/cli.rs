//! The `phonon` command as scripts use it.

use std::process::Command;

fn phonon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_phonon"))
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("phonon-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn render_writes_a_float_stereo_wav() {
    let d = tmp("render");
    let prog = d.join("sine.ph");
    std::fs::write(&prog, "out: sine 440\n").unwrap();
    let wav = d.join("sine.wav");
    let st = phonon()
        .args(["render", prog.to_str().unwrap(), wav.to_str().unwrap(), "--seconds", "1", "--sample-rate", "44100"])
        .status()
        .unwrap();
    assert!(st.success());
    let r = hound::WavReader::open(&wav).unwrap();
    let spec = r.spec();
    assert_eq!((spec.channels, spec.sample_rate, spec.bits_per_sample), (2, 44100, 32));
    assert_eq!(spec.sample_format, hound::SampleFormat::Float);
    assert_eq!(r.len(), 2 * 44100);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn check_reports_file_line_column_and_a_caret() {
    let d = tmp("check");
    let prog = d.join("bad.ph");
    std::fs::write(&prog, "tempo: 0.5\nout: sinee 440\n").unwrap();
    let out = phonon().args(["check", prog.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!("{}:2:6: error: unknown function 'sinee'; did you mean 'sine', 'sin', 'size'?", prog.display())
    );
    assert!(err.lines().nth(2).unwrap().trim_end().ends_with("^^^^^"), "{err}");
    std::fs::write(&prog, "out: sine 440\n").unwrap();
    assert!(phonon().args(["check", prog.to_str().unwrap()]).status().unwrap().success());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn programs_can_come_from_stdin() {
    use std::io::Write;
    let mut child = phonon()
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"out: sine 440\n").unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_failed_render_writes_nothing() {
    let d = tmp("fail");
    let prog = d.join("bad.ph");
    std::fs::write(&prog, "out: nope 1\n").unwrap();
    let wav = d.join("bad.wav");
    let st = phonon().args(["render", prog.to_str().unwrap(), wav.to_str().unwrap()]).status().unwrap();
    assert!(!st.success());
    assert!(!wav.exists());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bench_reports_cpu_time_and_writes_every_block() {
    let d = tmp("bench");
    let prog = d.join("light.ph");
    std::fs::write(&prog, "out: (s \"bd*4\" # amp 0.3) + sine 220 * 0.1\n").unwrap();
    let csv = d.join("blocks.csv");
    let out = phonon()
        .args(["bench", prog.to_str().unwrap(), "--seconds", "1", "--threads", "1", "--sample-rate", "48000"])
        .args(["--blocks-csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    for line in ["worst block:", "CPU per block:", "preempted:", "cpu_max_us="] {
        assert!(report.contains(line), "{line} missing from\n{report}");
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("block,at_s,cycle,wall_us,cpu_us,preemptions,page_faults"));
    let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect();
    // One row per host buffer of 512 frames in one second.
    assert_eq!(rows.len(), 48000usize.div_ceil(512));
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.len(), 7);
        assert_eq!(r[0], i as f64);
        assert!((r[1] - (i * 512) as f64 / 48000.0).abs() < 1e-5, "{r:?}");
        assert!(r[3] > 0.0 && r[4] >= 0.0, "{r:?}");
    }
    let _ = std::fs::remove_dir_all(&d);
}
