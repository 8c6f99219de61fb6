#!/bin/sh
# run.sh: runs every test suite and counts the PASS and FAIL lines they print
# (INFO lines are shown, not counted).
# Called by `make check` with NB (the program) and BUILD (the build folder).
# Unit and spec tests are programs tests/**/*_test.c; other suites are
# scripts tests/*/suite.sh. A check that cannot run here (a tool or data
# from outside the repository that is absent, a mode it does not apply to)
# prints SKIP. The last line is "N passed, N failed, N skipped".
set -u
export TZ=UTC LC_ALL=C.UTF-8
# the suites read the program's messages in English (their expectations are
# English); tests/i18n checks the Chinese default and every message in it
export LANGUAGE=en
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 3
: "${NB:?}" "${BUILD:?}"
export NB BUILD NB_ROOT="$root"
# the font subsets builds make (src/render/subset.h) go to the build
# folder, not the user's cache: made once a test run, removed by make clean
export XDG_CACHE_HOME="$BUILD/test-cache"
mkdir -p "$XDG_CACHE_HOME"
# library caches that LeakSanitizer would report (see the file)
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# whole stacks, so that the suppressions match frames inside the libraries
export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
	# $1: a label, then the command
	label=$1; shift
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^(PASS|FAIL|SKIP): ' >>"$log"
	printf '%s\n' "$out" | grep -E '^FAIL: ' -A3 | sed 's/^/  /'
	# what a suite reports without passing or failing on it
	printf '%s\n' "$out" | grep -E '^INFO: ' | sed 's/^/  /'
	if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL: '; then
		# a crash or an error before any check: count it and show why
		echo "FAIL: $label exited with status $rc" >>"$log"
		echo "  FAIL: $label exited with status $rc"
		printf '%s\n' "$out" | tail -n 15 | sed 's/^/    /'
	fi
	n_pass=$(printf '%s\n' "$out" | grep -c '^PASS: ')
	n_fail=$(printf '%s\n' "$out" | grep -c '^FAIL: ')
	n_skip=$(printf '%s\n' "$out" | grep -c '^SKIP: ')
	printf '%-40s %5d passed, %d failed, %d skipped\n' "$label" "$n_pass" "$n_fail" "$n_skip"
}

# the programs of the sources there are now: not a binary left in the build
# folder by a test since removed; a source whose program is missing fails
for src in $(find tests -name '*_test.c' | LC_ALL=C sort); do
	t=${src%.c}
	run_suite "$t" "$BUILD/$t"
done
for s in $(find tests -mindepth 2 -maxdepth 2 -name suite.sh | LC_ALL=C sort); do
	run_suite "$s" sh "$s"
done

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
