// The peers' generic text handling: folding, the reading of a free-text
// address (postcode, place, house number), and pg_trgm's similarity.

#include "peer_text.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"
#include "trigram_similarity.h"

namespace beladdr::peers {
namespace {

TEST(FoldTest, AccentsCaseAndPunctuation) {
  EXPECT_EQ(Fold("Rue de l'Église"), "rue de l eglise");
  EXPECT_EQ(Fold("  Aachener Straße 12 "), "aachener strasse 12");
  EXPECT_EQ(Fold("'s-Gravenbrakel"), "s gravenbrakel");
}

class AnalyzeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    places_ = new PlaceTable();
    ASSERT_OK(places_->Load(testing::TinyDataDir()));
  }
  static PlaceTable* places_;
};
PlaceTable* AnalyzeTest::places_ = nullptr;

TEST_F(AnalyzeTest, PostcodeNumbersAndBox) {
  const AnalyzedQuery q = Analyze("Hoogstraat 12 bus 3, 9000", *places_);
  EXPECT_EQ(q.street, "hoogstraat");
  EXPECT_EQ(q.postcodes, std::vector<std::string>{"9000"});
  EXPECT_TRUE(q.postcode_in_text);
  EXPECT_EQ(Analyze("Hoogstraat 12 bis bus5", *places_).street, "hoogstraat");
}

TEST_F(AnalyzeTest, PlaceAtEitherEndBecomesItsPostcodes) {
  const AnalyzedQuery q = Analyze("rue haute 12, Liège", *places_);
  EXPECT_EQ(q.street, "rue haute");
  EXPECT_FALSE(q.postcodes.empty());
  EXPECT_FALSE(q.postcode_in_text);
  EXPECT_EQ(Analyze("Gent, Hoogstraat", *places_).street, "hoogstraat");
  // A misspelt place at the end (trigram similarity 0.58 to "antwerpen").
  const AnalyzedQuery typo = Analyze("Meir Antwerpn", *places_);
  EXPECT_EQ(typo.street, "meir");
  EXPECT_NE(std::find(typo.postcodes.begin(), typo.postcodes.end(), "2000"),
            typo.postcodes.end());
  // Too far from any place: it stays in the street text.
  EXPECT_EQ(Analyze("Graanmarkt Kortrjik", *places_).street,
            "graanmarkt kortrjik");
}

TEST_F(AnalyzeTest, AnAddressIsNotAllPlace) {
  // "Gent" alone leaves nothing for a street: it stays the street text.
  EXPECT_EQ(Analyze("Gent", *places_).street, "gent");
}

TEST(TrigramSimilarityTest, LikePgTrgm) {
  const auto a = PaddedTrigrams("word");
  const auto b = PaddedTrigrams("two words");
  EXPECT_EQ(PaddedTrigrams("ab"),
            (std::vector<std::string>{"  a", " ab", "ab "}));
  EXPECT_DOUBLE_EQ(Similarity(a, a), 1.0);
  EXPECT_DOUBLE_EQ(WordSimilarity(a, b), 4.0 / 5.0);  // "word" inside "words"
  EXPECT_LT(Similarity(a, b), WordSimilarity(a, b));
  EXPECT_DOUBLE_EQ(Similarity(a, PaddedTrigrams("xyz")), 0.0);
}

}  // namespace
}  // namespace beladdr::peers
