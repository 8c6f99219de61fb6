#!/bin/sh
# suite.sh: the build engine: -j 1 and -j 4 give identical trees; an
# incremental build after each kind of edit equals a clean build; a build
# killed at random points never damages the previous tree and the next build
# recovers; a full or read-only output folder gives exit 3 and a clear
# message; two clean builds are byte-identical.
set -u
: "${NB:?}" "${NB_ROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3
pass() { echo "PASS: build/$1"; }
fail() { echo "FAIL: build/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }
same_tree() { diff -r "$1" "$2" >"$work/diff" 2>&1; }
D="--date 2026-11-27"

# a small county that still has every kind of output: the test base tree
cp -R "$NB_ROOT/tests/invalid/_base" "$work/c"

# -j 1 and -j 4
"$NB" build -C c -o j1 -j 1 $D >/dev/null 2>&1
"$NB" build -C c -o j4 -j 4 $D >/dev/null 2>&1
if same_tree j1 j4; then pass j1-equals-j4; else fail j1-equals-j4 "$work/diff"; fi
n=$(find j1 -type f | wc -l)
[ "$n" -gt 20 ] && pass "tree-has-outputs ($n files)" || fail tree-has-outputs
# two clean builds are byte-identical, PDFs and PNGs included
"$NB" build -C c -o again $D >/dev/null 2>&1
if same_tree j1 again; then pass reproducible; else fail reproducible "$work/diff"; fi
find j1 -name '*.pdf' | grep -q . && find j1 -name '*.png' | grep -q . \
    && pass reproducible-covers-pdf-and-png || fail reproducible-covers-pdf-and-png

# an unchanged rebuild renders nothing
"$NB" build -C c -o j1 $D >"$work/out" 2>&1
grep -q ' 0 rendered,' "$work/out" && pass no-change-renders-nothing || fail no-change-renders-nothing "$work/out"
# the manifest names its format; one of an older format (before version 2
# had no header: keys made by another hash) is not trusted, everything is
# rendered again, and the tree equals a clean build's
head -1 j1/.noticeboard/manifest | grep -qx 'noticeboard manifest 3' \
    && pass manifest-has-version || fail manifest-has-version j1/.noticeboard/manifest
cp -R j1 oldfmt
sed -i 1d oldfmt/.noticeboard/manifest
"$NB" build -C c -o oldfmt $D >"$work/out" 2>&1
if grep -q ' 0 unchanged,' "$work/out" && ! grep -q ' 0 rendered,' "$work/out" && same_tree oldfmt j1; then
	pass old-manifest-format-rebuilt
else
	fail old-manifest-format-rebuilt "$work/out"
fi
rm -rf oldfmt

# incremental == clean after each kind of edit
edit() {
	# name, then a shell command run inside the content folder
	name=$1; shift
	(cd c && sh -c "$*")
	"$NB" build -C c -o inc $D >"$work/out" 2>&1 || { fail "incremental-$name" "$work/out"; return; }
	rm -rf clean
	"$NB" build -C c -o clean $D >/dev/null 2>&1
	if same_tree inc clean; then pass "incremental-$name"; else fail "incremental-$name" "$work/diff"; fi
}
rm -rf inc
"$NB" build -C c -o inc $D >/dev/null 2>&1
edit record "sed -i 's/硬化王家组至李家组村道 1.2 公里/硬化王家组至李家组村道 1.5 公里/' fushui/wangjia/2026/11/2026-11-02-road-plan.md"
edit new-record "printf -- '---\ntype: notice\ntitle: 冬季防火通知\ndate: 2026-11-25\n---\n注意用火安全。\n' > fushui/lijia/2026-11-25-fire.md"
edit deleted-record "rm fushui/lijia/2026-11-25-fire.md"
edit site-yaml "sed -i 's/^hotline: .*/hotline: 0914-1111111/' site.yaml"
edit catalog "sed -i 's/text: 两委会商议/text: 村两委会商议/' catalog/powers.yaml"
edit village "sed -i 's/^board: .*/board: 村文化广场公开栏/' fushui/wangjia/village.yaml"
edit template "mkdir -p theme/partials && cp '$NB_ROOT/themes/default/partials/footer.html' theme/partials/footer.html 2>/dev/null && sed -i 's|</footer>|<p>本县特别说明</p></footer>|' theme/partials/footer.html"
# the assessment posters show the assessment and nothing else of the
# records: an edit that changes none of its figures leaves them as they were
# (the same file, linked from the last tree); one that changes a figure
# draws them again
ino() { stat -c %i "$1" 2>/dev/null || echo none; }
a=inc/posters/assessment/county.pdf
before=$(ino $a)
edit body-only "printf '\n另附施工照片，见村委会公开栏。\n' >> fushui/wangjia/2026/11/2026-11-20-road-progress.md"
[ "$before" != none ] && [ "$(ino $a)" = "$before" ] && pass assessment-poster-kept-when-no-figure-changes \
    || fail assessment-poster-kept-when-no-figure-changes
before=$(ino $a)
edit assessment-figure "rm fushui/wangjia/2026/10/2026-10-28-talk-road-before.md"
[ "$(ino $a)" != "$before" ] && [ "$(ino $a)" != none ] && pass assessment-poster-redrawn-when-a-figure-changes \
    || fail assessment-poster-redrawn-when-a-figure-changes
[ -f inc/site/fushui/lijia/2026-11-25-fire.html ] && fail deleted-record-page-gone \
    || pass deleted-record-page-gone
grep -rq '本县特别说明' inc/site/index.html 2>/dev/null && pass template-override-applied \
    || fail template-override-applied

# a build killed at random points leaves the previous tree, whole
cp -R "$NB_ROOT/tests/invalid/_base" "$work/k"
"$NB" build -C k -o kout $D >/dev/null 2>&1
cp -R kout before
# kill at random moments within the time a full build takes
start=$(date +%s%N)
"$NB" build -C k -o ktime $D --force >/dev/null 2>&1
span=$(( ($(date +%s%N) - start) / 1000000 ))
i=0; broken=0; seen_new=0; mid=0
while [ $i -lt 24 ]; do
	i=$((i + 1))
	# alternate two versions of the content so a swapped tree differs
	sed -i "s/^hotline: .*/hotline: 0914-00000$i/" k/site.yaml
	"$NB" build -C k -o kout $D >/dev/null 2>&1 &
	pid=$!
	# anywhere from at once to most of a build (some kills come late)
	sleep "$(awk -v s=$i -v span=$span 'BEGIN{srand(s); printf "%.3f", rand()*span/1000}')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ls -a | grep -q '^\.kout\.new$' && mid=$((mid + 1))
	if same_tree before kout; then :; else
		# or the build finished its swap: then it is the new tree, whole
		rm -rf fresh; "$NB" build -C k -o fresh $D >/dev/null 2>&1
		if same_tree fresh kout; then seen_new=$((seen_new + 1)); rm -rf before; cp -R kout before
		else broken=$((broken + 1)); cp "$work/diff" "$work/kill-diff"; fi
	fi
	# put the content back so "before" stays the tree of this content
	sed -i "s/^hotline: .*/hotline: 0914-0000100/" k/site.yaml
	[ $seen_new -gt 0 ] && { "$NB" build -C k -o kout $D >/dev/null 2>&1; rm -rf before; cp -R kout before; seen_new=0; }
done
[ $broken -eq 0 ] && pass "killed-24-times-previous-tree-intact ($mid mid-build)" || fail "killed-24-times ($broken damaged)" "$work/kill-diff"
[ $mid -ge 12 ] && pass "kills-land-mid-build" || fail "kills-land-mid-build (only $mid of 24)"
# the next build recovers without --force and equals a clean build
"$NB" build -C k -o kout $D >"$work/out" 2>&1 && pass recovers-after-kills || fail recovers-after-kills "$work/out"
ls -a | grep -q '^\.kout\.\(new\|old\)$' && fail no-debris-left || pass no-debris-left
rm -rf fresh; "$NB" build -C k -o fresh $D >/dev/null 2>&1
same_tree fresh kout && pass recovered-equals-clean || fail recovered-equals-clean "$work/diff"

# a swap interrupted between its two renames is repaired
mv kout .kout.old
mkdir .kout.new
"$NB" build -C k -o kout $D >"$work/out" 2>&1 && same_tree fresh kout \
    && pass repairs-half-swapped-tree || fail repairs-half-swapped-tree "$work/out"

# a full disk and a read-only folder: exit 3, a clear message, nothing lost
shim="$work/failfs.so"
cc -shared -fPIC -o "$shim" "$NB_ROOT/tests/build/failfs.c" -ldl 2>"$work/cc" || fail build-failfs-shim "$work/cc"
cp -R kout kbefore
sed -i "s/^hotline: .*/hotline: 0914-2222222/" k/site.yaml
for mode in full readonly; do
	env LD_PRELOAD="$shim" ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
	    NB_FAILFS=$mode NB_FAILFS_DIR="$work/.kout.new" "$NB" build -C k -o kout $D \
	    >"$work/out" 2>"$work/err"
	st=$?
	[ $st -eq 3 ] && pass "$mode-disk-exit-3" || { echo "      status $st"; fail "$mode-disk-exit-3" "$work/err"; }
	case $mode in full) want='No space left on device' ;; readonly) want='Read-only file system' ;; esac
	grep -q "$want" "$work/err" && grep -q "is as it was" "$work/err" \
	    && pass "$mode-disk-message" || fail "$mode-disk-message" "$work/err"
	same_tree kbefore kout && pass "$mode-disk-tree-intact" || fail "$mode-disk-tree-intact" "$work/diff"
done
ls -a | grep -q '^\.kout\.new' && fail failed-build-leaves-no-debris || pass failed-build-leaves-no-debris

# not our folder: refused
mkdir notours && echo x >notours/keep
"$NB" build -C k -o notours $D >/dev/null 2>"$work/err"
[ $? -eq 2 ] && [ -f notours/keep ] && pass refuses-foreign-folder || fail refuses-foreign-folder "$work/err"

# quiet when not a terminal: no progress line, one summary line on stdout
"$NB" build -C k -o quiet $D >"$work/out" 2>"$work/err"
[ "$(wc -l <"$work/out")" -eq 1 ] && grep -q '^built ' "$work/out" && ! grep -q "$(printf '\r')" "$work/err" \
    && pass quiet-summary || fail quiet-summary "$work/out"
