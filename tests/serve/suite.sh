#!/bin/sh
# suite.sh: `noticeboard serve`, through a real HTTP client (curl), on a
# copy of the small county of tests/invalid/_base: the site as served (the
# reload script in the page, never in the file on disk), HEAD, 405 for
# other methods, no path out of the site (.. plain or percent-encoded, a
# link out), no listing of a folder, no file of the content, the content
# types, the posters' page; then the event stream: an edit reloads, a
# broken record shows its error on the page with its file and line while
# the last good site stays, the fix takes the error away, a draft shows
# with its band, a new folder is watched, the posters come with an event
# of their own, another village's edit keeps the draft, a removed record's
# page goes; and a clean stop on SIGTERM that
# removes the private folder (and, under the sanitizers, leaks nothing).
set -u
: "${NB:?}" "${NB_ROOT:?}"
work=$(mktemp -d)
pid=""
stream=""
cleanup() {
	[ -n "$stream" ] && kill "$stream" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass() { printf "PASS: serve/%s\n" "$1"; }
fail() { printf "FAIL: serve/%s\n" "$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }

if ! command -v curl >/dev/null 2>&1; then
	echo "FAIL: serve/curl-installed (scripts/test-deps.sh installs it)"
	exit 0
fi

# wait_for FILE PATTERN COUNT SECONDS: until PATTERN is on COUNT lines
wait_for() {
	tenths=$(($4 * 10))
	while [ "$tenths" -gt 0 ]; do
		[ -f "$1" ] && [ "$(grep -c -- "$2" "$1")" -ge "$3" ] && return 0
		sleep 0.1
		tenths=$((tenths - 1))
	done
	return 1
}
# get PATH: the body into $work/body, "code type" on stdout
get() {
	curl -s --path-as-is -o "$work/body" -w '%{http_code} %{content_type}' "$url${1#/}"
}
now_ms() { date +%s%3N; }
# wait_code PATH CODE SECONDS: until PATH is answered with CODE
wait_code() {
	tenths=$(($3 * 10))
	while [ "$tenths" -gt 0 ]; do
		[ "$(get "$1" | cut -d' ' -f1)" = "$2" ] && return 0
		sleep 0.1
		tenths=$((tenths - 1))
	done
	return 1
}

c="$work/c"
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
mkdir "$work/tmp"
rec="$c/fushui/wangjia/2026/11/2026-11-02-road-plan.md"

# ---- libmicrohttpd: opened by serve alone, never linked ----
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$NB" >"$work/needed" 2>&1
	grep -q 'NEEDED' "$work/needed" && ! grep -q 'microhttpd\|gnutls' "$work/needed" &&
	    pass not-linked-to-libmicrohttpd || fail not-linked-to-libmicrohttpd "$work/needed"
else
	echo "SKIP: serve/not-linked-to-libmicrohttpd (readelf)"
fi
# without the library (a dlopen that finds none; not under the sanitizers,
# whose runtime must come first): a clear message in Chinese, status 3,
# no private folder, no socket left
if [ "${SANITIZE:-0}" != 1 ] && command -v cc >/dev/null 2>&1; then
	cat >"$work/nolib.c" <<'EOF_C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
void *
dlopen(const char *file, int mode)
{
	static void *(*next)(const char *, int);
	if (file != NULL && strstr(file, "libmicrohttpd") != NULL)
		return NULL;
	if (next == NULL)
		*(void **)&next = dlsym(RTLD_NEXT, "dlopen");
	return next(file, mode);
}
EOF_C
	if cc -shared -fPIC -o "$work/nolib.so" "$work/nolib.c" 2>"$work/cc"; then
		mkdir "$work/tmp0"
		LD_PRELOAD="$work/nolib.so" TMPDIR="$work/tmp0" LANGUAGE=zh_CN \
		    "$NB" serve -C "$NB_ROOT/tests/invalid/_base" --port 0 \
		    --date 2026-11-27 >"$work/out0" 2>"$work/err0" </dev/null
		rc=$?
		[ $rc -eq 3 ] && grep -q '预览服务器需要 libmicrohttpd（Debian 软件包 libmicrohttpd12）' "$work/err0" &&
		    [ ! -s "$work/out0" ] && [ -z "$(ls "$work/tmp0")" ] &&
		    pass missing-libmicrohttpd-said || { echo "      status $rc"; fail missing-libmicrohttpd-said "$work/err0"; }
	else
		fail missing-libmicrohttpd-shim "$work/cc"
	fi
else
	echo "SKIP: serve/missing-libmicrohttpd-said (sanitizer build or no cc)"
fi

# --port 0: any free port, printed as the address on stdout
TMPDIR="$work/tmp" "$NB" serve -C "$c" --port 0 --date 2026-11-27 >"$work/out" 2>"$work/err" &
pid=$!
# the first build comes before the address (slow under the sanitizers)
wait_for "$work/out" '^http://' 1 120
url=$(head -1 "$work/out")
case $url in
http://127.0.0.1:[0-9]*/) pass "address-on-stdout ($url)" ;;
*) fail address-on-stdout "$work/err"; exit 0 ;;
esac
private=$(ls -d "$work/tmp"/noticeboard-serve.* 2>/dev/null | head -1)
[ -n "$private" ] && [ -f "$private/output/site/index.html" ] &&
    pass private-folder-in-TMPDIR || fail private-folder-in-TMPDIR "$work/err"

# ---- the site as served ----
[ "$(get /)" = "200 text/html; charset=utf-8" ] && grep -q '/__noticeboard/events' "$work/body" &&
    pass get-root-with-reload-script || fail get-root-with-reload-script "$work/body"
cp "$work/body" "$work/root.html"
# the file on disk is the build's: no script; the page is it plus the script
if [ -f "$private/output/site/index.html" ] && ! grep -q '__noticeboard' "$private/output/site/index.html" &&
    grep -v '/\* noticeboard serve \*/' "$work/root.html" | cmp -s - "$private/output/site/index.html"; then
	pass built-file-has-no-reload-script
else
	fail built-file-has-no-reload-script
fi
curl -s -I "$url" >"$work/head"
len=$(wc -c <"$work/root.html" | tr -d ' ')
grep -q '^HTTP/1.1 200' "$work/head" && grep -qi "^content-length: $len" "$work/head" &&
    pass head || fail head "$work/head"
# a page's files come over one connection
curl -s -v -o /dev/null -o /dev/null "$url" "${url}style.css" >"$work/keep" 2>&1
grep -qi 're-using existing connection' "$work/keep" && pass keep-alive || fail keep-alive "$work/keep"
curl -s -i -X POST -d x=1 "$url" >"$work/post"
grep -q '^HTTP/1.1 405' "$work/post" && grep -qi '^allow: GET, HEAD' "$work/post" &&
    pass post-405 || fail post-405 "$work/post"
curl -s -i -X PUT --data-binary @"$rec" "${url}x.html" >"$work/put"
grep -q '^HTTP/1.1 405' "$work/put" && pass put-405 || fail put-405 "$work/put"

# ---- nothing outside the site ----
for p in /../etc/passwd /../../../../etc/passwd /%2e%2e/%2e%2e/%2e%2e/etc/passwd \
    /%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /fushui/..%2f..%2f..%2f..%2fetc/passwd \
    /fushui/../../etc/passwd '/..\etc\passwd'; do
	code=$(get "$p" | cut -d' ' -f1)
	case $code in
	403 | 404) grep -q 'root:' "$work/body" && fail "no-escape $p" || pass "no-escape $p ($code)" ;;
	*) echo "      status $code"; fail "no-escape $p" "$work/body" ;;
	esac
