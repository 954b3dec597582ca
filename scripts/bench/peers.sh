# A peer in the bench (issue 19), sourced by `scripts/bench.sh --peers` once the build, Redis, the
# ~1 KiB signed body and the --role ingest config are ready (it uses bench.sh's WORK, REDIS_URL,
# PIDS, free_port, median, rcli, rss, transport, ROUNDS, DURATION, CONNS, THREADS, SECRET, MAX_LENGTH, BODY_BYTES
# and $WORK/ingest.yaml). The peer (scripts/bench/peer, its own pom, not part of the main build) is
# a Spring Boot WebFlux + Spring Data Redis (Lettuce) receiver written the usual way, doing the
# work of the endpoint Inlet's bench drives: service key, HMAC SHA-256 of the body compared in
# constant time, JSON syntax, one XADD MAXLEN ~ of Inlet's nine fields, 202 with a JSON body.
# Both run with bin/inlet's heap and collector flags. Each first answers one signed request with a
# 2xx and a bad signature or key with a 4xx; then wrk in alternating rounds prints each one's
# req/s, p50/p99 and errors, the ratio Inlet/peer per round and its median, and each one's peak
# RSS. Prints figures and asserts none.
PEER_DIR=scripts/bench/peer
PEER_JAR=$PEER_DIR/target/peer.jar
# The jar is kept under target/ (git-ignored) and rebuilt only when its pom or a source is newer.
if [[ ! -f $PEER_JAR || -n $(find "$PEER_DIR/pom.xml" "$PEER_DIR/src" -type f -newer "$PEER_JAR" | head -1) ]]; then
  echo "bench: building the peer ($PEER_DIR)"
  mvn -q -B -ntp -f "$PEER_DIR/pom.xml" package -DskipTests
fi

# bin/inlet's default flags (-Xms64m -Xmx320m, the parallel collector, exit on OutOfMemoryError).
PEER_FLAGS="-Xms64m -Xmx320m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"
PEER_PORT=$(free_port)
# shellcheck disable=SC2086 # the flags are a list of words
PEER_KEY=bench-key PEER_SECRET="$SECRET" java $PEER_FLAGS -jar "$PEER_JAR" --server.address=127.0.0.1 \
  --server.port="$PEER_PORT" --spring.data.redis.url="$REDIS_URL" --peer.stream=bench:peer \
  --peer.max-length="$MAX_LENGTH" >"$WORK/peer.log" 2>&1 & PEER_PID=$!; PIDS+=($PEER_PID)
INLET_LOG_LEVEL=WARN bin/inlet --role ingest --config "$WORK/ingest.yaml" >"$WORK/ingest.log" 2>&1 & INGEST_PID=$!; PIDS+=($INGEST_PID)
listening() { # name port pid -> waits until it listens: at most 120 s, and not once it exited
  local t0=$SECONDS
  until (exec 3<>/dev/tcp/127.0.0.1/"$2") 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "bench: $1 exited at start:" >&2; tail -n 5 "$WORK/$1.log" >&2; exit 1; }
    (( SECONDS - t0 < 120 )) || { echo "bench: $1 did not listen within 120 s" >&2; exit 1; }
    sleep 0.1
  done
}
listening peer "$PEER_PORT" "$PEER_PID"; listening ingest "$INGEST_PORT" "$INGEST_PID"
echo "network transport: inlet --role ingest $(transport "$INGEST_PID"), peer $(transport "$PEER_PID")"

declare -A PURL=(
  [inlet]="http://127.0.0.1:$INGEST_PORT/v1/webhooks/5be1c1f0a7d94a1c8e2b3c4d5e6f7a8b"
  [peer]="http://127.0.0.1:$PEER_PORT/v1/webhooks/5be1c1f0a7d94a1c8e2b3c4d5e6f7a8b"
)
# Both really check: one signed request is accepted; a wrong signature, a wrong key and a signed
# body that is not JSON are refused.
checks() { # url -> "signed wrong-signature wrong-key not-json" HTTP statuses
  python3 - "$1" "$WORK/body" "$SECRET" <<'PY'
import hashlib, hmac, http.client, sys, urllib.parse
url, body, secret = urllib.parse.urlsplit(sys.argv[1]), open(sys.argv[2], "rb").read(), sys.argv[3].encode()
good = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
bad = "sha256=" + hmac.new(b"not-the-secret", body, hashlib.sha256).hexdigest()
broken = body[:-1]
cut = "sha256=" + hmac.new(secret, broken, hashlib.sha256).hexdigest()
out = []
for key, sig, b in (("bench-key", good, body), ("bench-key", bad, body), ("not-the-key", good, body), ("bench-key", cut, broken)):
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    c.request("POST", url.path, b, {"Content-Type": "application/json", "key": key, "X-Signature": sig})
    out.append(str(c.getresponse().status))
    c.close()
print(" ".join(out))
PY
}
fields() { # stream -> the field names of its first entry
  python3 - "$REDIS_PORT" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
args = ["XRANGE", sys.argv[2], "-", "+", "COUNT", "1"]
s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
f = s.makefile("rb")
def read():
    line = f.readline().decode().rstrip("\r\n")
    t, rest = line[0], line[1:]
    if t in "+-:": return rest
    if t == "$": n = int(rest); return None if n < 0 else f.read(n + 2)[:-2]
    if t == "*": return [read() for _ in range(max(int(rest), 0))]
entries = read()
print(" ".join(k.decode() for k in entries[0][1][::2]) if entries else "(no entry)")
PY
}
for s in inlet peer; do
  read -r ok badsig badkey badjson < <(checks "${PURL[$s]}")
  echo "checks, $s: signed $ok, wrong signature $badsig, wrong key $badkey, not JSON $badjson"
  [[ $ok == 2?? && $badsig == 4?? && $badkey == 4?? && $badjson == 4?? ]] || { echo "bench: $s did not check as Inlet does" >&2; exit 1; }
