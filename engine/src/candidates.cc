#include "internal/candidates.h"

#include <algorithm>

#include "internal/coding.h"

namespace beladdr::internal {
namespace {

// Per-thread counters sized to the number of variants, reset after use
// through the touched lists (so a query costs what it touches, not the
// index size).
struct Scratch {
  std::vector<uint8_t> hits;     // per variant, for the current spelling
  std::vector<float> word_best;  // per variant, best spelling of the word
  std::vector<float> score;      // per variant, summed over words
  std::vector<uint32_t> form_touched;
  std::vector<uint32_t> word_touched;
  std::vector<uint32_t> touched;

  void Resize(size_t n) {
    if (hits.size() < n) {
      hits.assign(n, 0);
      word_best.assign(n, 0);
      score.assign(n, 0);
    }
  }
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// One word to look up: its spellings and its weight.
struct LookupWord {
  std::vector<const std::string*> forms;
  std::vector<std::string> joined;  // owned extra forms (compounds)
  float weight = 1;
  bool street_type = false;
};

std::vector<LookupWord> LookupWords(const ParsedQuery& q,
                                    const std::vector<PlaceMatch>& places,
                                    float place_word_weight) {
  std::vector<LookupWord> words;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric || t.role == TokenRole::kPlace) continue;
    if (t.word_class & kWordStopword) continue;
    if (t.text.size() < 2 && t.expansions.empty()) continue;
    LookupWord w;
    w.forms.push_back(&t.text);
    for (const std::string& e : t.expansions) w.forms.push_back(&e);
    w.weight = t.role == TokenRole::kBracket ? 0.5f : 1.0f;
    w.street_type = (t.word_class & kWordStreetType) != 0;
    // "kerk straat": the compound the two words may be split from.
    if (i + 1 < q.tokens.size()) {
      const QueryToken& next = q.tokens[i + 1];
      if ((next.word_class & kWordStreetType) && next.segment == t.segment &&
          !(t.word_class & kWordStreetType)) {
        w.joined.push_back(t.text + next.text);
        for (const std::string& e : next.expansions) w.joined.push_back(t.text + e);
      }
    }
    for (const PlaceMatch& m : places) {
      if (m.quality >= 0.9 && m.begin <= i && i < m.begin + m.length) {
        w.weight = std::min(w.weight, place_word_weight);
      }
    }
    words.push_back(std::move(w));
  }
  for (const PhraseExpansion& p : q.phrases) {
    for (const std::string& word : p.words) {
      LookupWord w;
      w.forms.push_back(&word);
      w.weight = 1.0f / static_cast<float>(p.words.size());
      words.push_back(std::move(w));
    }
  }
  return words;
}

}  // namespace

NamedPlaces CollectNamedPlaces(const std::vector<PlaceMatch>& places,
                               const IndexData& index) {
  NamedPlaces named;
  for (const PlaceMatch& m : places) {
    if (m.quality < 0.75) continue;
    const PlaceVariantEntry& p = index.place_variants[m.place];
    if (std::find(named.municipalities.begin(), named.municipalities.end(),
                  p.municipality) == named.municipalities.end()) {
      named.municipalities.push_back(p.municipality);
    }
    if (p.postcode != 0 &&
        std::find(named.postcodes.begin(), named.postcodes.end(),
                  p.postcode) == named.postcodes.end()) {
      named.postcodes.push_back(p.postcode);
    }
  }
  return named;
}

