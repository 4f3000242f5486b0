#!/usr/bin/env bash
# ardour_render.sh - render a VST3 plugin through real Ardour 7 (headless luasession, Dummy backend)
#
# Usage:
#   ardour_render.sh PLUGIN.vst3 OUT.wav [SECONDS] [options]
# Options:
#   --param NAME=VALUE   set a plugin parameter before rendering (repeatable). NAME is the parameter
#                        name as the host shows it ("Gain") or its index; VALUE is in the plain units
#                        Ardour uses (for nice-plug: the parameter's plain value, bool = 0/1).
#   --aux                also write OUT.out2.wav, OUT.out3.wav, ... = the plugin's further output
#                        pairs (aux output busses), each routed alone to the master bus
#   --rate HZ            session sample rate (default 48000)
#   --save-session DIR   keep the session in DIR (saved after the render, plugin state included)
#   --load-session DIR   do not create anything: load the session saved in DIR (and its plugin
#                        state) and render it again - the state-restore test. PLUGIN.vst3 must be
#                        given all the same (it is scanned so Ardour can find it).
#   --pcm16              export with Ardour's stock "WAV @ session-rate" 16-bit preset instead of
#                        the 32-bit float preset this script installs
#   --plugin NAME        the plugin of the bundle to load, by name (default: the first one)
#   --aux-pairs LIST     like --aux, but only the pairs in LIST ("2,3": OUT.out2.wav, OUT.out3.wav)
#   --resave             with --load-session: save the session again after the render (the
#                        plugin's state as the plugin now reports it)
# Prerequisites (Debian bookworm):  apt-get install --no-install-recommends ardour
#   (provides /usr/bin/ardour7-lua and /usr/lib/ardour7/ardour-vst3-scanner; no X, no JACK, no
#   audio hardware needed). Verify the result with wav_check.py (python3, optional numpy).
# Notes:
#   * luasession only reads Ardour's VST3 scan cache, so the bundle is first indexed with
#     ardour-vst3-scanner; VST3_PATH points Ardour at the bundle's directory.
#   * Ardour's config/cache go to a private XDG dir (ARDOUR_RENDER_HOME, default a temp dir), so
#     nothing is written to ~/.config or ~/.cache.
#   * The plugin sits alone on an audio bus (strict I/O off, panner bypassed); the bus's first two
#     outputs feed the master bus, which Ardour exports (freewheeling, faster than real time).
set -euo pipefail

usage() { sed -n '2,34p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
PLUGIN=$(realpath "$1"); OUT=$2; shift 2
SECONDS_=3
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9.]+$ ]]; then SECONDS_=$1; shift; fi
PARAMS=""; AUX=0; RATE=48000; SAVE_DIR=""; LOAD_DIR=""; PCM16=0; PLUGIN_NAME=""; RESAVE=0; AUX_PAIRS=""
while [ $# -gt 0 ]; do
  case $1 in
    --param) PARAMS="${PARAMS:+$PARAMS;}$2"; shift 2 ;;
    --aux) AUX=1; shift ;;
    --aux-pairs) AUX=1; AUX_PAIRS=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --save-session) SAVE_DIR=$2; shift 2 ;;
    --load-session) LOAD_DIR=$2; shift 2 ;;
    --pcm16) PCM16=1; shift ;;
    --plugin) PLUGIN_NAME=$2; shift 2 ;;
    --resave) RESAVE=1; shift ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
[ -d "$PLUGIN" ] || [ -f "$PLUGIN" ] || { echo "no such plugin bundle: $PLUGIN" >&2; exit 2; }
command -v ardour7-lua >/dev/null || { echo "ardour7-lua missing: apt-get install ardour" >&2; exit 2; }

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d -t ardour_render.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
HOME_DIR=${ARDOUR_RENDER_HOME:-$WORK/home}
export XDG_CONFIG_HOME=$HOME_DIR/config XDG_CACHE_HOME=$HOME_DIR/cache
mkdir -p "$XDG_CONFIG_HOME/ardour7/export" "$XDG_CACHE_HOME"

