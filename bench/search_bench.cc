// End-to-end search over a fixed mix of 2,000 noisy and structured queries
// on the full Belgian index, one query per iteration, on one thread.
// Counters: per-query latency percentiles (microseconds), the process's
// resident memory with the index loaded, and the same mix answered by an
// exhaustive trigram-similarity scan (the peer: what a trigram search does
// without an index), for a ratio measured in the same run.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "beladdr/index/coding.h"
#include "beladdr/index/index_format.h"
#include "beladdr/index/normalizer.h"
#include "bench_util.h"

namespace beladdr::bench {
namespace {

using Clock = std::chrono::steady_clock;

void BM_SearchAddresses(benchmark::State& state) {
  const auto& searcher = FullSearcher();
  const auto& mix = QueryMix();
  Timings t = TimeEach(state, mix.size(), [&](size_t i) {
    return searcher.SearchAddresses(mix[i]);
  });
  PrintSlowest(t.micros, mix.size(), [&](size_t i) {
    const SearchRequest& r = mix[i];
    return r.query + "|" + r.street + "|" + r.post_code + "|" + r.municipality;
  });
  std::vector<double>& micros = t.micros;
  const size_t results = t.results;
  SetLatencyCounters(&micros, &state);
  state.counters["rss_MB"] = static_cast<double>(ResidentBytes()) / 1e6;
  static bool memory_shown = false;  // once, not per repetition
  if (std::getenv("BELADDR_MEMORY") && !memory_shown) {
    memory_shown = true;  // where the resident memory goes
    for (const auto& [part, bytes] : searcher.data().MemoryBreakdown()) {
      std::fprintf(stderr, "%8.1f MB  %s\n", static_cast<double>(bytes) / 1e6,
                   part.c_str());
    }
  }
  state.counters["results_per_query"] =
      static_cast<double>(results) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SearchAddresses)->Unit(benchmark::kMicrosecond)->MinTime(3.0);

// The peer: score every street variant by trigram similarity
// |Q ∩ V| / |Q ∪ V| (pg_trgm's similarity) and keep the best ten, with no
// index -- a lower bound on what any search must beat.
void BM_ExhaustiveTrigramScan(benchmark::State& state) {
  const auto& d = FullSearcher().data();
  const auto& mix = QueryMix();
  // Each variant's trigram set, built once outside the timed loop.
  static std::vector<std::vector<internal::Trigram>>* sets = [&] {
    auto* v = new std::vector<std::vector<internal::Trigram>>(
        d.street_variants().size());
    std::string text;
    for (size_t id = 0; id < d.street_variants().size(); ++id) {
      text.clear();
      for (internal::WordId w : d.Words(d.street_variants()[id].name)) {
        if (!text.empty()) text.push_back(' ');
        text.append(d.vocabulary().word(w));
      }
      internal::ExtractTrigrams(text, &(*v)[id]);
    }
    return v;
  }();
  std::vector<double> micros;
  size_t i = 0;
  std::string folded;
  std::vector<internal::Trigram> q;
  for (auto _ : state) {
    const auto start = Clock::now();
    const SearchRequest& r = mix[i];
    (void)internal::Normalizer::Default().Fold(
        r.query.empty() ? r.street : r.query,
        internal::Normalizer::Form::kPlain, &folded);
    std::string joined;
    for (const auto& t : internal::Normalizer::Tokenize(folded)) {
      if (!joined.empty()) joined.push_back(' ');
      joined += t.text;
    }
    internal::ExtractTrigrams(joined, &q);
    std::vector<std::pair<float, uint32_t>> best;
    for (uint32_t id = 0; id < sets->size(); ++id) {
      const auto& v = (*sets)[id];
      size_t shared = 0, a = 0, b = 0;
      while (a < q.size() && b < v.size()) {
        if (q[a] == v[b]) {
          ++shared;
          ++a;
          ++b;
        } else if (q[a] < v[b])
          ++a;
        else
          ++b;
      }
      const float sim = static_cast<float>(shared) /
                        static_cast<float>(q.size() + v.size() - shared);
      if (best.size() < 10 || sim > best.back().first) {
        best.emplace_back(sim, id);
        std::sort(best.begin(), best.end(), std::greater<>());
        if (best.size() > 10) best.pop_back();
      }
    }
    benchmark::DoNotOptimize(best);
    micros.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start)
            .count());
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["p50_us"] = Percentile(&micros, 50);
  state.counters["p99_us"] = Percentile(&micros, 99);
}
BENCHMARK(BM_ExhaustiveTrigramScan)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(3.0);

}  // namespace
}  // namespace beladdr::bench

BENCHMARK_MAIN();
