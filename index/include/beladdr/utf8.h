// beladdr/utf8.h — UTF-8 validity, as the engine checks it (ICU's rules:
// no overlong forms, no surrogates, nothing above U+10FFFF).
//
// Thread safety: pure function.

#ifndef BELADDR_UTF8_H_
#define BELADDR_UTF8_H_

#include <string_view>

namespace beladdr {

bool IsValidUtf8(std::string_view text);

}  // namespace beladdr

#endif  // BELADDR_UTF8_H_
