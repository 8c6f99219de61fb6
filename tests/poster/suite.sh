#!/bin/sh
# suite.sh: the posters of the demo county, read back with real tools:
# pdfinfo (page size on every page, page count, metadata; the page boxes
# and the crop marks, marks.py), pdffonts (every
# font embedded, none Type 3), pdftotext (every title, name and amount of
# the week, computed from the content by expected.py), zbarimg (the QR code
# of the rendered page gives the village's address), byte-identical PDFs and
# PNGs on two runs, and 50-dpi previews of the right size. The county's
# assessment poster against the site's score table and `check --overdue`
# (assessment.py); a board's survey trend; a wide chart's landscape sheet in
# an upright poster; the boards of a town's and the county's own records.
# Needs poppler-utils, zbar-tools and python3-yaml (Debian).
set -u
: "${NB:?}" "${NB_ROOT:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
content=$NB_ROOT/content
date=2026-11-27
week=2026-11-23
pass() { echo "PASS: posters: $*"; }
fail() { echo "FAIL: posters: $*"; }
check() { # $1: status, rest: label
	st=$1; shift
	if [ "$st" -eq 0 ]; then pass "$@"; else fail "$@"; fi
}

# cairo has no frame pointers: ASan's fast unwinder stops inside it, and
# the suppression of its PDF subsetter's leak (tests/lsan.supp, by the frame
# cairo_surface_finish) cannot match; the slow unwinder sees the frame
if [ "${SANITIZE:-}" = 1 ]; then
	export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fi

for tool in pdfinfo pdffonts pdftotext pdftoppm zbarimg python3; do
	command -v $tool >/dev/null 2>&1 || fail "$tool is not installed"
done
python3 -c 'import yaml' 2>/dev/null || fail "python3-yaml is not installed"

"$NB" build --only posters -C "$content" -o "$work/a" --date $date -j 2 \
    >"$work/a.out" 2>"$work/a.err"
check $? "the demo county's posters build"
out=$work/a/posters
n_villages=$(find "$content" -mindepth 2 -maxdepth 2 -type d | \
    grep -v "/catalog/" | while read -r d; do [ -f "$d/village.yaml" ] && echo; done | wc -l)
n_boards=$(find "$out" -path "$out/catalog" -prune -o -mindepth 3 -name "$week.pdf" -print | wc -l)
check $([ "$n_boards" -eq "$n_villages" ]; echo $?) \
    "one board per village ($n_boards of $n_villages)"
# and one for each town and the county that publish records of their own
# (the demo: Qingshui and the county), of those records, never a village's
n_levels=$(find "$out" -mindepth 2 -maxdepth 2 -name "$week.pdf" | wc -l)
pdftotext -enc UTF-8 "$out/qingshui/$week.pdf" - | tr -d ' \n' >"$work/town.txt"
pdftotext -enc UTF-8 "$out/county/$week.pdf" - | tr -d ' \n' >"$work/county-board.txt"
check $([ "$n_levels" -eq 2 ] && grep -q '清水镇政务公开栏' "$work/town.txt" &&
    grep -q '清水镇关于做好今冬明春森林防火工作的通知' "$work/town.txt" &&
    ! grep -q '村务公开栏' "$work/town.txt" && ! grep -q '测评' "$work/town.txt" &&
    grep -q '示范县政务公开栏' "$work/county-board.txt" &&
    grep -q '示范县关于开展2026年度村务公开专项检查的通知' "$work/county-board.txt" &&
    ! grep -q '清水镇关于' "$work/county-board.txt"; echo $?) \
    "a board for the town and the county with records of their own ($n_levels), each of its own records"
for f in powers duties-secretary duties-director duties-supervisor \
    service-minimum-living service-extreme-poverty service-temporary-aid \
    service-medical-aid; do
	[ -f "$out/catalog/$f.pdf" ] && [ -f "$out/catalog/$f.png" ]
	check $? "catalog/$f.pdf and its preview"
done

