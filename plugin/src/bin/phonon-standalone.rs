//! Phonon as a standalone application: the plugin and its editor window, playing through JACK
//! or ALSA (`--backend dummy` runs without audio hardware).

fn main() {
    nice_plug::nice_export_standalone::<phonon_plugin::Phonon>();
}
