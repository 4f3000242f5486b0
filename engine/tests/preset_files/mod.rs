//! The programs of `presets/`, for tests that run every preset.

/// Every `presets/*.ph` as (path, text), sorted by path.
pub fn presets() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../presets");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("presets folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}
