// Stage 3 of a search (searcher_impl.h): the candidate streets, tier by
// tier, each scored as it comes (stage 4), until one settles the search.

#include <algorithm>
#include <bit>
#include <utility>
#include <vector>

#include "internal/candidates.h"
#include "searcher_impl.h"

namespace beladdr::internal {

namespace {

// The matches of CollectMatches' tiers so far, and what decides whether a
// next tier runs.
class MatchCollector {
 public:
  MatchCollector(const IndexData& data, const RankingPolicy& policy,
                 Scorer* scorer, std::vector<StreetMatch>* rescue)
      : data_(data), policy_(policy), scorer_(scorer), rescue_(rescue) {}

  // Above min_score: a match. Below it, a street whose whole name is in the
  // query and whose postcode alone disagrees may still be the one meant
  // (AcceptRescue decides).
  void Keep(const StreetMatch& m) {
    if (m.score >= policy_.min_score) {
      matches_.push_back(m);
    } else if (m.postcode_conflict && m.unexplained_words == 0 &&
               m.name_coverage >= policy_.established_name_coverage &&
               m.score >= policy_.contradiction_min_score) {
      rescue_->push_back(m);
    }
  }

  // Scores every name of each street not scored yet: the trigrams may have
  // found its French name while the query used the Dutch one.
  void ScoreStreets(std::vector<uint32_t> streets) {
    std::sort(streets.begin(), streets.end());
    streets.erase(std::unique(streets.begin(), streets.end()), streets.end());
    for (const uint32_t street : streets) {
      if (std::binary_search(scored_.begin(), scored_.end(), street)) continue;
      const StreetEntry& s = data_.streets()[street];
      for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
           ++v) {
        StreetMatch m = scorer_->Score(v);
        if (!m.postcode_conflict && !m.place_conflict) {
          best_in_place_ = std::max(best_in_place_, m.score);
        }
        Keep(m);
      }
    }
    const size_t old_size = scored_.size();
    scored_.insert(scored_.end(), streets.begin(), streets.end());
    std::inplace_merge(scored_.begin(),
                       scored_.begin() + static_cast<long>(old_size),
                       scored_.end());
    scored_.erase(std::unique(scored_.begin(), scored_.end()), scored_.end());
  }

  // A street explains the whole query with a very high score.
  bool Settled() const {
    return std::any_of(
        matches_.begin(), matches_.end(), [&](const StreetMatch& m) {
          return m.score >= policy_.settled_score && ReadsWhole(m, policy_) &&
                 !m.postcode_conflict && !m.place_conflict;
        });
  }

  // The best score of a street that agrees with the query's place.
  double best_in_place() const { return best_in_place_; }
  std::vector<uint32_t>* scored() { return &scored_; }  // sorted
  std::vector<StreetMatch>* matches() { return &matches_; }

 private:
  const IndexData& data_;
  const RankingPolicy& policy_;
  Scorer* scorer_;
  std::vector<StreetMatch>* rescue_;
  std::vector<StreetMatch> matches_;
  std::vector<uint32_t> scored_;
  double best_in_place_ = 0;
};

}  // namespace

std::vector<StreetMatch> SearcherImpl::CollectMatches(
    const ParsedQuery& q, const QueryReading& reading, Scorer* scorer,
    size_t wanted, std::vector<StreetMatch>* rescue, bool* cut) const {
  const RankingPolicy& policy = options_.ranking;
  MatchCollector tiers(*data_, policy, scorer, rescue);

  // Tier 1: the exact words. Most queries spell the street's words right
  // (after folding, dictionary readings and compound joins); their exact
  // lists are short and precise. A street that then explains the whole
  // query with a very high score settles the search.
  tiers.ScoreStreets(ExactCandidates(q, reading));
  if (tiers.Settled()) {
    *cut = AddNamesakes(q, reading, scorer, wanted, tiers.scored(),
                        tiers.matches());
    return std::move(*tiers.matches());
  }
  // Tier 2: typos, truncations, glued and split words, through trigrams.
  const std::vector<Candidate> candidates =
      GenerateCandidates(q, reading, *data_, options_.candidates);
  std::vector<uint32_t> streets;
  streets.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    streets.push_back(data_->street_variants()[c.variant].street);
  }
  tiers.ScoreStreets(std::move(streets));
  // Tier 3: not sure yet, and the query names a postcode or place: score
  // the whole place. A near miss there (Schommelstraat for "schoolstraat,
  // gent") is not sure either: only a near-perfect match stops the scan.
  if (tiers.best_in_place() < policy.confident_score ||
      (tiers.best_in_place() < policy.certain_score &&
       !reading.named.municipalities.empty())) {
    for (uint32_t v : ScopeCandidates(q, reading, *tiers.scored(),
                                      options_.scope_scan_limit)) {
      tiers.Keep(scorer->Score(v));
    }
  }
  *cut =
      AddNamesakes(q, reading, scorer, wanted, tiers.scored(), tiers.matches());
  if (tiers.matches()->empty() && reading.HasScope(q)) {
    // Tier 5: nothing matched, and the query names its place: a last,
    // lenient look at that place's streets (see Rank for what it takes to
    // accept one).
    scorer->set_lenient(true);
    for (uint32_t v :
         ScopeCandidates(q, reading, {}, options_.lenient_scan_limit)) {
      StreetMatch m = scorer->Score(v);
      if (m.in_scope && m.unexplained_words == 0 &&
          m.score >= policy.scope_min_score &&
          m.name_coverage >= policy.scope_min_name_coverage) {
        rescue->push_back(m);
      }
    }
    scorer->set_lenient(false);
  }
  return std::move(*tiers.matches());
}

