#!/bin/sh
# suite.sh: Chinese first. The message catalogue is complete; messages,
# summaries and every command's --help are Chinese by default, also where
# the only locale is C or C.UTF-8, and English when asked; every error
# fixture of tests/invalid reads as Chinese (no run of English words outside
# paths, keys, quoted values and numbers); the mistakes clerks make most in
# YAML are named at their line and column; Chinese values build the same
# outputs as English ones.
set -u
: "${NB:?}" "${NB_ROOT:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass() { echo "PASS: i18n/$1"; }
fail() { echo "FAIL: i18n/$1"; [ -n "${2:-}" ] && sed 's/^/      /' "$2" | head -20; }
# the environment a fresh machine has: no language asked for
clean() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }

# ---- the catalogue: every message translated, none fuzzy ----
if msgfmt --check --statistics -o /dev/null "$NB_ROOT/po/zh_CN.po" >"$work/stats" 2>&1 &&
    grep -Eq '^[0-9]+ translated messages\.$' "$work/stats"; then
	pass "catalogue-complete ($(cat "$work/stats"))"
else
	fail catalogue-complete "$work/stats"
fi
# the sources' messages are all in the catalogue (make pot was run)
if command -v xgettext >/dev/null 2>&1; then
	make -s -C "$NB_ROOT" pot POT_OUT="$work/fresh.pot" >/dev/null 2>&1
	# every message of the sources has its translation
	if [ -f "$work/fresh.pot" ] && msgcmp "$NB_ROOT/po/zh_CN.po" "$work/fresh.pot" >"$work/d" 2>&1; then
		pass every-source-message-translated
	else
		fail every-source-message-translated "$work/d"
	fi
fi

# ---- the default language, and English when asked ----
mkdir -p "$work/t"
cp -R "$NB_ROOT/tests/invalid/_base/." "$work/t/"
printf -- '---\ntype: notice\ntitle: 通知\ndate: 2026-11-31\n---\n' \
    >"$work/t/fushui/wangjia/2026/11/2026-11-25-bad.md"
for env in "LANG=C" "LANG=C.UTF-8" "LC_ALL=C.UTF-8" "LANG=zh_CN.UTF-8"; do
	clean env "$env" "$NB" check -C "$work/t" --date 2026-11-27 >/dev/null 2>"$work/err"
	if grep -q ':4:7: 错误: ' "$work/err" && grep -q '^noticeboard：检查：1 个错误' "$work/err"; then
		pass "chinese-by-default-$env"
	else fail "chinese-by-default-$env" "$work/err"; fi
done
clean "$NB" check -C "$work/t" --date 2026-11-27 >/dev/null 2>"$work/err"
grep -q ': 错误: ' "$work/err" && pass chinese-with-no-locale-set || fail chinese-with-no-locale-set "$work/err"
for env in "LANGUAGE=en" "LC_ALL=en_US.UTF-8" "LANG=en_GB.UTF-8" "LC_MESSAGES=en"; do
	clean env "$env" "$NB" check -C "$work/t" --date 2026-11-27 >/dev/null 2>"$work/err"
	if grep -q ':4:7: error: ' "$work/err" && grep -q '^noticeboard: check: 1 error, 0 warnings' "$work/err"; then
		pass "english-when-asked-$env"
	else fail "english-when-asked-$env" "$work/err"; fi
done

# ---- every command answers --help, in Chinese, with an example ----
for cmd in build check flow init new list serve; do
	clean "$NB" "$cmd" --help >"$work/out" 2>"$work/err"
	rc=$?
	if [ $rc -eq 0 ] && grep -q "noticeboard $cmd" "$work/out" && grep -q '例' "$work/out" &&
	    python3 "$here/english_runs.py" --help "$work/out" >"$work/runs"; then
		pass "help-$cmd"
	else
		echo "      status $rc"; cat "$work/runs" "$work/err" >"$work/both" 2>/dev/null; fail "help-$cmd" "$work/both"
	fi
done
clean "$NB" --help >"$work/out" 2>&1 && grep -q '命令' "$work/out" && pass help-main || fail help-main "$work/out"
clean "$NB" help build >"$work/out" 2>&1 && grep -q 'noticeboard build' "$work/out" && pass help-command || fail help-command "$work/out"

