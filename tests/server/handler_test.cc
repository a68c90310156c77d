// The HTTP API as a pure function: every route, every error status the
// handler decides, correlation ids, metrics and the access log. The
// transport errors (413 while reading, 431, malformed HTTP, timeouts) are
// in server_test.cc, over real sockets.

#include "handler.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <set>
#include <utility>

#include "server_test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
using testing::Get;
using testing::PostJson;
using testing::TinyPublicSearcher;

json::value Body(const Response& res) { return json::parse(res.body()); }

std::string Header(const Response& res, std::string_view name) {
  const auto it = res.find(name);
  return it == res.end() ? std::string() : std::string(it->value());
}

// A problem+json answer with the given status, and a detail containing
// `detail`.
void ExpectProblem(const Response& res, int status, std::string_view detail) {
  EXPECT_EQ(res.result_int(), static_cast<unsigned>(status)) << res.body();
  EXPECT_EQ(Header(res, "Content-Type"), "application/problem+json");
  const json::value v = Body(res);
  EXPECT_EQ(v.at("status"), status);
  EXPECT_TRUE(v.at("type").as_string().starts_with("urn:beladdr:problem:"));
  EXPECT_FALSE(v.at("title").as_string().empty());
  EXPECT_NE(std::string(v.at("detail").as_string()).find(detail),
            std::string::npos)
      << v.at("detail");
  EXPECT_EQ(std::string(v.at("correlationId").as_string()),
            Header(res, "x-correlation-id"));
}

class HandlerTest : public ::testing::Test {
 protected:
  Metrics metrics_;
  Handler handler_{&TinyPublicSearcher(), &metrics_, nullptr};
};

