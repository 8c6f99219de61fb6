#!/bin/sh
# suite.sh: a whole build (site, posters, flowcharts) of the test county under
# valgrind: no invalid access, no use of uninitialised memory, and no leak
# but the libraries' own (lib.supp). Not run in sanitizer builds, which
# valgrind cannot run.
set -u
: "${NB:?}" "${NB_ROOT:?}"
if [ "${SANITIZE:-}" = 1 ]; then
	echo "SKIP: valgrind: a sanitizer build cannot run under valgrind"
	exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "FAIL: valgrind: valgrind is not installed"
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=9 --num-callers=40 \
    --suppressions="$NB_ROOT/tests/valgrind/lib.supp" \
    "$NB" build -C "$NB_ROOT/tests/invalid/_base" -o "$work/out" \
    --date 2026-11-27 -j 2 >"$work/out.txt" 2>"$work/vg.txt"
st=$?
if [ $st -eq 0 ] && [ -f "$work/out/posters/catalog/powers.pdf" ]; then
	echo "PASS: valgrind: a full build is clean"
else
	echo "FAIL: valgrind: status $st"
	grep -E '==[0-9]+== ' "$work/vg.txt" | head -40
fi
