// FuzzyWords finds exactly the words within one edit (OSA), checked against
// a brute-force scan.

#include "internal/fuzzy_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "internal/edit_distance.h"

namespace beladdr::internal {
namespace {

std::vector<std::string> Found(const FuzzyWords& fuzzy,
                               const std::vector<std::string>& words,
                               std::string_view query) {
  std::vector<uint32_t> ids;
  fuzzy.Find(query, &ids);
  std::vector<std::string> out;
  for (uint32_t id : ids) out.push_back(words[id]);
  std::sort(out.begin(), out.end());
  return out;
}

FuzzyWords Build(const std::vector<std::string>& words) {
  std::vector<std::string_view> views(words.begin(), words.end());
  FuzzyWords fuzzy;
  fuzzy.Build(views);
  return fuzzy;
}

TEST(FuzzyWordsTest, EveryKindOfEdit) {
  const std::vector<std::string> words = {
      "zonnestraat", "brussel", "reuland", "grange",
      "kerkstraat",  "bonny",   "rue",     "12345"};
  const FuzzyWords fuzzy = Build(words);
  EXPECT_EQ(Found(fuzzy, words, "zonestraat"),
            std::vector<std::string>{"zonnestraat"});
  EXPECT_EQ(Found(fuzzy, words, "bdussel"),
            std::vector<std::string>{"brussel"});  // substitute
  EXPECT_EQ(Found(fuzzy, words, "rueland"),
            std::vector<std::string>{"reuland"});  // swap
  EXPECT_EQ(Found(fuzzy, words, "grqange"),
            std::vector<std::string>{"grange"});  // insert
  EXPECT_EQ(Found(fuzzy, words, "kerkstrat"),
            std::vector<std::string>{"kerkstraat"});
  // Not the word itself, nothing two edits away, no short words or numbers.
  EXPECT_TRUE(Found(fuzzy, words, "brussel").empty());
  EXPECT_TRUE(Found(fuzzy, words, "brusseles").empty());
  EXPECT_TRUE(Found(fuzzy, words, "rua").empty());
  EXPECT_TRUE(Found(fuzzy, words, "12346").empty());
  EXPECT_TRUE(Found(fuzzy, words, "").empty());
}

TEST(FuzzyWordsTest, EmptyVocabulary) {
  const FuzzyWords fuzzy = Build({});
  std::vector<uint32_t> ids;
  fuzzy.Find("anything", &ids);
  EXPECT_TRUE(ids.empty());
}

TEST(FuzzyWordsTest, MatchesBruteForceOnRandomEdits) {
  std::mt19937 rng(7);
  auto letter = [&] {
    return static_cast<char>('a' + rng() % 6);
  };  // small alphabet: many near words
  std::vector<std::string> words;
  std::set<std::string> seen;
  while (words.size() < 3000) {
    std::string w(4 + rng() % 6, ' ');
    for (char& c : w) c = letter();
    if (seen.insert(w).second) words.push_back(w);
  }
  const FuzzyWords fuzzy = Build(words);
  for (int i = 0; i < 500; ++i) {
    std::string q = words[rng() % words.size()];
    switch (rng() % 4) {
      case 0:
        q.insert(q.begin() + static_cast<long>(rng() % (q.size() + 1)),
                 letter());
        break;
      case 1:
        q.erase(q.begin() + static_cast<long>(rng() % q.size()));
        break;
      case 2:
        q[rng() % q.size()] = letter();
        break;
      default: {
        const size_t p = rng() % (q.size() - 1);
        std::swap(q[p], q[p + 1]);
      }
    }
    std::vector<std::string> expected;
    if (q.size() >= FuzzyWords::kMinLength) {
      for (const std::string& w : words) {
        if (w != q && w.size() >= FuzzyWords::kMinLength &&
            BoundedEditDistance(q, w, 1) <= 1) {
          expected.push_back(w);
        }
      }
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(Found(fuzzy, words, q), expected) << q;
  }
}

}  // namespace
}  // namespace beladdr::internal
