// Issue 14.12: the server serves docs/openapi.yaml at /openapi.yaml, and
// every status the handler answers a route with is documented for that
// path.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "handler.h"
#include "server_test_util.h"
#include "test_util.h"

namespace beladdr::server {
namespace {

using testing::Get;
using testing::PostJson;
using testing::TinyPublicSearcher;

std::string Spec() {
  return beladdr::testing::ReadFile(std::string(BELADDR_SOURCE_DIR) +
                                    "/docs/openapi.yaml");
}

// The lines of the spec under "  <path>:", up to the next path or the
// components.
std::string PathBlock(const std::string& spec, const std::string& path) {
  std::istringstream in(spec);
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("  /", 0) == 0 || line.rfind("components:", 0) == 0) {
      inside = line == "  " + path + ":";
      continue;
    }
    if (inside) block += line + "\n";
  }
  return block;
}

Request With(Request req, http::verb verb) {
  req.method(verb);
  return req;
}

Request BadCorrelationId(Request req) {
  req.set("x-correlation-id", "not-a-uuid");
  return req;
}

TEST(OpenApi, ServedAsBuilt) {
  Metrics metrics;
  Handler handler(&TinyPublicSearcher(), &metrics, nullptr);
  const Response res = handler.Handle(Get("/openapi.yaml"));
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(res[http::field::content_type].starts_with("application/yaml"));
  EXPECT_EQ(res.body(), Spec());
  EXPECT_EQ(
      handler.Handle(With(Get("/openapi.yaml"), http::verb::post)).result_int(),
      405u);
}

// Every status of the declaration routes, against a throwaway store.
void AddDeclarationAnswers(std::map<std::string, std::vector<Response>>* out) {
  beladdr::testing::TempDir dir;
  auto store =
      declarations::OpenDeclarationStore("rocksdb:" + dir.Sub("store"));
  ASSERT_TRUE(store.ok());
  auto key = declarations::MakeKey("c", declarations::Now());
  ASSERT_TRUE((*store)->AddKey(key->record).ok());
  Handler handler(&TinyPublicSearcher(), nullptr, nullptr, {}, store->get());
  Handler without(&TinyPublicSearcher(), nullptr, nullptr);
  auto call = [&](const std::string& path, const std::string& body,
                  bool with_key = true) {
    Request req = PostJson(path, body);
    if (with_key) req.set(http::field::authorization, "Bearer " + key->secret);
    return handler.Handle(req);
  };
  const std::string create =
      R"({"address": {"street": "Rue Haute", "houseNumber": "5",
      "postCode": "7090"}, "user": {"type": "person",
      "nationalRegisterNumber": "85073003328", "name": "J"}, "alarm":
      {"detectionKinds": ["fire"], "premisesType": "other", "startDate":
      "2026-01-01"}, "contacts": [{"name": "J", "phone": "0470123456"}]})";
  Response made = call("/CreateDeclarationCAS", create);
  ASSERT_EQ(made.result_int(), 201u) << made.body();
  const std::string number(
      boost::json::parse(made.body()).at("declarationNumber").as_string());
  const std::string ambiguous =
      R"({"address": {"street": "Hoogstraat", "houseNumber": "5"}, "user":
      {"type": "person", "nationalRegisterNumber": "85073003328", "name":
      "J"}, "alarm": {"detectionKinds": ["fire"], "premisesType": "other",
      "startDate": "2026-01-01"}, "contacts": [{"name": "J", "phone":
      "0470123456"}]})";
  const std::string gone = R"({"declarationNumber": "2000.01.01.0001"})";
  auto common = [&](const std::string& path, const std::string& ok) {
    Request not_json = PostJson(path, ok);
    not_json.set(http::field::content_type, "text/plain");
    not_json.set(http::field::authorization, "Bearer " + key->secret);
    Request put = PostJson(path, ok);
    put.method(http::verb::put);
    return std::vector<Response>{
        call(path, ok),
        call(path, "{}"),
        call(path, ok, false),
        handler.Handle(not_json),
        call(path, "{\"x\": \"" + std::string(17 * 1024, 'a') + "\"}"),
        handler.Handle(put),
        without.Handle(PostJson(path, ok))};
  };
  (*out)["/CreateDeclarationCAS"] = common("/CreateDeclarationCAS", create);
  (*out)["/CreateDeclarationCAS"].push_back(
      call("/CreateDeclarationCAS", ambiguous));
  const std::string modify = R"({"declarationNumber": ")" + number +
                             R"(", "version": 1, "user": {"type":
      "enterprise", "enterpriseNumber": "0203201340", "name": "P"}})";
  (*out)["/ModifyDeclarationCAS"] = common("/ModifyDeclarationCAS", modify);
  (*out)["/ModifyDeclarationCAS"].push_back(
      call("/ModifyDeclarationCAS", modify));  // stale: 409
  (*out)["/ModifyDeclarationCAS"].push_back(
      call("/ModifyDeclarationCAS",
           R"({"declarationNumber": "2000.01.01.0001", "version": 1, "user":
      {"type": "enterprise", "enterpriseNumber": "0203201340", "name":
      "P"}})"));
  (*out)["/ModifyDeclarationCAS"].push_back(
      call("/ModifyDeclarationCAS",
           R"({"declarationNumber": ")" + number +
               R"(", "version": 2, "address": {"street": "Hoogstraat",
          "houseNumber": "1"}})"));
  (*out)["/DeleteDeclarationCAS"] = common(
      "/DeleteDeclarationCAS", R"({"declarationNumber": ")" + number + "\"}");
  (*out)["/DeleteDeclarationCAS"].push_back(
      call("/DeleteDeclarationCAS", gone));
  (*out)["/SearchDeclarationCAS"] =
      common("/SearchDeclarationCAS", R"({"status": "all"})");
  (*out)["/SearchDeclarationCAS"].push_back(
      call("/SearchDeclarationCAS", R"({"limit": 0})"));
  Request get = Get("/declarations/" + number);
  get.set(http::field::authorization, "Bearer " + key->secret);
  Request missing = Get("/declarations/2000.01.01.0001");
  missing.set(http::field::authorization, "Bearer " + key->secret);
  Request post = get;
  post.method(http::verb::post);
  (*out)["/declarations/{number}"] = {
      handler.Handle(get), handler.Handle(missing), handler.Handle(post),
      handler.Handle(Get("/declarations/" + number)), without.Handle(get)};
}

