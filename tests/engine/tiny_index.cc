#include "tiny_index.h"

#include <cstdlib>
#include <iostream>

#include "test_util.h"

namespace beladdr::testing {

const internal::SearcherImpl& TinySearcher() {
  static const internal::SearcherImpl* searcher = [] {
    auto s = internal::SearcherImpl::Open(SharedTinyIndexDir());
    if (!s.ok()) {
      std::cerr << "tiny index: " << s.status().ToString() << "\n";
      std::abort();
    }
    return std::move(s).value().release();
  }();
  return *searcher;
}

}  // namespace beladdr::testing
