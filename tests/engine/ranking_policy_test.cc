// RankingPolicy's field registry: every field can be named and set, so the
// quality harness can sweep any of them (beladdr-quality --policy).

#include "internal/ranking_policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace beladdr::internal {
namespace {

TEST(RankingPolicyTest, ListsEveryFieldOnce) {
  const RankingPolicy policy;
  const auto fields = ListPolicyFields(policy);
  std::set<std::string> names;
  for (const auto& f : fields) names.insert(f.name);
  EXPECT_EQ(names.size(), fields.size());
  // Every field is a double or a size_t (8 bytes each): a field added to
  // the struct but not to the registry changes the size, not the list.
  static_assert(sizeof(double) == 8 && sizeof(size_t) == 8);
  EXPECT_EQ(fields.size() * 8, sizeof(RankingPolicy));
}

TEST(RankingPolicyTest, ListsTheDefaults) {
  const RankingPolicy policy;
  for (const auto& f : ListPolicyFields(policy)) {
    if (f.name == "min_score") {
      EXPECT_DOUBLE_EQ(f.value, policy.min_score);
    } else if (f.name == "word.edit_cost") {
      EXPECT_DOUBLE_EQ(f.value, policy.word.edit_cost);
    } else if (f.name == "namesake_limit") {
      EXPECT_TRUE(f.whole);
    }
  }
}

TEST(RankingPolicyTest, SetsAFieldByName) {
  RankingPolicy policy;
  ASSERT_TRUE(SetPolicyField("min_score", 0.7, &policy).ok());
  EXPECT_DOUBLE_EQ(policy.min_score, 0.7);
  ASSERT_TRUE(SetPolicyField("language.place_name", 3, &policy).ok());
  EXPECT_DOUBLE_EQ(policy.language.place_name, 3);
  ASSERT_TRUE(SetPolicyField("namesake_limit", 32, &policy).ok());
  EXPECT_EQ(policy.namesake_limit, 32u);
}

TEST(RankingPolicyTest, RejectsUnknownNamesAndFractionalCounts) {
  RankingPolicy policy;
  EXPECT_TRUE(SetPolicyField("no_such_field", 1, &policy).IsInvalidArgument());
  EXPECT_TRUE(
      SetPolicyField("namesake_limit", 1.5, &policy).IsInvalidArgument());
  EXPECT_TRUE(
      SetPolicyField("namesake_limit", -1, &policy).IsInvalidArgument());
  EXPECT_EQ(policy.namesake_limit, RankingPolicy{}.namesake_limit);
}

}  // namespace
}  // namespace beladdr::internal
