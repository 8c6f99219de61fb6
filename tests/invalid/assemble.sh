#!/bin/sh
# assemble.sh CASE_DIR TREE: lays out the content tree of one case of
# tests/invalid: the valid tree in _base/, the files of CASE_DIR/tree/ laid
# over it, the paths listed in CASE_DIR/delete removed, and
# CASE_DIR/prepare run inside it when there is one.
set -u
dir=$1 tree=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$tree"
cp -R "$here/_base/." "$tree/"
[ -d "$dir/tree" ] && cp -R "$dir/tree/." "$tree/"
if [ -f "$dir/delete" ]; then
	while IFS= read -r p; do
		[ -n "$p" ] && rm -rf "${tree:?}/$p"
	done <"$dir/delete"
fi
if [ -x "$dir/prepare" ]; then
	(cd "$tree" && "$dir/prepare")
fi
exit 0
