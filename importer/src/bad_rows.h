// Rows that failed validation, with where and why. Nothing is dropped
// silently: every rejected row is recorded here and reported.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_BAD_ROWS_H_
#define BELADDR_IMPORTER_SRC_BAD_ROWS_H_

#include <array>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace beladdr::importer {

enum class BadRowReason : unsigned char {
  kMalformedCsv,
  kColumnCount,
  kInvalidUtf8,
  kEmptyName,
  kBadPostcode,
  kUnknownNis,
  kDuplicateKey,
  kInvalidValue,
};
inline constexpr size_t kBadRowReasonCount = 8;
std::string_view BadRowReasonName(BadRowReason reason);

class BadRowLog {
 public:
  struct Entry {
    std::string file;
    size_t line = 0;
    BadRowReason reason = BadRowReason::kInvalidValue;
    std::string detail;
    // "file:line: detail"
    std::string ToString() const;
  };

  void Add(std::string_view file, size_t line, BadRowReason reason,
           std::string detail);

  size_t count() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }
  size_t CountOf(BadRowReason reason) const {
    return by_reason_[static_cast<size_t>(reason)];
  }

  // Prints up to `max_lines` entries, then how many more there are, then
  // the count per reason.
  void Print(std::ostream& out, size_t max_lines) const;

 private:
  std::vector<Entry> entries_;
  std::array<size_t, kBadRowReasonCount> by_reason_{};
};

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_BAD_ROWS_H_
