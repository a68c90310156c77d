#include "beladdr/index/dictionary.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace beladdr::internal {
namespace {

class DictionaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto files = Dictionary::ReadDirectory(testing::DictionaryDir());
    ASSERT_OK(files.status());
    auto dict = Dictionary::Build(*files, Normalizer::Default());
    ASSERT_OK(dict.status());
    dict_ = new Dictionary(std::move(dict).value());
  }
  static void TearDownTestSuite() { delete dict_; }

  static std::vector<std::string> Split(const std::string& s) {
    std::vector<std::string> out;
    for (Token& t : Normalizer::Tokenize(s)) out.push_back(t.text);
    return out;
  }
  static std::vector<std::string> Expand(Language lang, const std::string& s) {
    std::vector<std::string> out;
    for (const auto& tokens : dict_->ExpandName(lang, Split(s), 4)) {
      std::string joined;
      for (const auto& t : tokens) joined += (joined.empty() ? "" : " ") + t;
      out.push_back(joined);
    }
    return out;
  }

  static Dictionary* dict_;
};
Dictionary* DictionaryTest::dict_ = nullptr;

TEST_F(DictionaryTest, ExpandsDutchAbbreviationsInNames) {
  EXPECT_EQ(Expand(Language::kNl, "o l vrouwstraat"),
            (std::vector<std::string>{"onze lieve vrouwstraat"}));
  EXPECT_EQ(Expand(Language::kNl, "st jansplein"),
            (std::vector<std::string>{"sint jansplein"}));
  EXPECT_EQ(Expand(Language::kNl, "burg wambacqstraat"),
            (std::vector<std::string>{"burgemeester wambacqstraat"}));
  EXPECT_EQ(Expand(Language::kNl, "gentse stwg"),
            (std::vector<std::string>{"gentse steenweg"}));
}

TEST_F(DictionaryTest, ExpandsFrenchAndGermanByTheNamesLanguage) {
  EXPECT_EQ(Expand(Language::kFr, "av princesse jos charlotte"),
            (std::vector<std::string>{"avenue princesse jos charlotte"}));
  EXPECT_EQ(Expand(Language::kFr, "rue st gilles"),
            (std::vector<std::string>{"rue saint gilles"}));
  EXPECT_EQ(Expand(Language::kDe, "st vither strasse"),
            (std::vector<std::string>{"sankt vither strasse"}));
}

TEST_F(DictionaryTest, AmbiguousAbbreviationYieldsEachReading) {
  const auto out = Expand(Language::kNl, "kon elisabethlaan");
  EXPECT_EQ(out.size(), 3u);
  EXPECT_NE(std::find(out.begin(), out.end(), "koningin elisabethlaan"),
            out.end());
}

TEST_F(DictionaryTest, InitialsAreNotExpandedInNames) {
  EXPECT_TRUE(Expand(Language::kFr, "rue r dupont").empty());
  EXPECT_TRUE(Expand(Language::kNl, "kerkstraat").empty());
}

TEST_F(DictionaryTest, QueryMatchesListEveryLanguage) {
  std::vector<std::string_view> tokens = {"pl", "x"};
  std::vector<Dictionary::PhraseMatch> matches;
  dict_->MatchesAt(tokens, 0, &matches);
  std::vector<std::string> canon;
  for (const auto& m : matches) canon.push_back(m.canonical->front());
  for (const char* want : {"plein", "plaats", "place", "platz"}) {
    EXPECT_NE(std::find(canon.begin(), canon.end(), want), canon.end()) << want;
  }
  matches.clear();
  tokens = {"chee", "de", "waterloo"};
  dict_->MatchesAt(tokens, 0, &matches);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].canonical->front(), "chaussee");
  EXPECT_TRUE(MaskHas(matches[0].langs, Language::kFr));
}

TEST_F(DictionaryTest, MultiTokenPhrasesMatchLongestFirst) {
  std::vector<std::string_view> tokens = {"o", "l", "v", "straat"};
  std::vector<Dictionary::PhraseMatch> matches;
  dict_->MatchesAt(tokens, 0, &matches);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].length, 3u);
  EXPECT_EQ(*matches[0].canonical,
            (std::vector<std::string>{"onze", "lieve", "vrouw"}));
}

