// beladdr: the command-line client. Searches an index, or resolves a
// declaration's address, in-process (no server needed), printing a table,
// the HTTP API's JSON, or, with --batch, one JSON answer per input line. Flag
// parsing only; the work is in beladdr_cli_lib and the engine.

#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "batch.h"
#include "beladdr/api.h"
#include "beladdr/searcher.h"
#include "table.h"

namespace {

constexpr char kUsage[] =
    R"(usage: beladdr search [--index DIR] [--json] [--lang nl|fr|de] [--limit N]
                      [--street S] [--house-number N] [--box B] [--postcode P]
                      [--municipality M] [QUERY ...]
       beladdr search --batch [--index DIR] [--threads N] [--columns C,...]
                      [--encoding E] [--output json|csv] < requests > answers
       beladdr resolve [--index DIR] [--json] [--lang nl|fr|de] [--limit N]
                      [--street-code C] [--house-number N] [--box B]
                      [--postcode P] [--municipality M] [[--street] STREET ...]
       beladdr resolve --batch [--index DIR] [--threads N] [--columns F=C,...]
                      [--encoding E] [--output json|csv] < requests > answers

search: searches the index (default: $BELADDR_INDEX, else var/index) like
POST /SearchAddresses (docs/openapi.yaml). QUERY is free text in any order
and language ("chee de waterloo 1180"); the structured flags may be
combined with it or used alone.

resolve: resolves a declaration's address like POST /ResolveAddress: one
street (unique), a short list to choose from (ambiguous), or notFound, with
what contradicts it (issues). Structured only: STREET is the street name;
--street-code takes the street chosen from an earlier list.

  --json       print the HTTP API's JSON answer instead of a table
  --batch      read one request per line from stdin: JSON Lines (request
               bodies of the HTTP API) or CSV with a header naming the
               fields (search: query, street, houseNumber, boxNumber,
               postCode, municipality, language, limit; resolve: street,
               houseNumber, boxNumber, postCode, municipality, streetCode,
               language, limit); write one JSON answer per input line to
               stdout, in order, each with its "line" number first. A bad
               or blank line gets {"line": N, "error": problem} and a
               'stdin:LINE: reason' message on stderr; in a resolve batch
               "status" is always the resolution's.
  --columns L  the CSV columns that form the request: COLUMN items are
               joined into the free-text query (search), FIELD=COLUMN
               items fill a field; the other columns pass through (default:
               the columns named like the fields). The separator (, ; or
               tab) is detected from the header.
  --encoding E the input's encoding: utf-8 (default; another stops the run
               at its first line, with a hint), windows-1252 or latin1
  --output F   json (default: JSON Lines) or csv (the input's columns and
               separator, plus line, status, streetCode, streetName,
               postCode, municipalityNis, municipalityName, score,
               language, houseNumber, boxNumber, error)
  --threads N  batch worker threads (default: the number of cores)

Exit status: 0 answered (also with zero matches or notFound), 1 the index
cannot be opened or some batch lines failed, 2 usage error or invalid
request.
)";

int Usage(const std::string& error) {
  std::cerr << "beladdr: " << error << "\n\n" << kUsage;
  return 2;
}

std::unique_ptr<beladdr::Searcher> OpenIndex(const std::string& index) {
  auto searcher = beladdr::Searcher::Open(index);
  if (!searcher.ok()) {
    std::cerr << "beladdr: " << searcher.status().ToString() << "\n";
    return nullptr;
  }
  return std::move(searcher).value();
}

