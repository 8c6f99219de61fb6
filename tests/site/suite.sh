#!/bin/sh
# suite.sh: the website. Builds the demo county and checks the result: page
# counts, golden pages, the Nu HTML Checker, links and anchors, page weight,
# JSON and XML, drafts, byte-identical rebuilds, the assessment's dashboards
# and CSV (check_assessment.py), a town's and the county's own records
# (check_levels.py), a hostile content tree, and (browser.mjs)
# axe-core, 320 px, dates on one line, the reading modes, sorting the
# ranking, search and file:// navigation in headless Chromium. A missing tool is a FAIL, never a skip:
# `npm ci` in tests/site, java and chromium are part of the test set-up.
set -u
: "${NB:?}" "${NB_ROOT:?}"
here=$NB_ROOT/tests/site
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C.UTF-8

pass() { echo "PASS: site/$1"; }
fail() {
	echo "FAIL: site/$1"
	if [ -n "${2:-}" ] && [ -f "$2" ]; then sed 's/^/      /' "$2" | head -30; fi
}
# name, then a command whose output is shown on failure
check() {
	name=$1; shift
	if "$@" >"$work/check.out" 2>&1; then pass "$name"; else fail "$name" "$work/check.out"; fi
}

# ---- the demo county ----
if "$NB" build -C "$NB_ROOT/content" -o "$work/a" --date 2026-11-27 --only site \
    >"$work/build.out" 2>"$work/build.err"; then
	pass build-demo
	sed 's/^/      /' "$work/build.out"
else
	fail build-demo "$work/build.err"
	exit 1
fi
site=$work/a/site

# page counts, from the content itself
published=0; own=0; drafts=""; : >"$work/months"; : >"$work/level-files"
for f in $(find "$NB_ROOT/content" -name '*.md' -not -path '*/catalog/*'); do
	if grep -q '^draft: true' "$f"; then drafts="$drafts $f"; continue; fi
	published=$((published + 1))
	rel=${f#"$NB_ROOT/content/"}
	second=$(echo "${rel#*/}" | cut -d/ -f1)
	# a town's own records (in its folder or its folders named by date)
	# and the county's: no archive, one JSON file per level
	case "${rel%%/*}/$second" in
	county/*|*.md|*/[0-9]|*/[0-9][0-9]|*/[0-9][0-9][0-9]|*/[0-9][0-9][0-9][0-9])
		own=$((own + 1)); echo "${rel%%/*}" >>"$work/level-files"; continue ;;
	esac
	# one archive page per village and month
	echo "${rel%%/*}/$second $(sed -n 's/^date: *\([0-9-]\{7\}\).*/\1/p' "$f" | head -1)" >>"$work/months"
done
levels=$(sort -u "$work/level-files" | wc -l)
archives=$(sort -u "$work/months" | wc -l)
services=$(grep -c '^  - id: ' "$NB_ROOT/content/catalog/services.yaml")
roles=$(grep -c '^  - id: ' "$NB_ROOT/content/catalog/duties.yaml")
villages=$(find "$NB_ROOT/content" -name village.yaml | wc -l)
towns=$(find "$NB_ROOT/content" -name town.yaml | wc -l)
items=$(grep -c '^      - id: ' "$NB_ROOT/content/catalog/powers.yaml")
pages=$(find "$site" -name '*.html' | wc -l)
# the open data: one file per village and the index; their records
json=$(find "$site/data" -name '*.json' | wc -l)
json_records=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(v["records"] for t in d["towns"] for v in t["villages"]) +
    sum(t["own"]["records"] for t in d["towns"] if "own" in t) +
    (d["own"]["records"] if "own" in d else 0))' "$site/data/index.json")
village_pages=$(find "$site" -mindepth 3 -maxdepth 3 -name index.html -not -path "$site/data/*" | wc -l)
town_pages=$(find "$site" -mindepth 2 -maxdepth 2 -name index.html -not -path "$site/catalog/*" -not -path "$site/assessment/*" | wc -l)
town_dashboards=$(find "$site" -mindepth 2 -maxdepth 2 -name assessment.html | wc -l)
item_pages=$(find "$site/catalog" -name 'p*.html' | wc -l)
feeds=$(find "$site" -name feed.xml | wc -l)
echo "      $pages pages; $published published records; $villages villages in $towns towns"
[ "$own" -gt 0 ] && [ "$json" -eq $((villages + levels + 1)) ] && [ "$json_records" -eq "$published" ] && pass count-json ||
    { echo "      $json JSON files for $villages villages and $levels levels, $json_records records of $published"; fail count-json; }
