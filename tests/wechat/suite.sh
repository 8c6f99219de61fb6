#!/bin/sh
# suite.sh: the WeChat official account's articles. A small county with an
# assistance list (recipients' names and reasons in its title, body and
# people), a notice with a mobile number and a table, and a notice longer
# than an article may be is built with --only wechat; then the files of
# each article, the elements and attributes of the article (only what the
# editor keeps), meta.txt's limits, the pictures' sizes, the QR code, the
# absence of any name or number, the long notice split with a link, the
# incremental build, and the article at 375 px in headless Chromium.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin wechat
need_tools python3
cd "$work" || exit 1
D="--date 2026-11-27"
c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
. "$NB_ROOT/tests/wechat/content.sh"

"$NB" build -C "$c" -o out $D --only wechat >build.out 2>&1
check build test $? -eq 0
w=out/wechat/fushui/wangjia

# one folder per record of the week, each with its four files; not for a
# record whose notice ended before the week
files_ok() {
	for r in 2026-11-24-dibao 2026-11-23-water 2026-11-25-long-list 2026-11-20-road-progress; do
		for f in article.html meta.txt cover.png thumb.png; do
			[ -s "$w/$r/$f" ] || { echo "missing $r/$f"; return 1; }
		done
	done
	[ ! -e "$w/2026-10-08-finance-q3" ] || { echo "an old record has an article"; return 1; }
}
check files files_ok

