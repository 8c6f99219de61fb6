#!/usr/bin/env python3
"""check_assessment.py SITE CONTENT: the assessment's pages of the demo
county built at 2026-11-27, read back as a reader and a spreadsheet would:

  - the county dashboard: the formula, the ranking table in rank order with
    the scores falling, every village of the county in it: the late village
    (taohe/hejiaying, 3.2) with only the villages that have published
    nothing (0.0) below it, the reasons of the lowest listed below;
  - a town's dashboard; the late village's own 考核 section in full;
  - the CSV of the scores: BOM, one row per village, the same numbers;
  - the reminder talks on a village's and an item's page, the survey trend.

Prints "PASS: site/assessment/NAME" or "FAIL: ..." lines; exits 1 on any
failure. Python 3 standard library only.
"""
import csv
import html.parser
import io
import os
import posixpath
import re
import sys

LATE = ("taohe", "hejiaying", "何家营村", "3.2")
FORMULA = "总分 = 30% × 及时率 + 30% × 完整率 + 20% × 监督率 + 20% × 满意率"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag=None, cls=None):
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and \
                   (cls is None or cls in c.attrs.get("class", "").split()):
                    yield c
                yield from c.all(tag, cls)

    def find_id(self, ident):
        for n in self.all():
            if n.attrs.get("id") == ident:
                return n
        return None

    def section_of(self, heading_id):
        """The <section> whose heading has this id."""
        h = self.find_id(heading_id)
        return h.parent if h is not None else None


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    t.close()
    return t.root


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


failed = 0


def check(name, ok, detail=""):
    global failed
    print("%s: site/assessment/%s" % ("PASS" if ok else "FAIL", name))
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print("      " + line)


def existing_villages(content, date="2026-11-27"):
    """Villages that exist at the date: all but those whose since: is later."""
    out = set()
    for town, village in all_villages(content):
        with open(os.path.join(content, town, village, "village.yaml"), encoding="utf-8") as f:
            m = re.search(r"^since: (\d{4}-\d\d-\d\d)", f.read(), re.M)
        if m is None or m.group(1) <= date:
            out.add((town, village))
    return out


def grade(value):
    """As on the site and the posters: 优 90, 良 75, 中 60, else 差."""
    return "优" if value >= 90 else "良" if value >= 75 else "中" if value >= 60 else "差"


def publishing_villages(content):
    """Villages with a published record: a .md that is not a draft."""
    out = set()
    for town in sorted(os.listdir(content)):
        tdir = os.path.join(content, town)
        if town == "catalog" or not os.path.isfile(os.path.join(tdir, "town.yaml")):
            continue
        for village in sorted(os.listdir(tdir)):
            vdir = os.path.join(tdir, village)
            if not os.path.isfile(os.path.join(vdir, "village.yaml")):
                continue
            for dp, _, fs in os.walk(vdir):
                for f in fs:
                    if f.endswith(".md"):
                        with open(os.path.join(dp, f), encoding="utf-8") as fh:
                            if not re.search(r"^draft: true", fh.read(), re.M):
                                out.add((town, village))
    return out


def all_villages(content):
    out = []
    for town in sorted(os.listdir(content)):
        tdir = os.path.join(content, town)
        if os.path.isfile(os.path.join(tdir, "town.yaml")):
            for village in sorted(os.listdir(tdir)):
                if os.path.isfile(os.path.join(tdir, village, "village.yaml")):
                    out.append((town, village))
    return out


def competition_ranks(totals):
    """The places of totals in falling order: the same total, the same
    place, the next counting every village above it (1, 2, 2, 4)."""
    ranks = []
    for i, t in enumerate(totals):
        ranks.append(ranks[-1] if i > 0 and t == totals[i - 1] else str(i + 1))
    return ranks


def ranking_rows(table):
    """(rank, village, href, total text, total grade) per body row."""
    rows = []
    for tr in table.all("tr"):
        if tr.parent.tag != "tbody":
            continue
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        link = next(cells[1].all("a"), None)
        total = cells[2]
        grade = next(total.all("b"), None)
        rows.append((squash(cells[0].text()), squash(cells[1].text()),
                     link.attrs.get("href") if link else None,
                     squash(total.text()).split(" ")[0], grade.text() if grade else ""))
    return rows


