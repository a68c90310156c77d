#include "internal/name_variants.h"

#include <algorithm>

#include "internal/index_format.h"

namespace beladdr::internal {
namespace {

void AddUnique(std::vector<NameVariant>* out, std::string text, uint8_t flags) {
  if (text.empty()) return;
  for (const NameVariant& v : *out) {
    if (v.text == text) return;
  }
  out->push_back({std::move(text), flags});
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

}  // namespace

StatusOr<std::vector<NameVariant>> NameVariants(std::string_view name,
                                                Language lang,
                                                const Normalizer& normalizer,
                                                const Dictionary& dictionary) {
  std::vector<NameVariant> out;
  std::vector<std::pair<Normalizer::Form, uint8_t>> forms = {
      {Normalizer::Form::kPlain, 0}};
  if (normalizer.HasGermanForm(name)) {
    forms.emplace_back(Normalizer::Form::kGerman, kVariantGermanForm);
  }
  std::string folded;
  for (const auto& [form, flags] : forms) {
    BELADDR_RETURN_IF_ERROR(normalizer.Fold(name, form, &folded));
    std::vector<std::string> tokens;
    for (Token& t : Normalizer::Tokenize(folded)) {
      tokens.push_back(std::move(t.text));
    }
    AddUnique(&out, Join(tokens), flags);
    for (const auto& expanded :
         dictionary.ExpandName(lang, tokens, kMaxExpansionsPerName)) {
      AddUnique(&out, Join(expanded),
                static_cast<uint8_t>(flags | kVariantExpanded));
    }
  }
  return out;
}

}  // namespace beladdr::internal
