// Opens an index for reading after checking that its format version is the
// one this build understands, and reads its meta facts.
//
// Thread safety: pure function; the returned store is thread-safe.

#ifndef BELADDR_INDEX_INDEX_READER_H_
#define BELADDR_INDEX_INDEX_READER_H_

#include <memory>
#include <string>

#include "beladdr/index/rocksdb_store.h"
#include "beladdr/index_info.h"
#include "beladdr/status.h"

namespace beladdr::internal {

// The fix we print whenever an index is missing or unusable.
std::string RebuildHint(const std::string& dir);

StatusOr<std::unique_ptr<IndexStore>> OpenCheckedIndex(const std::string& dir,
                                                       IndexInfo* info);

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_INDEX_READER_H_
