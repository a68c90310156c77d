#include "bench_util.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "beladdr/importer.h"
#include "query_set.h"

namespace beladdr::bench {
namespace {

std::string IndexDir() {
  if (const char* dir = std::getenv("BELADDR_INDEX"); dir && *dir) return dir;
  static const std::string built = [] {
    const std::string dir = (std::filesystem::temp_directory_path() /
                             ("beladdr-bench-" + std::to_string(::getpid())))
                                .string();
    ImportOptions options;
    options.data_dir = BELADDR_DATA_DIR;
    options.out_dir = dir + "/index";
    std::ostringstream report;
    auto summary = RunImport(options, report);
    if (!summary.ok()) {
      std::cerr << "bench: import failed: " << summary.status().ToString()
                << "\n";
      std::exit(1);
    }
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(
          std::filesystem::temp_directory_path() /
              ("beladdr-bench-" + std::to_string(::getpid())),
          ec);
    });
    return options.out_dir;
  }();
  return built;
}

}  // namespace

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(::sysconf(_SC_PAGESIZE));
}

double Percentile(std::vector<double>* values, double p) {
  if (values->empty()) return 0;
  std::sort(values->begin(), values->end());
  const size_t i = std::min(
      values->size() - 1,
      static_cast<size_t>(p / 100.0 * static_cast<double>(values->size())));
  return (*values)[i];
}

const internal::SearcherImpl& FullSearcher() {
  static const internal::SearcherImpl* const searcher = [] {
    auto s = internal::SearcherImpl::Open(IndexDir());
    if (!s.ok()) {
      std::cerr << "bench: " << s.status().ToString() << "\n";
      std::exit(1);
    }
    return std::move(s).value().release();
  }();
  return *searcher;
}

const std::vector<SearchRequest>& QueryMix(size_t count) {
  static const std::vector<SearchRequest>* const mix = [count] {
    auto* out = new std::vector<SearchRequest>();
    if (const char* one = std::getenv("BELADDR_QUERY")) {  // profile one query
      SearchRequest r;
      r.query = one;
      out->push_back(r);
      return out;
    }
    if (const char* file = std::getenv("BELADDR_QUERY_FILE")) {  // one per line
      std::ifstream in(file);
      std::string line;
      while (std::getline(in, line)) {
        SearchRequest r;
        r.query = line;
        out->push_back(r);
      }
      return out;
    }
    const std::string dir = std::string(BELADDR_SOURCE_DIR) + "/bench/queries/";
    auto noisy = quality::ReadQuerySet(dir + "noisy.jsonl");
    auto structured = quality::ReadQuerySet(dir + "structured.jsonl");
    if (!noisy.ok() || !structured.ok()) {
      std::cerr << "bench: cannot read bench/queries\n";
      std::exit(1);
    }
    size_t n = 0, s = 0;
    while (out->size() < count &&
           (n < noisy->size() || s < structured->size())) {
      for (int k = 0; k < 3 && n < noisy->size(); ++k)
        out->push_back((*noisy)[n++].request);
      if (s < structured->size()) out->push_back((*structured)[s++].request);
    }
    out->resize(std::min(out->size(), count));
    return out;
  }();
  return *mix;
}

void SetLatencyCounters(std::vector<double>* micros, benchmark::State* state) {
  state->counters["p50_us"] = Percentile(micros, 50);
  state->counters["p90_us"] = Percentile(micros, 90);
  state->counters["p99_us"] = Percentile(micros, 99);
  state->counters["max_us"] = Percentile(micros, 100);
}

void PrintSlowest(const std::vector<double>& micros, size_t count,
                  const std::function<std::string(size_t)>& describe) {
  const char* show = std::getenv("BELADDR_SLOWEST");
  if (show == nullptr) return;
  std::vector<std::pair<double, size_t>> slow;
  for (size_t k = 0; k < micros.size() && k < count; ++k) {
    slow.emplace_back(micros[k], k);
  }
  std::sort(slow.rbegin(), slow.rend());
  const size_t n = std::strtoul(show, nullptr, 10);
  for (size_t k = 0; k < n && k < slow.size(); ++k) {
    std::fprintf(stderr, "%9.0f us  %s\n", slow[k].first,
                 describe(slow[k].second).c_str());
  }
}

}  // namespace beladdr::bench