TEST(OpenApi, EveryStatusTheHandlerSendsIsDocumented) {
  Metrics metrics;
  Handler handler(&TinyPublicSearcher(), &metrics, nullptr);
  Handler no_index(nullptr, &metrics, nullptr);
  const std::string big =
      "{\"query\": \"" + std::string(17 * 1024, 'a') + "\"}";
  auto not_json = [](Request req) {
    req.set(http::field::content_type, "text/plain");
    return req;
  };
  std::map<std::string, std::vector<Response>> answers;
  for (const std::string path : {"/SearchAddresses", "/ResolveAddress"}) {
    const std::string ok = path == "/SearchAddresses"
                               ? R"({"query": "Hoogstraat Gent"})"
                               : R"({"street": "Hoogstraat"})";
    answers[path] = {
        handler.Handle(PostJson(path, ok)),
        handler.Handle(PostJson(path, "{not json")),
        handler.Handle(not_json(PostJson(path, ok))),
        handler.Handle(PostJson(path, big)),
        handler.Handle(With(PostJson(path, ok), http::verb::put)),
        handler.Handle(BadCorrelationId(PostJson(path, ok))),
        no_index.Handle(PostJson(path, ok)),
    };
  }
  answers["/SearchAddresses"].push_back(
      handler.Handle(Get("/SearchAddresses?q=Luik")));
  answers["/AutocompleteAddresses"] = {
      handler.Handle(Get("/AutocompleteAddresses?q=Lui")),
      handler.Handle(Get("/AutocompleteAddresses?q=")),
      handler.Handle(With(Get("/AutocompleteAddresses?q=x"), http::verb::put)),
      handler.Handle(BadCorrelationId(Get("/AutocompleteAddresses?q=x"))),
      no_index.Handle(Get("/AutocompleteAddresses?q=x"))};
  for (const std::string path :
       {"/batch/SearchAddresses", "/batch/ResolveAddress"}) {
    auto csv = [&](const std::string& body) {
      Request req = PostJson(path, body);
      req.set(http::field::content_type, "text/csv");
      return req;
    };
    std::string many = "street\n";
    for (size_t i = 0; i <= kMaxBatchLines; ++i) many += "Gent\n";
    answers[path] = {handler.Handle(csv("street\nHoogstraat\n")),
                     handler.Handle(csv("id\n1\n")),
                     handler.Handle(csv(many)),
                     handler.Handle(PostJson(path, "{}")),
                     handler.Handle(With(csv("street\nx\n"), http::verb::get)),
                     handler.Handle(BadCorrelationId(csv("street\nx\n"))),
                     no_index.Handle(csv("street\nx\n"))};
  }
  for (const std::string path :
       {"/ConsumerPing", "/metrics", "/openapi.yaml"}) {
    answers[path] = {handler.Handle(Get(path)),
                     handler.Handle(With(Get(path), http::verb::put)),
                     handler.Handle(BadCorrelationId(Get(path)))};
  }
  answers["/ConsumerPing"].push_back(no_index.Handle(Get("/ConsumerPing")));
  answers["/"] = {handler.Handle(Get("/")),
                  handler.Handle(With(Get("/"), http::verb::post))};
  AddDeclarationAnswers(&answers);

  const std::string spec = Spec();
  for (const auto& [path, responses] : answers) {
    const std::string block = PathBlock(spec, path);
    ASSERT_FALSE(block.empty()) << path << " is not in the spec";
    std::set<unsigned> statuses;
    for (const Response& r : responses) statuses.insert(r.result_int());
    for (unsigned status : statuses) {
      EXPECT_NE(block.find("\"" + std::to_string(status) + "\":"),
                std::string::npos)
          << path << " answers " << status << " but the spec does not say so";
    }
  }
}

}  // namespace
}  // namespace beladdr::server
