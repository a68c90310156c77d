#include "internal/candidates.h"

#include <algorithm>

#include "internal/coding.h"
#include "internal/word_matcher.h"

namespace beladdr::internal {
namespace {

// Per-thread counters sized to the number of variants, reset after use
// through the touched lists (so a query costs what it touches, not the
// index size).
struct Scratch {
  // Small types keep these per-variant arrays within the L2 cache: a query
  // touches thousands of entries at random.
  std::vector<uint8_t> hits;       // per variant, for the current spelling
  std::vector<uint8_t> word_best;  // best share of the word, x255
  std::vector<uint16_t> score;     // weighted shares summed over words, x256
  std::vector<uint32_t> form_touched;
  std::vector<uint32_t> word_touched;
  std::vector<uint32_t> touched;
  static constexpr size_t kHistogramBuckets = 4096;
  std::vector<uint32_t> histogram = std::vector<uint32_t>(kHistogramBuckets);

  void Resize(size_t n) {
    if (hits.size() < n) {
      hits.assign(n, 0);
      word_best.assign(n, 0);
      score.assign(n, 0);
      // Room for every variant: the loops below append through plain
      // pointers (a store to a byte counter may alias anything, so the
      // compiler would reload a vector's end after each one).
      form_touched.resize(n);
      word_touched.resize(n);
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
        for (const std::string& e : next.expansions)
          w.joined.push_back(t.text + e);
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
        std::find(named.postcodes.begin(), named.postcodes.end(), p.postcode) ==
            named.postcodes.end()) {
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
  std::vector<Trigram> trigrams;
  std::vector<std::pair<uint32_t, Trigram>> by_rarity;
  std::vector<WordId> fuzzy;

  std::vector<LookupWord> words =
      LookupWords(query, places, options.place_word_weight);
  for (LookupWord& w : words) {
    for (const std::string& j : w.joined) w.forms.push_back(&j);
    if (w.forms.size() > options.max_forms_per_word) {
      w.forms.resize(options.max_forms_per_word);
    }
  }
  // Words whose every trigram is common ("rue", "straat") find nothing
  // specific: they only reward variants that contain them (below), unless
  // the query has nothing else.
  std::vector<uint32_t> rarest(words.size(), UINT32_MAX);
  bool any_specific = false;
  for (size_t w = 0; w < words.size(); ++w) {
    for (const std::string* form : words[w].forms) {
      ExtractTrigrams(*form, &trigrams);
      for (Trigram t : trigrams) {
        const uint32_t df = index.street_trigrams.DocumentFrequency(t);
        if (df > 0) rarest[w] = std::min(rarest[w], df);
      }
    }
    if (rarest[w] <= options.common_word_df && !words[w].street_type) {
      any_specific = true;
    }
  }
  auto looked_up = [&](size_t w) {
    if (rarest[w] == UINT32_MAX) return false;
    if (!any_specific) return true;
    return !words[w].street_type && rarest[w] <= options.common_word_df;
  };

  uint8_t* const hits = s.hits.data();
  uint8_t* const word_best = s.word_best.data();
  uint32_t* const form_touched = s.form_touched.data();
  uint32_t* const word_touched = s.word_touched.data();
  size_t word_touched_count = 0;
  auto note_share = [&](uint32_t v, float share) {
    // At least 1: a variant is listed once per word (word_touched has
    // room for each variant once).
    const auto q =
        static_cast<uint8_t>(std::clamp(share * 255.0f + 0.5f, 1.0f, 255.0f));
    if (word_best[v] == 0) word_touched[word_touched_count++] = v;
    word_best[v] = std::max(word_best[v], q);
  };
  // Walks the `max_lists` rarest trigram lists of `form` (within the
  // budgets) and notes each variant's share of them.
  auto trigram_pass = [&](const std::string& form, size_t max_lists,
                          float min_share, bool short_lists_only, float scale) {
    size_t form_touched_count = 0;
    ExtractTrigrams(form, &trigrams);
    by_rarity.clear();
    for (Trigram t : trigrams) {
      const uint32_t df = index.street_trigrams.DocumentFrequency(t);
      if (df > 0) by_rarity.emplace_back(df, t);
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    size_t chosen = 0, form_postings = 0;
    for (const auto& [df, t] : by_rarity) {
      if (chosen >= max_lists) break;
      if (short_lists_only && df > options.max_list_length) break;
      if (chosen >= options.min_lists_per_word &&
          (df > options.max_list_length ||
           form_postings + df > options.postings_per_spelling)) {
        break;
      }
      if (postings_read + df > options.max_postings) break;
      postings_read += df;
      form_postings += df;
      ++chosen;
      for (const uint32_t v : index.street_trigrams.Postings(t)) {
        if (hits[v]++ == 0) form_touched[form_touched_count++] = v;
      }
    }
    const float min_hits =
        std::max(1.0f, min_share * static_cast<float>(chosen));
    for (size_t i = 0; i < form_touched_count; ++i) {
      const uint32_t v = form_touched[i];
      const float h = static_cast<float>(hits[v]);
      hits[v] = 0;
      if (h >= min_hits) note_share(v, scale * h / static_cast<float>(chosen));
    }
  };

  for (size_t w = 0; w < words.size(); ++w) {
    if (!looked_up(w)) continue;
    // Each spelling of the word ("darimonstr", "darimonstraat") is looked
    // up on its own; a variant counts with its best spelling. A spelling
    // that is a word of some name takes that word's exact list, plus the
    // two rarest trigram lists in case it is a typo of another word; any
    // other spelling (a typo, a truncation) goes through the trigrams.
    for (size_t f = 0; f < words[w].forms.size(); ++f) {
      const std::string& form = *words[w].forms[f];
      const WordId id = index.vocabulary.Find(form);
      if (id != kNoWord) {
        const auto list = index.VariantsWithWord(id);
        postings_read += list.size();
        for (uint32_t v : list) note_share(v, 1.0f);
        // In case it is a misspelling of another word all the same: names
        // with its two rarest trigrams, well below the word itself.
        if (f == 0) {
          trigram_pass(form, options.min_lists_per_word, 1.0f, true,
                       options.known_word_trigram_share);
        }
      } else {
        trigram_pass(form, options.max_lists_per_word, options.min_word_share,
                     false, 1.0f);
      }
      // Words one edit away ("zonestraat" for zonnestraat, even though
      // Groene Zonestraat exists): their exact lists, by how close they
      // are. Trigrams alone would rank such a word level with every name
      // that shares its rare start ("zone ...").
      if (f == 0 || id == kNoWord) {
        fuzzy.clear();
        index.fuzzy_words.Find(form, &fuzzy);
        if (!fuzzy.empty()) {
          const WordMatcher matcher(form);
          for (WordId near : fuzzy) {
            const auto near_list = index.VariantsWithWord(near);
            if (near_list.empty() ||
                near_list.size() > options.max_list_length ||
                postings_read + near_list.size() > options.max_postings) {
              continue;
            }
            postings_read += near_list.size();
            const auto share = static_cast<float>(matcher.Similarity(
                index.vocabulary.word(near), &index.dictionary));
            for (uint32_t v : near_list) note_share(v, share);
          }
        }
      }
    }
    const float weight = words[w].weight * 256.0f / 255.0f;
    for (size_t i = 0; i < word_touched_count; ++i) {
      const uint32_t v = word_touched[i];
      if (s.score[v] == 0) s.touched.push_back(v);
      s.score[v] = static_cast<uint16_t>(
          s.score[v] +
          std::max(1.0f, weight * static_cast<float>(word_best[v])));
      word_best[v] = 0;
    }
    word_touched_count = 0;
  }

  struct Scored {
    uint32_t variant;
    float text;
    float bonus;
  };
  // Pool A keeps the best `shortlist` texts: a histogram of the scores
  // gives the score they reach, so only those are selected among, not
  // every variant the query touched (tens of thousands for some).
  const size_t shortlist = options.max_tied_candidates * 2;
  std::fill(s.histogram.begin(), s.histogram.end(), 0);
  auto bucket = [](uint16_t score) {
    return std::min<size_t>(score, Scratch::kHistogramBuckets - 1);
  };
  for (uint32_t v : s.touched) ++s.histogram[bucket(s.score[v])];
  size_t cutoff = 0, above = 0;
  for (size_t b = Scratch::kHistogramBuckets; b-- > 0;) {
    above += s.histogram[b];
    if (above >= shortlist) {
      cutoff = b;
      break;
    }
  }
  // Pool B needs every variant's place agreement.
  const bool place_given =
      query.postcode_given || !named.municipalities.empty();
  std::vector<Scored> all, in_place;
  for (uint32_t v : s.touched) {
    const uint16_t score = s.score[v];
    s.score[v] = 0;
    const float text = static_cast<float>(score) / 256.0f;
    if (bucket(score) >= cutoff) all.push_back({v, text, 0});
    if (!place_given) continue;
    const uint32_t place = index.variant_places[v];
    const uint16_t postcode = IndexData::PlacePostcode(place);
    float bonus = 0;
    if (query.postcode_given && postcode == query.postcode) {
      bonus = 1.0f;
    } else if (std::find(named.postcodes.begin(), named.postcodes.end(),
                         postcode) != named.postcodes.end()) {
      bonus = 0.9f;
    } else {
      for (uint16_t m : named.municipalities) {
        if (index.VariantInMunicipality(v, place, m)) {
          bonus = 0.7f;
          break;
        }
      }
    }
    if (bonus > 0) in_place.push_back({v, text, bonus});
  }

  // Common words ("straat", "rue") reward the variants that contain them:
  // "kerk straat" prefers Kerkstraat. Only the best few hundred are looked
  // at; the rest would not be kept anyway.
  auto boost_common_words = [&](std::vector<Scored>* list) {
    for (size_t w = 0; w < words.size(); ++w) {
      if (looked_up(w) || rarest[w] == UINT32_MAX) continue;
      for (Scored& c : *list) {
        for (WordId id : index.Words(index.street_variants[c.variant].name)) {
          const std::string_view name_word = index.vocabulary.word(id);
          bool found = false;
          for (const std::string* form : words[w].forms) {
            if (name_word.find(*form) != std::string_view::npos) found = true;
          }
          if (found) {
            c.text += words[w].weight;
            break;
          }
        }
      }
    }
  };

  // Keeps the `limit` best of *list by key (and ties with the last, up to
  // `tied`), best first. Linear selection first, then a small sort.
  auto best_of = [&](std::vector<Scored>* list, auto key, size_t limit,
                     size_t tied) {
    // Ties (common when a word took few trigram lists) go to the shorter
    // name, which the query explains more of: "la grqange" is La Grange
    // before Lange Akkerstraat.
    auto better = [&](const Scored& a, const Scored& b) {
      const float ka = key(a), kb = key(b);
      if (ka != kb) return ka > kb;
      const uint8_t ta = index.variant_trigrams[a.variant];
      const uint8_t tb = index.variant_trigrams[b.variant];
      if (ta != tb) return ta < tb;
      return a.variant < b.variant;
    };
    if (list->size() > tied) {
      std::nth_element(list->begin(), list->begin() + static_cast<long>(tied),
                       list->end(), better);
      list->resize(tied);
    }
    std::sort(list->begin(), list->end(), better);
    if (list->size() > limit) {
      const float cut = key((*list)[limit - 1]);
      size_t keep = limit;
      while (keep < list->size() && key((*list)[keep]) >= cut) ++keep;
      list->resize(keep);
    }
  };

  std::vector<Candidate> candidates;
  auto add = [&](const std::vector<Scored>& list) {
    for (const Scored& c : list) {
      if (std::none_of(
              candidates.begin(), candidates.end(),
              [&](const Candidate& k) { return k.variant == c.variant; })) {
        candidates.push_back({c.variant, c.text + c.bonus});
      }
    }
  };

  // Two pools: the best textual matches whatever their place (so a wrong
  // postcode cannot hide the right street), and the best matches in the
  // places the query names (so a crowd of similar names elsewhere cannot
  // hide the one in the right place).
  auto text = [](const Scored& c) { return c.text; };
  best_of(&all, text, shortlist, shortlist);
  boost_common_words(&all);
  best_of(&all, text, options.max_candidates, options.max_tied_candidates);
  add(all);
  if (place_given) {
    // The text decides; a closer agreement (the postcode itself) only
    // breaks near-ties.
    auto placed = [](const Scored& c) { return c.text + 0.25f * c.bonus; };
    best_of(&in_place, placed, shortlist, shortlist);
    boost_common_words(&in_place);
    best_of(&in_place, placed, options.max_candidates,
            options.max_tied_candidates);
    add(in_place);
  }
  return candidates;
}

}  // namespace beladdr::internal
