#include "csv_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "test_util.h"

namespace beladdr::importer {
namespace {

std::vector<CsvRecord> ReadAll(const std::string& content,
                               const std::string& name = "in.csv",
                               Status* end = nullptr) {
  testing::TempDir dir;
  const std::string path = dir.Sub(name);
  testing::WriteFile(path, content);
  auto reader = CsvReader::Open(path);
  EXPECT_OK(reader.status());
  std::vector<CsvRecord> out;
  CsvRecord r;
  while ((*reader)->Next(&r)) out.push_back(r);
  if (end != nullptr) {
    *end = (*reader)->status();
  } else {
    EXPECT_OK((*reader)->status());
  }
  return out;
}

TEST(CsvReader, ParsesQuotedFieldsPerRfc4180) {
  auto rows = ReadAll(
      "a,b,c\n"
      "\"Rue de l'Église, 1\",\"say \"\"hi\"\"\",\n"
      "\"two\nlines\",x,y\n"
      "last,row,here");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields,
            (std::vector<std::string>{"Rue de l'Église, 1", "say \"hi\"", ""}));
  EXPECT_EQ(rows[2].fields[0], "two\nlines");
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[3].line, 5u);  // the record after a two-line record
  EXPECT_EQ(rows[3].fields[2], "here");
}

TEST(CsvReader, HandlesCrLfBomAndBlankLines) {
  auto rows = ReadAll("\xEF\xBB\xBFh1,h2\r\n\r\nv1,v2\r\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0], "h1");
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"v1", "v2"}));
  EXPECT_EQ(rows[1].line, 3u);
}

TEST(CsvReader, ReportsMalformedRecordsAndResynchronises) {
  Status end;
  auto rows =
      ReadAll("a,b\nx\"y,1\n\"ok\"z,2\ngood,3\n\"open,4\n", "in.csv", &end);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_NE(rows[1].error.find("stray quote"), std::string::npos);
  EXPECT_NE(rows[2].error.find("text after closing quote"), std::string::npos);
  EXPECT_TRUE(rows[3].error.empty());
  EXPECT_EQ(rows[3].fields[0], "good");
  EXPECT_NE(rows[4].error.find("unterminated"), std::string::npos);
  // A quote still open at the end swallowed the rest of the file: the file
  // is cut short, an I/O error naming it and its last whole line.
  EXPECT_TRUE(end.IsIOError());
  EXPECT_NE(end.message().find("in.csv:5: the file ends inside a quoted field"),
            std::string::npos)
      << end.ToString();
  EXPECT_NE(end.message().find("the last whole line read is 4"),
            std::string::npos);
}

TEST(CsvReader, ReadsGzipTransparently) {
  testing::TempDir dir;
  const std::string path = dir.Sub("in.csv.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string text = "k,v\nLüttich,4000\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  auto reader = CsvReader::Open(path);
  ASSERT_OK(reader.status());
  CsvRecord r;
  ASSERT_TRUE((*reader)->Next(&r));
  ASSERT_TRUE((*reader)->Next(&r));
  EXPECT_EQ(r.fields, (std::vector<std::string>{"Lüttich", "4000"}));
}

// A gzip file cut short (an interrupted download) must not read as a
// whole, shorter file: the reader ends with an I/O error naming the file.
TEST(CsvReader, TruncatedGzipIsAnErrorNotAShortFile) {
  testing::TempDir dir;
  const std::string path = dir.Sub("streets.csv.gz");
  std::string text = "k,v\n";
  for (int i = 0; i < 20000; ++i) {
    text += "street" + std::to_string(i) + "," + std::to_string(i * 7) + "\n";
  }
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  const std::string whole = testing::ReadFile(path);
  // Cut mid-stream, and cut only the 8-byte trailer (CRC and length).
  for (size_t keep : {whole.size() / 2, whole.size() - 8}) {
    testing::WriteFile(path, whole.substr(0, keep));
    auto reader = CsvReader::Open(path);
    ASSERT_OK(reader.status());
    CsvRecord r;
    size_t rows = 0;
    while ((*reader)->Next(&r)) ++rows;
    EXPECT_LE(rows, 20001u);
    ASSERT_FALSE((*reader)->status().ok())
        << rows << " rows read as a whole file (kept " << keep << " bytes)";
    const std::string message = (*reader)->status().message();
    EXPECT_NE(message.find("streets.csv.gz"), std::string::npos);
    EXPECT_NE(message.find("the last whole line read is"), std::string::npos)
        << message;
  }
}

TEST(CsvReader, MissingFileIsAnIoErrorNamingIt) {
  auto reader = CsvReader::Open("/nonexistent/streets.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsIOError());
  EXPECT_NE(reader.status().message().find("/nonexistent/streets.csv"),
            std::string::npos);
}

TEST(CsvReader, CapsHugeRecords) {
  std::string big =
      "a\n" + std::string(CsvReader::kMaxRecordBytes + 10, 'x') + "\nnext\n";
  auto rows = ReadAll(big);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NE(rows[1].error.find("longer than 1 MiB"), std::string::npos);
  EXPECT_EQ(rows[2].fields[0], "next");
}

}  // namespace
}  // namespace beladdr::importer
