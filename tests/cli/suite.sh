#!/bin/sh
# suite.sh: the command line: exit codes, init, new, the build clock, and the
# demo county checking clean.
set -u
: "${NB:?}" "${NB_ROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3

pass() { echo "PASS: cli/$1"; }
fail() { echo "FAIL: cli/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }
expect_status() {
	# name, wanted status, command...
	name=$1; want=$2; shift 2
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" = "$want" ]; then pass "$name"; else
		echo "      status $got, wanted $want"; fail "$name" "$work/err"; fi
}

expect_status version 0 "$NB" --version
grep -q '^noticeboard [0-9]' "$work/out" && pass version-text || fail version-text "$work/out"
expect_status help 0 "$NB" --help
grep -q 'exit status' "$work/out" && pass help-text || fail help-text "$work/out"
expect_status no-command 2 "$NB"
expect_status unknown-command 2 "$NB" frobnicate
expect_status unknown-option 2 "$NB" check --frob
expect_status bad-date 2 "$NB" check -C "$NB_ROOT/content" --date 2026-02-30
expect_status option-needs-value 2 "$NB" check -C
expect_status missing-content 2 "$NB" check -C "$work/nowhere"
expect_status bad-epoch 2 env SOURCE_DATE_EPOCH=yesterday "$NB" check -C "$NB_ROOT/content"

# the demo county: no errors, and warnings only of the villages that are
# behind on purpose (scripts/demo_county.py lists them; hejiaying is by hand)
behind='taohe/hejiaying|yunling/gaoshan|songping/heilongkou|jinping/xipo|liuwan/shuimo|qingshui/shiban|chengguan/wangzhuang|longtan/yanwu'
expect_status demo-checks-clean 0 "$NB" check -C "$NB_ROOT/content" --date 2026-11-27
if grep -q ': error: ' "$work/err"; then fail demo-no-errors "$work/err"; else pass demo-no-errors; fi
if grep ': warning: ' "$work/err" | grep -Evq "^($behind)/"; then
	fail demo-warnings-only-in-the-villages-behind "$work/err"
else pass demo-warnings-only-in-the-villages-behind; fi
# a village that has published nothing is overdue for every recurring item
n=$(grep -c '^yunling/gaoshan/village.yaml:1:1: warning: overdue: ' "$work/err")
[ "$n" -eq "$(grep -c '^          every: ' "$NB_ROOT/content/catalog/powers.yaml")" ] &&
    pass demo-empty-village-overdue-for-every-item ||
    fail demo-empty-village-overdue-for-every-item "$work/err"
# a merged village is not overdue for the periods before it existed
grep -q '^huaishu/tuanjie/' "$work/err" && fail demo-new-village-owes-nothing-before "$work/err" ||
    pass demo-new-village-owes-nothing-before
grep -q '^noticeboard: check: .*; 10 towns, 126 villages, ' "$work/err" && pass demo-126-villages || fail demo-126-villages "$work/err"

# the build clock: SOURCE_DATE_EPOCH is the default date (2027-01-10 here:
# the due quarter becomes 2026-Q4, so the full villages are overdue too)
SOURCE_DATE_EPOCH=1799539200 "$NB" check -C "$NB_ROOT/content" >/dev/null 2>"$work/err"
grep -q 'qingshui/zhangjiagou/village.yaml:1:1: warning: overdue: no record of p16 非生产性开支管理 for 2026-Q4' "$work/err" \
    && pass source-date-epoch || fail source-date-epoch "$work/err"

# init: a new county from the starter catalog checks clean
expect_status init 0 "$NB" init "$work/county"
[ -f "$work/county/site.yaml" ] && [ -f "$work/county/catalog/powers.yaml" ] \
    && cmp -s "$work/county/catalog/powers.yaml" "$NB_ROOT/seeds/catalog/powers.yaml" \
    && pass init-copies-seeds || fail init-copies-seeds "$work/out"
# what init leaves for the county to fill in is pointed at, as warnings at
# each value: the sample name, the example address and the zeros phone
expect_status init-checks-without-errors 0 "$NB" check -C "$work/county"
cat >"$work/want" <<'EOF'
site.yaml:4:7: warning: 'name' is still the placeholder '某某县' (某某 stands in for a name): put the real name
site.yaml:5:11: warning: 'base_url' is still the example address that `noticeboard init` wrote: put the address where the site is published (the QR codes on posters lead there)
site.yaml:6:10: warning: 'hotline' is still the placeholder number '0000-0000000' (its last seven digits are zeros): put the number people should call
noticeboard: check: 0 errors, 3 warnings; 0 towns, 0 villages, 0 records
EOF
diff -u "$work/want" "$work/err" >"$work/diff" && pass init-placeholders-warned ||
    fail init-placeholders-warned "$work/diff"
# filled in, the county checks clean: nothing else of init's is reported
sed -i 's/^name: 某某县/name: 示范县/; s#^base_url: https://example.gov.cn/#base_url: https://shifan.example/#; s/^hotline: 0000-0000000/hotline: 0914-0000100/' \
    "$work/county/site.yaml"
expect_status init-filled-in-checks-clean 0 "$NB" check -C "$work/county"
grep -q ': warning: \|: error: ' "$work/err" && fail init-filled-in-no-warnings "$work/err" ||
    pass init-filled-in-no-warnings
# a plain http address works but is pointed at: phones call it not secure
sed -i 's#^base_url: https://#base_url: http://#' "$work/county/site.yaml"
expect_status init-http-base-url 0 "$NB" check -C "$work/county"
grep -q "^site.yaml:5:11: warning: 'base_url' is a plain http:// address" "$work/err" &&
    [ "$(grep -c ': warning: ' "$work/err")" = 1 ] && pass http-base-url-warned ||
    fail http-base-url-warned "$work/err"
sed -i 's#^base_url: http://#base_url: https://#' "$work/county/site.yaml"
expect_status init-refuses-non-empty 2 "$NB" init "$work/county"
(cd / && expect_status init-outside-the-tree 0 "$NB" init "$work/county2")

# new: a skeleton in YYYY/MM named after the date and title
mkdir -p "$work/county/fushui/wangjia"
printf 'name: 富水镇\n' >"$work/county/fushui/town.yaml"
printf 'name: 王家村\nadults: 1180\nrepresentatives: 45\nparty_members: 38\n' \
    >"$work/county/fushui/wangjia/village.yaml"
expect_status new-decision 0 "$NB" new decision --village fushui/wangjia \
    --title "村道硬化 工程/立项" -C "$work/county" --date 2026-11-27
f=$(cat "$work/out")
[ "$f" = "$work/county/fushui/wangjia/2026/11/2026-11-27-村道硬化-工程-立项.md" ] && [ -f "$f" ] \
    && pass new-file-name || { echo "      got '$f'"; fail new-file-name; }
# the skeleton is a draft whose blanks the checker lists, as warnings: a
# draft never fails a check
expect_status new-skeleton-lists-blanks 0 "$NB" check -C "$work/county" --date 2026-11-27
grep -q "2026-11-27-村道硬化-工程-立项.md:5:7: warning: draft: 'power' is empty" "$work/err" \
    && grep -q "'total' is empty" "$work/err" \
    && pass new-skeleton-messages || fail new-skeleton-messages "$work/err"
# a misspelled village: the nearest village named, for new and for list
expect_status new-misspelled-village 2 "$NB" new notice --village fushui/wangjai \
    --title 测试 -C "$work/county" --date 2026-11-27
grep -q "did you mean fushui/wangjia?" "$work/err" && pass new-misspelled-village-hint ||
    fail new-misspelled-village-hint "$work/err"
expect_status list-misspelled-village 2 "$NB" list records --village fushui/wangjai \
    -C "$work/county" --date 2026-11-27
grep -q "did you mean fushui/wangjia?" "$work/err" && pass list-misspelled-village-hint ||
    fail list-misspelled-village-hint "$work/err"
expect_status new-second-gets-a-number 0 "$NB" new decision --village fushui/wangjia \
    --title "村道硬化 工程/立项" -C "$work/county" --date 2026-11-27
case $(cat "$work/out") in *立项-2.md) pass new-no-overwrite ;; *) fail new-no-overwrite "$work/out" ;; esac
for t in progress result finance assistance service notice survey talk; do
	expect_status "new-$t" 0 "$NB" new $t --village fushui/wangjia --title "$t 测试" \
	    -C "$work/county" --date 2026-11-27 --power p01
