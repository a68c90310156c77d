// Shared set-up for the benchmarks: the full Belgian index (built from
// data/ into a temporary directory when BELADDR_INDEX does not name one)
// and the fixed query mix from bench/queries.

#ifndef BELADDR_BENCH_BENCH_UTIL_H_
#define BELADDR_BENCH_BENCH_UTIL_H_

#include <benchmark/benchmark.h>

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

// Sets the p50_us, p90_us, p99_us and max_us counters of `state` from
// per-request latencies in microseconds (sorted in place).
void SetLatencyCounters(std::vector<double>* micros, benchmark::State* state);

}  // namespace beladdr::bench

#endif  // BELADDR_BENCH_BENCH_UTIL_H_
