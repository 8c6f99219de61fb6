#!/usr/bin/env python3
"""check_site.py: checks of a built site/ folder that need no browser.

  check_site.py links SITE      every internal href/src/action exists, every
                                #anchor exists, nothing leaves site/ except
                                absolute http(s) links; feeds and the sitemap
                                point at pages that exist
  check_site.py weight SITE     each page with its CSS and scripts < 100 KB
  check_site.py xss SITE TEXT.. no executable markup anywhere, and each TEXT
                                is shown as text on some page
  check_site.py data SITE       data/index.json lists every village's JSON
                                file; each holds the village's records in date
                                order, whose pages link back to it and name
                                their entry; every JSON file parses; feeds and
                                sitemap are well-formed XML
  check_site.py flows SITE      every item and service page with a flow shows
                                its SVG chart (which exists) and the text
                                alternative, one list entry per step

Prints one "FAIL: ..." line per problem (at most 30) and exits 1, or exits 0.
Python 3 standard library only.
"""
import html.parser
import json
import os
import posixpath
import sys
import urllib.parse
import xml.etree.ElementTree as ET

LIMIT = 100 * 1024
OWN_SCRIPTS = ("prefs.js", "search.js", "sort.js")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []          # (tag, attr, value)
        self.base = None
        self.scripts = []        # (src or None, has inline text)
        self.events = []         # on* attributes
        self.tags = []
        self.text = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        d = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.events.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag == "a" and d.get("name"):
            self.ids.add(d["name"])
        if tag == "base" and d.get("href"):
            self.base = d["href"]
        for attr in ("href", "src", "action", "formaction", "xlink:href", "poster", "data"):
            if attr in d and d[attr] is not None:
                self.links.append((tag, attr, d[attr]))
        if tag == "script":
            self.scripts.append([d.get("src"), False])
            self._in_script = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts[-1][1] = True
        self.text.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def html_files(site):
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".html"):
                yield os.path.join(dirpath, name)


class Report:
    def __init__(self):
        self.problems = []

    def add(self, msg):
        self.problems.append(msg)

    def done(self):
        for msg in self.problems[:30]:
            print("FAIL: " + msg)
        if len(self.problems) > 30:
            print("FAIL: ... and %d more" % (len(self.problems) - 30))
        return 1 if self.problems else 0


