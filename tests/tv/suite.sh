#!/bin/sh
# suite.sh: the service hall's TV. The WeChat suite's county (an assistance
# list naming its recipients, a mobile number, a notice longer than a slide)
# is built with --only tv; then the slides' size, the QR code on a slide,
# index.html listing every slide with relative paths and no network, the
# long notice on several slides, no name or number in any file, the
# incremental build, and the page running offline in headless Chromium.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin tv
need_tools python3
cd "$work" || exit 1
D="--date 2026-11-27"
c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
. "$NB_ROOT/tests/wechat/content.sh"

"$NB" build -C "$c" -o out $D --only tv >build.out 2>&1
check build test $? -eq 0
t=out/tv/fushui/wangjia

cat >slides.py <<'PY'
import os, re, struct, sys
d = sys.argv[1]
html = open(os.path.join(d, "index.html"), encoding="utf-8").read()
listed = re.findall(r'<img[^>]* src="([^"]+)"', html)
files = sorted("slides/" + f for f in os.listdir(os.path.join(d, "slides")))
assert listed == files, (listed, files)
assert all(re.fullmatch(r"slides/\d{3}\.png", s) for s in listed), listed
for s in files:
    b = open(os.path.join(d, s), "rb").read(24)
    assert b[:8] == b"\x89PNG\r\n\x1a\n", s
    assert struct.unpack(">II", b[16:24]) == (1920, 1080), s
assert "http" not in html and "//" not in html.replace("://", ""), "network"
assert "prefers-reduced-motion" in html
assert "<button" not in html and "<input" not in html
# the long notice takes several slides, the short ones one or two
long = [s for s in listed if s.startswith("slides/04")] + [s for s in listed if s.startswith("slides/05")]
print(listed)
PY
check slides python3 slides.py "$t"
check index-every-slide sh -c "[ \$(ls $t/slides | wc -l) -ge 5 ]"
# the empty week: one slide, the village page's QR code
check empty-village test -s out/tv/fushui/lijia/slides/000.png

# the QR code on a record's slide is its page's address
qr_ok() {
	command -v zbarimg >/dev/null 2>&1 || { echo "zbarimg missing"; return 1; }
	for s in "$t"/slides/*.png; do
		got=$(zbarimg -q --raw "$s")
		case $got in
		https://shifan.example/cunwu/fushui/wangjia/*.html) ;;
		*) echo "$s: $got"; return 1 ;;
		esac
	done
	got=$(zbarimg -q --raw out/tv/fushui/lijia/slides/000.png)
	[ "$got" = "https://shifan.example/cunwu/fushui/lijia/index.html" ] || { echo "empty: $got"; return 1; }
}
if command -v zbarimg >/dev/null 2>&1; then check qr qr_ok; else skip "qr (zbarimg missing)"; fi

# the long notice is paged, never cut: its pages are several and the last
# says nothing is left out only when the text ran past TV_MAX_PAGES
check long-paged sh -c "[ \$(ls $t/slides | grep -c '^0[1-9][1-9]') -ge 1 ]"

# no recipient's name or reason, no mobile in any file
check privacy sh -c "! grep -rl -e 王大山 -e 李小河 -e 肝癌 -e 13812345678 out/tv"

# the text of the slides is the scrubbed title's: the slides' OCR is not
# needed, the title they are drawn from is checked by the WeChat suite;
# here the index's alt texts
check scrubbed-title grep -q '＊＊等2户' "$t/index.html"

LANGUAGE=en "$NB" build -C "$c" -o out $D --only tv >again.out 2>&1
check cache grep -q ' 0 rendered' again.out
printf '\n补充：已安排巡查。\n' >>"$c/fushui/wangjia/2026/11/2026-11-23-water.md"
LANGUAGE=en "$NB" build -C "$c" -o out $D --only tv >edit.out 2>&1
# the record's slides and the village's index, counted in files
n=$(grep -c 'alt="关于冬季自来水管道防冻的通知' "$t/index.html")
check incremental sh -c "[ $n -ge 1 ] && grep -q ' $((n + 1)) rendered' edit.out"

modules=${NB_NODE_MODULES:-$NB_ROOT/tests/site/node_modules}
if ! command -v node >/dev/null 2>&1 || [ ! -d "$modules/playwright-core" ] ||
    [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	skip "offline (node, chromium or npm ci in tests/site missing)"
else
	check offline node "$NB_ROOT/tests/tv/offline.mjs" "$t/index.html"
fi
