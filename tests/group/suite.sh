#!/bin/sh
# suite.sh: the group messages (output/group/). A small county whose week
# holds an assistance list (a recipient's name in its title, a reason, a
# mobile number in its body), a long notice, a notice in every kind of
# Markdown, a finance record, a survey and a town's own notice is built
# with --only group; then the files there are, their length (at most 500
# characters), that no Markdown and no personal data is left, the amounts
# in yuan to the fen, the survey's call to answer, the week's digests, two
# builds byte for byte, and an edited record rewriting only its own files
# are checked.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin group
need_tools python3
cd "$work" || exit 1
D="--date 2026-11-27"

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
printf 'suggestion_box: 村部大门右侧意见箱\n' >>"$c/fushui/wangjia/village.yaml"
d=$c/fushui/wangjia/2026/11
cat >"$d/2026-11-24-temp-aid.md" <<'MD'
---
type: assistance
title: 欧阳春花等临时救助审批结果公示
date: 2026-11-24
power: p01
publish: {from: 2026-11-24, to: 2026-11-30}
program: 临时救助
people:
  - {name: 欧阳春花, household: 3, amount: 0.10, reason: 罕见病住院治疗, id_card: 610000********2318}
  - {name: 司马秋月, household: 2, amount: 0.20, reason: 房屋失火受损, id_card: 610000********4105}
---
欧阳春花一家和司马秋月一家经审批给予临时救助，联系人手机 13912345678。

公示期内有异议的，可向村务监督委员会反映。
MD
# a body far over 500 characters: sentences of 20 characters
{
	cat <<'MD'
---
type: notice
title: 关于冬季安全生产的长通知
date: 2026-11-24
publish: {from: 2026-11-24, to: 2026-11-30}
---
MD
	i=0
	while [ $i -lt 40 ]; do
		printf '第%02d条：请各户注意用火用电安全防范。\n\n' $i
		i=$((i + 1))
	done
} >"$d/2026-11-24-long-notice.md"
cat >"$d/2026-11-25-markdown.md" <<'MD'
---
type: notice
title: 关于召开村民大会的通知
date: 2026-11-25
publish: {from: 2026-11-25, to: 2026-11-30}
---
## 会议安排

定于 **11月28日上午9时** 在*村委会*召开大会,请准时参加(带好身份证)!

1. 审议年度工作报告
2. 选举村民代表

