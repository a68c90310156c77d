// The HTTP API as a pure function of a parsed request: no sockets, so it is
// tested directly (tests/server/handler_test.cc).
//
// Routes (docs/openapi.yaml):
//   POST /SearchAddresses   JSON body           -> 200 search answer
//   GET  /SearchAddresses?q=...&postCode=...    -> 200 search answer
//   GET  /AutocompleteAddresses?q=...           -> 200 search answer (as typed)
//   POST /ResolveAddress    JSON body           -> 200 unique | ambiguous |
//                                                  notFound
//   POST /batch/SearchAddresses, /batch/ResolveAddress (CSV or JSON Lines)
//                                               -> 200, the answers streamed
//   POST /CreateDeclarationCAS, /ModifyDeclarationCAS,
//        /DeleteDeclarationCAS, /SearchDeclarationCAS
//   GET  /declarations/{number}                 -> S222 declarations, with
//        Authorization: Bearer <central's key> (declaration_routes.cc)
//   GET  /ConsumerPing                          -> 200, or 503 without index
//   GET  /metrics                               -> Prometheus text
//   GET  /                                      -> the search page (web_page.h)
// Errors are RFC 9457 application/problem+json with a detail that says what
// to fix. Every response carries x-correlation-id: the request's own when
// it is a UUID, a new one otherwise.
//
// Thread safety: Handle() may be called concurrently; the searcher, the
// metrics and the access log are thread-safe.

#ifndef BELADDR_SERVER_SRC_HANDLER_H_
#define BELADDR_SERVER_SRC_HANDLER_H_

#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access_log.h"
#include "beladdr/api.h"
#include "beladdr/declarations/store.h"
#include "beladdr/searcher.h"
#include "body_stream.h"
#include "http_conventions.h"
#include "metrics.h"

