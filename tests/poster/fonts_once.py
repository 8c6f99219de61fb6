#!/usr/bin/env python3
# fonts_once.py: no character of a PDF is embedded twice under one font
# name. Two subsets of a name are right when they hold other characters
# (the build's subset of a weight is two fonts, the common characters and
# the rare ones: render/subset.h); two holding the same one mean the same
# text drawn twice gave other bytes (cairo lost the font's face between
# texts). Reads each font's ToUnicode map (cairo writes every object
# uncompressed but its streams, no object streams).
# usage: fonts_once.py PDF...  Prints each PDF and name at fault; exits 1
# when there is one.
import re
import sys
import zlib

OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)


def stream(obj, objs):
    """obj's stream, as long as its /Length (given or referred to) says."""
    at = obj.find(b"stream")
    n = re.search(rb"/Length (\d+)( 0 R)?", obj[:at])
    if at < 0 or n is None:
        return b""
    length = int(n.group(1))
    if n.group(2):
        length = int(objs[length].split()[0])
    at += len(b"stream")
    at += 2 if obj[at:at + 2] == b"\r\n" else 1
    data = obj[at:at + length]
    return zlib.decompress(data) if b"/FlateDecode" in obj[:at] else data


def chars(cmap):
    """The characters a ToUnicode map gives, from its bfchar and bfrange
    entries (UTF-16BE)."""
    out = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for _, u in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            out.add(bytes.fromhex(u.decode()).decode("utf-16-be", "replace"))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, u in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = int(u, 16)
            for i in range(int(hi, 16) - int(lo, 16) + 1):
                out.add(chr(first + i))
    return out


bad = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    objs = {int(m.group(1)): m.group(2) for m in OBJ.finditer(data)}
    seen = {}
    for obj in objs.values():
        if b"/Type /Font" not in obj or b"/ToUnicode" not in obj:
            continue
        name = re.search(rb"/BaseFont /(?:[A-Z]{6}\+)?(\S+)", obj)
        ref = re.search(rb"/ToUnicode (\d+) 0 R", obj)
        if name is None or ref is None or int(ref.group(1)) not in objs:
            continue
        # the notdef glyph maps to no character of the text
        got = chars(stream(objs[int(ref.group(1))], objs)) - {"\uffff", "\x00"}
        had = seen.setdefault(name.group(1), set())
        if had & got:
            print("%s: %s twice (%s)" % (path, name.group(1).decode(),
                  "".join(sorted(had & got))[:20]))
            bad += 1
        had |= got
sys.exit(1 if bad else 0)
