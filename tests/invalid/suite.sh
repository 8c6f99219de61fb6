#!/bin/sh
# suite.sh: each tests/invalid/<case>/ is a broken content tree: the valid
# tree in _base/ with the files of <case>/tree/ laid over it and the paths
# listed in <case>/delete removed. `noticeboard check` must print exactly
# <case>/expected (stderr, in full) and exit with <case>/status (default 1).
# With UPDATE=1 the expected files are rewritten (review the diff!).
set -u
: "${NB:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
for dir in "$here"/*/; do
	name=$(basename "$dir")
	[ "$name" = _base ] && continue
	tree="$work/$name"
	sh "$here/assemble.sh" "$dir" "$tree"
	want_status=1
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	(cd "$work" && "$NB" check -C "$name" --date 2026-11-27) \
	    >"$work/$name.out" 2>"$work/$name.err"
	status=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/$name.err" "$dir/expected"
		if [ "$status" != 1 ]; then echo "$status" >"$dir/status"; else rm -f "$dir/status"; fi
	fi
	if [ "$status" != "$want_status" ]; then
		echo "FAIL: invalid/$name: exit status $status, expected $want_status"
		sed 's/^/      /' "$work/$name.err" | head -20
	elif ! diff -u "$dir/expected" "$work/$name.err" >"$work/$name.diff"; then
		echo "FAIL: invalid/$name: diagnostics differ"
		sed 's/^/      /' "$work/$name.diff" | head -30
	else
		echo "PASS: invalid/$name"
	fi
done
