// beladdr/address.h — what a search is asked and what it answers.
//
// Plain value types; intentionally copyable. Thread safety: as for any
// value type.

#ifndef BELADDR_ADDRESS_H_
#define BELADDR_ADDRESS_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "beladdr/language.h"

namespace beladdr {

// Results (or candidates) when a request does not say: both request
// types default to it.
inline constexpr int kDefaultSearchLimit = 10;

// A search: free text, or structured fields (any subset, at least one).
// Free text and structured fields may be combined; the structured ones
// then say which part is which.
struct SearchRequest {
  // Free text in any order and language: "chee de waterloo 1180",
  // "rue de l eglise 12 bte 3, Luik", "Kerkstraat 5 9000".
  std::string query;

  // Structured fields.
  std::string street;
  std::string house_number;  // "12", "12A", "12 bis", "10-12", "12/3"
  std::string box_number;    // "3", "A"
  std::string post_code;     // 4 digits
  std::string municipality;  // municipality or locality, any language

  // The language to answer in. Default: the detected language.
  std::optional<Language> language;

  // Maximum number of results, 1..100. Default: 10.
  int limit = kDefaultSearchLimit;
};

inline constexpr int kMaxSearchLimit = 100;

// Search as you type: `q` as typed so far. Its last word is a prefix
// (unless `q` ends with a space); the earlier words are whole words and
// may be misspelt. `post_code` and `municipality` narrow the search.
struct AutocompleteRequest {
  std::string q;
  std::string post_code;             // 4 digits
  std::string municipality;          // a municipality or locality, any language
  std::optional<Language> language;  // to answer in; default: detected
  int limit = kDefaultSearchLimit;   // 1..kMaxSearchLimit
};
// Free text and each field: at most this many bytes of UTF-8.
inline constexpr size_t kMaxFieldBytes = 1000;

enum class ResultKind { kStreet, kMunicipality };

struct MunicipalityRef {
  std::string nis_code;
  std::string name;                  // in the answer language
  std::array<std::string, 3> names;  // by Language; empty when absent
};

struct SearchResult {
  ResultKind kind = ResultKind::kStreet;

  // Street results.
  std::string street_code;                   // see README: StreetCode
  std::string street_name;                   // in the answer language
  std::array<std::string, 3> street_names;   // by Language; "" if absent
  std::optional<Language> matched_language;  // of the name that matched
  std::string post_code;

  // Both kinds: the municipality (for a municipality result, the result).
  MunicipalityRef municipality;
  // Municipality results: its postcodes (those of the locality that
  // matched, when the query named a locality).
  std::vector<std::string> post_codes;

  // Confidence in [0, 1]; results are sorted by it, best first.
  double score = 0;

  // As parsed from the input (street results only; empty when absent).
  std::string house_number;
  std::string box_number;
};

struct SearchResponse {
  // The language the query was written in; nullopt when undecidable.
  std::optional<Language> detected_language;
  // The language the names are given in (request.language, else the
  // detected language, else each result's municipality language).
  std::optional<Language> answer_language;
  std::vector<SearchResult> results;  // 0..limit
  // More results than `limit` pass the bar: the list is cut, not whole.
  bool more = false;
};

}  // namespace beladdr

#endif  // BELADDR_ADDRESS_H_
