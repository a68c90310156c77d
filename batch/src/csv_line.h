// Splits one CSV line (RFC 4180 quoting: "a, b" and doubled quotes "" inside
// quotes) into fields. Batch requests are one per line, so a quoted field
// never spans lines here; an unterminated quote is an error.
//
// Thread safety: a pure function.

#ifndef BELADDR_CLI_SRC_CSV_LINE_H_
#define BELADDR_CLI_SRC_CSV_LINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::cli {

StatusOr<std::vector<std::string>> SplitCsvLine(std::string_view line,
                                                char separator = ',');

// One CSV field, quoted when it holds the separator, a quote or a line
// break.
std::string CsvField(std::string_view value, char separator);

}  // namespace beladdr::cli

#endif  // BELADDR_CLI_SRC_CSV_LINE_H_
