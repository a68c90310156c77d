// beladdr-quality: the quality harness.
//
//   beladdr-quality generate --index DIR [--out DIR] [--seed N]
//       writes noisy.jsonl, structured.jsonl, places.jsonl, negatives.jsonl
//       and shapes.jsonl (the real-world shape families, shape_generator.h)
//   beladdr-quality evaluate --index DIR [--set DIR | --queries FILE]...
//       [--failures N] [--json FILE]
//       prints recall@1, recall@5, MRR, language accuracy, false positives,
//       per kind, per shape family and per noise; --set reads the five sets
//       of a directory (default bench/queries, the development set;
//       bench/queries/validation is the validation set, never tuned on)
//   beladdr-quality resolve --index DIR [--queries FILE]... [--failures N]
//       [--sweep]
//       ResolveAddress on the structured queries: unique right / wrong,
//       ambiguous, not found (--sweep: under other unique rules)
//   beladdr-quality autocomplete --index DIR [--set DIR | --queries FILE]...
//       [--failures N]
//       AutocompleteAddresses while typing each query's text character by
//       character (autocomplete_eval.h): how soon the label shows among 5
//   beladdr-quality policy
//       lists the ranking policy's fields (ranking_policy.h) and defaults;
//       evaluate, resolve, answers and explain take --policy NAME=VALUE,
//       repeatable, to measure another value of any of them
//   beladdr-quality answers --index DIR [--set DIR | --queries FILE]...
//       every search (and resolution) answer, one line per query: diff two
//       builds' outputs to show that a change keeps every answer
//   beladdr-quality bodies [--queries FILE]... [--seed N]
//       prints the queries as SearchAddresses JSON bodies, one a line, in a
//       seeded random order (the request mix of bench/load)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "autocomplete_eval.h"
#include "beladdr/api.h"
#include "evaluator.h"
#include "query_generator.h"
#include "resolve_eval.h"
#include "searcher_impl.h"
#include "shape_generator.h"

namespace {

using namespace beladdr::internal;  // NOLINT: a debugging aid

// Prints what each stage of the engine made of one query.
void PrintMatch(const IndexData& d, const StreetMatch& m) {
  const auto& v = d.street_variants()[m.variant];
  std::string name;
  for (WordId w : d.Words(v.name)) {
    name += std::string(d.vocabulary().word(w)) + " ";
  }
  std::printf(
      "%.3f name %.2f query %.2f place %.2f%s%s  %s %s(%s)\n", m.score,
      m.name_coverage, m.query_coverage, m.place_agreement,
      m.postcode_conflict ? " PC!" : "", m.place_conflict ? " PLACE!" : "",
      std::string(d.streets()[m.street].code).c_str(), name.c_str(),
      d.municipalities()[d.streets()[m.street].municipality].names[0].c_str());
}

// The parse, the reading, tier 2's candidates scored, then the answer.
void Explain(const SearcherImpl& searcher, const std::string& text) {
  const IndexData& d = searcher.data();
  beladdr::SearchRequest request;
  request.query = text;
  auto q = ParseQuery(request, d);
  if (!q.ok()) {
    std::cout << q.status().ToString() << "\n";
    return;
  }
  std::cout << "tokens:";
  for (const QueryToken& t : q->tokens) {
    std::cout << " [" << t.text;
    for (const auto& e : t.expansions) std::cout << "|" << e;
    std::cout << " class=" << int(t.word_class) << " seg=" << int(t.segment);
    if (t.parts.whole || t.parts.compound()) {
      std::cout << " concept=" << t.parts.whole
                << " stem=" << int(t.parts.stem_length) << ":" << t.parts.stem
                << " type=" << t.parts.type;
    }
    std::cout << "]";
  }
  std::cout << "\npostcode " << q->postcode
            << (q->postcode_given ? "" : " (none)") << ", house groups:";
  for (const auto& g : q->house_groups)
    std::cout << " " << g.house_number << "/" << g.box_number;
  std::cout << "\n";
  const QueryReading reading = ReadQuery(*q, d, searcher.options().ranking);
  const auto& places = reading.places;
  for (const PlaceMatch& m : places) {
    const auto& p = d.place_variants()[m.place];
    std::cout << "place tokens " << m.begin << "+" << m.length << " '" << p.text
              << "' nis " << d.municipalities()[p.municipality].nis << " pc "
              << p.postcode << " q=" << m.quality << "\n";
  }
  const auto candidates =
      GenerateCandidates(*q, reading, d, searcher.options().candidates);
  std::cout << candidates.size() << " tier 2 (trigram) candidates\n";
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& v = d.street_variants()[candidates[i].variant];
    std::string name;
    for (WordId w : d.Words(v.name))
      name += std::string(d.vocabulary().word(w)) + " ";
    const std::string line = name + std::string(d.streets()[v.street].code);
    if (i < 8 ||
        line.find(getenv("BELADDR_TRACE") ? getenv("BELADDR_TRACE") : "\x01") !=
            std::string::npos) {
      std::printf("  cand %zu %.2f %s%s\n", i, candidates[i].prerank,
                  name.c_str(),
                  std::string(d.streets()[v.street].code).c_str());
    }
  }
  Scorer scorer(*q, reading, d, searcher.options().ranking);
  std::vector<StreetMatch> matches;
  for (const auto& c : candidates) matches.push_back(scorer.Score(c.variant));
  std::sort(matches.begin(), matches.end(),
            [](const StreetMatch& a, const StreetMatch& b) {
              return a.score > b.score;
            });
  const char* trace = getenv("BELADDR_TRACE");
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i >= 15 && !(trace && d.streets()[matches[i].street].code.find(trace) !=
                                  std::string::npos)) {
      continue;
    }
    PrintMatch(d, matches[i]);
  }
  // What the whole pipeline (every tier, then the decisions) answers.
  auto ranked = searcher.Rank(request, 10);
  if (!ranked.ok()) {
    std::cout << ranked.status().ToString() << "\n";
    return;
  }
  std::cout << "answer (all tiers" << (ranked->place_only ? ", place only" : "")
            << "):\n";
  for (size_t i = 0; i < ranked->streets.size(); ++i) {
    PrintMatch(d, ranked->streets[i]);
  }
}

