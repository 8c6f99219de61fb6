#!/bin/sh
# suite.sh: the paper survey forms (满意度测评表) and the clerk's tally
# sheets. A small county (tests/invalid/_base) gets a survey in each village:
# 王家村's with its suggestion box and a question some left blank, 李家村's
# without a suggestion box, and a draft that gets no form. Read back with
# real tools: pdfinfo (A4 to 0.5 mm), pdffonts (every font embedded),
# pdftotext (the village, every question, the four answers, where to hand
# it in, 不记名; the tally's questions and totals), zbarimg (the form's QR
# code, rendered at 300 dpi, opens the village's page); the layout dump
# (tests/forms/layout_test: type of at least 14 pt, boxes of at least
# 6 mm); `check` warns of the short question at its line; site.yaml
# formats: without forms builds none, and a size of its own is honoured.
# Needs poppler-utils and zbar-tools (Debian).
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin forms
need_tools pdfinfo pdffonts pdftotext pdftoppm
cd "$work" || exit 1
D="--date 2026-11-27"

c=$work/c
cp -R "$NB_ROOT/tests/invalid/_base" "$c"
echo "suggestion_box: 村委会门口东侧意见箱" >>"$c/fushui/wangjia/village.yaml"
mkdir -p "$c/fushui/wangjia/2026/11" "$c/fushui/lijia/2026/11"
cat >"$c/fushui/wangjia/2026/11/2026-11-25-satisfaction.md" <<'MD'
---
type: survey
title: 2026 年第三季度村务公开满意度测评
date: 2026-11-25
period: 2026-Q3
respondents: 60
items:
  - {question: 对村务公开的及时性是否满意, very_satisfied: 30, satisfied: 20, neutral: 8, dissatisfied: 2}
  - {question: 对村级财务公开的内容是否满意, very_satisfied: 28, satisfied: 20, neutral: 7, dissatisfied: 2}
  - {question: 对“四议两公开”程序是否满意, very_satisfied: 28, satisfied: 22, neutral: 7, dissatisfied: 3}
  - {question: 对低保、特困评审是否公正满意, very_satisfied: 28, satisfied: 22, neutral: 7, dissatisfied: 3}
  - {question: 对村干部工作作风是否满意, very_satisfied: 28, satisfied: 22, neutral: 7, dissatisfied: 3}
---
本次测评共发放测评表 60 份，收回 60 份，有 3 人未答第二题。
MD
cat >"$c/fushui/lijia/2026/11/2026-11-26-survey.md" <<'MD'
---
type: survey
title: 李家村群众满意度测评
date: 2026-11-26
period: 2026-11
respondents: 40
items:
  - {question: 民事代办服务是否满意, very_satisfied: 20, satisfied: 15, neutral: 4, dissatisfied: 1}
  - {question: 村级道路维护是否满意, very_satisfied: 18, satisfied: 16, neutral: 5, dissatisfied: 1}
---
测评表 40 份。
MD
cat >"$c/fushui/lijia/2026/11/2026-11-27-draft-survey.md" <<'MD'
---
type: survey
title: 下一次测评（草稿）
date: 2026-11-27
draft: true
period: 2026-12
respondents: 0
items:
  - {question: 草稿里的问题, very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0}
---
MD

"$NB" build -C c -o out --only forms $D >"$work/build1" 2>&1 || { fail build "$work/build1"; exit 0; }
pass build
F=out/print/forms/fushui
check "form-and-tally-per-survey" test -f $F/wangjia/2026-11-25-satisfaction.pdf \
    -a -f $F/wangjia/2026-11-25-satisfaction.png \
    -a -f $F/wangjia/2026-11-25-satisfaction-tally.pdf \
    -a -f $F/wangjia/2026-11-25-satisfaction-tally.png \
    -a -f $F/lijia/2026-11-26-survey.pdf -a -f $F/lijia/2026-11-26-survey-tally.pdf
check "no-form-of-a-draft" sh -c "! ls $F/lijia | grep -q draft"

# ---- A4, fonts embedded ----
a4() { # $1: pdf; every page 210x297 mm within 0.5 mm
	pdfinfo -f 1 -l 99 "$1" | awk '/^Page.*size:/ {
		w = $4 * 25.4 / 72; h = $6 * 25.4 / 72; n++
		if (w < 209.5 || w > 210.5 || h < 296.5 || h > 297.5) { print "page " n ": " w "x" h " mm"; bad = 1 }
	} END { if (n == 0) { print "no page"; bad = 1 } exit bad }'
}
for f in wangjia/2026-11-25-satisfaction wangjia/2026-11-25-satisfaction-tally lijia/2026-11-26-survey; do
	check "a4:$f" a4 $F/$f.pdf
	check "fonts-embedded:$f" sh -c "pdffonts $F/$f.pdf | awk 'NR > 2 { n++; if (\$(NF-4) != \"yes\") bad = 1 } END { exit bad || n == 0 }'"
done
check "form-one-sheet" sh -c "pdfinfo $F/wangjia/2026-11-25-satisfaction.pdf | grep -q '^Pages: *1$'"

