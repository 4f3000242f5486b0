#!/usr/bin/env bash
# Screenshot of the standalone editor under a virtual X server, for looking at the window
# without a screen. Usage: scripts/screenshot.sh [OUT.png] [PROGRAM.ph]
# Builds the standalone app, starts it with the dummy audio backend, optionally types a
# program and evaluates it, and saves the window (the whole screen if it cannot be found).
# Output defaults to /tmp. Optional environment:
#   PHONON_SHOT_SIZE=800x500          resize the window first
#   PHONON_SHOT_CLICKS="x,y x,y"      clicks before the picture (window coordinates)
#   PHONON_SHOT_KEYS="ctrl+d Escape"  xdotool key presses before the picture
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/phonon-editor.png}"
program="${2:-}"

need=()
for p in xvfb imagemagick xdotool libgl1-mesa-dri; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

timeout 1800 cargo build -p phonon-plugin --features standalone --bin phonon-standalone
app="$PWD/target/debug/phonon-standalone"

export PHONON_SHOT_OUT="$out" PHONON_SHOT_PROGRAM="$program" PHONON_APP="$app" PHONON_SHOT_CLICKS="${PHONON_SHOT_CLICKS:-}"
export PHONON_SHOT_SIZE="${PHONON_SHOT_SIZE:-}" PHONON_SHOT_KEYS="${PHONON_SHOT_KEYS:-}"
timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -u
  "$PHONON_APP" --backend dummy >/tmp/phonon-standalone.log 2>&1 &
  pid=$!
  sleep 6
  wid=$(xdotool search --name Phonon 2>/dev/null | head -n 1 || true)
  if [ -n "$wid" ] && [ -n "$PHONON_SHOT_SIZE" ]; then
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "${PHONON_SHOT_SIZE%x*}" "${PHONON_SHOT_SIZE#*x}"
    sleep 1
  fi
  if [ -n "$PHONON_SHOT_PROGRAM" ]; then
    # Click into the code, replace it with the program line by line (real key presses through
    # the X server, as a keyboard would), and evaluate.
    xdotool mousemove 300 300 click 1
    sleep 0.5
    xdotool key ctrl+a
    first=1
    while IFS= read -r line || [ -n "$line" ]; do
      [ $first -eq 1 ] || xdotool key Return
      first=0
      [ -z "$line" ] || xdotool type --delay 5 -- "$line"
    done <"$PHONON_SHOT_PROGRAM"
    xdotool key ctrl+Return
    sleep 2
  fi
  for spot in ${PHONON_SHOT_CLICKS:-}; do
    # Extra clicks before the picture, as x,y (e.g. a toolbar button).
    xdotool mousemove "${spot%,*}" "${spot#*,}" click 1
    sleep 1
  done
  for k in ${PHONON_SHOT_KEYS:-}; do
    xdotool key "$k"
    sleep 0.5
  done
  sleep 0.5
  if [ -n "$wid" ]; then
    import -window "$wid" "$PHONON_SHOT_OUT"
  else
    import -window root "$PHONON_SHOT_OUT"
  fi
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
'
echo "screenshot: $out"
