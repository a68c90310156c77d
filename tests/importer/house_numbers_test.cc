#include "house_numbers.h"

#include <gtest/gtest.h>

namespace beladdr::importer {
namespace {

TEST(HouseNumberList, ParsesNumbersAndBoxes) {
  std::vector<internal::HouseNumber> out;
  std::string error;
  ASSERT_TRUE(ParseHouseNumberList("1;3;5A;7[0001|0002]", &out, &error));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[2].number, "5A");
  EXPECT_EQ(out[3].number, "7");
  EXPECT_EQ(out[3].boxes, (std::vector<std::string>{"0001", "0002"}));
  ASSERT_TRUE(ParseHouseNumberList("", &out, &error));
  EXPECT_TRUE(out.empty());
}

TEST(HouseNumberList, RejectsMalformedItems) {
  std::vector<internal::HouseNumber> out;
  std::string error;
  EXPECT_FALSE(ParseHouseNumberList("1;;2", &out, &error));
  EXPECT_NE(error.find("empty"), std::string::npos);
  EXPECT_FALSE(ParseHouseNumberList("1[a", &out, &error));
  EXPECT_FALSE(ParseHouseNumberList("1]", &out, &error));
  EXPECT_FALSE(ParseHouseNumberList("[a]", &out, &error));
}

}  // namespace
}  // namespace beladdr::importer
