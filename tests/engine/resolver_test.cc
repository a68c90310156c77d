// ResolveAddress on the tiny fixture: every outcome and every issue code,
// in Dutch, French and German.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "beladdr/resolve.h"
#include "test_util.h"
#include "tiny_index.h"

namespace beladdr {
namespace {

ResolveRequest Street(const char* street, const char* post_code = "",
                      const char* municipality = "", const char* house = "",
                      const char* box = "") {
  ResolveRequest r;
  r.street = street;
  r.post_code = post_code;
  r.municipality = municipality;
  r.house_number = house;
  r.box_number = box;
  return r;
}

ResolveRequest Code(const char* code) {
  ResolveRequest r;
  r.street_code = code;
  return r;
}

ResolveResponse Resolve(const ResolveRequest& request) {
  auto r = testing::TinySearcher().ResolveAddress(request);
  EXPECT_OK(r.status());
  return r.ok() ? *r : ResolveResponse();
}

std::vector<std::string> Issues(const ResolveResponse& r) {
  std::vector<std::string> out;
  for (ResolveIssue i : r.issues) out.emplace_back(ResolveIssueName(i));
  return out;
}

std::string Lang(const ResolveResponse& r) {
  return r.detected_language ? std::string(LanguageCode(*r.detected_language))
                             : "";
}

using Strings = std::vector<std::string>;

struct UniqueCase {
  const char* name;
  ResolveRequest request;
  const char* code;
  const char* language;
  HouseNumberKnown known;
};

void PrintTo(const UniqueCase& c, std::ostream* os) { *os << c.name; }

class Unique : public ::testing::TestWithParam<UniqueCase> {};

TEST_P(Unique, OneStreetWithItsHouseNumber) {
  const UniqueCase& c = GetParam();
  const ResolveResponse r = Resolve(c.request);
  ASSERT_EQ(r.status, ResolveStatus::kUnique) << c.name;
  ASSERT_TRUE(r.address.has_value());
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_EQ(r.address->street.street_code, c.code);
  EXPECT_EQ(Lang(r), c.language);
  EXPECT_EQ(r.address->house_number_known, c.known);
  EXPECT_EQ(r.address->street.house_number, c.request.house_number);
  EXPECT_TRUE(r.issues.empty()) << ::testing::PrintToString(Issues(r));
}

INSTANTIATE_TEST_SUITE_P(
    AllLanguages, Unique,
    ::testing::Values(
        UniqueCase{"nl", Street("Hoogstraat", "9000", "", "5"),
                   "crab:70413@9000", "nl", HouseNumberKnown::kTrue},
        UniqueCase{"nl_typo_and_place", Street("hoogstrat", "", "Gent", "7"),
                   "crab:70413@9000", "nl", HouseNumberKnown::kTrue},
        UniqueCase{"fr", Street("Rue Haute", "7090", "", "5"),
                   "icar:7716673@7090", "fr", HouseNumberKnown::kTrue},
        UniqueCase{"de", Street("Malmedyer Strasse", "", "Eupen", "3"),
                   "icar:7735847@4700", "de", HouseNumberKnown::kTrue}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(ResolveTest, BrusselsHasNoHouseNumbersSoTheyAreUnknown) {
  // The shipped data lists house numbers for Flanders and Wallonia only.
  const ResolveResponse r = Resolve(Street("Kolenmarkt", "1000", "", "12"));
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(r.address->house_number_known, HouseNumberKnown::kUnknown);
  EXPECT_TRUE(r.issues.empty());
}

TEST(ResolveTest, AmbiguousWithoutAPlace) {
  // A common name with no postcode: Hoogstraat is in Antwerpen, Gent and
  // twice in Brussels.
  const ResolveResponse r = Resolve(Street("Hoogstraat"));
  ASSERT_EQ(r.status, ResolveStatus::kAmbiguous);
  EXPECT_FALSE(r.address.has_value());
  EXPECT_EQ(Lang(r), "nl");
  Strings codes;
  for (const ResolvedAddress& c : r.candidates)
    codes.push_back(c.street.street_code);
  EXPECT_EQ(codes.size(), 4u);
  for (const char* want : {"crab:1220@2000", "crab:70413@9000",
                           "urbis:2268@1000", "urbis:2986@1000"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), want), codes.end()) << want;
  }
  EXPECT_EQ(Issues(r), Strings{"houseNumberMissing"});
}

TEST(ResolveTest, AmbiguousWithinOnePostcodeInFrench) {
  // Two streets named Rue Haute / Hoogstraat in 1000 Bruxelles.
  const ResolveResponse r = Resolve(Street("Rue Haute", "1000", "", "1"));
  ASSERT_EQ(r.status, ResolveStatus::kAmbiguous);
  ASSERT_EQ(r.candidates.size(), 2u);
  EXPECT_EQ(Lang(r), "fr");
  for (const ResolvedAddress& c : r.candidates) {
    EXPECT_EQ(c.street.post_code, "1000");
    EXPECT_EQ(c.street.street_name, "Rue Haute");  // in the query's language
    EXPECT_EQ(c.street.house_number, "1");
  }
  EXPECT_TRUE(r.issues.empty());
}

TEST(ResolveTest, AWeakMatchIsACandidateNotAnAnswerInGerman) {
  const ResolveResponse r = Resolve(Street("Malmedyer"));
  ASSERT_EQ(r.status, ResolveStatus::kAmbiguous);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0].street.street_code, "icar:7735847@4700");
  EXPECT_EQ(Lang(r), "de");
}

