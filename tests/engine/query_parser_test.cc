#include "internal/query_parser.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"
#include "tiny_index.h"

namespace beladdr::internal {
namespace {

ParsedQuery Parse(const std::string& text) {
  SearchRequest r;
  r.query = text;
  auto q = ParseQuery(r, testing::TinySearcher().data());
  EXPECT_OK(q.status());
  return q.ok() ? *q : ParsedQuery{};
}

std::vector<std::string> Words(const ParsedQuery& q) {
  std::vector<std::string> out;
  for (const auto& t : q.tokens) out.push_back(t.text);
  return out;
}

struct NumberCase {
  const char* text;
  const char* house;
  const char* box;
};

class HouseNumbers : public ::testing::TestWithParam<NumberCase> {};

TEST_P(HouseNumbers, AreReadInEveryCommonForm) {
  const auto& c = GetParam();
  const ParsedQuery q = Parse(c.text);
  ASSERT_FALSE(q.house_groups.empty()) << c.text;
  const HouseNumberGroup& g = q.house_groups.back();
  EXPECT_EQ(g.house_number, c.house) << c.text;
  EXPECT_EQ(g.box_number.empty() ? q.box_number : g.box_number, c.box)
      << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    AllForms, HouseNumbers,
    ::testing::Values(NumberCase{"Kerkstraat 12", "12", ""},
                      NumberCase{"Kerkstraat 12A", "12A", ""},
                      NumberCase{"Kerkstraat 12 a", "12A", ""},
                      NumberCase{"rue haute 12 bis", "12bis", ""},
                      NumberCase{"Hoogstraat 10-12", "10-12", ""},
                      NumberCase{"rue de l eglise 12 bte 3", "12", "3"},
                      NumberCase{"Kerkstraat 12 bus 3", "12", "3"},
                      NumberCase{"rue haute 12 boîte 3", "12", "3"},
                      NumberCase{"rue haute 12 b 3", "12", "3"},
                      NumberCase{"Zuidstraat 12 box 3", "12", "3"},
                      NumberCase{"rue du midi 12/3", "12", "3"},
                      NumberCase{"Kerkstraat 12 bus3", "12", "3"},
                      NumberCase{"12 rue haute", "12", ""},
                      NumberCase{"Aachener Straße nr 7", "7", ""}));

// Issue 13, mechanism 1: "B", "B-", "BE-" before a postcode, or a spaced
// house-number letter before one, is no box.
struct PrefixCase {
  const char* text;
  const char* house;
  const char* box;
  uint16_t postcode;
};

class PostcodePrefixes : public ::testing::TestWithParam<PrefixCase> {};

TEST_P(PostcodePrefixes, KeepThePostcode) {
  const auto& c = GetParam();
  const ParsedQuery q = Parse(c.text);
  EXPECT_TRUE(q.postcode_given) << c.text;
  EXPECT_EQ(q.postcode, c.postcode) << c.text;
  ASSERT_FALSE(q.house_groups.empty()) << c.text;
  const HouseNumberGroup& g = q.house_groups.back();
  EXPECT_EQ(g.house_number, c.house) << c.text;
  EXPECT_EQ(g.box_number.empty() ? q.box_number : g.box_number, c.box)
      << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Issue13, PostcodePrefixes,
    ::testing::Values(PrefixCase{"Kerkstraat 7 B, 9000 Gent", "7B", "", 9000},
                      PrefixCase{"Kerkstraat 7 b, 9000", "7B", "", 9000},
                      PrefixCase{"Rue Haute 12, B-4000", "12", "", 4000},
                      PrefixCase{"Rue Haute 12, BE-4000 Liège", "12", "", 4000},
                      PrefixCase{"Rue Haute 12 BE-4000", "12", "", 4000},
                      PrefixCase{"Kerkstraat 12 B 9000 Gent", "12", "", 9000},
                      PrefixCase{"Kerkstraat 12 bus 3, B-9000", "12", "3",
                                 9000},
                      PrefixCase{"Kerkstraat 12 b 3, 9000", "12", "3", 9000}));

// Issue 13, mechanism 12: words broken by a stray space or comma in text
// extracted from forms are mended when together they are a word.
TEST(QueryParser, MendsWordsBrokenBySpaceOrStrayComma) {
  EXPECT_EQ(Words(Parse("Hoogstraat 5, ANT,WERPEN")),
            (std::vector<std::string>{"hoogstraat", "5", "antwerpen"}));
  EXPECT_EQ(Words(Parse("HOOG,STRAAT 5 Antwerpen")),
            (std::vector<std::string>{"hoogstraat", "5", "antwerpen"}));
  EXPECT_EQ(Words(Parse("Hoogstraat 5 ANTWER PEN")),
            (std::vector<std::string>{"hoogstraat", "5", "antwerpen"}));
  // Words that are words on their own stay apart, as does a real comma.
  EXPECT_EQ(Words(Parse("Grote Markt, Antwerpen")),
            (std::vector<std::string>{"grote", "markt", "antwerpen"}));
  EXPECT_EQ(Words(Parse("Hoogstraat,Antwerpen")),
            (std::vector<std::string>{"hoogstraat", "antwerpen"}));
  EXPECT_EQ(Words(Parse("Hoog straat 5")),
            (std::vector<std::string>{"hoog", "straat", "5"}));
}

// A Dutch postcode is Dutch even when its digits are a Belgian postcode,
// unless its letters are a word we know ("3665 As" is the municipality As).
TEST(QueryParser, DutchPostcodesWhoseDigitsAreBelgian) {
  ParsedQuery q = Parse("Kalverstraat 61, 3000 QX Rotterdam");
  EXPECT_TRUE(q.foreign_postcode);
  EXPECT_FALSE(q.postcode_given);
  q = Parse("Kalverstraat 61, 2000 Antwerpen");
  EXPECT_FALSE(q.foreign_postcode);
  EXPECT_TRUE(q.postcode_given);
}

// A number with a Latin suffix is a house number even when its digits
// spell a postcode ("1150 bis").
TEST(QueryParser, SuffixedNumberIsAHouseNumber) {
  const ParsedQuery q = Parse("Hoogstraat 1000 bis 9000 Gent");
  EXPECT_TRUE(q.postcode_given);
  EXPECT_EQ(q.postcode, 9000);
  ASSERT_FALSE(q.house_groups.empty());
  EXPECT_EQ(q.house_groups[0].house_number, "1000bis");
}

// "3e" is a house number 3E and also the ordinal of a name ("3e Avenue",
// "13e Liniestraat"): it stays a numeric word, in the number's group, so a
// name that uses it takes it and leaves the other number as the house's.
TEST(QueryParser, OrdinalOrLetteredNumberStaysAWord) {
  ParsedQuery q = Parse("13e Liniestraat 5, Gent");
  ASSERT_EQ(q.house_groups.size(), 2u);
  EXPECT_EQ(q.house_groups[0].house_number, "13E");
  ASSERT_FALSE(q.tokens.empty());
  EXPECT_EQ(q.tokens[0].text, "13e");
  EXPECT_TRUE(q.tokens[0].numeric);
  EXPECT_EQ(q.tokens[0].house_group, 0);
  q = Parse("Kerkstraat 3e, 9000 Gent");
  ASSERT_EQ(q.house_groups.size(), 1u);
  EXPECT_EQ(q.house_groups[0].house_number, "3E");
  // Other letters are house-number letters only.
  q = Parse("Kerkstraat 3b, 9000 Gent");
  EXPECT_EQ(Words(q), (std::vector<std::string>{"kerkstraat", "gent"}));
}

// A word right after a house number or postcode knows it: the place in
// "Hof 5b Scherpenheuvel" does not continue the street type.
TEST(QueryParser, MarksWordsAfterANumber) {
  ParsedQuery q = Parse("Hof 5b Scherpenheuvel");
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_FALSE(q.tokens[0].after_number);
  EXPECT_TRUE(q.tokens[1].after_number);
  q = Parse("Kerkstraat 9000 Gent");
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_TRUE(q.tokens[1].after_number);
  q = Parse("Rue de Namur");
  for (const QueryToken& t : q.tokens) EXPECT_FALSE(t.after_number) << t.text;
}

// Glued words: a street type or a whole given name before a word we know.
TEST(QueryParser, SplitsGluedWords) {
  EXPECT_EQ(Words(Parse("RueHaute 5")),
            (std::vector<std::string>{"rue", "haute", "5"}));
  EXPECT_EQ(Words(Parse("JeanVolderslaan 7")),
            (std::vector<std::string>{"jean", "volderslaan", "7"}));
  // An abbreviated compound is a word; short abbreviations cut nothing.
  EXPECT_EQ(Words(Parse("hoogstr 5")),
            (std::vector<std::string>{"hoogstr", "5"}));
  EXPECT_EQ(Words(Parse("gravehuis")), (std::vector<std::string>{"gravehuis"}));
  // A title abbreviated to consonants starts no word: "kgnastridplein".
  EXPECT_EQ(Words(Parse("kgnmarkt 5")),
            (std::vector<std::string>{"kgn", "markt", "5"}));
  EXPECT_EQ(Words(Parse("konmarkt 5")),
            (std::vector<std::string>{"konmarkt", "5"}));
}

// The stem of a compound name word is a word of its own ("Rue Citroen" for
// Citroenstraat is not "cit" + "roen"): the parser does not cut it.
TEST(QueryParser, StemsOfCompoundNamesAreWords) {
  const IndexData& d = testing::TinySearcher().data();
  EXPECT_TRUE(d.IsCompoundStem("kolen"));    // Kolenmarkt
  EXPECT_TRUE(d.IsCompoundStem("volders"));  // Volderslaan
  EXPECT_FALSE(d.IsCompoundStem("kolenm"));
  EXPECT_FALSE(d.IsCompoundStem("kolenmarkt"));
  EXPECT_TRUE(
      std::is_sorted(d.compound_stems().begin(), d.compound_stems().end()));
}

TEST(QueryParser, BoxWordsStillMakeABoxOfAnyNumber) {
  const ParsedQuery q = Parse("Kerkstraat 12 bus 1000");
  EXPECT_FALSE(q.postcode_given);
  ASSERT_FALSE(q.house_groups.empty());
  EXPECT_EQ(q.house_groups.back().box_number, "1000");
}

TEST(QueryParser, FindsTheBelgianPostcodeAnywhere) {
  ParsedQuery q = Parse("1180 chee de waterloo");
  EXPECT_TRUE(q.postcode_given);
  EXPECT_EQ(q.postcode, 1180);
  q = Parse("Kerkstraat 5, 9000 Gent");
  EXPECT_EQ(q.postcode, 9000);
  EXPECT_EQ(Words(q), (std::vector<std::string>{"kerkstraat", "5", "gent"}));
}

TEST(QueryParser, RecognisesForeignPostcodes) {
  EXPECT_TRUE(Parse("rue de rivoli 22, 75001 Paris").foreign_postcode);
  EXPECT_TRUE(Parse("Kalverstraat 5, 1012 NX Amsterdam").foreign_postcode);
  EXPECT_TRUE(Parse("Grand-Rue 4, L-1661 Luxembourg").foreign_postcode);
  // Two letters that are a word we know are no Dutch postcode ("3665 As"
  // in the full data is the municipality As).
  EXPECT_FALSE(Parse("Sylvesterstraat, 1000 op").foreign_postcode);
  EXPECT_FALSE(Parse("chee de waterloo 1180").foreign_postcode);
}

TEST(QueryParser, ExpandsAbbreviationsAndCompounds) {
  ParsedQuery q = Parse("chee de waterlo");
  ASSERT_FALSE(q.tokens.empty());
  EXPECT_NE(std::find(q.tokens[0].expansions.begin(),
                      q.tokens[0].expansions.end(), "chaussee"),
            q.tokens[0].expansions.end());
  q = Parse("St-Pietersnieuwstr");
  EXPECT_NE(std::find(q.tokens[0].expansions.begin(),
                      q.tokens[0].expansions.end(), "sint"),
            q.tokens[0].expansions.end());
  EXPECT_NE(std::find(q.tokens[1].expansions.begin(),
                      q.tokens[1].expansions.end(), "pietersnieuwstraat"),
            q.tokens[1].expansions.end());
  q = Parse("O.L.V. straat");
  ASSERT_FALSE(q.phrases.empty());
  EXPECT_EQ(q.phrases[0].words,
            (std::vector<std::string>{"onze", "lieve", "vrouw"}));
}

TEST(QueryParser, SplitsAStreetTypeGluedToTheNextWord) {
  EXPECT_EQ(Words(Parse("rudu midi")),
            (std::vector<std::string>{"ru", "du", "midi"}));
  EXPECT_EQ(Words(Parse("placede la gare")),
            (std::vector<std::string>{"place", "de", "la", "gare"}));
}

TEST(QueryParser, MarksBracketsSegmentsAndSeparators) {
  ParsedQuery q = Parse("Graanmarkt(Kor)");
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_EQ(q.tokens[1].role, TokenRole::kBracket);
  // Commas and spaced hyphens separate the parts of an address.
  q = Parse("Rue du Midi - Zuidstraat, 1000 Brussel");
  EXPECT_EQ(q.tokens.back().segment, 2);
  EXPECT_EQ(Parse("Sint-Pietersnieuwstraat").tokens.back().segment, 0);
}

TEST(QueryParser, StructuredFieldsKeepTheirRoles) {
  SearchRequest r;
  r.street = "Kerkstraat";
  r.house_number = "12/3";
  r.post_code = " 9000 ";
  r.municipality = "Gent";
  auto q = ParseQuery(r, testing::TinySearcher().data());
  ASSERT_OK(q.status());
  EXPECT_EQ(q->tokens[0].role, TokenRole::kStreet);
  EXPECT_EQ(q->tokens.back().role, TokenRole::kPlace);
  EXPECT_EQ(q->house_number_field, "12");
  EXPECT_EQ(q->box_number, "3");
  EXPECT_EQ(q->postcode, 9000);
}

TEST(QueryParser, RejectsBadRequestsWithAClearMessage) {
  const auto& d = testing::TinySearcher().data();
  SearchRequest r;
  EXPECT_NE(ParseQuery(r, d).status().message().find("nothing to search"),
            std::string::npos);
  r.query = "Kerkstraat";
  r.limit = 0;
  EXPECT_NE(ParseQuery(r, d).status().message().find(
                "limit must be between 1 and 100"),
            std::string::npos);
  r.limit = 10;
  r.post_code = "90000";
  EXPECT_NE(
      ParseQuery(r, d).status().message().find("postCode must be 4 digits"),
      std::string::npos);
  r.post_code.clear();
  r.query = "Kerk\xffstraat";
  EXPECT_TRUE(ParseQuery(r, d).status().IsInvalidArgument());
  r.query = std::string(kMaxFieldBytes + 1, 'a');
  EXPECT_NE(ParseQuery(r, d).status().message().find("longer than"),
            std::string::npos);
  r.query.clear();
  for (int i = 0; i < 30; ++i) r.query += "word ";
  EXPECT_NE(ParseQuery(r, d).status().message().find("too many words"),
            std::string::npos);
}

}  // namespace
}  // namespace beladdr::internal
