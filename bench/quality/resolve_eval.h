// Measures ResolveAddress on labelled structured queries: the share
// resolved unique and right, unique but wrong (a declaration at the wrong
// address), ambiguous with the right street among the candidates,
// ambiguous without it, and not found; and how those shares move with the
// unique rule (score and margin), to choose it.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_BENCH_QUALITY_RESOLVE_EVAL_H_
#define BELADDR_BENCH_QUALITY_RESOLVE_EVAL_H_

#include <ostream>
#include <string>
#include <vector>

#include "beladdr/searcher.h"
#include "query_set.h"

namespace beladdr::quality {

struct ResolveTally {
  size_t queries = 0;
  size_t unique_right = 0;
  // Unique but another street than the label's, or unique although the
  // label lists several streets (the query does not determine one).
  size_t unique_wrong = 0;
  size_t ambiguous_with = 0;  // the right street among the candidates
  size_t ambiguous_without = 0;
  size_t not_found = 0;
  size_t errors = 0;                  // requests the engine refused
  std::vector<std::string> failures;  // unique but wrong, first N
  // Per query, for the rule sweep: the candidates' scores best first and
  // whether each is right (filled when the searcher never answers unique).
  struct Ranked {
    std::vector<double> scores;
    std::vector<bool> right;
    bool determined = false;  // the label names one street
  };
  std::vector<Ranked> ranked;
};

// The ResolveRequest of a structured labelled query.
ResolveRequest ResolveRequestOf(const LabelledQuery& q);

// Resolves every query that has a street field.
ResolveTally EvaluateResolve(const Searcher& searcher,
                             const std::vector<LabelledQuery>& queries,
                             size_t max_failures);

void PrintResolveReport(const ResolveTally& t, std::ostream& out);

// The shares under each (unique score, margin) rule, from a tally taken
// with a searcher that never answers unique (all candidates ranked).
void PrintResolveSweep(const ResolveTally& t, std::ostream& out);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_RESOLVE_EVAL_H_
