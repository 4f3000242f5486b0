//! Voices: what plays events. The [`Player`] node queries a control pattern every block and
//! starts a voice for every event onset, exactly on its sample: a sample from the bank
//! ([`sampler`]) or a synth voice ([`synth`]), shaped by the event's controls ([`params`]),
//! enveloped ([`env`]), filtered and distorted per voice ([`fx`], [`squiz`]), drawn from a fixed pool
//! ([`pool`]). Everything a player needs is allocated when the graph is built; the audio
//! thread only mutates it.

pub mod dirt_fx;
pub mod env;
pub mod fx;
pub mod fx_memory;
pub mod params;
pub mod player;
pub mod pool;
pub mod sampler;
pub mod sends;
pub mod spectral;
pub mod squiz;
pub mod synth;
pub mod table;

pub use player::Player;
