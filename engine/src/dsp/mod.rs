//! Pure signal-processing kernels: per-sample and per-block building blocks with no knowledge
//! of graphs, patterns or hosts. Units are documented on each item; frequencies in Hz, times
//! in seconds, gains linear unless named `_db`.

pub mod allpass;
pub mod blep;
pub mod comb;
pub mod crusher;
pub mod delay_line;
pub mod dynamics;
pub mod echo;
pub mod envelope;
pub mod fast_math;
pub mod formant;
pub mod inline_delay;
pub mod ladder;
pub mod mix;
pub mod modulation;
pub mod noise;
pub mod onepole;
pub mod phasor;
pub mod reverb;
pub mod segments;
pub mod shaper;
pub mod simd;
pub mod smooth;
#[cfg(test)]
mod spectrum_check;
pub mod svf;
pub mod waves;