done
# a link in the site to a folder outside it is as good as nothing
ln -s /etc "$private/output/site/etc-link"
code=$(get /etc-link/passwd | cut -d' ' -f1)
[ "$code" = 404 ] && ! grep -q 'root:' "$work/body" && pass no-link-out || fail no-link-out "$work/body"
rm -f "$private/output/site/etc-link"
# nothing of the content folder, nor the build's own files
for p in /site.yaml /fushui/wangjia/village.yaml /fushui/wangjia/2026/11/2026-11-02-road-plan.md \
    /.noticeboard/manifest /../.noticeboard/manifest; do
	code=$(get "$p" | cut -d' ' -f1)
	case $code in 403 | 404) pass "not-served $p ($code)" ;; *) fail "not-served $p" "$work/body" ;; esac
done

# ---- folders: their index.html, never a listing ----
r=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${url}fushui")
[ "$r" = "302 ${url}fushui/" ] && pass folder-redirects-to-slash || { echo "      $r"; fail folder-redirects-to-slash; }
[ "$(get /fushui/)" = "200 text/html; charset=utf-8" ] &&
    grep -v '/\* noticeboard serve \*/' "$work/body" | cmp -s - "$private/output/site/fushui/index.html" &&
    pass folder-serves-index.html || fail folder-serves-index.html "$work/body"
