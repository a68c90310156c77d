// Helpers shared by the test suites: Status assertions, a private temporary
// directory per test, and the tiny fixture index.

#ifndef BELADDR_TESTS_TEST_UTIL_H_
#define BELADDR_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "beladdr/importer.h"
#include "beladdr/status.h"

#define ASSERT_OK(expr)                                    \
  do {                                                     \
    const ::beladdr::Status beladdr_s_ = (expr);           \
    ASSERT_TRUE(beladdr_s_.ok()) << beladdr_s_.ToString(); \
  } while (0)

#define EXPECT_OK(expr)                                    \
  do {                                                     \
    const ::beladdr::Status beladdr_s_ = (expr);           \
    EXPECT_TRUE(beladdr_s_.ok()) << beladdr_s_.ToString(); \
  } while (0)

namespace beladdr::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents when
// the object goes out of scope. Each test gets its own: no shared paths.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string Sub(const std::string& name) const;

 private:
  std::string path_;
};

// tests/testdata/tiny: real rows of data/, cut by tests/testdata/make_tiny.py.
std::string TinyDataDir();
// tests/testdata/<name>
std::string TestDataPath(const std::string& name);
// data/dictionaries: the shipped abbreviation rules.
std::string DictionaryDir();

// Options importing the tiny fixture (in `data_dir`, default TinyDataDir())
// into `out_dir`.
ImportOptions TinyImportOptions(const std::string& out_dir,
                                const std::string& data_dir = TinyDataDir());

// Imports the tiny fixture into `out_dir`.
StatusOr<ImportSummary> BuildTinyIndex(const std::string& out_dir);

// The tiny fixture imported once per test binary into a private temporary
// directory (removed at exit); aborts the binary if the import fails.
const std::string& SharedTinyIndexDir();

// Copies the tiny fixture into `dest` (created), so a test may edit it.
void CopyTinyData(const std::string& dest);

// Runs a shell command; its exit code (-1 when killed) and its stdout.
struct CommandResult {
  int exit_code = -1;
  std::string out;
};
CommandResult RunCommand(const std::string& command);

// Reads or writes a whole file.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace beladdr::testing

#endif  // BELADDR_TESTS_TEST_UTIL_H_
