// beladdr-peers: beladdr side by side with PostgreSQL pg_trgm and SQLite
// FTS5 on the same data and queries (bench/peers/run.sh starts what it
// needs and calls this). Flag parsing and orchestration only.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "beladdr/importer.h"
#include "beladdr/searcher.h"
#include "beladdr_systems.h"
#include "comparison.h"
#include "peer_text.h"
#include "pg_peer.h"
#include "query_set.h"
#include "sqlite_peer.h"
#include "street_rows.h"

namespace {

using namespace beladdr;         // NOLINT: a small driver
using namespace beladdr::peers;  // NOLINT

constexpr char kUsage[] =
    "usage: beladdr-peers --data DIR --queries DIR --scratch DIR --out DIR\n"
    "                     [--pg CONNINFO --pg-data DIR] [--server HOST:PORT "
    "--server-pid PID]\n"
    "                     [--limit N] [--warmup N] [--systems "
    "beladdr,pg_trgm,sqlite]\n"
    "\n"
    "Imports data/ with beladdr (timed) into SCRATCH, loads the same streets "
    "into\n"
    "PostgreSQL (when --pg is given) and SQLite (SCRATCH/peer.sqlite), runs "
    "the\n"
    "noisy, negative, structured and shape query sets through every system,\n"
    "and writes\n"
    "OUT/peers.json, OUT/peers.md and OUT/latency.dat. --systems runs only "
    "the\n"
    "families named (default: all).\n";

int Fail(const std::string& what) {
  std::cerr << "beladdr-peers: " << what << "\n";
  return 1;
}

std::string Machine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return std::to_string(sysconf(_SC_NPROCESSORS_ONLN)) + " cores (" + model +
         "), " +
         std::to_string(sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGE_SIZE) >>
                        30) +
         " GiB";
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "data", queries_dir = "bench/queries", scratch, out, pg,
              pg_data, server;
  std::string systems = "beladdr,pg_trgm,sqlite";
  int server_pid = 0;
  size_t limit = 0, warmup = 300;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      return i + 1 < argc ? argv[++i] : std::string();
    };
    if (a == "--data")
      data = next();
    else if (a == "--queries")
      queries_dir = next();
    else if (a == "--scratch")
      scratch = next();
    else if (a == "--out")
      out = next();
    else if (a == "--pg")
      pg = next();
    else if (a == "--pg-data")
      pg_data = next();
    else if (a == "--server")
      server = next();
    else if (a == "--server-pid")
      server_pid = std::atoi(next().c_str());
    else if (a == "--limit")
      limit = std::strtoul(next().c_str(), nullptr, 10);
    else if (a == "--warmup")
      warmup = std::strtoul(next().c_str(), nullptr, 10);
    else if (a == "--systems")
      systems = next();
    else if (a == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "beladdr-peers: unknown argument " << a << "\n\n" << kUsage;
      return 2;
    }
  }
  if (scratch.empty() || out.empty()) {
    std::cerr << "beladdr-peers: --scratch and --out are required\n\n"
              << kUsage;
    return 2;
  }
  std::filesystem::create_directories(out);

  // The queries: the noisy set and the negatives (the cut-offs are chosen
  // on these), the structured requests and the shape families of issue 13.
  std::vector<quality::LabelledQuery> queries;
  for (const char* name : {"noisy", "negatives", "structured", "shapes"}) {
    auto set = quality::ReadQuerySet(queries_dir + "/" + name + ".jsonl");
    if (!set.ok()) return Fail(set.status().ToString());
    size_t n = limit > 0 ? std::min(limit, set->size()) : set->size();
    if (limit > 0 && std::string(name) != "noisy")
      n = std::min(set->size(), limit / 10 + 1);
    queries.insert(queries.end(), set->begin(),
                   set->begin() + static_cast<long>(n));
  }
  std::cerr << "peers: " << queries.size() << " queries\n";

  // beladdr: a timed import of the same data.
  ImportOptions options;
  options.data_dir = data;
  options.out_dir = scratch + "/beladdr-index";
  auto summary = RunImport(options, std::cerr);
  if (!summary.ok()) return Fail(summary.status().ToString());
  BuildFacts beladdr_facts;
  beladdr_facts.seconds = summary->seconds;
  beladdr_facts.bytes_on_disk = summary->bytes_on_disk;
  auto searcher = Searcher::Open(options.out_dir);
  if (!searcher.ok()) return Fail(searcher.status().ToString());
  beladdr_facts.memory_bytes = (*searcher)->MemoryUsage();
  beladdr_facts.memory_note =
      "the searcher's loaded index (Searcher::MemoryUsage)";

  PlaceTable places;
  if (Status s = places.Load(data); !s.ok()) return Fail(s.ToString());
  auto streets = ReadStreetRows(options.out_dir);
  if (!streets.ok()) return Fail(streets.status().ToString());
  std::cerr << "peers: " << streets->size() << " street names, "
            << places.size() << " place names\n";

  auto wanted = [&](const std::string& family) {
    return ("," + systems + ",").find("," + family + ",") != std::string::npos;
  };
  std::vector<Run> runs;
  auto add = [&](System& system, const std::string& family,
                 const std::string& description) {
    std::cerr << "peers: running " << system.Name() << "\n";
    Run run = RunQueries(system, queries, warmup);
    run.family = family;
    run.description = description;
    Score(queries, family != "beladdr", &run);
    runs.push_back(std::move(run));
  };

  if (!server.empty() && wanted("beladdr")) {
    const size_t colon = server.rfind(':');
    BuildFacts http_facts = beladdr_facts;
    http_facts.memory_bytes = server_pid > 0 ? ProcessPss(server_pid) : 0;
    http_facts.memory_note = "PSS of the beladdr-server process";
    auto http = HttpBeladdr::Connect(
        server.substr(0, colon),
        static_cast<uint16_t>(std::stoi(server.substr(colon + 1))), http_facts);
    if (!http.ok()) return Fail(http.status().ToString());
    add(**http, "beladdr",
        "POST /SearchAddresses {\"query\": ...} on one keep-alive loopback "
        "connection to "
        "beladdr-server (shipped threshold 0.61)");
  }
  InProcessBeladdr local(searcher->get(), beladdr_facts);
  if (wanted("beladdr")) {
    add(local, "beladdr",
        "Searcher::SearchAddresses in the same process (shipped threshold "
        "0.61)");
  }

  if (!pg.empty() && wanted("pg_trgm")) {
    auto peer = PgPeer::Connect(pg, pg_data, &places);
    if (!peer.ok()) return Fail(peer.status().ToString());
    if (Status s = (*peer)->Load(*streets); !s.ok()) return Fail(s.ToString());
    for (const PgVariant& v : PgVariants()) {
      if (Status s = (*peer)->SetVariant(v); !s.ok()) return Fail(s.ToString());
      add(**peer, "pg_trgm", v.description + "; libpq over TCP loopback");
    }
  }
  if (wanted("sqlite")) {
    auto peer = SqlitePeer::Create(scratch + "/peer.sqlite", &places);
    if (!peer.ok()) return Fail(peer.status().ToString());
    if (Status s = (*peer)->Load(*streets); !s.ok()) return Fail(s.ToString());
    for (const SqliteVariant& v : SqliteVariants()) {
      (*peer)->SetVariant(v);
      add(**peer, "sqlite", v.description + "; in the same process");
    }
  }

  PrintTable(runs, std::cout);
  if (std::getenv("BELADDR_PEERS_FAILURES") != nullptr) {
    for (const Run& r : runs) {
      std::cout << "== " << r.system << " (threshold " << r.threshold << ")\n";
      for (const std::string& f : r.metrics.failures)
        std::cout << "  " << f << "\n";
    }
  }
  const std::string machine = Machine();
  std::ofstream(out + "/peers.json") << ToJson(runs, machine) << "\n";
  std::ofstream(out + "/peers.md") << ToMarkdown(runs, machine);
  std::ofstream(out + "/latency.dat") << LatencyData(runs);
  std::cerr << "peers: wrote " << out << "/peers.json, peers.md, latency.dat\n";
  return 0;
}
