//! Audio files -> [`Sample`]s: WAV, FLAC, OGG Vorbis, MP3 and AIFF through symphonia.
//!
//! Decoding runs off the audio thread, when a sample folder is loaded. Nothing a file contains
//! may crash the program: every failure (unreadable, corrupt, empty, too long, unsupported) is
//! a [`DecodeError`] the caller turns into a warning, and a decoder that panics is caught.

use super::{wav_header, Sample};
use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{DecoderOptions, CODEC_TYPE_NULL};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::{MediaSource, MediaSourceStream};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// File name extensions tried as audio (lower case).
pub const AUDIO_EXTENSIONS: &[&str] = &["wav", "wave", "flac", "ogg", "oga", "mp3", "aif", "aiff", "aifc"];

/// Caps that keep a stray huge file from eating the machine's memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadLimits {
    /// Largest file accepted, in bytes on disk.
    pub max_file_bytes: u64,
    /// Longest sample accepted, in seconds of audio.
    pub max_seconds: f64,
    /// Most decoded sample data one bank holds from folders, in bytes (f32 per channel frame).
    pub max_total_bytes: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits { max_file_bytes: 256 << 20, max_seconds: 600.0, max_total_bytes: 2 << 30 }
    }
}

/// Why a file was not loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// The file could not be opened or read.
    Io(String),
    /// Larger on disk than the limit allows.
    TooLarge { bytes: u64, limit: u64 },
    /// Longer than the limit allows.
    TooLong { seconds: f64, limit: f64 },
    /// Not a format this build decodes, or malformed.
    Format(String),
    /// Decoded to no audio at all.
    Empty,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Io(m) => write!(f, "cannot read: {m}"),
            DecodeError::TooLarge { bytes, limit } => {
                write!(f, "too large ({} MiB; the limit is {} MiB)", bytes >> 20, limit >> 20)
            }
            DecodeError::TooLong { seconds, limit } => {
                write!(f, "too long ({seconds:.0} s; the limit is {limit:.0} s)")
            }
            DecodeError::Format(m) => write!(f, "cannot decode: {m}"),
            DecodeError::Empty => write!(f, "contains no audio"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode an audio file. `name` labels the sample in messages.
pub fn decode_file(path: &Path, name: &str, limits: &LoadLimits) -> Result<Sample, DecodeError> {
    decode_file_checked(path, name, limits).map(|d| d.sample)
}

/// A decoded file and what had to be repaired in it.
pub struct Decoded {
    pub sample: Sample,
    /// Samples that were NaN or infinite, replaced by silence.
    pub replaced: usize,
}

/// Decode an audio file, saying how many non-finite samples were replaced. WAV headers are
/// checked (and streaming sizes made true) before a decoder reads them.
pub fn decode_file_checked(path: &Path, name: &str, limits: &LoadLimits) -> Result<Decoded, DecodeError> {
    let meta = std::fs::metadata(path).map_err(|e| DecodeError::Io(e.to_string()))?;
    if meta.len() > limits.max_file_bytes {
        return Err(DecodeError::TooLarge { bytes: meta.len(), limit: limits.max_file_bytes });
    }
    let mut file = File::open(path).map_err(|e| DecodeError::Io(e.to_string()))?;
    let ext = path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
    let mut head = [0u8; 12];
    let n = read_up_to(&mut file, &mut head).map_err(|e| DecodeError::Io(e.to_string()))?;
    let source: Box<dyn MediaSource> = if wav_header::is_wav(&head[..n]) {
        let mut bytes = std::fs::read(path).map_err(|e| DecodeError::Io(e.to_string()))?;
        wav_header::check_and_fix(&mut bytes)?;
        Box::new(std::io::Cursor::new(bytes))
    } else {
        file.seek(SeekFrom::Start(0)).map_err(|e| DecodeError::Io(e.to_string()))?;
        Box::new(file)
    };
    // Decoders are third-party code fed untrusted bytes: a panic in one is a bad file, not a
    // crash of the host.
    let limits = *limits;
    let r =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || decode_stream(source, ext.as_deref(), &limits)));
    let (channels, rate, replaced) = match r {
        Ok(r) => r?,
        Err(_) => return Err(DecodeError::Format("the decoder failed on this file".into())),
    };
    Ok(Decoded { sample: Sample::new(name, channels, rate as f32), replaced })
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn sym_err(e: SymError) -> DecodeError {
    match e {
        SymError::IoError(e) => DecodeError::Io(e.to_string()),
        SymError::Unsupported(m) => DecodeError::Format(format!("unsupported format or codec ({m})")),
        other => DecodeError::Format(other.to_string()),
    }
}

