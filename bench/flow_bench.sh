#!/bin/sh
# flow_bench.sh: flowcharts against Graphviz dot on the seeds' flows. Per
# chart, one process each side making the same two files from the same
# graph: `noticeboard flow F.yaml -o F.svg F.png` (layout, SVG, PNG at 2x)
# and `dot -Tsvg -o F.svg -Tpng -o F.png F.dot` (graphs by
# tests/flow/flow2dot.py). dot's PNG is at its 96 dpi, ours at 2 pixels per
# point (144 dpi), so dot is also timed at -Gdpi=144, the same pixels.
# Median of RUNS runs (5). Then the 200-step corpus flow's layout time.
set -u
export TZ=UTC LC_ALL=C.UTF-8
: "${NB:?NB must name the program}"
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v dot >/dev/null 2>&1 || { echo "flow_bench: dot (graphviz) is needed"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "flow_bench: python3 with PyYAML is needed"; exit 1; }

for cat in "$root"/seeds/catalog/powers.yaml "$root"/seeds/catalog/services.yaml; do
	python3 "$root/tests/flow/flow2dot.py" extract "$cat" "$tmp/flows" || exit 1
done
for f in "$tmp"/flows/*.yaml; do
	python3 "$root/tests/flow/flow2dot.py" dot "$f" >"${f%.yaml}.dot" || exit 1
done

now() { date +%s%N; }

# median_ms CMD...: the median wall time of $runs runs, in milliseconds
median_ms() {
	i=0
	: >"$tmp/times"
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1 || { echo "flow_bench: failed: $*" >&2; echo 0; return; }
		t1=$(now)
		echo $(( (t1 - t0) / 1000 )) >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)] / 1000}'
}

printf '%-18s %9s %9s %9s %7s %7s\n' flow "ours ms" "dot ms" "dot144" ratio ratio144
total_ours=0 total_dot=0 total_dot144=0 n=0
for f in "$tmp"/flows/*.yaml; do
	id=$(basename "$f" .yaml)
	d=${f%.yaml}.dot
	ours=$(median_ms "$NB" flow "$f" -o "$tmp/o.svg" "$tmp/o.png")
	dot=$(median_ms dot -Tsvg -o "$tmp/d.svg" -Tpng -o "$tmp/d.png" "$d")
	dot144=$(median_ms dot -Gdpi=144 -Tsvg -o "$tmp/d.svg" -Tpng -o "$tmp/d.png" "$d")
	printf '%-18s %9s %9s %9s %7s %7s\n' "$id" "$ours" "$dot" "$dot144" \
	    "$(awk -v a="$dot" -v b="$ours" 'BEGIN {printf "%.2f", a / b}')" \
	    "$(awk -v a="$dot144" -v b="$ours" 'BEGIN {printf "%.2f", a / b}')"
	total_ours=$(awk -v a="$total_ours" -v b="$ours" 'BEGIN {print a + b}')
	total_dot=$(awk -v a="$total_dot" -v b="$dot" 'BEGIN {print a + b}')
	total_dot144=$(awk -v a="$total_dot144" -v b="$dot144" 'BEGIN {print a + b}')
	n=$((n + 1))
done
awk -v o="$total_ours" -v d="$total_dot" -v e="$total_dot144" -v n="$n" 'BEGIN {
	printf "%-18s %9.1f %9.1f %9.1f %7.2f %7.2f\n", "per chart (mean)", o / n, d / n, e / n, d / o, e / o
	printf "flowcharts: %d seeds flows, layout+SVG+PNG %.1f ms per chart; dot -Tsvg -Tpng %.1f ms (%.2fx), at 144 dpi %.1f ms (%.2fx); target 3x\n", n, o / n, d / n, d / o, e / n, e / o
}'

# the 200-step flow: the layout alone (its dump), less a one-step flow's
# run, which is the process and font set-up every chart pays
big=$(median_ms "$NB" flow "$root/tests/flow/corpus/steps-200.yaml" -o "$tmp/big.dump")
small=$(median_ms "$NB" flow "$root/tests/flow/corpus/one-step.yaml" -o "$tmp/small.dump")
awk -v b="$big" -v s="$small" 'BEGIN {
	printf "200-step flow: %.1f ms per run with start-up, %.1f ms of layout (one-step run: %.1f ms); target under 200 ms\n", b, b - s, s
}'
