#include "staging_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace beladdr::importer {
namespace {
namespace fs = std::filesystem;

TEST(StagingDir, CommitCreatesTheTarget) {
  testing::TempDir tmp;
  const std::string target = tmp.Sub("index");
  auto staging = StagingDir::Create(target);
  ASSERT_OK(staging.status());
  fs::create_directories(staging->path());
  testing::WriteFile(staging->path() + "/data", "new");
  ASSERT_OK(staging->Commit("v1"));
  EXPECT_EQ(testing::ReadFile(target + "/data"), "new");
  EXPECT_EQ(testing::ReadFile(target + "/" + kMarkerFile), "v1");
  EXPECT_FALSE(fs::exists(staging->path()));
}

TEST(StagingDir, CommitReplacesAnOldIndexAtomically) {
  testing::TempDir tmp;
  const std::string target = tmp.Sub("index");
  for (const char* version : {"old", "new"}) {
    auto staging = StagingDir::Create(target);
    ASSERT_OK(staging.status());
    fs::create_directories(staging->path());
    testing::WriteFile(staging->path() + "/data", version);
    ASSERT_OK(staging->Commit(version));
  }
  EXPECT_EQ(testing::ReadFile(target + "/data"), "new");
  // Only the target remains: the old index and the lock file are gone.
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    entries.push_back(e.path().filename().string());
  }
  EXPECT_EQ(entries, std::vector<std::string>{"index"});
}

// Issue 14.4: no .lock file is left beside the index, whether the import
// commits or fails; and the lock still keeps a second import out meanwhile.
TEST(StagingDir, LeavesNoLockFileBehind) {
  testing::TempDir tmp;
  const std::string target = tmp.Sub("index");
  {
    auto staging = StagingDir::Create(target);
    ASSERT_OK(staging.status());
    EXPECT_TRUE(fs::exists(target + ".lock"));
    EXPECT_FALSE(StagingDir::Create(target).ok());
    fs::create_directories(staging->path());
    ASSERT_OK(staging->Commit("v1"));
  }
  EXPECT_FALSE(fs::exists(target + ".lock"));
  {
    auto failed = StagingDir::Create(target);  // never committed
    ASSERT_OK(failed.status());
  }
  EXPECT_FALSE(fs::exists(target + ".lock"));
  EXPECT_TRUE(fs::exists(target + "/" + kMarkerFile));
}

TEST(StagingDir, RefusesToReplaceSomethingThatIsNotAnIndex) {
  testing::TempDir tmp;
  const std::string target = tmp.Sub("precious");
  fs::create_directories(target);
  testing::WriteFile(target + "/thesis.txt", "do not delete");
  auto staging = StagingDir::Create(target);
  ASSERT_FALSE(staging.ok());
  EXPECT_TRUE(staging.status().IsFailedPrecondition());
  EXPECT_EQ(testing::ReadFile(target + "/thesis.txt"), "do not delete");
}

TEST(StagingDir, OneImportAtATimePerTarget) {
  testing::TempDir tmp;
  auto first = StagingDir::Create(tmp.Sub("index"));
  ASSERT_OK(first.status());
  auto second = StagingDir::Create(tmp.Sub("index"));
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another beladdr-import"),
            std::string::npos);
}

TEST(StagingDir, UncommittedStagingIsRemovedAndStaleOnesCleaned) {
  testing::TempDir tmp;
  const std::string target = tmp.Sub("index");
  std::string path;
  {
    auto staging = StagingDir::Create(target);
    ASSERT_OK(staging.status());
    path = staging->path();
    fs::create_directories(path);
  }
  EXPECT_FALSE(fs::exists(path));
  // A leftover of a killed import is cleaned by the next one.
  fs::create_directories(target + ".tmp-999-0");
  auto staging = StagingDir::Create(target);
  ASSERT_OK(staging.status());
  EXPECT_FALSE(fs::exists(target + ".tmp-999-0"));
}

}  // namespace
}  // namespace beladdr::importer
