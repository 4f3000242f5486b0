//! `docs/REFERENCE.md` is generated from the function table and the control table and must never go stale.

#[test]
fn committed_reference_matches_the_metadata_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/REFERENCE.md");
    let generated = phonon_engine::registry::reference_markdown();
    if std::env::var_os("PHONON_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/REFERENCE.md is stale: regenerate it with `cargo run -p phonon-engine --bin phonon -- docs > docs/REFERENCE.md`"
    );
}

#[test]
fn every_function_is_documented_with_a_signature_and_an_example() {
    let md = phonon_engine::registry::reference_markdown();
    for f in phonon_engine::registry::all() {
        assert!(md.contains(&format!("### `{}`", f.name)), "{} missing from the reference", f.name);
        assert!(md.contains(f.example.trim_end()), "{}'s example missing", f.name);
    }
}

#[test]
fn every_control_and_setting_of_the_table_is_documented() {
    let md = phonon_engine::registry::reference_markdown();
    for c in phonon_engine::controls::CONTROLS.iter() {
        assert!(md.contains(&format!("### `{}`", c.name)), "{} missing from the reference", c.name);
        for a in c.aliases {
            assert!(md.contains(&format!("`{a}`")), "{}'s alias {a} missing from the reference", c.name);
        }
    }
}