[ "$(get /data/ | cut -d' ' -f1)" = 404 ] && ! grep -q 'index.json' "$work/body" &&
    pass folder-without-index-404 || fail folder-without-index-404 "$work/body"

# ---- content types ----
svg=$(cd "$private/output/site" && find catalog -name '*.svg' | head -1)
for pair in "style.css:text/css; charset=utf-8" "search.js:text/javascript; charset=utf-8" \
    "feed.xml:application/xml" "data/index.json:application/json" \
    "assessment/scores.csv:text/csv; charset=utf-8" "$svg:image/svg+xml" \
    "fushui/wangjia/:text/html; charset=utf-8"; do
	p=${pair%%:*}; want=${pair#*:}
	got=$(get "/$p")
	[ "$got" = "200 $want" ] && pass "type $p" || { echo "      got $got"; fail "type $p"; }
done

# ---- the posters of the week ----
[ "$(get /__noticeboard/preview)" = "200 text/html; charset=utf-8" ] &&
    grep -q '<img [^>]*src="/__noticeboard/posters/fushui/wangjia/[^"]*\.png"' "$work/body" &&
    pass posters-page || fail posters-page "$work/body"
grep '^<h2>' "$work/body" | sort | uniq -d >"$work/dup"
[ ! -s "$work/dup" ] && [ "$(grep -c '^<h2>' "$work/body")" -ge 3 ] &&
    pass posters-page-a-heading-per-folder || fail posters-page-a-heading-per-folder "$work/dup"
png=$(grep -o 'src="/__noticeboard/posters/fushui/wangjia/[^"]*\.png"' "$work/body" | head -1 | sed 's/^src="\/__noticeboard\/posters\///; s/"$//')
[ -n "$png" ] && [ "$(get "/__noticeboard/posters/$png")" = "200 image/png" ] &&
    cmp -s "$work/body" "$private/output/posters/$png" && pass poster-png || fail poster-png
[ -n "$png" ] && [ "$(get "/__noticeboard/posters/${png%.png}.pdf" | cut -d' ' -f2)" = "application/pdf" ] &&
    pass poster-pdf || fail poster-pdf
[ "$(get /__noticeboard/posters/../site/index.html | cut -d' ' -f1)" = 403 ] &&
    pass posters-no-escape || fail posters-no-escape "$work/body"

# ---- the event stream: every build reloads the open pages ----
curl -s -N -i "${url}__noticeboard/events" >"$work/events" 2>/dev/null &
stream=$!
if wait_for "$work/events" '^event: hello' 1 10 && grep -qi '^content-type: text/event-stream' "$work/events"; then
	pass event-stream-opens
else
	fail event-stream-opens "$work/events"
fi

# an edit: a reload, and the page has the new title
start=$(now_ms)
sed 's/^title: .*/title: 村道硬化工程立项（改）/' "$rec" >"$work/rec" && cat "$work/rec" >"$rec"
if wait_for "$work/events" '^event: reload' 1 20; then
	pass "edit-reloads ($(($(now_ms) - start)) ms)"
else
	fail edit-reloads "$work/err"
fi
get /fushui/wangjia/ >/dev/null
grep -q '村道硬化工程立项（改）' "$work/body" && pass edit-shows-new-title || fail edit-shows-new-title "$work/err"

# a broken record: a reload, the error on the page at its file and line,
# with the line itself; the last good site stays
sed 's/^date: 2026-11-02/date: 2026-11-31/' "$rec" >"$work/rec" && cat "$work/rec" >"$rec"
wait_for "$work/events" '^event: reload' 2 20 && pass error-reloads || fail error-reloads "$work/err"
get / >/dev/null
if grep -q 'id="nb-serve-errors"' "$work/body" &&
    grep -q 'fushui/wangjia/2026/11/2026-11-02-road-plan.md:4:7:' "$work/body" &&
    grep -q '>4 | </span>date: <mark[^>]*>2</mark>026-11-31</pre>' "$work/body"; then
	pass error-overlay-with-file-line-and-source
else
	fail error-overlay-with-file-line-and-source "$work/body"
fi
# the message is the one the terminal shows
msg=$(grep -o 'road-plan.md:4:7: error: .*' "$work/err" | head -1 | sed 's/^road-plan.md:4:7: error: //')
[ -n "$msg" ] && grep -qF "$(printf '%s' "$msg" | sed "s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/\"/\&quot;/g; s/'/\&#39;/g")" "$work/body" &&
    pass error-overlay-says-what-the-terminal-says || fail error-overlay-says-what-the-terminal-says "$work/err"
