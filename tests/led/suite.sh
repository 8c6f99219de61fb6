#!/bin/sh
# suite.sh: the LED screens (output/led/). A small county with current
# notices (one with a title wider than the screen, an assistance list with a
# recipient's name in its title and a mobile number in its body) is built
# with --only led; then every frame is decoded (the exact size, grayscale
# one bit a pixel or a palette of two, exactly two colours), the playlist
# names every frame and only those, led.txt is GB18030 with CRLF and holds
# the notices' titles, figures and periods but no name or number, a screen
# of other pixels and encoding is followed, a wrong setting is reported at
# its place, two builds are identical and an edited record redraws only
# its village's screen.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin led
need_tools python3 iconv
if ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK SC'; then
	skip "all (the font Noto Sans CJK SC is not installed)"
	exit 0
fi
cd "$work" || exit 1
D="--date 2026-11-27"

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
d=$c/fushui/wangjia/2026/11
cat >"$d/2026-11-24-temp-aid.md" <<'MD'
---
type: assistance
title: 欧阳春花等临时救助审批结果公示
date: 2026-11-24
power: p01
publish: {from: 2026-11-24, to: 2026-11-30}
program: 临时救助
people:
  - {name: 欧阳春花, household: 3, amount: 1260.00, reason: 罕见病住院治疗, id_card: 610000********2318}
  - {name: 司马秋月, household: 2, amount: 520.50, reason: 房屋失火受损, id_card: 610000********4105}
---
欧阳春花一家经审批给予临时救助，联系人手机 13912345678。
MD
cat >"$d/2026-11-25-long-title.md" <<'MD'
---
type: notice
title: 关于二组至四组村道硬化工程竣工验收及工程结算审计结果的说明
date: 2026-11-25
publish: {from: 2026-11-25, to: 2026-12-04}
---
详见公开栏。
MD

out=$work/out
"$NB" build -C "$c" -o "$out" $D --only led >"$work/build.log" 2>&1
check build-succeeds test $? -eq 0
l=$out/led/fushui/wangjia

# every frame: a PNG of exactly 192x32, grayscale one bit (or a palette of
# two), exactly two colours in its pixels; decoded here with zlib alone
cat >"$work/frames.py" <<'PY'
import struct, sys, zlib, glob, os
w, h, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
bad = []
frames = sorted(glob.glob(os.path.join(folder, "frames", "*.png")))
if not frames:
    bad.append("no frame")
