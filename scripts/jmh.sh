#!/usr/bin/env bash
# JMH micro-benchmarks (src/jmh/java): flatteners, syntax checks, signature verifiers, the stream entry.
# Prints ops/s and, with the gc profiler, bytes allocated per operation (gc.alloc.rate.norm).
#   scripts/jmh.sh                 all benchmarks
#   scripts/jmh.sh Signature       only those matching a regex
#   scripts/jmh.sh --quick         one short iteration each (a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=(-prof gc -rf text -rff target/jmh-result.txt)
FILTER=""
for a in "$@"; do
  if [[ "$a" == "--quick" ]]; then ARGS+=(-wi 1 -i 1 -w 1s -r 1s -f 1); else FILTER="$a"; fi
done
mvn -q -B -ntp -Pjmh test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-cp.txt
java -cp "target/test-classes:target/classes:$(cat target/jmh-cp.txt)" org.openjdk.jmh.Main "${ARGS[@]}" ${FILTER:+"$FILTER"}
