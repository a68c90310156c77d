// beladdr/declarations/store.h — where declarations live.
//
// Two implementations, chosen by URI (OpenDeclarationStore):
//   rocksdb:PATH      embedded, the default: one server process. Every
//                     acknowledged write is synced to disk (WAL fsync).
//   postgresql://...  shared by several server replicas behind a load
//                     balancer; numbers come from the database.
// Both pass the same conformance suite (tests/declarations/).
//
// Every change is one transaction with its audit entry (and, for a
// create, its day sequence and idempotency record): it happens whole, or
// not at all. A central only ever reaches its own declarations: another
// central's number is NotFound, never a different error.
//
// Thread safety: all methods may be called concurrently.

#ifndef BELADDR_DECLARATIONS_STORE_H_
#define BELADDR_DECLARATIONS_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/declarations/declaration.h"
#include "beladdr/status.h"

namespace beladdr::declarations {

// A create repeated with the same correlation id by the same central
// within this window returns the first answer and creates nothing.
inline constexpr Micros kIdempotencyWindow = 24LL * 3600 * 1000 * 1000;

struct CreateResult {
  Declaration declaration;
  bool replayed = false;  // the first answer to a repeated create
};

class DeclarationStore {
 public:
  virtual ~DeclarationStore() = default;

  // Files `draft` (its content and search fields) as a new active
  // declaration of change.central, numbered from the UTC day of change.at.
  // A repeat of change.correlation_id by that central within
  // kIdempotencyWindow answers the declaration as first created.
  virtual StatusOr<CreateResult> Create(const Declaration& draft,
                                        const Change& change) = 0;
  // NotFound when absent or another central's.
  virtual StatusOr<Declaration> Get(std::string_view central,
                                    std::string_view number) = 0;
  // Replaces the content and search fields of declaration `updated.number`
  // when `updated.version` is its current version. NotFound as for Get;
  // FailedPrecondition when the version is stale or it is deleted.
  virtual StatusOr<Declaration> Modify(const Declaration& updated,
                                       const Change& change) = 0;
  // Flags it deleted (a repeat is harmless and answers the same).
  virtual StatusOr<Declaration> Delete(std::string_view number,
                                       const Change& change) = 0;
  virtual StatusOr<DeclarationPage> Search(const DeclarationQuery& query) = 0;
  // The audit trail of one declaration, oldest first (empty when none).
  virtual StatusOr<std::vector<AuditEntry>> Audit(std::string_view number) = 0;

  // Centrals' keys. AddKey fails (FailedPrecondition) when the id exists.
  virtual Status AddKey(const CentralKey& key) = 0;
  virtual StatusOr<std::vector<CentralKey>> ListKeys() = 0;
  // NotFound when no key has this id; revoking twice is harmless.
  virtual Status RevokeKey(std::string_view id, Micros at) = 0;
  // The central of the valid key with this SHA-256; NotFound otherwise
  // (also once revoked: revocation takes effect at the next request).
  virtual StatusOr<std::string> CentralOfKey(std::string_view sha256_hex) = 0;
};

// Opens (creating when absent) the store named by `uri`: "rocksdb:PATH" or
// "postgresql://..." / "postgres://...". InvalidArgument for another
// scheme.
StatusOr<std::unique_ptr<DeclarationStore>> OpenDeclarationStore(
    std::string_view uri);

}  // namespace beladdr::declarations

#endif  // BELADDR_DECLARATIONS_STORE_H_
