// The S222 declaration routes of Handler: who calls (a central's Bearer
// key), then Create, Modify, Delete, Search and Get. Each central reaches
// only its own declarations: the store is always asked on the caller's
// behalf, and another central's number is a 404 like an absent one.

#include <string>

#include "beladdr/declaration_api.h"
#include "beladdr/declarations/keys.h"
#include "handler.h"

namespace beladdr::server {
namespace {

namespace decl = beladdr::declarations;
constexpr std::string_view kJson = "application/json";

// The key of "Authorization: Bearer <key>"; empty when there is none.
std::string_view BearerKey(const Request& request) {
  const auto header = request[http::field::authorization];
  std::string_view value(header.data(), header.size());
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) {
      return {};
    }
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value;
}

}  // namespace

Response Handler::Declarations(const Request& request, std::string_view path,
                               const std::string& correlation_id) const {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  if (declarations_ == nullptr) {
    return MakeProblem(http::status::service_unavailable, version, keep_alive,
                       "no-declarations-store",
                       "this server keeps no declarations; start it with "
                       "--declarations rocksdb:PATH or postgresql://...",
                       correlation_id);
  }
  const std::string_view key = BearerKey(request);
  StatusOr<std::string> central =
      key.empty() ? StatusOr<std::string>(Status::NotFound("no key"))
                  : declarations_->CentralOfKey(decl::KeyHash(key));
  if (!central.ok()) {
    if (!central.status().IsNotFound()) {
      return MakeProblem(http::status::service_unavailable, version, keep_alive,
                         "declarations-unavailable",
                         "the declarations store cannot be reached; try "
                         "again later",
                         correlation_id);
    }
    Response res = MakeProblem(
        http::status::unauthorized, version, keep_alive, "unauthorized",
        key.empty() ? "send your central's key as Authorization: Bearer <key>"
                    : "the key is unknown or revoked",
        correlation_id);
    res.set(http::field::www_authenticate,
            key.empty() ? "Bearer realm=\"beladdr\""
                        : "Bearer realm=\"beladdr\", error=\"invalid_token\"");
    return res;
  }
  if (path.starts_with("/declarations/")) {
    return GetDeclaration(request, path.substr(14), *central, correlation_id);
  }
  if (auto bad = CheckJsonBody(request, correlation_id)) return *bad;
  if (path == "/CreateDeclarationCAS") {
    return CreateDeclaration(request, *central, correlation_id);
  }
  if (path == "/ModifyDeclarationCAS") {
    return ModifyDeclaration(request, *central, correlation_id);
  }
  if (path == "/DeleteDeclarationCAS") {
    return DeleteDeclaration(request, *central, correlation_id);
  }
  return SearchDeclarations(request, *central, correlation_id);
}

std::optional<Response> Handler::ResolveDeclared(
    const Request& request, ResolveRequest address,
    const std::string& correlation_id, DeclaredAddress* out) const {
  if (searcher_ == nullptr) return NoIndex(request, correlation_id);
  StatusOr<ResolveResponse> resolved = searcher_->ResolveAddress(address);
  if (!resolved.ok()) {
    if (resolved.status().IsInvalidArgument()) {
      return InvalidInput(
          request, {{"body", "address", "", resolved.status().message()}},
          correlation_id);
    }
    return MakeProblem(http::status::internal_server_error, request.version(),
                       request.keep_alive(), "internal-error",
                       "the address could not be resolved; quote the "
                       "correlation id when reporting it",
                       correlation_id);
  }
  bool contradiction = false;
  std::vector<ResolveIssue> warnings;
  for (ResolveIssue issue : resolved->issues) {
    if (api::IsContradiction(issue)) {
      contradiction = true;
    } else {
      warnings.push_back(issue);
    }
  }
  if (resolved->status != ResolveStatus::kUnique || !resolved->address ||
      contradiction) {
    return MakeResponse(http::status::unprocessable_entity, request.version(),
                        request.keep_alive(), "application/problem+json",
                        api::EncodeAddressProblem(*resolved, correlation_id),
                        correlation_id);
  }
  const SearchResult& street = resolved->address->street;
  out->json = api::EncodeDeclarationAddress(*resolved->address, warnings);
  out->street_code = street.street_code;
  out->post_code = street.post_code;
  out->municipality_nis = street.municipality.nis_code;
  return std::nullopt;
}

namespace {

// The answer to a store failure: 404 and 409 say what is wrong, anything
// else is a 500 that keeps the store's message to itself.
Response StoreProblem(const Request& request, const Status& s,
                      std::string_view number,
                      const std::string& correlation_id) {
  if (s.IsNotFound()) {
    return MakeProblem(http::status::not_found, request.version(),
                       request.keep_alive(), "declaration-not-found",
                       "you have no declaration " + std::string(number),
                       correlation_id);
  }
  if (s.IsFailedPrecondition()) {
    return MakeProblem(http::status::conflict, request.version(),
                       request.keep_alive(), "declaration-conflict",
                       s.message(), correlation_id);
  }
  return MakeProblem(http::status::internal_server_error, request.version(),
                     request.keep_alive(), "internal-error",
                     "the declaration could not be stored; quote the "
                     "correlation id when reporting it",
                     correlation_id);
}

}  // namespace

