#include "test_util.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace beladdr::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ =
      std::string(base && *base ? base : "/tmp") + "/beladdr-test-XXXXXX";
  char* made = ::mkdtemp(templ.data());
  if (made == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << templ;
  }
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Sub(const std::string& name) const {
  return path_ + "/" + name;
}

std::string TinyDataDir() {
  return std::string(BELADDR_TESTDATA_DIR) + "/tiny";
}

std::string TestDataPath(const std::string& name) {
  return std::string(BELADDR_TESTDATA_DIR) + "/" + name;
}

std::string DictionaryDir() {
  return std::string(BELADDR_DATA_DIR) + "/dictionaries";
}

ImportOptions TinyImportOptions(const std::string& out_dir,
                                const std::string& data_dir) {
  ImportOptions options;
  options.data_dir = data_dir;
  options.out_dir = out_dir;
  options.dictionary_dir = DictionaryDir();
  options.street_files = {data_dir + "/streets.csv"};
  options.house_number_files = {data_dir + "/addresses_wallonia.csv",
                                data_dir + "/addresses_flanders.csv"};
  options.data_vintage = "test fixture";
  return options;
}

StatusOr<ImportSummary> BuildTinyIndex(const std::string& out_dir) {
  std::ostringstream report;
  return RunImport(TinyImportOptions(out_dir), report);
}

const std::string& SharedTinyIndexDir() {
  static TempDir* dir = new TempDir();
  static const std::string* index = [] {
    auto summary = BuildTinyIndex(dir->Sub("index"));
    if (!summary.ok()) {
      std::cerr << "tiny index: " << summary.status().ToString() << "\n";
      std::abort();
    }
    std::atexit([] { delete dir; });
    return new std::string(dir->Sub("index"));
  }();
  return *index;
}

void CopyTinyData(const std::string& dest) {
  fs::create_directories(dest);
  fs::copy(TinyDataDir(), dest, fs::copy_options::recursive);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  std::FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace beladdr::testing
