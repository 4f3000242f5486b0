#!/usr/bin/env python3
"""pedalboard_render.py - render a VST3 plugin through Spotify's pedalboard (JUCE VST3 host).

Usage:
  pedalboard_render.py PLUGIN.vst3 OUT.wav [SECONDS] [--rate 48000] [--input IN.wav]
                       [--plugin NAME] [--param NAME=VALUE ...] [--state-out FILE] [--state-in FILE]

  * --plugin NAME picks a plugin of a bundle that holds several

  * input: silence (stereo) unless --input is given (an effect needs input; a generator ignores it)
  * --param uses pedalboard's python names (printed on each run, e.g. gain_db=-6, mute_aux_1=true);
    values are in the plugin's display units (dB, True/False, ...)
  * --state-out saves the plugin state (JUCE-wrapped VST3 component+controller state) after the
    render; --state-in loads such a blob before rendering (state-restore test)
  * Only the MAIN output bus is rendered: pedalboard leaves aux buses inactive.
    KNOWN: nice-plug 0.4.2 skips process() entirely when the host gives aux output buses without
    buffers, so a nice-plug plugin that declares aux output ports renders SILENCE here (plugins
    without aux ports work). See the report.

Prerequisites: pip install pedalboard numpy   (wheels for Linux x86_64; no system libs needed)
"""
import argparse
import sys
import time

import numpy as np
import pedalboard
from pedalboard.io import AudioFile


def parse_value(v):
    if v.lower() in ("true", "on", "yes"):
        return True
    if v.lower() in ("false", "off", "no"):
        return False
    try:
        return float(v)
    except ValueError:
        return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("plugin")
    ap.add_argument("out")
    ap.add_argument("seconds", nargs="?", type=float, default=3.0)
    ap.add_argument("--rate", type=int, default=48000)
    ap.add_argument("--input")
    ap.add_argument("--param", action="append", default=[])
    ap.add_argument("--state-out")
    ap.add_argument("--state-in")
    ap.add_argument("--block", type=int, default=512)
    ap.add_argument("--plugin-name", "--plugin", dest="plugin_name")
    a = ap.parse_args()

    t0 = time.time()
    plugin = pedalboard.load_plugin(a.plugin, plugin_name=a.plugin_name)
    print(f"loaded {plugin!r} in {time.time() - t0:.3f}s; params:")
    for name, p in plugin.parameters.items():
        print(f"  {name} = {p}")
    if a.state_in:
        with open(a.state_in, "rb") as f:
            plugin.raw_state = f.read()
        print(f"state loaded from {a.state_in}")
    for item in a.param:
        k, v = item.split("=", 1)
        setattr(plugin, k.strip(), parse_value(v.strip()))
        print(f"set {k} = {getattr(plugin, k.strip())}")

    n = int(a.seconds * a.rate)
    if a.input:
        with AudioFile(a.input).resampled_to(a.rate) as f:
            x = f.read(n)
    else:
        x = np.zeros((2, n), dtype=np.float32)
    y = plugin.process(x, a.rate, buffer_size=a.block, reset=True)
    with AudioFile(a.out, "w", a.rate, y.shape[0], bit_depth=32) as f:
        f.write(y)
    peak = float(np.abs(y).max()) if y.size else 0.0
    print(f"wrote {a.out}: {y.shape[0]} ch x {y.shape[1]} frames, peak {peak:.6f}")
    if a.state_out:
        with open(a.state_out, "wb") as f:
            f.write(plugin.raw_state)
        print(f"state saved to {a.state_out}")
    if peak == 0.0:
        print("WARNING: output is digital silence", file=sys.stderr)


if __name__ == "__main__":
    main()
