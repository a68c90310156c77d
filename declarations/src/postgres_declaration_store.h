// The shared declaration store: PostgreSQL through libpq, for several
// server replicas behind a load balancer. Each change is one transaction
// (the declaration, its audit entry, the day's sequence and the
// idempotency record), committed with PostgreSQL's synchronous commit.
// Numbers come from the day_sequences row of the day, locked by the
// transaction that takes one, so replicas never collide.
//
// The schema is versioned: schema_migrations lists what has been applied,
// and Open applies the missing migrations under an advisory lock (replicas
// starting together wait for each other). The audit table refuses UPDATE
// and DELETE (a trigger): it is append-only.
//
// Connections come from a small pool; a broken one is reset.
//
// Thread safety: all methods may be called concurrently.

#ifndef BELADDR_DECLARATIONS_SRC_POSTGRES_DECLARATION_STORE_H_
#define BELADDR_DECLARATIONS_SRC_POSTGRES_DECLARATION_STORE_H_

#include <memory>
#include <string>

#include "beladdr/declarations/store.h"

namespace beladdr::declarations::internal {

// `uri`: a libpq connection URI (postgresql://user@host:port/db?...).
StatusOr<std::unique_ptr<DeclarationStore>> OpenPostgresStore(
    const std::string& uri);

}  // namespace beladdr::declarations::internal

#endif  // BELADDR_DECLARATIONS_SRC_POSTGRES_DECLARATION_STORE_H_
