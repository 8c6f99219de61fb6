#!/bin/sh
# suite.sh: content a hostile or careless hand might give: folder links that
# point out of the content folder or sideways (the walk must finish quickly
# and name the link), themes whose partials multiply, dates whose derived
# ends leave four-digit years, files saved as UTF-16, control characters in
# a body, a missing theme, junk in a phone number, and an output folder
# inside the content. Each check would fail without its rule.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin hostile
cd "$work" || exit 1
D="--date 2026-11-27"
export LANGUAGE=en

fresh() {
	rm -rf "$work/c" "$work/out"
	cp -R "$NB_ROOT/tests/invalid/_base" "$work/c"
}
# $1 name, $2 file, $3 a fixed string that must be in it
has() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		echo "missing: $3" >>"$2"; fail "$1" "$2"; fi
}

# ---- folder links ----
fresh
v=$work/c/fushui/wangjia
ln -s / "$v/root-link"
ln -s /proc "$v/2026/proc-link"
ln -s /sys "$work/c/fushui/sys-link"
# sideways inside the village: d0 holds ten links to ../d1, d1 ten to ../d2
for i in 0 1 2 3 4 5 6 7 8 9; do mkdir -p "$v/side/d$i"; done
for i in 0 1 2 3 4 5 6 7 8; do
	for k in 0 1 2 3 4 5 6 7 8 9; do ln -s "../d$((i + 1))" "$v/side/d$i/l$k"; done
done
# and sideways outside any village, reached through one link
for i in 0 1 2 3 4 5 6 7 8 9; do mkdir -p "$work/c/.shared/d$i"; done
for i in 0 1 2 3 4 5 6 7 8; do
	for k in 0 1 2 3 4 5 6 7 8 9; do
		ln -s "../d$((i + 1))" "$work/c/.shared/d$i/l$k"
	done
done
ln -s ../../.shared/d0 "$v/shared-link"
start=$(date +%s)
timeout 20 "$NB" check -C c $D >links.out 2>&1
status=$?
took=$(( $(date +%s) - start ))
if [ $status -eq 124 ]; then fail "links/finish" links.out
elif [ $status -ne 1 ]; then echo "status $status" >>links.out; fail "links/finish" links.out
else pass "links/finish (${took}s)"; fi
has links/root-named links.out "fushui/wangjia/root-link:1:1: error: 'root-link' is a link to '/', outside the content folder"
has links/proc-named links.out "fushui/wangjia/2026/proc-link:1:1: error: 'proc-link' is a link to '/proc', outside"
has links/sys-named links.out "fushui/sys-link:1:1: error: 'sys-link' is a link to '/sys', outside"
has links/sideways-in-village links.out "fushui/wangjia/side/d0/l0:1:1: error: the folder link 'l0' leads to a folder inside the same village's (or town's) folder"
has links/sideways-shared links.out "fushui/wangjia/shared-link/l1:1:1: error: the folder link 'l1' leads to a folder read already through another link"
n=$(grep -c "read already through another link" links.out)
# d0..d8 each: l0 followed, l1..l9 refused: 81 lines, not 10^9 folders
if [ "$n" = 81 ]; then pass links/sideways-count; else
	echo "count $n" >>links.out; fail links/sideways-count links.out; fi
# a link inside the content to another folder is still followed
fresh
mkdir -p "$work/c/.kept"
mv "$work/c/fushui/wangjia/2026/11" "$work/c/.kept/11"
ln -s ../../../.kept/11 "$work/c/fushui/wangjia/2026/11"
"$NB" check -C c $D >inside.out 2>&1
check links/inside-followed test $? -eq 0

# ---- a theme whose partials multiply ----
# ten partials, each including the next ten times: 10^10 inclusions
fresh
p=$work/c/theme/partials
mkdir -p "$p"
for i in 0 1 2 3 4 5 6 7 8; do
	n=$((i + 1)); : >"$p/bomb$i.html"
	for k in 0 1 2 3 4 5 6 7 8 9; do printf '{{>partials/bomb%s}}' $n >>"$p/bomb$i.html"; done
done
echo 'bomb text bomb text' >"$p/bomb9.html"
printf '<footer>{{>partials/bomb0}}</footer>\n' >"$p/footer.html"
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	timed="/usr/bin/time -v -o $work/bomb.time"
else
	timed=
fi
timeout 60 $timed "$NB" build -C c -o out -j 2 $D >bomb.out 2>&1
status=$?
if [ $status -eq 0 ] || [ $status -eq 124 ] || [ $status -gt 128 ]; then
	echo "status $status" >>bomb.out; fail theme-bomb/stops bomb.out
else
	pass theme-bomb/stops
fi
has theme-bomb/named bomb.out "c/theme/partials/bomb8.html:1: template"
has theme-bomb/bound bomb.out "stopped at partial \"partials/bomb9\": the page would be larger than 64 MiB"
if [ -n "$timed" ]; then
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/bomb.time")
	# two pages of at most 64 MiB each, and what a build holds anyway;
	# under AddressSanitizer also the freed memory it keeps in quarantine
	# (256 MiB by default) and its red zones
	limit=400000
	[ "${SANITIZE:-}" = 1 ] && limit=$((limit + 262144))
	if [ "${kb:-0}" -gt 0 ] && [ "$kb" -lt "$limit" ]; then
		pass "theme-bomb/peak-memory (${kb} kB)"
	else
		fail "theme-bomb/peak-memory (${kb:-?} kB)" "$work/bomb.time"
	fi
