// GET /AutocompleteAddresses over the tiny index: the last word is a
// prefix, earlier words are whole (and may be misspelt or abbreviated);
// streets and municipalities come back together, ranked; answers are
// bounded; errors are problems.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "handler.h"
#include "server_test_util.h"

namespace beladdr::server {
namespace {

namespace json = boost::json;
using testing::Get;
using testing::TinyPublicSearcher;

class AutocompleteRoute : public ::testing::Test {
 protected:
  json::value Ask(const std::string& query, int expect = 200) {
    const Response res =
        handler_.Handle(Get("/AutocompleteAddresses?" + query));
    EXPECT_EQ(res.result_int(), static_cast<unsigned>(expect)) << res.body();
    return json::parse(res.body());
  }
  std::string First(const json::value& v, const char* field = "streetCode") {
    const json::array& results = v.at("results").as_array();
    if (results.empty()) return "";
    const json::value& r = results[0];
    if (r.at("kind") == "municipality") {
      return std::string(r.at("municipality").at("nisCode").as_string());
    }
    return std::string(r.at(field).as_string());
  }

  Handler handler_{&TinyPublicSearcher(), nullptr, nullptr};
};

TEST_F(AutocompleteRoute, TheLastWordIsAPrefix) {
  json::value v = Ask("q=chaussee%20de%20wat");
  EXPECT_EQ(v.at("detectedLanguage"), "fr");
  ASSERT_GT(v.at("count").as_int64(), 0);
  EXPECT_NE(First(v, "streetName").find("Waterloo"), std::string::npos);
  // Whole earlier words may be abbreviated or misspelt.
  EXPECT_NE(First(Ask("q=chee%20de%20water"), "streetName").find("Waterloo"),
            std::string::npos);
  EXPECT_NE(First(Ask("q=chausee%20de%20water"), "streetName").find("Waterloo"),
            std::string::npos);
  // Accents and case do not matter.
  EXPECT_EQ(First(Ask("q=CHAUSS%C3%89E%20DE%20WAT")), First(v));
}

TEST_F(AutocompleteRoute, APlacePrefixNarrowsTheStreets) {
  // "ge": Gent's Hoogstraat, not Antwerpen's or Brussel's.
  const json::value v = Ask("q=hoogstr%205%20ge");
  ASSERT_GT(v.at("count").as_int64(), 0);
  for (const json::value& r : v.at("results").as_array()) {
    EXPECT_EQ(r.at("postCode"), "9000") << r;
    EXPECT_EQ(r.at("houseNumber"), "5");
  }
  EXPECT_EQ(First(v, "streetName"), "Hoogstraat");
}

TEST_F(AutocompleteRoute, MunicipalitiesInAnyLanguage) {
  const json::value v = Ask("q=L%C3%BCtt");  // Lütt
  EXPECT_EQ(First(v), "62063");
  EXPECT_EQ(v.at("results").at(0).at("kind"), "municipality");
  EXPECT_EQ(v.at("detectedLanguage"), "de");
  EXPECT_EQ(First(Ask("q=Luik")), "62063");
}

TEST_F(AutocompleteRoute, LongerNamesAreNotPushedDownByShorterOnes) {
  EXPECT_EQ(First(Ask("q=sint-pietersn"), "streetName"),
            "Sint-Pietersnieuwstraat");
}

TEST_F(AutocompleteRoute, AWholeWordBeatsAPrefix) {
  // "hoogstraat" is a whole word of Hoogstraat; it is only a prefix of a
  // longer word, so the exact name comes first.
  const json::value v = Ask("q=hoogstraat");
  ASSERT_GT(v.at("count").as_int64(), 0);
  EXPECT_EQ(First(v, "streetName"), "Hoogstraat");
  const json::array& results = v.at("results").as_array();
  for (size_t i = 1; i < results.size(); ++i) {
    EXPECT_LE(results[i].at("score").as_double(),
              results[i - 1].at("score").as_double());
  }
}

TEST_F(AutocompleteRoute, ShortPrefixesAreBounded) {
  for (const char* q : {"r", "ru", "rue", "s", "a"}) {
    const json::value v = Ask(std::string("q=") + q + "&limit=5");
    EXPECT_LE(v.at("count").as_int64(), 5) << q;
    EXPECT_GT(v.at("count").as_int64(), 0) << q;
  }
  const json::value v = Ask("q=s&limit=3");
  EXPECT_EQ(v.at("more"), true);
}

TEST_F(AutocompleteRoute, APostcodeInTheTextNarrowsToIt) {
  const json::value v = Ask("q=chee%20de%20waterloo%201180");
  ASSERT_GT(v.at("count").as_int64(), 0);
  for (const json::value& r : v.at("results").as_array()) {
    EXPECT_EQ(r.at("postCode"), "1180") << r;
    EXPECT_FALSE(r.as_object().contains("houseNumber"));
  }
  EXPECT_EQ(
      Ask("q=hoogstraat%2012%209000").at("results").at(0).at("houseNumber"),
      "12");
}

TEST_F(AutocompleteRoute, FiltersAndLanguage) {
  json::value v = Ask("q=hoogstraat&postCode=2000");
  for (const json::value& r : v.at("results").as_array()) {
    EXPECT_EQ(r.at("postCode"), "2000");
  }
  v = Ask("q=hoogstraat&municipality=Gand");
  ASSERT_GT(v.at("count").as_int64(), 0);
  for (const json::value& r : v.at("results").as_array()) {
    EXPECT_EQ(r.at("municipality").at("nisCode"), "44021");
  }
  v = Ask("q=hoogstraat&municipality=Gent&lang=fr");
  EXPECT_EQ(v.at("results").at(0).at("municipality").at("name"), "Gand");
}

// What the autocompleter cannot read word by word (a box number, the place
// first with an abbreviation, a compound split in two, a typo and no
// prefix) the full search answers: a person who types or pastes a whole
// messy address still gets it. Nonsense still gets nothing.
TEST_F(AutocompleteRoute, AWholeMessyAddressFallsBackToTheSearch) {
  for (const char* q :
       {"rue%20de%20la%20chapelle%2012%20bte%203%2C%20bruxelles",
        "1000%20Brussel%2C%20Kapellestr.%205", "kapelle%20straat%205",
        "kapelstraat%205%20brussel", "brussel%20kapellestraat",
        "kapellestraat%2012%20bus%203"}) {
    const json::value v = Ask(std::string("q=") + q);
    EXPECT_EQ(First(v), "urbis:105@1000") << q << ": " << v;
  }
  const json::value boxed =
      Ask("q=rue%20de%20la%20chapelle%2012%20bte%203%2C%20bruxelles");
  EXPECT_EQ(boxed.at("detectedLanguage"), "fr");
  EXPECT_EQ(First(boxed, "houseNumber"), "12");
  EXPECT_EQ(First(boxed, "boxNumber"), "3");
  EXPECT_EQ(Ask("q=zzzqqq%20xxyy").at("count").as_int64(), 0);
}

TEST_F(AutocompleteRoute, BadRequestsAreProblems) {
  Ask("q=", 400);
  Ask("q=x&limit=0", 400);
  Ask("q=x&postCode=12", 400);
  Ask("q=x&town=y", 400);
  Request post = Get("/AutocompleteAddresses?q=x");
  post.method(http::verb::post);
  EXPECT_EQ(handler_.Handle(post).result_int(), 405u);
  Handler no_index(nullptr, nullptr, nullptr);
  EXPECT_EQ(no_index.Handle(Get("/AutocompleteAddresses?q=x")).result_int(),
            503u);
}

// GET /: one page, loading nothing from elsewhere, with the combobox the
// suggestions fill.
TEST(SearchPage, ServedSelfContained) {
  const Handler handler(&TinyPublicSearcher(), nullptr, nullptr);
  const Response res = handler.Handle(Get("/"));
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(res["content-security-policy"].find("default-src 'none'"),
            std::string::npos);
  const std::string& page = res.body();
  EXPECT_NE(page.find("role=\"combobox\""), std::string::npos);
  EXPECT_NE(page.find("/AutocompleteAddresses"), std::string::npos);
  EXPECT_NE(page.find("/ResolveAddress"), std::string::npos);
  for (const char* external :
       {"src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"}) {
    EXPECT_EQ(page.find(external), std::string::npos) << external;
  }
  Request post = Get("/");
  post.method(http::verb::post);
  EXPECT_EQ(handler.Handle(post).result_int(), 405u);
}

}  // namespace
}  // namespace beladdr::server
