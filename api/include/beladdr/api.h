// beladdr/api.h — the JSON contract of the HTTP API (docs/openapi.yaml),
// shared by the server and the command-line client so that both speak it
// identically.
//
// Decoding is strict and says what to fix: a body that is not a JSON
// object, an unknown field, a field of the wrong type, a limit outside
// 1..100, or invalid UTF-8 are InvalidArgument errors naming the field.
// Encoding omits absent values rather than writing empty strings.
//
// Thread safety: pure functions.

#ifndef BELADDR_API_H_
#define BELADDR_API_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/index_info.h"
#include "beladdr/resolve.h"
#include "beladdr/status.h"

namespace beladdr::api {

// Largest request body accepted, in bytes.
inline constexpr size_t kMaxBodyBytes = 16 * 1024;

// One invalid input of a request, as a Belgif problem's "issues" entry:
// where it is (`in`: body, query or header), its `name` (empty for the
// body as a whole), the `value` given (as text) and what is wrong.
struct InputIssue {
  std::string in;
  std::string name;
  std::string value;
  std::string detail;
};

// A SearchAddresses JSON body: {"query": ...} or the structured fields,
// plus optional "language" and "limit".
// The decoders go on past an invalid field: every invalid input is added
// to *issues (when given), and the status carries the first one's detail.
StatusOr<SearchRequest> DecodeSearchRequest(
    std::string_view body, std::vector<InputIssue>* issues = nullptr);

// The same search from URL query parameters (already percent-decoded):
// q (or query), street, houseNumber, boxNumber, postCode, municipality,
// language, limit. Unknown or repeated parameters are errors.
StatusOr<SearchRequest> SearchRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues = nullptr);

// GET /AutocompleteAddresses parameters: q (required), postCode,
// municipality, lang (or language), limit.
StatusOr<AutocompleteRequest> AutocompleteRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues = nullptr);

// The JSON body for a request: the inverse of DecodeSearchRequest (only
// the fields that are set; limit only when not the default).
std::string EncodeSearchRequest(const SearchRequest& request);

// The 200 answer: {"detectedLanguage", "count", "results": [...]}.
std::string EncodeSearchResponse(const SearchResponse& response);

// A ResolveAddress JSON body: the structured fields, "streetCode",
// "language", "limit". "street" or "streetCode" is required; "query" is
// refused (free text belongs to SearchAddresses).
StatusOr<ResolveRequest> DecodeResolveRequest(
    std::string_view body, std::vector<InputIssue>* issues = nullptr);
// The same from name/value pairs (the CSV columns of `beladdr resolve
// --batch`): street, houseNumber, boxNumber, postCode, municipality,
// streetCode, language, limit.
StatusOr<ResolveRequest> ResolveRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues = nullptr);
// Its inverse (only the fields that are set).
std::string EncodeResolveRequest(const ResolveRequest& request);

// ResolveAddress's 200 answer: {"status", "detectedLanguage", "address"
// (unique only), "candidates" (ambiguous only), "issues"}; each address
// is a street result plus "houseNumberKnown": true, false or "unknown".
std::string EncodeResolveResponse(const ResolveResponse& response);

// ConsumerPing's answer: {"status": "ok", "index": {...}}.
std::string EncodePing(const IndexInfo& info);

// An RFC 9457 problem: {"type", "title", "status", "detail",
// "correlationId", "issues"}. `slug` names the problem type
// (urn:beladdr:problem:<slug>); "issues" (Belgif style: type, in, name,
// value, detail) only when there are some.
std::string EncodeProblem(int status, std::string_view slug,
                          std::string_view title, std::string_view detail,
                          std::string_view correlation_id,
                          const std::vector<InputIssue>& issues = {});

}  // namespace beladdr::api

#endif  // BELADDR_API_H_
