#!/usr/bin/env bash
# Runs every test of the project. The plugin tests load the built bundle, in our own CLAP test
# host and in third-party hosts (Ardour, pedalboard, DawDreamer; installed here if missing).
# The test bundle is a debug build with nice-plug's `assert_process_allocs`: an allocation
# inside the plugin's process() aborts the host, so every plugin test also checks that.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/install-hosts.sh
bash scripts/fetch-test-kits.sh
cargo xtask bundle phonon --features assert_process_allocs
cargo test --workspace --no-fail-fast