get /fushui/wangjia/ >/dev/null
grep -q '村道硬化工程立项（改）' "$work/body" && grep -q 'nb-serve-errors' "$work/body" &&
    pass last-good-site-stays || fail last-good-site-stays "$work/body"
# the fix: a reload, and the overlay is gone
sed 's/^date: 2026-11-31/date: 2026-11-02/' "$rec" >"$work/rec" && cat "$work/rec" >"$rec"
wait_for "$work/events" '^event: reload' 3 20 && pass fix-reloads || fail fix-reloads "$work/err"
get / >/dev/null
! grep -q 'nb-serve-errors' "$work/body" && pass fix-removes-overlay || fail fix-removes-overlay "$work/body"

# a draft: shown in the preview, with its band; the others without
prog="$c/fushui/wangjia/2026/11/2026-11-20-road-progress.md"
sed 's/^title: .*/&\ndraft: true/' "$prog" >"$work/rec" && cat "$work/rec" >"$prog"
wait_for "$work/events" '^event: reload' 4 20
[ "$(get /fushui/wangjia/2026-11-20-road-progress.html | cut -d' ' -f1)" = 200 ] &&
    grep -q 'class="nb-serve-draft"' "$work/body" && pass draft-shown-with-band || fail draft-shown-with-band "$work/body"
get /fushui/wangjia/2026-11-02-road-plan.html >/dev/null
! grep -q 'nb-serve-draft' "$work/body" && pass no-band-on-published || fail no-band-on-published "$work/body"
! grep -rq 'nb-serve-draft' "$private/output/site" && pass band-not-in-built-files || fail band-not-in-built-files

# a new folder is watched: a record written into it after it was made
mkdir -p "$c/fushui/wangjia/2026/12"
sleep 0.3
printf -- '---\ntype: notice\ntitle: 冬季防火通知\ndate: 2026-11-26\n---\n请注意防火。\n' \
    >"$c/fushui/wangjia/2026/12/2026-11-26-fire.md"
wait_for "$work/events" '^event: reload' 6 20
[ "$(get /fushui/wangjia/2026-11-26-fire.html | cut -d' ' -f1)" = 200 ] && grep -q '冬季防火通知' "$work/body" &&
    pass new-folder-watched || fail new-folder-watched "$work/err"

# the posters: each good build's pages first (reload), then its posters
# (an event of their own); the posters' page listens to it, a site page
# does not reload twice
wait_for "$work/events" '^event: posters' 5 20
[ "$(grep '^event:' "$work/events" | tail -2 | tr '\n' ' ')" = "event: reload event: posters " ] &&
    pass posters-event-after-reload || fail posters-event-after-reload "$work/events"
get /__noticeboard/preview >/dev/null
grep -q 'addEventListener("posters"' "$work/body" && pass posters-page-listens-to-posters ||
    fail posters-page-listens-to-posters "$work/body"
get /fushui/wangjia/ >/dev/null
! grep -q 'addEventListener("posters"' "$work/body" && pass site-page-ignores-posters ||
    fail site-page-ignores-posters "$work/body"

# another village changes: only it is read again, and the draft of the
# first, kept from the build before, is still shown with its band
printf -- '---\ntype: notice\ntitle: 停水通知\ndate: 2026-11-25\n---\n明天停水。\n' \
    >"$c/fushui/lijia/2026-11-25-water.md"
