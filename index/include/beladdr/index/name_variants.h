// The normalized texts under which a name is indexed. One definition for
// the importer (which writes them) and the engine (which searches them), so
// a change here is a format change.
//
// Thread safety: pure function of its arguments.

#ifndef BELADDR_INDEX_NAME_VARIANTS_H_
#define BELADDR_INDEX_NAME_VARIANTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "beladdr/index/dictionary.h"
#include "beladdr/index/normalizer.h"
#include "beladdr/language.h"
#include "beladdr/status.h"

namespace beladdr::internal {

struct NameVariant {
  std::string text;   // normalized tokens joined by ' '
  uint8_t flags = 0;  // kVariantExpanded, kVariantGermanForm, kVariantUntagged
};

// At most this many abbreviation expansions per spelling of a name.
inline constexpr size_t kMaxExpansionsPerName = 4;

// The plain folding of `name` first, then, when they differ from it: the
// German form (ü -> ue) and the abbreviation-expanded forms of both, in
// language `lang`; then the same for the name without a tag in brackets
// at its end ("Rue X (CH)" -> "Rue X", flagged kVariantUntagged). Texts are
// distinct; an empty folding yields no variant.
// InvalidArgument for invalid UTF-8.
StatusOr<std::vector<NameVariant>> NameVariants(std::string_view name,
                                                Language lang,
                                                const Normalizer& normalizer,
                                                const Dictionary& dictionary);

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_NAME_VARIANTS_H_
