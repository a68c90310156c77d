#include "csv_input.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "beladdr/ascii.h"

namespace beladdr::cli {
namespace {

std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    items.push_back(std::string(TrimBlanks(list.substr(0, comma))));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return items;
}

}  // namespace

char DetectSeparator(std::string_view header) {
  std::array<size_t, 3> counts{};  // , ; tab
  bool quoted = false;
  for (const char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ',';
}

StatusOr<CsvLayout> CsvLayout::Parse(const std::vector<std::string>& header,
                                     std::string_view columns_spec,
                                     const std::vector<std::string>& fields,
                                     bool free_text) {
  CsvLayout layout;
  for (const std::string& h : header)
    layout.header_.push_back(std::string(TrimBlanks(h)));
  layout.field_of_.assign(layout.header_.size(), "");
  auto column = [&](const std::string& name) -> StatusOr<size_t> {
    const auto it =
        std::find(layout.header_.begin(), layout.header_.end(), name);
    if (it == layout.header_.end()) {
      return Status::InvalidArgument("--columns names '" + name +
                                     "', which the CSV header does not have");
    }
    return static_cast<size_t>(it - layout.header_.begin());
  };
  auto known = [&](const std::string& f) {
    return std::find(fields.begin(), fields.end(), f) != fields.end();
  };
  if (columns_spec.empty()) {
    for (size_t i = 0; i < layout.header_.size(); ++i) {
      const std::string& h = layout.header_[i];
      const std::string f = h == "q" ? "query" : h;
      if (known(f)) layout.field_of_[i] = f;
    }
  } else {
    for (const std::string& item : SplitList(columns_spec)) {
      const size_t eq = item.find('=');
      if (eq == std::string::npos) {
        if (!free_text) {
          return Status::InvalidArgument(
              "--columns: '" + item +
              "' gives no field; a resolution takes FIELD=COLUMN items "
              "(street=..., postCode=...), not free text");
        }
        BELADDR_ASSIGN_OR_RETURN(const size_t i, column(item));
        layout.query_columns_.push_back(i);
        layout.field_of_[i] = "query";
        continue;
      }
      const std::string field = std::string(TrimBlanks(item.substr(0, eq)));
      if (!known(field)) {
        return Status::InvalidArgument("--columns: unknown field '" + field +
                                       "'");
      }
      BELADDR_ASSIGN_OR_RETURN(
          const size_t i, column(std::string(TrimBlanks(item.substr(eq + 1)))));
      layout.field_of_[i] = field;
    }
  }
  if (std::all_of(layout.field_of_.begin(), layout.field_of_.end(),
                  [](const std::string& f) { return f.empty(); })) {
    std::string list;
    for (const std::string& f : fields) list += (list.empty() ? "" : ", ") + f;
    return Status::InvalidArgument(
        "no column of the CSV header is a request field (" + list +
        "); name the columns that form the request with --columns");
  }
  return layout;
}

std::vector<std::pair<std::string, std::string>> CsvLayout::Params(
    const std::vector<std::string>& row) const {
  std::vector<std::pair<std::string, std::string>> params;
  std::string query;
  for (size_t i : query_columns_) {
    if (i < row.size() && !row[i].empty()) {
      query += (query.empty() ? "" : ", ") + row[i];
    }
  }
  if (!query.empty()) params.emplace_back("query", query);
  for (size_t i = 0; i < field_of_.size() && i < row.size(); ++i) {
    if (field_of_[i].empty() || row[i].empty()) continue;
    if (!query_columns_.empty() && field_of_[i] == "query") continue;
    params.emplace_back(field_of_[i], row[i]);
  }
  return params;
}

std::vector<std::pair<std::string, std::string>> CsvLayout::PassThrough(
    const std::vector<std::string>& row) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < field_of_.size(); ++i) {
    if (field_of_[i].empty()) {
      out.emplace_back(header_[i], i < row.size() ? row[i] : std::string());
    }
  }
  return out;
}

bool KnownEncoding(std::string_view encoding) {
  const std::string e = AsciiLower(encoding);
  return e == "utf-8" || e == "utf8" || e == "windows-1252" || e == "cp1252" ||
         e == "latin1" || e == "latin-1" || e == "iso-8859-1";
}

StatusOr<std::string> ToUtf8(std::string_view text, std::string_view encoding) {
  const std::string e = AsciiLower(encoding);
  if (!KnownEncoding(e)) {
    return Status::InvalidArgument("unknown encoding '" +
                                   std::string(encoding) +
                                   "'; give utf-8, windows-1252 or latin1");
  }
  if (e == "utf-8" || e == "utf8") return std::string(text);
  // Latin-1 is read as Windows-1252, its superset in practice (Excel).
  std::string out(text.size() * 3 + 4, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert("UTF-8", "windows-1252", out.data(),
                                 static_cast<int32_t>(out.size()), text.data(),
                                 static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    return Status::InvalidArgument(std::string("cannot convert from ") +
                                   std::string(encoding) + ": " +
                                   u_errorName(status));
  }
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace beladdr::cli
