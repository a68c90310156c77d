// The Scorer's word pairs (see scorer.h): how similar one query word is to
// one name word -- by spelling, by a dictionary reading, as a compound
// split or joined, with the leniency of a known scope -- and the pairs
// matched by meaning (concepts, street types, adjectival places). Memoised
// per query.

#include <algorithm>
#include <array>
#include <cmath>

#include "internal/edit_distance.h"
#include "internal/numerals.h"
#include "internal/scorer.h"
#include "internal/word_matcher.h"

namespace beladdr::internal {
namespace {

// Cheap: only words that start with a digit or a Roman letter are read.
bool MayBeNumeral(std::string_view w) {
  return !w.empty() && ((w[0] >= '0' && w[0] <= '9') || w[0] == 'i' ||
                        w[0] == 'v' || w[0] == 'x');
}

// "zondereigse" of Zondereigen, "aalsterse" of Aalst, "eupener" of Eupen:
// an adjective made of a name (place names have a concept already; this
// also covers the hamlets and streets that are none).
bool AdjectivalOf(std::string_view adjective, std::string_view noun) {
  for (std::string_view suffix : {"sche", "se", "er"}) {
    if (adjective.size() < suffix.size() + 4 ||
        adjective.substr(adjective.size() - suffix.size()) != suffix) {
      continue;
    }
    const std::string_view stem =
        adjective.substr(0, adjective.size() - suffix.size());
    const size_t common = std::min(stem.size(), noun.size());
    const size_t longer = std::max(stem.size(), noun.size());
    return common >= 4 && longer - common <= 3 &&
           stem.substr(0, common) == noun.substr(0, common);
  }
  return false;
}

}  // namespace

Scorer::Memo::Memo() {
  thread_local std::vector<Slot> slots(kSlots);
  thread_local uint32_t generation = 0;
  slots_ = &slots;
  generation_ = ++generation;
  if (generation_ == 0) {  // wrapped around: old entries could look current
    std::fill(slots.begin(), slots.end(), Slot{});
    generation_ = generation = 1;
  }
}

const float* Scorer::Memo::Find(uint64_t key) const {
  const Slot& slot = (*slots_)[(key * 0x9e3779b97f4a7c15ULL) >> (64 - 15)];
  return slot.generation == generation_ && slot.key == key ? &slot.value
                                                           : nullptr;
}

void Scorer::Memo::Put(uint64_t key, float value) {
  (*slots_)[(key * 0x9e3779b97f4a7c15ULL) >> (64 - 15)] = {key, generation_,
                                                           value};
}

// Memo key tags: what was compared.
constexpr uint64_t kTagToken = 0;
constexpr uint64_t kTagJoined = 1;
constexpr uint64_t kTagSplit = 2;
constexpr uint64_t kTagScoped = 3;

double Scorer::TokenSimilarity(size_t token, WordId word) {
  const uint64_t key = (kTagToken << 62) | (uint64_t{token} << 32) | word;
  if (const float* hit = memo_.Find(key)) return *hit;
  const QueryToken& t = q_.tokens[token];
  double sim = t.word == word ? 1.0 : 0.0;
  const std::string_view text = index_.vocabulary().word(word);
  // "1er" for "Ier", "3" for "III", "2eme" for "2e".
  if (sim < 1.0 && numerals_[token] != 0 && MayBeNumeral(text) &&
      SameNumeral(t.text, text)) {
    sim = policy_.numeral_similarity;
  }
  if (sim < 1.0 && !t.numeric &&
      !(index_.WordClass(word) & kWordNumeric)) {  // numbers match exactly
    const std::string_view name_word = index_.vocabulary().word(word);
    for (size_t e = 0;
         e < t.expansions.size() && sim < policy_.reading_similarity; ++e) {
      if (t.expansion_words[e] == word) {
        sim = policy_.reading_similarity;
      } else if (t.expansions[e].size() > 3) {
        sim = std::max(sim, policy_.misspelt_reading_factor *
                                expansion_matchers_[token][e].Similarity(
                                    name_word, &index_.dictionary()));
      }
    }
    if (sim < policy_.reading_similarity) {
      sim = std::max(sim, token_matchers_[token].Similarity(
                              name_word, &index_.dictionary()));
    }
    // An initial in the name ("J. Appelmanslaan") agrees with a first name
    // that starts with it; "d" and "l" of "d'Acren", "l'Église" do not.
    const uint8_t cls = index_.WordClass(word);
    if (name_word.size() == 1 && (cls & kWordInitial) &&
        !(cls & kWordStopword) && t.text.size() > 1 &&
        t.text[0] == name_word[0]) {
      sim = std::max(sim, policy_.initial_similarity);
    }
    // And the other way round: "E. Verhaeren" for Emile Verhaeren.
    if ((t.word_class & kWordInitial) && (cls & kWordGivenName) &&
        t.text[0] == name_word[0]) {
      sim = std::max(sim, policy_.initial_similarity);
    }
  }
  memo_.Put(key, static_cast<float>(sim));
  return sim;
}

// "kerk" + "straat" (or a reading of the second word, "str" -> "straat")
// against one name word.
double Scorer::JoinedSimilarity(size_t token, WordId word) {
  const uint64_t key = (kTagJoined << 62) | (uint64_t{token} << 32) | word;
  if (const float* hit = memo_.Find(key)) return *hit;
  const std::string_view name_word = index_.vocabulary().word(word);
  double best = 0;
  for (const WordMatcher& j : joined_[token]) {
    // Cheap rejection before an edit distance: lengths too far apart.
    if (std::abs(static_cast<int>(j.word().size()) -
                 static_cast<int>(name_word.size())) > 3) {
      continue;
    }
    best = std::max(best, j.Similarity(name_word, &index_.dictionary()));
  }
  memo_.Put(key, static_cast<float>(best));
  return best;
}

// "sintpieters" against "sint" + "pieters".
double Scorer::SplitSimilarity(size_t token, WordId first, WordId second) {
  const uint64_t key = (kTagSplit << 62) | (uint64_t{token} << 56) |
                       (uint64_t{first} << 28) | second;
  if (const float* hit = memo_.Find(key)) return *hit;
  const std::string_view a = index_.vocabulary().word(first);
  const std::string_view b = index_.vocabulary().word(second);
  const QueryToken& t = q_.tokens[token];
  auto fits = [&](const std::string& text) {
    return std::abs(static_cast<int>(text.size()) -
                    static_cast<int>(a.size() + b.size())) <= 3 &&
           !text.empty() && !a.empty() && text[0] == a[0];
  };
  auto joined = [&] { return std::string(a).append(b); };
  double sim = 0;
  if (fits(t.text)) {
    sim = token_matchers_[token].Similarity(joined(), &index_.dictionary());
  } else {
    // Its readings, when the word itself is too short: "eugnedenisstr" is
    // "eugnedenisstraat".
    for (size_t e = 0; e < t.expansions.size(); ++e) {
      if (!fits(t.expansions[e])) continue;
      sim = std::max(sim, policy_.misspelt_reading_factor *
                              expansion_matchers_[token][e].Similarity(
                                  joined(), &index_.dictionary()));
    }
  }
  memo_.Put(key, static_cast<float>(sim));
  return sim;
}

// For a street of the place the query names, where few names compete, more
// noise still reads as the name: a one-letter slip in a short word ("ruee",
// "roe" for rue; "dess" for des; "ven" for van), and, when lenient (nothing
// else matched), an edit (two in a long word) whatever the first letters
// ("zrendunst" for varendunst).
double Scorer::ScopedSimilarity(size_t token, WordId word) {
  const QueryToken& t = q_.tokens[token];
  const std::string_view n = index_.vocabulary().word(word);
  // Most pairs are neither: a word of 4 letters or more unless lenient.
  if (!lenient_ && (n.size() > 3 || t.text.size() > 4)) return 0;
  const uint64_t key = (kTagScoped << 62) | (uint64_t{lenient_} << 61) |
                       (uint64_t{token} << 32) | word;
  if (const float* hit = memo_.Find(key)) return *hit;
  double sim = 0;
  const bool numeric = t.numeric || (index_.WordClass(word) & kWordNumeric);
  if (!numeric && n.size() >= 2 && n.size() <= 3 && t.text.size() >= 2 &&
      t.text.size() <= n.size() + 1 && t.text[0] == n[0] &&
      BoundedEditDistance(t.text, n, 1) == 1) {
    sim = policy_.short_slip_similarity;
  } else if (lenient_ && !numeric && n.size() >= policy_.scoped_min_length &&
             t.text.size() >= policy_.scoped_min_length) {
    const int allowed =
        std::max(n.size(), t.text.size()) >= policy_.scoped_two_edit_length ? 2
                                                                            : 1;
    const int gap =
        std::abs(static_cast<int>(n.size()) - static_cast<int>(t.text.size()));
    if (gap <= allowed) {
      int d = 0, prefix = 0;
      token_matchers_[token].Distances(n, &d, &prefix);
      if (d <= allowed) {
        const double first =
            t.text[0] == n[0] ? 1.0 : policy_.word.first_letter;
        const double len =
            static_cast<double>(std::max(n.size(), t.text.size()));
        sim = first * (1.0 - policy_.word.edit_cost * d / len);
      }
    }
  }
  if (sim < policy_.min_pair_similarity) sim = 0;
  memo_.Put(key, static_cast<float>(sim));
  return sim;
}

// The same meaning in other words, a step below a misspelling: the other
// language ("eglise" for kerk), the municipality in an adjectival form
// ("gentse" for Gent), another street type ("route" for rue, "-dreef" for
// -laan), a street type added ("voortstraat" for Voort); and across word
// order, two query words for one compound name word ("rue ... eglise",
// "steenweg op tongeren" for tongersesteenweg) and one compound query word
// for two name words ("kerkstraat" for rue de l'eglise).
void Scorer::AddConceptOptions(std::span<const WordId> name, uint32_t reserved,
                               uint32_t* order) {
  const size_t n = std::min(q_.tokens.size(), kMaxWords);
  const size_t m = std::min(name.size(), kMaxWords);
  auto usable = [&](size_t i) {
    const QueryToken& t = q_.tokens[i];
    return !t.numeric && t.role != TokenRole::kPlace &&
           !(reserved & (1u << i)) && !(t.word_class & kWordStopword);
  };
  auto add = [&](double sim, uint32_t query_mask, uint32_t name_mask,
                 bool cross) {
    if (sim >= policy_.min_pair_similarity) {
      options_.push_back({sim, query_mask, name_mask, (*order)++, cross});
    }
  };
  for (size_t i = 0; i < n; ++i) {
    const QueryToken& t = q_.tokens[i];
    if (!usable(i) || (t.parts.whole == 0 && !t.parts.compound() &&
                       !(t.word_class & kWordStreetType))) {
      continue;
    }
    for (size_t j = 0; j < m; ++j) {
      bool cross = false;
      const double sim = ConceptSimilarity(t, name[j], &cross);
      add(sim, 1u << i, 1u << j, cross);
    }
  }
  for (size_t j = 0; j < m; ++j) {
    const WordParts& np = index_.Parts(name[j]);
    if (!np.compound()) continue;
    const std::string_view whole = index_.vocabulary().word(name[j]);
    const std::string_view stem = whole.substr(0, np.stem_length);
    const std::string_view suffix = whole.substr(np.stem_length);
    for (size_t a = 0; a < n; ++a) {
      const QueryToken& t = q_.tokens[a];
      if (!usable(a)) continue;
      const bool same = t.parts.whole != 0 && t.parts.whole == np.stem;
      const double stem_sim = t.text == stem ? 1.0
                              : AdjectivalOf(stem, t.text)
                                  ? policy_.adjectival_similarity
                              : same ? policy_.translation_similarity
                                     : 0;
      if (stem_sim == 0) continue;
      for (size_t b = 0; b < n; ++b) {
        const QueryToken& type = q_.tokens[b];
        if (b == a || !usable(b) || !(type.word_class & kWordStreetType))
          continue;
        const double type_sim = type.text == suffix
                                    ? 1.0
                                    : TypeSimilarity(type.parts.whole, np.type);
        add(std::min(stem_sim, type_sim), (1u << a) | (1u << b), 1u << j,
            CrossLanguage(t.text, stem) || CrossLanguage(type.text, suffix));
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const QueryToken& t = q_.tokens[i];
    if (!usable(i) || !t.parts.compound()) continue;
    const std::string_view stem =
        std::string_view(t.text).substr(0, t.parts.stem_length);
    for (size_t j = 0; j < m; ++j) {
      const WordParts& np = index_.Parts(name[j]);
      const std::string_view word = index_.vocabulary().word(name[j]);
      const bool same = t.parts.stem != 0 && t.parts.stem == np.whole;
      const double stem_sim = word == stem ? 1.0
                              : AdjectivalOf(stem, word)
                                  ? policy_.adjectival_similarity
                              : same ? policy_.translation_similarity
                                     : 0;
      if (stem_sim == 0) continue;
      for (size_t k = 0; k < m; ++k) {
        if (k == j || !(index_.WordClass(name[k]) & kWordStreetType)) continue;
        const std::string_view suffix =
            std::string_view(t.text).substr(t.parts.stem_length);
        const double type_sim =
            suffix == index_.vocabulary().word(name[k])
                ? 1.0
                : TypeSimilarity(t.parts.type, index_.Parts(name[k]).whole);
        add(std::min(stem_sim, type_sim), 1u << i, (1u << j) | (1u << k),
            CrossLanguage(stem, word) ||
                CrossLanguage(suffix, index_.vocabulary().word(name[k])));
      }
    }
  }
}

// Two full street types: the same concept (rue, straat, strasse) reads as a
// translation, two others as a swap.
double Scorer::TypeSimilarity(uint16_t a, uint16_t b) const {
  auto is_type = [&](uint16_t c) {
    return c == kTypeWithoutConcept || index_.dictionary().IsTypeConcept(c);
  };
  if (!is_type(a) || !is_type(b)) return 0;  // an abbreviation, a place
  if (a != kTypeWithoutConcept && a == b) return policy_.translation_similarity;
  return policy_.type_swap_similarity;
}

// One query word against one name word, by meaning (see
// AddConceptOptions); 0 when they share none.
bool Scorer::CrossLanguage(std::string_view a, std::string_view b) const {
  const LanguageMask x = index_.dictionary().EquivalentLanguages(a);
  const LanguageMask y = index_.dictionary().EquivalentLanguages(b);
  return x != 0 && y != 0 && (x & y) == 0;
}

double Scorer::ConceptSimilarity(const QueryToken& t, WordId word,
                                 bool* cross) const {
  const WordParts& qp = t.parts;
  const WordParts& np = index_.Parts(word);
  // Cheap first: a name word with no meaning to share, against a query
  // word that is no compound.
  if (np.whole == 0 && !np.compound() && !qp.compound()) return 0;
  if (t.word == word) return 0;  // the plain options have it
  const std::string_view w = index_.vocabulary().word(word);
  if (qp.whole != 0 && qp.whole == np.whole) {
    *cross = CrossLanguage(t.text, w);
    return policy_.translation_similarity;
  }
  if ((t.word_class & kWordStreetType) &&
      (index_.WordClass(word) & kWordStreetType)) {
    *cross = CrossLanguage(t.text, w);
    return TypeSimilarity(qp.whole, np.whole);
  }
  const std::string_view query_stem =
      std::string_view(t.text).substr(0, qp.stem_length);
  const std::string_view query_type =
      std::string_view(t.text).substr(qp.stem_length);
  if (qp.compound() && np.compound()) {
    const std::string_view name_stem = w.substr(0, np.stem_length);
    *cross = CrossLanguage(query_stem, name_stem) ||
             CrossLanguage(query_type, w.substr(np.stem_length));
    if (query_stem == name_stem) return TypeSimilarity(qp.type, np.type);
    if (qp.stem != 0 && qp.stem == np.stem) {
      return std::min(policy_.translation_similarity,
                      TypeSimilarity(qp.type, np.type));
    }
    return 0;
  }
  if (qp.compound()) {
    // "voortstraat" for Voort; not "oudegracht" for the "oude" of Oude Waag.
    if (query_stem == w && np.whole == 0 && w.size() >= 4) {
      return policy_.type_added_similarity;
    }
    if (qp.stem != 0 && qp.stem == np.whole) {
      *cross = CrossLanguage(query_stem, w);
      return policy_.translation_similarity * policy_.type_added_similarity;
    }
  }
  return 0;
}

}  // namespace beladdr::internal
