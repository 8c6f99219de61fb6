#!/bin/sh
# suite.sh: nothing personal leaks by a side route. A county whose records
# hold mobile, ID and card numbers in every way a clerk writes them (in
# Markdown and in YAML blocks and lists) and an assistance list with names
# and reasons is built; then every output is read as a reader or a program
# reads it (HTML and its text, JSON, feeds, the sitemap, the search files,
# SVG, and the PDFs' text layer through pdftotext) and searched for each
# number, after undoing full-width digits, character references, markup and
# separators. The list's names and reasons appear on its page and poster
# during the notice only, and never in search, feeds or open data.
set -u
: "${NB:?}" "${NB_ROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass() { echo "PASS: privacy/$1"; }
fail() { echo "FAIL: privacy/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }
command -v pdftotext >/dev/null 2>&1 || { fail "pdftotext is not installed"; exit 1; }

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
for case in pii-reader-forms pii-in-yaml-blocks; do
	(cd "$NB_ROOT/tests/invalid/$case/tree" && find . -name '*.md' | while read -r f; do
		mkdir -p "$c/$(dirname "$f")" && cp "$f" "$c/$f"; done)
done
d=$c/fushui/wangjia/2026/11
cat >"$d/2026-11-21-numbers.md" <<'MD'
---
type: notice
title: 补贴到账查询
date: 2026-11-21
publish: {from: 2026-11-21, to: 2026-11-30}
---
身份证 11010519491231002X 的户主补贴已到账，银行卡 4111 1111 1111 1111。
MD
cat >"$d/2026-11-24-dibao.md" <<'MD'
---
type: assistance
title: 2026年11月低保公示（王大山等2户）
date: 2026-11-24
power: p23
publish: {from: 2026-11-24, to: 2026-11-30}
checked: {by: 张秀英, date: 2026-11-24}
program: 城乡最低生活保障
people:
  - {name: 王大山, household: 2, amount: 980.00, reason: 肝癌晚期, id_card: 110105********002X}
  - {name: 李小河, household: 3, amount: 1290.00, reason: 家庭暴力离异, id_card: 110105********0021}
---
王大山户因肝癌晚期纳入低保，李小河户因家庭暴力离异纳入低保。
MD

# in a table's cells, as in a paragraph: found, reported at the row, masked
cat >"$d/2026-11-22-subsidy-table.md" <<'MD'
---
type: notice
title: 耕地地力补贴发放明细
date: 2026-11-22
publish: {from: 2026-11-22, to: 2026-11-30}
---
| 户主 | 联系电话 | 身份证号 | 金额（元） |
|------|----------|----------|-----------:|
| 户一 | 13511112222 | 11010519560712003X | 320.00 |
MD

# a phone the village declares public: printed as it is
cat >>"$c/fushui/wangjia/village.yaml" <<'YML'
contacts:
  - {role: 代办员, name: 王大成, phone: 13900001111}
office_hours: 周一至周五 8:30-17:30
YML

numbers="13912345678 13812345678 13712345678 13612345678 15912345678 15012345678 13987654321 15812345678 13800138000 13700137000 11010519491231002X 4111111111111111 13511112222 11010519560712003X"

# every output as text: HTML without tags, the rest as it is, PDFs through
# pdftotext; then numbers found after undoing their disguises
leaks() { # OUT-DIR NEEDLES... -> the files holding a needle, one a line
	dir=$1; shift
	find "$dir" -type f -name '*.pdf' | while read -r f; do
		pdftotext -enc UTF-8 "$f" "$f.txt" 2>/dev/null
	done
	python3 - "$dir" "$@" <<'PY'
import html, os, re, sys
root, needles = sys.argv[1], sys.argv[2:]
def normal(t):
    t = re.sub(r"<[^>]*>", "", t)
    for _ in range(2):
        t = html.unescape(t)
    t = "".join(chr(ord(ch) - 0xFF10 + 48) if "\uff10" <= ch <= "\uff19" else ch for ch in t)
    return re.sub(r"[\s\-*_~\u3000\uff0d\u2010-\u2014+()\u200b\u2060\\\\]", "", t)
for dp, _, fs in os.walk(root):
    for f in fs:
        p = os.path.join(dp, f)
        if p.endswith((".png", ".pdf")) or "/.noticeboard/" in p:
            continue
        try:
            t = open(p, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        if p.endswith(".json") or p.endswith(".js"):
            t = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), t)
        n = normal(t)
        for k in needles:
            if k in n or k.lower() in n.lower():
                print("%s: %s" % (os.path.relpath(p, root), k))
PY
}

