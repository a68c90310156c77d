// Search as you type through the public Searcher: what the autocompleter
// reads word by word, and what it hands on when it cannot (the place pass,
// the full search, house numbers as evidence, a municipality typed whole).
// The ranking rules of the route are in tests/server/autocomplete_route_test.

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "beladdr/importer.h"
#include "beladdr/searcher.h"
#include "test_util.h"

namespace beladdr::testing {
namespace {

// The tiny fixture, plus Testbeekstraat in Halle under two postcodes
// (1500 Halle, 1501 Buizingen): the Buizingen one lists more house numbers
// (so it is the more important), and only the Halle one lists 26.
class Autocomplete : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string data = dir_->Sub("data");
    CopyTinyData(data);
    Append(data + "/postal_localities_bpost_2025.csv",
           "1501,Buizingen,BUIZINGEN,1,HALLE,VLAAMS-BRABANT,0,23027,Halle,Hal,"
           "Halle (Halle-Vilvoorde),\n");
    Append(data + "/postcode_to_nis_2025.csv",
           "1501,23027,Halle,Hal,bpost2025\n");
    Append(data + "/streets.csv",
           "phaco2022:900001,BE-VLG,1500,23027,Testbeekstraat,,,900001,,"
           "crab_wegenregister_2020,unique,,Halle,Hal,\n"
           "phaco2022:900002,BE-VLG,1501,23027,Testbeekstraat,,,900002,,"
           "crab_wegenregister_2020,unique,,Buizingen,,\n");
    Append(data + "/addresses_flanders.csv",
           "1500,Halle,Testbeekstraat,1,26\n"
           "1501,Halle,Testbeekstraat,5,1;2;3;4;5\n");
    std::ostringstream report;
    auto summary =
        RunImport(TinyImportOptions(dir_->Sub("index"), data), report);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    auto searcher = Searcher::Open(dir_->Sub("index"));
    ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
    searcher_ = std::move(searcher).value().release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static void Append(const std::string& path, const std::string& text) {
    WriteFile(path, ReadFile(path) + text);
  }

  // The StreetCode (or NIS code) of each suggestion, best first.
  static std::vector<std::string> Codes(const std::string& q) {
    AutocompleteRequest request;
    request.q = q;
    request.limit = 5;
    auto r = searcher_->AutocompleteAddresses(request);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> codes;
    if (!r.ok()) return codes;
    for (const SearchResult& x : r->results) {
      codes.push_back(x.kind == ResultKind::kStreet ? x.street_code
                                                    : x.municipality.nis_code);
    }
    return codes;
  }
  static std::string First(const std::string& q) {
    const auto codes = Codes(q);
    return codes.empty() ? "" : codes[0];
  }

  static TempDir* dir_;
  static const Searcher* searcher_;
};

TempDir* Autocomplete::dir_ = nullptr;
const Searcher* Autocomplete::searcher_ = nullptr;

// A street, then the start of its place. "gen" is rarer in street names
// than "hoogstraat", so the words alone find no Hoogstraat; the streets of
// the places "gen" names do.
TEST_F(Autocomplete, AStreetThenThePlaceItIsIn) {
  EXPECT_EQ(First("hoogstraat gen"), "crab:70413@9000");
  EXPECT_EQ(First("Alsembergsesteenweg 13, halle"), "crab:26009@1500");
  EXPECT_EQ(First("Waterloosesteenweg 1 sint-gillis"), "urbis:2662@1060");
}

// A typed number puts first the namesake whose data lists it; without a
// number the more important one comes first.
TEST_F(Autocomplete, AHouseNumberPicksTheNamesakeThatHasIt) {
  EXPECT_EQ(First("testbeekstraat halle"), "crab:900002@1501");
  EXPECT_EQ(First("testbeekstraat 26 halle"), "crab:900001@1500");
  EXPECT_EQ(First("testbeekstraat 3 halle"), "crab:900002@1501");
  EXPECT_EQ(Codes("testbeekstraat 26 halle").size(), 2u);
}

// Looking at a whole tie never widens what a request may ask.
TEST_F(Autocomplete, ALimitOutOfRangeIsRefusedWithANumberToo) {
  for (int limit : {0, -1, 101}) {
    AutocompleteRequest request;
    request.q = "testbeekstraat 26 halle";
    request.limit = limit;
    auto r = searcher_->AutocompleteAddresses(request);
    ASSERT_FALSE(r.ok()) << limit;
    EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
  }
  AutocompleteRequest one;
  one.q = "testbeekstraat 26 halle";
  one.limit = 1;
  auto r = searcher_->AutocompleteAddresses(one);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->results.size(), 1u);
  EXPECT_EQ(r->results[0].street_code, "crab:900001@1500");
  EXPECT_TRUE(r->more);
}

// Every word of a municipality's name typed: the municipality comes before
// the streets named after it.
TEST_F(Autocomplete, AMunicipalityTypedWholeComesFirst) {
  EXPECT_EQ(First("Saint-Gilles"), "21013");
  EXPECT_EQ(First("sint-gillis"), "21013");
  AutocompleteRequest request;
  request.q = "Saint-Gilles";
  auto r = searcher_->AutocompleteAddresses(request);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->results.empty());
  EXPECT_EQ(r->results[0].municipality.name, "Saint-Gilles");
}

// What the autocompleter cannot read word by word goes to the full search.
TEST_F(Autocomplete, AMessyWholeAddressIsAnsweredByTheSearch) {
  EXPECT_EQ(First("kapelle straat 5"), "urbis:105@1000");
  EXPECT_EQ(First("1000 Brussel, Kapellestr. 5"), "urbis:105@1000");
  EXPECT_TRUE(Codes("zzzqqq xxyy").empty());
}

}  // namespace
}  // namespace beladdr::testing