def check_county(site, content):
    page = parse(os.path.join(site, "assessment", "index.html"))
    text = squash(page.text())
    check("county-formula", FORMULA in text, "formula not found")
    check("county-date", "考核日期：2026年11月27日" in text)
    cap = page.find_id("rank-cap")
    table = cap.parent if cap is not None else None
    if table is None or table.tag != "table":
        check("county-ranking-table", False, "no table captioned #rank-cap")
        return
    heads = [squash(th.text()) for th in table.all("th") if th.attrs.get("scope") == "col"]
    check("county-ranking-columns",
          heads == ["名次", "村", "总分", "及时率", "完整率", "监督率", "满意率", "镇"], heads)
    check("county-ranking-sortable-without-script",
          "sortable" in table.attrs.get("class", "") and
          next(table.all("th")).attrs.get("aria-sort") == "ascending" and
          all(th.attrs.get("data-sort") for th in table.all("th") if th.attrs.get("scope") == "col"))
    rows = ranking_rows(table)
    want = existing_villages(content)
    empty = set(all_villages(content)) - publishing_villages(content)
    check("county-ranks-every-village", len(rows) == len(want) and len(rows) >= 4 and empty,
          "%d rows, %d villages exist, %d have published nothing" % (len(rows), len(want), len(empty)))
    last = rows[-1] if rows else ("", "", "", "", "")
    check("county-worked-example",
          ("第 %s 名%s：总分 = " % (last[0], last[1])) in text and
          "第 1 名%s：总分 = " % rows[0][1] in text,
          "no worked example for the first and the last village")
    # the same total, the same place (1, 2, 2, 4)
    want_ranks = competition_ranks([r[3] for r in rows])
    check("county-ranks-in-order", [r[0] for r in rows] == want_ranks and
          len(set(want_ranks)) < len(rows), [r[0] for r in rows])
    totals = [float(r[3]) for r in rows]
    check("county-totals-fall", totals == sorted(totals, reverse=True), totals)
    at = [i for i, r in enumerate(rows) if r[1] == LATE[2]]
    late = rows[at[0]] if at else ("", "", "", "", "")
    below = rows[at[0] + 1:] if at else []
    hrefs = {"../%s/%s/index.html" % v for v in empty}
    check("county-late-village-above-only-the-empty",
          late[3] == LATE[3] and late[4] == "差" and
          late[2] == "../%s/%s/index.html" % LATE[:2] and
          len(below) == len(empty) and
          all(r[3] == "0.0" and r[4] == "差" and r[2] in hrefs for r in below), (late, below))
    check("county-others-above",
          at and all(float(r[3]) > float(LATE[3]) for r in rows[:at[0]]), rows[:at[0] if at else 0])
    # every score is a number and a grade in words; the total has a bar
    cells = [td for td in table.all("td") if "m" in td.attrs.get("class", "").split()]
    def graded(td):
        t = squash(td.text())
        if t == "不计":
            return next(td.all("b"), None) is None
        b = next(td.all("b"), None)
        return b is not None and t.split(" ")[0] and b.text() == grade(float(t.split(" ")[0]))
    totals_barred = [td for td in cells if "t" in td.attrs.get("class", "").split()]
    check("county-scores-have-grades",
          len(cells) == 5 * len(rows) and all(graded(td) for td in cells) and
          len(totals_barred) == len(rows) and
          all(re.fullmatch(r"w\d+", next(td.all("i")).attrs.get("class", "")) for td in totals_barred),
          [squash(td.text()) for td in cells if not graded(td)][:10])

    # the reasons, from the lowest total up: the late village after the
    # villages that have published nothing
    fixes = page.section_of("fix-h")
    blocks = list(fixes.all("section", "fix")) if fixes is not None else []
    names = [squash(b.text()).split(" ")[0] for b in blocks]
    want_first = [r[1] for r in reversed(rows)][:len(empty) + 1]
    check("county-reasons-lowest-first", names[:len(want_first)] == want_first,
          (names, want_first))
    late_block = [b for b in blocks if squash(b.text()).startswith(LATE[2])]
    first = squash(late_block[0].text()) if late_block else ""
    check("county-reasons-late-village",
          "总分 3.2" in first and ("第 %s 名" % late[0]) in first, first[:200])
    for reason in ("定期公开未按期公开", "迟公开或公示天数不足", "决议通过后未公开实施结果",
                   "未经村务监督委员会审核签字", "用权前无事前提醒谈话", "未开展群众满意度测评"):
        check("county-reason-" + reason, reason in first, first[:300])
    issues = list(late_block[0].all("li")) if late_block else []
    dated = [li for li in issues if next(li.all("time"), None) is not None]
    check("county-reasons-with-due-dates",
          len(dated) >= 5 and "p23 城乡最低生活保障：2025年11月未公开（应于2025年12月10日前公开）" in first,
          first[:400])
    full = [a for a in late_block[0].all("a") if a.attrs.get("href", "").endswith("#assess-h")] if late_block else []
    check("county-reasons-link-full-list", len(full) == 1)

    # no village is left out: the section of those not yet assessed (set up
    # after the date) is there only when there are such villages
    idle = page.section_of("idle-h")
    total = len(all_villages(content))
    links = list(idle.all("a")) if idle is not None else []
    if total == len(want):
        ok = idle is None and "暂不参加" not in text.split("计分方法")[0]
    else:
        ok = len(links) == total - len(want)
    check("county-idle-villages", ok, "%d listed, %d expected" % (len(links), total - len(want)))
    check("county-csv-link",
          any(posixpath.normpath(posixpath.join("assessment", a.attrs.get("href", ""))) ==
              "assessment/scores.csv" for a in page.all("a")))
    return rows


