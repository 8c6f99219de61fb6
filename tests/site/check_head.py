#!/usr/bin/env python3
"""check_head.py: what a page says of itself to search engines and to a
shared link, over every page of a built site/ folder.

  check_head.py SITE BASE_URL

Every page: one <title>, no two pages with the same, each naming the site
("<name>村务公开": the home page by that alone, every other page after its
own title and " - "); a page of a town's or a
village's folder names its town (and its village) in the title; a plain-text
<meta name="description"> (no Markdown, no asterisks left of a masked name
list, no name of an assistance list's table); og:title, og:description and
og:image, the image an absolute address under BASE_URL of a file that
exists; <link rel="canonical"> equal to BASE_URL and the page's own path
(the 404 page has none); a favicon that exists. robots.txt names the
sitemap; each sitemap entry of a record, a village, a town or an archive has
a lastmod (YYYY-MM-DD), within an archive's month and not before a
record's own date.

Prints one "FAIL: ..." line per problem (at most 30) and exits 1, or exits 0.
"""
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET


class Head(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles = []
        self.meta = {}
        self.links = {}
        self.icons = []
        self._title = None
        self.cells = []          # the text of the tables' cells
        self._td = None
        self.kind = ""

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "title" and not self.titles and self._title is None:
            self._title = ""
        elif tag == "meta":
            key = d.get("name") or d.get("property")
            if key:
                self.meta.setdefault(key, []).append(d.get("content") or "")
        elif tag == "link":
            rel = d.get("rel", "")
            if rel == "icon":
                self.icons.append(d.get("href"))
            else:
                self.links.setdefault(rel, []).append(d.get("href"))
        elif tag == "article" and "type-assistance" in (d.get("class") or ""):
            self.kind = "assistance"
        elif tag in ("td", "th") and d.get("scope") != "col":
            self._td = ""

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.titles.append(self._title)
            self._title = None
        elif tag in ("td", "th") and self._td is not None:
            if self._td.strip():
                self.cells.append(self._td.strip())
            self._td = None

    def handle_data(self, data):
        if self._title is not None:
            self._title += data
        if self._td is not None:
            self._td += data


def main():
    site, base = sys.argv[1], sys.argv[2]
    problems = []
    index = json.load(open(os.path.join(site, "data", "index.json"), encoding="utf-8"))
    towns = {t["id"]: (t["name"], {v["id"]: v["name"] for v in t["villages"]})
             for t in index["towns"]}
    site_title = index["site"] + "村务公开"
    seen = {}
    pages = 0
    for dirpath, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            h = Head()
            h.feed(open(path, encoding="utf-8").read())
            if len(h.titles) != 1 or not h.titles[0].strip():
                problems.append(f"{rel}: {len(h.titles)} titles")
                continue
            title = h.titles[0]
            if title in seen:
                problems.append(f"{rel}: the same title as {seen[title]}: {title}")
            seen[title] = rel
            if rel == "index.html":
                if title != site_title:
                    problems.append(f"{rel}: the home page's title is not {site_title}: {title}")
            elif not title.endswith(" - " + site_title) or title == " - " + site_title:
                problems.append(f"{rel}: the title does not end with the site's name: {title}")
            parts = rel.split("/")
            if parts[0] in towns and len(parts) >= 2:
                town, villages = towns[parts[0]]
                if town not in title:
                    problems.append(f"{rel}: the title does not name {town}: {title}")
                if len(parts) >= 3 and parts[1] in villages and villages[parts[1]] not in title:
                    problems.append(f"{rel}: the title does not name {villages[parts[1]]}: {title}")
            desc = h.meta.get("description", [])
            if len(desc) != 1 or len(desc[0].strip()) < 8:
                problems.append(f"{rel}: description {desc!r}")
            else:
                text = desc[0]
                if re.search(r"(?<![\d*])\*\*(?![\d*])|\]\(|^#|\|\s*-|<|__|`", text):
                    problems.append(f"{rel}: Markdown or markup in the description: {text}")
                for cell in h.cells if h.kind == "assistance" else []:
                    if len(cell) >= 2 and not re.fullmatch(r"[\d.,，、＊*（）()—\-元户人 ]+|合计", cell) and cell in text:
                        problems.append(f"{rel}: the description shows '{cell}' of the list")
            for key in ("og:title", "og:description", "og:image", "og:type"):
                if len(h.meta.get(key, [])) != 1 or not h.meta[key][0]:
                    problems.append(f"{rel}: {key} {h.meta.get(key)}")
            if h.meta.get("og:description") != desc:
                problems.append(f"{rel}: og:description is not the description")
            image = (h.meta.get("og:image") or [""])[0]
            if not image.startswith(base) or not os.path.isfile(
                    os.path.join(site, urllib.parse.unquote(image[len(base):]))):
                problems.append(f"{rel}: og:image {image}")
            canon = h.links.get("canonical", [])
            if rel == "404.html":
                if canon:
                    problems.append(f"{rel}: a canonical address {canon}")
            elif canon != [base + urllib.parse.quote(rel)]:
                problems.append(f"{rel}: canonical {canon}")
            if not h.icons:
                problems.append(f"{rel}: no favicon")
            for icon in h.icons:
                target = icon[len(base):] if icon.startswith(base) else \
                    os.path.relpath(os.path.join(os.path.dirname(rel), icon))
                if not os.path.isfile(os.path.join(site, urllib.parse.unquote(target))):
                    problems.append(f"{rel}: favicon {icon} is missing")
    robots = open(os.path.join(site, "robots.txt"), encoding="utf-8").read()
    if f"Sitemap: {base}sitemap.xml\n" not in robots:
        problems.append(f"robots.txt: {robots!r}")
    empty = {v["path"].replace(".json", "/index.html") for t in index["towns"]
             for v in t["villages"] if v["records"] == 0}
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.parse(os.path.join(site, "sitemap.xml")).getroot()
    dated = 0
    for url in root.iter(ns + "url"):
        loc = url.find(ns + "loc").text
        last = url.find(ns + "lastmod")
        rel = urllib.parse.unquote(loc[len(base):])
        # the assessment follows the build clock; the catalog's pages
        # and a village with no record yet have no date to give
        undated = rel.startswith(("assessment/", "duties/", "services/", "catalog/")) or \
            rel.endswith("/assessment.html") or rel in empty
        if last is None:
            if not undated:
                problems.append(f"sitemap: no lastmod for {rel}")
            continue
        dated += 1
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", last.text or ""):
            problems.append(f"sitemap: lastmod {last.text} of {rel}")
        m = re.search(r"/archive/(\d{4}-\d{2})\.html$", rel)
        if m and not last.text.startswith(m.group(1)):
            problems.append(f"sitemap: archive {rel} with lastmod {last.text}")
        m = re.search(r"/(\d{4}-\d{2}-\d{2})-[^/]*\.html$", rel)
        if m and last.text < m.group(1):
            problems.append(f"sitemap: record {rel} with lastmod {last.text}")
    if dated == 0:
        problems.append("sitemap: no lastmod at all")
    for p in problems[:30]:
        print("FAIL: " + p)
    if not problems:
        print(f"{pages} pages, {len(seen)} titles, {dated} dated sitemap entries")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
