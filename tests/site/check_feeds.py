#!/usr/bin/env python3
"""check_feeds.py: the feeds' entries of a built site/ folder.

  check_feeds.py SITE BASE_URL

Each entry: a plain-text summary (no Markdown, no markup, Chinese
paragraphs joined without a space: never "。 " or "： "); the body as HTML
in <content type="html"> (escaped once: it parses as HTML with paragraphs,
and no script) whose xml:base is the entry's page; an assistance list's
names (its page's row headers) neither in the summary nor in the content.

Prints one "FAIL: ..." line per problem (at most 30) and exits 1, or exits 0.
"""
import html.parser
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2005/Atom}"


class Fragment(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []
        self._row = None
        self.rows = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "th" and dict(attrs).get("scope") == "row":
            self._row = ""

    def handle_endtag(self, tag):
        if tag == "th" and self._row is not None:
            self.rows.append(self._row.strip())
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._row is not None:
            self._row += data


def main():
    site, base = sys.argv[1], sys.argv[2]
    problems = []
    entries = contents = lists = 0
    names_of = {}
    for dirpath, _, files in os.walk(site):
        if "feed.xml" not in files:
            continue
        path = os.path.join(dirpath, "feed.xml")
        rel = os.path.relpath(path, site)
        for e in ET.parse(path).getroot().iter(NS + "entry"):
            entries += 1
            link = e.find(NS + "link").get("href")
            summary = e.find(NS + "summary").text or ""
            if re.search(r"(?<![\d*])\*\*(?![\d*])|\]\(|<[a-z/]|^#|\n#|\|\s*---|`", summary):
                problems.append(f"{rel}: Markdown or markup in the summary of {link}: {summary[:80]}")
            m = re.search(r"[。：；] \S", summary)
            if m:
                problems.append(f"{rel}: paragraphs joined with a space in {link}: ...{summary[max(0, m.start() - 15):m.end() + 5]}")
            content = e.find(NS + "content")
            text = summary
            if content is not None:
                contents += 1
                if content.get("type") != "html":
                    problems.append(f"{rel}: content of type {content.get('type')}")
                if content.get("{http://www.w3.org/XML/1998/namespace}base") != link:
                    problems.append(f"{rel}: content's xml:base is not {link}")
                frag = Fragment()
                frag.feed(content.text or "")
                if "p" not in frag.tags and "table" not in frag.tags and "ul" not in frag.tags:
                    problems.append(f"{rel}: content of {link} is not HTML: {(content.text or '')[:60]}")
                if "script" in frag.tags:
                    problems.append(f"{rel}: a script in the content of {link}")
                if re.search(r"&(lt|gt|amp);(p|/p|table)", content.text or ""):
                    problems.append(f"{rel}: content of {link} escaped twice")
                text += "".join(frag.text)
            cat = e.find(NS + "category")
            if cat is not None and cat.get("term") == "assistance":
                page = os.path.join(site, urllib.parse.unquote(link[len(base):]))
                if page not in names_of:
                    frag = Fragment()
                    frag.feed(open(page, encoding="utf-8").read())
                    names_of[page] = [n for n in frag.rows if n and n != "合计"]
                for name in names_of[page]:
                    lists += 1
                    if name in text:
                        problems.append(f"{rel}: the name {name} of {link} in the feed")
    if entries == 0 or contents == 0 or lists == 0:
        problems.append(f"{entries} entries, {contents} with content, {lists} names of lists checked")
    for p in problems[:30]:
        print("FAIL: " + p)
    if not problems:
        print(f"{entries} entries, {contents} with content, {lists} names of lists kept out")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
