// The importer end to end on the tiny fixture: counts, every kind of bad
// row, --skip-bad-rows, StreetCode stability, the BeSt layout, and crash
// safety (a real beladdr-import killed with SIGKILL at each stage).

#include "beladdr/importer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "beladdr/index/coding.h"
#include "beladdr/index/index_reader.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/index_info.h"
#include "beladdr/searcher.h"
#include "staging_dir.h"
#include "test_util.h"

namespace beladdr {
namespace {

namespace fs = std::filesystem;
using internal::Cf;
using testing::TempDir;

std::vector<std::pair<std::string, std::string>> DumpCf(const std::string& dir,
                                                        Cf cf) {
  IndexInfo info;
  auto store = internal::OpenCheckedIndex(dir, &info);
  EXPECT_OK(store.status());
  std::vector<std::pair<std::string, std::string>> out;
  if (!store.ok()) return out;
  EXPECT_OK((*store)->ForEach(cf, [&](std::string_view k, std::string_view v) {
    out.emplace_back(std::string(k), std::string(v));
    return Status::OK();
  }));
  return out;
}

internal::StreetRecord StreetByCode(const std::string& dir,
                                    const std::string& code) {
  IndexInfo info;
  auto store = internal::OpenCheckedIndex(dir, &info);
  EXPECT_OK(store.status());
  internal::StreetRecord r;
  if (!store.ok()) return r;
  std::string id;
  EXPECT_OK((*store)->Get(Cf::kStreetCodes, code, &id));
  std::string value;
  EXPECT_OK((*store)->Get(Cf::kStreets, id, &value));
  EXPECT_OK(internal::DecodeStreetRecord(value, &r));
  return r;
}

TEST(Importer, BuildsTheTinyIndex) {
  TempDir tmp;
  auto summary = testing::BuildTinyIndex(tmp.Sub("index"));
  ASSERT_OK(summary.status());
  EXPECT_EQ(summary->streets, 866u);
  EXPECT_EQ(summary->municipalities, 14u);
  EXPECT_EQ(summary->bad_rows, 0u);
  EXPECT_GT(summary->street_variants, summary->streets);
  EXPECT_GT(summary->trigrams, 500u);
  EXPECT_GT(summary->house_numbers, 1000u);

  auto info = ReadIndexInfo(tmp.Sub("index"));
  ASSERT_OK(info.status());
  EXPECT_EQ(info->format_version, SupportedIndexFormatVersion());
  EXPECT_EQ(info->streets, 866u);
  EXPECT_EQ(info->data_vintage, "test fixture");
  EXPECT_FALSE(info->built_at.empty());
  EXPECT_GT(info->size_on_disk, 0u);
}

TEST(Importer, KeepsAccentsAndApostrophesInRecords) {
  TempDir tmp;
  ASSERT_OK(testing::BuildTinyIndex(tmp.Sub("index")).status());
  internal::StreetRecord r = StreetByCode(tmp.Sub("index"), "urbis:1195@1060");
  EXPECT_EQ(r.names[1], "Rue de l'Eglise Saint-Gilles");
  EXPECT_EQ(r.names[0], "Sint-Gilliskerkstraat");
  EXPECT_EQ(r.nis_codes, (std::vector<std::string>{"21013"}));
  EXPECT_EQ(r.region, internal::Region::kBrussels);
  internal::StreetRecord de =
      StreetByCode(tmp.Sub("index"), "icar:7735714@4700");
  EXPECT_EQ(de.names[2], "Aachener Straße");
  EXPECT_GT(de.house_number_count, 0u);
}

TEST(Importer, ReimportGivesIdenticalStreetCodes) {
  TempDir tmp;
  ASSERT_OK(testing::BuildTinyIndex(tmp.Sub("a")).status());
  ASSERT_OK(testing::BuildTinyIndex(tmp.Sub("b")).status());
  const auto a = DumpCf(tmp.Sub("a"), Cf::kStreetCodes);
  EXPECT_EQ(a, DumpCf(tmp.Sub("b"), Cf::kStreetCodes));
  EXPECT_EQ(a.size(), 866u);

  // The same rows in reverse order still get the same codes.
  testing::CopyTinyData(tmp.Sub("data"));
  std::istringstream in(testing::ReadFile(tmp.Sub("data/streets.csv")));
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  std::string reversed = header + "\n";
  for (auto it = lines.rbegin(); it != lines.rend(); ++it)
    reversed += *it + "\n";
  testing::WriteFile(tmp.Sub("data/streets.csv"), reversed);
  std::ostringstream report;
  ASSERT_OK(RunImport(testing::TinyImportOptions(tmp.Sub("c"), tmp.Sub("data")),
                      report)
                .status());
  EXPECT_EQ(DumpCf(tmp.Sub("c"), Cf::kStreetCodes), a);
}

TEST(Importer, ReadsTheBestPostalStreetsLayout) {
  TempDir tmp;
  ImportOptions options = testing::TinyImportOptions(tmp.Sub("index"));
  options.street_files = {
      testing::TestDataPath("best_postalstreets_sample.csv")};
  std::ostringstream report;
  auto summary = RunImport(options, report);
  ASSERT_OK(summary.status());
  EXPECT_EQ(summary->streets, 20u);
  internal::StreetRecord r = StreetByCode(tmp.Sub("index"), "urbis:4177@1060");
  EXPECT_EQ(r.names[0], "Defacqzstraat");
  EXPECT_EQ(r.names[1], "Rue Defacqz");
  EXPECT_EQ(r.official_id, "4177");
  EXPECT_EQ(r.official_id_version, "2");
  EXPECT_EQ(r.nis_codes, (std::vector<std::string>{"21013"}));
}

// One bad row added to (or changed in) a fixture file.
struct BadRowCase {
  const char* name;
  const char* file;
  std::string row;       // appended to the file
  const char* expected;  // in the "file:line: ..." report line
  size_t line_offset;    // the bad line, counted from the appended text
};

void PrintTo(const BadRowCase& c, std::ostream* os) { *os << c.name; }

std::string AppendRow(const std::string& path, const std::string& row,
                      size_t* line) {
  std::string content = testing::ReadFile(path);
  *line =
      static_cast<size_t>(std::count(content.begin(), content.end(), '\n')) + 1;
  content += row + "\n";
  testing::WriteFile(path, content);
  return path;
}

class BadRows : public ::testing::TestWithParam<BadRowCase> {};

TEST_P(BadRows, FailTheImportWithFileAndLineAndWriteNothing) {
  const BadRowCase& c = GetParam();
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t line = 0;
  const std::string path = AppendRow(tmp.Sub("data/") + c.file, c.row, &line);
  line += c.line_offset;

  std::ostringstream report;
  auto summary = RunImport(
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data")), report);
  ASSERT_FALSE(summary.ok());
  EXPECT_TRUE(summary.status().IsInvalidArgument());
  EXPECT_NE(summary.status().message().find("1 bad rows"), std::string::npos)
      << summary.status().ToString();
  const std::string want =
      path + ":" + std::to_string(line) + ": " + c.expected;
  EXPECT_NE(report.str().find(want), std::string::npos)
      << "want: " << want << "\nreport:\n"
      << report.str();
  EXPECT_FALSE(fs::exists(tmp.Sub("index")));

  // With --skip-bad-rows the other rows go in, and the skip is counted.
  ImportOptions options =
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data"));
  options.skip_bad_rows = true;
  std::ostringstream report2;
  auto skipped = RunImport(options, report2);
  ASSERT_OK(skipped.status());
  EXPECT_EQ(skipped->bad_rows, 1u);
  EXPECT_NE(report2.str().find(want), std::string::npos);
  EXPECT_NE(report2.str().find("skipping 1 bad rows"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    EachReason, BadRows,
    ::testing::Values(
        BadRowCase{
            "WrongColumnCount", "streets.csv",
            "t:1,BE-VLG,9000,44021,Teststraat,,,,,,none,,Gent,Gand,,extra",
            "expected 15 columns, found 16", 0},
        BadRowCase{"EmptyName", "streets.csv",
                   "t:2,BE-VLG,9000,44021,,,,,,,none,,Gent,Gand,",
                   "street has no name", 0},
        BadRowCase{"PostcodeNotFourDigits", "streets.csv",
                   "t:3,BE-VLG,900,44021,Teststraat,,,,,,none,,Gent,Gand,",
                   "postcode '900' is not 4 digits", 0},
        BadRowCase{"UnknownNis", "streets.csv",
                   "t:4,BE-VLG,9000,99999,Teststraat,,,,,,none,,Gent,Gand,",
                   "unknown NIS code '99999'", 0},
        BadRowCase{"InvalidUtf8", "streets.csv",
                   "t:5,BE-VLG,9000,44021,Test\xff"
                   "straat,,,,,,none,,Gent,Gand,",
                   "invalid UTF-8 in column 'name_nl'", 0},
        BadRowCase{"DuplicateStreetKey", "streets.csv",
                   "t:6,BE-VLG,9000,44021,Teststraat,,,,,,none,,Gent,Gand,\n"
                   "t:6,BE-VLG,9000,44021,Andere straat,,,,,,none,,Gent,Gand,",
                   "duplicate street_key 't:6'", 1},
        BadRowCase{"DuplicateStreetCode", "streets.csv",
                   "t:7,BE-VLG,9000,44021,Lagestraat,,,70413,,"
                   "crab_wegenregister_2020,unique,,Gent,Gand,",
                   "duplicate StreetCode crab:70413@9000", 0},
        BadRowCase{"RegionDisagreesWithMunicipality", "streets.csv",
                   "t:8,BE-WAL,9000,44021,Teststraat,,,,,,none,,Gent,Gand,",
                   "region BE-WAL disagrees with municipality 44021", 0},
        BadRowCase{"MunicipalityNisNotFiveDigits", "municipalities_2025.csv",
                   "123,X,X,X,x,BE-VLG,N,,,,,,,,no",
                   "NIS code '123' is not 5 digits", 0},
        BadRowCase{"LocalityPostcode", "postal_localities_bpost_2025.csv",
                   "90000,Gent,Gand,0,GENT,,0,44021,Gent,Gand,Gent,",
                   "postcode '90000' is not 4 digits", 0},
        BadRowCase{"AliasOfUnknownMunicipality",
                   "municipality_names_aliases.csv", "77777,Nowhere,nl,test",
                   "unknown NIS code '77777'", 0},
        BadRowCase{"HouseNumberCountMismatch", "addresses_flanders.csv",
                   "9000,Gent,Hoogstraat,3,1;2", "n_house_numbers '3'", 0}),
    [](const ::testing::TestParamInfo<BadRowCase>& p) {
      return std::string(p.param.name);
    });

TEST(Importer, MergesSpellingDuplicatesOfOneStreet) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t line = 0;
  // Hoogstraat, Gent (crab:70413@9000) once more, in capitals.
  AppendRow(tmp.Sub("data/streets.csv"),
            "t:dup,BE-VLG,9000,44021,HOOGSTRAAT,,,70413,,"
            "crab_wegenregister_2020,unique,,Gent,Gand,",
            &line);
  std::ostringstream report;
  auto summary = RunImport(
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data")), report);
  ASSERT_OK(summary.status());
  EXPECT_EQ(summary->spelling_duplicates_merged, 1u);
  EXPECT_EQ(summary->bad_rows, 0u);
  EXPECT_EQ(summary->streets, 866u);
  EXPECT_NE(
      report.str().find(":" + std::to_string(line) + ": note: same street"),
      std::string::npos)
      << report.str();
}

// A street may use a postcode the postal tables no longer list (1010 in
// Brussels): the index still knows it as a postcode of that municipality,
// so that a query giving it reads it as the postcode.
TEST(Importer, KnowsEveryPostcodeTheStreetsUse) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t line = 0;
  AppendRow(tmp.Sub("data/streets.csv"),
            "t:unlisted,BE-BRU,1010,21004,Pachecolaan,Boulevard Pachéco,,"
            "5054,2,best_brussels_2022,official,,,,",
            &line);
  std::ostringstream report;
  auto summary = RunImport(
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data")), report);
  ASSERT_OK(summary.status());
  bool found = false;
  for (const auto& [key, value] : DumpCf(tmp.Sub("index"), Cf::kPostcodes)) {
    if (key != "1010") continue;
    found = true;
    internal::PostcodeRecord r;
    ASSERT_OK(internal::DecodePostcodeRecord(value, &r));
    EXPECT_EQ(r.nis_codes, std::vector<std::string>{"21004"});
  }
  EXPECT_TRUE(found);
}

// Issue 14.2: house-number rows that match no street are not fatal, but
// reported with file:line and counted per reason.
TEST(Importer, ReportsHouseNumberRowsThatMatchNoStreet) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t unknown_name = 0, no_streets = 0, elsewhere = 0;
  const std::string path =
      AppendRow(tmp.Sub("data/addresses_flanders.csv"),
                "9000,Gent,Nergensstraat,2,1;3", &unknown_name);
  AppendRow(path, "3668,Niel-bij-As,Bremstraat,1,4", &no_streets);
  AppendRow(path, "8500,Kortrijk,Hoogstraat,1,5", &elsewhere);
  std::ostringstream report;
  auto summary = RunImport(
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data")), report);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << report.str();
  EXPECT_EQ(summary->bad_rows, 0u);
  const std::string text = report.str();
  for (const auto& [line, what] :
       {std::pair{unknown_name, "9000 Nergensstraat"},
        std::pair{no_streets, "3668 Bremstraat"},
        std::pair{elsewhere, "8500 Hoogstraat"}}) {
    EXPECT_NE(text.find(path + ":" + std::to_string(line) + ": " + what),
              std::string::npos)
        << what << "\n"
        << text;
  }
  std::map<std::string, size_t> reasons(
      summary->house_number_unlinked_by_reason.begin(),
      summary->house_number_unlinked_by_reason.end());
  EXPECT_GE(reasons["no street of the list has the name"], 1u);
  EXPECT_GE(reasons["the street list has no street in the postcode"], 1u);
  EXPECT_GE(reasons["the street name exists in other postcodes only"], 1u);
  size_t total = 0;
  for (const auto& [reason, count] : reasons) total += count;
  EXPECT_EQ(total, summary->house_number_rows_unlinked);
}

// Issue 14.3: bpost 2025 is the authority on which municipalities a
// postcode serves. A link only Statbel's 2019 table makes (1000 ->
// Etterbeek) is stale unless a street confirms it, and is reported.
TEST(Importer, PostcodeLinksNeedBpostOrAStreet) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t line = 0;
  // A street of Etterbeek (21005) in postcode 1040 confirms that link; no
  // street confirms 1000 -> 21005 (line 3 of the tiny table).
  AppendRow(tmp.Sub("data/postcode_to_nis_2025.csv"),
            "1040,21005,Etterbeek,Etterbeek,statbel2019_updated2025", &line);
  AppendRow(tmp.Sub("data/streets.csv"),
            "t:ett,BE-BRU,1040,21005,Oudergemlaan,Avenue d'Auderghem,,"
            "9999,2,best_brussels_2022,official,,,,",
            &line);
  std::ostringstream report;
  auto summary = RunImport(
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data")), report);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << report.str();
  EXPECT_NE(report.str().find("postcode_to_nis_2025.csv:3: 1000 -> 21005"),
            std::string::npos)
      << report.str();
  std::map<std::string, std::vector<std::string>> nis_of;
  for (const auto& [key, value] : DumpCf(tmp.Sub("index"), Cf::kPostcodes)) {
    internal::PostcodeRecord r;
    ASSERT_OK(internal::DecodePostcodeRecord(value, &r));
    nis_of[key] = r.nis_codes;
  }
  EXPECT_EQ(nis_of["1000"], std::vector<std::string>{"21004"});
  const auto& p1040 = nis_of["1040"];
  EXPECT_NE(std::find(p1040.begin(), p1040.end(), "21005"), p1040.end());
}

// A plain CSV that ends inside a quoted field is cut short or broken: the
// quote swallowed the rest of the file. The import fails, even with
// --skip-bad-rows, naming the file and the line, and writes nothing.
TEST(Importer, CsvEndingInsideAQuotedFieldFailsTheImport) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  size_t line = 0;
  const std::string path = AppendRow(
      tmp.Sub("data/streets.csv"),
      "t:9,\"BE-VLG,9000,44021,Teststraat,,,,,,none,,Gent,Gand,", &line);
  for (bool skip : {false, true}) {
    ImportOptions options =
        testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data"));
    options.skip_bad_rows = skip;
    std::ostringstream report;
    auto summary = RunImport(options, report);
    ASSERT_FALSE(summary.ok()) << "skip_bad_rows " << skip;
    const std::string message = summary.status().message();
    EXPECT_NE(message.find(path + ":" + std::to_string(line) +
                           ": the file ends inside a quoted field"),
              std::string::npos)
        << message;
    EXPECT_NE(
        message.find("the last whole line read is " + std::to_string(line - 1)),
        std::string::npos)
        << message;
    EXPECT_FALSE(fs::exists(tmp.Sub("index")));
  }
}

// A street file cut short (gzip, as shipped) fails the import, naming the
// file, and leaves no index: its tail is never dropped silently.
TEST(Importer, TruncatedStreetFileFailsTheImport) {
  TempDir tmp;
  testing::CopyTinyData(tmp.Sub("data"));
  const std::string csv = testing::ReadFile(tmp.Sub("data/streets.csv"));
  const std::string gz_path = tmp.Sub("data/streets.csv.gz");
  gzFile gz = gzopen(gz_path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, csv.data(), static_cast<unsigned>(csv.size()));
  gzclose(gz);
  const std::string whole = testing::ReadFile(gz_path);
  testing::WriteFile(gz_path, whole.substr(0, whole.size() * 2 / 3));
  ImportOptions options =
      testing::TinyImportOptions(tmp.Sub("index"), tmp.Sub("data"));
  options.street_files = {gz_path};
  std::ostringstream report;
  auto summary = RunImport(options, report);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().ToString().find("streets.csv.gz"),
            std::string::npos)
      << summary.status().ToString();
  EXPECT_FALSE(fs::exists(tmp.Sub("index")));
}

TEST(Importer, MissingInputFileIsNamed) {
  TempDir tmp;
  ImportOptions options = testing::TinyImportOptions(tmp.Sub("index"));
  options.street_files = {tmp.Sub("nope.csv")};
  std::ostringstream report;
  auto summary = RunImport(options, report);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("nope.csv"), std::string::npos);
  EXPECT_FALSE(fs::exists(tmp.Sub("index")));
}

TEST(IndexVersion, OtherFormatVersionIsRefusedWithTheFix) {
  TempDir tmp;
  {
    auto writer = internal::IndexWriter::Create(tmp.Sub("index"));
    ASSERT_OK(writer.status());
    internal::KeyValues meta = {{internal::kMetaFormatVersion, "999"}};
    ASSERT_OK((*writer)->Write(Cf::kDefault, &meta));
    ASSERT_OK((*writer)->Finish());
  }
  auto info = ReadIndexInfo(tmp.Sub("index"));
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(info.status().IsFailedPrecondition());
  EXPECT_NE(info.status().message().find("format version 999"),
            std::string::npos);
  EXPECT_NE(info.status().message().find("beladdr-import"), std::string::npos);
}

TEST(IndexVersion, MissingIndexSaysHowToBuildIt) {
  TempDir tmp;
  auto info = ReadIndexInfo(tmp.Sub("nothing-here"));
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(info.status().IsNotFound());
  EXPECT_NE(info.status().message().find("beladdr-import"), std::string::npos);
}

// Starts the real beladdr-import into `out` (stderr to `log`); when
// `stall_at` is not empty it stops forever at that stage.
pid_t StartImport(const std::string& out, const std::string& log,
                  const std::string& stall_at) {
  const std::string bin = std::string(BELADDR_BIN_DIR) + "/beladdr-import";
  const std::string data = testing::TinyDataDir();
  std::vector<std::string> args = {bin,
                                   "--data",
                                   data,
                                   "--out",
                                   out,
                                   "--dictionaries",
                                   testing::DictionaryDir(),
                                   "--streets",
                                   data + "/streets.csv",
                                   "--house-numbers",
                                   data + "/addresses_wallonia.csv",
                                   "--quiet"};
  const pid_t pid = fork();
  if (pid == 0) {
    if (!stall_at.empty())
      setenv("BELADDR_IMPORT_STALL_AT", stall_at.c_str(), 1);
    if (freopen(log.c_str(), "w", stderr) == nullptr) _exit(120);
    if (freopen("/dev/null", "w", stdout) == nullptr) _exit(120);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(121);
  }
  return pid;
}

// Runs the real beladdr-import with `flags`; its exit code, and its stderr.
int RunImportBinary(const std::vector<std::string>& flags, std::string* err) {
  testing::TempDir tmp;
  const std::string log = tmp.Sub("stderr");
  const std::string bin = std::string(BELADDR_BIN_DIR) + "/beladdr-import";
  std::vector<std::string> args = {bin};
  args.insert(args.end(), flags.begin(), flags.end());
  const pid_t pid = fork();
  if (pid == 0) {
    if (freopen(log.c_str(), "w", stderr) == nullptr) _exit(120);
    if (freopen("/dev/null", "w", stdout) == nullptr) _exit(120);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(121);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  *err = testing::ReadFile(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Issue 14.14: flags parsed by CLI11: --flag=value and --version work; a
// usage error is one line plus a hint (not the whole help), exit 2.
TEST(ImporterBinary, FlagsBehaveLikeAUnixTool) {
  std::string err;
  EXPECT_EQ(RunImportBinary({"--data=" + testing::TinyDataDir()}, &err), 2);
  EXPECT_NE(err.find("--out is required"), std::string::npos) << err;
  EXPECT_NE(err.find("Run with --help"), std::string::npos);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 2) << err;
  EXPECT_EQ(RunImportBinary(
                {"--data", "x", "--out", "y", "--max-errors", "many"}, &err),
            2);
  EXPECT_EQ(RunImportBinary({"--version"}, &err), 0);
  EXPECT_EQ(RunImportBinary({"--format-version"}, &err), 0);
}

// Runs the real beladdr-import, stalled at `stage`, and kills it there.
void KillImportAt(const std::string& stage, const std::string& out,
                  const std::string& log) {
  const pid_t pid = StartImport(out, log, stage);
  ASSERT_GE(pid, 0);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool stalled = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (testing::ReadFile(log).find("stalled at stage " + stage) !=
        std::string::npos) {
      stalled = true;
      break;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      FAIL() << "importer exited before stage " << stage << ": "
             << testing::ReadFile(log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(stalled) << testing::ReadFile(log);
}

// What an index answers: its id and the ranked codes of a few searches in
// each language, as one comparable text.
std::string Answers(const std::string& dir) {
  auto searcher = Searcher::Open(dir);
  if (!searcher.ok()) return "cannot open: " + searcher.status().ToString();
  std::ostringstream out;
  out << "id " << (*searcher)->info().id << "\n";
  for (const char* q : {"Luik", "rue de l eglise", "kerkstraat", "Lüttich",
                        "chee de waterlo", "zzzz"}) {
    SearchRequest request;
    request.query = q;
    auto found = (*searcher)->SearchAddresses(request);
    if (!found.ok()) {
      out << q << ": " << found.status().ToString() << "\n";
      continue;
    }
    out << q << ":";
    for (const auto& r : found->results) out << " " << r.street_code;
    out << "\n";
  }
  return out.str();
}

TEST(CrashSafety, KilledImportLeavesThePreviousIndexIntact) {
  TempDir tmp;
  const std::string out = tmp.Sub("index");
  ASSERT_OK(testing::BuildTinyIndex(out).status());
  const std::string marker =
      testing::ReadFile(out + "/" + importer::kMarkerFile);
  const auto codes = DumpCf(out, Cf::kStreetCodes);
  const auto streets = DumpCf(out, Cf::kStreets);
  const std::string answers = Answers(out);
  ASSERT_EQ(answers.find("cannot open"), std::string::npos) << answers;
  for (const char* stage :
       {"read", "variants", "trigrams", "write", "finish", "commit"}) {
    SCOPED_TRACE(stage);
    KillImportAt(stage, out, tmp.Sub("import.log"));
    auto info = ReadIndexInfo(out);
    ASSERT_OK(info.status());
    EXPECT_EQ(testing::ReadFile(out + "/" + importer::kMarkerFile), marker);
    EXPECT_EQ(DumpCf(out, Cf::kStreetCodes), codes);
    EXPECT_EQ(DumpCf(out, Cf::kStreets), streets);
    EXPECT_EQ(Answers(out), answers);
  }
  // The next import succeeds and clears what the killed ones left behind.
  ASSERT_OK(testing::BuildTinyIndex(out).status());
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
        << e.path();
  }
}

// Killed at arbitrary moments (not only at stage boundaries: inside
// RocksDB's writes, the fsyncs, the rename): the index is always either
// the previous one or the new one, complete, never a mix or nothing.
TEST(CrashSafety, KilledAtArbitraryMomentsLeavesOneCompleteIndex) {
  TempDir tmp;
  const std::string out = tmp.Sub("index");
  ASSERT_OK(testing::BuildTinyIndex(out).status());
  // How long a whole import takes here, to spread the kills over it.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_OK(testing::BuildTinyIndex(out).status());
  const auto whole = std::chrono::steady_clock::now() - start;
  for (int i = 1; i <= 8; ++i) {
    SCOPED_TRACE(i);
    const std::string before = Answers(out);
    const std::string log = tmp.Sub("import.log");
    const pid_t pid = StartImport(out, log, "");
    ASSERT_GE(pid, 0);
    std::this_thread::sleep_for(whole * i / 8);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const std::string after = Answers(out);
    ASSERT_EQ(after.find("cannot open"), std::string::npos) << after;
    if (!finished) {
      // Killed before the commit, or just after the rename: the old index
      // or a complete new one (a new id, the same answers).
      const auto body = [](const std::string& a) {
        return a.substr(a.find('\n'));
      };
      EXPECT_EQ(body(after), body(before));
    } else {
      EXPECT_NE(after, before);
    }
  }
}

}  // namespace
}  // namespace beladdr
