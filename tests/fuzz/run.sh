#!/bin/sh
# run.sh SECONDS: builds the loader fuzzer with clang (libFuzzer, ASan,
# UBSan) and runs it for SECONDS on a seed corpus made from content/.
# Prints PASS or FAIL like the other suites.
set -u
secs=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 3
out=build/fuzz
mkdir -p "$out/obj" "$out/corpus" "$out/found"
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "FAIL: fuzz: $CC is not installed (apt-get install clang)"
	exit 1
fi
# the program's own libraries: the Makefile's list (make fuzz passes it)
pkgs=${PKGS:-libcmark-gfm yaml-0.1 pangocairo cairo libqrencode fontconfig libdeflate libxxhash zlib}
flags="-std=c11 -g -O1 -D_XOPEN_SOURCE=700 -DNB_VERSION=\"fuzz\" -Isrc -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags $pkgs)"
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
LSAN_OPTIONS=suppressions=$root/tests/lsan.supp NB_FUZZ_BASE=tests/invalid/_base "$out/fuzz_load" -max_total_time="$secs" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/found/" \
    "$out/corpus" >"$out/log" 2>&1
rc=$?
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/log" | grep -o '[0-9]*$')
[ -z "$execs" ] && execs=$(grep -Eo '#[0-9]+' "$out/log" | tail -1 | tr -d '#')
if [ $rc -eq 0 ]; then
	echo "PASS: fuzz: ${secs}s, ${execs:-?} inputs, no finding"
else
	echo "FAIL: fuzz: finding after ${execs:-?} inputs (see $out/log and $out/found)"
	tail -40 "$out/log"
	exit 1
fi
