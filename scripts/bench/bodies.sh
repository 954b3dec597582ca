# Body size (issue 19), sourced by scripts/bench.sh after its other phases (it uses bench.sh's
# WORK, URL, run, rcli, median, wait_drained, rss_all, REDIS_PID, SECRET and the workers.sh helpers).
# bare and Inlet --role ingest at 32 connections with signed JSON bodies of 16 KiB, 256 KiB and
# 1 MiB, in alternating rounds (the two swap their order every round); per size: req/s, MB/s (10^6
# body bytes a second), p50/p99, non-2xx answers and socket errors of each, and Inlet/bare. Then one
# run of the with-workers Inlet at 1 MiB: events accepted and processed per second. Where the
# --role ingest server's CPU went in each size's last round (scripts/bench/cpu.py) is printed too.
# The bench's endpoint accepts 1 MiB (maxBodySize: 1MiB; its history keeps a record's first 16 KiB,
# the default maxBodyBytes, so a record stays small): one request of each size must answer 2xx on
# both servers before any is timed. No worker trims the --role ingest stream, and redis.maxLength
# (200,000 entries) would be 200 GB of 1 MiB events: scripts/bench/bound.py trims the streams every
# 100 ms while the phase runs (only what the workers processed, on the with-workers stream) and
# samples Redis' used_memory, whose peak is printed. Prints figures and asserts none.
BODY_SIZES=(16384 262144 1048576)
BODY_CONNS=32
BODY_DURATION=${BENCH_BODY_DURATION:-8}; BODY_WARMUP=3
if (( QUICK )); then BODY_DURATION=2; BODY_WARMUP=0; fi
bfield() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; } # name BENCH-line -> the value
kib() { if (( $1 >= 1048576 )); then echo "$(( $1 / 1048576 )) MiB"; else echo "$(( $1 / 1024 )) KiB"; fi; }

for size in "${BODY_SIZES[@]}"; do
  # A JSON order event with as many items as fit, padded to exactly $size bytes.
  mkdir -p "$WORK/b$size"
  python3 - "$WORK/b$size/body" "$size" <<'PY'
import json, sys
path, size = sys.argv[1], int(sys.argv[2])
items, doc = [], {"id": "evt_large", "type": "order.bulk", "data": {"items": None}, "pad": ""}
def text(): return json.dumps(doc, separators=(",", ":"))
i = 0
while True:
    items.append({"sku": "SKU-%06d" % i, "qty": i % 5 + 1, "price": "%d.99" % (i * 3), "note": "line %d of the order" % i})
    doc["data"]["items"] = items
    if len(text()) > size - 64:
        items.pop(); break
    i += 1
doc["pad"] = "x" * (size - len(text()))
out = text()
assert len(out) == size, (len(out), size)
open(path, "w").write(out)
PY
  printf 'key: bench-key\nX-Signature: sha256=%s\n' \
    "$(openssl dgst -sha256 -hmac "$SECRET" -hex < "$WORK/b$size/body" | sed 's/^.* //')" > "$WORK/b$size/headers"
  for s in bare ingest inlet; do
    code=$(python3 - "${URL[$s]}" "$WORK/b$size" <<'PY'
import http.client, sys, urllib.parse
url, d = urllib.parse.urlsplit(sys.argv[1]), sys.argv[2]
headers = dict(l.split(": ", 1) for l in open(d + "/headers").read().splitlines())
headers["Content-Type"] = "application/json"
c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
c.request("POST", url.path, open(d + "/body", "rb").read(), headers)
print(c.getresponse().status)
PY
)
    [[ $code == 2?? ]] || { echo "bench: $s answered $code to a signed $(kib "$size") body" >&2; exit 1; }
  done
done

wait_drained bench:events 120 >/dev/null
rcli DEL bench:ingest-only >/dev/null
python3 scripts/bench/bound.py "$REDIS_PORT" bench:ingest-only bench:events > "$WORK/bound.out" &
BOUND_PID=$!; PIDS+=($BOUND_PID)

echo
echo "body size: bare and --role ingest, $BODY_CONNS connections, $BODY_DURATION s each, in alternating rounds"
if (( BODY_WARMUP > 0 )); then
  for size in "${BODY_SIZES[@]}"; do for s in bare ingest; do run "$s" "$BODY_WARMUP" "$BODY_CONNS" "$WORK/b$size" >/dev/null; done; done