[ "$village_pages" -eq "$villages" ] && pass count-villages || { echo "      $village_pages village pages"; fail count-villages; }
[ "$town_pages" -eq "$towns" ] && pass count-towns || { echo "      $town_pages town pages"; fail count-towns; }
[ "$town_dashboards" -eq "$towns" ] && pass count-town-dashboards || { echo "      $town_dashboards town dashboards"; fail count-town-dashboards; }
[ "$item_pages" -eq "$items" ] && pass count-catalog-items || { echo "      $item_pages item pages, $items items"; fail count-catalog-items; }
[ "$feeds" -eq $((1 + towns + villages)) ] && pass count-feeds || { echo "      $feeds feeds"; fail count-feeds; }
# county, towns, villages, archives, records, catalog, duties, services,
# search and 404, the county's and the towns' dashboards
want=$((1 + towns + villages + archives + published + 1 + items + roles + services + 2 + 1 + towns))
[ "$pages" -eq "$want" ] && pass count-pages || { echo "      $pages pages, $want expected"; fail count-pages; }
for f in index.html 404.html search.html sitemap.xml feed.xml style.css prefs.js search.js \
    search/k00.js search/d0.js data/index.json catalog/index.html duties/secretary.html \
    assessment/index.html assessment/scores.csv sort.js; do
	[ -s "$site/$f" ] || { fail "file-$f"; continue; }
done
pass required-files

# ---- golden pages ----
check golden sh "$here/golden.sh" "$site"

# ---- drafts are published nowhere ----
draft_ok=true
for f in $drafts; do
	id=$(basename "$f" .md)
	title=$(sed -n 's/^title: *//p' "$f" | head -1)
	if [ -n "$(find "$site" -name "$id.*")" ]; then
		echo "      a file for draft $id"; draft_ok=false
	fi
	if grep -rqF "$title" "$site"; then
		echo "      the draft's title '$title' appears in:"; grep -rlF "$title" "$site" | sed 's/^/        /'
		draft_ok=false
	fi
done
[ -n "$drafts" ] || { echo "      the demo has no drafts to check"; draft_ok=false; }
$draft_ok && pass drafts-absent || fail drafts-absent

# ---- links, weight, data ----
check links python3 "$here/check_site.py" links "$site"
# the link checker must notice a broken link and a missing anchor
cp -r "$site" "$work/broken"
printf '<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><a href="nowhere.html">x</a><a href="index.html#nope">y</a></body></html>' \
    >"$work/broken/zz.html"
if python3 "$here/check_site.py" links "$work/broken" >"$work/check.out" 2>&1; then
	fail link-checker-finds-breakage "$work/check.out"
else
	n=$(grep -c '^FAIL:' "$work/check.out")
	[ "$n" -eq 2 ] && pass link-checker-finds-breakage || fail link-checker-finds-breakage "$work/check.out"
fi
rm -rf "$work/broken"
# titles, descriptions, Open Graph, canonical, favicon, robots.txt, lastmod
check head python3 "$here/check_head.py" "$site" "$(sed -n 's/^base_url: *//p' "$NB_ROOT/content/site.yaml")"
# labels not repeated, talks as supervision, one date format
check labels python3 "$here/check_labels.py" "$site"
# feeds: plain summaries, the body as HTML, no names of a list
check feeds python3 "$here/check_feeds.py" "$site" "$(sed -n 's/^base_url: *//p' "$NB_ROOT/content/site.yaml")"
check page-weight python3 "$here/check_site.py" weight "$site"
check json-and-xml python3 "$here/check_site.py" data "$site"
# the flowcharts: each chart is there, and its text alternative lists every step
check flows python3 "$here/check_site.py" flows "$site"

# ---- the same content, the same bytes ----
"$NB" build -C "$NB_ROOT/content" -o "$work/b" --date 2026-11-27 --only site -j 1 >/dev/null 2>&1
check byte-identical diff -r "$site" "$work/b/site"
# a rebuild into the first tree reuses unchanged pages: still the same bytes
"$NB" build -C "$NB_ROOT/content" -o "$work/a" --date 2026-11-27 --only site >"$work/build2.out" 2>/dev/null
check rebuild-identical diff -r "$site" "$work/b/site"
grep -q ' 0 rendered' "$work/build2.out" && pass rebuild-reuses-everything || fail rebuild-reuses-everything "$work/build2.out"
# another build clock changes the current notices, never a feed with
# entries; a feed with none is as of the build clock, never 1970
"$NB" build -C "$NB_ROOT/content" -o "$work/c" --date 2026-12-09 --only site >/dev/null 2>&1
feeds_same=true; empty=0; empty_ok=true
for f in $(cd "$site" && find . -name feed.xml); do
	if grep -q '<entry>' "$site/$f"; then
		cmp -s "$site/$f" "$work/c/site/$f" || { echo "      $f differs"; feeds_same=false; }
	else
		empty=$((empty + 1))
		grep -q '<updated>2026-11-27T00:00:00+08:00</updated>' "$site/$f" &&
		    grep -q '<updated>2026-12-09T00:00:00+08:00</updated>' "$work/c/site/$f" ||
		    { echo "      $f: $(grep -o '<updated>[^<]*' "$site/$f" | head -1)"; empty_ok=false; }
	fi