done
expect_status new-unknown-village 2 "$NB" new notice --village fushui/nowhere --title x -C "$work/county"
expect_status new-bad-village-id 2 "$NB" new notice --village ../etc --title x -C "$work/county"
expect_status new-unknown-type 2 "$NB" new memo --village fushui/wangjia --title x -C "$work/county"

# unreadable content: a link to nothing is named as such: a content error
cp -R "$NB_ROOT/tests/invalid/_base" "$work/broken"
ln -s /nonexistent "$work/broken/fushui/wangjia/gone.md"
expect_status unreadable-file 1 "$NB" check -C "$work/broken"
grep -q "^fushui/wangjia/gone.md:1:1: error: 'gone.md' is a link to a file that does not exist" "$work/err" \
    && pass unreadable-file-named || fail unreadable-file-named "$work/err"

# the man page, and an installed program that finds its data outside the tree
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint "$NB_ROOT/docs/noticeboard.1" >"$work/out" 2>&1 \
	    && pass man-page-lint || fail man-page-lint "$work/out"
else
	echo "FAIL: cli/man-page-lint: mandoc is not installed"
fi
if make -s -C "$NB_ROOT" install PREFIX="$work/inst" >"$work/out" 2>&1; then
	pass make-install
	[ -f "$work/inst/share/man/man1/noticeboard.1" ] && [ -f "$work/inst/share/noticeboard/seeds/catalog/powers.yaml" ] \
	    && pass install-layout || fail install-layout "$work/out"
	(cd / && "$work/inst/bin/noticeboard" init "$work/installed-county" >"$work/out" 2>&1) \
	    && cmp -s "$work/installed-county/catalog/duties.yaml" "$NB_ROOT/seeds/catalog/duties.yaml" \
	    && pass installed-init || fail installed-init "$work/out"
