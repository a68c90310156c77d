#!/bin/sh
# Builds the libFuzzer programs (clang, ASan + UBSan) and runs each target
# for SECONDS (default 600), two at a time on this 2-core machine.
#
#   fuzz/run.sh [SECONDS] [TARGET ...]     (make fuzz: all four, 10 min each)
#
# Targets: normalizer query_parser json_decoder handler (fuzz/fuzz_targets.h).
# Seeds come from the quality harness's query sets (fuzz/make_seeds.py);
# each target's corpus grows in var/fuzz/<target>/corpus across runs. A
# failing input lands in var/fuzz/<target>/crashes/: fix the bug, then copy
# the input to fuzz/regressions/<target>/ so tests/fuzz replays it forever.
# Writes var/fuzz/summary.md (executions, coverage, corpus, crashes) and
# exits non-zero when any target failed.
set -eu
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-600}
[ $# -gt 0 ] && shift
TARGETS=${*:-normalizer query_parser json_decoder handler}
BUILD=${FUZZ_BUILD:-build-fuzz}
OUT=var/fuzz
INDEX=${INDEX:-var/index}

scripts/deps.sh --fuzz
make --no-print-directory index INDEX="$INDEX"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DBELADDR_FUZZ=ON \
    -DBELADDR_BUILD_TESTS=OFF -DBELADDR_BUILD_BENCHMARKS=OFF
fi
programs=""
for t in $TARGETS; do programs="$programs fuzz_$t"; done
# shellcheck disable=SC2086
cmake --build "$BUILD" -j "$(nproc)" --target $programs

rm -rf "$OUT/seeds"
python3 fuzz/make_seeds.py bench/queries "$OUT/seeds"

run_one() {
  t=$1
  dir="$OUT/$t"
  mkdir -p "$dir/corpus" "$dir/crashes"
  echo "fuzz: $t for ${SECONDS_EACH}s (log: $dir/log)"
  # Regression inputs join the seeds: the fuzzer starts from past failures.
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  BELADDR_FUZZ_INDEX="$INDEX" "$BUILD/bin/fuzz_$t" \
    -max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=4096 -max_len=4096 -artifact_prefix="$dir/crashes/" \
    "$dir/corpus" "$OUT/seeds/$t" "fuzz/regressions/$t" \
    > "$dir/log" 2>&1 || status=$?
  echo "$status" > "$dir/status"
}

set -- $TARGETS
while [ $# -gt 0 ]; do
  run_one "$1" &
  first=$!
  if [ $# -gt 1 ]; then
    run_one "$2" &
    wait $!
    shift
  fi
  wait $first
  shift
done

failed=0
{
  echo "| target | seconds | executions | exec/s | coverage (edges) | features | corpus | result |"
  echo "|---|---|---|---|---|---|---|---|"
  for t in $TARGETS; do
    dir="$OUT/$t"
    log="$dir/log"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
    if [ "$(cat "$dir/status")" = 0 ]; then
      result="ok"
    else
      result="FAILED: see $log and $dir/crashes/"
      failed=1
    fi
    echo "| $t | $SECONDS_EACH | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $result |"
  done
} > "$OUT/summary.md"
cat "$OUT/summary.md"
exit $failed
