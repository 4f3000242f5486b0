#!/usr/bin/env bash
# Runs every test of the project. The plugin-in-a-host tests load the bundle, so it is built
# first (debug profile, shared with the test build).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/fetch-test-kits.sh
cargo xtask bundle phonon
cargo test --workspace --no-fail-fast
