#include "internal/edit_distance.h"

#include <algorithm>
#include <cstdlib>

namespace beladdr::internal {
namespace {

// Full OSA table over (a, b) with early exit once a whole row exceeds max.
// Returns the last row's minimum when `prefix` (distance to the best prefix
// of b), else the corner cell.
int Osa(std::string_view a, std::string_view b, int max, bool prefix) {
  a = a.substr(0, kMaxEditLength);
  b = b.substr(0, kMaxEditLength);
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (!prefix && std::abs(n - m) > max) return max + 1;
  int rows[3][kMaxEditLength + 1];
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost =
          a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 1)] ? 0
                                                                         : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 &&
          a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 2)] &&
          a[static_cast<size_t>(i - 2)] == b[static_cast<size_t>(j - 1)]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max) return max + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  int result = prev[m];
  if (prefix) {
    for (int j = 0; j <= m; ++j) result = std::min(result, prev[j]);
  }
  return std::min(result, max + 1);
}

}  // namespace

int BoundedEditDistance(std::string_view a, std::string_view b, int max) {
  if (a == b) return 0;
  return Osa(a, b, max, false);
}

int BoundedPrefixDistance(std::string_view a, std::string_view b, int max) {
  if (b.substr(0, a.size()) == a) return 0;
  return Osa(a, b, max, true);
}

}  // namespace beladdr::internal