fi
declare -A BRPS BP50 BP99 BN2 BSOCK BCPU
printf '%-6s %-8s %-10s %10s %8s %9s %9s %7s %7s\n' round body server req/s MB/s p50_ms p99_ms non2xx socket
for r in $(seq 1 "$ROUNDS"); do
  pair="bare ingest"; (( r % 2 == 0 )) && pair="ingest bare"
  for size in "${BODY_SIZES[@]}"; do
    for s in $pair; do
      [[ $s == ingest ]] && python3 scripts/bench/cpu.py snap "$INGEST_PID" "$REDIS_PID" > "$WORK/cpu.0"
      line=$(run "$s" "$BODY_DURATION" "$BODY_CONNS" "$WORK/b$size")
      [[ $s == ingest ]] && python3 scripts/bench/cpu.py snap "$INGEST_PID" "$REDIS_PID" > "$WORK/cpu.1" \
        && BCPU[$size]=$(python3 scripts/bench/cpu.py shares "$WORK/cpu.0" "$WORK/cpu.1" | sed "s/pid $REDIS_PID/Redis/")
      k="$s $size"
      rps=$(bfield rps "$line"); p50=$(bfield p50_ms "$line"); p99=$(bfield p99_ms "$line")
      n2=$(bfield non2xx "$line"); so=$(bfield socket "$line")
      BRPS[$k]="${BRPS[$k]:-} $rps"; BP50[$k]="${BP50[$k]:-} $p50"; BP99[$k]="${BP99[$k]:-} $p99"
      BN2[$k]=$(( ${BN2[$k]:-0} + n2 )); BSOCK[$k]=$(( ${BSOCK[$k]:-0} + so ))
      printf '%-6s %-8s %-10s %10s %8s %9s %9s %7s %7s\n' "$r" "$(kib "$size")" "$s" "$rps" \
        "$(awk -v r="$rps" -v b="$size" 'BEGIN { printf "%.0f", r * b / 1e6 }')" "$p50" "$p99" "$n2" "$so"
    done
  done
done
echo
for size in "${BODY_SIZES[@]}"; do
  b=$(median "${BRPS[bare $size]}"); g=$(median "${BRPS[ingest $size]}")
  awk -v size="$size" -v label="$(kib "$size")" -v b="$b" -v g="$g" \
    -v bp50="$(median "${BP50[bare $size]}")" -v bp99="$(median "${BP99[bare $size]}")" \
    -v gp50="$(median "${BP50[ingest $size]}")" -v gp99="$(median "${BP99[ingest $size]}")" \
    -v be="${BN2[bare $size]}/${BSOCK[bare $size]}" -v ge="${BN2[ingest $size]}/${BSOCK[ingest $size]}" 'BEGIN {
    printf "body %s (median of rounds): bare %.0f req/s %.0f MB/s p50 %s ms p99 %s ms; --role ingest %.0f req/s %.0f MB/s p50 %s ms p99 %s ms; ingest/bare %.2f; errors non-2xx/socket: bare %s, ingest %s\n",
      label, b, b * size / 1e6, bp50, bp99, g, g * size / 1e6, gp50, gp99, g / b, be, ge }'
done
for size in "${BODY_SIZES[@]}"; do echo "--role ingest's CPU, body $(kib "$size"), last round: ${BCPU[$size]}"; done
rss_all "the body-size rounds"

# The with-workers Inlet at 1 MiB: its workers hold the bodies in flight, the larger memory case.
size=1048576
workers_baseline "$INLET_PORT"
workers_begin "$INLET_PORT" "$INLET_PID"
line=$(run inlet "$BODY_DURATION" "$BODY_CONNS" "$WORK/b$size"); ended=$(date +%s%N)
workers_end "$INLET_PORT" "$INLET_PID" "with workers, 1 MiB bodies"
wait_drained bench:events 120 >/dev/null
secs=$(awk -v d=$(( $(date +%s%N) - ended )) 'BEGIN { printf "%.1f", d / 1e9 }') # within the 20 ms polls and the figures' reads
echo "with workers, 1 MiB bodies, $BODY_CONNS connections, $BODY_DURATION s: $(bfield rps "$line") req/s," \
  "p99 $(bfield p99_ms "$line") ms, non-2xx $(bfield non2xx "$line"), socket errors $(bfield socket "$line"); accepted $W_ACCEPTED events/s, processed $W_PROCESSED events/s," \
  "all processed $secs s after the load"
echo "$W_LINE"
rss_all "the 1 MiB run with workers"

kill "$BOUND_PID"; wait "$BOUND_PID" 2>/dev/null || true
echo "Redis during the body-size phase: $(cat "$WORK/bound.out") (sampled every 100 ms, streams trimmed at the same pace);" \
  "redis-server's peak RSS over the whole bench $(( $(awk '/VmHWM/ {print $2}' /proc/"$REDIS_PID"/status) / 1024 )) MiB"
