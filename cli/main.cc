// beladdr: the command-line client. Searches an index, or resolves a
// declaration's address, in-process (no server needed), printing a table,
// the HTTP API's JSON, or, with --batch, one JSON answer per input line. Flag
// parsing only; the work is in beladdr_cli_lib and the engine.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "admin.h"
#include "batch.h"
#include "beladdr/api.h"
#include "beladdr/searcher.h"
#include "table.h"

namespace {

constexpr char kDescription[] =
    R"(beladdr: search the index (default: $BELADDR_INDEX, else var/index) like
POST /SearchAddresses, or resolve a declaration's address like POST
/ResolveAddress (docs/openapi.yaml), in-process. Exit status: 0 answered
(also with zero matches or notFound), 1 the index cannot be opened or some
batch lines failed, 2 usage error or invalid request.)";

constexpr char kBatchHelp[] =
    "read one request per line from stdin: JSON Lines (request bodies of "
    "the HTTP API) or CSV with a header (the separator , ; or tab is "
    "detected; columns named like the fields form the request, others pass "
    "through); write one answer per input line to stdout, in order, each "
    "with its \"line\"; a bad or blank line gets {\"line\", \"error\"} "
    "and a 'stdin:LINE: reason' message on stderr";

// A usage error: one line and a hint, exit 2.
int Usage(const std::string& error) {
  std::cerr << "beladdr: " << error << "\nRun with --help for the options.\n";
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

// What the command line asks for.
struct Flags {
  std::string index;
  bool json = false;
  bool batch = false;
  int threads =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  beladdr::cli::BatchOptions batch_options;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> words;  // QUERY (search) or STREET (resolve)
};

// The flags of one command; `resolve` adds --street and --street-code.
void AddFlags(CLI::App* cmd, bool resolve, Flags* f,
              std::vector<std::pair<std::string, std::string>>* pending) {
  cmd->add_option("--index", f->index, "the index directory");
  cmd->add_flag("--json", f->json,
                "print the HTTP API's JSON answer instead of a table");
  cmd->add_flag("--batch", f->batch, kBatchHelp);
  cmd->add_option("--threads", f->threads,
                  "batch worker threads (default: the number of cores)")
      ->check(CLI::Range(1, 999));
  cmd->add_option("--columns", f->batch_options.columns,
                  "the CSV columns that form the request: COLUMN items are "
                  "joined into the free-text query (search), FIELD=COLUMN "
                  "items fill a field");
  cmd->add_option("--encoding", f->batch_options.encoding,
                  "the batch input's encoding: utf-8 (default), "
                  "windows-1252 or latin1");
  cmd->add_option_function<std::string>(
         "--output",
         [f](const std::string& v) {
           f->batch_options.output =
               v == "csv" ? beladdr::cli::BatchOutput::kCsv
                          : beladdr::cli::BatchOutput::kJsonLines;
         },
         "json (JSON Lines, default) or csv: the batch answers' format")
      ->check(CLI::IsMember({"json", "csv"}));
  // Flags that map onto the API's parameters (validated there).
  static const std::pair<const char*, const char*> kParams[] = {
      {"--house-number", "houseNumber"},
      {"--box", "boxNumber"},
      {"--postcode", "postCode"},
      {"--municipality", "municipality"},
      {"--lang,--language", "language"},
      {"--limit", "limit"},
      {"--street", "street"},
      {"--street-code", "streetCode"}};
  for (const auto& [flag, name] : kParams) {
    const std::string field = name;
    if (!resolve && field == "streetCode") continue;
    cmd->add_option_function<std::string>(
        flag, [pending, field](const std::string& v) {
          pending->emplace_back(field, v);
        });
  }
  cmd->add_option(resolve ? "street" : "query", f->words,
                  resolve ? "the street name"
                          : "free text in any order and "
                            "language");
}

namespace {

// `beladdr centrals ...` and `beladdr declarations audit ...`.
int Admin(int argc, char** argv) {
  CLI::App app("beladdr: the declarations register's admin commands",
               "beladdr");
  app.require_subcommand(1);
  std::string uri, central, key_id, number;
  CLI::App* centrals = app.add_subcommand(
      "centrals", "API keys of alarm centrals (Authorization: Bearer)");
  centrals->require_subcommand(1);
  CLI::App* add = centrals->add_subcommand(
      "add", "make a key for a central; the key is the last line, shown once");
  CLI::App* list = centrals->add_subcommand("list", "list the keys (ids only)");
  CLI::App* revoke = centrals->add_subcommand(
      "revoke", "revoke a key; it stops working at the next request");
  CLI::App* declarations = app.add_subcommand("declarations", "declarations");
  declarations->require_subcommand(1);
  CLI::App* audit = declarations->add_subcommand(
      "audit", "print a declaration's audit trail, one JSON line per change");
  for (CLI::App* cmd : {add, list, revoke, audit}) {
    cmd->add_option("--declarations", uri,
                    "the store: rocksdb:PATH or postgresql://...")
        ->required();
  }
  add->add_option("--central", central, "the central's id")->required();
  revoke->add_option("--key", key_id, "the key's id (from list)")->required();
  audit->add_option("number", number, "the declaration number")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    return Usage(e.what());
  }
  if (add->parsed()) {
    return beladdr::cli::AddCentralKey(uri, central, std::cout, std::cerr);
  }
  if (list->parsed())
    return beladdr::cli::ListCentralKeys(uri, std::cout, std::cerr);
  if (revoke->parsed()) {
    return beladdr::cli::RevokeCentralKey(uri, key_id, std::cout, std::cerr);
  }
  return beladdr::cli::PrintAudit(uri, number, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && (std::string(argv[1]) == "centrals" ||
                    std::string(argv[1]) == "declarations")) {
    return Admin(argc, argv);
  }
  if (argc >= 2 && argv[1][0] != '-' && std::string(argv[1]) != "search" &&
      std::string(argv[1]) != "resolve") {
    return Usage("unknown command '" + std::string(argv[1]) +
                 "'; the commands are search, resolve, centrals and "
                 "declarations");
  }
  CLI::App app(kDescription, "beladdr");
  app.set_version_flag("--version", std::string(BELADDR_VERSION));
  app.require_subcommand(1);
  Flags search_flags, resolve_flags;
  std::vector<std::pair<std::string, std::string>> search_params,
      resolve_params;
  CLI::App* search = app.add_subcommand(
      "search", "search streets (or municipalities), like SearchAddresses");
  CLI::App* resolve_cmd = app.add_subcommand(
      "resolve", "resolve a declaration's address, like ResolveAddress");
  AddFlags(search, false, &search_flags, &search_params);
  AddFlags(resolve_cmd, true, &resolve_flags, &resolve_params);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "beladdr " << BELADDR_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    return Usage(e.what());
  }
  const bool resolve = resolve_cmd->parsed();
  Flags& flags = resolve ? resolve_flags : search_flags;
  flags.params = resolve ? resolve_params : search_params;
  const char* env_index = std::getenv("BELADDR_INDEX");
  std::string index = !flags.index.empty() ? flags.index
                      : env_index != nullptr && *env_index != '\0'
                          ? env_index
                          : "var/index";
  const bool batch = flags.batch;
  const int threads = flags.threads;
  auto& params = flags.params;
  std::string query;
  for (const std::string& w : flags.words) {
    query += (query.empty() ? "" : " ") + w;
  }
  const bool json = flags.json;
  const beladdr::cli::BatchOptions batch_options = flags.batch_options;

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