def check_town(site, content, county_rows):
    page = parse(os.path.join(site, LATE[0], "assessment.html"))
    cap = page.find_id("rank-cap")
    rows = ranking_rows(cap.parent) if cap is not None else []
    # the town's villages in the county's order, with the county's ranks
    want = [r for r in county_rows if r[2].startswith("../%s/" % LATE[0])]
    n = len([v for v in all_villages(content) if v[0] == LATE[0]])
    check("town-dashboard-ranking", len(rows) == n and rows == want and
          rows[-1][1] == LATE[2] and rows[-1][3] == LATE[3], (rows, want))
    check("town-dashboard-average", "桃河镇平均" in squash(page.text()))
    town = parse(os.path.join(site, LATE[0], "index.html"))
    check("town-page-links-dashboard",
          any(a.attrs.get("href") == "../taohe/assessment.html" for a in town.all("a")))


def check_village(site, csv_issues, csv_rank):
    page = parse(os.path.join(site, LATE[0], LATE[1], "index.html"))
    sec = page.section_of("assess-h")
    text = squash(sec.text()) if sec is not None else ""
    check("village-score", "总分 3.2 差 全县第 %s 名" % csv_rank in text, text[:200])
    check("village-formula", "总分 = 30% × 0.0 + 30% × 10.7 + 20% × 0.0 + 20% × 0.0 = 3.2" in text)
    check("village-metric-counts",
          "有公开时限的 9 条记录中 0 条按时公开" in text and
          "近一年应定期公开 26 期，按期公开 2 期" in text and
          "决策和结果 3 条，经村务监督委员会审核签字 0 条" in text and
          "未开展群众满意度测评，记 0 分" in text, text[:600])
    ol = next(sec.all("ol", "issues"), None) if sec is not None else None
    items = [li for li in ol.all("li")] if ol is not None else []
    check("village-full-issue-list", len(items) == csv_issues and len(items) > 5,
          "%d listed, the CSV says %s" % (len(items), csv_issues))
    overdue = [li for li in items if "未公开（应于" in li.text()]
    check("village-overdue-with-due-dates",
          overdue and all(next(li.all("time"), None) is not None for li in overdue))
    nav = page.find_id("main")
    check("nav-has-assessment",
          any(a.attrs.get("href") == "../../assessment/index.html" and squash(a.text()) == "考核"
              for a in page.all("a")))


