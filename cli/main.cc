// beladdr: command-line client. Searches an index in-process.
//   beladdr search [--index DIR] [--lang nl|fr|de] [--limit N] "query"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "beladdr/searcher.h"

namespace {

constexpr char kUsage[] =
    "usage: beladdr search [--index DIR] [--lang nl|fr|de] [--limit N] QUERY\n";

int Usage(const std::string& error) {
  std::cerr << "beladdr: " << error << "\n" << kUsage;
  return 2;
}

void PrintTable(const beladdr::SearchResponse& r) {
  std::cout << "detected language: "
            << (r.detected_language ? std::string(beladdr::LanguageCode(*r.detected_language))
                                    : std::string("none"))
            << ", " << r.results.size() << " result(s)\n";
  for (const auto& x : r.results) {
    char score[16];
    std::snprintf(score, sizeof(score), "%.3f", x.score);
    if (x.kind == beladdr::ResultKind::kMunicipality) {
      std::cout << "  " << score << "  municipality " << x.municipality.nis_code
                << "  " << x.municipality.name << "  postcodes:";
      for (const auto& pc : x.post_codes) std::cout << " " << pc;
      std::cout << "\n";
      continue;
    }
    std::cout << "  " << score << "  " << x.street_code << "  " << x.street_name
              << ", " << x.post_code << " " << x.municipality.name;
    if (!x.house_number.empty()) std::cout << "  nr " << x.house_number;
    if (!x.box_number.empty()) std::cout << " box " << x.box_number;
    if (x.matched_language) {
      std::cout << "  [" << beladdr::LanguageCode(*x.matched_language) << "]";
    }
    std::cout << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "search") return Usage("expected a command");
  std::string index = "var/index";
  beladdr::SearchRequest request;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--index" && i + 1 < argc) {
      index = argv[++i];
    } else if (a == "--lang" && i + 1 < argc) {
      request.language = beladdr::ParseLanguage(argv[++i]);
      if (!request.language) return Usage("--lang takes nl, fr or de");
    } else if (a == "--limit" && i + 1 < argc) {
      request.limit = std::atoi(argv[++i]);
    } else if (request.query.empty()) {
      request.query = a;
    } else {
      request.query += " " + a;
    }
  }
  auto searcher = beladdr::Searcher::Open(index);
  if (!searcher.ok()) {
    std::cerr << "beladdr: " << searcher.status().ToString() << "\n";
    return 1;
  }
  auto response = (*searcher)->SearchAddresses(request);
  if (!response.ok()) {
    std::cerr << "beladdr: " << response.status().ToString() << "\n";
    return 1;
  }
  PrintTable(*response);
  return 0;
}
