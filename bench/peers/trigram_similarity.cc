#include "trigram_similarity.h"

#include <algorithm>
#include <iterator>

namespace beladdr::peers {
namespace {

size_t Shared(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  size_t n = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

}  // namespace

std::vector<std::string> PaddedTrigrams(std::string_view folded) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t end = std::min(folded.find(' ', i), folded.size());
    if (end > i) {
      const std::string w = "  " + std::string(folded.substr(i, end - i)) + " ";
      for (size_t k = 0; k + 3 <= w.size(); ++k) out.push_back(w.substr(k, 3));
    }
    i = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Similarity(const std::vector<std::string>& a,
                  const std::vector<std::string>& b) {
  const size_t shared = Shared(a, b);
  const size_t all = a.size() + b.size() - shared;
  return all == 0 ? 0 : static_cast<double>(shared) / static_cast<double>(all);
}

double WordSimilarity(const std::vector<std::string>& query,
                      const std::vector<std::string>& name) {
  return query.empty() ? 0
                       : static_cast<double>(Shared(query, name)) /
                             static_cast<double>(query.size());
}

}  // namespace beladdr::peers
