//! Where a Tidal user keeps samples: SuperDirt's own `Dirt-Samples` quark, installed by
//! SuperCollider's `Quarks.install("SuperDirt")` into its user data folder. With no sample
//! folder chosen, Phonon plays from it (then from the built-in kit), so a Tidal user's `bd`
//! is their `bd`.

use std::ffi::OsString;
use std::path::PathBuf;

/// SuperCollider's user data folder holds `downloaded-quarks/Dirt-Samples`; these are the
/// places it is on Linux (XDG), macOS and Windows, in that order. `env` reads an environment
/// variable (a parameter, so tests need not change the process's environment).
pub fn dirt_samples_candidates(env: impl Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let quark = |data: PathBuf| data.join("SuperCollider").join("downloaded-quarks").join("Dirt-Samples");
    let mut v = Vec::new();
    if let Some(x) = env("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        v.push(quark(PathBuf::from(x)));
    }
    if let Some(home) = env("HOME").filter(|x| !x.is_empty()) {
        let home = PathBuf::from(home);
        v.push(quark(home.join(".local").join("share")));
        v.push(quark(home.join("Library").join("Application Support")));
    }
    if let Some(x) = env("LOCALAPPDATA").filter(|x| !x.is_empty()) {
        v.push(quark(PathBuf::from(x)));
    }
    v
}

/// The first installed Dirt-Samples folder, if any.
pub fn dirt_samples_dir() -> Option<PathBuf> {
    dirt_samples_candidates(|k| std::env::var_os(k)).into_iter().find(|p| p.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quark_folder_is_found_where_supercollider_installs_it() {
        let env = |k: &str| match k {
            "HOME" => Some(OsString::from("/home/tidal")),
            _ => None,
        };
        let c = dirt_samples_candidates(env);
        assert_eq!(c[0], PathBuf::from("/home/tidal/.local/share/SuperCollider/downloaded-quarks/Dirt-Samples"));
        assert_eq!(
            c[1],
            PathBuf::from("/home/tidal/Library/Application Support/SuperCollider/downloaded-quarks/Dirt-Samples")
        );
        let xdg = |k: &str| (k == "XDG_DATA_HOME").then(|| OsString::from("/data"));
        assert_eq!(dirt_samples_candidates(xdg), [PathBuf::from("/data/SuperCollider/downloaded-quarks/Dirt-Samples")]);
        assert!(dirt_samples_candidates(|_| None).is_empty());
    }
}
