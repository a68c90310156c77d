#include "resolve_eval.h"

#include <algorithm>
#include <cstdio>

#include "evaluator.h"

namespace beladdr::quality {
namespace {

bool Expected(const LabelledQuery& q, const std::string& code) {
  return std::find(q.expected.begin(), q.expected.end(), code) !=
         q.expected.end();
}

}  // namespace

ResolveRequest ResolveRequestOf(const LabelledQuery& q) {
  ResolveRequest r;
  r.street = q.request.street;
  r.house_number = q.request.house_number;
  r.box_number = q.request.box_number;
  r.post_code = q.request.post_code;
  r.municipality = q.request.municipality;
  r.language = q.request.language;
  return r;
}

ResolveTally EvaluateResolve(const Searcher& searcher,
                             const std::vector<LabelledQuery>& queries,
                             size_t max_failures) {
  ResolveTally t;
  for (const LabelledQuery& q : queries) {
    if (q.request.street.empty() || q.expected.empty()) continue;
    ++t.queries;
    StatusOr<ResolveResponse> r = searcher.ResolveAddress(ResolveRequestOf(q));
    if (!r.ok()) {
      ++t.errors;
      continue;
    }
    switch (r->status) {
      case ResolveStatus::kUnique:
        // Right only when the query determines the street: a unique answer
        // to a query that several streets answer equally (the label lists
        // them all) is a guess, counted as wrong.
        if (q.expected.size() == 1 &&
            Expected(q, r->address->street.street_code)) {
          ++t.unique_right;
        } else {
          ++t.unique_wrong;
          if (t.failures.size() < max_failures) {
            t.failures.push_back(q.id + ": " + q.request.street + " | " +
                                 q.request.post_code + " | " +
                                 q.request.municipality + " -> " +
                                 r->address->street.street_code + " (" +
                                 r->address->street.street_name +
                                 "), expected " + q.expected.front() +
                                 (q.expected.size() > 1 ? " and others" : ""));
          }
        }
        break;
      case ResolveStatus::kAmbiguous: {
        ResolveTally::Ranked ranked;
        ranked.determined = q.expected.size() == 1;
        for (const ResolvedAddress& c : r->candidates) {
          ranked.scores.push_back(c.street.score);
          ranked.right.push_back(Expected(q, c.street.street_code));
        }
        const bool with = std::find(ranked.right.begin(), ranked.right.end(),
                                    true) != ranked.right.end();
        ++(with ? t.ambiguous_with : t.ambiguous_without);
        t.ranked.push_back(std::move(ranked));
        break;
      }
      case ResolveStatus::kNotFound:
        ++t.not_found;
        t.ranked.emplace_back();
        break;
    }
  }
  return t;
}

void PrintResolveReport(const ResolveTally& t, std::ostream& out) {
  char line[1024];
  const size_t n = t.queries;
  std::snprintf(
      line, sizeof(line),
      "structured queries resolved: %zu\n"
      "  unique, right street       %6.2f%%  (%zu)\n"
      "  unique, WRONG street       %6.2f%%  (%zu)\n"
      "  ambiguous, right in list   %6.2f%%  (%zu)\n"
      "  ambiguous, right not in it %6.2f%%  (%zu)\n"
      "  not found                  %6.2f%%  (%zu)\n"
      "  refused                    %6.2f%%  (%zu)\n",
      n, Percent(t.unique_right, n), t.unique_right, Percent(t.unique_wrong, n),
      t.unique_wrong, Percent(t.ambiguous_with, n), t.ambiguous_with,
      Percent(t.ambiguous_without, n), t.ambiguous_without,
      Percent(t.not_found, n), t.not_found, Percent(t.errors, n), t.errors);
  out << line;
  for (const std::string& f : t.failures) out << "  wrong: " << f << "\n";
}

void PrintResolveSweep(const ResolveTally& t, std::ostream& out) {
  out << "rule sweep (unique when top >= score and top - next >= margin):\n"
         "  score margin  unique-right unique-wrong ambiguous-with\n";
  for (double score : {0.70, 0.75, 0.80, 0.85, 0.90}) {
    for (double margin : {0.0, 0.02, 0.05, 0.08, 0.10, 0.15, 0.20}) {
      size_t right = 0, wrong = 0, with = 0;
      for (const ResolveTally::Ranked& r : t.ranked) {
        if (r.scores.empty()) continue;
        const double next = r.scores.size() > 1 ? r.scores[1] : 0;
        if (r.scores[0] >= score && r.scores[0] - next >= margin) {
          ++(r.right[0] && r.determined ? right : wrong);
        } else if (std::find(r.right.begin(), r.right.end(), true) !=
                   r.right.end()) {
          ++with;
        }
      }
      char line[128];
      std::snprintf(line, sizeof(line),
                    "  %.2f  %.2f    %6.2f%%      %6.2f%%      %6.2f%%\n",
                    score, margin, Percent(right, t.queries),
                    Percent(wrong, t.queries), Percent(with, t.queries));
      out << line;
    }
  }
}

}  // namespace beladdr::quality
