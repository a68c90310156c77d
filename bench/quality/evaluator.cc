#include "evaluator.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>

namespace beladdr::quality {
namespace {

double Ratio(size_t a, size_t b) {
  return b == 0 ? 0 : static_cast<double>(a) / static_cast<double>(b);
}

void Add(Tally* t, int rank) {
  ++t->queries;
  if (rank == 0) ++t->at1;
  if (rank >= 0 && rank < 5) ++t->at5;
  if (rank >= 0) t->reciprocal_rank += 1.0 / (rank + 1);
}

std::string Describe(const LabelledQuery& q) {
  if (!q.request.query.empty()) return q.request.query;
  std::string s = "{street: " + q.request.street;
  if (!q.request.house_number.empty())
    s += ", houseNumber: " + q.request.house_number;
  if (!q.request.post_code.empty()) s += ", postCode: " + q.request.post_code;
  if (!q.request.municipality.empty())
    s += ", municipality: " + q.request.municipality;
  return s + "}";
}

}  // namespace

int RankOf(const LabelledQuery& q, const std::vector<std::string>& codes) {
  for (size_t i = 0; i < codes.size(); ++i) {
    if (std::find(q.expected.begin(), q.expected.end(), codes[i]) !=
        q.expected.end()) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

double Percent(size_t part, size_t whole) { return 100 * Ratio(part, whole); }

double Metrics::Recall1() const {
  return Ratio(positives.at1, positives.queries);
}
double Metrics::Recall5() const {
  return Ratio(positives.at5, positives.queries);
}
double Metrics::Mrr() const {
  return positives.queries == 0 ? 0
                                : positives.reciprocal_rank / positives.queries;
}
double Metrics::LanguageAccuracy() const {
  return Ratio(language_correct, language_total);
}
double Metrics::FalsePositiveRate() const {
  return Ratio(false_positives, negatives);
}

Answer AnswerOf(const SearchResponse& r) {
  Answer a;
  for (const SearchResult& x : r.results) {
    a.codes.push_back(x.kind == ResultKind::kStreet ? x.street_code
                                                    : x.municipality.nis_code);
  }
  if (r.detected_language)
    a.language = std::string(LanguageCode(*r.detected_language));
  if (!r.results.empty()) {
    a.top_score = r.results[0].score;
    a.house_number = r.results[0].house_number;
    a.box_number = r.results[0].box_number;
  }
  return a;
}

void Score(const LabelledQuery& q, const Answer& a, Metrics* m,
           size_t max_failures) {
  if (q.kind == "negative") {
    ++m->negatives;
    if (!a.codes.empty()) {
      m->negative_top_scores.push_back(a.top_score);
      ++m->false_positives;
      if (m->failures.size() < max_failures) {
        char score[16];
        std::snprintf(score, sizeof(score), "%.3f", a.top_score);
        m->failures.push_back("[negative] " + Describe(q) + " -> " +
                              a.codes[0] + " " + score);
      }
    }
    return;
  }
  const int rank = RankOf(q, a.codes);
  Add(&m->positives, rank);
  if (rank == 0) m->correct_top_scores.push_back(a.top_score);
  if (rank == 0 && a.top_score < 0.75 && std::getenv("BELADDR_LOW")) {
    std::string tags;
    for (const auto& n : q.noise) tags += n + ",";
    std::fprintf(stderr, "low %.3f %s  [%s]\n", a.top_score,
                 Describe(q).c_str(), tags.c_str());
  }
  Add(&m->by_kind[q.kind], rank);
  for (const std::string& n : q.noise) Add(&m->by_noise[n], rank);
  if (rank != 0 && m->failures.size() < max_failures) {
    m->failures.push_back(
        "[" + q.id + "] " + Describe(q) + " -> " +
        (a.codes.empty() ? std::string("(nothing)") : a.codes[0]) + " (want " +
        q.expected[0] +
        (q.expected.size() > 1 ? " +" + std::to_string(q.expected.size() - 1)
                               : "") +
        ", rank " + std::to_string(rank) + ")");
  }
  if (!q.languages.empty()) {
    ++m->language_total;
    // A name written alike in several languages may honestly be undecided.
    const bool undecided_ok = q.languages.size() > 1 && a.language.empty();
    if (undecided_ok || std::find(q.languages.begin(), q.languages.end(),
                                  a.language) != q.languages.end()) {
      ++m->language_correct;
    } else if (m->failures.size() < max_failures && rank == 0) {
      m->failures.push_back("[" + q.id + "] language " +
                            (a.language.empty() ? "none" : a.language) +
                            " for " + Describe(q));
    }
  }
  if (!q.expected_house_number.empty() && rank == 0) {
    ++m->house_total;
    if (a.house_number == q.expected_house_number &&
        a.box_number == q.expected_box_number) {
      ++m->house_correct;
    } else if (m->failures.size() < max_failures) {
      m->failures.push_back("[" + q.id + "] house " + a.house_number + "/" +
                            a.box_number + " want " + q.expected_house_number +
                            "/" + q.expected_box_number + " for " +
                            Describe(q));
    }
  }
}

Metrics Evaluate(const Searcher& searcher,
                 const std::vector<LabelledQuery>& queries,
                 size_t max_failures) {
  Metrics m;
  for (const LabelledQuery& q : queries) {
    SearchRequest request = q.request;
    request.limit = 10;
    auto r = searcher.SearchAddresses(request);
    if (!r.ok()) {
      ++m.errors;
      if (m.failures.size() < max_failures) {
        m.failures.push_back("[" + q.id + "] error " + r.status().ToString());
      }
      Score(q, Answer{}, &m, max_failures);
      continue;
    }
    Score(q, AnswerOf(*r), &m, max_failures);
  }
  return m;
}

void PrintReport(const Metrics& m, std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof(line),
                "positives %zu: recall@1 %.2f%%  recall@5 %.2f%%  MRR %.4f\n",
                m.positives.queries, 100 * m.Recall1(), 100 * m.Recall5(),
                m.Mrr());
  out << line;
  for (const auto& [kind, t] : m.by_kind) {
    std::snprintf(line, sizeof(line),
                  "  %-12s %6zu  recall@1 %.2f%%  recall@5 %.2f%%\n",
                  kind.c_str(), t.queries, 100 * Ratio(t.at1, t.queries),
                  100 * Ratio(t.at5, t.queries));
    out << line;
  }
  std::snprintf(
      line, sizeof(line),
      "language accuracy %.2f%% (%zu)  house number read %.2f%% (%zu)\n"
      "negatives %zu: false positives %.2f%%  engine errors %zu\n",
      100 * m.LanguageAccuracy(), m.language_total,
      100 * Ratio(m.house_correct, m.house_total), m.house_total, m.negatives,
      100 * m.FalsePositiveRate(), m.errors);
  out << line << "by shape family (recall@1, recall@5):\n";
  for (const auto& [noise, t] : m.by_noise) {
    if (noise.rfind("shape:", 0) != 0) continue;
    std::snprintf(line, sizeof(line), "  %-28s %6zu  %6.2f%%  %6.2f%%\n",
                  noise.c_str() + 6, t.queries, 100 * Ratio(t.at1, t.queries),
                  100 * Ratio(t.at5, t.queries));
    out << line;
  }
  out << "by noise (recall@1):\n";
  for (const auto& [noise, t] : m.by_noise) {
    if (noise.rfind("shape:", 0) == 0) continue;
    std::snprintf(line, sizeof(line), "  %-28s %6zu  %.2f%%\n", noise.c_str(),
                  t.queries, 100 * Ratio(t.at1, t.queries));
    out << line;
  }
  if (!m.failures.empty()) {
    out << "failures (first " << m.failures.size() << "):\n";
    for (const std::string& f : m.failures) out << "  " << f << "\n";
  }
}

void PrintThresholdSweep(const Metrics& m, std::ostream& out) {
  out << "threshold  recall@1  false-positives\n";
  for (int t = 50; t <= 95; ++t) {
    const double threshold = t / 100.0;
    const size_t kept = static_cast<size_t>(
        std::count_if(m.correct_top_scores.begin(), m.correct_top_scores.end(),
                      [&](double s) { return s >= threshold; }));
    const size_t fp = static_cast<size_t>(std::count_if(
        m.negative_top_scores.begin(), m.negative_top_scores.end(),
        [&](double s) { return s >= threshold; }));
    char line[96];
    std::snprintf(line, sizeof(line), "  %.2f     %6.2f%%   %6.2f%%\n",
                  threshold, 100 * Ratio(kept, m.positives.queries),
                  100 * Ratio(fp, m.negatives));
    out << line;
  }
}

std::string ReportJson(const Metrics& m) {
  boost::json::object o;
  o["positives"] = m.positives.queries;
  o["recall_at_1"] = m.Recall1();
  o["recall_at_5"] = m.Recall5();
  o["mrr"] = m.Mrr();
  o["language_accuracy"] = m.LanguageAccuracy();
  o["house_number_accuracy"] = Ratio(m.house_correct, m.house_total);
  o["negatives"] = m.negatives;
  o["false_positive_rate"] = m.FalsePositiveRate();
  boost::json::object kinds;
  for (const auto& [kind, t] : m.by_kind) {
    kinds[kind] = {{"queries", t.queries},
                   {"recall_at_1", Ratio(t.at1, t.queries)},
                   {"recall_at_5", Ratio(t.at5, t.queries)}};
  }
  o["by_kind"] = std::move(kinds);
  boost::json::object families;
  for (const auto& [noise, t] : m.by_noise) {
    if (noise.rfind("shape:", 0) != 0) continue;
    families[noise.substr(6)] = {{"queries", t.queries},
                                 {"recall_at_1", Ratio(t.at1, t.queries)},
                                 {"recall_at_5", Ratio(t.at5, t.queries)}};
  }
  o["by_shape"] = std::move(families);
  return boost::json::serialize(o);
}

}  // namespace beladdr::quality
