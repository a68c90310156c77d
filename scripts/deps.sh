#!/bin/sh
# Installs the Debian (bookworm) packages beladdr needs to build, test and
# run. Idempotent: does nothing when everything is present. Runs apt-get as
# root, or through sudo otherwise.
#
#   scripts/deps.sh           what build, test and serve need
#   scripts/deps.sh --peers   also what the peer comparison needs
#                             (bench/peers: PostgreSQL, SQLite, gnuplot)
#   scripts/deps.sh --fuzz    also what fuzzing needs (clang, libFuzzer)
#   scripts/deps.sh --scale-out  also nginx and curl (scripts/scale_out.sh)
#
# Always: Debian's chromium (and Node.js when none is installed) for the
# browser tests, and their one npm package, playwright-core, pinned in
# tests/browser/package-lock.json (npm ci; the browser never downloads).
set -eu

PACKAGES="
  g++ cmake ninja-build ccache pkg-config make
  libicu-dev librocksdb-dev zlib1g-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev prometheus-cpp-dev
  libcli11-dev libssl-dev libpq-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk chromium
"
# Node.js: the machine's own when it has one (it may come from elsewhere
# than Debian); Debian's otherwise.
if ! command -v node >/dev/null 2>&1; then
  PACKAGES="$PACKAGES nodejs npm"
fi
if [ "${1:-}" = "--fuzz" ]; then
  PACKAGES="$PACKAGES clang libclang-rt-dev python3"
fi
if [ "${1:-}" = "--scale-out" ]; then
  PACKAGES="$PACKAGES nginx curl"
fi
if [ "${1:-}" = "--peers" ]; then
  PACKAGES="$PACKAGES postgresql postgresql-contrib sqlite3 libpq-dev libsqlite3-dev gnuplot-nox"
fi

missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done

install_packages() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "deps: missing packages:$missing" >&2
    echo "deps: run this script as root (no sudo found)" >&2
    exit 1
  fi
  echo "deps: installing:$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

# tests/browser/node_modules as the lock file pins it (skipped when
# node is older than 20, which playwright-core needs: the browser tests
# are then off, and CMake says so).
install_browser_tests() {
  dir=$(cd "$(dirname "$0")/../tests/browser" && pwd)
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "deps: node $major is older than 20; the browser tests stay off" >&2
    return 0
  fi
  want=$(node -p "require('$dir/package-lock.json').packages['node_modules/playwright-core'].version")
  have=$(node -p "try { require('$dir/node_modules/playwright-core/package.json').version } catch (e) { '' }")
  if [ "$want" != "$have" ]; then
    echo "deps: npm ci in tests/browser (playwright-core $want)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [ -n "$missing" ]; then
  install_packages
fi
install_browser_tests
if [ -z "$missing" ]; then
  echo "deps: all packages present"
fi
