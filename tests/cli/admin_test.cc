// The register's admin commands of the beladdr binary: centrals add (the
// key alone on the last line), list (never the key), revoke, and
// declarations audit; with their exit statuses.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "beladdr/declarations/keys.h"
#include "beladdr/declarations/store.h"
#include "test_util.h"

namespace beladdr::testing {
namespace {

namespace decl = beladdr::declarations;

// `beladdr ARGS`: its exit code and stdout.
CommandResult Beladdr(const std::string& args) {
  return RunCommand(std::string(BELADDR_BIN_DIR) + "/beladdr " + args +
                    " 2>/dev/null");
}

std::string LastLine(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.substr(text.rfind('\n') + 1);
}

TEST(AdminCommands, CentralsAddListRevoke) {
  TempDir dir;
  const std::string uri = "rocksdb:" + dir.Sub("store");
  const CommandResult added =
      Beladdr("centrals add --declarations " + uri + " --central acme");
  ASSERT_EQ(added.exit_code, 0) << added.out;
  const std::string key = LastLine(added.out);
  EXPECT_TRUE(key.starts_with("bla_")) << added.out;
  EXPECT_EQ(key.size(), 47u);
  {
    auto store = decl::OpenDeclarationStore(uri);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->CentralOfKey(decl::KeyHash(key)).value(), "acme");
  }
  const CommandResult list = Beladdr("centrals list --declarations " + uri);
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("acme"), std::string::npos);
  EXPECT_EQ(list.out.find(key.substr(4)), std::string::npos) << "key listed";
  const std::string id = decl::KeyHash(key).substr(0, 12);
  EXPECT_NE(list.out.find(id), std::string::npos);
  EXPECT_EQ(Beladdr("centrals revoke --declarations " + uri + " --key " + id)
                .exit_code,
            0);
  EXPECT_EQ(Beladdr("centrals revoke --declarations " + uri + " --key nope")
                .exit_code,
            1);
  auto store = decl::OpenDeclarationStore(uri);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->CentralOfKey(decl::KeyHash(key)).status().IsNotFound());
  EXPECT_EQ(Beladdr("centrals add --declarations " + uri + " --central 'a b'")
                .exit_code,
            2);
  EXPECT_EQ(Beladdr("centrals add --declarations " + uri).exit_code, 2);
  EXPECT_EQ(Beladdr("centrals add --declarations ftp:x --central a").exit_code,
            2);
}

TEST(AdminCommands, AuditPrintsOneLinePerChange) {
  TempDir dir;
  const std::string uri = "rocksdb:" + dir.Sub("store");
  std::string number;
  {
    auto store = decl::OpenDeclarationStore(uri);
    ASSERT_TRUE(store.ok());
    decl::Declaration draft;
    draft.content = R"({"address":{},"user":{},"alarm":{},"contacts":[]})";
    auto made = (*store)->Create(draft, {"acme", "c-1", decl::Now()});
    ASSERT_TRUE(made.ok());
    number = made->declaration.number;
    ASSERT_TRUE((*store)->Delete(number, {"acme", "c-2", decl::Now()}).ok());
  }
  const CommandResult audit =
      Beladdr("declarations audit " + number + " --declarations " + uri);
  ASSERT_EQ(audit.exit_code, 0);
  EXPECT_EQ(std::count(audit.out.begin(), audit.out.end(), '\n'), 2);
  EXPECT_NE(audit.out.find("\"operation\":\"create\""), std::string::npos);
  EXPECT_NE(audit.out.find("\"operation\":\"delete\""), std::string::npos);
  EXPECT_NE(audit.out.find("\"correlationId\":\"c-2\""), std::string::npos);
  EXPECT_EQ(Beladdr("declarations audit 2000.01.01.0001 --declarations " + uri)
                .exit_code,
            1);
  EXPECT_EQ(
      Beladdr("declarations audit nonsense --declarations " + uri).exit_code,
      2);
}

}  // namespace
}  // namespace beladdr::testing
