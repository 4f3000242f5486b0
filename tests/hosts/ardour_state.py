#!/usr/bin/env python3
"""ardour_state.py - read or change the Phonon program saved in an Ardour session.

Usage:
  ardour_state.py SESSION.ardour --show [--plugin NAME]
  ardour_state.py SESSION.ardour --program TEXT [--plugin NAME]
  ardour_state.py SESSION.ardour --program-file F [--plugin NAME]

Ardour keeps a VST3 plugin's state in the session file as base64 of a VST3 preset (a 'VST3'
header, the component and controller chunks, and a 'List' of their offsets). The component
chunk of a nice-plug plugin is nice-plug's state JSON, whose `fields.phonon` holds Phonon's
state document (a JSON string with `version`, `program`, `sample_folders`, `editor`).
--program rewrites that document's program and the preset around it; the session then
reopens with the new program, as if the user had saved it. NAME is the plugin's name in the
session (default: the first Phonon plugin).
"""
import argparse
import base64
import json
import re
import struct
import sys


def read_preset(b):
    if b[:4] != b"VST3":
        raise SystemExit("not a VST3 preset chunk")
    version = struct.unpack("<i", b[4:8])[0]
    class_id = b[8:40]
    list_at = struct.unpack("<q", b[40:48])[0]
    if b[list_at:list_at + 4] != b"List":
        raise SystemExit("VST3 preset without a chunk list")
    n = struct.unpack("<i", b[list_at + 4:list_at + 8])[0]
    chunks, p = [], list_at + 8
    for _ in range(n):
        cid = b[p:p + 4]
        off, size = struct.unpack("<qq", b[p + 4:p + 20])
        chunks.append((cid, b[off:off + size]))
        p += 20
    return version, class_id, chunks


def write_preset(version, class_id, chunks):
    out = bytearray(b"VST3" + struct.pack("<i", version) + class_id + b"\0" * 8)
    entries = []
    for cid, data in chunks:
        entries.append((cid, len(out), len(data)))
        out += data
    list_at = len(out)
    out += b"List" + struct.pack("<i", len(entries))
    for cid, off, size in entries:
        out += cid + struct.pack("<qq", off, size)
    out[40:48] = struct.pack("<q", list_at)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("session")
    ap.add_argument("--plugin", default=None)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--show", action="store_true")
    g.add_argument("--program")
    g.add_argument("--program-file")
    a = ap.parse_args()

    text = open(a.session, encoding="utf-8").read()
    procs = list(re.finditer(r'<Processor [^>]*name="([^"]*)"[^>]*type="vst3"[^>]*>.*?</Processor>', text, re.S))
    procs = [m for m in procs if (m.group(1) == a.plugin if a.plugin else m.group(1).startswith("Phonon"))]
    if not procs:
        raise SystemExit(f"no Phonon plugin ({a.plugin or 'any'}) in {a.session}")
    proc = procs[0]
    chunk = re.search(r"<chunk>([^<]*)</chunk>", proc.group(0))
    if not chunk:
        raise SystemExit("the plugin has no saved state chunk")
    version, class_id, chunks = read_preset(base64.b64decode(chunk.group(1)))
    comp = next((i for i, (cid, _) in enumerate(chunks) if cid == b"Comp"), None)
    if comp is None:
        raise SystemExit("no component state in the preset")
    state = json.loads(chunks[comp][1])
    doc = json.loads(state["fields"]["phonon"])
    if a.show:
        print(json.dumps(doc, indent=2))
        return
    doc["program"] = a.program if a.program is not None else open(a.program_file, encoding="utf-8").read()
    state["fields"]["phonon"] = json.dumps(doc)
    chunks[comp] = (b"Comp", json.dumps(state).encode())
    new_chunk = base64.b64encode(write_preset(version, class_id, chunks)).decode()
    start = proc.start() + chunk.start(1)
    end = proc.start() + chunk.end(1)
    with open(a.session, "w", encoding="utf-8") as f:
        f.write(text[:start] + new_chunk + text[end:])
    print(f"set the program of {proc.group(1)} in {a.session}")


if __name__ == "__main__":
    sys.exit(main())
