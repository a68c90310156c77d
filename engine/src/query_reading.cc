#include "internal/query_reading.h"

#include <algorithm>

namespace beladdr::internal {
namespace {

bool Covers(const PlaceMatch& m, size_t i) {
  return m.begin <= i && i < m.begin + m.length;
}

NamedPlaces CollectNamedPlaces(const std::vector<PlaceMatch>& places,
                               const IndexData& index,
                               const RankingPolicy& policy) {
  NamedPlaces named;
  for (const PlaceMatch& m : places) {
    if (m.quality < policy.named_place) continue;
    const PlaceVariantEntry& p = index.place_variants()[m.place];
    if (std::find(named.municipalities.begin(), named.municipalities.end(),
                  p.municipality) == named.municipalities.end()) {
      named.municipalities.push_back(p.municipality);
    }
    if (p.postcode != 0 &&
        std::find(named.postcodes.begin(), named.postcodes.end(), p.postcode) ==
            named.postcodes.end()) {
      named.postcodes.push_back(p.postcode);
    }
  }
  return named;
}

bool IsPlaceOnly(const ParsedQuery& q, const std::vector<PlaceMatch>& places,
                 const RankingPolicy& policy) {
  if (q.has_street_field) return false;
  bool any_word = false;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric) return false;  // a house number: a street is meant
    if (t.word_class & kWordStopword) continue;
    any_word = true;
    const bool covered =
        std::any_of(places.begin(), places.end(), [&](const PlaceMatch& m) {
          return m.quality >= policy.named_place && Covers(m, i);
        });
    if (!covered) return false;
  }
  return any_word || q.postcode_given;
}

bool CoveredByOnePlace(const ParsedQuery& q,
                       const std::vector<PlaceMatch>& places,
                       const IndexData& index, const RankingPolicy& policy) {
  size_t first = q.tokens.size(), last = 0;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if ((t.word_class & kWordStopword) || t.role == TokenRole::kBracket)
      continue;
    first = std::min(first, i);
    last = i;
  }
  if (first > last) return false;
  return std::any_of(places.begin(), places.end(), [&](const PlaceMatch& m) {
    if (m.quality < policy.whole_query_place || m.begin > first ||
        last >= m.begin + m.length) {
      return false;
    }
    if (!q.postcode_given) return true;
    // "halleux 4170": the place Halleux is not in 4170, the street is.
    const auto& pcs =
        index.municipalities()[index.place_variants()[m.place].municipality]
            .postcodes;
    return std::find(pcs.begin(), pcs.end(), q.postcode) != pcs.end();
  });
}

uint32_t Mask(const PlaceMatch& m) {
  uint32_t mask = 0;
  for (size_t i = m.begin; i < m.begin + m.length && i < 32; ++i) {
    mask |= 1u << i;
  }
  return mask;
}

// True when a street type stands before the place's words, with at most
// articles between, in the same part: "Rue de Namur", "rue haacht".
bool AfterStreetType(const ParsedQuery& q, const PlaceMatch& m) {
  for (size_t i = m.begin; i-- > 0;) {
    const QueryToken& t = q.tokens[i];
    if (t.segment != q.tokens[m.begin].segment ||
        q.tokens[i + 1].after_number) {
      return false;
    }
    if (t.word_class & kWordStreetType) return true;
    if (!(t.word_class & kWordStopword)) return false;
  }
  return false;
}

// The words of the sure places. When they are all the query has besides
// numbers, articles and street types ("Rue de Namur, Bruxelles", "rue
// haacht 2600 anvers", "Wegnez Rue de Lambermont"), a place right after a
// street type may name the street ("rue bertem": Bertemstraat) or be its
// place ("Kouter deinze": Kouter in Deinze): its words go to
// *place_or_street, for the scorer to read both ways, and the others are
// the place.
uint32_t SurePlaceTokens(const ParsedQuery& q, const IndexData& index,
                         const std::vector<PlaceMatch>& places,
                         const RankingPolicy& policy,
                         uint32_t* place_or_street) {
  uint32_t tokens = 0;
  for (const PlaceMatch& m : places) {
    if (m.quality >= policy.sure_place) tokens |= Mask(m);
  }
  if (tokens == 0 || q.has_street_field) return tokens;
  for (size_t i = 0; i < q.tokens.size() && i < 32; ++i) {
    const QueryToken& t = q.tokens[i];
    if (!t.numeric && t.role == TokenRole::kAny &&
        !(t.word_class & (kWordStopword | kWordStreetType)) &&
        !(tokens & (1u << i))) {
      return tokens;  // a street word is left
    }
  }
  uint32_t kept = 0;
  for (const PlaceMatch& m : places) {
    if (m.quality < policy.sure_place) continue;
    (AfterStreetType(q, m) ? *place_or_street : kept) |= Mask(m);
  }
  // Two parts naming two municipalities ("Ter Ham, destelbergen"): the
  // last names the place, an earlier one may be the street.
  const PlaceMatch* last = nullptr;
  for (const PlaceMatch& m : places) {
    if (m.quality >= policy.sure_place && (Mask(m) & kept) &&
        (last == nullptr || m.begin > last->begin)) {
      last = &m;
    }
  }
  if (last != nullptr) {
    const uint8_t last_part = q.tokens[last->begin].segment;
    const uint16_t last_municipality =
        index.place_variants()[last->place].municipality;
    for (const PlaceMatch& m : places) {
      if (m.quality >= policy.sure_place && (Mask(m) & kept) &&
          q.tokens[m.begin].segment < last_part &&
          index.place_variants()[m.place].municipality != last_municipality) {
        *place_or_street |= Mask(m);
      }
    }
  }
  kept &= ~*place_or_street;
  return kept;
}

}  // namespace

QueryReading ReadQuery(const ParsedQuery& query, const IndexData& index,
                       const RankingPolicy& policy) {
  QueryReading r;
  r.places = FindPlaces(query, index, policy);
  r.place_tokens = SurePlaceTokens(query, index, r.places, policy,
                                   &r.place_or_street_tokens);
  r.named = CollectNamedPlaces(r.places, index, policy);
  r.place_only = IsPlaceOnly(query, r.places, policy);
  r.one_place =
      r.place_only && CoveredByOnePlace(query, r.places, index, policy);
  return r;
}

bool IsStreetWord(const ParsedQuery& q, const QueryReading& reading, size_t i) {
  const QueryToken& t = q.tokens[i];
  if (t.numeric || t.role == TokenRole::kPlace ||
      (t.word_class & kWordStopword)) {
    return false;
  }
  return !reading.IsPlaceToken(i);
}

double PlaceCoverage(const ParsedQuery& q, const PlaceMatch& m,
                     const RankingPolicy& policy) {
  double words = 0, covered = 0;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric || (t.word_class & kWordStopword)) continue;
    const double w =
        t.role == TokenRole::kBracket ? policy.bracket_word_weight : 1.0;
    words += w;
    if (Covers(m, i)) covered += w;
  }
  return words > 0 ? std::min(1.0, covered / words) : 1.0;
}

}  // namespace beladdr::internal