if "$NB" build -C "$c" -o "$work/a" --date 2026-11-27 >"$work/a.log" 2>&1; then
	pass build-during-notice
else
	fail build-during-notice "$work/a.log"
fi
grep -c 'personal data' "$work/a.log" | grep -qx 15 && pass every-planted-number-reported ||
    { grep 'personal data' "$work/a.log" >"$work/pd"; fail "every-planted-number-reported ($(wc -l <"$work/pd") of 15)" "$work/pd"; }
# the table's two numbers are reported at the row they are written on
[ "$(grep -c '2026-11-22-subsidy-table.md:9:.*personal data' "$work/a.log")" -eq 2 ] &&
    pass table-cell-numbers-reported-at-their-row ||
    { grep 'subsidy-table' "$work/a.log" >"$work/pd"; fail table-cell-numbers-reported-at-their-row "$work/pd"; }
leaks "$work/a" $numbers >"$work/leaks"
if [ ! -d "$work/a/site" ] || [ ! -d "$work/a/posters" ]; then
	fail no-number-in-any-output
elif [ -s "$work/leaks" ]; then
	fail no-number-in-any-output "$work/leaks"
else
	pass "no-number-in-any-output ($(find "$work/a" -type f | wc -l) files)"
fi
# and the outputs are really there to search
for f in site/fushui/wangjia/2026-11-23-contacts.html site/data/fushui/wangjia.json \
    site/fushui/wangjia/feed.xml site/sitemap.xml posters/fushui/wangjia/2026-11-23.pdf; do
	[ -s "$work/a/$f" ] || echo "$f" 
done >"$work/missing"
ls "$work/a/site"/search* >/dev/null 2>&1 || echo "search files" >>"$work/missing"
[ -s "$work/missing" ] && fail outputs-searched-exist "$work/missing" || pass outputs-searched-exist
grep -q '5678' "$work/a/site/fushui/wangjia/2026-11-23-contacts.html" &&
    grep -q '冬季用电安全提醒' "$work/a/site/fushui/wangjia/2026-11-23-contacts.html" \
    && pass masked-record-is-published || fail masked-record-is-published

v=$work/a/site/fushui/wangjia/index.html
grep -q '<a href="tel:13900001111">13900001111</a>' "$v" && grep -q '周一至周五 8:30-17:30' "$v" \
    && pass public-contact-printed-unmasked || fail public-contact-printed-unmasked
! grep -q '13900001111' "$work/a.log" && pass public-contact-not-reported || fail public-contact-not-reported "$work/a.log"

# the assistance list: its page and poster during the notice; never search,
# feeds, open data or the sitemap
names="王大山 李小河 肝癌晚期 家庭暴力离异"
page=$work/a/site/fushui/wangjia/2026-11-24-dibao.html
grep -q '王大山' "$page" && grep -q '肝癌晚期' "$page" && pass list-on-its-page-during-notice ||
    fail list-on-its-page-during-notice
grep -q '王大山' "$work/a/posters/fushui/wangjia/2026-11-23.pdf.txt" && pass list-on-its-poster-during-notice ||
    fail list-on-its-poster-during-notice
mkdir -p "$work/side"
for f in $(cd "$work/a/site" && find . -name '*.json' -o -name '*.xml' -o -name '*.js' | grep -v '^./[a-z]*\.js$'); do
	mkdir -p "$work/side/$(dirname "$f")"; cp "$work/a/site/$f" "$work/side/$f"
