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

#include "beladdr/address.h"
#include "beladdr/status.h"

namespace beladdr::peers {

struct Ranked {
  std::vector<std::pair<std::string, double>> codes;  // best first
  std::string language;                               // "" if none
};

// Municipality-aware peers: when nothing in the named places reaches the
// variant's scope_min, the whole country's best answer replaces the
// scope's only when it scores at least this much higher.
inline constexpr double kScopeMargin = 0.1;
inline Ranked PreferScope(Ranked scoped, Ranked global) {
  if (scoped.codes.empty()) return global;
  if (global.codes.empty()) return scoped;
  return global.codes.front().second >=
                 scoped.codes.front().second + kScopeMargin
             ? global
             : scoped;
}

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
  // A request (free text in `query`, or structured fields), answered with
  // up to 10 results.
  virtual StatusOr<Ranked> Search(const SearchRequest& request) = 0;
  virtual BuildFacts Facts() const = 0;
};

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_SYSTEM_H_
