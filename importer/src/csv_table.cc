#include "csv_table.h"

#include "beladdr/index/normalizer.h"
#include "progress.h"

namespace beladdr::importer {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsPostcode(std::string_view s) { return s.size() == 4 && IsDigits(s); }
bool IsNisCode(std::string_view s) { return s.size() == 5 && IsDigits(s); }

StatusOr<std::vector<std::string>> CsvTable::ReadHeader(
    const std::string& path) {
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader,
                           CsvReader::Open(path));
  CsvRecord header;
  if (!reader->Next(&header)) {
    if (!reader->status().ok()) return reader->status();
    return Status::InvalidArgument(path + ":1: empty file (no header)");
  }
  return header.fields;
}

StatusOr<std::unique_ptr<CsvTable>> CsvTable::Open(
    const std::string& path, const std::vector<std::string>& required,
    ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader,
                           CsvReader::Open(path));
  std::unique_ptr<CsvTable> table(new CsvTable(std::move(reader), ctx));
  CsvRecord header;
  if (!table->reader_->Next(&header)) {
    if (!table->reader_->status().ok()) return table->reader_->status();
    return Status::InvalidArgument(path + ":1: empty file (no header)");
  }
  if (!header.error.empty()) {
    return Status::InvalidArgument(path + ":" + std::to_string(header.line) +
                                   ": malformed header: " + header.error);
  }
  table->header_ = header.fields;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    table->columns_.emplace(header.fields[i], i);
  }
  for (const std::string& name : required) {
    if (!table->Has(name)) {
      return Status::InvalidArgument(path + ":" + std::to_string(header.line) +
                                     ": missing column '" + name + "'");
    }
  }
  return table;
}

bool CsvTable::Next(CsvRecord* row) {
  while (reader_->Next(row)) {
    ++rows_read_;
    ++ctx_->rows_read;
    if (ctx_->progress != nullptr && rows_read_ % 4096 == 0) {
      ctx_->progress->Update("reading " + path(), rows_read_, 0, "rows");
    }
    if (!row->error.empty()) {
      Reject(*row, BadRowReason::kMalformedCsv, row->error);
      continue;
    }
    if (row->fields.size() != header_.size()) {
      Reject(*row, BadRowReason::kColumnCount,
             "expected " + std::to_string(header_.size()) + " columns, found " +
                 std::to_string(row->fields.size()));
      continue;
    }
    bool utf8_ok = true;
    for (size_t i = 0; i < row->fields.size() && utf8_ok; ++i) {
      Status s = internal::Normalizer::ValidateUtf8(row->fields[i]);
      if (!s.ok()) {
        Reject(*row, BadRowReason::kInvalidUtf8,
               "invalid UTF-8 in column '" + header_[i] + "' (" + s.message() +
                   ")");
        utf8_ok = false;
      }
    }
    if (!utf8_ok) continue;
    return true;
  }
  return false;
}

size_t CsvTable::Col(std::string_view name) const {
  return columns_.at(std::string(name));
}

bool CsvTable::Has(std::string_view name) const {
  return columns_.count(std::string(name)) != 0;
}

void CsvTable::Reject(const CsvRecord& row, BadRowReason reason,
                      std::string detail) {
  ctx_->log->Add(path(), row.line, reason, std::move(detail));
}

}  // namespace beladdr::importer
