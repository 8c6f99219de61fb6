#!/usr/bin/env python3
# lines.py: the Chinese line breaking of the poster layouts, from their
# dumps (POSTER_DUMPS of layout_test), each text's lines as pango broke
# them: no text of two lines or more ends with a line of one character
# besides punctuation (孤字), and no line of a table cell ends inside a
# word of WORDS (审核 split into 审 / 核).
# usage: lines.py DUMP.txt...  Prints what is wrong; exits 1 when anything
# is.
import re
import sys
import unicodedata

# two-character words of the demo's tables and charts, which a break by
# characters alone splits
WORDS = ["审核", "公示", "审批", "公开", "申请", "材料", "办理", "救助", "村委会",
         "资金", "发放", "监督", "工程", "项目", "集体", "收入", "支出", "补贴",
         "合同", "承包", "清单", "调整", "程序", "决策", "会议", "村民", "民主",
         "评议", "确认", "登记", "入户", "调查", "提醒", "谈话", "验收", "结果"]
CELL_ROLES = {"table", "table-head"}


def solo(line):
    """Characters of a line besides punctuation and spaces."""
    return [c for c in line if c != "\u2060" and not c.isspace() and
            not unicodedata.category(c).startswith("P")]


def main():
    problems, texts, multi = [], 0, 0
    for path in sys.argv[1:]:
        lines, role = None, ""

        def done():
            nonlocal multi
            if lines is None or len(lines) < 2:
                return
            multi += 1
            if len(solo(lines[-1])) == 1:
                problems.append("%s: a lone character on the last line: %s / %s"
                                % (path, lines[-2][-12:], lines[-1]))
            if role in CELL_ROLES:
                for a, b in zip(lines, lines[1:]):
                    for w in WORDS:
                        for k in range(1, len(w)):
                            if a.endswith(w[:k]) and b.startswith(w[k:]):
                                problems.append("%s: %s split across lines: "
                                                "%s / %s" % (path, w, a, b))
        for raw in open(path, encoding="utf-8"):
            raw = raw.rstrip("\n")
            if raw.startswith("  text "):
                done()
                texts += 1
                m = re.search(r"role=([\w-]+)", raw)
                role = m.group(1) if m else ""
                lines = []
            elif raw.startswith("    line ") and lines is not None:
                lines.append(raw[len("    line "):].strip('"').replace(
                    "\u2060", ""))
            elif not raw.startswith("    "):
                done()
                lines = None
        done()
    for p in problems[:30]:
        print("      " + p)
    print("      %d texts, %d of two lines or more, %d problems" %
          (texts, multi, len(problems)))
    sys.exit(1 if problems or texts == 0 else 0)


main()
