//! Phonon without a DAW: nice-plug's standalone wrapper around the stereo plugin, with the
//! editor window (`--backend dummy` runs without audio hardware; `--help` lists the options).

fn main() {
    nice_plug::prelude::nice_export_standalone::<phonon_plugin::Phonon>();
}
