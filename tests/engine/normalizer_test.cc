#include "beladdr/index/normalizer.h"

#include <gtest/gtest.h>

#include <thread>

#include "test_util.h"

namespace beladdr::internal {
namespace {

struct FoldCase {
  const char* input;
  const char* plain;   // NormalizeName, plain form
  const char* german;  // NormalizeName, German form
};

class NormalizerNames : public ::testing::TestWithParam<FoldCase> {};

TEST_P(NormalizerNames, FoldsLikeIcu) {
  const FoldCase& c = GetParam();
  const Normalizer& n = Normalizer::Default();
  auto plain = n.NormalizeName(c.input, Normalizer::Form::kPlain);
  auto german = n.NormalizeName(c.input, Normalizer::Form::kGerman);
  ASSERT_OK(plain.status());
  ASSERT_OK(german.status());
  EXPECT_EQ(*plain, c.plain) << c.input;
  EXPECT_EQ(*german, c.german) << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    AllLanguages, NormalizerNames,
    ::testing::Values(
        // fr: accents, apostrophes (straight, typographic, typed as accents)
        FoldCase{"Rue de l'Église", "rue de l eglise", "rue de l eglise"},
        FoldCase{"Rue de l\u2019\u00c9glise", "rue de l eglise",
                 "rue de l eglise"},
        FoldCase{"rue de l\u00b4eglise", "rue de l eglise", "rue de l eglise"},
        FoldCase{"Chaussée de Waterloo", "chaussee de waterloo",
                 "chaussee de waterloo"},
        FoldCase{"ŒUVRE Cœur", "oeuvre coeur", "oeuvre coeur"},
        // nl: hyphens, dots, the 's- prefix
        FoldCase{"Sint-Pietersnieuwstraat", "sint pietersnieuwstraat",
                 "sint pietersnieuwstraat"},
        FoldCase{"O.-L.-Vrouwstraat", "o l vrouwstraat", "o l vrouwstraat"},
        FoldCase{"'s-Gravenbrakel", "s gravenbrakel", "s gravenbrakel"},
        FoldCase{"Floraliënlaan", "floralienlaan", "floralienlaan"},
        // de: umlauts both ways, sharp s
        FoldCase{"Lüttich", "luttich", "luettich"},
        FoldCase{"Aachener Straße", "aachener strasse", "aachener strasse"},
        FoldCase{"KÖNIG-ALBERT-ALLEE", "konig albert allee",
                 "koenig albert allee"},
        // decomposed input (e + combining acute), full-width, other scripts
        FoldCase{"e\u0301glise", "eglise", "eglise"},
        FoldCase{"u\u0308ber", "uber", "ueber"},
        FoldCase{"\uff32\uff55\uff45 1", "rue 1", "rue 1"},
        FoldCase{"Москва", "moskva", "moskva"}, FoldCase{"  ", "", ""}));

TEST(Normalizer, KeepsCanonicalPunctuationForTheParser) {
  std::string out;
  ASSERT_OK(Normalizer::Default().Fold("Graanmarkt(Kor), 12/3 – B",
                                       Normalizer::Form::kPlain, &out));
  EXPECT_EQ(out, "graanmarkt(kor), 12/3 - b");
}

TEST(Normalizer, TokenizeReportsSeparators) {
  std::vector<Token> t =
      Normalizer::Tokenize("rue x - x-straat, 12/3 (kor) l'eglise st.pieters");
  std::vector<std::string> text;
  for (const Token& tok : t) text.push_back(tok.text);
  EXPECT_EQ(text,
            (std::vector<std::string>{"rue", "x", "x", "straat", "12", "3",
                                      "kor", "l", "eglise", "st", "pieters"}));
  EXPECT_EQ(t[0].before, Separator::kNone);
  EXPECT_EQ(t[1].before, Separator::kSpace);
  EXPECT_EQ(t[2].before, Separator::kSpacedHyphen);
  EXPECT_EQ(t[3].before, Separator::kHyphen);
  EXPECT_EQ(t[4].before, Separator::kComma);
  EXPECT_EQ(t[5].before, Separator::kSlash);
  EXPECT_EQ(t[6].before, Separator::kOpenParen);
  EXPECT_EQ(t[7].before, Separator::kCloseParen);
  EXPECT_EQ(t[8].before, Separator::kApostrophe);
  EXPECT_EQ(t[10].before, Separator::kDot);
}

TEST(Normalizer, RejectsInvalidUtf8WithItsOffset) {
  const Normalizer& n = Normalizer::Default();
  std::string out;
  for (const char* bad : {"abc\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82",
                          "ok \xf8\x88\x80\x80\x80"}) {
    Status s = n.Fold(bad, Normalizer::Form::kPlain, &out);
    EXPECT_TRUE(s.IsInvalidArgument()) << bad;
    EXPECT_NE(s.message().find("invalid UTF-8 at byte"), std::string::npos);
    EXPECT_FALSE(Normalizer::ValidateUtf8(bad).ok());
  }
  EXPECT_OK(Normalizer::ValidateUtf8("Lüttich"));
}

TEST(Normalizer, HasGermanForm) {
  const Normalizer& n = Normalizer::Default();
  EXPECT_TRUE(n.HasGermanForm("Lüttich"));
  EXPECT_TRUE(n.HasGermanForm("u\u0308"));
  EXPECT_FALSE(n.HasGermanForm("Liège"));
}

TEST(Normalizer, ConcurrentIcuFoldingIsConsistent) {
  // Combining marks and Cyrillic take the pooled-transliterator path.
  const Normalizer& n = Normalizer::Default();
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::string out;
      for (int i = 0; i < 300; ++i) {
        if (!n.Fold("Москва e\u0301glise", Normalizer::Form::kGerman, &out)
                 .ok() ||
            out != "moskva eglise") {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Words glued by an extraction keep their capitals: a lowercase letter
// followed by an uppercase one is a word boundary.
TEST(SplitCaseBoundaries, SplitsGluedWordsOfMixedCase) {
  EXPECT_EQ(Normalizer::SplitCaseBoundaries("RuSt-Martin"), "Ru St-Martin");
  EXPECT_EQ(Normalizer::SplitCaseBoundaries("164 AvenThomas Edison"),
            "164 Aven Thomas Edison");
  EXPECT_EQ(Normalizer::SplitCaseBoundaries("PlaceÉmile"), "Place Émile");
  EXPECT_EQ(Normalizer::SplitCaseBoundaries("rueDe la Gare"), "rue De la Gare");
}

TEST(SplitCaseBoundaries, LeavesOtherTextAlone) {
  for (const char* text :
       {"RUE ST-MARTIN", "rue saint-martin", "'sGravenbrakel", "B-5000",
        "Generaal ghTysstraat", "Rue de l'Église 12 bte 3", "", "\xff\xfeAb"}) {
    EXPECT_EQ(Normalizer::SplitCaseBoundaries(text), text) << text;
  }
}

}  // namespace
}  // namespace beladdr::internal
