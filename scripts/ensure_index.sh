#!/bin/sh
# Imports data/ into the index directory (default var/index) when the index
# is missing, or older than any file of data/ or than the importer (a new
# format version comes with a new importer; the engine checks the version
# itself, in the index's meta key, when it opens it).
set -eu
INDEX=${1:-var/index}
IMPORT=build/bin/beladdr-import
MARKER="$INDEX/BELADDR_INDEX"

reason=""
if [ ! -f "$MARKER" ]; then
  reason="no index at $INDEX"
elif [ -n "$(find data -newer "$MARKER" -type f | head -n 1)" ]; then
  reason="data/ changed since the index was built"
elif [ "$IMPORT" -nt "$MARKER" ]; then
  reason="the importer changed since the index was built"
fi

if [ -z "$reason" ]; then
  echo "index: $INDEX is up to date ($(sed -n 's/^built_at //p' "$MARKER"))"
  exit 0
fi
echo "index: importing data/ into $INDEX ($reason)"
exec "$IMPORT" --data data --out "$INDEX"
