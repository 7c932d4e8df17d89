# Helpers of the benchmark scripts that run the packaged service in the background (sourced).
# The caller keeps the service's process id in PID (empty when none) and its address in BASE.

# stop: ends the service, if one runs, and waits for it.
stop() { if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi; PID=; }

# wait_ready <log> [seconds]: returns once /q/health/ready answers; otherwise shows the log's end and exits.
wait_ready() {
  local log=$1 seconds=${2:-120}
  for _ in $(seq 1 "$seconds"); do
    curl -sf --max-time 2 "$BASE/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service did not start" >&2; tail -30 "$log" >&2; exit 1
}
