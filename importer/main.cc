// beladdr-import: builds the search index from Belgian reference data.
// Flag parsing only; the work is in beladdr_importer_lib.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "beladdr/importer.h"
#include "beladdr/index_info.h"

namespace {

constexpr char kUsage[] =
    "usage: beladdr-import --data DIR --out DIR [options]\n"
    "\n"
    "Builds a beladdr index from the reference data in DIR (see data/README.md)\n"
    "and atomically replaces the index at --out.\n"
    "\n"
    "  --data DIR            reference data folder (municipalities, localities,\n"
    "                        dictionaries/...)\n"
    "  --out DIR             index directory to create or replace\n"
    "  --dictionaries DIR    abbreviation dictionaries (default: DIR/dictionaries)\n"
    "  --streets FILE        street file (repeatable): beladdr's table or a BeSt\n"
    "                        postalstreets CSV, plain or .gz\n"
    "                        (default: DIR/streets_belgium_2022.csv.gz)\n"
    "  --house-numbers FILE  house-number file (repeatable; default: the two\n"
    "                        address files in DIR)\n"
    "  --no-house-numbers    import no house numbers\n"
    "  --skip-bad-rows       import the valid rows when some rows are bad\n"
    "                        (default: any bad row fails the import)\n"
    "  --max-errors N        bad rows to print in full (default 50)\n"
    "  --vintage TEXT        what the data describes (default: DIR/VINTAGE)\n"
    "  --quiet               no progress line\n"
    "  --format-version      print the index format version and exit\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 import failed (nothing written), 2 usage error.\n";

int Usage(const std::string& error) {
  std::cerr << "beladdr-import: " << error << "\n\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  beladdr::ImportOptions options;
  options.progress = ::isatty(STDERR_FILENO) != 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--format-version") {
      std::cout << beladdr::SupportedIndexFormatVersion() << "\n";
      return 0;
    } else if (arg == "--data") {
      if (!value(&options.data_dir)) return Usage("--data needs a folder");
    } else if (arg == "--out") {
      if (!value(&options.out_dir)) return Usage("--out needs a folder");
    } else if (arg == "--dictionaries") {
      if (!value(&options.dictionary_dir)) {
        return Usage("--dictionaries needs a folder");
      }
    } else if (arg == "--streets") {
      if (!value(&v)) return Usage("--streets needs a file");
      options.street_files.push_back(v);
    } else if (arg == "--house-numbers") {
      if (!value(&v)) return Usage("--house-numbers needs a file");
      options.house_number_files.push_back(v);
    } else if (arg == "--no-house-numbers") {
      options.no_house_numbers = true;
    } else if (arg == "--skip-bad-rows") {
      options.skip_bad_rows = true;
    } else if (arg == "--max-errors") {
      if (!value(&v)) return Usage("--max-errors needs a number");
      char* end = nullptr;
      const unsigned long n = std::strtoul(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') return Usage("--max-errors needs a number");
      options.max_reported_errors = n;
    } else if (arg == "--vintage") {
      if (!value(&options.data_vintage)) return Usage("--vintage needs text");
    } else if (arg == "--quiet") {
      options.progress = false;
    } else {
      return Usage("unknown argument '" + arg + "'");
    }
  }
  if (options.data_dir.empty()) return Usage("--data is required");
  if (options.out_dir.empty()) return Usage("--out is required");

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
