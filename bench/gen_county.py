#!/usr/bin/env python3
"""gen_county.py: writes a synthetic county in noticeboard's content format,
for benchmarks: 10 towns, 126 villages (or --villages), and --records records
of every type spread over the villages and weeks, with tables and Markdown.
Everything it writes passes `noticeboard check`. Deterministic for a seed.

usage: gen_county.py OUT --records N [--villages 126] [--seed 1] [--hugo DIR]
With --hugo, also writes a Hugo site of the same Markdown files with minimal
templates, for the site benchmark."""
import argparse
import datetime
import os
import random
import shutil

TOWNS = ["chengguan", "fushui", "xianghe", "zhaochuan", "jinsi", "guofeng",
         "shima", "qingyou", "shiliping", "qingshan"]
TOWN_NAMES = ["城关街道", "富水镇", "湘河镇", "赵川镇", "金丝镇", "过风镇",
              "试马镇", "清油镇", "十里镇", "青山镇"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向汤"
GIVEN = "建国春华秀英桂兰志强明德玉梅海燕国庆丽娟文斌永红小平立新淑珍德胜金凤"
WORDS = ("村道 硬化 工程 水渠 维修 集体 土地 承包 租赁 低保 救助 产业 项目 "
         "资金 公示 决议 党员 代表 会议 监督 委员会 补助 验收 进度 合同 预算 "
         "采购 道路 桥梁 饮水 管网 太阳能 路灯 卫生 垃圾 清运 养老 服务 中心").split()

BODY_PARAS = [
    "经村党支部提议、村两委商议，本事项按照规定程序办理，现将有关情况公示如下。",
    "公示期内，村民对公示内容有异议的，可向村务监督委员会反映，也可拨打县监督电话。",
    "项目实施过程中，村务监督委员会全程监督，相关票据和会议记录存档备查。",
    "资金使用严格执行村级财务管理制度，实行村账镇代理，专款专用。",
]


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def title(rng):
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))


def body(rng):
    lines = []
    for _ in range(rng.randint(1, 3)):
        lines.append(rng.choice(BODY_PARAS))
        lines.append("")
    lines.append("主要内容：")
    lines.append("")
    for _ in range(rng.randint(2, 4)):
        lines.append("- " + title(rng) + "，" + rng.choice(BODY_PARAS))
    lines.append("")
    lines.append("**特此公示。**")
    return "\n".join(lines) + "\n"


