#include "handler.h"

#include <boost/url/parse.hpp>
#include <boost/uuid/uuid_generators.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <chrono>
#include <ctime>
#include <exception>
#include <optional>

#include "beladdr/api.h"
#include "beladdr/ascii.h"
#include "openapi_text.h"
#include "web_page.h"

namespace beladdr::server {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kProblem = "application/problem+json";
constexpr std::string_view kCorrelationHeader = "x-correlation-id";

// The short title of each status we answer with (RFC 9110 reason phrases).
std::string_view Title(http::status status) {
  return http::obsolete_reason(status);
}

http::status StatusOf(const Status& s) {
  // The one place where a library Status becomes an HTTP code.
  if (s.IsInvalidArgument()) return http::status::bad_request;
  if (s.IsNotFound()) return http::status::not_found;
  return http::status::internal_server_error;
}

bool IsJson(std::string_view content_type) {
  // "application/json", maybe with "; charset=utf-8" (any case).
  const size_t semi = content_type.find(';');
  std::string base(content_type.substr(0, semi));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (char& c : base)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return base == "application/json";
}

// The route label used in metrics and logs: the known paths, or "other".
std::string_view RouteLabel(std::string_view path) {
  if (path == "/SearchAddresses") return "/SearchAddresses";
  if (path == "/ResolveAddress") return "/ResolveAddress";
  if (path == "/AutocompleteAddresses") return "/AutocompleteAddresses";
  if (path == "/ConsumerPing") return "/ConsumerPing";
  if (path == "/metrics") return "/metrics";
  if (path == "/openapi.yaml") return "/openapi.yaml";
  if (path == "/") return "/";
  if (path == "/batch/SearchAddresses") return "/batch/SearchAddresses";
  if (path == "/batch/ResolveAddress") return "/batch/ResolveAddress";
  for (std::string_view route :
       {"/CreateDeclarationCAS", "/ModifyDeclarationCAS",
        "/DeleteDeclarationCAS", "/SearchDeclarationCAS"}) {
    if (path == route) return route;
  }
  if (path.starts_with("/declarations/")) return "/declarations/{number}";
  return "other";
}

}  // namespace

StatusOr<std::vector<std::pair<std::string, std::string>>> QueryParams(
    std::string_view target) {
  // Clients (and people typing into a browser bar or curl) send raw UTF-8
  // and spaces in the query string. Percent-encode every byte that may not
  // appear in a URL, so that only malformed escapes ("%zz") are errors;
  // Boost.URL then splits and decodes ('+' is a space).
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string tolerant;
  tolerant.reserve(target.size());
  for (const char ch : target) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f ||
        std::string_view("\"#<>\\^`{|}").find(ch) != std::string_view::npos) {
      tolerant.push_back('%');
      tolerant.push_back(kHex[c >> 4]);
      tolerant.push_back(kHex[c & 15]);
    } else {
      tolerant.push_back(ch);
    }
  }
  auto url = boost::urls::parse_origin_form(tolerant);
  if (!url) {
    return Status::InvalidArgument("the request target is not a valid URL (" +
                                   url.error().message() +
                                   "); percent-encode the parameters");
  }
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& p : url->params()) params.emplace_back(p.key, p.value);
  return params;
}

