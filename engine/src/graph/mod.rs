//! The block graph runtime: what the audio thread runs.
//!
//! A [`Graph`] is built from a compiled plan off the audio thread, with every buffer, node
//! state, voice pool and scratch space allocated up front. The audio thread then only calls
//! [`Engine::process_block`], one fixed-size engine block at a time ([`BLOCK`] samples); the
//! [`HostAdapter`] turns whatever buffer sizes a host passes into whole engine blocks, so the
//! sound never depends on the host's buffer size.

mod adapter;
mod arena;
mod boundary;
mod build;
mod clock;
mod engine;
mod exec;
mod node;
pub mod plan;
mod pool;
mod schedule;
mod scope;
mod steps;

pub use adapter::HostAdapter;
pub use arena::{Frame, In, Inputs};
pub use boundary::{HostIn, HostOutputs, MidiEvent, MidiOut, Outputs, Transport, MACROS, MAX_MIDI_EVENTS, MAX_OUTPUTS};
pub use build::{build, ident_hash, Graph};
pub use clock::Clock;
pub use engine::{Engine, EngineStatus, Prepared, SwapSender};
pub use node::{same_kind, BuildEnv, Ctx, Node};
pub use pool::Pool;
pub use scope::{Scope, SCOPE_LEN};
pub use steps::{now_nanos, program_id, BlockSteps, PlayedStep, StepFeed, FEED_CAPACITY, MAX_BLOCK_STEPS};

/// Samples per engine block. The engine reports this as its latency to hosts, and bus feedback
/// loops are closed through a delay of exactly one block.
pub const BLOCK: usize = 128;

/// Sort `xs` by `key`, keeping the order of equal keys, in place and without allocating (the
/// standard stable sort may allocate). An insertion sort: the audio thread's lists are short
/// and nearly sorted.
pub(crate) fn stable_sort_by_key<T, K: PartialOrd>(xs: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..xs.len() {
        let mut j = i;
        while j > 0 && key(&xs[j - 1]) > key(&xs[j]) {
            xs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// One channel of one engine block.
pub type Buf = [f32; BLOCK];

#[cfg(test)]
mod tests {
    /// The graph's files in layers, lowest first: each may use only files before it, so
    /// `graph/` has no import circle. A new file takes its place here.
    const LAYERS: [&str; 13] = [
        "arena", "clock", "steps", "scope", "boundary", "node", "plan", "schedule", "build", "pool", "exec", "engine",
        "adapter",
    ];

    #[test]
    fn files_only_use_the_layers_below_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/graph");
        let index = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
        // Which file each name re-exported by this module comes from.
        let mut home = std::collections::HashMap::new();
        for line in index.lines().filter_map(|l| l.strip_prefix("pub use ")) {
            let (file, names) = line.split_once("::").unwrap();
            for name in names.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|n| !n.is_empty()) {
                home.insert(name.to_string(), file.to_string());
            }
        }
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_stem().unwrap().to_string_lossy().to_string();
            if file == "mod" {
                continue;
            }
            let layer = LAYERS.iter().position(|l| *l == file).unwrap_or_else(|| panic!("{file}.rs has no layer"));
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (_, rest) in line.match_indices("super::").map(|(i, _)| line.split_at(i + 7)) {
                    let used =
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '{' || c == ',' || c == ' '));
                    for name in used.take(1).flat_map(|u| u.split(['{', ',', ' '])).filter(|n| !n.is_empty()) {
                        let target =
                            if LAYERS.contains(&name) { Some(name.to_string()) } else { home.get(name).cloned() };
                        if let Some(t) = target.filter(|t| *t != file) {
                            let below = LAYERS.iter().position(|l| *l == t).unwrap() < layer;
                            assert!(below, "{file}.rs uses {t}.rs, which is not below it: {}", line.trim());
                        }
                    }
                }
            }
            files += 1;
        }
        assert_eq!(files, LAYERS.len());
    }
}