else
	fail make-install "$work/out"
fi
# a program copied where it finds no data says where it looked and what to
# set, for the build and for init, and changes nothing
mkdir -p "$work/copied"
cp "$NB" "$work/copied/noticeboard"
(cd / && env -u NOTICEBOARD_DATA "$work/copied/noticeboard" build -C "$NB_ROOT/tests/invalid/_base" \
    -o "$work/copied-out" --date 2026-11-27 >"$work/out" 2>&1)
rc=$?
[ $rc -eq 3 ] && grep -q "looked in '$work/copied/../share/noticeboard', '$work/copied'" "$work/out" &&
    grep -q 'set NOTICEBOARD_DATA to the folder' "$work/out" && [ ! -e "$work/copied-out/site" ] \
    && pass copied-program-says-where-it-looked || fail copied-program-says-where-it-looked "$work/out"
(cd / && env -u NOTICEBOARD_DATA "$work/copied/noticeboard" init "$work/copied-county" >"$work/out" 2>&1)
rc=$?
[ $rc -eq 3 ] && grep -q "looked in '$work/copied/../share/noticeboard'" "$work/out" \
    && pass copied-program-init-says-where-it-looked || fail copied-program-init-says-where-it-looked "$work/out"
NOTICEBOARD_DATA="$NB_ROOT" "$work/copied/noticeboard" build -C "$NB_ROOT/tests/invalid/_base" \
    -o "$work/copied-out" --date 2026-11-27 >"$work/out" 2>&1 \
    && pass copied-program-with-NOTICEBOARD_DATA || fail copied-program-with-NOTICEBOARD_DATA "$work/out"

# ---- check PATH...: the problems of those files only ----
rm -rf "$work/cp"
cp -R "$NB_ROOT/tests/invalid/_base" "$work/cp"
printf -- '---\ntype: notice\ntitle: 停电\ndate: 2026-11-31\n---\nx\n' \
    >"$work/cp/fushui/wangjia/2026/11/2026-11-27-bad.md"
printf -- '---\ntype: notice\ntitle: 通知\ndate: 2026-11-25\ndraft: true\npower: p99\n---\nx\n' \
    >"$work/cp/fushui/wangjia/2026/11/2026-11-27-draft.md"
expect_status check-path-bad 1 "$NB" check -C "$work/cp" --date 2026-11-27 \
    "$work/cp/fushui/wangjia/2026/11/2026-11-27-bad.md"
grep -q '2026-11-27-bad.md:4:7: error: ' "$work/err" && ! grep -q 'draft' "$work/err" &&
    pass check-path-reports-that-file || fail check-path-reports-that-file "$work/err"
expect_status check-path-draft 0 "$NB" check -C "$work/cp" --date 2026-11-27 \
    "$work/cp/fushui/wangjia/2026/11/2026-11-27-draft.md"
grep -q "2026-11-27-draft.md:6:8: warning: draft: 'power': no item 'p99'" "$work/err" &&
    ! grep -q 'bad.md' "$work/err" && pass check-path-draft-warns || fail check-path-draft-warns "$work/err"
expect_status check-path-village 1 "$NB" check -C "$work/cp" --date 2026-11-27 "$work/cp/fushui/wangjia"
expect_status check-path-other-village 0 "$NB" check -C "$work/cp" --date 2026-11-27 "$work/cp/fushui/lijia"
expect_status check-path-outside 2 "$NB" check -C "$work/cp" --date 2026-11-27 /etc/passwd
# the whole county: the draft never fails it, the other record does
expect_status check-draft-never-fails 1 "$NB" check -C "$work/cp" --date 2026-11-27
grep -q '^noticeboard: check: 1 error, 1 warning; ' "$work/err" && pass draft-is-a-warning ||
    fail draft-is-a-warning "$work/err"
