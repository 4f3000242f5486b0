//! Pure signal-processing kernels: per-sample and per-block building blocks with no knowledge
//! of graphs, patterns or hosts. Units are documented on each item; frequencies in Hz, times
//! in seconds, gains linear unless named `_db`.

pub mod allpass;
pub mod bank;
pub mod blep;
pub mod comb;
pub mod crusher;
pub mod delay_line;
pub mod dj_filter;
pub mod dynamics;
pub mod echo;
pub mod envelope;
pub mod fast_math;
pub mod formant;
pub mod freq_shift;
pub mod hilbert;
pub mod inline_delay;
pub mod krush;
pub mod ladder;
pub mod leslie;
pub mod mix;
pub mod modulation;
pub mod noise;
pub mod octaver;
pub mod onepole;
pub mod phaser;
pub mod phasor;
pub mod reverb;
pub mod ring_mod;
pub mod segments;
pub mod shaper;
pub mod simd;
pub mod slice_delay;
pub mod smooth;
pub mod soft_limit;
pub mod spectral;
pub mod spectral_delay;
#[cfg(test)]
mod spectrum_check;
pub mod stft;
pub mod svf;
pub mod tremolo;
pub mod triode;
pub mod waveloss;
pub mod waves;
