// beladdr/resolve.h — address resolution for declaration creation.
//
// A declaration's address is either resolved to one street (the
// declaration can go ahead), or the caller gets a short ranked list to
// choose from and asks again, usually with the chosen StreetCode:
//
//   first round:  {street, houseNumber, postCode, municipality}
//                 -> unique | ambiguous (candidates) | notFound
//   second round: {streetCode, houseNumber, postCode, ...}
//                 -> unique (the street as given, with what contradicts it)
//
// Plain value types; intentionally copyable.

#ifndef BELADDR_RESOLVE_H_
#define BELADDR_RESOLVE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/language.h"

namespace beladdr {

// Structured fields only; `street` or `street_code` is required.
struct ResolveRequest {
  std::string street;
  std::string house_number;  // "12", "12A", "12 bis"
  std::string box_number;
  std::string post_code;     // 4 digits
  std::string municipality;  // municipality or locality, any language
  // The second round: the street chosen from the candidates. The street is
  // then taken as given; the other fields are checked against it.
  std::string street_code;
  std::optional<Language> language;  // to answer in; default: detected
  int limit = kDefaultSearchLimit;   // candidates, 1..100
};

enum class ResolveStatus { kUnique, kAmbiguous, kNotFound };

// "unique", "ambiguous", "notFound".
std::string_view ResolveStatusName(ResolveStatus status);

// Whether the data lists the house number for the street.
enum class HouseNumberKnown {
  kUnknown,  // the data has no house numbers for this street (or none given)
  kTrue,
  kFalse,
};

// What does not fit, reported rather than silently ignored.
enum class ResolveIssue {
  kStreetCodeUnknown,     // streetCode is not in the index
  kStreetNameMismatch,    // street does not name the street of streetCode
  kPostCodeMismatch,      // postCode is not the street's
  kMunicipalityMismatch,  // municipality is not (a locality of) the street's
  kHouseNumberMissing,    // no house number was given
  kHouseNumberUnknown,    // the data lists numbers for the street, not this
  kBoxNumberUnknown,      // the data lists boxes for the number, not this
};

// "streetCodeUnknown", "postCodeMismatch", ...
std::string_view ResolveIssueName(ResolveIssue issue);

struct ResolvedAddress {
  SearchResult street;  // kind kStreet, with house and box as parsed
  HouseNumberKnown house_number_known = HouseNumberKnown::kUnknown;
};

struct ResolveResponse {
  ResolveStatus status = ResolveStatus::kNotFound;
  std::optional<Language> detected_language;
  std::optional<Language> answer_language;
  // kUnique only.
  std::optional<ResolvedAddress> address;
  // kAmbiguous only: ranked, best first, at most `limit`.
  std::vector<ResolvedAddress> candidates;
  // kAmbiguous only: more candidates than `limit` exist; the list is cut.
  bool more = false;
  std::vector<ResolveIssue> issues;
};

}  // namespace beladdr

#endif  // BELADDR_RESOLVE_H_