done
# the search documents and shards, whatever their names
find "$work/a/site" -path '*search*' -type f -exec cp {} "$work/side/" \;
leaks "$work/side" $names >"$work/leaks"
[ -s "$work/leaks" ] && fail names-and-reasons-never-in-search-feeds-json "$work/leaks" ||
    pass names-and-reasons-never-in-search-feeds-json
grep -q '"households": 2' "$work/a/site/data/fushui/wangjia.json" && grep -q '"people": 5' "$work/a/site/data/fushui/wangjia.json" \
    && pass open-data-keeps-counts || fail open-data-keeps-counts

# after the notice: counts and total on the page, no names, no reasons
"$NB" build -C "$c" -o "$work/b" --date 2026-12-15 >/dev/null 2>&1
page=$work/b/site/fushui/wangjia/2026-11-24-dibao.html
if grep -q '公示期已结束' "$page" && grep -q '共 <strong>2</strong> 户' "$page"; then
	leaks "$work/b" $names | grep -v 'posters/' >"$work/leaks"
	[ -s "$work/leaks" ] && fail after-notice-no-names-anywhere "$work/leaks" || pass after-notice-no-names-anywhere
else
	fail after-notice-no-names-anywhere
fi
# a county that keeps its lists posted (长期公示): names and amounts stay,
# reasons and ID numbers go
if grep -q '^privacy:' "$c/site.yaml"; then
	sed -i 's/^privacy:.*/privacy:\n  assistance_after: list/' "$c/site.yaml"
else
	printf 'privacy:\n  assistance_after: list\n' >>"$c/site.yaml"
fi
"$NB" build -C "$c" -o "$work/l" --date 2026-12-15 >"$work/l.log" 2>&1
page=$work/l/site/fushui/wangjia/2026-11-24-dibao.html
grep -q '王大山' "$page" && ! grep -q '肝癌晚期' "$page" && ! grep -q '002X' "$page" \
    && pass assistance-after-list-keeps-names-not-reasons || fail assistance-after-list-keeps-names-not-reasons "$work/l.log"

# two masked numbers in one paragraph keep their stars everywhere: the
# stars between two digits are not read as emphasis (the page showed the
# digits between in bold, the plain text dropped the stars and left what
# looked like a real ten-digit number); a clerk's own masks alike
m=$work/m
cp -R "$NB_ROOT/tests/invalid/_base" "$m"
cat >"$m/fushui/wangjia/2026/11/2026-11-25-two-ids.md" <<'MD'
---
type: notice
title: 补办证件名单
date: 2026-11-25
publish: {from: 2026-11-25, to: 2026-11-30}
---
王某 610102198001011237，刘某 610102197512124562 请来村委会领证。

已遮盖的 110105********0021 和 139****5678，另有**加粗**的提醒。
MD
"$NB" build -C "$m" -o "$work/mo" --date 2026-11-27 >"$work/m.log" 2>&1
mpage=$work/mo/site/fushui/wangjia/2026-11-25-two-ids.html
mgroup=$work/mo/group/fushui/wangjia/2026-11-25-two-ids.txt
pdftotext -enc UTF-8 "$work/mo/posters/fushui/wangjia/2026-11-23.pdf" "$work/m.txt" 2>/dev/null
masks_ok() { # FILE: every mask whole, the emphasis the clerk meant kept
	for k in '610102\*\*\*\*\*\*\*\*1237' '610102\*\*\*\*\*\*\*\*4562' \
	    '110105\*\*\*\*\*\*\*\*0021' '139\*\*\*\*5678'; do
		grep -q "$k" "$1" || { echo "$1: no $k"; return 1; }
	done
	! grep -q '6101021237\|6101024562\|\\\*' "$1" || { echo "$1: a mask lost"; return 1; }
}
for f in "$mpage" "$mgroup" "$work/m.txt"; do masks_ok "$f"; done >"$work/mm" 2>&1 &&
    grep -q '<strong>加粗</strong>' "$mpage" && ! grep -q '<strong>[0-9]' "$mpage" &&
    pass masked-numbers-keep-their-stars || fail masked-numbers-keep-their-stars "$work/mm"
