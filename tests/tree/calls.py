#!/usr/bin/env python3
"""calls.py: the calls between the files of the program, read from the
symbols of their object files (nm): which file defines a function or a
variable, which files use it. Prints every circle of calls between the
files of one module (a folder of src/), with the calls that make it, and
exits 1 when there is one. A function calling itself, or calls inside one
file, are not circles between files.

usage: calls.py OBJDIR [--sources ROOT] [--modules]
  OBJDIR: the build folder whose src/ holds the objects (build/release)
  --sources ROOT: only the objects whose source is still in ROOT/src (a
      build folder may keep the object of a file since removed)
  --modules: also print the calls between modules, one line per module"""
import collections
import os
import subprocess
import sys


def read_objects(objdir, sources=None):
    defined = {}                          # symbol -> source file
    used = collections.defaultdict(set)   # source file -> symbols
    base = os.path.join(objdir, 'src')
    for folder, _, files in os.walk(base):
        for name in sorted(files):
            if not name.endswith('.o'):
                continue
            obj = os.path.join(folder, name)
            src = 'src/' + os.path.relpath(obj, base)[:-2] + '.c'
            if sources is not None and not os.path.isfile(os.path.join(sources, src)):
                continue
            out = subprocess.run(['nm', obj], capture_output=True, text=True,
                                 check=True).stdout
            for line in out.splitlines():
                f = line.split()
                if len(f) == 3 and f[1] in 'TDBRC':
                    defined[f[2]] = src
                elif len(f) == 2 and f[0] == 'U':
                    used[src].add(f[1])
            used.setdefault(src, set())
    calls = collections.defaultdict(lambda: collections.defaultdict(set))
    for src, symbols in used.items():
        for sym in symbols:
            target = defined.get(sym)
            if target is not None and target != src:
                calls[src][target].add(sym)
    return sorted(used), calls


def circles(files, calls):
    """Strongly connected components of more than one file, among the calls
    that stay inside one module."""
    module = os.path.dirname
    edges = {f: sorted(t for t in calls[f] if module(t) == module(f))
             for f in files}
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        # iterative Tarjan: a deep module must not hit Python's recursion limit
        work = [(v, iter(edges[v]))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(edges[w])))
                    advanced = True
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))

    for f in files:
        if f not in index:
            visit(f)
    return found


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    sources = None
    if '--sources' in sys.argv:
        sources = sys.argv[sys.argv.index('--sources') + 1]
    files, calls = read_objects(sys.argv[1], sources)
    if not files:
        print('calls.py: no object files under %s/src' % sys.argv[1])
        return 2
    found = circles(files, calls)
    for comp in found:
        print('circle: ' + ' '.join(comp))
        for a in comp:
            for b in comp:
                if b in calls[a]:
                    print('    %s -> %s: %s' % (a, b, ', '.join(sorted(calls[a][b]))))
    if '--modules' in sys.argv:
        uses = collections.defaultdict(set)
        for a in files:
            for b in calls[a]:
                if os.path.dirname(a) != os.path.dirname(b):
                    uses[os.path.dirname(a)].add(os.path.dirname(b))
        for m in sorted(uses):
            print('%s -> %s' % (m, ' '.join(sorted(uses[m]))))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
