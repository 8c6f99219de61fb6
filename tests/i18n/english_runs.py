#!/usr/bin/env python3
"""english_runs.py [--help] FILE: fails (exit 1) when the messages in FILE
still hold English sentences: two or more English words in a row, once
paths, quoted values, keys written as `key:` or 'key', commands, options
and numbers are taken out. Prints each offending line. With --help the
file is a help text: its command lines (usage lines, examples, options) are
left out too."""
import re
import sys

help_mode = sys.argv[1] == "--help"
path = sys.argv[-1]
WORD = r"[A-Za-z][A-Za-z_.-]*"
bad = []
for line in open(path, encoding="utf-8"):
    text = line.rstrip("\n")
    if help_mode:
        # command lines, option names and examples are typed as they are
        text = re.sub(r"noticeboard\b.*", "", text)
        text = re.sub(r"(^|\s)-{1,2}[A-Za-z][\w-]*(\s+[A-Z][A-Z./|_-]*)?", " ", text)
    else:
        # "path:line:col: 错误: " and the summary's program name
        text = re.sub(r"^\S+:\d+:\d+: ", "", text)
        text = re.sub(r"^noticeboard[：:]", "", text)
    # quoted values, keys, code
    text = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|`[^`]*`|\{[^}]*\}|\[[^\]]*\]", " ", text)
    text = re.sub(r"\b[\w.-]+/[\w./-]*", " ", text)          # paths
    text = re.sub(r"\b\w+\.(yaml|md|pdf|png|svg|csv|json)\b", " ", text)
    text = re.sub(r"\b[A-Za-z_]+:", " ", text)                # key:
    text = re.sub(r"\b(YYYY-MM-DD|UTF-8|YAML|Markdown|PDF|PNG|SVG|QR|ID|CFF|cairo|fontconfig|Noto Sans CJK SC|LANGUAGE=en)\b", " ", text)
    if re.search(r"%s\s+%s" % (WORD, WORD), text):
        bad.append(line.rstrip("\n"))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
