#!/bin/sh
# HTTP load figures for beladdr-server with wrk.
#
#   bench/load/run.sh [--duration SECONDS] [--connections N] [--rounds N]
#
# Starts beladdr-server on a free loopback port over var/index, then runs
# wrk, in alternating rounds, against
#   search: POST /SearchAddresses with the request mix of the quality
#           harness (bench/queries: noisy, structured, place and negative
#           queries, shuffled; `beladdr-quality bodies`), and
#   peer:   GET /ConsumerPing, the same server and HTTP stack without the
#           engine: the ceiling the search rate is compared with.
# Prints requests/s and p50/p99 latency per round and their medians, and
# the search/peer ratio. Server and load generator share this machine's
# cores; the figures say so.
#
# Needs: make build (or make serve) done, wrk (apt: wrk).
set -eu

DURATION=15
CONNECTIONS=32
ROUNDS=3
THREADS_SERVER=$(nproc)
BIN=${BIN:-build/bin}
INDEX=${INDEX:-var/index}
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --server-threads) THREADS_SERVER=$2; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "run.sh: wrk is missing (apt install wrk)" >&2; exit 1; }
[ -x "$BIN/beladdr-server" ] || { echo "run.sh: $BIN/beladdr-server missing; run make build" >&2; exit 1; }
[ -f "$INDEX/BELADDR_INDEX" ] || { echo "run.sh: no index at $INDEX; run make index" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-load-XXXXXX")
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$BIN/beladdr-quality" bodies > "$WORK/bodies.jsonl"
echo "load: $(wc -l < "$WORK/bodies.jsonl") request bodies from bench/queries"

"$BIN/beladdr-server" --index "$INDEX" --port 0 --threads "$THREADS_SERVER" \
  > "$WORK/access.log" 2> "$WORK/server.err" &
SERVER_PID=$!
PORT=$("$(dirname "$0")/../../scripts/server_port.sh" "$WORK/server.err")
URL="http://127.0.0.1:$PORT"

# wrk's --latency table: "50%  123.00us". Converts to microseconds.
to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") print n; else if (u == "ms") print n * 1000;
    else if (u == "s") print n * 1000000; else print n }'
}

# run_wrk NAME ARGS...: one wrk run; appends "rps p50 p99" to $WORK/NAME.
run_wrk() {
  name=$1; shift
  wrk --latency -t 1 -c "$CONNECTIONS" -d "${DURATION}s" "$@" > "$WORK/wrk.out" 2>&1 || {
    cat "$WORK/wrk.out" >&2; exit 1; }
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
  p50=$(to_us "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")")
  p99=$(to_us "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors/ { print }' "$WORK/wrk.out")
  printf '  %-7s %10.0f req/s   p50 %8.0f us   p99 %8.0f us %s\n' "$name" "$rps" "$p50" "$p99" \
    "${errors:+ ($errors)}"
  echo "$rps $p50 $p99" >> "$WORK/$name"
}

median() {  # median of column $1 of file $2
  sort -n -k "$1,$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

echo "load: server $URL (--threads $THREADS_SERVER), wrk 1 thread x $CONNECTIONS connections," \
     "${DURATION}s per run, $ROUNDS rounds"
echo "load: machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
wrk -t 1 -c "$CONNECTIONS" -d 3s -s bench/load/search_mix.lua "$URL" -- "$WORK/bodies.jsonl" \
  > /dev/null  # warm-up
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round:"
  run_wrk search -s bench/load/search_mix.lua "$URL" -- "$WORK/bodies.jsonl"
  run_wrk peer "$URL/ConsumerPing"
done

s_rps=$(median 1 "$WORK/search"); s_p50=$(median 2 "$WORK/search"); s_p99=$(median 3 "$WORK/search")
p_rps=$(median 1 "$WORK/peer"); p_p50=$(median 2 "$WORK/peer"); p_p99=$(median 3 "$WORK/peer")
echo "median of $ROUNDS rounds:"
printf '  search  %10.0f req/s   p50 %8.0f us   p99 %8.0f us\n' "$s_rps" "$s_p50" "$s_p99"
printf '  peer    %10.0f req/s   p50 %8.0f us   p99 %8.0f us   (GET /ConsumerPing)\n' \
  "$p_rps" "$p_p50" "$p_p99"
awk -v s="$s_rps" -v p="$p_rps" 'BEGIN { printf "  search/peer throughput ratio: %.2f\n", s / p }'
non200=$(grep -vc '"status":200' "$WORK/access.log" || true)
echo "  access log: $(wc -l < "$WORK/access.log") requests, $non200 not 200"
