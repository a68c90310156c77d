#!/bin/sh
# Scale-out check (make scale-out; docs/DEPLOYMENT.md): two beladdr-server
# replicas share one PostgreSQL behind nginx, all on loopback.
#
#   scripts/scale_out.sh [--declarations N]   (default 1000)
#
# 1. Starts a throwaway PostgreSQL cluster, makes a key for each of 4
#    centrals, starts two replicas (--declarations postgresql://...) and
#    nginx in front of them (upstream of both; a create that fails on one
#    replica is retried on the other, which is safe because creates are
#    idempotent per x-correlation-id).
# 2. The 4 centrals create N declarations concurrently through nginx, each
#    create with its own UUID, retried with the same UUID when it fails;
#    one replica is killed (SIGKILL) a third of the way through.
# 3. The killed replica is restarted; then, asking each replica directly,
#    every central sees exactly the declarations it was answered 201 for:
#    none lost, none twice, none of another central's; and all numbers are
#    unique.
# Exits 0 when every check holds. Stops and removes everything it started,
# also on error or Ctrl-C.
set -eu
cd "$(dirname "$0")/.."

TOTAL=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --declarations) TOTAL=$2; shift 2 ;;
    *) echo "scale_out: unknown argument $1" >&2; exit 2 ;;
  esac
