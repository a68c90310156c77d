// Third stage of a search: the reading of the query, decided once and
// passed to every later stage. Which place readings there are (FindPlaces),
// which of them the query surely means (their words are the place, not
// street words), which municipalities and postcodes it names (the scope),
// and whether it names only a place.
//
// Candidates, the exact tier, the scope scan and the scorer all ask this
// reading; none of them decides place against street on its own.
//
// Thread safety: pure functions of their inputs.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_QUERY_READING_H_
#define BELADDR_ENGINE_SRC_INTERNAL_QUERY_READING_H_

#include <cstdint>
#include <vector>

#include "internal/index_data.h"
#include "internal/place_matcher.h"
#include "internal/query_parser.h"
#include "internal/ranking_policy.h"

namespace beladdr::internal {

// The municipalities and postcodes a query names.
struct NamedPlaces {
  std::vector<uint16_t> municipalities;
  std::vector<uint16_t> postcodes;  // localities' postcodes
};

struct QueryReading {
  // Every place reading of a span, best first within each span.
  std::vector<PlaceMatch> places;
  // Bit i: token i is a word of a sure place (RankingPolicy::sure_place),
  // so not a street word.
  uint32_t place_tokens = 0;
  // Bit i: token i is a word of a sure place right after a street type,
  // when nothing else can be the street's name: the place ("Kouter
  // deinze") or the street's own word ("rue bertem"). Candidates do not
  // lean on it; the scorer reads it both ways.
  uint32_t place_or_street_tokens = 0;
  NamedPlaces named;
  // Every word may be a place name (RankingPolicy::named_place), and no
  // number or street field says a street is meant.
  bool place_only = false;
  // One sure place spans every word (whole_query_place), and agrees with
  // the postcode when one is given: a place, whatever streets say.
  bool one_place = false;

  bool IsPlaceToken(size_t i) const {
    return i < 32 && ((place_tokens >> i) & 1u) != 0;
  }
  bool IsPlaceOrStreetToken(size_t i) const {
    return i < 32 && ((place_or_street_tokens >> i) & 1u) != 0;
  }
  // True when the query names a postcode or a place to search in.
  bool HasScope(const ParsedQuery& q) const {
    return q.postcode_given || !named.municipalities.empty();
  }
};

QueryReading ReadQuery(const ParsedQuery& query, const IndexData& index,
                       const RankingPolicy& policy);

// True when query token i may be a word of the street's name: not a number,
// article or place field, and not a sure place's word.
bool IsStreetWord(const ParsedQuery& query, const QueryReading& reading,
                  size_t i);

// The share of the query's words a place match spans (bracketed hints
// count less).
double PlaceCoverage(const ParsedQuery& query, const PlaceMatch& m,
                     const RankingPolicy& policy);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_QUERY_READING_H_
