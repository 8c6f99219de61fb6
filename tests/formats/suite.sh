#!/bin/sh
# suite.sh: the print formats beside the boards, built from the demo
# county: each format's page size and boxes (pdfinfo -box: MediaBox with
# bleed and the crop marks' slug, TrimBox, BleedBox; the marks outside the
# bleed, tests/poster/marks.py), every font embedded (pdffonts), the QR of a
# card's back and of a banner decoded at 300 dpi (zbarimg), the imposed
# cards' backs behind their fronts (each back's centre the mirror of its
# front's, within 0.5 mm, found from the red bar atop each card), the
# banner's stand zone blank, site.yaml formats: choosing what is built and
# refusing an unknown name at its line, and --only naming the kinds.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin formats
need_tools pdfinfo pdffonts pdftoppm zbarimg python3
D="--date 2026-11-27"
out=$work/out
"$NB" build -C "$NB_ROOT/content" -o "$out" $D --only cards,banners,boards >"$work/build" 2>&1 ||
    { fail build "$work/build"; exit 0; }
pass build
p=$out/print
card=$p/cards/chengguan/dongguan
banner=$p/banners/chengguan/dongguan/banner.pdf

# ---- sizes and boxes: "kind file trim-w trim-h bleed pages" ----
boxes() { # file: MediaBox and TrimBox in mm, pages
	pdfinfo -box "$1" | awk '
	    /^Pages:/ {p = $2}
	    /^MediaBox:/ {mw = ($4 - $2) / 72 * 25.4; mh = ($5 - $3) / 72 * 25.4}
	    /^TrimBox:/ {tw = ($4 - $2) / 72 * 25.4; th = ($5 - $3) / 72 * 25.4; tx = $2 / 72 * 25.4}
	    /^BleedBox:/ {bw = ($4 - $2) / 72 * 25.4}
	    END {printf "%.1f %.1f %.1f %.1f %.1f %.1f %d\n", mw, mh, tw, th, tx, bw, p}'
}
size_is() { # file, media w h, trim w h, bleed, pages
	got=$(boxes "$1")
	echo "$got" | awk -v mw="$2" -v mh="$3" -v tw="$4" -v th="$5" -v b="$6" -v n="$7" '
	    function near(a, b) { return a - b < 0.5 && b - a < 0.5 }
	    { ok = near($1, mw) && near($2, mh) && near($3, tw) && near($4, th) &&
	      near($6, tw + 2 * b) && $7 == n; exit !ok }' || { echo "got $got"; return 1; }
}
# a village without public phones of its own: its card gives the town
# government's, as its board does
check card-town-phone-when-no-contacts sh -c "pdftotext -enc UTF-8 '$p/cards/taohe/hejiaying/card.pdf' - | tr -d ' \n' |
    grep -q '桃河镇人民政府.*0914-0000108'"
check card-single-94x58-trim-90x54 size_is "$card/card.pdf" 94 58 90 54 2 2
check cards-a4-two-sides size_is "$card/cards-a4.pdf" 210 297 210 297 0 2
check banner-820x2020-trim-800x2000 size_is "$banner" 820 2020 800 2000 3 1
# the banner's four disclosures count their own records of the year: a
# reminder talk is supervision, in none of them
banner_counts() {
	pdftotext -enc UTF-8 "$banner" - | tr -d '\n ' | python3 -c '
import re, sys, glob
text = sys.stdin.read()
m = re.search(r"服务公开：[^（]*（2026年已公开(\d+)项）", text)
want = 0
for f in glob.glob(sys.argv[1] + "/2026/*/*.md"):
    head = open(f, encoding="utf-8").read().split("---")[1]
    if re.search(r"^type: (service|assistance|notice)\s*$", head, re.M) and \
            not re.search(r"^draft: true", head, re.M):
        want += 1
got = int(m.group(1)) if m else 0
print("service: got %d, want %d" % (got, want))
sys.exit(0 if got == want and want > 0 else 1)' "$NB_ROOT/content/chengguan/dongguan"
}
check banner-counts-without-talks banner_counts
check overview-board-1220x920 size_is "$p/boards/overview.pdf" 1220 920 1200 900 3 1
check billboard-2424x1224 size_is "$p/boards/billboard.pdf" 2424 1224 2400 1200 5 1
for f in "$p"/boards/service-*.pdf; do
	check "service-board-one-sheet-$(basename "$f" .pdf)" size_is "$f" 920 1220 900 1200 3 1
