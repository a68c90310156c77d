#include "searcher_impl.h"

#include <algorithm>
#include <bit>
#include <map>

#include "internal/index_reader.h"
#include "internal/language_detector.h"

namespace beladdr {

StatusOr<std::unique_ptr<Searcher>> Searcher::Open(
    const std::string& index_dir) {
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<internal::SearcherImpl> impl,
                           internal::SearcherImpl::Open(index_dir));
  return std::unique_ptr<Searcher>(std::move(impl));
}

namespace internal {
namespace {

// See SearcherImpl::Rank.
constexpr double kStreetOverPlace = 0.8;

// The share of the query's words a place match spans (bracketed hints
// count less).
double PlaceCoverage(const ParsedQuery& q, const PlaceMatch& m) {
  double words = 0, covered = 0;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric || (t.word_class & kWordStopword)) continue;
    const double w = t.role == TokenRole::kBracket ? 0.3 : 1.0;
    words += w;
    if (m.begin <= i && i < m.begin + m.length) covered += w;
  }
  return words > 0 ? std::min(1.0, covered / words) : 1.0;
}

// The index of the place match that best reads the query as a place, -1.
int BestPlace(const ParsedQuery& q, const std::vector<PlaceMatch>& places,
              const IndexData& data) {
  int best = -1;
  double best_value = 0;
  for (size_t k = 0; k < places.size(); ++k) {
    const PlaceMatch& m = places[k];
    const double kind =
        data.place_variants[m.place].kind == PlaceKind::kMunicipality ? 1.0
                                                                      : 0.98;
    const double value = m.quality * PlaceCoverage(q, m) * kind;
    if (value > best_value) {
      best_value = value;
      best = static_cast<int>(k);
    }
  }
  return best;
}

// True when query token i may be a word of the street's name: not a number,
// article or place field, and not part of a sure place match.
bool IsStreetWord(const ParsedQuery& q, const std::vector<PlaceMatch>& places,
                  size_t i) {
  const QueryToken& t = q.tokens[i];
  if (t.numeric || t.role == TokenRole::kPlace ||
      (t.word_class & kWordStopword)) {
    return false;
  }
  return std::none_of(places.begin(), places.end(), [&](const PlaceMatch& m) {
    return m.quality >= 0.9 && m.begin <= i && i < m.begin + m.length;
  });
}

std::optional<Language> SingleLanguage(LanguageMask mask) {
  if (std::popcount(static_cast<unsigned>(mask)) != 1) return std::nullopt;
  for (Language l : kAllLanguages) {
    if (MaskHas(mask, l)) return l;
  }
  return std::nullopt;
}

// names[lang], else the first of `fallbacks` that exists, else any.
const std::string& NameIn(const std::array<std::string, 3>& names,
                          std::optional<Language> lang,
                          std::optional<Language> fallback) {
  if (lang && !names[static_cast<size_t>(*lang)].empty()) {
    return names[static_cast<size_t>(*lang)];
  }
  if (fallback && !names[static_cast<size_t>(*fallback)].empty()) {
    return names[static_cast<size_t>(*fallback)];
  }
  for (const std::string& n : names) {
    if (!n.empty()) return n;
  }
  return names[0];
}

MunicipalityRef MakeMunicipalityRef(const MunicipalityEntry& m,
                                    std::optional<Language> lang) {
  MunicipalityRef ref;
  ref.nis_code = m.nis;
  ref.names = m.names;
  ref.name = NameIn(m.names, lang, MunicipalityLanguage(m));
  return ref;
}

}  // namespace

StatusOr<std::unique_ptr<SearcherImpl>> SearcherImpl::Open(
    const std::string& index_dir, const EngineOptions& options) {
  std::unique_ptr<SearcherImpl> s(new SearcherImpl());
  s->options_ = options;
  BELADDR_ASSIGN_OR_RETURN(s->store_, OpenCheckedIndex(index_dir, &s->info_));
  StatusOr<std::unique_ptr<IndexData>> data = IndexData::Load(*s->store_);
  if (!data.ok()) {
    return data.status().WithContext("cannot load index " + index_dir + " (" +
                                     RebuildHint(index_dir) + ")");
  }
  s->data_ = std::move(data).value();
  return s;
}

