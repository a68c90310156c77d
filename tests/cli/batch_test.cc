// Batch geocoding: JSON Lines and CSV in, one JSON answer per request line
// out, in order, with bad lines answered by a problem and reported.

#include "batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <sstream>
#include <vector>

#include "csv_line.h"
#include "server/server_test_util.h"

namespace beladdr::cli {
namespace {

namespace json = boost::json;

struct RunResult {
  Status status;
  BatchSummary summary;
  std::vector<json::value> answers;
  std::vector<std::string> csv;  // --output csv lines
  std::string errors;
};

RunResult RunOn(const std::string& input, int threads = 1, size_t chunk = 1024,
                BatchOperation operation = BatchOperation::kSearch,
                BatchOptions options = {}) {
  std::istringstream in(input);
  std::ostringstream out, err;
  options.operation = operation;
  options.threads = threads;
  options.chunk_lines = chunk;
  auto summary = RunBatch(testing::TinyPublicSearcher(), options, in, out, err);
  RunResult run;
  run.status = summary.status();
  if (summary.ok()) run.summary = *summary;
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) {
    if (options.output == BatchOutput::kCsv) {
      run.csv.push_back(line);
    } else {
      run.answers.push_back(json::parse(line));
    }
  }
  run.errors = err.str();
  return run;
}

std::string TopCode(const json::value& answer) {
  const json::value& top = answer.at("results").at(0);
  return top.at("kind") == "street"
             ? std::string(top.at("streetCode").as_string())
             : std::string(top.at("municipality").at("nisCode").as_string());
}

TEST(BatchTest, JsonLines) {
  const RunResult run = RunOn(
      "{\"query\": \"chee de waterlo 1180\"}\n"
      "\n"
      "{\"street\": \"Graanmarkt\", \"municipality\": \"Courtrai\", "
      "\"houseNumber\": \"7\"}\n"
      "{\"query\": \"Lüttich\", \"language\": \"fr\"}\n");
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  // One answer per input line, each with its line number (issue 14.6): the
  // blank line is answered by an error, not skipped.
  EXPECT_EQ(run.summary.requests, 4u);
  EXPECT_EQ(run.summary.failed, 1u);
  ASSERT_EQ(run.answers.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(run.answers[i].at("line"), static_cast<int64_t>(i + 1));
  }
  EXPECT_EQ(TopCode(run.answers[0]), "urbis:13@1180");
  EXPECT_NE(run.answers[1].at("error").at("detail").as_string().find(
                "stdin:2: blank line"),
            std::string::npos);
  EXPECT_EQ(TopCode(run.answers[2]), "crab:52118@8500");
  EXPECT_EQ(run.answers[2].at("results").at(0).at("houseNumber"), "7");
  EXPECT_EQ(TopCode(run.answers[3]), "62063");
  EXPECT_EQ(run.answers[3].at("results").at(0).at("municipality").at("name"),
            "Liège");
  EXPECT_NE(run.errors.find("stdin:2: blank line"), std::string::npos);
}

TEST(BatchTest, CsvWithHeader) {
  const RunResult run = RunOn(
      "\xEF\xBB\xBFstreet,houseNumber,postCode,municipality\r\n"
      "\"Rue du Midi - Zuidstraat\",10,1000,\r\n"
      "Hoogstraat,12,,Gent\r\n"
      "\"Rue de l'Eglise\",,,\"'s Gravenbrakel\"\r\n");
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.answers.size(), 3u);
  EXPECT_EQ(TopCode(run.answers[0]), "urbis:4599@1000");
  EXPECT_EQ(TopCode(run.answers[1]), "crab:70413@9000");
  EXPECT_EQ(TopCode(run.answers[2]), "icar:7716575@7090");
}

TEST(BatchTest, BadLinesGetAProblemAndKeepTheirPlace) {
  const RunResult run = RunOn(
      "query,limit\n"
      "Luik,1\n"
      "\"unterminated,1\n"
      "Luik,1000\n"
      "Luik,1,extra\n"
      ",\n"
      "Gent,1\n");
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.summary.requests, 6u);
  EXPECT_EQ(run.summary.failed, 4u);
  ASSERT_EQ(run.answers.size(), 6u);
  EXPECT_EQ(TopCode(run.answers[0]), "62063");
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(run.answers[i].at("line"), i + 2) << i;
    EXPECT_EQ(run.answers[i].at("error").at("status"), 400) << i;
    EXPECT_TRUE(run.answers[i].at("error").at("type").as_string().ends_with(
        "invalid-request"));
  }
  auto detail = [&](size_t i) {
    return std::string(run.answers[i].at("error").at("detail").as_string());
  };
  EXPECT_NE(detail(1).find("stdin:3: unterminated"), std::string::npos);
  EXPECT_NE(detail(2).find("stdin:4: 'limit'"), std::string::npos);
  EXPECT_NE(detail(3).find("stdin:5: expected 2 fields"), std::string::npos);
  EXPECT_NE(detail(4).find("stdin:6: nothing to search"), std::string::npos);
  EXPECT_EQ(TopCode(run.answers[5]), "44021");
  EXPECT_NE(run.errors.find("stdin:3:"), std::string::npos);
  EXPECT_NE(run.errors.find("stdin:6:"), std::string::npos);
}

