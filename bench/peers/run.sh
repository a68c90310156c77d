#!/bin/sh
# beladdr side by side with PostgreSQL pg_trgm and SQLite FTS5, on the same
# data and queries, in one command (make peers):
#
#   bench/peers/run.sh [--limit N] [--out DIR] [--systems beladdr,pg_trgm,sqlite]
#
# Installs what it needs from apt, builds, makes sure var/index is current,
# starts a throwaway PostgreSQL cluster on loopback in a temporary directory
# and beladdr-server on a free port, runs beladdr-peers (which imports the
# data into each system and runs the noisy and negative query sets through
# all of them), draws the latency plot with gnuplot, and stops and removes
# everything it started -- also on error or Ctrl-C.
#
# Results: OUT (default var/peers): peers.json, peers.md, latency.png.
set -eu
cd "$(dirname "$0")/../.."

LIMIT=0
OUT=var/peers
SYSTEMS=beladdr,pg_trgm,sqlite
BUILD=${BUILD:-build}
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) LIMIT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --systems) SYSTEMS=$2; shift 2 ;;
    *) echo "peers: unknown argument $1" >&2; exit 2 ;;
  esac
done

scripts/deps.sh --peers
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD" -j "$(nproc)" --target beladdr-peers beladdr-server beladdr-import
[ -x "$BUILD/bin/beladdr-peers" ] || { echo "peers: beladdr-peers was not built (libpq, sqlite?)" >&2; exit 1; }
scripts/ensure_index.sh var/index

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "peers: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-peers-XXXXXX")
chmod 755 "$WORK"
SERVER_PID=""
# PostgreSQL refuses to run as root: as root, its commands run as the
# postgres user that the Debian package creates.
if [ "$(id -u)" -eq 0 ]; then
  AS_PG="runuser -u postgres --"
  mkdir -p "$WORK/pg" "$WORK/pgsock"
  chown postgres "$WORK/pg" "$WORK/pgsock"
else
  AS_PG=""
  mkdir -p "$WORK/pgsock"
fi

cleanup() {
  status=$?
  trap - EXIT INT TERM
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    $AS_PG "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

echo "peers: PostgreSQL cluster in $WORK/pg"
$AS_PG "$PGBIN/initdb" -D "$WORK/pg" -A trust -U beladdr -E UTF8 --locale=C.UTF-8 --no-sync \
  > "$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
# Its best shot: the data fits in shared_buffers, no JIT for short queries,
# cheap random reads (everything is cached), no durability cost.
PGPORT=""
for port in 54329 54331 54337 54343 54349 54353; do
  if $AS_PG "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pgsock/pg.log" -w -o \
      "-p $port -c listen_addresses=127.0.0.1 -k $WORK/pgsock -c shared_buffers=256MB \
       -c work_mem=16MB -c effective_cache_size=1GB -c random_page_cost=1.1 -c jit=off \
       -c fsync=off -c synchronous_commit=off" start > /dev/null 2>&1; then
    PGPORT=$port
    break
  fi
done
[ -n "$PGPORT" ] || { echo "peers: PostgreSQL did not start:" >&2; cat "$WORK/pgsock/pg.log" >&2; exit 1; }

# beladdr-server on a free port (no access log: PostgreSQL logs no
# statements either).
"$BUILD/bin/beladdr-server" --index var/index --port 0 --threads 2 --no-access-log \
  2> "$WORK/server.err" &
SERVER_PID=$!
PORT=$(scripts/server_port.sh "$WORK/server.err")

mkdir -p "$OUT"
"$BUILD/bin/beladdr-peers" --data data --queries bench/queries --scratch "$WORK" --out "$OUT" \
  --pg "host=127.0.0.1 port=$PGPORT user=beladdr dbname=postgres" --pg-data "$WORK/pg" \
  --server "127.0.0.1:$PORT" --server-pid "$SERVER_PID" --limit "$LIMIT" \
  --systems "$SYSTEMS"

gnuplot -e "datafile='$OUT/latency.dat'; outfile='$OUT/latency.png'" bench/peers/latency.gp
echo "peers: $OUT/peers.md, $OUT/peers.json, $OUT/latency.png"
