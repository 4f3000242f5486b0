#!/usr/bin/env bash
# Installs the third-party hosts the real-host tests load the plugin in: Ardour 7 (Debian's
# `ardour`, headless through ardour7-lua), and pedalboard and DawDreamer (PyPI, with numpy).
# Idempotent: does nothing when everything is there.
set -euo pipefail

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
if ! command -v ardour7-lua >/dev/null 2>&1; then
  echo "Installing Ardour (for the real-host tests)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  # dpkg sometimes needs libpcre2-8-0 upgraded first.
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libpcre2-8-0 >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends ardour >/dev/null
fi
if ! python3 -c "import numpy, pedalboard, dawdreamer" >/dev/null 2>&1; then
  echo "Installing pedalboard, DawDreamer and numpy (for the real-host tests)"
  python3 -m pip install --quiet --disable-pip-version-check pedalboard dawdreamer numpy
fi
