#!/usr/bin/env python3
"""Where a process's CPU goes over a round, from /proc (figures only), for scripts/bench.sh.

  cpu.py snap PID [OTHER...] > FILE    the CPU ticks of every thread of PID and of each OTHER process
  cpu.py shares BEFORE AFTER           PID's CPU between the two snaps by thread group, and each
                                       OTHER's, in cores (CPU seconds per second of the interval)

Threads are grouped by name (Linux keeps the first 15 characters): Vert.x event loops, Inlet's
two worker pools (inlet-ingest-checks: the checks of bodies over 64 KiB; inlet-payloads: the
workers' parsing of bodies over 16 KiB), Vert.x's default worker threads, the collector's threads
(GC Thread#n; the VM Thread, which runs its safepoints, is listed under other), the JIT compilers
(C1, C2) and the rest, whose two busiest names are shown.
"""
import json
import os
import sys
import time


def ticks(stat_path):
    with open(stat_path) as f:
        s = f.read()
    name = s[s.index("(") + 1 : s.rindex(")")]
    fields = s[s.rindex(")") + 2 :].split()
    return name, int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)


def snap(pid, others):
    threads = {}
    for tid in os.listdir("/proc/%s/task" % pid):
        try:
            threads[tid] = ticks("/proc/%s/task/%s/stat" % (pid, tid))
        except (FileNotFoundError, ProcessLookupError):
            pass  # the thread ended meanwhile
    procs = {p: ticks("/proc/%s/stat" % p)[1] for p in [pid] + others}
    print(json.dumps({"t": time.time(), "pid": pid, "threads": threads, "procs": procs}))


def group(name):
    if name.startswith("vert.x-eventloo"):
        return "event loops"
    if name.startswith("inlet-ingest-ch"):
        return "ingest checks"
    if name.startswith("inlet-payloads"):
        return "payload pool"
    if name.startswith("vert.x-worker-t"):
        return "vert.x workers"
    if name.startswith("GC Thread") or name.startswith("G1 "):
        return "GC"
    if name.startswith("C1 Compiler") or name.startswith("C2 Compiler"):
        return "C1/C2 compilers"
    return "other"


def shares(before, after):
    a, b = (json.load(open(p)) for p in (before, after))
    hz, secs = os.sysconf("SC_CLK_TCK"), b["t"] - a["t"]
    groups, others = {}, {}
    for tid, (name, t) in b["threads"].items():
        d = t - a["threads"].get(tid, (name, 0))[1]
        g = group(name)
        groups[g] = groups.get(g, 0) + d
        if g == "other":
            others[name] = others.get(name, 0) + d
    total = sum(groups.values()) or 1
    order = ["event loops", "ingest checks", "payload pool", "vert.x workers", "GC", "C1/C2 compilers", "other"]
    parts = ["%s %.0f%%" % (g, 100.0 * groups.get(g, 0) / total) for g in order]
    top = sorted(others.items(), key=lambda kv: -kv[1])[:2]
    if top and groups.get("other", 0) > 0:
        parts[-1] += " (%s)" % ", ".join("%s %.0f%%" % (n, 100.0 * d / total) for n, d in top)
    pid = b["pid"]
    cores = (b["procs"][pid] - a["procs"][pid]) / hz / secs
    line = "%s of %.2f cores" % (", ".join(parts), cores)
    for p in b["procs"]:
        if p != pid:
            line += "; pid %s %.2f cores" % (p, (b["procs"][p] - a["procs"][p]) / hz / secs)
    print(line)


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        snap(sys.argv[2], sys.argv[3:])
    else:
        shares(sys.argv[2], sys.argv[3])
