#!/usr/bin/env python3
# chart_type.py: the size a service guide's flowchart prints its text at,
# read from the PDF (pdftotext -bbox-layout on the chart's sheet, its last):
# the steps' text (the most common height of the chart's words) and the
# legend's (its items: the guide's risk texts right of or below 廉政风险点,
# the legend below the lanes or inside them). A word's box is 1.45 times its
# type size (the poster font's ascent and descent). Each chart prints its
# steps at 12 pt or more and its legend at 10 pt or more, as a print shop
# asks of A3, or `check` warned, naming the guide, of the size it prints
# at (CHECK.txt: what check printed, LANGUAGE=en). The guides named after
# it must print at those sizes, warned of or not.
# usage: chart_type.py SERVICES.yaml POSTERS_DIR CHECK.txt [ID...]  Prints
# each guide's sizes; exits 1 when one is short and was not warned of, or
# is named and short.
import collections
import re
import subprocess
import sys

import yaml

EM = 1.45
STEP_PT, LEGEND_PT = 12.0, 10.0
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"^Pages: +(\d+)", out, re.M).group(1))


def words(pdf, page):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", "-f",
                          str(page), "-l", str(page), pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), t)
            for a, b, c, d, t in WORD.findall(out)]


def sizes(pdf, risks):
    """The steps' and the legend's type size on the chart's sheet, in pt.
    risks: the texts of the guide's risk points, the legend's items."""
    ws = words(pdf, pages(pdf))
    legend = [w for w in ws if w[4] == "廉政风险点"]
    hotline = [w for w in ws if w[4].startswith("监督举报电话")]
    band = [w for w in ws if w[4] == "办理流程图"]
    if not band:
        return None, None
    top = max(w[3] for w in ws if w[1] < band[0][3] + 30)
    bottom = hotline[0][1] if hotline else 1e9
    chart = [w for w in ws if top < w[1] and w[3] < bottom]
    items = []
    if legend and risks:
        # The legend's items wherever the legend is (below the lanes or
        # inside them, its title above its items or beside them): the
        # words right of or below its title that are its items' text or a
        # line of it (a long item wraps)
        t = legend[0]
        items = [w for w in chart if w[1] > t[1] - 2 and w[0] > t[0] - 2 and
                 len(w[4]) >= 2 and any(w[4] in r for r in risks)]
        # every item is there, none taken for another
        found = "".join(w[4] for w in items)
        if any(r[:2] not in found for r in risks):
            items = []
    legend_words = set(id(w) for w in items + legend[:1])
    chart = [w for w in chart if id(w) not in legend_words]
    heights = collections.Counter(round(w[3] - w[1], 1) for w in chart
                                  if len(w[4]) >= 2 and not w[4].isdigit())
    step = heights.most_common(1)[0][0] / EM if heights else None
    leg = min(w[3] - w[1] for w in items) / EM if items else None
    return step, leg


def main():
    guides = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["services"]
    check = open(sys.argv[3], encoding="utf-8").read()
    bad = 0
    for g in guides:
        if not g.get("flow", {}).get("steps"):
            continue
        risks = [st["risk"] for st in g["flow"]["steps"] if st.get("risk")]
        step, leg = sizes("%s/service-%s.pdf" % (sys.argv[2], g["id"]),
                          risks)
        if step is None:
            print("      service-%s: no chart found" % g["id"])
            bad += 1
            continue
        if risks and leg is None:
            print("      service-%s: its risk legend not found" % g["id"])
            bad += 1
            continue
        ok = step >= STEP_PT - 0.05 and (leg is None or leg >= LEGEND_PT - 0.05)
        warned = re.search(r"warning: the flowchart of the service guide '%s' "
                           r"prints its steps at ([\d.]+) pt" %
                           re.escape(g["name"]), check)
        said = ""
        if warned:
            said = ", warned of %s pt" % warned.group(1)
            # the warning says what the PDF prints (rounded down)
            if abs(float(warned.group(1)) - step) > 0.3:
                said += " (the PDF's differs)"
                warned = None
        print("      service-%s: steps %.1f pt, legend %s%s" % (
            g["id"], step, "%.1f pt" % leg if leg else "none", said))
        if ok and warned:
            print("      service-%s: large enough, yet warned of" % g["id"])
            bad += 1
        elif not ok and (not warned or g["id"] in sys.argv[4:]):
            bad += 1
    return 1 if bad else 0


sys.exit(main())
