// Runs the query sets through each system, then scores the answers
// (recall, MRR, language, false positives, at the system's best score
// threshold for the peers), and writes the comparison as text, JSON,
// Markdown and gnuplot data.

#ifndef BELADDR_BENCH_PEERS_COMPARISON_H_
#define BELADDR_BENCH_PEERS_COMPARISON_H_

#include <ostream>
#include <string>
#include <vector>

#include "evaluator.h"
#include "query_set.h"
#include "system.h"

namespace beladdr::peers {

struct Run {
  std::string system;
  std::string family;           // "beladdr", "pg_trgm", "sqlite"
  std::string description;      // how it was queried
  std::vector<Ranked> answers;  // by query
  std::vector<double> micros;   // by query
  size_t errors = 0;
  BuildFacts facts;

  // Filled by Score().
  double threshold = 0;  // results scoring below were dropped
  quality::Metrics metrics;
  quality::Metrics noisy;  // the noisy set alone (+ negatives)
  // The same with no cut-off at all (every answer kept).
  double uncut_recall1 = 0;
  double uncut_false_positives = 0;
  quality::Metrics uncut;  // every set, no cut-off
};

// Answers every query once after `warmup` untimed ones.
Run RunQueries(System& system,
               const std::vector<quality::LabelledQuery>& queries,
               size_t warmup);

// Scores `run` at `threshold`.
void ScoreAt(const std::vector<quality::LabelledQuery>& queries,
             double threshold, Run* run);
// Scores the peers at the threshold that maximises recall@1 minus the
// false-positive rate (their best operating point); beladdr at its own
// shipped threshold (0).
void Score(const std::vector<quality::LabelledQuery>& queries, bool sweep,
           Run* run);

double Percentile(std::vector<double> values, double p);

// The report: a text table, the JSON document, and the Markdown table.
void PrintTable(const std::vector<Run>& runs, std::ostream& out);
std::string ToJson(const std::vector<Run>& runs, const std::string& machine);
std::string ToMarkdown(const std::vector<Run>& runs,
                       const std::string& machine);
// Latency CDF points per run ("latency_us share" lines, a block per run).
std::string LatencyData(const std::vector<Run>& runs);

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_COMPARISON_H_
