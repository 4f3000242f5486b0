//! Decoding sample files and loading Dirt-Samples folders: every format, odd and broken files,
//! limits, and real-world drum kits.

mod voices_common;

use phonon_engine::samples::{decode_file, Bank, DecodeError, LoadLimits, Origin};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use voices_common::*;

fn limits() -> LoadLimits {
    LoadLimits::default()
}

#[test]
fn wav_files_of_every_width_rate_and_channel_count_decode() {
    let d = scratch("wav-kinds");
    let tone = |sr: u32| sine(441.0, 0.5, sr as f64, (sr / 10) as usize);
    for (bits, sr, chans) in [(8u16, 11025u32, 1usize), (16, 22050, 2), (24, 44100, 1), (32, 96000, 2), (16, 192000, 4)]
    {
        let p = d.join(format!("i{bits}-{sr}-{chans}.wav"));
        let ch: Vec<Vec<f32>> =
            (0..chans).map(|c| tone(sr).iter().map(|v| v * (1.0 - 0.2 * c as f32)).collect()).collect();
        write_wav_int(&p, sr, bits, &ch);
        let s = decode_file(&p, "t", &limits()).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(s.sample_rate, sr as f32);
        assert_eq!(s.frames(), (sr / 10) as usize);
        assert_eq!(s.channels.len(), chans.min(2), "more than two channels keep the first two");
        let tol = if bits == 8 { 0.01 } else { 1e-3 };
        for (c, want) in ch.iter().take(2).enumerate() {
            for i in 0..s.frames() {
                assert!((s.channels[c][i] - want[i]).abs() < tol, "{bits} bit, channel {c}, frame {i}");
            }
        }
    }
    let p = d.join("float.wav");
    write_wav_f32(&p, 48000, &[vec![0.25, -0.5, 0.75]]);
    let s = decode_file(&p, "f", &limits()).unwrap();
    assert_eq!(s.channels[0], vec![0.25, -0.5, 0.75]);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn broken_and_odd_files_are_refused_with_a_reason() {
    let d = scratch("odd");
    let empty = d.join("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    assert!(decode_file(&empty, "e", &limits()).is_err());

    let garbage = d.join("garbage.wav");
    std::fs::write(&garbage, (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<_>>())
        .unwrap();
    assert!(decode_file(&garbage, "g", &limits()).is_err());

    let text = d.join("notes.mp3");
    std::fs::write(&text, "this is not audio\n".repeat(100)).unwrap();
    assert!(decode_file(&text, "t", &limits()).is_err());

    let silent = d.join("zero-frames.wav");
    write_wav_int(&silent, 44100, 16, &[vec![]]);
    assert_eq!(decode_file(&silent, "z", &limits()).err(), Some(DecodeError::Empty));

    // A WAV cut off half-way keeps the audio before the cut.
    let whole = d.join("whole.wav");
    write_wav_int(&whole, 44100, 16, &[sine(441.0, 0.5, 44100.0, 4410)]);
    let bytes = std::fs::read(&whole).unwrap();
    let cut = d.join("truncated.wav");
    std::fs::write(&cut, &bytes[..bytes.len() / 2 + 1]).unwrap();
    if let Ok(s) = decode_file(&cut, "c", &limits()) {
        assert!(s.frames() > 1000 && s.frames() <= 4410);
    }

    let big = LoadLimits { max_file_bytes: 1000, ..limits() };
    assert!(matches!(decode_file(&whole, "b", &big), Err(DecodeError::TooLarge { .. })));
    let short = LoadLimits { max_seconds: 0.05, ..limits() };
    assert!(matches!(decode_file(&whole, "s", &short), Err(DecodeError::TooLong { .. })));
    assert!(matches!(decode_file(&d.join("missing.wav"), "m", &limits()), Err(DecodeError::Io(_))));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn folders_load_in_the_dirt_samples_layout_and_warn_about_the_rest() {
    let root = scratch("layout");
    let mk = |dir: &str| {
        let p = root.join(dir);
        std::fs::create_dir_all(&p).unwrap();
        p
    };
    let kick = mk("kick");
    write_wav_f32(&kick.join("b.wav"), 48000, &[vec![0.2; 100]]);
    write_wav_f32(&kick.join("a.wav"), 48000, &[vec![0.1; 100]]);
    std::fs::write(kick.join("readme.txt"), "ignored").unwrap();
    std::fs::write(kick.join("broken.wav"), "not a wav").unwrap();
    std::fs::create_dir_all(kick.join("nested.wav")).unwrap();
    write_wav_f32(&mk("my kick").join("x.wav"), 48000, &[vec![0.1; 10]]);
    mk("empty");
    let bd = mk("bd");
    write_wav_f32(&bd.join("mine.wav"), 48000, &[vec![0.05; 4800]]);

    let bank = Bank::with_folders(&[root.as_path()], &limits()).unwrap();
    let kick_set = bank.set("kick").unwrap();
    assert_eq!(kick_set.samples.len(), 2);
    assert_eq!(kick_set.samples[0].channels[0][0], 0.1, "files sort by name");
    assert_eq!(bank.sample("kick", 3).unwrap().channels[0][0], 0.2, "kick:3 wraps to file 1");
    assert!(!bank.has_sound("my kick") && !bank.has_sound("empty"));
    let w = bank.warnings().join("\n");
    println!("{w}");
    assert!(w.contains("kick/broken.wav"), "{w}");
    assert!(w.contains("'my kick' cannot be written in a pattern"), "{w}");
    assert!(w.contains("empty: no playable audio files"), "{w}");
    assert!(!w.contains("readme"), "non-audio files are not warned about: {w}");

    // The user's bd wins over the kit's.
    assert!(matches!(bank.set("bd").unwrap().origin, Origin::Folder(_)));
    assert_eq!(bank.set("sn").unwrap().origin, Origin::Kit);
    let (l, _) = render_with("out: s \"bd\"", Arc::new(bank), 48000, 0.05);
    assert_eq!(l[10], 0.05);

    assert!(Bank::with_folders(&[root.join("no-such-folder")], &limits()).is_err());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_memory_limit_skips_what_does_not_fit() {
    let root = scratch("budget");
    let d = root.join("big");
    std::fs::create_dir_all(&d).unwrap();
    for k in 0..5 {
        write_wav_f32(&d.join(format!("{k}.wav")), 48000, &[vec![0.1; 10_000]]);
    }
    // 40 kB per file decoded: room for two.
    let lim = LoadLimits { max_total_bytes: 100_000, ..limits() };
    let bank = Bank::with_folders(&[root.as_path()], &lim).unwrap();
    assert_eq!(bank.set("big").unwrap().samples.len(), 2);
    assert_eq!(bank.warnings().iter().filter(|w| w.contains("memory limit")).count(), 3);
    let _ = std::fs::remove_dir_all(&root);
}

/// `target/test-kits`, prepared by `scripts/fetch-test-kits.sh` (run here when missing).
fn test_kits() -> Option<PathBuf> {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dir = ws.join("target/test-kits");
    if !dir.join(".ready-v1").exists() {
        let _ = std::process::Command::new("bash").arg(ws.join("scripts/fetch-test-kits.sh")).status();
    }
    dir.join(".ready-v1").exists().then_some(dir)
}

#[test]
fn every_format_decodes_at_its_pitch() {
    let Some(kits) = test_kits() else {
        println!("SKIPPED: no test files (scripts/fetch-test-kits.sh could not install sox/hydrogen-drumkits)");
        return;
    };
    let formats = kits.join("formats");
    let bank = Bank::with_folders(&[formats.as_path()], &limits()).unwrap();
    assert!(bank.warnings().is_empty(), "{:?}", bank.warnings());
    let mut seen = Vec::new();
    for set in bank.sets().iter().filter(|s| s.name.starts_with("tone")) {
        let s = &set.samples[0];
        let secs = s.seconds();
        let f = peak_hz(&s.channels[0], s.sample_rate as f64, 50.0);
        println!("{}: {} Hz, {} channel(s), {:.3} s, peak at {f:.1} Hz", s.name, s.sample_rate, s.channels.len(), secs);
        assert!((0.45..0.6).contains(&secs), "{}: {secs} s", s.name);
        assert!((f - 440.0).abs() < 4.4, "{}: {f} Hz", s.name);
        seen.push(set.name.clone());
    }
    for fmt in ["toneogg", "tonemp3", "toneaiff", "toneflac", "tonewav8", "tonewav24", "tonestereo"] {
        assert!(seen.iter().any(|s| s == fmt), "{fmt} missing: {seen:?}");
    }
    assert!(bank.set("tonestereo").unwrap().samples[0].is_stereo());
    // And they play: an MP3 through the engine at another rate.
    let (l, _) = render_with("out: s \"tonemp3 toneogg\"", Arc::new(bank), 48000, 2.0);
    assert!((peak_hz(&l[1000..20000], 48000.0, 50.0) - 440.0).abs() < 4.4);
    assert!(rms(&l[96000 / 2..96000 / 2 + 20000]) > 0.05);
}

#[test]
fn real_drum_kits_load_and_play() {
    let Some(kits) = test_kits() else {
        println!("SKIPPED: hydrogen-drumkits could not be installed; real-world kits not tested");
        return;
    };
    let dirt = kits.join("dirt");
    let bank = Bank::with_folders(&[dirt.as_path()], &limits()).unwrap();
    let folder_sets: Vec<_> = bank.sets().iter().filter(|s| matches!(s.origin, Origin::Folder(_))).collect();
    let files: usize = folder_sets.iter().map(|s| s.samples.len()).sum();
    let ext_count = |ext: &str| {
        folder_sets.iter().flat_map(|s| s.samples.iter()).filter(|x| x.name.to_lowercase().ends_with(ext)).count()
    };
    let (wav, flac, aiff) = (ext_count(".wav"), ext_count(".flac"), ext_count(".aiff") + ext_count(".aif"));
    println!("{} kits, {files} files: {wav} WAV, {flac} FLAC, {aiff} AIFF", folder_sets.len());
    for w in bank.warnings() {
        println!("warning: {w}");
    }
    assert!(folder_sets.len() >= 10);
    assert!(wav > 100 && flac > 100 && aiff > 10);
    assert!(bank.warnings().len() * 50 < files, "too many files failed");
    let rates: std::collections::BTreeSet<u32> =
        folder_sets.iter().flat_map(|s| s.samples.iter()).map(|x| x.sample_rate as u32).collect();
    let stereo = folder_sets.iter().flat_map(|s| s.samples.iter()).filter(|x| x.is_stereo()).count();
    println!("sample rates {rates:?}, {stereo} stereo files");
    // Play the first four files of a few kits.
    let names: Vec<String> = folder_sets.iter().take(6).map(|s| s.name.clone()).collect();
    let pat: Vec<String> = names.iter().flat_map(|n| (0..4).map(move |i| format!("{n}:{i}"))).collect();
    let src = format!("out: s \"{}\"", pat.join(" "));
    let (l, r) = render_with(&src, Arc::new(bank), 44100, 4.0);
    let slot = l.len() / 2 / pat.len();
    let audible = (0..pat.len())
        .filter(|&k| peak(&l[k * slot..(k + 1) * slot]).max(peak(&r[k * slot..(k + 1) * slot])) > 0.01)
        .count();
    println!("{audible} of {} hits audible", pat.len());
    assert!(audible * 10 >= pat.len() * 9, "{audible} of {}", pat.len());
}
