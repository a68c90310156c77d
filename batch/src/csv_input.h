// CSV input in the shapes people export (issue 14.5): the separator
// detected from the header (`,`, `;` as Belgian Excel writes, or tab), the
// columns that form the request (by their field names, or named with
// --columns), the other columns passed through unchanged, and Latin-1 /
// Windows-1252 text converted when asked (--encoding).
//
// Thread safety: a CsvLayout is immutable after Parse(); const methods are
// thread-safe.

#ifndef BELADDR_CLI_SRC_CSV_INPUT_H_
#define BELADDR_CLI_SRC_CSV_INPUT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::cli {

// The separator of a header line: the most frequent of `,`, `;` and tab
// outside quotes (`,` when none).
char DetectSeparator(std::string_view header);

class CsvLayout {
 public:
  // `columns_spec` is --columns: "" (columns named like the request fields
  // are used), or a comma-separated list whose items are "COLUMN" (joined,
  // in order, into the free-text query; searches only) or "FIELD=COLUMN".
  // `fields` are the request fields the operation knows; `free_text`
  // whether it takes a query. InvalidArgument (without a location) when a
  // named column is not in the header, a field is unknown, or no column
  // forms a request.
  static StatusOr<CsvLayout> Parse(const std::vector<std::string>& header,
                                   std::string_view columns_spec,
                                   const std::vector<std::string>& fields,
                                   bool free_text);

  const std::vector<std::string>& header() const { return header_; }
  // The request parameters of one row (empty values left out).
  std::vector<std::pair<std::string, std::string>> Params(
      const std::vector<std::string>& row) const;
  // The (column, value) pairs of the columns that are not part of the
  // request, in header order.
  std::vector<std::pair<std::string, std::string>> PassThrough(
      const std::vector<std::string>& row) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::string> field_of_;  // by column: field, "" = pass through
  std::vector<size_t> query_columns_;  // joined into "query", in order
};

// Converts `text` from `encoding` ("windows-1252", "latin1", "iso-8859-1",
// or "utf-8", any case) to UTF-8. InvalidArgument for an unknown encoding.
StatusOr<std::string> ToUtf8(std::string_view text, std::string_view encoding);
// True for an encoding name ToUtf8 knows.
bool KnownEncoding(std::string_view encoding);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_CSV_INPUT_H_
