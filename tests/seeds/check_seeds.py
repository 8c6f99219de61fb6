#!/usr/bin/env python3
"""Check the noticeboard starter catalog.

usage: check_seeds.py [DIR]        (default: seeds/catalog)

Loads DIR/powers.yaml, DIR/duties.yaml and DIR/services.yaml and checks them
against the content contract (sections 4-6), the catalog plan
(docs/catalog-plan.md: 14 domains, 43 items p01..p43, the `every` duties, the
three roles and the four service guides) and the flow rules the compiler
enforces.  Every problem is printed as `path:line:column: where: message`;
the exit status is 1 when there is any problem, 0 otherwise, and the last line
reads `seeds: N checks passed`.

Scalars are never guessed: the files are read as a YAML node tree and each
scalar is checked against the type the contract gives it.  Text scalars must
also stay text under a YAML 1.1 loader (no plain `NO`, `010`, `2026-01-01`).
Needs Python 3 and PyYAML.
"""

import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("check_seeds: PyYAML is required (apt-get install python3-yaml)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

# The fixed plan, used when docs/catalog-plan.md cannot be read.
PLAN = [
    ("decisions", "重大事项决策", "p01 村级重大事项决策; p02 一事一议筹资筹劳; p03 村规民约制定与修订"),
    ("projects", "工程项目建设", "p04 村级工程项目立项; p05 工程项目招标发包; p06 工程项目施工管理与验收"),
    ("procurement", "物资服务采购", "p07 大宗物资采购; p08 服务项目采购"),
    ("assets", "集体资产管理", "p09 集体资产租赁; p10 集体资产处置; p11 集体资产清查登记 (every: year)"),
    ("resources", "集体资源发包", "p12 集体土地林地水面发包; p13 集体资源承包费收缴"),
    ("funds", "集体资金与财务", "p14 财务收支审批; p15 村级财务公开 (every: quarter); "
     "p16 非生产性开支管理 (every: quarter); p17 村级债权债务管理"),
    ("land", "土地征收与补偿", "p18 土地征收协助; p19 征地补偿款分配; p20 土地承包经营权流转"),
    ("housing", "宅基地与农房", "p21 宅基地申请审查; p22 农村危房改造申请"),
    ("assistance", "社会救助", "p23 城乡最低生活保障 (every: month); p24 特困人员救助供养; p25 临时救助; "
     "p26 医疗救助; p27 残疾人两项补贴"),
    ("subsidies", "惠农补贴与救灾", "p28 惠农补贴申报与发放; p29 产业扶持项目申报; p30 救灾款物发放"),
    ("income", "集体收益分配", "p31 集体经济组织成员确认; p32 集体收益分配; "
     "p33 村干部报酬及误工补贴发放 (every: year)"),
    ("party", "党务管理", "p34 发展党员; p35 党费收缴与使用公开 (every: quarter)"),
    ("staffing", "用人用工", "p36 公益性岗位人员选聘; p37 村级临时用工"),
    ("services", "便民服务", "p38 出具证明; p39 印章使用管理; p40 民事代办; p41 矛盾纠纷调解; "
     "p42 村务档案管理; p43 村务公开栏管理"),
]
ROLES = [("secretary", "村党支部书记", 10), ("director", "村委会主任", 7),
         ("supervisor", "村务监督委员会主任", 9)]
SERVICES = [("minimum-living", "城乡最低生活保障", "p23"),
            ("extreme-poverty", "特困人员救助供养", "p24"),
            ("temporary-aid", "临时救助", "p25"),
            ("medical-aid", "医疗救助", "p26")]
# Service flows: citizen-facing lanes.  The county department is 县民政局,
# except for medical aid, which the medical security bureau (县医保局) decides.
SERVICE_LANES = ["申请人", "村委会", "镇政府"]
SERVICE_COUNTY_LANES = {"minimum-living": "县民政局", "extreme-poverty": "县民政局",
                        "temporary-aid": "县民政局", "medical-aid": "县医保局"}
FOUR_DELIBERATIONS = ["党支部会提议", "两委会商议", "党员大会审议", "村民代表会议或村民会议决议",
                      "决议公开", "组织实施", "实施结果公开"]

EXPECT_DOMAINS = 14
EXPECT_ITEMS = 43
MIN_FLOWS_WITH_DECISIONS = 25
MIN_FLOWS_WITH_LOOPS = 10
MIN_FLOWS_WITH_LANES = 15
ITEM_STEPS = (5, 15)
SERVICE_STEPS = (8, 15)
RISKS = (2, 4)
RISK_MAX_CHARS = 12
STEP_TEXT_MAX = 30      # 4-20 characters is the style; a few longer ones are fine
MATERIALS = (3, 8)

EVERY_VALUES = ("month", "quarter", "year")
KINDS = ("start", "end", "step", "decision", "document")
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
INT_RE = re.compile(r"-?[0-9]+\Z")
DIGIT_RUN_RE = re.compile(r"\d{7,}")
WHEN_DAYS_RE = re.compile(r"(\d+) ?日内")

STR_TAG = "tag:yaml.org,2002:str"
YAML11_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean", "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a float", "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


class Checker:
    def __init__(self, directory):
        self.dir = directory
        self.problems = []
        self.checks = 0
        self.file = ""

    # ---- reporting -------------------------------------------------------
    def problem(self, node, where, message):
        if node is not None:
            loc = "%s:%d:%d" % (self.file, node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            loc = self.file
        self.problems.append("%s: %s: %s" % (loc, where or "(top)", message) if where
                             else "%s: %s" % (loc, message))

    def check(self, cond, node, where, message):
        self.checks += 1
        if not cond:
            self.problem(node, where, message)
        return cond

    # ---- loading ---------------------------------------------------------
    def load(self, name):
        self.file = os.path.join(self.dir, name)
        try:
            with open(self.file, "rb") as f:
                raw = f.read()
        except OSError as e:
            self.check(False, None, "", "cannot read: %s" % e.strerror)
            return None, ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.check(False, None, "", "not UTF-8 (byte %d)" % e.start)
            return None, ""
        if text.startswith("\ufeff"):
            text = text[1:]
        self.scan_digits(text)
        try:
            # compose with the YAML 1.1 resolver: every plain scalar carries the
            # tag a guessing loader would give it, which we only use to warn.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = ":%d:%d" % (mark.line + 1, mark.column + 1) if mark else ""
            self.checks += 1
            self.problems.append("%s%s: YAML error: %s" % (self.file, where, getattr(e, "problem", e)))
            return None, text
        self.check(node is not None, None, "", "file is empty")
        return node, text

    def scan_digits(self, text):
        for lineno, line in enumerate(text.splitlines(), 1):
            m = DIGIT_RUN_RE.search(line)
            self.checks += 1
            if m:
                self.problems.append("%s:%d:%d: run of %d digits (no phone or ID numbers in seeds)"
                                     % (self.file, lineno, m.start() + 1, len(m.group())))

    # ---- typed scalars ---------------------------------------------------
    def mapping(self, node, where, allowed, required=()):
        """Return {key: (key_node, value_node)} after checking keys."""
        out = {}
        if not self.check(isinstance(node, yaml.MappingNode), node, where, "expected a mapping"):
            return out
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self.check(False, knode, where, "keys must be plain names")
                continue
            key = knode.value
            if not self.check(key not in out, knode, where, "duplicate key `%s`" % key):
                continue
            if not self.check(key in allowed, knode, where, "unknown key `%s`%s"
                              % (key, did_you_mean(key, allowed))):
                continue
            out[key] = (knode, vnode)
        for key in required:
            self.check(key in out, node, where, "missing key `%s`" % key)
        return out

    def seq(self, node, where):
        if not self.check(isinstance(node, yaml.SequenceNode), node, where, "expected a list"):
            return []
        return node.value

    def scalar(self, node, where):
        return self.check(isinstance(node, yaml.ScalarNode), node, where, "expected a scalar")

    def text(self, node, where):
        if not self.scalar(node, where):
            return None
        value = node.value
        self.check(value.strip() != "", node, where, "empty text")
        self.check(value == value.strip(), node, where, "leading or trailing spaces")
        if node.style in (None, "", ":"):
            self.check(node.tag == STR_TAG, node, where,
                       "`%s` would be read as %s by a YAML 1.1 loader; quote it"
                       % (value, YAML11_NAMES.get(node.tag, node.tag)))
        else:
            self.check(not plain_safe(value, node), node, where,
                       "needless quotes around `%s`" % value)
        return value

    def ident(self, node, where):
        value = self.text(node, where)
        if value is not None:
            self.check(bool(ID_RE.match(value)), node, where, "`%s` is not an id ([a-z0-9][a-z0-9-]*)" % value)
        return value

    def integer(self, node, where, lo=None, hi=None):
        if not self.scalar(node, where):
            return None
        value = node.value
        if not self.check(bool(INT_RE.match(value)), node, where, "`%s` is not an int" % value):
            return None
        self.check(node.style in (None, ""), node, where, "write ints unquoted")
        n = int(value)
        if lo is not None:
            self.check(n >= lo, node, where, "must be at least %d" % lo)
        if hi is not None:
            self.check(n <= hi, node, where, "must be at most %d" % hi)
        return n

    def boolean(self, node, where):
        if not self.scalar(node, where):
            return None
        ok = self.check(node.value in ("true", "false") and node.style in (None, ""), node, where,
                        "expected true or false, got `%s`" % node.value)
        return node.value == "true" if ok else None

    def text_list(self, node, where, lo=None, hi=None, unique=True):
        items = self.seq(node, where)
        values = []
        for i, n in enumerate(items):
            v = self.text(n, "%s[%d]" % (where, i))
            if v is not None:
                if unique:
                    self.check(v not in values, n, "%s[%d]" % (where, i), "duplicate `%s`" % v)
                values.append(v)
        if lo is not None:
            self.check(len(items) >= lo, node, where, "needs at least %d entries, has %d" % (lo, len(items)))
        if hi is not None:
            self.check(len(items) <= hi, node, where, "allows at most %d entries, has %d" % (hi, len(items)))
        return values

    # ---- flows -----------------------------------------------------------
    def flow(self, node, where, steps_range, risks=None, need_lanes=None):
        """Check a flow; return a stats dict."""
        stats = {"steps": 0, "decision": False, "loop": False, "lanes": False, "long": 0,
                 "risk_marks": set(), "texts": []}
        f = self.mapping(node, where, ("lanes", "steps"), ("steps",))
        lanes = None
        if "lanes" in f:
            lanes = self.text_list(f["lanes"][1], where + ".lanes", lo=2)
            stats["lanes"] = True
            if need_lanes is not None:
                self.check(lanes == need_lanes, f["lanes"][1], where + ".lanes",
                           "lanes must be [%s]" % ", ".join(need_lanes))
        elif need_lanes is not None:
            self.check(False, node, where, "this flow needs lanes [%s]" % ", ".join(need_lanes))
        if "steps" not in f:
            return stats
        step_nodes = self.seq(f["steps"][1], where + ".steps")
        n = len(step_nodes)
        stats["steps"] = n
        self.check(steps_range[0] <= n <= steps_range[1], f["steps"][1], where + ".steps",
                   "has %d steps; needs %d to %d" % (n, steps_range[0], steps_range[1]))
        allowed = ("id", "kind", "text", "lane", "next", "yes", "no", "yes_label", "no_label", "risk")
        steps = []  # (id, kind, node, refs{name: [(ref, node)]})
        ids = {}
        for i, sn in enumerate(step_nodes):
            sw = "%s.steps[%d]" % (where, i)
            s = self.mapping(sn, sw, allowed, ("id", "text"))
            sid = self.ident(s["id"][1], sw + ".id") if "id" in s else None
            if sid:
                sw = "%s.steps[%d](%s)" % (where, i, sid)
                if self.check(sid not in ids, s["id"][1], sw, "duplicate step id `%s`" % sid):
                    ids[sid] = i
            if "text" in s:
                t = self.text(s["text"][1], sw + ".text")
                if t is not None:
                    stats["texts"].append(t)
                    self.check(2 <= len(t) <= STEP_TEXT_MAX, s["text"][1], sw + ".text",
                               "step text should be short (%d characters)" % len(t))
                    if len(t) > 20:
                        stats["long"] += 1
            kind = "step"
            if "kind" in s:
                kind = self.text(s["kind"][1], sw + ".kind") or "step"
                self.check(kind in KINDS, s["kind"][1], sw + ".kind",
                           "kind must be one of %s" % " | ".join(KINDS))
            if i == 0:
                self.check(kind == "start", sn, sw, "the first step must be kind start")
            else:
                self.check(kind != "start", sn, sw, "only the first step may be kind start")
            if lanes is not None:
                if self.check("lane" in s, sn, sw, "lanes are given, so every step needs a lane"):
                    lane = self.text(s["lane"][1], sw + ".lane")
                    self.check(lane in lanes, s["lane"][1], sw + ".lane",
                               "lane `%s` is not one of the flow's lanes" % lane)
            else:
                self.check("lane" not in s, sn, sw, "lane given but the flow has no lanes")
            if "risk" in s:
                r = self.text(s["risk"][1], sw + ".risk")
                if risks is not None and r is not None:
                    self.check(r in risks, s["risk"][1], sw + ".risk",
                               "risk `%s` is not one of the item's risks" % r)
                stats["risk_marks"].add(r)
            refs = {}
            if kind == "decision":
                stats["decision"] = True
                self.check("yes" in s and "no" in s, sn, sw, "a decision needs both yes and no")
                self.check("next" not in s, sn, sw, "a decision takes yes/no, not next")
                for k in ("yes", "no"):
                    if k in s:
                        r = self.ident(s[k][1], sw + "." + k)
                        refs[k] = [(r, s[k][1])] if r else []
                for k in ("yes_label", "no_label"):
                    if k in s:
                        self.text(s[k][1], sw + "." + k)
            else:
                for k in ("yes", "no", "yes_label", "no_label"):
                    self.check(k not in s, s[k][0] if k in s else sn, sw,
                               "`%s` is only allowed on a decision" % k)
                if kind == "end":
                    self.check("next" not in s, sn, sw, "an end step has no successor")
                elif "next" in s:
                    nn = s["next"][1]
                    if isinstance(nn, yaml.SequenceNode):
                        lst = []
                        self.check(len(nn.value) > 0, nn, sw + ".next", "empty next list")
                        for j, rn in enumerate(nn.value):
                            r = self.ident(rn, "%s.next[%d]" % (sw, j))
                            if r:
                                self.check(r not in [x for x, _ in lst], rn, sw + ".next", "duplicate ref `%s`" % r)
                                lst.append((r, rn))
                        refs["next"] = lst
                    else:
                        r = self.ident(nn, sw + ".next")
                        refs["next"] = [(r, nn)] if r else []
            steps.append((sid, kind, sn, refs, sw))

        # successors
        succ = {}
        for i, (sid, kind, sn, refs, sw) in enumerate(steps):
            out = []
            for k, lst in refs.items():
                for r, rn in lst:
                    if self.check(r in ids, rn, sw + "." + k, "unknown step `%s`" % r):
                        self.check(r != sid, rn, sw + "." + k, "a step cannot lead to itself")
                        out.append(ids[r])
            if kind == "end":
                pass
            elif kind != "decision" and "next" not in refs:
                if self.check(i + 1 < len(steps), sn, sw,
                              "the last step must be an end step or have next"):
                    out.append(i + 1)
            succ[i] = out
        if not steps:
            return stats
        self.check(any(k == "end" for _, k, _, _, _ in steps), f["steps"][1], where + ".steps",
                   "the flow has no end step")
        # reachability from the first step
        seen = {0}
        todo = [0]
        while todo:
            for j in succ.get(todo.pop(), []):
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        for i, (sid, kind, sn, refs, sw) in enumerate(steps):
            self.check(i in seen, sn, sw, "not reachable from the first step")
        # every step can reach an end (no trap cycles)
        pred = {i: [] for i in range(len(steps))}
        for i, out in succ.items():
            for j in out:
                pred[j].append(i)
        good = {i for i, (_, k, _, _, _) in enumerate(steps) if k == "end"}
        todo = list(good)
        while todo:
            for p in pred[todo.pop()]:
                if p not in good:
                    good.add(p)
                    todo.append(p)
        for i, (sid, kind, sn, refs, sw) in enumerate(steps):
            self.check(i in good, sn, sw, "no way from this step to an end step")
        stats["loop"] = has_cycle(succ, len(steps))
        return stats

    # ---- files -----------------------------------------------------------
    def powers(self, plan):
        node, _ = self.load("powers.yaml")
        items_by_id = {}
        if node is None:
            return items_by_id, []
        top = self.mapping(node, "", ("domains",), ("domains",))
        if "domains" not in top:
            return items_by_id, []
        domains = self.seq(top["domains"][1], "domains")
        self.check(len(domains) == EXPECT_DOMAINS, top["domains"][1], "domains",
                   "needs %d domains, has %d" % (EXPECT_DOMAINS, len(domains)))
        flow_stats = []
        all_ids = []
        for di, dn in enumerate(domains):
            dw = "domains[%d]" % di
            d = self.mapping(dn, dw, ("id", "name", "items"), ("id", "name", "items"))
            exp = plan[di] if di < len(plan) else None
            did = self.ident(d["id"][1], dw + ".id") if "id" in d else None
            if did:
                dw = "domains[%d](%s)" % (di, did)
            if exp and did is not None:
                self.check(did == exp[0], d["id"][1], dw + ".id", "plan says domain %d is `%s`" % (di + 1, exp[0]))
            if "name" in d:
                name = self.text(d["name"][1], dw + ".name")
                if exp:
                    self.check(name == exp[1], d["name"][1], dw + ".name", "plan says `%s`" % exp[1])
            if "items" not in d:
                continue
            items = self.seq(d["items"][1], dw + ".items")
            exp_items = exp[2] if exp else []
            self.check(len(items) == len(exp_items), d["items"][1], dw + ".items",
                       "plan lists %d items here, found %d" % (len(exp_items), len(items)))
            for ii, itn in enumerate(items):
                e = exp_items[ii] if ii < len(exp_items) else None
                st, iid = self.item(itn, "%s.items[%d]" % (dw, ii), e)
                if iid:
                    all_ids.append(iid)
                    items_by_id[iid] = st
                if st is not None:
                    flow_stats.append((iid, st))
        self.check(len(all_ids) == EXPECT_ITEMS, top["domains"][1], "domains",
                   "needs %d items, has %d" % (EXPECT_ITEMS, len(all_ids)))
        self.check(all_ids == ["p%02d" % i for i in range(1, len(all_ids) + 1)], top["domains"][1],
                   "domains", "item ids must run p01, p02, ... in order")
        self.check(len(set(all_ids)) == len(all_ids), top["domains"][1], "domains", "duplicate item ids")
        with_dec = sum(1 for _, s in flow_stats if s["decision"])
        with_loop = sum(1 for _, s in flow_stats if s["loop"])
        with_lanes = sum(1 for _, s in flow_stats if s["lanes"])
        self.check(with_dec >= MIN_FLOWS_WITH_DECISIONS, None, "", "only %d item flows have a decision; need %d"
                   % (with_dec, MIN_FLOWS_WITH_DECISIONS))
        self.check(with_loop >= MIN_FLOWS_WITH_LOOPS, None, "", "only %d item flows loop back; need %d"
                   % (with_loop, MIN_FLOWS_WITH_LOOPS))
        self.check(with_lanes >= MIN_FLOWS_WITH_LANES, None, "", "only %d item flows have lanes; need %d"
                   % (with_lanes, MIN_FLOWS_WITH_LANES))
        return items_by_id, flow_stats

    def item(self, node, where, exp):
        keys = ("id", "name", "basis", "owners", "disclosure", "risks", "flow")
        it = self.mapping(node, where, keys, keys)
        iid = self.ident(it["id"][1], where + ".id") if "id" in it else None
        if iid:
            where = "%s(%s)" % (where, iid)
        if exp and iid is not None:
            self.check(iid == exp[0], it["id"][1], where + ".id", "plan has `%s` here" % exp[0])
        if "name" in it:
            name = self.text(it["name"][1], where + ".name")
            if exp:
                self.check(name == exp[1], it["name"][1], where + ".name", "plan names it `%s`" % exp[1])
        if "basis" in it:
            self.text(it["basis"][1], where + ".basis")
        if "owners" in it:
            owners = self.text_list(it["owners"][1], where + ".owners", lo=1)
            for o in owners:
                self.check(o in [r[0] for r in ROLES], it["owners"][1], where + ".owners",
                           "unknown role `%s` (secretary, director, supervisor)" % o)
        if "disclosure" in it:
            self.disclosure(it["disclosure"][1], where + ".disclosure", exp[2] if exp else None)
        risks = None
        if "risks" in it:
            risks = self.text_list(it["risks"][1], where + ".risks", RISKS[0], RISKS[1])
            for r, rn in zip(risks, it["risks"][1].value):
                self.check(len(r) <= RISK_MAX_CHARS, rn, where + ".risks", "risk point `%s` is too long" % r)
        st = None
        if "flow" in it:
            st = self.flow(it["flow"][1], where + ".flow", ITEM_STEPS, risks)
            st["risks_listed"] = risks
            if risks is not None:
                for r in risks:
                    self.check(r in st["risk_marks"], it["flow"][1], where + ".flow",
                               "risk `%s` is not marked on any step" % r)
            if iid == "p01":
                texts = st.get("texts", [])
                pos = [texts.index(t) if t in texts else -1 for t in FOUR_DELIBERATIONS]
                self.check(-1 not in pos and pos == sorted(pos), it["flow"][1], where + ".flow",
                           "四议两公开 needs steps %s in this order" % " -> ".join(FOUR_DELIBERATIONS))
        return st, iid

    def disclosure(self, node, where, exp_every):
        d = self.mapping(node, where, ("what", "when", "due_days", "min_days", "every"),
                         ("what", "when", "due_days", "min_days"))
        if "what" in d:
            self.text(d["what"][1], where + ".what")
        due = self.integer(d["due_days"][1], where + ".due_days", 0, 366) if "due_days" in d else None
        if "min_days" in d:
            self.integer(d["min_days"][1], where + ".min_days", 1, 366)
        if "when" in d:
            when = self.text(d["when"][1], where + ".when")
            if when is not None:
                self.check("工作日" not in when, d["when"][1], where + ".when",
                           "write `when` in calendar days (due_days is calendar days)")
                m = WHEN_DAYS_RE.search(when)
                if self.check(m is not None, d["when"][1], where + ".when", "`when` should say `N 日内`"):
                    if due is not None:
                        self.check(int(m.group(1)) == due, d["when"][1], where + ".when",
                                   "`when` says %s days but due_days is %d" % (m.group(1), due))
        if "every" in d:
            ev = self.text(d["every"][1], where + ".every")
            self.check(ev in EVERY_VALUES, d["every"][1], where + ".every",
                       "every must be month | quarter | year")
            self.check(exp_every is not None, d["every"][1], where + ".every",
                       "the plan has no recurring duty for this item")
            if exp_every is not None:
                self.check(ev == exp_every, d["every"][1], where + ".every", "plan says every: %s" % exp_every)
        else:
            self.check(exp_every is None, node, where, "plan says every: %s" % exp_every)

    def duties(self):
        node, _ = self.load("duties.yaml")
        if node is None:
            return
        top = self.mapping(node, "", ("roles",), ("roles",))
        if "roles" not in top:
            return
        roles = self.seq(top["roles"][1], "roles")
        self.check(len(roles) == len(ROLES), top["roles"][1], "roles", "needs %d roles" % len(ROLES))
        for i, rn in enumerate(roles):
            w = "roles[%d]" % i
            r = self.mapping(rn, w, ("id", "name", "duties"), ("id", "name", "duties"))
            exp = ROLES[i] if i < len(ROLES) else None
            rid = self.ident(r["id"][1], w + ".id") if "id" in r else None
            if rid:
                w = "roles[%d](%s)" % (i, rid)
            if exp and rid is not None:
                self.check(rid == exp[0], r["id"][1], w + ".id", "expected `%s`" % exp[0])
            if "name" in r:
                name = self.text(r["name"][1], w + ".name")
                if exp:
                    self.check(name == exp[1], r["name"][1], w + ".name", "expected `%s`" % exp[1])
            if "duties" in r:
                duties = self.text_list(r["duties"][1], w + ".duties")
                if exp:
                    self.check(len(duties) == exp[2], r["duties"][1], w + ".duties",
                               "needs exactly %d duties, has %d" % (exp[2], len(duties)))
                for j, (d, dn) in enumerate(zip(duties, r["duties"][1].value)):
                    ends = len(re.findall(r"[。！？!?]", d))
                    self.check(d.endswith("。") and ends == 1, dn, "%s.duties[%d]" % (w, j),
                               "each duty is one sentence ending with 。")

    def services(self, items):
        node, _ = self.load("services.yaml")
        if node is None:
            return []
        top = self.mapping(node, "", ("services",), ("services",))
        if "services" not in top:
            return []
        svcs = self.seq(top["services"][1], "services")
        self.check(len(svcs) == len(SERVICES), top["services"][1], "services",
                   "needs %d service guides, has %d" % (len(SERVICES), len(svcs)))
        keys = ("id", "name", "power", "materials", "time_limit", "fee", "contact", "proxy", "flow")
        stats = []
        for i, sn in enumerate(svcs):
            w = "services[%d]" % i
            s = self.mapping(sn, w, keys, keys)
            exp = SERVICES[i] if i < len(SERVICES) else None
            sid = self.ident(s["id"][1], w + ".id") if "id" in s else None
            if sid:
                w = "services[%d](%s)" % (i, sid)
            if exp and sid is not None:
                self.check(sid == exp[0], s["id"][1], w + ".id", "expected `%s`" % exp[0])
            if "name" in s:
                name = self.text(s["name"][1], w + ".name")
                if exp:
                    self.check(name == exp[1], s["name"][1], w + ".name", "expected `%s`" % exp[1])
            power = None
            if "power" in s:
                power = self.ident(s["power"][1], w + ".power")
                if exp:
                    self.check(power == exp[2], s["power"][1], w + ".power", "expected `%s`" % exp[2])
                self.check(power in items, s["power"][1], w + ".power", "unknown power item `%s`" % power)
            if "materials" in s:
                self.text_list(s["materials"][1], w + ".materials", MATERIALS[0], MATERIALS[1])
            for k in ("time_limit", "fee", "contact"):
                if k in s:
                    self.text(s[k][1], w + "." + k)
            if "proxy" in s:
                self.boolean(s["proxy"][1], w + ".proxy")
            if "flow" in s:
                lanes = None
                if exp:
                    lanes = SERVICE_LANES + [SERVICE_COUNTY_LANES[exp[0]]]
                item = items.get(power) if power else None
                risks = item.get("risks_listed") if item else None
                st = self.flow(s["flow"][1], w + ".flow", SERVICE_STEPS, risks, lanes)
                self.check(st["decision"], s["flow"][1], w + ".flow", "a service flow needs a decision")
                self.check(st["loop"], s["flow"][1], w + ".flow",
                           "a service flow needs a loop back (e.g. 补齐材料后重新提交)")
                stats.append((sid, st))
        return stats


def has_cycle(succ, n):
    WHITE, GREY, BLACK = 0, 1, 2
    colour = [WHITE] * n
    for root in range(n):
        if colour[root] != WHITE:
            continue
        stack = [(root, iter(succ.get(root, [])))]
        colour[root] = GREY
        while stack:
            v, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[v] = BLACK
                stack.pop()
            elif colour[nxt] == GREY:
                return True
            elif colour[nxt] == WHITE:
                colour[nxt] = GREY
                stack.append((nxt, iter(succ.get(nxt, []))))
    return False


def plain_safe(value, node):
    """Would `value` be a valid plain scalar that a YAML 1.1 loader reads as a string?"""
    if not value or value != value.strip() or "\n" in value:
        return False
    if value[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if any(c in value for c in ",[]{}"):
        return False  # unsafe inside flow collections; allow quotes
    tag = yaml.SafeLoader.resolve(yaml.SafeLoader, yaml.ScalarNode, value, (True, False))
    return tag == STR_TAG


def did_you_mean(key, allowed):
    import difflib
    m = difflib.get_close_matches(key, allowed, n=1)
    return " (did you mean `%s`?)" % m[0] if m else ""


def read_plan():
    """Parse docs/catalog-plan.md; fall back to the built-in plan."""
    path = os.path.join(REPO, "docs", "catalog-plan.md")
    rows = None
    try:
        with open(path, encoding="utf-8") as f:
            rows = []
            for line in f:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) == 3 and ID_RE.match(cells[0]) and cells[0] != "domain" \
                        and re.match(r"p\d\d ", cells[2]):
                    rows.append(tuple(cells))
    except OSError:
        rows = None
    if not rows:
        rows = PLAN
    plan = []
    for did, name, items in rows:
        parsed = []
        for part in items.split(";"):
            m = re.match(r"\s*(p\d\d)\s+(.+?)\s*(?:\(every:\s*(month|quarter|year)\))?\s*$", part)
            if m:
                parsed.append((m.group(1), m.group(2), m.group(3)))
        plan.append((did, name, parsed))
    return plan


def main(argv):
    directory = argv[1] if len(argv) > 1 else os.path.join("seeds", "catalog")
    if len(argv) > 2 or directory in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if directory in ("-h", "--help") else 2
    c = Checker(directory)
    plan = read_plan()
    c.file = "docs/catalog-plan.md"
    c.check(len(plan) == EXPECT_DOMAINS and sum(len(p[2]) for p in plan) == EXPECT_ITEMS, None, "",
            "the plan should list %d domains and %d items" % (EXPECT_DOMAINS, EXPECT_ITEMS))
    items, item_stats = c.powers(plan)
    c.duties()
    svc_stats = c.services(items)
    sources = os.path.join(os.path.dirname(os.path.normpath(directory)), "SOURCES.md")
    if os.path.exists(sources):
        c.file = sources
        with open(sources, encoding="utf-8") as f:
            c.scan_digits(f.read())

    for p in c.problems:
        print(p)
    if item_stats:
        steps = [s["steps"] for _, s in item_stats]
        print("items: %d flows, %d with decisions, %d with loops, %d with lanes, %d-%d steps, "
              "%d long step texts" % (len(item_stats), sum(s["decision"] for _, s in item_stats),
                                      sum(s["loop"] for _, s in item_stats),
                                      sum(s["lanes"] for _, s in item_stats), min(steps), max(steps),
                                      sum(s["long"] for _, s in item_stats)))
    if svc_stats:
        steps = [s["steps"] for _, s in svc_stats]
        print("services: %d flows, %d-%d steps" % (len(svc_stats), min(steps), max(steps)))
    if c.problems:
        print("seeds: %d problem%s, %d checks passed" % (len(c.problems), "" if len(c.problems) == 1 else "s",
                                                         c.checks - len(c.problems)))
        return 1
    print("seeds: %d checks passed" % c.checks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
