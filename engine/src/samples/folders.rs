//! Sample collections on disk in the Dirt-Samples layout: a folder per sound name, the audio
//! files of each sorted by file name (`bd:0` is the first).

use super::decode::{decode_file_checked, AUDIO_EXTENSIONS};
use super::{LoadLimits, Origin, SoundSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What loading a collection did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadReport {
    /// Sound names loaded.
    pub sets: usize,
    /// Files decoded.
    pub samples: usize,
    /// Decoded bytes held.
    pub bytes: usize,
    /// Files and folders skipped, and why.
    pub warnings: Vec<String>,
}

/// Whether `name` can be written in a pattern (`s "name:3"`): no spaces and none of the
/// characters mini-notation gives a meaning to.
pub fn usable_name(name: &str) -> bool {
    // A number names a folder too (Dirt-Samples' `808`, `909`): `s "909"` plays it, as in Tidal.
    !name.is_empty() && name.chars().all(|c| !c.is_whitespace() && !"[]<>{}(),:*/!@?~|%^'\"#$=".contains(c))
}

fn is_audio(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| AUDIO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Entries of a directory sorted by file name; unreadable entries are skipped.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(v)
}

/// Load every sound folder under `root`, decoding at most `budget` bytes of sample data.
/// Returns the sets and a report; only an unreadable `root` is an error.
pub fn load_collection(root: &Path, limits: &LoadLimits, budget: usize) -> Result<(Vec<SoundSet>, LoadReport), String> {
    let entries = sorted_entries(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut report = LoadReport::default();
    let mut sets = Vec::new();
    let mut budget_hit = false;
    for dir in entries.into_iter().filter(|p| p.is_dir()) {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            report.warnings.push(format!("{}: folder name is not valid text; skipped", dir.display()));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if !usable_name(&name) {
            report.warnings.push(format!("{}: '{name}' cannot be written in a pattern; folder skipped", dir.display()));
            continue;
        }
        let files = match sorted_entries(&dir) {
            Ok(f) => f,
            Err(e) => {
                report.warnings.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        let mut samples = Vec::new();
        for f in files.into_iter().filter(|p| p.is_file() && is_audio(p)) {
            let file_name = f.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            let label = format!("{name}/{file_name}");
            if budget_hit {
                report.warnings.push(format!("{label}: skipped (sample memory limit reached)"));
                continue;
            }
            match decode_file_checked(&f, &label, limits) {
                Ok(d) => {
                    if d.replaced > 0 {
                        report.warnings.push(format!(
                            "{label}: {} samples were not numbers (NaN or infinity); they play as silence",
                            d.replaced
                        ));
                    }
                    let s = d.sample;
                    if report.bytes + s.bytes() > budget {
                        budget_hit = true;
                        report
                            .warnings
                            .push(format!("{label}: skipped (sample memory limit of {} MiB reached)", budget >> 20));
                        continue;
                    }
                    report.bytes += s.bytes();
                    report.samples += 1;
                    samples.push(Arc::new(s));
                }
                Err(e) => report.warnings.push(format!("{label}: {e}; skipped")),
            }
        }
        if samples.is_empty() {
            report.warnings.push(format!("{}: no playable audio files; '{name}' not loaded", dir.display()));
            continue;
        }
        report.sets += 1;
        sets.push(SoundSet { name, samples: samples.into(), origin: Origin::Folder(dir) });
    }
    if sets.is_empty() && report.warnings.is_empty() {
        report.warnings.push(format!(
            "{}: no sound folders found (expected one folder per sound name holding audio files)",
            root.display()
        ));
    }
    Ok((sets, report))
}

/// The sound folders under `root` with their audio files, sorted, without decoding any:
/// `(name, folder, files)`. Folders whose names cannot be written in a pattern, and folders
/// without audio files, are left out. Only an unreadable `root` is an error.
pub fn index_collection(root: &Path) -> Result<Vec<(String, PathBuf, Vec<PathBuf>)>, String> {
    let entries = sorted_entries(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut sets = Vec::new();
    for dir in entries.into_iter().filter(|p| p.is_dir()) {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        if name.starts_with('.') || !usable_name(&name) {
            continue;
        }
        let Ok(files) = sorted_entries(&dir) else { continue };
        let files: Vec<PathBuf> = files.into_iter().filter(|p| p.is_file() && is_audio(p)).collect();
        if !files.is_empty() {
            sets.push((name, dir, files));
        }
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_writable_in_patterns() {
        assert!(usable_name("bd") && usable_name("808bd") && usable_name("hh_open"));
        assert!(!usable_name("my kick") && !usable_name("a:b") && !usable_name("x*2"));
        assert!(usable_name("909"));
    }
}
