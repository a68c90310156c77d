// How similar a name word is to one query word: the rule the scorer uses
// (see scorer.h), computed fast.
//
// The query word is the pattern: its character masks are built once, and
// each name word is then compared in one pass of bit-parallel edit distance
// (Myers' algorithm with Hyyrö's extension for swapped neighbours), which
// gives the distance to the whole name word and to its best prefix at
// once. The results equal the dynamic-programming reference of
// edit_distance.h (tests/engine/word_matcher_test.cc checks it).
//
// Thread safety: immutable after construction; const methods thread-safe.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_WORD_MATCHER_H_
#define BELADDR_ENGINE_SRC_INTERNAL_WORD_MATCHER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "beladdr/index/dictionary.h"
#include "internal/ranking_policy.h"

namespace beladdr::internal {

class WordMatcher {
 public:
  // Words longer than 64 bytes are compared on their first 64. The policy
  // (default: WordSimilarityPolicy{}) must outlive the matcher.
  explicit WordMatcher(std::string_view query_word,
                       const WordSimilarityPolicy* policy = nullptr);

  const std::string& word() const { return word_; }

  // Edit distance (insert, delete, substitute, swap neighbours) to `text`,
  // and the smallest distance to any prefix of `text`.
  void Distances(std::string_view text, int* full, int* best_prefix) const;

  // Similarity in [0, 1] of the query word to `name_word`:
  //   1     equal words
  //   prefix_base + prefix_share * share   the query word abbreviates the
  //         name word (a prefix of at least 4 letters)
  //   stem_only   it is only the stem before a street type ("amsterdam" of
  //         "amsterdamstraat"; needs `dictionary`)
  //   1 - edit_cost * edits / length   a misspelling within 1-3 edits by
  //         length, x first_letter when the first letter differs
  //   0 for numbers that differ, one-letter name words, and everything else.
  // (The numbers are WordSimilarityPolicy's.)
  double Similarity(std::string_view name_word,
                    const Dictionary* dictionary) const;

 private:
  double PrefixSimilarity(double prefix_length, double word_length) const;

  std::string word_;
  const WordSimilarityPolicy* policy_;
  std::array<uint64_t, 37> masks_{};  // a-z, 0-9, anything else
  bool numeric_ = false;
};

// WordMatcher(query_word).Similarity(name_word, dictionary).
double WordSimilarity(std::string_view query_word, std::string_view name_word,
                      const Dictionary* dictionary = nullptr);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_WORD_MATCHER_H_