// Issue 14.6: in a resolve batch, "status" is always the resolution
// status; a bad line's problem goes in "error".
TEST(BatchTest, ResolveBatchKeepsStatusForTheResolution) {
  const RunResult run =
      RunOn("street,postCode\nHoogstraat,9000\n,9000\nHoogstraat,90\n", 1, 1024,
            BatchOperation::kResolve);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.answers.size(), 3u);
  EXPECT_EQ(run.answers[0].at("line"), 2);
  EXPECT_EQ(run.answers[0].at("status"), "unique");
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(run.answers[i].at("line"), static_cast<int64_t>(i + 2));
    EXPECT_FALSE(run.answers[i].as_object().contains("status"));
    EXPECT_EQ(run.answers[i].at("error").at("status"), 400);
  }
}

// Issue 14.5: the spreadsheet people have. Belgian Excel writes ';'; an id
// and a name pass through; --columns names the columns of the address.
TEST(BatchTest, SemicolonsPassThroughAndNamedColumns) {
  BatchOptions options;
  options.columns = "Adres,Gemeente";
  const RunResult run = RunOn(
      "id;Naam;Adres;Gemeente\n"
      "17;\"Jan; de Wit\";Graanmarkt 7;Kortrijk\n"
      "18;Els;Hoogstraat;Gent\n",
      1, 1024, BatchOperation::kSearch, options);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.answers.size(), 2u);
  EXPECT_EQ(run.answers[0].at("input").at("id"), "17");
  EXPECT_EQ(run.answers[0].at("input").at("Naam"), "Jan; de Wit");
  EXPECT_EQ(TopCode(run.answers[0]), "crab:52118@8500");
  EXPECT_EQ(TopCode(run.answers[1]), "crab:70413@9000");
  // Without --columns, columns named like the fields are the request.
  const RunResult plain = RunOn("id\tstreet\tpostCode\n17\tHoogstraat\t9000\n");
  ASSERT_TRUE(plain.status.ok()) << plain.status.ToString();
  EXPECT_EQ(TopCode(plain.answers[0]), "crab:70413@9000");
  EXPECT_EQ(plain.answers[0].at("input").at("id"), "17");
  // A header with no request column, or --columns naming a missing one.
  EXPECT_NE(RunOn("id;Naam\n1;x\n").status.message().find("--columns"),
            std::string::npos);
  options.columns = "Adres,Nowhere";
  EXPECT_NE(RunOn("Adres\nx\n", 1, 1024, BatchOperation::kSearch, options)
                .status.message()
                .find("'Nowhere'"),
            std::string::npos);
}

// Issue 14.5: Latin-1 / Windows-1252 works with --encoding, and without it
// stops at the first such line with the hint; it never half-works.
TEST(BatchTest, Latin1NeedsItsEncoding) {
  const std::string input =
      "street,postCode\nHoogstraat,9000\n"
      "Rue de l'\xC9glise,7090\n";
  const RunResult stopped = RunOn(input);
  ASSERT_FALSE(stopped.status.ok());
  EXPECT_NE(stopped.status.message().find("stdin:3: not valid UTF-8"),
            std::string::npos)
      << stopped.status.message();
  EXPECT_NE(stopped.status.message().find("--encoding windows-1252"),
            std::string::npos);
  BatchOptions options;
  options.encoding = "windows-1252";
  const RunResult run = RunOn(input, 1, 1024, BatchOperation::kSearch, options);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.answers.size(), 2u);
  EXPECT_EQ(TopCode(run.answers[1]), "icar:7716575@7090");
}

// Issue 14.6: --output csv writes the input columns plus the result's, one
// row per input line, errors included.
TEST(BatchTest, CsvOutput) {
  BatchOptions options;
  options.output = BatchOutput::kCsv;
  const RunResult run = RunOn("id;street;postCode\n7;Hoogstraat;9000\n8;;\n", 1,
                              1024, BatchOperation::kSearch, options);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.csv.size(), 3u);
  EXPECT_EQ(run.csv[0],
            "id;street;postCode;line;status;streetCode;streetName;"
            "result_postCode;municipalityNis;municipalityName;score;language;"
            "houseNumber;boxNumber;error");
  EXPECT_TRUE(run.csv[1].starts_with(
      "7;Hoogstraat;9000;2;found;crab:70413@9000;Hoogstraat;9000;44021;Gent;"))
      << run.csv[1];
  EXPECT_TRUE(run.csv[2].starts_with("8;;;3;error;")) << run.csv[2];
  EXPECT_NE(run.csv[2].find("stdin:3: nothing to search"), std::string::npos);
}

