// The only place that talks to RocksDB. Everything above it sees
// beladdr::Status and the column families of index_format.h.
//
// IndexWriter builds a new index in an empty directory by bulk loading: each
// column family is written, in key order, to an external SST file with
// SstFileWriter and then ingested (moved) into the database, so no memtable,
// WAL or compaction is involved.
//
// IndexStore opens an existing index read-only. Any number of processes may
// open the same index at once.
//
// Thread safety: IndexStore's const methods are thread-safe. IndexWriter is
// single-threaded.

#ifndef BELADDR_INDEX_ROCKSDB_STORE_H_
#define BELADDR_INDEX_ROCKSDB_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"

namespace beladdr::internal {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

class IndexWriter {
 public:
  // Creates a database with every column family in `dir`, which must not
  // exist yet.
  static StatusOr<std::unique_ptr<IndexWriter>> Create(const std::string& dir);

  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Sorts *kvs by key and bulk-loads it into `cf`. Duplicate keys are an
  // InvalidArgument error naming the key. Call at most once per family.
  Status Write(Cf cf, KeyValues* kvs);

  // Flushes and closes the database; the directory is then complete.
  Status Finish();

 private:
  struct Rep;
  explicit IndexWriter(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

class IndexStore {
 public:
  // Opens `dir` read-only. NotFound when there is no index there.
  static StatusOr<std::unique_ptr<IndexStore>> OpenReadOnly(
      const std::string& dir);

  ~IndexStore();
  IndexStore(const IndexStore&) = delete;
  IndexStore& operator=(const IndexStore&) = delete;

  // NotFound when the key is absent.
  Status Get(Cf cf, std::string_view key, std::string* value) const;

  // Looks up several keys of one family at once. (*statuses)[i] is OK or
  // NotFound for keys[i].
  void MultiGet(Cf cf, const std::vector<std::string>& keys,
                std::vector<std::string>* values,
                std::vector<Status>* statuses) const;

  // Calls fn for every entry of `cf` in key order; stops at the first
  // non-OK status fn returns, and returns it. The views are valid only
  // during the call.
  Status ForEach(Cf cf,
                 const std::function<Status(std::string_view key,
                                            std::string_view value)>& fn) const;

  // Total size of the database files, in bytes.
  uint64_t SizeOnDisk() const;

 private:
  struct Rep;
  explicit IndexStore(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_ROCKSDB_STORE_H_
