// Search as you type over the full Belgian index, one request per
// iteration on one thread: every prefix of a query as a person types it
// ("s", "si", "sin", ... "sint-pietersnieuwstraat gent"), for streets
// sampled from the index (each in its own language, with its
// municipality's name after it), so 1- to 3-letter prefixes are in the mix
// as often as people type them. Counters: latency percentiles
// (microseconds) and results per request.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench_util.h"

namespace beladdr::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Every 397th street: a spread over the whole country.
constexpr size_t kStreetStride = 397;

std::vector<AutocompleteRequest> TypedPrefixes() {
  const internal::IndexData& data = FullSearcher().data();
  std::vector<AutocompleteRequest> requests;
  for (size_t s = 0; s < data.streets().size(); s += kStreetStride) {
    const internal::StreetEntry& street = data.streets()[s];
    std::string_view name;
    size_t lang = 0;
    for (size_t l = 0; l < street.names.size(); ++l) {
      if (!street.names[l].empty()) {
        name = street.names[l];
        lang = l;
        break;
      }
    }
    const auto& muni = data.municipalities()[street.municipality];
    const std::string& place =
        muni.names[lang].empty() ? muni.names[0] : muni.names[lang];
    const std::string text = std::string(name) + " " + place;
    for (size_t n = 1; n <= text.size(); ++n) {
      if ((text[n - 1] & 0xC0) == 0x80) continue;  // inside a character
      if (n < text.size() && (text[n] & 0xC0) == 0x80) continue;
      AutocompleteRequest r;
      r.q = text.substr(0, n);
      if (r.q.back() == ' ') continue;
      requests.push_back(std::move(r));
    }
  }
  return requests;
}

void BM_AutocompleteAddresses(benchmark::State& state) {
  const auto& searcher = FullSearcher();
  static const std::vector<AutocompleteRequest> mix = TypedPrefixes();
  std::vector<double> micros;
  size_t i = 0, results = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto r = searcher.AutocompleteAddresses(mix[i]);
    const auto stop = Clock::now();
    benchmark::DoNotOptimize(r);
    if (r.ok()) results += r->results.size();
    micros.push_back(
        std::chrono::duration<double, std::micro>(stop - start).count());
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
  if (const char* show = std::getenv("BELADDR_SLOWEST")) {
    // The slowest requests of the first pass over the mix, for profiling.
    std::vector<std::pair<double, size_t>> slow;
    for (size_t k = 0; k < micros.size() && k < mix.size(); ++k) {
      slow.emplace_back(micros[k], k);
    }
    std::sort(slow.rbegin(), slow.rend());
    for (size_t k = 0; k < std::strtoul(show, nullptr, 10) && k < slow.size();
         ++k) {
      std::fprintf(stderr, "%9.0f us  %s\n", slow[k].first,
                   mix[slow[k].second].q.c_str());
    }
  }
  state.counters["requests_in_mix"] = static_cast<double>(mix.size());
  SetLatencyCounters(&micros, &state);
  state.counters["results_per_query"] =
      static_cast<double>(results) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_AutocompleteAddresses)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(3.0);

}  // namespace
}  // namespace beladdr::bench

BENCHMARK_MAIN();
