// The beladdr binary end to end on the tiny index: table, --json, --batch
// and exit statuses.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "test_util.h"

namespace beladdr::testing {
namespace {

using Result = CommandResult;

// Runs `beladdr ARGS` with stdin from `input_file` (may be empty), stderr
// appended to `out`.
// Runs beladdr with `args` (and --index the tiny index, unless
// `add_index` is false), stdin from `input_file` or /dev/null.
Result RunCli(const std::string& args, const std::string& input_file = "",
              bool add_index = true) {
  return RunCommand(
      std::string(BELADDR_BIN_DIR) + "/beladdr " + args +
      (add_index ? " --index '" + SharedTinyIndexDir() + "'" : "") +
      (input_file.empty() ? " </dev/null" : " <'" + input_file + "'") +
      " 2>&1");
}

TEST(CliTest, TableByDefault) {
  const Result r = RunCli("search chee de waterlo 1180");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("detected language: fr"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("urbis:13@1180"), std::string::npos);
  EXPECT_NE(r.out.find("Chaussée de Waterloo"), std::string::npos);
}

TEST(CliTest, JsonWithStructuredFlags) {
  const Result r = RunCli(
      "search --json --street Graanmarkt --municipality Courtrai "
      "--house-number 7 --lang fr --limit 1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("{\"detectedLanguage\":", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"streetCode\":\"crab:52118@8500\""), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"count\":1,"), std::string::npos) << r.out;
}

TEST(CliTest, ZeroMatchesIsSuccess) {
  const Result r = RunCli("search Amsterdam");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("0 results"), std::string::npos) << r.out;
}

TEST(CliTest, UsageErrorsExit2) {
  EXPECT_EQ(RunCli("search --limit 0 Luik").exit_code, 2);
  EXPECT_EQ(RunCli("search --lang en Luik").exit_code, 2);
  EXPECT_EQ(RunCli("search --frobnicate Luik").exit_code, 2);
  EXPECT_EQ(RunCli("search").exit_code, 2);  // nothing to search
  EXPECT_EQ(RunCli("lookup Luik").exit_code, 2);
}

// Issue 14.14: flags parsed by CLI11: --flag=value, --version and --
// work; a usage error is one line plus a hint (not the whole help).
TEST(CliTest, FlagsBehaveLikeAUnixTool) {
  const Result eq = RunCli("search --limit=1 --json Kerkstraat");
  EXPECT_EQ(eq.exit_code, 0) << eq.out;
  EXPECT_NE(eq.out.find("\"count\":1"), std::string::npos) << eq.out;
  EXPECT_EQ(RunCli("--version").exit_code, 0);
  // After --, words are the query even when they look like flags.
  const Result dashes =
      RunCli("search --json --index '" + SharedTinyIndexDir() + "' -- -Luik",
             "", false);
  EXPECT_EQ(dashes.exit_code, 0) << dashes.out;
  EXPECT_NE(dashes.out.find("62063"), std::string::npos) << dashes.out;
  const Result bad = RunCli("search --frobnicate Luik");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("--frobnicate"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("Run with --help"), std::string::npos) << bad.out;
  EXPECT_EQ(std::count(bad.out.begin(), bad.out.end(), '\n'), 2) << bad.out;
  EXPECT_NE(RunCli("lookup Luik").out.find("unknown command 'lookup'"),
            std::string::npos);
}

TEST(CliTest, MissingIndexExits1WithTheFix) {
  TempDir dir;
  const std::string command = std::string(BELADDR_BIN_DIR) +
                              "/beladdr search Luik --index '" +
                              dir.Sub("none") + "' 2>&1";
  std::FILE* p = ::popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[4096];
  const size_t n = std::fread(buf, 1, sizeof(buf), p);
  const int status = ::pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(std::string(buf, n).find("beladdr-import"), std::string::npos)
      << std::string(buf, n);
}

TEST(CliTest, BatchExitStatusReportsFailedLines) {
  TempDir dir;
  const std::string good = dir.Sub("good.jsonl");
  WriteFile(good, "{\"query\": \"Luik\"}\n{\"query\": \"Gent\"}\n");
  const Result ok = RunCli("search --batch", good);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  const std::string bad = dir.Sub("bad.csv");
  WriteFile(bad, "query\nLuik\n\"oops\n");
  const Result failed = RunCli("search --batch --threads 2", bad);
  EXPECT_EQ(failed.exit_code, 1) << failed.out;
  EXPECT_NE(failed.out.find("stdin:3: unterminated"), std::string::npos)
      << failed.out;
  EXPECT_NE(failed.out.find("1 of 2 requests failed"), std::string::npos)
      << failed.out;
}

TEST(CliTest, ResolveTableAndJson) {
  Result r = RunCli("resolve Rue Haute --postcode 7090 --house-number 99");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("unique, detected language: fr, issues: "
                       "houseNumberUnknown"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("icar:7716673@7090"), std::string::npos) << r.out;
  r = RunCli("resolve --json --street Hoogstraat --limit 2");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("{\"status\":\"ambiguous\"", 0), 0u) << r.out;
  r = RunCli("resolve --json --street-code crab:999@9000");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\"streetCodeUnknown\""), std::string::npos) << r.out;
  r = RunCli("resolve --postcode 9000");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("'street' or 'streetCode'"), std::string::npos);
}

TEST(CliTest, ResolveBatchCsvAndJsonLines) {
  TempDir dir;
  const std::string csv = dir.Sub("in.csv");
  WriteFile(csv,
            "street,houseNumber,postCode,streetCode\n"
            "Hoogstraat,5,9000,\n"
            ",,,icar:7716673@7090\n"
            "Hoogstraat,,,\n");
  Result r = RunCli("resolve --batch", csv);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const size_t first = r.out.find("\"status\":\"unique\"");
  const size_t second = r.out.find("\"status\":\"unique\"", first + 1);
  const size_t third = r.out.find("\"status\":\"ambiguous\"");
  EXPECT_NE(first, std::string::npos) << r.out;
  EXPECT_NE(second, std::string::npos) << r.out;
  EXPECT_GT(third, second) << r.out;
  const std::string jsonl = dir.Sub("in.jsonl");
  WriteFile(jsonl,
            "{\"street\": \"Rue Haute\", \"postCode\": \"7090\"}\n"
            "{\"query\": \"Rue Haute\"}\n");
  r = RunCli("resolve --batch", jsonl);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("stdin:2: unknown field 'query'"), std::string::npos)
      << r.out;
  const std::string bad_header = dir.Sub("bad.csv");
  WriteFile(bad_header, "query\nx\n");
  r = RunCli("resolve --batch", bad_header);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("streetCode"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace beladdr::testing