int Resolve(const std::string& index, const std::string& street,
            std::vector<std::pair<std::string, std::string>> params,
            bool json) {
  if (!street.empty()) params.emplace_back("street", street);
  auto request = beladdr::api::ResolveRequestFromParams(params);
  if (!request.ok()) return Usage(request.status().message());
  auto searcher = OpenIndex(index);
  if (searcher == nullptr) return 1;
  auto response = searcher->ResolveAddress(*request);
  if (!response.ok()) {
    std::cerr << "beladdr: " << response.status().message() << "\n";
    return response.status().IsInvalidArgument() ? 2 : 1;
  }
  if (json) {
    std::cout << beladdr::api::EncodeResolveResponse(*response) << "\n";
  } else {
    beladdr::cli::PrintTable(*response, std::cout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("expected a command");
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command != "search" && command != "resolve") {
    return Usage("unknown command '" + command + "'");
  }
  const bool resolve = command == "resolve";

  const char* env_index = std::getenv("BELADDR_INDEX");
  std::string index =
      env_index != nullptr && *env_index != '\0' ? env_index : "var/index";
  bool json = false;
  bool batch = false;
  int threads =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  beladdr::cli::BatchOptions batch_options;
  std::vector<std::pair<std::string, std::string>> params;
  std::string query;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    // Flags that map onto the API's parameters.
    static const std::pair<const char*, const char*> kParams[] = {
        {"--street", "street"},
        {"--house-number", "houseNumber"},
        {"--box", "boxNumber"},
        {"--postcode", "postCode"},
        {"--municipality", "municipality"},
        {"--street-code", "streetCode"},
        {"--lang", "language"},
        {"--language", "language"},
        {"--limit", "limit"}};
    bool is_param = false;
    for (const auto& [flag, name] : kParams) {
      if (arg != flag) continue;
      std::string v;
      if (!value(&v)) return Usage(arg + " needs a value");
      params.emplace_back(name, v);
      is_param = true;
    }
    if (is_param) continue;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--index") {
      if (!value(&index)) return Usage("--index needs a directory");
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--batch") {
      batch = true;
    } else if (arg == "--columns") {
      if (!value(&batch_options.columns) || batch_options.columns.empty()) {
        return Usage("--columns needs COLUMN,... or FIELD=COLUMN,...");
      }
    } else if (arg == "--encoding") {
      if (!value(&batch_options.encoding)) {
        return Usage("--encoding needs utf-8, windows-1252 or latin1");
      }
    } else if (arg == "--output") {
      std::string v;
      if (!value(&v) || (v != "json" && v != "csv")) {
        return Usage("--output takes json or csv");
      }
      batch_options.output = v == "csv" ? beladdr::cli::BatchOutput::kCsv
                                        : beladdr::cli::BatchOutput::kJsonLines;
    } else if (arg == "--threads") {
      std::string v;
      if (!value(&v) || v.empty() || v.size() > 3 ||
          v.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(v) < 1) {
        return Usage("--threads takes a number from 1 to 999");
      }
      threads = std::stoi(v);
    } else if (arg.starts_with("--")) {
      return Usage("unknown flag '" + arg + "'");
    } else {
      query += (query.empty() ? "" : " ") + arg;
    }
  }

  if (batch) {
    if (!query.empty() || !params.empty()) {
      return Usage(
          "--batch reads the requests from stdin; give no query or request "
          "flags");
    }
    auto searcher = OpenIndex(index);
    if (searcher == nullptr) return 1;
    beladdr::cli::BatchOptions options = batch_options;
    options.operation = resolve ? beladdr::cli::BatchOperation::kResolve
                                : beladdr::cli::BatchOperation::kSearch;
    options.threads = threads;
    std::ios::sync_with_stdio(false);
    auto summary = beladdr::cli::RunBatch(*searcher, options, std::cin,
                                          std::cout, std::cerr);
    if (!summary.ok()) {
      std::cerr << "beladdr: " << summary.status().message() << "\n";
      return 2;
    }
    if (summary->failed > 0) {
      std::cerr << "beladdr: " << summary->failed << " of " << summary->requests
                << " requests failed (see the messages above)\n";
      return 1;
    }
    return 0;
  }

  if (resolve) return Resolve(index, query, std::move(params), json);
  if (!query.empty()) params.emplace_back("query", query);
  auto request = beladdr::api::SearchRequestFromParams(params);
  if (!request.ok()) return Usage(request.status().message());
  auto searcher = OpenIndex(index);
  if (searcher == nullptr) return 1;
  auto response = searcher->SearchAddresses(*request);
  if (!response.ok()) {
    std::cerr << "beladdr: " << response.status().message() << "\n";
    return response.status().IsInvalidArgument() ? 2 : 1;
  }
  if (json) {
    std::cout << beladdr::api::EncodeSearchResponse(*response) << "\n";
  } else {
    beladdr::cli::PrintTable(*response, std::cout);
  }
  return 0;
}
