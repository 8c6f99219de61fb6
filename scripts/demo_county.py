#!/usr/bin/env python3
"""Give the demo county a year of village-affairs records.

Usage: python3 scripts/demo_county.py CONTENT_DIR [--seed N]

Modifies CONTENT_DIR in place. Every village folder that has no .md record
yet gets a filled-in village.yaml (its `name:` line is kept as it is) and,
unless it is one of the empty villages below, a year of records dated
2025-11-01 .. 2026-11-27 (the demo build date) under
<village>/<yyyy>/<mm>/<yyyy-mm-dd>-<slug>.md. Villages that already have
records (the curated ones) are left untouched, and so is every other file.
Python 3 standard library only; the same seed gives byte-identical trees.

Each generated village's year: the monthly 低保 list (p23, 2025-11 ..
2026-11), the quarterly village finance (p15), non-productive expenses (p16)
and party dues (p35) for 2025-Q4 .. 2026-Q3, the 2025 cadre pay (p33) and
asset inventory (p11, with its reminder talk), one satisfaction survey, and
2-4 matters with their full chains (reminder talk -> decision -> progress ->
result; a matter still running at the build date ends with a progress report
in its last 30 days), now and then a proposal the representatives rejected,
plus a few standalone lists, notices (most villages have one on the board at
the build date) and service guides.

The villages that are honestly behind (all others are complete and on time):

  yunling/gaoshan      高山村   no records at all (village.yaml filled in)
  songping/heilongkou  黑龙口村 no records at all (village.yaml filled in)
  huaishu/tuanjie      团结村   new: merged village, since: 2026-09-01, records
                                only from September 2026 on, no survey yet
  jinping/xipo         西坡村   低保 lists of 2026-02, 2026-03, 2026-08 and 2026-10
                                never published; lower satisfaction
  liuwan/shuimo        水磨村   2026-Q3 village finance (p15) and non-productive
                                expenses (p16) missing; party dues (p35) of
                                2026-Q1 and 2026-Q3 missing; lower satisfaction
  qingshui/shiban      石板村   published late: 低保 lists of 2026-05 and 2026-08,
                                2026-Q2 and 2026-Q3 finance (p15, p16), party dues
                                of 2026-Q2 and 2026-Q3, the 2025 cadre pay
                                (February) and one decision (9 days after the
                                vote); lower satisfaction
  chengguan/wangzhuang 王庄村   the supervision mechanisms never worked: no
                                decision, progress or result signed off by the
                                supervision committee (checked), and no reminder
                                talk held before any decision or result
  longtan/yanwu        岩屋村   no satisfaction survey in the year; 2025 asset
                                inventory (p11) never published; one adopted
                                project stalled after its spring progress report
                                (no result)

Notice periods are never shortened below the item's min_days: the compiler
treats that as an error (rule 3), so lateness is the only timing lapse used.
"""

import os
import random
import re
import sys
from datetime import date, timedelta

SEED = 20261127
FIRST = date(2025, 11, 1)
BUILD = date(2026, 11, 27)

LAPSED = {
    'yunling/gaoshan': 'empty',
    'songping/heilongkou': 'empty',
    'huaishu/tuanjie': 'new',
    'jinping/xipo': 'dibao-gaps',
    'liuwan/shuimo': 'finance-gaps',
    'qingshui/shiban': 'late',
    'chengguan/wangzhuang': 'unsupervised',
    'longtan/yanwu': 'stalled',
}
NEW_SINCE = date(2026, 9, 1)

D = timedelta

# ---------------------------------------------------------------- helpers

CN_NUM = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
          '十一', '十二', '十三', '十四', '十五']
CN_QUARTER = {1: '第一季度', 2: '第二季度', 3: '第三季度', 4: '第四季度'}
WEEKDAY = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日']