done
BIN=${BIN:-build/bin}
INDEX=${INDEX:-var/index}
CENTRALS="north east south west"
PER_CENTRAL=$((TOTAL / 4))
for tool in nginx curl; do
  command -v "$tool" >/dev/null || { echo "scale_out: $tool is missing (scripts/deps.sh --scale-out)" >&2; exit 1; }
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "scale_out: no PostgreSQL server (scripts/deps.sh)" >&2; exit 1; }
[ -f "$INDEX/BELADDR_INDEX" ] || { echo "scale_out: no index at $INDEX; run make index" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/beladdr-scale-out-XXXXXX")
chmod 755 "$WORK"
AS_PG=""
mkdir -p "$WORK/pg" "$WORK/nginx"
if [ "$(id -u)" -eq 0 ]; then
  AS_PG="runuser -u postgres --"
  chown postgres "$WORK/pg"
fi
R1=""; R2=""; NGINX_STARTED=""
cleanup() {
  status=$?
  trap - EXIT INT TERM
  for pid in $R1 $R2; do kill "$pid" 2>/dev/null || true; done
  [ -n "$NGINX_STARTED" ] && nginx -p "$WORK/nginx" -c nginx.conf -s stop 2>/dev/null || true
  [ -f "$WORK/pg/postmaster.pid" ] && $AS_PG "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- PostgreSQL --------------------------------------------------------------
$AS_PG "$PGBIN/initdb" -D "$WORK/pg" -A trust -U beladdr -E UTF8 > "$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; exit 1; }
PGPORT=$(free_port)
$AS_PG "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start > /dev/null
URI="postgresql://beladdr@127.0.0.1:$PGPORT/postgres"
echo "scale_out: PostgreSQL on 127.0.0.1:$PGPORT"

for c in $CENTRALS; do
  "$BIN/beladdr" centrals add --declarations "$URI" --central "$c" | tail -n 1 > "$WORK/key.$c"
done

# --- two replicas ------------------------------------------------------------
start_replica() {  # start_replica N: starts replica N on a free port
  "$BIN/beladdr-server" --index "$INDEX" --port "$(eval echo \$PORT$1)" --threads 2 \
    --declarations "$URI" > "$WORK/access.$1.log" 2> "$WORK/server.$1.err" &
  eval "R$1=$!"
  scripts/server_port.sh "$WORK/server.$1.err" > /dev/null
}
PORT1=$(free_port); PORT2=$(free_port)
start_replica 1
start_replica 2
echo "scale_out: replicas on 127.0.0.1:$PORT1 and 127.0.0.1:$PORT2"

# --- nginx -------------------------------------------------------------------
NGINX_PORT=$(free_port)
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream beladdr {
    server 127.0.0.1:$PORT1 max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$PORT2 max_fails=1 fail_timeout=2s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://beladdr;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # Creates are idempotent per x-correlation-id: retrying one on the
      # other replica cannot declare twice.
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_connect_timeout 1s;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -c nginx.conf
NGINX_STARTED=1
URL="http://127.0.0.1:$NGINX_PORT"
echo "scale_out: nginx on $URL"

BODY='{"address":{"street":"Rue Haute","houseNumber":"5","postCode":"7090"},"user":{"type":"person","nationalRegisterNumber":"85073003328","name":"Jan Peeters"},"alarm":{"detectionKinds":["intrusion"],"premisesType":"residential","startDate":"2026-12-01"},"contacts":[{"name":"Jan","phone":"0470 12 34 56"}]}'

# create CENTRAL: PER_CENTRAL creates, each retried with its UUID until 201.
create() {
  key=$(cat "$WORK/key.$1")
  for i in $(seq 1 "$PER_CENTRAL"); do
    uuid=$(cat /proc/sys/kernel/random/uuid)
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      code=$(curl -s -o "$WORK/answer.$1" -w '%{http_code}' -X POST "$URL/CreateDeclarationCAS" \
        -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -H "x-correlation-id: $uuid" -d "$BODY" || echo 000)
      if [ "$code" = 201 ]; then
        grep -o '"declarationNumber":"[0-9.]*"' "$WORK/answer.$1" | cut -d'"' -f4 >> "$WORK/acked.$1"
        break
      fi
      echo "$1 $code (attempt $attempt)" >> "$WORK/retries"
      sleep 0.2
    done
    echo "$i" > "$WORK/progress.$1"
  done
}

echo "scale_out: 4 centrals x $PER_CENTRAL creates through nginx"
: > "$WORK/retries"
START=$(date +%s.%N)
pids=""
for c in $CENTRALS; do
  create "$c" &
  pids="$pids $!"
done
# Kill replica 1 a third of the way through.
while :; do
  done_so_far=$(cat "$WORK"/progress.* 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
  [ "$done_so_far" -ge $((TOTAL / 3)) ] && break
  sleep 0.05
done
kill -9 "$R1"
echo "scale_out: replica 1 killed (SIGKILL) after $done_so_far creates"
for pid in $pids; do wait "$pid"; done
END=$(date +%s.%N)
echo "scale_out: creates done in $(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.1f", b - a }') s," \
  "$(wc -l < "$WORK/retries") attempts retried"
start_replica 1

# --- checks ------------------------------------------------------------------
fail=0
cat "$WORK"/acked.* | sort > "$WORK/all"
if [ "$(sort -u "$WORK/all" | wc -l)" -ne "$(wc -l < "$WORK/all")" ] || [ "$(wc -l < "$WORK/all")" -ne $((PER_CENTRAL * 4)) ]; then
  echo "scale_out: FAIL: $(wc -l < "$WORK/all") answers, $(sort -u "$WORK/all" | wc -l) distinct numbers" >&2
  fail=1
fi
# numbers CENTRAL PORT: what the replica on PORT lists for CENTRAL.
numbers() {
  key=$(cat "$WORK/key.$1"); cursor=""
  : > "$WORK/seen"
  while :; do
    body='{"limit":100'${cursor:+,\"cursor\":\"$cursor\"}'}'
    curl -s -X POST "http://127.0.0.1:$2/SearchDeclarationCAS" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -d "$body" > "$WORK/page"
    grep -o '"declarationNumber":"[0-9.]*"' "$WORK/page" | cut -d'"' -f4 >> "$WORK/seen"
    cursor=$(grep -o '"nextCursor":"[0-9.]*"' "$WORK/page" | cut -d'"' -f4 || true)
    [ -n "$cursor" ] || break
  done
  sort "$WORK/seen"
}
for c in $CENTRALS; do
  sort "$WORK/acked.$c" > "$WORK/want"
  for port in $PORT1 $PORT2; do
    numbers "$c" "$port" > "$WORK/got"
    if ! cmp -s "$WORK/want" "$WORK/got"; then
      echo "scale_out: FAIL: central $c on :$port sees $(wc -l < "$WORK/got"), was answered $(wc -l < "$WORK/want")" >&2
      fail=1
    fi
  done
  echo "scale_out: central $c: $(wc -l < "$WORK/want") declarations, the same on both replicas"
done
[ "$fail" -eq 0 ] || exit 1
echo "scale_out: OK: $(wc -l < "$WORK/all") declarations, numbers unique, none lost, each central sees exactly its own"
