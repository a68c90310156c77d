// beladdr/importer.h — builds a beladdr index from Belgian reference data.
//
// Reads the reference files of a data directory (municipalities, aliases,
// 2025 mergers, bpost localities, postcode->NIS, abbreviation dictionaries),
// one or more street files (beladdr's table or BeSt "postalstreets"), and
// house-number files; validates every row; and writes a RocksDB index into
// a staging directory that replaces `out_dir` atomically at the end.
//
// Bad rows are reported as "file:line: reason". By default any bad row
// fails the import and nothing is written; with skip_bad_rows the import
// goes on without them and reports how many it skipped.
//
// Thread safety: RunImport may run concurrently for different out_dirs;
// a second import into the same out_dir fails fast (it is locked).
//
// Example:
//   beladdr::ImportOptions options;
//   options.data_dir = "data";
//   options.out_dir = "var/index";
//   auto summary = beladdr::RunImport(options, std::cerr);
//   if (!summary.ok()) { std::cerr << summary.status().ToString(); }

#ifndef BELADDR_IMPORTER_H_
#define BELADDR_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "beladdr/status.h"

namespace beladdr {

struct ImportOptions {
  // Parameters that affect behaviour.

  // Folder with the reference files and dictionaries/{nl,fr,de}/.
  std::string data_dir;
  // Where the index goes; replaced atomically when the import succeeds.
  std::string out_dir;
  // Abbreviation dictionaries ({nl,fr,de}/*.txt). Default (empty):
  // <data_dir>/dictionaries.
  std::string dictionary_dir;
  // Street files. Default (empty): <data_dir>/streets_belgium_2022.csv.gz.
  std::vector<std::string> street_files;
  // House-number files. Default (empty): the two address files of
  // <data_dir> that exist; use no_house_numbers to skip them.
  std::vector<std::string> house_number_files;
  bool no_house_numbers = false;
  // Continue past bad rows (they are still reported and counted).
  // Default: false, so one bad row fails the import.
  bool skip_bad_rows = false;
  // What the data describes, stored in the index. Default (empty): the
  // text of <data_dir>/VINTAGE, or "unknown".
  std::string data_vintage;

  // Parameters that affect reporting.

  // How many bad rows to print in full. Default: 50.
  size_t max_reported_errors = 50;
  // Redraw a progress line on the report stream. Default: false.
  bool progress = false;
  // Called with each stage name ("read", "variants", "trigrams", "write",
  // "finish", "commit") before it starts. Default: none.
  std::function<void(const std::string&)> on_stage;
};

struct ImportSummary {
  size_t rows_read = 0;  // data rows of every input file
  size_t bad_rows = 0;   // rejected rows (0 unless skip_bad_rows)
  // Rows repeating a street whose names differ only in case or
  // punctuation; each is reported as a note and merged into the first.
  size_t spelling_duplicates_merged = 0;
  size_t streets = 0;
  size_t municipalities = 0;
  size_t postcodes = 0;
  size_t street_variants = 0;
  size_t place_variants = 0;
  size_t name_variants() const { return street_variants + place_variants; }
  size_t trigrams = 0;  // distinct trigram keys
  size_t postings = 0;  // posting-list entries
  size_t house_numbers = 0;
  size_t streets_with_house_numbers = 0;
  size_t house_number_rows_unlinked = 0;
  // The unlinked rows by reason (reason text, count), reasons with rows only.
  std::vector<std::pair<std::string, size_t>> house_number_unlinked_by_reason;
  uint64_t bytes_on_disk = 0;
  double seconds = 0;

  // A multi-line human-readable report.
  std::string ToString() const;
};

// Runs the whole import. Bad rows and progress go to `report`. Returns
// InvalidArgument when bad rows stop the import (nothing written), and the
// other codes for I/O or lock problems.
StatusOr<ImportSummary> RunImport(const ImportOptions& options,
                                  std::ostream& report);

}  // namespace beladdr

#endif  // BELADDR_IMPORTER_H_
