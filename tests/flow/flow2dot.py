#!/usr/bin/env python3
"""flow2dot.py: a flow (standalone flow file, or the flows of a catalog
file) as a Graphviz dot graph, and edge crossings counted the same way on
dot's drawing and on ours, so the two can be compared.

  flow2dot.py dot FLOW.yaml              print the dot graph
  flow2dot.py extract CATALOG.yaml DIR   write each item's flow to DIR/ID.yaml
  flow2dot.py count-dot FLOW.yaml        run `dot -Tplain`, print crossings
  flow2dot.py count-dump DUMP            crossings in a layout dump
  flow2dot.py compare FLOW.yaml DUMP     both, and a PASS/FAIL line
  flow2dot.py dot-lines FLOW.yaml DUMP   the dot graph with our wrapped
                                         lines, lanes as clusters when dot
                                         can draw them
  flow2dot.py metrics FLOW.yaml DUMP     area, edge length, crossings,
                                         edges through boxes and label
                                         overlaps, ours then dot's, with
                                         dot given our wrapped lines

dot's splines are taken as their control polygons. A crossing is a point
where two edges' segments cross properly (not at an end); points inside a
box that both edges touch (expanded by 8 pt) are not counted, since edges
meeting at a box are not crossings. The same rule is used for both."""
import os
import re
import shlex
import subprocess
import sys

import yaml


class Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: `yes:` and `no:` are a decision's keys, not
    True and False as YAML 1.1 would have them."""


Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != 'tag:yaml.org,2002:bool']
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver(
    'tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'),
    list('tTfF'))


def load_flows(path):
    """[(id, title, flow mapping)] from a flow file or a catalog file."""
    with open(path, encoding='utf-8') as f:
        doc = yaml.load(f, Loader=Loader)
    if isinstance(doc, dict) and 'steps' in doc:
        return [(os.path.splitext(os.path.basename(path))[0],
                 doc.get('title', ''), doc)]
    if isinstance(doc, dict) and 'flow' in doc and 'domains' not in doc:
        return [(os.path.splitext(os.path.basename(path))[0],
                 doc.get('title', ''), doc['flow'])]
    flows = []
    for dom in (doc or {}).get('domains', []) or []:
        for item in dom.get('items', []) or []:
            if item.get('flow'):
                flows.append((item['id'], item.get('name', ''), item['flow']))
    for svc in (doc or {}).get('services', []) or []:
        if svc.get('flow'):
            flows.append((svc['id'], svc.get('name', ''), svc['flow']))
    return flows


def refs(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def edges_of(flow):
    """The edges as the loader makes them: (from, to, label)."""
    steps = flow['steps']
    index = {s['id']: i for i, s in enumerate(steps)}
    edges = []
    for i, s in enumerate(steps):
        kind = s.get('kind', 'step')
        if kind == 'decision':
            for r in refs(s.get('yes')):
                edges.append((i, index[r], s.get('yes_label', '是')))
            for r in refs(s.get('no')):
                edges.append((i, index[r], s.get('no_label', '否')))
        elif kind == 'end':
            continue
        elif 'next' in s:
            for r in refs(s['next']):
                edges.append((i, index[r], None))
        elif i + 1 < len(steps):
            edges.append((i, i + 1, None))
    return edges


def quote(s):
    return '"' + str(s).replace('\\', '\\\\').replace('"', '\\"') + '"'


SHAPES = {'start': 'box, style=rounded', 'end': 'box, style=rounded',
          'decision': 'diamond', 'document': 'note', 'step': 'box'}


def to_dot(title, flow, clusters=True, texts=None):
    """texts: each step's text as wrapped lines, to give dot the same
    lines; title None: no graph label (our chart draws none)."""
    out = ['digraph flow {',
           '  graph [%sfontname="Noto Sans CJK SC"];' % (
               'label=%s, ' % quote(title) if title is not None else ''),
           '  node [fontname="Noto Sans CJK SC", fontsize=13];',
           '  edge [fontname="Noto Sans CJK SC", fontsize=11];']
    steps = flow['steps']
    lanes = flow.get('lanes') or []

    def node(i, s):
        text = s.get('text', '')
        if texts is not None and i in texts:
            text = '\x00'.join(texts[i])
        return '  n%d [label=%s, shape=%s];' % (
            i, quote(text).replace('\x00', '\\n'),
            SHAPES[s.get('kind', 'step')])
    if lanes and clusters:
        # swimlanes as clusters, the way one draws them with dot
        for li, lane in enumerate(lanes):
            out.append('  subgraph cluster_%d {' % li)
            out.append('    label=%s;' % quote(lane))
            for i, s in enumerate(steps):
                if s.get('lane') == lane:
                    out.append('  ' + node(i, s))
            out.append('  }')
    else:
        for i, s in enumerate(steps):
            out.append(node(i, s))
    for a, b, label in edges_of(flow):
        attrs = ' [label=%s]' % quote(label) if label else ''
        out.append('  n%d -> n%d%s;' % (a, b, attrs))
    out.append('}')
    return '\n'.join(out) + '\n'


# ---- geometry ----

def cross_point(p, q, r, s):
    """The point where segments pq and rs cross properly, or None."""
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if abs(d) < 1e-9:
        return None
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d
    eps = 1e-6
    if eps < t < 1 - eps and eps < u < 1 - eps:
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
    return None


def count_crossings(boxes, edges):
    """boxes: {node: (x, y, w, h)}; edges: [(from, to, [(x, y)...])]."""
    total = 0
    for i in range(len(edges)):
        a0, a1, pa = edges[i]
        for j in range(i + 1, len(edges)):
            b0, b1, pb = edges[j]
            shared = {a0, a1} & {b0, b1}
            for k in range(len(pa) - 1):
                for m in range(len(pb) - 1):
                    c = cross_point(pa[k], pa[k + 1], pb[m], pb[m + 1])
                    if c is None:
                        continue
                    near = False
                    for n in shared:
                        x, y, w, h = boxes[n]
                        if x - 8 <= c[0] <= x + w + 8 and \
                                y - 8 <= c[1] <= y + h + 8:
                            near = True
                    if not near:
                        total += 1
    return total


def run_dot(title, flow):
    """dot's drawing; dot 2.43 fails on some big graphs with clusters
    ("trouble in init_rank"): then the lanes are left out."""
    for clusters in (True, False):
        res = subprocess.run(['dot', '-Tplain'],
                             input=to_dot(title, flow, clusters).encode('utf-8'),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if res.returncode == 0:
            return res
    res.check_returncode()
    return res


def dot_crossings(title, flow):
    res = run_dot(title, flow)
    boxes, edges = {}, []
    for line in res.stdout.decode('utf-8').splitlines():
        f = shlex.split(line)
        if not f:
            continue
        if f[0] == 'node':
            n = int(f[1][1:])
            cx, cy, w, h = (float(v) * 72 for v in f[2:6])
            boxes[n] = (cx - w / 2, cy - h / 2, w, h)
        elif f[0] == 'edge':
            a, b, n = int(f[1][1:]), int(f[2][1:]), int(f[3])
            pts = [(float(f[4 + 2 * i]) * 72, float(f[5 + 2 * i]) * 72)
                   for i in range(n)]
            edges.append((a, b, pts))
    return count_crossings(boxes, edges)


def dump_crossings(path):
    boxes, edges = {}, []
    current = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'node (\d+) \S+ (\S+) (\S+) (\S+) (\S+)', line)
            if m:
                boxes[int(m.group(1))] = tuple(float(v) for v in m.groups()[1:])
                continue
            m = re.match(r'edge \d+ (\d+) (\d+)', line)
            if m:
                current = (int(m.group(1)), int(m.group(2)))
                continue
            if line.startswith('  path') and current is not None:
                pts = [tuple(float(v) for v in p.split(','))
                       for p in line.split()[1:]]
                edges.append((current[0], current[1], pts))
                current = None
    return count_crossings(boxes, edges)


# ---- metrics: the same measures of both drawings ----

STEP_FONT = 13.0     # the step text's size, ours and dot's


def bezier_points(ctrl, steps=12):
    """dot's spline (3n+1 control points) as a polyline."""
    pts = [ctrl[0]]
    for k in range(0, len(ctrl) - 3, 3):
        p0, p1, p2, p3 = ctrl[k:k + 4]
        for i in range(1, steps + 1):
            t = i / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, \
                3 * t * t * (1 - t), t ** 3
            pts.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return pts


