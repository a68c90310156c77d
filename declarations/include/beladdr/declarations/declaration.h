// beladdr/declarations/declaration.h — the records of the S222 register:
// an alarm central's declaration as it is stored, the audit trail of its
// changes, and the keys with which centrals authenticate.
//
// A declaration's content (its address, user, alarm and contacts) is a
// JSON object that the API layer has validated (api/declaration_api.h);
// the store keeps it as given and files the declaration under the fields
// SearchDeclarationCAS filters on.
//
// Plain value types; intentionally copyable.

#ifndef BELADDR_DECLARATIONS_DECLARATION_H_
#define BELADDR_DECLARATIONS_DECLARATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::declarations {

// Microseconds since 1970-01-01T00:00:00Z.
using Micros = int64_t;

enum class DeclarationStatus { kActive, kDeleted };
// "active", "deleted".
std::string_view StatusName(DeclarationStatus status);

struct Declaration {
  // yyyy.mm.dd.sequence (the UTC day of creation, then that day's
  // sequence, at least 4 digits): "2026.12.06.0042". Assigned by the
  // store; never used twice.
  std::string number;
  std::string central;  // the central that created it; only it sees it
  DeclarationStatus status = DeclarationStatus::kActive;
  int64_t version = 1;  // 1 at creation, +1 per change (delete included)
  // What SearchDeclarationCAS filters on, copied from the content.
  std::string street_code;
  std::string post_code;
  std::string municipality_nis;
  Micros created_at = 0;
  Micros modified_at = 0;
  Micros deleted_at = 0;  // 0 while active
  // The validated JSON object {"address", "user", "alarm", "contacts"}.
  std::string content;
};

// Who changes the register, and when.
struct Change {
  std::string central;
  std::string correlation_id;
  Micros at = 0;
};

// One entry of the append-only audit trail, written in the same
// transaction as the change it records.
struct AuditEntry {
  int64_t sequence = 0;  // ascending over the whole store
  std::string number;
  std::string central;
  std::string operation;  // "create", "modify", "delete"
  std::string correlation_id;
  Micros at = 0;
  // The declaration before and after, as JSON documents (EncodeRecord);
  // empty when there is none (before a create).
  std::string before;
  std::string after;
};

enum class StatusFilter { kActive, kDeleted, kAll };

// SearchDeclarationCAS: the central's own declarations matching every
// criterion given, in number order; with modified_since, in the order they
// were last modified (oldest change first, then by number), so that a
// client can follow the changes page by page.
struct DeclarationQuery {
  std::string central;  // required
  std::optional<std::string> number;
  std::optional<std::string> street_code;
  std::optional<std::string> post_code;
  std::optional<std::string> municipality_nis;
  StatusFilter status = StatusFilter::kActive;
  std::optional<Micros> modified_since;  // modified at or after
  int limit = 20;                        // 1..kMaxQueryLimit
  // Where the previous page ended (its next_after; a Cursor), or empty.
  std::string after;
};
inline constexpr int kMaxQueryLimit = 100;

struct DeclarationPage {
  std::vector<Declaration> declarations;
  // The `after` of the next page; empty when this page is the last.
  std::string next_after;
};

// A central's API key, as stored: never the key, only its SHA-256.
struct CentralKey {
  std::string id;  // short, public: what `list` shows and `revoke` takes
  std::string central;
  std::string sha256_hex;
  Micros created_at = 0;
  Micros revoked_at = 0;  // 0 while valid
};

// Where a page of a search ended: its last declaration's number, and, in
// modification order, its modification time.
struct Cursor {
  std::optional<Micros> modified_at;
  std::string number;
};
// "2026.12.06.0042", or "<16 hex digits of modified_at>-2026.12.06.0042".
std::string FormatCursor(const Cursor& cursor);
// False when `text` is neither form.
bool ParseCursor(std::string_view text, Cursor* cursor);

// A declaration as one JSON document (the audit trail's before/after, the
// embedded store's value), and back.
std::string EncodeRecord(const Declaration& d);
StatusOr<Declaration> DecodeRecord(std::string_view json);

// "2026.12.06.0042" from the day (yyyymmdd) and its sequence, and back.
std::string FormatNumber(int yyyymmdd, int64_t sequence);
// False when `number` is not yyyy.mm.dd.sequence.
bool ParseNumber(std::string_view number, int* yyyymmdd, int64_t* sequence);
// The UTC day of a time, as yyyymmdd.
int UtcDay(Micros at);
// RFC 3339 in UTC with microseconds: "2026-12-06T21:59:22.123456Z".
std::string FormatTime(Micros at);
// RFC 3339 (any offset, optional fraction); InvalidArgument otherwise.
StatusOr<Micros> ParseTime(std::string_view text);
// The current time.
Micros Now();

// A central's id: 1..64 of [A-Za-z0-9._-].
bool IsCentralId(std::string_view central);

}  // namespace beladdr::declarations

#endif  // BELADDR_DECLARATIONS_DECLARATION_H_
