// Second stage of a search: how well one street-name variant explains the
// query, as a score in [0, 1].
//
// 1. Alignment. Query words are matched to name words, each used once,
//    best pairs first. A pair's similarity is 1 for equal words, 0.97 when a
//    dictionary reading of the query word equals the name word ("chee" ->
//    "chaussee"), high for an abbreviation (a prefix: "kerkstr" of
//    "kerkstraat"), and 1 - 0.8 * edits / length for a misspelling within
//    1-3 edits (by length). Compounds count in both directions: "fonsny laan"
//    matches "fonsnylaan" and "sintpieters" matches "sint pieters".
// 2. Name coverage: the weighted share of the name's words matched. Articles
//    weigh little (dropped "de l'" costs almost nothing), street types and
//    titles weigh half, initials a quarter.
// 3. Query coverage: the weighted share of the query's words explained, by
//    the name, by the street's own municipality or locality (Luik, Liège,
//    Lüttich, a pre-2025 name or a deelgemeente all agree), or by the
//    street's name in another language ("Rue X - X-straat").
// 4. Place agreement: the postcode and the places the query names, against
//    the street's. A disagreeing explicit postcode multiplies the score by
//    far_postcode_factor: a strong penalty, not a veto.
//
//    score = name_weight * name coverage + query_weight * query coverage
//          + place_weight * place agreement,
//
// then the evidence, order and penalty factors. Every number is a field of
// RankingPolicy (ranking_policy.h).
//
// Files: scorer.cc scores a variant (the steps above); word_pairs.cc says how
// similar one query word is to one name word, and which pairs match by
// meaning.
//
// Thread safety: a Scorer memoises word similarities for one query; use one
// per query (and per thread).

#ifndef BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_
#define BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "internal/index_data.h"
#include "internal/place_matcher.h"
#include "internal/query_parser.h"
#include "internal/query_reading.h"
#include "internal/ranking_policy.h"
#include "internal/word_matcher.h"

namespace beladdr::internal {

struct StreetMatch {
  uint32_t street = 0;
  uint32_t variant = 0;
  double score = 0;
  double name_coverage = 0;
  double query_coverage = 0;
  double place_agreement = 0;
  LanguageMask matched_langs = 0;  // languages of the variant that matched
  uint32_t street_tokens = 0;      // bit i: query token i matched the name
  uint32_t place_tokens = 0;       // bit i: query token i named its place
  double evidence = 0;             // matched words, postcode, place
  int place_match = -1;            // the PlaceMatch that agreed, if any
  bool postcode_conflict = false;
  bool place_conflict = false;  // the query names another place
  bool in_scope = false;    // in the query's postcode or one of its sure places
  bool translated = false;  // some words matched in another language
  int unexplained_words = 0;  // words of weight 1 nothing explains (extra
                              // parts included)
};

// The match reads the whole text and the whole of its name (both coverages
// at least RankingPolicy::settled_coverage).
inline bool ReadsWhole(const StreetMatch& m, const RankingPolicy& policy) {
  return m.name_coverage >= policy.settled_coverage &&
         m.query_coverage >= policy.settled_coverage;
}

class Scorer {
 public:
  // REQUIRES: the arguments outlive the Scorer.
  Scorer(const ParsedQuery& query, const QueryReading& reading,
         const IndexData& index, const RankingPolicy& policy);

  StreetMatch Score(uint32_t variant);

  // Lenient: within the query's scope, words with two or three edits still
  // align (ScopedSimilarity). For a last look when nothing else matched.
  void set_lenient(bool lenient) { lenient_ = lenient; }

 private:
  // Memoised similarities, keyed by (what, query token, name words). One
  // table per thread, reused by every query on it: entries carry the query
  // generation that wrote them, so nothing is ever cleared, and a collision
  // just recomputes.
  class Memo {
   public:
    Memo();
    // nullptr when absent.
    const float* Find(uint64_t key) const;
    void Put(uint64_t key, float value);

   private:
    struct Slot {
      uint64_t key = 0;
      uint32_t generation = 0;
      float value = 0;
    };
    static constexpr size_t kSlots = 1 << 15;
    std::vector<Slot>* slots_;
    uint32_t generation_;
  };
  struct Option {
    double sim;
    uint32_t query_mask;
    uint32_t name_mask;
    uint32_t order;           // insertion order, for a stable sort
    bool translated = false;  // one word in two languages (rue / straat)
  };
  static constexpr size_t kMaxWords = 32;
  // Query words aligned to name words: the similarity each got.
  struct Alignment {
    std::array<double, kMaxWords> name_sim{};
    std::array<double, kMaxWords> query_sim{};
    uint32_t used_query = 0;
    uint32_t used_name = 0;
    bool translated = false;  // some pair is one word in two languages
  };

