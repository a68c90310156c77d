// pg_trgm's similarity measures, computed in C++ for re-ranking the SQLite
// FTS5 candidates the same way PostgreSQL ranks its own: trigrams of each
// word padded with two spaces before and one after.
//   similarity(a, b)      = |T(a) & T(b)| / |T(a) | T(b)|
//   word_similarity(a, b) = |T(a) & T(b)| / |T(a)| (an approximation of
//                           pg_trgm's best-matching-extent measure)

#ifndef BELADDR_BENCH_PEERS_TRIGRAM_SIMILARITY_H_
#define BELADDR_BENCH_PEERS_TRIGRAM_SIMILARITY_H_

#include <string>
#include <string_view>
#include <vector>

namespace beladdr::peers {

std::vector<std::string> PaddedTrigrams(
    std::string_view folded);  // sorted, distinct
double Similarity(const std::vector<std::string>& a,
                  const std::vector<std::string>& b);
double WordSimilarity(const std::vector<std::string>& query,
                      const std::vector<std::string>& name);

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_TRIGRAM_SIMILARITY_H_
