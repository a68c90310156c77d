#include "comparison.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace beladdr::peers {
namespace {

quality::Answer AnswerAt(const Ranked& r, double threshold) {
  quality::Answer a;
  for (const auto& [code, score] : r.codes) {
    if (score >= threshold) a.codes.push_back(code);
  }
  if (!a.codes.empty()) {
    a.language = r.language;
    a.top_score = r.codes.front().second;
  }
  return a;
}

double Mean(const std::vector<double>& v) {
  return v.empty() ? 0
                   : std::accumulate(v.begin(), v.end(), 0.0) /
                         static_cast<double>(v.size());
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

// recall@1 on the queries of one kind (noisy, structured, shape), in %;
// -1 when the run had none.
double KindRecall1(const quality::Metrics& m, const std::string& kind) {
  const auto it = m.by_kind.find(kind);
  if (it == m.by_kind.end() || it->second.queries == 0) return -1;
  return 100.0 * static_cast<double>(it->second.at1) /
         static_cast<double>(it->second.queries);
}

std::string Mb(uint64_t bytes) {
  return Fixed(static_cast<double>(bytes) / 1e6, 1);
}

// The runs of one family, and the best of them (highest recall@1 on the
// noisy set, then fewer false positives).
const Run* BestOf(const std::vector<Run>& runs, const std::string& family) {
  const Run* best = nullptr;
  for (const Run& r : runs) {
    if (r.family != family) continue;
    const double score = r.noisy.Recall1() - r.noisy.FalsePositiveRate();
    if (best == nullptr ||
        score > best->noisy.Recall1() - best->noisy.FalsePositiveRate()) {
      best = &r;
    }
  }
  return best;
}

struct Row {
  std::string system;
  double r1, r5, mrr, lang, fp, p50, p95, p99, qps, build, disk, mem, threshold;
};

Row RowOf(const Run& r) {
  return {r.system,
          100 * r.noisy.Recall1(),
          100 * r.noisy.Recall5(),
          r.noisy.Mrr(),
          100 * r.noisy.LanguageAccuracy(),
          100 * r.noisy.FalsePositiveRate(),
          Percentile(r.micros, 50),
          Percentile(r.micros, 95),
          Percentile(r.micros, 99),
          1e6 / std::max(1e-9, Mean(r.micros)),
          r.facts.seconds,
          static_cast<double>(r.facts.bytes_on_disk) / 1e6,
          static_cast<double>(r.facts.memory_bytes) / 1e6,
          r.threshold};
}

}  // namespace

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t i =
      std::min(values.size() - 1,
               static_cast<size_t>(std::ceil(p / 100.0 * values.size())) -
                   (p > 0 ? 1 : 0));
  return values[i];
}

Run RunQueries(System& system,
               const std::vector<quality::LabelledQuery>& queries,
               size_t warmup) {
  Run run;
  run.system = system.Name();
  for (size_t i = 0; i < warmup && i < queries.size(); ++i) {
    (void)system.Search(queries[i].request);
  }
  run.answers.reserve(queries.size());
  run.micros.reserve(queries.size());
  for (const quality::LabelledQuery& q : queries) {
    const auto start = std::chrono::steady_clock::now();
    StatusOr<Ranked> r = system.Search(q.request);
    const auto stop = std::chrono::steady_clock::now();
    run.micros.push_back(
        std::chrono::duration<double, std::micro>(stop - start).count());
    if (!r.ok()) {
      ++run.errors;
      if (run.errors <= 3) {
        std::fprintf(stderr, "peers: %s: %s\n", run.system.c_str(),
                     r.status().ToString().c_str());
      }
      run.answers.emplace_back();
    } else {
      run.answers.push_back(std::move(*r));
    }
  }
  run.facts = system.Facts();
  return run;
}

void ScoreAt(const std::vector<quality::LabelledQuery>& queries,
             double threshold, Run* run) {
  run->threshold = threshold;
  run->metrics = quality::Metrics();
  run->noisy = quality::Metrics();
  for (size_t i = 0; i < queries.size(); ++i) {
    const quality::Answer a = AnswerAt(run->answers[i], threshold);
    quality::Score(queries[i], a, &run->metrics, 3000);
    if (queries[i].kind == "noisy" || queries[i].kind == "negative") {
      quality::Score(queries[i], a, &run->noisy, 0);
    }
  }
}

