#!/usr/bin/env bash
# Setup and run: system packages, the `phonon` tool, the plugin bundles, and a first render.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cargo build --release -p phonon-engine --bin phonon
cargo xtask bundle phonon --release
cargo build --release -p phonon-plugin --features standalone --bin phonon-standalone
timeout 300 ./target/release/phonon render presets/demo.ph demo.wav
echo
echo "Built:"
echo "  target/release/phonon          the command-line tool"
echo "  target/bundled/Phonon.clap     CLAP plugin"
echo "  target/bundled/Phonon.vst3     VST3 plugin"
echo "  target/release/phonon-standalone  Phonon without a DAW (JACK/ALSA; --help)"
echo "  demo.wav                       presets/demo.ph, rendered"
