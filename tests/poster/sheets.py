#!/usr/bin/env python3
# sheets.py: where the poster layouts' sheets break, from their dumps
# (POSTER_DUMPS of layout_test): no sheet but the last ends with a heading,
# a notice's title or its period line, a table's 续表 line, its header row
# or a group row (each goes with what it heads); no sheet ends with a
# notice going on to the next and less than 3 lines of text or 2 rows of a
# table under its title; a table split between sheets leaves at least 2
# rows on each side; and every later sheet
# starts with something of its own (a heading, a notice's title, a chart
# whose heading is in the band) or names what it continues: the notice's
# or the village's "title（续）", a table's "caption（续表）", and a table
# group's row "domain（续）" under the repeated header when its rows go on.
# usage: sheets.py DUMP.txt...  Prints what is wrong; exits 1 when anything
# is.
import re
import sys

ITEM = re.compile(r"^  (\w+) +x=([\d.-]+) y=([\d.-]+) w=([\d.-]+) h=([\d.-]+)(.*)$")
BAND_ROLES = {"title", "subtitle", "counter", "hotline", "footer"}


def sheets_of(path):
    """Each sheet's body as a list of units: (kind, detail, text)."""
    sheets, items = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("sheet "):
            items = []
            sheets.append(items)
            continue
        if items is None:
            continue
        m = ITEM.match(line)
        if m:
            items.append({"kind": m.group(1), "y": float(m.group(3)),
                          "h": float(m.group(5)), "rest": m.group(6),
                          "lines": []})
        elif line.startswith("    line ") and items:
            items[-1]["lines"].append(line[len("    line "):].strip('"'))
    out = []
    for items in sheets:
        units, row_end = [], -1.0
        for it in items:
            rest = it["rest"]
            role = re.search(r"role=([\w-]+)", rest)
            role = role.group(1) if role else ""
            if it["kind"] == "fill" or it["kind"] == "qr":
                continue
            if role in BAND_ROLES:
                continue
            if it["kind"] == "text" and it["y"] < row_end - 0.05:
                continue          # a cell of the row before
            text = "".join(it["lines"]).replace("\u2060", "")
            if it["kind"] == "row":
                row_end = it["y"] + it["h"]
                kind = "header" if " header" in rest else \
                    "group" if " group" in rest else "row"
                units.append((kind, 1, text))
            elif it["kind"] == "text":
                units.append((role, len(it["lines"]), text))
            else:
                units.append((it["kind"], 1, text))
        out.append(units)
    return out


def cell_text(sheet_units, i):
    return sheet_units[i][2]


FIRST_LINES, KEEP_ROWS = 3, 2


def continues(units):
    """Whether a later sheet goes on with a notice of the sheet before: it
    starts with "title（续）" or "caption（续表）"."""
    if not units:
        return False
    kind, _, t = units[0]
    return (kind == "record" and t.endswith("（续）")) or \
        (kind == "meta" and t.endswith("（续表）"))


def head_alone(units):
    """A sheet ending within the start of its last notice: after that
    notice's title and period line, fewer than FIRST_LINES lines of text,
    no table with KEEP_ROWS rows and no chart. The title's text, or None."""
    k = max((i for i, u in enumerate(units) if u[0] == "record"),
            default=None)
    if k is None or units[k][2].endswith("（续）"):
        return None
    lines, rows = 0, 0
    for kind, n, _ in units[k + 1:]:
        if kind in ("header", "group", "heading"):
            continue
        if kind == "row":
            rows += 1
        elif kind in ("chart", "flow"):
            return None
        else:
            lines += n
    if units[k + 1:] and units[k + 1][0] == "meta":
        lines -= units[k + 1][1]        # the period line heads it too
    if lines >= FIRST_LINES or rows >= KEEP_ROWS:
        return None
    return units[k][2]


def rows_before_split(units):
    """The data rows of the table a sheet ends with, on that sheet (from its
    header, or the sheet's top); None when it ends with no table."""
    if not units or units[-1][0] not in ("row", "group", "header"):
        return None
    rows = 0
    for kind, _, _ in reversed(units):
        if kind == "row":
            rows += 1
        elif kind == "group":
            continue
        else:
            break
    return rows


def rows_after_split(units):
    """The data rows under a later sheet's repeated header, before anything
    else; None when the sheet goes on with no table."""
    if len(units) < 2 or units[0][0] != "meta" or \
            not units[0][2].endswith("（续表）") or units[1][0] != "header":
        return None
    rows = 0
    for kind, _, _ in units[2:]:
        if kind == "row":
            rows += 1
        elif kind != "group":
            break
    return rows


def main():
    problems, n_sheets, n_dumps = [], 0, 0
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        if not text.startswith("poster "):
            continue
        n_dumps += 1
        sheets = sheets_of(path)
        n_sheets += len(sheets)
        for i, units in enumerate(sheets):
            where = "%s sheet %d/%d" % (path, i + 1, len(sheets))
            if not units:
                continue
            if i + 1 < len(sheets):
                kind, _, t = units[-1]
                before = units[-2][0] if len(units) > 1 else ""
                if kind in ("heading", "record", "header", "group") or \
                        (kind == "meta" and (before == "record" or
                                             t.endswith("（续表）"))):
                    problems.append("%s ends with a %s: %s" % (where, kind,
                                                               t[:40]))
            if i + 1 < len(sheets) and continues(sheets[i + 1]):
                t = head_alone(units)
                if t is not None:
                    problems.append("%s ends with the start of a notice, "
                                    "too little of it under its title: %s"
                                    % (where, t[:40]))
                before = rows_before_split(units)
                after = rows_after_split(sheets[i + 1])
                if before is not None and after is not None and \
                        (before < KEEP_ROWS or after < KEEP_ROWS):
                    problems.append("%s splits a table leaving %d rows "
                                    "before and %d after" % (where, before,
                                                             after))
            if i == 0:
                continue
            kind, _, t = units[0]
            ok = kind in ("heading", "record", "flow") or \
                (kind == "meta" and t.endswith("（续表）"))
            if not ok:
                problems.append("%s starts with a %s, naming nothing it "
                                "continues: %s" % (where, kind, t[:40]))
            # a table's rows going on under their group say its name:
            # the previous sheet ends within a group (a group row met
            # before the table's header, going back) and this sheet goes
            # on with that table's rows
            k = next((k for k, u in enumerate(units) if u[0] == "header"),
                     None)
            if k is None or k > 2 or k + 1 >= len(units):
                continue
            in_group = None
            for u in reversed(sheets[i - 1]):
                if u[0] in ("header", "heading", "record"):
                    break
                if u[0] == "group":
                    in_group = u
                    break
            if in_group is not None and units[k + 1][0] != "group":
                problems.append("%s: the group of the rows going on is "
                                "not named under the header" % where)
    for p in problems[:30]:
        print("      " + p)
    print("      %d sheets of %d layouts, %d problems" % (n_sheets, n_dumps,
                                                          len(problems)))
    sys.exit(1 if problems or n_dumps == 0 else 0)


main()
