#include "tiny_index.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "test_util.h"

namespace beladdr::testing {

const internal::SearcherImpl& TinySearcher() {
  // Built on first use; the directory lives until the binary exits.
  static TempDir* dir = new TempDir();
  static const internal::SearcherImpl* searcher = [] {
    auto summary = BuildTinyIndex(dir->Sub("index"));
    if (!summary.ok()) {
      std::cerr << "tiny index: " << summary.status().ToString() << "\n";
      std::abort();
    }
    auto s = internal::SearcherImpl::Open(dir->Sub("index"));
    if (!s.ok()) {
      std::cerr << "tiny index: " << s.status().ToString() << "\n";
      std::abort();
    }
    std::atexit([] { delete dir; });
    return std::move(s).value().release();
  }();
  return *searcher;
}

}  // namespace beladdr::testing
