#include "internal/place_matcher.h"

#include <algorithm>

#include "beladdr/index/coding.h"
#include "internal/edit_distance.h"

namespace beladdr::internal {
namespace {

bool CanBePlace(const QueryToken& t) {
  return t.role != TokenRole::kStreet && !t.numeric;
}

// Edits allowed for a name of `length` bytes.
int AllowedEdits(size_t length) {
  if (length < 4) return 0;
  if (length < 9) return 1;
  return 2;
}

void AddExact(const IndexData& index, std::string_view text, size_t begin,
              size_t length, double quality, std::vector<PlaceMatch>* out) {
  auto it = index.places_by_text().find(text);
  if (it == index.places_by_text().end()) return;
  for (uint32_t place : it->second) {
    out->push_back({begin, length, place, quality});
  }
}

// Per-thread scratch over the place variants: a counter per place, and
// the places whose counter is not zero (room for all of them).
struct PlaceScratch {
  std::vector<uint8_t> shared;
  std::vector<uint32_t> touched;
};

PlaceScratch& ThreadPlaceScratch(size_t n) {
  thread_local PlaceScratch s;
  if (s.shared.size() < n) {
    s.shared.assign(n, 0);
    s.touched.resize(n);
  }
  return s;
}

// Close misspellings of `text` among place names, through trigrams.
void AddFuzzy(const IndexData& index, const RankingPolicy& policy,
              const std::string& text, size_t begin, size_t length, bool prefix,
              std::vector<PlaceMatch>* out) {
  const int max_edits = AllowedEdits(text.size());
  if (max_edits == 0 && !prefix) return;
  std::vector<Trigram> trigrams;
  ExtractTrigrams(text, &trigrams);
  PlaceScratch& s = ThreadPlaceScratch(index.place_variants().size());
  // Plain pointers: the counters are bytes, which may alias anything, so
  // the compiler would reload the vectors' pointers after every store.
  uint8_t* const shared = s.shared.data();
  uint32_t* const touched = s.touched.data();
  size_t touched_count = 0;
  // Only names that can match: within the allowed edits of the text's
  // length, or longer than a prefix. The lists are in order of (length,
  // id). Misspellings of equal quality have equal lengths, so they come out
  // in the order of a walk of whole id-ordered lists; the prefix matches
  // (all of one quality) are put back in that order by sorting each list's
  // newcomers by id.
  const size_t bytes = text.size();
  const size_t slack = static_cast<size_t>(max_edits);
  const uint8_t lo =
      PlaceLengthKey(prefix ? bytes + 1 : (bytes > slack ? bytes - slack : 0));
  const uint8_t hi = prefix ? 255 : PlaceLengthKey(bytes + slack);
  for (Trigram t : trigrams) {
    const size_t first_new = touched_count;
    for (const uint32_t place :
         index.place_trigrams().PostingsWithKeys(t, lo, hi)) {
      if (shared[place]++ == 0) touched[touched_count++] = place;
    }
    if (prefix) std::sort(touched + first_new, touched + touched_count);
  }
  // One edit changes at most 3 trigrams, a swap of neighbours 4.
  const int need = std::max<int>(
      1, static_cast<int>(trigrams.size()) - 4 * std::max(max_edits, 1));
  for (size_t i = 0; i < touched_count; ++i) {
    const uint32_t place = touched[i];
    const int count = shared[place];
    shared[place] = 0;
    if (count < need && !prefix) continue;
    const std::string& name = index.place_variants()[place].text;
    if (prefix) {
      // A bracketed hint abbreviates a name: "kor" for "kortrijk".
      if (text.size() >= 3 && name.size() > text.size() &&
          name.compare(0, text.size(), text) == 0) {
        out->push_back({begin, length, place, policy.place_prefix_quality});
      }
      continue;
    }
    const int d = BoundedEditDistance(text, name, max_edits);
    if (d <= max_edits && d > 0) {
      out->push_back({begin, length, place,
                      1.0 - policy.place_edit_cost * d /
                                static_cast<double>(name.size())});
    }
  }
}

// One-word place names one edit from `text` (FuzzyWords).
void AddNearWords(const IndexData& index, const RankingPolicy& policy,
                  const std::string& text, size_t begin,
                  std::vector<PlaceMatch>* out) {
  std::vector<uint32_t> near;
  index.fuzzy_place_words().Find(text, &near);
  for (uint32_t w : near) {
    const std::string_view name = index.vocabulary().word(w);
    AddExact(index, name, begin, 1,
             1.0 - policy.place_edit_cost / static_cast<double>(name.size()),
             out);
  }
}

// A municipality merged away in 2025 names its old territory, not the whole
// new municipality: "Zwijndrecht" is the 2070 part of
// Beveren-Kruibeke-Zwijndrecht. When the same words also read as a
// locality of that municipality, the locality reading (its own postcode
// first, the rest of the municipality a shade lower) says so; the
// whole-municipality reading goes.
void DropPredecessorTwins(const IndexData& index,
                          std::vector<PlaceMatch>* matches) {
  auto twin = [&](const PlaceMatch& m) {
    const PlaceVariantEntry& p = index.place_variants()[m.place];
    // "Hasselt" (merged with Kortessem) is still the municipality's name.
    if (p.kind != PlaceKind::kMunicipality ||
        !(p.name.flags & kVariantPredecessor) ||
        (p.name.flags & kVariantOfficial)) {
      return false;
    }
    return std::any_of(
        matches->begin(), matches->end(), [&](const PlaceMatch& other) {
          const PlaceVariantEntry& o = index.place_variants()[other.place];
          return other.begin == m.begin && other.length == m.length &&
                 o.kind == PlaceKind::kLocality &&
                 o.municipality == p.municipality && other.quality >= m.quality;
        });
  };
  matches->erase(std::remove_if(matches->begin(), matches->end(), twin),
                 matches->end());
}

// "Rue Haute-Sauvenière": a place name that is only part of a hyphenated
// word is more likely a word of a street name (Liège's Rue
// Haute-Sauvenière) than the place (Sauvenière). Such a match drops by
// cut_compound_place_factor, unless the other part is a place too
// ("Gent-Sint-Amandsberg").
void WeakenCutCompounds(const ParsedQuery& query, const RankingPolicy& policy,
                        std::vector<PlaceMatch>* out) {
  const auto& tokens = query.tokens;
  std::vector<uint8_t> place_start(tokens.size() + 1, 0);
  std::vector<uint8_t> place_end(tokens.size() + 1, 0);  // by last token + 1
  for (const PlaceMatch& m : *out) {
    place_start[m.begin] = 1;
    place_end[m.begin + m.length] = 1;
  }
  for (PlaceMatch& m : *out) {
    const size_t end = m.begin + m.length;
    const bool cut_before =
        m.begin > 0 && tokens[m.begin].hyphen_before && !place_end[m.begin];
    const bool cut_after =
        end < tokens.size() && tokens[end].hyphen_before && !place_start[end];
    if (cut_before || cut_after) m.quality *= policy.cut_compound_place_factor;
  }
}

}  // namespace

std::vector<PlaceMatch> FindPlaces(const ParsedQuery& query,
                                   const IndexData& index,
                                   const RankingPolicy& policy) {
  std::vector<PlaceMatch> out;
  const auto& tokens = query.tokens;
  for (size_t begin = 0; begin < tokens.size(); ++begin) {
    if (!CanBePlace(tokens[begin])) continue;
    std::string text;
    size_t foreign_words = 0;  // words of the span in no place name
    for (size_t len = 1; len <= kMaxPlaceTokens && begin + len <= tokens.size();
         ++len) {
      const QueryToken& last = tokens[begin + len - 1];
      if (!CanBePlace(last) || last.segment != tokens[begin].segment) break;
      if (len > 1) text.push_back(' ');
      text += last.text;
      if (!index.InPlaceName(last.word)) ++foreign_words;
      const size_t before = out.size();
      if (foreign_words == 0) AddExact(index, text, begin, len, 1.0, &out);
      // One token read through the dictionary: "st gillis", "sint truiden".
      for (size_t k = begin; k < begin + len && out.size() == before; ++k) {
        const size_t others =
            foreign_words - (index.InPlaceName(tokens[k].word) ? 0 : 1);
        if (others > 0) continue;
        for (size_t e = 0; e < tokens[k].expansions.size(); ++e) {
          if (!index.InPlaceName(tokens[k].expansion_words[e])) continue;
          const std::string& alt = tokens[k].expansions[e];
          std::string variant;
          for (size_t j = begin; j < begin + len; ++j) {
            if (!variant.empty()) variant.push_back(' ');
            variant += j == k ? alt : tokens[j].text;
          }
          AddExact(index, variant, begin, len, policy.place_reading_quality,
                   &out);
        }
      }
      // A name may start with an article (La Louvière, De Haan), but an
      // article alone is no place.
      const bool article_only =
          len == 1 && (tokens[begin].word_class & kWordStopword);
      // No place name ends with an article.
      const bool ends_with_article = (last.word_class & kWordStopword) != 0;
      // Misspelt place names: only spans with a word no name knows (a
      // correctly spelt word that names no place is no place).
      bool unknown_word = false;
      for (size_t k = begin; k < begin + len; ++k) {
        if (tokens[k].word == kNoWord) unknown_word = true;
      }
      // So is a whole part of the text (between commas) of several words,
      // one of which no place name has ("sint laurens berchem").
      const bool whole_part =
          len >= 2 && foreign_words == 1 &&
          (begin == 0 || tokens[begin - 1].segment != last.segment) &&
          (begin + len == tokens.size() ||
           tokens[begin + len].segment != last.segment);
      if (out.size() == before && (unknown_word || whole_part) &&
          (len <= 3 || text.size() >= 8) && text.size() >= 4 && !article_only &&
          !ends_with_article) {
        AddFuzzy(index, policy, text, begin, len, false, &out);
      }
      // A known word one edit from a one-word place name: "borne" is a
      // street word, and also Bornem misspelt.
      if (out.size() == before && len == 1 && !unknown_word &&
          tokens[begin].word_class == 0) {
        AddNearWords(index, policy, text, begin, &out);
      }
      if (out.size() == before && len == 1 &&
          tokens[begin].role == TokenRole::kBracket) {
        AddFuzzy(index, policy, text, begin, len, true, &out);
      }
    }
  }
  DropPredecessorTwins(index, &out);
  WeakenCutCompounds(query, policy, &out);
  std::stable_sort(out.begin(), out.end(),
                   [](const PlaceMatch& a, const PlaceMatch& b) {
                     return a.quality > b.quality;
                   });
  return out;
}

}  // namespace beladdr::internal
