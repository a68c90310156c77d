#include "csv_reader.h"

#include <zlib.h>

namespace beladdr::importer {
namespace {
constexpr size_t kBufferSize = 1 << 17;
}  // namespace

CsvReader::CsvReader(std::string path, void* gz, char delimiter)
    : path_(std::move(path)),
      gz_(gz),
      delimiter_(delimiter),
      buffer_(kBufferSize) {}

CsvReader::~CsvReader() {
  if (gz_ != nullptr) gzclose(static_cast<gzFile>(gz_));
}

StatusOr<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                     char delimiter) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    return Status::IOError(path + ": cannot open file");
  }
  gzbuffer(gz, 1 << 17);
  return std::unique_ptr<CsvReader>(new CsvReader(path, gz, delimiter));
}

uint64_t CsvReader::bytes_consumed() const {
  const z_off_t off = gzoffset(static_cast<gzFile>(gz_));
  return off < 0 ? 0 : static_cast<uint64_t>(off);
}

int CsvReader::Get() {
  if (pushed_back_ != -2) {
    const int c = pushed_back_;
    pushed_back_ = -2;
    return c;
  }
  if (pos_ == end_) {
    if (!status_.ok()) return -1;
    const int n = gzread(static_cast<gzFile>(gz_), buffer_.data(),
                         static_cast<unsigned>(buffer_.size()));
    int errnum = Z_OK;
    const char* msg = gzerror(static_cast<gzFile>(gz_), &errnum);
    // A gzip stream cut short ends with Z_BUF_ERROR, not an error return:
    // without this check an interrupted download reads as a shorter file.
    if (n < 0 || (n == 0 && errnum != Z_OK && errnum != Z_STREAM_END)) {
      status_ = Status::IOError(
          path_ + ":" + std::to_string(line_) +
          ": read error: " + (msg && *msg ? msg : "unexpected end of file") +
          (n == 0 ? " (the file is cut short)" : "") +
          "; the last whole line read is " +
          std::to_string(line_ > 0 ? line_ - 1 : 0));
      return -1;
    }
    if (n == 0) return -1;
    pos_ = 0;
    end_ = static_cast<size_t>(n);
  }
  return static_cast<unsigned char>(buffer_[pos_++]);
}

void CsvReader::Unget(int c) { pushed_back_ = c; }

bool CsvReader::Next(CsvRecord* record) {
  record->fields.clear();
  record->error.clear();
  if (at_start_) {
    at_start_ = false;
    // The first Get() fills the buffer from offset 0, so we can look at the
    // first bytes and rewind: a UTF-8 byte order mark is not data.
    if (Get() >= 0) {
      const bool bom = end_ >= 3 && static_cast<uint8_t>(buffer_[0]) == 0xEF &&
                       static_cast<uint8_t>(buffer_[1]) == 0xBB &&
                       static_cast<uint8_t>(buffer_[2]) == 0xBF;
      pos_ = bom ? 3 : 0;
    }
  }

  // Skip blank lines between records.
  int c = Get();
  while (c == '\n' || c == '\r') {
    if (c == '\n') ++line_;
    c = Get();
  }
  if (c < 0) return false;
  record->line = line_;

  std::string field;
  size_t bytes = 0;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field started with a quote
  auto fail = [&](const std::string& why) {
    if (record->error.empty()) record->error = why;
  };
  while (true) {
    if (c < 0) {
      if (quoted) {
        // A quote never closed swallowed the rest of the file: the file is
        // cut short (or broken), which no skipped row may hide.
        fail("unterminated quoted field");
        if (status_.ok()) {
          status_ = Status::IOError(
              path_ + ":" + std::to_string(record->line) +
              ": the file ends inside a quoted field opened on this line "
              "(cut short?); the last whole line read is " +
              std::to_string(record->line > 0 ? record->line - 1 : 0));
        }
      }
      record->fields.push_back(std::move(field));
      return true;
    }
    if (++bytes > kMaxRecordBytes) {
      fail("record longer than 1 MiB");
      // Resynchronise: drop everything up to the next line break.
      while (c >= 0 && c != '\n') c = Get();
      if (c == '\n') ++line_;
      record->fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        const int next = Get();
        if (next == '"') {
          field.push_back('"');
        } else {
          quoted = false;
          c = next;
          continue;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(static_cast<char>(c));
      }
      c = Get();
      continue;
    }
    if (c == delimiter_) {
      record->fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r') {
        const int next = Get();
        if (next != '\n') Unget(next);
      }
      ++line_;
      record->fields.push_back(std::move(field));
      return true;
    } else if (c == '"') {
      if (field.empty() && !was_quoted) {
        quoted = true;
        was_quoted = true;
      } else {
        fail("stray quote in field " +
             std::to_string(record->fields.size() + 1));
        field.push_back('"');
      }
    } else {
      if (was_quoted) {
        fail("text after closing quote in field " +
             std::to_string(record->fields.size() + 1));
      }
      field.push_back(static_cast<char>(c));
    }
    c = Get();
  }
}

}  // namespace beladdr::importer