done
INLET_FIELDS=$(fields bench:ingest-only); PEER_FIELDS=$(fields bench:peer)
echo "stream fields: inlet $INLET_FIELDS; peer $PEER_FIELDS"
[[ $INLET_FIELDS == "$PEER_FIELDS" ]] || { echo "bench: the peer does not write Inlet's fields" >&2; exit 1; }

peer_run() { # name seconds -> the BENCH line
  BENCH_DIR="$WORK" wrk -t"$THREADS" -c"$CONNS" -d"$2"s --timeout 10s -s scripts/bench/post.lua "${PURL[$1]}" | grep '^BENCH'
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
# Warm-up: 10 s loads on each until one's req/s is within 10% of the one before (at most 8 loads),
# however short the rounds: the peer's larger code path takes the JIT far longer to compile (on a
# busy machine, a 20 s warm-up left it at a fifth of its later rate).
warm() { # name -> the warm-up loads' req/s
  local prev=0 rps n
  for n in $(seq 1 "${BENCH_WARMUP_LOADS:-8}"); do
    rps=$(field rps "$(peer_run "$1" 10)")
    rcli DEL bench:ingest-only bench:peer >/dev/null
    printf ' %s' "$rps"
    (( n > 1 )) && awk -v a="$rps" -v b="$prev" 'BEGIN { exit !(a <= b * 1.1 && a >= b * 0.9) }' && break
    prev=$rps
  done
}
echo "bench: warm-up"
for s in inlet peer; do echo "warm-up, $s: req/s of its 10 s loads:$(warm "$s")"; done

declare -A PRPS PP50 PP99 PERR last
RATIOS=""
echo "load average before the rounds: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; others' work on the machine shows here)"
printf '\n%-6s %-8s %12s %10s %10s %8s\n' round server req/s p50_ms p99_ms errors
for r in $(seq 1 "$ROUNDS"); do
  # The two swap their order every round, so neither always runs first.
  pair="inlet peer"; (( r % 2 == 0 )) && pair="peer inlet"
  for s in $pair; do
    line=$(peer_run "$s" "$DURATION")
    # Nothing consumes these streams: drop them so Redis memory stays flat (Inlet's history stays).
    rcli DEL bench:ingest-only bench:peer >/dev/null
    rps=$(field rps "$line"); p50=$(field p50_ms "$line"); p99=$(field p99_ms "$line"); err=$(field errors "$line")
    printf '%-6s %-8s %12s %10s %10s %8s\n' "$r" "$s" "$rps" "$p50" "$p99" "$err"
    PRPS[$s]="${PRPS[$s]:-} $rps"; PP50[$s]="${PP50[$s]:-} $p50"; PP99[$s]="${PP99[$s]:-} $p99"; PERR[$s]="${PERR[$s]:-} $err"
    last[$s]=$rps
  done
  ratio=$(awk -v i="${last[inlet]}" -v p="${last[peer]}" 'BEGIN { printf "%.2f", i / p }')
  echo "round $r: inlet/peer $ratio"
  RATIOS="$RATIOS $ratio"
done

echo "load average after the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
I=$(median "${PRPS[inlet]}"); P=$(median "${PRPS[peer]}")
total() { awk -v a="$1" 'BEGIN { n = split(a, x, " "); for (i = 1; i <= n; i++) t += x[i]; print t }'; }
echo
printf 'median req/s: inlet --role ingest %s, peer %s (body %s bytes, %s connections, %s rounds of %s s)\n' \
  "$I" "$P" "$BODY_BYTES" "$CONNS" "$ROUNDS" "$DURATION"
printf 'latency: inlet p50 %s ms, p99 %s ms; peer p50 %s ms, p99 %s ms\n' "$(median "${PP50[inlet]}")" \
  "$(median "${PP99[inlet]}")" "$(median "${PP50[peer]}")" "$(median "${PP99[peer]}")"
printf 'errors: inlet %s, peer %s (all rounds)\n' "$(total "${PERR[inlet]}")" "$(total "${PERR[peer]}")"
awk -v m="$(median "$RATIOS")" -v r="$RATIOS" -v i="$I" -v p="$P" 'BEGIN {
  printf "inlet/peer: %.2f, the median of the rounds'"'"' ratios (rounds:%s); ratio of the medians %.2f\n", m, r, i / p }'
echo "peak RSS: inlet --role ingest $(rss "$INGEST_PID") MiB, peer $(rss "$PEER_PID") MiB (both $PEER_FLAGS)"
if grep -qE 'ERROR|Exception|OutOfMemoryError' "$WORK/ingest.log" "$WORK/peer.log"; then
  # With a few lines after each, for a stack's top frames (a "Thread blocked" names the blocked code).
  echo "a log has errors:"; grep -hE -A4 'ERROR|Exception|OutOfMemoryError' "$WORK/ingest.log" "$WORK/peer.log" | head -20
  exit 1
fi
