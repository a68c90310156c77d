#include "changes.h"

#include <algorithm>
#include <string>

namespace beladdr::declarations::internal {

Declaration NewDeclaration(const Declaration& draft, const Change& change,
                           int day, int64_t sequence) {
  Declaration d = draft;
  d.number = FormatNumber(day, sequence);
  d.central = change.central;
  d.status = DeclarationStatus::kActive;
  d.version = 1;
  d.created_at = d.modified_at = change.at;
  d.deleted_at = 0;
  return d;
}

StatusOr<Declaration> ModifiedDeclaration(const Declaration& old,
                                          const Declaration& updated,
                                          const Change& change) {
  if (old.status == DeclarationStatus::kDeleted) {
    return Status::FailedPrecondition("declaration " + old.number +
                                      " is deleted");
  }
  if (updated.version != old.version) {
    return Status::FailedPrecondition("declaration " + old.number +
                                      " is at version " +
                                      std::to_string(old.version) + ", not " +
                                      std::to_string(updated.version));
  }
  Declaration d = old;
  d.street_code = updated.street_code;
  d.post_code = updated.post_code;
  d.municipality_nis = updated.municipality_nis;
  d.content = updated.content;
  d.version = old.version + 1;
  d.modified_at = change.at;
  return d;
}

Declaration DeletedDeclaration(const Declaration& old, const Change& change) {
  if (old.status == DeclarationStatus::kDeleted) return old;
  Declaration d = old;
  d.status = DeclarationStatus::kDeleted;
  d.version = old.version + 1;
  d.modified_at = d.deleted_at = change.at;
  return d;
}

Pager::Pager(const DeclarationQuery& query)
    : limit_(static_cast<size_t>(std::clamp(query.limit, 1, kMaxQueryLimit))),
      by_time_(query.modified_since.has_value()) {}

bool Pager::Offer(Declaration d) {
  if (page_.declarations.size() == limit_) {
    const Declaration& end = page_.declarations.back();
    page_.next_after =
        by_time_ ? FormatCursor({end.modified_at, end.number}) : end.number;
    return false;
  }
  page_.declarations.push_back(std::move(d));
  return true;
}

}  // namespace beladdr::declarations::internal
