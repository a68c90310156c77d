// The rules every store follows: what a create, a modify and a delete make
// of the stored declaration, and how a search's page ends.

#ifndef BELADDR_DECLARATIONS_SRC_CHANGES_H_
#define BELADDR_DECLARATIONS_SRC_CHANGES_H_

#include <cstddef>
#include <cstdint>

#include "beladdr/declarations/declaration.h"
#include "beladdr/status.h"

namespace beladdr::declarations::internal {

// `draft` as a new active declaration of change.central, numbered
// (day, sequence).
Declaration NewDeclaration(const Declaration& draft, const Change& change,
                           int day, int64_t sequence);

// `old` with the content and search fields of `updated`, one version on.
// FailedPrecondition when `old` is deleted or `updated.version` is not its
// version.
StatusOr<Declaration> ModifiedDeclaration(const Declaration& old,
                                          const Declaration& updated,
                                          const Change& change);

// `old` flagged deleted, one version on (`old` itself when already
// deleted).
Declaration DeletedDeclaration(const Declaration& old, const Change& change);

// Collects a search's page: the declarations offered, in order, up to the
// query's limit; one more shows that there is a next page, whose cursor
// is then set (with the modification time when the query has
// modified_since).
class Pager {
 public:
  explicit Pager(const DeclarationQuery& query);
  // False once the page is full: stop offering.
  bool Offer(Declaration d);
  DeclarationPage Take() { return std::move(page_); }

 private:
  size_t limit_;
  bool by_time_;
  DeclarationPage page_;
};

}  // namespace beladdr::declarations::internal

#endif  // BELADDR_DECLARATIONS_SRC_CHANGES_H_