# ---- a service guide: every step in words, then the chart on the last sheet ----
for g in $(python3 -c 'import sys, yaml
for s in yaml.safe_load(open(sys.argv[1]))["services"]: print(s["id"])' \
    "$content/catalog/services.yaml"); do
	pdf=$out/catalog/service-$g.pdf
	n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	pdftotext -enc UTF-8 -l $((${n:-1} - 1)) "$pdf" - 2>/dev/null | tr -d ' \n\f' >"$work/guide.txt"
	python3 - "$content/catalog/services.yaml" "$g" "$work/guide.txt" <<'PY'
import sys, yaml
guide = next(s for s in yaml.safe_load(open(sys.argv[1]))["services"]
             if s["id"] == sys.argv[2])
text = open(sys.argv[3], encoding="utf-8").read()
steps = guide["flow"]["steps"]
missing = [s["text"] for s in steps if s["text"].replace(" ", "") not in text]
ok = "办理步骤" in text and not missing and \
    all("%d." % (i + 1) in text for i in range(len(steps)))
if not ok:
    print("      missing:", missing[:3])
sys.exit(0 if ok else 1)
PY
	check $? "service-$g: its ${n:-?} sheets give all the steps in words before the chart"
	pdftotext -enc UTF-8 -f "${n:-1}" -l "${n:-1}" "$pdf" - 2>/dev/null | tr -d ' \n' |
	    grep -q '办理流程图'
	check $? "service-$g: the chart is on the last sheet"
done

# ---- a service guide's chart, as printed: its steps at 12 pt or more and
# its legend at 10 pt or more on A3 (pdftotext -bbox), or check warns of
# the guide, with the size the PDF shows (they printed at 9-11 pt and
# 8-9.6 pt, unsaid); the demo's four, which their best wrap of the print
# layout brings to 12.6-14.6 pt, must ----
LANGUAGE=en "$NB" check -C "$content" --date $date >"$work/check.out" 2>&1
python3 "$here/chart_type.py" "$content/catalog/services.yaml" "$out/catalog" \
    "$work/check.out" minimum-living extreme-poverty temporary-aid medical-aid
check $? "each service guide's chart prints its steps at 12 pt and its legend at 10 pt (the demo's four do), or check names the guide"

# ---- page size and count: A3 plus 3 mm bleed and the crop marks' slug
# (marks from 4 mm to 10 mm outside the trim) each side, every page ----
# 317 x 440 mm in points
want_w=898.58 want_h=1247.24
bad_size=0 bad_count=0 pdfs=0 pages=0
for pdf in $(find "$out" -name '*.pdf' | LC_ALL=C sort); do
	pdfs=$((pdfs + 1))
	n=$(pdfinfo "$pdf" 2>>"$work/pdfinfo.err" | awk '/^Pages:/ {print $2}')
	pages=$((pages + n))
	pdfinfo -f 1 -l "$n" "$pdf" 2>>"$work/pdfinfo.err" | awk -v w=$want_w \
	    -v h=$want_h -v n="$n" '
	    /^Page +[0-9]+ size:/ { seen++; d1 = $4 - w; d2 = $6 - h
		if (d1 < -0.02 || d1 > 0.02 || d2 < -0.02 || d2 > 0.02) bad++ }
	    END { exit (bad > 0 || seen != n) }' || bad_size=$((bad_size + 1))
done
check $bad_size "every page of $pdfs PDFs ($pages pages) is 317 x 440 mm"
check $([ ! -s "$work/pdfinfo.err" ]; echo $?) "pdfinfo reads every PDF without an error"
sed 's/^/      /' "$work/pdfinfo.err" | head -5

# ---- what a print shop's preflight reads: the boxes, the crop marks ----
# every page of every PDF: MediaBox, BleedBox 3 mm around the TrimBox, the
# slug for the marks, the marks stroked 0.25 pt in black
PIXELS=0 python3 "$here/marks.py" 3 1 $(find "$out" -name '*.pdf' | LC_ALL=C sort)
check $? "every page's TrimBox, BleedBox (3 mm) and MediaBox (the marks' slug)"
# and every page of one poster of each kind, from its pixels: nothing in
# the bleed, the marks on the trim's lines from 4 mm out to the page's edge
python3 "$here/marks.py" 3 1 "$out/qingshui/zhangjiagou/$week.pdf" \
    "$out/qingshui/$week.pdf" "$out/county/$week.pdf" "$out/catalog/powers.pdf" \
    "$out/catalog/duties-secretary.pdf" "$out/catalog/service-medical-aid.pdf" \
    "$out/assessment/county.pdf" "$out/assessment/taohe.pdf"
check $? "every kind of poster: crop marks outside the bleed, none within 3 mm of the trim, nothing in the bleed"

# the sheet counts the layout planned (its dump) are the PDFs' page counts
if [ -x "${BUILD:-}/tests/poster/layout_test" ]; then
	POSTER_DUMPS=$work/dumps "$BUILD/tests/poster/layout_test" >/dev/null 2>&1
	for dump in $(find "$work/dumps/demo/posters" -name '*.txt' | LC_ALL=C sort); do
		rel=${dump#"$work/dumps/demo/"}
		pdf=$work/a/${rel%.txt}.pdf
		[ -f "$pdf" ] || continue
		planned=$(sed -n 's/^page .* sheets \([0-9]*\)$/\1/p' "$dump")
		got=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
		[ "$planned" = "$got" ] || bad_count=$((bad_count + 1))
	done
	check $bad_count "every PDF has the pages its layout planned"
	# where sheets break: no heading, title or table header ends a sheet,
	# a notice's title goes with 3 lines of it or its table's header and 2
	# rows, a table split leaves 2 rows on each side, and a later sheet
	# names what it continues (demo and stress layouts)
	python3 "$here/sheets.py" $(find "$work/dumps" -name '*.txt' ! -path '*/stress-content/*' | LC_ALL=C sort)
	check $? "no sheet ends with a heading, a title or a table's header, nor with a notice's title and less than 3 lines or 2 rows of it; no table split leaves fewer than 2 rows on a side; every later sheet names what it continues"
	# Chinese line breaking: no 孤字 on a last line, no cell line ending
	# inside a word (审核, 公示), over every demo and stress layout
	python3 "$here/lines.py" $(find "$work/dumps" -name '*.txt' ! -path '*/stress-content/*' | LC_ALL=C sort)
	check $? "no text ends with a lone character on its last line; no table cell breaks inside a word"
	# a service guide's words spread over their sheets, its chart taking
	# its own: none is more than half blank (the words' were 92 % and
	# 27 % full, the chart's 81 %)
	python3 "$here/fill.py" 0.5 "$work/dumps/demo/posters/catalog"/service-*.txt
	check $? "a service guide's sheets, the chart's too, are each at least 50 % full"
fi
# ---- continuation sheets, page by page (pdftotext) ----
page_text() { # pdf, page
	pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - | tr -d ' \n\t\f' | sed 's/\xe2\x81\xa0//g'
}
python3 "$here/pages.py" "$content" "$out" "$week"
check $? "every later sheet of the boards and the power list starts with a heading or a title, or names what it continues"
pdftotext -enc UTF-8 "$out/longtan/fenghuang/$week.pdf" - | tr -d ' \n\t\f' |
    sed 's/\xe2\x81\xa0//g' >"$work/fenghuang.txt"
grep -Eq '共[0-9]+张2026年10月村级财务收支公开（续表）项目金额（元）' "$work/fenghuang.txt"
check $? "a notice's table going on: the notice's title with （续表）, then the header"
grep -Eq '村级财务收支公开（续表）项目金额（元）[一二]、(收入|支出)（续）' "$work/fenghuang.txt"
check $? "a finance table going on within its group: the header, then 一、收入（续） or 二、支出（续）"
pdftotext -enc UTF-8 "$out/assessment/county.pdf" - | tr -d ' \n\t\f' | grep -q '何家营村（桃河镇）（续）'
check $? "the county's assessment: a village's issues going on name the village"

pages_of() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
check $([ "$(pages_of "$out/jinping/beigou/$week.pdf")" = 1 ]; echo $?) \
    "an empty week is one sheet"
for role in secretary director supervisor; do
	check $([ "$(pages_of "$out/catalog/duties-$role.pdf")" = 1 ]; echo $?) \
	    "the $role's responsibility list is one sheet"
done
n=$(pages_of "$out/catalog/powers.pdf")
check $([ "$n" -ge 2 ] && [ "$n" -le 4 ]; echo $?) \
    "the power list takes $n sheets"

# ---- metadata ----
info=$(pdfinfo "$out/qingshui/zhangjiagou/$week.pdf")
printf '%s\n' "$info" | grep -q '^Title: *张家沟村村务公开栏 2026年11月23日至11月29日$'
check $? "the board's title is set, its dates in Chinese"
printf '%s\n' "$info" | grep -q '^Author: *示范县$'
check $? "the author is the county"
printf '%s\n' "$info" | grep -q '^CreationDate: *Mon Nov 23 00:00:00 2026'
check $? "the creation date is the first day of the build clock's week"

# ---- fonts ----
# every font embedded, none Type 3; and each character once in a
# document's fonts of a name (fonts_once.py): a second subset of a name
# holding the same character means the same text drawn twice gives other
# bytes (cairo lost the font's face between texts); the common and the
# rare characters of a weight are two subsets of their own
bad=0
for pdf in $(find "$out" -name '*.pdf'); do
	pdffonts "$pdf" >"$work/fonts.txt"
	awk 'NR > 2 {
	    if ($0 ~ /Type 3/) bad++
	    if ($(NF-4) != "yes") bad++ }
	    END { exit bad > 0 }' "$work/fonts.txt" \
	    || { bad=$((bad + 1)); echo "      $pdf"; }
done
check $bad "every font is embedded and none is Type 3"
python3 "$here/fonts_once.py" $(find "$out" -name '*.pdf')
check $? "every poster embeds each character of a font once"
pdffonts "$out/catalog/powers.pdf" | grep -c 'NotoSansCJKsc-Regular ' >"$work/n"
check "$(test "$(cat "$work/n")" -eq 2; echo $?)" \
    "the power list's 诿 (GB 2312's second level) comes from the rare characters' subset"
pdffonts "$out/qingshui/zhangjiagou/$week.pdf" | grep -q 'CID Type 0C .* yes yes yes'
check $? "the fonts are embedded subsets with a Unicode map"

# ---- text: every title, name and amount of the week ----
for v in qingshui/zhangjiagou shiqiao/huaishuwan longtan/fenghuang taohe/hejiaying; do
	python3 "$here/expected.py" "$content" "$v" $date >"$work/want" ||
	    fail "expected.py $v"
	pdftotext -enc UTF-8 "$out/$v/$week.pdf" - | tr -d ' \n\t\f' | \
	    sed 's/\xe2\x81\xa0//g' >"$work/text"
	missing=0 n=0
	while IFS= read -r s; do
		n=$((n + 1))
		grep -qF -- "$s" "$work/text" || { missing=$((missing + 1)); \
		    echo "      missing from $v: $s"; }
	done <"$work/want"
	check $([ "$missing" -eq 0 ] && [ "$n" -gt 3 ]; echo $?) \
	    "$v: all $n titles, names and amounts of the week are in the text"
done
pdftotext "$out/yunling/gaoshan/$week.pdf" - | grep -q '本周无新公开事项'
check $? "an empty week says 本周无新公开事项"

# ---- the assessment posters: the county's and each town's ----
squeeze() { tr -d ' \n\t\f' | sed 's/\xe2\x81\xa0//g; s/\xe3\x80\x80//g'; }
n_towns=$(find "$content" -mindepth 2 -maxdepth 2 -name town.yaml | wc -l)
n_assess=$(find "$out/assessment" -name '*.pdf' | wc -l)
check $([ "$n_assess" -eq $((n_towns + 1)) ] && [ -f "$out/assessment/county.png" ]; echo $?) \
    "an assessment poster for the county and each of $n_towns towns ($n_assess)"
# what the county's must say, from the site's own score table and from
# `check --overdue`, which put the same assessment another way
NOTICEBOARD_DATA=$NB_ROOT "$NB" build --only site -C "$content" \
    -o "$work/site" --date $date -j 2 >/dev/null 2>&1
check $? "the site builds, for its score table"
"$NB" check -C "$content" --date $date --overdue >"$work/overdue" 2>/dev/null
pdftotext -enc UTF-8 "$out/assessment/county.pdf" - | squeeze >"$work/county.txt"
python3 "$here/assessment.py" "$work/site/site/assessment/scores.csv" \
    "$work/county.txt" "$work/overdue" taohe/hejiaying
pdftotext -enc UTF-8 "$out/assessment/taohe.pdf" - | squeeze >"$work/taohe.txt"
grep -q '桃河镇村务公开考核' "$work/taohe.txt" && grep -q '本镇平均' "$work/taohe.txt" &&
    grep -q '何家营村0.0差10.7差0.0差0.0差3.2差' "$work/taohe.txt" &&
    grep -q '近一年未开展群众满意度测评' "$work/taohe.txt"
check $? "the town's poster ranks its village under the averages, with its issues"
pdftotext -enc UTF-8 "$out/assessment/chengguan.pdf" - | squeeze >"$work/cg.txt"
! grep -q '暂不参加' "$work/cg.txt" && ! grep -q '暂不参加' "$work/county.txt"
check $? "when every village takes part, no poster has a section for those that do not"
# a village set up after the build date (since:) is named apart, with its date
cp -R "$content" "$work/new"
printf 'since: 2026-12-01\n' >>"$work/new/yunling/gaoshan/village.yaml"
"$NB" build --only posters -C "$work/new" -o "$work/new-out" --date $date -j 2 \
    >/dev/null 2>&1
pdftotext -enc UTF-8 "$work/new-out/posters/assessment/yunling.pdf" - | squeeze >"$work/yl.txt"
grep -q '本镇1个村新设立，还没有到期应公开的事项，暂不参加考核：高山村（2026年12月1日设立）' "$work/yl.txt"
check $? "a town's poster names a village set up after the build date, with its date"

# ---- the survey trend on a board ----
pdftotext -enc UTF-8 "$out/chengguan/xiguan/$week.pdf" - | squeeze >"$work/fh.txt"
grep -q '群众满意度测评' "$work/fh.txt" && grep -q '历次测评满意率' "$work/fh.txt" &&
    grep -q '2026年第一季度' "$work/fh.txt" && grep -q '149人' "$work/fh.txt" &&
    grep -q '80.1%' "$work/fh.txt"
check $? "西关社区's board shows its survey trend and its numbers"
pdftotext -enc UTF-8 "$out/chengguan/wangzhuang/$week.pdf" - | squeeze >"$work/wz.txt"
grep -q '群众满意度测评' "$work/wz.txt" && grep -q '2026年第三季度' "$work/wz.txt" &&
    grep -q '最近一次测评（2026年第三季度）各项' "$work/wz.txt"
check $? "王庄村's board shows its survey trend and each question's rate"

# ---- QR codes ----
qr() { # $1 pdf, $2 expected URL
	pdftoppm -r 150 -png -f 1 -l 1 "$1" "$work/qr"
	got=$(zbarimg --raw -q "$work"/qr-*1.png 2>/dev/null)
	rm -f "$work"/qr-*.png
	[ "$got" = "$2" ]
	check $? "the QR code of $(basename "$(dirname "$1")")/$(basename "$1") reads $2 (got: $got)"
}
qr "$out/qingshui/zhangjiagou/$week.pdf" https://shifan.example/cunwu/qingshui/zhangjiagou/
qr "$out/taohe/hejiaying/$week.pdf" https://shifan.example/cunwu/taohe/hejiaying/
qr "$out/catalog/powers.pdf" https://shifan.example/cunwu/catalog/index.html
qr "$out/catalog/service-temporary-aid.pdf" https://shifan.example/cunwu/services/temporary-aid.html
qr "$out/catalog/duties-secretary.pdf" https://shifan.example/cunwu/duties/secretary.html
qr "$out/qingshui/$week.pdf" https://shifan.example/cunwu/qingshui/
qr "$out/county/$week.pdf" https://shifan.example/cunwu/

# ---- previews: 50 dpi, all sheets side by side (12 px apart, 10 a row) ----
for pdf in $(find "$out" -name '*.pdf'); do
	echo "${pdf%.pdf}.png $(pages_of "$pdf")"
done >"$work/previews"
python3 - "$work/previews" <<'EOF'
import struct, sys, zlib
bad = 0
def pixels_ok(data, w, h):
    # every chunk's CRC, and IDAT inflating to h rows of 1 + 3 w bytes
    # (RGB: a preview with a photo) or of 1 + w (8-bit palette: type,
    # rules and charts, with its PLTE)
    depth, ctype = data[24], data[25]
    per = {(8, 2): 3, (8, 3): 1}.get((depth, ctype))
    if per is None or (ctype == 3 and b"PLTE" not in data[:1024]):
        return False
    pos, idat = 8, b""
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            return False
        if kind == b"IDAT":
            idat += body
        pos += 12 + n
    return len(zlib.decompress(idat)) == h * (1 + per * w)
for line in open(sys.argv[1]):
    path, n = line.split()
    n = int(n)
    with open(path, "rb") as f:
        data = f.read()
    head = data[:24]
    w, h = struct.unpack(">II", head[16:24])
    sheet_w, sheet_h = round(317 / 25.4 * 50), round(440 / 25.4 * 50)
    cols, rows = min(n, 10), (n + 9) // 10
    if not (head[:8] == b"\x89PNG\r\n\x1a\n"
            and w == cols * sheet_w + (cols - 1) * 12
            and h == rows * sheet_h + (rows - 1) * 12 and pixels_ok(data, w, h)):
        bad += 1
        print("      %s: %dx%d for %d sheets" % (path, w, h, n))
sys.exit(1 if bad else 0)
EOF
check $? "every PDF has a 50-dpi PNG preview of its sheets"
# the QR code of every sheet scans in the preview (modules of 3 pixels at
# least, on the pixel grid): as many readings as sheets, all the same URL;
# but a service guide's chart on a sheet of its own has only the hotline
# below it (the sheets before it have the code)
bad=0 n_read=0
for pdf in $(find "$out" -name '*.pdf' | LC_ALL=C sort); do
	n=$(pages_of "$pdf")
	case $pdf in
	*/catalog/service-*) n=$((n - 1))
		pdftotext -enc UTF-8 -f "$((n + 1))" -l "$((n + 1))" "$pdf" - |
		    tr -d ' \n' | grep -q '监督举报电话' &&
		    ! pdftotext -enc UTF-8 -f "$((n + 1))" -l "$((n + 1))" "$pdf" - |
		    tr -d ' \n' | grep -q '二维码' ||
		    { bad=$((bad + 1)); echo "      $pdf: its chart's sheet"; } ;;
	esac
	zbarimg -q --raw "${pdf%.pdf}.png" 2>/dev/null >"$work/zbar"
	got=$(wc -l <"$work/zbar")
	n_read=$((n_read + got))
	if [ "$got" -ne "$n" ] || [ "$(sort -u "$work/zbar" | wc -l)" -ne 1 ]; then
		bad=$((bad + 1))
		echo "      ${pdf%.pdf}.png: $got readings for $n sheets"
	fi