def poly_length(pts):
    return sum(((pts[i + 1][0] - pts[i][0]) ** 2 +
                (pts[i + 1][1] - pts[i][1]) ** 2) ** 0.5
               for i in range(len(pts) - 1))


def inside(box, x, y, shrink):
    bx, by, bw, bh = box
    return bx + shrink < x < bx + bw - shrink and \
        by + shrink < y < by + bh - shrink


def through_nodes(boxes, edges):
    """(edge, box) pairs where the edge passes inside a box that is not
    one of its ends (3 pt in from the outline), sampled every 2 pt."""
    total = 0
    for a, b, pts in edges:
        hit = set()
        for k in range(len(pts) - 1):
            (x0, y0), (x1, y1) = pts[k], pts[k + 1]
            n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / 2))
            for i in range(n + 1):
                x, y = x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n
                for v, box in boxes.items():
                    if v not in (a, b) and v not in hit and \
                            inside(box, x, y, 3):
                        hit.add(v)
        total += len(hit)
    return total


def meets(p, q):
    return p[0] < q[0] + q[2] and q[0] < p[0] + p[2] and \
        p[1] < q[1] + q[3] and q[1] < p[1] + p[3]


def label_overlaps(boxes, labels):
    """Edge labels that overlap a box or another label."""
    total = 0
    for i, lb in enumerate(labels):
        if any(meets(lb, box) for box in boxes.values()) or \
                any(meets(lb, o) for o in labels[i + 1:]):
            total += 1
    return total


def dump_read(path):
    """Our dump: size, boxes, wrapped lines per box, edges, labels."""
    size, boxes, texts, edges, labels = None, {}, {}, [], []
    current, where = None, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'flow .* size (\S+) (\S+) layers', line)
            if m:
                size = (float(m.group(1)), float(m.group(2)))
                continue
            m = re.match(r'node (\d+) \S+ (\S+) (\S+) (\S+) (\S+)', line)
            if m:
                where = int(m.group(1))
                boxes[where] = tuple(float(v) for v in m.groups()[1:])
                texts[where] = []
                continue
            m = re.match(r'  line "((?:[^"\\]|\\.)*)"', line)
            if m and where is not None:
                texts[where].append(re.sub(r'\\(.)', r'\1', m.group(1)))
                continue
            m = re.match(r'edge \d+ (\d+) (\d+)', line)
            if m:
                where = None
                current = (int(m.group(1)), int(m.group(2)))
                continue
            m = re.match(r'    line "[^"]*" (\S+) (\S+) (\S+) (\S+)', line)
            if m and current is not None:
                labels.append(tuple(float(v) for v in m.groups()))
                continue
            if line.startswith('  path') and current is not None:
                pts = [tuple(float(v) for v in p.split(','))
                       for p in line.split()[1:]]
                edges.append((current[0], current[1], pts))
                current = None
                continue
            if not line.startswith(' '):
                where = None
    return size, boxes, texts, edges, labels