// Tier 4: the best match's namesakes. Streets of exactly the same name are
// equally good answers unless the place or the number tells them apart;
// the tiers above may have met only some of them (posting order, budgets),
// and an answer that looks unique because its twins were never scored is
// a wrong declaration.
bool SearcherImpl::AddNamesakes(const ParsedQuery& q,
                                const QueryReading& reading, Scorer* scorer,
                                size_t wanted, std::vector<uint32_t>* scored,
                                std::vector<StreetMatch>* matches) const {
  const RankingPolicy& policy = options_.ranking;
  const auto best =
      std::max_element(matches->begin(), matches->end(),
                       [](const StreetMatch& a, const StreetMatch& b) {
                         return a.score < b.score;
                       });
  if (best == matches->end()) return false;
  std::vector<uint32_t> twins;
  data_->Namesakes(data_->street_variants()[best->variant].name, &twins);
  std::vector<uint32_t> kept;
  const size_t limit = std::max(policy.namesake_limit, wanted);
  bool cut = false;
  for (uint32_t v : twins) {
    const uint32_t street = data_->street_variants()[v].street;
    if (std::binary_search(scored->begin(), scored->end(), street)) continue;
    if (reading.HasScope(q) && !InScope(q, reading, v)) continue;
    if (kept.size() >= limit) {
      cut = true;
      break;
    }
    kept.push_back(v);
  }
  twins.swap(kept);
  for (uint32_t v : twins) {
    const uint32_t street = data_->street_variants()[v].street;
    if (std::binary_search(scored->begin(), scored->end(), street)) continue;
    scored->insert(std::lower_bound(scored->begin(), scored->end(), street),
                   street);
    StreetMatch m = scorer->Score(v);
    if (m.score >= policy.min_score) matches->push_back(m);
  }
  return cut;
}

bool SearcherImpl::InScope(const ParsedQuery& q, const QueryReading& reading,
                           uint32_t v) const {
  const VariantPlace place = data_->PlaceOf(v);
  const uint16_t pc = place.postcode();
  if (q.postcode_given && pc == q.postcode) return true;
  const NamedPlaces& named = reading.named;
  if (std::find(named.postcodes.begin(), named.postcodes.end(), pc) !=
      named.postcodes.end()) {
    return true;
  }
  for (uint16_t m : named.municipalities) {
    if (data_->VariantInMunicipality(v, place, m)) return true;
  }
  if (q.postcode_given) {
    if (const PostcodeEntry* postcode = data_->Postcode(q.postcode)) {
      for (uint16_t m : postcode->municipalities) {
        if (data_->VariantInMunicipality(v, place, m)) return true;
      }
    }
  }
  return false;
}

