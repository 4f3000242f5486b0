//! WAV headers checked before any decoder sees the file.
//!
//! A decoder handed a header with a sample rate or channel count of zero may panic; a file
//! written by a streaming recorder carries 0xFFFFFFFF (or 0) as its sizes, which would read as
//! hours of audio. Both are settled here: impossible formats are refused with a reason, and
//! streaming or truncated sizes are rewritten to what the file really holds, so decoding reads
//! the data to its end.

use super::decode::DecodeError;

/// What the format chunk says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WavFormat {
    pub format_tag: u16,
    pub channels: u16,
    pub sample_rate: u32,
    pub block_align: u16,
    pub bits: u16,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn bad(msg: impl Into<String>) -> DecodeError {
    DecodeError::Format(format!("WAV header: {}", msg.into()))
}

/// Whether `bytes` start like a RIFF WAVE file.
pub fn is_wav(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WAVE"
}

/// Check a RIFF WAVE file's header and make its sizes true to the file, in place. Returns the
/// format, or why the file cannot be played.
pub fn check_and_fix(bytes: &mut [u8]) -> Result<WavFormat, DecodeError> {
    if !is_wav(bytes) {
        return Err(bad("not a RIFF WAVE file"));
    }
    let len = bytes.len();
    // The RIFF size: streaming writers leave 0 or 0xFFFFFFFF; decoders trust it.
    let riff = u32::try_from(len - 8).unwrap_or(u32::MAX);
    bytes[4..8].copy_from_slice(&riff.to_le_bytes());
    let mut at = 12;
    let mut format: Option<WavFormat> = None;
    while at + 8 <= len {
        let id = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let size = u32_at(bytes, at + 4).unwrap_or(0) as usize;
        let body = at + 8;
        if &id == b"data" {
            let f = format.ok_or_else(|| bad("the data comes before the format chunk"))?;
            let room = len - body;
            if size == u32::MAX as usize || size == 0 || size > room {
                // Streaming or cut short: the data runs to the end of the file, whole frames only.
                let align = (f.block_align as usize).max(1);
                let real = (room / align) * align;
                let real = u32::try_from(real).unwrap_or(u32::MAX);
                bytes[at + 4..at + 8].copy_from_slice(&real.to_le_bytes());
            }
            return Ok(f);
        }
        if size > len - body {
            return Err(bad(format!(
                "chunk '{}' claims {size} bytes, past the end of the file",
                String::from_utf8_lossy(&id)
            )));
        }
        if &id == b"fmt " {
            if size < 16 {
                return Err(bad("the format chunk is too short"));
            }
            let f = WavFormat {
                format_tag: u16_at(bytes, body).unwrap_or(0),
                channels: u16_at(bytes, body + 2).unwrap_or(0),
                sample_rate: u32_at(bytes, body + 4).unwrap_or(0),
                block_align: u16_at(bytes, body + 12).unwrap_or(0),
                bits: u16_at(bytes, body + 14).unwrap_or(0),
            };
            if f.channels == 0 {
                return Err(bad("0 channels"));
            }
            if !(1..=1_536_000).contains(&f.sample_rate) {
                return Err(bad(format!("unusable sample rate {} Hz", f.sample_rate)));
            }
            if f.block_align == 0 {
                return Err(bad("a frame size (block align) of 0"));
            }
            // PCM and float (and their extensible form) must have a sample size decoders know.
            if matches!(f.format_tag, 1 | 3 | 0xFFFE) && !matches!(f.bits, 8 | 16 | 24 | 32 | 64) {
                return Err(bad(format!("{} bits per sample", f.bits)));
            }
            format = Some(f);
        }
        // Chunks are padded to an even size.
        at = body + size + (size & 1);
    }
    Err(bad("no data chunk"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 16-bit mono WAV with the given header fields and `frames` frames of data.
    pub(crate) fn wav(rate: u32, channels: u16, data_size: u32, frames: usize) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(b"RIFF");
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&channels.to_le_bytes());
        b.extend_from_slice(&rate.to_le_bytes());
        b.extend_from_slice(&(rate * 2 * channels as u32).to_le_bytes());
        b.extend_from_slice(&(2 * channels).to_le_bytes());
        b.extend_from_slice(&16u16.to_le_bytes());
        b.extend_from_slice(b"data");
        b.extend_from_slice(&data_size.to_le_bytes());
        for i in 0..frames * channels as usize {
            b.extend_from_slice(&((i as i16).wrapping_mul(97)).to_le_bytes());
        }
        b
    }

    #[test]
    fn impossible_formats_are_refused_with_a_reason() {
        let e = check_and_fix(&mut wav(0, 1, 8, 4)).unwrap_err();
        assert!(e.to_string().contains("sample rate 0"), "{e}");
        let e = check_and_fix(&mut wav(44100, 0, 8, 4)).unwrap_err();
        assert!(e.to_string().contains("0 channels"), "{e}");
        let e = check_and_fix(&mut b"RIFF\0\0\0\0WAVEdata\x04\0\0\0abcd".to_vec()).unwrap_err();
        assert!(e.to_string().contains("before the format"), "{e}");
    }

    #[test]
    fn streaming_sizes_become_the_real_sizes() {
        let mut b = wav(44100, 1, u32::MAX, 1000);
        let len = b.len();
        check_and_fix(&mut b).unwrap();
        assert_eq!(u32_at(&b, 4), Some(len as u32 - 8));
        assert_eq!(u32_at(&b, 40), Some(2000));
        // Sizes that are already true stay.
        let mut ok = wav(44100, 1, 2000, 1000);
        let riff = ok.len() as u32 - 8;
        ok[4..8].copy_from_slice(&riff.to_le_bytes());
        let before = ok.clone();
        check_and_fix(&mut ok).unwrap();
        assert_eq!(ok, before);
    }
}