done
check $bad "the QR code of every sheet scans in its preview ($n_read readings), but a guide's chart sheet's, which has the hotline alone"
grep -h "^qr " $(find "$work/dumps/demo/posters" -name '*.txt' 2>/dev/null) /dev/null | awk '
    { sub(/.*module=/, ""); sub(/mm.*/, ""); if ($0 + 0 < 1.515) bad++; n++ }
    END { exit !(n > 0 && bad == 0) }'
check $? "every layout's QR module is at least 1.524 mm (3 pixels at 50 dpi)"

# ---- the same content gives the same bytes ----
"$NB" build --only posters -C "$content" -o "$work/b" --date $date -j 1 \
    >/dev/null 2>&1
diff -r "$work/a/posters" "$work/b/posters" >/dev/null
check $? "two runs give byte-identical PDFs and PNGs"

# ---- an unchanged build renders nothing again ----
"$NB" build --only posters -C "$content" -o "$work/a" --date $date >"$work/c.out" 2>/dev/null
grep -q ' 0 rendered' "$work/c.out"
check $? "an unchanged build reuses every poster ($(cat "$work/c.out"))"

# ---- a wide chart: its sheet turned landscape, in the same PDF ----
wide=$work/wide
cp -R "$NB_ROOT/tests/invalid/_base" "$wide"
cat >>"$wide/catalog/services.yaml" <<'EOF'
  - id: wide-relief
    name: 特困人员救助供养
    materials: [户口簿, 身份证]
    time_limit: 20 个工作日
    fee: 免费
    contact: 村便民服务站
    proxy: false
    flow:
      lanes: [申请人, 村民小组, 村委会, 村务监督委员会, 镇政府, 县民政局, 县财政局, 代发银行]
      steps:
        - {id: a, kind: start, text: 提出申请, lane: 申请人}
        - {id: b, text: 小组评议, lane: 村民小组}
        - {id: c, kind: decision, text: 材料是否齐全, lane: 村委会, yes: e, no: d}
        - {id: d, kind: end, text: 一次性告知补齐材料, lane: 村务监督委员会}
        - {id: e, text: 镇政府审核, lane: 镇政府, risk: 审核把关不严}
        - {id: f, text: 县民政局审批, lane: 县民政局}
        - {id: g, text: 县财政局拨付资金, lane: 县财政局}
        - {id: h, kind: end, text: 银行发放到户, lane: 代发银行}
