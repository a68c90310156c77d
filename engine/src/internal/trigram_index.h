// In-memory trigram index: for each trigram, its posting list, decoded
// from the on-disk encoding (delta + varint) once at load time into plain
// ascending ids, so that the search walks arrays (it reads thousands of
// postings per query; ~4 bytes each, 10 MB for all of Belgium).
//
// Thread safety: immutable after loading; const methods are thread-safe.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_
#define BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"

namespace beladdr::internal {

class TrigramIndex {
 public:
  TrigramIndex();

  // Adds the encoded posting list of `trigram` (copied). Corruption when
  // the list is malformed, the trigram was added before, or it has bytes
  // other than [a-z0-9 ].
  Status Add(Trigram trigram, std::string_view encoded);

  // The ids of the variants that contain `trigram`, ascending (in key
  // order after SortByKey()); empty when absent. Valid for the index's
  // lifetime.
  std::span<const uint32_t> Postings(Trigram trigram) const {
    const int slot = Slot(trigram);
    if (slot < 0) return {};
    const List& l = lists_[static_cast<size_t>(slot)];
    return std::span<const uint32_t>(ids_).subspan(l.offset, l.count);
  }

  // How many variants contain `trigram` (its document frequency).
  uint32_t DocumentFrequency(Trigram trigram) const {
    const int slot = Slot(trigram);
    return slot < 0 ? 0 : lists_[static_cast<size_t>(slot)].count;
  }

  // Reorders every list by (keys[id], id), so that PostingsWithKeys()
  // can select a range of keys (e.g. name lengths) without walking the
  // rest. InvalidArgument when a listed id has no key.
  Status SortByKey(const std::vector<uint8_t>& keys);

  // After SortByKey(): the ids of `trigram` whose key is in [lo, hi], in
  // order of (key, id).
  std::span<const uint32_t> PostingsWithKeys(Trigram trigram, uint8_t lo,
                                             uint8_t hi) const;

  size_t size() const { return size_; }
  size_t MemoryUsage() const;

 private:
  // Folded text has 37 symbols (a-z, 0-9, space), so every trigram has its
  // own slot in a direct table of 37^3 entries: no hashing per lookup.
  static constexpr int kSymbols = 37;
  static int Symbol(uint32_t byte) {
    if (byte >= 'a' && byte <= 'z') return static_cast<int>(byte - 'a');
    if (byte >= '0' && byte <= '9') return 26 + static_cast<int>(byte - '0');
    if (byte == ' ') return 36;
    return -1;
  }
  static int Slot(Trigram t) {
    const int a = Symbol((t >> 16) & 0xff), b = Symbol((t >> 8) & 0xff),
              c = Symbol(t & 0xff);
    if (a < 0 || b < 0 || c < 0) return -1;
    return (a * kSymbols + b) * kSymbols + c;
  }

  struct List {
    uint32_t offset = 0;
    uint32_t count = 0;
  };
  std::vector<List> lists_;
  std::vector<uint32_t> ids_;
  // After SortByKey(): for each list, where each of its keys starts, in
  // key order (runs_[run_begin_[slot]] .. runs_[run_begin_[slot + 1]]), so
  // that a key range is found by scanning a few runs, not the list.
  struct KeyRun {
    uint32_t start = 0;  // into ids_
    uint8_t key = 0;
  };
  std::vector<KeyRun> runs_;
  std::vector<uint32_t> run_begin_;
  size_t size_ = 0;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_TRIGRAM_INDEX_H_
