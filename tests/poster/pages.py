#!/usr/bin/env python3
# pages.py: what each later sheet of the demo's boards and of the power
# list starts with, read back from the PDFs page by page (pdftotext): a
# board's sheet starts, after its band, with a process heading (一、…),
# the survey's block, or a notice's title, or names the notice it goes on
# with: "title（续）", or "title（续表）" over its table's header; a sheet of the power list repeats the header and
# then either starts a domain (一、…（n 项）) or names the domain whose
# items go on: "九、社会救助（续）".
# usage: pages.py CONTENT OUT WEEK  Prints what is wrong; exits 1 if any.
import glob
import os
import re
import subprocess
import sys

content, out, week = sys.argv[1:4]


def pages(pdf):
    n = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True).stdout, re.M).group(1))
    for i in range(2, n + 1):
        t = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(i), "-l",
                            str(i), pdf, "-"], capture_output=True,
                           text=True).stdout
        t = re.sub(r"[\s\u2060\u3000]", "", t)
        m = re.search(r"第\d+张/共\d+张", t)
        yield i, t[m.end():] if m else t


def titles(village_dir):
    found = set()
    for md in glob.glob(os.path.join(village_dir, "**", "*.md"), recursive=True):
        for line in open(md, encoding="utf-8"):
            m = re.match(r"^(?:title|notice_title):\s*(.+?)\s*$", line)
            if m:
                found.add(re.sub(r"\s", "", m.group(1).strip("'\"")))
            if line.startswith("---") and found and False:
                break
    return found


problems, seen, named = [], 0, 0
for pdf in sorted(glob.glob(os.path.join(out, "*", "*", week + ".pdf"))):
    rel = os.path.relpath(pdf, out)
    known = titles(os.path.join(content, os.path.dirname(rel)))
    for i, rest in pages(pdf):
        seen += 1
        if re.match(r"[一二三四五]、|群众满意度", rest):
            continue
        if any(rest.startswith(t + "（续）") or rest.startswith(t + "（续表）")
               for t in known):
            named += 1
            continue
        if any(rest.startswith(t) for t in known):
            continue
        problems.append("%s page %d starts with: %s" % (rel, i, rest[:40]))
powers = os.path.join(out, "catalog", "powers.pdf")
for i, rest in pages(powers):
    seen += 1
    m = re.match(r"村级小微权力清单（续表）编号权力事项责任人公开内容和时限廉政风险点"
                 r"([一二三四五六七八九十]+、[^（]+)（(续|\d+项)）", rest)
    if m is None:
        problems.append("powers.pdf page %d starts with: %s" % (i, rest[:60]))
    elif m.group(2) == "续":
        named += 1
for p in problems[:20]:
    print("      " + p)
print("      %d later sheets, %d of them name what they continue" % (seen, named))
sys.exit(1 if problems or named == 0 else 0)