EOF
"$NB" build --only posters -C "$wide" -o "$work/w1" --date $date >/dev/null 2>&1
check $? "a county with a wide chart builds its posters"
pdf=$work/w1/posters/catalog/service-wide-relief
pdfinfo -f 1 -l 2 "$pdf.pdf" | awk -v w=$want_w -v h=$want_h '
    function near(a, b) { return a - b > -0.02 && a - b < 0.02 }
    /^Pages:/ { n = $2 }
    /^Page +1 size:/ { up = near($4, w) && near($6, h) }
    /^Page +2 size:/ { turned = near($4, h) && near($6, w) }
    END { exit !(n == 2 && up && turned) }'
check $? "its guide's sheet is 317 x 440 mm, its chart's 440 x 317 mm"
pdftotext -enc UTF-8 -f 2 -l 2 "$pdf.pdf" - | squeeze | grep -q '办理流程图第2张/共2张'
check $? "the chart's sheet names it in its band"
pdffonts "$pdf.pdf" | awk 'NR > 2 { if ($0 ~ /Type 3/ || $(NF-4) != "yes") bad++ }
    END { exit bad > 0 }'
check $? "its fonts are embedded, none Type 3"
python3 - "$pdf.png" <<'EOF'
import struct, sys
w, h = struct.unpack(">II", open(sys.argv[1], "rb").read(24)[16:24])
up_w, up_h = round(317 / 25.4 * 50), round(440 / 25.4 * 50)
sys.exit(0 if (w, h) == (up_w + 12 + up_h, up_h) else 1)
EOF
check $? "its preview shows the upright sheet and the turned one side by side"
"$NB" build --only posters -C "$wide" -o "$work/w2" --date $date -j 1 >/dev/null 2>&1
cmp -s "$pdf.pdf" "$work/w2/posters/catalog/service-wide-relief.pdf" &&
    cmp -s "$pdf.png" "$work/w2/posters/catalog/service-wide-relief.png"