Response MakeResponse(http::status status, unsigned version, bool keep_alive,
                      std::string_view content_type, std::string body,
                      std::string_view correlation_id) {
  Response res{status, version};
  res.set(http::field::server, "beladdr");
  res.set(http::field::date, HttpDate(std::time(nullptr)));
  // Answers and errors are not to be stored; FinishHeaders relaxes this
  // where caching is safe.
  res.set(http::field::cache_control, "no-store");
  if (!content_type.empty()) res.set(http::field::content_type, content_type);
  res.set(kCorrelationHeader, correlation_id);
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response MakeProblem(http::status status, unsigned version, bool keep_alive,
                     std::string_view slug, std::string_view detail,
                     std::string_view correlation_id,
                     const std::vector<api::InputIssue>& issues) {
  return MakeResponse(
      status, version, keep_alive, kProblem,
      api::EncodeProblem(static_cast<int>(status), slug, Title(status), detail,
                         correlation_id, issues),
      correlation_id);
}

std::string Handler::NewCorrelationId() {
  thread_local boost::uuids::random_generator generator;
  return boost::uuids::to_string(generator());
}

bool Handler::IsCorrelationId(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

void Handler::Record(std::string_view method, std::string_view route,
                     int status, std::string_view correlation_id,
                     double seconds) const {
  if (metrics_ != nullptr) metrics_->RecordRequest(route, status, seconds);
  if (log_ != nullptr) {
    log_->Write(correlation_id, method, route, status,
                static_cast<long long>(seconds * 1e6));
  }
}

Response Handler::TransportError(int status, std::string_view detail,
                                 std::string_view target) const {
  const std::string id = NewCorrelationId();
  const auto code = static_cast<http::status>(status);
  const std::string_view slug = status == 413   ? "body-too-large"
                                : status == 431 ? "headers-too-large"
                                                : "malformed-request";
  Record("-", RouteLabel(target.substr(0, target.find('?'))), status, id, 0);
  return MakeProblem(code, 11, false, slug, detail, id);
}

Response Handler::Handle(const Request& request) const {
  return ReadWhole(Serve(request));
}

Response Handler::ReadWhole(Reply reply) {
  Response res = std::move(reply.response);
  if (reply.stream == nullptr) return res;
  std::string& body = res.body();
  StatusOr<bool> more = true;
  while (more.ok() && *more) more = reply.stream->Next(&body);
  if (!more.ok()) {
    // Not sent yet: the whole answer becomes an honest failure.
    return MakeProblem(
        http::status::internal_server_error, res.version(), false,
        "internal-error",
        "the answer could not be completed: " + more.status().message(),
        std::string(res[kCorrelationHeader]));
  }
  http::fields trailer;
  reply.stream->Trailer(&trailer);
  for (const auto& field : trailer) res.set(field.name_string(), field.value());
  res.erase(http::field::trailer);
  res.prepare_payload();
  return res;
}

Reply Handler::Serve(const Request& request) const {
  const auto start = std::chrono::steady_clock::now();
  // The client's correlation id when it is a UUID, a new one otherwise.
  std::string correlation_id;
  const auto header = request.find(kCorrelationHeader);
  const bool has_id = header != request.end();
  const bool valid_id =
      has_id && IsCorrelationId(std::string_view(header->value().data(),
                                                 header->value().size()));
  correlation_id = valid_id ? std::string(header->value()) : NewCorrelationId();

  const std::string_view target(request.target().data(),
                                request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  Reply reply;
  Response& res = reply.response;
  try {
    if (has_id && !valid_id) {
      const std::string detail =
          "x-correlation-id must be a UUID such as "
          "3fa85f64-5717-4562-b3fc-2c963f66afa6; a new one was assigned";
      res = MakeProblem(http::status::bad_request, request.version(),
                        request.keep_alive(), "invalid-correlation-id", detail,
                        correlation_id,
                        {{"header", std::string(kCorrelationHeader),
                          std::string(header->value()), detail}});
    } else {
      res = Route(request, correlation_id, &reply.stream);
    }
  } catch (const std::exception&) {
    reply.stream.reset();
    // Never leak internals: the detail only points at the correlation id.
    res = MakeProblem(
        http::status::internal_server_error, request.version(), false,
        "internal-error",
        "the server failed to answer; quote the correlation id when "
        "reporting it",
        correlation_id);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  FinishHeaders(request, path, &reply);
  Record(std::string_view(request.method_string().data(),
                          request.method_string().size()),
         RouteLabel(path), static_cast<int>(res.result_int()), correlation_id,
         seconds);
  return reply;
}

Response Handler::Preflight(const Request& request, std::string_view methods,
                            const std::string& correlation_id) const {
  Response res = MakeResponse(http::status::no_content, request.version(),
                              request.keep_alive(), "", "", correlation_id);
  res.set(http::field::allow, methods);
  const auto origin = request[http::field::origin];
  const std::string allowed =
      AllowedOrigin(http_, std::string_view(origin.data(), origin.size()));
  if (!origin.empty() && !allowed.empty()) {
    res.set(http::field::access_control_allow_origin, allowed);
    res.set(http::field::access_control_allow_methods, methods);
    res.set(http::field::access_control_allow_headers,
            "authorization, content-type, x-correlation-id, "
            "accept-language");
    res.set(http::field::access_control_max_age, "600");
  }
  return res;
}

void Handler::FinishHeaders(const Request& request, std::string_view path,
                            Reply* reply) const {
  Response* res = &reply->response;
  const bool api = path == "/SearchAddresses" || path == "/ResolveAddress" ||
                   path == "/AutocompleteAddresses" ||
                   path == "/ConsumerPing" || path.ends_with("DeclarationCAS");
  const bool get = request.method() == http::verb::get ||
                   request.method() == http::verb::head;
  if ((path == "/SearchAddresses" || path == "/AutocompleteAddresses") && get &&
      res->result() == http::status::ok) {
    res->set(http::field::cache_control,
             "public, max-age=" + std::to_string(http_.search_max_age_seconds));
  }
  std::string vary;
  auto add_vary = [&](std::string_view field) {
    vary += (vary.empty() ? "" : ", ") + std::string(field);
  };
  if (api && request.method() != http::verb::options) {
    const auto origin = request[http::field::origin];
    const std::string allowed =
        AllowedOrigin(http_, std::string_view(origin.data(), origin.size()));
    if (!origin.empty() && !allowed.empty()) {
      res->set(http::field::access_control_allow_origin, allowed);
      res->set(http::field::access_control_expose_headers, "x-correlation-id");
    }
    if (!http_.cors_origins.empty()) add_vary("Origin");
    if (path != "/ConsumerPing") add_vary("Accept-Language");
  }
  if (reply->stream != nullptr) {
    add_vary("Accept-Encoding");
    const auto accept = request[http::field::accept_encoding];
    if (AcceptsGzip(std::string_view(accept.data(), accept.size()))) {
      reply->stream = GzipStream(std::move(reply->stream));
      res->set(http::field::content_encoding, "gzip");
    }
  } else if (res->body().size() >= http_.gzip_min_bytes) {
    add_vary("Accept-Encoding");
    const auto accept = request[http::field::accept_encoding];
    if (AcceptsGzip(std::string_view(accept.data(), accept.size()))) {
      StatusOr<std::string> zipped = Gzip(res->body());
      if (zipped.ok()) {
        res->body() = std::move(zipped).value();
        res->set(http::field::content_encoding, "gzip");
        res->prepare_payload();
      }
    }
  }
  if (!vary.empty()) res->set(http::field::vary, vary);
}

std::optional<Language> Handler::PostLang(
    const Request& request, std::vector<api::InputIssue>* issues) const {
  const std::string_view target(request.target().data(),
                                request.target().size());
  StatusOr<std::vector<std::pair<std::string, std::string>>> params =
      QueryParams(target);
  if (!params.ok()) {
    issues->push_back({"query", "", "", params.status().message()});
    return std::nullopt;
  }
  std::optional<Language> lang;
  for (const auto& [key, value] : *params) {
    if (key != "lang") {
      issues->push_back({"query", key, value,
                         "unknown parameter '" + key +
                             "'; a POST takes only 'lang' in the URL, and its "
                             "fields in the body"});
      continue;
    }
    lang = ParseLanguage(value);
    if (!lang) {
      issues->push_back({"query", key, value,
                         "lang must be nl, fr or de, not '" + value + "'"});
    }
  }
  return lang;
}

std::optional<Language> Handler::AnswerLanguage(
    const Request& request, std::optional<Language> own,
    std::optional<Language> lang) const {
  if (own) return own;
  if (lang) return lang;
  const auto header = request[http::field::accept_language];
  return AcceptedLanguage(std::string_view(header.data(), header.size()));
}

Response Handler::NoIndex(const Request& request,
                          const std::string& correlation_id) const {
  return MakeProblem(
      http::status::service_unavailable, request.version(),
      request.keep_alive(), "no-index",
      "no usable index is loaded; run beladdr-import and restart",
      correlation_id);
}

Response Handler::InvalidInput(const Request& request,
                               const std::vector<api::InputIssue>& issues,
                               const std::string& correlation_id) const {
  return MakeProblem(http::status::bad_request, request.version(),
                     request.keep_alive(), "invalid-request",
                     issues.front().detail, correlation_id, issues);
}

Response Handler::Route(const Request& request,
                        const std::string& correlation_id,
                        std::shared_ptr<BodyStream>* stream) const {
  const std::string_view target(request.target().data(),
                                request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  const bool get = request.method() == http::verb::get ||
                   request.method() == http::verb::head;

  auto wrong_method = [&](std::string_view allow) {
    Response res = MakeProblem(
        http::status::method_not_allowed, version, keep_alive,
        "method-not-allowed",
        std::string(path) + " accepts " + std::string(allow), correlation_id);
    res.set(http::field::allow, allow);
    return res;
  };

  Response res;
  const bool options = request.method() == http::verb::options;
  if (path == "/SearchAddresses") {
    if (options) {
      return Preflight(request, "GET, HEAD, POST, OPTIONS", correlation_id);
    }
    if (request.method() != http::verb::post && !get)
      return wrong_method("GET, HEAD, POST, OPTIONS");
    res = Search(request, correlation_id);
  } else if (path == "/AutocompleteAddresses") {
    if (options) {
      return Preflight(request, "GET, HEAD, OPTIONS", correlation_id);
    }
    if (!get) return wrong_method("GET, HEAD, OPTIONS");
    res = Autocomplete(request, correlation_id);
  } else if (path == "/ResolveAddress") {
    if (options) return Preflight(request, "POST, OPTIONS", correlation_id);
    if (request.method() != http::verb::post)
      return wrong_method("POST, OPTIONS");
    res = Resolve(request, correlation_id);
  } else if (path == "/ConsumerPing") {
    if (options) {
      return Preflight(request, "GET, HEAD, OPTIONS", correlation_id);
    }
    if (!get) return wrong_method("GET, HEAD, OPTIONS");
    if (searcher_ == nullptr) {
      res = NoIndex(request, correlation_id);
    } else {
      res = MakeResponse(http::status::ok, version, keep_alive, kJson,
                         api::EncodePing(searcher_->info()), correlation_id);
    }
  } else if (path == "/metrics") {
    if (!get) return wrong_method("GET, HEAD");
    res = MakeResponse(http::status::ok, version, keep_alive,
                       "text/plain; version=0.0.4; charset=utf-8",
                       metrics_ != nullptr ? metrics_->Render() : std::string(),
                       correlation_id);
  } else if (path == "/batch/SearchAddresses" ||
             path == "/batch/ResolveAddress") {
    if (request.method() != http::verb::post) return wrong_method("POST");
    res =
        Batch(request, path == "/batch/ResolveAddress", correlation_id, stream);
  } else if (path == "/CreateDeclarationCAS" ||
             path == "/ModifyDeclarationCAS" ||
             path == "/DeleteDeclarationCAS" ||
             path == "/SearchDeclarationCAS") {
    if (options) return Preflight(request, "POST, OPTIONS", correlation_id);
    if (request.method() != http::verb::post) {
      return wrong_method("POST, OPTIONS");
    }
    res = Declarations(request, path, correlation_id);
  } else if (path.starts_with("/declarations/")) {
    if (!get) return wrong_method("GET, HEAD");
    res = Declarations(request, path, correlation_id);
  } else if (path == "/") {
    if (!get) return wrong_method("GET, HEAD");
    res = MakeResponse(http::status::ok, version, keep_alive,
                       "text/html; charset=utf-8", std::string(WebPage()),
                       correlation_id);
    // Everything the page loads comes from here; its script and style are
    // inline.
    res.set("content-security-policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src "
            "'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.set("x-content-type-options", "nosniff");
    res.set(http::field::cache_control, "no-cache");
  } else if (path == "/openapi.yaml") {
    if (!get) return wrong_method("GET, HEAD");
    res = MakeResponse(http::status::ok, version, keep_alive,
                       "application/yaml; charset=utf-8",
                       std::string(OpenApiText()), correlation_id);
    res.set(http::field::cache_control, "public, max-age=3600");
  } else {
    res = MakeProblem(
        http::status::not_found, version, keep_alive, "not-found",
        "unknown path " + std::string(path) +
            "; the API has /SearchAddresses, /AutocompleteAddresses, "
            "/ResolveAddress, "
            "/batch/SearchAddresses, /batch/ResolveAddress, "
            "/CreateDeclarationCAS, /ModifyDeclarationCAS, "
            "/DeleteDeclarationCAS, /SearchDeclarationCAS, "
            "/declarations/{number}, /ConsumerPing, /metrics and "
            "/openapi.yaml",
        correlation_id);
  }
  if (request.method() == http::verb::head) {
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

// A problem when a POST body is not JSON or too large; nullopt when fine.
std::optional<Response> CheckJsonBody(const Request& request,
                                      const std::string& correlation_id) {
  const auto type = request[http::field::content_type];
  if (!IsJson(std::string_view(type.data(), type.size()))) {
    return MakeProblem(http::status::unsupported_media_type, request.version(),
                       request.keep_alive(), "unsupported-media-type",
                       "send the request as Content-Type: application/json",
                       correlation_id);
  }
  if (request.body().size() > api::kMaxBodyBytes) {
    return MakeProblem(http::status::payload_too_large, request.version(),
                       request.keep_alive(), "body-too-large",
                       "the body is larger than 16 KiB", correlation_id);
  }
  return std::nullopt;
}

Response Handler::Search(const Request& request,
                         const std::string& correlation_id) const {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  auto problem = [&](http::status status, std::string_view slug,
                     std::string_view detail) {
    return MakeProblem(status, version, keep_alive, slug, detail,
                       correlation_id);
  };
  if (searcher_ == nullptr) return NoIndex(request, correlation_id);
  StatusOr<SearchRequest> decoded = Status::Internal("unset");
  std::vector<api::InputIssue> issues;
  std::optional<Language> lang;
  if (request.method() == http::verb::post) {
    if (auto bad = CheckJsonBody(request, correlation_id)) return *bad;
    decoded = api::DecodeSearchRequest(request.body(), &issues);
    lang = PostLang(request, &issues);
  } else {
    const std::string_view target(request.target().data(),
                                  request.target().size());
    StatusOr<std::vector<std::pair<std::string, std::string>>> params =
        QueryParams(target);
    if (!params.ok()) {
      issues.push_back({"query", "", "", params.status().message()});
    } else {
      decoded = api::SearchRequestFromParams(*params, &issues);
    }
  }
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  if (!decoded.ok()) {
    return problem(StatusOf(decoded.status()), "invalid-request",
                   decoded.status().message());
  }
  decoded->language = AnswerLanguage(request, decoded->language, lang);
  StatusOr<SearchResponse> found = searcher_->SearchAddresses(*decoded);
  if (!found.ok()) {
    if (found.status().IsInvalidArgument()) {
      return InvalidInput(request, {{"body", "", "", found.status().message()}},
                          correlation_id);
    }
    return problem(
        http::status::internal_server_error, "internal-error",
        "the search failed; quote the correlation id when reporting it");
  }
  if (found->results.empty() && metrics_ != nullptr) {
    metrics_->RecordEmptySearch("/SearchAddresses");
  }
  return MakeResponse(http::status::ok, version, keep_alive, kJson,
                      api::EncodeSearchResponse(*found), correlation_id);
}

Response Handler::Autocomplete(const Request& request,
                               const std::string& correlation_id) const {
  if (searcher_ == nullptr) return NoIndex(request, correlation_id);
  const std::string_view target(request.target().data(),
                                request.target().size());
  std::vector<api::InputIssue> issues;
  StatusOr<std::vector<std::pair<std::string, std::string>>> params =
      QueryParams(target);
  StatusOr<AutocompleteRequest> decoded = Status::Internal("unset");
  if (!params.ok()) {
    issues.push_back({"query", "", "", params.status().message()});
  } else {
    decoded = api::AutocompleteRequestFromParams(*params, &issues);
  }
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  decoded->language = AnswerLanguage(request, decoded->language, {});
  StatusOr<SearchResponse> found = searcher_->AutocompleteAddresses(*decoded);
  if (!found.ok()) {
    if (found.status().IsInvalidArgument()) {
      return InvalidInput(request,
                          {{"query", "", "", found.status().message()}},
                          correlation_id);
    }
    return MakeProblem(
        http::status::internal_server_error, request.version(),
        request.keep_alive(), "internal-error",
        "the search failed; quote the correlation id when reporting it",
        correlation_id);
  }
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeSearchResponse(*found), correlation_id);
}

Response Handler::Resolve(const Request& request,
                          const std::string& correlation_id) const {
  auto problem = [&](http::status status, std::string_view slug,
                     std::string_view detail) {
    return MakeProblem(status, request.version(), request.keep_alive(), slug,
                       detail, correlation_id);
  };
  if (searcher_ == nullptr) return NoIndex(request, correlation_id);
  if (auto bad = CheckJsonBody(request, correlation_id)) return *bad;
  std::vector<api::InputIssue> issues;
  StatusOr<ResolveRequest> decoded =
      api::DecodeResolveRequest(request.body(), &issues);
  const std::optional<Language> lang = PostLang(request, &issues);
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  if (!decoded.ok()) {
    return problem(StatusOf(decoded.status()), "invalid-request",
                   decoded.status().message());
  }
  decoded->language = AnswerLanguage(request, decoded->language, lang);
  StatusOr<ResolveResponse> resolved = searcher_->ResolveAddress(*decoded);
  if (!resolved.ok()) {
    if (resolved.status().IsInvalidArgument()) {
      return InvalidInput(request,
                          {{"body", "", "", resolved.status().message()}},
                          correlation_id);
    }
    return problem(
        http::status::internal_server_error, "internal-error",
        "the resolution failed; quote the correlation id when reporting it");
  }
  if (metrics_ != nullptr) {
    metrics_->RecordResolve(ResolveStatusName(resolved->status));
  }
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeResolveResponse(*resolved),
                      correlation_id);
}

}  // namespace beladdr::server
