#!/bin/sh
# HTTP figures for search as you type (make load-autocomplete): wrk with 32
# connections sends every prefix of "street municipality" as a person types
# it, for every 397th street of data/, to beladdr-server over var/index.
# Prints requests/s and p50/p99 latency, and the machine.
set -eu
BIN=${BIN:-build/bin}
INDEX=${INDEX:-var/index}
DURATION=${DURATION:-15}
command -v wrk >/dev/null || { echo "autocomplete.sh: wrk is missing" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-ac-load-XXXXXX")
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
# street name (first language given) + municipality, every 397th street;
# each prefix (whole characters) percent-encoded, with perl from Debian's
# base system.
zcat data/streets_belgium_2022.csv.gz | perl -F, -lane '
  next if $. == 1 || $. % 397;
  my $name = $F[4] ne "" ? $F[4] : ($F[5] ne "" ? $F[5] : $F[6]);
  my $t = $name . " " . ($F[12] ne "" ? $F[12] : $F[13]);
  utf8::decode($t);
  for my $n (1 .. length $t) {
    my $p = substr($t, 0, $n);
    next if $p =~ / $/;
    utf8::encode($p);
    $p =~ s/([^A-Za-z0-9 ])/sprintf("%%%02X", ord($1))/ge;
    $p =~ tr/ /+/;
    print $p;
  }' > "$WORK/prefixes"
"$BIN/beladdr-server" --index "$INDEX" --port 0 --no-access-log 2> "$WORK/server.err" &
SERVER_PID=$!
PORT=$("$(dirname "$0")/../../scripts/server_port.sh" "$WORK/server.err")
echo "autocomplete load: $(wc -l < "$WORK/prefixes") prefixes, wrk 1 thread x 32 connections, ${DURATION}s"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
wrk --latency -t 1 -c 32 -d "${DURATION}s" -s bench/load/autocomplete.lua \
  "http://127.0.0.1:$PORT" -- "$WORK/prefixes" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket"
