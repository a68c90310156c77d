#include "table.h"

#include <algorithm>
#include <cstdio>
#include <optional>
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

std::string LanguageText(std::optional<Language> lang) {
  return lang ? std::string(LanguageCode(*lang)) : std::string("none");
}

// A street result's cells after "#" and "score".
std::vector<std::string> StreetCells(const SearchResult& r) {
  std::string number = r.house_number;
  if (!r.box_number.empty()) number += " box " + r.box_number;
  return {
      r.street_code,
      r.street_name,
      r.post_code,
      r.municipality.name,
      number,
      r.matched_language ? std::string(LanguageCode(*r.matched_language)) : ""};
}

// Columns aligned, two spaces of indent.
void PrintRows(const std::vector<std::vector<std::string>>& rows,
               std::ostream& out) {
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

}  // namespace

void PrintTable(const ResolveResponse& response, std::ostream& out) {
  out << ResolveStatusName(response.status)
      << ", detected language: " << LanguageText(response.detected_language);
  if (!response.issues.empty()) {
    out << ", issues:";
    for (ResolveIssue issue : response.issues)
      out << " " << ResolveIssueName(issue);
  }
  if (response.more) out << " (more candidates exist: raise --limit)";
  out << "\n";
  std::vector<const ResolvedAddress*> shown;
  if (response.address) shown.push_back(&*response.address);
  for (const ResolvedAddress& c : response.candidates) shown.push_back(&c);
  if (shown.empty()) return;
  std::vector<std::vector<std::string>> rows = {
      {"#", "score", "code", "name", "postcode", "municipality", "number",
       "lang", "number known"}};
  int rank = 0;
  for (const ResolvedAddress* a : shown) {
    std::vector<std::string> row = {std::to_string(++rank),
                                    Score(a->street.score)};
    for (std::string& cell : StreetCells(a->street))
      row.push_back(std::move(cell));
    row.push_back(a->house_number_known == HouseNumberKnown::kTrue ? "yes"
                  : a->house_number_known == HouseNumberKnown::kFalse
                      ? "no"
                      : "unknown");
    rows.push_back(std::move(row));
  }
  PrintRows(rows, out);
}

void PrintTable(const SearchResponse& response, std::ostream& out) {
  out << "detected language: " << LanguageText(response.detected_language)
      << ", " << response.results.size()
      << (response.results.size() == 1 ? " result" : " results")
      << (response.more ? " (more exist: raise --limit)\n" : "\n");
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
      for (std::string& cell : StreetCells(r)) row.push_back(std::move(cell));
    }
    rows.push_back(std::move(row));
  }
  PrintRows(rows, out);
}

}  // namespace beladdr::cli
