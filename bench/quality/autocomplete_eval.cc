#include "autocomplete_eval.h"

#include <algorithm>
#include <cstdio>

#include "evaluator.h"

namespace beladdr::quality {
namespace {

// The byte lengths of every prefix that ends on a whole UTF-8 character,
// shortest first; the last is the whole text.
std::vector<size_t> CharacterEnds(const std::string& text) {
  std::vector<size_t> ends;
  for (size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() ||
        (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      ends.push_back(i);
  }
  return ends;
}

struct Typed {
  int full_rank = -1;
  double to_top5 = 0;  // 0: never
  double to_top1 = 0;
  size_t requests = 0;
  bool error = false;
};

// Types q's text; once the label shows first, jumps to the whole text.
Typed TypeOne(const Searcher& searcher, const LabelledQuery& q) {
  Typed t;
  const std::vector<size_t> ends = CharacterEnds(q.request.query);
  const double chars = static_cast<double>(ends.size());
  AutocompleteRequest request;
  request.limit = kTypingSuggestions;
  for (size_t i = 0; i < ends.size(); ++i) {
    if (t.to_top1 > 0 && i + 1 < ends.size()) i = ends.size() - 1;
    request.q = q.request.query.substr(0, ends[i]);
    StatusOr<SearchResponse> r = searcher.AutocompleteAddresses(request);
    ++t.requests;
    if (!r.ok()) {
      t.error = true;
      return t;
    }
    const int rank = RankOf(q, AnswerOf(*r).codes);
    const double share = static_cast<double>(i + 1) / chars;
    if (rank >= 0 && t.to_top5 == 0) t.to_top5 = share;
    if (rank == 0 && t.to_top1 == 0) t.to_top1 = share;
    if (i + 1 == ends.size()) t.full_rank = rank;
  }
  return t;
}

void Add(const Typed& t, TypingTally* tally) {
  ++tally->queries;
  tally->requests += t.requests;
  if (t.error) {
    ++tally->errors;
    return;
  }
  if (t.full_rank == 0) ++tally->full_at1;
  if (t.full_rank >= 0) ++tally->full_at5;
  if (t.to_top5 > 0) tally->typed_to_top5.push_back(t.to_top5);
  if (t.to_top1 > 0) tally->typed_to_top1.push_back(t.to_top1);
}

// The q-quantile of the shares, in percent.
double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * v.size()));
  return 100.0 * v[i];
}

void PrintRow(const std::string& name, const TypingTally& t,
              std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof line,
                "%-8s %7zu %7.2f %7.2f %9.2f %7.1f %7.1f %9.2f %7.1f\n",
                name.c_str(), t.queries, Percent(t.full_at1, t.queries),
                Percent(t.full_at5, t.queries),
                Percent(t.typed_to_top5.size(), t.queries),
                Quantile(t.typed_to_top5, 0.5), Quantile(t.typed_to_top5, 0.9),
                Percent(t.typed_to_top1.size(), t.queries),
                Quantile(t.typed_to_top1, 0.5));
  out << line;
}

}  // namespace

TypingReport EvaluateTyping(const Searcher& searcher,
                            const std::vector<LabelledQuery>& queries,
                            size_t max_failures) {
  TypingReport report;
  for (const LabelledQuery& q : queries) {
    if (q.kind == "negative" || q.expected.empty() || q.request.query.empty())
      continue;
    const Typed t = TypeOne(searcher, q);
    Add(t, &report.all);
    Add(t, &report.by_kind[q.kind]);
    if (!t.error && t.to_top5 == 0 && report.failures.size() < max_failures)
      report.failures.push_back(q.id + ": " + q.request.query);
  }
  return report;
}

void PrintTypingReport(const TypingReport& r, std::ostream& out) {
  out << "autocomplete while typing: every prefix of each query's text, "
      << kTypingSuggestions << " suggestions; " << r.all.queries << " queries, "
      << r.all.requests << " requests, " << r.all.errors << " refused\n"
      << "kind     queries  full@1  full@5  in top 5  typed%  typed%"
         "  first at  typed%\n"
      << "                   (%)     (%)    ever (%)   p50     p90"
         "   ever (%)   p50\n";
  for (const auto& [kind, tally] : r.by_kind) PrintRow(kind, tally, out);
  PrintRow("all", r.all, out);
  out << "typed%: characters typed when the label first showed, as a share "
         "of the whole text (of the queries where it showed)\n";
  if (!r.failures.empty()) {
    out << "never among the " << kTypingSuggestions << " (first "
        << r.failures.size() << "):\n";
    for (const std::string& f : r.failures) out << "  " << f << "\n";
  }
}

}  // namespace beladdr::quality