# ---- every error fixture, in Chinese: no English sentences left ----
n=0 bad=0
for dir in "$NB_ROOT"/tests/invalid/*/; do
	name=$(basename "$dir")
	[ "$name" = _base ] && continue
	tree="$work/inv/$name"
	sh "$NB_ROOT/tests/invalid/assemble.sh" "$dir" "$tree"
	(cd "$work/inv" && clean "$NB" check -C "$name" --date 2026-11-27) >/dev/null 2>"$work/inv.err"
	n=$((n + 1))
	if ! python3 "$here/english_runs.py" "$work/inv.err" >"$work/runs"; then
		bad=$((bad + 1))
		echo "      $name:"; sed 's/^/        /' "$work/runs" | head -5
	fi
	chmod -R u+w "$tree" 2>/dev/null
done
[ "$bad" -eq 0 ] && [ "$n" -gt 50 ] && pass "every-fixture-in-chinese ($n)" || fail "every-fixture-in-chinese ($bad of $n)"

# ---- Chinese values build what English values build ----
cp -R "$NB_ROOT/content" "$work/zh"
python3 "$here/to_chinese.py" "$work/zh" shiqiao longtan taohe catalog site.yaml >"$work/n"
"$NB" build -C "$NB_ROOT/content" -o "$work/en-out" --date 2026-11-27 --only site,posters -j 2 >/dev/null 2>&1
"$NB" check -C "$work/zh" --date 2026-11-27 >/dev/null 2>"$work/zh.err"
rc=$?
"$NB" build -C "$work/zh" -o "$work/zh-out" --date 2026-11-27 --only site,posters -j 2 >/dev/null 2>&1
if [ $rc -eq 0 ] && [ "$(cat "$work/n")" -gt 1000 ] &&
    diff -r -x .noticeboard "$work/en-out" "$work/zh-out" >"$work/d" 2>&1; then
	pass "chinese-values-build-the-same ($(cat "$work/n") files in Chinese)"
else
	fail chinese-values-build-the-same "$work/d"
fi

# ---- the Chinese manual page is lint-clean ----
if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$NB_ROOT/docs/zh_CN/man1/noticeboard.1" >"$work/lint" 2>&1
	[ ! -s "$work/lint" ] && pass man-zh-lint-clean || fail man-zh-lint-clean "$work/lint"
else
	echo "SKIP: i18n/man-zh-lint-clean (mandoc is not installed)"
fi
if command -v groff >/dev/null 2>&1; then
	groff -ww -man -Tutf8 -K utf8 "$NB_ROOT/docs/zh_CN/man1/noticeboard.1" >/dev/null 2>"$work/lint"
	[ ! -s "$work/lint" ] && pass man-zh-groff-clean || fail man-zh-groff-clean "$work/lint"
fi
# make install puts the Chinese catalogue, manual page and documents in place
if [ "${SANITIZE:-}" = 1 ]; then
	echo "SKIP: i18n/install-zh (the sanitizer build is not installed)"
elif make -s -C "$NB_ROOT" install PREFIX="$work/prefix" >/dev/null 2>"$work/inst" && [ -f "$work/prefix/share/locale/zh_CN/LC_MESSAGES/noticeboard.mo" ] &&
    [ -f "$work/prefix/share/man/zh_CN/man1/noticeboard.1" ] &&
    [ -f "$work/prefix/share/doc/noticeboard/zh_CN/records/decision.md" ]; then
	# the installed program finds its catalogue
	clean "$work/prefix/bin/noticeboard" check -C "$work/t" --date 2026-11-27 >/dev/null 2>"$work/err"
	grep -q ': 错误: ' "$work/err" && pass install-zh || fail install-zh "$work/err"
else
	fail install-zh "$work/inst"
fi

# ---- the mistakes clerks make most, in Chinese, at their line and column ----
check_zh() {
	# case of tests/invalid, the line the message must be (exactly)
	rm -rf "$work/one"
	sh "$NB_ROOT/tests/invalid/assemble.sh" "$NB_ROOT/tests/invalid/$1" "$work/one"
	(cd "$work" && clean "$NB" check -C one --date 2026-11-27) >/dev/null 2>"$work/one.err"
	if grep -qxF -- "$2" "$work/one.err"; then pass "zh-$1"; else
		echo "      wanted: $2"; fail "zh-$1" "$work/one.err"; fi
}
check_zh yaml-fullwidth-colon 'fushui/wangjia/2026/11/2026-11-25-notice.md:3:6: 错误: 键“title”后面用了全角冒号“：”：请改成半角冒号再空一格，写成“title: ...”'
check_zh yaml-no-space-after-colon 'fushui/wangjia/2026/11/2026-11-25-notice.md:4:6: 错误: “date:”的冒号后面要空一格：请写成“date: 2026-11-25”'
check_zh yaml-tab-indent 'fushui/wangjia/2026/11/2026-11-22-power-safety.md:3:1: 错误: 这一行用了 Tab 键缩进：YAML 只认空格，请把 Tab 换成空格'
check_zh date-dotted 'fushui/wangjia/2026/11/2026-11-25-notice.md:4:7: 错误: “date”的日期写法不对：“2026.11.25”，请写成 2026-11-25（年四位、月两位、日两位，用半角短横线隔开）'
check_zh money-with-unit 'fushui/wangjia/2026/10/2026-10-08-finance-q3.md:15:10: 错误: “closing”：金额请写成 91800.25，只写数字，不写逗号和单位，不能写“91800.25元”'
check_zh vote-counts-exceed-present "$(sed -n 1p "$NB_ROOT/tests/invalid/vote-counts-exceed-present/expected" | cut -d: -f1-3): 错误: 赞成$(sed -n 1p "$NB_ROOT/tests/invalid/vote-counts-exceed-present/expected" | sed 's/.*(\([0-9]*\) + \([0-9]*\) + \([0-9]*\) = \([0-9]*\)) is more than present (\([0-9]*\)).*/\1票、反对\2票、弃权\3票，合计\4票，超过到会人数\5人/')：请核对表决票数"