# 1. index the VST3 bundle into Ardour's scan cache
LD_LIBRARY_PATH=/usr/lib/ardour7 /usr/lib/ardour7/ardour-vst3-scanner -f -q "$PLUGIN"
V3I=$(grep -l "bundle=\"$PLUGIN\"" "$XDG_CACHE_HOME"/ardour7/vst/*.v3i 2>/dev/null | head -1 || true)
UID_=$([ -n "$V3I" ] && grep -ho "VST3Info uid=\"[0-9A-Fa-f]*\" name=\"${PLUGIN_NAME:-[^\"]*}\"" "$V3I" | head -1 | cut -d'"' -f2 || true)
[ -n "$UID_" ] || { echo "ardour-vst3-scanner found no plugin in $PLUGIN" >&2; exit 1; }
export VST3_PATH=$(dirname "$PLUGIN")

# 2. a 32-bit float WAV export format + preset (Ardour also reads presets from the user config)
FMT_ID=6e1a7f4c-4f1b-4c55-9a65-0a5f3e1d2b01; PRESET_ID=6e1a7f4c-4f1b-4c55-9a65-0a5f3e1d2b02
cat > "$XDG_CONFIG_HOME/ardour7/export/hostprobe-f32.format" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ExportFormatSpecification name="hostprobe f32" id="$FMT_ID" with-cue="false" with-toc="false" with-mp4chaps="false" command="" analyse="false" soundcloud-upload="false">
  <Encoding id="F_WAV" type="T_Sndfile" extension="wav" name="WAV" has-sample-format="true" channel-limit="256"/>
  <SampleRate rate="1"/>
  <SRCQuality quality="SRC_SincBest"/>
  <EncodingOptions>
    <Option name="sample-format" value="SF_Float"/>
    <Option name="dithering" value="D_None"/>
    <Option name="tag-metadata" value="false"/>
    <Option name="tag-support" value="false"/>
    <Option name="broadcast-info" value="false"/>
  </EncodingOptions>
  <Processing>
    <Normalize enabled="false" loudness="no" dbfs="0" lufs="-23" dbtp="-1"/>
    <Silence><Start><Trim enabled="false"/><Add enabled="false"><Duration format="Timecode" hours="0" minutes="0" seconds="0" frames="0"/></Add></Start>
      <End><Trim enabled="false"/><Add enabled="false"><Duration format="Timecode" hours="0" minutes="0" seconds="0" frames="0"/></Add></End></Silence>
  </Processing>
</ExportFormatSpecification>
EOF
cat > "$XDG_CONFIG_HOME/ardour7/export/hostprobe-f32.preset" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ExportPreset id="$PRESET_ID" name="hostprobe f32">
  <ExportFormat id="$FMT_ID"/>
  <ExportFilename>
    <Folder relative="1" path="export"/>
    <Field name="label" enabled="0"/><Field name="session" enabled="0"/><Field name="snapshot" enabled="0"/>
    <Field name="timespan" enabled="1"/><Field name="revision" enabled="0"/>
    <Field name="time" enabled="0" value="T_None"/><Field name="date" enabled="0" value="D_None"/>
  </ExportFilename>
</ExportPreset>
EOF
[ "$PCM16" = 1 ] && PRESET_ID=75969a1c-3133-4694-864b-a1fa50e43348

# 3. session location
if [ -n "$LOAD_DIR" ]; then
  SESSION_DIR=$(realpath "$LOAD_DIR"); LOAD=1; SAVE=$RESAVE
elif [ -n "$SAVE_DIR" ]; then
  rm -rf "$SAVE_DIR"; SESSION_DIR=$(realpath -m "$SAVE_DIR"); LOAD=0; SAVE=1
else
  SESSION_DIR=$WORK/session; LOAD=0; SAVE=0
fi

OUT_ABS=$(realpath -m "$OUT"); OUT_DIR=$(dirname "$OUT_ABS"); OUT_BASE=$(basename "$OUT_ABS" .wav)
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/$OUT_BASE.wav"

# Ardour 7.3 (Debian) intermittently aborts in ExportGraphBuilder::reset() (glibc "double free"/
# "munmap_chunk(): invalid pointer"; ~10-15% per exported file; same with ardour7-export and with
# Ardour's own LV2 plugins, so not caused by the plugin under test), or during teardown. The
# Lua script prints "HP done" once every file is written, so a
# crash after that is harmless; a crash before it is retried from scratch.
TRIES=${ARDOUR_RENDER_TRIES:-6}
for try in $(seq "$TRIES"); do
  if [ "$LOAD" = 0 ]; then rm -rf "$SESSION_DIR"; fi
  set +e
  HP_SESSION_DIR=$SESSION_DIR HP_SESSION_NAME=render HP_LOAD=$LOAD HP_PLUGIN_UID=$UID_ \
  HP_RATE=$RATE HP_SECONDS=$SECONDS_ HP_PARAMS=$PARAMS HP_OUT_DIR=$OUT_DIR HP_OUT_BASE=$OUT_BASE \
  HP_AUX=$AUX HP_AUX_PAIRS=$AUX_PAIRS HP_PRESET=$PRESET_ID HP_SAVE=$SAVE \
    timeout "${ARDOUR_RENDER_TIMEOUT:-300}" ardour7-lua "$HERE/ardour_render.lua" > "$WORK/log" 2>&1
  rc=$?
  set -e
  grep -v -e "Ignored format" -e "Falling back to Reasonable Synth" -e "Butler drops pool trash" \
       -e "direct dispatch of call slot" "$WORK/log" || true
  if grep -q "^HP done" "$WORK/log"; then
    [ $rc -eq 0 ] || echo "ardour_render: note: ardour7-lua exited $rc after finishing (Ardour teardown crash, ignored)" >&2
    break
  fi
  if grep -q "^Error:" "$WORK/log"; then
    echo "ardour_render: Lua script error (see above), not retrying" >&2; exit 1
  fi
  echo "ardour_render: ardour7-lua exited $rc before finishing (try $try/$TRIES)" >&2
  [ "$try" -lt "$TRIES" ] || exit 1
done
[ -s "$OUT_DIR/$OUT_BASE.wav" ] || { echo "ardour_render: no output written" >&2; exit 1; }
echo "wrote $OUT_DIR/$OUT_BASE.wav"
