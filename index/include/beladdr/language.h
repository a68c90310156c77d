// beladdr/language.h — the three official languages of Belgium.
//
// Thread safety: pure functions and constants.

#ifndef BELADDR_LANGUAGE_H_
#define BELADDR_LANGUAGE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace beladdr {

enum class Language : uint8_t { kNl = 0, kFr = 1, kDe = 2 };

inline constexpr std::array<Language, 3> kAllLanguages = {
    Language::kNl, Language::kFr, Language::kDe};

// "nl", "fr" or "de".
constexpr std::string_view LanguageCode(Language lang) {
  switch (lang) {
    case Language::kNl:
      return "nl";
    case Language::kFr:
      return "fr";
    case Language::kDe:
      return "de";
  }
  return "nl";
}

// Parses "nl"/"fr"/"de" (exact, lower-case); nullopt otherwise.
constexpr std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "nl") return Language::kNl;
  if (code == "fr") return Language::kFr;
  if (code == "de") return Language::kDe;
  return std::nullopt;
}

// A set of languages as a bit mask (bit i = Language(i)).
using LanguageMask = uint8_t;

constexpr LanguageMask MaskOf(Language lang) {
  return static_cast<LanguageMask>(1u << static_cast<unsigned>(lang));
}
constexpr bool MaskHas(LanguageMask mask, Language lang) {
  return (mask & MaskOf(lang)) != 0;
}

}  // namespace beladdr

#endif  // BELADDR_LANGUAGE_H_
