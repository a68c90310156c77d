// A CSV file with a header row, read row by row with the checks every
// input shares: well-formed CSV, as many fields as the header, valid UTF-8.
// Rows failing them go to the BadRowLog and are skipped; Next() returns
// only rows that passed, for the caller's own checks.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_CSV_TABLE_H_
#define BELADDR_IMPORTER_SRC_CSV_TABLE_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bad_rows.h"
#include "beladdr/status.h"
#include "csv_reader.h"

namespace beladdr::importer {

class Progress;

// What every loader reports to: the bad-row log, and an optional progress
// display (nullptr for none).
struct ImportContext {
  BadRowLog* log = nullptr;
  Progress* progress = nullptr;
  size_t rows_read = 0;  // data rows read, over all files
};

class CsvTable {
 public:
  // Opens `path` and reads its header. InvalidArgument "path:1: ..." when
  // the file is empty or lacks one of the `required` columns.
  static StatusOr<std::unique_ptr<CsvTable>> Open(
      const std::string& path, const std::vector<std::string>& required,
      ImportContext* ctx);

  // The header names of a file, without reading further (for detecting a
  // layout). IOError if it cannot be read.
  static StatusOr<std::vector<std::string>> ReadHeader(const std::string& path);

  // Next row that passed the common checks; false at the end (check
  // status()). The row's line and fields stay valid until the next call.
  bool Next(CsvRecord* row);

  // Column index of `name` (REQUIRES: it was among `required` or present).
  size_t Col(std::string_view name) const;
  bool Has(std::string_view name) const;

  // Logs a caller-detected problem with the current row.
  void Reject(const CsvRecord& row, BadRowReason reason, std::string detail);

  const Status& status() const { return reader_->status(); }
  const std::string& path() const { return reader_->path(); }
  size_t rows_read() const { return rows_read_; }
  uint64_t bytes_consumed() const { return reader_->bytes_consumed(); }

 private:
  CsvTable(std::unique_ptr<CsvReader> reader, ImportContext* ctx)
      : reader_(std::move(reader)), ctx_(ctx) {}

  std::unique_ptr<CsvReader> reader_;
  ImportContext* ctx_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, size_t> columns_;
  size_t rows_read_ = 0;
};

// True for exactly four ASCII digits.
bool IsPostcode(std::string_view s);
// True for exactly five ASCII digits.
bool IsNisCode(std::string_view s);
// True for one or more ASCII digits.
bool IsDigits(std::string_view s);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_CSV_TABLE_H_
