#!/usr/bin/env python3
"""flow_time.py: times commands taken in turn, RUNS times each, and prints
per command its median wall time and median CPU time (user + system of
the process and the children it waited for, from wait4), in ms.

  flow_time.py RUNS FILE

FILE has one job a line: commands separated by a tab, timed in turn in
each run (ours, then dot's). It prints the sums over the jobs of each
column's medians: wall and CPU for the first command, then for the
second, and so on."""
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """Wall and CPU seconds of one run of a shell command."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit('flow_time: failed (%d): %s' % (p.returncode, cmd))
    return wall, usage.ru_utime + usage.ru_stime


def main(argv):
    runs = int(argv[1])
    with open(argv[2], encoding='utf-8') as f:
        jobs = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    width = max(len(j) for j in jobs)
    total = [0.0] * (2 * width)
    for job in jobs:
        got = [([], []) for _ in job]
        for _ in range(runs):
            for i, cmd in enumerate(job):
                wall, cpu = run(cmd)
                got[i][0].append(wall)
                got[i][1].append(cpu)
        for i in range(len(job)):
            total[2 * i] += statistics.median(got[i][0]) * 1000
            total[2 * i + 1] += statistics.median(got[i][1]) * 1000
    print(' '.join('%.1f' % v for v in total))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
