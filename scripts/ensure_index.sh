#!/bin/sh
# Imports data/ into the index directory (default var/index) when the index
# is missing, older than any file of data/ or than the importer, or of
# another format version.
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
elif ! grep -qx "format_version $($IMPORT --format-version)" "$MARKER"; then
  reason="the index has another format version"
fi

if [ -z "$reason" ]; then
  echo "index: $INDEX is up to date ($(sed -n 's/^built_at //p' "$MARKER"))"
  exit 0
fi
echo "index: importing data/ into $INDEX ($reason)"
exec "$IMPORT" --data data --out "$INDEX"
