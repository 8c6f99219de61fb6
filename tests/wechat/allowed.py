"""allowed.py ARTICLE.html: fails when the article's body holds an element
or attribute the official account's editor does not keep, or a link."""
import sys
from html.parser import HTMLParser

ALLOWED = {"section", "p", "span", "strong", "table", "tbody", "tr", "td", "img"}
ATTRS = {"style"}
IMG_ATTRS = {"style", "src", "alt"}
PAGE = {"html", "head", "meta", "title", "body"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.problems = []
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
            if attrs:
                self.problems.append("body has attributes")
            return
        if not self.in_body:
            if tag not in PAGE:
                self.problems.append("<%s> in the head" % tag)
            return
        self.elements += 1
        if tag not in ALLOWED:
            self.problems.append("<%s>" % tag)
        allowed = IMG_ATTRS if tag == "img" else ATTRS
        for name, value in attrs:
            if name not in allowed:
                self.problems.append("<%s %s>" % (tag, name))
            if name == "src" and not (value or "").startswith("data:image/"):
                self.problems.append("<img src> not a data: URI")
            if name == "style" and ("url(" in (value or "") or "@import" in (value or "")):
                self.problems.append("<%s style> loads something" % tag)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "body":
            self.in_body = False


c = Check()
c.feed(open(sys.argv[1], encoding="utf-8").read())
for p in sorted(set(c.problems)):
    print(p)
if c.elements == 0:
    print("no element in the body")
sys.exit(1 if c.problems or c.elements == 0 else 0)