Response Handler::CreateDeclaration(const Request& request,
                                    const std::string& central,
                                    const std::string& correlation_id) const {
  std::vector<api::InputIssue> issues;
  StatusOr<api::DeclarationInput> input =
      api::DecodeCreateDeclaration(request.body(), &issues);
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  DeclaredAddress address;
  if (auto answer =
          ResolveDeclared(request, *input->address, correlation_id, &address)) {
    return *answer;
  }
  StatusOr<std::string> content = api::BuildContent(*input, address.json, "");
  if (!content.ok())
    return StoreProblem(request, content.status(), "", correlation_id);
  decl::Declaration draft;
  draft.street_code = address.street_code;
  draft.post_code = address.post_code;
  draft.municipality_nis = address.municipality_nis;
  draft.content = std::move(content).value();
  StatusOr<decl::CreateResult> made =
      declarations_->Create(draft, {central, correlation_id, decl::Now()});
  if (!made.ok())
    return StoreProblem(request, made.status(), "", correlation_id);
  Response res = MakeResponse(
      http::status::created, request.version(), request.keep_alive(), kJson,
      api::EncodeDeclaration(made->declaration), correlation_id);
  res.set(http::field::location, "/declarations/" + made->declaration.number);
  if (made->replayed) res.set("x-idempotent-replay", "true");
  return res;
}

Response Handler::ModifyDeclaration(const Request& request,
                                    const std::string& central,
                                    const std::string& correlation_id) const {
  std::vector<api::InputIssue> issues;
  StatusOr<api::ModifyInput> input =
      api::DecodeModifyDeclaration(request.body(), &issues);
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  StatusOr<decl::Declaration> current =
      declarations_->Get(central, input->number);
  if (!current.ok()) {
    return StoreProblem(request, current.status(), input->number,
                        correlation_id);
  }
  decl::Declaration updated = *current;
  DeclaredAddress address;
  if (input->parts.address) {
    if (auto answer = ResolveDeclared(request, *input->parts.address,
                                      correlation_id, &address)) {
      return *answer;
    }
    updated.street_code = address.street_code;
    updated.post_code = address.post_code;
    updated.municipality_nis = address.municipality_nis;
  }
  StatusOr<std::string> content =
      api::BuildContent(input->parts, address.json, current->content);
  if (!content.ok()) {
    return StoreProblem(request, content.status(), "", correlation_id);
  }
  updated.content = std::move(content).value();
  updated.version = input->version;
  StatusOr<decl::Declaration> modified =
      declarations_->Modify(updated, {central, correlation_id, decl::Now()});
  if (!modified.ok()) {
    return StoreProblem(request, modified.status(), input->number,
                        correlation_id);
  }
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeDeclaration(*modified), correlation_id);
}

Response Handler::DeleteDeclaration(const Request& request,
                                    const std::string& central,
                                    const std::string& correlation_id) const {
  std::vector<api::InputIssue> issues;
  StatusOr<std::string> number =
      api::DecodeDeleteDeclaration(request.body(), &issues);
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  StatusOr<decl::Declaration> deleted =
      declarations_->Delete(*number, {central, correlation_id, decl::Now()});
  if (!deleted.ok()) {
    return StoreProblem(request, deleted.status(), *number, correlation_id);
  }
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeDeclaration(*deleted), correlation_id);
}

Response Handler::SearchDeclarations(const Request& request,
                                     const std::string& central,
                                     const std::string& correlation_id) const {
  std::vector<api::InputIssue> issues;
  StatusOr<api::SearchDeclarationsInput> input =
      api::DecodeSearchDeclarations(request.body(), &issues);
  if (!issues.empty()) return InvalidInput(request, issues, correlation_id);
  decl::DeclarationQuery query = input->query;
  query.central = central;
  decl::DeclarationPage page;
  bool known_place = true;
  if (input->municipality_text) {
    // A name, read like SearchAddresses reads a municipality.
    known_place = false;
    if (searcher_ == nullptr) return NoIndex(request, correlation_id);
    SearchRequest place;
    place.municipality = *input->municipality_text;
    place.limit = 1;
    StatusOr<SearchResponse> found = searcher_->SearchAddresses(place);
    if (found.ok() && !found->results.empty()) {
      query.municipality_nis = found->results[0].municipality.nis_code;
      known_place = true;
    }
  }
  if (known_place) {
    StatusOr<decl::DeclarationPage> searched = declarations_->Search(query);
    if (!searched.ok()) {
      return StoreProblem(request, searched.status(), "", correlation_id);
    }
    page = std::move(searched).value();
  }
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeDeclarationPage(page), correlation_id);
}

Response Handler::GetDeclaration(const Request& request,
                                 std::string_view number,
                                 const std::string& central,
                                 const std::string& correlation_id) const {
  StatusOr<decl::Declaration> d = declarations_->Get(central, number);
  if (!d.ok()) return StoreProblem(request, d.status(), number, correlation_id);
  return MakeResponse(http::status::ok, request.version(), request.keep_alive(),
                      kJson, api::EncodeDeclaration(*d), correlation_id);
}

}  // namespace beladdr::server
