#!/usr/bin/env python3
"""to_chinese.py DIR [PART...]: rewrites the enumerated values of the records
and settings under DIR (or only in the named folders and files below it,
such as a town, catalog or site.yaml) with their
Chinese names: type: decision -> type: 决策, step: propose -> step: 提议,
body, outcome, procedure, phase, every, week_start, privacy settings, and
true/false -> 是/否 in draft: and proxy:. Keys are left as they are."""
import os
import re
import sys

VALUES = {
    "type": {"decision": "决策", "progress": "执行公开", "result": "结果",
             "finance": "财务公开", "assistance": "救助", "service": "便民服务",
             "notice": "通知", "survey": "满意度测评", "talk": "三提醒谈话"},
    "step": {"propose": "提议", "consult": "两委会商议", "review": "审议",
             "resolve": "决议"},
    "body": {"representatives": "村民代表会议", "assembly": "村民会议"},
    "outcome": {"adopted": "通过", "rejected": "未通过"},
    "procedure": {"one-matter": "一事一议"},
    "phase": {"before": "办理前", "during": "事中", "after": "办理后"},
    "every": {"month": "每月", "quarter": "每季度", "year": "每年"},
    "week_start": {"monday": "星期一", "sunday": "周日"},
    "on_unmasked": {"mask": "遮蔽", "error": "报错"},
    "assistance_after": {"counts": "只公开户数", "list": "名单"},
    "kind": {"step": "步骤", "start": "开始", "end": "结束", "decision": "判断",
             "document": "文书"},
    "draft": {"true": "是", "false": "否"},
    "proxy": {"true": "是", "false": "否"},
}
# a key at the start of a line or inside a flow mapping, then its value
PATTERN = re.compile(r"(^|[{,]\s*|^\s*-\s+|^\s+)(%s):\s*([A-Za-z-]+)(?=\s*($|[,}#]))"
                     % "|".join(VALUES), re.M)


def convert(text):
    def one(m):
        new = VALUES[m.group(2)].get(m.group(3))
        return m.group(0) if new is None else "%s%s: %s" % (m.group(1), m.group(2), new)
    return PATTERN.sub(one, text)


def main(argv):
    root, towns = argv[1], argv[2:]
    changed = 0
    for top in ([os.path.join(root, t) for t in towns] if towns else [root]):
        walk = os.walk(top) if os.path.isdir(top) else \
            [(os.path.dirname(top), [], [os.path.basename(top)])]
        for dp, _, fs in walk:
            for f in fs:
                if not f.endswith((".md", ".yaml")):
                    continue
                path = os.path.join(dp, f)
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                # only the front matter of a record
                if f.endswith(".md") and text.startswith("---\n"):
                    end = text.find("\n---", 4)
                    new = convert(text[:end]) + text[end:]
                else:
                    new = convert(text)
                if new != text:
                    changed += 1
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(new)
    print(changed)


main(sys.argv)