# ---- the words ----
pdftotext -enc UTF-8 $F/wangjia/2026-11-25-satisfaction.pdf - | tr -d ' \n\f' >form.txt
# (a word joiner keeps an answer and its field on one line)
pdftotext -enc UTF-8 $F/wangjia/2026-11-25-satisfaction-tally.pdf - | tr -d ' \n\f' |
    sed 's/\xe2\x81\xa0//g' >tally.txt
pdftotext -enc UTF-8 $F/lijia/2026-11-26-survey.pdf - | tr -d ' \n\f' >lijia.txt
words_in() { # $1: text file, rest: words that must all be in it
	file=$1; shift
	for w in "$@"; do grep -qF -- "$w" "$file" || { echo "missing: $w"; return 1; }; done
}
Q1=对村务公开的及时性是否满意 Q2=对村级财务公开的内容是否满意 Q3=对“四议两公开”程序是否满意
Q4=对低保、特困评审是否公正满意 Q5=对村干部工作作风是否满意
check "form-words" words_in form.txt 王家村 示范县富水镇王家村 2026年第三季度 \
    $Q1 $Q2 $Q3 $Q4 $Q5 非常满意 满意 基本满意 不满意 不记名 村委会门口东侧意见箱 意见和建议
check "form-default-hand-in" words_in lijia.txt 李家村 2026年11月 民事代办服务是否满意 \
    村级道路维护是否满意 填好后请投入：村委会意见箱，或交给村务监督委员会成员 不记名
check "tally-words" words_in tally.txt 测评统计表 王家村 $Q1 $Q2 $Q3 $Q4 $Q5 \
    非常满意 满意 基本满意 不满意 计票 小计 合计 收回测评表 \
    非常满意（very_satisfied） 、满意（satisfied） 基本满意（neutral） \
    不满意（dissatisfied） 参加测评人数（respondents）
check "tally-every-question-a-subtotal" sh -c "[ \$(grep -o 小计 tally.txt | wc -l) -ge 5 ]"

# ---- the QR code at print resolution ----
if command -v zbarimg >/dev/null 2>&1; then
	pdftoppm -r 300 -png -f 1 -l 1 $F/wangjia/2026-11-25-satisfaction.pdf qr
	check "qr-village-page" sh -c "zbarimg -q --raw qr-1.png | grep -qx 'https://shifan.example/cunwu/fushui/wangjia/'"
else
	skip "qr-village-page (zbarimg missing)"
fi

# ---- the layout dump: type and boxes ----
bin=${BUILD:-build/release}/tests/forms/layout_test
case $bin in /*) ;; *) bin=$NB_ROOT/$bin ;; esac
if [ -x "$bin" ]; then
	FORMS_CONTENT=$c "$bin" >layout.out 2>&1
	st=$?
	if [ $st -eq 0 ] && grep -q '^PASS: forms: type is at least 14 pt' layout.out &&
	    grep -q '^PASS: forms: each answer has a box of at least 6 mm' layout.out; then
		pass "layout: $(grep -o 'smallest [0-9.]* pt' layout.out), $(grep -o 'smallest side [0-9.]* mm' layout.out)"
	else
		fail layout layout.out
	fi
else
	skip "layout ($bin not built: make check builds it)"
fi

# ---- check: the short question ----
"$NB" check -C c $D >check1 2>&1
st=$?
check "short-question-warned" grep -qF "fushui/wangjia/2026/11/2026-11-25-satisfaction.md:9:5: warning: question 2 ('$Q2') has 57 answers, 3 fewer than the 60 respondents" check1
check "short-question-not-an-error" test $st -eq 0
check "full-questions-not-warned" sh -c "! grep -q 'question [13-5] (' check1"
LANGUAGE= LANG= LC_ALL=C.UTF-8 "$NB" check -C c $D >check-zh 2>&1
check "short-question-warned-in-chinese" grep -qF "2026-11-25-satisfaction.md:9:5: 警告: 第 2 题" check-zh

# ---- the same content, the same bytes ----
"$NB" build -C c -o out2 --only forms $D >/dev/null 2>&1
check "reproducible" cmp $F/wangjia/2026-11-25-satisfaction.pdf out2/print/forms/fushui/wangjia/2026-11-25-satisfaction.pdf

# ---- site.yaml formats: ----
printf 'formats: [cards, banners]\n' >>c/site.yaml
"$NB" build -C c -o out3 --only forms $D >build3 2>&1
check "formats-without-forms-builds-none" sh -c "[ \$(find out3 -name '*.pdf' | wc -l) -eq 0 ]"
sed -i '$d' c/site.yaml
printf 'formats:\n  - 测评表: {size: 297x420mm}\n' >>c/site.yaml
"$NB" build -C c -o out4 --only forms $D >build4 2>&1
check "formats-size-override" sh -c "pdfinfo out4/print/forms/fushui/wangjia/2026-11-25-satisfaction.pdf | grep -q 'Page size: *841.89 x 1190.55 pts'"
exit 0