std::vector<uint32_t> SearcherImpl::ExactCandidates(
    const ParsedQuery& q, const QueryReading& reading) const {
  // Per street word: the words the index knows exactly, with its readings
  // ("chee" -> chaussee) and its compound with the next word ("kerk
  // straat"). The most selective of them drives the tier.
  std::vector<std::vector<WordId>> token_words;
  size_t best = 0, best_size = 0;
  bool best_is_place = false;  // a place word leads only when nothing else
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    if (!IsStreetWord(q, reading, i)) continue;
    const QueryToken& t = q.tokens[i];
    std::vector<WordId> words;
    if (t.word != kNoWord) words.push_back(t.word);
    for (WordId w : t.expansion_words) {
      if (w != kNoWord) words.push_back(w);
    }
    if (i + 1 < q.tokens.size()) {
      const WordId joined =
          data_->vocabulary().Find(t.text + q.tokens[i + 1].text);
      if (joined != kNoWord) words.push_back(joined);
    }
    size_t size = 0;
    for (WordId w : words) size += data_->VariantsWithWord(w).size();
    if (size == 0) continue;
    token_words.push_back(std::move(words));
    // "rue", "straat": in tens of thousands of names, they select nothing.
    if (size > options_.exact_list_limit) continue;
    const bool place = reading.IsPlaceOrStreetToken(i);
    if (best_size == 0 || (best_is_place && !place) ||
        (place == best_is_place && size < best_size)) {
      best = token_words.size() - 1;
      best_size = size;
      best_is_place = place;
    }
  }
  if (best_size == 0) return {};
  std::vector<uint32_t> variants;
  for (WordId w : token_words[best]) {
    const auto list = data_->VariantsWithWord(w);
    variants.insert(variants.end(), list.begin(), list.end());
  }
  // More than fit: the names with more of the query's words first
  // ("residence de la gare": the residences among the stations).
  if (variants.size() > options_.exact_candidate_limit) {
    OrderByWordsShared(token_words, best, &variants);
  }
  // At most exact_candidate_limit streets: first those in the named place
  // (when there is one; read from the packed variant_places), else all.
  const size_t limit = options_.exact_candidate_limit;
  std::vector<uint32_t> streets;
  if (reading.HasScope(q)) {
    for (uint32_t v : variants) {
      if (streets.size() >= limit) break;
      if (InScope(q, reading, v)) {
        streets.push_back(data_->street_variants()[v].street);
      }
    }
    if (!streets.empty()) return streets;
  }
  for (uint32_t v : variants) {
    if (streets.size() >= limit) break;
    streets.push_back(data_->street_variants()[v].street);
  }
  return streets;
}

void SearcherImpl::OrderByWordsShared(
    const std::vector<std::vector<WordId>>& token_words, size_t skip,
    std::vector<uint32_t>* variants) const {
  std::vector<std::pair<uint8_t, uint32_t>> keyed;  // (words shared, variant)
  keyed.reserve(variants->size());
  for (uint32_t v : *variants) {
    uint8_t shared = 0;
    for (size_t k = 0; k < token_words.size(); ++k) {
      if (k == skip) continue;
      for (WordId w : token_words[k]) {
        const auto list = data_->VariantsWithWord(w);
        if (std::binary_search(list.begin(), list.end(), v)) {
          ++shared;
          break;
        }
      }
    }
    keyed.emplace_back(shared, v);
  }
  std::stable_sort(
      keyed.begin(), keyed.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; i < keyed.size(); ++i) (*variants)[i] = keyed[i].second;
}

std::vector<const std::vector<uint32_t>*> SearcherImpl::ScopesOf(
    const ParsedQuery& q, const QueryReading& reading) const {
  std::vector<const std::vector<uint32_t>*> scopes;
  if (q.postcode_given) {
    // The postcode first, then the rest of its municipalities.
    if (const auto* streets = data_->StreetsWithPostcode(q.postcode)) {
      scopes.push_back(streets);
    }
    if (const PostcodeEntry* entry = data_->Postcode(q.postcode)) {
      for (uint16_t m : entry->municipalities) {
        scopes.push_back(&data_->StreetsInMunicipality(m));
      }
    }
  } else {
    for (uint16_t pc : reading.named.postcodes) {
      if (const auto* streets = data_->StreetsWithPostcode(pc)) {
        scopes.push_back(streets);
      }
    }
    for (uint16_t m : reading.named.municipalities) {
      scopes.push_back(&data_->StreetsInMunicipality(m));
    }
  }
  return scopes;
}

