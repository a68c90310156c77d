// Replays every input under fuzz/regressions/<target>/ (what the fuzzers
// found, kept after the fix) and a set of hostile inputs through the fuzz
// entry points, in the normal suite: a fixed bug stays fixed without
// clang or libFuzzer. A failure aborts, so the test binary dies naming the
// input in its trace.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_targets.h"
#include "test_util.h"

namespace beladdr::testing {
namespace {

namespace fs = std::filesystem;

class ReplayTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() { fuzz::SetIndexDir(SharedTinyIndexDir()); }

  void Run(const std::string& input) {
    SCOPED_TRACE(input.substr(0, 200));
    fuzz::Target target = fuzz::FindTarget(GetParam());
    ASSERT_NE(target, nullptr);
    target(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
};

TEST_P(ReplayTest, RegressionInputs) {
  const fs::path dir =
      fs::path(BELADDR_SOURCE_DIR) / "fuzz" / "regressions" / GetParam();
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md")
      continue;
    SCOPED_TRACE(entry.path().string());
    Run(ReadFile(entry.path().string()));
    ++replayed;
  }
  RecordProperty("replayed", static_cast<int>(replayed));
}

TEST_P(ReplayTest, HostileInputs) {
  std::vector<std::string> inputs = {
      "",
      std::string(1, '\0'),
      "\xff\xfe\xfd",
      "\xc0\xaf",              // overlong '/'
      "\xe0\x80\xaf",          // overlong, 3 bytes
      "\xed\xa0\x80",          // a surrogate
      "\xf4\x90\x80\x80",      // past U+10FFFF
      "rue de l\xc3",          // truncated sequence
      std::string(5000, 'a'),  // over every field limit
      std::string(2000, ' '),
      "12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 12 "
      "12 12 12",
      "Lu\xcc\x88ttich",  // combining diaeresis
      "\xef\xbc\xac\xef\xbd\x95\xef\xbd\x89\xef\xbd\x8b",  // full-width
      std::string(100, '[') + std::string(100, ']'),
      std::string(10000, '{'),
      "{\"query\": \"Luik\", \"limit\": 1e309}",
      "{\"query\": \"\\ud800\"}",
      "{\"street\": \"Kerkstraat\", \"streetCode\": \"\\u0000\"}",
      "q=%ff%fe&postCode=%zz",
      "GET /SearchAddresses?q=Luik HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /ConsumerPing HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /SearchAddresses HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      "ffffffff\r\n",
      "POST /ResolveAddress HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: 20\r\n\r\n{\"street\": "
      "\"\xc0\xaf\"}",
      "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n",
      "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  // a TLS hello
  };
  for (const std::string& input : inputs) Run(input);
}

INSTANTIATE_TEST_SUITE_P(Targets, ReplayTest,
                         ::testing::Values("normalizer", "query_parser",
                                           "json_decoder", "handler"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace beladdr::testing
