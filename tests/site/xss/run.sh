#!/bin/sh
# run.sh DIR: builds the base test county with hostile records added (markup
# in titles, names and YAML values, javascript: and data: links, raw HTML in
# Markdown, Mustache-looking text) and checks that nothing executable reaches
# the site and that the text is shown as text.
set -u
: "${NB:?}" "${NB_ROOT:?}"
dir=$1
here=$NB_ROOT/tests/site
mkdir -p "$dir"
cp -r "$NB_ROOT/tests/invalid/_base" "$dir/content"
cp -r "$here/xss/overlay/." "$dir/content/"
if "$NB" build -C "$dir/content" -o "$dir/out" --date 2026-11-10 --only site >"$dir/build.out" 2>"$dir/build.err"; then
	echo "PASS: site/xss/build"
else
	echo "FAIL: site/xss/build"; sed 's/^/      /' "$dir/build.err" | head -20
	exit 0
fi
site=$dir/out/site
if python3 "$here/check_site.py" xss "$site" \
    '<script>alert("title")</script>{{site_name}}&amp;' \
    '张&"王'"'"'<i>村</i>' \
    '"onmouseover="alert(11)' \
    '</textarea><script>alert("board")</script>' \
    '测评 {{#site_name}}x{{/site_name}}' \
    '{{{body}}} {{#x}}{{/x}}' \
    '<img src=x onerror=alert(13)>满意吗' \
    '<b onclick=alert(15)>收入</b>' \
    '=HYPERLINK("http://example.invalid/","点我"),村' >"$dir/xss.out" 2>&1; then
	echo "PASS: site/xss/no-executable-markup"
else
	echo "FAIL: site/xss/no-executable-markup"; sed 's/^/      /' "$dir/xss.out"
fi
# the record with spaces, '#', '%' and '&' in its name has a working link
page=$(find "$site/fushui/hostile" -name '2026-11-05 通知#1 %20&x.html')
if [ -n "$page" ] && grep -qF 'href="../../fushui/hostile/2026-11-05%20%E9%80%9A%E7%9F%A5%231%20%2520%26x.html"' \
    "$site/fushui/hostile/index.html"; then
	echo "PASS: site/xss/odd-file-name-link"
else
	echo "FAIL: site/xss/odd-file-name-link"
fi
if python3 "$here/check_site.py" links "$site" >"$dir/links.out" 2>&1 &&
    python3 "$here/check_site.py" data "$site" >>"$dir/links.out" 2>&1; then
	echo "PASS: site/xss/links-and-data"
else
	echo "FAIL: site/xss/links-and-data"; sed 's/^/      /' "$dir/links.out"
fi
# the scores as CSV: names come back as written, quoted where they must be;
# one that starts like a formula is kept from running by an apostrophe
if python3 - "$site/assessment/scores.csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
names = {r[3] for r in rows[1:]}
ok = '张&"王\'<i>村</i>' in names
ok = ok and "'=HYPERLINK(\"http://example.invalid/\",\"点我\"),村" in names
ok = ok and not any(c[:1] in ("=", "+", "-", "@") for r in rows for c in r)
sys.exit(0 if ok and len({len(r) for r in rows}) == 1 else 1)
PY
then
	echo "PASS: site/xss/csv-quoting-and-formulas"
else
	echo "FAIL: site/xss/csv-quoting-and-formulas"; grep -a -e hostile -e formula "$site/assessment/scores.csv" | sed 's/^/      /'
fi
# a motion that fails says so in words, from the numbers
if grep -qF '应到 30 人，实到 20 人（达到三分之二以上，至少需 20 人）；赞成 10 票，未超过到会人数的一半（至少需 11 票），决议未通过。' \
    "$site/fushui/hostile/2026-11-09-rejected.html" &&
    grep -qF '表决结果：<strong>决议未通过</strong>' "$site/fushui/hostile/2026-11-09-rejected.html"; then
	echo "PASS: site/xss/rejected-vote-in-words"
else
	echo "FAIL: site/xss/rejected-vote-in-words"
	grep -o 'class="verdict[^<]*' "$site/fushui/hostile/2026-11-09-rejected.html" | sed 's/^/      /'
fi
# the search index is data, never code: evaluating it hands back the title
if command -v node >/dev/null 2>&1; then
	if node -e '
		const fs = require("fs"); let rows = [];
		global.NB_SEARCH = {docs: (k, r) => { rows = r; }, shard: () => {}};
		eval(fs.readFileSync(process.argv[1], "utf8"));
		process.exit(rows.some((r) => r[0] === "<script>alert(\"title\")</script>{{site_name}}&amp;") ? 0 : 1);
	' "$site/search/d0.js"; then
		echo "PASS: site/xss/search-index-is-data"
	else
		echo "FAIL: site/xss/search-index-is-data"
	fi
else
	echo "FAIL: site/xss/search-index-is-data (node is missing)"
fi