TEST(ResolveTest, LimitBoundsTheCandidates) {
  ResolveRequest request = Street("Hoogstraat");
  request.limit = 2;
  EXPECT_EQ(Resolve(request).candidates.size(), 2u);
}

TEST(ResolveTest, NotFound) {
  const ResolveResponse r = Resolve(Street("Xyzzystraat", "9000"));
  EXPECT_EQ(r.status, ResolveStatus::kNotFound);
  EXPECT_FALSE(r.address.has_value());
  EXPECT_TRUE(r.candidates.empty());
}

TEST(ResolveTest, HouseNumberUnknownAndBoxUnknown) {
  ResolveResponse r = Resolve(Street("Rue Haute", "7090", "", "99"));
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(r.address->house_number_known, HouseNumberKnown::kFalse);
  EXPECT_EQ(Issues(r), Strings{"houseNumberUnknown"});

  // 3 has one box, "Bt.2": written "bt 2" it is known, "9" is not.
  r = Resolve(Street("Rue Haute", "7090", "", "3", "bt 2"));
  EXPECT_TRUE(r.issues.empty()) << ::testing::PrintToString(Issues(r));
  r = Resolve(Street("Rue Haute", "7090", "", "3", "9"));
  EXPECT_EQ(Issues(r), Strings{"boxNumberUnknown"});
  // Zero-padded boxes ("0001") match "1"; German street, box in the number.
  r = Resolve(Street("Malmedyer Straße", "4700", "", "2A bus 2"));
  EXPECT_EQ(r.address->house_number_known, HouseNumberKnown::kTrue);
  EXPECT_TRUE(r.issues.empty()) << ::testing::PrintToString(Issues(r));
}

TEST(ResolveTest, HouseNumberMissing) {
  const ResolveResponse r = Resolve(Street("Hoogstraat", "9000"));
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(Issues(r), Strings{"houseNumberMissing"});
}

TEST(ResolveTest, PostCodeMismatchOnAUniqueMatch) {
  // Gent's Hoogstraat is in 9000; 9050 is another postcode of Gent.
  const ResolveResponse r = Resolve(Street("Hoogstraat", "9050", "", "5"));
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(r.address->street.street_code, "crab:70413@9000");
  EXPECT_EQ(Issues(r), Strings{"postCodeMismatch"});
}

TEST(ResolveTest, StreetCodeSecondRound) {
  ResolveRequest request = Code("urbis:2986@1000");
  request.house_number = "12";
  request.post_code = "1000";
  request.municipality = "Brussel";
  const ResolveResponse r = Resolve(request);
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(r.address->street.street_code, "urbis:2986@1000");
  EXPECT_EQ(r.address->street.score, 1.0);
  EXPECT_EQ(r.address->street.house_number, "12");
  EXPECT_TRUE(r.issues.empty()) << ::testing::PrintToString(Issues(r));
  // The municipality's language when nothing else says one.
  const ResolveResponse bare = Resolve(Code("icar:7716673@7090"));
  EXPECT_EQ(bare.status, ResolveStatus::kUnique);
  EXPECT_EQ(bare.address->street.street_name, "Rue Haute");
  EXPECT_EQ(Issues(bare), Strings{"houseNumberMissing"});
}

TEST(ResolveTest, StreetCodeContradictionsAreReported) {
  ResolveRequest request = Code("icar:7716673@7090");  // Rue Haute, 7090
  request.street = "Kerkstraat";
  request.post_code = "4000";
  request.municipality = "Gent";
  request.house_number = "5";
  const ResolveResponse r = Resolve(request);
  ASSERT_EQ(r.status, ResolveStatus::kUnique);
  EXPECT_EQ(r.address->street.street_code, "icar:7716673@7090");
  EXPECT_EQ(Issues(r), (Strings{"streetNameMismatch", "postCodeMismatch",
                                "municipalityMismatch"}));
  EXPECT_EQ(Lang(r), "nl");  // the text's language, not the street's
  // The same street in its own words: nothing to report, in any language.
  request.street = "rue haute";
  request.post_code = "7090";
  request.municipality = "'s-Gravenbrakel";
  EXPECT_TRUE(Resolve(request).issues.empty());
  request.municipality = "Braine-le-Comte";
  EXPECT_TRUE(Resolve(request).issues.empty());
}

TEST(ResolveTest, UnknownStreetCode) {
  const ResolveResponse r = Resolve(Code("crab:999999@9000"));
  EXPECT_EQ(r.status, ResolveStatus::kNotFound);
  EXPECT_EQ(Issues(r), Strings{"streetCodeUnknown"});
}

TEST(ResolveTest, InvalidRequests) {
  const auto& s = testing::TinySearcher();
  ResolveRequest none;
  none.post_code = "9000";
  EXPECT_TRUE(s.ResolveAddress(none).status().IsInvalidArgument());
  ResolveRequest bad_postcode = Code("crab:70413@9000");
  bad_postcode.post_code = "90";
  EXPECT_TRUE(s.ResolveAddress(bad_postcode).status().IsInvalidArgument());
  ResolveRequest bad_limit = Street("Hoogstraat");
  bad_limit.limit = 0;
  EXPECT_TRUE(s.ResolveAddress(bad_limit).status().IsInvalidArgument());
}

TEST(ResolveTest, Names) {
  EXPECT_EQ(ResolveStatusName(ResolveStatus::kNotFound), "notFound");
  EXPECT_EQ(ResolveIssueName(ResolveIssue::kBoxNumberUnknown),
            "boxNumberUnknown");
}

}  // namespace
}  // namespace beladdr
