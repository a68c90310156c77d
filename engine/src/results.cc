#include "internal/results.h"

#include <bit>

#include "internal/language_detector.h"

namespace beladdr::internal {

std::optional<Language> SingleLanguage(LanguageMask mask) {
  if (std::popcount(static_cast<unsigned>(mask)) != 1) return std::nullopt;
  for (Language l : kAllLanguages) {
    if (MaskHas(mask, l)) return l;
  }
  return std::nullopt;
}

MunicipalityRef MakeMunicipalityRef(const MunicipalityEntry& m,
                                    std::optional<Language> lang) {
  MunicipalityRef ref;
  ref.nis_code = m.nis;
  ref.names = m.names;
  ref.name = NameIn(m.names, lang, MunicipalityLanguage(m));
  return ref;
}

}  // namespace beladdr::internal
