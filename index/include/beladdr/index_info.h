// beladdr/index_info.h — facts about a built index, and the version check.
//
// Thread safety: ReadIndexInfo may be called concurrently.

#ifndef BELADDR_INDEX_INFO_H_
#define BELADDR_INDEX_INFO_H_

#include <cstdint>
#include <string>

#include "beladdr/status.h"

namespace beladdr {

struct IndexInfo {
  std::string path;             // the directory that was opened
  uint32_t format_version = 0;  // of the index on disk
  std::string built_at;         // ISO 8601 UTC, when beladdr-import ran
  std::string id;  // 32 hex digits, new at every import; empty if unknown
  std::string
      data_vintage;  // what the data describes, e.g. "streets 2022-10-01"
  uint64_t streets = 0;
  uint64_t municipalities = 0;
  uint64_t postcodes = 0;
  uint64_t street_variants = 0;
  uint64_t place_variants = 0;
  uint64_t house_numbers = 0;
  uint64_t size_on_disk = 0;  // bytes
};

// The format version this build of beladdr reads and writes.
uint32_t SupportedIndexFormatVersion();

// Opens the index at `dir` read-only and reports its facts.
// NotFound when there is no index there; FailedPrecondition when it has
// another format version. Both messages say how to rebuild it.
StatusOr<IndexInfo> ReadIndexInfo(const std::string& dir);

}  // namespace beladdr

#endif  // BELADDR_INDEX_INFO_H_
