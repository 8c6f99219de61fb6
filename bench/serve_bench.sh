#!/bin/sh
# serve_bench.sh: the live preview's benchmarks, as medians of several runs:
#   1. the time from saving one record to the reload event, and to the page
#      changed as fetched, on the demo county and on a 20,000-record county
#      (bench/gen_county.py), beside `hugo server` on the same 20,000
#      records when Hugo is installed (its livereload: the time from the
#      write to the page changed as fetched);
#   2. the server's resident memory after 10 edits and after 1,000.
# The server's private folder is made in a RAM file system (/dev/shm) as
# /tmp is on Debian 13, and the demo county is measured with it on the
# disk (/tmp here) too: each rebuild links the whole tree anew and removes
# the old one, which a disk file system makes slower for a while.
# BENCH_RUNS (default 11) sets the edits timed per figure, BENCH_EDITS
# (default 1000) the edits of the memory figure.
set -u
: "${NB:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-11}
edits=${BENCH_EDITS:-1000}
work=${BENCH_DIR:-$(mktemp -d /tmp/nb-bench.XXXXXX)}
mkdir -p "$work"
export CI=1
pid=""
hpid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null && wait "$hpid" 2>/dev/null
	rm -rf "$work/demo" "$work/serve-c20k" "$work/hugo-serve" "$work/tmp"
	[ -n "${ram:-}" ] && rm -rf "$ram"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$work/tmp"
ram=$( [ -d /dev/shm ] && mktemp -d /dev/shm/nb-serve-bench.XXXXXX || echo "$work/tmp")
serve_tmp=$ram

# The timing client: edits a record by writing it anew with a line
# changed at its end, as an editor saving it would, and times the reload
# event on the server's event stream (sent once the pages are in place;
# the search index, feeds and posters follow) and the page changed as
# fetched (polled every 2 ms). Prints one line per edit: "event_ms
# page_ms" ("-" where not measured).
cat >"$work/latency.py" <<'EOF'
import http.client, sys, time, urllib.request

mode, url, record, page, runs, start = sys.argv[1:7]
runs, start = int(runs), int(start)
host_port = url.split("/")[2]
host, port = host_port.rsplit(":", 1)

