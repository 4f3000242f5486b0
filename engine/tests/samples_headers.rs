//! Sample files with hostile headers: checked before any decoder sees them (no panic text
//! anywhere), streaming sizes read to the end of the data, non-finite samples reported once
//! per file.

use phonon_engine::samples::{decode_file, decode_file_checked, Bank, LoadLimits};
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phonon-hdr-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A WAV file: `fmt` fields as given, then the data chunk with `data_size` in its header.
fn wav(format: u16, channels: u16, rate: u32, bits: u16, riff_size: u32, data_size: u32, data: &[u8]) -> Vec<u8> {
    let align = channels * bits / 8;
    let mut b = Vec::new();
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&riff_size.to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&format.to_le_bytes());
    b.extend_from_slice(&channels.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&(rate.wrapping_mul(align as u32)).to_le_bytes());
    b.extend_from_slice(&align.to_le_bytes());
    b.extend_from_slice(&bits.to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&data_size.to_le_bytes());
    b.extend_from_slice(data);
    b
}

fn pcm16(frames: usize) -> Vec<u8> {
    (0..frames).flat_map(|i| (((i as f32 * 0.05).sin() * 12000.0) as i16).to_le_bytes()).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_sample_rate_of_zero_is_refused_without_a_panic() {
    let d = scratch("rate0");
    let kit = d.join("zero");
    std::fs::create_dir_all(&kit).unwrap();
    write(&kit, "a.wav", &wav(1, 1, 0, 16, 36 + 200, 200, &pcm16(100)));
    write(&kit, "b.wav", &wav(1, 0, 44100, 16, 36 + 200, 200, &pcm16(100)));
    write(&kit, "c.wav", &wav(1, 1, 44100, 16, 36 + 200, 200, &pcm16(100)));
    let Err(e) = decode_file(&kit.join("a.wav"), "a", &LoadLimits::default()) else { panic!("decoded") };
    assert!(e.to_string().contains("sample rate 0"), "{e}");
    let Err(e) = decode_file(&kit.join("b.wav"), "b", &LoadLimits::default()) else { panic!("decoded") };
    assert!(e.to_string().contains("0 channels"), "{e}");
    // Through the CLI, as a user meets it: warnings, no panic text, no backtrace.
    let prog = write(&d, "p.ph", b"out: s \"zero\"\n");
    let out = Command::new(env!("CARGO_BIN_EXE_phonon"))
        .args(["check", prog.to_str().unwrap(), "--samples", d.to_str().unwrap()])
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("zero/a.wav") && err.contains("sample rate 0"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn streaming_sizes_are_read_to_the_end_of_the_data() {
    let d = scratch("streaming");
    let data = pcm16(44100 * 2);
    for (name, riff, size) in
        [("ff.wav", u32::MAX, u32::MAX), ("zero.wav", 0, 0), ("long.wav", (1 << 30) + 36, 1 << 30)]
    {
        let p = write(&d, name, &wav(1, 1, 44100, 16, riff, size, &data));
        let s = decode_file(&p, name, &LoadLimits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.frames(), 44100 * 2, "{name}");
        assert_eq!(s.sample_rate, 44100.0);
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn non_finite_samples_are_replaced_and_reported_once_per_file() {
    let d = scratch("nan");
    let kit = d.join("odd");
    std::fs::create_dir_all(&kit).unwrap();
    let values = [0.5f32, f32::NAN, -0.25, f32::INFINITY, f32::NEG_INFINITY, 0.125];
    let data: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    let p = write(&kit, "x.wav", &wav(3, 1, 48000, 32, 36 + 24, 24, &data));
    let got = decode_file_checked(&p, "x", &LoadLimits::default()).unwrap();
    assert_eq!(got.replaced, 3);
    assert_eq!(got.sample.channels[0], vec![0.5, 0.0, -0.25, 0.0, 0.0, 0.125]);
    let bank = Bank::with_folders(&[&d], &LoadLimits::default()).unwrap();
    let notes: Vec<&String> = bank.warnings().iter().filter(|w| w.contains("odd/x.wav")).collect();
    assert_eq!(notes.len(), 1, "{:?}", bank.warnings());
    assert!(notes[0].contains("3 samples") && notes[0].contains("NaN"), "{}", notes[0]);
    let _ = std::fs::remove_dir_all(&d);
}
