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
//    0.75: a strong penalty, not a veto.
//
//    score = 0.55 name coverage + 0.30 query coverage + 0.15 place agreement
//
// Thread safety: a Scorer memoises word similarities for one query; use one
// per query (and per thread).

#ifndef BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_
#define BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "internal/index_data.h"
#include "internal/place_matcher.h"
#include "internal/query_parser.h"

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
  bool place_conflict = false;     // the query names another place
};

// Similarity of a query word to a name word, in [0, 1] (see above). With
// a dictionary, a query word that is only the stem of a compound whose rest
// is a street type ("amsterdam" of "amsterdamstraat") scores as a partial
// match, not as an abbreviation.
double WordSimilarity(std::string_view query_word, std::string_view name_word,
                      const Dictionary* dictionary = nullptr);

class Scorer {
 public:
  Scorer(const ParsedQuery& query, const std::vector<PlaceMatch>& places,
         const IndexData& index);

  StreetMatch Score(uint32_t variant);

 private:
  // Score with the tokens of `reserved` kept out of the street alignment.
  StreetMatch ScoreMasked(uint32_t variant, uint32_t reserved);
  double TokenSimilarity(size_t token, WordId word);
  double JoinedSimilarity(size_t token, std::string_view name_word) const;
  double PlaceAgreement(const PlaceMatch& m, const StreetEntry& s) const;
  double OrderFactor(uint32_t street_tokens) const;

  const ParsedQuery& q_;
  const std::vector<PlaceMatch>& places_;
  const IndexData& index_;
  std::vector<double> query_weight_;
  std::vector<size_t> place_order_;  // places_, longest sure names first
  uint32_t stopword_mask_ = 0;       // bit i: query token i is an article
  std::unordered_map<uint64_t, double> memo_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_SCORER_H_
