// Search as you type over the full Belgian index, one request per
// iteration on one thread: every prefix of a query as a person types it
// ("s", "si", "sin", ... "sint-pietersnieuwstraat gent"), for streets
// sampled from the index (each in its own language, with its
// municipality's name after it), so 1- to 3-letter prefixes are in the mix
// as often as people type them. Counters: latency percentiles
// (microseconds) and results per request.

#include <benchmark/benchmark.h>

#include "bench_util.h"

namespace beladdr::bench {
namespace {

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
  Timings t = TimeEach(state, mix.size(), [&](size_t i) {
    return searcher.AutocompleteAddresses(mix[i]);
  });
  PrintSlowest(t.micros, mix.size(), [&](size_t i) { return mix[i].q; });
  std::vector<double>& micros = t.micros;
  const size_t results = t.results;
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
