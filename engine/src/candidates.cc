#include "internal/candidates.h"

#include <algorithm>

#include "beladdr/index/coding.h"
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
                                    const QueryReading& reading,
                                    const CandidateOptions& options) {
  std::vector<LookupWord> words;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric || t.role == TokenRole::kPlace) continue;
    if (t.word_class & kWordStopword) continue;
    if (t.text.size() < 2 && t.expansions.empty()) continue;
    LookupWord w;
    w.forms.push_back(&t.text);
    for (const std::string& e : t.expansions) w.forms.push_back(&e);
    w.weight =
        t.role == TokenRole::kBracket ? options.bracket_word_weight : 1.0f;
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
    if (reading.IsPlaceToken(i)) {
      w.weight = std::min(w.weight, options.place_word_weight);
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

struct Scored {
  uint32_t variant;
  float text;
  float bonus;
};

// One query's candidate generation (see candidates.h), a step a method.
class CandidateSearch {
 public:
  CandidateSearch(const ParsedQuery& query, const QueryReading& reading,
                  const IndexData& index, const CandidateOptions& options)
      : q_(query),
        reading_(reading),
        index_(index),
        options_(options),
        s_(ThreadScratch()) {
    s_.Resize(index.street_variants().size());
    s_.touched.clear();
    hits_ = s_.hits.data();
    word_best_ = s_.word_best.data();
    form_touched_ = s_.form_touched.data();
    word_touched_ = s_.word_touched.data();
  }

  std::vector<Candidate> Run();

 private:
  void PlanWords();
  bool LookedUp(size_t w) const;
  void NoteShare(uint32_t v, float share);
  void TrigramPass(const std::string& form, size_t max_lists, float min_share,
                   bool short_lists_only, float scale);
  void NearWords(const std::string& form);
  void CountWord(size_t w);
  // Pool A (best texts anywhere) and pool B (best in the named places).
  void Pools(std::vector<Scored>* all, std::vector<Scored>* in_place);
  float PlaceBonus(uint32_t v) const;
  void BoostCommonWords(std::vector<Scored>* list) const;
  template <typename Key>
  void BestOf(std::vector<Scored>* list, Key key, size_t limit,
              size_t tied) const;

  const ParsedQuery& q_;
  const QueryReading& reading_;
  const IndexData& index_;
  const CandidateOptions& options_;
  Scratch& s_;
  // Plain pointers into the scratch arrays: a store to a byte counter may
  // alias anything, so the compiler would reload a vector's data after
  // each one.
  uint8_t* hits_;
  uint8_t* word_best_;
  uint32_t* form_touched_;
  uint32_t* word_touched_;
  size_t word_touched_count_ = 0;
  size_t postings_read_ = 0;
  std::vector<LookupWord> words_;
  std::vector<uint32_t> rarest_;  // per word: its rarest trigram's df
  bool any_specific_ = false;
  std::vector<Trigram> trigrams_;
  std::vector<std::pair<uint32_t, Trigram>> by_rarity_;
  std::vector<WordId> fuzzy_;
};

std::vector<Candidate> CandidateSearch::Run() {
  PlanWords();
  for (size_t w = 0; w < words_.size(); ++w) {
    if (LookedUp(w)) CountWord(w);
  }
  std::vector<Scored> all, in_place;
  Pools(&all, &in_place);
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
  const size_t shortlist = options_.max_tied_candidates * 2;
  auto text = [](const Scored& c) { return c.text; };
  BestOf(&all, text, shortlist, shortlist);
  BoostCommonWords(&all);
  BestOf(&all, text, options_.max_candidates, options_.max_tied_candidates);
  add(all);
  if (reading_.HasScope(q_)) {
    // The text decides; a closer agreement (the postcode itself) only
    // breaks near-ties.
    auto placed = [&](const Scored& c) {
      return c.text + options_.place_bonus_share * c.bonus;
    };
    BestOf(&in_place, placed, shortlist, shortlist);
    BoostCommonWords(&in_place);
    BestOf(&in_place, placed, options_.max_candidates,
           options_.max_tied_candidates);
    add(in_place);
  }
  return candidates;
}

// The words to look up, and which of them select anything: words whose
// every trigram is common ("rue", "straat") find nothing specific; they
// only reward variants that contain them (BoostCommonWords), unless the
// query has nothing else.
void CandidateSearch::PlanWords() {
  words_ = LookupWords(q_, reading_, options_);
  for (LookupWord& w : words_) {
    for (const std::string& j : w.joined) w.forms.push_back(&j);
    if (w.forms.size() > options_.max_forms_per_word) {
      w.forms.resize(options_.max_forms_per_word);
    }
  }
  rarest_.assign(words_.size(), UINT32_MAX);
  for (size_t w = 0; w < words_.size(); ++w) {
    for (const std::string* form : words_[w].forms) {
      ExtractTrigrams(*form, &trigrams_);
      for (Trigram t : trigrams_) {
        const uint32_t df = index_.street_trigrams().DocumentFrequency(t);
        if (df > 0) rarest_[w] = std::min(rarest_[w], df);
      }
    }
    if (rarest_[w] <= options_.common_word_df && !words_[w].street_type) {
      any_specific_ = true;
    }
  }
}

bool CandidateSearch::LookedUp(size_t w) const {
  if (rarest_[w] == UINT32_MAX) return false;
  if (!any_specific_) return true;
  return !words_[w].street_type && rarest_[w] <= options_.common_word_df;
}

void CandidateSearch::NoteShare(uint32_t v, float share) {
  // At least 1: a variant is listed once per word (word_touched has room
  // for each variant once).
  const auto q =
      static_cast<uint8_t>(std::clamp(share * 255.0f + 0.5f, 1.0f, 255.0f));
  if (word_best_[v] == 0) word_touched_[word_touched_count_++] = v;
  word_best_[v] = std::max(word_best_[v], q);
}

// Walks the `max_lists` rarest trigram lists of `form` (within the
// budgets) and notes each variant's share of them.
void CandidateSearch::TrigramPass(const std::string& form, size_t max_lists,
                                  float min_share, bool short_lists_only,
                                  float scale) {
  size_t form_touched_count = 0;
  ExtractTrigrams(form, &trigrams_);
  by_rarity_.clear();
  for (Trigram t : trigrams_) {
    const uint32_t df = index_.street_trigrams().DocumentFrequency(t);
    if (df > 0) by_rarity_.emplace_back(df, t);
  }
  std::sort(by_rarity_.begin(), by_rarity_.end());
  size_t chosen = 0, form_postings = 0;
  for (const auto& [df, t] : by_rarity_) {
    if (chosen >= max_lists) break;
    if (short_lists_only && df > options_.max_list_length) break;
    if (chosen >= options_.min_lists_per_word &&
        (df > options_.max_list_length ||
         form_postings + df > options_.postings_per_spelling)) {
      break;
    }
    if (postings_read_ + df > options_.max_postings) break;
    postings_read_ += df;
    form_postings += df;
    ++chosen;
    for (const uint32_t v : index_.street_trigrams().Postings(t)) {
      if (hits_[v]++ == 0) form_touched_[form_touched_count++] = v;
    }
  }
  const float min_hits = std::max(1.0f, min_share * static_cast<float>(chosen));
  for (size_t i = 0; i < form_touched_count; ++i) {
    const uint32_t v = form_touched_[i];
    const float h = static_cast<float>(hits_[v]);
    hits_[v] = 0;
    if (h >= min_hits) NoteShare(v, scale * h / static_cast<float>(chosen));
  }
}

// Words one edit away ("zonestraat" for zonnestraat, even though Groene
// Zonestraat exists): their exact lists, by how close they are. Trigrams
// alone would rank such a word level with every name that shares its rare
// start ("zone ...").
void CandidateSearch::NearWords(const std::string& form) {
  fuzzy_.clear();
  index_.fuzzy_words().Find(form, &fuzzy_);
  if (fuzzy_.empty()) return;
  const WordMatcher matcher(form);
  for (WordId near : fuzzy_) {
    const auto near_list = index_.VariantsWithWord(near);
    if (near_list.empty() || near_list.size() > options_.max_list_length ||
        postings_read_ + near_list.size() > options_.max_postings) {
      continue;
    }
    postings_read_ += near_list.size();
    const auto share = static_cast<float>(matcher.Similarity(
        index_.vocabulary().word(near), &index_.dictionary()));
    for (uint32_t v : near_list) NoteShare(v, share);
  }
}

// Each spelling of the word ("darimonstr", "darimonstraat") is looked up
// on its own; a variant counts with its best spelling. A spelling that is a
// word of some name takes that word's exact list, plus the two rarest
// trigram lists in case it is a typo of another word; any other spelling
// (a typo, a truncation) goes through the trigrams.
void CandidateSearch::CountWord(size_t w) {
  for (size_t f = 0; f < words_[w].forms.size(); ++f) {
    const std::string& form = *words_[w].forms[f];
    const WordId id = index_.vocabulary().Find(form);
    if (id != kNoWord) {
      const auto list = index_.VariantsWithWord(id);
      postings_read_ += list.size();
      for (uint32_t v : list) NoteShare(v, 1.0f);
      // In case it is a misspelling of another word all the same: names
      // with its two rarest trigrams, well below the word itself.
      if (f == 0) {
        TrigramPass(form, options_.min_lists_per_word, 1.0f, true,
                    options_.known_word_trigram_share);
      }
    } else {
      TrigramPass(form, options_.max_lists_per_word, options_.min_word_share,
                  false, 1.0f);
    }
    if (f == 0 || id == kNoWord) NearWords(form);
  }
  const float weight = words_[w].weight * 256.0f / 255.0f;
  for (size_t i = 0; i < word_touched_count_; ++i) {
    const uint32_t v = word_touched_[i];
    if (s_.score[v] == 0) s_.touched.push_back(v);
    s_.score[v] = static_cast<uint16_t>(
        s_.score[v] +
        std::max(1.0f, weight * static_cast<float>(word_best_[v])));
    word_best_[v] = 0;
  }
  word_touched_count_ = 0;
}

float CandidateSearch::PlaceBonus(uint32_t v) const {
  const NamedPlaces& named = reading_.named;
  const VariantPlace place = index_.PlaceOf(v);
  const uint16_t postcode = place.postcode();
  if (q_.postcode_given && postcode == q_.postcode) {
    return options_.postcode_bonus;
  }
  if (std::find(named.postcodes.begin(), named.postcodes.end(), postcode) !=
      named.postcodes.end()) {
    return options_.locality_bonus;
  }
  for (uint16_t m : named.municipalities) {
    if (index_.VariantInMunicipality(v, place, m)) {
      return options_.municipality_bonus;
    }
  }
  return 0;
}

// Pool A keeps the best `shortlist` texts: a histogram of the scores gives
// the score they reach, so only those are selected among, not every
// variant the query touched (tens of thousands for some). Pool B needs
// every variant's place agreement.
void CandidateSearch::Pools(std::vector<Scored>* all,
                            std::vector<Scored>* in_place) {
  const size_t shortlist = options_.max_tied_candidates * 2;
  std::fill(s_.histogram.begin(), s_.histogram.end(), 0);
  auto bucket = [](uint16_t score) {
    return std::min<size_t>(score, Scratch::kHistogramBuckets - 1);
  };
  for (uint32_t v : s_.touched) ++s_.histogram[bucket(s_.score[v])];
  size_t cutoff = 0, above = 0;
  for (size_t b = Scratch::kHistogramBuckets; b-- > 0;) {
    above += s_.histogram[b];
    if (above >= shortlist) {
      cutoff = b;
      break;
    }
  }
  const bool place_given = reading_.HasScope(q_);
  for (uint32_t v : s_.touched) {
    const uint16_t score = s_.score[v];
    s_.score[v] = 0;
    const float text = static_cast<float>(score) / 256.0f;
    if (bucket(score) >= cutoff) all->push_back({v, text, 0});
    if (!place_given) continue;
    const float bonus = PlaceBonus(v);
    if (bonus > 0) in_place->push_back({v, text, bonus});
  }
}

// Common words ("straat", "rue") reward the variants that contain them:
// "kerk straat" prefers Kerkstraat. Only the best few hundred are looked
// at; the rest would not be kept anyway.
void CandidateSearch::BoostCommonWords(std::vector<Scored>* list) const {
  for (size_t w = 0; w < words_.size(); ++w) {
    if (LookedUp(w) || rarest_[w] == UINT32_MAX) continue;
    for (Scored& c : *list) {
      for (WordId id : index_.Words(index_.street_variants()[c.variant].name)) {
        const std::string_view name_word = index_.vocabulary().word(id);
        bool found = false;
        for (const std::string* form : words_[w].forms) {
          if (name_word.find(*form) != std::string_view::npos) found = true;
        }
        if (found) {
          c.text += words_[w].weight;
          break;
        }
      }
    }
  }
}

// Keeps the `limit` best of *list by key (and ties with the last, up to
// `tied`), best first. Linear selection first, then a small sort.
template <typename Key>
void CandidateSearch::BestOf(std::vector<Scored>* list, Key key, size_t limit,
                             size_t tied) const {
  // Ties (common when a word took few trigram lists) go to the shorter
  // name, which the query explains more of: "la grqange" is La Grange
  // before Lange Akkerstraat.
  auto better = [&](const Scored& a, const Scored& b) {
    const float ka = key(a), kb = key(b);
    if (ka != kb) return ka > kb;
    const uint8_t ta = index_.VariantTrigrams(a.variant);
    const uint8_t tb = index_.VariantTrigrams(b.variant);
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
}

}  // namespace

std::vector<Candidate> GenerateCandidates(const ParsedQuery& query,
                                          const QueryReading& reading,
                                          const IndexData& index,
                                          const CandidateOptions& options) {
  return CandidateSearch(query, reading, index, options).Run();
}

}  // namespace beladdr::internal
