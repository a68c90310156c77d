// The search stages on their own, over the same fixed query mix as
// search_bench: ICU folding, parsing, place matching, candidate generation,
// and scoring the candidates.

#include <benchmark/benchmark.h>

#include "beladdr/index/normalizer.h"
#include "bench_util.h"
#include "internal/candidates.h"
#include "internal/place_matcher.h"
#include "internal/query_parser.h"
#include "internal/scorer.h"

namespace beladdr::bench {
namespace {

using namespace beladdr::internal;  // NOLINT

const std::string& Text(const SearchRequest& r) {
  return r.query.empty() ? r.street : r.query;
}

void BM_Normalize(benchmark::State& state) {
  const auto& mix = QueryMix();
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Normalizer::Default().Fold(
        Text(mix[i]), Normalizer::Form::kPlain, &out));
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kNanosecond);

void BM_ParseQuery(benchmark::State& state) {
  const auto& d = FullSearcher().data();
  const auto& mix = QueryMix();
  size_t i = 0;
  for (auto _ : state) {
    auto q = ParseQuery(mix[i], d);
    benchmark::DoNotOptimize(q);
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseQuery)->Unit(benchmark::kMicrosecond);

struct Prepared {
  ParsedQuery query;
  QueryReading reading;
  std::vector<Candidate> candidates;
};

const std::vector<Prepared>& PreparedMix() {
  static const auto* const prepared = [] {
    auto* out = new std::vector<Prepared>();
    const auto& s = FullSearcher();
    for (const auto& r : QueryMix()) {
      auto q = ParseQuery(r, s.data());
      if (!q.ok()) continue;
      Prepared p;
      p.query = std::move(q).value();
      p.reading = ReadQuery(p.query, s.data(), s.options().ranking);
      p.candidates = GenerateCandidates(p.query, p.reading, s.data(),
                                        s.options().candidates);
      out->push_back(std::move(p));
    }
    return out;
  }();
  return *prepared;
}

void BM_FindPlaces(benchmark::State& state) {
  const auto& s = FullSearcher();
  const auto& mix = PreparedMix();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        FindPlaces(mix[i].query, s.data(), s.options().ranking));
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindPlaces)->Unit(benchmark::kMicrosecond);

void BM_ReadQuery(benchmark::State& state) {
  const auto& s = FullSearcher();
  const auto& mix = PreparedMix();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ReadQuery(mix[i].query, s.data(), s.options().ranking));
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadQuery)->Unit(benchmark::kMicrosecond);

void BM_GenerateCandidates(benchmark::State& state) {
  const auto& s = FullSearcher();
  const auto& mix = PreparedMix();
  size_t i = 0, total = 0;
  for (auto _ : state) {
    auto c = GenerateCandidates(mix[i].query, mix[i].reading, s.data(),
                                s.options().candidates);
    total += c.size();
    benchmark::DoNotOptimize(c);
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["candidates"] =
      static_cast<double>(total) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_GenerateCandidates)->Unit(benchmark::kMicrosecond);

void BM_ScoreCandidates(benchmark::State& state) {
  const auto& s = FullSearcher();
  const auto& mix = PreparedMix();
  size_t i = 0;
  for (auto _ : state) {
    Scorer scorer(mix[i].query, mix[i].reading, s.data(), s.options().ranking);
    double best = 0;
    for (const Candidate& c : mix[i].candidates)
      best = std::max(best, scorer.Score(c.variant).score);
    benchmark::DoNotOptimize(best);
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScoreCandidates)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace beladdr::bench

BENCHMARK_MAIN();