bool SearcherImpl::CoveredByOnePlace(
    const ParsedQuery& q, const std::vector<PlaceMatch>& places) const {
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
    if (m.quality < 0.95 || m.begin > first || last >= m.begin + m.length) {
      return false;
    }
    if (!q.postcode_given) return true;
    // "halleux 4170": the place Halleux is not in 4170, the street is.
    const auto& pcs =
        data_->municipalities[data_->place_variants[m.place].municipality]
            .postcodes;
    return std::find(pcs.begin(), pcs.end(), q.postcode) != pcs.end();
  });
}

bool SearcherImpl::IsPlaceOnly(const ParsedQuery& q,
                               const std::vector<PlaceMatch>& places) const {
  if (q.has_street_field) return false;
  bool any_word = false;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const QueryToken& t = q.tokens[i];
    if (t.numeric) return false;  // a house number: a street is meant
    if (t.word_class & kWordStopword) continue;
    any_word = true;
    const bool covered =
        std::any_of(places.begin(), places.end(), [&](const PlaceMatch& m) {
          return m.quality >= 0.75 && m.begin <= i && i < m.begin + m.length;
        });
    if (!covered) return false;
  }
  return any_word || q.postcode_given;
}

StatusOr<RankedSearch> SearcherImpl::Rank(const SearchRequest& request,
                                          size_t max_streets) const {
  RankedSearch ranked;
  BELADDR_ASSIGN_OR_RETURN(ranked.query, ParseQuery(request, *data_));
  ranked.places = FindPlaces(ranked.query, *data_);
  const bool place_only = IsPlaceOnly(ranked.query, ranked.places);
  const bool any_word = std::any_of(
      ranked.query.tokens.begin(), ranked.query.tokens.end(),
      [](const QueryToken& t) { return !(t.word_class & kWordStopword); });
  if (place_only && !any_word) {  // a postcode alone
    ranked.place_only = true;
    return ranked;
  }
  const NamedPlaces named = CollectNamedPlaces(ranked.places, *data_);
  Scorer scorer(ranked.query, ranked.places, *data_);
  std::vector<StreetMatch> matches;
  std::vector<uint32_t> scored;  // streets scored so far, sorted
  bool settled = false;
  double best_in_place =
      0;  // best score of a street that agrees with the place
  // Scores every name of each street not scored yet: the trigrams may have
  // found its French name while the query used the Dutch one.
  auto score_streets = [&](std::vector<uint32_t> streets) {
    std::sort(streets.begin(), streets.end());
    streets.erase(std::unique(streets.begin(), streets.end()), streets.end());
    for (const uint32_t street : streets) {
      if (std::binary_search(scored.begin(), scored.end(), street)) continue;
      const StreetEntry& s = data_->streets[street];
      for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
           ++v) {
        StreetMatch m = scorer.Score(v);
        if (!m.postcode_conflict && !m.place_conflict) {
          best_in_place = std::max(best_in_place, m.score);
        }
        if (m.score >= options_.min_score) matches.push_back(m);
      }
    }
    const size_t old_size = scored.size();
    scored.insert(scored.end(), streets.begin(), streets.end());
    std::inplace_merge(scored.begin(),
                       scored.begin() + static_cast<long>(old_size),
                       scored.end());
    scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
    settled =
        std::any_of(matches.begin(), matches.end(), [&](const StreetMatch& m) {
          return m.score >= options_.settled_score && m.name_coverage >= 0.95 &&
                 m.query_coverage >= 0.95 && !m.postcode_conflict &&
                 !m.place_conflict;
        });
  };

  // Tier 1: the exact words. Most queries spell the street's words right
  // (after folding, dictionary readings and compound joins); their exact
  // lists are short and precise. A street that then explains the whole
  // query with a very high score settles the search.
  score_streets(ExactCandidates(ranked.query, ranked.places, named));
  if (!settled) {
    // Tier 2: typos, truncations, glued and split words, through trigrams.
    const std::vector<Candidate> candidates = GenerateCandidates(
        ranked.query, ranked.places, named, *data_, options_.candidates);
    std::vector<uint32_t> streets;
    streets.reserve(candidates.size());
    for (const Candidate& c : candidates) {
      streets.push_back(data_->street_variants[c.variant].street);
    }
    score_streets(std::move(streets));
    // Not sure yet, and the query names a postcode or place: score the
    // whole place. A near miss there (Schommelstraat for "schoolstraat,
    // gent") is not sure either: only a near-perfect match stops the scan.
    if (best_in_place < options_.confident_score ||
        (best_in_place < options_.certain_score &&
         !named.municipalities.empty())) {
      ScanScope(ranked.query, ranked.places, named, scored, &scorer, &matches);
    }
  }
  // Best variant per street; then best street first. Ties: official
  // spelling first, then StreetCode for a stable order.
  auto better = [&](const StreetMatch& a, const StreetMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    const bool ao =
        data_->street_variants[a.variant].name.flags & kVariantOfficial;
    const bool bo =
        data_->street_variants[b.variant].name.flags & kVariantOfficial;
    if (ao != bo) return ao;
    return data_->streets[a.street].code < data_->streets[b.street].code;
  };
  std::sort(matches.begin(), matches.end(), better);
  // Matches are best first: a street's first match is its best variant.
  std::vector<uint32_t> kept;
  for (const StreetMatch& m : matches) {
    if (ranked.streets.size() >= max_streets) break;
    if (std::find(kept.begin(), kept.end(), m.street) != kept.end()) continue;
    kept.push_back(m.street);
    ranked.streets.push_back(m);
  }
  // Every word also reads as a place ("Hooilaart Opdorp" is a street in
  // Opdorp, and Hoeilaart a municipality): the street reading wins when a
  // street matches some words by its name and agrees with a place the
  // query names.
  if (place_only && CoveredByOnePlace(ranked.query, ranked.places)) {
    ranked.place_only = true;
    ranked.streets.clear();
  } else if (place_only) {
    const StreetMatch* top =
        ranked.streets.empty() ? nullptr : &ranked.streets.front();
    const bool street_reading =
        top != nullptr && top->score >= kStreetOverPlace &&
        top->street_tokens != 0 &&
        (top->place_tokens != 0 ||
         (ranked.query.postcode_given && !top->postcode_conflict));
    if (!street_reading) {
      ranked.place_only = true;
      ranked.streets.clear();
    }
  }
  return ranked;
}

