#!/usr/bin/env python3
"""wav_check.py - measure a rendered WAV: per-channel peak/RMS (dBFS) and dominant frequency.

Usage:
  wav_check.py FILE.wav                       # print a report
  wav_check.py FILE.wav --expect 440 --level -12 [--tol-hz 2] [--tol-db 1] [--channels 0,1]
      exit 0 if every checked channel's dominant frequency is within tol-hz of --expect and
      its peak level is within tol-db of --level (dBFS); exit 1 otherwise.
  wav_check.py FILE.wav --silent [--channels 2,3]   # assert the channels are silent (< -90 dBFS)
  wav_check.py FILE.wav --same-as OTHER.wav [--tol 0]  # same length, samples within tol

Reads RIFF/WAVE PCM 16/24/32-bit and IEEE float 32/64 (incl. WAVE_FORMAT_EXTENSIBLE, BWF
chunks), i.e. what Ardour, sox, pedalboard, DawDreamer and jack_capture write.
Prerequisite: python3; numpy is used when importable (pip install numpy), otherwise a slower
pure-Python zero-crossing estimate is used for the frequency.
The first 0.1 s is skipped (parameter smoothing / host start-up) when the file is long enough.
"""
import argparse
import math
import struct
import sys


def read_wav(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SystemExit(f"{path}: not a RIFF/WAVE file")
    pos, fmt, raw = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            tag, ch, sr, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if tag == 0xFFFE and len(body) >= 26:  # extensible: subformat GUID first 2 bytes
                tag = struct.unpack("<H", body[24:26])[0]
            fmt = (tag, ch, sr, bits)
        elif cid == b"data":
            raw = body
        pos += 8 + size + (size & 1)
    if fmt is None or raw is None:
        raise SystemExit(f"{path}: missing fmt or data chunk")
    tag, ch, sr, bits = fmt
    width = bits // 8
    n = len(raw) // (width * ch)
    raw = raw[: n * width * ch]
    if tag == 3 and bits == 32:
        vals = struct.unpack(f"<{n * ch}f", raw)
    elif tag == 3 and bits == 64:
        vals = struct.unpack(f"<{n * ch}d", raw)
    elif tag == 1 and bits == 16:
        vals = [v / 32768.0 for v in struct.unpack(f"<{n * ch}h", raw)]
    elif tag == 1 and bits == 32:
        vals = [v / 2147483648.0 for v in struct.unpack(f"<{n * ch}i", raw)]
    elif tag == 1 and bits == 24:
        vals = []
        for i in range(0, len(raw), 3):
            v = raw[i] | (raw[i + 1] << 8) | (raw[i + 2] << 16)
            vals.append((v - (1 << 24) if v & 0x800000 else v) / 8388608.0)
    else:
        raise SystemExit(f"{path}: unsupported format tag={tag} bits={bits}")
    chans = [vals[c::ch] for c in range(ch)]
    return sr, chans, f"{'float' if tag == 3 else 'pcm'}{bits}"


def db(x):
    return 20 * math.log10(x) if x > 0 else -math.inf


def dominant_freq(x, sr):
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:
        a = np.asarray(x, dtype=np.float64)
        a = a - a.mean()
        spec = np.abs(np.fft.rfft(a * np.hanning(len(a))))
        k = int(np.argmax(spec[1:])) + 1
        if 1 <= k < len(spec) - 1:  # parabolic interpolation on log magnitude
            l, c, r = (math.log(spec[k - 1] + 1e-30), math.log(spec[k] + 1e-30),
                       math.log(spec[k + 1] + 1e-30))
            d = 0.5 * (l - r) / (l - 2 * c + r) if (l - 2 * c + r) != 0 else 0.0
        else:
            d = 0.0
        return (k + d) * sr / len(a)
    # fallback: count rising zero crossings
    crossings = [i for i in range(1, len(x)) if x[i - 1] < 0 <= x[i]]
    if len(crossings) < 2:
        return 0.0
    return (len(crossings) - 1) * sr / (crossings[-1] - crossings[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wav")
    ap.add_argument("--expect", type=float, help="expected dominant frequency (Hz)")
    ap.add_argument("--level", type=float, help="expected peak level (dBFS)")
    ap.add_argument("--tol-hz", type=float, default=2.0)
    ap.add_argument("--tol-db", type=float, default=1.0)
    ap.add_argument("--silent", action="store_true", help="assert silence (< -90 dBFS)")
    ap.add_argument("--channels", help="comma-separated channel indices to check (default: all)")
    ap.add_argument("--same-as", help="assert the same audio as this file (within --tol)")
    ap.add_argument("--tol", type=float, default=0.0)
    a = ap.parse_args()

    if a.same_as:
        _, x, _ = read_wav(a.wav)
        _, y, _ = read_wav(a.same_as)
        if len(x) != len(y) or any(len(cx) != len(cy) for cx, cy in zip(x, y)):
            print(f"{a.wav} and {a.same_as} differ in shape")
            sys.exit(1)
        worst = max((abs(p - q) for cx, cy in zip(x, y) for p, q in zip(cx, cy)), default=0.0)
        print(f"{a.wav} vs {a.same_as}: largest difference {worst:.3g}")
        sys.exit(0 if worst <= a.tol else 1)

    sr, chans, kind = read_wav(a.wav)
    n = len(chans[0]) if chans else 0
    print(f"{a.wav}: {len(chans)} ch, {sr} Hz, {kind}, {n} frames ({n / sr:.3f} s)")
    skip = int(0.1 * sr) if n > int(0.5 * sr) else 0
    check = [int(c) for c in a.channels.split(",")] if a.channels else list(range(len(chans)))
    ok = True
    for c, x in enumerate(chans):
        seg = x[skip:]
        peak = max((abs(v) for v in seg), default=0.0)
        rms = math.sqrt(sum(v * v for v in seg) / len(seg)) if seg else 0.0
        f = dominant_freq(seg, sr) if peak > 1e-6 else 0.0
        verdict = ""
        if c in check:
            if a.silent:
                good = db(peak) < -90
            else:
                good = True
                if a.expect is not None:
                    good &= abs(f - a.expect) <= a.tol_hz
                if a.level is not None:
                    good &= abs(db(peak) - a.level) <= a.tol_db
            verdict = "OK" if good else "FAIL"
            ok &= good
        print(f"  ch{c}: peak {db(peak):7.2f} dBFS  rms {db(rms):7.2f} dBFS  "
              f"dominant {f:8.2f} Hz  {verdict}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
