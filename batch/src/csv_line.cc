#include "csv_line.h"

namespace beladdr::cli {

StatusOr<std::vector<std::string>> SplitCsvLine(std::string_view line,
                                                char separator) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields(1);
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == separator) {
      fields.emplace_back();
      ++i;
    } else if (c == '"' && fields.back().empty()) {
      // A quoted field: up to the closing quote; "" is one quote.
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            fields.back().push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        fields.back().push_back(line[i++]);
      }
      if (!closed) return Status::InvalidArgument("unterminated quoted field");
      if (i < line.size() && line[i] != separator) {
        return Status::InvalidArgument(
            "text after a closing quote (write \"\" for a quote)");
      }
    } else {
      fields.back().push_back(c);
      ++i;
    }
  }
  return fields;
}

std::string CsvField(std::string_view value, char separator) {
  if (value.find_first_of(std::string{separator, '"', '\n', '\r'}) ==
      std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace beladdr::cli