std::vector<uint32_t> SearcherImpl::ExactCandidates(
    const ParsedQuery& q, const std::vector<PlaceMatch>& places,
    const NamedPlaces& named) const {
  // The most selective word the index knows exactly, with its readings
  // ("chee" -> chaussee) and its compound with the next word ("kerk straat").
  std::vector<WordId> best_words;
  size_t best_size = 0;
  std::vector<WordId> words;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    if (!IsStreetWord(q, places, i)) continue;
    const QueryToken& t = q.tokens[i];
    words.clear();
    if (t.word != kNoWord) words.push_back(t.word);
    for (WordId w : t.expansion_words) {
      if (w != kNoWord) words.push_back(w);
    }
    if (i + 1 < q.tokens.size()) {
      const WordId joined =
          data_->vocabulary.Find(t.text + q.tokens[i + 1].text);
      if (joined != kNoWord) words.push_back(joined);
    }
    size_t size = 0;
    for (WordId w : words) size += data_->VariantsWithWord(w).size();
    // "rue", "straat": in tens of thousands of names, they select nothing.
    if (size > options_.exact_list_limit) continue;
    if (size > 0 && (best_words.empty() || size < best_size)) {
      best_words = words;
      best_size = size;
    }
  }
  // The streets of those words, in posting order, at most
  // exact_candidate_limit of them: first those in the named place (when
  // there is one; read from the packed variant_places), else all.
  const size_t limit = options_.exact_candidate_limit;
  std::vector<uint32_t> streets;
  const bool place_given = q.postcode_given || !named.municipalities.empty();
  if (place_given) {
    // A postcode also names its municipalities: "kerkstraat 9000" may be
    // the Kerkstraat of Gent in 9050 (the scorer ranks the exact postcode
    // first).
    const PostcodeEntry* postcode =
        q.postcode_given ? data_->Postcode(q.postcode) : nullptr;
    for (WordId w : best_words) {
      for (uint32_t v : data_->VariantsWithWord(w)) {
        if (streets.size() >= limit) break;
        const uint32_t place = data_->variant_places[v];
        const uint16_t pc = IndexData::PlacePostcode(place);
        bool here = q.postcode_given && pc == q.postcode;
        here = here || std::find(named.postcodes.begin(), named.postcodes.end(),
                                 pc) != named.postcodes.end();
        for (uint16_t m : named.municipalities)
          here = here || data_->VariantInMunicipality(v, place, m);
        if (postcode != nullptr) {
          for (uint16_t m : postcode->municipalities) {
            here = here || data_->VariantInMunicipality(v, place, m);
          }
        }
        if (here) streets.push_back(data_->street_variants[v].street);
      }
    }
    if (!streets.empty()) return streets;
  }
  for (WordId w : best_words) {
    for (uint32_t v : data_->VariantsWithWord(w)) {
      if (streets.size() >= limit) return streets;
      streets.push_back(data_->street_variants[v].street);
    }
  }
  return streets;
}

