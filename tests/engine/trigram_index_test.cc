#include "internal/trigram_index.h"

#include <gtest/gtest.h>

#include <vector>

#include "beladdr/index/coding.h"
#include "test_util.h"

namespace beladdr::internal {
namespace {

Trigram T(const char* s) {
  return (static_cast<Trigram>(static_cast<uint8_t>(s[0])) << 16) |
         (static_cast<Trigram>(static_cast<uint8_t>(s[1])) << 8) |
         static_cast<uint8_t>(s[2]);
}

void AddList(TrigramIndex* index, Trigram t, const std::vector<uint32_t>& ids) {
  std::string encoded;
  EncodePostingList(ids, &encoded);
  ASSERT_OK(index->Add(t, encoded));
}

std::vector<uint32_t> Ids(std::span<const uint32_t> span) {
  return std::vector<uint32_t>(span.begin(), span.end());
}

TEST(TrigramIndex, ListsAreAscendingAndUnknownTrigramsEmpty) {
  TrigramIndex index;
  AddList(&index, T("abc"), {1, 4, 9});
  EXPECT_EQ(Ids(index.Postings(T("abc"))), (std::vector<uint32_t>{1, 4, 9}));
  EXPECT_TRUE(index.Postings(T("xyz")).empty());
  EXPECT_EQ(index.DocumentFrequency(T("abc")), 3u);
  std::string encoded;
  EncodePostingList({2}, &encoded);
  EXPECT_FALSE(index.Add(T("abc"), encoded).ok());  // listed twice
  EXPECT_FALSE(index.Add(T("a-c"), encoded).ok());  // not a folded byte
}

TEST(TrigramIndex, SortByKeySelectsKeyRangesInKeyThenIdOrder) {
  TrigramIndex index;
  AddList(&index, T("abc"), {0, 1, 2, 3, 4, 5});
  AddList(&index, T("bcd"), {2, 5});
  //                               id: 0  1  2  3  4  5
  const std::vector<uint8_t> lengths = {9, 5, 7, 5, 12, 7};
  ASSERT_OK(index.SortByKey(lengths));
  EXPECT_EQ(Ids(index.Postings(T("abc"))),
            (std::vector<uint32_t>{1, 3, 2, 5, 0, 4}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("abc"), 6, 9)),
            (std::vector<uint32_t>{2, 5, 0}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("abc"), 5, 5)),
            (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("abc"), 13, 255)),
            (std::vector<uint32_t>{}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("abc"), 0, 255)),
            (std::vector<uint32_t>{1, 3, 2, 5, 0, 4}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("bcd"), 0, 6)),
            (std::vector<uint32_t>{}));
  EXPECT_EQ(Ids(index.PostingsWithKeys(T("bcd"), 7, 7)),
            (std::vector<uint32_t>{2, 5}));
  EXPECT_TRUE(index.PostingsWithKeys(T("xyz"), 0, 255).empty());
  EXPECT_TRUE(index.PostingsWithKeys(T("abc"), 9, 6).empty());
}

TEST(TrigramIndex,
     SortByKeyRejectsIdsWithoutKeyAndUnsortedIndexSelectsNothing) {
  TrigramIndex index;
  AddList(&index, T("abc"), {0, 3});
  EXPECT_TRUE(index.PostingsWithKeys(T("abc"), 0, 255).empty());
  EXPECT_FALSE(index.SortByKey({1, 2}).ok());  // no key for id 3
}

}  // namespace
}  // namespace beladdr::internal
