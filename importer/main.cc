// beladdr-import: builds the search index from Belgian reference data.
// Flag parsing only; the work is in beladdr_importer_lib.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "beladdr/importer.h"
#include "beladdr/index_info.h"

namespace {

// Parses the flags into `options`. Returns the process's exit code when it
// should stop (help, version, format version, or a usage error: one line
// and a hint, exit 2), or -1 to go on.
int ParseFlags(int argc, char** argv, beladdr::ImportOptions* options) {
  CLI::App app(
      "Builds a beladdr index from the reference data in DIR (see "
      "data/README.md) and atomically replaces the index at --out. Exit "
      "status: 0 success, 1 import failed (nothing written), 2 usage error.",
      "beladdr-import");
  app.set_version_flag("--version", std::string(BELADDR_VERSION));
  app.add_option("--data", options->data_dir,
                 "reference data folder (municipalities, localities, "
                 "dictionaries/...)")
      ->required();
  app.add_option("--out", options->out_dir,
                 "index directory to create or replace")
      ->required();
  app.add_option("--dictionaries", options->dictionary_dir,
                 "abbreviation dictionaries (default: DIR/dictionaries)");
  app.add_option("--streets", options->street_files,
                 "street file (repeatable): beladdr's table or a BeSt "
                 "postalstreets CSV, plain or .gz (default: "
                 "DIR/streets_belgium_2022.csv.gz)");
  app.add_option("--house-numbers", options->house_number_files,
                 "house-number file (repeatable; default: the two address "
                 "files in DIR)");
  app.add_flag("--no-house-numbers", options->no_house_numbers,
               "import no house numbers");
  app.add_flag("--skip-bad-rows", options->skip_bad_rows,
               "import the valid rows when some rows are bad (default: any "
               "bad row fails the import)");
  app.add_option("--max-errors", options->max_reported_errors,
                 "bad rows to print in full")
      ->capture_default_str();
  app.add_option("--vintage", options->data_vintage,
                 "what the data describes (default: DIR/VINTAGE)");
  bool quiet = false;
  app.add_flag("--quiet", quiet, "no progress line");
  bool format_version = false;
  app.add_flag("--format-version", format_version,
               "print the index format version and exit");
  try {
    // --format-version stands alone: the required options are not asked.
    for (int i = 1; i < argc; ++i) {
      if (std::string(argv[i]) == "--format-version") {
        std::cout << beladdr::SupportedIndexFormatVersion() << "\n";
        return 0;
      }
    }
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "beladdr-import " << BELADDR_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "beladdr-import: " << e.what()
              << "\nRun with --help for the options.\n";
    return 2;
  }
  if (quiet) options->progress = false;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  beladdr::ImportOptions options;
  options.progress = ::isatty(STDERR_FILENO) != 0;
  if (const int code = ParseFlags(argc, argv, &options); code >= 0) {
    return code;
  }

  // Testing aid for crash-safety tests: stop forever at a named stage so
  // that a test can kill the process there.
  if (const char* stall = std::getenv("BELADDR_IMPORT_STALL_AT")) {
    const std::string at = stall;
    options.on_stage = [at](const std::string& stage) {
      if (stage != at) return;
      std::cerr << "beladdr-import: stalled at stage " << stage << "\n"
                << std::flush;
      while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
    };
  }

  try {
    auto summary = beladdr::RunImport(options, std::cerr);
    if (!summary.ok()) {
      std::cerr << "beladdr-import: " << summary.status().ToString() << "\n";
      return 1;
    }
    std::cout << "imported into " << options.out_dir << "\n"
              << summary->ToString();
  } catch (const std::exception& e) {
    std::cerr << "beladdr-import: unexpected error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
