// Batch geocoding: one request per input line, one JSON answer per output
// line, in input order; searches (SearchAddresses) or resolutions
// (ResolveAddress).
//
// The input is JSON Lines (each line a request body, as the HTTP API takes
// it) or CSV with a header row (for searches: query or q, street,
// houseNumber, boxNumber, postCode, municipality, language, limit; for
// resolutions: street, houseNumber, boxNumber, postCode, municipality,
// streetCode, language, limit; other columns pass through; --columns names
// the request's columns otherwise; the separator , ; or tab is detected);
// the first non-blank line decides.
//
// Every input line after a CSV header gets one answer, with its "line"
// number: one that cannot be answered (a blank one too) gets
// {"line", "error": problem} (so lines stay aligned) and a
// "NAME:LINE: reason" message on the error stream; the run goes on. A CSV
// header with no request column, or a line that is not UTF-8 when no
// --encoding is given, stops the run.
//
// Thread safety: RunBatch uses `options.threads` workers internally; the
// searcher must be thread-safe (it is).

#ifndef BELADDR_CLI_SRC_BATCH_H_
#define BELADDR_CLI_SRC_BATCH_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "beladdr/searcher.h"

namespace beladdr::cli {

enum class BatchOperation { kSearch, kResolve };

enum class BatchOutput { kJsonLines, kCsv };

struct BatchOptions {
  BatchOperation operation = BatchOperation::kSearch;
  std::string input_name = "stdin";  // in error messages
  int threads = 1;
  size_t chunk_lines = 1024;  // lines read, searched in parallel, written
  // --columns: which CSV columns form the request (see CsvLayout::Parse);
  // "" = the columns named like request fields.
  std::string columns;
  // --encoding of the input: "" or utf-8 (then a line that is not UTF-8
  // stops the run with a hint), windows-1252 or latin1.
  std::string encoding;
  // --output: JSON Lines (the API's answers with "line"), or CSV (the input
  // columns plus the top result's columns, in the input's separator).
  BatchOutput output = BatchOutput::kJsonLines;
};

struct BatchSummary {
  size_t requests = 0;  // non-blank input lines after any header
  size_t failed = 0;    // answered with a problem
};

// A batch answered piece by piece, so that the answers can be sent while
// the rest is still being read or searched (the server streams them).
class BatchRun {
 public:
  // `searcher`, `options` and `in` must outlive the run.
  BatchRun(const Searcher& searcher, const BatchOptions& options,
           std::istream& in);
  ~BatchRun();
  BatchRun(const BatchRun&) = delete;
  BatchRun& operator=(const BatchRun&) = delete;

  // Reads up to options.chunk_lines lines and answers them: appends the
  // answers to *out (after the CSV header, when --output csv, in the first
  // piece), one per line, and the error messages to *err. Returns false,
  // appending nothing, once the input is used up. InvalidArgument (naming
  // the line) stops the run: an unknown encoding, a bad CSV header, a line
  // that is not UTF-8; what was appended before it stays valid.
  StatusOr<bool> Next(std::string* out, std::string* err);

  const BatchSummary& summary() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs the whole batch (BatchRun to the end). InvalidArgument (naming the
// line) for a bad CSV header or an input that is neither JSON Lines nor
// CSV.
StatusOr<BatchSummary> RunBatch(const Searcher& searcher,
                                const BatchOptions& options, std::istream& in,
                                std::ostream& out, std::ostream& err);

// The whole of `text` as UTF-8, line for line, converted from
// options.encoding: for an input held in memory (a batch over HTTP), which
// then runs as UTF-8 and is converted once. Its error is the one RunBatch
// would stop with (an unknown encoding, a line that is not UTF-8 or not
// convertible), found before anything is answered.
StatusOr<std::string> DecodeInput(std::string_view text,
                                  const BatchOptions& options);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_BATCH_H_
