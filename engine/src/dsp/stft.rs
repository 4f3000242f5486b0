//! Short-time Fourier processing as SuperDirt's spectral effects do it (`FFT(LocalBuf(2048))`):
//! frames of 2048 samples every 1024, sine window on analysis and on resynthesis (the squared
//! windows of overlapping frames sum to one, so an untouched spectrum comes back as the input,
//! [`FRAME`] samples late). Transforms are `realfft` plans made once; every buffer is allocated
//! by the constructors, and [`StftChannel::process`] allocates nothing.

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use std::sync::Arc;

/// Frame length, samples.
pub const FRAME: usize = 2048;
/// Samples between frames.
pub const HOP: usize = FRAME / 2;
/// Bins of a frame's spectrum (DC to Nyquist).
pub const BINS: usize = FRAME / 2 + 1;

/// Plans and scratch shared by every channel that runs one at a time (one per player).
pub struct StftWork {
    forward: Arc<dyn RealToComplex<f32>>,
    inverse: Arc<dyn ComplexToReal<f32>>,
    time: Box<[f32]>,
    spectrum: Box<[Complex<f32>]>,
    scratch: Box<[Complex<f32>]>,
    window: Box<[f32]>,
    /// A spare spectrum for operations that read bins while writing others.
    pub spare: Box<[Complex<f32>]>,
}

impl StftWork {
    /// Plan the transforms and allocate the buffers (off the audio thread only).
    pub fn new() -> StftWork {
        let mut planner = RealFftPlanner::<f32>::new();
        let forward = planner.plan_fft_forward(FRAME);
        let inverse = planner.plan_fft_inverse(FRAME);
        let scratch = forward.get_scratch_len().max(inverse.get_scratch_len());
        StftWork {
            forward,
            inverse,
            time: vec![0.0; FRAME].into_boxed_slice(),
            spectrum: vec![Complex::default(); BINS].into_boxed_slice(),
            scratch: vec![Complex::default(); scratch].into_boxed_slice(),
            window: (0..FRAME).map(|k| (std::f32::consts::PI * (k as f32 + 0.5) / FRAME as f32).sin()).collect(),
            spare: vec![Complex::default(); BINS].into_boxed_slice(),
        }
    }
}

impl Default for StftWork {
    fn default() -> Self {
        StftWork::new()
    }
}

/// One channel's input history and overlap-add output.
pub struct StftChannel {
    input: Box<[f32]>,
    output: Box<[f32]>,
    pos: usize,
    count: usize,
    /// Frames analysed since the last clear.
    pub frames: u32,
}

impl Default for StftChannel {
    fn default() -> Self {
        StftChannel::new()
    }
}

impl StftChannel {
    pub fn new() -> StftChannel {
        StftChannel {
            input: vec![0.0; FRAME].into_boxed_slice(),
            output: vec![0.0; FRAME].into_boxed_slice(),
            pos: 0,
            count: 0,
            frames: 0,
        }
    }

    /// Forget everything (a new voice).
    pub fn clear(&mut self) {
        self.input.fill(0.0);
        self.output.fill(0.0);
        self.pos = 0;
        self.count = 0;
        self.frames = 0;
    }

    /// Take over another channel's state (a graph swap; no allocation).
    pub fn copy_from(&mut self, other: &StftChannel) {
        self.input.copy_from_slice(&other.input);
        self.output.copy_from_slice(&other.output);
        self.pos = other.pos;
        self.count = other.count;
        self.frames = other.frames;
    }

    /// A block in place: each sample goes in and the resynthesis of [`FRAME`] samples ago
    /// comes out. Every [`HOP`] samples `op` gets the new frame's spectrum (scaled so a bin
    /// holds its amplitude share: the transform divided by `FRAME`) with the spare buffer and
    /// the frame's number, and may change it.
    pub fn process<F>(&mut self, x: &mut [f32], work: &mut StftWork, mut op: F)
    where
        F: FnMut(&mut [Complex<f32>], &mut [Complex<f32>], u32),
    {
        for v in x.iter_mut() {
            let out = self.output[self.pos];
            self.output[self.pos] = 0.0;
            self.input[self.pos] = *v;
            self.pos = (self.pos + 1) % FRAME;
            *v = out;
            self.count += 1;
            if self.count == HOP {
                self.count = 0;
                self.frame(work, &mut op);
            }
        }
    }

    fn frame<F>(&mut self, work: &mut StftWork, op: &mut F)
    where
        F: FnMut(&mut [Complex<f32>], &mut [Complex<f32>], u32),
    {
        let StftWork { forward, inverse, time, spectrum, scratch, window, spare } = work;
        // The oldest sample sits at `pos`.
        for k in 0..FRAME {
            time[k] = self.input[(self.pos + k) % FRAME] * window[k];
        }
        // Lengths are right by construction, so the transforms cannot fail.
        let _ = forward.process_with_scratch(time, spectrum, scratch);
        let scale = 1.0 / FRAME as f32;
        for b in spectrum.iter_mut() {
            *b *= scale;
        }
        op(spectrum, spare, self.frames);
        self.frames = self.frames.saturating_add(1);
        spectrum[0].im = 0.0;
        spectrum[BINS - 1].im = 0.0;
        for b in spectrum.iter_mut() {
            if !(b.re.is_finite() && b.im.is_finite()) {
                *b = Complex::default();
            }
        }
        let _ = inverse.process_with_scratch(spectrum, time, scratch);
        for k in 0..FRAME {
            self.output[(self.pos + k) % FRAME] += time[k] * window[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untouched_spectrum_gives_the_input_back_a_frame_late() {
        let mut work = StftWork::new();
        let mut ch = StftChannel::new();
        let x: Vec<f32> = (0..20_000).map(|i| ((i as f32 * 0.013).sin() + (i as f32 * 0.29).cos()) * 0.5).collect();
        let mut y = x.clone();
        for block in y.chunks_mut(300) {
            ch.process(block, &mut work, |_, _, _| {});
        }
        // After the first frame has filled (the start fades in with the window).
        for i in 2 * FRAME..x.len() {
            assert!((y[i] - x[i - FRAME]).abs() < 1e-4, "{i}: {} vs {}", y[i], x[i - FRAME]);
        }
        assert!(ch.frames > 15);
    }
}
