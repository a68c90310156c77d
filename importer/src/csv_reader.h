// Streaming RFC 4180 CSV reader for plain or gzip-compressed files (zlib
// detects gzip by its magic bytes and reads plain files as they are).
//
// Quoted fields may hold delimiters, doubled quotes and line breaks. Each
// record knows the line it starts on, so errors read "file:line: reason".
// A malformed record (stray quote, unterminated quote, a record over
// kMaxRecordBytes) is returned with `error` set rather than stopping the
// read; the reader resynchronises at the next line.
//
// Thread safety: not thread-safe; one reader per thread.

#ifndef BELADDR_IMPORTER_SRC_CSV_READER_H_
#define BELADDR_IMPORTER_SRC_CSV_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::importer {

struct CsvRecord {
  size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;  // non-empty: malformed, fields partial
};

class CsvReader {
 public:
  static constexpr size_t kMaxRecordBytes = 1 << 20;

  // Opens `path`. IOError naming the path when it cannot be read.
  static StatusOr<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                   char delimiter = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into *record. Returns false at the end of the
  // file or on an I/O error (see status()). Blank lines are skipped.
  bool Next(CsvRecord* record);

  // Non-OK after a read error (e.g. a corrupt gzip stream).
  const Status& status() const { return status_; }
  // Compressed bytes consumed so far (for progress reports).
  uint64_t bytes_consumed() const;
  const std::string& path() const { return path_; }

 private:
  CsvReader(std::string path, void* gz, char delimiter);
  int Get();  // next byte, or -1 at end / error
  void Unget(int c);

  std::string path_;
  void* gz_;  // gzFile
  char delimiter_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  int pushed_back_ = -2;
  size_t line_ = 1;
  bool at_start_ = true;
  Status status_;
};

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_CSV_READER_H_
