// Small ASCII text helpers for protocol text (HTTP header values, CSV
// headers, option names): not for names, which the engine folds with ICU.
//
// Thread safety: pure functions.

#ifndef BELADDR_ASCII_H_
#define BELADDR_ASCII_H_

#include <string>
#include <string_view>

namespace beladdr {

// `s` with A-Z lowered; other bytes unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `s` without leading and trailing spaces and tabs.
inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace beladdr

#endif  // BELADDR_ASCII_H_
