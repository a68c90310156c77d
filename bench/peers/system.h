// One system under comparison: beladdr (in-process or over HTTP) or a peer
// (PostgreSQL pg_trgm, SQLite FTS5), answering free-text queries with
// ranked StreetCodes and a score each, so that thresholds can be swept
// after the run.
//
// Thread safety: a System is used from one thread.

#ifndef BELADDR_BENCH_PEERS_SYSTEM_H_
#define BELADDR_BENCH_PEERS_SYSTEM_H_

#include <string>
#include <utility>
#include <vector>

#include "beladdr/status.h"

namespace beladdr::peers {

struct Ranked {
  std::vector<std::pair<std::string, double>> codes;  // best first
  std::string language;                               // "" if none
};

// What building a system's index cost.
struct BuildFacts {
  double seconds = 0;  // import + index build
  uint64_t bytes_on_disk = 0;
  uint64_t memory_bytes = 0;  // resident memory the system needs to answer
  std::string memory_note;    // how memory_bytes was measured
};

class System {
 public:
  virtual ~System() = default;
  virtual std::string Name() const = 0;
  // A free-text query, answered with up to 10 results.
  virtual StatusOr<Ranked> Search(const std::string& text) = 0;
  virtual BuildFacts Facts() const = 0;
};

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_SYSTEM_H_
