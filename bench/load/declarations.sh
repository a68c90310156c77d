#!/bin/sh
# Load figures for the S222 declaration routes (make load-declarations).
#
#   bench/load/declarations.sh [--declarations URI] [--fill N] [--duration S]
#
# Starts beladdr-server over var/index with a fresh embedded store (or the
# store URI given, e.g. a PostgreSQL database), makes a central's key, then:
#   1. creates: wrk, 16 connections, POST /CreateDeclarationCAS (every
#      write synced before its 201);
#   2. fills the store to N declarations (default 100,000) with more creates;
#   3. searches: wrk, 16 then 4 connections, POST /SearchDeclarationCAS with
#      a mix of criteria (bench/load/declarations.lua).
# Prints requests/s and p50/p99 latency of each, and the machine. Server and
# wrk share this machine's cores.
set -eu

DURATION=10
FILL=100000
CONNECTIONS=16
URI=""
BIN=${BIN:-build/bin}
INDEX=${INDEX:-var/index}
while [ $# -gt 0 ]; do
  case "$1" in
    --declarations) URI=$2; shift 2 ;;
    --fill) FILL=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    *) echo "declarations.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "declarations.sh: wrk is missing (apt install wrk)" >&2; exit 1; }
[ -f "$INDEX/BELADDR_INDEX" ] || { echo "declarations.sh: no index at $INDEX; run make index" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-decl-load-XXXXXX")
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
[ -n "$URI" ] || URI="rocksdb:$WORK/declarations"

KEY=$("$BIN/beladdr" centrals add --declarations "$URI" --central load-central | tail -n 1)
export KEY
"$BIN/beladdr-server" --index "$INDEX" --port 0 --declarations "$URI" \
  > "$WORK/access.log" 2> "$WORK/server.err" &
SERVER_PID=$!
PORT=$("$(dirname "$0")/../../scripts/server_port.sh" "$WORK/server.err")
URL="http://127.0.0.1:$PORT"
SCRIPT=bench/load/declarations.lua

to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") print n; else if (u == "ms") print n * 1000;
    else if (u == "s") print n * 1000000; else print n }'
}
# report NAME: the figures of $WORK/wrk.out
report() {
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
  p50=$(to_us "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")")
  p99=$(to_us "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$WORK/wrk.out")
  printf '  %-8s %8.0f req/s   p50 %8.0f us   p99 %8.0f us%s\n' "$1" "$rps" "$p50" "$p99" \
    "${bad:+   ($bad not 2xx)}"
}
requests() { awk '/requests in/ { print $1 }' "$WORK/wrk.out"; }

echo "declarations load: $URI, server $URL, wrk 2 threads x $CONNECTIONS connections"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
wrk --latency -t 2 -c "$CONNECTIONS" -d "${DURATION}s" -s "$SCRIPT" "$URL" -- create > "$WORK/wrk.out"
report create
made=$(requests)
while [ "$made" -lt "$FILL" ]; do
  wrk -t 2 -c "$CONNECTIONS" -d 20s -s "$SCRIPT" "$URL" -- create > "$WORK/wrk.out"
  made=$((made + $(requests)))
  echo "  filled: $made declarations"
done
# Some numbers to look up: the day's first ones.
day=$(date -u +%Y.%m.%d)
seq 1 500 | awk -v d="$day" '{ printf "%s.%04d\n", d, $1 }' > "$WORK/numbers"
sleep 5  # let the fill's compactions settle
for c in "$CONNECTIONS" 4; do
  wrk --latency -t 2 -c "$c" -d "${DURATION}s" -s "$SCRIPT" "$URL" -- search "$WORK/numbers" > "$WORK/wrk.out"
  report "search/$c"
done
