#!/bin/sh
# suite.sh: the spec runner's own behaviour when the spec's data (not in the
# repository) is absent: skipped with the reason and a success when it was
# only looked for beside the source tree; a failure when MUSTACHE_SPEC_DIR
# names a folder that is not there.
set -u
: "${BUILD:?}"
t="$BUILD/tests/mustache/spec_test"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass() { echo "PASS: mustache/$1"; }
fail() { echo "FAIL: mustache/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -10; }

mkdir -p "$work/clone"
env -u MUSTACHE_SPEC_DIR NB_ROOT="$work/clone" "$t" >"$work/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c '^SKIP: mustache/.*MUSTACHE_SPEC_DIR' "$work/out")" -eq 7 ] &&
    ! grep -q '^FAIL' "$work/out"; then
	pass spec-absent-is-skipped
else
	fail spec-absent-is-skipped "$work/out"
fi
MUSTACHE_SPEC_DIR="$work/nowhere" NB_ROOT="$work/clone" "$t" >"$work/out" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q '^FAIL: mustache/comments cannot open' "$work/out" \
    && pass named-spec-folder-missing-fails || fail named-spec-folder-missing-fails "$work/out"