TEST(BatchTest, BadJsonLine) {
  const RunResult run =
      RunOn("{\"query\": \"Luik\"}\n{\"query\": \n{\"town\": \"Gent\"}\n");
  ASSERT_TRUE(run.status.ok());
  ASSERT_EQ(run.answers.size(), 3u);
  EXPECT_EQ(run.summary.failed, 2u);
  EXPECT_NE(run.answers[1].at("error").at("detail").as_string().find(
                "stdin:2: the body is not valid JSON"),
            std::string::npos);
  EXPECT_NE(run.answers[2].at("error").at("detail").as_string().find(
                "unknown field 'town'"),
            std::string::npos);
}

// Columns that are not request fields pass through; a header with none
// that is stops the run before any search, naming its line.
TEST(BatchTest, HeaderWithoutRequestColumnsStopsBeforeSearching) {
  const RunResult run = RunOn("\n\nid,town\n1,Gent\n");
  ASSERT_FALSE(run.status.ok());
  EXPECT_TRUE(run.status.IsInvalidArgument());
  EXPECT_NE(run.status.message().find("stdin:3: no column of the CSV header"),
            std::string::npos)
      << run.status.message();
  EXPECT_TRUE(run.answers.empty());
}

TEST(BatchTest, ThreadsAndChunksKeepTheOrder) {
  const char* queries[] = {"Luik", "Gent", "Eupen", "Aachner Strase",
                           "Fonsny laan"};
  std::string input;
  for (int i = 0; i < 200; ++i) {
    input += std::string("{\"query\": \"") + queries[i % 5] + "\"}\n";
  }
  const RunResult one = RunOn(input, 1);
  const RunResult many = RunOn(input, 4, 7);
  ASSERT_EQ(one.answers.size(), 200u);
  ASSERT_EQ(many.answers.size(), 200u);
  for (size_t i = 0; i < 200; ++i) {
    EXPECT_EQ(TopCode(one.answers[i]), TopCode(many.answers[i])) << i;
    EXPECT_EQ(TopCode(one.answers[i]), TopCode(one.answers[i % 5])) << i;
  }
}

// Issue 14.7 (streamed): BatchRun answers a chunk at a time, whole lines,
// in order; the pieces make up exactly what RunBatch writes.
TEST(BatchTest, BatchRunAnswersAChunkAtATime) {
  std::string input = "id;query\n";
  for (int i = 0; i < 25; ++i) input += std::to_string(i) + ";Gent\n";
  BatchOptions options;
  options.output = BatchOutput::kCsv;
  options.chunk_lines = 10;
  std::istringstream in(input);
  BatchRun run(testing::TinyPublicSearcher(), options, in);
  std::vector<size_t> piece_lines;
  std::string all;
  while (true) {
    std::string piece, errors;
    StatusOr<bool> more = run.Next(&piece, &errors);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) {
      EXPECT_TRUE(piece.empty());
      break;
    }
    ASSERT_TRUE(piece.ends_with("\n"));
    piece_lines.push_back(std::count(piece.begin(), piece.end(), '\n'));
    all += piece;
  }
  // The header and ten answers, ten, then five.
  EXPECT_EQ(piece_lines, (std::vector<size_t>{11, 10, 5}));
  EXPECT_EQ(run.summary().requests, 25u);
  const RunResult whole =
      RunOn(input, 1, 1024, BatchOperation::kSearch, options);
  std::string joined;
  for (const std::string& line : whole.csv) joined += line + "\n";
  EXPECT_EQ(all, joined);
}

// DecodeInput finds, before anything is answered, the line a run would
// stop at; "utf8" is checked like "utf-8".
TEST(BatchTest, DecodeInputFindsTheLineBeforeAnswering) {
  const std::string input = "query\nGent\nRue de l'\xC9glise\n";
  BatchOptions options;
  Status status = DecodeInput(input, options).status();
  EXPECT_NE(status.message().find("stdin:3: not valid UTF-8"),
            std::string::npos)
      << status.ToString();
  options.encoding = "utf8";
  EXPECT_FALSE(DecodeInput(input, options).status().ok());
  EXPECT_FALSE(
      RunOn(input, 1, 1024, BatchOperation::kSearch, options).status.ok());
  options.encoding = "latin1";
  EXPECT_TRUE(DecodeInput(input, options).status().ok());
  options.encoding = "ebcdic";
  EXPECT_NE(
      DecodeInput(input, options).status().message().find("unknown encoding"),
      std::string::npos);
}

TEST(SplitCsvLineTest, QuotesAndEmptyFields) {
  auto f = SplitCsvLine("a,\"b, c\",,\"say \"\"hi\"\"\",\r");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<std::string>{"a", "b, c", "", "say \"hi\"", ""}));
  EXPECT_FALSE(SplitCsvLine("\"open").ok());
  EXPECT_FALSE(SplitCsvLine("\"closed\"x,y").ok());
  EXPECT_EQ(SplitCsvLine("")->size(), 1u);
}

}  // namespace
}  // namespace beladdr::cli