def yuan(fen):
    """Money in fen as the YAML money scalar: 1234.50."""
    assert isinstance(fen, int) and fen >= 0, fen
    return '%d.%02d' % (fen // 100, fen % 100)


def wan(fen):
    """Money in fen as 万元 text, trailing zeros dropped: 38.5."""
    y = fen // 100
    s = '%d.%04d' % (y // 10000, y % 10000)
    return s.rstrip('0').rstrip('.')


def yuan_text(fen):
    """Money in fen as plain yuan text for bodies: 1200 or 1875.5."""
    if fen % 100 == 0:
        return str(fen // 100)
    return ('%d.%02d' % (fen // 100, fen % 100)).rstrip('0')


def md(d):
    return '%d月%d日' % (d.month, d.day)


def quarter_end(y, q):
    m = q * 3
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return nxt - D(1)


def month_end(y, m):
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return nxt - D(1)


BAD_FLOW = re.compile(r'[,:\[\]{}#&*!|>\'"%@`]')


def flow_safe(s):
    s = str(s)
    assert not BAD_FLOW.search(s) and s == s.strip() and s, s
    return s


def plain_safe(s):
    s = str(s)
    assert ': ' not in s and ' #' not in s and s == s.strip() and s, s
    assert s[0] not in '-?:,[]{}#&*!|>\'"%@`', s
    return s


def flow_list(items):
    return '[' + ', '.join(flow_safe(x) for x in items) + ']'


# ---------------------------------------------------------------- catalog

def parse_inline_list(s):
    s = s.strip()
    assert s.startswith('[') and s.endswith(']'), s
    return [x.strip() for x in s[1:-1].split(',') if x.strip()]


def load_catalog(root):
    items = {}
    cur = None
    with open(os.path.join(root, 'catalog', 'powers.yaml'), encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^(\s*)- id: (p\d+)\s*$', line)
            if m:
                cur = {'id': m.group(2), 'indent': len(m.group(1)) + 2,
                       'name': None, 'min_days': 7, 'due_days': None,
                       'every': None, 'risks': [], 'owners': []}
                items[cur['id']] = cur
                continue
            if cur is None:
                continue
            ind = len(line) - len(line.lstrip(' '))
            s = line.strip()
            if ind == cur['indent']:
                if s.startswith('name:') and cur['name'] is None:
                    cur['name'] = s[5:].strip()
                elif s.startswith('risks:'):
                    cur['risks'] = parse_inline_list(s[6:])
                elif s.startswith('owners:'):
                    cur['owners'] = parse_inline_list(s[7:])
            elif ind == cur['indent'] + 2:
                if s.startswith('min_days:'):
                    cur['min_days'] = int(s[9:].strip())
                elif s.startswith('due_days:'):
                    cur['due_days'] = int(s[9:].strip())
                elif s.startswith('every:'):
                    cur['every'] = s[6:].strip()
    return items


USED_POWERS = ['p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09', 'p11',
               'p12', 'p15', 'p16', 'p20', 'p21', 'p22', 'p23', 'p24', 'p25',
               'p26', 'p27', 'p28', 'p29', 'p30', 'p32', 'p33', 'p35', 'p36',
               'p38', 'p40']

# ---------------------------------------------------------------- names

SURNAMES = (
    '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅'
    '沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆'
    '郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹易常武乔贺赖龚文柯严左屈')
MALE = '建国军明华平林强伟勇志海涛斌峰刚文辉俊德福贵喜成忠兴春生永长根宝山全树旺发安良民学庆荣祥新振宏'
FEMALE = '秀英兰芳桂琴霞梅玲娟丽萍红艳凤珍翠云莲燕慧敏静花娥巧菊香彩'
OLD_MALE = '富贵福喜有才满仓占奎守银德财根栓锁保成发顺'
OLD_FEMALE = '秀兰桂英凤珍翠花玉梅巧娥香莲彩芹'


class Names:
    def __init__(self, rng, village_name):
        self.rng = rng
        self.used = set()
        m = re.match(r'^(.)家', village_name)
        self.clan = m.group(1) if m else None

    def surname(self):
        if self.clan and self.rng.random() < 0.3:
            return self.clan
        return self.rng.choice(SURNAMES)

    def full(self, female=None, old=False):
        rng = self.rng
        for _ in range(200):
            if female is None:
                fem = rng.random() < 0.35
            else:
                fem = female
            pool = (OLD_FEMALE if fem else OLD_MALE) if old else (FEMALE if fem else MALE)
            if rng.random() < 0.18:
                given = rng.choice(pool)
            else:
                given = rng.choice(pool) + rng.choice(pool)
                if given[0] == given[1] and rng.random() < 0.9:
                    continue
            name = self.surname() + given
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError('no name')


# ---------------------------------------------------------------- village

PLACES = ['后沟', '大湾', '石门', '河坝', '梁上', '柳树湾', '庙坡', '东坪', '西岔',
          '碾子沟', '磨石沟', '上院', '下院', '竹园湾', '松树梁', '桥头', '堰塘',
          '黄土坡', '岩湾', '泉水沟', '枣树坪', '核桃园', '白果树', '老庄', '新庄',
          '花园坪', '龙王沟', '铁炉沟', '阳坡', '阴坡']
BOARDS = ['村委会门口公开栏', '村党群服务中心东侧公开栏', '村便民服务大厅门前公开栏',
          '村文化广场公开栏', '村委会院内公开栏', '村部大门西侧公开栏']
URBAN_BOARDS = ['社区服务中心门前公开栏', '社区党群服务中心一楼公开栏', '社区居委会院内公开栏']
HOURS = ['周一至周五 8:30-12:00 14:00-17:30', '周一至周五 8:00-12:00 14:30-18:00',
         '周一至周五 8:30-17:30，周六上午值班', '周一至周日 8:30-12:00 14:00-17:30（节假日轮流值班）']
BOXES = ['村委会门口', '村党群服务中心大厅', '村便民服务大厅入口', '村卫生室旁']


class Village:
    def __init__(self, root, cat, seed, town_id, town_name, vid, name_line, phone, town_staff):
        self.root = root
        self.cat = cat
        self.town_id = town_id
        self.town_name = town_name
        self.vid = vid
        self.key = town_id + '/' + vid
        self.name_line = name_line
        self.name = name_line.split(':', 1)[1].strip()
        self.phone = phone
        self.rng = random.Random('%d/%s' % (seed, self.key))
        self.names = Names(self.rng, self.name)
        self.lapse = LAPSED.get(self.key)
        self.since = NEW_SINCE if self.lapse == 'new' else None
        self.first = self.since or FIRST
        self.records = []
        self.ids = set()
        self.cash = []          # (date, 'in'|'out', item, fen) for p15
        self.town_staff = town_staff
        self.urban = town_id == 'chengguan' and self.name.endswith('社区')
        self.community = self.name.endswith('社区')
        self.street = town_name.endswith('街道')
        self.topics = []        # survey topics from the year's matters
        self.setup()

    # ---- people and terms
    def setup(self):
        rng = self.rng
        if self.urban:
            hh = rng.randint(900, 2400)
        elif self.community:
            hh = rng.randint(550, 1100)
        elif self.lapse == 'new':
            hh = rng.randint(560, 820)
        else:
            hh = rng.randint(170, 640)
        self.households = hh
        self.adults = int(hh * rng.uniform(2.55, 2.85))
        self.reps = max(25, min(60, hh // 8 + rng.randint(-2, 3)))
        self.party = max(15, min(60, int(hh * rng.uniform(0.07, 0.11))))
        self.groups = max(3, min(14, hh // 45 + rng.randint(-1, 2)))
        self.places = rng.sample(PLACES, 5)
        merged = rng.random() < 0.35 and not self.urban
        sec = self.names.full(female=rng.random() < 0.15)
        director = sec if merged else self.names.full(female=rng.random() < 0.3)
        sup = self.names.full(female=rng.random() < 0.35)
        self.cadres = {'secretary': sec, 'director': director, 'supervisor': sup}
        self.one_shoulder = merged
        self.clerk = self.names.full(female=rng.random() < 0.55)
        self.deputy = self.names.full(female=rng.random() < 0.4) if hh > 400 and rng.random() < 0.6 else None
        if self.urban:
            self.board = rng.choice(URBAN_BOARDS)
            self.box = '社区服务中心大厅'
        else:
            self.board = rng.choice(BOARDS)
            self.box = rng.choice(BOXES)
        self.hours = rng.choice(HOURS)
        c = '社区' if self.community else '村'
        self.c = c
        self.committee = '社区居委会' if self.community else '村委会'
        self.two = '社区“两委”' if self.community else '村“两委”'
        self.watch = '居务监督委员会' if self.community else '村务监督委员会'
        self.center = '社区党群服务中心' if self.community else '村党群服务中心'
        self.rep_meeting = '居民代表会议' if self.community else '村民代表会议'
        self.folk = '居民' if self.community else '村民'
        self.town_office = '街道' if self.street else '镇'
        self.has_pv = not self.urban and rng.random() < 0.55
        self.quality = rng.uniform(0.80, 0.95)
        if self.lapse in ('dibao-gaps', 'unsupervised', 'stalled', 'finance-gaps', 'late'):
            self.quality = rng.uniform(0.64, 0.76)
        elif self.lapse:
            self.quality = rng.uniform(0.72, 0.84)
        self.sup = self.cadres['supervisor']

    def village_yaml(self):
        cad = self.cadres
        lines = [self.name_line,
                 'households: %d' % self.households,
                 'adults: %d' % self.adults,
                 'representatives: %d' % self.reps,
                 'party_members: %d' % self.party,
                 'cadres: {secretary: %s, director: %s, supervisor: %s}' % (
                     flow_safe(cad['secretary']), flow_safe(cad['director']),
                     flow_safe(cad['supervisor'])),
                 'board: ' + plain_safe(self.board)]
        if self.since:
            lines.append('since: %s' % self.since)
        lines += ['office_hours: ' + self.hours,
                  'suggestion_box: ' + plain_safe(self.box),
                  'contacts:',
                  '  - {role: %s便民服务站值班电话, phone: %s}' % (self.c, self.phone)]
        return '\n'.join(lines) + '\n'

    def zu(self, k):
        return CN_NUM[k] + '组'

    def zus(self, n):
        start = self.rng.randint(1, max(1, self.groups - n + 1))
        return [self.zu(k) for k in range(start, start + n)]

    def zu_span(self, n):
        z = self.zus(n)
        return z[0] if n == 1 else z[0] + '至' + z[-1]

    def contact_line(self):
        return '公示期内对名单有异议的，可向%s或%s民政办反映，%s电话 %s。' % (
            self.watch, self.town_office, self.committee, self.phone)

    # ---- records
    def emit(self, d, slug, lines, body):
        assert re.fullmatch(r'[a-z0-9][a-z0-9-]*', slug), slug
        assert self.first <= d <= BUILD, (self.key, slug, d)
        rid = '%s-%s' % (d.isoformat(), slug)
        n = 2
        while rid in self.ids:
            rid = '%s-%s-%d' % (d.isoformat(), slug, n)
            n += 1
        self.ids.add(rid)
        text = '---\n' + '\n'.join(lines) + '\n---\n' + body.strip('\n') + '\n'
        self.records.append((rid, d, text))
        return rid

    def head(self, typ, title, d, power=None, frm=None, to=None, days=None,
             checked=True, follows=None):
        if frm is None:
            frm = d
        assert frm <= BUILD and frm >= d - D(0), (self.key, title, d, frm)
        min_days = self.cat[power]['min_days'] if power else 7
        if days is None:
            days = max(min_days, 7)
        assert days >= min_days
        if to is None:
            to = frm + D(days - 1)
        assert (to - frm).days + 1 >= min_days, (title, frm, to)
        lines = ['type: ' + typ, 'title: ' + plain_safe(title), 'date: %s' % d]
        if power:
            assert power in self.cat, power
            lines.append('power: ' + power)
        lines.append('publish: {from: %s, to: %s}' % (frm, to))
        if checked and not (self.lapse == 'unsupervised' and
                            typ in ('decision', 'progress', 'result')):
            lines.append('checked: {by: %s, date: %s}' % (self.sup, frm))
        if follows:
            lines.append('follows: ' + follows)
        return lines

    def by(self, deputy=False):
        chief, vice = self.town_staff
        if self.street:
            return ('街道纪工委副书记' + vice) if deputy else ('街道纪工委书记' + chief)
        return ('镇纪委副书记' + vice) if deputy else ('镇纪委书记' + chief)

    # ---- talks
    def talk(self, power, d, subject, phase='before', role=None, title=None,
             slug=None, advice=None):
        if self.lapse == 'unsupervised':
            return None               # no reminder talks were held at all
        rng = self.rng
        item = self.cat[power]
        if role is None:
            owners = [o for o in item['owners'] if o != 'supervisor'] or item['owners']
            role = 'supervisor' if phase == 'after' else rng.choice(owners)
        risks = item['risks']
        k = min(len(risks), rng.choice([2, 3, 3]))
        chosen = sorted(rng.sample(range(len(risks)), k))
        risks = [risks[i] for i in chosen]
        who = {'secretary': self.c + '党支部书记' if not self.community else '社区党组织书记',
               'director': self.committee + '主任' if not self.community else '社区居委会主任',
               'supervisor': self.watch + '主任'}[role]
        if self.one_shoulder and role in ('secretary', 'director'):
            who = self.c + '党支部书记、' + self.committee + '主任'
        phase_cn = {'before': '事前', 'during': '事中', 'after': '事后'}[phase]
        if title is None:
            title = '%s%s提醒谈话' % (subject, phase_cn)
        office = '街道纪工委' if self.street else '镇纪委'
        deputy = rng.random() < 0.3
        if phase == 'before':
            intro = rng.choice([
                '在办理“%s”之前，%s对%s进行了事前提醒谈话，重点提醒以下廉政风险点：',
                '“%s”启动前，%s约谈%s，逐项提醒廉政风险点：'])
            intro = intro % (subject, office, who)
        elif phase == 'during':
            intro = '“%s”实施过程中，%s对%s进行了事中提醒谈话，重点提醒：' % (subject, office, who)
        else:
            intro = '“%s”办结后，%s对%s进行了事后提醒谈话，重点提醒：' % (subject, office, who)
        lines = ['- ' + r for r in risks]
        if advice:
            lines += ['', '同时要求：', '']
            lines += ['%d. %s；' % (i + 1, a) for i, a in enumerate(advice)]
        end = rng.choice([
            '谈话对象表示将严格按程序办理，主动接受群众和%s监督。' % self.watch,
            '谈话对象表示将把提醒要求落实到办理的每个环节，相关情况按规定公开。',
            '谈话记录已存档，%s将跟踪监督落实情况。' % self.watch])
        body = intro + '\n\n' + '\n'.join(lines) + '\n\n' + end
        h = self.head('talk', title, d, power)
        h += ['phase: ' + phase, 'role: ' + role, 'by: ' + self.by(deputy),
              'risks: ' + flow_list(risks)]
        return self.emit(d, slug or 'talk-%s-%s' % (power, phase), h, body)

    def ensure_talk(self, power, use, latest, subject, slug, advice=None):
        """A before-talk on `power` within the 30 days before `use`."""
        for rid, d, text in self.records:
            if ('\ntype: talk\n' in text and '\npower: %s\n' % power in text and
                    '\nphase: before\n' in text and use - D(30) <= d <= use):
                return rid
        t = min(latest, use)
        t = max(t, use - D(28), self.first)
        return self.talk(power, t, subject, slug=slug, advice=advice)

    # ---- votes
    def vote_review(self, reject=False):
        rng = self.rng
        total = self.party
        need = -(-2 * total // 3)
        for _ in range(200):
            present = need + int((total - need) * rng.uniform(0.3, 1.0))
            if reject:
                fr = total // 2 - rng.randint(0, 2)
                against = present - fr - rng.randint(0, 2)
                abstain = present - fr - against
            else:
                against = rng.choice([0, 0, 1, 1, 2])
                abstain = rng.choice([0, 0, 1, 1, 2])
                fr = present - against - abstain
            if min(fr, against, abstain) < 0:
                continue
            ok = fr * 2 > total
            if ok != (not reject) or present * 3 < total * 2 or present > total:
                continue
            return '{step: review, date: %%s, total: %d, present: %d, for: %d, against: %d, abstain: %d}' % (
                total, present, fr, against, abstain)
        raise RuntimeError('review vote')

    def vote_resolve(self, body, reject=False):
        rng = self.rng
        for _ in range(400):
            if body == 'representatives':
                total = self.reps
                need = -(-2 * total // 3)
                present = need + int((total - need) * rng.uniform(0.25, 1.0))
                extra = ''
            elif body == 'assembly':
                total = self.adults
                present = total // 2 + 1 + rng.randint(0, total // 10)
                extra = ''
            else:  # household representatives' meeting, an assembly by households
                total = self.adults
                need = -(-2 * self.households // 3)
                present = need + rng.randint(0, max(1, self.households // 8))
                present = min(present, self.households)
                extra = ', households_present: %d' % present
            if reject:
                fr = present // 2 - rng.randint(0, 2)
                rest = present - fr
                against = int(rest * rng.uniform(0.6, 0.9))
                abstain = max(0, rest - against - rng.randint(0, 1))
            elif body == 'representatives':
                against = rng.choice([0, 1, 1, 2, 3])
                abstain = rng.choice([0, 1, 1, 2])
                fr = present - against - abstain
            else:
                against = int(present * rng.uniform(0.02, 0.08))
                abstain = int(present * rng.uniform(0.01, 0.03))
                fr = present - against - abstain - int(present * rng.uniform(0, 0.02))
            if min(fr, against, abstain) < 0 or fr + against + abstain > present:
                continue
            if (fr * 2 > present) == reject or present > total:
                continue
            if body == 'representatives' and present * 3 < total * 2:
                continue
            if body == 'assembly' and present * 2 <= self.adults:
                continue
            if body == 'households' and (present * 3 < self.households * 2):
                continue
            b = 'representatives' if body == 'representatives' else 'assembly'
            return ('{step: resolve, date: %%s, body: %s, total: %d, present: %d%s, '
                    'for: %d, against: %d, abstain: %d}' % (b, total, present, extra, fr, against, abstain),
                    present)
        raise RuntimeError('resolve vote')

    def decision(self, title, resolve, power, slug, body, talk_subject, body_kind='representatives',
                 one_matter=False, reject=False, delay=None, advice=None, notice=None):
        """A decision resolved on `resolve`, its reminder talk, optionally a
        meeting notice. Returns (record id, propose date, present)."""
        rng = self.rng
        if one_matter:
            consult = resolve - D(rng.randint(4, 9))
            propose = consult - D(rng.randint(1, 4))
            review = None
        else:
            review = resolve - D(rng.randint(2, 6))
            consult = review - D(rng.randint(2, 5))
            propose = consult - D(rng.randint(1, 4))
        talk_day = propose - D(rng.randint(0, 4))
        self.ensure_talk(power, resolve, talk_day, talk_subject, 'talk-%s-before' % slug, advice)
        if notice:
            nd = resolve - D(rng.randint(3, 5))
            self.meeting_notice(nd, resolve, body_kind, notice)
        stages = ['  - {step: propose, date: %s}' % propose,
                  '  - {step: consult, date: %s}' % consult]
        if review:
            stages.append('  - ' + self.vote_review() % review)
        res, present = self.vote_resolve(body_kind, reject=reject)
        stages.append('  - ' + res % resolve)
        if delay is None:
            delay = rng.choice([0, 1, 1, 1, 2])
            if self.lapse == 'late' and not getattr(self, 'late_done', False):
                delay = 9
                self.late_done = True
        h = self.head('decision', title, resolve, power, frm=resolve + D(delay))
        if one_matter:
            h.append('procedure: one-matter')
        h += ['stages:'] + stages + ['outcome: ' + ('rejected' if reject else 'adopted')]
        rid = self.emit(resolve, slug, h, body)
        return rid, propose, present

    def meeting_notice(self, d, meet, kind, what):
        rng = self.rng
        hour = rng.choice(['上午9时', '上午9时30分', '下午2时30分', '晚7时30分'])
        when = '%s（%s）%s' % (md(meet), WEEKDAY[meet.weekday()], hour)
        if kind == 'representatives':
            title = '关于召开%s的通知' % self.rep_meeting
            who = '各位%s代表：' % self.folk
            place = self.center + '会议室'
            extra = '请代表准时参会，因事不能参加的请提前向%s请假。' % self.committee
        elif kind == 'households':
            title = '关于召开户代表会议的通知'
            who = '各户：'
            place = self.center + rng.choice(['会议室', '院内', '文化活动室'])
            extra = '请每户派一名代表参加，外出务工户可书面委托家庭成员代为表决。'
        else:
            title = '关于召开%s会议的通知' % self.folk
            who = '全体%s：' % self.folk
            place = self.center + '及' + rng.choice(['文化广场', '村小学操场旧址', '室外场地'])
            extra = '年满十八周岁的本%s%s均可参加，外出务工人员可书面委托家庭成员代为表决。' % (self.c, self.folk)
        body = '%s\n\n定于 **%s** 在%s召开会议，表决《%s》。\n\n%s' % (who, when, place, what, extra)
        h = self.head('notice', title, d)
        return self.emit(d, 'meeting-notice', h, body)

    def progress(self, title, d, power, slug, follows, percent, spent, body):
        h = self.head('progress', title, d, power, frm=d + D(self.rng.choice([0, 0, 1])),
                      follows=follows)
        h += ['percent: %d' % percent, 'spent: ' + yuan(spent)]
        return self.emit(d, slug, h, body)

    def result(self, title, d, power, slug, follows, outcome, accepted, body, spent=None,
               talk_subject=None, advice=None, talk=True):
        rng = self.rng
        if talk:
            latest = accepted - D(rng.randint(0, 5))
            self.ensure_talk(power, d, latest, talk_subject or title, 'talk-%s-before' % slug, advice)
        days = max(self.cat[power]['min_days'], rng.choice([7, 7, 10]))
        h = self.head('result', title, d, power, frm=d + D(rng.choice([0, 0, 1])), days=days,
                      follows=follows)
        h.append('outcome: ' + plain_safe(outcome))
        if spent is not None:
            h.append('spent: ' + yuan(spent))
        h.append('accepted: %s' % accepted)
        return self.emit(d, slug, h, body)

    def assistance(self, title, d, power, slug, program, people, body, period=None, frm=None):
        h = self.head('assistance', title, d, power, frm=frm)
        h.append('program: ' + plain_safe(program))
        if period:
            h.append('period: ' + period)
        h.append('people:')
        for p in people:
            h.append('  - {name: %s, household: %d, amount: %s, reason: %s, id_card: %s}' % (
                flow_safe(p['name']), p['household'], yuan(p['amount']), flow_safe(p['reason']),
                p['id_card']))
        return self.emit(d, slug, h, body)

    def finance(self, title, d, power, slug, period, opening, income, expense, body, frm=None):
        closing = opening + sum(a for _, a in income) - sum(a for _, a in expense)
        assert closing >= 0, (self.key, title, closing)
        h = self.head('finance', title, d, power, frm=frm,
                      days=max(self.cat[power]['min_days'], 7))
        h += ['period: ' + period, 'opening: ' + yuan(opening)]
        if income:
            h.append('income:')
            h += ['  - {item: %s, amount: %s}' % (flow_safe(i), yuan(a)) for i, a in income]
        if expense:
            h.append('expense:')
            h += ['  - {item: %s, amount: %s}' % (flow_safe(i), yuan(a)) for i, a in expense]
        h.append('closing: ' + yuan(closing))
        self.emit(d, slug, h, body)
        return closing

    def notice(self, d, title, slug, body):
        return self.emit(d, slug, self.head('notice', title, d), body)

    def id_card(self):
        return '610000********%04d' % self.rng.randint(0, 9999)

    # ---- writing
    def write(self):
        vdir = os.path.join(self.root, self.town_id, self.vid)
        with open(os.path.join(vdir, 'village.yaml'), 'w', encoding='utf-8', newline='\n') as f:
            f.write(self.village_yaml())
        for rid, d, text in self.records:
            sub = os.path.join(vdir, '%04d' % d.year, '%02d' % d.month)
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, rid + '.md'), 'w', encoding='utf-8', newline='\n') as f:
                f.write(text)


# ---------------------------------------------------------------- the year

def months(first, last):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + (m == 12), m % 12 + 1)


DIBAO_REASONS = [('因病致贫', (1, 4)), ('因残致贫', (1, 4)), ('孤寡老人', (1, 1)),
                 ('缺乏劳动力', (2, 4)), ('缺乏劳动力、子女就学', (3, 5)),
                 ('因病致贫、子女就学', (3, 5)), ('单亲家庭、子女就学', (2, 3)),
                 ('年老体弱、无劳动能力', (1, 2))]
RAISE_MONTH = (2026, 7)      # the county raises the allowance from July
RAISE_FEN = 2000             # 20 yuan per person and month


def dibao(v):
    rng = v.rng
    n0 = max(2, min(7, int(v.households * rng.uniform(0.008, 0.016))))
    if v.urban:
        n0 = max(3, min(8, v.households // 260))

    def new_household():
        reason, (lo, hi) = rng.choice(DIBAO_REASONS)
        size = rng.randint(lo, hi)
        old = reason in ('孤寡老人', '年老体弱、无劳动能力')
        per = rng.choice([39000, 42000, 45000, 48000, 51000, 55000, 58000, 62000, 65000, 68000])
        per += rng.choice([0, 0, 0, 50])
        return {'name': v.names.full(old=old), 'household': size, 'per': per,
                'reason': reason, 'id_card': v.id_card()}

    roll = [new_household() for _ in range(n0)]
    all_months = list(months(v.first, BUILD))
    exits, joins = {}, {}
    mid = [ym for ym in all_months if (2026, 2) <= ym <= (2026, 10)]
    if len(mid) > 3 and rng.random() < 0.6:
        exits[rng.choice(mid)] = True
    if len(mid) > 3 and rng.random() < 0.6:
        joins[rng.choice(mid)] = True
    day = rng.randint(3, 6)
    missing = set()
    if v.lapse == 'dibao-gaps':
        missing = {(2026, 2), (2026, 3), (2026, 8), (2026, 10)}
    t1 = rng.choice(['%d年%d月城乡最低生活保障金发放名单', '%d年%d月低保金发放公示',
                     '%d年%d月城乡低保对象及保障金公示'])
    for (y, m) in all_months:
        notes = []
        if exits.get((y, m)) and len(roll) > 2:
            roll.pop(rng.randrange(len(roll)))
            notes.append('1户因家庭成员外出务工、家庭收入增加，经入户核查和动态管理，自本月起退出保障。')
        if joins.get((y, m)) and len(roll) < 8:
            roll.append(new_household())
            notes.append('新增1户，经申请、入户调查、民主评议和镇村两级公示，县民政局审批后自本月起纳入保障。')
        if (y, m) == RAISE_MONTH:
            notes.append('按县上调整后的城乡低保标准，自7月起每人每月增发20元。')
        if (y, m) in missing:
            continue
        d = date(y, m, min(28, day + rng.choice([0, 0, 0, 1, -1])))
        if d < v.first:
            d = v.first + D(rng.randint(2, 5))
        frm = d
        if v.lapse == 'late' and (y, m) == (2026, 5):
            frm = date(2026, 6, 15)
        if v.lapse == 'late' and (y, m) == (2026, 8):
            frm = date(2026, 9, 14)
        people = []
        for hh in roll:
            per = hh['per'] + (RAISE_FEN if (y, m) >= RAISE_MONTH else 0)
            people.append({'name': hh['name'], 'household': hh['household'],
                           'amount': per * hh['household'], 'reason': hh['reason'],
                           'id_card': hh['id_card']})
        persons = sum(p['household'] for p in people)
        total = sum(p['amount'] for p in people)
        body = ('经%s人民政府审核、县民政局审批，本%s%d年%d月城乡最低生活保障金已通过惠民惠农财政补贴“一卡通”发放，'
                '共%d户%d人，合计%s元，现将名单公示如下。' % (
                    '街道办事处' if v.street else '镇', v.c, y, m, len(people), persons, yuan_text(total)))
        if notes:
            body += '\n\n' + ''.join(notes)
        body += '\n\n' + v.contact_line()
        v.assistance(t1 % (y, m), d, 'p23', 'dibao-%d-%02d' % (y, m), '城乡最低生活保障',
                     people, body, period='%d-%02d' % (y, m), frm=frm)


def amount(rng, lo, hi, cents=False, step=1):
    """A money amount in fen between lo and hi yuan."""
    y = rng.randint(lo // step, hi // step) * step
    c = rng.choice([0, 0, 0, 50]) if not cents else rng.randint(0, 99)
    return y * 100 + c


QUARTERS = [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]


def publish_day(v, y, q, lo, hi):
    end = quarter_end(y, q)
    return end + D(v.rng.randint(lo, hi))


def finance_year(v):
    """p16, p15 and p35 for the four quarters that fall due in the year."""
    rng = v.rng
    quarters = [(y, q) for (y, q) in QUARTERS if quarter_end(y, q) >= v.first]
    office = rng.choice([6000, 7500, 8000, 9000, 10000, 12000]) * 100
    np_open = amount(rng, 0, 3000)
    if v.since:
        np_open = 0
    main_open = v.households * rng.randint(150, 900) * 100 + rng.randint(0, 99)
    if v.since:
        main_open = v.households * rng.randint(200, 500) * 100 + rng.randint(0, 99)
    dues_open = amount(rng, 100, 1200)
    per_member = rng.randint(11, 19)
    rent = rng.choice([0, 0, 1500, 2400, 3600, 6000]) * 100
    land_rent = rng.choice([0, 0, 12000, 18600, 25000, 32000]) * 100
    pv = v.has_pv
    pay_day = rng.randint(3, 8)
    first_np = True
    for (y, q) in quarters:
        qname = '%d年%s' % (y, CN_QUARTER[q])
        period = '%d-Q%d' % (y, q)
        qs = date(y, q * 3 - 2, 1)
        qe = quarter_end(y, q)
        d = publish_day(v, y, q, pay_day - 1, pay_day + 1)
        skip_main = v.lapse == 'finance-gaps' and (y, q) == (2026, 3)
        late = v.lapse == 'late' and (y, q) in ((2026, 2), (2026, 3))
        if late:
            d = qe + D(rng.randint(22, 26))
        winter = q in (4, 1)
        # p16 non-productive expenses
        inc16 = [('%s财政拨付村级办公经费' % v.town_office, office) if not v.community else
             ('%s拨付社区工作经费' % ('街道办事处' if v.street else '镇财政'), office)]
        if q == 4 or (first_np and v.since):
            inc16.append(('上级党建工作经费', rng.choice([2000, 3000, 3000, 5000]) * 100))
        exp16 = [('办公用品及打印耗材', amount(rng, 600, 1900, cents=True)),
                 ('%s委会水电费' % ('居' if v.community else '村'),
                  amount(rng, 1300, 2600, cents=True) if winter else amount(rng, 700, 1600, cents=True)),
                 ('网络及电话费', rng.choice([360, 480, 540, 600, 720]) * 100)]
        if q == 4:
            exp16.append(('报刊订阅', rng.choice([980, 1200, 1480, 1650]) * 100))
        if rng.random() < 0.35:
            exp16.append(('公开栏喷绘更换', amount(rng, 600, 1500)))
        if rng.random() < 0.4:
            exp16.append(('到县镇办事交通费', amount(rng, 120, 600)))
        if rng.random() < 0.3:
            exp16.append(('会议场地布置及音响租用', amount(rng, 200, 600)))
        avail = np_open + sum(a for _, a in inc16)
        spent = sum(a for _, a in exp16)
        while spent > avail - 20000 and len(exp16) > 3:
            spent -= exp16.pop()[1]
        if spent > avail:
            scale_item = exp16[0]
            exp16[0] = (scale_item[0], max(10000, scale_item[1] - (spent - avail) - 5000))
        np_total = sum(a for _, a in exp16)
        body16 = ('%s非生产性开支%s元，已经%s审核，未发生公务接待费用。\n\n'
                  '对公开内容有疑问的，可向%s反映，或到%s会计处查阅原始凭证。' % (
                      qname, yuan_text(np_total), v.watch, v.watch, v.c))
        if v.since and first_np:
            body16 = ('本%s于2026年9月1日由原两村合并设立，本期为合并后首次公开，期初余额为原两村办公经费结余。\n\n'
                      % v.c) + body16
        if not skip_main:
            np_open = v.finance(qname + '非生产性开支公开', d, 'p16',
                                'non-productive-%dq%d' % (y, q), period, np_open, inc16, exp16, body16,
                                frm=d)
        first_np = False
        # p15 village finance
        inc, exp = [], []
        if pv:
            inc.append(('村级光伏电站发电收益', amount(rng, 6000, 11000, cents=True) if winter
                        else amount(rng, 9000, 16000, cents=True)))
        if rent:
            inc.append(('集体门面房（厂房）租金', rent * 3 // 1))
        if land_rent and q == 4:
            inc.append(('集体土地租金', land_rent))
        if rng.random() < 0.5:
            inc.append(('上级补助资金', amount(rng, 5000, 30000)))
        inc.append(inc16[0])
        if len(inc16) > 1:
            inc.append(inc16[1])
        inc.append(('存款利息', amount(rng, 20, 260, cents=True)))
        exp.append(('环境卫生保洁', amount(rng, 2500, 9000)))
        if winter:
            exp.append(('春节慰问困难群众' if q == 1 else '冬季森林防火巡查补助', amount(rng, 1500, 6000)))
        else:
            exp.append(('汛期防汛物资购置' if q == 2 else '村内道路及水毁修复', amount(rng, 1200, 9000)))
        if rng.random() < 0.6:
            exp.append(('村级公益设施维护', amount(rng, 1500, 9000, cents=True)))
        if rng.random() < 0.4:
            exp.append(('村内路灯电费', amount(rng, 300, 1200, cents=True)))
        exp.append(('非生产性开支（明细另行公开）', np_total))
        # project flows of the quarter
        flows = {}
        for fd, kind, item, fen in v.cash:
            if qs <= fd <= qe:
                key = (kind, item)
                flows[key] = flows.get(key, 0) + fen
        for (kind, item), fen in sorted(flows.items()):
            (inc if kind == 'in' else exp).append((item, fen))
        bal = main_open + sum(a for _, a in inc) - sum(a for _, a in exp)
        if bal < 500000:
            inc.append(('%s财政转移支付（村级运转补助）' % v.town_office, 500000 - bal + amount(rng, 5000, 20000)))
        body = rng.choice([
            '%s收支已经%s逐笔审核，现予公开。' % (qname, v.watch),
            '%s财务收支情况已经%s审核，%s财务实行“村财镇管”，收支凭证可在%s会计处查阅。' % (
                qname, v.watch, v.c, v.c)])
        if any(k == 'out' for (k, _) in flows):
            body += '本季度项目资金按合同和工程进度拨付，由%s“两委”联签、%s审核。' % (
                v.c if not v.community else '社区', v.watch)
        if v.since and (y, q) == (2026, 3):
            body = ('本%s于2026年9月1日由原两村合并设立，期初余额为原两村集体账户合并转入数。\n\n' % v.c) + body
        body += '\n\n对公开内容有疑问的，可在公开期内向%s主任%s反映。' % (v.watch, v.sup)
        if not skip_main:
            main_open = v.finance(qname + '村级财务收支公开', d, 'p15', 'finance-%dq%d' % (y, q),
                                  period, main_open, inc, exp, body, frm=d)
        # p35 party dues
        if v.lapse == 'finance-gaps' and (y, q) in ((2026, 1), (2026, 3)):
            continue
        dd = qe + D(rng.randint(4, 13))
        if v.lapse == 'late' and (y, q) in ((2026, 2), (2026, 3)):
            dd = qe + D(rng.randint(24, 27))
        dues = v.party * 3 * per_member * 100 + rng.choice([0, 0, 50, 20]) * 10
        inc35 = [('党员交纳党费', dues)]
        if q in (2, 4) or rng.random() < 0.3:
            inc35.append(('%s党委下拨党员教育经费' % ('街道' if v.street else '镇'),
                          rng.choice([500, 600, 800, 1000]) * 100))
        exp35 = [('党费上缴%s党委' % ('街道' if v.street else '镇'), dues)]
        extra = [('订阅党员学习资料', amount(rng, 180, 480))]
        if q == 3:
            extra.append(('“七一”慰问老党员', amount(rng, 200, 800, step=100)))
        if q == 1:
            extra.append(('春节慰问困难党员', amount(rng, 300, 900, step=100)))
        for item, a in extra:
            if dues_open + sum(x for _, x in inc35) - sum(x for _, x in exp35) - a >= 0:
                exp35.append((item, a))
        body35 = ('本%s党员%d名，%s党费按月足额收缴，已全额上缴%s党委。\n\n对公开内容有疑问的，可向%s反映。' % (
            v.c if not v.community else '社区', v.party, qname, '街道' if v.street else '镇', v.watch))
        dues_open = v.finance(qname + '党费收缴及使用情况', dd, 'p35', 'party-dues-%dq%d' % (y, q),
                              period, dues_open, inc35, exp35, body35, frm=dd)


def cadre_pay(v):
    rng = v.rng
    if v.lapse == 'late':
        d = date(2026, 2, rng.randint(20, 26))
    elif rng.random() < 0.6:
        d = date(2025, 12, rng.randint(20, 30))
    else:
        d = date(2026, 1, rng.randint(5, 22))
    cad = v.cadres
    rows = []
    sec_pay = rng.randint(34, 44) * 1000 * 100
    if v.one_shoulder:
        rows.append(('%s党支部书记、%s主任%s' % (v.c, v.committee, cad['secretary']),
                     sec_pay + rng.randint(4, 8) * 1000 * 100))
    else:
        rows.append(('%s党支部书记%s' % (v.c, cad['secretary']), sec_pay))
        rows.append(('%s主任%s' % (v.committee, cad['director']), sec_pay - rng.randint(2, 5) * 1000 * 100))
    if v.deputy:
        rows.append(('%s副主任%s' % (v.committee, v.deputy), rng.randint(22, 28) * 1000 * 100))
    rows.append(('%s主任%s' % (v.watch, cad['supervisor']), rng.randint(18, 24) * 1000 * 100))
    rows.append(('%s文书兼报账员%s' % (v.c, v.clerk), rng.randint(20, 27) * 1000 * 100))
    total = sum(a for _, a in rows)
    perf = total * rng.randint(18, 25) // 100 // 100000 * 100000
    income = [('县财政拨付%s干部基本报酬' % v.c, total - perf), ('县财政拨付绩效报酬', perf)]
    body = ('%s干部报酬按县定标准发放，绩效报酬与2025年度考核等次挂钩，已通过银行代发到个人账户。\n\n'
            '对公开内容有疑问的，可向%s反映，或到%s会计处查阅发放花名册。' % (v.c, v.watch, v.c))
    v.finance('2025年度%s干部报酬发放公开' % v.c, d, 'p33', 'cadre-pay-2025', '2025', 0, income, rows, body)


def asset_inventory(v):
    rng = v.rng
    if v.lapse == 'stalled':
        return
    # a result has no period: key, so it counts for the year of its date;
    # the 2025 inventory is therefore published in December 2025
    d = date(2025, 12, rng.randint(12, 30))
    acc = d - D(rng.randint(1, 4))
    talk_day = acc - D(rng.randint(4, 14))
    v.talk('p11', talk_day, '2025年度集体资产清查结果公示', title='集体资产清查登记事前提醒谈话',
           slug='talk-assets-before')
    forest = rng.randint(600, 4200) if not v.urban else 0
    farmland = rng.randint(80, 600) if not v.urban else 0
    value = rng.randint(1200, 9000) * 1000 * 100 + rng.randint(0, 9) * 100 * 100
    lines = ['- 经营性资产：' + '、'.join(rng.sample(
        ['集体厂房1栋', '集体门面房%d间' % rng.randint(2, 8), '村级光伏电站%d千瓦' % rng.choice([60, 100, 200, 300]),
         '集体茶园%d亩' % rng.randint(40, 200), '农机具%d台' % rng.randint(2, 6), '冷藏库1座'], 2)),
             '- 非经营性资产：' + '、'.join(['%s' % v.center, '卫生室', '%s内道路及路灯' % v.c]),
             ]
    if not v.urban:
        lines.append('- 资源性资产：集体林地%d亩、集体耕地%d亩、荒坡地%d亩' % (forest, farmland, rng.randint(20, 150)))
    lines.append('- 资产账面原值合计%s万元' % wan(value))
    scrap = rng.random() < 0.5
    outcome = '清查完成，账实相符' if not scrap else '清查完成，核销报废资产%d件' % rng.randint(2, 6)
    body = '2025年度集体资产清查工作已完成，清查结果如下：\n\n' + '\n'.join(lines)
    if scrap:
        body += '\n\n清查中发现部分办公设备和旧农机具已无法使用，经%s研究、%s同意，已按程序核销。' % (v.two, v.rep_meeting)
    h = v.head('result', '2025年度集体资产清查结果公示', d, 'p11', days=rng.choice([15, 15, 20]))
    h += ['outcome: ' + outcome, 'accepted: %s' % acc]
    v.emit(d, 'asset-inventory-2025', h, body)


QUESTIONS = ['村务公开是否及时、内容是否看得懂', '“四议两公开”程序是否规范', '低保、特困评审是否公正',
             '便民服务和民事代办是否方便', '%s干部工作作风是否满意', '村级财务公开是否清楚',
             '环境卫生整治效果是否满意', '对%s务监督委员会工作是否满意']


def survey(v):
    rng = v.rng
    if v.lapse in ('stalled', 'new'):
        return
    r = rng.random()
    if r < 0.7:
        y, q, d = 2026, 3, date(2026, 10, rng.randint(8, 26))
    elif r < 0.9:
        y, q, d = 2026, 2, date(2026, 7, rng.randint(8, 24))
    else:
        y, q, d = 2026, 1, date(2026, 4, rng.randint(8, 24))
    n = rng.randint(60, 150)
    qs = list(QUESTIONS)
    qs[4] = qs[4] % v.c
    qs[7] = qs[7] % ('居' if v.community else '村')
    qs[5] = qs[5].replace('村级', '社区' if v.community else '村级')
    picked = rng.sample(qs, rng.randint(3, 4))
    topics = [t for t in v.topics if t]
    if topics:
        picked.insert(1, rng.choice(topics))
    while len(picked) < 5:
        for x in qs:
            if x not in picked:
                picked.append(x)
                break
    items = []
    for qn in picked[:6]:
        rate = min(0.99, max(0.5, v.quality + rng.uniform(-0.06, 0.05)))
        pleased = int(round(n * rate))
        very = int(round(pleased * rng.uniform(0.38, 0.6)))
        sat = pleased - very
        rest = n - pleased
        dis = int(round(rest * rng.uniform(0.1, 0.4)))
        neu = rest - dis
        assert very + sat + neu + dis == n
        items.append('  - {question: %s, very_satisfied: %d, satisfied: %d, neutral: %d, dissatisfied: %d}' % (
            flow_safe(qn), very, sat, neu, dis))
    title = rng.choice(['%d年%s群众满意度测评结果' % (y, CN_QUARTER[q]),
                        '%d年%s村务公开和便民服务满意度测评' % (y, CN_QUARTER[q])])
    if v.community:
        title = title.replace('村务公开', '居务公开')
    h = v.head('survey', title, d)
    h += ['period: %d-Q%d' % (y, q), 'respondents: %d' % n, 'items:'] + items
    body = ('本次测评采取入户填写测评表与在%s设置意见箱相结合的方式，共回收有效测评表%d份。\n\n'
            '测评结果将纳入%s干部年度考核，群众反映较集中的问题由%s逐条研究答复。' % (v.box, n, v.c, v.two))
    v.emit(d, 'survey-%dq%d' % (y, q), h, body)


# ---------------------------------------------------------------- matters

def rand_date(rng, lo, hi):
    if hi < lo:
        hi = lo
    return lo + D(rng.randint(0, (hi - lo).days))


def schedule(v, lo, hi, span, running):
    """A resolve date for a matter whose chain takes `span` days after it.
    Running matters end (last progress) in the 30 days before the build."""
    rng = v.rng
    lo = max(lo, v.first + D(25))
    if running:
        end = rand_date(rng, BUILD - D(28), BUILD - D(2))
        return end - D(span), end
    hi = min(hi, BUILD - D(4) - D(span))
    return rand_date(rng, lo, hi), None


ADVICE = {
    'p04': ['立项须经“四议两公开”，不得先干后议、以会代议', '项目预算不得随意调增，资金来源必须落实'],
    'p06': ['设计变更须经%s研究并公开，不得随意增加签证', '工程款拨付实行联签、监委会审核'],
    'p02': ['筹资标准不得超过县定上限，困难户按规定减免', '筹资款专户管理，不得挪作他用'],
    'p09': ['租金不得低于评估价，承租方通过公开竞租确定', '村干部及其近亲属不得承租集体资产'],
    'p12': ['发包方案须经村民会议或户代表会议表决', '承包方通过公开竞价确定，不得私下协商'],
    'p20': ['流转须尊重农户意愿，不得强迫或变相强迫', '流转费按合同足额入账并按方案分配'],
    'p29': ['申报主体和带动农户名单必须真实', '扶持资金专款专用，接受审计'],
    'p07': ['采购至少三家询价，不得指定供应商', '到货后由监委会和村民代表共同验收'],
    'p36': ['岗位人选公开报名、民主评议，不得因人设岗', '补贴按月据实发放，严禁虚报冒领'],
    'p03': ['草案须广泛征求%s意见，内容不得与法律法规相抵触', '修订稿须经%s表决通过'],
}


def advice(v, power):
    out = []
    for a in ADVICE.get(power, []):
        if '%s' in a:
            a = a % (v.two if power == 'p06' else (v.folk if a.startswith('草案') else v.rep_meeting))
        out.append(a)
    return out


def m_road(v, running=False, stall=False):
    rng = v.rng
    km10 = rng.randint(8, 35)
    km = '%d.%d' % (km10 // 10, km10 % 10)
    width = rng.choice(['3.5', '4', '4.5'])
    per_km = rng.randint(13, 19) * 10000
    budget = km10 * per_km // 10 // 100 * 100 * 100
    subsidy = budget * rng.randint(70, 85) // 100 // 1000000 * 1000000
    span_a = rng.randint(20, 35)
    span_b = span_a + rng.randint(25, 45)
    span_c = span_b + rng.randint(8, 20)
    span = span_a if running else span_c
    R, end = schedule(v, date(2026, 2, 20), date(2026, 8, 20), span, running)
    if stall:
        R = date(2026, 4, rng.randint(10, 24))
    z = v.zu_span(rng.randint(2, 4))
    name = '%s通组道路硬化工程' % z if not v.urban else '%s背街小巷硬化工程' % rng.choice(v.places)
    v.topics.append('%s是否公开透明' % name.replace('工程', ''))
    funder = '县住建局城市更新补助资金' if v.urban else '县交通运输局以奖代补资金'
    body = ('**工程概况**：%s，全长%s公里，路面宽%s米，C30混凝土路面厚18厘米。\n\n'
            '**预算及资金来源**：预算%s万元，其中%s%s万元，%s集体经济收入%s万元。\n\n'
            '**实施方式**：委托%s招投标服务站公开比选施工单位，%s全程监督。' % (
                name.replace('工程', ''), km, width, wan(budget), funder, wan(subsidy), v.c, wan(budget - subsidy),
                v.town_office, v.watch))
    did, _, _ = v.decision(name + '立项', R, 'p04', 'road-plan', body, name + '立项',
                           notice='%s立项方案' % name if rng.random() < 0.2 else None,
                           advice=advice(v, 'p04'))
    # tender, a result of its own
    entry = R + D(rng.randint(16, 19))
    if rng.random() < 0.3:
        td = R + D(rng.randint(9, 14))
        bidders = rng.randint(3, 6)
        price = budget * rng.randint(92, 97) // 100 // 10000 * 10000
        company = '本县某%s有限公司' % rng.choice(['路桥工程', '建筑工程', '市政工程', '建设工程'])
        tb = ('%s，%s招投标服务站组织%s施工单位公开比选，共%d家单位报名，%s全程监督。\n\n'
              '经评审，%s报价%s万元、综合得分最高，确定为施工单位。\n\n公示期内对比选结果有异议的，可向%s招投标服务站书面反映。' % (
                  md(td - D(1)), v.town_office, name, bidders, v.watch, company, wan(price), v.town_office))
        if td <= BUILD - D(1):
            v.result('%s施工单位比选结果公示' % name, td, 'p05', 'road-tender', None,
                     '%s中选，合同价%s万元' % (company, wan(price)), td - D(1), tb,
                     talk_subject='%s施工单位比选' % name)
    p1 = R + D(span_a) if not running else end
    pay1 = budget * rng.randint(30, 45) // 100 // 10000 * 10000
    v.cash.append((p1, 'in', funder, subsidy * 6 // 10))
    v.cash.append((p1, 'out', '%s进度款' % name, pay1))
    done = km10 * rng.randint(35, 55) // 100
    pid = v.progress('%s进度' % name, p1, 'p06', 'road-progress', did, rng.choice([40, 45, 50, 55]), pay1,
                     '施工单位于%s进场，已完成路基整理和%d.%d公里路面浇筑。\n\n累计拨付工程款%s万元。%s安排专人对混凝土标号和路面厚度进行抽检。' % (
                         md(entry), done // 10, done % 10, wan(pay1), v.watch))
    if running or stall:
        if rng.random() < 0.5 and not stall:
            v.talk('p06', min(BUILD, p1 + D(rng.randint(1, 5))), name + '施工过程', phase='during',
                   slug='talk-road-during', advice=advice(v, 'p06'))
        return
    p2 = R + D(span_b)
    pay2 = budget * rng.randint(80, 88) // 100 // 10000 * 10000
    v.cash.append((p2, 'out', '%s进度款' % name, pay2 - pay1))
    pid = v.progress('%s进度（完工）' % name, p2, 'p06', 'road-progress-2', pid, 100, pay2,
                     '路面浇筑全部完成，正在进行路肩培土和养护，施工单位已提交竣工验收申请。\n\n累计拨付工程款%s万元。' % wan(pay2))
    rd = R + D(span_c)
    final = budget * rng.randint(94, 99) // 100 // 1000 * 1000
    acc = rd - D(rng.randint(1, 3))
    v.cash.append((rd, 'in', funder, subsidy - subsidy * 6 // 10))
    v.cash.append((rd, 'out', '%s结算款' % name, final - pay2 - final // 2000 * 100))
    v.result('%s竣工验收结果' % name, rd, 'p06', 'road-acceptance', pid,
             '验收合格，工程决算%s万元' % wan(final), acc,
             '%s，%s农业综合服务站会同%s、%d名%s代表对工程进行竣工验收，路面宽度、厚度和混凝土强度均符合设计要求，**验收合格**。\n\n'
             '工程决算%s万元，其中上级补助资金%s万元，%s集体出资%s万元。质量保证金%s万元在一年保修期满后支付。' % (
                 md(acc), v.town_office, v.watch, rng.randint(3, 6), v.folk, wan(final), wan(subsidy), v.c,
                 wan(final - subsidy), wan(final // 2000 * 100)),
             spent=final, talk_subject=name + '竣工验收', advice=advice(v, 'p06'))
    if rng.random() < 0.3 and rd + D(8) <= BUILD:
        v.talk('p06', rd + D(rng.randint(3, 8)), name + '竣工', phase='after', slug='talk-road-after')


def m_water(v, running=False, stall=False):
    rng = v.rng
    pool = rng.choice([80, 100, 150, 200, 300])
    pipe10 = rng.randint(15, 60)
    homes = rng.randint(40, 180)
    budget = (pool * 600 + pipe10 * 6000 + homes * 450) // 1000 * 1000 * 100
    z = v.zu_span(rng.randint(1, 3))
    place = rng.choice(v.places)
    name = '%s饮水安全巩固提升工程' % z
    v.topics.append('饮水安全工程建设质量是否满意')
    span_a = rng.randint(20, 35)
    span_c = span_a + rng.randint(20, 40)
    R, end = schedule(v, date(2026, 3, 1), date(2026, 8, 31), span_a if running else span_c, running)
    if stall:
        R = date(2026, 4, rng.randint(8, 22))
    body = ('- 建设地点：%s%s\n- 建设内容：新建%d立方米蓄水池1座，铺设供水管网%d.%d公里，入户改造%d户\n'
            '- 投资概算：%s万元，全部由县水利局农村供水保障资金解决\n- 建成后由%s聘请水管员负责日常管护，水费标准另行议定' % (
                z, place, pool, pipe10 // 10, pipe10 % 10, homes, wan(budget), v.committee))
    did, _, _ = v.decision(name + '立项', R, 'p04', 'water-plan', body, name + '立项',
                           advice=advice(v, 'p04'),
                           notice=('%s立项方案' % name) if rng.random() < 0.15 else None)
    p1 = R + D(span_a) if not running else end
    pay1 = budget * rng.randint(35, 55) // 100 // 10000 * 10000
    v.cash.append((p1, 'in', '县水利局农村供水保障资金', pay1))
    v.cash.append((p1, 'out', name + '进度款', pay1))
    pct = rng.choice([50, 60, 65, 70])
    pid = v.progress(name + '进度', p1, 'p06', 'water-progress', did, pct, pay1,
                     '蓄水池主体已完工，正在铺设%s段主管道，入户改造已完成%d户，工程进度约%d%%。\n\n'
                     '施工期间需临时停水的，提前一天在%s微信群和公开栏通知。' % (place, homes * pct // 100, pct, v.folk))
    if running or stall:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    final = budget * rng.randint(95, 99) // 100 // 1000 * 1000
    v.cash.append((rd, 'in', '县水利局农村供水保障资金', final - pay1))
    v.cash.append((rd, 'out', name + '结算款', final - pay1))
    v.result(name + '竣工验收结果', rd, 'p06', 'water-acceptance', pid, '验收合格，%d户通水' % homes, acc,
             '%s，县水利局、%s水利站会同%s对工程进行验收，水质检测合格，**验收合格**。\n\n'
             '工程决算%s万元，%d户已全部通水。管护制度和水管员名单在公开栏张贴。' % (
                 md(acc), v.town_office, v.watch, wan(final), homes),
             spent=final, talk_subject=name + '竣工验收', advice=advice(v, 'p06'))


def m_lights(v, running=False, stall=False):
    rng = v.rng
    n = rng.randint(30, 110)
    unit = rng.randint(13, 19) * 100
    budget = n * unit * 100
    z = v.zu_span(rng.randint(2, 5))
    name = '%s太阳能路灯采购安装' % z
    v.topics.append('太阳能路灯安装是否满意')
    span_a = rng.randint(15, 25)
    span_c = span_a + rng.randint(10, 25)
    R, end = schedule(v, date(2025, 12, 1), date(2026, 9, 30), span_a if running else span_c, running)
    body = ('- 安装范围：%s通组道路及人口集中居住点\n- 采购数量：一体化太阳能路灯%d盏，灯杆高6米\n'
            '- 预算：%s万元（单价不超过%d元），资金来源为%s集体经济收入和上级人居环境整治补助\n'
            '- 采购方式：通过县公共资源交易平台询价采购，不少于3家供应商报价') % (z, n, wan(budget), unit, v.c)
    did, _, _ = v.decision(name, R, 'p07', 'streetlights', body, name, advice=advice(v, 'p07'))
    p1 = R + D(span_a) if not running else end
    price = budget * rng.randint(88, 96) // 100 // 10000 * 10000
    v.cash.append((p1, 'in', '上级人居环境整治补助资金', price // 2 // 100 * 100))
    v.cash.append((p1, 'out', '太阳能路灯采购款', price * 7 // 10 // 10000 * 10000))
    pid = v.progress('太阳能路灯采购安装进度', p1, 'p07', 'streetlights-progress', did,
                     rng.choice([60, 70, 80]), price * 7 // 10 // 10000 * 10000,
                     '经询价采购，确定报价最低的供应商，合同价%s万元。已到货%d盏，安装%d盏。\n\n按合同约定已支付货款的70%%，其余在验收合格后支付。' % (
                         wan(price), n, n * rng.randint(50, 80) // 100))
    if running or stall:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 2))
    v.cash.append((rd, 'out', '太阳能路灯采购尾款', price - price * 7 // 10 // 10000 * 10000 - price // 2000 * 100))
    v.result('太阳能路灯采购安装验收结果', rd, 'p07', 'streetlights-result', pid, '%d盏路灯全部安装亮灯，验收合格' % n,
             acc, '%s，%s会同%d名%s代表对%d盏太阳能路灯逐盏验收，亮灯率100%%，**验收合格**。\n\n'
             '采购总价%s万元，质保金%s元在一年质保期满后支付。路灯损坏可拨打%s电话 %s 报修。' % (
                 md(acc), v.watch, rng.randint(3, 5), v.folk, n, wan(price), yuan_text(price // 2000 * 100),
                 v.committee, v.phone),
             spent=price, talk_subject='太阳能路灯采购验收', advice=advice(v, 'p07'))


def m_canal(v, running=False, stall=False):
    """一事一议 in the winter: canal dredging before the spring irrigation."""
    rng = v.rng
    km10 = rng.randint(12, 45)
    homes = rng.randint(60, min(220, v.households))
    levy = rng.choice([30, 40, 50, 60, 80])
    labour = rng.randint(2, 4)
    budget = km10 * rng.randint(18, 30) * 100 // 100 * 100 * 100
    grant = budget * rng.randint(45, 65) // 100 // 100000 * 100000
    place = rng.choice(v.places)
    name = '%s灌溉水渠清淤维修' % place
    v.topics.append('水渠清淤一事一议筹资是否合理')
    R = rand_date(rng, date(2025, 12, 1), date(2026, 1, 20))
    body = ('- 建设内容：%s灌溉水渠清淤%d.%d公里，维修渠首闸门1处、破损渠段%d处\n- 总投资：%s万元，申请县财政一事一议奖补%s万元\n'
            '- 筹资标准：受益户每户%d元，特困户、低保户免筹\n- 筹劳标准：受益户每户出工%d个，用于清淤和渠堤培土\n\n'
            '户代表会议到会户数超过全%s户数的三分之二，方案获得通过。') % (
                place, km10 // 10, km10 % 10, rng.randint(3, 9), wan(budget), wan(grant), levy, labour, v.c)
    did, _, present = v.decision('%s一事一议方案' % name, R, 'p02', 'canal-one-matter', body,
                                 '%s一事一议方案' % name, body_kind='households', one_matter=True,
                                 advice=advice(v, 'p02'),
                                 notice='%s一事一议方案' % name if rng.random() < 0.4 else None)
    raised = levy * (homes - rng.randint(2, 9)) * 100
    p1 = R + D(rng.randint(25, 40))
    v.cash.append((p1, 'in', '一事一议群众筹资款', raised))
    v.cash.append((p1, 'out', name + '材料及机械费', budget * 45 // 100 // 10000 * 10000))
    pid = v.progress(name + '进度', p1, 'p02', 'canal-progress', did, rng.choice([60, 70, 75]),
                     budget * 45 // 100 // 10000 * 10000,
                     '已完成%d.%d公里渠道清淤，渠首闸门更换完毕，正在修补破损渠段。\n\n已收缴群众筹资款%s万元，群众投劳约%d个工日。' % (
                         km10 * 6 // 100, km10 * 6 // 10 % 10, wan(raised), homes * labour * 8 // 10))
    rd = p1 + D(rng.randint(15, 25))
    acc = rd - D(rng.randint(1, 2))
    final = budget * rng.randint(95, 99) // 100 // 1000 * 1000
    v.cash.append((rd, 'in', '县财政一事一议奖补资金', grant))
    v.cash.append((rd, 'out', name + '结算款', final - budget * 45 // 100 // 10000 * 10000))
    v.result(name + '完工验收及筹资使用情况', rd, 'p02', 'canal-result', pid, '验收合格，赶在春灌前通水', acc,
             '%s，%s水利站会同%s对水渠清淤维修进行验收，**验收合格**，已于春灌前通水。\n\n'
             '工程决算%s万元：县财政奖补%s万元，群众筹资%s万元，其余由%s集体经济收入支付。筹资款使用明细在公开栏张贴。' % (
                 md(acc), v.town_office, v.watch, wan(final), wan(grant), wan(raised), v.c),
             spent=final, talk_subject=name + '完工验收', advice=advice(v, 'p02'))


def m_bridge(v, running=False, stall=False):
    """一事一议 in the season: a footbridge, a farm road or a dyke."""
    rng = v.rng
    what = rng.choice(['便民桥', '生产便道', '河堤加固'])
    place = rng.choice(v.places)
    z = v.zu_span(rng.randint(1, 2))
    if what == '便民桥':
        spec = '新建钢筋混凝土便民桥1座，长%d米、宽3米' % rng.randint(12, 30)
        budget = rng.randint(8, 18) * 10000 * 100
    elif what == '生产便道':
        spec = '修建生产便道%d.%d公里，宽2.5米，砂石路面' % (rng.randint(1, 3), rng.randint(0, 9))
        budget = rng.randint(5, 12) * 10000 * 100
    else:
        spec = '加固%s河堤%d米，浆砌石结构' % (place, rng.randint(150, 400))
        budget = rng.randint(10, 22) * 10000 * 100
    name = '%s%s%s' % (z, place, what)
    homes = rng.randint(40, min(180, v.households))
    levy = rng.choice([50, 80, 100, 150])
    grant = budget * rng.randint(50, 70) // 100 // 100000 * 100000
    v.topics.append('%s一事一议是否公平' % what)
    span_a = rng.randint(20, 35)
    span_c = span_a + rng.randint(15, 30)
    R, end = schedule(v, date(2026, 3, 1), date(2026, 9, 15), span_a if running else span_c, running)
    kind = rng.choice(['households', 'representatives'])
    body = ('- 建设内容：%s\n- 总投资：%s万元，申请县财政一事一议奖补%s万元\n- 筹资标准：受益户每户%d元，共%d户，特困户、低保户免筹\n'
            '- 筹劳：受益户每户出工2个') % (spec, wan(budget), wan(grant), levy, homes)
    did, _, _ = v.decision('%s一事一议方案' % name, R, 'p02', 'one-matter', body, '%s一事一议' % name,
                           body_kind=kind, one_matter=True, advice=advice(v, 'p02'),
                           notice='%s一事一议方案' % name if rng.random() < 0.25 else None)
    p1 = R + D(span_a) if not running else end
    raised = levy * (homes - rng.randint(2, 9)) * 100
    pay = budget * rng.randint(40, 60) // 100 // 10000 * 10000
    v.cash.append((p1, 'in', '一事一议群众筹资款', raised))
    v.cash.append((p1, 'out', name + '进度款', pay))
    pid = v.progress(name + '建设进度', p1, 'p02', 'one-matter-progress', did, rng.choice([50, 60, 70]), pay,
                     '工程已于%s开工，目前完成工程量约六成。\n\n已收缴群众筹资款%s万元，筹资款使用明细每月在公开栏公布。' % (
                         md(R + D(rng.randint(8, 14))), wan(raised)))
    if running or stall:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    final = budget * rng.randint(94, 99) // 100 // 1000 * 1000
    v.cash.append((rd, 'in', '县财政一事一议奖补资金', grant))
    v.cash.append((rd, 'out', name + '结算款', final - pay))
    v.result(name + '完工验收结果', rd, 'p02', 'one-matter-result', pid, '验收合格，决算%s万元' % wan(final), acc,
             '%s，%s会同%s代表对%s进行验收，**验收合格**，已投入使用。\n\n决算%s万元，其中县财政奖补%s万元、群众筹资%s万元，其余由%s集体支付。' % (
                 md(acc), v.watch, v.folk, what, wan(final), wan(grant), wan(raised), v.c),
             spent=final, talk_subject=name + '验收', advice=advice(v, 'p02'))


LEASE_ASSETS = [('原村小学校舍', '平方米', 400, 900), ('集体厂房', '平方米', 300, 1200),
                ('集体门面房', '间', 2, 6), ('闲置原村部办公楼', '平方米', 200, 500)]


def m_lease(v, running=False, stall=False, reject=False):
    rng = v.rng
    asset, unit, lo, hi = rng.choice(LEASE_ASSETS)
    size = rng.randint(lo, hi)
    floor = rng.randint(12, 60) * 1000 * 100
    years = rng.choice([3, 5, 5, 8])
    name = '%s对外出租' % asset
    v.topics.append('集体资产出租是否公开公平')
    span_a = rng.randint(8, 16)
    span_c = span_a + rng.randint(6, 14)
    R, end = schedule(v, date(2025, 12, 10), date(2026, 10, 10), span_a if running else span_c, running)
    body = ('- 出租资产：%s，%d%s\n- 出租方式：在%s农村产权交易服务站公开竞租，价高者得\n- 起租价：每年%s元，租期%d年，租金每年预交\n'
            '- 用途限制：不得用于污染环境和存放危险品，不得转租') % (
                asset, size, unit, v.town_office, yuan_text(floor), years)
    if reject:
        body += '\n\n表决时多数代表认为出租后将影响%s的公共活动场所，赞成票未超过到会代表半数，方案**未获通过**。' % v.folk
    did, _, _ = v.decision(name + '方案' + ('（未通过）' if reject else ''), R, 'p09', 'lease-plan', body,
                           name + '方案', reject=reject, advice=advice(v, 'p09'))
    if reject:
        return
    p1 = R + D(span_a) if not running else end
    fee = rng.randint(8, 20) * 100 * 100
    v.cash.append((p1, 'out', '资产评估费', fee))
    bidders = rng.randint(2, 5)
    pid = v.progress(name + '公开竞租情况', p1, 'p09', 'lease-bidding', did, 100, fee,
                     '%s上午，在%s农村产权交易服务站主持、%s全程监督下，%s公开竞租进行。\n\n共有%d名报名人缴纳保证金参加竞租，经多轮报价产生最高报价。资产评估费%s元由%s集体支付。' % (
                         md(p1 - D(2)), v.town_office, v.watch, asset, bidders, yuan_text(fee), v.c))
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    price = floor * rng.randint(105, 130) // 100 // 10000 * 10000
    who = rng.choice(['本%s%s某某' % (v.c, v.names.surname()), '本县某%s有限公司' % rng.choice(
        ['农业开发', '食品加工', '电子商务', '物流'])])
    v.cash.append((rd, 'in', '%s租金（首年）' % asset, price))
    v.result(name + '结果公示', rd, 'p09', 'lease-result', pid,
             '%s以每年%s元竞得，租期%d年，合同已签订' % (who, yuan_text(price), years), acc,
             '经公开竞租，%s由%s以每年%s元竞得，较起租价溢价%d%%。\n\n双方已于%s签订租赁合同，首年租金已全额缴入%s集体账户。合同文本存%s档案室，%s可查阅。' % (
                 asset, who, yuan_text(price), (price - floor) * 100 // floor, md(acc), v.c, v.c, v.folk),
             talk_subject=name + '结果公示', advice=advice(v, 'p09'))


LAND = [('集体林地', '林下中药材种植', 30, 60, 300, 900, 15), ('撂荒耕地', '设施蔬菜种植', 300, 520, 80, 260, 10),
        ('集体荒坡', '连翘、核桃种植', 20, 45, 150, 600, 15), ('农户承包耕地', '香菇大棚基地建设', 350, 600, 60, 180, 8)]


def m_transfer(v, running=False, stall=False):
    rng = v.rng
    land, use, plo, phi, alo, ahi, years = rng.choice(LAND)
    mu = rng.randint(alo, ahi)
    price = rng.randint(plo, phi)
    z = v.zu_span(rng.randint(1, 3))
    name = '%s%s经营权流转' % (z, land)
    v.topics.append('土地流转方案是否公平合理')
    span_a = rng.randint(15, 30)
    span_c = span_a + rng.randint(10, 25)
    R, end = schedule(v, date(2025, 12, 1), date(2026, 9, 30), span_a if running else span_c, running)
    kind = rng.choice(['assembly', 'households'])
    body = ('- 流转面积：%s%s%d亩\n- 流转用途：%s，不得改变土地用途\n- 流转期限：%d年\n'
            '- 流转价格：每亩每年%d元，每5年递增5%%，流转费每年12月底前支付\n\n%s获得通过。') % (
                z, land, mu, use, years, price,
                '村民会议到会人数超过全村成年村民半数，方案' if kind == 'assembly' else '户代表会议到会户数超过全村户数的三分之二，方案')
    did, _, _ = v.decision(name + '方案', R, 'p20', 'land-transfer', body, name + '方案', body_kind=kind,
                           advice=advice(v, 'p20'), notice=name + '方案' if rng.random() < 0.4 else None)
    p1 = R + D(span_a) if not running else end
    fee = rng.randint(15, 40) * 100 * 100
    v.cash.append((p1, 'out', '流转土地测绘及评估费', fee))
    pid = v.progress(name + '进展', p1, 'p20', 'land-transfer-progress', did, rng.choice([60, 70, 80]), fee,
                     '流转方案公示期满无异议。%s与受让方已完成四至界线现场确认，%d户农户已签订委托流转协议。\n\n流转合同正在%s农村经济经营管理站审查。' % (
                         v.committee, rng.randint(20, 90), v.town_office))
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    total = mu * price * 100
    v.result(name + '结果公示', rd, 'p20', 'land-transfer-result', pid, '流转合同已签订，年流转费%s元' % yuan_text(total),
             acc, '%s%d亩经营权流转合同已于%s签订，合同经%s农村经济经营管理站鉴证。\n\n首年流转费%s元于12月底前支付，按农户和村民小组的面积比例分配到户到组。' % (
                 z, mu, md(acc), v.town_office, yuan_text(total)),
             talk_subject=name + '结果', advice=advice(v, 'p20'))


def m_contract(v, running=False, stall=False):
    rng = v.rng
    what = rng.choice([('集体鱼塘', '亩', 6, 20, 800, 1500), ('集体果园', '亩', 30, 120, 150, 300),
                       ('集体荒山', '亩', 200, 800, 15, 30)])
    res, unit, lo, hi, plo, phi = what
    size = rng.randint(lo, hi)
    floor = size * rng.randint(plo, phi) // 100 * 100
    years = rng.choice([5, 5, 8, 10])
    place = rng.choice(v.places)
    name = '%s%s对外发包' % (place, res)
    v.topics.append('集体资源发包是否公开透明')
    span_a = rng.randint(10, 16)
    span_c = span_a + rng.randint(7, 14)
    R, end = schedule(v, date(2025, 12, 1), date(2026, 10, 10), span_a if running else span_c, running)
    body = ('- 发包标的：%s%s%d%s\n- 承包期限：%d年\n- 竞价底价：每年%s元，采取公开竞价方式，价高者得\n- 承包费按年度一次性缴清\n\n'
            '户代表会议到会户数超过全%s户数的三分之二，方案获得通过。') % (place, res, size, unit, years, yuan_text(floor * 100), v.c)
    did, _, _ = v.decision(name + '方案', R, 'p12', 'contract-plan', body, name + '方案', body_kind='households',
                           advice=advice(v, 'p12'), notice=name + '方案' if rng.random() < 0.3 else None)
    p1 = R + D(span_a) if not running else end
    fee = rng.randint(8, 15) * 100 * 100
    v.cash.append((p1, 'out', '资源评估费', fee))
    pid = v.progress(res + '公开竞价情况', p1, 'p12', 'contract-bidding', did, 100, fee,
                     '%s，在%s农村产权交易服务站主持、%s全程监督下，%s发包公开竞价顺利进行。\n\n共有%d名报名人参加竞价，经%d轮报价产生最高报价。' % (
                         md(p1 - D(2)), v.town_office, v.watch, res, rng.randint(2, 5), rng.randint(3, 8)))
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 2))
    price = floor * rng.randint(108, 135) // 100 // 100 * 100 * 100
    who = '%s某某' % v.names.surname()
    v.cash.append((rd, 'in', '%s承包费' % res, price))
    v.result(res + '发包结果公示', rd, 'p12', 'contract-result', pid,
             '%s以每年%s元竞得，承包期%d年，合同已签订' % (who, yuan_text(price), years), acc,
             '经公开竞价，%s%s由本%s%s以每年%s元竞得。\n\n双方已于%s签订承包合同，首年承包费已全额缴入%s集体账户。合同文本存档，%s可查阅。' % (
                 place, res, v.folk, who, yuan_text(price), md(acc), v.c, v.folk),
             talk_subject=res + '发包结果', advice=advice(v, 'p12'))


INDUSTRY = [('香菇大棚', '座', 10, 40, 15000, '带动%d户种植香菇'), ('丹参种植基地', '亩', 100, 400, 900, '带动%d户种植丹参'),
            ('核桃提质增效', '亩', 200, 800, 450, '带动%d户核桃园改造'), ('茶园提质增效', '亩', 120, 450, 700, '带动%d户茶园改造'),
            ('中蜂养殖', '箱', 200, 600, 550, '带动%d户发展中蜂养殖'), ('魔芋种植', '亩', 100, 300, 1100, '带动%d户种植魔芋')]


def m_industry(v, running=False, stall=False):
    rng = v.rng
    what, unit, lo, hi, per, drive = rng.choice(INDUSTRY)
    size = rng.randint(lo, hi)
    budget = max(100000, min(600000, size * per)) // 1000 * 1000 * 100
    homes = rng.randint(30, min(160, v.households // 2))
    share = rng.choice([5, 8, 10])
    name = '%s产业扶持项目' % what
    v.topics.append('产业扶持项目带动群众增收是否满意')
    span_a = rng.randint(25, 45)
    span_b = span_a + rng.randint(30, 60)
    span_c = span_b + rng.randint(8, 20)
    R, end = schedule(v, date(2026, 1, 10), date(2026, 6, 30), span_a if running else span_c, running)
    body = ('- 实施范围：%s%d%s\n- 资金来源：县农业农村局衔接推进乡村振兴补助资金%s万元\n- 受益农户：%s，项目收益的%d%%作为%s集体经济收入\n\n'
            '项目由%s股份经济合作社组织实施，接受全体%s监督。') % (
                v.zu_span(rng.randint(2, 5)), size, unit, wan(budget), drive % homes, share, v.c, v.c, v.folk)
    did, _, _ = v.decision(name + '实施方案', R, 'p29', 'industry-plan', body, name + '实施方案', advice=advice(v, 'p29'))
    p1 = R + D(span_a) if not running else end
    pay1 = budget * rng.randint(35, 50) // 100 // 10000 * 10000
    v.cash.append((p1, 'in', '县农业农村局产业扶持资金', pay1))
    v.cash.append((p1, 'out', name + '物资采购款', pay1))
    pid = v.progress(name + '实施进度', p1, 'p29', 'industry-progress', did, rng.choice([40, 50, 60]), pay1,
                     '项目物资已通过询价采购到位，已完成计划任务的一半左右，%s和%s代表对到户物资逐户核对。\n\n已拨付资金%s万元。' % (
                         v.watch, v.folk, wan(pay1)))
    if running:
        return
    p2 = R + D(span_b)
    pay2 = budget * rng.randint(85, 95) // 100 // 10000 * 10000
    v.cash.append((p2, 'in', '县农业农村局产业扶持资金', pay2 - pay1))
    v.cash.append((p2, 'out', name + '建设款', pay2 - pay1))
    pid = v.progress(name + '实施进度（完工）', p2, 'p29', 'industry-progress-2', pid, 100, pay2,
                     '项目建设内容已全部完成，已向县农业农村局提交验收申请。\n\n累计拨付资金%s万元。' % wan(pay2))
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    final = budget * rng.randint(97, 100) // 100 // 1000 * 1000
    v.cash.append((rd, 'in', '县农业农村局产业扶持资金', final - pay2))
    v.cash.append((rd, 'out', name + '结算款', final - pay2))
    v.result(name + '验收结果', rd, 'p29', 'industry-result', pid, '验收合格，决算%s万元' % wan(final), acc,
             '%s，县农业农村局、%s农业综合服务站会同%s对项目进行验收，建设规模和质量均达到实施方案要求，**验收合格**。\n\n'
             '项目决算%s万元，受益农户%d户，补助明细在各组公开栏张贴。' % (md(acc), v.town_office, v.watch, wan(final), homes),
             spent=final, talk_subject=name + '验收', advice=advice(v, 'p29'))


def m_rules(v, running=False, stall=False):
    rng = v.rng
    span_c = rng.randint(12, 25)
    R, end = schedule(v, date(2025, 12, 20), date(2026, 10, 20), 0 if running else span_c, running)
    if running:
        R = end
    name = '%s%s规民约修订' % (v.name, '居' if v.community else '村')
    v.topics.append('%s规民约修订是否充分听取意见' % ('居' if v.community else '村'))
    nd = R - D(rng.randint(14, 20))
    items = rng.sample(['红白喜事简办，宴席标准每桌不超过500元', '落实“门前三包”，禁止乱堆乱放',
                        '禁止在河道倾倒垃圾', '文化广场晚10时后禁止使用高音音响', '高价彩礼列入劝导范围',
                        '森林防火期严禁野外用火', '犬只拴养，不得散放'], 3)
    v.notice(nd, '关于《%s（修订草案）》征求意见的公告' % name.replace('修订', ''), 'rules-consultation',
             '为推进移风易俗，%s起草了%s规民约修订草案，新增“%s”等内容。\n\n草案全文张贴在各组公开栏，请%s在%s前提出意见建议。' % (
                 v.two, '居' if v.community else '村', '”“'.join(i.split('，')[0] for i in items[:2]), v.folk,
                 md(nd + D(7))))
    body = '修订后的%s规民约共%s章%s条，主要修订内容：\n\n%s\n\n对违反%s规民约的，由%s批评教育，不设罚款。' % (
        '居' if v.community else '村', CN_NUM[rng.randint(5, 8)], CN_NUM[rng.randint(2, 3)] + '十' + CN_NUM[rng.randint(1, 9)],
        '\n'.join('%d. %s；' % (i + 1, t) for i, t in enumerate(items)), '居' if v.community else '村', v.committee)
    did, _, _ = v.decision(name, R, 'p03', 'village-rules', body, name, advice=advice(v, 'p03'))
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 4))
    v.result(name + '备案施行公告', rd, 'p03', 'village-rules-result', did, '报%s备案，正式施行' % (
        '街道办事处' if v.street else '镇人民政府'), acc,
             '%s已于%s经%s备案，自公告之日起施行。\n\n正式文本张贴在各组公开栏，并印发到户。' % (
                 name.replace('修订', ''), md(acc), '街道办事处' if v.street else '镇人民政府'),
             talk_subject=name + '备案施行')


def m_cleaning(v, running=False, stall=False):
    rng = v.rng
    budget = rng.randint(6, 18) * 10000 * 100
    name = '%s环境卫生保洁服务外包' % v.c
    v.topics.append('环境卫生保洁服务是否满意')
    span_c = rng.randint(12, 20)
    R, end = schedule(v, date(2025, 12, 1), date(2026, 10, 1), span_c if not running else 0, running)
    if running:
        R = end
    body = ('- 服务范围：全%s%d个%s小组主干道、公共场所保洁和垃圾清运\n- 服务期限：1年\n- 预算：%s万元，由%s集体经济收入和上级人居环境整治补助解决\n'
            '- 选定方式：%s招投标服务站组织公开比选，服务质量按月考核，考核结果与服务费挂钩') % (
                v.c, v.groups, v.folk if v.community else '村民', wan(budget), v.c, v.town_office)
    did, _, _ = v.decision(name, R, 'p08', 'cleaning-plan', body, name)
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(1)
    price = budget * rng.randint(88, 97) // 100 // 1000 * 1000
    v.result(name + '比选结果', rd, 'p08', 'cleaning-result', did, '本县某环境服务公司中选，年服务费%s万元' % wan(price), acc,
             '经%s招投标服务站公开比选，共%d家单位参加，本县某环境服务公司综合得分最高，年服务费%s万元。\n\n服务合同已签订，考核办法和保洁员名单在公开栏张贴，%s可随时监督。' % (
                 v.town_office, rng.randint(3, 5), wan(price), v.folk),
             talk_subject=name + '比选')


def m_dividend(v, running=False, stall=False):
    rng = v.rng
    R = rand_date(rng, date(2026, 1, 12), date(2026, 2, 6))
    members = int(v.adults * rng.uniform(1.15, 1.3))
    income = rng.randint(3, 15) * 10000 * 100
    reserve = rng.choice([40, 45, 50])
    per = (income * (100 - reserve) // 100) // members // 100 // 10 * 10
    if per < 30:
        return m_rules(v, running, stall)
    total = per * members * 100
    name = '2025年度集体收益分配方案'
    v.topics.append('集体收益分配是否公平')
    body = ('- 2025年度%s集体经营性收益%s万元\n- 提取公积公益金%d%%，用于公益设施维护和扩大再生产\n'
            '- 按在册集体经济组织成员%d人分配，每人%d元，合计%s万元\n- 分红款通过“一卡通”发放，不发现金') % (
                v.c, wan(income), reserve, members, per, wan(total))
    did, _, _ = v.decision(name, R, 'p32', 'dividend-plan', body, name, body_kind='representatives',
                           notice=name if rng.random() < 0.25 else None)
    rd = R + D(rng.randint(12, 24))
    acc = rd - D(rng.randint(1, 2))
    v.cash.append((rd, 'out', '2025年度集体收益分红', total))
    v.result('2025年度集体收益分红发放结果', rd, 'p32', 'dividend-result', did, '分红%s万元已全部发放到户' % wan(total), acc,
             '2025年度集体收益分红已于%s前全部发放，共%d人，每人%d元，合计%s万元。\n\n未领取或账户信息有误的，请到%s会计处核对。' % (
                 md(acc), members, per, wan(total), v.c),
             spent=total, talk_subject='集体收益分红发放')


def m_renovation(v, running=False, stall=False):
    """Urban communities: an old residential compound's renovation."""
    rng = v.rng
    place = rng.choice(['供销社家属院', '粮站家属院', '县农机厂家属院', '老电影院片区', '河滨小区', '邮电家属院'])
    homes = rng.randint(60, 240)
    budget = homes * rng.randint(8, 15) * 1000 * 100 // 10000 * 10000
    name = '%s老旧小区改造' % place
    v.topics.append('老旧小区改造是否满意')
    span_a = rng.randint(25, 40)
    span_c = span_a + rng.randint(30, 60)
    R, end = schedule(v, date(2026, 3, 1), date(2026, 7, 15), span_a if running else span_c, running)
    body = ('- 改造范围：%s楼栋%d栋、住户%d户\n- 改造内容：雨污分流、外墙保温、更换供水管网、增设充电车棚和路灯\n'
            '- 投资概算：%s万元，由县住建局老旧小区改造资金解决\n- 施工期间成立居民监督小组，全程参与质量监督') % (
                place, rng.randint(4, 12), homes, wan(budget))
    did, _, _ = v.decision(name + '实施方案', R, 'p04', 'renovation-plan', body, name + '实施方案', advice=advice(v, 'p04'))
    p1 = R + D(span_a) if not running else end
    pay1 = budget * rng.randint(30, 45) // 100 // 10000 * 10000
    pid = v.progress(name + '进度', p1, 'p06', 'renovation-progress', did, rng.choice([40, 50, 60]), pay1,
                     '雨污分流管网已完成铺设，正在进行外墙保温施工。\n\n县住建局已拨付工程款%s万元。施工时间为早7时至晚7时，噪音问题请向%s反映。' % (
                         wan(pay1), v.committee))
    if running:
        return
    rd = R + D(span_c)
    acc = rd - D(rng.randint(1, 3))
    final = budget * rng.randint(95, 99) // 100 // 1000 * 1000
    v.result(name + '竣工验收结果', rd, 'p06', 'renovation-acceptance', pid, '验收合格，决算%s万元' % wan(final), acc,
             '%s，县住建局会同%s和居民监督小组对改造工程进行验收，**验收合格**。\n\n工程决算%s万元，后续由物业服务企业负责管护。' % (
                 md(acc), v.watch, wan(final)),
             spent=final, talk_subject=name + '竣工验收', advice=advice(v, 'p06'))


# ---- light matters: a result with its reminder talk, no decision

def m_posts(v, running=False, stall=False):
    rng = v.rng
    month = rng.choice([1, 3, 7])
    nd = date(2026, month, rng.randint(3, 12))
    posts = rng.sample(['护林员', '保洁员', '河道巡查员', '光伏电站管护员', '水管员', '公路养护员'], rng.randint(1, 3))
    if v.urban:
        posts = rng.sample(['保洁员', '治安巡逻员', '社区服务协理员'], rng.randint(1, 2))
    pay = rng.choice([500, 600, 700])
    v.notice(nd, '公益性岗位人员招聘公告', 'public-post-notice',
             '根据%s人社所下达的岗位计划，本%s招聘%s。\n\n**条件**：本%s脱贫户、监测户或低收入家庭成员，年龄在65周岁以下，身体健康。\n\n'
             '**报名**：%s前到%s报名，咨询电话 %s。' % (
                 v.town_office, v.c, '、'.join('%s1名' % p for p in posts), v.c, md(nd + D(7)), v.center, v.phone))
    rd = nd + D(rng.randint(14, 20))
    acc = rd - D(rng.randint(1, 3))
    picked = ['%s%s某某' % (p, v.names.surname()) for p in posts]
    v.result('公益性岗位人员选聘结果公示', rd, 'p36', 'public-post-result', None,
             '拟聘' + '、'.join(picked), acc,
             '经个人申请、%s资格审查、%s代表评议，拟聘用以下人员：\n\n%s\n\n岗位补贴每人每月%d元，由县财政承担。' % (
                 v.two, v.folk, '\n'.join('- %s：%s' % (p, n[len(p):]) for p, n in zip(posts, picked)), pay),
             talk_subject='公益性岗位人员选聘', advice=advice(v, 'p36'))


def m_housing(v, running=False, stall=False):
    rng = v.rng
    rd = date(2026, rng.choice([4, 5]), rng.randint(5, 25))
    n = rng.randint(2, 4)
    rows = []
    total = 0
    for _ in range(n):
        grade = rng.choice(['C级', 'D级'])
        sub = 15000 if grade == 'C级' else 35000
        total += sub
        rows.append('- %s某某（%s，%s）：鉴定为%s危房，拟补助%d元' % (
            v.names.surname(), rng.choice([v.zu(k) for k in range(1, v.groups + 1)]),
            rng.choice(['低保户', '特困户', '脱贫不稳定户', '残疾人家庭']), grade, sub))
    acc = rd - D(rng.randint(1, 3))
    v.result('2026年农村危房改造评议结果公示', rd, 'p22', 'dangerous-housing', None,
             '%d户纳入2026年危房改造计划' % n, acc,
             '经农户申请、县住建局委托鉴定、%s代表评议，以下农户拟纳入2026年农村危房改造计划：\n\n%s\n\n补助资金共%s元，竣工验收合格后一次性拨付到户。%s' % (
                 v.folk, '\n'.join(rows), total, v.contact_line().replace('名单', '评议结果')),
             talk_subject='农村危房改造评议', talk=True)


def m_farm_subsidy(v, running=False, stall=False):
    rng = v.rng
    rd = date(2026, rng.choice([4, 5, 6]), rng.randint(3, 25))
    homes = int(v.households * rng.uniform(0.7, 0.92))
    mu = homes * rng.randint(25, 45) // 10
    rate = rng.choice([102, 105, 108, 110])
    acc = rd - D(rng.randint(1, 3))
    v.result('2026年耕地地力保护补贴面积核实结果公示', rd, 'p28', 'farmland-subsidy', None,
             '核实%d户%d亩' % (homes, mu), acc,
             '经农户申报、村民小组核实、%s复核，本%s2026年耕地地力保护补贴面积共%d户%d亩，补贴标准每亩%d元（以县上最终核定为准）。\n\n'
             '分户面积明细在各组公开栏张贴。对面积有异议的，请在公示期内向%s或%s农业综合服务站反映。' % (
                 v.committee, v.c, homes, mu, rate, v.watch, v.town_office),
             talk_subject='耕地地力保护补贴面积核实')


MATTERS = {
    'road': m_road, 'water': m_water, 'lights': m_lights, 'canal': m_canal, 'bridge': m_bridge,
    'lease': m_lease, 'transfer': m_transfer, 'contract': m_contract, 'industry': m_industry,
    'rules': m_rules, 'cleaning': m_cleaning, 'dividend': m_dividend, 'renovation': m_renovation,
    'posts': m_posts, 'housing': m_housing, 'farm': m_farm_subsidy,
}
RURAL = ['road', 'water', 'lights', 'canal', 'bridge', 'lease', 'transfer', 'contract', 'industry',
         'rules', 'cleaning', 'dividend', 'posts', 'housing', 'farm']
URBAN = ['renovation', 'road', 'lights', 'lease', 'rules', 'cleaning', 'posts']
RUNNABLE = {'road', 'water', 'lights', 'bridge', 'lease', 'transfer', 'contract', 'industry', 'rules',
            'cleaning', 'renovation'}


def matters(v):
    rng = v.rng
    pool = URBAN if v.urban else RURAL
    weights = {'road': 5, 'water': 4, 'lights': 3, 'canal': 3, 'bridge': 3, 'lease': 3, 'transfer': 3,
               'contract': 2, 'industry': 4, 'rules': 2, 'cleaning': 2, 'dividend': 1, 'posts': 3,
               'housing': 2, 'farm': 2, 'renovation': 5}
    n = rng.choices([2, 3, 4], [64, 30, 6])[0]
    picked = []
    cand = list(pool)
    while len(picked) < n and cand:
        k = rng.choices(cand, [weights[c] for c in cand])[0]
        cand.remove(k)
        picked.append(k)
    running = None
    if rng.random() < 0.55:
        runnable = [k for k in picked if k in RUNNABLE]
        if runnable:
            running = rng.choice(runnable)
    if v.lapse == 'stalled':
        for k in ('road', 'water'):
            if k in picked:
                picked.remove(k)
        picked.insert(0, rng.choice(['road', 'water']))
        if running in ('road', 'water'):
            running = None
    for i, k in enumerate(picked):
        MATTERS[k](v, running=(k == running), stall=(v.lapse == 'stalled' and i == 0))
    if rng.random() < 0.07 and 'lease' not in picked and not v.lapse:
        m_lease(v, reject=True)


# ---- standalone lists, notices and guides

def temp_aid(v):
    rng = v.rng
    d = rand_date(rng, date(2025, 12, 1), date(2026, 11, 20))
    people = []
    for reason in rng.sample(['房屋遭受火灾', '家庭成员突发重病住院', '交通事故致伤', '家庭主要劳动力意外身亡',
                              '房屋遭受风灾受损'], rng.randint(1, 3)):
        people.append({'name': v.names.full(), 'household': rng.randint(1, 5),
                       'amount': rng.choice([1000, 1500, 2000, 3000, 4000, 5000]) * 100, 'reason': reason,
                       'id_card': v.id_card()})
    v.assistance('临时救助审批结果公示', d, 'p25', 'temp-aid', '临时救助', people,
                 '以下家庭因突发事件导致基本生活暂时困难，经%s调查、%s审批，给予一次性临时救助。\n\n%s' % (
                     v.committee, '街道办事处' if v.street else '镇人民政府', v.contact_line()))


def disability(v):
    rng = v.rng
    q = rng.choice([1, 2, 3, 4])
    y = 2026 if q < 4 else 2025
    d = date(y, q * 3 - 2, rng.randint(8, 25))
    if d < v.first:
        d = v.first + D(10)
    people = []
    for _ in range(rng.randint(2, 5)):
        kind = rng.choice([('困难残疾人生活补贴', 27000), ('重度残疾人护理补贴', 27000), ('两项补贴', 54000)])
        level = rng.choice(['肢体二级', '视力一级', '肢体一级', '智力二级', '精神二级'])
        people.append({'name': v.names.full(), 'household': rng.randint(1, 5), 'amount': kind[1],
                       'reason': '%s，%s' % (level, kind[0]), 'id_card': v.id_card()})
    v.assistance('残疾人两项补贴发放公示', d, 'p27', 'disability-subsidy', '困难残疾人生活补贴和重度残疾人护理补贴', people,
                 '经县残联、县民政局审核，以下残疾人享受困难残疾人生活补贴或重度残疾人护理补贴，补贴按季度发放，以下为本季度发放金额。\n\n%s' % v.contact_line())


def disaster(v):
    rng = v.rng
    d = date(2026, rng.choice([7, 8, 9]), rng.randint(5, 28))
    people = []
    for _ in range(rng.randint(2, 5)):
        people.append({'name': v.names.full(), 'household': rng.randint(1, 5),
                       'amount': rng.choice([500, 800, 1000, 1200, 1500, 2000, 3000]) * 100,
                       'reason': rng.choice(['房屋后墙垮塌', '厨房进水受损', '农作物受灾%d亩' % rng.randint(1, 5), '院墙倒塌', '屋顶漏雨受损']),
                       'id_card': v.id_card()})
    v.assistance('汛期受灾群众救灾款发放公示', d, 'p30', 'disaster-relief', '自然灾害生活救助', people,
                 '%s月中旬持续强降雨造成本%s部分农户房屋受损、农作物受灾。经%s核灾、%s审核，发放救灾资金如下。\n\n%s' % (
                     CN_NUM[d.month], v.c, v.committee, '街道办事处' if v.street else '镇人民政府', v.contact_line()))


def medical(v):
    rng = v.rng
    d = rand_date(rng, date(2026, 1, 10), date(2026, 11, 20))
    people = [{'name': v.names.full(), 'household': rng.randint(1, 5),
               'amount': rng.randint(20, 150) * 100 * 100, 'reason': '住院医疗费用个人负担较重',
               'id_card': v.id_card()} for _ in range(rng.randint(1, 3))]
    v.assistance('医疗救助结果公示', d, 'p26', 'medical-aid', '医疗救助', people,
                 '以下人员经基本医疗保险、大病保险报销后个人负担仍然较重，经申请、%s审核，县医疗保障局给予医疗救助。病情等个人隐私不予公开。\n\n%s' % (
                     '街道' if v.street else '镇', v.contact_line()))


NOTICES = [
    ((2025, 12), '关于做好冬春季森林防火工作的通告', 'forest-fire',
     '冬春季是森林火灾高发期。即日起至次年5月31日，严禁在林区及林缘地带野外用火，严禁烧荒、烧田坎、上坟烧纸燃放鞭炮。\n\n'
     '各组护林员要加强巡查，发现火情立即拨打%(phone)s或森林火警电话12119。'),
    ((2026, 1), '关于春节期间安全工作的提示', 'spring-festival',
     '春节将至，请广大%(folk)s注意用火用电用气安全，燃放烟花爆竹远离柴草堆和山林。\n\n返乡人员驾车注意交通安全，不酒驾、不超载。春节期间%(committee)s安排专人值班，值班电话 %(phone)s。'),
    ((2026, 3), '关于开展春季人居环境整治集中行动的通知', 'spring-cleanup',
     '定于本月开展春季人居环境整治集中行动，重点清理房前屋后柴草杂物、河道沟渠垃圾和田间废弃农膜。\n\n'
     '各组组长负责组织本组%(folk)s参加，%(watch)s将对各组进行检查评比，结果在公开栏公布。'),
    ((2026, 4), '关于2026年度城乡居民养老保险缴费的通知', 'pension-payment',
     '2026年度城乡居民基本养老保险集中缴费已经开始，缴费档次自愿选择，多缴多得。\n\n'
     '可通过手机银行、税务缴费小程序自行缴纳；不会操作的%(folk)s可到%(center)s由代办员协助缴纳。低保对象、特困人员等由政府代缴最低档次。'),
    ((2026, 5), '关于做好夏收期间秸秆禁烧工作的通告', 'straw-burning',
     '夏收在即，严禁在田间地头焚烧秸秆和杂草，提倡秸秆还田和综合利用。\n\n各组组长和网格员负责巡查劝导，发现焚烧行为及时制止并报告%(committee)s。'),
    ((2026, 6), '关于做好2026年汛期防汛工作的通知', 'flood-season',
     '6月1日起进入汛期。居住在河道沿岸、地质灾害隐患点附近的%(folk)s，遇强降雨时要听从安排及时转移。\n\n'
     '%(committee)s实行汛期24小时值班，值班电话 %(phone)s。'),
    ((2026, 8), '关于做好2026年下半年征兵报名工作的通知', 'conscription',
     '2026年下半年征兵工作已经开始。年满18至22周岁的男性青年和高校在校生、毕业生均可报名。\n\n'
     '报名可登录“全国征兵网”进行，也可到%(center)s咨询，咨询电话 %(phone)s。'),
    ((2026, 10), '关于开展2027年度城乡居民医疗保险集中缴费的通知', 'medical-insurance',
     '2027年度城乡居民基本医疗保险集中缴费工作已经开始，缴费截止时间为12月31日。\n\n'
     '- 可通过手机银行、税务缴费小程序自行缴纳；\n- 不会使用手机的老年人，可到%(center)s由代办员协助缴纳；\n- 特困人员、低保对象等个人缴费部分由政府按规定资助。'),
    ((2026, 11), '关于开展冬季消防安全检查的通知', 'winter-fire-safety',
     '冬季取暖用火用电增多，%(committee)s将组织各组对独居老人、留守儿童家庭和人员密集场所开展消防安全检查。\n\n'
     '请%(folk)s不私拉乱接电线，不在室内给电动车充电，发现火情立即拨打119。'),
]


CURRENT = {'winter-fire-safety', 'medical-insurance', 'project-proposals', 'cadre-review'}


def current_notice(v):
    """Something on the board at the build date, as in a village in use."""
    rng = v.rng
    kind = rng.choice(sorted(CURRENT))
    terms = {'phone': v.phone, 'folk': v.folk, 'committee': v.committee, 'watch': v.watch,
             'center': v.center}
    if kind in ('winter-fire-safety', 'medical-insurance'):
        (_, title, slug, body), = [n for n in NOTICES if n[2] == kind]
        if kind == 'medical-insurance':
            d = rand_date(rng, date(2026, 11, 8), date(2026, 11, 20))
            v.emit(d, slug, v.head('notice', title, d, to=date(2026, 12, 31)), body % terms)
            return
        d = rand_date(rng, date(2026, 11, 21), date(2026, 11, 26))
        v.notice(d, title, slug, body % terms)
    elif kind == 'project-proposals':
        d = rand_date(rng, date(2026, 11, 16), date(2026, 11, 26))
        h = v.head('notice', '关于征集2027年度%s级公益事业建设项目建议的公告' % ('社区' if v.community else '村'), d,
                   days=15)
        v.emit(d, 'project-proposals', h,
               '为编制2027年度%s级公益事业建设计划，现向全体%s征集项目建议，重点是道路、饮水、路灯、水利等群众急需的小型公益设施。\n\n'
               '请于%s前将建议交各组组长，或投入%s的意见箱。%s将对建议汇总梳理，按“四议两公开”程序研究确定。' % (
                   v.c, v.folk, md(d + D(14)), v.box, v.two))
    else:
        d = rand_date(rng, date(2026, 11, 18), date(2026, 11, 26))
        meet = d + D(rng.randint(7, 12))
        v.notice(d, '关于召开2026年度%s干部述职评议会的通知' % v.c, 'cadre-review',
                 '定于 **%s（%s）上午9时** 在%s召开2026年度%s干部述职述廉评议会，%s“两委”成员和%s主任逐一述职，'
                 '党员和%s代表现场测评。\n\n测评结果报%s党委，并与%s干部绩效报酬挂钩。' % (
                     md(meet), WEEKDAY[meet.weekday()], v.center, v.c, v.c,
                     v.watch, v.folk, '街道' if v.street else '镇', v.c))


def notices(v):
    rng = v.rng
    k = rng.choices([0, 1, 2], [50, 40, 10])[0]
    cands = [n for n in NOTICES if date(n[0][0], n[0][1], 1) >= date(v.first.year, v.first.month, 1)
             and not (v.urban and n[2] in ('forest-fire', 'straw-burning', 'spring-cleanup'))
             and n[2] not in CURRENT]
    if rng.random() < 0.72:
        current_notice(v)
    for (y, m), title, slug, body in sorted(rng.sample(cands, min(k, len(cands)))):
        last = min(month_end(y, m), BUILD - D(1))
        d = rand_date(rng, date(y, m, 1), last)
        v.notice(d, title, slug, body % {'phone': v.phone, 'folk': v.folk, 'committee': v.committee,
                                         'watch': v.watch, 'center': v.center})


def service(v):
    rng = v.rng
    kind = rng.choice(['proxy', 'certificate', 'homestead'])
    if v.urban and kind == 'homestead':
        kind = 'certificate'
    d = rand_date(rng, max(v.first, date(2026, 2, 1)), date(2026, 11, 20))
    if kind == 'proxy':
        h = v.head('service', '民事代办及上门服务指南', d, 'p40', days=rng.choice([14, 21, 30]))
        h += ['materials:', '  - 身份证、户口簿', '  - 代办委托书', '  - 事项所需其他材料',
              'time_limit: %s级环节2个工作日内报送%s便民服务中心' % (v.c, v.town_office), 'fee: 免费',
              'contact: %s代办窗口 %s' % (v.center, v.phone), 'proxy: true']
        body = ('%s设民事代办窗口，每个%s小组确定一名代办员，为群众免费代办社保、医保、救助申请等民生事项。\n\n'
                '- 周一至周五在中心坐班，周末预约办理\n- 对80岁以上老人、重度残疾人提供上门服务\n- 办理结果通过电话或%s微信群告知' % (
                    v.center, '居民' if v.community else '村民', v.folk))
        v.emit(d, 'minshi-daiban', h, body)
    elif kind == 'certificate':
        h = v.head('service', '%s出具证明事项清单及办理指南' % ('社区' if v.community else '村级'), d, 'p38',
                   days=rng.choice([14, 30]))
        h += ['materials:', '  - 申请人身份证', '  - 与证明事项相关的材料', 'time_limit: 材料齐全的当场办理',
              'fee: 免费', 'contact: %s %s' % (v.center, v.phone)]
        body = ('按照县上规范村级证明事项的要求，%s只出具以下证明：\n\n- 家庭经济状况初步核实意见\n- 亲属关系（无法通过其他途径核实的）\n- 土地承包和宅基地情况说明\n\n'
                '清单以外的证明事项%s不再出具，群众可通过部门间数据共享或个人承诺办理。' % (v.committee, v.committee))
        v.emit(d, 'certificate-guide', h, body)
    else:
        h = v.head('service', '农村宅基地申请审查办事指南', d, 'p21', days=rng.choice([14, 30]))
        h += ['materials:', '  - 农村宅基地和建房（规划许可）申请表', '  - 户口簿、身份证复印件', '  - 村民小组会议讨论记录',
              'time_limit: %s自受理之日起20个工作日内办结' % ('街道办事处' if v.street else '镇人民政府'), 'fee: 免费',
              'contact: %s %s' % (v.center, v.phone)]
        body = ('**申请条件**：本村集体经济组织成员，以户为单位，符合“一户一宅”规定，且符合国土空间规划和村庄规划。\n\n'
                '**办理流程**：农户书面申请 → 村民小组会议讨论 → %s审查并公示 → %s审批 → 开工前实地丈量放线 → 竣工验收。' % (
                    v.two, '街道办事处' if v.street else '镇人民政府'))
        v.emit(d, 'homestead-guide', h, body)


def extras(v):
    rng = v.rng
    minors = [temp_aid, disability, medical]
    if not v.urban:
        minors.append(disaster)
    k = rng.choices([0, 1, 2], [45, 45, 10])[0]
    for f in rng.sample(minors, k):
        f(v)
    notices(v)
    if rng.random() < 0.2:
        service(v)


# ---- the merged village: records only from September 2026 on

def new_village(v):
    rng = v.rng
    d = date(2026, 9, rng.randint(1, 3))
    v.notice(d, '关于村级建制调整后%s便民服务和村务公开的公告' % v.c, 'merger-notice',
             '经县人民政府批准，原两村自2026年9月1日起合并设立%s，%s设在原村部。\n\n'
             '新村的村务公开栏为“%s”，低保、财务等事项自9月起按新村公开；原两村的档案已移交%s档案室，%s可按规定查阅。' % (
                 v.name, v.committee, v.board, v.c, v.folk))
    dibao(v)
    finance_year(v)
    # the two villages' assets are counted once more for the merger
    rd = date(2026, 10, rng.randint(16, 26))
    acc = rd - D(rng.randint(1, 3))
    v.talk('p11', acc - D(rng.randint(5, 10)), '原两村集体资产清产核资', title='集体资产清产核资事前提醒谈话',
           slug='talk-assets-before')
    h = v.head('result', '原两村集体资产清产核资结果公示', rd, 'p11', days=15)
    h += ['outcome: 清产核资完成，资产并账', 'accepted: %s' % acc]
    v.emit(rd, 'asset-merger', h,
           '合并前两村的资产、资源、资金已全部清点登记，账账相符、账实相符，已合并入新村集体账户和资产台账。\n\n'
           '- 集体林地%d亩、耕地%d亩\n- %s、卫生室各2处，其中原村部1处拟作为%s活动中心' % (
               rng.randint(1500, 5000), rng.randint(300, 900), v.center, v.folk))
    m_rules(v, running=True)
    service(v)


# ---------------------------------------------------------------- main

def village_has_records(vdir):
    for dirpath, dirnames, filenames in os.walk(vdir):
        dirnames.sort()
        if any(f.endswith('.md') for f in filenames):
            return True
    return False


def main(argv):
    args = list(argv[1:])
    seed = SEED
    if '--seed' in args:
        i = args.index('--seed')
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        sys.stderr.write('usage: demo_county.py CONTENT_DIR [--seed N]\n')
        return 2
    root = args[0]
    cat = load_catalog(root)
    for p in USED_POWERS:
        if p not in cat or cat[p]['name'] is None:
            sys.stderr.write('demo_county: the catalog has no item %s\n' % p)
            return 1
    # every village, in a fixed order
    villages = []
    for town_id in sorted(os.listdir(root)):
        tdir = os.path.join(root, town_id)
        if town_id in ('catalog', 'county') or not os.path.isfile(os.path.join(tdir, 'town.yaml')):
            continue
        with open(os.path.join(tdir, 'town.yaml'), encoding='utf-8') as f:
            m = re.search(r'^name:\s*(.+?)\s*$', f.read(), re.M)
        town_name = m.group(1) if m else town_id
        for vid in sorted(os.listdir(tdir)):
            vdir = os.path.join(tdir, vid)
            if os.path.isfile(os.path.join(vdir, 'village.yaml')):
                villages.append((town_id, town_name, vid, vdir))
    # office phones: unique 0914-0000NNN numbers not used anywhere yet
    used = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.endswith(('.md', '.yaml')):
                with open(os.path.join(dirpath, fn), encoding='utf-8') as f:
                    used.update(re.findall(r'0914-0000(\d{3})', f.read()))
    free = ['%03d' % n for n in range(201, 1000) if '%03d' % n not in used]
    random.Random('%d/phones' % seed).shuffle(free)
    town_staff = {}
    made = 0
    count = 0
    for town_id, town_name, vid, vdir in villages:
        if town_id not in town_staff:
            trng = random.Random('%d/town/%s' % (seed, town_id))
            tn = Names(trng, '')
            town_staff[town_id] = (tn.full(female=trng.random() < 0.3), tn.full(female=trng.random() < 0.4))
        phone = '0914-0000' + free.pop(0)
        if village_has_records(vdir):
            continue
        with open(os.path.join(vdir, 'village.yaml'), encoding='utf-8') as f:
            first = f.read().lstrip('\ufeff').split('\n', 1)[0].rstrip('\r')
        if not first.startswith('name:'):
            sys.stderr.write('demo_county: %s/%s/village.yaml does not start with name:, left alone\n'
                             % (town_id, vid))
            continue
        v = Village(root, cat, seed, town_id, town_name, vid, first, phone, town_staff[town_id])
        if v.lapse == 'empty':
            pass
        elif v.lapse == 'new':
            new_village(v)
        else:
            dibao(v)
            finance_year(v)
            cadre_pay(v)
            asset_inventory(v)
            matters(v)
            extras(v)
            survey(v)
        v.records.sort(key=lambda r: (r[1], r[0]))
        v.write()
        made += 1
        count += len(v.records)
    print('demo_county: %d villages filled in, %d records written' % (made, count))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