/// Decode every packet of the first audio track into at most two de-interleaved channels.
/// Also returns how many non-finite samples were replaced by silence.
#[allow(clippy::type_complexity)]
fn decode_stream(
    source: Box<dyn MediaSource>,
    ext: Option<&str>,
    limits: &LoadLimits,
) -> Result<(Vec<Vec<f32>>, u32, usize), DecodeError> {
    let mss = MediaSourceStream::new(source, Default::default());
    let mut hint = Hint::new();
    if let Some(e) = ext {
        hint.with_extension(e);
    }
    let probed = symphonia::default::get_probe()
        .format(&hint, mss, &FormatOptions::default(), &MetadataOptions::default())
        .map_err(sym_err)?;
    let mut format = probed.format;
    let track = format
        .tracks()
        .iter()
        .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
        .ok_or_else(|| DecodeError::Format("no audio track".into()))?;
    let track_id = track.id;
    let mut rate = track.codec_params.sample_rate.unwrap_or(0);
    if let (Some(n), Some(r)) = (track.codec_params.n_frames, track.codec_params.sample_rate) {
        let seconds = n as f64 / r.max(1) as f64;
        if seconds > limits.max_seconds {
            return Err(DecodeError::TooLong { seconds, limit: limits.max_seconds });
        }
    }
    let mut decoder =
        symphonia::default::get_codecs().make(&track.codec_params, &DecoderOptions::default()).map_err(sym_err)?;

    let mut out: Vec<Vec<f32>> = Vec::new();
    let mut buf: Option<SampleBuffer<f32>> = None;
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(SymError::ResetRequired) => break,
            // A damaged tail still leaves the audio before it.
            Err(_) if out.first().is_some_and(|c| !c.is_empty()) => break,
            Err(e) => return Err(sym_err(e)),
        };
        if packet.track_id() != track_id {
            continue;
        }
        let decoded = match decoder.decode(&packet) {
            Ok(d) => d,
            // A corrupt packet is skipped, as players do.
            Err(SymError::DecodeError(_)) => continue,
            Err(SymError::IoError(_)) => break,
            Err(e) => return Err(sym_err(e)),
        };
        let spec = *decoded.spec();
        let nch = spec.channels.count();
        if nch == 0 || decoded.frames() == 0 {
            continue;
        }
        if rate == 0 {
            rate = spec.rate;
        }
        let need = decoded.capacity() as u64;
        if buf.as_ref().is_none_or(|b| (b.capacity() as u64) < need * nch as u64) {
            buf = Some(SampleBuffer::new(need, spec));
        }
        let b = buf.as_mut().expect("allocated above");
        b.copy_interleaved_ref(decoded);
        let keep = nch.min(2);
        if out.is_empty() {
            out = vec![Vec::new(); keep];
        }
        if out.len() != keep {
            return Err(DecodeError::Format("the channel count changes within the file".into()));
        }
        for frame in b.samples().chunks_exact(nch) {
            for (c, ch) in out.iter_mut().enumerate() {
                ch.push(frame[c]);
            }
        }
        let seconds = out[0].len() as f64 / rate.max(1) as f64;
        if seconds > limits.max_seconds {
            return Err(DecodeError::TooLong { seconds, limit: limits.max_seconds });
        }
    }
    if rate == 0 || !(1..=1_536_000).contains(&rate) {
        return Err(DecodeError::Format(format!("unusable sample rate {rate} Hz")));
    }
    if out.is_empty() || out[0].is_empty() {
        return Err(DecodeError::Empty);
    }
    // Non-finite data would poison the mix: replaced by silence, and counted for a notice.
    let mut replaced = 0;
    for ch in &mut out {
        for x in ch.iter_mut() {
            if !x.is_finite() {
                *x = 0.0;
                replaced += 1;
            }
        }
    }
    Ok((out, rate, replaced))
}
