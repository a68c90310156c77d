// Pieces of the public answers shared by the search and the autocomplete:
// names in the answer language, municipality references.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_RESULTS_H_
#define BELADDR_ENGINE_SRC_INTERNAL_RESULTS_H_

#include <array>
#include <optional>

#include "beladdr/address.h"
#include "beladdr/language.h"
#include "internal/index_data.h"

namespace beladdr::internal {

// The one language of `mask`; nullopt when it holds none or several.
std::optional<Language> SingleLanguage(LanguageMask mask);

// names[lang], else names[fallback], else any name that exists.
template <typename Text>
const Text& NameIn(const std::array<Text, 3>& names,
                   std::optional<Language> lang,
                   std::optional<Language> fallback) {
  if (lang && !names[static_cast<size_t>(*lang)].empty()) {
    return names[static_cast<size_t>(*lang)];
  }
  if (fallback && !names[static_cast<size_t>(*fallback)].empty()) {
    return names[static_cast<size_t>(*fallback)];
  }
  for (const Text& n : names) {
    if (!n.empty()) return n;
  }
  return names[0];
}

// A municipality as answers show it, named in `lang` (else its own).
MunicipalityRef MakeMunicipalityRef(const MunicipalityEntry& m,
                                    std::optional<Language> lang);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_RESULTS_H_
