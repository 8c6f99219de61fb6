#!/bin/sh
# suite.sh: Markdown tables on every output. A small county whose records
# hold a wide table (links, code, strikethrough, raw HTML and a javascript:
# link in its cells), a table of seventy rows and a total that is one fen
# off is built; then the site's HTML (column headers, labels for the
# phone's cards, nothing raw), the open data (header and rows), the feed
# (the table as HTML), the search index (a cell's words), the rule 8
# warning (at the total's row) and the poster (pdftotext finds every cell;
# the long table goes on with its header, no row split) are read back, and
# headless Chromium (tables.mjs) measures no sideways scrolling at 320 px
# (the table's page also shows a photo wider than the phone) and runs
# axe-core at 320 and 1280 px; the Nu HTML Checker reads the pages.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin tables

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
d=$c/fushui/wangjia/2026/11
mkdir -p "$d"
# the table first: its cells are within the text the search indexes
cat >"$d/2026-11-24-works-list.md" <<'MD'
---
type: notice
title: 鸭嘴坝灌溉渠工程量清单
date: 2026-11-24
publish: {from: 2026-11-24, to: 2026-11-30}
---
| 序号 | 工程项目 | 规格型号及施工要求 | 单位 | 数量 | 单价（元） | 金额（元） | 备注 |
|---:|---|---|---|---:|---:|---:|---|
| 1 | 鸭嘴坝渠道开挖 | 梯形断面，底宽0.6米，按GB/T50600-2020渠道防渗工程技术规范施工 | 立方米 | 820 | 18.50 | 15,170.00 | 见 www.example.com/qudao |
| 2 | 混凝土衬砌 | C20现浇，厚`8cm`，~~C15~~ | 立方米 | 96 | 420 | 40,320.00 | <script>alert(1)</script>监理旁站 |
| 3 | 分水闸门 | 铸铁闸门0.5×0.5米 | 座 | 4 | 1,650.00 | 6,600.00 | [点这里](javascript:alert(1)) |
| **合计** | | | | | | **62,090.01** | |

以上为预算数，以审计结果为准。

![鸭嘴坝渠道开挖现场](dig.png)
MD
# a photo beside the table: 1600x1200, wider than any phone
python3 - "$d/dig.png" <<'PY'
import struct, sys, zlib
w, h = 1600, 1200
rows = b"".join(b"\0" + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 128)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
PY
# seventy rows: more than a sheet holds, and a right 合计
{
	cat <<'MD'
---
type: notice
title: 村道分段养护费用明细
date: 2026-11-25
publish: {from: 2026-11-25, to: 2026-11-30}
---
养护路段逐段列明如下。

| 桩号 | 路段说明 | 养护内容 | 费用（元） |
|---|---|---|---:|
MD
	i=1
	while [ $i -le 70 ]; do
		echo "| K0+${i}00 | 第${i}段 | 清扫及路肩修整 | ${i}0.00 |"
		i=$((i + 1))
	done
	echo "| 合计 | | | 24,850.00 |"
} >"$d/2026-11-25-road-care.md"

"$NB" build -C "$c" -o "$work/a" --date 2026-11-27 >"$work/build.out" 2>"$work/build.err"
check build test "$?" -eq 0 || cat "$work/build.err"
site=$work/a/site
page=$site/fushui/wangjia/2026-11-24-works-list.html
long=$site/fushui/wangjia/2026-11-25-road-care.html

# ---- rule 8: the one-fen total is a warning at its row; the right one none ----
check sum-warning-at-the-total-row grep -q \
    "2026-11-24-works-list.md:12:22: warning: in column '金额（元）' of this table, the 合计 row says 62,090.01, but the rows above it add up to 62,090.00 (0.01 yuan off)" \
    "$work/build.err"
# what a cell may not publish is said as it is in a paragraph
check cell-raw-html-and-link-warned sh -c "grep -q 'works-list.md:10:67: warning: raw HTML is not published' '$work/build.err' &&
    grep -q \"works-list.md:11:59: warning: link 'javascript:alert(1)' is removed\" '$work/build.err'"
check no-warning-for-a-right-total sh -c "! grep 'road-care.md.*table' '$work/build.err'"

# ---- the site ----
check site-th-scope-col sh -c "[ \$(grep -o '<th scope=\"col\"' '$page' | wc -l) -eq 8 ]"
check site-cells-labelled grep -q '<td class="num" data-label="金额（元）">15,170.00</td>' "$page"
check site-total-row grep -q '<tr class="total">' "$page"
check site-no-raw-pipes sh -c "! grep -q '^<p>|' '$page' '$long'"
check site-raw-html-dropped sh -c "! grep -q -i -e '<script>alert' -e 'javascript:' '$page'"
check site-cell-inlines sh -c "grep -q '<del>C15</del>' '$page' && grep -q '<code>8cm</code>' '$page' &&
    grep -q 'href=\"http://www.example.com/qudao\"' '$page'"
check site-long-table-rows sh -c "[ \$(grep -c 'data-label=\"桩号\"' '$long') -eq 71 ]"

