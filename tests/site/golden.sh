#!/bin/sh
# golden.sh SITE: compares demo pages with the expected HTML in golden/, in
# full. UPDATE=1 writes the current pages as the new expectation: review the
# diff before committing it. The flowchart section is left out of the
# comparison: its steps are the flow library's text (flow_text_html, tested
# in tests/flow); suite.sh checks that the chart and that text are there.
set -u
site=$1
here=$(cd "$(dirname "$0")" && pwd)
status=0
# the page without its <section class="flow"> ... </section>
strip() {
	awk '/^<section class="flow"/ { skip = 1 } !skip { print } skip && /^<\/section>/ { skip = 0 }' "$1"
}
while read -r name path; do
	case $name in ''|'#'*) continue ;; esac
	want=$here/golden/$name
	got=$site/$path
	if [ ! -f "$got" ]; then
		echo "missing page $path"; status=1; continue
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		strip "$got" >"$want"
		echo "updated $name"
	elif ! strip "$got" | diff -u "$want" - >"$site.golden.diff" 2>&1; then
		echo "$path differs from golden/$name:"
		head -40 "$site.golden.diff"
		status=1
	fi
	rm -f "$site.golden.diff"
done <"$here/golden/pages.txt"
exit $status
