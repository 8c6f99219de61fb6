#!/bin/sh
# flow_bench.sh: flowcharts against Graphviz dot on the catalog's flows
# (seeds/catalog), in one run, ratios side by side:
#   1. the drawings: total area (width x height / the step text's size
#      squared), total edge length, crossings, edges through boxes and
#      label overlaps, dot given the same graph with our wrapped lines and
#      the lanes as clusters (tests/flow/flow2dot.py metrics);
#   2. one chart per process: `noticeboard flow F.yaml -o F.png` against
#      `dot -Gdpi=144 -Tpng` (144 dpi: our PNG's 2 pixels per point), the
#      sum over the flows of each one's median;
#   3. the batch: `build --only flowcharts` of the demo content (the same
#      catalog: SVG, PNG and PDF of every flow) against dot drawing the
#      same graphs as SVG, PNG and PDF two at a time (xargs -P2);
#   4. the 200-step corpus flow's layout time.
# Medians of RUNS runs (5), ours and dot's taken in turn, wall time and CPU
# time (on a shared machine the wall time measures the run queue too), by
# bench/flow_time.py.
set -u
export TZ=UTC LC_ALL=C.UTF-8 CI=1
: "${NB:?NB must name the program}"
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
out=$( [ -d /dev/shm ] && mktemp -d /dev/shm/nb-flow-bench.XXXXXX || mktemp -d)
trap 'rm -rf "$tmp" "$out"' EXIT
command -v dot >/dev/null 2>&1 || { echo "flow_bench: dot (graphviz) is needed"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "flow_bench: python3 with PyYAML is needed"; exit 1; }
f2d="$root/tests/flow/flow2dot.py"

for cat in "$root"/seeds/catalog/powers.yaml "$root"/seeds/catalog/services.yaml; do
	python3 "$f2d" extract "$cat" "$tmp/flows" || exit 1
done
n=0
for f in "$tmp"/flows/*.yaml; do
	"$NB" flow "$f" -o "${f%.yaml}.dump" || { echo "flow_bench: failed: $f"; exit 1; }
	python3 "$f2d" dot-lines "$f" "${f%.yaml}.dump" >"${f%.yaml}.dot" || exit 1
	n=$((n + 1))
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# timed FILE: the jobs of FILE (a line each, ours TAB dot's) run in turn
# RUNS times by flow_time.py: the sums of their medians, wall and CPU
# time in ms, ours then dot's
timed() { python3 "$root/bench/flow_time.py" "$runs" "$1" || exit 1; }

echo "# flowcharts against Graphviz $(dot -V 2>&1 | sed 's/.*version //'): $n catalog flows, medians of $runs runs"
echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. the drawings
for f in "$tmp"/flows/*.yaml; do
	python3 "$f2d" metrics "$f" "${f%.yaml}.dump" || exit 1
done >"$tmp/metrics"
awk '{for (i = 1; i <= 10; i++) s[i] += $i}
END {
	split("area edge-length crossings through-boxes label-overlaps", name, " ")
	printf "%-16s %10s %10s %7s\n", "drawings", "ours", "dot", "ratio"
	for (i = 1; i <= 5; i++)
		printf "%-16s %10.0f %10.0f %7s\n", name[i], s[i], s[i + 5],
		    (s[i + 5] > 0 ? sprintf("%.2f", s[i] / s[i + 5]) : "-")
}' "$tmp/metrics"
echo "(area in squared step-font sizes, length in step-font sizes; targets: area and length at most 1.5x, the counts no more than dot's)"

# 2. one chart per process
for f in "$tmp"/flows/*.yaml; do
	printf '%s flow %s -o %s\tdot -Gdpi=144 -Tpng -o %s %s\n' "$NB" "$f" \
	    "$out/o.png" "$out/d.png" "${f%.yaml}.dot"
done >"$tmp/jobs"
set -- $(timed "$tmp/jobs")
printf 'per process: one PNG %.1f ms per chart, dot -Tpng %.1f ms: %sx; CPU time %.1f ms, dot %.1f ms: %sx (target 1.5x)\n' \
    "$(ratio "$1" "$n")" "$(ratio "$3" "$n")" "$(ratio "$3" "$1")" \
    "$(ratio "$2" "$n")" "$(ratio "$4" "$n")" "$(ratio "$4" "$2")"

# 3. the batch
printf '%s\t%s\n' \
    "rm -rf '$out/b' && '$NB' build --only flowcharts -C '$root/content' -o '$out/b' --date 2026-11-27" \
    "rm -rf '$out/bd' && mkdir '$out/bd' && ls '$tmp'/flows/*.dot | xargs -P2 -I{} sh -c 'b=\$(basename {} .dot); dot -Gdpi=144 -Tsvg -o \"$out/bd/\$b.svg\" -Tpng -o \"$out/bd/\$b.png\" -Tpdf -o \"$out/bd/\$b.pdf\" {}'" \
    >"$tmp/jobs"
set -- $(timed "$tmp/jobs")
printf 'batch: build --only flowcharts (%d flows: SVG, PNG, PDF) %.0f ms, dot two at a time %.0f ms: %sx; CPU time %.0f ms, dot %.0f ms: %sx (target 5x)\n' \
    "$n" "$1" "$3" "$(ratio "$3" "$1")" "$2" "$4" "$(ratio "$4" "$2")"

# 4. the 200-step flow: the layout alone (its dump), less a one-step flow's
# run, which is the process and font set-up every chart pays
printf '%s flow %s -o %s\t%s flow %s -o %s\n' \
    "$NB" "$root/tests/flow/corpus/steps-200.yaml" "$out/big.dump" \
    "$NB" "$root/tests/flow/corpus/one-step.yaml" "$out/small.dump" >"$tmp/jobs"
set -- $(timed "$tmp/jobs")
awk -v b="$1" -v s="$3" 'BEGIN {
	printf "200-step flow: %.1f ms per run with start-up, %.1f ms of layout (one-step run: %.1f ms); target under 200 ms\n", b, b - s, s
}'
