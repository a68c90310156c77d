// Bounded edit distances for short tokens (optimal string alignment:
// insert, delete, substitute, swap two neighbours, each cost 1).
//
// Thread safety: pure functions.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_EDIT_DISTANCE_H_
#define BELADDR_ENGINE_SRC_INTERNAL_EDIT_DISTANCE_H_

#include <string_view>

namespace beladdr::internal {

// Longest token compared; longer ones are compared on this many bytes.
inline constexpr int kMaxEditLength = 48;

// The distance between a and b when it is <= max, otherwise max + 1.
int BoundedEditDistance(std::string_view a, std::string_view b, int max);

// The smallest distance between `a` and any prefix of `b` (how far `a` is
// from abbreviating `b`), when <= max, otherwise max + 1.
int BoundedPrefixDistance(std::string_view a, std::string_view b, int max);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_EDIT_DISTANCE_H_