else
	skip "theme-bomb/peak-memory (no /usr/bin/time -v)"
fi

# ---- an output folder inside the content ----
# a build refuses an output inside the content before rendering (the
# faults suite checks that); an output tree left there by other means (an
# older version, a copy) is skipped by the walk: a folder holding the
# output's marker is not read as a town or a village
fresh
"$NB" build -C c -o "$work/clean" $D >out-clean.txt 2>&1 || fail output-inside/clean out-clean.txt
for o in output fushui/out; do
	cp -R "$work/clean" "c/$o"
	if "$NB" build -C c -o "$work/again" $D >out-in.txt 2>&1 &&
	    ! grep -q 'error:' out-in.txt; then
		pass "output-inside/$o/not-read-as-content"
	else
		fail "output-inside/$o/not-read-as-content" out-in.txt
	fi
	if diff -r -x .noticeboard "$work/clean" "$work/again" >out-diff.txt 2>&1; then
		pass "output-inside/$o/same-tree"
	else
		fail "output-inside/$o/same-tree" out-diff.txt
	fi
	rm -rf "c/$o" "$work/again"
done

# ---- a theme that is not installed: a content error before rendering ----
fresh
"$NB" build -C c -o out $D >/dev/null 2>&1
echo "theme: nosuch" >>c/site.yaml
cp -R out out.before
"$NB" build -C c -o out $D >theme.out 2>&1
status=$?
if [ $status -eq 1 ]; then pass "theme-missing/build-status-1"; else
	echo "status $status" >>theme.out; fail theme-missing/build-status-1 theme.out; fi
has theme-missing/at-its-line theme.out "site.yaml:11:8: error: there is no theme 'nosuch'"
if diff -r out.before out >theme-diff.txt 2>&1; then pass theme-missing/output-kept
else fail theme-missing/output-kept theme-diff.txt; fi
rm -rf out.before

# ---- a build date whose week would leave the four-digit years ----
fresh
for d in 9999-12-31 0999-01-01; do
	"$NB" build -C c -o out --date $d >date.out 2>&1
	status=$?
	if [ $status -eq 2 ] && [ ! -e out ]; then pass "build-date/$d/refused"; else
		echo "status $status" >>date.out; fail "build-date/$d/refused" date.out; fi
	has "build-date/$d/says-the-years" date.out "--date must lie in the years 1000 to 9979"
done

# ---- long notices on several boards: laid out one at a time ----
# peak memory (KB) of a posters build at -j 3 of the county as it is in c
peak() {
	rm -rf out
	/usr/bin/time -f %M -o peak.txt "$NB" build --only posters -C c -o out $D \
	    -j 3 >/dev/null 2>&1 && cat peak.txt
}
long_notice() {
	mkdir -p "c/fushui/$1/2026/11"
	python3 - "c/fushui/$1/2026/11/2026-11-24-long.md" <<'PY'
import sys
para = "村道硬化工程进展情况说明，本周完成路基整平与排水沟砌筑。" * 8 + "\n\n"
open(sys.argv[1], "w", encoding="utf-8").write(
    "---\ntype: notice\ntitle: 村道硬化工程进展情况\ndate: 2026-11-24\n---\n"
    + para * (100 * 1024 // len(para.encode())))
PY
}
if [ -x /usr/bin/time ] && command -v python3 >/dev/null 2>&1; then
	fresh
	cp -R c/fushui/lijia c/fushui/zhaojia
	sed -i 's/李家村/赵家村/' c/fushui/zhaojia/village.yaml
	base=$(peak)
	long_notice wangjia
	one=$(peak)
	long_notice lijia
	long_notice zhaojia
	three=$(peak)
	echo "peak KB: none $base, one long board $one, three $three" >heavy.txt
	if [ -n "$base" ] && [ -n "$one" ] && [ -n "$three" ] &&
	    [ $((three - one)) -lt $(((one - base) / 2)) ]; then
		pass "heavy-boards/one-at-a-time ($(cat heavy.txt))"
	else
		fail heavy-boards/one-at-a-time heavy.txt
	fi
else
	skip "heavy-boards/one-at-a-time (/usr/bin/time or python3 missing)"
fi

# ---- a record whose poster would run to hundreds of sheets ----
fresh
r=$work/c/fushui/wangjia/2026/11/2026-11-20-road-progress.md
python3 - "$r" <<'PY' || { skip "huge-body (python3 missing)"; exit 0; }
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
para = "村道硬化工程进展情况说明，本周完成路基整平与排水沟砌筑。" * 8 + "\n\n"
open(p, "w", encoding="utf-8").write(s + para * (4000000 // len(para.encode())))
PY
start=$(date +%s)
/usr/bin/env timeout 60 "$NB" build -C c -o out $D >huge.out 2>&1
status=$?
took=$(( $(date +%s) - start ))
if [ $status -eq 1 ] && [ $took -lt 30 ]; then pass "huge-body/refused (${took}s)"; else
	echo "status $status in ${took}s" >>huge.out; fail huge-body/refused huge.out; fi
has huge-body/says-sheets huge.out "fushui/wangjia/2026/11/2026-11-20-road-progress.md:11:1: error: the body is 3"
has huge-body/limit huge.out "sheets; keep a record's body under 128 KiB"