rm "$work/cp/fushui/wangjia/2026/11/2026-11-27-bad.md"
expect_status build-with-a-broken-draft 0 "$NB" build -C "$work/cp" -o "$work/cp-out" --date 2026-11-27 --only site
! grep -rq '2026-11-27-draft' "$work/cp-out/site" && pass draft-not-published || fail draft-not-published

# ---- the content folder found upward; new knows the village it is in ----
rm -rf "$work/up"
cp -R "$NB_ROOT/tests/invalid/_base" "$work/up"
mkdir -p "$work/up/fushui/wangjia/2026/11"
( cd "$work/up/fushui/wangjia/2026" && "$NB" check --date 2026-11-27 ) >/dev/null 2>"$work/err"
grep -q '^noticeboard: check: 0 errors, 0 warnings; 1 town, 2 villages, 4 records$' "$work/err" &&
    pass content-found-upward || fail content-found-upward "$work/err"
( cd "$work/up/fushui/wangjia" && "$NB" new finance --title 十月财务收支 --date 2026-11-27 ) \
    >"$work/out" 2>"$work/err"
f=$(cat "$work/out")
[ "$f" = "$work/up/fushui/wangjia/2026/11/2026-11-27-十月财务收支.md" ] &&
    grep -q '^power: p15 ' "$f" && pass new-knows-its-village-and-the-finance-item ||
    fail new-knows-its-village-and-the-finance-item "$work/err"
( cd "$work/up/fushui/wangjia" && "$NB" new decision --title 测试 --power p9 --date 2026-11-27 ) \
    >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "no item 'p9' in catalog/powers.yaml; did you mean 'p19'?" "$work/err" &&
    pass new-checks-the-power || fail new-checks-the-power "$work/err"
( cd "$work/up" && "$NB" build --only site --date 2026-11-27 ) >/dev/null 2>"$work/err"
[ -f "$work/output/site/index.html" ] && pass output-beside-content || fail output-beside-content "$work/err"

# ---- list: the catalog and the tree as tables ----
expect_status list-powers 0 "$NB" list powers -C "$NB_ROOT/content"
n=$(grep -c '^p[0-9]' "$work/out")
[ "$n" -eq "$(grep -c '^      - id: ' "$NB_ROOT/content/catalog/powers.yaml")" ] &&
    grep -q '^p15  *村级财务公开  *集体资金与财务  *[0-9]* steps  *15  *every quarter' "$work/out" &&
    pass list-powers-every-item || fail list-powers-every-item "$work/out"
expect_status list-duties 0 "$NB" list duties -C "$NB_ROOT/content"
grep -q '^secretary  村党支部书记$' "$work/out" && pass list-duties-roles || fail list-duties-roles "$work/out"
expect_status list-villages-overdue 0 "$NB" list villages --overdue -C "$NB_ROOT/content" --date 2026-11-27
grep -q '^yunling/gaoshan  *云岭镇  *高山村  *0  *0.0  *27$' "$work/out" &&
    ! grep -q '^taohe/wafang' "$work/out" && pass list-villages-overdue-only ||
    fail list-villages-overdue-only "$work/out"
expect_status list-records-village 0 "$NB" list records --village taohe/hejiaying -C "$NB_ROOT/content" --date 2026-11-27
[ "$(grep -c ' taohe/hejiaying ' "$work/out")" -eq "$(find "$NB_ROOT/content/taohe/hejiaying" -name '*.md' | wc -l)" ] &&
    pass list-records-of-a-village || fail list-records-of-a-village "$work/out"
expect_status list-unknown 2 "$NB" list things -C "$NB_ROOT/content"

# ---- flow needs -o, even in a folder whose name has a dot ----
mkdir -p "$work/li.ming"
cp "$NB_ROOT/tests/flow/corpus/"*.yaml "$work/li.ming/" 2>/dev/null || true
f=$(ls "$work/li.ming/"*.yaml 2>/dev/null | head -1)
if [ -n "$f" ]; then
	( cd "$work/li.ming" && "$NB" flow "$f" ) >/dev/null 2>"$work/err"
	grep -q 'flow needs an output' "$work/err" && pass flow-needs-output ||
	    fail flow-needs-output "$work/err"
fi
# ---- check PATH as the messages print it, from outside the content ----
expect_status check-path-as-printed 0 "$NB" check -C "$work/cp" --date 2026-11-27 fushui/wangjia
grep -q "2026-11-27-draft.md:6:8: warning: draft: " "$work/err" && pass check-path-as-printed-reports ||
    fail check-path-as-printed-reports "$work/err"
