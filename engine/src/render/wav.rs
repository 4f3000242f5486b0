//! WAV files: 32-bit float stereo out, anything hound reads in.

use std::path::Path;

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