- 会场：村委会二楼
- 联系：[村委会](https://example.gov.cn/wangjia/)

| 事项 | 时间 |
|---|---|
| 签到 | 8:30 |
| 开会 | 9:00 |

> 请互相转告。

<script>alert(1)</script>
MD
cat >"$d/2026-11-25-finance-10.md" <<'MD'
---
type: finance
title: 2026年10月村级财务收支公开
date: 2026-11-25
power: p01
publish: {from: 2026-11-25, to: 2026-12-09}
period: 2026-10
opening: 1000.00
income:
  - {item: 鱼塘承包费, amount: 0.10}
  - {item: 门面租金, amount: 0.20}
expense:
  - {item: 水电费, amount: 705.30}
---
10月份收支已经村务监督委员会审核。
MD
cat >"$d/2026-11-23-survey-q3.md" <<'MD'
---
type: survey
title: 2026年第三季度满意度测评结果
date: 2026-11-23
publish: {from: 2026-11-23, to: 2026-11-29}
period: 2026-Q3
respondents: 100
items:
  - {question: 对村务公开内容是否及时完整, very_satisfied: 50, satisfied: 30, neutral: 15, dissatisfied: 5}
  - {question: 对财务公开是否满意, very_satisfied: 40, satisfied: 40, neutral: 10, dissatisfied: 10}
---
测评已结束。
MD
mkdir -p "$c/fushui/2026/11"
cat >"$c/fushui/2026/11/2026-11-24-town-fire.md" <<'MD'
---
type: notice
title: 富水镇冬季森林防火通知
date: 2026-11-24
publish: {from: 2026-11-24, to: 2026-12-08}
---
严禁野外用火。
MD

out=$work/out
"$NB" build -C "$c" -o "$out" $D --only group >"$work/build.log" 2>&1
check build-succeeds test $? -eq 0
g=$out/group/fushui/wangjia

# the files: one per record of the week, the survey's call, the digests
: >"$work/files"
for f in 2026-11-24-temp-aid.txt 2026-11-24-long-notice.txt \
    2026-11-25-markdown.txt 2026-11-25-finance-10.txt \
    2026-11-23-survey-q3.txt invite/2026-11-23-survey-q3.txt week.txt; do
	[ -s "$g/$f" ] || echo "missing: $f" >>"$work/files"
done
[ -s "$out/group/fushui/lijia/week.txt" ] || echo "missing: lijia/week.txt" >>"$work/files"
[ -s "$out/group/fushui/2026-11-24-town-fire.txt" ] || echo "missing: the town's notice" >>"$work/files"
[ -s "$out/group/fushui/week.txt" ] || echo "missing: the town's week" >>"$work/files"
# the road plan's notice ended on 2026-11-12: not this week's
[ -e "$g/2026-11-02-road-plan.txt" ] && echo "a record of an earlier week has a message" >>"$work/files"
check every-message-and-only-the-weeks test ! -s "$work/files"

# at most 500 characters each, counted as characters
python3 - "$out/group" >"$work/len" <<'PY'
import os, sys
for dirpath, _, names in os.walk(sys.argv[1]):
    for n in names:
        p = os.path.join(dirpath, n)
        text = open(p, encoding="utf-8").read()
        if len(text) > 500:
            print(p, len(text))
PY
check at-most-500-characters test ! -s "$work/len"

# the long notice is cut at a sentence and says where the rest is
lg=$g/2026-11-24-long-notice.txt
check long-notice-cut-says-where-the-rest-is sh -c "
	grep -q '全文见下方链接' '$lg' && grep -q '^全文：https://shifan.example/cunwu/fushui/wangjia/2026-11-24-long-notice.html\$' '$lg' &&
	! grep -q '第39条' '$lg' && grep -q '^第00条：请各户注意用火用电安全防范。\$' '$lg' &&
	test \$(python3 -c 'import sys; print(len(open(sys.argv[1],encoding=\"utf-8\").read()))' '$lg') -gt 400"
# every body line kept ends a sentence: no line cut inside one
check long-notice-cut-at-a-sentence sh -c "grep '^第' '$lg' | grep -v '。\$' | (! grep .)"

# no Markdown syntax left, HTML gone, Chinese punctuation, a table as lines
m=$g/2026-11-25-markdown.txt
check no-markdown-left sh -c "! grep -n -E '\\*\\*|^#|^- |^[0-9]+\\. |\\]\\(|^\\||^>|<script|alert|---' '$m'"
check markdown-as-plain-lines sh -c "grep -q '^会议安排\$' '$m' &&
	grep -q '^定于 11月28日上午9时 在村委会召开大会，请准时参加（带好身份证）！\$' '$m' &&
	grep -q '^1、审议年度工作报告\$' '$m' && grep -q '^· 联系：村委会\$' '$m' &&
	grep -q '^签到：8:30\$' '$m' && grep -q '^请互相转告。\$' '$m'"
check hotline-board-and-url sh -c "grep -q '^监督举报电话：0914-0000100\$' '$m' &&
	grep -q '^公开栏：村委会门口公开栏\$' '$m' &&
	grep -q '^详情：https://shifan.example/cunwu/fushui/wangjia/2026-11-25-markdown.html\$' '$m' &&
	grep -q '^公示期：2026年11月25日至11月30日\$' '$m'"

# privacy: no recipient's name or reason, no mobile, anywhere
check no-recipient-name-reason-or-mobile sh -c "! grep -r -n -E '欧阳春花|司马秋月|罕见病|房屋失火|13912345678|2318' '$out/group'"
a=$g/2026-11-24-temp-aid.txt
check assistance-counts-and-total sh -c "grep -q '^临时救助：共2户5人，合计0.30元\$' '$a' && grep -q '^【王家村村务公开】＊＊等临时救助审批结果公示\$' '$a'"

# money in yuan from fen, exactly
check finance-amounts-to-the-fen grep -q '^2026年10月：收入0.30元，支出705.30元，期末结余295.00元$' "$g/2026-11-25-finance-10.txt"

# the survey's call to answer: its questions and the three ways
iv=$g/invite/2026-11-23-survey-q3.txt
check survey-invite sh -c "grep -q '^1、对村务公开内容是否及时完整\$' '$iv' &&
	grep -q '^2、对财务公开是否满意\$' '$iv' && grep -q '在本群直接回复' '$iv' &&
	grep -q '意见箱（村部大门右侧意见箱）' '$iv' && grep -q '纸质测评表' '$iv' &&
	grep -q '满意率80.0%' '$iv'"

# the week's digests
w=$g/week.txt
check week-digest sh -c "grep -q '^【王家村本周村务公开】2026年11月23日至11月29日\$' '$w' &&
	grep -q '^查看全部：https://shifan.example/cunwu/fushui/wangjia/\$' '$w' &&
	grep -q '共2户，合计0.30元' '$w' && ! grep -q '欧阳' '$w'"
check empty-week-says-so grep -q '本周无新公开事项' "$out/group/fushui/lijia/week.txt"

# reproducible: a second build into another folder, byte for byte
"$NB" build -C "$c" -o "$work/out2" $D --only group --force >/dev/null 2>&1
check two-builds-identical diff -r "$out/group" "$work/out2/group"

# incremental: an edited record rewrites its own message and the week's
# digest that lists it, nothing else
sed -i 's/10月份收支已经村务监督委员会审核。/10月份收支已经村务监督委员会审核，凭证可查。/' "$d/2026-11-25-finance-10.md"
LANGUAGE=en "$NB" build -C "$c" -o "$out" $D --only group >"$work/inc.log" 2>&1
check edit-rewrites-only-its-own-files grep -q ': 2 rendered,' "$work/inc.log"
check edited-text-is-there grep -q '凭证可查' "$g/2026-11-25-finance-10.txt"
LANGUAGE=en "$NB" build -C "$c" -o "$out" $D --only group >"$work/inc2.log" 2>&1
check unchanged-build-renders-nothing grep -q ': 0 rendered,' "$work/inc2.log"

# a notice of the week that ended before the build's day comes after those
# still up, marked as ended: when the digest is cut, it is what goes
cat >"$d/2026-11-20-ended.md" <<'MD'
---
type: notice
title: 秋冬防火安全提醒
date: 2026-11-20
publish: {from: 2026-11-20, to: 2026-11-24}
---
注意用火安全。
MD
"$NB" build -C "$c" -o "$work/out3" $D --only group >/dev/null 2>&1
w3=$work/out3/group/fushui/wangjia/week.txt
ended_last() {
	grep -q '^[0-9]*、秋冬防火安全提醒（公示期.*，已结束）$' "$w3" ||
	    { cat "$w3"; return 1; }
	# every line still up before every ended one
	grep '^[0-9]*、' "$w3" | awk '/已结束）$/ {e = 1; next} e {bad = 1} END {exit bad}' ||
	    { cat "$w3"; return 1; }
}
check week-ended-notices-last ended_last
exit 0
