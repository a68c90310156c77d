// The words of the vocabulary within one edit of a given word (insert,
// delete, substitute, or swap two neighbours): "zonestraat" finds
// zonnestraat, "grqange" grange, "bdussel" brussel, "rueland" reuland.
//
// Symmetric deletes: every word is filed under itself and under each of its
// one-letter deletions; two words within one edit share such a key, so a
// lookup costs one probe per letter of the query word, whatever the
// vocabulary size. Keys are 64-bit hashes, sorted, with a directory on
// their top bits so that a probe touches two cache lines; an entry keeps
// the next 32 bits of its key beside the word (8 bytes). Every hit is
// verified with the exact edit distance, so collisions cost time, never
// correctness.
//
// Words shorter than kMinLength have too many neighbours to be useful and
// are left out (as lookups and as answers).
//
// Thread safety: immutable after Build(); Find() may run concurrently.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_FUZZY_WORDS_H_
#define BELADDR_ENGINE_SRC_INTERNAL_FUZZY_WORDS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace beladdr::internal {

class FuzzyWords {
 public:
  static constexpr size_t kMinLength = 5;
  static constexpr size_t kMaxLength = 40;

  // Files `words` (word i has id i). Numbers and empty words are left out.
  // `directory_bits` sizes the directory (4 << bits bytes): 20 suits the
  // whole vocabulary; a small set of words wants fewer.
  void Build(const std::vector<std::string_view>& words,
             int directory_bits = 20);

  // Appends to *out the ids of the words within one edit of `word`, other
  // than `word` itself, each once.
  void Find(std::string_view word, std::vector<uint32_t>* out) const;

  size_t MemoryUsage() const {
    return entries_.capacity() * sizeof(Entry) +
           words_.capacity() * sizeof(std::string_view) +
           directory_.capacity() * sizeof(uint32_t);
  }

 private:
  struct Entry {
    uint32_t check;  // the key's 32 bits after the directory's
    uint32_t word;
  };
  uint64_t Bucket(uint64_t key) const { return key >> (64 - directory_bits_); }
  uint32_t Check(uint64_t key) const {
    return static_cast<uint32_t>(key >> (32 - directory_bits_));
  }
  int directory_bits_ = 20;

  std::vector<Entry> entries_;  // sorted by key
  // entries_ whose key starts with top bits b: [directory_[b], directory_[b +
  // 1]).
  std::vector<uint32_t> directory_;
  std::vector<std::string_view> words_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_FUZZY_WORDS_H_