  // Score with the tokens of `reserved` kept out of the street alignment.
  StreetMatch ScoreMasked(uint32_t variant, uint32_t reserved);
  // Steps of ScoreMasked (see the file comment).
  void Align(std::span<const WordId> name, uint32_t reserved, bool in_scope,
             Alignment* a);
  // An article aligned in another part than the street's words moves to the
  // same article in the street's part (see the .cc).
  void MoveStrayArticles(uint32_t reserved, Alignment* a) const;
  // The variant lies in the postcode the query gives (or one of its
  // municipalities), or in a sure place it names.
  bool InScope(const StreetVariantEntry& v) const;
  void AddConceptOptions(std::span<const WordId> name, uint32_t reserved,
                         uint32_t* order);
  // *cross: the pair is one word in two languages ("rue" / "straat").
  double ConceptSimilarity(const QueryToken& t, WordId word, bool* cross) const;
  bool CrossLanguage(std::string_view a, std::string_view b) const;
  double TypeSimilarity(uint16_t a, uint16_t b) const;
  // Similarity with the leniency of a known scope (see the .cc).
  double ScopedSimilarity(size_t token, WordId word);
  double NameCoverage(std::span<const WordId> name, const Alignment& a) const;
  bool GivenNameBeforeSurname(std::span<const WordId> name, size_t j) const;
  bool OmitsNameWord(std::span<const WordId> name, const Alignment& a) const;
  // Words the name left: the street's own places and its other names.
  // Fills `explained`; returns the best place agreement.
  double ExplainRest(uint32_t variant, Alignment* a, StreetMatch* result,
                     std::array<double, kMaxWords>* explained);
  // Words of weight 1 that nothing explains: in a part of the text that
  // something explains, or making up whole parts of their own.
  struct Unexplained {
    int words = 0;
    int extra_part_words = 0;
    int extra_parts = 0;
  };
  // The query coverage; counts the unexplained words.
  double QueryCoverage(const Alignment& a,
                       const std::array<double, kMaxWords>& explained,
                       StreetMatch* result, Unexplained* unexplained) const;
  // Token i is an article or preposition between the street's words and a
  // place, in one part, that binds the place to the name (see the .cc).
  bool DanglingConnector(size_t i, uint32_t street_tokens,
                         uint32_t place_tokens) const;
  // Postcode agreement in [0, 1]; sets the conflict flags.
  double PostcodeAgreement(const StreetVariantEntry& v, StreetMatch* result,
                           bool* near) const;
  // The place agreement of `v` (postcode and named places); adds the
  // evidence and sets the conflict flags.
  void CombinePlaces(const StreetVariantEntry& v, double best_place,
                     StreetMatch* result, bool* near_postcode) const;
  // The factors on the weighted score: how much says this is an address,
  // what contradicts the street, what the text says beyond it.
  double EvidenceFactor(std::span<const WordId> name, const Alignment& a,
                        double best_place, StreetMatch* result) const;
  double ConflictFactor(double best_place, bool near_postcode,
                        const StreetMatch& result) const;
  double UnexplainedFactor(double best_place, const Unexplained& unexplained,
                           StreetMatch* result) const;
  double QueryWordWeight(const QueryToken& t) const;
  double NameWordWeight(uint8_t word_class) const;
  double TokenSimilarity(size_t token, WordId word);
  // Query tokens `token` and `token + 1` joined, against one name word.
  double JoinedSimilarity(size_t token, WordId word);
  // One query token against two adjacent name words joined.
  double SplitSimilarity(size_t token, WordId first, WordId second);
  double PlaceAgreement(const PlaceMatch& m, const StreetVariantEntry& v) const;
  double OrderFactor(uint32_t street_tokens) const;

  const ParsedQuery& q_;
  const std::vector<PlaceMatch>& places_;
  const uint32_t sure_place_tokens_;  // QueryReading::place_tokens
  const IndexData& index_;
  const RankingPolicy& policy_;
  std::vector<double> query_weight_;
  std::vector<size_t> place_order_;  // places_, longest sure names first
  uint32_t stopword_mask_ = 0;       // bit i: query token i is an article
  // Matchers for each token, its readings, and token i + token i+1 (and +
  // each reading of token i+1).
  std::vector<WordMatcher> token_matchers_;
  std::vector<std::vector<WordMatcher>> expansion_matchers_;
  std::vector<std::vector<WordMatcher>> joined_;
  Memo memo_;
  const PostcodeEntry* postcode_entry_ = nullptr;  // of the query's postcode
  std::vector<Option> options_;                    // reused across Score calls
  bool lenient_ = false;
  bool has_concepts_ = false;      // some query word has a concept or type
  std::vector<uint8_t> numerals_;  // by token: 1 when it reads as a number
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_
