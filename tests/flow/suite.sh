#!/bin/sh
# suite.sh: `noticeboard flow` from the outside: every corpus flow drawn in
# each format (SVG well-formed with its title and description, PNG at 2x,
# PDF with embedded non-Type 3 fonts), the same bytes twice, the bad flows'
# exact diagnostics, the exit codes, and the crossings compared with
# Graphviz dot on every corpus and seeds flow. Prints PASS/FAIL lines.
set -u
export TZ=UTC LC_ALL=C.UTF-8
: "${NB:?NB must name the program}"
# Under SANITIZE=1: the suppression of cairo 1.16's PDF subsetter leak
# (tests/lsan.supp) needs full stacks to match
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}fast_unwind_on_malloc=0:print_suppressions=0"
cd "$(dirname "$0")/../.." || exit 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus=tests/flow/corpus
bad=tests/flow/bad

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
check() {
	# check NAME CONDITION-COMMAND...
	name=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}

have_python=no
python3 -c 'import yaml, xml.dom.minidom' 2>/dev/null && have_python=yes
[ $have_python = yes ] || fail "python3 with PyYAML is needed for the SVG and dot checks"

# ---- every corpus flow, every format ----
for f in "$corpus"/*.yaml; do
	n=$(basename "$f" .yaml)
	if "$NB" flow "$f" -o "$tmp/$n.svg" 2>"$tmp/$n.err" &&
	    [ ! -s "$tmp/$n.err" ]; then
		pass "flow $n: SVG drawn, nothing on stderr"
	else
		fail "flow $n: SVG drawn"; sed 's/^/    /' "$tmp/$n.err"
		continue
	fi
	[ $have_python = yes ] && check "flow $n: SVG is well-formed with <title>, <desc> and role=img" \
	    python3 -c '
import sys, xml.dom.minidom
d = xml.dom.minidom.parse(sys.argv[1]).documentElement
assert d.tagName == "svg" and d.getAttribute("role") == "img"
assert d.getAttribute("viewBox") and d.getAttribute("width").endswith("px")
t = d.getElementsByTagName("title")[0].firstChild.data
assert t.strip() and d.getElementsByTagName("desc")[0].firstChild.data.strip()
assert len(d.getElementsByTagName("text")) > 0
' "$tmp/$n.svg"
done

# PNG at 2x and PDF for a few, and repeatable bytes
for n in decision lanes-six long-labels risks-everywhere steps-60; do
	f=$corpus/$n.yaml
	"$NB" flow "$f" -o "$tmp/$n.png" "$tmp/$n.pdf" "$tmp/$n.svg" &&
	"$NB" flow "$f" -o "$tmp/$n.2.png" "$tmp/$n.2.pdf" "$tmp/$n.2.svg"
	check "flow $n: command writes PNG, PDF and SVG" test -s "$tmp/$n.png" -a -s "$tmp/$n.pdf"
	for ext in svg png pdf; do
		check "flow $n: the same $ext bytes on two runs" cmp "$tmp/$n.$ext" "$tmp/$n.2.$ext"
	done
	if [ $have_python = yes ]; then
		# the PNG is twice the SVG's size in pixels
		# decoded by Python's own zlib with PNG's filters (a palette's
		# indices, or RGB): the corner is the white page and the chart's
		# ink is there
		[ "$n" = steps-60 ] || check "flow $n: PNG decodes to a white page with dark ink" python3 -c '
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
pos, idat, plte = 8, b"", None
while pos < len(d):
    n, = struct.unpack(">I", d[pos:pos + 4]); t = d[pos + 4:pos + 8]
    body = d[pos + 8:pos + 8 + n]
    assert zlib.crc32(t + body) & 0xffffffff == struct.unpack(">I", d[pos + 8 + n:pos + 12 + n])[0]
    if t == b"IHDR": w, h = struct.unpack(">II", body[:8]); assert body[8:10] in (b"\x08\x02", b"\x08\x03"); bpp = 1 if body[9] == 3 else 3
    if t == b"PLTE": plte = body
    if t == b"IDAT": idat += body
    pos += 12 + n
assert (bpp == 1) == (plte is not None)
raw = zlib.decompress(idat); stride = bpp * w + 1
assert len(raw) == stride * h
prev = bytearray(bpp * w); dark = 0
for y in range(h):
    f, row = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(bpp * w):
        a = row[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: row[i] = (row[i] + a) & 255
        elif f == 2: row[i] = (row[i] + b) & 255
        elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = bytes(row)
    if bpp == 1: row = b"".join(plte[3 * k:3 * k + 3] for k in row)
    if y == 0: assert row[:3] == b"\xff\xff\xff", row[:3]
    dark += sum(1 for i in range(0, 3 * w, 3) if row[i] < 80 and row[i + 1] < 80 and row[i + 2] < 90)
assert dark > 100, dark
' "$tmp/$n.png"
		check "flow $n: PNG is 2x the chart's size" python3 -c '
import re, struct, sys
svg = open(sys.argv[1], encoding="utf-8").read()
w, h = (float(v) for v in re.search(r"viewBox=\"0 0 (\S+) (\S+)\"", svg).groups())
png = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n"
pw, ph = struct.unpack(">II", png[16:24])
assert pw == round(2 * w) and ph == round(2 * h), (pw, ph, w, h)
' "$tmp/$n.svg" "$tmp/$n.png"
	fi
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$tmp/$n.pdf" >"$tmp/$n.info" 2>&1
		check "flow $n: PDF has one page, a title and the build date" \
		    sh -c "grep -q '^Pages: *1' '$tmp/$n.info' && grep -q '^Title: *.' '$tmp/$n.info' && grep -q '^CreationDate:.*2026' '$tmp/$n.info'"
		pdffonts "$tmp/$n.pdf" >"$tmp/$n.fonts" 2>&1
		check "flow $n: PDF fonts embedded, CID Type 0C, no Type 3" \
		    sh -c "! grep -q 'Type 3' '$tmp/$n.fonts' && grep -q 'NotoSansCJK' '$tmp/$n.fonts' && grep -q 'CID Type 0C' '$tmp/$n.fonts' && ! awk 'NR>2 && \$(NF-4)!=\"yes\"' '$tmp/$n.fonts' | grep -q ."
		check "flow $n: PDF embeds each font once" \
		    sh -c "awk 'NR > 2 { sub(/^[A-Z]+\\+/, \"\", \$1); n[\$1]++ } END { for (f in n) if (n[f] > 1) bad++; exit bad > 0 }' '$tmp/$n.fonts'"
	else
		fail "pdfinfo and pdffonts (poppler-utils) are needed"
	fi
done

# ---- bad flows: their exact diagnostics, exit status 1 ----
for f in "$bad"/*.yaml; do
	n=$(basename "$f" .yaml)
	"$NB" flow "$f" -o "$tmp/bad.svg" 2>"$tmp/$n.got"
	rc=$?
	if [ $rc -eq 1 ] && cmp -s "$tmp/$n.got" "$bad/$n.expected"; then
		pass "bad flow $n: exit 1 and the expected diagnostics"
	else
		fail "bad flow $n: exit $rc"
		diff "$bad/$n.expected" "$tmp/$n.got" | sed 's/^/    /'
	fi
	check "bad flow $n: no output written" test ! -e "$tmp/bad.svg"
done

# ---- exit codes ----
"$NB" flow "$corpus/decision.yaml" -o "$tmp/x.gif" 2>/dev/null
check "an unknown output extension is a usage error (2)" test $? -eq 2
"$NB" flow "$corpus/decision.yaml" 2>/dev/null
check "no -o is a usage error (2)" test $? -eq 2
"$NB" flow -o "$tmp/x.svg" 2>/dev/null
check "no flow file is a usage error (2)" test $? -eq 2
"$NB" flow "$tmp/missing.yaml" -o "$tmp/x.svg" 2>/dev/null
check "a missing flow file is a system failure (3)" test $? -eq 3
"$NB" flow "$corpus/decision.yaml" -o "$tmp/no/such/dir/x.svg" 2>/dev/null
check "an output that cannot be written is a system failure (3)" test $? -eq 3
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$tmp/fonts.conf"
FONTCONFIG_FILE="$tmp/fonts.conf" "$NB" flow "$corpus/decision.yaml" -o "$tmp/x.svg" 2>"$tmp/font.err"
rc=$?
check "a missing font is a system failure (3) with a clear message" \
    sh -c "[ $rc -eq 3 ] && grep -q 'Noto Sans CJK SC' '$tmp/font.err'"
# one chart reads no configuration file of the system's (fontconfig's
# debugging lists each it loads), and draws what the system's
# configuration, named, draws
FC_DEBUG=1024 "$NB" flow "$corpus/decision.yaml" -o "$tmp/plain.png" >"$tmp/fc.out" 2>&1
check "one chart draws without reading the system's font configuration" \
    sh -c "[ -s '$tmp/plain.png' ] && ! grep -q 'Loading config file' '$tmp/fc.out'"
if [ -f /etc/fonts/fonts.conf ]; then
	FONTCONFIG_FILE=/etc/fonts/fonts.conf FC_DEBUG=1024 "$NB" flow \
	    "$corpus/decision.yaml" -o "$tmp/system.png" >"$tmp/fc.out" 2>&1
	check "FONTCONFIG_FILE is honoured, and gives the same chart" \
	    sh -c "grep -q 'Loading config file' '$tmp/fc.out' && cmp -s '$tmp/plain.png' '$tmp/system.png'"
	# a character Noto Sans CJK SC lacks comes from a fallback font the
	# system's rules choose: such a chart keeps the system's configuration
	sed 's/text: 入户调查/text: 入户调查 ☑ ✔ 📄/' "$corpus/decision.yaml" >"$tmp/symbols.yaml"
	FC_DEBUG=1024 "$NB" flow "$tmp/symbols.yaml" -o "$tmp/sym-plain.png" >"$tmp/fc.out" 2>&1
	check "a chart with characters beyond the font reads the system's configuration" \
	    grep -q 'Loading config file' "$tmp/fc.out"
	FONTCONFIG_FILE=/etc/fonts/fonts.conf "$NB" flow "$tmp/symbols.yaml" \
	    -o "$tmp/sym-system.png" >/dev/null 2>&1
	check "and draws them as the system's configuration does" \
	    cmp -s "$tmp/sym-plain.png" "$tmp/sym-system.png"
else
	skip "FONTCONFIG_FILE is honoured (no /etc/fonts/fonts.conf)"
fi

# ---- crossings: ours against dot's on every corpus and seeds flow ----
if [ $have_python = yes ] && command -v dot >/dev/null 2>&1; then
	mkdir "$tmp/seeds"
	for cat in seeds/catalog/powers.yaml seeds/catalog/services.yaml; do
		[ -f "$cat" ] && python3 tests/flow/flow2dot.py extract "$cat" "$tmp/seeds"
	done
	ls "$tmp/seeds"/*.yaml >/dev/null 2>&1 || fail "seeds/catalog has flows to compare"
	for f in "$corpus"/*.yaml "$tmp/seeds"/*.yaml; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .yaml)
		case $f in "$tmp"/*) n="seeds $n" ;; esac
		if "$NB" flow "$f" -o "$tmp/cmp.dump" 2>/dev/null; then
			python3 tests/flow/flow2dot.py compare "$f" "$tmp/cmp.dump" "$n"
		else
			fail "crossings $n: the flow draws"
		fi
	done
else
	fail "python3 with PyYAML and Graphviz dot are needed for the crossing comparison"
fi
exit 0
