// The beladdr-server program: refuses a missing index with the fix, serves
// a real index, and stops cleanly (exit 0) on SIGTERM and SIGINT.

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "server_test_util.h"
#include "test_util.h"

extern char** environ;

namespace beladdr::testing {
namespace {

// The server program with `args`, stderr and stdout to files in `dir`.
class ServerProcess {
 public:
  ServerProcess(const TempDir& dir, std::vector<std::string> args) : dir_(dir) {
    const std::string binary = std::string(BELADDR_BIN_DIR) + "/beladdr-server";
    args.insert(args.begin(), binary);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, dir.Sub("stdout").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, dir.Sub("stderr").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(),
                    environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // Waits for the "serving ... on http://host:PORT" line; 0 if it exits or
  // takes over 30 s.
  uint16_t WaitForPort() {
    static const std::regex kServing("on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 300; ++i) {
      std::smatch m;
      const std::string err = ReadFile(dir_.Sub("stderr"));
      if (std::regex_search(err, m, kServing))
        return static_cast<uint16_t>(std::stoi(m[1]));
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return 0;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }

  // Waits up to `seconds` for the exit; its exit code, or -1 if still
  // running (then killed) or killed by a signal.
  int WaitExit(int seconds) {
    if (exited_) return exit_code_;
    for (int i = 0; i < seconds * 20; ++i) {
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  void Signal(int sig) { ::kill(pid_, sig); }
  std::string Stderr() const { return ReadFile(dir_.Sub("stderr")); }
  std::string Stdout() const { return ReadFile(dir_.Sub("stdout")); }

 private:
  const TempDir& dir_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};

TEST(ServerBinaryTest, MissingIndexExitsNonZeroNamingTheFix) {
  TempDir dir;
  ServerProcess server(dir, {"--index", dir.Sub("no-index"), "--port", "0"});
  EXPECT_EQ(server.WaitForPort(), 0);
  EXPECT_EQ(server.WaitExit(10), 1);
  EXPECT_NE(server.Stderr().find("beladdr-import"), std::string::npos)
      << server.Stderr();
}

TEST(ServerBinaryTest, BadFlagsExit2) {
  TempDir dir;
  ServerProcess server(dir,
                       {"--index", SharedTinyIndexDir(), "--port", "99999"});
  EXPECT_EQ(server.WaitExit(10), 2);
  EXPECT_NE(server.Stderr().find("--port"), std::string::npos);
}

class ServerSignalTest : public ::testing::TestWithParam<int> {};

TEST_P(ServerSignalTest, ServesThenStopsCleanly) {
  TempDir dir;
  ServerProcess server(
      dir, {"--index", SharedTinyIndexDir(), "--port", "0", "--threads", "2"});
  const uint16_t port = server.WaitForPort();
  ASSERT_NE(port, 0) << server.Stderr();
  {
    TestClient client(port);
    HttpResponse res;
    ASSERT_FALSE(client.Roundtrip(Get("/SearchAddresses?q=Luik"), &res));
    EXPECT_EQ(res.result_int(), 200u);
    // An idle kept-alive connection must not hold the shutdown up.
    const auto start = std::chrono::steady_clock::now();
    server.Signal(GetParam());
    EXPECT_EQ(server.WaitExit(10), 0) << server.Stderr();
    EXPECT_LT(std::chrono::steady_clock::now() - start,
              std::chrono::seconds(3));
  }
  EXPECT_NE(server.Stderr().find("stopped"), std::string::npos);
  // The access log has the request.
  EXPECT_NE(
      server.Stdout().find("\"route\":\"/SearchAddresses\",\"status\":200"),
      std::string::npos)
      << server.Stdout();
}

INSTANTIATE_TEST_SUITE_P(Signals, ServerSignalTest,
                         ::testing::Values(SIGTERM, SIGINT), [](const auto& p) {
                           return p.param == SIGTERM ? "Term" : "Int";
                         });

}  // namespace
}  // namespace beladdr::testing
