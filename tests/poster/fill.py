#!/usr/bin/env python3
# fill.py: a service guide's sheets, from the layout dumps: none is mostly
# blank (the words are spread evenly over the sheets they need, the chart
# takes its sheet); each fills at least MIN of its body, between the band
# and the footer's rule (on the chart's sheet, the hotline's).
# usage: fill.py MIN DUMP.txt...  Prints each sheet's fill; exits 1 when
# one fills less.
import re
import sys

ITEM = re.compile(r"^  (\w+) +x=([\d.-]+) y=([\d.-]+) w=([\d.-]+) h=([\d.-]+)(.*)$")
least = float(sys.argv[1])
bad = 0
for path in sys.argv[2:]:
    sheets = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("sheet "):
            sheets.append([])
        m = ITEM.match(line.rstrip("\n"))
        if m and sheets:
            sheets[-1].append((m.group(1), float(m.group(3)),
                               float(m.group(5)), m.group(6)))
    fills = []
    for items in sheets:
        band = max(y + h for k, y, h, r in items if r.endswith(" band"))
        rule = min(y for k, y, h, r in items if r.endswith(" rule"))
        body = [y + h for k, y, h, r in items
                if k in ("text", "row", "fill", "chart", "flow") and
                y > band + 0.1 and
                y + h < rule - 0.1]
        fills.append(((max(body) if body else band) - band) / (rule - band))
    print("      %s: %s" % (path.split("/")[-1], " ".join("%.0f%%" % (100 * f)
                                                    for f in fills)))
    if any(f < least for f in fills):
        bad += 1
sys.exit(1 if bad else 0)