check $? "a mixed-orientation poster is byte-identical on two runs"
# ---- dates name their year whenever the other end does not give it ----
years=$work/years
cp -R "$NB_ROOT/tests/invalid/_base" "$years"
mkdir -p "$years/fushui/lijia/2026/12"
cat >"$years/fushui/lijia/2026/12/2026-12-28-winter.md" <<'EOF'
---
type: notice
title: 元旦期间值班安排
date: 2026-12-28
publish: {from: 2026-12-28, to: 2027-01-03}
---
元旦期间村委会每天有人值班。
EOF
cat >"$years/fushui/lijia/2026/12/2026-12-29-year.md" <<'EOF'
---
type: notice
title: 本年度用水收费标准
date: 2026-12-29
publish: {from: 2026-12-29, to: 2027-12-28}
---
本年度用水收费标准不变。
EOF
"$NB" build -C "$years" -o "$work/y" --date 2026-12-30 >"$work/y.out" 2>&1
check $? "a county with notices across the new year builds"
board=$work/y/posters/fushui/lijia/2026-12-28.pdf
text=$(pdftotext -enc UTF-8 "$board" - 2>/dev/null | squeeze)
printf '%s' "$text" | grep -q '公示期：2026年12月28日至2027年1月3日' &&
    printf '%s' "$text" | grep -q '公示期：2026年12月29日至2027年12月28日'
