#!/usr/bin/env bash
# Smoke test of the standalone app on a virtual screen: it starts with the editor window and the
# dummy audio backend, an edit with an error evaluated by Ctrl+Enter shows the error, and the app
# is still running afterwards. Not part of scripts/test.sh: the standalone feature rebuilds much
# of the dependency tree with other features (minutes on two cores).
# Usage: bash scripts/check-standalone.sh [screenshot.png]
set -euo pipefail
cd "$(dirname "$0")/.."
SHOT=${1:-/tmp/phonon-standalone.png}

missing=()
for tool in xvfb-run xdotool import; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends xvfb xauth xdotool imagemagick libgl1-mesa-dri >/dev/null
fi
timeout 1800 cargo build -p phonon-plugin --features standalone --bin phonon-standalone
APP=target/debug/phonon-standalone
LOG=$(mktemp)
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
  $APP --backend dummy >'$LOG' 2>&1 & p=\$!
  sleep 6
  xdotool mousemove 200 100 click 1; sleep 0.5
  xdotool key ctrl+a; xdotool type 'out: sine ('; xdotool key ctrl+Return; sleep 2
  import -window root '$SHOT'
  kill -0 \$p || { echo 'the standalone app exited early'; exit 1; }
  kill -TERM \$p; wait \$p || true
"
cat "$LOG"; rm -f "$LOG"
echo "standalone ran; screenshot in $SHOT (the window should show an 'unclosed (' error)"
