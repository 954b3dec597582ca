# The with-workers Inlet's rounds (issue 19), sourced by scripts/bench.sh: the events it accepted
# and the events its workers processed during a round, from its GET /metrics (inlet_requests_total
# with code 1002; inlet_action_seconds_count of the log action, which the bench's flow runs once per
# event), the backlog left at the round's end, and where its CPU went (scripts/bench/cpu.py: its
# threads by name, and Redis' CPU). Uses bench.sh's WORK and REDIS_PID; prints figures only.

# Totals since the start: "accepted processed".
worker_counts() { # port
  curl -s "http://127.0.0.1:$1/metrics" | awk '
    /^inlet_requests_total\{/ && /code="1002"/ { a += $NF }
    /^inlet_action_seconds_count\{/ && /action="log"/ { p += $NF }
    END { printf "%d %d\n", a, p }'
}
# Call with the stream drained: accepted minus processed then is no backlog (the drain phase's
# events enter the stream without a request, so the offset changes between phases).
workers_baseline() { # port
  local a p; read -r a p < <(worker_counts "$1"); W_OFFSET=$(( a - p ))
}
workers_begin() { # port pid
  python3 scripts/bench/cpu.py snap "$2" "$REDIS_PID" > "$WORK/cpu.0"
  read -r W_ACC W_PROC < <(worker_counts "$1"); W_T0=$(date +%s%N)
}
# Sets W_ACCEPTED and W_PROCESSED (per second) and W_LINE, the round's line (not in a subshell).
workers_end() { # port pid label
  local acc proc t1
  read -r acc proc < <(worker_counts "$1"); t1=$(date +%s%N)
  python3 scripts/bench/cpu.py snap "$2" "$REDIS_PID" > "$WORK/cpu.1"
  W_ACCEPTED=$(awk -v n=$(( acc - W_ACC )) -v d=$(( t1 - W_T0 )) 'BEGIN { printf "%.0f", n / (d / 1e9) }')
  W_PROCESSED=$(awk -v n=$(( proc - W_PROC )) -v d=$(( t1 - W_T0 )) 'BEGIN { printf "%.0f", n / (d / 1e9) }')
  # A worker can run an event before its answer is written and counted: the backlog is exact within
  # the answers still being written (at most one per connection), and never shown below 0.
  local backlog=$(( acc - proc - W_OFFSET )); (( backlog > 0 )) || backlog=0
  W_LINE="$3: accepted $W_ACCEPTED events/s, processed $W_PROCESSED events/s, backlog $backlog"
  W_LINE+=" events at its end; CPU: $(python3 scripts/bench/cpu.py shares "$WORK/cpu.0" "$WORK/cpu.1" | sed "s/pid $REDIS_PID/Redis/")"
}
