// SearcherImpl::ResolveAddress: the decision of declaration creation on
// top of the ranking (see beladdr/resolve.h and README, "Resolving an
// address").
//
// The rule (RankingPolicy::unique_score, unique_margin, measured on the
// quality harness's structured queries):
//
//   unique     the best street scores >= unique_score, and beats the next
//              street by >= unique_margin (or is the only one);
//   ambiguous  streets scored >= min_score, but no such clear winner;
//   notFound   nothing scored >= min_score.
//
// A postcode or municipality that contradicts the chosen street is
// reported as an issue, not silently corrected.

#include <algorithm>
#include <cctype>

#include "beladdr/index/coding.h"
#include "beladdr/index/index_format.h"
#include "beladdr/resolve.h"
#include "internal/language_detector.h"
#include "searcher_impl.h"

namespace beladdr {

std::string_view ResolveStatusName(ResolveStatus status) {
  switch (status) {
    case ResolveStatus::kUnique:
      return "unique";
    case ResolveStatus::kAmbiguous:
      return "ambiguous";
    case ResolveStatus::kNotFound:
      return "notFound";
  }
  return "notFound";
}

std::string_view ResolveIssueName(ResolveIssue issue) {
  switch (issue) {
    case ResolveIssue::kStreetCodeUnknown:
      return "streetCodeUnknown";
    case ResolveIssue::kStreetNameMismatch:
      return "streetNameMismatch";
    case ResolveIssue::kPostCodeMismatch:
      return "postCodeMismatch";
    case ResolveIssue::kMunicipalityMismatch:
      return "municipalityMismatch";
    case ResolveIssue::kHouseNumberMissing:
      return "houseNumberMissing";
    case ResolveIssue::kHouseNumberUnknown:
      return "houseNumberUnknown";
    case ResolveIssue::kBoxNumberUnknown:
      return "boxNumberUnknown";
  }
  return "";
}

namespace internal {
namespace {

SearchRequest AsSearch(const ResolveRequest& r) {
  SearchRequest s;
  s.street = r.street;
  s.house_number = r.house_number;
  s.box_number = r.box_number;
  s.post_code = r.post_code;
  s.municipality = r.municipality;
  s.language = r.language;
  s.limit = r.limit;
  return s;
}

void AddIssue(ResolveIssue issue, std::vector<ResolveIssue>* issues) {
  if (std::find(issues->begin(), issues->end(), issue) == issues->end()) {
    issues->push_back(issue);
  }
}

}  // namespace

StatusOr<HouseNumberKnown> SearcherImpl::HouseNumberStatus(
    uint32_t street, const std::string& house_number,
    const std::string& box_number, bool* box_known) const {
  *box_known = true;
  if (house_number.empty() ||
      data_->streets()[street].house_number_count == 0) {
    return HouseNumberKnown::kUnknown;
  }
  std::string value;
  BELADDR_RETURN_IF_ERROR(
      store_->Get(Cf::kHouseNumbers, EncodeIdKey(street), &value));
  HouseNumbersRecord record;
  BELADDR_RETURN_IF_ERROR(DecodeHouseNumbersRecord(value, &record));
  const std::string wanted = HouseNumberLookupKey(house_number);
  for (const HouseNumber& h : record.numbers) {
    if (HouseNumberKey(h.number, false) != wanted) continue;
    if (!box_number.empty() && !h.boxes.empty()) {
      const std::string box = HouseNumberKey(box_number, true);
      *box_known = std::any_of(
          h.boxes.begin(), h.boxes.end(),
          [&](const std::string& b) { return HouseNumberKey(b, true) == box; });
    }
    return HouseNumberKnown::kTrue;
  }
  return HouseNumberKnown::kFalse;
}

StatusOr<ResolvedAddress> SearcherImpl::Resolved(
    const StreetMatch& m, const ParsedQuery& q,
    std::optional<Language> answer_language,
    std::vector<ResolveIssue>* issues) const {
  ResolvedAddress a;
  a.street = StreetResult(m, q, answer_language);
  bool box_known = true;
  BELADDR_ASSIGN_OR_RETURN(a.house_number_known,
                           HouseNumberStatus(m.street, a.street.house_number,
                                             a.street.box_number, &box_known));
  if (issues != nullptr) {
    const StreetEntry& s = data_->streets()[m.street];
    if (q.postcode_given && s.postcode != q.postcode) {
      AddIssue(ResolveIssue::kPostCodeMismatch, issues);
    }
    if (q.has_municipality_field && m.place_conflict) {
      AddIssue(ResolveIssue::kMunicipalityMismatch, issues);
    }
    if (a.street.house_number.empty()) {
      AddIssue(ResolveIssue::kHouseNumberMissing, issues);
    } else if (a.house_number_known == HouseNumberKnown::kFalse) {
      AddIssue(ResolveIssue::kHouseNumberUnknown, issues);
    } else if (!box_known) {
      AddIssue(ResolveIssue::kBoxNumberUnknown, issues);
    }
  }
  return a;
}

StatusOr<ResolveResponse> SearcherImpl::ResolveAddress(
    const ResolveRequest& request) const {
  const bool has_street =
      request.street.find_first_not_of(" \t") != std::string::npos;
  const bool has_code =
      request.street_code.find_first_not_of(" \t") != std::string::npos;
  if (!has_street && !has_code) {
    return Status::InvalidArgument(
        "give street or streetCode (with houseNumber, postCode, municipality "
        "as known)");
  }
  if (request.street_code.size() > kMaxFieldBytes) {
    return Status::InvalidArgument("streetCode is longer than " +
                                   std::to_string(kMaxFieldBytes) + " bytes");
  }
  return has_code ? ResolveStreetCode(request) : ResolveStreet(request);
}

StatusOr<ResolveResponse> SearcherImpl::ResolveStreet(
    const ResolveRequest& request) const {
  const size_t limit = static_cast<size_t>(std::max(request.limit, 1));
  BELADDR_ASSIGN_OR_RETURN(RankedSearch ranked,
                           Rank(AsSearch(request), std::max<size_t>(limit, 2)));
  ResolveResponse response;
  response.detected_language = DetectedLanguage(ranked);
  response.answer_language =
      request.language ? request.language : response.detected_language;
  const std::vector<StreetMatch>& streets = ranked.streets;
  if (streets.empty()) {
    response.status = ResolveStatus::kNotFound;
    return response;
  }
  const double margin = streets.size() > 1 ? streets[0].score - streets[1].score
                                           : streets[0].score;
  if (streets[0].score >= options_.ranking.unique_score &&
      margin >= options_.ranking.unique_margin) {
    response.status = ResolveStatus::kUnique;
    BELADDR_ASSIGN_OR_RETURN(
        response.address, Resolved(streets[0], ranked.query,
                                   response.answer_language, &response.issues));
    return response;
  }
  response.status = ResolveStatus::kAmbiguous;
  response.more = streets.size() > limit || ranked.more;
  for (size_t i = 0; i < streets.size() && i < limit; ++i) {
    BELADDR_ASSIGN_OR_RETURN(
        ResolvedAddress a,
        Resolved(streets[i], ranked.query, response.answer_language, nullptr));
    response.candidates.push_back(std::move(a));
  }
  if (ranked.query.house_groups.empty() &&
      ranked.query.house_number_field.empty()) {
    AddIssue(ResolveIssue::kHouseNumberMissing, &response.issues);
  }
  // What the request says that none of the candidates agrees with.
  if (ranked.query.postcode_given &&
      std::none_of(streets.begin(), streets.end(), [&](const StreetMatch& m) {
        return data_->streets()[m.street].postcode == ranked.query.postcode;
      })) {
    AddIssue(ResolveIssue::kPostCodeMismatch, &response.issues);
  }
  if (ranked.query.has_municipality_field &&
      std::all_of(streets.begin(), streets.end(),
                  [](const StreetMatch& m) { return m.place_conflict; })) {
    AddIssue(ResolveIssue::kMunicipalityMismatch, &response.issues);
  }
  return response;
}

StatusOr<ResolveResponse> SearcherImpl::ResolveStreetCode(
    const ResolveRequest& request) const {
  std::string code = request.street_code;
  while (!code.empty() && (code.back() == ' ' || code.back() == '\t'))
    code.pop_back();
  code.erase(0, code.find_first_not_of(" \t"));
  // Everything else the request says, read as for a search (a bad
  // postcode is the caller's error, whatever the code).
  const SearchRequest search = AsSearch(request);
  const bool only_code = search.street.empty() && search.municipality.empty() &&
                         search.post_code.empty() &&
                         search.house_number.empty() &&
                         search.box_number.empty();
  RankedSearch ranked;
  if (!only_code) {
    BELADDR_ASSIGN_OR_RETURN(ranked.query, ParseQuery(search, *data_));
  }
  ResolveResponse response;
  const std::optional<uint32_t> found = StreetByCode(code);
  if (!found) {
    response.status = ResolveStatus::kNotFound;
    response.answer_language = request.language;
    response.issues.push_back(ResolveIssue::kStreetCodeUnknown);
    return response;
  }
  const uint32_t street = *found;
  // Scored against every name of this street alone.
  ranked.reading = ReadQuery(ranked.query, *data_, options_.ranking);
  Scorer scorer(ranked.query, ranked.reading, *data_, options_.ranking);
  const StreetEntry& s = data_->streets()[street];
  StreetMatch best;
  best.street = street;
  best.variant = s.first_variant;
  best.score = -1;
  for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
       ++v) {
    StreetMatch m = scorer.Score(v);
    if (m.score > best.score) best = m;
  }
  ranked.streets.push_back(best);
  response.status = ResolveStatus::kUnique;
  if (ranked.query.has_street_field) {
    // Is the name sent along one of this street's names?
    SearchRequest name_only;
    name_only.street = request.street;
    BELADDR_ASSIGN_OR_RETURN(ParsedQuery name_query,
                             ParseQuery(name_only, *data_));
    const QueryReading no_places;
    Scorer name_scorer(name_query, no_places, *data_, options_.ranking);
    double name_score = 0;
    for (uint32_t v = s.first_variant; v < s.first_variant + s.variant_count;
         ++v) {
      name_score = std::max(name_score, name_scorer.Score(v).score);
    }
    if (name_score < options_.ranking.min_score) {
      response.issues.push_back(ResolveIssue::kStreetNameMismatch);
      ranked.streets.clear();  // the language is the text's, not the street's
    }
    response.detected_language = DetectedLanguage(ranked);
  }
  response.answer_language =
      request.language ? request.language : response.detected_language;
  if (!response.answer_language) {
    // Nothing written to detect a language in: the municipality's.
    response.answer_language =
        MunicipalityLanguage(data_->municipalities()[s.municipality]);
  }
  BELADDR_ASSIGN_OR_RETURN(
      response.address,
      Resolved(best, ranked.query, response.answer_language, &response.issues));
  // The street was given, not found: its score is not a confidence.
  response.address->street.score = 1.0;
  return response;
}

}  // namespace internal
}  // namespace beladdr
