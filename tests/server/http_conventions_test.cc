// Issue 14, points 10 and 11: the answer language from `lang` and
// Accept-Language, the Date and Cache-Control headers, CORS with its
// preflight, and gzip.

#include "http_conventions.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/json.hpp>

#include "handler.h"
#include "server_test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
using testing::Get;
using testing::PostJson;
using testing::TinyPublicSearcher;

std::string Header(const Response& res, std::string_view name) {
  const auto it = res.find(name);
  return it == res.end() ? std::string() : std::string(it->value());
}

Request With(Request req, http::field field, std::string_view value) {
  req.set(field, value);
  return req;
}

TEST(HttpConventions, AcceptLanguagePicksTheBestOfOurLanguages) {
  EXPECT_EQ(AcceptedLanguage("fr-BE,fr;q=0.9,en;q=0.8"), Language::kFr);
  EXPECT_EQ(AcceptedLanguage("en-GB, de;q=0.5, nl;q=0.7"), Language::kNl);
  EXPECT_EQ(AcceptedLanguage("de-DE"), Language::kDe);
  EXPECT_EQ(AcceptedLanguage("en, *"), std::nullopt);
  EXPECT_EQ(AcceptedLanguage("nl;q=0"), std::nullopt);
  EXPECT_EQ(AcceptedLanguage("frr"), std::nullopt);
  EXPECT_EQ(AcceptedLanguage(""), std::nullopt);
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, identity"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_EQ(HttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

class ConventionsTest : public ::testing::Test {
 protected:
  Metrics metrics_;
  Handler handler_{&TinyPublicSearcher(), &metrics_, nullptr};

  // The language the answer names the street in (Chaussée de Waterloo is
  // Waterloosesteenweg in Dutch).
  std::string LanguageOf(const Response& res) {
    EXPECT_EQ(res.result_int(), 200u) << res.body();
    const std::string name(json::parse(res.body())
                               .at("results")
                               .at(0)
                               .at("streetName")
                               .as_string());
    return name == "Waterloosesteenweg"     ? "nl"
           : name == "Chaussée de Waterloo" ? "fr"
                                            : name;
  }
};

// 10: `lang` and Accept-Language choose the answer language; the explicit
// choice wins over the header.
TEST_F(ConventionsTest, AnswerLanguageFromLangAndAcceptLanguage) {
  const std::string body = R"({"query": "chee de waterloo 1180"})";
  EXPECT_EQ(LanguageOf(handler_.Handle(PostJson("/SearchAddresses", body))),
            "fr");
  EXPECT_EQ(LanguageOf(handler_.Handle(With(PostJson("/SearchAddresses", body),
                                            http::field::accept_language,
                                            "nl-BE,nl;q=0.9"))),
            "nl");
  EXPECT_EQ(LanguageOf(
                handler_.Handle(With(PostJson("/SearchAddresses?lang=fr", body),
                                     http::field::accept_language, "nl"))),
            "fr");
  EXPECT_EQ(LanguageOf(handler_.Handle(
                With(Get("/SearchAddresses?q=chee+de+waterloo+1180&lang=nl"),
                     http::field::accept_language, "fr"))),
            "nl");
  const Response resolved = handler_.Handle(
      With(PostJson("/ResolveAddress",
                    R"({"street": "Waterloosesteenweg", "postCode": "1180"})"),
           http::field::accept_language, "fr"));
  ASSERT_EQ(resolved.result_int(), 200u) << resolved.body();
  EXPECT_NE(resolved.body().find("Chaussée de Waterloo"), std::string::npos);
  EXPECT_EQ(
      handler_.Handle(PostJson("/SearchAddresses?lang=en", body)).result_int(),
      400u);
  EXPECT_EQ(
      handler_.Handle(PostJson("/SearchAddresses?limit=3", body)).result_int(),
      400u);
}

// 11: Date on every answer, errors included; Cache-Control per route.
TEST_F(ConventionsTest, DateAndCacheControl) {
  const Response search =
      handler_.Handle(Get("/SearchAddresses?q=Hoogstraat+Gent"));
  EXPECT_TRUE(Header(search, "Date").ends_with(" GMT"))
      << Header(search, "Date");
  EXPECT_EQ(Header(search, "Cache-Control"), "public, max-age=300");
  const Response post = handler_.Handle(
      PostJson("/SearchAddresses", R"({"query": "Hoogstraat Gent"})"));
  EXPECT_EQ(Header(post, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(handler_.Handle(Get("/ConsumerPing")), "Cache-Control"),
            "no-store");
  const Response missing = handler_.Handle(Get("/nowhere"));
  EXPECT_EQ(missing.result_int(), 404u);
  EXPECT_FALSE(Header(missing, "Date").empty());
  EXPECT_EQ(Header(missing, "Cache-Control"), "no-store");
  EXPECT_FALSE(Header(handler_.TransportError(413, "too big"), "Date").empty());
}

// 11: any origin by default; a preflight answers 204 with the CORS headers.
TEST_F(ConventionsTest, CorsForAnyOriginByDefault) {
  const Response res =
      handler_.Handle(With(Get("/SearchAddresses?q=Luik"), http::field::origin,
                           "https://forms.example"));
  EXPECT_EQ(Header(res, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(Header(res, "Access-Control-Expose-Headers"), "x-correlation-id");
  Request pre = With(Get("/SearchAddresses"), http::field::origin,
                     "https://forms.example");
  pre.method(http::verb::options);
  pre.set(http::field::access_control_request_method, "POST");
  const Response p = handler_.Handle(pre);
  EXPECT_EQ(p.result_int(), 204u);
  EXPECT_EQ(Header(p, "Access-Control-Allow-Origin"), "*");
  EXPECT_NE(Header(p, "Access-Control-Allow-Methods").find("POST"),
            std::string::npos);
  EXPECT_NE(Header(p, "Access-Control-Allow-Headers").find("content-type"),
            std::string::npos);
  EXPECT_FALSE(Header(p, "Access-Control-Max-Age").empty());
  EXPECT_TRUE(p.body().empty());
}

TEST(HttpConventionsCors, ListedOriginsOnly) {
  Metrics metrics;
  HttpOptions options;
  options.cors_origins = {"https://aline.example"};
  Handler handler(&TinyPublicSearcher(), &metrics, nullptr, options);
  const Response ok =
      handler.Handle(With(Get("/SearchAddresses?q=Luik"), http::field::origin,
                          "https://aline.example"));
  EXPECT_EQ(Header(ok, "Access-Control-Allow-Origin"), "https://aline.example");
  EXPECT_NE(Header(ok, "Vary").find("Origin"), std::string::npos);
  const Response other =
      handler.Handle(With(Get("/SearchAddresses?q=Luik"), http::field::origin,
                          "https://evil.example"));
  EXPECT_EQ(other.result_int(), 200u);
  EXPECT_TRUE(Header(other, "Access-Control-Allow-Origin").empty());
  Request pre =
      With(Get("/ResolveAddress"), http::field::origin, "https://evil.example");
  pre.method(http::verb::options);
  const Response p = handler.Handle(pre);
  EXPECT_EQ(p.result_int(), 204u);
  EXPECT_TRUE(Header(p, "Access-Control-Allow-Origin").empty());
}

// 11: gzip for a client that accepts it and a large body; never otherwise.
TEST_F(ConventionsTest, GzipWhenAcceptedAndLarge) {
  const std::string body = R"({"street": "Hoogstraat", "limit": 100})";
  const Response plain = handler_.Handle(PostJson("/SearchAddresses", body));
  ASSERT_GE(plain.body().size(), 1024u);
  EXPECT_TRUE(Header(plain, "Content-Encoding").empty());
  EXPECT_NE(Header(plain, "Vary").find("Accept-Encoding"), std::string::npos);
  const Response zipped =
      handler_.Handle(With(PostJson("/SearchAddresses", body),
                           http::field::accept_encoding, "gzip"));
  EXPECT_EQ(Header(zipped, "Content-Encoding"), "gzip");
  EXPECT_LT(zipped.body().size(), plain.body().size());
  EXPECT_EQ(Header(zipped, "Content-Length"),
            std::to_string(zipped.body().size()));
  EXPECT_EQ(json::parse(testing::Gunzip(zipped.body())).at("count"),
            json::parse(plain.body()).at("count"));
  const Response small = handler_.Handle(
      With(Get("/ConsumerPing"), http::field::accept_encoding, "gzip"));
  EXPECT_TRUE(Header(small, "Content-Encoding").empty());
}

}  // namespace
}  // namespace beladdr::server
