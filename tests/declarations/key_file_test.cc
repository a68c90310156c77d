// The embedded store's key file: a file cut short or damaged is an error
// naming the file and line, never a file with fewer keys.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "test_util.h"

namespace beladdr::declarations {
namespace {

TEST(KeyFile, ACutOrDamagedFileIsAnErrorNotFewerKeys) {
  beladdr::testing::TempDir dir;
  const std::string path = dir.Sub("store");
  auto store = OpenDeclarationStore("rocksdb:" + path);
  ASSERT_TRUE(store.ok());
  std::vector<NewKey> keys;
  for (const char* central : {"a", "b", "c"}) {
    keys.push_back(MakeKey(central, Now()).value());
    ASSERT_TRUE((*store)->AddKey(keys.back().record).ok());
  }
  const std::string file = path + "/centrals";
  const std::string whole = beladdr::testing::ReadFile(file);
  ASSERT_EQ((*store)->ListKeys()->size(), 3u);
  // Cut at every line boundary and inside lines: each is an error.
  for (size_t cut : {size_t{0}, whole.find('\n') + 1, whole.size() / 2,
                     whole.rfind("#end"), whole.size() - 2}) {
    if (cut == 0) continue;  // an empty file is a store without keys
    beladdr::testing::WriteFile(file, whole.substr(0, cut));
    auto listed = (*store)->ListKeys();
    ASSERT_FALSE(listed.ok()) << "cut at " << cut;
    EXPECT_TRUE(listed.status().IsCorruption());
    EXPECT_NE(listed.status().message().find(file + ":"), std::string::npos)
        << listed.status().message();
    // Authentication fails closed with the reason, not as "unknown key".
    const auto central = (*store)->CentralOfKey(KeyHash(keys[0].secret));
    EXPECT_TRUE(central.status().IsCorruption());
  }
  // A damaged line.
  std::string damaged = whole;
  damaged[damaged.find('\t')] = ' ';
  beladdr::testing::WriteFile(file, damaged);
  EXPECT_NE((*store)->ListKeys().status().message().find(file + ":1:"),
            std::string::npos);
  // Whole again: all three.
  beladdr::testing::WriteFile(file, whole);
  EXPECT_EQ((*store)->ListKeys()->size(), 3u);
  EXPECT_EQ((*store)->CentralOfKey(KeyHash(keys[2].secret)).value(), "c");
}

}  // namespace
}  // namespace beladdr::declarations