namespace beladdr::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Limits of POST /batch/SearchAddresses and /batch/ResolveAddress (413
// past them): a batch body, and its request lines.
inline constexpr size_t kMaxBatchBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxBatchLines = 10000;
// A streamed batch answers this many lines per chunk: the answers of a
// chunk are searched on the connection's thread between two writes, so it
// bounds how long other connections wait behind a batch.
inline constexpr size_t kBatchChunkLines = 128;

// An answer: the whole response, or its header when `stream` produces the
// body (sent chunked).
struct Reply {
  Response response;
  std::shared_ptr<BodyStream> stream;
};

class Handler {
 public:
  // `searcher`, `metrics`, `log` and `declarations` may be null: without
  // a searcher the search and ping routes answer 503, without a store the
  // declaration routes do.
  Handler(const Searcher* searcher, Metrics* metrics, AccessLog* log,
          HttpOptions http = {},
          declarations::DeclarationStore* declarations = nullptr)
      : searcher_(searcher),
        metrics_(metrics),
        log_(log),
        http_(std::move(http)),
        declarations_(declarations) {}

  // Answers one request. Never throws: an unexpected failure is a 500 that
  // does not leak internals. A batch's body is a stream (the session sends
  // it chunked); metrics and the access log time the answer until its
  // header.
  Reply Serve(const Request& request) const;
  // Serve() with any stream read to the end into the body (Content-Length;
  // for tests and HTTP/1.0 clients, which take no chunks).
  Response Handle(const Request& request) const;
  static Response ReadWhole(Reply reply);

  // A problem response for requests that could not even be parsed (413,
  // 431, 400), with a fresh correlation id; recorded like any other, under
  // the route of `target` when the request line was read.
  Response TransportError(int status, std::string_view detail,
                          std::string_view target = {}) const;

  // The largest body a request to `target` may have (a batch takes more).
  static size_t BodyLimitFor(std::string_view target);

  // A fresh random (version 4) UUID, lower case.
  static std::string NewCorrelationId();
  // True for 8-4-4-4-12 hexadecimal digits.
  static bool IsCorrelationId(std::string_view id);

 private:
  Response Route(const Request& request, const std::string& correlation_id,
                 std::shared_ptr<BodyStream>* stream) const;
  Response Search(const Request& request,
                  const std::string& correlation_id) const;
  Response Resolve(const Request& request,
                   const std::string& correlation_id) const;
  // GET /AutocompleteAddresses?q=...
  Response Autocomplete(const Request& request,
                        const std::string& correlation_id) const;
  // POST /batch/SearchAddresses and /batch/ResolveAddress.
  // The first piece is answered before the header (a bad CSV header is a
  // 400); *stream produces the rest.
  Response Batch(const Request& request, bool resolve,
                 const std::string& correlation_id,
                 std::shared_ptr<BodyStream>* stream) const;
  // The declaration routes (declaration_routes.cc): the caller's key, then
  // the operation.
  Response Declarations(const Request& request, std::string_view path,
                        const std::string& correlation_id) const;
  Response CreateDeclaration(const Request& request, const std::string& central,
                             const std::string& correlation_id) const;
  Response ModifyDeclaration(const Request& request, const std::string& central,
                             const std::string& correlation_id) const;
  Response DeleteDeclaration(const Request& request, const std::string& central,
                             const std::string& correlation_id) const;
  Response SearchDeclarations(const Request& request,
                              const std::string& central,
                              const std::string& correlation_id) const;
  Response GetDeclaration(const Request& request, std::string_view number,
                          const std::string& central,
                          const std::string& correlation_id) const;
  // Resolves a declaration's address into *address (its content part and
  // search fields); otherwise the answer to give (422, 503, 500).
  struct DeclaredAddress {
    std::string json;
    std::string street_code;
    std::string post_code;
    std::string municipality_nis;
  };
  std::optional<Response> ResolveDeclared(const Request& request,
                                          ResolveRequest address,
                                          const std::string& correlation_id,
                                          DeclaredAddress* out) const;
  // 204 for a CORS preflight of an API route.
  Response Preflight(const Request& request, std::string_view methods,
                     const std::string& correlation_id) const;
  // The `lang` parameter of a POST target (the only URL parameter a POST
  // takes); a bad one, or another parameter, is added to *issues.
  std::optional<Language> PostLang(const Request& request,
                                   std::vector<api::InputIssue>* issues) const;
  // The answer language: the request's own, else `lang`, else
  // Accept-Language.
  std::optional<Language> AnswerLanguage(const Request& request,
                                         std::optional<Language> own,
                                         std::optional<Language> lang) const;
  // 503: the server runs without a usable index.
  Response NoIndex(const Request& request,
                   const std::string& correlation_id) const;
  // 400 with every invalid input; the first one's detail is the detail.
  Response InvalidInput(const Request& request,
                        const std::vector<api::InputIssue>& issues,
                        const std::string& correlation_id) const;
  // Cache-Control, CORS, Vary and gzip (of the body or the stream), once
  // the answer is made.
  void FinishHeaders(const Request& request, std::string_view path,
                     Reply* reply) const;
  void Record(std::string_view method, std::string_view route, int status,
              std::string_view correlation_id, double seconds) const;

  const Searcher* searcher_;
  Metrics* metrics_;
  AccessLog* log_;
  HttpOptions http_;
  declarations::DeclarationStore* declarations_;
};

// The decoded parameters of a request target's query string. Raw UTF-8
// and spaces are tolerated; a malformed percent escape is InvalidArgument.
StatusOr<std::vector<std::pair<std::string, std::string>>> QueryParams(
    std::string_view target);

// Builds a response with a JSON (or problem) body. Shared by the handler
// and the session's transport errors.
Response MakeResponse(http::status status, unsigned version, bool keep_alive,
                      std::string_view content_type, std::string body,
                      std::string_view correlation_id);
Response MakeProblem(http::status status, unsigned version, bool keep_alive,
                     std::string_view slug, std::string_view detail,
                     std::string_view correlation_id,
                     const std::vector<api::InputIssue>& issues = {});

// A problem (415, 413) when a POST body is not JSON or too large;
// nullopt when fine.
std::optional<Response> CheckJsonBody(const Request& request,
                                      const std::string& correlation_id);

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_HANDLER_H_
