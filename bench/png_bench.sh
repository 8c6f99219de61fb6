#!/bin/sh
# png_bench.sh: the PNG encoder, before and after libdeflate, on the demo's
# flowcharts and poster previews, in one run. The demo is built into a
# temporary folder; each of its PNGs is decoded by cairo, and the pixels
# encoded by (bench/png_bench.c, which times the encoding only):
#   after   src/render/png.c as it is (libdeflate);
#   before  the hand-written encoder of commit e37164c (greedy LZ77, fixed
#           Huffman codes), taken from git into the temporary folder; when
#           there is no git history (a tarball), its column is skipped;
#   cairo   cairo_surface_write_to_png_stream (libpng, zlib's default level),
#           for reference.
# Every encoder's PNG must decode to the source's pixels, so before and
# after give the same pixels; the bench stops otherwise. Prints the medians
# of BENCH_RUNS runs (default 5), each encoding every image BENCH_REPEAT
# times (default 1) and counting the mean; one thread.
set -u
: "${NB:?NB must name the program}"
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-5}
repeat=${BENCH_REPEAT:-1}
before=e37164c
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 CI=1

pkgs="cairo libdeflate zlib"
pkg-config --exists $pkgs || { echo "png_bench: pkg-config finds no $pkgs"; exit 1; }
flags="-O2 -std=c11 -D_XOPEN_SOURCE=700 -I$root/src $(pkg-config --cflags $pkgs)"
# the encoders under other names, so that both link into one program: the
# old one's png_* (which libpng, inside cairo, would also find: the program
# names its encoder nbpng_* since) and today's nbpng_*
renamed() {
	for f in begin add_rows finish free encode_rgb24 encoder; do
		printf ' -Dpng_%s=%s_png_%s -Dnbpng_%s=%s_png_%s' "$f" "$1" "$f" "$f" "$1" "$f"
	done
}

$cc $flags $(renamed new) -c -o "$tmp/new_png.o" "$root/src/render/png.c" || {
	echo "png_bench: cannot compile src/render/png.c"; exit 1; }
old=""
if git -C "$root" show "$before:src/render/png.c" >"$tmp/old_png.c" 2>/dev/null &&
    $cc $flags $(renamed old) -c -o "$tmp/old_png.o" "$tmp/old_png.c" 2>"$tmp/old.err"; then
	old="-DHAVE_OLD $tmp/old_png.o"
else
	echo "png_bench: the encoder of commit $before is not available" \
	    "(no git history, or it does not compile): no \"before\" column"
	[ -s "$tmp/old.err" ] && head -5 "$tmp/old.err"
fi
$cc $flags -o "$tmp/png_bench" "$root/bench/png_bench.c" "$tmp/new_png.o" \
    "$root/src/util/buf.c" "$root/src/util/mem.c" "$root/src/util/zrows.c" $old \
    $(pkg-config --libs $pkgs) -lm -lpthread || {
	echo "png_bench: cannot compile bench/png_bench.c"; exit 1; }

"$NB" build -C "$root/content" -o "$tmp/demo" --date 2026-11-27 >/dev/null 2>&1 || {
	echo "png_bench: the demo's build failed"; exit 1; }
cd "$tmp/demo" || exit 1
files=$(find flowcharts posters -name '*.png' | LC_ALL=C sort)
[ -n "$files" ] || { echo "png_bench: the demo made no PNG"; exit 1; }
"$tmp/png_bench" "$runs" "$repeat" $files >"$tmp/results" || exit 1

# lines of results: encoder group images megapixels median_ms bytes
awk -v runs="$runs" -v repeat="$repeat" -v before="$before" '
{ ms[$1, $2] = $5; bytes[$1, $2] = $6; n[$2] = $3; mpx[$2] = $4; have[$1] = 1 }
function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
END {
	name["after"] = "after: src/render/png.c (libdeflate)"
	name["before"] = "before: " before " (greedy LZ77, fixed Huffman)"
	name["cairo"] = "cairo_surface_write_to_png_stream (libpng)"
	printf "# PNG encoding of the demo'"'"'s images: median%s of %d run%s",
	    (runs > 1 ? "s" : ""), runs, (runs > 1 ? "s" : "")
	printf " (each image encoded %d time%s a run), one thread\n", repeat,
	    (repeat > 1 ? "s" : "")
	printf "# %d flowcharts (%.1f Mpx), %d poster previews (%.1f Mpx)\n",
	    n["flowcharts"], mpx["flowcharts"], n["posters"], mpx["posters"]
	print ""
	print "| encoder | flowcharts ms | bytes | posters ms | bytes | total ms | total bytes | time vs before | bytes vs before |"
	print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	split("after before cairo", order, " ")
	for (i = 1; i <= 3; i++) {
		e = order[i]
		if (!have[e]) {
			printf "| %s | - | - | - | - | - | - | - | - |\n", name[e]
			continue
		}
		printf "| %s | %.0f | %d | %.0f | %d | %.0f | %d | %s | %s |\n",
		    name[e], ms[e, "flowcharts"], bytes[e, "flowcharts"],
		    ms[e, "posters"], bytes[e, "posters"], ms[e, "all"],
		    bytes[e, "all"],
		    have["before"] ? ratio(ms[e, "all"], ms["before", "all"]) : "-",
		    have["before"] ? ratio(bytes[e, "all"], bytes["before", "all"]) : "-"
	}
	print ""
	if (have["before"])
		print "every PNG of each encoder decodes to its source'"'"'s pixels: before and after give the same pixels"
	else
		print "every PNG of each encoder decodes to its source'"'"'s pixels"
}' "$tmp/results"
