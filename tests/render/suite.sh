#!/bin/sh
# suite.sh: the build's subset of Noto Sans CJK SC (render/subset.h). A
# small county, whose board's week has a title with characters beyond the
# subset (龘, 堃) and a notice with one of GB 2312's second level (诿, in
# the subset of the rare characters), is built (posters and flowcharts)
# with the subset and with NOTICEBOARD_FONT_SUBSET=off: the PNG previews
# are the same bytes, the PDFs the same pixels (pdftoppm), text
# (pdftotext), fonts and subset names less their tags (pdffonts) and pages
# (pdfinfo). The subsets are made once in the cache folder and found
# there by the next build; a cache folder that cannot be written gives
# the same output from a private folder removed at exit; and a build that
# changes between the subset and the installed font renders its posters
# again (the cache key). One chart (noticeboard flow) draws from the
# subsets a build made, the same pixels, and never makes them. A build
# killed while it makes them leaves none half made.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin render
need_tools pdftoppm pdftotext pdffonts pdfinfo
cd "$work" || exit 1
D="--date 2026-11-27"

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
cat >"$c/fushui/wangjia/2026/11/2026-11-24-notice.md" <<'MD'
---
type: notice
title: 龘堃村道通知
date: 2026-11-24
checked: {by: 张秀英, date: 2026-11-24}
---
村道硬化工程（如有变动另行通知，不得推诿）：ABC abc 123 ①② “引号” ¥100.00。
MD
mkdir -p "$work/cache" "$work/tmp"
export XDG_CACHE_HOME=$work/cache TMPDIR=$work/tmp
build() {
	"$NB" build --only posters,flowcharts -C "$c" -o "$1" $D -j 2 \
	    >"$work/build.out" 2>&1
}
build "$work/sub"
check "a build with the subset succeeds" test $? -eq 0
n_fonts=$(find "$work/cache/noticeboard/fonts" -name '*.otf' | wc -l)
check "the four subsets (the common and the rare characters of each weight) are made in the cache folder" \
    test "$n_fonts" -eq 4
ls -l --time-style=+%s.%N "$work/cache/noticeboard/fonts" >"$work/cache1"
NOTICEBOARD_FONT_SUBSET=off build "$work/full"
check "a build with the installed font succeeds" test $? -eq 0

# same output: PNG bytes, PDF pixels, text, fonts, pages
same() {
	a=$1 b=$2 bad=0 n=0
	for p in $(cd "$a" && find . -name '*.png' | LC_ALL=C sort); do
		n=$((n + 1))
		cmp -s "$a/$p" "$b/$p" || { echo "png: $p"; bad=$((bad + 1)); }
	done
	for p in $(cd "$a" && find . -name '*.pdf' | LC_ALL=C sort); do
		n=$((n + 1))
		pdftoppm -r 50 "$a/$p" "$work/pa" && pdftoppm -r 50 "$b/$p" "$work/pb" ||
		    { echo "pdftoppm: $p"; bad=$((bad + 1)); }
		for q in "$work"/pa*.ppm; do
			cmp -s "$q" "$work/pb${q#"$work/pa"}" ||
			    { echo "pixels: $p"; bad=$((bad + 1)); }
		done
		rm -f "$work"/pa*.ppm "$work"/pb*.ppm
		pdftotext "$a/$p" "$work/ta" && pdftotext "$b/$p" "$work/tb" &&
		    cmp -s "$work/ta" "$work/tb" || { echo "text: $p"; bad=$((bad + 1)); }
		for x in a b; do
			eval f=\$$x
			pdffonts "$f/$p" | tail -n +3 | sed 's/^[A-Z]\{6\}+//' |
			    awk '{print $1, $2, $3, $4, $5, $6, $7}' >"$work/f$x"
			pdfinfo "$f/$p" | grep -v -e Date -e 'File size' >"$work/i$x"
		done
		# a character beyond the subset adds a subset of the installed
		# font of the same name: the names are the same, each once
		sort -u "$work/fa" >"$work/fa.u"
		sort -u "$work/fb" >"$work/fb.u"
		cmp -s "$work/fa.u" "$work/fb.u" || { echo "fonts: $p"; bad=$((bad + 1)); }
		cmp -s "$work/ia" "$work/ib" || { echo "info: $p"; bad=$((bad + 1)); }
	done
	echo "$n files, $bad differences"
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}
check "the output is the same with the subset as with the installed font" \
    same "$work/full" "$work/sub"
board=$(find "$work/sub/posters" -path '*wangjia*' -name '*.pdf' | head -1)
check "the board with 龘堃 says it" sh -c "pdftotext '$board' - | grep -q 龘堃村道通知"
pdffonts "$board" >"$work/board.fonts"
check "its fonts are embedded subsets, none Type 3" awk 'NR > 2 {
	if ($2 != "CID" || $(NF-4) != "yes" || $(NF-3) != "yes") bad++; n++ }
	END { exit !(n >= 2 && bad == 0) }' "$work/board.fonts"
check "the title's 龘堃 come from the installed bold font, the rest from the subset" \
    test "$(grep -c 'NotoSansCJKsc-Bold ' "$work/board.fonts")" -eq 2

# the next build finds the subsets
rm -rf "$work/sub2"
build "$work/sub2"
ls -l --time-style=+%s.%N "$work/cache/noticeboard/fonts" >"$work/cache2"
check "the next build uses the subsets already made" cmp "$work/cache1" "$work/cache2"
check "and gives the same bytes" diff -r "$work/sub" "$work/sub2"

