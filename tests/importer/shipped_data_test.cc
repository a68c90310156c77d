// Imports the shipped data/ (all of Belgium) and checks the counts that
// data/README.md documents.

#include <gtest/gtest.h>

#include <sstream>

#include "beladdr/importer.h"
#include "beladdr/index_info.h"
#include "beladdr/searcher.h"
#include "evaluator.h"
#include "query_set.h"
#include "resolve_eval.h"
#include "test_util.h"

namespace beladdr {
namespace {

TEST(ShippedData, ImportsAllOfBelgiumWithoutBadRows) {
  testing::TempDir tmp;
  ImportOptions options;
  options.data_dir = BELADDR_DATA_DIR;
  options.out_dir = tmp.Sub("index");
  std::ostringstream report;
  auto summary = RunImport(options, report);
  ASSERT_OK(summary.status());
  EXPECT_EQ(summary->bad_rows, 0u) << report.str();
  // 144,668 rows, of which 4 repeat a street in another spelling.
  EXPECT_EQ(summary->spelling_duplicates_merged, 4u);
  EXPECT_EQ(summary->streets, 144664u);
  EXPECT_EQ(summary->municipalities, 565u);
  // 1,190 from the postal tables, and 1010 and 1045, which only streets use.
  EXPECT_EQ(summary->postcodes, 1192u);
  EXPECT_GT(summary->house_numbers, 3700000u);
  EXPECT_LT(summary->seconds, 60.0);

  auto info = ReadIndexInfo(options.out_dir);
  ASSERT_OK(info.status());
  EXPECT_EQ(info->streets, 144664u);
  EXPECT_NE(info->data_vintage.find("2022-10-01"), std::string::npos);

  // A quality guard on the full index: the first queries of the dev sets
  // (bench/queries) and all the shape families, with a margin below the
  // figures in the README.
  auto searcher = Searcher::Open(options.out_dir);
  ASSERT_OK(searcher.status());
  const std::string dir = std::string(BELADDR_SOURCE_DIR) + "/bench/queries/";
  auto noisy = quality::ReadQuerySet(dir + "noisy.jsonl");
  auto negatives = quality::ReadQuerySet(dir + "negatives.jsonl");
  auto shapes = quality::ReadQuerySet(dir + "shapes.jsonl");
  ASSERT_OK(noisy.status());
  ASSERT_OK(negatives.status());
  ASSERT_OK(shapes.status());
  std::vector<quality::LabelledQuery> sample(noisy->begin(),
                                             noisy->begin() + 2000);
  sample.insert(sample.end(), negatives->begin(), negatives->begin() + 500);
  const quality::Metrics m = quality::Evaluate(**searcher, sample, 10);
  EXPECT_GE(m.Recall1(), 0.99);
  EXPECT_GE(m.Recall5(), 0.996);
  EXPECT_GE(m.LanguageAccuracy(), 0.995);
  EXPECT_LE(m.FalsePositiveRate(), 0.015);
  const quality::Metrics s = quality::Evaluate(**searcher, *shapes, 10);
  EXPECT_GE(s.Recall1(), 0.99);
  EXPECT_GE(s.LanguageAccuracy(), 0.995);
  std::ostringstream quality_report;
  quality::PrintReport(m, quality_report);
  quality::PrintReport(s, quality_report);
  std::cout << quality_report.str();

  // A postcode that agrees with no street found: the one street whose whole
  // name the text gives comes first, ahead of a near miss near the
  // postcode (issue 13, mechanism 6).
  SearchRequest onder;
  onder.query = "Onder De Poort, 1980";
  auto r = (*searcher)->SearchAddresses(onder);
  ASSERT_OK(r.status());
  ASSERT_FALSE(r->results.empty());
  EXPECT_EQ(r->results[0].street_code, "crab:117446@3550");

  // Postcode and municipality facts agree with bpost 2025 (issue 14.3): a
  // postcode alone is its municipality, not the stale links of Statbel's
  // 2019 table; a municipality named whole lists all its postcodes.
  SearchRequest pc;
  pc.query = "1000";
  r = (*searcher)->SearchAddresses(pc);
  ASSERT_OK(r.status());
  ASSERT_EQ(r->results.size(), 1u);
  EXPECT_EQ(r->results[0].municipality.nis_code, "21004");
  SearchRequest gent;
  gent.query = "Gent";
  r = (*searcher)->SearchAddresses(gent);
  ASSERT_OK(r.status());
  ASSERT_FALSE(r->results.empty());
  EXPECT_EQ(r->results[0].municipality.nis_code, "44021");
  EXPECT_EQ(r->results[0].post_codes.size(), 10u);
  gent.query = "Ledeberg";  // a locality of Gent: its own postcode
  r = (*searcher)->SearchAddresses(gent);
  ASSERT_OK(r.status());
  ASSERT_FALSE(r->results.empty());
  EXPECT_EQ(r->results[0].post_codes, std::vector<std::string>{"9050"});

  // A long list is returned up to `limit`, and says when it is cut (issue
  // 14.8): Belgium has far more than 100 streets named Kerkstraat, all
  // equally good for the bare name.
  SearchRequest kerk;
  kerk.street = "Kerkstraat";
  kerk.limit = 100;
  r = (*searcher)->SearchAddresses(kerk);
  ASSERT_OK(r.status());
  EXPECT_EQ(r->results.size(), 100u);
  EXPECT_TRUE(r->more);
  EXPECT_EQ(r->results.front().score, r->results.back().score);
  kerk.post_code = "9000";  // Gent holds a handful: the whole list
  r = (*searcher)->SearchAddresses(kerk);
  ASSERT_OK(r.status());
  EXPECT_FALSE(r->results.empty());
  EXPECT_LT(r->results.size(), 100u);
  EXPECT_FALSE(r->more);

  // The resolution rule on all structured queries (README, "The rule"): a
  // wrong unique match creates a declaration at the wrong address, so it
  // must stay at most 0.5 %.
  auto structured = quality::ReadQuerySet(dir + "structured.jsonl");
  ASSERT_OK(structured.status());
  const quality::ResolveTally t =
      quality::EvaluateResolve(**searcher, *structured, 10);
  ASSERT_EQ(t.queries, structured->size());
  EXPECT_EQ(t.errors, 0u);
  EXPECT_LE(static_cast<double>(t.unique_wrong), 0.005 * t.queries);
  EXPECT_GE(static_cast<double>(t.unique_right), 0.90 * t.queries);
  EXPECT_GE(static_cast<double>(t.unique_right + t.ambiguous_with),
            0.995 * t.queries);
  quality::PrintResolveReport(t, std::cout);
}

}  // namespace
}  // namespace beladdr
