#include "street_code.h"

#include <gtest/gtest.h>

namespace beladdr::importer {
namespace {

using internal::IdMatch;
using internal::Region;
using internal::StreetRecord;

StreetRecord Street(const std::string& id, const std::string& source,
                    IdMatch match) {
  StreetRecord r;
  r.names = {"Kerkstraat", "", ""};
  r.postcode = "9000";
  r.nis_codes = {"44021"};
  r.region = Region::kFlanders;
  r.official_id = id;
  r.official_id_source = source;
  r.id_match = match;
  return r;
}

TEST(StreetCode, NamespacesFollowTheIdSource) {
  EXPECT_EQ(StreetCodeNamespace("best_brussels_2022"), "urbis");
  EXPECT_EQ(StreetCodeNamespace("https://databrussels.be/id/streetname"),
            "urbis");
  EXPECT_EQ(StreetCodeNamespace("crab_wegenregister_2020"), "crab");
  EXPECT_EQ(StreetCodeNamespace("https://data.vlaanderen.be/id/straatnaam"),
            "crab");
  EXPECT_EQ(StreetCodeNamespace("icar_2020"), "icar");
  EXPECT_EQ(StreetCodeNamespace("https://geodata.wallonie.be/id/streetname"),
            "icar");
  EXPECT_EQ(StreetCodeNamespace("somewhere else"), "");
}

TEST(StreetCode, OfficialIdWithPostcode) {
  EXPECT_EQ(MakeStreetCode(
                Street("70413", "crab_wegenregister_2020", IdMatch::kUnique)),
            "crab:70413@9000");
}

TEST(StreetCode, DerivedCodeIsStableAndContentBased) {
  const StreetRecord a = Street("", "", IdMatch::kNone);
  const std::string code = MakeStreetCode(a);
  EXPECT_EQ(code.rfind("gen:", 0), 0u);
  EXPECT_EQ(code.size(), std::string("gen:").size() + 12 + 5);
  EXPECT_EQ(code, MakeStreetCode(a));  // same data, same code
  StreetRecord b = a;
  b.names[0] = "Kerkstraatje";
  EXPECT_NE(MakeStreetCode(b), code);
  // An ambiguous id is not trusted: the code is derived.
  StreetRecord amb =
      Street("5", "crab_wegenregister_2020", IdMatch::kAmbiguous);
  EXPECT_EQ(MakeStreetCode(amb).rfind("gen:", 0), 0u);
}

}  // namespace
}  // namespace beladdr::importer
