// First stage of a search: from the query's words to a short list of
// street-name variants worth scoring, through the trigram index.
//
// Each word contributes only its rarest trigrams (a word with one or two
// typos still shares several of them with its name), lists longer than a
// cap are skipped, and the total number of postings read per query is
// bounded. A variant's pre-rank is the share of each word's chosen trigrams
// it contains, summed over words, plus a bonus when its street lies in a
// postcode or place the query names, so that "kerkstraat gent" keeps the
// Kerkstraat of Gent among hundreds of others.
//
// Thread safety: GenerateCandidates uses per-thread scratch memory; it may
// run on many threads at once.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_CANDIDATES_H_
#define BELADDR_ENGINE_SRC_INTERNAL_CANDIDATES_H_

#include <cstdint>
#include <vector>

#include "internal/index_data.h"
#include "internal/query_parser.h"
#include "internal/query_reading.h"

namespace beladdr::internal {

struct CandidateOptions {
  // Lists per spelling of a word, rarest first: always min_lists_per_word,
  // then more while a list has at most max_list_length postings and the
  // spelling's total stays within postings_per_spelling, up to
  // max_lists_per_word.
  size_t min_lists_per_word = 2;
  size_t max_lists_per_word = 8;
  uint32_t max_list_length = 3000;
  size_t postings_per_spelling = 8000;
  // Spellings per word (the word and its dictionary readings).
  size_t max_forms_per_word = 4;
  // Postings read per query, over all words.
  size_t max_postings = 40000;
  // A variant must contain this share of a spelling's chosen trigrams.
  float min_word_share = 0.25f;
  // A known word's two rarest trigrams also find names it may misspell;
  // such a name counts as this share of the word (the word itself: 1).
  float known_word_trigram_share = 0.6f;
  // A word whose rarest trigram is in more variants than this says little
  // ("rue", "straat"); it is looked up only when the query has no other.
  uint32_t common_word_df = 8000;
  // Weight of a word that a sure place match covers.
  float place_word_weight = 0.2f;
  // Weight of a word inside brackets.
  float bracket_word_weight = 0.5f;
  // Pool B's place bonus: the query's postcode, a named locality's
  // postcode, a named municipality; and its share in pool B's order.
  float postcode_bonus = 1.0f;
  float locality_bonus = 0.9f;
  float municipality_bonus = 0.7f;
  float place_bonus_share = 0.25f;
  // Variants passed on to scoring, per pool (see GenerateCandidates); more
  // when they tie with the last one.
  size_t max_candidates = 24;
  size_t max_tied_candidates = 48;
};

struct Candidate {
  uint32_t variant = 0;
  float prerank = 0;
};

// The reading's sure places lower the weight of their words ("gent" in
// "baarleboslaan gent" should not fetch Gentweg and the like); its named
// places give pool B.
std::vector<Candidate> GenerateCandidates(const ParsedQuery& query,
                                          const QueryReading& reading,
                                          const IndexData& index,
                                          const CandidateOptions& options);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_CANDIDATES_H_
