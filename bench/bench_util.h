// Shared set-up for the benchmarks: the full Belgian index (built from
// data/ into a temporary directory when BELADDR_INDEX does not name one)
// and the fixed query mix from bench/queries.

#ifndef BELADDR_BENCH_BENCH_UTIL_H_
#define BELADDR_BENCH_BENCH_UTIL_H_

#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "beladdr/address.h"
#include "searcher_impl.h"

namespace beladdr::bench {

// The searcher over the full index, opened once per process.
const internal::SearcherImpl& FullSearcher();

// The first `count` noisy and structured queries of bench/queries, mixed
// 3:1, as requests (limit 10).
const std::vector<SearchRequest>& QueryMix(size_t count = 2000);

// Resident set size of this process, in bytes (from /proc/self/statm).
size_t ResidentBytes();

// p-th percentile (0..100) of `values` (sorted in place).
double Percentile(std::vector<double>* values, double p);

// Per-request latencies (microseconds) and the results answered.
struct Timings {
  std::vector<double> micros;
  size_t results = 0;
};

// Calls `run(i)` once per benchmark iteration, i cycling through
// 0..count-1, timing each call; `run` returns a StatusOr<SearchResponse>.
template <typename Run>
Timings TimeEach(benchmark::State& state, size_t count, Run run) {
  Timings t;
  size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto r = run(i);
    const auto stop = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(r);
    if (r.ok()) t.results += r->results.size();
    t.micros.push_back(
        std::chrono::duration<double, std::micro>(stop - start).count());
    i = (i + 1) % count;
  }
  state.SetItemsProcessed(state.iterations());
  return t;
}

// With BELADDR_SLOWEST=N, prints the N slowest requests of the first pass
// over the `count` requests (`describe(i)` names request i), for
// profiling.
void PrintSlowest(const std::vector<double>& micros, size_t count,
                  const std::function<std::string(size_t)>& describe);

// Sets the p50_us, p90_us, p99_us and max_us counters of `state` from
// per-request latencies in microseconds (sorted in place).
void SetLatencyCounters(std::vector<double>* micros, benchmark::State* state);

}  // namespace beladdr::bench

#endif  // BELADDR_BENCH_BENCH_UTIL_H_
