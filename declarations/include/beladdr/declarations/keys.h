// beladdr/declarations/keys.h — API keys of alarm centrals.
//
// A key is "bla_" and 43 characters of base64url (256 random bits from
// OpenSSL's RAND_bytes). It is shown once, when made; the store keeps only
// its SHA-256. Comparisons run in constant time (CRYPTO_memcmp).
//
// Thread safety: pure functions.

#ifndef BELADDR_DECLARATIONS_KEYS_H_
#define BELADDR_DECLARATIONS_KEYS_H_

#include <string>
#include <string_view>

#include "beladdr/declarations/declaration.h"
#include "beladdr/status.h"

namespace beladdr::declarations {

struct NewKey {
  std::string secret;  // the key itself: give it to the central, once
  CentralKey record;   // what the store keeps
};

// A fresh key for `central` (which must satisfy IsCentralId).
StatusOr<NewKey> MakeKey(std::string_view central, Micros now);

// The lowercase hex SHA-256 of a key, as stored.
std::string KeyHash(std::string_view secret);

}  // namespace beladdr::declarations

#endif  // BELADDR_DECLARATIONS_KEYS_H_
