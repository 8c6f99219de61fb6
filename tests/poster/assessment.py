#!/usr/bin/env python3
"""assessment.py: checks the text of the county's assessment poster against
what the program says about the same assessment in two other ways: the
site's score table (assessment/scores.csv) and `noticeboard check
--overdue`. Prints PASS and FAIL lines.

usage: assessment.py SCORES.CSV POSTER.TXT OVERDUE.TXT LAST_VILLAGE_DIR
POSTER.TXT is pdftotext's output without spaces and word joiners;
LAST_VILLAGE_DIR is the town/village expected last ("taohe/hejiaying")."""
import csv
import sys


def grade(value):
    """As on the site and the poster: 优 90, 良 75, 中 60, else 差."""
    v = float(value)
    return "优" if v >= 90 else "良" if v >= 75 else "中" if v >= 60 else "差"


def say(ok, what):
    print(("PASS: " if ok else "FAIL: ") + "posters: " + what)


def main():
    scores, poster, overdue, last_dir = sys.argv[1:5]
    rows = [r for r in csv.DictReader(open(scores, encoding="utf-8-sig"))
            if r["参加考核"] == "是"]
    rows.sort(key=lambda r: int(r["名次"]))
    text = open(poster, encoding="utf-8").read()

    say("总分=30%×及时率+30%×完整率+20%×监督率+20%×满意率" in text,
        "the county's assessment poster states the formula")
    say("全县平均" in text, "it gives the county's averages")

    # the ranking: each row whole, after the rows before it
    at, order = 0, True
    for r in rows:
        row = r["名次"] + r["镇"] + r["村"]
        for k in ("及时率", "完整率", "监督率", "满意率", "总分"):
            row += r[k] + grade(r[k]) if r[k] else "—"
        found = text.find(row, at)
        if found < 0:
            order = False
            print("      no row after the ones before it: " + row)
        else:
            at = found + 1
    say(order and len(rows) > 3, "every assessed village (%d) in rank order, "
        "with its four metrics and total, each graded" % len(rows))

    last = rows[-1]
    say(last["镇代码"] + "/" + last["村代码"] == last_dir and
        last["总分"] == "3.2", "%s ranks last with 3.2 (%s %s)"
        % (last_dir, last["村"], last["总分"]))
    head = text.find("第%s名%s" % (last["名次"], last["村"]))
    say(head > 0 and text.find("总分%s（%s）需整改%s项" % (last["总分"],
        grade(last["总分"]), last["需整改项数"]), head) > 0,
        "the last village's heading gives its total and its %s issues"
        % last["需整改项数"])

    # its overdue lines, as `check --overdue` prints them
    lines, inside = [], False
    for line in open(overdue, encoding="utf-8"):
        if line.strip() and not line.startswith(" "):
            inside = line.startswith(last_dir + " ")
        elif inside and line.strip():
            part = line.strip()
            if part[:4].isdigit() and part[4:5] == "-":
                part = part[10:]      # the deadline column
            lines.append("".join(part.split()))
    missing = [l for l in lines if text.find(l, head) < 0]
    for l in missing:
        print("      missing: " + l)
    say(head > 0 and len(lines) > 20 and not missing,
        "after its heading, every one of its %d overdue lines" % len(lines))
    later = [r["村"] for r in rows[:-1] if text.find(r["村"], head + 1) >= 0]
    say(head > 0 and not later, "%s is the last village the poster names"
        % last["村"])


main()
