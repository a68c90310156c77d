#!/bin/sh
# Waits (up to 10 s) for a beladdr-server started with --port 0 to say
# where it listens, and prints the port.
#
#   scripts/server_port.sh STDERR_FILE
#
# Exits 1 (printing the server's messages) when it never does.
set -eu
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\).*|\1|p' "$1" | head -n 1)
  if [ -n "$port" ]; then
    echo "$port"
    exit 0
  fi
  sleep 0.1
done
echo "beladdr-server did not start:" >&2
cat "$1" >&2
exit 1
