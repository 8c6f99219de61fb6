"""check_levels.py SITE: the site of tests/invalid/_base with tests/site/levels/
laid over it: a town's own records (in its folder and in a folder named by
date) and the county's (in county/ at any depth) are on their level's page,
get their own page, and are in the feeds, the search index, the sitemap and
the open data as their level's, never as a village's; a draft is nowhere;
the assessment does not count them. Prints PASS/FAIL lines."""
import json
import os
import sys

site = sys.argv[1]
failed = False


def read(rel):
    with open(os.path.join(site, rel), encoding="utf-8") as f:
        return f.read()


def check(name, ok, why=""):
    global failed
    print(("PASS" if ok else "FAIL") + ": site/levels/" + name)
    if not ok:
        failed = True
        if why:
            print("      " + why)


TOWN = ["富水镇冬季征兵公告", "富水镇2026年第三季度镇级财务公开",
        "富水镇村务公开考核结果通报"]
COUNTY = ["示范县村务公开考核办法", "示范县便民服务中心办事指南"]
PAGES = {
    "fushui/2026-11-21-town-notice.html": TOWN[0],
    "fushui/2026-11-20-town-finance.html": TOWN[1],
    # a town's record named like the town's dashboard, and the county's
    # named index, get other names
    "fushui/assessment-record.html": TOWN[2],
    "county/2026-11-22-county-policy.html": COUNTY[0],
    "county/index-record.html": COUNTY[1],
}

for path, title in PAGES.items():
    ok = os.path.isfile(os.path.join(site, path))
    check("page " + path, ok and "<h1>%s</h1>" % title in read(path))
check("the town's dashboard stays its dashboard",
      TOWN[2] not in read("fushui/assessment.html"))

record = read("fushui/2026-11-21-town-notice.html")
check("a town's record: its place is the town, its crumbs stop at the town",
      "富水镇 · 镇级公开" in record and "王家村" not in record and
      "李家村" not in record and "../data/fushui.json" in record and
      "下载本镇公开数据" in record)
check("a town's record: the mobile number masked", "139****5678" in record and
      "13912345678" not in record)
county_record = read("county/2026-11-22-county-policy.html")
check("a county's record: its place is the county",
      "示范县 · 县级公开" in county_record and "富水镇" not in
      county_record.split("<main")[1] and "../data/county.json" in county_record)

town = read("fushui/index.html")
own = town.split('<h2 id="own-h">镇级公开</h2>')
check("the town page lists the town's own records",
      len(own) == 2 and all(t in own[1].split("</section>")[0] for t in TOWN) and
      not any(t in town for t in COUNTY))
home = read("index.html")
own = home.split('<h2 id="own-h">县级公开</h2>')
check("the home page lists the county's own records",
      len(own) == 2 and all(t in own[1].split("</section>")[0] for t in COUNTY))
village = read("fushui/wangjia/index.html")
check("no village page lists them", not any(t in village for t in TOWN + COUNTY))

feed = read("feed.xml")
check("the county's feed has every one", all(t in feed for t in TOWN + COUNTY))
town_feed = read("fushui/feed.xml")
check("the town's feed has the town's, not the county's",
      all(t in town_feed for t in TOWN) and
      not any(t in town_feed for t in COUNTY) and
      "<summary>富水镇 · 通知公告" in town_feed)
check("the villages' feeds have none",
      not any(t in read("fushui/wangjia/feed.xml") for t in TOWN + COUNTY))

docs = read("search/d0.js")
check("the search index has them, placed at their level",
      '"富水镇冬季征兵公告","富水镇"' in docs and
      '"示范县村务公开考核办法","示范县"' in docs)
sitemap = read("sitemap.xml")
check("the sitemap has their pages",
      all("https://shifan.example/cunwu/" + p in sitemap for p in PAGES))

town_data = json.loads(read("data/fushui.json"))
titles = [r["title"] for r in town_data["records"]]
check("data/fushui.json: the town's records, of no village",
      town_data["village"] is None and town_data["town"]["id"] == "fushui" and
      sorted(titles) == sorted(TOWN) and
      all(r["village"] is None for r in town_data["records"]))
county_data = json.loads(read("data/county.json"))
check("data/county.json: the county's records, of no town",
      county_data["town"] is None and
      sorted(r["title"] for r in county_data["records"]) == sorted(COUNTY) and
      all(r["town"] is None for r in county_data["records"]))
village_data = read("data/fushui/wangjia.json")
check("no village's data has them",
      not any(t in village_data for t in TOWN + COUNTY))
index = json.loads(read("data/index.json"))
check("data/index.json names both files",
      index["own"] == {"path": "county.json",
                       "url": "https://shifan.example/cunwu/data/county.json",
                       "records": 2} and
      index["towns"][0]["own"]["records"] == 3 and
      len(index["towns"][0]["villages"]) == 2)

everything = ""
for d, _, files in os.walk(site):
    for f in files:
        with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
            everything += fh.read()
check("a draft of the county is nowhere", "县级草稿不公开" not in everything)

scores = read("assessment/scores.csv").strip().splitlines()
check("the assessment counts the two villages only", len(scores) == 3,
      "%d lines" % len(scores))
check("the county page counts 1 town and 2 villages",
      "全县 1 个镇、2 个村" in home)

sys.exit(1 if failed else 0)
