// Search as you type (Searcher::AutocompleteAddresses): streets and
// municipalities that the text typed so far may become.
//
// The query is folded like any search. Its last word is a prefix (unless
// the text ends with a space or punctuation); the earlier words are whole
// words that may be misspelt (one edit), abbreviated ("chee", "hoogstr")
// or cut short. Numbers are house numbers, or a postcode when they are
// one. Every word must be read somewhere: in the street's name, or in the
// name of its municipality or locality ("hoogstr 5 ge": Hoogstraat in a
// place that starts with "ge"); articles and prepositions may be left out.
//
// Ranking: the mean of the words' readings (a whole word 1.0, a prefix
// 0.9, a truncated whole word 0.75, one edit 0.8), times how much of the
// name the words cover; then the street's importance: the house numbers
// the data lists for it, then the number of streets of its municipality
// (a proxy for its size); then the StreetCode. A municipality all of whose
// words match is a result too, ranked among the streets.
//
// Bounded work: a prefix reads at most kMaxPrefixWords vocabulary words
// (the most important ones), and candidate streets come from the most
// selective word, the most important streets first, at most
// kCandidateBudget variants in all.
//
// Thread safety: immutable after construction; Complete() may run
// concurrently.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_AUTOCOMPLETE_H_
#define BELADDR_ENGINE_SRC_INTERNAL_AUTOCOMPLETE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/status.h"
#include "internal/index_data.h"

namespace beladdr::internal {

class Autocompleter {
 public:
  // Words a prefix reads at most (the most important first).
  static constexpr size_t kMaxPrefixWords = 400;
  // Street variants scored per query at most.
  static constexpr size_t kCandidateBudget = 1500;
  // ... and for a prefix so short that it reads kMaxPrefixWords words.
  static constexpr size_t kShortPrefixBudget = 300;
  // The place pass reads a name word's streets only when it has at most
  // this many variants (every Kerkstraat of Belgium: about 1,000).
  static constexpr size_t kPlacePassPostings = 5000;
  // ... for at most this many of the words that name places.
  static constexpr size_t kPlacePassTries = 3;
  // Prefixes up to this many bytes have their words chosen in advance.
  static constexpr size_t kShortPrefixBytes = 2;

  explicit Autocompleter(const IndexData& data);

  StatusOr<SearchResponse> Complete(const AutocompleteRequest& request) const;

 private:
  struct Reading;  // what one query word may be (autocomplete.cc)
  struct Scored;   // a candidate street
  // The vocabulary words that start with `prefix`, most important first,
  // at most kMaxPrefixWords.
  std::vector<WordId> WordsStartingWith(std::string_view prefix) const;
  // The same, chosen from the vocabulary (WordsStartingWith keeps the
  // answers for short prefixes).
  std::vector<WordId> ChooseWordsStartingWith(std::string_view prefix) const;
  std::pair<size_t, size_t> PrefixRange(std::string_view prefix) const;
  Reading Read(std::string_view word, bool prefix) const;
  // The index of the word that must be read with the fewest streets
  // (words.size() when none).
  static size_t Anchor(const std::vector<Reading>& words);
  // Street variants worth scoring: the most important streets of the
  // most selective word; failing those, the streets of a name word in a
  // place another word names.
  std::vector<uint32_t> Candidates(const std::vector<Reading>& words) const;
  std::vector<uint32_t> PlaceCandidates(
      const std::vector<Reading>& words) const;
  std::vector<Scored> Streets(const std::vector<Reading>& words,
                              uint16_t postcode, int municipality) const;
  // The candidates that read every word, best reading per street;
  // `whole_names`: only those with every word of their name read.
  std::vector<Scored> Score(const std::vector<uint32_t>& candidates,
                            const std::vector<Reading>& words,
                            uint16_t postcode, int municipality,
                            bool whole_names) const;
  void AddMunicipalities(const std::vector<Reading>& words, int municipality,
                         std::vector<Scored>* out) const;
  SearchResponse Answer(std::vector<Scored> scored,
                        const AutocompleteRequest& request,
                        const std::string& house_number) const;

  const IndexData& data_;
  std::vector<WordId> by_text_;           // vocabulary ids sorted by text
  std::vector<uint32_t> by_text_weight_;  // word_weight_ of by_text_[i]
  std::vector<uint32_t> word_weight_;     // by WordId: its best street's rank
  // By street: its importance rank (0 = least important).
  std::vector<uint32_t> street_rank_;
  // Each word's street variants, most important street first (CSR: the
  // variants of word w are ranked_[ranked_offsets_[w] ..
  // ranked_offsets_[w + 1])).
  std::vector<uint32_t> ranked_offsets_;
  std::vector<uint32_t> ranked_;
  // (word, place variant) for every word of every place name, by the
  // word's text.
  std::vector<std::pair<WordId, uint32_t>> place_words_;
  // WordsStartingWith's answer for the short prefixes that start more
  // than kMaxPrefixWords words.
  std::unordered_map<std::string, std::vector<WordId>> short_prefix_words_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_AUTOCOMPLETE_H_
