#!/bin/sh
# media_bench.sh: a phone's photo made ready for the site: a 4000 x 3000
# JPEG (made by bench/media_bench.c) scaled to its 1600 and 800 px
# variants, upright and without metadata, by src/media against ImageMagick
# doing the same in one command (decoded once, written twice):
#   convert in.jpg -auto-orient -strip -resize 1600x1600 -quality 82
#       -write 1600.jpg -resize 800x800 800.jpg
# as ImageMagick runs it (all cores), on one thread (MAGICK_THREAD_LIMIT=1,
# as ours runs), and with -define jpeg:size=1600x1200 (libjpeg's decoding
# at a scale: 2000x1500 here, as ours does by itself). Medians of BENCH_RUNS runs
# (default 5); files read and written included. Without ImageMagick, only
# our figures are printed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-5}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

pkgs="libjpeg libpng libexif libdeflate libxxhash"
pkg-config --exists $pkgs || { echo "media_bench: pkg-config finds no $pkgs"; exit 1; }
$cc -O2 -std=c11 -D_XOPEN_SOURCE=700 -I"$root/src" $(pkg-config --cflags $pkgs) \
    -o "$tmp/media_bench" "$root/bench/media_bench.c" "$root"/src/media/*.c \
    "$root/src/render/png.c" "$root/src/util/buf.c" "$root/src/util/mem.c" \
    "$root/src/util/hash.c" "$root/src/util/file.c" \
    $(pkg-config --libs $pkgs) -lm || { echo "media_bench: cannot compile"; exit 1; }
"$tmp/media_bench" gen "$tmp/photo.jpg" || exit 1
mkdir -p "$tmp/ours" "$tmp/im"

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now_ms() { date +%s%N | awk '{printf "%.1f\n", $1 / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
size() { wc -c <"$1" | tr -d ' '; }

ours=$("$tmp/media_bench" variants "$runs" "$tmp/photo.jpg" "$tmp/ours" | median) || exit 1

# the real ImageMagick: Debian's, not a stand-in that only converts to PPM
im=""
for c in /usr/bin/convert convert; do
	if command -v "$c" >/dev/null 2>&1 && "$c" -version 2>/dev/null | grep -q ImageMagick; then
		im=$c; break
	fi
done
magick() { # extra environment and options, then the runs' median
	env=$1; shift
	for i in $(seq "$runs"); do
		s=$(now_ms)
		env $env "$im" "$@" "$tmp/photo.jpg" -auto-orient -strip -resize 1600x1600 \
		    -quality 82 -write "$tmp/im/1600.jpg" -resize 800x800 "$tmp/im/800.jpg" || return 1
		e=$(now_ms)
		awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", e - s }'
	done | median
}

echo "# a 4000x3000 JPEG ($(size "$tmp/photo.jpg") bytes) to its 1600 and 800 px variants: medians of $runs runs, ms"
echo
echo "| program | median ms | vs ours | 1600 px bytes | 800 px bytes |"
echo "|---|---:|---:|---:|---:|"
echo "| ours: src/media (one thread) | $ours | 1.00 | $(size "$tmp/ours/1600.jpg") | $(size "$tmp/ours/800.jpg") |"
if [ -z "$im" ]; then
	echo
	echo "ImageMagick's convert is not installed (apt-get install imagemagick): no comparison"
else
	m_all=$(magick "") || { echo "media_bench: convert failed"; exit 1; }
	b1=$(size "$tmp/im/1600.jpg"); b2=$(size "$tmp/im/800.jpg")
	echo "| convert -resize ($(nproc) cores) | $m_all | $(ratio "$m_all" "$ours") | $b1 | $b2 |"
	m_one=$(magick "MAGICK_THREAD_LIMIT=1") || exit 1
	echo "| convert -resize, one thread | $m_one | $(ratio "$m_one" "$ours") | $b1 | $b2 |"
	m_hint=$(magick "" -define jpeg:size=1600x1200) || exit 1
	echo "| convert -define jpeg:size=1600x1200 -resize | $m_hint | $(ratio "$m_hint" "$ours") | $(size "$tmp/im/1600.jpg") | $(size "$tmp/im/800.jpg") |"
	echo
	echo "\"vs ours\": the program's time over ours (above 1: ours is faster)"
fi

# ---- 2. the demo county with a photo in 100 records ----
# Each of the first 100 village records (by path) shows a photo of its own:
# the photo above with bytes after its end (decoders ignore them), so that
# no two share a hash and none is made once for all. A full build into an
# empty folder, with and without the photos; the time the photos add,
# against ImageMagick making the same 1600 and 800 px variants of the 100
# photos, one command each (the command above; all cores, as it runs).
[ -n "${NB:-}" ] || { echo; echo "NB is not set: no demo build"; exit 0; }
D="--date 2026-11-27"
export CI=1
out=$( [ -d /dev/shm ] && mktemp -d /dev/shm/nb-media-out.XXXXXX || echo "$tmp/out")
trap 'rm -rf "$tmp" "$out"' EXIT
cp -R "$root/content" "$tmp/plain"
cp -R "$root/content" "$tmp/photos"
find "$tmp/photos" -path '*/20[0-9][0-9]/*' -name '*.md' | LC_ALL=C sort | head -100 >"$tmp/records"
n=0
while read -r rec; do
	n=$((n + 1))
	dir=$(dirname "$rec")
	{ cat "$tmp/photo.jpg"; printf 'photo %d' "$n"; } >"$dir/photo-$n.jpg"
	printf '\n\n![现场照片 %d](photo-%d.jpg)\n' "$n" "$n" >>"$rec"
done <"$tmp/records"
build_ms() { # content folder: one full build into an empty folder, ms
	rm -rf "$out/o"
	s=$(now_ms)
	"$NB" build -C "$1" -o "$out/o" $D >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; return 1; }
	e=$(now_ms)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", e - s }'
}
plain=$(for i in $(seq "$runs"); do build_ms "$tmp/plain" || exit 1; done | median)
with=$(for i in $(seq "$runs"); do build_ms "$tmp/photos" || exit 1; done | median)
added=$(awk -v a="$with" -v b="$plain" 'BEGIN { printf "%.1f", a - b }')
photos=$(find "$out/o/site/media" -name '*-1600.jpg' | wc -l)
echo
echo "# the demo county, full build into an empty folder ($(nproc) cores), $n records with a 4000x3000 photo each: medians of $runs runs, ms"
echo
echo "| build | median ms |"
echo "|---|---:|"
echo "| without photos | $plain |"
echo "| with the photos ($photos photos on the site) | $with |"
echo "| added by the photos | $added |"
[ -n "$im" ] || exit 0
im_all() {
	s=$(now_ms)
	for f in $(find "$tmp/photos" -name 'photo-*.jpg'); do
		"$im" "$f" -auto-orient -strip -resize 1600x1600 -quality 82 \
		    -write "$tmp/im/1600.jpg" -resize 800x800 "$tmp/im/800.jpg" || return 1
	done
	e=$(now_ms)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", e - s }'
}
m=$(for i in $(seq "$runs"); do im_all || exit 1; done | median)
echo "| convert -resize, the same variants of the $n photos | $m |"
echo
echo "the photos' time over ImageMagick's: $(ratio "$added" "$m") (below 1: the whole build's added time is less than ImageMagick's resizes alone)"
