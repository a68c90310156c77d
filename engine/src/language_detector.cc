#include "internal/language_detector.h"

#include <array>
#include <bit>

namespace beladdr::internal {
namespace {

// Adds `weight` to each language of `mask`, split when there are several.
void Vote(std::array<double, 3>* votes, LanguageMask mask, double weight) {
  const int n = std::popcount(static_cast<unsigned>(mask));
  if (n == 0) return;
  for (Language l : kAllLanguages) {
    if (MaskHas(mask, l)) (*votes)[static_cast<size_t>(l)] += weight / n;
  }
}

// The only language of `allowed` with the highest vote, if there is one.
std::optional<Language> Winner(const std::array<double, 3>& votes,
                               LanguageMask allowed) {
  std::optional<Language> best;
  double best_vote = 0;
  bool tie = false;
  for (Language l : kAllLanguages) {
    if (!MaskHas(allowed, l)) continue;
    const double v = votes[static_cast<size_t>(l)];
    if (v > best_vote + 1e-9) {
      best = l;
      best_vote = v;
      tie = false;
    } else if (v > 0 && std::abs(v - best_vote) <= 1e-9) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

}  // namespace

std::optional<Language> MunicipalityLanguage(const MunicipalityEntry& m) {
  if (m.language_code == "N") return Language::kNl;
  if (m.language_code == "F") return Language::kFr;
  if (m.language_code == "D") return Language::kDe;
  return std::nullopt;
}

std::optional<Language> DetectLanguage(const ParsedQuery& query,
                                       const std::vector<PlaceMatch>& places,
                                       const LanguageEvidence& evidence,
                                       const IndexData& index,
                                       const LanguageVotes& weights) {
  const LanguageMask all =
      MaskOf(Language::kNl) | MaskOf(Language::kFr) | MaskOf(Language::kDe);
  LanguageMask allowed =
      evidence.matched_name != 0 ? evidence.matched_name : all;
  if ((allowed & ~evidence.excluded) != 0) allowed &= ~evidence.excluded;
  if (std::popcount(static_cast<unsigned>(allowed)) == 1) {
    for (Language l : kAllLanguages) {
      if (MaskHas(allowed, l)) return l;
    }
  }

  std::array<double, 3> votes{};
  std::vector<Dictionary::SuffixMatch> suffixes;
  for (const QueryToken& t : query.tokens) {
    if (t.numeric) continue;
    if (t.street_type_langs) {
      Vote(&votes, t.street_type_langs, weights.street_type);
    }
    if (t.stopword_langs) Vote(&votes, t.stopword_langs, weights.stopword);
    if (!t.street_type_langs && t.expansion_langs &&
        (t.word_class & kWordTitle)) {
      Vote(&votes, t.expansion_langs, weights.title_reading);
    }
    const std::string_view stem = std::string_view(t.text).substr(
        0, t.parts.compound() ? t.parts.stem_length : t.text.size());
    if (const LanguageMask langs =
            index.dictionary().EquivalentLanguages(stem)) {
      Vote(&votes, langs, weights.equivalent);
    }
    suffixes.clear();
    index.dictionary().CompoundSuffixes(t.text, &suffixes);
    for (const auto& s : suffixes) {
      Vote(
          &votes, s.langs,
          s.abbreviated ? weights.abbreviated_suffix : weights.compound_suffix);
    }
  }
  if (auto w = Winner(votes, allowed)) return w;

  // The place name as written: Luik, Liège, Lüttich.
  const PlaceMatch* place = nullptr;
  if (evidence.place_match >= 0) {
    place = &places[static_cast<size_t>(evidence.place_match)];
  } else if (evidence.municipality < 0 && !places.empty()) {
    place = &places.front();
  }
  if (place != nullptr) {
    Vote(&votes, index.place_variants()[place->place].name.langs,
         weights.place_name);
    if (auto w = Winner(votes, allowed)) return w;
  }

  int muni = evidence.municipality;
  if (muni < 0 && place != nullptr) {
    muni = index.place_variants()[place->place].municipality;
  }
  if (muni >= 0) {
    if (auto l = MunicipalityLanguage(
            index.municipalities()[static_cast<size_t>(muni)])) {
      if (MaskHas(allowed, *l)) return l;
    }
  }
  return std::nullopt;
}

}  // namespace beladdr::internal
