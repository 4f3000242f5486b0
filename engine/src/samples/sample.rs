//! One decoded sample.

/// A decoded sample: one or two de-interleaved channels at the sample's own rate. Files with
/// more channels keep their first two (front left and right in every common layout).
pub struct Sample {
    /// Where it came from (`bd/kick1.wav`, or `kit:bd:0`), for messages.
    pub name: String,
    /// One (mono) or two (left, right) channels of equal length.
    pub channels: Vec<Vec<f32>>,
    /// Frames per second of the data.
    pub sample_rate: f32,
}

impl Sample {
    /// A sample from channel data. Empty channel lists, more than two channels and unequal
    /// lengths are normalised: the first two channels are kept, cut to the shortest.
    pub fn new(name: impl Into<String>, mut channels: Vec<Vec<f32>>, sample_rate: f32) -> Sample {
        channels.truncate(2);
        let len = channels.iter().map(|c| c.len()).min().unwrap_or(0);
        for c in &mut channels {
            c.truncate(len);
            c.shrink_to_fit();
        }
        if channels.is_empty() {
            channels.push(Vec::new());
        }
        Sample { name: name.into(), channels, sample_rate }
    }

    /// Length in frames.
    #[inline]
    pub fn frames(&self) -> usize {
        self.channels[0].len()
    }

    #[inline]
    pub fn is_stereo(&self) -> bool {
        self.channels.len() > 1
    }

    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        self.frames() as f64 / self.sample_rate as f64
    }

    /// Bytes of sample data held.
    pub fn bytes(&self) -> usize {
        self.channels.iter().map(|c| c.len() * 4).sum()
    }
}
