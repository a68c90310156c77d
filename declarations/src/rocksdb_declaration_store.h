// The embedded declaration store: one RocksDB database at PATH/db, and the
// centrals' keys in PATH/centrals (KeyFile). One server process owns the
// database; a second process (the `beladdr` admin commands) opens it
// read-only while a server runs.
//
// Keys (default column family; <n> is a number's sortable key, its day and
// a 12-digit sequence, so that key order is number order):
//   d/<central>/<n>             the declaration (EncodeValue: a line per field)
//   x/<central>/<f>/<value>/<n> empty: by street code (s), postcode (p),
//                               municipality (m); x/<central>/z/<n> deleted
//   t/<central>/<time>/<n>      empty: by modification time (hex micros)
//   a/<n>/<20-digit seq>        an audit entry
//   i/<central>/<correlation>   a create's idempotency record
//   q/day/<yyyymmdd>, q/audit   the last sequence of a day, of the audit
// Writes are serialised (a number is read, then written) and each is one
// WriteBatch synced to the WAL before it is acknowledged.
//
// Thread safety: all methods may be called concurrently.

#ifndef BELADDR_DECLARATIONS_SRC_ROCKSDB_DECLARATION_STORE_H_
#define BELADDR_DECLARATIONS_SRC_ROCKSDB_DECLARATION_STORE_H_

#include <memory>
#include <string>

#include "beladdr/declarations/store.h"

namespace beladdr::declarations::internal {

StatusOr<std::unique_ptr<DeclarationStore>> OpenRocksDbStore(
    const std::string& path);

}  // namespace beladdr::declarations::internal

#endif  // BELADDR_DECLARATIONS_SRC_ROCKSDB_DECLARATION_STORE_H_
