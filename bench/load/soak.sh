#!/bin/sh
# Soak: beladdr-server under a steady load for a long time (default 10
# minutes), to show it neither errs nor grows.
#
#   bench/load/soak.sh [--duration SECONDS] [--connections N] [--pause MS]
#
# Starts beladdr-server over var/index on a free loopback port, warms it up,
# then runs wrk with the quality harness's request mix (search_mix.lua),
# each connection pausing MS between requests: a steady rate well below
# saturation, as a production replica would see. Samples the server's
# resident memory every 10 s. Passes (exit 0) when there were no 5xx
# answers, no connection errors and the resident memory at the end is
# within 5 % (or 8 MiB) of the start. Writes var/soak/soak.md and
# var/soak/rss.tsv.
set -eu
cd "$(dirname "$0")/../.."

DURATION=600
CONNECTIONS=16
PAUSE=4
BIN=${BIN:-build/bin}
INDEX=${INDEX:-var/index}
OUT=${OUT:-var/soak}
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pause) PAUSE=$2; shift 2 ;;
    *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "soak.sh: wrk is missing (apt install wrk)" >&2; exit 1; }
[ -f "$INDEX/BELADDR_INDEX" ] || { echo "soak.sh: no index at $INDEX; run make index" >&2; exit 1; }

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-soak-XXXXXX")
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$BIN/beladdr-quality" bodies > "$WORK/bodies.jsonl"
"$BIN/beladdr-server" --index "$INDEX" --port 0 > "$WORK/access.log" 2> "$WORK/server.err" &
SERVER_PID=$!
PORT=$(scripts/server_port.sh "$WORK/server.err")
URL="http://127.0.0.1:$PORT"
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }

# Warm-up: every body once, so that what is cached is cached.
wrk -t 1 -c "$CONNECTIONS" -d 20s -s bench/load/search_mix.lua "$URL" -- "$WORK/bodies.jsonl" > /dev/null
: > "$WORK/access.log"
START_RSS=$(rss_kib)
echo "soak: $URL, ${DURATION}s, wrk 1 thread x $CONNECTIONS connections pausing ${PAUSE} ms; RSS at start $START_RSS KiB"

printf 'seconds\trss_kib\n' > "$OUT/rss.tsv"
(
  t=0
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    printf '%s\t%s\n' "$t" "$(rss_kib)" >> "$OUT/rss.tsv"
    sleep 10
    t=$((t + 10))
  done
) &
SAMPLER_PID=$!

wrk --latency -t 1 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 5s \
  -s bench/load/search_mix.lua "$URL" -- "$WORK/bodies.jsonl" "$PAUSE" > "$WORK/wrk.out" 2>&1
END_RSS=$(rss_kib)
MAX_RSS=$(awk 'NR > 1 && $2 > m { m = $2 } END { print m }' "$OUT/rss.tsv")
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
p50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")
p99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")
socket_errors=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$WORK/wrk.out")
socket_errors=${socket_errors:-0}
non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$WORK/wrk.out")
non2xx=${non2xx:-0}
logged=$(wc -l < "$WORK/access.log")
server_5xx=$(grep -c '"status":5' "$WORK/access.log" || true)
growth=$(awk -v s="$START_RSS" -v e="$END_RSS" 'BEGIN { printf "%+.1f", (e - s) * 100 / s }')

{
  echo "# Soak: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) vCPU ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); server and wrk share it."
  echo "Load: wrk, 1 thread, $CONNECTIONS connections, each pausing ${PAUSE} ms between requests, ${DURATION} s; the quality harness's request mix ($(wc -l < "$WORK/bodies.jsonl") bodies)."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| requests | $requests ($rps req/s) |"
  echo "| latency p50 / p99 | $p50 / $p99 |"
  echo "| 5xx answers (access log) | $server_5xx of $logged logged |"
  echo "| non-2xx answers (wrk) | $non2xx |"
  echo "| connection errors (wrk: connect, read, write, timeout) | $socket_errors |"
  echo "| resident memory, start / end / max | $START_RSS / $END_RSS / $MAX_RSS KiB ($growth %) |"
} > "$OUT/soak.md"
cat "$OUT/soak.md"
echo "soak: RSS samples in $OUT/rss.tsv"

ok=1
[ "$server_5xx" -eq 0 ] || ok=0
[ "$non2xx" -eq 0 ] || ok=0
[ "$socket_errors" -eq 0 ] || ok=0
awk -v s="$START_RSS" -v e="$END_RSS" 'BEGIN { d = e - s; exit !(d <= s * 0.05 || d <= 8192) }' || ok=0
if [ "$ok" -eq 1 ]; then echo "soak: PASS"; else echo "soak: FAIL" >&2; exit 1; fi