void Score(const std::vector<quality::LabelledQuery>& queries, bool sweep,
           Run* run) {
  ScoreAt(queries, 0, run);
  run->uncut = run->metrics;
  run->uncut_recall1 = run->noisy.Recall1();
  run->uncut_false_positives = run->noisy.FalsePositiveRate();
  if (!sweep) {
    ScoreAt(queries, 0, run);
    return;
  }
  double best_t = 0, best = -1;
  for (int k = 0; k <= 100; k += 2) {
    const double t = k / 100.0;
    ScoreAt(queries, t, run);
    const double value = run->noisy.Recall1() - run->noisy.FalsePositiveRate();
    if (std::getenv("BELADDR_PEERS_SWEEP") != nullptr) {
      std::fprintf(stderr, "  %s t=%.2f recall@1 %.4f fp %.4f\n",
                   run->system.c_str(), t, run->noisy.Recall1(),
                   run->noisy.FalsePositiveRate());
    }
    if (value > best + 1e-12) {
      best = value;
      best_t = t;
    }
  }
  if (const char* t = std::getenv("BELADDR_PEERS_THRESHOLD"))
    best_t = std::atof(t);
  ScoreAt(queries, best_t, run);
}

void PrintTable(const std::vector<Run>& runs, std::ostream& out) {
  char line[512];
  std::snprintf(line, sizeof(line),
                "%-34s %8s %8s %7s %7s %6s %9s %9s %9s %8s %7s %7s %8s\n",
                "system (noisy set + negatives)", "recall@1", "recall@5", "MRR",
                "lang", "FP", "p50 us", "p95 us", "p99 us", "q/s", "build s",
                "disk MB", "mem MB");
  out << line;
  for (const Run& r : runs) {
    const Row x = RowOf(r);
    std::snprintf(line, sizeof(line),
                  "%-34s %7.2f%% %7.2f%% %7.4f %6.2f%% %5.1f%% %9.0f %9.0f "
                  "%9.0f %8.0f %7.1f %7.1f "
                  "%8.1f\n",
                  x.system.c_str(), x.r1, x.r5, x.mrr, x.lang, x.fp, x.p50,
                  x.p95, x.p99, x.qps, x.build, x.disk, x.mem);
    out << line;
  }
}

std::string ToJson(const std::vector<Run>& runs, const std::string& machine) {
  boost::json::object doc;
  doc["machine"] = machine;
  boost::json::array systems;
  for (const Run& r : runs) {
    const Row x = RowOf(r);
    boost::json::object o;
    o["system"] = r.system;
    o["family"] = r.family;
    o["description"] = r.description;
    o["threshold"] = r.threshold;
    o["noisyRecall1"] = x.r1 / 100;
    o["noisyRecall5"] = x.r5 / 100;
    o["noisyMrr"] = x.mrr;
    o["languageAccuracy"] = x.lang / 100;
    o["falsePositiveRate"] = x.fp / 100;
    o["latencyP50Us"] = x.p50;
    o["latencyP95Us"] = x.p95;
    o["latencyP99Us"] = x.p99;
    o["singleClientQps"] = x.qps;
    o["buildSeconds"] = x.build;
    o["bytesOnDisk"] = r.facts.bytes_on_disk;
    o["memoryBytes"] = r.facts.memory_bytes;
    o["memoryNote"] = r.facts.memory_note;
    o["errors"] = r.errors;
    for (const auto& [kind, key] :
         {std::pair{"structured", "structuredRecall1"},
          std::pair{"shape", "shapesRecall1"}}) {
      const double recall = KindRecall1(r.metrics, kind);
      if (recall >= 0) o[key] = recall / 100;
      const double uncut = KindRecall1(r.uncut, kind);
      if (uncut >= 0) o[std::string(key) + "Uncut"] = uncut / 100;
    }
    systems.push_back(std::move(o));
  }
  doc["systems"] = std::move(systems);
  return boost::json::serialize(doc);
}

