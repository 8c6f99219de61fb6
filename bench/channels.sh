#!/bin/sh
# channels.sh: the time each channel (group messages, LED screens, WeChat
# articles, TV slides) adds to a full build of the demo county, measured
# against the site alone in the same run: `--only site` beside
# `--only site,KIND` and beside all four channels with the site, each the
# median of RUNS runs (default 5) from an empty output folder with 2
# threads; what a channel adds is the median of its differences to the
# site alone in the same round (the rounds take turns). Target: the four
# channels together add under 50% of the site's time. Prints one line a channel and exits 1 when the target is missed.
# The processor's seconds each adds are printed beside (GNU time), which
# a shared machine's load disturbs far less than the wall clock.
set -u
: "${NB:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
content=${CONTENT:-$root/content}
date=${DATE:-2026-11-27}
runs=${RUNS:-5}
# the output in memory when there is a tmpfs: the disk's write-back of
# seven thousand pages varies by seconds on a shared machine and would
# swamp a channel's tenths (OUT_TMP=... elsewhere)
tmp=${OUT_TMP:-$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
work=$(mktemp -d "$tmp/nb-channels.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C.UTF-8
# the program's data (themes/, seeds/) from this tree, wherever the program
# is (a copy of an older build outside build/ finds none beside it)
: "${NOTICEBOARD_DATA:=$root}"
export NOTICEBOARD_DATA

now() { date +%s.%N; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# the processor's seconds (user and system) of a build beside its wall
# clock's, when GNU time is there: on a shared machine they vary far less
timer=
[ -x /usr/bin/time ] && /usr/bin/time -f '%U' true >/dev/null 2>&1 &&
    timer=/usr/bin/time

# one build of these kinds from an empty folder: its seconds; its
# processor seconds appended to $work/c.KINDS
once() {
	rm -rf "$work/out"
	# the last build's writes go to disk now, not during this one
	sync
	t0=$(now)
	if [ -n "$timer" ]; then
		$timer -f '%U %S' -o "$work/cpu" "$NB" build --only "$1" \
		    -C "$content" -o "$work/out" --date "$date" -j 2 \
		    >/dev/null 2>&1
	else
		"$NB" build --only "$1" -C "$content" -o "$work/out" \
		    --date "$date" -j 2 >/dev/null 2>&1
	fi || { echo "channels bench: the build of $1 failed" >&2; exit 1; }
	t1=$(now)
	[ -n "$timer" ] && awk '{print $1 + $2}' "$work/cpu" >>"$work/c.$1"
	echo "$t1 - $t0" | bc -l
}

files() { [ -d "$work/out/$1" ] && find "$work/out/$1" -type f | wc -l || echo 0; }

configs="site site,group site,led site,wechat site,tv site,group,led,wechat,tv"
# a first build warms the caches (files, fonts) and is not counted; then
# the configurations take turns, so that a slower minute of a shared
# machine falls on all of them alike
once site,group,led,wechat,tv >/dev/null || exit 1
rm -f "$work"/c.*
for kind in group led wechat tv; do
	echo "$(files "$kind")" >"$work/files.$kind"
done
for r in $(seq "$runs"); do
	for k in $configs; do
		once "$k" >>"$work/t.$k" || exit 1
	done
done
med() { median <"$work/t.$1"; }
# what a configuration adds: the median of its differences to the site's
# time of the same round (a round's load cancels out)
adds() { paste "$work/t.$1" "$work/t.site" | awk '{print $1 - $2}' | median; }

# the same of the processor's seconds
cpu_adds() { paste "$work/c.$1" "$work/c.site" | awk '{print $1 - $2}' | median; }
cpu() { [ -n "$timer" ] && printf "$@"; }

site=$(med site)
printf 'channels bench: site alone: %.2f s (median of %d)' "$site" "$runs"
cpu ', processor %.2f s' "$(median <"$work/c.site")"
echo
for kind in group led wechat tv; do
	added=$(adds "site,$kind")
	printf 'channels bench: %-7s adds %6.2f s (%5.1f%% of the site)' \
	    "$kind" "$added" "$(echo "100 * $added / $site" | bc -l)"
	cpu ', processor %5.2f s' "$(cpu_adds "site,$kind")"
	printf ', %d files\n' "$(cat "$work/files.$kind")"
done
added=$(adds site,group,led,wechat,tv)
ratio=$(echo "100 * $added / $site" | bc -l)
printf 'channels bench: all four add %.2f s: %.1f%% of the site'"'"'s time' \
    "$added" "$ratio"
cpu ' (processor %.2f s)' "$(cpu_adds site,group,led,wechat,tv)"
printf ' (target: under 50%%)\n'
[ "$(echo "$ratio < 50" | bc -l)" = 1 ] || exit 1