done
# crop marks outside the bleed (site.yaml crop_marks: true), nothing inked
# in the bleed: every sheet with a bleed of 3 mm, and the billboard's of 5
check crop-marks-outside-the-bleed python3 "$NB_ROOT/tests/poster/marks.py" 3 1 \
    "$banner" "$p/boards/overview.pdf" "$p"/boards/service-*.pdf
check billboard-crop-marks-outside-its-5mm-bleed python3 "$NB_ROOT/tests/poster/marks.py" 5 1 \
    "$p/boards/billboard.pdf"
: >"$work/fonts"
for f in "$card/card.pdf" "$card/cards-a4.pdf" "$banner" "$p"/boards/*.pdf; do
	pdffonts "$f" | awk 'NR > 2 && $(NF-4) != "yes" {print FILENAME ": " $0}' FILENAME="$f" >>"$work/fonts"
done
check fonts-embedded test ! -s "$work/fonts"

# ---- QR codes at print resolution ----
url=https://shifan.example/cunwu/chengguan/dongguan/
pdftoppm -png -r 300 -f 2 -l 2 "$card/card.pdf" "$work/back" >/dev/null 2>&1
check card-back-qr sh -c "zbarimg -q --raw '$work'/back-2.png 2>/dev/null | grep -qx '$url'"
# the banner's footer, bottom right above the stand, at 300 dpi
read -r bw bh <<EOF
$(pdfinfo "$banner" | awk '/^Page size:/ {printf "%d %d\n", $3 / 72 * 300, $5 / 72 * 300}')
EOF
pdftoppm -png -r 300 -x $((bw - 2600)) -y $((bh - 1772 - 2800)) -W 2600 -H 2800 \
    "$banner" "$work/bq" >/dev/null 2>&1
check banner-qr sh -c "zbarimg -q --raw '$work'/bq-1.png 2>/dev/null | grep -qx '$url'"
# and in the PNG previews beside the PDFs: modules of 3 pixels at least
# (a format drawn larger previewed finer), so each preview's code scans
for f in "${banner%.pdf}.png" "$p"/boards/*.png "$card/card.png"; do
	want=$url
	# a service board's code opens its service's page
	case $f in
	*/boards/service-*) n=$(basename "$f" .png)
		want=https://shifan.example/cunwu/services/${n#service-}.html ;;
	*/boards/*) want=https://shifan.example/cunwu/ ;;
	esac
	check "preview-qr-$(basename "$(dirname "$f")")-$(basename "$f" .png)" \
	    sh -c "zbarimg -q --raw '$f' 2>/dev/null | grep -qx '$want'"
done

# ---- the stand's 150 mm are blank, and the cards' backs behind fronts ----
pdftoppm -png -r 20 "$banner" "$work/ban" >/dev/null 2>&1
pdftoppm -png -r 100 "$card/cards-a4.pdf" "$work/a4" >/dev/null 2>&1
python3 - "$work/ban-1.png" "$work/a4-1.png" "$work/a4-2.png" >"$work/pix.out" 2>&1 <<'PY'
import struct, sys, zlib
def png(path):
    d = open(path, "rb").read()
    w, h, depth, ctype = struct.unpack(">IIBB", d[16:26])
    i, idat = 8, b""
    while i < len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        if d[i + 4:i + 8] == b"IDAT":
            idat += d[i + 8:i + 8 + n]
        i += 12 + n
    raw, ch = zlib.decompress(idat), {2: 3, 6: 4, 0: 1}[ctype]
    stride, rows, prev = w * ch, [], bytearray(w * ch)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - ch] if x >= ch else 0
            b = prev[x]; c = prev[x - ch] if x >= ch else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line)); prev = line
    return w, h, ch, rows
# the banner: 20 dpi, 2006 mm high with 3 mm bleed; the stand's 150 mm
# above the trim's bottom edge hold nothing but white
w, h, ch, rows = png(sys.argv[1])
px = 20 / 25.4
top, bottom = int((2006 - 3 - 150) * px) + 1, int((2006 - 3) * px) - 1
dark = [(x, y) for y in range(top, bottom) for x in range(int(3 * px) + 1, w - int(3 * px) - 1)
        if min(rows[y][x * ch:x * ch + 3]) < 250]
assert not dark, "ink in the stand's zone at %s" % dark[:5]
# the imposed cards: each card's red bar (about 2 mm) found per page
def bars(path):
    w, h, ch, rows = png(path)
    red = lambda x, y: rows[y][x * ch] > 150 and rows[y][x * ch + 1] < 60 and rows[y][x * ch + 2] < 60
    found = []
    for y in range(h):
        x = 0
        while x < w:
            if red(x, y) and not any(abs(y - fy) < 20 and fx0 <= x <= fx1 for fx0, fx1, fy in found):
                x1 = x
                while x1 < w and red(x1, y):
                    x1 += 1
                # a bar, 2 mm high: not the thin rule under the title
                if x1 - x > 200 and y + 5 < h and red(x + 10, y + 5):
                    found.append((x, x1 - 1, y))
                x = x1
            else:
                x += 1
    return w, [((a + b) / 2, y) for a, b, y in found]
w1, front = bars(sys.argv[2])
w2, back = bars(sys.argv[3])
assert len(front) == 10 and len(back) == 10, (front, back)
mm = 25.4 / 100
for fx, fy in front:
    mirror = min(back, key=lambda b: abs(b[0] - (w1 - 1 - fx)) + abs(b[1] - fy))
    dx, dy = abs(mirror[0] - (w1 - 1 - fx)) * mm, abs(mirror[1] - fy) * mm
    assert dx <= 0.5 and dy <= 0.5, (fx, fy, mirror, dx, dy)
print("ok")
PY
if [ $? = 0 ]; then pass stand-blank-and-backs-mirror-fronts; else fail stand-blank-and-backs-mirror-fronts "$work/pix.out"; fi

# ---- site.yaml formats: and --only ----
c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
printf 'formats: [cards, 易拉宝]\n' >>"$c/site.yaml"
"$NB" build -C "$c" -o "$work/o2" $D >"$work/b2" 2>&1
check formats-chooses sh -c "test -d '$work/o2/print/cards' && test -d '$work/o2/print/banners' &&
    test -z \"\$(ls '$work/o2/print/boards' 2>/dev/null)\""
line=$(grep -n '^formats:' "$c/site.yaml" | cut -d: -f1)
printf 'formats: [cards, baners]\n' >"$work/f"
sed -i "${line}d" "$c/site.yaml" && cat "$work/f" >>"$c/site.yaml"
line=$(grep -n '^formats:' "$c/site.yaml" | cut -d: -f1)
LANGUAGE=en "$NB" check -C "$c" $D >"$work/b3" 2>&1
check formats-unknown-at-line grep -q "site.yaml:$line:18: error: 'formats': unknown format 'baners'; did you mean 'banners'?" "$work/b3"
LANGUAGE=en "$NB" build -C "$c" -o "$work/o3" $D --only cards,flyers >"$work/b4" 2>&1
check only-names-the-kinds grep -q "cards, banners, boards and forms, not 'cards,flyers'" "$work/b4"
