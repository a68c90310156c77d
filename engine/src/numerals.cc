#include "internal/numerals.h"

namespace beladdr::internal {
namespace {

// Ordinal endings, French, Dutch and German ("1er", "1re", "2e", "2eme",
// "2de", "1ste", "3te").
constexpr std::string_view kOrdinalEndings[] = {
    "iere", "eme", "ere", "ste", "er", "re", "de", "te", "e"};

bool IsOrdinalEnding(std::string_view s) {
  for (std::string_view ending : kOrdinalEndings) {
    if (s == ending) return true;
  }
  return false;
}

std::string_view WithoutOrdinal(std::string_view word) {
  for (std::string_view ending : kOrdinalEndings) {
    if (word.size() > ending.size() &&
        word.substr(word.size() - ending.size()) == ending) {
      return word.substr(0, word.size() - ending.size());
    }
  }
  return word;
}

int RomanValue(std::string_view s) {
  if (s.empty() || s.size() > 6) return 0;
  int value = 0, previous = 0;
  for (size_t i = s.size(); i-- > 0;) {
    const int v = s[i] == 'i' ? 1 : s[i] == 'v' ? 5 : s[i] == 'x' ? 10 : 0;
    if (v == 0) return 0;
    value += v < previous ? -v : v;
    previous = v > previous ? v : previous;
  }
  return value < 40 ? value : 0;
}

}  // namespace

Numeral ReadNumeral(std::string_view word) {
  Numeral n;
  if (word.empty()) return n;
  size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') {
    ++digits;
  }
  if (digits > 0 && digits <= 4) {
    const std::string_view rest = word.substr(digits);
    if (!rest.empty() && !IsOrdinalEnding(rest)) return n;
    int value = 0;
    for (size_t i = 0; i < digits; ++i) value = value * 10 + (word[i] - '0');
    n.value = value;
    n.plain = rest.empty();
    return n;
  }
  if (digits > 0) return n;
  // A Roman numeral, perhaps ordinal ("iii", "ier", "iie").
  n.value = RomanValue(word);
  if (n.value == 0) n.value = RomanValue(WithoutOrdinal(word));
  return n;
}

bool SameNumeral(std::string_view a, std::string_view b) {
  if (a == b) return false;
  const Numeral x = ReadNumeral(a), y = ReadNumeral(b);
  return x.value != 0 && x.value == y.value && !(x.plain && y.plain);
}

}  // namespace beladdr::internal
