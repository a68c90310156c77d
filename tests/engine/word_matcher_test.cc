#include "internal/word_matcher.h"

#include <gtest/gtest.h>

#include <random>

#include "internal/edit_distance.h"
#include "tiny_index.h"

namespace beladdr::internal {
namespace {

TEST(WordMatcher, BitParallelDistancesEqualTheDynamicProgramme) {
  std::mt19937 rng(7);
  for (int t = 0; t < 20000; ++t) {
    std::string a, b;
    for (size_t i = 0, n = 1 + rng() % 12; i < n; ++i)
      a += static_cast<char>('a' + rng() % 4);
    for (size_t i = 0, n = rng() % 14; i < n; ++i)
      b += static_cast<char>('a' + rng() % 4);
    int full = 0, prefix = 0;
    WordMatcher(a).Distances(b, &full, &prefix);
    EXPECT_EQ(full, BoundedEditDistance(a, b, 30)) << a << " " << b;
    EXPECT_EQ(prefix, BoundedPrefixDistance(a, b, 30)) << a << " " << b;
  }
}

TEST(WordMatcher, SwapOfNeighboursIsOneEdit) {
  int full = 0, prefix = 0;
  WordMatcher("gnet").Distances("gent", &full, &prefix);
  EXPECT_EQ(full, 1);
  WordMatcher("maldgeem").Distances("maldegem", &full, &prefix);
  EXPECT_EQ(full, 1);
}

struct SimilarityCase {
  const char* query;
  const char* name;
  double low;  // similarity in [low, high]
  double high;
};

void PrintTo(const SimilarityCase& c, std::ostream* os) {
  *os << c.query << "~" << c.name;
}

class WordSimilarityRules : public ::testing::TestWithParam<SimilarityCase> {};

TEST_P(WordSimilarityRules, Hold) {
  const auto& c = GetParam();
  const double sim = WordSimilarity(
      c.query, c.name, &testing::TinySearcher().data().dictionary());
  EXPECT_GE(sim, c.low) << c.query << " ~ " << c.name;
  EXPECT_LE(sim, c.high) << c.query << " ~ " << c.name;
}

// The first letter is a tie-break between misspellings with as many edits,
// never enough to put two edits before one.
TEST(WordMatcher, OneEditAtTheStartBeatsTwoInside) {
  const Dictionary* dict = &testing::TinySearcher().data().dictionary();
  EXPECT_GT(WordSimilarity("tatiestraat", "statiestraat", dict),
            WordSimilarity("tatiestraat", "tarwestraat", dict));
  EXPECT_GT(WordSimilarity("mallestraat", "smallestraat", dict),
            WordSimilarity("mallestraat", "manestraat", dict));
  EXPECT_GT(WordSimilarity("vandermeulen", "avandermeulen", dict),
            WordSimilarity("vandermeulen", "vandarmeulin", dict));
}

INSTANTIATE_TEST_SUITE_P(
    ThreeLanguages, WordSimilarityRules,
    ::testing::Values(
        SimilarityCase{"waterloo", "waterloo", 1.0, 1.0},
        SimilarityCase{"waterlo", "waterloo", 0.85, 0.95},  // one edit
        SimilarityCase{"chaussee", "chausee", 0.85, 0.95},
        SimilarityCase{"pietersnieuwstr", "pietersnieuwstraat", 0.85,
                       0.95},  // truncation
        SimilarityCase{"kerkstr", "kerkstraat", 0.8, 0.9},
        SimilarityCase{"amsterdam", "amsterdamstraat", 0.6, 0.7},  // stem only
        SimilarityCase{"aachen", "aachener", 0.8, 0.9},
        SimilarityCase{"strasse", "strase", 0.85, 0.95},
        SimilarityCase{"paris", "karis", 0.6, 0.8},  // first letter
        SimilarityCase{"12", "13", 0.0, 0.0},        // numbers exact
        SimilarityCase{"rue", "rie", 0.0, 0.0},      // short: exact
        SimilarityCase{"kerkstraat", "dorpstraat", 0.0, 0.0},
        // The edits a misspelling may have are set by the distinctive part,
        // not by the street type both words end in.
        SimilarityCase{"hoogstraat", "nolfstraat", 0.0, 0.0},
        SimilarityCase{"kappellstraat", "kapelstraat", 0.85, 0.9},
        SimilarityCase{"bostraat", "bosstraat", 0.9, 0.95},
        SimilarityCase{"delta", "d", 0.0, 0.0}));  // elided article

}  // namespace
}  // namespace beladdr::internal
