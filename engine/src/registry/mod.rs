//! The function table: every function of the language, gathered from the families that
//! declare them (`pattern::library`, `controls`, `nodes::SOURCES`, `nodes::FILTERS`, ...).
//! Argument checking and keyword arguments, error messages, the editor's completion and hover
//! help, and `phonon docs` all read this table and nothing else. It sits above the families:
//! they declare their entries with the types of `meta` and never read the registry.

mod docs;

pub use docs::reference_markdown;

use crate::meta::FnMeta;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every part of the table (the pattern library keeps one part per family).
fn parts() -> Vec<&'static [FnMeta]> {
    let mut parts = crate::pattern::library::TABLES.to_vec();
    parts.extend([
        crate::controls::functions(),
        crate::nodes::SOURCES,
        crate::nodes::FILTERS,
        crate::nodes::EFFECTS,
        crate::nodes::DYNAMICS,
        crate::compile::special::FUNCTIONS,
        crate::nodes::UTILITIES,
    ]);
    parts
}

/// Every function of the language, in table order.
pub fn all() -> impl Iterator<Item = &'static FnMeta> {
    parts().into_iter().flat_map(|p| p.iter())
}

fn index() -> &'static HashMap<&'static str, Vec<&'static FnMeta>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static FnMeta>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static FnMeta>> = HashMap::new();
        for f in all() {
            m.entry(f.name).or_default().push(f);
            for a in f.aliases {
                m.entry(a).or_default().push(f);
            }
        }
        m
    })
}

/// The entries for a name (two when a name is both a control and a processor).
pub fn lookup(name: &str) -> &'static [&'static FnMeta] {
    index().get(name).map(|v| v.as_slice()).unwrap_or(&[])
}

/// Every name and alias, sorted (for completion and suggestions).
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = index().keys().copied().collect();
    v.sort_unstable();
    v
}

/// Known names closest to `name` (edit distance), best first.
pub fn suggest(name: &str, limit: usize) -> Vec<&'static str> {
    let all = names();
    // Tidal 0.9's `sine1`, `saw1`, ... still work but are not worth suggesting next to `sine`.
    let old_spelling = |n: &str| n.strip_suffix('1').is_some_and(|b| all.binary_search(&b).is_ok());
    let mut scored: Vec<(usize, &'static str)> = all
        .iter()
        .copied()
        .filter(|n| !old_spelling(n))
        .map(|n| (edit_distance(&name.to_lowercase(), &n.to_lowercase()), n))
        .filter(|&(d, n)| d <= 2.max(n.len() / 3) && d < name.len().max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(limit).map(|(_, n)| n).collect()
}

/// Levenshtein distance (with adjacent transpositions counted as one edit).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for f in all() {
            assert!(!f.help.is_empty(), "{} has no help", f.name);
            assert!(!f.example.is_empty(), "{} has no example", f.name);
            assert!(seen.insert((f.name, f.kind)), "{} ({:?}) appears twice", f.name, f.kind);
            let mut optional = false;
            for p in f.params {
                if p.default.is_some() {
                    optional = true;
                } else {
                    assert!(!optional, "{}: required parameter {} after an optional one", f.name, p.name);
                }
            }
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("lfp", "lpf"), 1);
        assert!(suggest("sinee", 3).contains(&"sine"));
    }

    /// The registry sits above the families that declare functions: none of them reads it
    /// (only the compiler, the highlighter and the command line do), so there is no circle.
    #[test]
    fn no_family_reads_the_registry() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let readers = ["registry/", "compile/mod.rs", "compile/expr.rs", "lang/highlight.rs", "bin/"];
        let mut stack = vec![src.clone()];
        let mut files = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
                if !rel.ends_with(".rs") || readers.iter().any(|r| rel.starts_with(r)) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!text.contains("registry::"), "{rel} reads the registry");
                files += 1;
            }
        }
        assert!(files > 50, "only {files} files checked");
    }
}
