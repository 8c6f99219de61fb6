# lib.sh: what the suites share, sourced after NB and NB_ROOT are checked:
#   . "$NB_ROOT/tests/lib.sh"; suite_begin NAME
# gives a scratch folder $work (kept when KEEP is set), the UTC clock and
# the UTF-8 locale the expectations are written in, and the lines
# tests/run.sh counts: pass NAME, fail NAME [FILE: its first lines shown],
# skip NAME, check NAME COMMAND... (passes when the command does; its
# output is shown on failure) and need_tools TOOL... (the whole suite is
# one skip when a tool is missing).
suite_begin() {
	suite=$1
	work=$(mktemp -d)
	trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
	export TZ=UTC LC_ALL=C.UTF-8
}
pass() { echo "PASS: $suite/$1"; }
fail() {
	echo "FAIL: $suite/$1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/      /' "$2" | head -20
	return 0
}
skip() { echo "SKIP: $suite/$1"; }
check() {
	name=$1; shift
	if "$@" >"$work/check.out" 2>&1; then pass "$name"; else fail "$name" "$work/check.out"; fi
}
need_tools() {
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			skip "all ($tool missing)"
			exit 0
		fi
	done
}
