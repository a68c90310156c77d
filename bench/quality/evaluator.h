// Runs labelled query sets through a Searcher and measures quality:
// recall@1 and @5, MRR, language accuracy, house-number reading, and the
// false-positive rate on negatives, overall and per kind of noise.
//
// Thread safety: not thread-safe (one evaluation at a time).

#ifndef BELADDR_BENCH_QUALITY_EVALUATOR_H_
#define BELADDR_BENCH_QUALITY_EVALUATOR_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "beladdr/searcher.h"
#include "query_set.h"

namespace beladdr::quality {

struct Tally {
  size_t queries = 0;
  size_t at1 = 0;
  size_t at5 = 0;
  double reciprocal_rank = 0;
};

struct Metrics {
  Tally positives;                       // noisy + structured + place
  std::map<std::string, Tally> by_kind;  // noisy, structured, place
  std::map<std::string, Tally> by_noise;
  size_t language_total = 0;
  size_t language_correct = 0;
  size_t house_total = 0;
  size_t house_correct = 0;
  size_t negatives = 0;
  size_t false_positives = 0;
  size_t errors = 0;                  // requests the engine refused
  std::vector<std::string> failures;  // human-readable, first N
  // For threshold sweeps: the top score of each positive whose top answer
  // was right, and of each negative that got an answer.
  std::vector<double> correct_top_scores;
  std::vector<double> negative_top_scores;

  double Recall1() const;
  double Recall5() const;
  double Mrr() const;
  double LanguageAccuracy() const;
  double FalsePositiveRate() const;
};

// The answer a system gave to one query, for systems other than the
// in-process engine (HTTP, the peers of bench/peers) to be scored alike.
struct Answer {
  std::vector<std::string> codes;  // street codes or NIS codes, best first
  std::string language;            // detected language, "" if none
  std::string house_number;
  std::string box_number;
  double top_score = 0;
};

// The rank of the first of `codes` that the label names, or -1.
int RankOf(const LabelledQuery& q, const std::vector<std::string>& codes);

// part / whole in percent (0 when whole is 0).
double Percent(size_t part, size_t whole);

// Adds one query's outcome to `m`.
void Score(const LabelledQuery& q, const Answer& a, Metrics* m,
           size_t max_failures);

// Answers every query with the searcher and scores it.
Metrics Evaluate(const Searcher& searcher,
                 const std::vector<LabelledQuery>& queries,
                 size_t max_failures);

// The report as text, and as a JSON object.
void PrintReport(const Metrics& m, std::ostream& out);
// recall@1 and false-positive rate had results below each threshold been
// dropped (run the engine with a low min_score to see the whole range).
void PrintThresholdSweep(const Metrics& m, std::ostream& out);
std::string ReportJson(const Metrics& m);

// The answer of the in-process engine to one request (used by bench/peers).
Answer AnswerOf(const SearchResponse& r);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_EVALUATOR_H_