check $? "a notice period's end names its year when it is not the start's"
printf '%s' "$text" | grep -q '本周：2026年12月28日至2027年1月3日'
check $? "the board's week across the new year names both years"
pdfinfo "$board" | grep -q '^Title: *李家村村务公开栏 2026年12月28日至2027年1月3日$'
check $? "so does the board's title"
grep -q '公示期 2026年12月28日 至 2027年1月3日。' "$work/y/site/fushui/lijia/feed.xml"
check $? "the feed's summary gives the period in Chinese, with both years"

# ---- content no sheet can hold: a content error at its line (exit 1) ----
# a title of 2,000 characters, a table row of 4,000, a village's name that
# fills the band: check and build say where and what to shorten, and the
# build leaves the last output as it was; what can be laid out is (a cell
# of a few hundred characters, a word of 10,000 letters, a Markdown table
# of 60 columns or with a cell of thousands: they wrap and run on)
long=$work/long
cp -R "$NB_ROOT/tests/invalid/_base" "$long"
rec=$long/fushui/wangjia/2026/11
python3 - "$rec" <<'PY'
import sys
d = sys.argv[1]
def put(name, text):
    open(d + '/' + name, 'w', encoding='utf-8').write(text)
row = '|'.join('列%d' % i for i in range(60))
put('2026-11-24-wide.md', '---\ntype: notice\ntitle: 宽表\ndate: 2026-11-24\n---\n'
    '|' + row + '|\n|' + '|'.join('---' for i in range(60)) + '|\n'
    '| 甲 | ' + '很长的单元格' * 600 + ' |\n\n' + 'A' * 10000 + '\n')