done
$feeds_same && pass feeds-ignore-build-clock || fail feeds-ignore-build-clock
[ $empty -gt 0 ] && $empty_ok && pass "empty-feeds-dated-by-build-clock ($empty)" || fail empty-feeds-dated-by-build-clock
! grep -rl '1970-01-01' "$site" --include=feed.xml >"$work/epoch" && pass no-feed-dated-1970 || fail no-feed-dated-1970 "$work/epoch"
if cmp -s "$site/qingshui/zhangjiagou/index.html" "$work/c/site/qingshui/zhangjiagou/index.html"; then
	fail village-page-follows-build-clock
else
	pass village-page-follows-build-clock
fi
for f in assessment/index.html assessment/scores.csv taohe/assessment.html; do
	if cmp -s "$site/$f" "$work/c/site/$f"; then
		fail "assessment-follows-build-clock/$f"
	else
		pass "assessment-follows-build-clock/$f"
	fi
done
rm -rf "$work/b" "$work/c"

# ---- the assessment ----
python3 "$here/check_assessment.py" "$site" "$NB_ROOT/content"
rc=$?; [ $rc -le 1 ] || echo "FAIL: site/assessment/checker (status $rc)"
# a village's rank changes when another village's records do: a rebuild into
# the old tree must give what a fresh build gives (the keys know the ranks)
cp -r "$NB_ROOT/content" "$work/rank"
"$NB" build -C "$work/rank" -o "$work/rank-a" --date 2026-11-27 --only site >/dev/null 2>&1
rm "$work/rank/qingshui/zhangjiagou/2026/10/2026-10-12-survey-2026q3.md"
"$NB" build -C "$work/rank" -o "$work/rank-a" --date 2026-11-27 --only site >/dev/null 2>&1
"$NB" build -C "$work/rank" -o "$work/rank-b" --date 2026-11-27 --only site >/dev/null 2>&1
if diff -r "$work/rank-a/site" "$work/rank-b/site" >"$work/check.out" 2>&1 &&
    ! cmp -s "$site/longtan/fenghuang/index.html" "$work/rank-a/site/longtan/fenghuang/index.html"; then
	pass rank-change-rebuilds-other-villages
else
	fail rank-change-rebuilds-other-villages "$work/check.out"
fi
# a village set up after the build date is the only one not assessed: listed
# apart on the dashboard, and its page says why, with the date
printf 'since: 2026-12-01\n' >>"$work/rank/yunling/gaoshan/village.yaml"
"$NB" build -C "$work/rank" -o "$work/rank-b" --date 2026-11-27 --only site >/dev/null 2>&1
if grep -q '<h2 id="idle-h">暂不参加考核的村</h2>' "$work/rank-b/site/assessment/index.html" &&
    grep -q '125 个村参加考核；1 个村新设立' "$work/rank-b/site/assessment/index.html" &&
    grep -q '本村于<time datetime="2026-12-01">2026年12月1日</time>设立，还没有到期应公开的事项，暂不参加考核' \
        "$work/rank-b/site/yunling/gaoshan/index.html"; then
	pass village-set-up-later-listed-apart
else
	fail village-set-up-later-listed-apart
fi
rm -rf "$work/rank" "$work/rank-a" "$work/rank-b"

# ---- a town's and the county's own records ----
cp -r "$NB_ROOT/tests/invalid/_base" "$work/levels"
cp -r "$here/levels/." "$work/levels/"
if "$NB" build -C "$work/levels" -o "$work/levels-out" --date 2026-11-27 --only site \
    >/dev/null 2>"$work/levels.err"; then
	pass levels-build
	python3 "$here/check_levels.py" "$work/levels-out/site"
	check levels-links python3 "$here/check_site.py" links "$work/levels-out/site"
	check levels-json-and-xml python3 "$here/check_site.py" data "$work/levels-out/site"
	check levels-head python3 "$here/check_head.py" "$work/levels-out/site" \
	    "$(sed -n 's/^base_url: *//p' "$work/levels/site.yaml")"
else
	fail levels-build "$work/levels.err"
fi
rm -rf "$work/levels" "$work/levels-out"

# ---- a site at the root of its host, base_url written without the slash ----
cp -r "$NB_ROOT/tests/invalid/_base" "$work/rooted"
sed -i 's|^base_url:.*|base_url: https://cunwu.example|' "$work/rooted/site.yaml"
if "$NB" build -C "$work/rooted" -o "$work/rooted-out" --only site >/dev/null 2>"$work/rooted.err"; then
	check rooted-head python3 "$here/check_head.py" "$work/rooted-out/site" https://cunwu.example/
