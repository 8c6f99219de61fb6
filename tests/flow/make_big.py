#!/usr/bin/env python3
"""make_big.py: writes the corpus's large flows (60 and 200 steps), made
from a fixed seed so they never change: a main path with a decision every
few steps whose other branch loops back, skips ahead or goes aside.
Run from tests/flow: python3 make_big.py"""
import random

VERBS = ['登记', '审核', '核实', '公示', '汇总', '复核', '上报', '审批', '通知',
         '归档', '评议', '调查', '整改', '验收', '结算', '公开']
THINGS = ['申请材料', '家庭收入', '表决结果', '工程进度', '资金使用', '补贴名单',
          '会议记录', '群众意见', '合同文本', '票据凭证']


def make(n, seed, lanes=None):
    rnd = random.Random(seed)
    steps = []
    lane = 0
    for i in range(n):
        text = '%s%s（第 %d 步）' % (rnd.choice(VERBS), rnd.choice(THINGS), i + 1)
        s = {'id': 's%d' % i, 'text': text}
        if lanes:
            # like a real procedure: a few steps in one office, then the
            # next office, now and then back to an earlier one
            if rnd.random() < 0.3:
                lane = rnd.randrange(len(lanes))
            s['lane'] = lanes[lane]
        steps.append(s)
    steps[0]['kind'] = 'start'
    steps[-1]['kind'] = 'end'
    i = 3
    while i < n - 3:
        d = steps[i]
        d['kind'] = 'decision'
        d['text'] = '%s是否符合要求' % rnd.choice(THINGS)
        d['yes'] = 's%d' % (i + 1)
        r = rnd.random()
        if r < 0.4:
            d['no'] = 's%d' % rnd.randrange(max(1, i - 8), i)       # loop back
        elif r < 0.7:
            d['no'] = 's%d' % min(n - 1, i + rnd.randrange(2, 6))   # skip ahead
        else:
            d['no'] = 's%d' % (n - 1)                                # to the end
        i += rnd.randrange(3, 7)
    for j in range(1, n - 1):
        if steps[j].get('kind') != 'decision' and rnd.random() < 0.08:
            steps[j]['risk'] = '%s不规范' % rnd.choice(THINGS)
    return steps


def write(path, title, steps, lanes=None):
    def q(v):
        return '"%s"' % v
    with open(path, 'w', encoding='utf-8') as f:
        f.write('# written by tests/flow/make_big.py\n')
        f.write('title: %s\n' % title)
        if lanes:
            f.write('lanes: [%s]\n' % ', '.join(lanes))
        f.write('steps:\n')
        for s in steps:
            f.write('  - id: %s\n' % s['id'])
            for k in ('kind', 'text', 'lane', 'yes', 'no', 'risk'):
                if k in s:
                    f.write('    %s: %s\n' % (k, q(s[k]) if k == 'text' else s[k]))


LANES = ['村民', '村委会', '监委会', '镇政府', '县局']
write('corpus/steps-60.yaml', '六十步的流程', make(60, 60))
write('corpus/steps-60-lanes.yaml', '六十步五泳道', make(60, 61, LANES), LANES)
write('corpus/steps-200.yaml', '二百步的流程', make(200, 200))