def check_csv(site, content):
    with open(os.path.join(site, "assessment", "scores.csv"), "rb") as f:
        data = f.read()
    check("csv-bom", data.startswith(b"\xef\xbb\xbf"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    head, body = rows[0], rows[1:]
    villages = all_villages(content)
    check("csv-one-row-per-village", len(body) == len(villages) == 126,
          "%d rows, %d villages" % (len(body), len(villages)))
    col = {name: i for i, name in enumerate(head)}
    need = ["镇代码", "镇", "村代码", "村", "参加考核", "名次", "及时率", "完整率", "监督率",
            "满意率", "总分", "需整改项数"]
    check("csv-columns", all(n in col for n in need) and len(set(len(r) for r in rows)) == 1, head)
    if not all(n in col for n in need):
        return 0
    late = [i for i, r in enumerate(body) if (r[col["镇代码"]], r[col["村代码"]]) == LATE[:2]]
    row = body[late[0]] if late else None
    check("csv-late-village", row is not None and row[col["总分"]] == LATE[3] and
          row[col["村"]] == LATE[2] and row[col["参加考核"]] == "是", row)
    assessed = [r for r in body if r[col["参加考核"]] == "是"]
    empty = set(all_villages(content)) - publishing_villages(content)
    check("csv-others-above-only-the-empty-below",
          late and late[0] == len(assessed) - 1 - len(empty) and
          all(float(r[col["总分"]]) > float(LATE[3]) for r in body[:late[0]]) and
          {(r[0], r[2]) for r in assessed[late[0] + 1:]} == empty and
          all(r[col["总分"]] == "0.0" for r in assessed[late[0] + 1:]) and
          [r[col["名次"]] for r in assessed] == competition_ranks([r[col["总分"]] for r in assessed]),
          [r[:11] for r in assessed[-5:]])
    idle = [r for r in body if r[col["参加考核"]] == "否"]
    check("csv-idle-rows-empty",
          len(idle) == len(villages) - len(assessed) and
          all(r[col["总分"]] == "" and r[col["名次"]] == "" for r in idle))
    check("csv-keys-unique", len({(r[0], r[2]) for r in body}) == len(body))
    return (int(row[col["需整改项数"]]), row[col["名次"]]) if row else (0, "")


def check_talks_and_surveys(site, content):
    page = parse(os.path.join(site, "qingshui", "zhangjiagou", "index.html"))
    talks = page.section_of("talks-h")
    rows = [tr for tr in talks.all("tr") if tr.parent.tag == "tbody"] if talks is not None else []
    n = 0
    for dp, _, fs in os.walk(os.path.join(content, "qingshui", "zhangjiagou")):
        for f in fs:
            if f.endswith(".md"):
                with open(os.path.join(dp, f), encoding="utf-8") as fh:
                    t = fh.read()
                n += bool(re.search(r"^type: talk", t, re.M)) and not re.search(r"^draft: true", t, re.M)
    check("village-talks", len(rows) == n and n > 0, "%d rows, %d talks" % (len(rows), n))
    during = [squash(tr.text()) for tr in rows if "2026年10月14日" in tr.text() and "事中" in tr.text()]
    check("village-talk-phase", len(during) == 1 and "工程项目施工管理与验收" in during[0], during)
    risky = [squash(tr.text()) for tr in rows if "2026年11月13日" in tr.text()]
    check("village-talk-risks", risky and "随意变更增加造价" in risky[0] and "虚假验收" in risky[0], risky)
    surveys = page.section_of("survey-h")
    svg = next(surveys.all("svg"), None) if surveys is not None else None
    title = next(svg.all("title"), None) if svg is not None else None
    check("village-survey-trend-chart",
          svg is not None and svg.attrs.get("role") == "img" and title is not None and
          "2026年第三季度 86.3%" in title.text())
    check("village-survey-trend-table", surveys is not None and "86.3" in squash(surveys.text()) and
          "对便民服务和民事代办是否满意" in surveys.text())
    item = parse(os.path.join(site, "catalog", "p06.html"))
    sec = item.section_of("talks-h")
    text = squash(sec.text()) if sec is not None else ""
    check("item-talks", "2026年10月14日" in text and "事中" in text and "张家沟村" in text, text[:300])
    risks = item.section_of("risk-h")
    rtext = squash(risks.text()) if risks is not None else ""
    check("item-risks-reminded", "已提醒" in rtext and "最近一次" in rtext, rtext[:300])


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    site, content = argv[1], argv[2]
    rows = check_county(site, content) or []
    check_town(site, content, rows)
    issues, rank = check_csv(site, content)
    check_village(site, issues, rank)
    check_talks_and_surveys(site, content)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