std::string ToMarkdown(const std::vector<Run>& runs,
                       const std::string& machine) {
  std::string md = "Machine: " + machine + ".\n\n";
  md +=
      "| system | recall@1 | recall@5 | MRR | language | false positives | no "
      "cut-off: recall@1 / "
      "FP | p50 | p95 | p99 | queries/s (1 client) | build | on disk | memory "
      "|\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const Run& r : runs) {
    const Row x = RowOf(r);
    md += "| " + r.system +
          (r.family != "beladdr" ? " (score ≥ " + Fixed(x.threshold, 2) + ")"
                                 : "") +
          " | " + Fixed(x.r1, 2) + " % | " + Fixed(x.r5, 2) + " % | " +
          Fixed(x.mrr, 4) + " | " + Fixed(x.lang, 2) + " % | " +
          Fixed(x.fp, 1) + " % | " + Fixed(100 * r.uncut_recall1, 2) + " % / " +
          Fixed(100 * r.uncut_false_positives, 1) + " % | " + Fixed(x.p50, 0) +
          " µs | " + Fixed(x.p95, 0) + " µs | " + Fixed(x.p99, 0) + " µs | " +
          Fixed(x.qps, 0) + " | " + Fixed(x.build, 1) + " s | " +
          Mb(r.facts.bytes_on_disk) + " MB | " + Mb(r.facts.memory_bytes) +
          " MB |\n";
  }
  // Ratios against each peer at its best, taken conservatively: its
  // highest recall@1 over all variants (with or without a cut-off), the
  // false positives of its best operating point, its fastest variant's p50.
  const Run* local = nullptr;
  const Run* http = nullptr;
  for (const Run& r : runs) {
    if (r.system == "beladdr (in-process)") local = &r;
    if (r.system == "beladdr (HTTP)") http = &r;
  }
  md +=
      "\n| beladdr / peer at its best | recall@1 errors | false positives | "
      "p50 latency |\n"
      "|---|---|---|---|\n";
  for (const char* family : {"pg_trgm", "sqlite"}) {
    const Run* best = BestOf(runs, family);
    if (best == nullptr) continue;
    double peer_recall1 = 0, peer_p50 = 1e300;
    std::string recall_from, p50_from;
    for (const Run& r : runs) {
      if (r.family != family) continue;
      const double recall1 = std::max(r.uncut_recall1, r.noisy.Recall1());
      if (recall1 > peer_recall1)
        peer_recall1 = recall1, recall_from = r.system;
      const double p50 = Percentile(r.micros, 50);
      if (p50 < peer_p50) peer_p50 = p50, p50_from = r.system;
    }
    for (const Run* mine : {http, local}) {
      if (mine == nullptr) continue;
      const double errors =
          (1 - mine->noisy.Recall1()) / std::max(1e-9, 1 - peer_recall1);
      const double fp = mine->noisy.FalsePositiveRate() /
                        std::max(1e-9, best->noisy.FalsePositiveRate());
      const double p50 =
          peer_p50 / std::max(1e-9, Percentile(mine->micros, 50));
      md += "| " + mine->system + " vs " + family + " | " + Fixed(errors, 2) +
            "× (vs " + Fixed(100 * peer_recall1, 2) + " %, " + recall_from +
            ") | " + Fixed(fp, 2) + "× (vs " +
            Fixed(100 * best->noisy.FalsePositiveRate(), 1) + " %, " +
            best->system + ") | " + Fixed(p50, 1) + "× lower (vs " +
            Fixed(peer_p50, 0) + " µs, " + p50_from + ") |\n";
    }
  }
  // Every set: at the cut-off chosen on the noisy set and its negatives,
  // and with every answer kept (a peer's best shot at recall).
  md +=
      "\n| system | recall@1 noisy (free text): at cut-off / no cut-off | "
      "structured (fields) | shapes (issue 13 families) |\n|---|---|---|---|\n";
  for (const Run& r : runs) {
    md += "| " + r.system;
    for (const char* kind : {"noisy", "structured", "shape"}) {
      const double cut = KindRecall1(r.metrics, kind);
      const double uncut = KindRecall1(r.uncut, kind);
      md +=
          " | " + (cut < 0 ? std::string("–")
                           : Fixed(cut, 2) + " % / " + Fixed(uncut, 2) + " %");
    }
    md += " |\n";
  }
  md += "\nHow each system was queried:\n\n";
  for (const Run& r : runs)
    md += "- **" + r.system + "**: " + r.description + "\n";
  md += "\nMemory: ";
  for (const Run& r : runs) {
    if (&r != &runs.front()) md += "; ";
    md += r.system + ": " + r.facts.memory_note;
  }
  md += ".\n";
  return md;
}

std::string LatencyData(const std::vector<Run>& runs) {
  std::string data;
  for (const Run& r : runs) {
    if (!data.empty()) data += "\n\n";  // gnuplot: a new block
    std::vector<double> v = r.micros;
    std::sort(v.begin(), v.end());
    data += "# " + r.system + "\n";
    const size_t points = std::min<size_t>(v.size(), 400);
    for (size_t k = 0; k < points; ++k) {
      const size_t i = (k * (v.size() - 1)) / std::max<size_t>(1, points - 1);
      data += Fixed(v[i], 1) + " " +
              Fixed(static_cast<double>(i + 1) / v.size(), 4) + "\n";
    }
  }
  return data;
}

}  // namespace beladdr::peers
