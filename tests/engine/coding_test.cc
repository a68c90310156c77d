#include "beladdr/index/coding.h"

#include <gtest/gtest.h>

#include <limits>

namespace beladdr::internal {
namespace {

TEST(Coding, Varint32RoundTripsEdgeValues) {
  for (uint32_t v : {0u, 1u, 127u, 128u, 16383u, 16384u, 2097151u, 2097152u,
                     std::numeric_limits<uint32_t>::max()}) {
    std::string buf;
    PutVarint32(&buf, v);
    std::string_view in = buf;
    uint32_t out = 0;
    ASSERT_TRUE(GetVarint32(&in, &out)) << v;
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
  }
}

TEST(Coding, TruncatedVarintFails) {
  std::string buf;
  PutVarint32(&buf, 300);
  std::string_view in(buf.data(), 1);
  uint32_t out = 0;
  EXPECT_FALSE(GetVarint32(&in, &out));
}

TEST(Coding, Varint32RejectsValuesAbove32Bits) {
  std::string buf;
  PutVarint64(&buf, uint64_t{1} << 40);
  std::string_view in = buf;
  uint32_t out = 0;
  EXPECT_FALSE(GetVarint32(&in, &out));
}

TEST(Coding, IdKeysSortNumerically) {
  EXPECT_LT(EncodeIdKey(2), EncodeIdKey(10));
  EXPECT_LT(EncodeIdKey(255), EncodeIdKey(256));
  uint32_t id = 0;
  ASSERT_TRUE(DecodeIdKey(EncodeIdKey(123456), &id));
  EXPECT_EQ(id, 123456u);
  EXPECT_FALSE(DecodeIdKey("abc", &id));
}

TEST(Coding, LengthPrefixedKeepsEmbeddedZeros) {
  std::string buf;
  const std::string value("a\0b", 3);
  PutLengthPrefixed(&buf, value);
  PutLengthPrefixed(&buf, "");
  std::string_view in = buf, a, b;
  ASSERT_TRUE(GetLengthPrefixed(&in, &a));
  ASSERT_TRUE(GetLengthPrefixed(&in, &b));
  EXPECT_EQ(a, value);
  EXPECT_EQ(b, "");
  EXPECT_TRUE(in.empty());
}

TEST(Coding, LengthPrefixedRejectsOverrun) {
  std::string buf;
  PutVarint32(&buf, 10);
  buf += "abc";
  std::string_view in = buf, s;
  EXPECT_FALSE(GetLengthPrefixed(&in, &s));
}

TEST(PostingList, RoundTripsAndIsDeltaCompressed) {
  const std::vector<uint32_t> ids = {3, 4, 1000, 1001, 70000, 4000000000u};
  std::string buf;
  EncodePostingList(ids, &buf);
  std::vector<uint32_t> out;
  ASSERT_TRUE(DecodePostingList(buf, &out));
  EXPECT_EQ(out, ids);
  // Dense ids cost one byte each after the header.
  std::vector<uint32_t> dense;
  for (uint32_t i = 100000; i < 101000; ++i) dense.push_back(i);
  std::string dense_buf;
  EncodePostingList(dense, &dense_buf);
  EXPECT_LT(dense_buf.size(), 1010u);
}

TEST(PostingList, IteratorWalksWithoutMaterialising) {
  std::string buf;
  EncodePostingList({1, 5, 9}, &buf);
  PostingIterator it(buf);
  EXPECT_EQ(it.size(), 3u);
  std::vector<uint32_t> seen;
  for (; it.Valid(); it.Next()) seen.push_back(it.value());
  EXPECT_TRUE(it.ok());
  EXPECT_EQ(seen, (std::vector<uint32_t>{1, 5, 9}));
}

TEST(PostingList, EmptyList) {
  std::string buf;
  EncodePostingList({}, &buf);
  std::vector<uint32_t> out = {7};
  ASSERT_TRUE(DecodePostingList(buf, &out));
  EXPECT_TRUE(out.empty());
}

TEST(PostingList, RejectsMalformedInput) {
  std::vector<uint32_t> out;
  // Count says 3 but only two ids follow.
  std::string truncated;
  PutVarint32(&truncated, 3);
  PutVarint32(&truncated, 1);
  PutVarint32(&truncated, 1);
  EXPECT_FALSE(DecodePostingList(truncated, &out));
  // A zero gap would repeat an id.
  std::string repeat;
  PutVarint32(&repeat, 2);
  PutVarint32(&repeat, 5);
  PutVarint32(&repeat, 0);
  EXPECT_FALSE(DecodePostingList(repeat, &out));
  // Trailing garbage.
  std::string trailing;
  EncodePostingList({1}, &trailing);
  trailing.push_back('x');
  EXPECT_FALSE(DecodePostingList(trailing, &out));
  // Overflow past 2^32.
  std::string overflow;
  PutVarint32(&overflow, 2);
  PutVarint32(&overflow, 4000000000u);
  PutVarint32(&overflow, 400000000u);
  EXPECT_FALSE(DecodePostingList(overflow, &out));
  EXPECT_FALSE(DecodePostingList("", &out));
}

}  // namespace
}  // namespace beladdr::internal
