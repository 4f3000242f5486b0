//! The bank: sound sets by name.

use super::folders::{self, LoadReport};
use super::{decode_file, kit, LoadLimits, Sample};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
    pub samples: Samples,
    pub origin: Origin,
}

/// A set's samples: decoded files, a built-in kit sound rendered on first use, or files decoded
/// on first use. Reads as a slice:
/// - an unrendered kit sound renders when read (pure computation, no I/O); the audio thread
///   reads them with [`Samples::ready`], which renders nothing: a player renders the kit
///   sounds its program names when it is built ([`Bank::render_kit`]);
/// - unread files read as no samples: only [`SoundSet::prepare`] decodes them (the compiler
///   does, for each sound name a program spells out), so reading never touches the disk.
pub enum Samples {
    Loaded(Vec<Arc<Sample>>),
    /// Index into [`kit::NAMES`].
    Kit(usize),
    Files(Box<LazyFiles>),
}

/// A sound folder's audio files, decoded when the set is first prepared.
pub struct LazyFiles {
    files: Vec<PathBuf>,
    limits: LoadLimits,
    decoded: OnceLock<Vec<Arc<Sample>>>,
}

impl SoundSet {
    /// Make the samples readable: render a kit sound, decode a lazy folder (files that fail
    /// to decode are left out). Off the audio thread. Returns the number of samples.
    pub fn prepare(&self) -> usize {
        match &self.samples {
            Samples::Loaded(v) => v.len(),
            Samples::Kit(i) => kit::variants(*i).len(),
            Samples::Files(f) => f
                .decoded
                .get_or_init(|| {
                    f.files
                        .iter()
                        .filter_map(|p| {
                            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
                            decode_file(p, &format!("{}/{file}", self.name), &f.limits).ok().map(Arc::new)
                        })
                        .collect()
                })
                .len(),
        }
    }
}

impl Samples {
    /// The samples as they are now, rendering and decoding nothing (for the audio thread): a
    /// kit sound not yet rendered and unread files have none.
    #[inline]
    pub fn ready(&self) -> &[Arc<Sample>] {
        match self {
            Samples::Loaded(v) => v,
            Samples::Kit(i) => kit::rendered(*i),
            Samples::Files(f) => f.decoded.get().map_or(&[], |v| v.as_slice()),
        }
    }
}

impl From<Vec<Arc<Sample>>> for Samples {
    fn from(v: Vec<Arc<Sample>>) -> Samples {
        Samples::Loaded(v)
    }
}

impl std::ops::Deref for Samples {
    type Target = [Arc<Sample>];
    fn deref(&self) -> &[Arc<Sample>] {
        match self {
            Samples::Loaded(v) => v,
            Samples::Kit(i) => kit::variants(*i),
            Samples::Files(f) => f.decoded.get().map_or(&[], |v| v.as_slice()),
        }
    }
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
    /// Nothing is rendered until a sound is first used.
    pub fn builtin() -> Bank {
        let mut b = Bank::default();
        for (i, name) in kit::NAMES.iter().enumerate() {
            b.insert(SoundSet { name: name.to_string(), samples: Samples::Kit(i), origin: Origin::Kit });
        }
        b
    }

    /// Render the kit sounds this bank plays (those no folder replaced) among `wanted`
    /// (indices into the kit's names), on all cores; off the audio thread. Each is rendered
    /// once per process; later calls cost a lookup per name.
    pub fn render_kit(&self, wanted: &[usize]) {
        let kit: Vec<usize> = self
            .sets
            .iter()
            .filter_map(|s| match s.samples {
                Samples::Kit(i) if wanted.contains(&i) => Some(i),
                _ => None,
            })
            .collect();
        kit::render(&kit);
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

    /// Add a sample collection in the Dirt-Samples layout whose files are decoded only when a
    /// program first names their sound ([`Bank::prepare`]): a collection of hundreds of sounds
    /// (SuperDirt's own) costs a directory listing until then. Its sounds replace same-named
    /// ones already here.
    pub fn add_lazy_folder(&mut self, root: &Path, limits: &LoadLimits) -> Result<usize, String> {
        let sets = folders::index_collection(root)?;
        let n = sets.len();
        for (name, dir, files) in sets {
            let lazy = LazyFiles { files, limits: *limits, decoded: OnceLock::new() };
            self.insert(SoundSet { name, samples: Samples::Files(Box::new(lazy)), origin: Origin::Folder(dir) });
        }
        Ok(n)
    }

    /// [`Bank::has_sound`], making the sound's samples readable first (off the audio thread).
    pub fn prepare(&self, name: &str) -> bool {
        if let Some(set) = self.set(name) {
            set.prepare();
        }
        self.has_sound(name)
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
            samples: vec![Arc::new(Sample::new(name, vec![vec![0.5; len]], 48000.0))].into(),
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