allowed_all() {
	rc=0
	for a in "$w"/*/article.html; do
		python3 "$NB_ROOT/tests/wechat/allowed.py" "$a" || { echo "in $a"; rc=1; }
	done
	return $rc
}
check allowed-elements allowed_all
# the test itself: a page with a link and a class fails it
printf '<html><body><section class="x"><a href="https://x.example">x</a></section></body></html>' >bad.html
check allowed-test-fails sh -c '! python3 "$NB_ROOT/tests/wechat/allowed.py" bad.html'

cat >meta.py <<'PY'
import sys
for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().splitlines()
    keys = [l.split("：", 1)[0] for l in lines]
    assert keys == ["标题", "摘要", "作者", "原文链接"], (path, keys)
    v = dict(l.split("：", 1) for l in lines)
    assert 0 < len(v["标题"]) <= 64, (path, len(v["标题"]))
    assert 0 < len(v["摘要"]) <= 120, (path, len(v["摘要"]))
    assert v["作者"] == "王家村", v["作者"]
    assert v["原文链接"].startswith("https://shifan.example/cunwu/fushui/wangjia/"), v["原文链接"]
PY
check meta python3 meta.py "$w"/*/meta.txt

cat >size.py <<'PY'
import struct, sys
def size(p):
    d = open(p, "rb").read(24)
    assert d[:8] == b"\x89PNG\r\n\x1a\n", p
    return struct.unpack(">II", d[16:24])
for a in sys.argv[1:]:
    assert size(a + "/cover.png") == (900, 383), size(a + "/cover.png")
    assert size(a + "/thumb.png") == (200, 200), size(a + "/thumb.png")
PY
check picture-sizes python3 size.py "$w"/*/

# the QR code at the end leads to the record's page
qr_ok() {
	command -v zbarimg >/dev/null 2>&1 || { echo "zbarimg missing"; return 0; }
	python3 - "$w/2026-11-23-water/article.html" qr.png <<'PY' || return 1
import base64, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
srcs = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
open(sys.argv[2], "wb").write(base64.b64decode(srcs[-1]))
PY
	got=$(zbarimg -q --raw qr.png)
	[ "$got" = "https://shifan.example/cunwu/fushui/wangjia/2026-11-23-water.html" ] || { echo "QR: $got"; return 1; }
}
check qr qr_ok

# the end: the notice period, the hotline
check ending grep -q '公示期：.*2026年11月23日至11月30日.*监督举报电话：.*0914-0000100' "$w/2026-11-23-water/article.html"

# no recipient's name or reason, no mobile, anywhere (the pictures are
# drawn from the same scrubbed title and text)
leaks() {
	found=$(grep -rl -e 王大山 -e 李小河 -e 肝癌 -e 家庭暴力 -e 13812345678 out/wechat)
	[ -z "$found" ] || { echo "$found"; return 1; }
	grep -q '2 户' "$w/2026-11-24-dibao/article.html" || { echo "no count"; return 1; }
	grep -q '＊＊等2户' "$w/2026-11-24-dibao/meta.txt" || { echo "title not scrubbed"; cat "$w/2026-11-24-dibao/meta.txt"; return 1; }
}
check privacy leaks

# a long notice: whole rows up to the limit, then where the rest is
long_ok() {
	python3 - "$w/2026-11-25-long-list/article.html" <<'PY'
import re, sys
from html.parser import HTMLParser
html = open(sys.argv[1], encoding="utf-8").read()
class T(HTMLParser):
    text = []
    def handle_data(self, d): self.text.append(d)
t = T(); t.feed(html.split("<body>", 1)[1])
n = len("".join(t.text))
assert n < 20000, n
assert "完整表格请扫描文末二维码，或访问 https://shifan.example/cunwu/fushui/wangjia/2026-11-25-long-list.html" in html
assert "以上任务请各组按时完成" in html
PY
}
check long-split long_ok

# links written out, list markers as text, tables inline
check links-as-text sh -c "grep -q '• </span>包扎外露水管' $w/2026-11-23-water/article.html && ! grep -q '<a ' $w/*/article.html"

# a survey's answers named as the form names them, each beside its own count
cat >"$c/fushui/wangjia/2026/11/2026-11-25-survey.md" <<'MD'
---
type: survey
title: 2026年第三季度群众满意度测评结果
date: 2026-11-25
checked: {by: 张秀英, date: 2026-11-25}
period: 2026-Q3
respondents: 90
items:
  - {question: 对村务公开是否满意, very_satisfied: 41, satisfied: 32, neutral: 13, dissatisfied: 4}
---
测评结果如下。
MD
"$NB" build -C "$c" -o out-survey $D --only wechat >survey.out 2>&1
check survey-answers grep -q '非常满意 41，满意 32，基本满意 13，不满意 4' \
    out-survey/wechat/fushui/wangjia/2026-11-25-survey/article.html
rm "$c/fushui/wangjia/2026/11/2026-11-25-survey.md"

# the flowchart's steps also as numbered lines a phone can read, with where
# a decision's answers lead (the chart at a phone's width is too small)
check flow-steps-as-lines sh -c "grep -q '<p style=\"[^\"]*\">1、党支部会提议</p>' $w/2026-11-20-road-progress/article.html &&
    grep -q '>3、党员大会审议是否通过（是：第4步；否：第1步）</p>' $w/2026-11-20-road-progress/article.html &&
    grep -q '>6、组织实施</p>' $w/2026-11-20-road-progress/article.html"

# a reminder talk: who was spoken to (the role) and who spoke (by), each
# under its own label, as the site and the posters give them
cat >"$c/fushui/wangjia/2026/11/2026-11-24-talk-after.md" <<'MD'
---
type: talk
title: 村道硬化工程事后提醒谈话
date: 2026-11-24
power: p01
publish: {from: 2026-11-24, to: 2026-11-30}
phase: after
role: secretary
by: 镇纪委书记刘某某
risks: [优亲厚友]
---
工程完工后，镇纪委对村党支部书记进行了事后提醒谈话。
MD
"$NB" build -C "$c" -o out-talk $D --only wechat >talk.out 2>&1
talk=out-talk/wechat/fushui/wangjia/2026-11-24-talk-after/article.html
check talk-people sh -c "grep -q '谈话对象：</strong>村党支部书记<' $talk &&
    grep -q '谈话人：</strong>镇纪委书记刘某某<' $talk"
rm "$c/fushui/wangjia/2026/11/2026-11-24-talk-after.md"

# the same content again: nothing rendered; one record edited: its files only
LANGUAGE=en "$NB" build -C "$c" -o out $D --only wechat >again.out 2>&1
check cache grep -q ' 0 rendered' again.out
printf '\n补充：已安排巡查。\n' >>"$c/fushui/wangjia/2026/11/2026-11-23-water.md"
cp "$w/2026-11-24-dibao/cover.png" before.png
LANGUAGE=en "$NB" build -C "$c" -o out $D --only wechat >edit.out 2>&1
# (its article's four files, counted as the summary counts: in files)
check incremental grep -q ' 4 rendered' edit.out
check incremental-content grep -q '已安排巡查' "$w/2026-11-23-water/article.html"
check others-kept cmp -s before.png "$w/2026-11-24-dibao/cover.png"

# reproducible
"$NB" build -C "$c" -o out2 $D --only wechat --force >/dev/null 2>&1 || true
"$NB" build -C "$c" -o out3 $D --only wechat >/dev/null 2>&1
check reproducible diff -r out2/wechat out3/wechat

# at 375 px in Chromium: nothing wider than the phone, every cell seen
modules=${NB_NODE_MODULES:-$NB_ROOT/tests/site/node_modules}
if ! command -v node >/dev/null 2>&1 || [ ! -d "$modules/playwright-core" ] ||
    [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	skip "phone (node, chromium or npm ci in tests/site missing)"
else
	for r in 2026-11-23-water 2026-11-25-long-list 2026-11-24-dibao 2026-11-20-road-progress; do
		check "phone-$r" node "$NB_ROOT/tests/wechat/phone.mjs" "$w/$r/article.html"
	done
	# the check itself: a table wider than the phone fails it
	printf '<html><body><table style="width:900px"><tr><td>x</td></tr></table></body></html>' >wide.html
	check phone-test-fails sh -c "! node '$NB_ROOT/tests/wechat/phone.mjs' wide.html"
fi
