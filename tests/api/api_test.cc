// The JSON contract shared by the server and the client: strict decoding
// with errors that name the field, and answers without empty values.

#include "beladdr/api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace beladdr::api {
namespace {

namespace json = boost::json;

TEST(DecodeSearchRequestTest, FreeText) {
  auto r = DecodeSearchRequest(R"({"query": "chee de waterloo 1180"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->query, "chee de waterloo 1180");
  EXPECT_EQ(r->limit, 10);
  EXPECT_FALSE(r->language.has_value());
}

TEST(DecodeSearchRequestTest, StructuredWithLanguageAndLimit) {
  auto r = DecodeSearchRequest(
      R"({"street": "Hoogstraat", "houseNumber": "12", "boxNumber": "3",
          "postCode": "9000", "municipality": "Gent", "language": "fr", "limit": 3})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->street, "Hoogstraat");
  EXPECT_EQ(r->house_number, "12");
  EXPECT_EQ(r->box_number, "3");
  EXPECT_EQ(r->post_code, "9000");
  EXPECT_EQ(r->municipality, "Gent");
  EXPECT_EQ(r->language, Language::kFr);
  EXPECT_EQ(r->limit, 3);
}

TEST(DecodeSearchRequestTest, NullMeansAbsent) {
  auto r = DecodeSearchRequest(
      R"({"query": "Luik", "language": null, "limit": null})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->limit, 10);
}

struct BadBody {
  const char* name;
  std::string body;
  const char* detail;  // a substring of the error message
};

class DecodeErrorTest : public ::testing::TestWithParam<BadBody> {};

TEST_P(DecodeErrorTest, SaysWhatToFix) {
  auto r = DecodeSearchRequest(GetParam().body);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
  EXPECT_NE(r.status().message().find(GetParam().detail), std::string::npos)
      << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, DecodeErrorTest,
    ::testing::Values(
        BadBody{"Malformed", R"({"query": "x")", "not valid JSON"},
        BadBody{"Empty", "", "not valid JSON"},
        BadBody{"NotObject", R"(["query"])", "must be a JSON object"},
        BadBody{"UnknownField", R"({"query": "x", "town": "Gent"})",
                "unknown field 'town'"},
        BadBody{"QueryNotString", R"({"query": 12})",
                "'query' must be a string"},
        BadBody{"PostCodeNumber", R"({"postCode": 1000})",
                "'postCode' must be a string"},
        BadBody{"LanguageUnknown", R"({"query": "x", "language": "en"})",
                "nl, fr, de"},
        BadBody{"LanguageNotString", R"({"query": "x", "language": 1})",
                "'language'"},
        BadBody{"LimitZero", R"({"query": "x", "limit": 0})", "'limit'"},
        BadBody{"LimitTooBig", R"({"query": "x", "limit": 101})", "'limit'"},
        BadBody{"LimitFraction", R"({"query": "x", "limit": 2.5})", "'limit'"},
        BadBody{"LimitString", R"({"query": "x", "limit": "5"})", "'limit'"},
        BadBody{"LimitNegative", R"({"query": "x", "limit": -3})", "'limit'"},
        BadBody{"InvalidUtf8", std::string("{\"query\": \"Li\xe8ge\"}"),
                "UTF-8"},
        BadBody{"TooLarge", std::string(kMaxBodyBytes + 1, ' '), "16 KiB"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(SearchRequestFromParamsTest, QueryAliasesAndLimit) {
  auto r = SearchRequestFromParams({{"q", "Lüttich"},
                                    {"postCode", "4000"},
                                    {"language", "nl"},
                                    {"limit", "5"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->query, "Lüttich");
  EXPECT_EQ(r->post_code, "4000");
  EXPECT_EQ(r->language, Language::kNl);
  EXPECT_EQ(r->limit, 5);
}

TEST(SearchRequestFromParamsTest, Errors) {
  EXPECT_TRUE(SearchRequestFromParams({{"q", "a"}, {"query", "b"}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(
      SearchRequestFromParams({{"city", "Gent"}}).status().IsInvalidArgument());
  EXPECT_TRUE(SearchRequestFromParams({{"q", "a"}, {"limit", "0"}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(SearchRequestFromParams({{"q", "a"}, {"limit", "1e2"}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(SearchRequestFromParams({{"q", "a"}, {"limit", ""}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(SearchRequestFromParams({{"q", "a"}, {"language", "EN"}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(
      SearchRequestFromParams({{"q", "\xff"}}).status().IsInvalidArgument());
}

TEST(EncodeSearchRequestTest, RoundTrips) {
  SearchRequest r;
  r.street = "Rue de l'\"Église\"";
  r.house_number = "12";
  r.post_code = "1000";
  r.language = Language::kDe;
  r.limit = 3;
  const std::string body = EncodeSearchRequest(r);
  auto back = DecodeSearchRequest(body);
  ASSERT_TRUE(back.ok()) << body;
  EXPECT_EQ(back->street, r.street);
  EXPECT_EQ(back->house_number, "12");
  EXPECT_EQ(back->post_code, "1000");
  EXPECT_TRUE(back->query.empty());
  EXPECT_EQ(back->language, Language::kDe);
  EXPECT_EQ(back->limit, 3);
  EXPECT_EQ(EncodeSearchRequest(SearchRequest{}), "{}");
}

SearchResponse SampleResponse() {
  SearchResponse response;
  response.detected_language = Language::kFr;
  SearchResult street;
  street.kind = ResultKind::kStreet;
  street.street_code = "urbis:13@1180";
  street.street_name = "Chaussée de Waterloo";
  street.street_names = {"Waterloosesteenweg", "Chaussée de Waterloo", ""};
  street.matched_language = Language::kFr;
  street.post_code = "1180";
  street.municipality = {"21016", "Uccle", {"Ukkel", "Uccle", ""}};
  street.score = 0.96257;
  street.house_number = "12";
  response.results.push_back(street);
  SearchResult place;
  place.kind = ResultKind::kMunicipality;
  place.municipality = {"62063", "Liège", {"Luik", "Liège", "Lüttich"}};
  place.post_codes = {"4000", "4020"};
  place.score = 1.0;
  response.results.push_back(place);
  return response;
}

TEST(EncodeSearchResponseTest, ContractShape) {
  const std::string text = EncodeSearchResponse(SampleResponse());
  const json::value v = json::parse(text);
  EXPECT_EQ(v.at("detectedLanguage"), "fr");
  EXPECT_EQ(v.at("count"), 2);
  const json::object& s = v.at("results").at(0).as_object();
  EXPECT_EQ(s.at("kind"), "street");
  EXPECT_EQ(s.at("streetCode"), "urbis:13@1180");
  EXPECT_EQ(s.at("streetName"), "Chaussée de Waterloo");
  EXPECT_EQ(s.at("language"), "fr");
  EXPECT_EQ(s.at("names").as_object().size(), 2u);  // no empty "de"
  EXPECT_EQ(s.at("postCode"), "1180");
  EXPECT_EQ(s.at("municipality").at("nisCode"), "21016");
  EXPECT_EQ(s.at("municipality").at("name"), "Uccle");
  EXPECT_EQ(s.at("houseNumber"), "12");
  EXPECT_FALSE(s.contains("boxNumber"));  // absent, not ""
  const json::object& m = v.at("results").at(1).as_object();
  EXPECT_EQ(m.at("kind"), "municipality");
  EXPECT_FALSE(m.contains("streetCode"));
  EXPECT_EQ(m.at("postCodes").as_array().size(), 2u);
  EXPECT_EQ(m.at("municipality").at("names").at("de"), "Lüttich");
  // Scores are plain decimals with four digits at most.
  EXPECT_NE(text.find("\"score\":0.9626"), std::string::npos) << text;
  EXPECT_NE(text.find("\"score\":1.0"), std::string::npos) << text;
  EXPECT_EQ(v.at("more"), false);
}

// Issue 14.8: a list cut at `limit` says so.
TEST(EncodeSearchResponseTest, SaysWhenTheListIsCut) {
  SearchResponse response = SampleResponse();
  response.more = true;
  EXPECT_EQ(json::parse(EncodeSearchResponse(response)).at("more"), true);
}

TEST(EncodeSearchResponseTest, ZeroMatchesAndUndecidedLanguage) {
  const json::value v = json::parse(EncodeSearchResponse(SearchResponse{}));
  EXPECT_TRUE(v.at("detectedLanguage").is_null());
  EXPECT_EQ(v.at("count"), 0);
  EXPECT_TRUE(v.at("results").as_array().empty());
  EXPECT_EQ(v.at("more"), false);
}

TEST(EncodeSearchResponseTest, EscapesStrings) {
  SearchResponse response;
  SearchResult r;
  r.street_code = "x";
  r.street_name = "a\"b\\c\nd\x01";
  r.municipality.nis_code = "21004";
  response.results.push_back(r);
  const json::value v = json::parse(EncodeSearchResponse(response));
  EXPECT_EQ(v.at("results").at(0).at("streetName"), "a\"b\\c\nd\x01");
}

TEST(EncodeProblemTest, Rfc9457Fields) {
  const json::value v = json::parse(EncodeProblem(
      400, "invalid-request", "Bad Request", "fix 'limit'", "id-1"));
  EXPECT_EQ(v.at("type"), "urn:beladdr:problem:invalid-request");
  EXPECT_EQ(v.at("title"), "Bad Request");
  EXPECT_EQ(v.at("status"), 400);
  EXPECT_EQ(v.at("detail"), "fix 'limit'");
  EXPECT_EQ(v.at("correlationId"), "id-1");
}

TEST(EncodePingTest, IndexFacts) {
  IndexInfo info;
  info.format_version = 1;
  info.streets = 866;
  info.municipalities = 14;
  info.built_at = "2026-11-22T10:00:00Z";
  info.data_vintage = "streets 2022-10-01";
  const json::value v = json::parse(EncodePing(info));
  EXPECT_EQ(v.at("status"), "ok");
  EXPECT_EQ(v.at("index").at("formatVersion"), 1);
  EXPECT_EQ(v.at("index").at("streets"), 866);
  EXPECT_EQ(v.at("index").at("municipalities"), 14);
  EXPECT_EQ(v.at("index").at("builtAt"), "2026-11-22T10:00:00Z");
  EXPECT_EQ(v.at("index").at("dataVintage"), "streets 2022-10-01");
}

}  // namespace
}  // namespace beladdr::api

namespace beladdr::api {
namespace {

TEST(DecodeResolveRequestTest, AllFields) {
  auto r = DecodeResolveRequest(
      R"({"street": "Kerkstraat", "houseNumber": "12", "boxNumber": "3",
          "postCode": "9000", "municipality": "Gent",
          "streetCode": "crab:1@9000", "language": "fr", "limit": 5})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->street, "Kerkstraat");
  EXPECT_EQ(r->house_number, "12");
  EXPECT_EQ(r->box_number, "3");
  EXPECT_EQ(r->post_code, "9000");
  EXPECT_EQ(r->municipality, "Gent");
  EXPECT_EQ(r->street_code, "crab:1@9000");
  EXPECT_EQ(r->language, Language::kFr);
  EXPECT_EQ(r->limit, 5);
  // And back.
  auto again = DecodeResolveRequest(EncodeResolveRequest(*r));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->street_code, "crab:1@9000");
  EXPECT_EQ(again->limit, 5);
}

TEST(DecodeResolveRequestTest, Errors) {
  for (const auto& [body, detail] :
       std::vector<std::pair<std::string, std::string>>{
           {R"({"query": "Kerkstraat 12"})", "structured fields only"},
           {R"({"postCode": "9000"})", "'street' or 'streetCode'"},
           {R"({"street": "  "})", "'street' or 'streetCode'"},
           {R"({"street": 12})", "'street' must be a string"},
           {R"({"street": "x", "limit": 0})", "'limit'"},
           {R"({"street": "x", "language": "en"})", "nl, fr, de"},
           {R"([1])", "JSON object"},
           {"{\"street\": \"\xff\"}", "UTF-8"}}) {
    auto r = DecodeResolveRequest(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(detail), std::string::npos)
        << body << ": " << r.status().message();
  }
}

TEST(ResolveRequestFromParamsTest, CsvColumns) {
  auto r = ResolveRequestFromParams(
      {{"streetCode", "crab:1@9000"}, {"houseNumber", "5"}, {"limit", "3"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->street_code, "crab:1@9000");
  EXPECT_EQ(r->limit, 3);
  EXPECT_FALSE(ResolveRequestFromParams({{"query", "x"}}).ok());
  EXPECT_FALSE(ResolveRequestFromParams({{"houseNumber", "5"}}).ok());
}

TEST(EncodeResolveResponseTest, ContractShape) {
  ResolveResponse unique;
  unique.status = ResolveStatus::kUnique;
  unique.detected_language = Language::kDe;
  ResolvedAddress a;
  a.street.street_code = "icar:1@4700";
  a.street.street_name = "Malmedyer Straße";
  a.street.post_code = "4700";
  a.street.municipality.nis_code = "63023";
  a.street.score = 1.0;
  a.street.house_number = "3";
  a.house_number_known = HouseNumberKnown::kFalse;
  unique.address = a;
  unique.issues = {ResolveIssue::kHouseNumberUnknown};
  boost::json::value v = boost::json::parse(EncodeResolveResponse(unique));
  EXPECT_EQ(v.at("status"), "unique");
  EXPECT_EQ(v.at("detectedLanguage"), "de");
  EXPECT_EQ(v.at("address").at("streetCode"), "icar:1@4700");
  EXPECT_EQ(v.at("address").at("kind"), "street");
  EXPECT_EQ(v.at("address").at("houseNumberKnown"), false);
  EXPECT_EQ(v.at("issues").at(0), "houseNumberUnknown");
  EXPECT_FALSE(v.as_object().contains("candidates"));

  ResolveResponse ambiguous;
  ambiguous.status = ResolveStatus::kAmbiguous;
  a.house_number_known = HouseNumberKnown::kUnknown;
  ambiguous.candidates = {a, a};
  v = boost::json::parse(EncodeResolveResponse(ambiguous));
  EXPECT_EQ(v.at("status"), "ambiguous");
  EXPECT_TRUE(v.at("detectedLanguage").is_null());
  EXPECT_EQ(v.at("candidates").as_array().size(), 2u);
  EXPECT_EQ(v.at("candidates").at(1).at("houseNumberKnown"), "unknown");
  EXPECT_FALSE(v.as_object().contains("address"));

  v = boost::json::parse(EncodeResolveResponse(ResolveResponse()));
  EXPECT_EQ(v.at("status"), "notFound");
  EXPECT_TRUE(v.at("issues").as_array().empty());
}

}  // namespace
}  // namespace beladdr::api
