// Issue 14.12: the server serves docs/openapi.yaml at /openapi.yaml, and
// every status the handler answers a route with is documented for that
// path.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

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
