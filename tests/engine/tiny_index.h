// The tiny fixture index (tests/testdata/tiny), built once per test binary
// into a private temporary directory and opened as a searcher.

#ifndef BELADDR_TESTS_ENGINE_TINY_INDEX_H_
#define BELADDR_TESTS_ENGINE_TINY_INDEX_H_

#include "searcher_impl.h"

namespace beladdr::testing {

// The searcher over the tiny index; aborts the test binary if it cannot be
// built (every engine test needs it).
const internal::SearcherImpl& TinySearcher();

}  // namespace beladdr::testing

#endif  // BELADDR_TESTS_ENGINE_TINY_INDEX_H_
