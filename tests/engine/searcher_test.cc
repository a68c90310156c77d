// The engine end to end on the tiny fixture: each rule of the engine issue
// in Dutch, French and German, with the issue's own examples.

#include "beladdr/searcher.h"

#include <gtest/gtest.h>

#include <thread>

#include "test_util.h"
#include "tiny_index.h"

namespace beladdr {
namespace {

struct Case {
  const char* name;
  SearchRequest request;
  const char* top;       // StreetCode, or NIS code for a municipality result
  const char* language;  // detected language, "" for none
  const char* house = "";
  const char* box = "";
};

SearchRequest Text(const char* query) {
  SearchRequest r;
  r.query = query;
  return r;
}

SearchRequest Fields(const char* street, const char* post_code,
                     const char* municipality, const char* house = "") {
  SearchRequest r;
  r.street = street;
  r.post_code = post_code;
  r.municipality = municipality;
  r.house_number = house;
  return r;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Search : public ::testing::TestWithParam<Case> {};

TEST_P(Search, FindsTheRightAddress) {
  const Case& c = GetParam();
  auto r = testing::TinySearcher().SearchAddresses(c.request);
  ASSERT_OK(r.status());
  ASSERT_FALSE(r->results.empty()) << c.name;
  const SearchResult& top = r->results[0];
  const std::string got = top.kind == ResultKind::kStreet
                              ? top.street_code
                              : top.municipality.nis_code;
  EXPECT_EQ(got, c.top) << c.name << ": " << top.street_name;
  const std::string lang =
      r->detected_language ? std::string(LanguageCode(*r->detected_language))
                           : "";
  EXPECT_EQ(lang, c.language) << c.name;
  EXPECT_EQ(top.house_number, c.house) << c.name;
  EXPECT_EQ(top.box_number, c.box) << c.name;
  EXPECT_GT(top.score, 0.6);
  EXPECT_LE(top.score, 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    EngineIssueRules, Search,
    ::testing::Values(
        // The issue's own examples.
        Case{"ChausseeAbbreviatedWithTypo", Text("chee de waterlo 1180"),
             "urbis:13@1180", "fr"},
        Case{"SintAbbreviatedAndTruncated", Text("St-Pietersnieuwstr"),
             "crab:71633@9000", "nl"},
        Case{"MunicipalityInDutch", Text("Luik"), "62063", "nl"},
        Case{"MunicipalityInGerman", Text("Lüttich"), "62063", "de"},
        Case{"MunicipalityInFrench", Text("Liège"), "62063", "fr"},
        Case{"ArticlesBoxAndApostrophes",
             Text("rue de l eglise 12 bte 3, 's Gravenbrakel"),
             "icar:7716575@7090", "fr", "12", "3"},
        // Dutch compounds split, French articles dropped, accents.
        Case{"CompoundSplit", Text("Fonsny laan"), "urbis:4921@1060", "nl"},
        Case{"CompoundSplitWithPlace", Text("Sint Gillis kerkstraat"),
             "urbis:1195@1060", "nl"},
        Case{"ArticlesDropped", Text("rue eglise saint gilles"),
             "urbis:1195@1060", "fr"},
        Case{"TypographicApostrophe",
             Text("Rue de l\u2019\u00c9glise Saint-Gilles 25"),
             "urbis:1195@1060", "fr", "25"},
        // German: umlauts, sharp s, typos.
        Case{"GermanSharpS", Text("Aachener Straße 12, Eupen"),
             "icar:7735714@4700", "de", "12"},
        Case{"GermanTypos", Text("Aachner Strase"), "icar:7735714@4700", "de"},
        // One edit from a known word, in each language.
        Case{"DutchSubstitution", Text("Fonsnilaan 12"), "urbis:4921@1060",
             "nl", "12"},
        Case{"DutchDeletion", Text("Sint-Pietersnieuwstrat, Gent"),
             "crab:71633@9000", "nl"},
        Case{"FrenchSwap", Text("chaussee de wtaerloo, Uccle"), "urbis:13@1180",
             "fr"},
        // Bilingual Brussels form and bracketed suffixes.
        Case{"BilingualBrussels", Text("Rue du Midi - Zuidstraat 1000"),
             "urbis:4599@1000", "fr"},
        Case{"BracketedHint", Text("Graanmarkt(Kor)"), "crab:52118@8500", "nl"},
        // Places: another language, a deelgemeente, a pre-2025 municipality.
        Case{"PlaceInOtherLanguage", Text("Graanmarkt 5, Courtrai"),
             "crab:52118@8500", "nl", "5"},
        Case{"Deelgemeente", Text("rue haute rocourt"), "icar:7731019@4000",
             "fr"},
        Case{"MergedIn2025", Text("Borsbeek"), "11002", "nl"},
        // Postcodes: agreeing, and disagreeing (a penalty, not a veto).
        Case{"PostcodeAgrees", Text("Hoogstraat 9000"), "crab:70413@9000",
             "nl"},
        Case{"PostcodeDisagrees", Text("Fonsnylaan 1000"), "urbis:4921@1060",
             "nl"},
        // House numbers in every form, in any order.
        Case{"NumberFirst", Text("12 rue haute, 4000 Liège"),
             "icar:7731019@4000", "fr", "12"},
        Case{"RangeAndSlashBox", Text("Zuidstraat 10-12, 1000"),
             "urbis:4599@1000", "nl", "10-12"},
        Case{"SlashBox", Text("Hoogstraat 12/3 Gent"), "crab:70413@9000", "nl",
             "12", "3"},
        // Structured requests.
        Case{"StructuredPostcode", Fields("Chaussée de Waterloo", "1180", ""),
             "urbis:13@1180", "fr"},
        Case{"StructuredMunicipalityOtherLanguage",
             Fields("Graanmarkt", "", "Courtrai", "7"), "crab:52118@8500", "nl",
             "7"},
        Case{"StructuredPlaceOnly", Fields("", "", "Lüttich"), "62063", "de"},
        Case{"PostcodeOnlyHasNoLanguage", Fields("", "4700", ""), "63023", ""}),
    [](const ::testing::TestParamInfo<Case>& p) {
      std::string name;
      for (char c : std::string(p.param.name)) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

class NoResult : public ::testing::TestWithParam<const char*> {};

TEST_P(NoResult, ForNonsenseAndForeignAddresses) {
  auto r = testing::TinySearcher().SearchAddresses(Text(GetParam()));
  ASSERT_OK(r.status());
  EXPECT_TRUE(r->results.empty())
      << GetParam() << " -> " << r->results[0].street_code;
}

INSTANTIATE_TEST_SUITE_P(Threshold, NoResult,
                         ::testing::Values("Paris", "Amsterdam", "Aachen",
                                           "asdfgh qwerty",
                                           "Rue de Rivoli 22, 75001 Paris",
                                           "Kalverstraat 5, 1012 NX Amsterdam",
                                           "Theaterstraße 4, 52062 Aachen",
                                           "lorem ipsum"));

TEST(Searcher, AnswersInTheRequestedLanguage) {
  SearchRequest r = Text("Zuidstraat 1000");
  r.language = Language::kFr;
  auto res = testing::TinySearcher().SearchAddresses(r);
  ASSERT_OK(res.status());
  ASSERT_FALSE(res->results.empty());
  EXPECT_EQ(res->detected_language, Language::kNl);
  EXPECT_EQ(res->results[0].street_name, "Rue du Midi");
  EXPECT_EQ(res->results[0].municipality.name, "Bruxelles");
  EXPECT_EQ(res->results[0].street_names[0], "Zuidstraat");
  EXPECT_EQ(res->results[0].matched_language, Language::kNl);
}

TEST(Searcher, AnswersInTheDetectedLanguageByDefault) {
  auto res = testing::TinySearcher().SearchAddresses(Text("Zuidstraat 1000"));
  ASSERT_OK(res.status());
  EXPECT_EQ(res->results[0].street_name, "Zuidstraat");
  EXPECT_EQ(res->results[0].municipality.name, "Brussel");
  EXPECT_EQ(res->results[0].post_code, "1000");
  EXPECT_EQ(res->results[0].municipality.nis_code, "21004");
}

TEST(Searcher, MunicipalityResultsCarryTheirPostcodes) {
  auto res = testing::TinySearcher().SearchAddresses(Text("Liège"));
  ASSERT_OK(res.status());
  ASSERT_EQ(res->results.size(), 1u);
  EXPECT_EQ(res->results[0].kind, ResultKind::kMunicipality);
  EXPECT_EQ(res->results[0].municipality.name, "Liège");
  EXPECT_EQ(res->results[0].post_codes, (std::vector<std::string>{"4000"}));
  EXPECT_TRUE(res->results[0].street_code.empty());
}

TEST(Searcher, AmbiguousNamesGiveSeveralResultsUpToTheLimit) {
  SearchRequest r = Text("Hoogstraat");
  auto all = testing::TinySearcher().SearchAddresses(r);
  ASSERT_OK(all.status());
  EXPECT_GE(all->results.size(), 3u);  // Antwerpen, Gent, Brussel
  r.limit = 2;
  auto two = testing::TinySearcher().SearchAddresses(r);
  ASSERT_OK(two.status());
  EXPECT_EQ(two->results.size(), 2u);
  for (size_t i = 1; i < all->results.size(); ++i) {
    EXPECT_LE(all->results[i].score, all->results[i - 1].score);
  }
}

TEST(Searcher, DisagreeingPostcodeScoresBelowAgreeingOne) {
  auto right = testing::TinySearcher().SearchAddresses(Text("Fonsnylaan 1060"));
  auto wrong = testing::TinySearcher().SearchAddresses(Text("Fonsnylaan 1000"));
  ASSERT_OK(right.status());
  ASSERT_OK(wrong.status());
  ASSERT_FALSE(right->results.empty());
  ASSERT_FALSE(wrong->results.empty());
  EXPECT_GT(right->results[0].score, wrong->results[0].score + 0.2);
}

TEST(Searcher, RejectsInvalidRequests) {
  SearchRequest r = Text("Kerkstraat");
  r.limit = 101;
  EXPECT_TRUE(
      testing::TinySearcher().SearchAddresses(r).status().IsInvalidArgument());
  EXPECT_TRUE(testing::TinySearcher()
                  .SearchAddresses(SearchRequest{})
                  .status()
                  .IsInvalidArgument());
}

TEST(Searcher, ConcurrentSearchesAgree) {
  const std::vector<const char*> queries = {
      "chee de waterlo 1180", "Lüttich",           "Graanmarkt(Kor)",
      "Aachner Strase",       "rue haute rocourt", "Paris"};
  std::vector<std::string> expected;
  for (const char* q : queries) {
    auto r = testing::TinySearcher().SearchAddresses(Text(q));
    ASSERT_OK(r.status());
    expected.push_back(r->results.empty()
                           ? ""
                           : r->results[0].street_code +
                                 r->results[0].municipality.nis_code);
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const size_t k = static_cast<size_t>(i) % queries.size();
        auto r = testing::TinySearcher().SearchAddresses(Text(queries[k]));
        const std::string got = !r.ok() || r->results.empty()
                                    ? ""
                                    : r->results[0].street_code +
                                          r->results[0].municipality.nis_code;
        if (got != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Searcher, OpenReportsTheIndexAndRefusesNone) {
  const IndexInfo& info = testing::TinySearcher().info();
  EXPECT_EQ(info.streets, 866u);
  EXPECT_EQ(info.format_version, SupportedIndexFormatVersion());
  EXPECT_GT(testing::TinySearcher().MemoryUsage(), 0u);
  testing::TempDir tmp;
  auto none = Searcher::Open(tmp.Sub("missing"));
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(none.status().IsNotFound());
}

}  // namespace
}  // namespace beladdr