// Queries per shape family in a generated set.
constexpr size_t kShapesPerFamily = 400;

// The default query sets, when no --queries is given.
std::vector<std::string> DefaultFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const char* name :
       {"noisy", "structured", "places", "negatives", "shapes"}) {
    files.push_back(dir + "/" + name + ".jsonl");
  }
  return files;
}

int PrintBodies(std::vector<std::string> files, const std::string& dir,
                uint64_t seed) {
  if (files.empty()) files = DefaultFiles(dir);
  std::vector<std::string> bodies;
  for (const std::string& f : files) {
    auto set = beladdr::quality::ReadQuerySet(f);
    if (!set.ok()) {
      std::cerr << "beladdr-quality: " << set.status().ToString() << "\n";
      return 1;
    }
    for (const auto& q : *set)
      bodies.push_back(beladdr::api::EncodeSearchRequest(q.request));
  }
  std::mt19937_64 rng(seed);
  std::shuffle(bodies.begin(), bodies.end(), rng);
  for (const std::string& b : bodies) std::cout << b << "\n";
  return 0;
}

// Every answer of the engine to the query sets, one line per query (the
// search, and for structured queries the resolution): two builds whose
// outputs are byte-identical give the same answers.
int PrintAnswers(const beladdr::Searcher& searcher,
                 const std::vector<beladdr::quality::LabelledQuery>& queries) {
  for (const auto& q : queries) {
    beladdr::SearchRequest request = q.request;
    request.limit = 10;
    auto r = searcher.SearchAddresses(request);
    std::cout << q.id << "\t"
              << (r.ok() ? beladdr::api::EncodeSearchResponse(*r)
                         : r.status().ToString());
    if (!q.request.street.empty() && q.request.query.empty()) {
      auto resolved =
          searcher.ResolveAddress(beladdr::quality::ResolveRequestOf(q));
      std::cout << "\t"
                << (resolved.ok()
                        ? beladdr::api::EncodeResolveResponse(*resolved)
                        : resolved.status().ToString());
    }
    std::cout << "\n";
  }
  return 0;
}

// "NAME=VALUE" of --policy.
beladdr::Status SetPolicy(const std::string& arg,
                          beladdr::internal::RankingPolicy* policy) {
  const size_t eq = arg.find('=');
  char* end = nullptr;
  const double value =
      eq == std::string::npos ? 0 : std::strtod(arg.c_str() + eq + 1, &end);
  if (eq == std::string::npos || eq + 1 == arg.size() || *end != '\0') {
    return beladdr::Status::InvalidArgument(
        "--policy wants NAME=NUMBER, got '" + arg + "'");
  }
  return beladdr::internal::SetPolicyField(arg.substr(0, eq), value, policy);
}

int PrintPolicy(const beladdr::internal::RankingPolicy& policy) {
  for (const auto& field : beladdr::internal::ListPolicyFields(policy)) {
    std::cout << field.name << " = " << field.value
              << (field.whole ? " (count)" : "") << "\n";
  }
  return 0;
}