std::vector<Candidate> GenerateCandidates(const ParsedQuery& query,
                                          const std::vector<PlaceMatch>& places,
                                          const NamedPlaces& named,
                                          const IndexData& index,
                                          const CandidateOptions& options) {
  Scratch& s = ThreadScratch();
  s.Resize(index.street_variants.size());
  s.touched.clear();
  size_t postings_read = 0;
  std::vector<Trigram> trigrams, word_trigrams;
  std::vector<std::pair<uint32_t, Trigram>> by_rarity;

  // Words whose every trigram is common ("rue", "straat") find nothing
  // specific; they are looked up only when nothing else is.
  std::vector<LookupWord> words =
      LookupWords(query, places, options.place_word_weight);
  for (LookupWord& w : words) {
    for (const std::string& j : w.joined) w.forms.push_back(&j);
  }
  std::vector<uint32_t> rarest(words.size(), 0);
  bool any_specific = false;
  for (size_t w = 0; w < words.size(); ++w) {
    uint32_t best = UINT32_MAX;
    for (const std::string* form : words[w].forms) {
      ExtractTrigrams(*form, &trigrams);
      for (Trigram t : trigrams) {
        const uint32_t df = index.street_trigrams.DocumentFrequency(t);
        if (df > 0) best = std::min(best, df);
      }
    }
    rarest[w] = best;
    if (best <= options.common_word_df && !words[w].street_type) any_specific = true;
  }
  // A word is looked up in the trigram lists when it is specific; street
  // types ("straat", glued to the end of a compound as often as not) and
  // common words only reward the variants found that contain them.
  auto looked_up = [&](size_t w) {
    if (rarest[w] == UINT32_MAX) return false;
    if (!any_specific) return true;
    return !words[w].street_type && rarest[w] <= options.common_word_df;
  };

  for (size_t w = 0; w < words.size(); ++w) {
    const LookupWord& word = words[w];
    if (!looked_up(w)) continue;
    // Each spelling of the word ("darimonstr", "darimonstraat") is looked
    // up on its own; a variant counts with its best spelling.
    for (const std::string* form : word.forms) {
      ExtractTrigrams(*form, &word_trigrams);
      by_rarity.clear();
      for (Trigram t : word_trigrams) {
        const uint32_t df = index.street_trigrams.DocumentFrequency(t);
        if (df > 0) by_rarity.emplace_back(df, t);
      }
      std::sort(by_rarity.begin(), by_rarity.end());
      // Rarest first; common lists only when the word has nothing rarer.
      const size_t want = std::min(
          options.max_lists_per_word,
          std::max(options.lists_per_word,
                   static_cast<size_t>(options.list_share_per_word *
                                       static_cast<double>(word_trigrams.size()))));
      size_t chosen = 0;
      for (const auto& [df, t] : by_rarity) {
        if (chosen >= want) break;
        if (df > options.max_list_length && chosen >= 2) break;
        if (postings_read + df > options.max_postings) break;
        postings_read += df;
        ++chosen;
        for (PostingIterator it(index.street_trigrams.Postings(t)); it.Valid();
             it.Next()) {
          const uint32_t v = it.value();
          if (s.hits[v]++ == 0) s.form_touched.push_back(v);
        }
      }
      for (uint32_t v : s.form_touched) {
        const float share = static_cast<float>(s.hits[v]) / static_cast<float>(chosen);
        s.hits[v] = 0;
        if (share < options.min_word_share) continue;
        if (s.word_best[v] == 0) s.word_touched.push_back(v);
        s.word_best[v] = std::max(s.word_best[v], share);
      }
      s.form_touched.clear();
    }
    for (uint32_t v : s.word_touched) {
      if (s.score[v] == 0) s.touched.push_back(v);
      s.score[v] += word.weight * s.word_best[v];
      s.word_best[v] = 0;
    }
    s.word_touched.clear();
  }

  // Common words ("straat", "rue") walk no lists, but reward the variants
  // found so far that contain them: "kerk straat" prefers Kerkstraat.
  for (size_t w = 0; w < words.size(); ++w) {
    if (looked_up(w) || rarest[w] == UINT32_MAX) continue;
    for (uint32_t v : s.touched) {
      for (WordId id : index.Words(index.street_variants[v].name)) {
        const std::string_view name_word = index.vocabulary.word(id);
        bool found = false;
        for (const std::string* form : words[w].forms) {
          if (name_word.find(*form) != std::string_view::npos) found = true;
        }
        if (found) {
          s.score[v] += words[w].weight;
          break;
        }
      }
    }
  }

  struct Scored {
    uint32_t variant;
    float text;
    float bonus;
  };
  std::vector<Scored> scored;
  scored.reserve(s.touched.size());
  const bool place_given = query.postcode_given || !named.municipalities.empty();
  for (uint32_t v : s.touched) {
    Scored c{v, s.score[v], 0};
    s.score[v] = 0;
    if (place_given) {
      const StreetEntry& street = index.streets[index.street_variants[v].street];
      if (query.postcode_given && street.postcode == query.postcode) {
        c.bonus = 1.0f;
      } else if (std::find(named.postcodes.begin(), named.postcodes.end(),
                           street.postcode) != named.postcodes.end()) {
        c.bonus = 0.9f;
      } else {
        for (uint16_t m : named.municipalities) {
          if (index.StreetInMunicipality(street, m)) {
            c.bonus = 0.7f;
            break;
          }
        }
      }
    }
    scored.push_back(c);
  }

  // Two pools: the best textual matches whatever their place (so a wrong
  // postcode cannot hide the right street), and the best matches in the
  // places the query names (so a crowd of similar names elsewhere cannot
  // hide the one in the right place).
  std::vector<Candidate> candidates;
  std::vector<uint32_t> chosen;
  auto take = [&](auto key) {
    auto better = [&](const Scored& a, const Scored& b) {
      const float ka = key(a), kb = key(b);
      if (ka != kb) return ka > kb;
      return a.variant < b.variant;
    };
    const size_t n = std::min(scored.size(), options.max_candidates);
    if (n == 0) return;
    std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(n),
                      scored.end(), better);
    const float cut = key(scored[n - 1]);
    size_t keep = n;
    // Ties with the last one kept are kept too, up to a bound.
    std::sort(scored.begin() + static_cast<long>(n), scored.end(), better);
    while (keep < scored.size() && keep < options.max_tied_candidates &&
           key(scored[keep]) >= cut) {
      ++keep;
    }
    for (size_t i = 0; i < keep; ++i) {
      if (std::find(chosen.begin(), chosen.end(), scored[i].variant) != chosen.end()) {
        continue;
      }
      chosen.push_back(scored[i].variant);
      candidates.push_back({scored[i].variant, scored[i].text + scored[i].bonus});
    }
  };
  take([](const Scored& c) { return c.text; });
  if (place_given) {
    // Streets in the named places only: the text decides, a closer
    // agreement (the postcode itself) only breaks near-ties.
    scored.erase(std::remove_if(scored.begin(), scored.end(),
                                [](const Scored& c) { return c.bonus == 0; }),
                 scored.end());
    take([](const Scored& c) { return c.text + 0.25f * c.bonus; });
  }
  return candidates;
}

}  // namespace beladdr::internal