# a cache folder that cannot be written: a private one, removed at exit
: >"$work/not-a-folder"
XDG_CACHE_HOME=$work/not-a-folder build "$work/priv"
check "a build whose cache folder cannot be written succeeds" test $? -eq 0
check "with the same output" diff -r "$work/sub" "$work/priv"
check "and leaves no private folder behind" test -z "$(ls -A "$work/tmp")"

# a cache folder that may be read but not written (a shared one, say)
# still serves the subsets made in it: the same bytes as from the
# writable cache, with no private folder to make them in (its TMPDIR
# cannot be written either); root, whom no mode stops, runs it as nobody
mkdir -p "$work/ro/cache" "$work/ro/tmp" "$work/ro/out"
cp -R "$work/cache/noticeboard" "$work/ro/cache/"
cp -R "$c" "$work/ro/c"
chmod -R a-w "$work/ro/cache" "$work/ro/tmp"
chmod -R a+rX "$work/ro/cache" "$work/ro/c"
chmod a+rwx "$work/ro/out"
as_other=
if [ "$(id -u)" = 0 ]; then
	as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	$as_other true 2>/dev/null || as_other=skip
	# nobody must reach the files through the folders above them
	chmod a+x "$work" 2>/dev/null
fi
# under the sanitizers, the leak checker reads its suppressions as the
# other user: a copy where that user can read it (the checkout may be
# private to its owner)
cp "$NB_ROOT/tests/lsan.supp" "$work/lsan.supp" && chmod a+r "$work/lsan.supp"
lsan=$(printf '%s' "${LSAN_OPTIONS:-}" | sed "s|suppressions=[^:]*|suppressions=$work/lsan.supp|")
if [ "$as_other" = skip ]; then
	skip "a read-only cache folder serves its subsets (setpriv is missing)"
else
	LSAN_OPTIONS=$lsan XDG_CACHE_HOME=$work/ro/cache TMPDIR=$work/ro/tmp $as_other "$NB" build \
	    --only posters,flowcharts -C "$work/ro/c" -o "$work/ro/out/o" $D -j 2 \
	    >"$work/ro/build.out" 2>&1
	check "a build whose cache folder is read-only succeeds" test $? -eq 0
	check "drawing from the subsets in it: the same bytes" \
	    diff -r "$work/sub" "$work/ro/out/o"
fi
chmod -R u+w "$work/ro"

# the cache key: the installed font then the subset renders again
build "$work/inc"
NOTICEBOARD_FONT_SUBSET=off build "$work/inc"
check "the installed font instead of the subset renders the posters again" \
    cmp "$work/full/posters/fushui/wangjia/2026-11-23.pdf" \
    "$work/inc/posters/fushui/wangjia/2026-11-23.pdf"
build "$work/inc"
check "and the subset again renders them again" \
    cmp "$work/sub/posters/fushui/wangjia/2026-11-23.pdf" \
    "$work/inc/posters/fushui/wangjia/2026-11-23.pdf"

# one chart: the subsets when a build has made them, never made for it
f=$NB_ROOT/tests/flow/corpus/long-labels.yaml
[ -f "$f" ] || f=$(find "$NB_ROOT/tests/flow/corpus" -name '*.yaml' | LC_ALL=C sort | head -1)
mkdir -p "$work/cache-empty"
XDG_CACHE_HOME=$work/cache-empty "$NB" flow "$f" -o "$work/one-new.pdf" >/dev/null 2>&1
check "one chart with no subsets made yet succeeds" test -s "$work/one-new.pdf"
check "and makes none" test -z "$(find "$work/cache-empty" -name '*.otf')"
"$NB" flow "$f" -o "$work/one-sub.pdf" >/dev/null 2>&1
NOTICEBOARD_FONT_SUBSET=off "$NB" flow "$f" -o "$work/one-full.pdf" >/dev/null 2>&1
check "one chart drawn from the subsets is another PDF" sh -c \
    "! cmp -s '$work/one-sub.pdf' '$work/one-full.pdf'"
mkdir -p "$work/one/a" "$work/one/b"
cp "$work/one-full.pdf" "$work/one/a/x.pdf"
cp "$work/one-sub.pdf" "$work/one/b/x.pdf"
check "with the same pixels, text and fonts" same "$work/one/a" "$work/one/b"

# a build killed while it makes the subsets leaves no half-made one: the
# next build makes them whole and gives the same output
mkdir -p "$work/cache-kill"
XDG_CACHE_HOME=$work/cache-kill "$NB" build --only posters,flowcharts -C "$c" \
    -o "$work/killed" $D -j 2 >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
XDG_CACHE_HOME=$work/cache-kill build "$work/after-kill"
check "after a build killed while making the subsets, the next succeeds" test $? -eq 0
check "with the same output" diff -r "$work/sub" "$work/after-kill"

# a subset cut short (a power cut between its write and the disk) is made
# again, whole, and drawn from; what a killed build left half written is
# removed once it is old
cut=$(find "$work/cache-kill/noticeboard/fonts" -name '*-bold.otf' | head -1)
: >"$cut"
echo part >"$cut.tmp4242"
touch -d '2 hours ago' "$cut.tmp4242"
XDG_CACHE_HOME=$work/cache-kill build "$work/after-cut"
check "after a subset was cut short, the build succeeds" test $? -eq 0
check "and makes it again whole" test "$(wc -c <"$cut")" -gt 1000000
check "with the same output" diff -r "$work/sub" "$work/after-cut"
check "and what a killed build left half written is gone" test ! -e "$cut.tmp4242"
