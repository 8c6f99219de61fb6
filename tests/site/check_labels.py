#!/usr/bin/env python3
"""check_labels.py: the labels and dates a reader sees, over every page and
feed of a built site/ folder.

  check_labels.py SITE

A record page's kicker never says one label twice ("决策公开 决策公开"); a
reminder talk is 三提醒谈话 under 村务监督, never 服务公开, on its page, in
lists and in feeds, and a village's 本周公示 lists no talk under 服务公开;
within 本周公示 no badge repeats its group's heading. Every date shown is
"2026年11月27日" (<time> elements and text alike; ISO dates only in
attributes, addresses and the JSON ids in <code>; a record's body is the
clerk's own words); feeds' summaries too.

Prints one "FAIL: ..." line per problem (at most 30) and exits 1, or exits 0.
"""
import html.parser
import os
import re
import sys
import xml.etree.ElementTree as ET

CN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
OTHER_DATE = re.compile(r"(?<![\d年])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<![年\d])(?:\d{1,2})月\d{1,2}日(?=\D|$)")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.kind = None
        self.stack = []
        self.kicker = None
        self.kickers = []
        self.times = []
        self._time = None
        self.text = []
        self.section = None      # the 本周公示 group being read
        self.group_label = None
        self.groups = []         # (anchor, heading, [badges], [types])
        self._h3 = None
        self._tag = None
        self.in_code = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        cls = d.get("class") or ""
        if tag == "article" and "record-page" in cls:
            m = re.search(r"type-(\w+)", cls)
            self.kind = m.group(1) if m else None
        if tag == "p" and "kicker" in cls:
            self.kicker = ""
        if tag == "time":
            self._time = ""
        if tag == "code":
            self.in_code += 1
        # the clerk's own words (the body, its tables) are as written
        if tag in ("section", "div") and ("body" in cls.split() or "md-table" in cls.split()):
            self.in_code += 1
            self.stack.append(tag)
        elif tag in ("section", "div") and self.stack:
            self.stack.append("")
        if tag == "section" and "process" in cls:
            self.groups.append([d.get("aria-labelledby", ""), "", [], []])
            self.section = self.groups[-1]
        if tag == "h3" and self.section is not None and not self.section[1]:
            self._h3 = ""
        if tag == "span" and "tag" in cls.split() and self.section is not None:
            self._tag = ""
            self.section[3].append(next((c[4:] for c in cls.split() if c.startswith("tag-")), ""))

    def handle_endtag(self, tag):
        if tag == "p" and self.kicker is not None:
            self.kickers.append(self.kicker.strip())
            self.kicker = None
        if tag == "time" and self._time is not None:
            self.times.append(self._time.strip())
            self._time = None
        if tag == "code":
            self.in_code -= 1
        if tag in ("section", "div") and self.stack:
            if self.stack.pop():
                self.in_code -= 1
        if tag == "h3" and self._h3 is not None:
            self.section[1] = re.sub(r"\s*\d+\s*条$", "", self._h3.strip())
            self._h3 = None
        if tag == "span" and self._tag is not None:
            self.section[2].append(self._tag.strip())
            self._tag = None
        if tag == "section" and self.section is not None:
            self.section = None

    def handle_data(self, data):
        if self.kicker is not None:
            self.kicker += data
        if self._time is not None:
            self._time += data
        if self._h3 is not None:
            self._h3 += data
        if self._tag is not None:
            self._tag += data
        if not self.in_code and self._time is None:
            self.text.append(data)


def main():
    site = sys.argv[1]
    problems = []
    talks = 0
    for dirpath, _, files in os.walk(site):
        for f in files:
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, site)
            if f == "feed.xml":
                ns = "{http://www.w3.org/2005/Atom}"
                for e in ET.parse(path).getroot().iter(ns + "entry"):
                    cat = e.find(ns + "category")
                    summary = e.find(ns + "summary").text or ""
                    if cat.get("term") == "talk" and cat.get("label") != "三提醒谈话":
                        problems.append(f"{rel}: a talk labelled {cat.get('label')}")
                    head = summary.split("。")[0]
                    if OTHER_DATE.search(head):
                        problems.append(f"{rel}: a date of another form: {head}")
                continue
            if not f.endswith(".html"):
                continue
            p = Page()
            p.feed(open(path, encoding="utf-8").read())
            for k in p.kickers:
                words = [w for w in re.split(r"[\s·]+", k) if w]
                if len(words) != len(set(words)):
                    problems.append(f"{rel}: a label repeated: {k}")
                if p.kind == "talk":
                    talks += 1
                    if "服务公开" in k or "三提醒谈话" not in k:
                        problems.append(f"{rel}: a talk labelled {k}")
            for anchor, heading, badges, types in p.groups:
                if anchor == "p-service" and "talk" in types:
                    problems.append(f"{rel}: a talk under 服务公开")
                if heading in badges:
                    problems.append(f"{rel}: a badge repeats its group {heading}")
            for t in p.times:
                if not re.fullmatch(r"\d{4}年\d{1,2}月(\d{1,2}日)?", t):
                    problems.append(f"{rel}: <time> {t}")
            text = "".join(p.text)
            m = OTHER_DATE.search(text)
            if m:
                problems.append(f"{rel}: a date of another form: ...{text[max(0, m.start() - 20):m.end() + 5]}...")
    if talks == 0:
        problems.append("no talk record page to check")
    for p in problems[:30]:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
