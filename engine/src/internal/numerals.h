// Numbers in street names written several ways: "Albert Ier" = "Albert 1er"
// = "Albert I", "Leopold III" = "Leopold 3", "2ème" = "2e" = "IIe".
//
// Thread safety: pure functions.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_NUMERALS_H_
#define BELADDR_ENGINE_SRC_INTERNAL_NUMERALS_H_

#include <string_view>

namespace beladdr::internal {

struct Numeral {
  int value = 0;       // 0: not a numeral
  bool plain = false;  // digits only ("3"), a house number as much as not
};

// The value of a folded word written as digits, a Roman numeral (i to
// xxxix) or either with an ordinal ending (er, re, e, eme, de, ste, ...).
Numeral ReadNumeral(std::string_view word);

// True when two different words are the same number, one of them Roman or
// ordinal ("1er" and "i", "3" and "iii"); two plain numbers never are.
bool SameNumeral(std::string_view a, std::string_view b);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_NUMERALS_H_
