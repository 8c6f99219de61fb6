#!/usr/bin/env python3
"""assessment.py: checks the text of the county's assessment poster against
what the program says about the same assessment in two other ways: the
site's score table (assessment/scores.csv) and `noticeboard check
--overdue`. Prints PASS and FAIL lines.

usage: assessment.py SCORES.CSV POSTER.TXT OVERDUE.TXT LATE_VILLAGE_DIR
POSTER.TXT is pdftotext's output without spaces and word joiners;
LATE_VILLAGE_DIR is the town/village whose issues are checked line by line
("taohe/hejiaying", with 3.2: only villages with 0, which have published
nothing, may rank below it)."""
import csv
import sys


def grade(value):
    """As on the site and the poster: 优 90, 良 75, 中 60, else 差."""
    v = float(value)
    return "优" if v >= 90 else "良" if v >= 75 else "中" if v >= 60 else "差"


def say(ok, what):
    print(("PASS: " if ok else "FAIL: ") + "posters: " + what)


def main():
    scores, poster, overdue, late_dir = sys.argv[1:5]
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

    late = [r for r in rows if r["镇代码"] + "/" + r["村代码"] == late_dir]
    late = late[0] if late else rows[-1]
    below = rows[rows.index(late) + 1:]
    say(late["镇代码"] + "/" + late["村代码"] == late_dir and
        late["总分"] == "3.2" and all(r["总分"] == "0.0" for r in below),
        "%s has 3.2, and only villages with 0.0 rank below it (%s)"
        % (late_dir, "、".join(r["村"] for r in below)))
    head = text.find("第%s名%s" % (late["名次"], late["村"]))
    say(head > 0 and text.find("总分%s（%s）需整改%s项" % (late["总分"],
        grade(late["总分"]), late["需整改项数"]), head) > 0,
        "the late village's heading gives its total and its %s issues"
        % late["需整改项数"])
    # its lines end where the next village's heading begins
    end = text.find("第%s名%s" % (below[0]["名次"], below[0]["村"]),
                    head) if below else -1

    # its overdue lines, as `check --overdue` prints them
    lines, inside = [], False
    for line in open(overdue, encoding="utf-8"):
        if line.strip() and not line.startswith(" "):
            inside = line.startswith(late_dir + " ")
        elif inside and line.strip():
            part = line.strip()
            if part[:4].isdigit() and part[4:5] == "-":
                part = part[10:]      # the deadline column
            lines.append("".join(part.split()))
    missing = [l for l in lines if text.find(l, head) < 0 or
               (end > 0 and text.find(l, head) > end)]
    for l in missing:
        print("      missing: " + l)
    say(head > 0 and len(lines) > 20 and not missing,
        "after its heading, every one of its %d overdue lines" % len(lines))
    last = rows[-1]
    head = text.find("第%s名%s" % (last["名次"], last["村"]))
    later = [r["村"] for r in rows[:-1] if text.find(r["村"], head + 1) >= 0]
    say(head > 0 and not later, "%s is the last village the poster names"
        % last["村"])


main()
