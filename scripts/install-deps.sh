#!/usr/bin/env bash
# Installs the system packages Phonon's build and tests need (Debian/Ubuntu). Idempotent: does
# nothing when everything is already there.
set -euo pipefail

packages=(
  pkg-config libasound2-dev libjack-jackd2-dev libgl-dev libx11-xcb-dev libxcb1-dev
  libxcb-dri2-0-dev libxcb-icccm4-dev libxcursor-dev libxkbcommon-dev libxcb-shape0-dev
  libxcb-xfixes0-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
