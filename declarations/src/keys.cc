#include "beladdr/declarations/keys.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace beladdr::declarations {
namespace {

constexpr char kKeyPrefix[] = "bla_";
constexpr int kKeyBytes = 32;

std::string Base64Url(const unsigned char* data, size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (size_t i = 0; i < n; ++i) {
    bits = (bits << 8) | data[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kAlphabet[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(kAlphabet[(bits << (6 - count)) & 63]);
  return out;
}

}  // namespace

std::string KeyHash(std::string_view secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(secret.data(), secret.size(), digest, &length, EVP_sha256(),
             nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

StatusOr<NewKey> MakeKey(std::string_view central, Micros now) {
  if (!IsCentralId(central)) {
    return Status::InvalidArgument(
        "a central's id is 1 to 64 of A-Z a-z 0-9 . _ -, not '" +
        std::string(central) + "'");
  }
  unsigned char random[kKeyBytes];
  if (RAND_bytes(random, kKeyBytes) != 1) {
    return Status::Internal("no random bytes for a key");
  }
  NewKey key;
  key.secret = kKeyPrefix + Base64Url(random, kKeyBytes);
  key.record.central = std::string(central);
  key.record.sha256_hex = KeyHash(key.secret);
  // The id is public: derived from the hash, it reveals nothing usable.
  key.record.id = key.record.sha256_hex.substr(0, 12);
  key.record.created_at = now;
  return key;
}

}  // namespace beladdr::declarations