int Usage(const std::string& error) {
  std::cerr
      << "beladdr-quality: " << error << "\n"
      << "usage: beladdr-quality generate --index DIR [--out DIR] [--seed N]\n"
      << "       beladdr-quality evaluate --index DIR [--set DIR | --queries "
         "FILE]... [--failures N] [--json FILE]\n"
      << "       beladdr-quality resolve --index DIR [--queries FILE]... "
         "[--failures N] [--sweep]\n"
      << "       beladdr-quality autocomplete --index DIR [--set DIR | "
         "--queries FILE]... [--failures N]\n"
      << "       beladdr-quality bodies [--queries FILE]... [--seed N]\n"
      << "       beladdr-quality answers --index DIR [--set DIR]...\n"
      << "       beladdr-quality explain --index DIR QUERY...\n"
      << "       beladdr-quality policy\n"
      << "evaluate, resolve, answers and explain take --policy NAME=VALUE "
         "(repeatable)\n"
      << "to change a ranking policy field; policy lists the fields.\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("expected generate or evaluate");
  const std::string command = argv[1];
  std::string index = "var/index", out_dir = "bench/queries", json;
  uint64_t seed = 20261122;
  double min_score = -1;
  bool sweep = false;
  size_t failures = 30;
  std::vector<std::string> files;
  beladdr::internal::EngineOptions engine_options;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--index")
      index = next();
    else if (a == "--out" || a == "--set")
      out_dir = next();
    else if (a == "--seed")
      seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--queries")
      files.push_back(next());
    else if (a == "--failures")
      failures = std::strtoul(next().c_str(), nullptr, 10);
    else if (a == "--json")
      json = next();
    else if (a == "--min-score")
      min_score = std::strtod(next().c_str(), nullptr);
    else if (a == "--sweep")
      sweep = true;
    else if (a == "--policy") {
      beladdr::Status s = SetPolicy(next(), &engine_options.ranking);
      if (!s.ok()) return Usage(s.ToString());
    } else if (command == "explain")
      files.push_back(a);
    else
      return Usage("unknown argument " + a);
  }
  if (command == "bodies") return PrintBodies(files, out_dir, seed);
  if (command == "policy") return PrintPolicy(engine_options.ranking);
  if (min_score >= 0) engine_options.ranking.min_score = min_score;
  // The sweep needs every candidate ranked: never unique.
  if (command == "resolve" && sweep) engine_options.ranking.unique_score = 2;
  auto searcher = beladdr::internal::SearcherImpl::Open(index, engine_options);
  if (!searcher.ok()) {
    std::cerr << "beladdr-quality: " << searcher.status().ToString() << "\n";
    return 1;
  }
  if (command == "explain") {
    for (const std::string& text : files) Explain(**searcher, text);
    return 0;
  }
  if (command == "generate") {
    beladdr::quality::QueryGenerator gen((*searcher)->data(),
                                         (*searcher)->store(), seed);
    // The shapes draw from their own stream, so that adding a family does
    // not change the other sets.
    beladdr::quality::ShapeGenerator shapes(
        (*searcher)->data(), (*searcher)->store(), seed ^ 0x5a4e5348415045ULL);
    const std::vector<
        std::pair<std::string, std::vector<beladdr::quality::LabelledQuery>>>
        sets = {
            {"noisy", gen.Noisy(10000)},
            {"structured", gen.Structured(3000)},
            {"places", gen.Places(500)},
            {"negatives", gen.Negatives(1000)},
            {"shapes", shapes.Generate(kShapesPerFamily)},
        };
    for (const auto& [name, queries] : sets) {
      const std::string path = out_dir + "/" + name + ".jsonl";
      beladdr::Status s = beladdr::quality::WriteQuerySet(path, queries);
      if (!s.ok()) {
        std::cerr << "beladdr-quality: " << s.ToString() << "\n";
        return 1;
      }
      std::cout << "wrote " << queries.size() << " queries to " << path << "\n";
    }
    return 0;
  }
  if (command != "evaluate" && command != "resolve" && command != "answers" &&
      command != "autocomplete") {
    return Usage("unknown command " + command);
  }
  if (files.empty() && command == "resolve") {
    // Every query with structured fields: the structured set and the
    // structured shapes.
    files.push_back(out_dir + "/structured.jsonl");
    files.push_back(out_dir + "/shapes.jsonl");
  }
  if (files.empty()) files = DefaultFiles(out_dir);
  std::vector<beladdr::quality::LabelledQuery> queries;
  for (const std::string& f : files) {
    auto set = beladdr::quality::ReadQuerySet(f);
    if (!set.ok()) {
      std::cerr << "beladdr-quality: " << set.status().ToString() << "\n";
      return 1;
    }
    queries.insert(queries.end(), set->begin(), set->end());
  }
  if (command == "answers") return PrintAnswers(**searcher, queries);
  if (command == "autocomplete") {
    beladdr::quality::PrintTypingReport(
        beladdr::quality::EvaluateTyping(**searcher, queries, failures),
        std::cout);
    return 0;
  }
  if (command == "resolve") {
    const auto tally =
        beladdr::quality::EvaluateResolve(**searcher, queries, failures);
    if (sweep) {
      beladdr::quality::PrintResolveSweep(tally, std::cout);
    } else {
      beladdr::quality::PrintResolveReport(tally, std::cout);
    }
    return 0;
  }
  const auto metrics =
      beladdr::quality::Evaluate(**searcher, queries, failures);
  beladdr::quality::PrintReport(metrics, std::cout);
  if (sweep) beladdr::quality::PrintThresholdSweep(metrics, std::cout);
  if (!json.empty())
    std::ofstream(json) << beladdr::quality::ReportJson(metrics) << "\n";
  return 0;
}