def fetch():
    try:
        with urllib.request.urlopen(url + page, timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""

events = None
if mode == "ours":
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.request("GET", "/__noticeboard/events")
    events = conn.getresponse()

def next_event():
    name = None
    while True:
        line = events.readline().decode()
        if line == "":
            raise SystemExit("the event stream ended")
        line = line.rstrip("\r\n")
        if line == "" and name is not None:
            return name
        if line.startswith("event: "):
            name = line[7:]

if events is not None:
    while next_event() != "hello":
        pass
# each edit writes the record anew with one line changed, so that it
# keeps its size over a thousand edits
with open(record, encoding="utf-8") as f:
    original = f.read()
for i in range(start, start + runs):
    mark = "第 %d 次修改。" % i
    t0 = time.monotonic()
    with open(record, "w", encoding="utf-8") as f:
        f.write("%s\n%s\n" % (original, mark))
    event_ms = "-"
    if events is not None:
        while next_event() != "reload":
            pass
        event_ms = "%.1f" % ((time.monotonic() - t0) * 1000)
    page_ms = "-"
    if page:
        deadline = t0 + 120
        while mark not in fetch():
            if time.monotonic() > deadline:
                raise SystemExit("the page did not change in 120 s")
            time.sleep(0.002)
        page_ms = "%.1f" % ((time.monotonic() - t0) * 1000)
    print(event_ms, page_ms, flush=True)
    # the next save comes when this one's build is over, posters and all
    # (a clerk saves every few seconds, not while the last is drawn), and
    # its burst has settled
    if events is not None:
        while next_event() != "posters":
            pass
    time.sleep(0.15)
EOF

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# start_serve CONTENT: the server on a free port; sets pid and url
start_serve() {
	rm -f "$work/serve.out"
	TMPDIR="$serve_tmp" "$NB" serve -C "$1" --port 0 --date 2026-11-27 >"$work/serve.out" 2>"$work/serve.err" &
	pid=$!
	i=0
	while ! grep -q '^http://' "$work/serve.out" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
		[ $i -gt 3000 ] && { echo "serve did not start"; cat "$work/serve.err"; exit 1; }
	done
	url=$(head -1 "$work/serve.out")
}
stop_serve() { kill "$pid"; wait "$pid" 2>/dev/null; pid=""; }

echo "# noticeboard serve benchmarks: medians of $runs edits"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo

# ---- 1. the demo county ----
rm -rf "$work/demo"
cp -R "$root/content" "$work/demo"
rec=qingshui/zhangjiagou/2026/11/2026-11-25-winter-fire-notice.md
start_serve "$work/demo"
python3 "$work/latency.py" ours "$url" "$work/demo/$rec" \
    qingshui/zhangjiagou/2026-11-25-winter-fire-notice.html "$runs" 0 >"$work/demo.lat" || exit 1
demo_event=$(cut -d' ' -f1 "$work/demo.lat" | median)
demo_page=$(cut -d' ' -f2 "$work/demo.lat" | median)
# memory: after 10 edits, then after $edits (events only, no page fetched)
python3 "$work/latency.py" ours "$url" "$work/demo/$rec" "" 10 1000 >/dev/null || exit 1
rss10=$(rss_mb "$pid")
python3 "$work/latency.py" ours "$url" "$work/demo/$rec" "" $((edits - 10)) 2000 >"$work/mem.lat" || exit 1
rss_all=$(rss_mb "$pid")
mem_event=$(cut -d' ' -f1 "$work/mem.lat" | median)
stop_serve
# the same on the disk
serve_tmp="$work/tmp"
start_serve "$work/demo"
python3 "$work/latency.py" ours "$url" "$work/demo/$rec" \
    qingshui/zhangjiagou/2026-11-25-winter-fire-notice.html "$runs" 5000 >"$work/disk.lat" || exit 1
disk_event=$(cut -d' ' -f1 "$work/disk.lat" | median)
disk_page=$(cut -d' ' -f2 "$work/disk.lat" | median)
stop_serve
serve_tmp=$ram

# ---- 2. 20,000 records, ours and Hugo's ----
c20k="$work/c20k"
if [ ! -d "$c20k" ]; then
	python3 "$root/bench/gen_county.py" "$c20k" --records 20000 --hugo "$work/hugo20k" >/dev/null
fi
rm -rf "$work/serve-c20k"
cp -R "$c20k" "$work/serve-c20k"
# a record of the middle of the year: its page, ours and Hugo's
rel=$(cd "$c20k" && find . -path '*/2026/06/*.md' | LC_ALL=C sort | head -1 | sed 's|^\./||')
town=$(echo "$rel" | cut -d/ -f1)
village=$(echo "$rel" | cut -d/ -f2)
id=$(basename "$rel" .md)
start_serve "$work/serve-c20k"
python3 "$work/latency.py" ours "$url" "$work/serve-c20k/$rel" "$town/$village/$id.html" "$runs" 0 >"$work/big.lat" || exit 1
big_event=$(cut -d' ' -f1 "$work/big.lat" | median)
big_page=$(cut -d' ' -f2 "$work/big.lat" | median)
big_rss=$(rss_mb "$pid")
stop_serve

hugo_page="-"
hugo_note="not installed"
if command -v hugo >/dev/null 2>&1 && [ -d "$work/hugo20k" ]; then
	rm -rf "$work/hugo-serve"
	cp -R "$work/hugo20k" "$work/hugo-serve"
	hport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	hugo server -s "$work/hugo-serve" --bind 127.0.0.1 --port "$hport" \
	    --baseURL "http://127.0.0.1:$hport/" --appendPort=false >"$work/hugo.out" 2>&1 &
	hpid=$!
	hurl="http://127.0.0.1:$hport/"
	hpage=$(echo "$town/$village/${rel#*/*/}" | sed 's/\.md$/\//')
	i=0
	until curl -s -f -o /dev/null "$hurl$hpage"; do
		sleep 0.2
		i=$((i + 1))
		[ $i -gt 3000 ] && break
	done
	if python3 "$work/latency.py" hugo "$hurl" "$work/hugo-serve/content/$rel" "$hpage" "$runs" 0 >"$work/hugo.lat"; then
		hugo_page=$(cut -d' ' -f2 "$work/hugo.lat" | median)
		hugo_note="hugo $(hugo version 2>/dev/null | awk '{print $2}'), livereload"
	else
		hugo_note="hugo server did not change the page"
	fi
	kill "$hpid"; wait "$hpid" 2>/dev/null; hpid=""
fi

echo "## from saving one record to the reload (ms, median of $runs)"
echo "| county | serve: reload event | serve: page changed, as fetched | hugo server: page changed, as fetched |"
echo "|---|---:|---:|---:|"
echo "| demo (content/, 126 villages, site and posters) | $demo_event | $demo_page | - |"
echo "| demo, the private folder on the disk | $disk_event | $disk_page | - |"
echo "| 20,000 records (bench/gen_county.py) | $big_event | $big_page | $hugo_page |"
echo "goal: under 100 ms on the demo county; Hugo: $hugo_note"
echo "runs (event page): demo $(tr '\n' ',' <"$work/demo.lat") disk $(tr '\n' ',' <"$work/disk.lat") 20k $(tr '\n' ',' <"$work/big.lat")"
[ -f "$work/hugo.lat" ] && echo "runs hugo: $(tr '\n' ',' <"$work/hugo.lat")"
echo
echo "## memory of the server (demo county)"
echo "| after | resident MB |"
echo "|---|---:|"
echo "| 10 edits | $rss10 |"
echo "| $edits edits | $rss_all |"
echo "median reload of those $edits edits: $mem_event ms; resident after the 20,000-record county's $runs edits: $big_rss MB"
