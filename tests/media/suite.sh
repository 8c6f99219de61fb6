#!/bin/sh
# suite.sh: photos and attachments on the site. A small county whose record
# shows a 4000x3000 JPEG stored sideways (EXIF orientation 6) with a GPS
# position, a PNG screenshot and links a PDF is built; then the record
# page's <img> (srcset, width, height, lazy loading), the variants' pixel
# sizes, the absence of any metadata in them (exiftool), the PDF's copy
# and its size in the link, the Nu HTML Checker on the page, and the
# incremental build (a changed photo renders its own files and its page,
# nothing else) are checked. On the village's poster: pdfimages lists the
# photos at the resolution they print at (300 dpi from the large photo,
# never more pixels than a small one has), pdftotext finds their captions,
# the photo taken out of the PDF has no metadata, and a photo too small to
# print sharp is warned of at its line.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin media
need_tools convert exiftool python3 pdfimages pdftotext
cd "$work" || exit 1
D="--date 2026-11-27"

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
d=$c/fushui/wangjia/2026/11
# a phone's photo: 4000 wide, 3000 high as stored, to be turned upright
# (orientation 6: 90 degrees clockwise), with where it was taken
convert -size 4000x3000 gradient:red-blue -quality 85 "$d/site.jpg"
exiftool -q -overwrite_original -Orientation#=6 -GPSLatitude=34.27 \
    -GPSLatitudeRef=N -GPSLongitude=108.95 -GPSLongitudeRef=E \
    -Make=Phone -DateTimeOriginal='2026:11:20 09:30:00' "$d/site.jpg"
convert -size 600x400 xc:white -fill black -draw 'rectangle 20,20 200,100' \
    "$d/screen.png"
# a photo copied from a chat: too few pixels to print sharp
convert -size 320x240 gradient:white-green -quality 85 "$d/chat.jpg"
python3 - "$d/minutes.pdf" <<'PY'
import sys
body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" \
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
open(sys.argv[1], "wb").write(body + b"%" + b"x" * 34000 + b"\n")
PY
cat >"$d/2026-11-21-road-photos.md" <<'MD'
---
type: notice
title: 村道硬化工程现场照片
date: 2026-11-21
publish: {from: 2026-11-21, to: 2026-11-30}
---
路面浇筑现场：

![浇筑现场](site.jpg)

![公示栏截图](screen.png)

会议记录见[会议记录](minutes.pdf)。

![群里转来的照片](chat.jpg)
MD
"$NB" build -C c -o out $D >"$work/build1" 2>&1 || { fail build "$work/build1"; exit 0; }
pass build
check small-photo-warned grep -q "2026-11-21-road-photos.md:15:1: warning: the photo 'chat.jpg' is 320x240 pixels: on the posters it prints 80x60 mm at 102 dpi" "$work/build1"
check sharp-photos-not-warned sh -c "! grep -q \"the photo '\(site.jpg\|screen.png\)'\" '$work/build1'"

# ---- the village's poster ----
board=out/posters/fushui/wangjia/2026-11-23.pdf
pdfimages -list "$board" >"$work/images" 2>&1
python3 - "$work/images" >"$work/images.out" 2>&1 <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[2:]]
# page num type width height color comp bpc enc interp object ID x-ppi y-ppi
imgs = sorted(((int(r[3]), int(r[4]), r[8], int(r[12]), int(r[13])) for r in rows
    if r[2] == "image"), key=lambda i: -i[0] * i[1])
