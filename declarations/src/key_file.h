// The centrals' keys of the embedded store: a small text file beside the
// RocksDB directory, so that `beladdr centrals add|revoke` works while a
// server holds the database, and a running server sees a revoked key at
// its next request (it re-reads the file when the file changed).
//
// One key per line: id, central, sha256, created_at, revoked_at (tab
// separated, micros), then "#end N" with N the number of keys: a file cut
// short is a Corruption naming the file and line, never fewer keys. Rewritten
// whole into a temporary file, synced, then renamed over the old one: a reader
// sees the old file or the new one. Writers take an exclusive flock on
// PATH.lock.
//
// Thread safety: all methods may be called concurrently.

#ifndef BELADDR_DECLARATIONS_SRC_KEY_FILE_H_
#define BELADDR_DECLARATIONS_SRC_KEY_FILE_H_

#include <sys/types.h>

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/declarations/declaration.h"
#include "beladdr/status.h"

namespace beladdr::declarations::internal {

class KeyFile {
 public:
  explicit KeyFile(std::string path) : path_(std::move(path)) {}

  Status Add(const CentralKey& key);
  StatusOr<std::vector<CentralKey>> List();
  Status Revoke(std::string_view id, Micros at);
  StatusOr<std::string> CentralOf(std::string_view sha256_hex);

 private:
  // The keys as the file holds them now (re-read when it changed).
  Status Refresh();
  Status Rewrite(const std::vector<CentralKey>& keys);
  // Runs fn on the keys under the writers' lock, then writes them back.
  Status Update(const std::function<Status(std::vector<CentralKey>*)>& fn);

  const std::string path_;
  std::mutex mu_;
  std::vector<CentralKey> keys_;  // guarded by mu_
  // What the cached keys were read from: inode, mtime (ns) and size.
  ino_t inode_ = 0;
  int64_t mtime_ns_ = -1;
  off_t size_ = -1;
};

}  // namespace beladdr::declarations::internal

#endif  // BELADDR_DECLARATIONS_SRC_KEY_FILE_H_