void SearcherImpl::ScanScope(const ParsedQuery& q,
                             const std::vector<PlaceMatch>& places,
                             const NamedPlaces& named,
                             const std::vector<uint32_t>& done, Scorer* scorer,
                             std::vector<StreetMatch>* matches) const {
  std::vector<const std::vector<uint32_t>*> scopes;
  if (q.postcode_given) {
    // The postcode first, then the rest of its municipalities.
    auto it = data_->streets_by_postcode.find(q.postcode);
    if (it != data_->streets_by_postcode.end()) scopes.push_back(&it->second);
    if (const PostcodeEntry* entry = data_->Postcode(q.postcode)) {
      for (uint16_t m : entry->municipalities) {
        scopes.push_back(&data_->streets_by_municipality[m]);
      }
    }
  } else {
    for (uint16_t pc : named.postcodes) {
      auto it = data_->streets_by_postcode.find(pc);
      if (it != data_->streets_by_postcode.end()) scopes.push_back(&it->second);
    }
    for (uint16_t m : named.municipalities) {
      scopes.push_back(&data_->streets_by_municipality[m]);
    }
  }
  // A cheap first look: the letters of the query's street words. A word
  // with a typo or two keeps most of its letters, so a variant that lacks a
  // quarter of them is not worth an alignment.
  // Then their trigrams: a word with a typo keeps more than half of them,
  // which a long name that merely has the same letters does not.
  uint64_t wanted = 0, written = 0, readings = 0;
  std::vector<Trigram> trigrams;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    if (!IsStreetWord(q, places, i)) continue;
    const QueryToken& t = q.tokens[i];
    wanted |= LetterMask(t.text);
    ExtractTrigrams(t.text, &trigrams);
    written |= TrigramSignature(trigrams);
    for (const std::string& e : t.expansions) {
      ExtractTrigrams(e, &trigrams);
      readings |= TrigramSignature(trigrams);
    }
  }
  const int need = (3 * std::popcount(wanted) + 3) / 4;
  const uint64_t any_reading = written | readings;
  const int need_trigrams =
      static_cast<int>(options_.scope_trigram_share *
                       static_cast<double>(std::popcount(written)));
  size_t budget = options_.scope_scan_limit;
  for (const auto* scope : scopes) {
    for (uint32_t street : *scope) {
      if (std::binary_search(done.begin(), done.end(), street)) continue;
      const StreetEntry& s = data_->streets[street];
      for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
           ++v) {
        const StreetVariantEntry& e = data_->street_variants[v];
        if (std::popcount(e.letters & wanted) < need) continue;
        if (std::popcount(e.trigram_bits & any_reading) < need_trigrams)
          continue;
        if (budget == 0) return;
        --budget;
        StreetMatch m = scorer->Score(v);
        if (m.score >= options_.min_score) matches->push_back(m);
      }
    }
  }
}

void SearcherImpl::AddMunicipalityResults(const RankedSearch& ranked,
                                          size_t limit,
                                          SearchResponse* response) const {
  const ParsedQuery& q = ranked.query;
  // municipality -> (score, postcodes of the locality that matched)
  std::map<uint16_t, std::pair<double, std::vector<uint16_t>>> found;
  double best = 0;
  for (const PlaceMatch& m : ranked.places) best = std::max(best, m.quality);
  // A match counts by its quality and by how much of the query it covers:
  // "sint-gillis-waas" is Sint-Gillis-Waas, not Sint-Gillis. At equal
  // coverage a municipality's own name beats a deelgemeente of that name.
  best = 0;
  for (const PlaceMatch& m : ranked.places) {
    best = std::max(best, m.quality * PlaceCoverage(q, m));
  }
  for (const PlaceMatch& m : ranked.places) {
    const double value = m.quality * PlaceCoverage(q, m);
    if (value < std::max(0.5, best - 0.1)) continue;
    const PlaceVariantEntry& p = data_->place_variants[m.place];
    double score = value * (p.kind == PlaceKind::kMunicipality ? 1.0 : 0.98);
    if (q.postcode_given) {
      const auto& pcs = data_->municipalities[p.municipality].postcodes;
      if (std::find(pcs.begin(), pcs.end(), q.postcode) == pcs.end())
        score *= 0.75;
    }
    auto& entry = found[p.municipality];
    if (p.postcode != 0 && std::find(entry.second.begin(), entry.second.end(),
                                     p.postcode) == entry.second.end()) {
      entry.second.push_back(p.postcode);
    }
    entry.first = std::max(entry.first, score);
  }
  if (ranked.places.empty() && q.postcode_given) {
    if (const PostcodeEntry* e = data_->Postcode(q.postcode)) {
      for (uint16_t muni : e->municipalities) {
        found[muni] = {1.0, {q.postcode}};
      }
    }
  }
  std::vector<std::pair<double, uint16_t>> order;
  for (const auto& [muni, entry] : found) order.emplace_back(entry.first, muni);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return data_->municipalities[a.second].nis <
           data_->municipalities[b.second].nis;
  });
  for (const auto& [score, muni] : order) {
    if (response->results.size() >= limit) break;
    const MunicipalityEntry& m = data_->municipalities[muni];
    SearchResult r;
    r.kind = ResultKind::kMunicipality;
    r.municipality = MakeMunicipalityRef(m, response->answer_language);
    const auto& locality_pcs = found[muni].second;
    for (uint16_t pc : locality_pcs.empty() ? m.postcodes : locality_pcs) {
      r.post_codes.push_back(FormatPostcode(pc));
    }
    std::sort(r.post_codes.begin(), r.post_codes.end());
    r.score = score;
    response->results.push_back(std::move(r));
  }
}

