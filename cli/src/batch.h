// Batch geocoding: one request per input line, one JSON answer per output
// line, in input order; searches (SearchAddresses) or resolutions
// (ResolveAddress).
//
// The input is JSON Lines (each line a request body, as the HTTP API takes
// it) or CSV with a header row naming the columns (for searches: query or
// q, street, houseNumber, boxNumber, postCode, municipality, language,
// limit; for resolutions: street, houseNumber, boxNumber, postCode,
// municipality, streetCode, language, limit); the first non-blank line
// decides. Blank lines are skipped.
//
// A line that cannot be answered gets an RFC 9457 problem object on its
// output line (so lines stay aligned) and a "NAME:LINE: reason" message on
// the error stream; the run goes on. A CSV header with an unknown column
// stops the run before any search.
//
// Thread safety: RunBatch uses `options.threads` workers internally; the
// searcher must be thread-safe (it is).

#ifndef BELADDR_CLI_SRC_BATCH_H_
#define BELADDR_CLI_SRC_BATCH_H_

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include "beladdr/searcher.h"

namespace beladdr::cli {

enum class BatchOperation { kSearch, kResolve };

struct BatchOptions {
  BatchOperation operation = BatchOperation::kSearch;
  std::string input_name = "stdin";  // in error messages
  int threads = 1;
  size_t chunk_lines = 1024;  // lines read, searched in parallel, written
};

struct BatchSummary {
  size_t requests = 0;  // non-blank input lines after any header
  size_t failed = 0;    // answered with a problem
};

// Runs the batch. InvalidArgument (naming the line) for a bad CSV header
// or an input that is neither JSON Lines nor CSV.
StatusOr<BatchSummary> RunBatch(const Searcher& searcher,
                                const BatchOptions& options, std::istream& in,
                                std::ostream& out, std::ostream& err);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_BATCH_H_
