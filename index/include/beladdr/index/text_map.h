// Hash maps keyed by text that are looked up by std::string_view, without
// building a std::string per lookup (C++20 heterogeneous lookup).

#ifndef BELADDR_INDEX_TEXT_MAP_H_
#define BELADDR_INDEX_TEXT_MAP_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace beladdr::internal {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

template <typename Value>
using TextMap =
    std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_TEXT_MAP_H_
