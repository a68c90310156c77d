#include "table.h"

#include <cstdio>
#include <string>
#include <vector>

namespace beladdr::cli {
namespace {

// Display width of UTF-8 text: one column per code point (Belgian names are
// Latin script, so this is exact for them).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Score(double score) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%.3f", score);
  return buf;
}

}  // namespace

void PrintTable(const SearchResponse& response, std::ostream& out) {
  out << "detected language: "
      << (response.detected_language
              ? std::string(LanguageCode(*response.detected_language))
              : std::string("none"))
      << ", " << response.results.size()
      << (response.results.size() == 1 ? " result\n" : " results\n");
  if (response.results.empty()) return;

  std::vector<std::vector<std::string>> rows = {{"#", "score", "code", "name",
                                                 "postcode", "municipality",
                                                 "number", "lang"}};
  int rank = 0;
  for (const SearchResult& r : response.results) {
    std::vector<std::string> row = {std::to_string(++rank), Score(r.score)};
    if (r.kind == ResultKind::kMunicipality) {
      std::string postcodes;
      for (const std::string& pc : r.post_codes)
        postcodes += (postcodes.empty() ? "" : " ") + pc;
      row.insert(row.end(), {"NIS " + r.municipality.nis_code, "(municipality)",
                             postcodes, r.municipality.name, "", ""});
    } else {
      std::string number = r.house_number;
      if (!r.box_number.empty()) number += " box " + r.box_number;
      row.insert(
          row.end(),
          {r.street_code, r.street_name, r.post_code, r.municipality.name,
           number,
           r.matched_language ? std::string(LanguageCode(*r.matched_language))
                              : ""});
    }
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], Width(row[i]));
  }
  for (const auto& row : rows) {
    std::string line = " ";
    for (size_t i = 0; i < row.size(); ++i) {
      line += " " + row[i];
      if (i + 1 < row.size()) line.append(widths[i] - Width(row[i]) + 1, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

}  // namespace beladdr::cli
