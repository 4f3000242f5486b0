//! The two plugins of the bundle and their audio ports: **Phonon** (main stereo output) and
//! **Phonon Multi** (main output plus `out1`..`out8`, each a stereo port of its own). Both take
//! an optional stereo input, the language's `in`.

use crate::params::OUTPUTS;
use nice_plug::prelude::*;

/// What tells the two plugins apart.
pub trait Variant: Send + 'static {
    const NAME: &'static str;
    const CLAP_ID: &'static str;
    const VST3_CLASS_ID: [u8; 16];
    const LAYOUTS: &'static [AudioIOLayout];
    /// Numbered outputs with a port of their own.
    const AUX_OUTPUTS: usize;
}

/// Phonon: one stereo output carrying `out:` (or the sum of the numbered outputs).
pub struct Stereo;

/// Phonon Multi: the main output and `out1`..`out8` on ports of their own.
pub struct Multi;

// The main ports keep nice-plug's names ("Input", "Output"): nice-plug 0.4.2 names the main
// output after `main_input`, so naming either would name both.
const NAMES: PortNames =
    PortNames { layout: None, main_input: None, main_output: None, aux_inputs: &[], aux_outputs: &[] };

const AUX_NAMES: [&str; OUTPUTS] = ["out1", "out2", "out3", "out4", "out5", "out6", "out7", "out8"];

impl Variant for Stereo {
    const NAME: &'static str = "Phonon";
    const CLAP_ID: &'static str = "org.phonon.phonon";
    const VST3_CLASS_ID: [u8; 16] = *b"PhononLiveCode01";
    const LAYOUTS: &'static [AudioIOLayout] = &[
        AudioIOLayout {
            main_input_channels: NonZeroU32::new(2),
            main_output_channels: NonZeroU32::new(2),
            names: PortNames { layout: Some("Stereo with input"), ..NAMES },
            ..AudioIOLayout::const_default()
        },
        AudioIOLayout {
            main_output_channels: NonZeroU32::new(2),
            names: PortNames { layout: Some("Stereo"), ..NAMES },
            ..AudioIOLayout::const_default()
        },
    ];
    const AUX_OUTPUTS: usize = 0;
}

impl Variant for Multi {
    const NAME: &'static str = "Phonon Multi";
    const CLAP_ID: &'static str = "org.phonon.phonon-multi";
    const VST3_CLASS_ID: [u8; 16] = *b"PhononLiveMulti1";
    const LAYOUTS: &'static [AudioIOLayout] = &[
        AudioIOLayout {
            main_input_channels: NonZeroU32::new(2),
            main_output_channels: NonZeroU32::new(2),
            aux_output_ports: &[new_nonzero_u32(2); OUTPUTS],
            names: PortNames { layout: Some("Main and out1-out8, with input"), aux_outputs: &AUX_NAMES, ..NAMES },
            ..AudioIOLayout::const_default()
        },
        AudioIOLayout {
            main_output_channels: NonZeroU32::new(2),
            aux_output_ports: &[new_nonzero_u32(2); OUTPUTS],
            names: PortNames { layout: Some("Main and out1-out8"), aux_outputs: &AUX_NAMES, ..NAMES },
            ..AudioIOLayout::const_default()
        },
    ];
    const AUX_OUTPUTS: usize = OUTPUTS;
}

/// The host's output buffers of one call as the adapter's ports: `ports[0]` main, `ports[k]`
/// `outk` for the first `aux_ports` auxiliary outputs. A port the host gave no buffer stays
/// empty, and the adapter skips it. Returns the number of ports.
pub fn output_ports<'a, 'b: 'a, 'c: 'a>(
    main: &'a mut [&'b mut [f32]],
    aux: &'a mut [Buffer<'c>],
    ports: &mut [[&'a mut [f32]; 2]; 1 + OUTPUTS],
    aux_ports: usize,
) -> usize {
    if let [l, r, ..] = main {
        ports[0] = [&mut **l, &mut **r];
    }
    let aux_ports = aux_ports.min(OUTPUTS);
    for (k, b) in aux.iter_mut().take(aux_ports).enumerate() {
        if let [l, r, ..] = b.as_slice() {
            ports[k + 1] = [&mut **l, &mut **r];
        }
    }
    1 + aux_ports
}
