#include "bad_rows.h"

namespace beladdr::importer {

std::string_view BadRowReasonName(BadRowReason reason) {
  switch (reason) {
    case BadRowReason::kMalformedCsv:
      return "malformed CSV";
    case BadRowReason::kColumnCount:
      return "wrong column count";
    case BadRowReason::kInvalidUtf8:
      return "invalid UTF-8";
    case BadRowReason::kEmptyName:
      return "empty name";
    case BadRowReason::kBadPostcode:
      return "postcode not 4 digits";
    case BadRowReason::kUnknownNis:
      return "unknown NIS code";
    case BadRowReason::kDuplicateKey:
      return "duplicate key";
    case BadRowReason::kInvalidValue:
      return "invalid value";
  }
  return "invalid value";
}

std::string BadRowLog::Entry::ToString() const {
  return file + ":" + std::to_string(line) + ": " + detail;
}

void BadRowLog::Add(std::string_view file, size_t line, BadRowReason reason,
                    std::string detail) {
  entries_.push_back({std::string(file), line, reason, std::move(detail)});
  ++by_reason_[static_cast<size_t>(reason)];
}

void BadRowLog::Print(std::ostream& out, size_t max_lines) const {
  for (size_t i = 0; i < entries_.size() && i < max_lines; ++i) {
    out << entries_[i].ToString() << "\n";
  }
  if (entries_.size() > max_lines) {
    out << "... and " << (entries_.size() - max_lines)
        << " more bad rows not shown\n";
  }
  if (entries_.empty()) return;
  out << "bad rows by reason:";
  for (size_t r = 0; r < kBadRowReasonCount; ++r) {
    if (by_reason_[r] == 0) continue;
    out << " " << BadRowReasonName(static_cast<BadRowReason>(r)) << " "
        << by_reason_[r] << ";";
  }
  out << " total " << entries_.size() << "\n";
}

}  // namespace beladdr::importer
