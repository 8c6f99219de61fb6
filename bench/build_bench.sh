#!/bin/sh
# build_bench.sh: the build engine's benchmarks, as medians of several runs
# in one run of this script, with their reference measured alongside:
#   1. the site of a 20,000-record county: ours vs Hugo (Debian's hugo, the
#      same Markdown with minimal templates) vs a plain `cp -r` of the content
#      and of the site we made (targets: at least 8x Hugo, and no slower than
#      copying the output);
#   2. the full build of the demo county (126 villages: site, the week's
#      posters, flowcharts): clean, unchanged, one edited record;
#   3. time and peak memory from 2,000 to 20,000 to 200,000 records.
# BENCH_RUNS (default 5) sets the runs per figure; BENCH_BIG=0 skips the
# 200,000-record county (it takes a few minutes to generate).
set -u
: "${NB:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-5}
work=${BENCH_DIR:-$(mktemp -d /tmp/nb-bench.XXXXXX)}
mkdir -p "$work"
# outputs go to a RAM file system when there is one: ext4 slows down the
# creation of files for a while after a tree was deleted, which every run
# here does first, and that would measure the disk, not the programs
out=${BENCH_OUT:-$( [ -d /dev/shm ] && mktemp -d /dev/shm/nb-bench-out.XXXXXX || echo "$work/out")}
mkdir -p "$out"
D="--date 2026-11-27"
export CI=1   # no progress line

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# time_ms CMD...: wall time of one run, in milliseconds
time_ms() { s=$(now_ms); "$@" >/dev/null 2>&1; e=$(now_ms); echo $((e - s)); }

# peak resident memory of one run, in MB
peak_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

gen() {
	# gen DIR N [HUGO]
	if [ ! -d "$1" ]; then
		python3 "$root/bench/gen_county.py" "$1" --records "$2" ${3:+--hugo "$3"} >/dev/null
	fi
}

echo "# noticeboard build benchmarks: medians of $runs runs"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); outputs in $out"
echo

# 1. site only, 20,000 records
gen "$work/c20k" 20000 "$work/hugo20k"
ours=""; hugo=""; copy=""; copy_out=""
for i in $(seq "$runs"); do
	rm -rf "$out/o"; sync
	ours="$ours $(time_ms "$NB" build --only site -C "$work/c20k" -o "$out/o" $D)"
	rm -rf "$out/h"; sync
	if command -v hugo >/dev/null 2>&1; then
		hugo="$hugo $(time_ms hugo --quiet -s "$work/hugo20k" -d "$out/h")"
	fi
	rm -rf "$out/cp"; sync
	copy="$copy $(time_ms cp -r "$work/c20k" "$out/cp")"
	rm -rf "$out/cpo"; sync
	copy_out="$copy_out $(time_ms cp -r "$out/o" "$out/cpo")"
done
m_ours=$(echo $ours | tr ' ' '\n' | median)
m_hugo=$( [ -n "$hugo" ] && echo $hugo | tr ' ' '\n' | median || echo 0)
m_copy=$(echo $copy | tr ' ' '\n' | median)
m_copy_out=$(echo $copy_out | tr ' ' '\n' | median)
pages=$(find "$out/o/site" -name '*.html' | wc -l)
echo "## site, 20,000 records ($pages pages)"
echo "| run | median ms | runs (ms) |"
echo "|---|---:|---|"
echo "| noticeboard build --only site | $m_ours | $ours |"
echo "| hugo | $m_hugo | $hugo |"
echo "| cp -r content | $m_copy | $copy |"
echo "| cp -r of our output | $m_copy_out | $copy_out |"
echo "speed vs Hugo: $(ratio "$m_hugo" "$m_ours")x (target >= 8x); ours / cp -r of the output: $(ratio "$m_ours" "$m_copy_out")x (target <= 1); ours / cp -r of the content: $(ratio "$m_ours" "$m_copy")x"
echo "peak memory of the 20,000-record site build: $(rm -rf "$out/o"; peak_mb "$NB" build --only site -C "$work/c20k" -o "$out/o" $D) MB (target < 200 MB)"
echo

# 2. the demo county, full build
clean=""; same=""; edit=""
rec="$work/demo/qingshui/zhangjiagou/2026/11/2026-11-25-winter-fire-notice.md"
for i in $(seq "$runs"); do
	rm -rf "$work/demo" "$out/do"; cp -R "$root/content" "$work/demo"; sync
	clean="$clean $(time_ms "$NB" build -C "$work/demo" -o "$out/do" $D)"
	same="$same $(time_ms "$NB" build -C "$work/demo" -o "$out/do" $D)"
	printf '\n第 %d 次修改。\n' "$i" >>"$rec"
	edit="$edit $(time_ms "$NB" build -C "$work/demo" -o "$out/do" $D)"
done
echo "## full build of the demo county (126 villages: site, posters, flowcharts)"
echo "| build | median ms | target | runs (ms) |"
echo "|---|---:|---|---|"
echo "| clean | $(echo $clean | tr ' ' '\n' | median) | < 15000 | $clean |"
echo "| nothing changed | $(echo $same | tr ' ' '\n' | median) | < 200 | $same |"
echo "| one record edited | $(echo $edit | tr ' ' '\n' | median) | < 500 | $edit |"
echo

# 3. growth
echo "## growth of the site build (one run each)"
echo "| records | ms | peak MB |"
echo "|---:|---:|---:|"
sizes="2000 20000"
[ "${BENCH_BIG:-1}" = 1 ] && sizes="$sizes 200000"
for n in $sizes; do
	gen "$work/c$n" "$n"
	rm -rf "$out/g"; sync
	t=$(time_ms "$NB" build --only site -C "$work/c$n" -o "$out/g" $D)
	rm -rf "$out/g"; sync
	m=$(peak_mb "$NB" build --only site -C "$work/c$n" -o "$out/g" $D)
	echo "| $n | $t | $m |"
done
rm -rf "$out/o" "$out/h" "$out/cp" "$out/cpo" "$out/g" "$out/do"
[ -z "${BENCH_OUT:-}" ] && rmdir "$out" 2>/dev/null
