#include "internal/scorer.h"

#include <algorithm>
#include <cmath>

#include "internal/edit_distance.h"

namespace beladdr::internal {
namespace {

constexpr double kMinPairSimilarity = 0.5;
constexpr double kUnexplainedWordFactor = 0.72;
constexpr double kStemOnlySimilarity = 0.65;
constexpr double kInitialSimilarity = 0.8;
// A compound split in the query must still read well when joined.
constexpr double kMinJoinedSimilarity = 0.8;
constexpr double kFirstLetterFactor = 0.9;
// Evidence worth full confidence: e.g. one name word and a postcode.
constexpr double kFullEvidence = 2.0;
constexpr double kForeignPostcodeFactor = 0.6;
constexpr double kExpansionSimilarity = 0.97;

double NameWordWeight(uint8_t word_class) {
  if (word_class & kWordStopword) return 0.1;
  if (word_class & kWordInitial) return 0.25;
  if (word_class & kWordStreetType) return 0.5;
  if (word_class & kWordTitle) return 0.6;
  return 1.0;
}

double QueryWordWeight(const QueryToken& t) {
  if (t.numeric) return 0;  // a house number unless it matches the name
  if (t.role == TokenRole::kBracket) return 0.3;
  if (t.word_class & kWordStopword) return 0.15;
  if (t.word_class & kWordInitial) return 0.25;
  if (t.word_class & kWordStreetType) return 0.5;
  return 1.0;
}

bool IsNumeric(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Edits tolerated in a name word of `length` bytes.
int MaxEdits(size_t length) {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

struct Option {
  double sim;
  uint32_t query_mask;
  uint32_t name_mask;
};

// A prefix counts by how much of the word it keeps: "pietersnieuwstr" of
// "pietersnieuwstraat" almost fully, "bonn" of "bonniers" by half.
double PrefixSimilarity(double prefix_length, double word_length) {
  return 0.55 + 0.45 * prefix_length / word_length;
}

}  // namespace

double WordSimilarity(std::string_view q, std::string_view n,
                      const Dictionary* dictionary) {
  if (q == n) return 1.0;
  if (q.empty() || n.empty()) return 0;
  if (IsNumeric(q) || IsNumeric(n)) return 0;  // numbers match exactly
  const auto lq = static_cast<double>(q.size());
  const auto ln = static_cast<double>(n.size());
  double best = 0;
  // A one-letter name word: an initial (see Scorer::TokenSimilarity) or an
  // elided article; nothing here.
  if (n.size() == 1) return 0;
  // The query abbreviates the name word: "kerkstr", "pietersnieuwstr" --
  // unless all it leaves out is the street type: "amsterdam" names a city,
  // not Amsterdamstraat.
  if (q.size() >= 4 && q.size() < n.size() && n.compare(0, q.size(), q) == 0) {
    const bool stem_only =
        dictionary != nullptr &&
        dictionary->CanonicalStreetTypeLanguages(n.substr(q.size())) != 0;
    best = stem_only ? kStemOnlySimilarity : PrefixSimilarity(lq, ln);
  }
  const int max_edits = MaxEdits(n.size());
  if (max_edits > 0 &&
      std::abs(static_cast<int>(q.size()) - static_cast<int>(n.size())) <= max_edits) {
    const int d = BoundedEditDistance(q, n, max_edits);
    if (d <= max_edits) {
      // People rarely mistype the first letter.
      const double first = q[0] == n[0] ? 1.0 : kFirstLetterFactor;
      best = std::max(best, first * (1.0 - 0.8 * d / std::max(lq, ln)));
    }
  }
  // A misspelt abbreviation: "pietresnieuwstr" (exact prefixes are
  // handled above).
  if (best < 0.8 && q.size() >= 5 && q.size() < n.size() &&
      n.compare(0, q.size(), q) != 0) {
    const int allowed = q.size() < 8 ? 1 : 2;
    const int d = BoundedPrefixDistance(q, n, allowed);
    if (d <= allowed) {
      // A misspelt stem of "<stem><street type>" is still only the stem.
      bool stem_only = false;
      if (dictionary != nullptr) {
        std::vector<Dictionary::SuffixMatch> suffixes;
        dictionary->CompoundSuffixes(n, &suffixes);
        for (const auto& sfx : suffixes) {
          if (!sfx.abbreviated &&
              std::abs(static_cast<int>(sfx.stem_length) - static_cast<int>(q.size())) <= d) {
            stem_only = true;
          }
        }
      }
      const double base = stem_only ? kStemOnlySimilarity : PrefixSimilarity(lq, ln);
      best = std::max(best, base * (1.0 - 0.8 * d / lq));
    }
  }
  return best;
}

Scorer::Scorer(const ParsedQuery& query, const std::vector<PlaceMatch>& places,
               const IndexData& index)
    : q_(query), places_(places), index_(index) {
  // Longer place names first: "knokke heist" explains both words, before
  // the locality "knokke" takes one of them.
  place_order_.resize(places_.size());
  for (size_t k = 0; k < places_.size(); ++k) place_order_[k] = k;
  std::stable_sort(place_order_.begin(), place_order_.end(), [&](size_t a, size_t b) {
    return places_[a].quality * static_cast<double>(places_[a].length) >
           places_[b].quality * static_cast<double>(places_[b].length);
  });
  query_weight_.reserve(q_.tokens.size());
  for (size_t i = 0; i < q_.tokens.size(); ++i) {
    query_weight_.push_back(QueryWordWeight(q_.tokens[i]));
    if (i < 32 && (q_.tokens[i].word_class & kWordStopword)) stopword_mask_ |= 1u << i;
  }
  memo_.reserve(512);
}

double Scorer::TokenSimilarity(size_t token, WordId word) {
  const uint64_t key = (uint64_t{token} << 32) | word;
  auto it = memo_.find(key);
  if (it != memo_.end()) return it->second;
  const QueryToken& t = q_.tokens[token];
  double sim = t.word == word ? 1.0 : 0.0;
  if (sim < 1.0) {
    const std::string_view name_word = index_.vocabulary.word(word);
    for (size_t e = 0; e < t.expansions.size() && sim < kExpansionSimilarity; ++e) {
      if (t.expansion_words[e] == word) {
        sim = kExpansionSimilarity;
      } else if (t.expansions[e].size() > 3) {
        sim = std::max(sim, 0.95 * WordSimilarity(t.expansions[e], name_word,
                                                  &index_.dictionary));
      }
    }
    if (sim < kExpansionSimilarity) {
      sim = std::max(sim, WordSimilarity(t.text, name_word, &index_.dictionary));
    }
    // An initial in the name ("J. Appelmanslaan") agrees with a first name
    // that starts with it; "d" and "l" of "d'Acren", "l'Église" do not.
    const uint8_t cls = index_.WordClass(word);
    if (name_word.size() == 1 && (cls & kWordInitial) && !(cls & kWordStopword) &&
        !t.numeric && t.text.size() > 1 && t.text[0] == name_word[0]) {
      sim = std::max(sim, kInitialSimilarity);
    }
  }
  memo_.emplace(key, sim);
  return sim;
}

// "kerk" + "straat" (or a reading of the second word, "str" -> "straat")
// against one name word.
double Scorer::JoinedSimilarity(size_t token, std::string_view name_word) const {
  const QueryToken& a = q_.tokens[token];
  const QueryToken& b = q_.tokens[token + 1];
  double best = WordSimilarity(a.text + b.text, name_word);
  for (const std::string& e : b.expansions) {
    best = std::max(best, WordSimilarity(a.text + e, name_word));
  }
  return best;
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
  double factor = split ? 0.95 : 1.0;
  for (int i = first + 1; i < last; ++i) {
    const QueryToken& t = q_.tokens[static_cast<size_t>(i)];
    if (!(street_tokens & (1u << i)) && !t.numeric &&
        !(t.word_class & kWordStopword)) {
      factor *= 0.97;  // a foreign word inside the street's words
      break;
    }
  }
  return factor;
}

double Scorer::PlaceAgreement(const PlaceMatch& m, const StreetEntry& s) const {
  const PlaceVariantEntry& p = index_.place_variants[m.place];
  if (p.kind == PlaceKind::kLocality) {
    // A deelgemeente agrees a shade less than a municipality of the same
    // name: "Aalst" is the municipality before the part of Sint-Truiden.
    if (p.postcode == s.postcode) return 0.99 * m.quality;
    return index_.StreetInMunicipality(s, p.municipality) ? 0.85 * m.quality : 0;
  }
  return index_.StreetInMunicipality(s, p.municipality) ? m.quality : 0;
}

StreetMatch Scorer::Score(uint32_t variant) {
  StreetMatch best = ScoreMasked(variant, 0);
  // The greedy alignment may have taken a word that belongs to a place the
  // street lies in ("orval" of Villers-devant-Orval for the street Orval):
  // read it again with that place's words left to the place.
  const StreetEntry& street = index_.streets[index_.street_variants[variant].street];
  for (const PlaceMatch& pm : places_) {
    if (pm.quality < 0.85 || pm.begin + pm.length > 32) continue;
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    if (!(mask & best.street_tokens & ~stopword_mask_)) continue;
    if (PlaceAgreement(pm, street) <= 0) continue;
    StreetMatch other = ScoreMasked(variant, mask);
    if (other.score > best.score) best = other;
  }
  return best;
}

StreetMatch Scorer::ScoreMasked(uint32_t variant, uint32_t reserved) {
  const StreetVariantEntry& v = index_.street_variants[variant];
  const StreetEntry& street = index_.streets[v.street];
  const std::span<const WordId> name = index_.Words(v.name);
  const size_t n = q_.tokens.size();
  const size_t m = std::min<size_t>(name.size(), 32);

  StreetMatch result;
  result.street = v.street;
  result.variant = variant;
  result.matched_langs = v.name.langs;

  // 1. Candidate pairs: single words, then compounds where no single word
  // matched well.
  std::vector<Option> options;
  std::vector<double> best_single(m, 0);
  for (size_t i = 0; i < n && i < 32; ++i) {
    if (q_.tokens[i].role == TokenRole::kPlace || (reserved & (1u << i))) continue;
    for (size_t j = 0; j < m; ++j) {
      const double sim = TokenSimilarity(i, name[j]);
      best_single[j] = std::max(best_single[j], sim);
      if (sim >= kMinPairSimilarity) {
        options.push_back({sim, 1u << i, 1u << j});
      }
    }
  }
  for (size_t i = 0; i + 1 < n && i + 1 < 32; ++i) {
    const QueryToken& a = q_.tokens[i];
    const QueryToken& b = q_.tokens[i + 1];
    if (a.numeric || b.numeric || a.role != b.role || a.role == TokenRole::kPlace ||
        (reserved & (3u << i))) {
      continue;
    }
    for (size_t j = 0; j < m; ++j) {
      if (best_single[j] >= 0.95) continue;
      const double sim = JoinedSimilarity(i, index_.vocabulary.word(name[j]));
      if (sim >= kMinJoinedSimilarity) options.push_back({sim, 3u << i, 1u << j});
    }
  }
  for (size_t j = 0; j + 1 < m; ++j) {
    if (best_single[j] >= 0.95 && best_single[j + 1] >= 0.95) continue;
    const std::string joined = std::string(index_.vocabulary.word(name[j])) +
                               std::string(index_.vocabulary.word(name[j + 1]));
    for (size_t i = 0; i < n && i < 32; ++i) {
      const QueryToken& t = q_.tokens[i];
      if (t.numeric || t.role == TokenRole::kPlace || (reserved & (1u << i))) continue;
      const double sim = WordSimilarity(t.text, joined, &index_.dictionary);
      if (sim >= kMinJoinedSimilarity) options.push_back({sim, 1u << i, 3u << j});
    }
  }

  // 2. Best pairs first, each word used once.
  std::stable_sort(options.begin(), options.end(),
                   [](const Option& a, const Option& b) { return a.sim > b.sim; });
  std::vector<double> name_sim(m, 0);
  std::vector<double> query_sim(n, 0);
  uint32_t used_query = 0, used_name = 0;
  for (const Option& o : options) {
    if ((o.query_mask & used_query) || (o.name_mask & used_name)) continue;
    used_query |= o.query_mask;
    used_name |= o.name_mask;
    for (size_t j = 0; j < m; ++j) {
      if (o.name_mask & (1u << j)) name_sim[j] = o.sim;
    }
    for (size_t i = 0; i < n && i < 32; ++i) {
      if (o.query_mask & (1u << i)) query_sim[i] = o.sim;
    }
  }
  result.street_tokens = used_query;

  double name_total = 0, name_matched = 0;
  for (size_t j = 0; j < m; ++j) {
    const double w = NameWordWeight(index_.WordClass(name[j]));
    name_total += w;
    name_matched += w * name_sim[j];
  }
  result.name_coverage = name_total > 0 ? name_matched / name_total : 0;

  // 3. Words the name left: the street's own place, or its other names.
  std::vector<double> explained = query_sim;
  double best_place = 0;
  for (size_t k : place_order_) {
    const PlaceMatch& pm = places_[k];
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    // A place name may take back articles the street name matched: the "la"
    // of Louvain-la-Neuve is not the "la" of Avenue de la Palette.
    if (pm.begin + pm.length > 32 ||
        (mask & ((used_query & ~stopword_mask_) | result.place_tokens))) {
      continue;
    }
    const double agree = PlaceAgreement(pm, street);
    if (agree <= 0) continue;
    used_query &= ~mask;
    result.street_tokens &= ~mask;
    result.place_tokens |= mask;
    if (agree > best_place) {
      best_place = agree;
      result.place_match = static_cast<int>(k);
    }
    for (size_t i = pm.begin; i < pm.begin + pm.length; ++i) explained[i] = agree;
  }
  for (const PlaceMatch& pm : places_) {
    const uint32_t mask = ((1u << pm.length) - 1) << pm.begin;
    if (pm.quality >= 0.85 && pm.begin + pm.length <= 32 &&
        !(mask & (used_query | result.place_tokens))) {
      result.place_conflict = true;  // names a place this street is not in
    }
  }
  // Words left: the street's name in another language ("Rue X - X-straat").
  for (size_t i = 0; i < n && i < 32; ++i) {
    if (explained[i] >= 0.8 || q_.tokens[i].numeric ||
        q_.tokens[i].role == TokenRole::kPlace ||
        (result.place_tokens & (1u << i))) {
      continue;
    }
    double other_name = 0;
    for (uint32_t other = street.first_variant;
         other < street.first_variant + street.variant_count; ++other) {
      if (other == variant) continue;
      for (WordId w : index_.Words(index_.street_variants[other].name)) {
        other_name = std::max(other_name, TokenSimilarity(i, w));
      }
    }
    if (other_name >= 0.8) explained[i] = std::max(explained[i], other_name);
  }
  double query_total = 0, query_explained = 0, unexplained_words = 0;
  for (size_t i = 0; i < n && i < 32; ++i) {
    if (used_query & (1u << i)) {
      result.evidence += (q_.tokens[i].numeric ? 1.0 : query_weight_[i]) * query_sim[i];
    }
  }
  for (size_t i = 0; i < n && i < 32; ++i) {
    double w = query_weight_[i];
    if (q_.tokens[i].numeric && (used_query & (1u << i))) w = 1.0;
    query_total += w;
    query_explained += w * explained[i];
    if (w >= 1.0 && explained[i] == 0) unexplained_words += 1;
  }
  result.query_coverage = query_total > 0 ? query_explained / query_total : 1.0;

  // 4. Postcode and places.
  double place_sum = 0;
  int place_parts = 0;
  if (q_.postcode_given) {
    double pc = 0;
    if (street.postcode == q_.postcode) {
      pc = 1.0;
    } else if (const PostcodeEntry* e = index_.Postcode(q_.postcode)) {
      for (uint16_t muni : e->municipalities) {
        if (index_.StreetInMunicipality(street, muni)) pc = 0.5;
      }
    }
    result.postcode_conflict = pc == 0;
    place_sum += pc;
    ++place_parts;
  }
  if (best_place > 0) {
    place_sum += best_place;
    ++place_parts;
  } else if (result.place_conflict || q_.has_municipality_field) {
    result.place_conflict = true;
    ++place_parts;
  }
  result.place_agreement = place_parts > 0 ? place_sum / place_parts : 0.5;
  result.evidence += place_sum;

  double score = 0.55 * result.name_coverage + 0.30 * result.query_coverage +
                 0.15 * result.place_agreement;
  // A street name is written as one run of words within one comma-separated
  // part: "rue de namur 84, bruxelles" is Rue de Namur in Brussels, not Rue
  // de Bruxelles in Namur.
  score *= OrderFactor(used_query);
  // One word matching part of a name ("lyon" of Rue de Lyon), with no
  // place to back it, is weak evidence.
  score *= 0.6 + 0.4 * std::min(1.0, result.evidence / kFullEvidence);
  if (result.postcode_conflict) score *= 0.75;
  if (q_.has_municipality_field && best_place == 0) score *= 0.75;
  // A word that is neither in the street's name nor its place ("paris" in
  // "rue de rivoli, paris") says the address may be another one, possibly
  // abroad; a foreign postcode format says so outright.
  score *= std::pow(kUnexplainedWordFactor, unexplained_words);
  if (q_.foreign_postcode && !q_.postcode_given) score *= kForeignPostcodeFactor;
  result.score = std::clamp(score, 0.0, 1.0);
  return result;
}

}  // namespace beladdr::internal
