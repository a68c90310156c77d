// Finds place names in a query: municipalities in any language and their
// aliases (older spellings, municipalities merged in 2025) and bpost
// localities (deelgemeenten). Exact matches first (also through dictionary
// readings, "st gillis" -> "sint gillis"), then close misspellings through
// the place trigram index, and prefixes for bracketed hints ("(kor)").
//
// Thread safety: pure function of its inputs.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_PLACE_MATCHER_H_
#define BELADDR_ENGINE_SRC_INTERNAL_PLACE_MATCHER_H_

#include <cstdint>
#include <vector>

#include "internal/index_data.h"
#include "internal/query_parser.h"
#include "internal/ranking_policy.h"

namespace beladdr::internal {

struct PlaceMatch {
  size_t begin = 0;    // first query token
  size_t length = 0;   // tokens covered
  uint32_t place = 0;  // index into IndexData::place_variants
  double quality = 0;  // 1 exact, lower for misspellings and prefixes
};

// Longest names in tokens.
inline constexpr size_t kMaxPlaceTokens = 5;

// Every plausible place reading of a span of word tokens (numbers and
// street-field words excluded), best first within each span; qualities as
// RankingPolicy describes.
std::vector<PlaceMatch> FindPlaces(const ParsedQuery& query,
                                   const IndexData& index,
                                   const RankingPolicy& policy);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_PLACE_MATCHER_H_