def cmd_links(site):
    rep = Report()
    site = os.path.abspath(site)
    pages = {}
    for path in html_files(site):
        pages[path] = parse(path)
    checked = 0
    own = site_base_url(site)
    for path, page in pages.items():
        rel = os.path.relpath(path, site)
        # a <base> names the site's own root
        page_dir = "" if page.base else posixpath.dirname(rel.replace(os.sep, "/"))
        for tag, attr, value in page.links:
            v = value.strip()
            base_dir = page_dir
            if own and v.startswith(own):
                # the site's own absolute address (the 404 page's links):
                # checked as a path from the site's root
                v = v[len(own):]
                base_dir = ""
            scheme = urllib.parse.urlsplit(v).scheme.lower()
            if tag == "base":
                continue
            if scheme in ("http", "https", "mailto", "tel"):
                continue
            if scheme:
                rep.add("%s: <%s %s=%r> has a scheme other than http(s)" % (rel, tag, attr, v))
                continue
            parts = urllib.parse.urlsplit(v)
            target_rel = parts.path
            if target_rel == "":
                target_file = path
            else:
                joined = posixpath.normpath(posixpath.join(base_dir, urllib.parse.unquote(target_rel)))
                if joined.startswith("../") or joined == "..":
                    rep.add("%s: %r points outside site/" % (rel, v))
                    continue
                target_file = os.path.join(site, joined)
            checked += 1
            if not os.path.isfile(target_file):
                rep.add("%s: broken link %r" % (rel, v))
                continue
            if parts.fragment:
                frag = urllib.parse.unquote(parts.fragment)
                target = pages.get(target_file)
                if target is None or frag not in target.ids:
                    rep.add("%s: no anchor #%s in %s" % (rel, frag, os.path.relpath(target_file, site)))
    # feeds and the sitemap name pages by absolute address
    base_url = None
    feed = os.path.join(site, "feed.xml")
    ns = {"a": "http://www.w3.org/2005/Atom", "s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    if os.path.isfile(feed):
        root = ET.parse(feed).getroot()
        self_link = [l.get("href") for l in root.findall("a:link", ns) if l.get("rel") == "self"]
        if self_link:
            base_url = self_link[0][: -len("feed.xml")]
    urls = []
    for dirpath, _, filenames in os.walk(site):
        for name in filenames:
            full = os.path.join(dirpath, name)
            if name == "feed.xml":
                root = ET.parse(full).getroot()
                urls += [l.get("href") for l in root.iter("{%s}link" % ns["a"])]
            elif name == "sitemap.xml":
                root = ET.parse(full).getroot()
                urls += [l.text for l in root.iter("{%s}loc" % ns["s"])]
    if base_url is None:
        rep.add("feed.xml: no self link")
    else:
        for u in urls:
            if not u.startswith(base_url):
                rep.add("feed or sitemap address outside the site: %s" % u)
                continue
            target = os.path.join(site, urllib.parse.unquote(u[len(base_url):]))
            checked += 1
            if not os.path.isfile(target):
                rep.add("feed or sitemap names a missing page: %s" % u)
    if checked == 0:
        rep.add("no links found at all")
    return rep.done()


def cmd_weight(site):
    rep = Report()
    site = os.path.abspath(site)
    biggest = (0, "")
    for path in html_files(site):
        page = parse(path)
        total = os.path.getsize(path)
        d = os.path.dirname(path)
        for tag, attr, value in page.links:
            if (tag == "link" and attr == "href" and value.endswith(".css")) or \
               (tag == "script" and attr == "src"):
                f = os.path.normpath(os.path.join(d, urllib.parse.unquote(value)))
                if os.path.isfile(f):
                    total += os.path.getsize(f)
        if total > biggest[0]:
            biggest = (total, os.path.relpath(path, site))
        if total >= LIMIT:
            rep.add("%s weighs %d bytes with its CSS and scripts" % (os.path.relpath(path, site), total))
    print("heaviest page: %s, %d bytes" % (biggest[1], biggest[0]))
    return rep.done()


def bad_url(value):
    v = "".join(value.split()).lower()
    for scheme in ("javascript:", "vbscript:", "livescript:"):
        if v.startswith(scheme):
            return True
    if v.startswith("data:") and not v.startswith(("data:image/png", "data:image/gif",
                                                   "data:image/jpeg", "data:image/webp")):
        return True
    return False


def cmd_xss(site, texts):
    rep = Report()
    site = os.path.abspath(site)
    shown = {t: False for t in texts}
    n = 0
    for path in html_files(site):
        rel = os.path.relpath(path, site)
        page = parse(path)
        n += 1
        for src, inline in page.scripts:
            if inline or src is None:
                rep.add("%s: an inline <script>" % rel)
            elif posixpath.basename(src) not in OWN_SCRIPTS:
                rep.add("%s: a foreign script %r" % (rel, src))
        for tag, name, value in page.events:
            rep.add("%s: <%s %s=%r>" % (rel, tag, name, value))
        for tag, attr, value in page.links:
            if bad_url(value):
                rep.add("%s: <%s %s=%r>" % (rel, tag, attr, value))
            elif attr in ("href", "src") and value.strip() == "" and tag in ("a", "img"):
                # a removed address leaves the text, never an empty link
                rep.add("%s: <%s %s=\"\"> (an address removed but the element kept)" % (rel, tag, attr))
        for tag in ("iframe", "object", "embed", "textarea", "frame", "applet", "meta refresh"):
            if tag in page.tags:
                rep.add("%s: a <%s> element" % (rel, tag))
        text = "".join(page.text)
        for t in texts:
            if t in text:
                shown[t] = True
    for path in [os.path.join(dp, f) for dp, _, fs in os.walk(site) for f in fs]:
        if os.path.basename(path) in OWN_SCRIPTS and os.path.dirname(path) == site:
            continue
        if path.endswith((".xml", ".json", ".js")):
            with open(path, encoding="utf-8") as f:
                data = f.read()
            if "<script" in data.lower() and not path.endswith(".xml"):
                rep.add("%s: '<script' appears unescaped" % os.path.relpath(path, site))
    for t, ok in shown.items():
        if not ok:
            rep.add("the text %r is not shown as text on any page" % t)
    if n == 0:
        rep.add("no pages")
    return rep.done()


RECORD_KEYS = ("id", "type", "title", "date", "url", "town", "village", "power",
               "publish", "checked", "follows", "followers", "body")


def site_base_url(site):
    """The site's address, from the county feed's self link."""
    feed = os.path.join(site, "feed.xml")
    if not os.path.isfile(feed):
        return None
    root = ET.parse(feed).getroot()
    for link in root.findall("{http://www.w3.org/2005/Atom}link"):
        if link.get("rel") == "self":
            return link.get("href")[: -len("feed.xml")]
    return None


def check_village_file(rep, site, base_url, rel, doc, listed):
    """A village's open data: its records in date order, each one's page
    there and pointing back at this file by its id."""
    for key in ("town", "village", "url", "records"):
        if key not in doc:
            rep.add("%s: no %r" % (rel, key))
            return 0
    def ident(place):
        return place["id"] if place is not None else None
    # a town's own file names no village, the county's no town either
    owner = (ident(doc["town"]), ident(doc["village"]))
    if listed is not None and owner != listed:
        rep.add("%s: names %s/%s" % (rel, owner[0], owner[1]))
    seen = set()
    last = ""
    for rec in doc["records"]:
        missing = [k for k in RECORD_KEYS if k not in rec]
        if missing:
            rep.add("%s: record %r has no %s" % (rel, rec.get("id"), ", ".join(missing)))
            continue
        if rec["id"] in seen:
            rep.add("%s: record %r twice" % (rel, rec["id"]))
        seen.add(rec["id"])
        if rec["date"] < last:
            rep.add("%s: record %r is out of date order" % (rel, rec["id"]))
        last = rec["date"]
        if (ident(rec["town"]), ident(rec["village"])) != owner:
            rep.add("%s: record %r is of another village" % (rel, rec["id"]))
        if base_url is None or not rec["url"].startswith(base_url):
            rep.add("%s: record %r has the address %r" % (rel, rec["id"], rec["url"]))
            continue
        page_path = os.path.join(site, urllib.parse.unquote(rec["url"][len(base_url):]))
        if not os.path.isfile(page_path):
            rep.add("%s: record %r has no page" % (rel, rec["id"]))
            continue
        page = parse(page_path)
        page_dir = posixpath.dirname(os.path.relpath(page_path, site).replace(os.sep, "/"))
        back = [v for t, a, v in page.links if t == "a" and posixpath.normpath(
            posixpath.join(page_dir, urllib.parse.unquote(urllib.parse.urlsplit(v).path))) == rel]
        if not back:
            rep.add("%s: the page of %r does not link to this file" % (rel, rec["id"]))
        if rec["id"] not in "".join(page.text):
            rep.add("%s: the page of %r does not name its entry" % (rel, rec["id"]))
    return len(doc["records"])


def cmd_data(site):
    """data/index.json lists every village file (and the towns' and the
    county's own), each file holds its village's (or level's) records; every other JSON file parses, feeds and the sitemap
    are well-formed XML."""
    rep = Report()
    site = os.path.abspath(site)
    base_url = site_base_url(site)
    n = 0
    listed = {}
    index_path = os.path.join(site, "data", "index.json")
    try:
        with open(index_path, encoding="utf-8") as f:
            index = json.load(f)
        # the files of the towns' and the county's own records
        owns = [(None, index["own"])] if "own" in index else []
        owns += [(t["id"], t["own"]) for t in index["towns"] if "own" in t]
        for town_id, own in owns:
            rel = posixpath.join("data", own["path"])
            listed[rel] = (town_id, None, own["records"])
            if base_url is not None and own["url"] != base_url + urllib.parse.quote(rel):
                rep.add("data/index.json: %s has the address %r" % (rel, own["url"]))
        for town in index["towns"]:
            for v in town["villages"]:
                rel = posixpath.join("data", v["path"])
                listed[rel] = (town["id"], v["id"], v["records"])
                if base_url is not None and v["url"] != base_url + urllib.parse.quote(rel):
                    rep.add("data/index.json: %s has the address %r" % (rel, v["url"]))
                if not os.path.isfile(os.path.join(site, rel)):
                    rep.add("data/index.json: lists the missing file %s" % rel)
        n += 1
    except (OSError, ValueError, KeyError, TypeError) as e:
        rep.add("data/index.json: %s" % e)
    for dirpath, _, filenames in os.walk(site):
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, site).replace(os.sep, "/")
            try:
                if name.endswith(".json"):
                    with open(full, encoding="utf-8") as f:
                        doc = json.load(f)
                    n += 1
                    if rel == "data/index.json":
                        continue
                    if rel.startswith("data/") and rel not in listed:
                        rep.add("%s: not listed in data/index.json" % rel)
                    if rel in listed:
                        town, village, count = listed[rel]
                        got = check_village_file(rep, site, base_url, rel, doc,
                                                 (town, village))
                        if got != count:
                            rep.add("%s: %d records, the index says %d" % (rel, got, count))
                elif name.endswith(".xml"):
                    ET.parse(full)
                    n += 1
            except (ValueError, ET.ParseError) as e:
                rep.add("%s: %s" % (rel, e))
    if n == 0:
        rep.add("no JSON or XML files")
    return rep.done()