TEST_F(HandlerTest, PostFreeText) {
  const Response res = handler_.Handle(
      PostJson("/SearchAddresses", R"({"query": "chee de waterlo 1180"})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(Header(res, "Content-Type"), "application/json");
  EXPECT_TRUE(Handler::IsCorrelationId(Header(res, "x-correlation-id")));
  const json::value v = Body(res);
  EXPECT_EQ(v.at("detectedLanguage"), "fr");
  ASSERT_GE(v.at("count").as_int64(), 1);
  const json::value& top = v.at("results").at(0);
  EXPECT_EQ(top.at("kind"), "street");
  EXPECT_EQ(top.at("streetCode"), "urbis:13@1180");
  EXPECT_EQ(top.at("streetName"), "Chaussée de Waterloo");
  EXPECT_EQ(top.at("postCode"), "1180");
  EXPECT_EQ(top.at("municipality").at("nisCode"), "21016");
  EXPECT_FALSE(top.as_object().contains("houseNumber"));
}

// Issue 14.8: up to `limit` results, and "more" when the list is cut.
TEST_F(HandlerTest, ALongListIsCutAtTheLimitAndSaysSo) {
  Response res = handler_.Handle(
      PostJson("/SearchAddresses", R"({"street": "Hoogstraat", "limit": 2})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  json::value v = Body(res);
  EXPECT_EQ(v.at("count"), 2);
  EXPECT_EQ(v.at("more"), true);
  res = handler_.Handle(PostJson("/SearchAddresses",
                                 R"({"street": "Hoogstraat", "limit": 100})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  v = Body(res);
  EXPECT_GT(v.at("count").as_int64(), 2);
  EXPECT_EQ(v.at("more"), false);
  res = handler_.Handle(
      PostJson("/ResolveAddress", R"({"street": "Hoogstraat", "limit": 2})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  v = Body(res);
  EXPECT_EQ(v.at("status"), "ambiguous");
  EXPECT_EQ(v.at("candidates").as_array().size(), 2u);
  EXPECT_EQ(v.at("more"), true);
}

TEST_F(HandlerTest, PostStructuredWithLanguage) {
  const Response res = handler_.Handle(
      PostJson("/SearchAddresses",
               R"({"street": "Graanmarkt", "houseNumber": "7", "boxNumber": "2",
          "municipality": "Courtrai", "language": "fr", "limit": 1})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  const json::value v = Body(res);
  EXPECT_EQ(v.at("count"), 1);
  const json::value& top = v.at("results").at(0);
  EXPECT_EQ(top.at("streetCode"), "crab:52118@8500");
  EXPECT_EQ(top.at("houseNumber"), "7");
  EXPECT_EQ(top.at("boxNumber"), "2");
  EXPECT_EQ(top.at("municipality").at("name"),
            "Courtrai");  // answered in French
}

TEST_F(HandlerTest, GetWithRawUtf8AndPercentEncoding) {
  for (const char* target : {"/SearchAddresses?q=L%C3%BCttich&limit=3",
                             "/SearchAddresses?q=Lüttich&limit=3"}) {
    const Response res = handler_.Handle(Get(target));
    ASSERT_EQ(res.result_int(), 200u) << target << ": " << res.body();
    const json::value v = Body(res);
    EXPECT_EQ(v.at("detectedLanguage"), "de");
    EXPECT_EQ(v.at("results").at(0).at("kind"), "municipality");
    EXPECT_EQ(v.at("results").at(0).at("municipality").at("nisCode"), "62063");
    EXPECT_EQ(v.at("results").at(0).at("municipality").at("name"), "Lüttich");
  }
}

TEST_F(HandlerTest, GetStructuredParamsAndPlusAsSpace) {
  const Response res =
      handler_.Handle(Get("/SearchAddresses?street=chaussee+de+waterloo&"
                          "postCode=1180&language=nl"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  const json::value v = Body(res);
  const json::value& top = v.at("results").at(0);
  EXPECT_EQ(top.at("streetCode"), "urbis:13@1180");
  EXPECT_EQ(top.at("streetName"), "Waterloosesteenweg");
}

TEST_F(HandlerTest, ZeroMatchesIs200) {
  const Response res = handler_.Handle(
      PostJson("/SearchAddresses", R"({"query": "Amsterdam"})"));
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_EQ(Body(res).at("count"), 0);
}

TEST_F(HandlerTest, Ping) {
  const Response res = handler_.Handle(Get("/ConsumerPing"));
  ASSERT_EQ(res.result_int(), 200u);
  const json::value v = Body(res);
  EXPECT_EQ(v.at("status"), "ok");
  EXPECT_EQ(v.at("index").at("streets").to_number<uint64_t>(),
            TinyPublicSearcher().info().streets);
  EXPECT_EQ(v.at("index").at("formatVersion").to_number<uint32_t>(),
            SupportedIndexFormatVersion());
  EXPECT_FALSE(v.at("index").at("builtAt").as_string().empty());
  EXPECT_EQ(v.at("index").at("id").as_string(), TinyPublicSearcher().info().id);
  EXPECT_EQ(v.at("index").at("id").as_string().size(), 32u);
  EXPECT_FALSE(v.at("index").at("dataVintage").as_string().empty());
}

TEST_F(HandlerTest, HeadHasLengthButNoBody) {
  Request req = Get("/ConsumerPing");
  req.method(http::verb::head);
  const Response res = handler_.Handle(req);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(res.body().empty());
  EXPECT_GT(std::stoul(Header(res, "Content-Length")), 0u);
}

TEST_F(HandlerTest, CorrelationIdIsEchoedWhenValid) {
  Request req = Get("/ConsumerPing");
  req.set("x-correlation-id", "3FA85F64-5717-4562-B3FC-2C963F66AFA6");
  EXPECT_EQ(Header(handler_.Handle(req), "x-correlation-id"),
            "3FA85F64-5717-4562-B3FC-2C963F66AFA6");
  // Without one, each answer gets a fresh one.
  EXPECT_NE(Header(handler_.Handle(Get("/ConsumerPing")), "x-correlation-id"),
            Header(handler_.Handle(Get("/ConsumerPing")), "x-correlation-id"));
}

TEST_F(HandlerTest, MalformedCorrelationIdIs400) {
  Request req = PostJson("/SearchAddresses", R"({"query": "Luik"})");
  req.set("x-correlation-id", "not-a-uuid");
  const Response res = handler_.Handle(req);
  ExpectProblem(res, 400, "x-correlation-id must be a UUID");
  EXPECT_TRUE(Handler::IsCorrelationId(Header(res, "x-correlation-id")));
}

struct BadRequest {
  const char* name;
  Request request;
  int status;
  const char* detail;
};

Request WithContentType(Request req, const char* type) {
  req.set(http::field::content_type, type);
  return req;
}

Request WithMethod(Request req, http::verb verb) {
  req.method(verb);
  return req;
}

class HandlerErrorTest : public HandlerTest,
                         public ::testing::WithParamInterface<BadRequest> {};

TEST_P(HandlerErrorTest, ProblemJson) {
  ExpectProblem(handler_.Handle(GetParam().request), GetParam().status,
                GetParam().detail);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, HandlerErrorTest,
    ::testing::Values(
        BadRequest{"MalformedJson", PostJson("/SearchAddresses", "{\"query\":"),
                   400, "not valid JSON"},
        BadRequest{"WrongType",
                   PostJson("/SearchAddresses", R"({"query": ["a"]})"), 400,
                   "'query' must be a string"},
        BadRequest{"UnknownField",
                   PostJson("/SearchAddresses", R"({"qeury": "Luik"})"), 400,
                   "unknown field 'qeury'"},
        BadRequest{"NoSearchField",
                   PostJson("/SearchAddresses", R"({"limit": 3})"), 400,
                   "nothing to search"},
        BadRequest{
            "LimitOutOfRange",
            PostJson("/SearchAddresses", R"({"query": "Luik", "limit": 500})"),
            400, "'limit' must be an integer from 1 to 100"},
        BadRequest{"InvalidUtf8",
                   PostJson("/SearchAddresses", "{\"query\": \"\xc3\x28\"}"),
                   400, "UTF-8"},
        BadRequest{"InvalidUtf8InUrl", Get("/SearchAddresses?q=%C3%28"), 400,
                   "UTF-8"},
        BadRequest{"BadPercentEscape", Get("/SearchAddresses?q=%zz"), 400,
                   "percent-encode"},
        BadRequest{"UnknownParameter", Get("/SearchAddresses?city=Gent"), 400,
                   "unknown parameter 'city'"},
        BadRequest{"BadPostcode",
                   PostJson("/SearchAddresses", R"({"postCode": "10000"})"),
                   400, "4 digits"},
        BadRequest{"UnknownPath", Get("/searchaddresses"), 404, "unknown path"},
        BadRequest{
            "WrongMethodSearch",
            WithMethod(Get("/SearchAddresses?q=Luik"), http::verb::delete_),
            405, "accepts GET, HEAD, POST"},
        BadRequest{
            "WrongMethodPing",
            WithMethod(PostJson("/ConsumerPing", "{}"), http::verb::post), 405,
            "accepts GET, HEAD"},
        BadRequest{"NotJson",
                   WithContentType(PostJson("/SearchAddresses", "q=Luik"),
                                   "application/x-www-form-urlencoded"),
                   415, "application/json"},
        BadRequest{"NoContentType",
                   WithContentType(PostJson("/SearchAddresses", "{}"), ""), 415,
                   "application/json"},
        BadRequest{"BodyTooLarge",
                   PostJson("/SearchAddresses",
                            "{\"query\": \"" + std::string(20000, 'a') + "\"}"),
                   413, "16 KiB"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST_F(HandlerTest, WrongMethodListsAllowed) {
  const Response res =
      handler_.Handle(WithMethod(Get("/ConsumerPing"), http::verb::put));
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(Header(res, "Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(HandlerTest, JsonContentTypeWithCharsetIsAccepted) {
  const Response res = handler_.Handle(
      WithContentType(PostJson("/SearchAddresses", R"({"query": "Luik"})"),
                      "Application/JSON; charset=utf-8"));
  EXPECT_EQ(res.result_int(), 200u) << res.body();
}

TEST(HandlerWithoutIndexTest, SearchAndPingAre503) {
  const Handler handler(nullptr, nullptr, nullptr);
  ExpectProblem(handler.Handle(Get("/ConsumerPing")), 503,
                "run beladdr-import");
  ExpectProblem(
      handler.Handle(PostJson("/SearchAddresses", R"({"query": "Luik"})")), 503,
      "run beladdr-import");
}

TEST(HandlerFailureTest, Status500DoesNotLeakInternals) {
  for (bool throws : {false, true}) {
    const testing::FailingSearcher searcher(throws);
    const Handler handler(&searcher, nullptr, nullptr);
    const Response res =
        handler.Handle(PostJson("/SearchAddresses", R"({"query": "Luik"})"));
    ExpectProblem(res, 500, "correlation id");
    EXPECT_EQ(res.body().find("secret"), std::string::npos) << res.body();
    EXPECT_EQ(res.body().find("/var/index"), std::string::npos) << res.body();
  }
}

TEST_F(HandlerTest, MetricsCountRequestsByRouteAndStatus) {
  handler_.Handle(PostJson("/SearchAddresses", R"({"query": "Luik"})"));
  handler_.Handle(Get("/nope"));
  metrics_.SetIndex(TinyPublicSearcher().info());
  const Response res = handler_.Handle(Get("/metrics"));
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(Header(res, "Content-Type").starts_with("text/plain"));
  const std::string& text = res.body();
  EXPECT_NE(
      text.find(
          R"(beladdr_http_requests_total{route="/SearchAddresses",status="200"} 1)"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(R"(beladdr_http_requests_total{route="other",status="404"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find("beladdr_http_request_duration_seconds_bucket"),
            std::string::npos);
  EXPECT_NE(text.find(R"(beladdr_index{fact="streets"})"), std::string::npos);
}

// Issue 14.13: searches without result and resolve outcomes are counted;
// the build and the index's build time are there to alert on; /metrics
// answers only GET (and HEAD).
TEST_F(HandlerTest, MetricsForOutcomesBuildAndIndexAge) {
  handler_.Handle(PostJson("/SearchAddresses", R"({"query": "Qwxzv"})"));
  handler_.Handle(PostJson("/ResolveAddress",
                           R"({"street": "Rue Haute", "houseNumber": "5",
                               "postCode": "7090"})"));
  handler_.Handle(PostJson("/ResolveAddress", R"({"street": "Qwxzv"})"));
  metrics_.SetIndex(TinyPublicSearcher().info());
  const std::string text = handler_.Handle(Get("/metrics")).body();
  for (const char* want :
       {R"(beladdr_searches_without_result_total{route="/SearchAddresses"} 1)",
        R"(beladdr_resolve_outcomes_total{status="unique"} 1)",
        R"(beladdr_resolve_outcomes_total{status="notFound"} 1)",
        "beladdr_build_info{"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  const std::string sample = "\nbeladdr_index_built_timestamp_seconds ";
  const size_t at = text.find(sample);
  ASSERT_NE(at, std::string::npos);
  EXPECT_GT(std::stod(text.substr(at + sample.size())), 1.7e9);  // after 2023
  EXPECT_EQ(EpochSeconds("1970-01-02T00:00:00Z"), 86400.0);
  EXPECT_EQ(EpochSeconds("yesterday"), std::nullopt);
  for (http::verb verb : {http::verb::post, http::verb::put,
                          http::verb::delete_, http::verb::options}) {
    const Response res = handler_.Handle(WithMethod(Get("/metrics"), verb));
    EXPECT_EQ(res.result_int(), 405u) << http::to_string(verb);
  }
}

// Issue 14.9: each 400 carries an `issues` array (Belgif style), one
// entry per invalid input with in, name, value and detail; a request with
// several bad fields reports all of them.
TEST_F(HandlerTest, EveryInvalidInputIsAnIssue) {
  Request req = PostJson(
      "/SearchAddresses?lang=en&colour=red",
      R"({"query": "Luik", "postCode": "90", "limit": 0, "language": "xx",
          "colour": "red"})");
  Response res = handler_.Handle(req);
  ASSERT_EQ(res.result_int(), 400u) << res.body();
  json::value v = Body(res);
  std::set<std::pair<std::string, std::string>> found;  // (in, name)
  for (const json::value& issue : v.at("issues").as_array()) {
    EXPECT_FALSE(issue.at("detail").as_string().empty());
    found.emplace(std::string(issue.at("in").as_string()),
                  std::string(issue.at("name").as_string()));
  }
  EXPECT_EQ(found, (std::set<std::pair<std::string, std::string>>{
                       {"body", "postCode"},
                       {"body", "limit"},
                       {"body", "language"},
                       {"body", "colour"},
                       {"query", "lang"},
                       {"query", "colour"}}))
      << res.body();
  // The first issue is the problem's detail; values are echoed.
  EXPECT_EQ(v.at("detail"), v.at("issues").at(0).at("detail"));
  EXPECT_NE(res.body().find(R"("value":"90")"), std::string::npos);
  // GET parameters, and a missing street in a resolution.
  res = handler_.Handle(Get("/SearchAddresses?q=Luik&limit=999&postCode=x"));
  ASSERT_EQ(res.result_int(), 400u);
  EXPECT_EQ(Body(res).at("issues").as_array().size(), 2u) << res.body();
  res = handler_.Handle(
      PostJson("/ResolveAddress", R"({"postCode": "9000x", "limit": "3"})"));
  ASSERT_EQ(res.result_int(), 400u);
  EXPECT_EQ(Body(res).at("issues").as_array().size(), 3u) << res.body();
  // A header.
  req = Get("/ConsumerPing");
  req.set("x-correlation-id", "not-a-uuid");
  res = handler_.Handle(req);
  ASSERT_EQ(res.result_int(), 400u);
  const json::value header_problem = Body(res);
  const json::value& issue = header_problem.at("issues").at(0);
  EXPECT_EQ(issue.at("in"), "header");
  EXPECT_EQ(issue.at("name"), "x-correlation-id");
  EXPECT_EQ(issue.at("value"), "not-a-uuid");
}

TEST_F(HandlerTest, ResolveUnique) {
  const Response res = handler_.Handle(PostJson(
      "/ResolveAddress",
      R"({"street": "Rue Haute", "houseNumber": "5", "postCode": "7090"})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_TRUE(Handler::IsCorrelationId(Header(res, "x-correlation-id")));
  const json::value v = Body(res);
  EXPECT_EQ(v.at("status"), "unique");
  EXPECT_EQ(v.at("detectedLanguage"), "fr");
  const json::value& a = v.at("address");
  EXPECT_EQ(a.at("streetCode"), "icar:7716673@7090");
  EXPECT_EQ(a.at("houseNumber"), "5");
  EXPECT_EQ(a.at("houseNumberKnown"), true);
  EXPECT_FALSE(v.as_object().contains("candidates"));
  EXPECT_TRUE(v.at("issues").as_array().empty());
}

TEST_F(HandlerTest, ResolveAmbiguousNotFoundAndStreetCode) {
  json::value v = Body(handler_.Handle(
      PostJson("/ResolveAddress", R"({"street": "Hoogstraat", "limit": 3})")));
  EXPECT_EQ(v.at("status"), "ambiguous");
  EXPECT_EQ(v.at("detectedLanguage"), "nl");
  EXPECT_EQ(v.at("candidates").as_array().size(), 3u);
  EXPECT_EQ(v.at("candidates").at(0).at("houseNumberKnown"), "unknown");
  EXPECT_FALSE(v.as_object().contains("address"));
  EXPECT_EQ(v.at("issues"), json::parse(R"(["houseNumberMissing"])"));

  v = Body(handler_.Handle(
      PostJson("/ResolveAddress", R"({"street": "Xyzzystraat"})")));
  EXPECT_EQ(v.at("status"), "notFound");

  v = Body(handler_.Handle(
      PostJson("/ResolveAddress",
               R"({"streetCode": "icar:7735847@4700", "houseNumber": "999",
          "postCode": "4000", "municipality": "Eupen"})")));
  EXPECT_EQ(v.at("status"), "unique");
  EXPECT_EQ(v.at("address").at("houseNumberKnown"), false);
  EXPECT_EQ(v.at("issues"),
            json::parse(R"(["postCodeMismatch", "houseNumberUnknown"])"));
}

TEST_F(HandlerTest, ResolveErrors) {
  ExpectProblem(
      handler_.Handle(PostJson("/ResolveAddress", R"({"query": "x"})")), 400,
      "structured fields only");
  ExpectProblem(
      handler_.Handle(PostJson("/ResolveAddress", R"({"postCode": "9000"})")),
      400, "'street' or 'streetCode'");
  ExpectProblem(
      handler_.Handle(PostJson(
          "/ResolveAddress", R"({"street": "Hoogstraat", "postCode": "90"})")),
      400, "postCode must be 4 digits");
  ExpectProblem(
      handler_.Handle(WithContentType(
          PostJson("/ResolveAddress", R"({"street": "x"})"), "text/plain")),
      415, "application/json");
  const Response get = handler_.Handle(Get("/ResolveAddress?street=x"));
  EXPECT_EQ(get.result_int(), 405u);
  EXPECT_EQ(Header(get, "Allow"), "POST, OPTIONS");
  const Handler without_index(nullptr, nullptr, nullptr);
  ExpectProblem(
      without_index.Handle(PostJson("/ResolveAddress", R"({"street": "x"})")),
      503, "run beladdr-import");
  for (bool throws : {false, true}) {
    const testing::FailingSearcher searcher(throws);
    const Handler failing(&searcher, nullptr, nullptr);
    const Response res =
        failing.Handle(PostJson("/ResolveAddress", R"({"street": "x"})"));
    ExpectProblem(res, 500, "correlation id");
    EXPECT_EQ(res.body().find("secret"), std::string::npos) << res.body();
  }
}

TEST_F(HandlerTest, ResolveIsCountedUnderItsRoute) {
  handler_.Handle(PostJson("/ResolveAddress", R"({"street": "Hoogstraat"})"));
  const std::string text = handler_.Handle(Get("/metrics")).body();
  EXPECT_NE(
      text.find(
          R"(beladdr_http_requests_total{route="/ResolveAddress",status="200"} 1)"),
      std::string::npos)
      << text;
}

TEST(AccessLogTest, OneJsonLinePerRequest) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    AccessLog log(out);
    const Handler handler(&TinyPublicSearcher(), nullptr, &log);
    Request req = PostJson("/SearchAddresses", R"({"query": "Luik"})");
    req.set("x-correlation-id", "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    handler.Handle(req);
    handler.Handle(Get("/ConsumerPing"));
  }
  std::rewind(out);
  char line[1024];
  std::vector<json::value> lines;
  while (std::fgets(line, sizeof(line), out) != nullptr)
    lines.push_back(json::parse(line));
  std::fclose(out);
  ASSERT_EQ(lines.size(), 2u);
  const json::value& first = lines[0];
  EXPECT_EQ(first.at("correlationId"), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
  EXPECT_EQ(first.at("method"), "POST");
  EXPECT_EQ(first.at("route"), "/SearchAddresses");
  EXPECT_EQ(first.at("status"), 200);
  EXPECT_GE(first.at("micros").as_int64(), 0);
  EXPECT_TRUE(first.at("time").as_string().ends_with("Z"));
  EXPECT_EQ(lines[1].at("route"), "/ConsumerPing");
}

TEST(QueryParamsTest, DecodesAndTolerates) {
  auto p =
      QueryParams("/SearchAddresses?q=rue de l'église&postCode=1000&x=a%2Bb+c");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->size(), 3u);
  EXPECT_EQ((*p)[0].second, "rue de l'église");
  EXPECT_EQ((*p)[2].second, "a+b c");
  EXPECT_TRUE(QueryParams("/SearchAddresses").ok());
  EXPECT_FALSE(QueryParams("/SearchAddresses?q=%G1").ok());
}

}  // namespace
}  // namespace beladdr::server
