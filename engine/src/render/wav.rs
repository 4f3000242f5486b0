//! WAV files: 32-bit float stereo out, anything hound reads in.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// A 32-bit float stereo WAV written as the audio comes (memory stays flat), beside its
/// destination; [`WavStream::finish`] renames it into place, so the file appears complete or
/// not at all. Dropped unfinished, it removes what it wrote.
pub struct WavStream {
    writer: Option<hound::WavWriter<BufWriter<File>>>,
    tmp: PathBuf,
    path: PathBuf,
}

impl WavStream {
    pub fn create(path: &Path, sample_rate: u32) -> Result<WavStream, String> {
        let spec =
            hound::WavSpec { channels: 2, sample_rate, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
        let tmp = path.with_extension("wav.part");
        let writer = hound::WavWriter::create(&tmp, spec).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(WavStream { writer: Some(writer), tmp, path: path.to_path_buf() })
    }

    /// Append interleaved stereo samples.
    pub fn write(&mut self, interleaved: &[f32]) -> Result<(), String> {
        let Some(w) = self.writer.as_mut() else { return Err(format!("{}: already finished", self.path.display())) };
        for &x in interleaved {
            w.write_sample(x).map_err(|e| format!("{}: {e}", self.path.display()))?;
        }
        Ok(())
    }

    /// Complete the header and move the file into place.
    pub fn finish(mut self) -> Result<(), String> {
        let w = self.writer.take().ok_or_else(|| format!("{}: already finished", self.path.display()))?;
        w.finalize().map_err(|e| format!("{}: {e}", self.path.display()))?;
        std::fs::rename(&self.tmp, &self.path).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

impl Drop for WavStream {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write interleaved stereo `f32` as a 32-bit float WAV. The file appears complete or not at
/// all: it is written beside its destination and renamed.
pub fn write_wav(path: &Path, sample_rate: u32, interleaved: &[f32]) -> Result<(), String> {
    let spec =
        hound::WavSpec { channels: 2, sample_rate, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    let tmp = path.with_extension("wav.part");
    let result = (|| -> Result<(), hound::Error> {
        let mut w = hound::WavWriter::create(&tmp, spec)?;
        for &x in interleaved {
            w.write_sample(x)?;
        }
        w.finalize()
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(format!("{}: {e}", path.display()))
        }
    }
}

/// Read a WAV as (sample rate, channels, interleaved samples in -1..1).
pub fn read_wav(path: &Path) -> Result<(u32, u16, Vec<f32>), String> {
    let mut r = hound::WavReader::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let spec = r.spec();
    let samples: Result<Vec<f32>, _> = match spec.sample_format {
        hound::SampleFormat::Float => r.samples::<f32>().collect(),
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1i64 << (spec.bits_per_sample - 1)) as f32;
            r.samples::<i32>().map(|s| s.map(|v| v as f32 * scale)).collect()
        }
    };
    Ok((spec.sample_rate, spec.channels, samples.map_err(|e| format!("{}: {e}", path.display()))?))
}