class FlowSection(html.parser.HTMLParser):
    """The flow section of a page: the chart's src, the step count the
    caption states, and the top-level entries of the steps' list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_flow = False
        self.srcs = []
        self.caption = ""
        self.in_caption = False
        self.lists = 0           # <ol class="flow-steps"> seen
        self.depth = 0           # nesting inside that list
        self.steps = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "section" and "flow" in (d.get("class") or "").split():
            self.in_flow = True
        if not self.in_flow:
            return
        if tag == "img":
            self.srcs.append(d.get("src") or "")
        elif tag == "figcaption":
            self.in_caption = True
        elif tag == "ol" and "flow-steps" in (d.get("class") or "").split():
            self.lists += 1
            self.depth = 1
        elif self.depth > 0 and tag in ("ol", "ul"):
            self.depth += 1
        elif self.depth == 1 and tag == "li":
            self.steps += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_flow = False
        elif tag == "figcaption":
            self.in_caption = False
        elif self.depth > 0 and tag in ("ol", "ul"):
            self.depth -= 1

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data


def cmd_flows(site):
    rep = Report()
    site = os.path.abspath(site)
    n = 0
    for folder in ("catalog", "services"):
        for path in html_files(os.path.join(site, folder)):
            rel = os.path.relpath(path, site)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if '<section class="flow"' not in text:
                continue
            n += 1
            p = FlowSection()
            p.feed(text)
            p.close()
            if len(p.srcs) != 1 or not p.srcs[0].endswith(".svg"):
                rep.add("%s: the flow has no SVG chart (%r)" % (rel, p.srcs))
            else:
                svg = os.path.normpath(os.path.join(os.path.dirname(path),
                                                    urllib.parse.unquote(p.srcs[0])))
                if not os.path.isfile(svg):
                    rep.add("%s: the chart %s is missing" % (rel, p.srcs[0]))
            if p.lists != 1:
                rep.add("%s: no <ol class=\"flow-steps\"> text alternative" % rel)
                continue
            stated = "".join(ch for ch in p.caption.split("步")[0] if ch.isdigit())
            if not stated or int(stated) != p.steps:
                rep.add("%s: the caption says %r steps, the list has %d" %
                        (rel, p.caption, p.steps))
    if n == 0:
        rep.add("no page with a flow")
    return rep.done()


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    cmd, site = argv[1], argv[2]
    if cmd == "links":
        return cmd_links(site)
    if cmd == "weight":
        return cmd_weight(site)
    if cmd == "xss":
        return cmd_xss(site, argv[3:])
    if cmd == "data":
        return cmd_data(site)
    if cmd == "flows":
        return cmd_flows(site)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
