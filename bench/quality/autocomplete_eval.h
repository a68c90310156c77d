// Measures AutocompleteAddresses as a person uses it: the free text of
// each labelled query typed one character at a time, asking for 5
// suggestions after every character. Per kind of query: how soon the
// labelled street (or municipality) shows among the 5 and first, as a
// share of the characters of the whole text; how often it never shows;
// and recall@1 and @5 on the whole text. Labels are the sets' strict ones:
// a street only counts when the label names it.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_BENCH_QUALITY_AUTOCOMPLETE_EVAL_H_
#define BELADDR_BENCH_QUALITY_AUTOCOMPLETE_EVAL_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "beladdr/searcher.h"
#include "query_set.h"

namespace beladdr::quality {

// Suggestions asked for after each character (what a page shows).
inline constexpr int kTypingSuggestions = 5;

struct TypingTally {
  size_t queries = 0;
  size_t requests = 0;
  size_t errors = 0;  // requests the engine refused
  size_t full_at1 = 0;
  size_t full_at5 = 0;
  // Per query found while typing: characters typed when the label first
  // showed, over the characters of the whole text (0..1].
  std::vector<double> typed_to_top5;
  std::vector<double> typed_to_top1;
};

struct TypingReport {
  TypingTally all;
  std::map<std::string, TypingTally> by_kind;
  std::vector<std::string> failures;  // never among the 5, first N
};

// Types the free text of every positive query (noisy, place, shape).
TypingReport EvaluateTyping(const Searcher& searcher,
                            const std::vector<LabelledQuery>& queries,
                            size_t max_failures);

void PrintTypingReport(const TypingReport& r, std::ostream& out);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_AUTOCOMPLETE_EVAL_H_