else
	fail rooted-head "$work/rooted.err"
fi
rm -rf "$work/rooted" "$work/rooted-out"

# ---- a county's own theme files ----
cp -r "$NB_ROOT/tests/invalid/_base" "$work/themed"
mkdir -p "$work/themed/theme/partials"
printf '<footer class="site-footer"><div class="wrap"><p>本县自定义页脚</p></div></footer>\n' \
    >"$work/themed/theme/partials/footer.html"
printf ':root { --brand: #7a1f1f; }\n' >"$work/themed/theme/style-overrides.css"
if "$NB" build -C "$work/themed" -o "$work/themed-out" --only site >/dev/null 2>"$work/themed.err" &&
    grep -q '本县自定义页脚' "$work/themed-out/site/index.html" &&
    grep -q '本县自定义页脚' "$work/themed-out/site/fushui/wangjia/index.html" &&
    tail -n 1 "$work/themed-out/site/style.css" | grep -q '#7a1f1f' &&
    grep -q 'skip' "$work/themed-out/site/index.html"; then
	pass theme-override
else
	fail theme-override "$work/themed.err"
fi
printf 'theme: nosuchtheme\n' >>"$work/themed/site.yaml"
if "$NB" build -C "$work/themed" -o "$work/themed-out2" --only site >/dev/null 2>"$work/themed.err"; then
	fail missing-theme-is-an-error
else
	grep -q 'nosuchtheme' "$work/themed.err" && pass missing-theme-is-an-error ||
	    fail missing-theme-is-an-error "$work/themed.err"
fi
rm -rf "$work/themed" "$work/themed-out" "$work/themed-out2"

# ---- hostile content ----
sh "$here/xss/run.sh" "$work/xss"

# ---- the Nu HTML Checker, on every page at once ----
vnu=$here/node_modules/vnu-jar/build/dist/vnu.jar
if ! command -v java >/dev/null 2>&1; then
	echo "      java is missing (Debian: default-jre-headless)"; fail vnu
elif [ ! -f "$vnu" ]; then
	echo "      vnu.jar is missing: run 'npm ci' in tests/site"; fail vnu
else
	check vnu java -jar "$vnu" --errors-only --skip-non-html "$site"
fi

# ---- the browser ----
sample="index.html qingshui/index.html qingshui/zhangjiagou/index.html
qingshui/zhangjiagou/archive/2026-10.html
qingshui/zhangjiagou/2026-09-07-road-plan.html
qingshui/zhangjiagou/2026-10-19-bridge-one-matter.html
qingshui/zhangjiagou/2026-09-14-pond-lease.html
qingshui/zhangjiagou/2026-11-02-road-progress-2.html
qingshui/zhangjiagou/2026-11-20-村道验收.html
qingshui/zhangjiagou/2026-10-10-finance-2026q3.html
qingshui/zhangjiagou/2026-10-09-十月低保名单.html
qingshui/zhangjiagou/2026-11-24-medical-aid.html
qingshui/zhangjiagou/2026-11-26-certificate-guide.html
qingshui/zhangjiagou/2026-11-13-reps-meeting-notice.html
qingshui/zhangjiagou/2026-10-12-survey-2026q3.html
qingshui/zhangjiagou/2026-10-14-talk-road-during.html
catalog/index.html catalog/p01.html catalog/p06.html duties/secretary.html
services/minimum-living.html search.html 404.html
assessment/index.html taohe/assessment.html taohe/hejiaying/index.html"
if ! command -v node >/dev/null 2>&1; then
	echo "      node is missing (Debian: nodejs)"; fail browser
elif [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
	echo "      playwright-core or axe-core is missing: run 'npm ci' in tests/site"; fail browser
elif [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	echo "      chromium is missing (Debian: chromium)"; fail browser
else
	# shellcheck disable=SC2086
	(cd "$here" && node browser.mjs "$site" $sample)
	# search by places and fields: a village, a town, a power item, 低保,
	# a decision's outcome, a query of spaces
	(cd "$here" && node search.mjs "$site")
	# no layout shift as a page loads (375 and 1280 px), and links printed
	# as absolute addresses under base_url
	(cd "$here" && node layout.mjs "$site" "$(sed -n 's/^base_url: *//p' "$NB_ROOT/content/site.yaml")" \
	    index.html qingshui/index.html qingshui/zhangjiagou/index.html \
	    qingshui/zhangjiagou/archive/2026-10.html qingshui/zhangjiagou/2026-09-07-road-plan.html \
	    qingshui/zhangjiagou/2026-10-09-十月低保名单.html catalog/index.html catalog/p01.html \
	    services/minimum-living.html search.html 404.html assessment/index.html taohe/assessment.html)
fi