# ---- open data: the table as a header and rows ----
check json-table python3 - "$site/data/fushui/wangjia.json" <<'PY'
import json, sys
recs = {r["id"]: r for r in json.load(open(sys.argv[1]))["records"]}
t = recs["2026-11-24-works-list"]["tables"]
assert len(t) == 1, t
assert t[0]["header"] == ["序号", "工程项目", "规格型号及施工要求", "单位", "数量",
    "单价（元）", "金额（元）", "备注"], t[0]["header"]
assert len(t[0]["rows"]) == 4 and t[0]["rows"][3][0] == "合计", t[0]["rows"]
assert t[0]["rows"][0][6] == "15,170.00", t[0]["rows"][0]
assert all(len(r) == 8 for r in t[0]["rows"])
assert "| 序号 |" in recs["2026-11-24-works-list"]["body"]
long = recs["2026-11-25-road-care"]["tables"][0]
assert len(long["rows"]) == 71 and long["rows"][69][0] == "K0+7000", long["rows"][69]
assert recs["2026-11-02-road-plan"]["tables"] == []
PY

# ---- the feed: the table as HTML ----
feed=$site/fushui/wangjia/feed.xml
check feed-table-html sh -c "grep -q '<content type=\"html\"' '$feed' &&
    grep -q '&lt;th scope=&quot;col&quot;&gt;工程项目&lt;/th&gt;' '$feed' &&
    ! grep -q -i 'script&gt;alert' '$feed'"
check feed-is-xml python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$feed"

# ---- search: a cell's words are tokens, the table's pipes are not ----
check search-cell-token sh -c "grep -h -q '^\"渠道\":\[' '$site'/search/k*.js &&
    grep -h -q '^\"立方\":\[' '$site'/search/k*.js && ! grep -h -q '^\"|\"' '$site'/search/k*.js"

# ---- the poster: every cell on it, the long table continued with its header ----
pdf=$work/a/posters/fushui/wangjia/2026-11-23.pdf
if ! command -v pdftotext >/dev/null 2>&1; then
	fail "poster (pdftotext is not installed)"
elif [ ! -f "$pdf" ]; then
	fail "poster (no board $pdf)"
else
	pdftotext -layout "$pdf" "$work/board.txt"
	# in drawing order: a cell's wrapped lines follow each other
	pdftotext -raw "$pdf" "$work/board-raw.txt"
	check poster-every-cell python3 - "$work/board-raw.txt" "$c/fushui/wangjia/2026/11" <<'PY'
import glob, re, sys
text = re.sub(r"\s+", "", open(sys.argv[1], encoding="utf-8").read())
missing = []
for f in glob.glob(sys.argv[2] + "/*.md"):
    for line in open(f, encoding="utf-8"):
        if not line.startswith("|") or set(line.strip()) <= set("|-: "):
            continue
        for cell in line.strip().strip("|").split("|"):
            # as printed: inline marks and raw HTML gone, a link as its words
            cell = re.sub(r"<[^>]*>", "", cell)
            cell = re.sub(r"\[([^]]*)\]\((?:[^()]|\([^)]*\))*\)", r"\1", cell)
            cell = re.sub(r"[*`~\s]", "", cell)
            if cell and cell not in text:
                missing.append(cell)
if missing:
    sys.exit("not on the poster: " + ", ".join(missing[:10]))
PY
	check poster-long-table-continued python3 - "$work/board.txt" <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
with_rows = [p for p in pages if re.search(r"K0\+\d+00", p)]
assert len(with_rows) >= 2, "the 70 rows fit one sheet: %d" % len(with_rows)
for p in with_rows[1:]:
    assert "村道分段养护费用明细（续表）" in p, "no 续表 line"
    assert re.search(r"桩号\s+路段说明\s+养护内容\s+费用（元）", p), "no header"
seen = 0
for p in with_rows:
    for m in re.finditer(r"K0\+(\d+)00\s+第(\d+)段\s+清扫及路肩修整\s+(\d+)0\.00", p):
        assert m.group(1) == m.group(2) == m.group(3), m.group(0)
        seen += 1
assert seen == 70, "%d whole rows of 70" % seen
PY
fi

# ---- the browser and the Nu HTML Checker ----
here=$NB_ROOT/tests/site
vnu=$here/node_modules/vnu-jar/build/dist/vnu.jar
if ! command -v java >/dev/null 2>&1 || [ ! -f "$vnu" ]; then
	skip "vnu (java or vnu.jar missing: npm ci in tests/site)"
else
	check vnu java -jar "$vnu" --errors-only "$page" "$long"
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d "$here/node_modules/playwright-core" ] ||
    [ ! -d "$here/node_modules/axe-core" ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	skip "browser (node, chromium or npm ci in tests/site missing)"
else
	(cd "$here" && node tables.mjs "$site" fushui/wangjia/2026-11-24-works-list.html \
	    fushui/wangjia/2026-11-25-road-care.html)
fi
