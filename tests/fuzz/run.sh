#!/bin/sh
# run.sh SECONDS: builds the fuzzers with clang (libFuzzer, ASan, UBSan) and
# runs each for SECONDS: the loader's on a seed corpus made from content/,
# the image loader's on small JPEGs and PNGs made by image_seeds.c, the
# template engine's on the default theme's templates, the walker's on a few
# folder trees described as operations (fuzz_walk.c), the comparison of the
# two YAML readers on the demo's front matter (fuzz_yaml.c). The template bounds
# are smaller here (1 MiB, 1,000,000 steps), to be reached in the time.
# Prints PASS or FAIL like the other suites.
set -u
secs=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 3
out=build/fuzz
mkdir -p "$out/obj" "$out/corpus" "$out/found" "$out/images"
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "FAIL: fuzz: $CC is not installed (apt-get install clang)"
	exit 1
fi
# the program's own libraries: the Makefile's list (make fuzz passes it)
pkgs=${PKGS:-libcmark-gfm yaml-0.1 pangocairo cairo libqrencode fontconfig libdeflate libxxhash zlib libmicrohttpd libjpeg libpng libexif}
flags="-std=c11 -g -O1 -D_XOPEN_SOURCE=700 -DNB_VERSION=\"fuzz\" -DMU_MAX_OUTPUT=1048576 -DMU_MAX_STEPS=1000000ULL -Isrc -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags $pkgs)"
objs=""
for f in $(find src -name '*.c' ! -path src/main.c | LC_ALL=C sort); do
	o="$out/obj/$(echo "$f" | tr / _).o"
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
		$CC $flags -c -o "$o" "$f" || { echo "FAIL: fuzz: cannot build $f"; exit 1; }
	fi
	objs="$objs $o"
done
$CC $flags -fsanitize=fuzzer -o "$out/fuzz_load" tests/fuzz/fuzz_load.c $objs \
    $(pkg-config --libs $pkgs) -lpthread -lm \
    || { echo "FAIL: fuzz: cannot link"; exit 1; }
$CC $flags -fsanitize=fuzzer -o "$out/fuzz_image" tests/fuzz/fuzz_image.c $objs \
    $(pkg-config --libs $pkgs) -lpthread -lm \
    || { echo "FAIL: fuzz: cannot link the image fuzzer"; exit 1; }
for target in fuzz_mustache fuzz_walk fuzz_yaml; do
	$CC $flags -fsanitize=fuzzer -o "$out/$target" tests/fuzz/$target.c $objs \
	    $(pkg-config --libs $pkgs) -lpthread -lm \
	    || { echo "FAIL: fuzz: cannot link $target"; exit 1; }
done
# the image fuzzer's seeds, made by the library (and libjpeg, libpng)
$CC $flags -o "$out/image_seeds" tests/fuzz/image_seeds.c $objs \
    $(pkg-config --libs $pkgs) -lpthread -lm &&
    ASAN_OPTIONS=detect_leaks=0 "$out/image_seeds" "$out/images" \
    || { echo "FAIL: fuzz: cannot make the image seeds"; exit 1; }

# seeds: every record and catalog file of the demo and the test trees, each
# with the first byte that makes the fuzzer read it as that kind of file
i=0
for f in $(find content tests/invalid -name '*.md' | LC_ALL=C sort); do
	{ printf '\003'; cat "$f"; } >"$out/corpus/rec$i"; i=$((i + 1))
done
for kind in powers:'\000' services:'\001' duties:'\002'; do
	name=${kind%%:*}; byte=${kind#*:}
	for f in $(find content/catalog tests/invalid/_base/catalog seeds/catalog -name "$name.yaml" 2>/dev/null); do
		{ printf "$byte"; cat "$f"; } >"$out/corpus/$name$i"; i=$((i + 1))
	done
done
# run TARGET CORPUS: one fuzzer for $secs seconds; 0 when it found nothing
run() {
	LSAN_OPTIONS=suppressions=$root/tests/lsan.supp NB_FUZZ_BASE=tests/invalid/_base "$out/$1" -max_total_time="$secs" \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/found/$1-" \
	    "$2" >"$out/$1.log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$1.log" | grep -o '[0-9]*$')
	[ -z "$execs" ] && execs=$(grep -Eo '#[0-9]+' "$out/$1.log" | tail -1 | tr -d '#')
	if [ $rc -eq 0 ]; then
		echo "PASS: fuzz: $1: ${secs}s, ${execs:-?} inputs, no finding"
		return 0
	fi
	echo "FAIL: fuzz: $1: finding after ${execs:-?} inputs (see $out/$1.log and $out/found)"
	tail -40 "$out/$1.log"
	return 1
}
failed=0
run fuzz_load "$out/corpus" || failed=1
run fuzz_image "$out/images" || failed=1
# the template engine's seeds: the default theme's templates, each alone
# and each page with the partials it names after 0x01 bytes
mkdir -p "$out/templates" "$out/walks"
i=0
for f in $(find themes -name '*.html' | LC_ALL=C sort); do
	cp "$f" "$out/templates/t$i"; i=$((i + 1))
done
printf '{{>t1}}{{>t1}}\001{{#l}}{{>t2}}{{/l}}\001  {{s}}\n{{{s}}}\n' >"$out/templates/partials"
printf '{{<t1}}{{$a}}x{{/a}}{{/t1}}\001[{{$a}}d{{/a}}]{{=<%% %%>=}}<%%s%%>' >"$out/templates/parent"
run fuzz_mustache "$out/templates" || failed=1
# the walker's seeds: a town, a village, records, links sideways and out
printf '\000\000\000\003\001\001\000\001\001\003\002\000\004\002\000' >"$out/walks/village"
printf '\000\000\005\000\001\006\001\002\002\001\002\002\002\001\000\002\001\005' >"$out/walks/links"
run fuzz_walk "$out/walks" || failed=1
# the two YAML readers compared (fuzz_yaml.c): every front matter of the
# demo and the test trees
mkdir -p "$out/yaml"
i=0
for f in $(find content tests/invalid -name '*.md' | LC_ALL=C sort); do
	sed -n '2,/^---$/{/^---$/d;p}' "$f" >"$out/yaml/fm$i"; i=$((i + 1))
done
run fuzz_yaml "$out/yaml" || failed=1
exit $failed
