#include "beladdr/index/name_variants.h"

#include <gtest/gtest.h>

#include "beladdr/index/index_format.h"
#include "test_util.h"

namespace beladdr::internal {
namespace {

class NameVariantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto files = Dictionary::ReadDirectory(testing::DictionaryDir());
    ASSERT_OK(files.status());
    auto dict = Dictionary::Build(*files, Normalizer::Default());
    ASSERT_OK(dict.status());
    dict_ = std::move(dict).value();
  }
  std::vector<NameVariant> Variants(const char* name, Language lang) {
    auto v = NameVariants(name, lang, Normalizer::Default(), dict_);
    EXPECT_OK(v.status());
    return v.ok() ? *v : std::vector<NameVariant>{};
  }
  Dictionary dict_;
};

TEST_F(NameVariantsTest, PlainFoldingComesFirst) {
  auto v = Variants("Rue de l'Église", Language::kFr);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].text, "rue de l eglise");
  EXPECT_EQ(v[0].flags, 0);
}

// Issue 13, mechanism 8: the district tag Charleroi's names carry is not
// what people type; the untagged name is a variant too.
TEST_F(NameVariantsTest, NamesWithATagInBracketsAlsoGoWithout) {
  auto v = Variants("Rue de la Station (MT)", Language::kFr);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "rue de la station mt");
  EXPECT_EQ(v[1].text, "rue de la station");
  EXPECT_EQ(v[1].flags, kVariantUntagged);
  for (const char* name : {"Rue (", "(CH)", "Rue X (", "Rue X ()"}) {
    for (const NameVariant& n : Variants(name, Language::kFr)) {
      EXPECT_EQ(n.flags & kVariantUntagged, 0) << name;
    }
  }
}

TEST_F(NameVariantsTest, AbbreviatedNamesGetTheirFullForm) {
  auto v = Variants("O.L.Vrouwstraat", Language::kNl);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "o l vrouwstraat");
  EXPECT_EQ(v[1].text, "onze lieve vrouwstraat");
  EXPECT_EQ(v[1].flags, kVariantExpanded);
  auto fr = Variants("Av. Dr. Schweitzer", Language::kFr);
  ASSERT_EQ(fr.size(), 2u);
  EXPECT_EQ(fr[1].text, "avenue docteur schweitzer");
}

TEST_F(NameVariantsTest, GermanUmlautsAreIndexedBothWays) {
  auto v = Variants("Lütticher Straße", Language::kDe);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "lutticher strasse");
  EXPECT_EQ(v[1].text, "luetticher strasse");
  EXPECT_EQ(v[1].flags, kVariantGermanForm);
}

TEST_F(NameVariantsTest, InvalidUtf8IsAnError) {
  auto v =
      NameVariants("Rue \xff", Language::kFr, Normalizer::Default(), dict_);
  EXPECT_TRUE(v.status().IsInvalidArgument());
}

}  // namespace
}  // namespace beladdr::internal