def money(fen):
    sign = "-" if fen < 0 else ""
    return "%s%d.%02d" % (sign, abs(fen) // 100, abs(fen) % 100)


def record(rng, kind, date, checker):
    d = date.isoformat()
    pub_from = date + datetime.timedelta(days=1)
    pub_to = pub_from + datetime.timedelta(days=14)
    head = ["---", "type: " + kind, "title: " + title(rng), "date: " + d]
    if kind.startswith("talk"):
        head[1] = "type: talk"
    pub = "publish: {from: %s, to: %s}" % (pub_from.isoformat(), pub_to.isoformat())
    chk = "checked: {by: %s, date: %s}" % (checker, pub_from.isoformat())
    if kind == "decision":
        s = [date - datetime.timedelta(days=n) for n in (14, 10, 6, 0)]
        head += ["power: p01", pub, chk, "stages:",
                 "  - {step: propose, date: %s}" % s[0],
                 "  - {step: consult, date: %s}" % s[1],
                 "  - {step: review, date: %s, total: 38, present: 31, for: 29, against: 1, abstain: 1}" % s[2],
                 "  - {step: resolve, date: %s, body: representatives, total: 45, present: 36, for: 33, against: 2, abstain: 1}" % s[3],
                 "outcome: adopted"]
    elif kind == "progress":
        head += ["power: p04", pub, chk, "percent: %d" % rng.randint(5, 95),
                 "spent: " + money(rng.randint(100000, 50000000))]
    elif kind == "result":
        head += ["power: p06", pub, chk, "outcome: 已完工并通过验收",
                 "spent: " + money(rng.randint(100000, 50000000)),
                 "accepted: " + d]
    elif kind == "finance":
        q = (date.month - 1) // 3 + 1
        opening = rng.randint(0, 100000000)
        inc = [rng.randint(1000, 5000000) for _ in range(rng.randint(4, 12))]
        exp = [rng.randint(1000, 3000000) for _ in range(rng.randint(4, 12))]
        head += ["power: p15", "publish: {from: %s, to: %s}" % (pub_from, pub_from + datetime.timedelta(days=15)),
                 chk, "period: %d-Q%d" % (date.year, q), "opening: " + money(opening), "income:"]
        head += ["  - {item: %s, amount: %s}" % (title(rng), money(a)) for a in inc]
        head += ["expense:"] + ["  - {item: %s, amount: %s}" % (title(rng), money(a)) for a in exp]
        head += ["closing: " + money(opening + sum(inc) - sum(exp))]
    elif kind == "assistance":
        head += ["power: p23", pub, chk, "program: 城乡最低生活保障", "people:"]
        for _ in range(rng.randint(3, 20)):
            head.append("  - {name: %s, household: %d, amount: %s, reason: 因病致贫, id_card: 610000********%04d}"
                        % (name(rng), rng.randint(1, 6), money(rng.randint(20000, 90000)), rng.randint(0, 9999)))
    elif kind == "service":
        head += [pub, "materials: [户口簿, 身份证, 申请书]", "time_limit: 5 个工作日", "fee: 免费",
                 "contact: 村便民服务站", "proxy: true"]
    elif kind == "notice":
        head += [pub]
    elif kind == "survey":
        q = (date.month - 1) // 3 + 1
        head += [pub, "period: %d-Q%d" % (date.year, q), "respondents: 120", "items:"]
        for _ in range(4):
            a = rng.randint(30, 60)
            b = rng.randint(20, 120 - a - 10)
            c = rng.randint(0, 120 - a - b)
            head.append("  - {question: %s, very_satisfied: %d, satisfied: %d, neutral: %d, dissatisfied: %d}"
                        % (title(rng), a, b, c, 120 - a - b - c))
    elif kind.startswith("talk"):
        # a reminder talk before the use of a power: "talk:p01"
        head += ["power: " + kind[5:], "publish: {from: %s, to: %s}" % (date, date + datetime.timedelta(days=6)),
                 "phase: before", "role: secretary", "by: 镇纪委书记" + name(rng)]
    head.append("---")
    return "\n".join(head) + "\n" + body(rng)


KINDS = ["decision", "progress", "result", "finance", "assistance", "service",
         "notice", "survey"]
# the power a decision or a result uses; each gets a reminder talk before it
USES = {"decision": "p01", "result": "p06"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--villages", type=int, default=126)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds-dir", default=os.path.join(os.path.dirname(__file__), "..", "seeds"))
    ap.add_argument("--hugo")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "catalog"))
    for f in ("powers.yaml", "duties.yaml", "services.yaml"):
        shutil.copy(os.path.join(args.seeds_dir, "catalog", f), os.path.join(out, "catalog", f))
    with open(os.path.join(out, "site.yaml"), "w") as f:
        f.write("name: 基准县\nbase_url: https://jizhun.example/bench/\nhotline: 0914-0000100\n"
                "poster: {size: A3, bleed_mm: 3, crop_marks: true}\n")
    villages = []
    for i in range(args.villages):
        t = i % len(TOWNS)
        vid = "v%03d" % i
        d = os.path.join(out, TOWNS[t], vid)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(out, TOWNS[t], "town.yaml"), "w") as f:
            f.write("name: %s\nphone: 0914-0000%03d\n" % (TOWN_NAMES[t], t))
        with open(os.path.join(d, "village.yaml"), "w") as f:
            f.write("name: %s村\nhouseholds: 412\nadults: 1180\nrepresentatives: 45\nparty_members: 38\n"
                    "cadres: {secretary: %s, director: %s, supervisor: %s}\nboard: 村委会门口公开栏\n"
                    % (name(rng)[:2] + "家", name(rng), name(rng), name(rng)))
        villages.append((TOWNS[t], vid, d))
    start = datetime.date(2026, 1, 5)
    n = 0
    k = 0
    while n < args.records:
        town, vid, d = villages[k % len(villages)]
        date = start + datetime.timedelta(days=rng.randint(0, 320))
        kind = KINDS[k % len(KINDS)]
        k += 1
        todo = [(kind, date)]
        if kind in USES:
            todo.insert(0, ("talk:" + USES[kind], date - datetime.timedelta(days=5)))
        for kind, date in todo:
            if n >= args.records:
                break
            sub = os.path.join(d, "%04d" % date.year, "%02d" % date.month)
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, "r%06d.md" % n), "w") as f:
                f.write(record(rng, kind, date, name(rng)))
            n += 1
    if args.hugo:
        h = args.hugo
        if os.path.exists(h):
            shutil.rmtree(h)
        os.makedirs(os.path.join(h, "layouts", "_default"))
        with open(os.path.join(h, "hugo.toml"), "w") as f:
            f.write('baseURL = "https://jizhun.example/bench/"\nlanguageCode = "zh-cn"\ntitle = "基准县"\n'
                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                    '[markup.goldmark.renderer]\nunsafe = false\n')
        base = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                '</head><body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>')
        with open(os.path.join(h, "layouts", "_default", "single.html"), "w") as f:
            f.write(base + '{{ .Content }}</body></html>\n')
        with open(os.path.join(h, "layouts", "_default", "list.html"), "w") as f:
            f.write(base + '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
        shutil.copytree(out, os.path.join(h, "content"),
                        ignore=shutil.ignore_patterns("*.yaml"))


if __name__ == "__main__":
    main()
