// Which language (nl, fr, de) a query was written in.
//
// Evidence, strongest first:
//  1. the language of the name variant that matched best, when that name
//     exists in one language only ("Chaussée de Waterloo" -> fr);
//  2. street-type words and articles in the query: rue/chée/avenue -> fr,
//     straat/stwg/...straat compounds -> nl, strasse/gasse -> de,
//     du/des/la -> fr, het/van -> nl, der/zum -> de; and words of
//     equivalents.txt (kerk -> nl, eglise -> fr), also as compound stems;
//  3. the language of the place name the query used (Luik nl, Liège fr,
//     Lüttich de);
//  4. the municipality's official language (Statbel N/F/D), for names
//     identical in several languages. Brussels (FN) has none: nullopt when
//     nothing above decides.
//
// Thread safety: pure function.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_LANGUAGE_DETECTOR_H_
#define BELADDR_ENGINE_SRC_INTERNAL_LANGUAGE_DETECTOR_H_

#include <optional>
#include <vector>

#include "beladdr/language.h"
#include "internal/index_data.h"
#include "internal/place_matcher.h"
#include "internal/query_parser.h"
#include "internal/ranking_policy.h"

namespace beladdr::internal {

struct LanguageEvidence {
  LanguageMask matched_name = 0;  // langs of the best name variant, or 0
  // Languages the query is not in: the name's, when it was matched by
  // meaning in another language ("Avenue Vuurkruisen" for
  // Vuurkruisenlaan).
  LanguageMask excluded = 0;
  int place_match = -1;   // the place the best result agreed with
  int municipality = -1;  // the best result's municipality, or -1
};

std::optional<Language> DetectLanguage(const ParsedQuery& query,
                                       const std::vector<PlaceMatch>& places,
                                       const LanguageEvidence& evidence,
                                       const IndexData& index,
                                       const LanguageVotes& votes);

// The official language of a municipality: N -> nl, F -> fr, D -> de,
// nullopt for bilingual Brussels (FN).
std::optional<Language> MunicipalityLanguage(const MunicipalityEntry& m);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_LANGUAGE_DETECTOR_H_