put('2026-11-24-item.md', '---\ntype: finance\ntitle: 十一月财务\ndate: 2026-11-24\n'
    'power: p15\nchecked: {by: 张秀英, date: 2026-11-24}\nperiod: 2026-10\n'
    'opening: 110.00\nincome:\n  - {item: ' + '租金收入说明' * 40 + '尾, amount: 10.00}\n'
    'expense:\n  - {item: 办公, amount: 20.00}\nclosing: 100.00\n---\n')
PY
"$NB" build -C "$long" -o "$work/long-out" --date $date --only posters \
    >"$work/long.out" 2>"$work/long.err"
check $? "long cells, words and Markdown tables are laid out"
pdftotext -enc UTF-8 "$work/long-out/posters/fushui/wangjia/$week.pdf" - |
    squeeze | grep -q '租金收入说明尾'
check $? "a table cell of 240 characters is printed whole"
cp -R "$work/long-out" "$work/long-before"
python3 - "$rec" <<'PY'
import sys
d = sys.argv[1]
open(d + '/2026-11-25-title.md', 'w', encoding='utf-8').write(
    '---\ntype: notice\ntitle: ' + '标题很长' * 500 + '\ndate: 2026-11-25\n---\n正文。\n')
open(d + '/2026-11-26-row.md', 'w', encoding='utf-8').write(
    '---\ntype: finance\ntitle: 十一月财务二\ndate: 2026-11-26\npower: p15\n'
    'checked: {by: 张秀英, date: 2026-11-26}\nperiod: 2026-10\nopening: 110.00\n'
    'income:\n  - {item: 短, amount: 5.00}\n  - {item: ' + '很长的收入说明' * 600 +
    ', amount: 5.00}\nexpense:\n  - {item: 办公, amount: 20.00}\nclosing: 100.00\n---\n')
