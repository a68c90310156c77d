#include "searcher_impl.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "beladdr/index/index_reader.h"
#include "internal/language_detector.h"
#include "internal/results.h"

namespace beladdr {

StatusOr<std::unique_ptr<Searcher>> Searcher::Open(
    const std::string& index_dir) {
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<internal::SearcherImpl> impl,
                           internal::SearcherImpl::Open(index_dir));
  return std::unique_ptr<Searcher>(std::move(impl));
}

namespace internal {
namespace {

// The index of the place match that best reads the query as a place, -1.
int BestPlace(const ParsedQuery& q, const std::vector<PlaceMatch>& places,
              const IndexData& data, const RankingPolicy& policy) {
  int best = -1;
  double best_value = 0;
  for (size_t k = 0; k < places.size(); ++k) {
    const PlaceMatch& m = places[k];
    const double kind =
        data.place_variants()[m.place].kind == PlaceKind::kMunicipality
            ? 1.0
            : policy.locality_place_factor;
    const double value = m.quality * PlaceCoverage(q, m, policy) * kind;
    if (value > best_value) {
      best_value = value;
      best = static_cast<int>(k);
    }
  }
  return best;
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
  s->autocompleter_ = std::make_unique<Autocompleter>(*s->data_);
#ifdef __GLIBC__
  // Loading builds large temporaries (sort buffers, decoded lists); give
  // their pages back to the system instead of keeping them resident for
  // the server's lifetime.
  malloc_trim(0);
#endif
  return s;
}

StatusOr<RankedSearch> SearcherImpl::Rank(const SearchRequest& request,
                                          size_t max_streets) const {
  RankedSearch ranked;
  BELADDR_ASSIGN_OR_RETURN(ranked.query, ParseQuery(request, *data_));
  ranked.reading = ReadQuery(ranked.query, *data_, options_.ranking);
  const bool any_word = std::any_of(
      ranked.query.tokens.begin(), ranked.query.tokens.end(),
      [](const QueryToken& t) { return !(t.word_class & kWordStopword); });
  if (ranked.reading.place_only && !any_word) {  // a postcode alone
    ranked.place_only = true;
    return ranked;
  }
  Scorer scorer(ranked.query, ranked.reading, *data_, options_.ranking);
  // One street more than the evidence window: it tells whether the near
  // tie goes on beyond it.
  // One street more than asked tells whether the list goes on.
  const size_t evidence = options_.ranking.number_evidence_streets + 1;
  std::vector<StreetMatch> rescue;
  bool namesakes_cut = false;
  ranked.streets =
      BestPerStreet(CollectMatches(ranked.query, ranked.reading, &scorer,
                                   max_streets + 1, &rescue, &namesakes_cut),
                    std::max(max_streets + 1, evidence));
  if (ranked.streets.empty()) {
    ranked.streets =
        AcceptRescue(ranked.query, ranked.reading, std::move(rescue));
  } else if (ranked.query.postcode_given) {
    PreferWholeName(ranked.query, ranked.reading, std::move(rescue),
                    &ranked.streets);
  }
  BELADDR_RETURN_IF_ERROR(WeighHouseNumbers(ranked.query, &ranked.streets));
  ranked.more = namesakes_cut;
  if (ranked.streets.size() > max_streets) {
    ranked.streets.resize(max_streets);
    ranked.more = true;
  }
  if (DecidePlaceOnly(ranked)) {
    ranked.place_only = true;
    ranked.streets.clear();
    ranked.more = false;
  }
  return ranked;
}

std::vector<StreetMatch> SearcherImpl::BestPerStreet(
    std::vector<StreetMatch> matches, size_t max_streets) const {
  // Ties: official spelling first, then StreetCode for a stable order.
  auto better = [&](const StreetMatch& a, const StreetMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    const bool ao =
        data_->street_variants()[a.variant].name.flags & kVariantOfficial;
    const bool bo =
        data_->street_variants()[b.variant].name.flags & kVariantOfficial;
    if (ao != bo) return ao;
    return data_->streets()[a.street].code < data_->streets()[b.street].code;
  };
  std::sort(matches.begin(), matches.end(), better);
  // Matches are best first: a street's first match is its best variant.
  std::vector<StreetMatch> best;
  std::vector<uint32_t> kept;
  for (const StreetMatch& m : matches) {
    if (best.size() >= max_streets) break;
    if (std::find(kept.begin(), kept.end(), m.street) != kept.end()) continue;
    kept.push_back(m.street);
    best.push_back(m);
  }
  return best;
}

// When nothing passed min_score, two kinds of match may still be the one a
// person reading the text would pick, when it stands out from the next
// street by scope_margin (and is returned with its own, low, score):
//  - the best lenient match in the named place: "zrendunst 2, 9200
//    Dendermonde" is Varendunst, for the postcode leaves a few hundred
//    streets and one reads far better than the rest. Only with a firm scope
//    (FirmScope), no word left unexplained, no foreign postcode
//    ("Breestraat 56, 3012 AA Rotterdam" is Dutch), and scope_min_score;
//  - a street whose whole name is there but whose postcode disagrees, the
//    name existing nowhere else ("Rue des Manchettes 2990": a slip in the
//    postcode); ResolveAddress reports postCodeMismatch.
std::vector<StreetMatch> SearcherImpl::AcceptRescue(
    const ParsedQuery& q, const QueryReading& reading,
    std::vector<StreetMatch> rescue) const {
  const RankingPolicy& policy = options_.ranking;
  if (q.foreign_postcode) return {};
  // The named place first: a match there that stands out is the answer.
  std::vector<StreetMatch> in_scope, elsewhere;
  for (StreetMatch& m : rescue) {
    if (!m.in_scope) {
      elsewhere.push_back(m);
    } else if (FirmScope(q, reading, m)) {
      in_scope.push_back(m);
    }
  }
  auto whole = [&](const StreetMatch& m) { return ReadsWhole(m, policy); };
  for (std::vector<StreetMatch>* pool : {&in_scope, &elsewhere}) {
    std::vector<StreetMatch> best = BestPerStreet(std::move(*pool), 2);
    if (best.empty()) continue;
    const double next = best.size() > 1 ? best[1].score : 0;
    // It stands out by its score, or as the only street the text names
    // whole ("Ten Akker" of Ten Akker, not of Akker; "Tichelarijstraat",
    // not Tichelrijstraat).
    const bool alone =
        whole(best[0]) && (best.size() < 2 || !whole(best[1]) ||
                           best[1].name_coverage < best[0].name_coverage ||
                           best[1].query_coverage < best[0].query_coverage);
    if (best[0].score - next < policy.scope_margin && !alone) return {};
    best.resize(1);
    return best;
  }
  return {};
}

void SearcherImpl::PreferWholeName(const ParsedQuery& q,
                                   const QueryReading& reading,
                                   std::vector<StreetMatch> rescue,
                                   std::vector<StreetMatch>* streets) const {
  const RankingPolicy& policy = options_.ranking;
  const StreetMatch& best = streets->front();
  const bool none_in_postcode =
      std::all_of(streets->begin(), streets->end(),
                  [](const StreetMatch& m) { return m.postcode_conflict; });
  if (ReadsWhole(best, policy)) return;
  if (none_in_postcode && WholeNameFirst(policy, streets)) return;
  if (!none_in_postcode && best.name_coverage >= policy.weak_name_coverage) {
    return;
  }
  std::vector<StreetMatch> whole = AcceptRescue(q, reading, std::move(rescue));
  if (whole.empty() || !ReadsWhole(whole[0], policy)) return;
  // Level with the near miss, not above it: ResolveAddress then offers
  // both as candidates.
  whole[0].score = std::max(whole[0].score, best.score);
  const uint32_t street = whole[0].street;
  streets->erase(
      std::remove_if(streets->begin(), streets->end(),
                     [&](const StreetMatch& m) { return m.street == street; }),
      streets->end());
  streets->insert(streets->begin(), whole[0]);
}

// Of the matches, one alone reads the whole text and the whole of its name:
// it comes first, level with the best.
bool WholeNameFirst(const RankingPolicy& policy,
                    std::vector<StreetMatch>* streets) {
  if (streets->empty()) return false;
  auto whole = [&](const StreetMatch& m) { return ReadsWhole(m, policy); };
  const auto first = std::find_if(streets->begin() + 1, streets->end(), whole);
  if (first == streets->end() ||
      std::find_if(first + 1, streets->end(), whole) != streets->end()) {
    return false;
  }
  StreetMatch m = *first;
  m.score = std::max(m.score, streets->front().score);
  streets->erase(first);
  streets->insert(streets->begin(), m);
  return true;
}

// The place is given apart from the street: a postcode, the municipality
// field, or a place after the street's words past a comma or a number
// ("giysstdaat 10 Kortemark"). In "route d'arlon 37 luxembourg" Arlon is
// part of the street name, not the scope.
bool SearcherImpl::FirmScope(const ParsedQuery& q, const QueryReading& reading,
                             const StreetMatch& m) const {
  if (q.postcode_given || q.has_municipality_field) return true;
  if (m.place_match < 0 || m.street_tokens == 0) return false;
  const PlaceMatch& p = reading.places[static_cast<size_t>(m.place_match)];
  const size_t last =
      31 - static_cast<size_t>(std::countl_zero(m.street_tokens));
  if (p.begin <= last) return false;
  for (size_t i = last + 1; i < p.begin; ++i) {
    if (q.tokens[i].numeric) return true;
  }
  return q.tokens[p.begin].segment != q.tokens[last].segment;
}

namespace {

// The evidence of house numbers over a tie (the first known.size() of
// `*ranked`): when the data lists the number for one of them at least,
// those that list numbers but not this one drop by number_missing_factor,
// those that list none by number_unlisted_factor, and the list is sorted
// by score again.
template <typename Ranked>
void ApplyNumberEvidence(const RankingPolicy& policy,
                         const std::vector<HouseNumberKnown>& known,
                         std::vector<Ranked>* ranked) {
  if (std::none_of(known.begin(), known.end(), [](HouseNumberKnown k) {
        return k == HouseNumberKnown::kTrue;
      })) {
    return;
  }
  for (size_t i = 0; i < known.size(); ++i) {
    if (known[i] == HouseNumberKnown::kFalse) {
      (*ranked)[i].score *= policy.number_missing_factor;
    } else if (known[i] == HouseNumberKnown::kUnknown) {
      (*ranked)[i].score *= policy.number_unlisted_factor;
    }
  }
  std::stable_sort(
      ranked->begin(), ranked->end(),
      [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
}

}  // namespace

// Several streets answer the text about as well ("Kerkstraat 12" in two
// deelgemeenten of one municipality): the house-number data tells them
// apart. Among the streets within number_evidence_band of the best, when
// at least one of them lists the number, those whose data lists numbers but
// not this one drop by number_missing_factor, and those with no numbers at
// all (Brussels) by number_unlisted_factor: second, but not far enough for
// the first to look unique. At most number_evidence_streets are
// read (one read each); a longer tie keeps its later streets as they were,
// so a number found on one of the first 32 Kerkstraten puts it first
// without making it the unique answer among the other 230.
Status SearcherImpl::WeighHouseNumbers(
    const ParsedQuery& q, std::vector<StreetMatch>* streets) const {
  const RankingPolicy& policy = options_.ranking;
  if (streets->size() < 2 ||
      (q.house_groups.empty() && q.house_number_field.empty())) {
    return Status::OK();
  }
  const double band = streets->front().score - policy.number_evidence_band;
  size_t tied = 0;
  while (tied < streets->size() && (*streets)[tied].score >= band) ++tied;
  tied = std::min(tied, policy.number_evidence_streets);
  if (tied < 2) return Status::OK();
  std::vector<HouseNumberKnown> known(tied, HouseNumberKnown::kUnknown);
  for (size_t i = 0; i < tied; ++i) {
    std::string house, box;
    HouseNumberOf((*streets)[i], q, &house, &box);
    bool box_known = true;
    BELADDR_ASSIGN_OR_RETURN(
        known[i],
        HouseNumberStatus((*streets)[i].street, house, "", &box_known));
  }
  ApplyNumberEvidence(policy, known, streets);
  return Status::OK();
}

// Every word also reads as a place ("Hooilaart Opdorp" is a street in
// Opdorp, and Hoeilaart a municipality): the street reading wins when a
// street matches some words by its name and agrees with a place the query
// names, or with its postcode.
bool SearcherImpl::DecidePlaceOnly(const RankedSearch& ranked) const {
  const QueryReading& reading = ranked.reading;
  if (!reading.place_only) return false;
  if (reading.one_place) return true;
  if (ranked.streets.empty()) return true;
  const StreetMatch& top = ranked.streets.front();
  const RankingPolicy& policy = options_.ranking;
  const bool street_reading =
      top.score >= policy.street_over_place && top.street_tokens != 0 &&
      (top.place_tokens != 0 ||
       (ranked.query.postcode_given && !top.postcode_conflict));
  // A street's whole name, spelt right, against places only misspelt
  // ("berendonk" is the street Berendonk, not Breendonk).
  const bool misspelt_places =
      std::none_of(reading.places.begin(), reading.places.end(),
                   [](const PlaceMatch& m) { return m.quality >= 1.0; });
  const bool whole_street =
      top.name_coverage >= 1.0 && top.query_coverage >= policy.settled_coverage;
  return !street_reading && !(misspelt_places && whole_street);
}

void SearcherImpl::AddMunicipalityResults(const RankedSearch& ranked,
                                          size_t limit,
                                          SearchResponse* response) const {
  const ParsedQuery& q = ranked.query;
  // municipality -> (score, postcodes of the locality that matched)
  std::map<uint16_t, std::pair<double, std::vector<uint16_t>>> found;
  // Named by the municipality's own name: all its postcodes ("Gent" is
  // 9000 to 9052), not those of a locality of the same name.
  std::set<uint16_t> named_whole;
  double best = 0;
  const RankingPolicy& policy = options_.ranking;
  const std::vector<PlaceMatch>& places = ranked.reading.places;
  // A match counts by its quality and by how much of the query it covers:
  // "sint-gillis-waas" is Sint-Gillis-Waas, not Sint-Gillis. At equal
  // coverage a municipality's own name beats a deelgemeente of that name.
  for (const PlaceMatch& m : places) {
    best = std::max(best, m.quality * PlaceCoverage(q, m, policy));
  }
  for (const PlaceMatch& m : places) {
    const double value = m.quality * PlaceCoverage(q, m, policy);
    if (value < std::max(policy.min_municipality_score,
                         best - policy.municipality_band)) {
      continue;
    }
    const PlaceVariantEntry& p = data_->place_variants()[m.place];
    double score = value * (p.kind == PlaceKind::kMunicipality
                                ? 1.0
                                : policy.locality_place_factor);
    if (q.postcode_given) {
      const auto& pcs = data_->municipalities()[p.municipality].postcodes;
      if (std::find(pcs.begin(), pcs.end(), q.postcode) == pcs.end())
        score *= policy.far_postcode_factor;
    }
    auto& entry = found[p.municipality];
    if (p.kind == PlaceKind::kMunicipality) named_whole.insert(p.municipality);
    if (p.postcode != 0 && std::find(entry.second.begin(), entry.second.end(),
                                     p.postcode) == entry.second.end()) {
      entry.second.push_back(p.postcode);
    }
    entry.first = std::max(entry.first, score);
  }
  if (places.empty() && q.postcode_given) {
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
    return data_->municipalities()[a.second].nis <
           data_->municipalities()[b.second].nis;
  });
  for (const auto& [score, muni] : order) {
    if (response->results.size() >= limit) {
      response->more = true;
      break;
    }
    const MunicipalityEntry& m = data_->municipalities()[muni];
    SearchResult r;
    r.kind = ResultKind::kMunicipality;
    r.municipality = MakeMunicipalityRef(m, response->answer_language);
    const auto& locality_pcs = found[muni].second;
    const bool whole = locality_pcs.empty() || named_whole.count(muni) != 0;
    for (uint16_t pc : whole ? m.postcodes : locality_pcs) {
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
    // A name matched by meaning ("Rue Kirch" for Kirchstraße) was written in
    // another language than its own: the query's words tell which.
    evidence.matched_name = top.translated ? 0 : top.matched_langs;
    if (top.translated) evidence.excluded = top.matched_langs;
    evidence.place_match = top.place_match;
    evidence.municipality = data_->streets()[top.street].municipality;
  }
  if (ranked.place_only) {
    evidence.place_match = BestPlace(ranked.query, ranked.reading.places,
                                     *data_, options_.ranking);
  }
  return DetectLanguage(ranked.query, ranked.reading.places, evidence, *data_,
                        options_.ranking.language);
}

SearchResult SearcherImpl::StreetResult(
    const StreetMatch& m, const ParsedQuery& q,
    std::optional<Language> answer_language) const {
  const StreetEntry& s = data_->streets()[m.street];
  const MunicipalityEntry& muni = data_->municipalities()[s.municipality];
  SearchResult r;
  r.kind = ResultKind::kStreet;
  r.street_code = std::string(s.code);
  for (size_t l = 0; l < s.names.size(); ++l) {
    r.street_names[l] = std::string(s.names[l]);
  }
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
  r.street_name = std::string(NameIn(s.names, lang, matched));
  r.post_code = FormatPostcode(s.postcode);
  r.municipality = MakeMunicipalityRef(muni, lang);
  r.score = m.score;
  // The house number: the last number the street name did not use.
  HouseNumberOf(m, q, &r.house_number, &r.box_number);
  return r;
}

void HouseNumberOf(const StreetMatch& m, const ParsedQuery& q,
                   std::string* house_number, std::string* box_number) {
  if (!q.house_number_field.empty()) {
    *house_number = q.house_number_field;
  } else {
    // The last number the street name did not use.
    for (size_t g = q.house_groups.size(); g-- > 0;) {
      bool used = false;
      for (size_t i = 0; i < q.tokens.size() && i < 32; ++i) {
        if (q.tokens[i].house_group == static_cast<int>(g) &&
            (m.street_tokens & (1u << i))) {
          used = true;
        }
      }
      if (!used) {
        *house_number = q.house_groups[g].house_number;
        *box_number = q.house_groups[g].box_number;
        break;
      }
    }
  }
  if (!q.box_number.empty()) *box_number = q.box_number;
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
  response.more = ranked.more;
  return response;
}

std::optional<uint32_t> SearcherImpl::StreetByCode(
    std::string_view code) const {
  const auto& streets = data_->streets();
  const auto it = std::lower_bound(
      streets.begin(), streets.end(), code,
      [](const StreetEntry& s, std::string_view c) { return s.code < c; });
  if (it == streets.end() || it->code != code) return std::nullopt;
  return static_cast<uint32_t>(it - streets.begin());
}

Status SearcherImpl::WeighSuggestedNumbers(SearchResponse* response) const {
  const RankingPolicy& policy = options_.ranking;
  std::vector<SearchResult>& results = response->results;
  if (results.size() < 2 || results[0].kind != ResultKind::kStreet ||
      results[0].house_number.empty()) {
    return Status::OK();
  }
  const double band = results[0].score - policy.number_evidence_band;
  size_t tied = 0;
  while (tied < results.size() && results[tied].kind == ResultKind::kStreet &&
         results[tied].score >= band)
    ++tied;
  if (tied < 2 || (tied == results.size() && response->more) ||
      tied > policy.number_evidence_streets) {
    return Status::OK();  // a tie longer than what is in view
  }
  std::vector<HouseNumberKnown> known(tied, HouseNumberKnown::kUnknown);
  for (size_t i = 0; i < tied; ++i) {
    const std::optional<uint32_t> street = StreetByCode(results[i].street_code);
    if (!street) continue;
    bool box_known = true;
    BELADDR_ASSIGN_OR_RETURN(
        known[i],
        HouseNumberStatus(*street, results[i].house_number, "", &box_known));
  }
  ApplyNumberEvidence(policy, known, &results);
  return Status::OK();
}

StatusOr<SearchResponse> SearcherImpl::AutocompleteAddresses(
    const AutocompleteRequest& request) const {
  // With a number typed, a tie of namesakes is looked at whole (up to
  // number_evidence_streets) so that the one whose data lists the number
  // can come first.
  AutocompleteRequest wide = request;
  // (A limit out of range is left for Complete to refuse.)
  const bool has_digit =
      request.q.find_first_of("0123456789") != std::string::npos &&
      request.limit >= 1 && request.limit <= kMaxSearchLimit;
  if (has_digit) {
    const size_t tie = options_.ranking.number_evidence_streets + 1;
    wide.limit = std::max(request.limit,
                          static_cast<int>(std::min<size_t>(
                              tie, static_cast<size_t>(kMaxSearchLimit))));
  }
  BELADDR_ASSIGN_OR_RETURN(SearchResponse response,
                           autocompleter_->Complete(wide));
  if (has_digit) {
    BELADDR_RETURN_IF_ERROR(WeighSuggestedNumbers(&response));
    const auto limit = static_cast<size_t>(request.limit);
    if (response.results.size() > limit) {
      response.results.resize(limit);
      response.more = true;
    }
  }
  if (!response.results.empty()) return response;
  SearchRequest search;
  search.query = request.q;
  search.post_code = request.post_code;
  search.municipality = request.municipality;
  search.language = request.language;
  search.limit = request.limit;
  StatusOr<SearchResponse> full = SearchAddresses(search);
  // Text the search reads otherwise than the autocompleter (and refuses)
  // keeps the empty list; a failure of the index is the caller's to see.
  if (!full.ok() && !full.status().IsInvalidArgument()) return full.status();
  if (!full.ok() || full->results.empty()) return response;
  return full;
}

}  // namespace internal
}  // namespace beladdr
