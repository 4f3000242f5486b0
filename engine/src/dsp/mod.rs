//! Pure signal-processing kernels: per-sample and per-block building blocks with no knowledge
//! of graphs, patterns or hosts. Units are documented on each item; frequencies in Hz, times
//! in seconds, gains linear unless named `_db`.

pub mod fast_math;
pub mod formant;
pub mod ladder;
pub mod onepole;
pub mod phasor;
pub mod smooth;
pub mod svf;
