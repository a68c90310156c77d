// In-memory trigram index: for each trigram, its posting list kept in the
// compressed on-disk encoding (delta + varint) and walked with a
// PostingIterator at query time.
//
// Thread safety: immutable after loading; const methods are thread-safe.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_
#define BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "beladdr/status.h"
#include "internal/index_format.h"

namespace beladdr::internal {

class TrigramIndex {
 public:
  // Adds the encoded posting list of `trigram` (copied). Corruption when
  // the list is malformed or the trigram was added before.
  Status Add(Trigram trigram, std::string_view encoded);

  // The encoded posting list of `trigram`, empty when absent. The view is
  // valid for the index's lifetime.
  std::string_view Postings(Trigram trigram) const;

  // How many variants contain `trigram` (its document frequency).
  uint32_t DocumentFrequency(Trigram trigram) const;

  size_t size() const { return lists_.size(); }
  size_t MemoryUsage() const;

 private:
  struct List {
    uint32_t offset = 0;
    uint32_t length = 0;
    uint32_t count = 0;
  };
  std::unordered_map<Trigram, List> lists_;
  std::string arena_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_
