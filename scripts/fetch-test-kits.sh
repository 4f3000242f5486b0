#!/usr/bin/env bash
# Prepares real-world sample files for the sample-loading tests, never committed:
#   target/test-kits/dirt/<kit>/...      Debian's hydrogen-drumkits (WAV, FLAC, AIFF), one
#                                        folder per kit, in the Dirt-Samples layout (links)
#   target/test-kits/formats/<fmt>/...   short tones written by sox as OGG, MP3, AIFF, FLAC and
#                                        8/24-bit WAV
# Installs hydrogen-drumkits and sox (with its MP3/OGG handlers) when missing. Idempotent and
# quick when everything is there. Exits 0 even when the packages cannot be installed (the
# tests then say what they skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

kits=/usr/share/hydrogen/data/drumkits
out=target/test-kits
stamp="$out/.ready-v1"

if [ -f "$stamp" ] && [ -d "$kits" ]; then
  exit 0
fi

need_install=()
[ -d "$kits" ] || need_install+=(hydrogen-drumkits)
command -v sox >/dev/null 2>&1 || need_install+=(sox)
dpkg -s libsox-fmt-all >/dev/null 2>&1 || need_install+=(libsox-fmt-all)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "fetch-test-kits: installing ${need_install[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { "${sudo_cmd[@]}" apt-get update -qq &&
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_install[@]}"; } >/dev/null 2>&1; then
    echo "fetch-test-kits: could not install ${need_install[*]}; the tests that need them will be skipped" >&2
  fi
fi

rm -rf "$out"
mkdir -p "$out/dirt" "$out/formats"

if [ -d "$kits" ]; then
  for kit in "$kits"/*/; do
    # Sound names must be writable in patterns: lower-case letters and digits only.
    name=$(basename "$kit" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9')
    [ -n "$name" ] || continue
    mkdir -p "$out/dirt/$name"
    find "$kit" -maxdepth 1 -type f \( -iname '*.wav' -o -iname '*.flac' -o -iname '*.aif' -o -iname '*.aiff' \) \
      -exec ln -sf {} "$out/dirt/$name/" \;
  done
fi

if command -v sox >/dev/null 2>&1; then
  # A 0.5 s, 440 Hz tone in every format; failures (a missing handler) just leave a gap.
  for fmt in ogg mp3 aiff flac; do
    mkdir -p "$out/formats/tone$fmt"
    sox -n -r 44100 -c 1 "$out/formats/tone$fmt/tone.$fmt" synth 0.5 sine 440 gain -6 2>/dev/null ||
      rm -rf "${out:?}/formats/tone$fmt"
  done
  mkdir -p "$out/formats/tonewav8" "$out/formats/tonewav24" "$out/formats/tonestereo"
  sox -n -r 22050 -b 8 -c 1 "$out/formats/tonewav8/tone.wav" synth 0.5 sine 440 gain -6 2>/dev/null || true
  sox -n -r 96000 -b 24 -c 1 "$out/formats/tonewav24/tone.wav" synth 0.5 sine 440 gain -6 2>/dev/null || true
  sox -n -r 48000 -c 2 "$out/formats/tonestereo/tone.ogg" synth 0.5 sine 440 sine 660 gain -6 2>/dev/null || true
fi

if [ -d "$kits" ]; then
  touch "$stamp"
fi
echo "fetch-test-kits: ready in $out"
