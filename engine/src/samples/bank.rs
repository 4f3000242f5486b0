//! The bank: sound sets by name.

use super::folders::{self, LoadReport};
use super::{kit, LoadLimits, Sample};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a sound set comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// The built-in kit.
    Kit,
    /// A folder of a user's sample collection.
    Folder(PathBuf),
}

/// The samples of one name (`bd`): `bd:i` plays `samples[i % len]`.
pub struct SoundSet {
    pub name: String,
    pub samples: Vec<Arc<Sample>>,
    pub origin: Origin,
}

/// Sounds by name. Set indices ([`Bank::set_index`]) are stable for the life of a bank, which
/// is what lets voices refer to samples by index on the audio thread.
#[derive(Default)]
pub struct Bank {
    /// Sorted by name.
    sets: Vec<SoundSet>,
    /// Problems met while loading (unreadable files, odd formats), for the user to read.
    warnings: Vec<String>,
    /// Decoded bytes held by folder samples (the kit is not counted against limits).
    folder_bytes: usize,
}

impl Bank {
    /// A bank with no samples (synth voices are always playable).
    pub fn empty() -> Bank {
        Bank::default()
    }

    /// The built-in kit: `bd sn hh oh cp rim lt mt ht cb cy perc`, four variants each.
    pub fn builtin() -> Bank {
        let mut b = Bank::default();
        for (name, samples) in kit::sets() {
            b.insert(SoundSet { name: name.to_string(), samples: samples.clone(), origin: Origin::Kit });
        }
        b
    }

    /// The built-in kit plus sample folders, later folders winning over earlier ones and all
    /// of them over the kit. Problems are collected in [`Bank::warnings`]; a folder that cannot
    /// be read at all is an error.
    pub fn with_folders<P: AsRef<Path>>(folders: &[P], limits: &LoadLimits) -> Result<Bank, String> {
        let mut b = Bank::builtin();
        for f in folders {
            b.add_folder(f.as_ref(), limits)?;
        }
        Ok(b)
    }

    /// Load a sample collection in the Dirt-Samples layout (a folder per sound name, the
    /// files of each sorted by name). Its sounds replace same-named ones already here.
    pub fn add_folder(&mut self, root: &Path, limits: &LoadLimits) -> Result<LoadReport, String> {
        let budget = limits.max_total_bytes.saturating_sub(self.folder_bytes);
        let (sets, report) = folders::load_collection(root, limits, budget)?;
        for s in sets {
            self.folder_bytes += s.samples.iter().map(|x| x.bytes()).sum::<usize>();
            self.insert(s);
        }
        self.warnings.extend(report.warnings.iter().cloned());
        Ok(report)
    }

    /// Add or replace a set.
    pub fn insert(&mut self, set: SoundSet) {
        match self.sets.binary_search_by(|s| s.name.as_str().cmp(&set.name)) {
            Ok(i) => self.sets[i] = set,
            Err(i) => self.sets.insert(i, set),
        }
    }

    /// Whether `s` can play `name`: a sample set or a synth voice.
    pub fn has_sound(&self, name: &str) -> bool {
        self.set_index(name).is_some() || crate::voice::synth::SynthKind::from_name(name).is_some()
    }

    /// Every playable name, sorted: sample sets and synth voices.
    pub fn sound_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.sets.iter().map(|s| s.name.as_str()).collect();
        v.extend(crate::voice::synth::SynthKind::names().map(|n| -> &str { n }));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Index of the sample set called `name`.
    pub fn set_index(&self, name: &str) -> Option<usize> {
        self.sets.binary_search_by(|s| s.name.as_str().cmp(name)).ok()
    }

    pub fn set(&self, name: &str) -> Option<&SoundSet> {
        self.set_index(name).map(|i| &self.sets[i])
    }

    /// All sets, sorted by name.
    pub fn sets(&self) -> &[SoundSet] {
        &self.sets
    }

    /// `name:i` as Tidal picks it: file `i` modulo the number of files.
    pub fn sample(&self, name: &str, i: i64) -> Option<&Arc<Sample>> {
        let set = self.set(name)?;
        if set.samples.is_empty() {
            return None;
        }
        Some(&set.samples[i.rem_euclid(set.samples.len() as i64) as usize])
    }

    /// Problems met while loading folders.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, len: usize) -> SoundSet {
        SoundSet {
            name: name.into(),
            samples: vec![Arc::new(Sample::new(name, vec![vec![0.5; len]], 48000.0))],
            origin: Origin::Folder(PathBuf::from(name)),
        }
    }

    #[test]
    fn sets_stay_sorted_and_replace_by_name() {
        let mut b = Bank::builtin();
        let before = b.sets().len();
        b.insert(one("zz", 3));
        b.insert(one("bd", 5));
        assert_eq!(b.sets().len(), before + 1);
        assert!(b.sets().windows(2).all(|w| w[0].name < w[1].name));
        assert_eq!(b.sample("bd", 7).unwrap().frames(), 5);
        assert!(b.has_sound("supersaw") && b.has_sound("zz") && !b.has_sound("nope"));
        assert!(b.sound_names().contains(&"superpiano"));
    }
}