std::optional<Language> SearcherImpl::DetectedLanguage(
    const RankedSearch& ranked) const {
  LanguageEvidence evidence;
  if (!ranked.streets.empty()) {
    const StreetMatch& top = ranked.streets.front();
    evidence.matched_name = top.matched_langs;
    evidence.place_match = top.place_match;
    evidence.municipality = data_->streets[top.street].municipality;
  }
  if (ranked.place_only)
    evidence.place_match = BestPlace(ranked.query, ranked.places, *data_);
  return DetectLanguage(ranked.query, ranked.places, evidence, *data_);
}

SearchResult SearcherImpl::StreetResult(
    const StreetMatch& m, const ParsedQuery& q,
    std::optional<Language> answer_language) const {
  const StreetEntry& s = data_->streets[m.street];
  const MunicipalityEntry& muni = data_->municipalities[s.municipality];
  SearchResult r;
  r.kind = ResultKind::kStreet;
  r.street_code = s.code;
  r.street_names = s.names;
  std::optional<Language> matched = SingleLanguage(m.matched_langs);
  if (!matched && answer_language &&
      MaskHas(m.matched_langs, *answer_language)) {
    matched = answer_language;
  }
  if (!matched) {
    for (Language l : kAllLanguages) {
      if (MaskHas(m.matched_langs, l)) {
        matched = l;
        break;
      }
    }
  }
  r.matched_language = matched;
  const std::optional<Language> lang =
      answer_language ? answer_language : matched;
  r.street_name = NameIn(s.names, lang, matched);
  r.post_code = FormatPostcode(s.postcode);
  r.municipality = MakeMunicipalityRef(muni, lang);
  r.score = m.score;
  // The house number: the last number the street name did not use.
  if (!q.house_number_field.empty()) {
    r.house_number = q.house_number_field;
  } else {
    for (size_t g = q.house_groups.size(); g-- > 0;) {
      bool used = false;
      for (size_t i = 0; i < q.tokens.size() && i < 32; ++i) {
        if (q.tokens[i].house_group == static_cast<int>(g) &&
            (m.street_tokens & (1u << i))) {
          used = true;
        }
      }
      if (!used) {
        r.house_number = q.house_groups[g].house_number;
        r.box_number = q.house_groups[g].box_number;
        break;
      }
    }
  }
  if (!q.box_number.empty()) r.box_number = q.box_number;
  return r;
}

StatusOr<SearchResponse> SearcherImpl::SearchAddresses(
    const SearchRequest& request) const {
  BELADDR_ASSIGN_OR_RETURN(
      RankedSearch ranked,
      Rank(request, static_cast<size_t>(std::max(request.limit, 1))));
  SearchResponse response;
  response.detected_language = DetectedLanguage(ranked);
  response.answer_language =
      request.language ? request.language : response.detected_language;

  if (ranked.place_only) {
    AddMunicipalityResults(ranked, static_cast<size_t>(request.limit),
                           &response);
    return response;
  }
  for (const StreetMatch& m : ranked.streets) {
    response.results.push_back(
        StreetResult(m, ranked.query, response.answer_language));
  }
  return response;
}

}  // namespace internal
}  // namespace beladdr
