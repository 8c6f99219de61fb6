#!/usr/bin/env python3
"""expected.py: what a village's weekly board must say, computed from the
content files (not by hand): the title of every notice current in the week
of the build date, every person's name and every amount they show.

usage: expected.py CONTENT TOWN/VILLAGE YYYY-MM-DD
Prints one string a line. Scalars are read as text (yaml.BaseLoader), the
way noticeboard reads them: no YAML 1.1 guessing."""
import datetime
import os
import sys

import yaml


def fen(text):
    """Money as written ("1260.00", "-30.5") to integer fen."""
    text = text.strip()
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    value = int(whole) * 100 + int((frac + "00")[:2])
    return -value if neg else value


def money(value):
    """As the posters print it: 1,234,567.89."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    return "%s%s.%02d" % (sign, format(value // 100, ","), value % 100)


def day(text):
    return datetime.date.fromisoformat(text)


def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return yaml.load(text[3:end], Loader=yaml.BaseLoader)


def main():
    content, village, date = sys.argv[1], sys.argv[2], day(sys.argv[3])
    with open(os.path.join(content, "site.yaml"), encoding="utf-8") as f:
        site = yaml.load(f, Loader=yaml.BaseLoader)
    days = ["monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"]
    start = days.index(site.get("week_start", "monday"))
    first = date - datetime.timedelta(days=(date.weekday() - start) % 7)
    last = first + datetime.timedelta(days=6)
    with open(os.path.join(content, "catalog", "powers.yaml"),
              encoding="utf-8") as f:
        powers = yaml.load(f, Loader=yaml.BaseLoader)
    min_days = {}
    for domain in powers["domains"]:
        for item in domain["items"]:
            min_days[item["id"]] = int(
                item.get("disclosure", {}).get("min_days", "7"))

    out = []
    vdir = os.path.join(content, village)
    with open(os.path.join(vdir, "village.yaml"), encoding="utf-8") as f:
        v = yaml.load(f, Loader=yaml.BaseLoader)
    out.append(v["name"])
    out.extend((v.get("cadres") or {}).values())
    for root, _, files in os.walk(vdir):
        for name in sorted(files):
            if not name.endswith(".md") or name.startswith("."):
                continue
            r = front_matter(os.path.join(root, name))
            if r is None or r.get("draft") == "true":
                continue
            publish = r.get("publish") or {}
            p_from = day(publish.get("from", r["date"]))
            if "to" in publish:
                p_to = day(publish["to"])
            else:
                p_to = p_from + datetime.timedelta(
                    days=min_days.get(r.get("power"), 7) - 1)
            if p_to < first or p_from > last:
                continue
            out.append(r["title"])
            if "checked" in r:
                out.append(r["checked"]["by"])
            if "spent" in r:
                out.append(money(fen(r["spent"])))
            t = r["type"]
            if t == "talk":
                out.append(r["by"])
            if t == "assistance":
                total = 0
                for p in r["people"]:
                    out.append(p["name"])
                    out.append(money(fen(p["amount"])))
                    total += fen(p["amount"])
                out.append(money(total))
            if t == "finance":
                opening = fen(r["opening"])
                income = sum(fen(x["amount"]) for x in r.get("income", []))
                expense = sum(fen(x["amount"]) for x in r.get("expense", []))
                out.append(money(opening))
                for x in r.get("income", []) + r.get("expense", []):
                    out.append(money(fen(x["amount"])))
                out.append(money(income))
                out.append(money(expense))
                closing = fen(r["closing"]) if "closing" in r else \
                    opening + income - expense
                out.append(money(closing))
    for s in out:
        print("".join(s.split()))


main()