for f in frames:
    data = open(f, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        bad.append(f + ": not a PNG"); continue
    at, idat, plte = 8, b"", None
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + n]
        if kind == b"IHDR":
            fw, fh, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            plte = body
        at += 12 + n
    if (fw, fh) != (w, h):
        bad.append("%s: %dx%d, not %dx%d" % (f, fw, fh, w, h)); continue
    if depth != 1 or ctype not in (0, 3) or interlace != 0:
        bad.append("%s: depth %d colour type %d" % (f, depth, ctype)); continue
    if ctype == 3 and (plte is None or len(plte) != 6):
        bad.append(f + ": a palette not of two"); continue
    raw = zlib.decompress(idat)
    stride = (w + 7) // 8
    seen, prev = set(), bytearray(stride)
    for y in range(h):
        ft, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - 1] if i else 0
            b, c = prev[i], prev[i - 1] if i else 0
            if ft == 1: row[i] = (row[i] + a) & 255
            elif ft == 2: row[i] = (row[i] + b) & 255
            elif ft == 3: row[i] = (row[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(w):
            seen.add((row[x // 8] >> (7 - x % 8)) & 1)
        prev = row
    if seen != {0, 1}:
        bad.append("%s: colours %s" % (f, sorted(seen)))
if bad:
    print("\n".join(bad))
print(len(frames), file=sys.stderr)
PY
python3 "$work/frames.py" 192 32 "$l" >"$work/frames.out" 2>"$work/n"
check every-frame-192x32-two-colours test ! -s "$work/frames.out"

# the playlist names every frame, in order, and only those, with seconds
ls "$l/frames" | sed 's|^|frames/|' >"$work/listed.want"
grep -v '^#' "$l/frames.txt" | awk '{print $1}' >"$work/listed.got"
check playlist-names-every-frame diff "$work/listed.want" "$work/listed.got"
check playlist-dwell-times sh -c "grep -v '^#' '$l/frames.txt' | awk 'NF != 2 || \$2 !~ /^[0-9]+\$/ || \$2 < 3 { bad = 1 } END { exit bad }'"

# led.txt: GB18030, every line ending CRLF, the notices' lines
check text-is-gb18030 sh -c "iconv -f GB18030 -t UTF-8 '$l/led.txt' >'$work/led.utf8'"
check text-is-not-utf8 sh -c "! iconv -f UTF-8 -t UTF-8 '$l/led.txt' >/dev/null 2>&1"
check text-crlf python3 -c "
import sys; b = open(sys.argv[1], 'rb').read()
assert b.endswith(b'\r\n') and b.count(b'\n') == b.count(b'\r\n') > 3" "$l/led.txt"
check text-holds-notices sh -c "grep -q '^王家村村务公开' '$work/led.utf8' &&
	grep -q '^关于二组至四组村道硬化工程竣工验收及工程结算审计结果的说明' '$work/led.utf8' &&
	grep -q '^共2户，合计1,780.50元' '$work/led.utf8' &&
	grep -q '^公示期：2026年11月24日至11月30日' '$work/led.utf8'"
check no-recipient-name-or-mobile sh -c "! grep -E '欧阳春花|司马秋月|罕见病|房屋失火|13912345678|5678' '$work/led.utf8'"
# the long title wraps onto whole rows: more frames than notices' lines
# would need unwrapped (heading 1, two notices of 3 lines: 2 + 2 + 2 pages
# at least, one more for the wrapped title)
n=$(cat "$work/n")
check long-title-wraps-to-more-frames test "$n" -ge 6
# a village with no current notice says so
iconv -f GB18030 -t UTF-8 "$out/led/fushui/lijia/led.txt" >"$work/lijia.utf8" 2>/dev/null
check empty-screen-says-so grep -q '当前无公示事项' "$work/lijia.utf8"

# a screen of 256x64 pixels whose player reads UTF-8
c2=$work/c2
cp -R "$c" "$c2"
printf 'led: {width: 256, height: 64, encoding: UTF-8}\n' >>"$c2/site.yaml"
"$NB" build -C "$c2" -o "$work/out2" $D --only led >/dev/null 2>&1
python3 "$work/frames.py" 256 64 "$work/out2/led/fushui/wangjia" >"$work/frames2.out" 2>/dev/null
check other-screen-size test ! -s "$work/frames2.out"
check other-encoding sh -c "iconv -f UTF-8 -t UTF-8 '$work/out2/led/fushui/wangjia/led.txt' | grep -q '王家村村务公开'"

# a wrong setting: at its place, in the build's exit status
c3=$work/c3
cp -R "$NB_ROOT/tests/invalid/_base" "$c3"
printf 'led: {width: 10, heigth: 32, encoding: NO-SUCH-CODE}\n' >>"$c3/site.yaml"
"$NB" build -C "$c3" -o "$work/out3" $D --only led >"$work/bad.log" 2>&1
rc=$?
check wrong-setting-fails test $rc -eq 1
check wrong-setting-messages sh -c "grep -q \"^site.yaml:11:14: error: 'width' must be between 64 and 2048\" '$work/bad.log' &&
	grep -q \"^site.yaml:11:18: error: unknown key 'heigth' in 'led'; did you mean 'height'?\" '$work/bad.log' &&
	grep -q \"^site.yaml:11:40: error: 'encoding' 'NO-SUCH-CODE' is not an encoding\" '$work/bad.log'"
LANGUAGE= LC_ALL=C.UTF-8 "$NB" check -C "$c3" $D >"$work/bad.zh" 2>&1
check wrong-setting-in-chinese grep -q '^site.yaml:11:14: 错误: “width”要在 64 到 2048 之间' "$work/bad.zh"

# reproducible, byte for byte
"$NB" build -C "$c" -o "$work/out4" $D --only led --force >/dev/null 2>&1
check two-builds-identical diff -r "$out/led" "$work/out4/led"

# incremental: an edited notice redraws its village's screen, not another's
sed -i 's/详见公开栏。/详见村委会公开栏。/' "$d/2026-11-25-long-title.md"
LANGUAGE=en "$NB" build -C "$c" -o "$out" $D --only led >"$work/inc.log" 2>&1
# (the summary counts files: the edited village's all, the other's none)
na=$(find "$out/led/fushui/wangjia" -type f | wc -l)
nb=$(find "$out/led/fushui/lijia" -type f | wc -l)
check edit-redraws-only-its-village grep -q ": $na rendered, $nb unchanged" "$work/inc.log"
LANGUAGE=en "$NB" build -C "$c" -o "$out" $D --only led >"$work/inc2.log" 2>&1
check unchanged-build-renders-nothing grep -q ": 0 rendered, $((na + nb)) unchanged" "$work/inc2.log"
exit 0