wait_code /fushui/lijia/2026-11-25-water.html 200 20 && grep -q '停水通知' "$work/body" &&
    pass other-village-edited || fail other-village-edited "$work/err"
[ "$(get /fushui/wangjia/2026-11-20-road-progress.html | cut -d' ' -f1)" = 200 ] &&
    grep -q 'class="nb-serve-draft"' "$work/body" && pass draft-kept-when-another-village-changes ||
    fail draft-kept-when-another-village-changes "$work/body"
# a record removed: its page goes (the preview is updated in place)
rm "$c/fushui/lijia/2026-11-25-water.md"
wait_code /fushui/lijia/2026-11-25-water.html 404 20 && pass removed-record-page-gone ||
    fail removed-record-page-gone "$work/body"
[ ! -e "$private/output/site/fushui/lijia/2026-11-25-water.html" ] && pass removed-record-file-gone ||
    fail removed-record-file-gone

# a second server on the same port: a usage error, nothing left behind
port=$(printf '%s' "$url" | sed 's/.*:\([0-9]*\)\/$/\1/')
TMPDIR="$work/tmp" "$NB" serve -C "$c" --port "$port" --date 2026-11-27 >/dev/null 2>"$work/err2"
rc=$?
[ $rc -eq 2 ] && [ "$(ls "$work/tmp" | wc -l)" -eq 1 ] && pass port-in-use-is-a-usage-error ||
    { echo "      status $rc"; fail port-in-use-is-a-usage-error "$work/err2"; }
"$NB" serve -C "$work/nowhere" >/dev/null 2>"$work/err2"
[ $? -eq 2 ] && pass missing-content-is-a-usage-error || fail missing-content-is-a-usage-error "$work/err2"

# content broken from the start, in the clerk's default language: the
# error in Chinese on the page (nothing built yet), and a stop on SIGINT
c2="$work/c2"
cp -R "$NB_ROOT/tests/invalid/_base" "$c2"
sed 's/^date: 2026-11-02/date: 2026-11-31/' "$c2/fushui/wangjia/2026/11/2026-11-02-road-plan.md" >"$work/rec" &&
    cat "$work/rec" >"$c2/fushui/wangjia/2026/11/2026-11-02-road-plan.md"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG TMPDIR="$work/tmp" "$NB" serve -C "$c2" --port 0 \
    --date 2026-11-27 >"$work/out2" 2>"$work/err2" &
pid2=$!
if wait_for "$work/out2" '^http://' 1 120; then
	url2=$(head -1 "$work/out2")
	code=$(curl -s -o "$work/body" -w '%{http_code}' "$url2")
	[ "$code" = 503 ] && grep -q 'road-plan.md:4:7:</code> 错误: ' "$work/body" &&
	    grep -q 'id="nb-serve-errors"' "$work/body" && pass broken-from-the-start-in-chinese ||
	    { echo "      status $code"; fail broken-from-the-start-in-chinese "$work/body"; }
else
	fail broken-from-the-start-in-chinese "$work/err2"
fi
kill -INT "$pid2"
i=0
while kill -0 "$pid2" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid2" 2>/dev/null; then
	kill "$pid2"
	fail stops-on-sigint "$work/err2"
else
	wait "$pid2"
	rc=$?
	[ $rc -eq 0 ] && [ "$(ls "$work/tmp" | wc -l)" -eq 1 ] && pass stops-on-sigint ||
	    { echo "      status $rc"; fail stops-on-sigint "$work/err2"; }
fi
grep -q 'Sanitizer' "$work/err2" && fail sanitizers-clean-sigint "$work/err2" || pass sanitizers-clean-sigint

# ---- a clean stop ----
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	fail stops-on-sigterm "$work/err"
else
	wait "$pid"
	rc=$?
	pid=""
	[ $rc -eq 0 ] && pass stops-on-sigterm || { echo "      status $rc"; fail stops-on-sigterm "$work/err"; }
fi
[ ! -e "$private" ] && pass private-folder-removed || fail private-folder-removed
# the stream was ended by the server
i=0
while kill -0 "$stream" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$stream" 2>/dev/null && fail event-stream-ends || pass event-stream-ends
stream=""
grep -q 'Sanitizer' "$work/err" && fail sanitizers-clean "$work/err" || pass sanitizers-clean
