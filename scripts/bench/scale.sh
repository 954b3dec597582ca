# Config at scale (issue 19), sourced by `scripts/bench.sh --scale` once the build, Redis and the
# ~1 KiB body are ready (it uses bench.sh's WORK, CP, REDIS_URL, PIDS, free_ports, rss, flags and the body).
# Two `bin/inlet --role ingest` servers on the same Redis: "scale" reads a directory of 100,000
# endpoints and 1,000 services (every second service's endpoints signed, all bound to a flow;
# dev.inlet.bench.ScaleConfig writes it), "small" the same scheme with 2 endpoints. Prints each
# one's start-up time until it listens and its RSS, a wrk load on "scale" during a SIGHUP reload
# (errors and p99, and the collector's pauses meanwhile from the servers' -Xlog:gc files), and both
# servers' req/s in alternating rounds on the same signed endpoint.
# Prints figures and asserts none.
SCALE_ENDPOINTS=${SCALE_ENDPOINTS:-100000}; SCALE_SERVICES=${SCALE_SERVICES:-1000}
SCALE_DURATION=${SCALE_DURATION:-10}; SCALE_ROUNDS=${SCALE_ROUNDS:-3}

read -r SCALE_PORT SMALL_PORT < <(free_ports 2)
java -cp "$CP" dev.inlet.bench.ScaleConfig "$WORK/scale.d" "$SCALE_PORT" "$REDIS_URL" bench:scale \
  "$SCALE_ENDPOINTS" "$SCALE_SERVICES" > "$WORK/scale-id"
java -cp "$CP" dev.inlet.bench.ScaleConfig "$WORK/small.d" "$SMALL_PORT" "$REDIS_URL" bench:small 2 2 >/dev/null
ID=$(cat "$WORK/scale-id") # endpoint 1: service tenant-1, key key-1, signed with secret-1, in both
mkdir -p "$WORK/scale"
cp "$WORK/body" "$WORK/scale/body"
printf 'key: key-1\nX-Signature: sha256=%s\n' \
  "$(openssl dgst -sha256 -hmac secret-1 -hex < "$WORK/body" | sed 's/^.* //')" > "$WORK/scale/headers"
echo "scale config: $SCALE_ENDPOINTS endpoints, $SCALE_SERVICES services in $(find "$WORK/scale.d" -name '*.yaml' | wc -l) files, $(du -sk "$WORK/scale.d" | cut -f1) KiB"

start_timed() { # name port config-dir -> sets STARTED_PID; prints the start-up line
  local t0 t1
  t0=$(date +%s%N)
  JAVA_OPTS="-Xlog:gc:file=$WORK/$1.gc" INLET_LOG_LEVEL=INFO bin/inlet --role ingest --config "$3" >"$WORK/$1.log" 2>&1 &
  STARTED_PID=$!; PIDS+=($STARTED_PID)
  until (exec 3<>/dev/tcp/127.0.0.1/"$2") 2>/dev/null; do
    kill -0 "$STARTED_PID" 2>/dev/null || { echo "bench: $1 exited at start:" >&2; tail -n 5 "$WORK/$1.log" >&2; exit 1; }
    (( $(date +%s%N) - t0 < 300000000000 )) || { echo "bench: $1 did not listen within 300 s" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  echo "start-up, $1: $(awk -v d=$(( t1 - t0 )) 'BEGIN { printf "%.2f", d / 1e9 }') s until it listens; peak RSS $(rss "$STARTED_PID") MiB ($flags)"
}
start_timed scale "$SCALE_PORT" "$WORK/scale.d"; SCALE_PID=$STARTED_PID
start_timed small "$SMALL_PORT" "$WORK/small.d"; SMALL_PID=$STARTED_PID
declare -A SURL=([scale]="http://127.0.0.1:$SCALE_PORT/v1/webhooks/$ID" [small]="http://127.0.0.1:$SMALL_PORT/v1/webhooks/$ID")
wrk_on() { # name seconds -> the BENCH line
  BENCH_DIR="$WORK/scale" wrk -t2 -c64 -d"$2"s --timeout 10s -s scripts/bench/post.lua "${SURL[$1]}" | grep '^BENCH'
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
wrk_on scale 3 >/dev/null; wrk_on small 3 >/dev/null
rcli DEL bench:scale bench:small >/dev/null

# A SIGHUP reload in the middle of a load on the large config.
wrk_on scale "$SCALE_DURATION" > "$WORK/reload-run" &
WRK_PID=$!
sleep $(( SCALE_DURATION / 3 ))
t0=$(date +%s%N)
gc0=$(wc -l < "$WORK/scale.gc")
kill -HUP "$SCALE_PID"
for _ in $(seq 1 1200); do grep -q 'configuration reloaded\|config reload' "$WORK/scale.log" && break; sleep 0.05; done
t1=$(date +%s%N)
gc1=$(wc -l < "$WORK/scale.gc")
wait "$WRK_PID"
line=$(cat "$WORK/reload-run")
echo "reload under load: $(grep -o 'configuration reloaded.*\|config reload.*' "$WORK/scale.log" | head -1) after $(awk -v d=$(( t1 - t0 )) 'BEGIN { printf "%.2f", d / 1e9 }') s;" \
  "the load (${SCALE_DURATION} s, 64 connections): $(field rps "$line") req/s, p99 $(field p99_ms "$line") ms, errors $(field errors "$line")"
# The collector's pauses from the SIGHUP until the reload was logged (a full collection stops the loops).
awk -v from="$gc0" -v to="$gc1" 'NR > from && NR <= to && /Pause/ { ms = $NF; sub(/ms$/, "", ms); n++; t += ms
  if (/Pause Full/) { f++ } if (ms + 0 > m) { m = ms + 0 } }
  END { printf "GC during the reload: %d pauses (%d full), %.0f ms in all, longest %.0f ms\n", n, f, t, m }' "$WORK/scale.gc"
echo "peak RSS after the reload: scale $(rss "$SCALE_PID") MiB ($flags)"
rcli DEL bench:scale bench:small >/dev/null

# Per-request cost: the same signed endpoint on both, in alternating rounds.
declare -A SRPS
for r in $(seq 1 "$SCALE_ROUNDS"); do
  pair="scale small"; (( r % 2 == 0 )) && pair="small scale"
  for s in $pair; do
    line=$(wrk_on "$s" "$SCALE_DURATION")
    rcli DEL bench:scale bench:small >/dev/null
    echo "round $r, $s: $(field rps "$line") req/s, p99 $(field p99_ms "$line") ms, errors $(field errors "$line")"
    SRPS[$s]="${SRPS[$s]:-} $(field rps "$line")"
  done
done
awk -v a="$(median "${SRPS[scale]}")" -v b="$(median "${SRPS[small]}")" -v n="$SCALE_ENDPOINTS" 'BEGIN {
  printf "per request: %d endpoints %.1f req/s, 2 endpoints %.1f req/s (median of rounds): %+.1f%%\n", n, a, b, (a / b - 1) * 100 }'
echo "peak RSS at the end: scale $(rss "$SCALE_PID") MiB, small $(rss "$SMALL_PID") MiB ($flags)"