SearcherImpl::ScanFilter SearcherImpl::ScanFilterOf(
    const ParsedQuery& q, const QueryReading& reading) const {
  // A cheap first look: the letters of the query's street words. A word
  // with a typo or two keeps most of its letters, so a variant that lacks a
  // quarter of them is not worth an alignment.
  // Then their trigrams: a word with a typo keeps more than half of them,
  // which a long name that merely has the same letters does not.
  // And by meaning: a variant with a word of the same concept as a query
  // word ("kirchstrasse" for "eglise") passes whatever its letters.
  // The letters are those of the distinctive words: a street type may be
  // another one, or in another language ("mastendreef" for Mastenlaan,
  // "chemin molenbeek" for Molenbeekweg).
  ScanFilter f;
  uint64_t wanted = 0, written = 0, readings = 0;
  std::vector<Trigram> trigrams;
  bool head_type = false;  // the first street type word has been seen
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    if (!IsStreetWord(q, reading, i)) continue;
    const QueryToken& t = q.tokens[i];
    const bool type = (t.word_class & kWordStreetType) != 0;
    // The concept of a street type says little ("rue" is every street), but
    // a second one is a noun in disguise ("rue du pont": brug).
    if (t.parts.whole != 0 &&
        (!data_->dictionary().IsPureTypeConcept(t.parts.whole) || head_type)) {
      f.concepts |= ConceptBit(t.parts.whole);
    }
    head_type |= type;
    if (t.parts.stem != 0) f.concepts |= ConceptBit(t.parts.stem);
    // A word that may be the place ("Kouter deinze") filters nothing.
    if (reading.IsPlaceOrStreetToken(i)) continue;
    if (!type) {
      wanted |= LetterMask(std::string_view(t.text).substr(
          0, t.parts.compound() ? t.parts.stem_length : t.text.size()));
    }
    ExtractTrigrams(t.text, &trigrams);
    written |= TrigramSignature(trigrams);
    for (const std::string& e : t.expansions) {
      ExtractTrigrams(e, &trigrams);
      readings |= TrigramSignature(trigrams);
    }
  }
  // Two typos may bring two letters the name lacks.
  const int letters = std::popcount(wanted);
  f.letters = wanted;
  f.need_letters = std::min((3 * letters + 3) / 4, std::max(letters - 2, 1));
  f.trigrams = written | readings;
  f.need_trigrams =
      static_cast<int>(options_.scope_trigram_share *
                       static_cast<double>(std::popcount(written)));
  return f;
}

std::vector<uint32_t> SearcherImpl::ScopeCandidates(
    const ParsedQuery& q, const QueryReading& reading,
    const std::vector<uint32_t>& done, size_t limit) const {
  const std::vector<const std::vector<uint32_t>*> scopes = ScopesOf(q, reading);
  const ScanFilter f = ScanFilterOf(q, reading);
  // Variants that share a concept with the query come first: rare and
  // telling, they must not wait behind the letter matches of a large city.
  // The postcode's streets come first. Named places each get their share
  // of the letter matches: a large city named in the street's words
  // ("Brussel straaat, Dilbeek") must not crowd out the place after the
  // comma.
  std::vector<uint32_t> by_meaning, by_letters;
  const size_t share = q.postcode_given || scopes.empty()
                           ? limit
                           : (limit + scopes.size() - 1) / scopes.size();
  // Within a scope's share, the variants sharing most of the query's
  // trigrams: a large city has more letter matches than a scan scores.
  std::vector<std::pair<int, uint32_t>> pool;  // (-shared trigrams, variant)
  for (const auto* scope : scopes) {
    const size_t quota =
        std::min(limit, by_letters.size() + share) - by_letters.size();
    pool.clear();
    for (uint32_t street : *scope) {
      if (std::binary_search(done.begin(), done.end(), street)) continue;
      const StreetEntry& s = data_->streets()[street];
      for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
           ++v) {
        const StreetVariantEntry& e = data_->street_variants()[v];
        const int shared = std::popcount(e.trigram_bits & f.trigrams);
        if (e.concept_bits & f.concepts) {
          if (by_meaning.size() < limit) by_meaning.push_back(v);
        } else if (std::popcount(e.letters & f.letters) >= f.need_letters &&
                   shared >= f.need_trigrams) {
          pool.emplace_back(-shared, v);
        }
      }
    }
    if (pool.size() > quota) {
      std::nth_element(pool.begin(), pool.begin() + static_cast<long>(quota),
                       pool.end());
      pool.resize(quota);
      std::sort(pool.begin(), pool.end());
    }
    for (const auto& [ignored, v] : pool) by_letters.push_back(v);
  }
  by_meaning.insert(by_meaning.end(), by_letters.begin(), by_letters.end());
  if (by_meaning.size() > limit) by_meaning.resize(limit);
  return by_meaning;
}

}  // namespace beladdr::internal
