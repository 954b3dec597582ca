#!/usr/bin/env python3
"""Keeps streams bounded while a bench phase sends large bodies, and reports Redis' memory.

  bound.py PORT STREAM...   runs until SIGTERM, then prints the used_memory it saw first and at its
                            peak, in MiB, and each stream's length at that peak

Every 100 ms, for each stream: with no consumer group (a --role ingest server's stream, which no
worker trims), XTRIM MAXLEN 0; with groups, XTRIM MINID below the oldest entry a group still owes
(its first pending entry, else the one after its last delivered), Inlet's own trimming rule
(queue.StreamTrimmer) without its redis.maxLength threshold: what the workers processed goes at
once. Deliveries only move forward, so a trim computed from a stale read removes less, never an
entry still owed. Redis' used_memory is sampled after each pass.
"""
import signal
import socket
import sys
import time

port, streams = int(sys.argv[1]), sys.argv[2:]
s = socket.create_connection(("127.0.0.1", port))
f = s.makefile("rb")


def read():
    line = f.readline().decode().rstrip("\r\n")
    t, rest = line[0], line[1:]
    if t == "-":
        return Exception(rest)
    if t in "+:":
        return rest
    if t == "$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode()
    if t == "*":
        return [read() for _ in range(max(int(rest), 0))]


def cmd(*args):
    s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a.encode()), a) for a in args)).encode())
    return read()


def owed(stream):
    """The oldest id any group still owes, or None when the stream has no group."""
    groups = cmd("XINFO", "GROUPS", stream)
    if isinstance(groups, Exception) or not groups:
        return None
    ids = []
    for g in groups:
        g = dict(zip(g[::2], g[1::2]))
        pending = cmd("XPENDING", stream, g["name"])
        if int(pending[0]) > 0:
            ids.append(pending[1])
        else:
            ms, seq = g["last-delivered-id"].split("-")
            ids.append("%s-%d" % (ms, int(seq) + 1))
    return min(ids, key=lambda i: tuple(int(x) for x in i.split("-")))


first, peak, at_peak = None, 0, []
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
while not stop:
    for stream in streams:
        minid = owed(stream)
        if minid is None:
            cmd("XTRIM", stream, "MAXLEN", "0")
        else:
            cmd("XTRIM", stream, "MINID", minid)
    info = cmd("INFO", "memory")
    used = next(int(l.split(":")[1]) for l in info.split("\r\n") if l.startswith("used_memory:"))
    first = used if first is None else first
    if used > peak:
        peak, at_peak = used, ["%s %s entries" % (stream, cmd("XLEN", stream)) for stream in streams]
    time.sleep(0.1)
print("used_memory %.0f MiB at the start, peak %.0f MiB (then %s)" % (first / 1048576.0, peak / 1048576.0, ", ".join(at_peak)))