PY
"$NB" check -C "$long" --date $date >"$work/long.out" 2>"$work/long.err"
st=$?
[ $st -eq 1 ] &&
    grep -q "^fushui/wangjia/2026/11/2026-11-25-title.md:3:8: error: the title is too long for a poster: it needs [0-9]* mm and a sheet has [0-9]* mm for content; shorten it$" "$work/long.err" &&
    grep -q "^fushui/wangjia/2026/11/2026-11-26-row.md:11:5: error: this line is too long for a table on a poster: its row needs [0-9]* mm and a sheet has [0-9]* mm for content; shorten its text$" "$work/long.err" &&
    [ "$(grep -c ': error: ' "$work/long.err")" = 2 ]
check $? "check: a title and a table row no sheet can hold are content errors at their lines (status $st)"
"$NB" build -C "$long" -o "$work/long-out" --date $date --only posters \
    >"$work/long.out" 2>"$work/long.err"
st=$?
[ $st -eq 1 ] && grep -q "2026-11-25-title.md:3:8: error: the title is too long" "$work/long.err" &&
    grep -q "2026-11-26-row.md:11:5: error: this line is too long" "$work/long.err" &&
    grep -q "nothing was built" "$work/long.err"
check $? "build: the same content errors, exit 1 not 3 (status $st)"
diff -r "$work/long-before" "$work/long-out" >/dev/null
check $? "a build stopped by content no sheet can hold leaves the last output"
rm "$rec/2026-11-25-title.md" "$rec/2026-11-26-row.md"
sed -i "s/^name: 王家村/name: $(python3 -c "print('王家村' * 80)")/" "$long/fushui/wangjia/village.yaml"
"$NB" build -C "$long" -o "$work/long-out" --date $date --only posters \
    >"$work/long.out" 2>"$work/long.err"
st=$?
[ $st -eq 1 ] && grep -q "^fushui/wangjia/village.yaml:1:1: error: the poster's title band needs [0-9]* mm of a sheet 420 mm high and leaves no room for the content: shorten the names and places it shows$" "$work/long.err"
check $? "a name that fills the title band is a content error of village.yaml (status $st)"
was_size=$(sed -n 's/^  size: //p' "$long/site.yaml")
sed -i 's/^  size: .*/  size: 150x150mm/' "$long/site.yaml"
"$NB" check -C "$long" --date $date >"$work/long.out" 2>"$work/long.err"
st=$?
[ $st -eq 1 ] && grep -q "^site.yaml:6:9: error: 'size' 150x150mm is smaller than A4" "$work/long.err"
check $? "a poster size below A4 is a content error (status $st, was $was_size)"
exit 0
