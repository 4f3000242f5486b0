//! `cargo xtask bundle phonon --release` builds `target/bundled/Phonon.clap` and `Phonon.vst3`.
//! nice-plug's bundler does the work; `phonon` is accepted as a short name for the
//! `phonon-plugin` package.

fn main() -> nice_plug_xtask::Result<()> {
    let args = std::env::args().skip(1).map(|a| if a == "phonon" { "phonon-plugin".to_string() } else { a });
    nice_plug_xtask::main_with_args("cargo xtask", args)
}
