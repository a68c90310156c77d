#include "internal/scorer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "internal/edit_distance.h"
#include "internal/numerals.h"
#include "internal/word_matcher.h"

namespace beladdr::internal {
double Scorer::NameWordWeight(uint8_t word_class) const {
  if (word_class & kWordStopword) return policy_.name_stopword_weight;
  if (word_class & kWordInitial) return policy_.name_initial_weight;
  if (word_class & kWordStreetType) return policy_.name_street_type_weight;
  if (word_class & kWordTitle) return policy_.name_title_weight;
  return 1.0;
}

double Scorer::QueryWordWeight(const QueryToken& t) const {
  if (t.numeric) return 0;  // a house number unless it matches the name
  if (t.role == TokenRole::kBracket) return policy_.bracket_word_weight;
  if (t.word_class & kWordStopword) return policy_.query_stopword_weight;
  if (t.word_class & kWordInitial) return policy_.query_initial_weight;
  if (t.word_class & kWordStreetType) return policy_.query_street_type_weight;
  return 1.0;
}

Scorer::Scorer(const ParsedQuery& query, const QueryReading& reading,
               const IndexData& index, const RankingPolicy& policy)
    : q_(query),
      places_(reading.places),
      sure_place_tokens_(reading.place_tokens),
      index_(index),
      policy_(policy) {
  // Longer place names first: "knokke heist" explains both words, before
  // the locality "knokke" takes one of them.
  place_order_.resize(places_.size());
  for (size_t k = 0; k < places_.size(); ++k) place_order_[k] = k;
  std::stable_sort(
      place_order_.begin(), place_order_.end(), [&](size_t a, size_t b) {
        return places_[a].quality * static_cast<double>(places_[a].length) >
               places_[b].quality * static_cast<double>(places_[b].length);
      });
  query_weight_.reserve(q_.tokens.size());
  for (size_t i = 0; i < q_.tokens.size(); ++i) {
    query_weight_.push_back(QueryWordWeight(q_.tokens[i]));
    if (i < 32 && (q_.tokens[i].word_class & kWordStopword))
      stopword_mask_ |= 1u << i;
  }
  token_matchers_.reserve(q_.tokens.size());
  expansion_matchers_.resize(q_.tokens.size());
  joined_.resize(q_.tokens.size());
  for (size_t i = 0; i < q_.tokens.size(); ++i) {
    const QueryToken& t = q_.tokens[i];
    token_matchers_.emplace_back(t.text, &policy_.word);
    for (const std::string& e : t.expansions)
      expansion_matchers_[i].emplace_back(e, &policy_.word);
    if (i + 1 < q_.tokens.size()) {
      const QueryToken& b = q_.tokens[i + 1];
      joined_[i].emplace_back(t.text + b.text, &policy_.word);
      for (const std::string& e : b.expansions)
        joined_[i].emplace_back(t.text + e, &policy_.word);
    }
  }
  options_.reserve(64);
  if (q_.postcode_given) postcode_entry_ = index_.Postcode(q_.postcode);
  for (const QueryToken& t : q_.tokens) {
    has_concepts_ |= t.parts.whole != 0 || t.parts.compound() ||
                     (t.word_class & kWordStreetType);
    numerals_.push_back(static_cast<uint8_t>(ReadNumeral(t.text).value != 0));
  }
}

double Scorer::OrderFactor(uint32_t street_tokens) const {
  int first = -1, last = -1;
  int segment = -1;
  bool split = false;
  for (size_t i = 0; i < q_.tokens.size() && i < 32; ++i) {
    if (!(street_tokens & (1u << i))) continue;
    if (first < 0) first = static_cast<int>(i);
    last = static_cast<int>(i);
    if (segment >= 0 && segment != q_.tokens[i].segment) split = true;
    segment = q_.tokens[i].segment;
  }
  double factor = split ? policy_.split_street_factor : 1.0;
  for (int i = first + 1; i < last; ++i) {
    const QueryToken& t = q_.tokens[static_cast<size_t>(i)];
    if (!(street_tokens & (1u << i)) && !t.numeric &&
        !(t.word_class & kWordStopword)) {
      factor *= policy_.interrupted_street_factor;
      break;
    }
  }
  return factor;
}

double Scorer::PlaceAgreement(const PlaceMatch& m,
                              const StreetVariantEntry& v) const {
  const PlaceVariantEntry& p = index_.place_variants()[m.place];
  if (p.kind == PlaceKind::kLocality) {
    // A deelgemeente agrees a shade less than a municipality of the same
    // name: "Aalst" is the municipality before the part of Sint-Truiden.
    if (p.postcode == index_.PlaceOf(v).postcode()) {
      return policy_.locality_own_postcode * m.quality;
    }
    return index_.VariantInMunicipality(v, p.municipality)
               ? policy_.locality_same_municipality * m.quality
               : 0;
  }
  return index_.VariantInMunicipality(v, p.municipality) ? m.quality : 0;
}

StreetMatch Scorer::Score(uint32_t variant) {
  StreetMatch best = ScoreMasked(variant, 0);
  // The greedy alignment may have taken a word that belongs to a place the
  // street lies in ("orval" of Villers-devant-Orval for the street Orval):
  // read it again with that place's words left to the place.
  const StreetVariantEntry& entry = index_.street_variants()[variant];
  for (const PlaceMatch& pm : places_) {
    if (pm.quality < policy_.strong_place || pm.begin + pm.length > 32) {
      continue;
    }
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    if (!(mask & best.street_tokens & ~stopword_mask_)) continue;
    if (PlaceAgreement(pm, entry) <= 0) continue;
    StreetMatch other = ScoreMasked(variant, mask);
    if (other.score > best.score) best = other;
  }
  return best;
}

StreetMatch Scorer::ScoreMasked(uint32_t variant, uint32_t reserved) {
  const StreetVariantEntry& v = index_.street_variants()[variant];
  const std::span<const WordId> name = index_.Words(v.name);
  StreetMatch result;
  result.street = v.street;
  result.variant = variant;
  result.matched_langs = v.name.langs;

  Alignment a;
  result.in_scope = InScope(v);
  Align(name, reserved, result.in_scope, &a);
  result.street_tokens = a.used_query;
  result.translated = a.translated;
  result.name_coverage = NameCoverage(name, a);
  std::array<double, kMaxWords> explained = a.query_sim;
  const double best_place = ExplainRest(variant, &a, &result, &explained);
  Unexplained unexplained;
  result.query_coverage = QueryCoverage(a, explained, &result, &unexplained);

  bool near_postcode = false;
  CombinePlaces(v, best_place, &result, &near_postcode);
  double score = policy_.name_weight * result.name_coverage +
                 policy_.query_weight * result.query_coverage +
                 policy_.place_weight * result.place_agreement;
  // A street name is written as one run of words within one comma-separated
  // part: "rue de namur 84, bruxelles" is Rue de Namur in Brussels, not Rue
  // de Bruxelles in Namur.
  score *= OrderFactor(a.used_query);
  score *= EvidenceFactor(name, a, best_place, &result);
  score *= ConflictFactor(best_place, near_postcode, result);
  score *= UnexplainedFactor(best_place, unexplained, &result);
  result.score = std::clamp(score, 0.0, 1.0);
  return result;
}

void Scorer::CombinePlaces(const StreetVariantEntry& v, double best_place,
                           StreetMatch* result, bool* near_postcode) const {
  double place_sum = 0;
  int place_parts = 0;
  if (q_.postcode_given) {
    place_sum += PostcodeAgreement(v, result, near_postcode);
    ++place_parts;
  }
  if (best_place > 0) {
    place_sum += best_place;
    ++place_parts;
  } else if (result->place_conflict || q_.has_municipality_field) {
    result->place_conflict = true;
    ++place_parts;
  }
  result->place_agreement = place_parts > 0 ? place_sum / place_parts
                                            : policy_.neutral_place_agreement;
  result->evidence += place_sum;
}

double Scorer::EvidenceFactor(std::span<const WordId> name, const Alignment& a,
                              double best_place, StreetMatch* result) const {
  double factor = 1;
  // One word matching part of a name ("lyon" of Rue de Lyon), with no
  // place to back it, is weak evidence. A house number says the text is a
  // street address ("agnzendam 50 bte 8"), which a lone town name is not;
  // so does a structured street field.
  if (!q_.house_groups.empty() || !q_.house_number_field.empty()) {
    result->evidence += policy_.address_evidence;
  }
  if (q_.has_street_field) result->evidence += policy_.address_evidence;
  // A bare name (no number, postcode, place or street field) that leaves a
  // word of the street's name out ("Esch-sur-Alzette" of Rue
  // d'Esch-sur-Alzette) is as likely a town abroad as this street.
  if (q_.house_groups.empty() && q_.house_number_field.empty() &&
      !q_.postcode_given && !q_.has_street_field && best_place == 0 &&
      OmitsNameWord(name, a)) {
    factor *= policy_.bare_name_factor;
  }
  return factor * (policy_.evidence_floor +
                   (1 - policy_.evidence_floor) *
                       std::min(1.0, result->evidence / policy_.full_evidence));
}

double Scorer::ConflictFactor(double best_place, bool near_postcode,
                              const StreetMatch& result) const {
  double factor = 1;
  if (result.postcode_conflict) {
    factor *= near_postcode ? policy_.near_postcode_factor
                            : policy_.far_postcode_factor;
  }
  if (q_.has_municipality_field && best_place == 0) {
    factor *= policy_.municipality_mismatch_factor;
  }
  // A foreign postcode format says the address may be abroad.
  if (q_.foreign_postcode && !q_.postcode_given) {
    factor *= policy_.foreign_postcode_factor;
  }
  return factor;
}

double Scorer::UnexplainedFactor(double best_place,
                                 const Unexplained& unexplained,
                                 StreetMatch* result) const {
  // A word that is neither in the street's name nor its place ("paris" in
  // "rue de rivoli, paris") says the address may be another one, possibly
  // abroad. A whole part of the text that is neither street nor place
  // ("Résidence Beau Site, Kerkdreef 3, Gent": a residence, a hamlet, a
  // building) costs little once the street is established by its name and
  // its place; else its words count like any other.
  const bool established =
      result->name_coverage >= policy_.established_name_coverage &&
      (best_place > 0 || (q_.postcode_given && !result->postcode_conflict));
  double factor = 1;
  int unexplained_words = unexplained.words;
  if (established) {
    for (int k = 0; k < unexplained.extra_parts; ++k) {
      factor *= policy_.extra_part_factor;
    }
  } else {
    unexplained_words += unexplained.extra_part_words;
  }
  result->unexplained_words = unexplained.words + unexplained.extra_part_words;
  for (int k = 0; k < unexplained_words; ++k) {
    factor *= policy_.unexplained_word_factor;
  }
  return factor;
}

bool Scorer::InScope(const StreetVariantEntry& v) const {
  if (q_.postcode_given) {
    if (index_.PlaceOf(v).postcode() == q_.postcode) return true;
    if (postcode_entry_ == nullptr) return false;
    return std::any_of(postcode_entry_->municipalities.begin(),
                       postcode_entry_->municipalities.end(), [&](uint16_t m) {
                         return index_.VariantInMunicipality(v, m);
                       });
  }
  return std::any_of(places_.begin(), places_.end(), [&](const PlaceMatch& m) {
    return m.quality >= policy_.sure_place && PlaceAgreement(m, v) > 0;
  });
}

// 1-2. Candidate pairs (single words, then compounds where no single word
// matched well), best pairs first, each word used once.
void Scorer::Align(std::span<const WordId> name, uint32_t reserved,
                   bool in_scope, Alignment* a) {
  const size_t n = std::min(q_.tokens.size(), kMaxWords);
  const size_t m = std::min(name.size(), kMaxWords);
  options_.clear();
  std::array<double, kMaxWords> best_single{};
  uint32_t order = 0;
  for (size_t i = 0; i < n; ++i) {
    if (q_.tokens[i].role == TokenRole::kPlace || (reserved & (1u << i)))
      continue;
    for (size_t j = 0; j < m; ++j) {
      double sim = TokenSimilarity(i, name[j]);
      if (sim < policy_.min_pair_similarity && in_scope &&
          (lenient_ || q_.tokens[i].text.size() <= 4)) {
        sim = ScopedSimilarity(i, name[j]);
      }
      best_single[j] = std::max(best_single[j], sim);
      if (sim >= policy_.min_pair_similarity) {
        options_.push_back({sim, 1u << i, 1u << j, order++});
      }
    }
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    const QueryToken& t = q_.tokens[i];
    const QueryToken& b = q_.tokens[i + 1];
    if (t.numeric || b.numeric || t.role != b.role ||
        t.role == TokenRole::kPlace || (reserved & (3u << i))) {
      continue;
    }
    for (size_t j = 0; j < m; ++j) {
      if (best_single[j] >= policy_.good_single_similarity) continue;
      const double sim = JoinedSimilarity(i, name[j]);
      if (sim >= policy_.min_compound_similarity)
        options_.push_back({sim, 3u << i, 1u << j, order++});
    }
  }
  for (size_t j = 0; j + 1 < m; ++j) {
    if (best_single[j] >= policy_.good_single_similarity &&
        best_single[j + 1] >= policy_.good_single_similarity) {
      continue;
    }
    for (size_t i = 0; i < n; ++i) {
      const QueryToken& t = q_.tokens[i];
      if (t.numeric || t.role == TokenRole::kPlace || (reserved & (1u << i)))
        continue;
      const double sim = SplitSimilarity(i, name[j], name[j + 1]);
      if (sim >= policy_.min_compound_similarity)
        options_.push_back({sim, 1u << i, 3u << j, order++});
    }
  }
  if (has_concepts_) AddConceptOptions(name, reserved, &order);
  // Best first; at equal similarity the option that explains more of the
  // name ("ruede" as rue + de before a lone "de").
  std::sort(options_.begin(), options_.end(),
            [](const Option& x, const Option& y) {
              if (x.sim != y.sim) return x.sim > y.sim;
              const int xw = std::popcount(x.name_mask);
              const int yw = std::popcount(y.name_mask);
              if (xw != yw) return xw > yw;
              return x.order < y.order;
            });
  for (const Option& o : options_) {
    if ((o.query_mask & a->used_query) || (o.name_mask & a->used_name)) {
      continue;
    }
    a->used_query |= o.query_mask;
    a->used_name |= o.name_mask;
    a->translated |= o.translated;
    for (size_t j = 0; j < m; ++j) {
      if (o.name_mask & (1u << j)) a->name_sim[j] = o.sim;
    }
    for (size_t i = 0; i < n; ++i) {
      if (o.query_mask & (1u << i)) a->query_sim[i] = o.sim;
    }
  }
  MoveStrayArticles(reserved, a);
}

// "Résidence du Lac, Rue du Ménil": the greedy alignment gives the name's
// "du" to the first "du" of the text. An article matched in another part
// than the street's own words moves to the same article in that part.
void Scorer::MoveStrayArticles(uint32_t reserved, Alignment* a) const {
  const size_t n = std::min(q_.tokens.size(), kMaxWords);
  int part = -1;
  for (size_t i = 0; i < n && part < 0; ++i) {
    if ((a->used_query & (1u << i)) && !(stopword_mask_ & (1u << i))) {
      part = q_.tokens[i].segment;
    }
  }
  if (part < 0) return;
  for (size_t i = 0; i < n; ++i) {
    if (!(a->used_query & stopword_mask_ & (1u << i)) ||
        q_.tokens[i].segment == part) {
      continue;
    }
    for (size_t k = 0; k < n; ++k) {
      const uint32_t bit = 1u << k;
      if (q_.tokens[k].segment != part ||
          q_.tokens[k].text != q_.tokens[i].text ||
          ((a->used_query | reserved) & bit) ||
          q_.tokens[k].role != q_.tokens[i].role) {
        continue;
      }
      a->used_query = (a->used_query & ~(1u << i)) | bit;
      a->query_sim[k] = a->query_sim[i];
      a->query_sim[i] = 0;
      break;
    }
  }
}

// True when a name word that counts (a street type or a word of its own,
// not an article, initial or given name) matched nothing.
bool Scorer::OmitsNameWord(std::span<const WordId> name,
                           const Alignment& a) const {
  const size_t m = std::min(name.size(), kMaxWords);
  for (size_t j = 0; j < m; ++j) {
    if (a.name_sim[j] > 0) continue;
    if (GivenNameBeforeSurname(name, j)) continue;
    if (NameWordWeight(index_.WordClass(name[j])) >=
        policy_.name_street_type_weight) {
      return true;
    }
  }
  return false;
}

// A given name followed, after more given names, by a word of no
// dictionary (a surname): "Emile" of Rue Emile Verhaeren, left out as
// often as written. Not "Albert" of Avenue Albert Ier, nor Leopoldlaan.
bool Scorer::GivenNameBeforeSurname(std::span<const WordId> name,
                                    size_t j) const {
  if (!(index_.WordClass(name[j]) & kWordGivenName)) return false;
  for (size_t k = j + 1; k < name.size(); ++k) {
    const uint8_t cls = index_.WordClass(name[k]);
    if (cls & kWordGivenName) continue;
    return cls == 0 && !ReadNumeral(index_.vocabulary().word(name[k])).value;
  }
  return false;
}

double Scorer::NameCoverage(std::span<const WordId> name,
                            const Alignment& a) const {
  const size_t m = std::min(name.size(), kMaxWords);
  double total = 0, matched = 0;
  for (size_t j = 0; j < m; ++j) {
    double w = NameWordWeight(index_.WordClass(name[j]));
    if (GivenNameBeforeSurname(name, j)) w = policy_.given_name_weight;
    total += w;
    matched += w * a.name_sim[j];
  }
  return total > 0 ? matched / total : 0;
}

// 3. Words the name left: the street's own place, or its other names.
double Scorer::ExplainRest(uint32_t variant, Alignment* a, StreetMatch* result,
                           std::array<double, kMaxWords>* explained) {
  const StreetVariantEntry& v = index_.street_variants()[variant];
  const size_t n = std::min(q_.tokens.size(), kMaxWords);
  double best_place = 0;
  for (size_t k : place_order_) {
    const PlaceMatch& pm = places_[k];
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    // A place name may take back articles the street name matched: the "la"
    // of Louvain-la-Neuve is not the "la" of Avenue de la Palette.
    if (pm.begin + pm.length > kMaxWords ||
        (mask & ((a->used_query & ~stopword_mask_) | result->place_tokens))) {
      continue;
    }
    const double agree = PlaceAgreement(pm, v);
    if (agree <= 0) continue;
    a->used_query &= ~mask;
    result->street_tokens &= ~mask;
    result->place_tokens |= mask;
    if (agree > best_place) {
      best_place = agree;
      result->place_match = static_cast<int>(k);
    }
    for (size_t i = pm.begin; i < pm.begin + pm.length; ++i) {
      (*explained)[i] = agree;
    }
  }
  for (const PlaceMatch& pm : places_) {
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    if (pm.quality >= policy_.strong_place &&
        pm.begin + pm.length <= kMaxWords &&
        !(mask & (a->used_query | result->place_tokens))) {
      result->place_conflict = true;  // names a place this street is not in
    }
  }
  // Words left: the street's name in another language ("Rue X - X-straat").
  const StreetEntry& street = index_.streets()[v.street];
  for (size_t i = 0; i < n; ++i) {
    if ((*explained)[i] >= policy_.other_name_similarity ||
        q_.tokens[i].numeric || q_.tokens[i].role == TokenRole::kPlace ||
        (result->place_tokens & (1u << i))) {
      continue;
    }
    double other_name = 0;
    for (uint32_t other = street.first_variant;
         other < street.first_variant + street.variant_count; ++other) {
      if (other == variant) continue;
      for (WordId w : index_.Words(index_.street_variants()[other].name)) {
        other_name = std::max(other_name, TokenSimilarity(i, w));
      }
    }
    if (other_name >= policy_.other_name_similarity) {
      (*explained)[i] = std::max((*explained)[i], other_name);
    }
  }
  return best_place;
}

double Scorer::QueryCoverage(const Alignment& a,
                             const std::array<double, kMaxWords>& explained,
                             StreetMatch* result,
                             Unexplained* unexplained) const {
  const size_t n = std::min(q_.tokens.size(), kMaxWords);
  for (size_t i = 0; i < n; ++i) {
    if (a.used_query & (1u << i)) {
      result->evidence +=
          (q_.tokens[i].numeric ? 1.0 : query_weight_[i]) * a.query_sim[i];
    }
  }
  // Parts (comma or spaced-hyphen separated) with no word of the street (a
  // house number may stand in any part, and the place may share the part:
  // "Kerkstraat 3 - Residentie Ter Linde Kasterlee").
  uint32_t touched_parts = 0;  // bit s: part s has a word of the street
  for (size_t i = 0; i < n; ++i) {
    if ((a.used_query & (1u << i)) && !q_.tokens[i].numeric &&
        q_.tokens[i].segment < 32) {
      touched_parts |= 1u << q_.tokens[i].segment;
    }
  }
  double total = 0, covered = 0;
  uint32_t extra_parts = 0;
  for (size_t i = 0; i < n; ++i) {
    if (DanglingConnector(i, a.used_query, result->place_tokens)) {
      unexplained->words += 1;
    }
    double w = query_weight_[i];
    if (q_.tokens[i].numeric && (a.used_query & (1u << i))) w = 1.0;
    total += w;
    covered += w * explained[i];
    if (w < 1.0 || explained[i] != 0) continue;
    // A part that names another place is a conflict, not an extra part.
    const uint8_t part = q_.tokens[i].segment;
    if (part < 32 && !(touched_parts & (1u << part)) &&
        !(sure_place_tokens_ & (1u << i))) {
      unexplained->extra_part_words += 1;
      extra_parts |= 1u << part;
    } else {
      unexplained->words += 1;
    }
  }
  unexplained->extra_parts = std::popcount(extra_parts);
  return total > 0 ? covered / total : 1.0;
}

// "steenweg op zoutleeuw": read as the street Steenweg in Zoutleeuw, the
// "op" binds nothing. A preposition left between the street's words and a
// place, in one part of the text, says the place is the end of the street's
// name (Zoutleeuwse Steenweg), unless it is one that says where ("te", "à").
bool Scorer::DanglingConnector(size_t i, uint32_t street_tokens,
                               uint32_t place_tokens) const {
  static constexpr std::string_view kLocatives[] = {"te", "in", "bij",
                                                    "a",  "im", "bei"};
  if (i == 0 || i + 1 >= q_.tokens.size() || i + 1 >= kMaxWords ||
      !(stopword_mask_ & (1u << i)) || !(street_tokens & (1u << (i - 1))) ||
      !(place_tokens & (1u << (i + 1)))) {
    return false;
  }
  const QueryToken& t = q_.tokens[i];
  if (q_.tokens[i - 1].segment != t.segment ||
      q_.tokens[i + 1].segment != t.segment || t.role == TokenRole::kPlace ||
      q_.tokens[i + 1].role != t.role) {
    return false;
  }
  // The article of a place's own name: "la" of La Louvière.
  for (const PlaceMatch& pm : places_) {
    if (pm.begin <= i && i < pm.begin + pm.length) return false;
  }
  return std::find(std::begin(kLocatives), std::end(kLocatives), t.text) ==
         std::end(kLocatives);
}

double Scorer::PostcodeAgreement(const StreetVariantEntry& v,
                                 StreetMatch* result, bool* near) const {
  double pc = 0;
  const uint16_t postcode = index_.PlaceOf(v).postcode();
  if (postcode == q_.postcode) {
    pc = 1.0;
  } else if (postcode_entry_ != nullptr) {
    for (uint16_t muni : postcode_entry_->municipalities) {
      if (index_.VariantInMunicipality(v, muni)) {
        pc = policy_.postcode_same_municipality;
      }
    }
  }
  result->postcode_conflict = pc == 0;
  // Belgian postcodes run by geography: 1000 and 1060 are neighbours,
  // 1000 and 8500 are not. A near miss is a slip, a far one a conflict.
  *near = pc == 0 && postcode / 100 == q_.postcode / 100;
  if (*near) pc = policy_.postcode_near;
  // As evidence, a postcode of the street's own municipality names the
  // place as well as the exact one: many write a city's main postcode
  // (9000) for all of it.
  if (pc == policy_.postcode_same_municipality) {
    result->evidence += policy_.postcode_same_municipality;
  }
  return pc;
}

}  // namespace beladdr::internal