TEST_F(DictionaryTest, StopwordsAndStreetTypesByLanguage) {
  EXPECT_TRUE(MaskHas(dict_->StopwordLanguages("de"), Language::kFr));
  EXPECT_TRUE(MaskHas(dict_->StopwordLanguages("de"), Language::kNl));
  EXPECT_TRUE(MaskHas(dict_->StopwordLanguages("zur"), Language::kDe));
  EXPECT_EQ(dict_->StopwordLanguages("waterloo"), 0);
  EXPECT_EQ(dict_->CanonicalStreetTypeLanguages("rue"), MaskOf(Language::kFr));
  EXPECT_EQ(dict_->CanonicalStreetTypeLanguages("straat"),
            MaskOf(Language::kNl));
  EXPECT_EQ(dict_->CanonicalStreetTypeLanguages("strasse"),
            MaskOf(Language::kDe));
  EXPECT_TRUE(MaskHas(dict_->StreetTypeLanguages("stwg"), Language::kNl));
}

TEST_F(DictionaryTest, FactsSayInOneLookupWhatEachDictionaryKnows) {
  const Dictionary::WordFacts de = dict_->Facts("de");
  EXPECT_EQ(de.stopword, dict_->StopwordLanguages("de"));
  EXPECT_TRUE(de.known());
  const Dictionary::WordFacts stwg = dict_->Facts("stwg");
  EXPECT_TRUE(MaskHas(stwg.street_type, Language::kNl));
  EXPECT_EQ(stwg.canonical_street_type, 0);  // an abbreviation
  const Dictionary::WordFacts straat = dict_->Facts("straat");
  EXPECT_TRUE(MaskHas(straat.street_type, Language::kNl));
  EXPECT_TRUE(MaskHas(straat.canonical_street_type, Language::kNl));
  EXPECT_TRUE(MaskHas(dict_->Facts("sint").title, Language::kNl));
  EXPECT_EQ(dict_->Facts("sint").title, dict_->TitleLanguages("sint"));
  const Dictionary::WordFacts none = dict_->Facts("waterloo");
  EXPECT_FALSE(none.known());
  EXPECT_EQ(none.canonical_street_type, 0);
  // How far MatchesAt() looks: "o l" (onze lieve) starts with "o".
  EXPECT_GE(dict_->Facts("o").phrase_tokens, 2);
  EXPECT_GE(dict_->Facts("stwg").phrase_tokens, 1);
  EXPECT_EQ(dict_->Facts("straat").phrase_tokens, 0);  // canonical only
  EXPECT_EQ(none.phrase_tokens, 0);
  // Looked up by view: a word inside a longer text.
  const std::string text = "kerkstraat";
  EXPECT_TRUE(dict_->Facts(std::string_view(text).substr(4)).known());
}

TEST_F(DictionaryTest, FindsStreetTypesGluedToCompounds) {
  std::vector<Dictionary::SuffixMatch> m;
  dict_->CompoundSuffixes("kerkstr", &m);
  bool straat = false;
  for (const auto& s : m) {
    if (s.canonical == "straat" && s.stem_length == 4 && s.abbreviated) {
      straat = true;
    }
  }
  EXPECT_TRUE(straat);
  m.clear();
  dict_->CompoundSuffixes("bergstrasse", &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].canonical, "strasse");
  EXPECT_FALSE(m[0].abbreviated);
  m.clear();
  dict_->CompoundSuffixes("str", &m);  // no stem
  EXPECT_TRUE(m.empty());
}

TEST(DictionaryParse, ErrorsNameFileAndLine) {
  DictionaryFile f;
  f.lang = Language::kNl;
  f.kind = DictionaryKind::kStopwords;
  f.name = "nl/stopwords.txt";
  f.content = "# comment\nde\nvan der\n";
  auto d = Dictionary::Build({f}, Normalizer::Default());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "nl/stopwords.txt:3: a stopword line holds exactly one word");
  f.kind = DictionaryKind::kStreetTypes;
  f.name = "nl/street_types.txt";
  f.content = "straat|str\nlaan||ln\n";
  d = Dictionary::Build({f}, Normalizer::Default());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "nl/street_types.txt:2: empty phrase");
}

TEST(DictionaryParse, MissingFileIsNamed) {
  testing::TempDir dir;
  auto files = Dictionary::ReadDirectory(dir.path());
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("nl/street_types.txt"),
            std::string::npos);
}

}  // namespace
}  // namespace beladdr::internal