assert len(imgs) == 3, imgs
big, screen, chat = imgs
# upright 3000x4000, printed 90x120 mm at 300 dpi: about 1063x1417, as JPEG
assert 1060 <= big[0] <= 1066 and 1414 <= big[1] <= 1420, big
assert big[2] == "jpeg" and big[3] >= 299 and big[4] >= 299, big
# the screenshot: its own 600x400, losslessly, at 150 dpi (101.6 mm wide)
assert screen[:3] == (600, 400, "image") and 149 <= screen[3] <= 151, screen
# the chat's photo: its own 320x240, never more, at about 102 dpi
assert chat[:2] == (320, 240) and 100 <= chat[3] <= 103, chat
PY
[ $? = 0 ] && pass poster-photos-at-print-resolution || fail poster-photos-at-print-resolution "$work/images.out"
pdftotext -layout "$board" - >"$work/board.txt" 2>&1
check poster-captions sh -c "grep -q '浇筑现场' '$work/board.txt' && grep -q '公示栏截图' '$work/board.txt' && grep -q '群里转来的照片' '$work/board.txt'"
mkdir -p "$work/pdfimg"
pdfimages -all "$board" "$work/pdfimg/p" >/dev/null 2>&1
exiftool -a -G1 -s "$work"/pdfimg/* >"$work/pdfexif" 2>&1
if grep -Eq 'GPS|EXIF|IFD0|XMP|ICC|Orientation|Make|DateTimeOriginal' "$work/pdfexif"; then
	fail poster-photo-no-metadata "$work/pdfexif"
else
	pass poster-photo-no-metadata
fi
# the board's preview keeps its photos in full colour (RGB, colour type
# 2), where a preview of type and charts alone has a palette (type 3)
ctype() { od -An -tu1 -j25 -N1 "$1" | tr -d ' '; }
check poster-preview-photos-in-colour test "$(ctype "${board%.pdf}.png")" = 2
check poster-preview-flat-palette test "$(ctype out/posters/catalog/powers.png)" = 3
page=out/site/fushui/wangjia/2026-11-21-road-photos.html
grep -o '<img[^>]*>' "$page" >"$work/imgs"
python3 - "$work/imgs" >"$work/img.out" 2>&1 <<'PY'
import re, sys
imgs = open(sys.argv[1]).read().splitlines()
assert len(imgs) == 3, imgs
a = dict(re.findall(r'(\w+)="([^"]*)"', imgs[0]))
# upright: 3000x4000 scaled to 1200x1600, and 600x800 for phones
assert a["width"] == "1200" and a["height"] == "1600", a
assert a["loading"] == "lazy" and a["alt"] == "浇筑现场", a
assert re.fullmatch(r"\.\./\.\./media/[0-9a-f]{16}-1600\.jpg", a["src"]), a
assert re.fullmatch(r"\.\./\.\./media/[0-9a-f]{16}-800\.jpg 600w, "
    r"\.\./\.\./media/[0-9a-f]{16}-1600\.jpg 1200w", a["srcset"]), a
assert "sizes" in a
b = dict(re.findall(r'(\w+)="([^"]*)"', imgs[1]))
# no larger than 800: one size, no srcset
assert b["width"] == "600" and b["height"] == "400" and "srcset" not in b, b
assert b["src"].endswith("-1600.png"), b
PY
[ $? = 0 ] && pass img-attributes || fail img-attributes "$work/img.out"

src=$(sed -n 's/.*src="\.\.\/\.\.\/\(media\/[0-9a-f]*\)-1600\.jpg".*/\1/p' "$work/imgs" | head -1)
size() { python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
if d[:8] == b"\x89PNG\r\n\x1a\n":
    print("%dx%d" % struct.unpack(">II", d[16:24])); sys.exit()
i = 2
while i < len(d):
    m = d[i + 1]; n = struct.unpack(">H", d[i + 2:i + 4])[0]
    if m in (0xC0, 0xC1, 0xC2):
        h, w = struct.unpack(">HH", d[i + 5:i + 9]); print("%dx%d" % (w, h)); break
    i += 2 + n' "$1"; }
check variant-1600-size test "$(size "out/site/$src-1600.jpg")" = 1200x1600
check variant-800-size test "$(size "out/site/$src-800.jpg")" = 600x800
exiftool -a -G1 -s "out/site/$src-1600.jpg" "out/site/$src-800.jpg" \
    out/site/media/*.png >"$work/exif" 2>&1
if grep -Eq 'GPS|EXIF|IFD0|XMP|ICC|JFIF|Orientation|Make|DateTimeOriginal' "$work/exif"; then
	fail no-metadata "$work/exif"
else
	pass no-metadata
fi

link=$(grep -o '<a href="[^"]*\.pdf">[^<]*</a>' "$page")
echo "$link" >"$work/link"
check pdf-link-says-size grep -q '>会议记录（PDF，34 KB）</a>' "$work/link"
pdf=$(sed -n 's/.*href="\.\.\/\.\.\/\([^"]*\)".*/\1/p' "$work/link")
check pdf-copied cmp "$d/minutes.pdf" "out/site/$pdf"
# the feed and the open data leave the record's files out
check feed-has-no-local-address sh -c "! grep -q 'site.jpg\|minutes.pdf' out/site/fushui/wangjia/feed.xml"

vnu=${VNU_JAR:-$NB_ROOT/tests/site/node_modules/vnu-jar/build/dist/vnu.jar}
if ! command -v java >/dev/null 2>&1 || [ ! -f "$vnu" ]; then
	skip "vnu (java or vnu.jar missing: npm ci in tests/site)"
else
	check vnu java -jar "$vnu" --errors-only "$page"
fi

# a changed photo: its two files, the page and the board that show it,
# the WeChat article that carries it, nothing else (not the TV's slides)
"$NB" build -C c -o out $D >"$work/build2" 2>&1
check unchanged-renders-nothing grep -q ' 0 rendered,' "$work/build2"
convert -size 4000x3000 gradient:green-yellow -quality 85 "$d/site.jpg"
"$NB" build -C c -o out $D >"$work/build3" 2>&1
# in files: the photo's two, the page, the board's PDF and preview, the
# article's four
check changed-photo-renders-its-files-page-and-board grep -q " 9 rendered," "$work/build3"
new=$(grep -o 'media/[0-9a-f]*-1600\.jpg' "$page" | head -1)
check changed-photo-new-name test "media/$(basename "$new")" != "$src-1600.jpg"
check old-photo-gone test ! -e "out/site/$src-1600.jpg"
