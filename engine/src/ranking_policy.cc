// The names of RankingPolicy's fields, for the quality harness's
// --policy NAME=VALUE (ranking_policy.h).

#include "internal/ranking_policy.h"

#include <string>
#include <type_traits>
#include <vector>

namespace beladdr::internal {

namespace {

// Calls visit(name, field) for every field of `policy`, in declaration
// order; `name` is the field's path ("word.prefix_base").
template <typename Policy, typename Visit>
void VisitFields(Policy& policy, Visit&& visit) {
#define FIELD(path) visit(#path, policy.path)
  FIELD(word.prefix_base);
  FIELD(word.prefix_share);
  FIELD(word.stem_only);
  FIELD(word.edit_cost);
  FIELD(word.first_letter);
  FIELD(language.street_type);
  FIELD(language.stopword);
  FIELD(language.title_reading);
  FIELD(language.compound_suffix);
  FIELD(language.abbreviated_suffix);
  FIELD(language.place_name);
  FIELD(language.equivalent);
  FIELD(place_reading_quality);
  FIELD(place_prefix_quality);
  FIELD(place_edit_cost);
  FIELD(named_place);
  FIELD(strong_place);
  FIELD(sure_place);
  FIELD(whole_query_place);
  FIELD(locality_place_factor);
  FIELD(cut_compound_place_factor);
  FIELD(locality_own_postcode);
  FIELD(locality_same_municipality);
  FIELD(street_over_place);
  FIELD(query_stopword_weight);
  FIELD(query_initial_weight);
  FIELD(query_street_type_weight);
  FIELD(bracket_word_weight);
  FIELD(name_stopword_weight);
  FIELD(name_initial_weight);
  FIELD(name_street_type_weight);
  FIELD(name_title_weight);
  FIELD(given_name_weight);
  FIELD(min_pair_similarity);
  FIELD(reading_similarity);
  FIELD(misspelt_reading_factor);
  FIELD(short_slip_similarity);
  FIELD(scoped_min_length);
  FIELD(scoped_two_edit_length);
  FIELD(translation_similarity);
  FIELD(adjectival_similarity);
  FIELD(type_swap_similarity);
  FIELD(type_added_similarity);
  FIELD(numeral_similarity);
  FIELD(initial_similarity);
  FIELD(min_compound_similarity);
  FIELD(good_single_similarity);
  FIELD(other_name_similarity);
  FIELD(name_weight);
  FIELD(query_weight);
  FIELD(place_weight);
  FIELD(postcode_same_municipality);
  FIELD(postcode_near);
  FIELD(neutral_place_agreement);
  FIELD(full_evidence);
  FIELD(address_evidence);
  FIELD(evidence_floor);
  FIELD(near_postcode_factor);
  FIELD(far_postcode_factor);
  FIELD(municipality_mismatch_factor);
  FIELD(unexplained_word_factor);
  FIELD(extra_part_factor);
  FIELD(established_name_coverage);
  FIELD(foreign_postcode_factor);
  FIELD(bare_name_factor);
  FIELD(split_street_factor);
  FIELD(interrupted_street_factor);
  FIELD(min_score);
  FIELD(settled_score);
  FIELD(settled_coverage);
  FIELD(confident_score);
  FIELD(certain_score);
  FIELD(namesake_limit);
  FIELD(number_evidence_band);
  FIELD(number_evidence_streets);
  FIELD(number_missing_factor);
  FIELD(number_unlisted_factor);
  FIELD(scope_min_score);
  FIELD(scope_min_name_coverage);
  FIELD(scope_margin);
  FIELD(contradiction_min_score);
  FIELD(weak_name_coverage);
  FIELD(unique_score);
  FIELD(unique_margin);
  FIELD(municipality_band);
  FIELD(min_municipality_score);
#undef FIELD
}

}  // namespace

std::vector<PolicyField> ListPolicyFields(const RankingPolicy& policy) {
  std::vector<PolicyField> fields;
  VisitFields(policy, [&](std::string_view name, const auto& value) {
    fields.push_back({std::string(name), static_cast<double>(value),
                      std::is_integral_v<std::decay_t<decltype(value)>>});
  });
  return fields;
}

Status SetPolicyField(std::string_view name, double value,
                      RankingPolicy* policy) {
  bool found = false, fits = true;
  VisitFields(*policy, [&](std::string_view field, auto& target) {
    if (field != name) return;
    found = true;
    using T = std::decay_t<decltype(target)>;
    if constexpr (std::is_integral_v<T>) {
      fits = value >= 0 && value == static_cast<double>(static_cast<T>(value));
      if (fits) target = static_cast<T>(value);
    } else {
      target = value;
    }
  });
  if (!found) {
    return Status::InvalidArgument("no ranking policy field named " +
                                   std::string(name));
  }
  if (!fits) {
    return Status::InvalidArgument("ranking policy field " + std::string(name) +
                                   " takes a whole number >= 0");
  }
  return Status::OK();
}

}  // namespace beladdr::internal
