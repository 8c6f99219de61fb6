#!/bin/sh
# suite.sh: the shape of the source tree, as docs/source-map.md describes
# it: src/ holds main.c and one folder per module, each listed in the map;
# every file starts with a comment saying what it is for and has at most
# 1,500 lines; nothing names the engine's old folder; and no two files of one
# module call each other in a circle (read from the objects' symbols).
set -u
: "${NB_ROOT:?}" "${BUILD:?}"
cd "$NB_ROOT" || exit 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass() { echo "PASS: tree/$1"; }
fail() { echo "FAIL: tree/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }

# src/ root: main.c only
ls src | grep -v -x -e main.c | while read -r e; do
	[ -d "src/$e" ] || echo "src/$e"
done >"$work/root"
[ -s "$work/root" ] && fail src-root-holds-only-main.c "$work/root" || pass src-root-holds-only-main.c

# every source file opens with "/* NAME: what it is for"
: >"$work/heads"
for f in $(find src -name '*.[ch]' | LC_ALL=C sort); do
	n=$(basename "$f")
	head -1 "$f" | grep -q "^/\* $n: ..*" || echo "$f: $(head -1 "$f")" >>"$work/heads"
done
[ -s "$work/heads" ] && fail every-file-says-what-it-is-for "$work/heads" || pass every-file-says-what-it-is-for

# no file over 1,500 lines
find src -name '*.[ch]' -exec wc -l {} + | awk '$2 != "total" && $1 > 1500' >"$work/long"
[ -s "$work/long" ] && fail no-file-over-1500-lines "$work/long" || pass no-file-over-1500-lines

# every module folder is in the source map, and the map names no folder
# of src/ that is not there (reserved homes are marked as such)
map=docs/source-map.md
if [ -f "$map" ]; then
	: >"$work/map"
	for d in $(find src -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort); do
		grep -q "\`$d/\`" "$map" || echo "$d/ is not in $map" >>"$work/map"
	done
	grep -o '`src/[a-z_]*/`' "$map" | tr -d '`' | sort -u | while read -r d; do
		[ -d "$d" ] || grep "\`$d\`" "$map" | grep -q -i 'reserved' ||
		    echo "$d is in $map but not in src/ (nor marked reserved)"
	done >>"$work/map"
	[ -s "$work/map" ] && fail source-map-lists-every-module "$work/map" || pass source-map-lists-every-module
else
	fail source-map-exists
fi

# the old name of the engine's folder is gone (the build/ object folder
# and the test's own text aside)
# (the pattern is spelt in two halves so that this file does not name it)
old_dir="src/$(printf build)"
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
	git grep -n "$old_dir" -- . >"$work/old" 2>/dev/null
else
	grep -rn "$old_dir" --exclude-dir=build --exclude-dir=.git \
	    --exclude-dir=node_modules . >"$work/old" 2>/dev/null
fi
[ -s "$work/old" ] && fail no-src-build "$work/old" || pass no-src-build

# the circle finder finds a circle: two files of one module calling each
# other; a function calling itself inside one file is no circle
mkdir -p "$work/o/src/m" "$work/o2/src/m"
printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' >"$work/a.c"
printf 'int a(int);\nint b(int x) { return x ? a(x - 1) : 1; }\n' >"$work/b.c"
printf 'int r(int x) { return x ? r(x - 1) : 0; }\n' >"$work/r.c"
printf 'int r(int);\nint s(int x) { return r(x); }\n' >"$work/s.c"
cc -c -o "$work/o/src/m/a.o" "$work/a.c" && cc -c -o "$work/o/src/m/b.o" "$work/b.c" &&
    cc -c -o "$work/o2/src/m/r.o" "$work/r.c" && cc -c -o "$work/o2/src/m/s.o" "$work/s.c"
python3 tests/tree/calls.py "$work/o" >"$work/self" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'circle: src/m/a.c src/m/b.c' "$work/self" &&
    grep -q 'src/m/a.c -> src/m/b.c: b' "$work/self" \
    && pass circle-finder-finds-a-circle || fail circle-finder-finds-a-circle "$work/self"
python3 tests/tree/calls.py "$work/o2" >"$work/self2" 2>&1 \
    && pass circle-finder-allows-recursion || fail circle-finder-allows-recursion "$work/self2"

# no name of ours in a library's namespace: libpng (linked by cairo) calls
# its png_* functions through the program's symbols, and would find ours
for o in $(find "$BUILD/src" -name '*.o'); do
	nm -g --defined-only "$o" 2>/dev/null | awk -v o="${o#$BUILD/}" '$3 ~ /^(png_|cairo_|pango_|yaml_|cmark_|FT_|Fc|XXH|libdeflate_|deflate|inflate|crc32|adler32)/ {print o ": " $3}' 
done >"$work/ns"
[ -s "$work/ns" ] && fail no-symbol-in-a-library-namespace "$work/ns" || pass no-symbol-in-a-library-namespace

# the program's own files
python3 tests/tree/calls.py "$BUILD" --sources . >"$work/calls" 2>&1 \
    && pass no-circle-of-calls-inside-a-module || fail no-circle-of-calls-inside-a-module "$work/calls"
