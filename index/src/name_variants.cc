#include "beladdr/index/name_variants.h"

#include <algorithm>

#include "beladdr/index/index_format.h"
#include "beladdr/index/normalizer.h"

namespace beladdr::internal {
namespace {

void AddUnique(std::vector<NameVariant>* out, std::string text, uint8_t flags) {
  if (text.empty()) return;
  for (const NameVariant& v : *out) {
    if (v.text == text) return;
  }
  out->push_back({std::move(text), flags});
}

// "Rue de la Station (CH)" -> "Rue de la Station": the name without the tag
// in brackets that the reference adds at its end (Charleroi's districts,
// REFNIS's "Hove (Antwerpen)"); empty when it has none.
std::string_view Untagged(std::string_view name) {
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.empty() || name.back() != ')') return {};
  const size_t open = name.rfind('(');
  if (open == std::string_view::npos || open == 0) return {};
  std::string_view head = name.substr(0, open);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  return head;
}

Status AddForms(std::string_view name, Language lang, uint8_t base_flags,
                const Normalizer& normalizer, const Dictionary& dictionary,
                std::vector<NameVariant>* out) {
  std::vector<std::pair<Normalizer::Form, uint8_t>> forms = {
      {Normalizer::Form::kPlain, base_flags}};
  if (normalizer.HasGermanForm(name)) {
    forms.emplace_back(Normalizer::Form::kGerman,
                       static_cast<uint8_t>(base_flags | kVariantGermanForm));
  }
  std::string folded;
  for (const auto& [form, flags] : forms) {
    BELADDR_RETURN_IF_ERROR(normalizer.Fold(name, form, &folded));
    std::vector<std::string> tokens;
    for (Token& t : Normalizer::Tokenize(folded)) {
      tokens.push_back(std::move(t.text));
    }
    AddUnique(out, JoinWords(tokens), flags);
    for (const auto& expanded :
         dictionary.ExpandName(lang, tokens, kMaxExpansionsPerName)) {
      AddUnique(out, JoinWords(expanded),
                static_cast<uint8_t>(flags | kVariantExpanded));
    }
  }
  return Status::OK();
}

}  // namespace

StatusOr<std::vector<NameVariant>> NameVariants(std::string_view name,
                                                Language lang,
                                                const Normalizer& normalizer,
                                                const Dictionary& dictionary) {
  std::vector<NameVariant> out;
  BELADDR_RETURN_IF_ERROR(
      AddForms(name, lang, 0, normalizer, dictionary, &out));
  const std::string_view untagged = Untagged(name);
  if (!untagged.empty()) {
    BELADDR_RETURN_IF_ERROR(AddForms(untagged, lang, kVariantUntagged,
                                     normalizer, dictionary, &out));
  }
  return out;
}

}  // namespace beladdr::internal
