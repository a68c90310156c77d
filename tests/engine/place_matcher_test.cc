#include "internal/place_matcher.h"

#include <gtest/gtest.h>

#include "test_util.h"
#include "tiny_index.h"

namespace beladdr::internal {
namespace {

// The NIS code of the best place reading of `text`, or "" if none.
std::string BestPlace(const std::string& text) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  r.query = text;
  auto q = ParseQuery(r, d);
  EXPECT_OK(q.status());
  const auto places = FindPlaces(*q, d, RankingPolicy{});
  if (places.empty()) return "";
  return d
      .municipalities()[d.place_variants()[places.front().place].municipality]
      .nis;
}

struct PlaceCase {
  const char* text;
  const char* nis;
};

class Places : public ::testing::TestWithParam<PlaceCase> {};

TEST_P(Places, AreFoundInAnyLanguageAndSpelling) {
  EXPECT_EQ(BestPlace(GetParam().text), GetParam().nis) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, Places,
    ::testing::Values(PlaceCase{"Luik", "62063"},             // nl
                      PlaceCase{"Liège", "62063"},            // fr
                      PlaceCase{"Lüttich", "62063"},          // de, plain form
                      PlaceCase{"Luettich", "62063"},         // de, ue form
                      PlaceCase{"'s-Gravenbrakel", "55004"},  // nl with 's-
                      PlaceCase{"Braine-le-Comte", "55004"},
                      PlaceCase{"Borsbeek", "11002"},  // merged in 2025
                      PlaceCase{"Rocourt", "62063"},   // deelgemeente
                      PlaceCase{"Gnet", "44021"},      // swapped letters
                      PlaceCase{"Kortrjk", "34022"},   // missing letter
                      PlaceCase{"Bruxelles", "21004"},
                      PlaceCase{"Kerkstraat", ""}));

// A municipality merged away in 2025 that is also a locality names the
// locality's part of the new municipality, not all of it: "Borsbeek" reads
// as 2150, never as the whole of Antwerpen.
TEST(Places, PredecessorNamesReadAsTheirLocality) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  r.query = "Borsbeek";
  auto q = ParseQuery(r, d);
  ASSERT_OK(q.status());
  const auto places = FindPlaces(*q, d, RankingPolicy{});
  ASSERT_FALSE(places.empty());
  for (const PlaceMatch& m : places) {
    const PlaceVariantEntry& p = d.place_variants()[m.place];
    EXPECT_EQ(p.kind, PlaceKind::kLocality) << p.text;
    EXPECT_EQ(p.postcode, 2150) << p.text;
  }
}

// The best quality of a place reading of the last word of `text`.
double LastWordPlaceQuality(const std::string& text) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  r.query = text;
  auto q = ParseQuery(r, d);
  EXPECT_OK(q.status());
  double best = 0;
  for (const PlaceMatch& m : FindPlaces(*q, d, RankingPolicy{})) {
    if (m.begin + m.length == q->tokens.size())
      best = std::max(best, m.quality);
  }
  return best;
}

// "Rue Haute-Sauvenière": a place that is only part of a hyphenated word is
// no named place; one joined to another place is ("Brussel-Elsene").
TEST(Places, APlaceCutOutOfAHyphenatedWordIsWeak) {
  const RankingPolicy policy;
  EXPECT_LT(LastWordPlaceQuality("Hoogstraat-Halle"), policy.named_place);
  EXPECT_EQ(LastWordPlaceQuality("Hoogstraat, Halle"), 1.0);
  EXPECT_EQ(LastWordPlaceQuality("Hoogstraat Halle"), 1.0);
  EXPECT_EQ(LastWordPlaceQuality("Hoogstraat, Brussel-Elsene"), 1.0);
}

TEST(Places, BracketedHintsMayAbbreviate) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  r.query = "Graanmarkt(Kor)";
  auto q = ParseQuery(r, d);
  ASSERT_OK(q.status());
  const auto places = FindPlaces(*q, d, RankingPolicy{});
  ASSERT_FALSE(places.empty());
  EXPECT_EQ(
      d.municipalities()[d.place_variants()[places[0].place].municipality].nis,
      "34022");
  EXPECT_LT(places[0].quality, 0.9);
}

TEST(Places, WordsOfPlaceNamesAreKnownAsSuch) {
  const auto& d = testing::TinySearcher().data();
  EXPECT_TRUE(d.InPlaceName(d.vocabulary().Find("luik")));
  EXPECT_TRUE(d.InPlaceName(d.vocabulary().Find("gravenbrakel")));
  const WordId street_word = d.vocabulary().Find("graanmarkt");
  ASSERT_NE(street_word, kNoWord);
  EXPECT_FALSE(d.InPlaceName(street_word));
  EXPECT_FALSE(d.InPlaceName(kNoWord));
}

TEST(Places, MultiWordNamesAndDictionaryReadingsAreFoundWhole) {
  // Every word of the span is a place word; a street word before it is not.
  EXPECT_EQ(BestPlace("Braine le Comte"), "55004");
  EXPECT_EQ(BestPlace("Graanmarkt Braine-le-Comte"), "55004");
}

}  // namespace
}  // namespace beladdr::internal