def dot_graph(flow, texts):
    """The graph with our lines, and dot's plain drawing of it: lanes as
    clusters, unless dot fails on them (see run_dot)."""
    for clusters in (True, False):
        graph = to_dot(None, flow, clusters, texts)
        res = subprocess.run(['dot', '-Tplain'], input=graph.encode('utf-8'),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if res.returncode == 0:
            break
    res.check_returncode()
    return graph, res


def dot_read(title, flow, texts):
    """dot's drawing of the graph with our lines, lanes as clusters."""
    _, res = dot_graph(flow, texts)
    size, boxes, edges, labels = None, {}, [], []
    for line in res.stdout.decode('utf-8').splitlines():
        f = shlex.split(line)
        if not f:
            continue
        if f[0] == 'graph':
            size = (float(f[2]) * 72, float(f[3]) * 72)
        elif f[0] == 'node':
            n = int(f[1][1:])
            cx, cy, w, h = (float(v) * 72 for v in f[2:6])
            boxes[n] = (cx - w / 2, cy - h / 2, w, h)
        elif f[0] == 'edge':
            a, b, n = int(f[1][1:]), int(f[2][1:]), int(f[3])
            ctrl = [(float(f[4 + 2 * i]) * 72, float(f[5 + 2 * i]) * 72)
                    for i in range(n)]
            edges.append((a, b, bezier_points(ctrl)))
            if len(f) > 4 + 2 * n + 3:
                # label text, x, y: its box by its size in the label font
                text = f[4 + 2 * n]
                lx, ly = float(f[5 + 2 * n]) * 72, float(f[6 + 2 * n]) * 72
                w, h = 11.0 * len(text), 11.0 * 1.28
                labels.append((lx - w / 2, ly - h / 2, w, h))
    return size, boxes, edges, labels


def measures(size, boxes, edges, labels):
    return {'area': size[0] * size[1] / STEP_FONT ** 2,
            'length': sum(poly_length(p) for _, _, p in edges) / STEP_FONT,
            'crossings': count_crossings(boxes, edges),
            'through': through_nodes(boxes, edges),
            'overlaps': label_overlaps(boxes, labels)}


def metrics(flow_path, dump_path):
    (fid, title, flow), = load_flows(flow_path)
    size, boxes, texts, edges, labels = dump_read(dump_path)
    ours = measures(size, boxes, edges, labels)
    dsize, dboxes, dedges, dlabels = dot_read(title or fid, flow, texts)
    theirs = measures(dsize, dboxes, dedges, dlabels)
    keys = ('area', 'length', 'crossings', 'through', 'overlaps')
    return ' '.join('%.1f' % ours[k] for k in keys) + ' ' + \
        ' '.join('%.1f' % theirs[k] for k in keys)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == 'dot':
        (fid, title, flow), = load_flows(argv[2])
        sys.stdout.write(to_dot(title or fid, flow))
    elif cmd == 'extract':
        os.makedirs(argv[3], exist_ok=True)
        for fid, title, flow in load_flows(argv[2]):
            doc = {'title': title}
            if flow.get('lanes'):
                doc['lanes'] = flow['lanes']
            doc['steps'] = flow['steps']
            with open(os.path.join(argv[3], fid + '.yaml'), 'w',
                      encoding='utf-8') as f:
                yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    elif cmd == 'count-dot':
        (fid, title, flow), = load_flows(argv[2])
        print(dot_crossings(title or fid, flow))
    elif cmd == 'count-dump':
        print(dump_crossings(argv[2]))
    elif cmd == 'compare':
        (fid, title, flow), = load_flows(argv[2])
        theirs = dot_crossings(title or fid, flow)
        ours = dump_crossings(argv[3])
        name = argv[4] if len(argv) > 4 else fid
        verdict = 'PASS' if ours <= theirs else 'FAIL'
        print('%s: crossings %s: ours %d, dot %d' % (verdict, name, ours,
                                                     theirs))
        return 0 if ours <= theirs else 1
    elif cmd == 'dot-lines':
        (fid, title, flow), = load_flows(argv[2])
        sys.stdout.write(dot_graph(flow, dump_read(argv[3])[2])[0])
    elif cmd == 'metrics':
        print(metrics(argv[2], argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
