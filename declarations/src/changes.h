// The rules of a change to a declaration, the same for every store: what a
// create, a modify and a delete make of the stored declaration.

#ifndef BELADDR_DECLARATIONS_SRC_CHANGES_H_
#define BELADDR_DECLARATIONS_SRC_CHANGES_H_

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

}  // namespace beladdr::declarations::internal

#endif  // BELADDR_DECLARATIONS_SRC_CHANGES_H_
